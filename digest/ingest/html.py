"""Saved HTML pages -> the text the ingest reads, plus what the page declares about itself."""
from __future__ import annotations

from digest.ingest.normalize import IngestError


def html_to_text(html: str) -> tuple[str, dict]:
    """Main text of a saved page (trafilatura) as headline + paragraphs, and its url and site name."""
    import trafilatura
    document = trafilatura.bare_extraction(html, include_comments=False, include_tables=False,
                                           with_metadata=True, favor_precision=True)
    if document is None:
        raise IngestError("no article text found in the HTML page")
    data = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    lines = [data.get("title") or "", ""]
    if data.get("author"):
        lines += [f"By {data['author']}", ""]
    if data.get("date"):
        lines += [f"Published {data['date']}", ""]
    lines.append(data.get("text") or "")
    declared = {}
    if str(data.get("url") or "").startswith(("http://", "https://")):
        declared["url"] = data["url"]
    if data.get("sitename"):
        declared["publisher"] = str(data["sitename"]).strip()
    return "\n".join(lines), declared
