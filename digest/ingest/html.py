"""Saved HTML pages -> the text the ingest reads, plus what the page declares about itself."""
from __future__ import annotations

from lxml.html import HtmlElement

from digest.ingest.normalize import IngestError
from digest.ingest.page_meta import read_page_meta


def html_to_text(html: str) -> tuple[str, dict]:
    """Main text of a saved page (trafilatura), and what the page declares: url, site name,
    title, author, date (`title` and `date` come back under those keys for `Hints.declared`).
    Title and date are the page's own statements weighed against trafilatura's (page_meta)."""
    tree = _parse(html)
    document = _extract(tree if tree is not None else html, with_metadata=True)
    if document is None:
        raise IngestError("no article text found in the HTML page")
    data = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    declared = {}
    if str(data.get("url") or "").startswith(("http://", "https://")):
        declared["url"] = data["url"]
    for key, name in (("sitename", "publisher"), ("title", "title"), ("author", "author"), ("date", "date")):
        if data.get(key) and str(data[key]).strip():
            declared[name] = str(data[key]).strip()
    if tree is not None:
        stated = read_page_meta(tree, declared.get("title"), declared.get("date"))
        declared.update({k: v for k, v in (("title", stated.title), ("date", stated.day)) if v})
    if "author" in declared:
        declared["author"] = [a.strip() for a in declared["author"].split(";") if a.strip()]
    text = data.get("text") or ""
    if not text.strip():
        raise IngestError("no article text found in the HTML page")
    return text, declared


def _parse(html: str) -> HtmlElement | None:
    """The page as trafilatura parses it (parsed once: trafilatura reads a copy of the tree)."""
    from trafilatura.utils import load_html
    try:
        return load_html(html)
    except Exception:  # noqa: BLE001 - trafilatura then reports the page itself, on the text
        return None


def _extract(html: str | HtmlElement, with_metadata: bool):
    """trafilatura's reading of the page. Its parsers can fail on malformed markup (htmldate's
    date search asserts on `<svg><meta><v>`): then the page is read again without the metadata,
    and a page that still cannot be read is an IngestError, never a crash of the batch."""
    import trafilatura
    try:
        return trafilatura.bare_extraction(html, include_comments=False, include_tables=False,
                                           with_metadata=with_metadata)
    except Exception as error:  # noqa: BLE001 - a parser's failure on this page, reported as such
        if with_metadata:
            return _extract(html, with_metadata=False)
        raise IngestError(f"the HTML page could not be parsed ({type(error).__name__}: {error})") from None
