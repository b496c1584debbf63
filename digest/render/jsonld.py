"""schema.org metadata for article pages (rendered with Jinja's tojson, which escapes <, > and &)."""
from __future__ import annotations

from digest import urls
from digest.model import Article, Site
from digest.provenance import trust_notices
from digest.render.images import lead_image
from digest.views import source_for


def news_article(site: Site, article: Article) -> dict:
    source = source_for(site, article.publisher)
    data: dict = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "datePublished": article.date.isoformat(),
        "dateModified": article.updated.isoformat(),
        "inLanguage": article.language,
        "url": urls.absolute(site.config.base_url, urls.article(article.id)),
        "mainEntityOfPage": urls.absolute(site.config.base_url, urls.article(article.id)),
        "publisher": {"@type": "Organization", "name": article.publisher,
                      **({"url": f"https://{source.domain}/"} if source and source.domain else {})},
        "author": [{"@type": "Person", "name": name} for name in article.authors] or
                  [{"@type": "Organization", "name": article.publisher}],
        "keywords": list(article.tags),
    }
    if article.summary:
        data["description"] = article.summary
    lead = lead_image(site, article)
    if lead is not None:
        data["image"] = [{"@type": "ImageObject", "url": site.config.base_url + lead.url,
                          "width": lead.width, "height": lead.height}]
    if article.url:
        data["isBasedOn"] = article.url
    elif article.original_outlet:  # a republished text whose original is known only by its outlet
        data["isBasedOn"] = {"@type": "NewsArticle",
                             "publisher": {"@type": "Organization", "name": article.original_outlet}}
    if article.translated_from or article.original_url:
        original: dict = {"@type": "NewsArticle"}
        if article.translated_from:
            original["inLanguage"] = article.translated_from
        if article.original_url:
            original["url"] = article.original_url
        data["translationOfWork"] = original
    if article.agency:
        data["sourceOrganization"] = {"@type": "Organization", "name": article.agency}
    if article.corrections:
        data["correction"] = [{"@type": "CorrectionComment", "datePublished": c.date.isoformat(), "text": c.text}
                              for c in article.corrections]
    notices = trust_notices(article)
    if notices:
        data["creditText"] = "; ".join(n.heading for n in notices)
    return data
