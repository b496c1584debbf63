"""Saved HTML pages -> the text the ingest reads, plus what the page declares about itself."""
from __future__ import annotations

from digest.ingest.normalize import IngestError


def html_to_text(html: str) -> tuple[str, dict]:
    """Main text of a saved page (trafilatura), and what the page declares: url, site name,
    title, author, date (`title` and `date` come back under those keys for `Hints.declared`)."""
    document = _extract(html, with_metadata=True)
    if document is None:
        raise IngestError("no article text found in the HTML page")
    data = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    declared = {}
    if str(data.get("url") or "").startswith(("http://", "https://")):
        declared["url"] = data["url"]
    for key, name in (("sitename", "publisher"), ("title", "title"), ("author", "author"), ("date", "date")):
        if data.get(key) and str(data[key]).strip():
            declared[name] = str(data[key]).strip()
    if "author" in declared:
        declared["author"] = [a.strip() for a in declared["author"].split(";") if a.strip()]
    text = data.get("text") or ""
    if not text.strip():
        raise IngestError("no article text found in the HTML page")
    return text, declared


def _extract(html: str, with_metadata: bool):
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
