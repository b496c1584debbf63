"""Related articles: shared entities (rare ones weigh more), published near the same days, one per
story, never the article's own copies; listed on the article page and rebuilt when a new one is related."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from digest.config import SiteConfig
from digest.model import Article, Site
from digest.output.run import Builder, BuildOptions
from digest.project import Project
from digest.related import entity_index, related_ids
from tests.conftest import write_article


def _article(article_id: str, day: int, entities: tuple[str, ...], duplicates: tuple[str, ...] = ()) -> Article:
    return Article(id=article_id, title=article_id.title(), date=dt.date(2022, 1, day), publisher="P", body_utf8=b"",
                   source_path=Path(f"{article_id}.md"), entities=entities, duplicates=duplicates)


def _site(*articles: Article) -> Site:
    return Site(config=SiteConfig(), articles=articles)


def test_a_shared_rare_entity_outweighs_a_shared_common_one():
    articles = [_article("main", 10, ("nato", "lavrov")), _article("rare", 10, ("lavrov",)),
                _article("common", 10, ("nato",)), *(_article(f"filler-{n}", 10, ("nato",)) for n in range(6))]
    index = entity_index(_site(*articles))
    ranked = related_ids(index, articles[0], count=8)
    assert ranked[0] == "rare" and "common" in ranked and "main" not in ranked


def test_the_same_entities_weeks_apart_rank_below_the_same_entities_the_same_week():
    articles = [_article("main", 10, ("osce",)), _article("far", 31, ("osce",)), _article("near", 11, ("osce",)),
                _article("other", 10, ("kazakhstan",))]
    assert related_ids(entity_index(_site(*articles)), articles[0]) == ("near", "far")


def test_copies_are_left_out_and_at_most_four_are_listed():
    articles = [_article("main", 10, ("geneva",)), *(_article(f"a{n}", 10, ("geneva",)) for n in range(6))]
    ranked = related_ids(entity_index(_site(*articles)), articles[0], exclude={"a0", "a1"})
    assert len(ranked) == 4 and not {"a0", "a1"} & set(ranked)


def _related_on_page(site: Path, article_id: str) -> list[str]:
    html = (site / "articles" / article_id / "index.html").read_text(encoding="utf-8")
    if 'id="related"' not in html:
        return []
    block = html.split('id="related"', 1)[1].split("</ul>", 1)[0]
    return re.findall(r'href="\.\./\.\./articles/([^/]+)/index\.html"', block)


def test_the_article_page_lists_related_articles_and_a_new_one_joins_on_the_next_build(empty_project: Path):
    (empty_project / "content" / "entities.yaml").write_text(
        "ryabkov:\n  name: Sergei Ryabkov\n  kind: person\nsherman:\n  name: Wendy Sherman\n  kind: person\n")
    write_article(empty_project, "2022-01-10-talks", "title: Talks open\ndate: 2022-01-10\npublisher: A\n"
                  "entities: [ryabkov, sherman]")
    write_article(empty_project, "2022-01-10-copy", "title: Talks open (copy)\ndate: 2022-01-10\npublisher: B\n"
                  "entities: [ryabkov, sherman]\nduplicates: [2022-01-10-talks]")
    write_article(empty_project, "2022-01-11-after", "title: After the talks\ndate: 2022-01-11\npublisher: C\n"
                  "entities: [ryabkov]")
    builder = Builder(Project(empty_project), BuildOptions())
    builder.build()
    site = empty_project / "site"
    assert _related_on_page(site, "2022-01-10-talks") == ["2022-01-11-after"]  # not its copy
    write_article(empty_project, "2022-01-12-sherman", "title: Sherman briefs\ndate: 2022-01-12\npublisher: D\n"
                  "entities: [sherman]")
    builder.build()
    assert _related_on_page(site, "2022-01-10-talks") == ["2022-01-11-after", "2022-01-12-sherman"]
    assert _related_on_page(site, "2022-01-12-sherman") == ["2022-01-10-copy"]  # one card for the story
