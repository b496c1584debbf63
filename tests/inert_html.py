"""A checker for built sites: find anything a browser would execute that we did not write."""
from __future__ import annotations

import json
from pathlib import Path

import html5lib

OUR_SCRIPTS = {"static/register-sw.js", "static/search.js", "static/timeline-filter.js", "search-index.js",
               "static/livereload.js"}
# The one inline script we write (404 and offline pages find the site's root with it), as fixed text.
_FINDER = (Path(__file__).resolve().parent.parent / "layouts" / "partials" / "root-finder.html").read_text()
OUR_INLINE_SCRIPTS = {_FINDER.split("<script>", 1)[1].split("</script>", 1)[0]}
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "cite", "data", "poster", "srcset")


def executable_problems(site: Path) -> list[str]:
    """Every on* handler, javascript: URL, unknown script or breakable JSON-LD in site/**/*.html."""
    problems = []
    for page in sorted(site.rglob("*.html")):
        document = html5lib.parse(page.read_bytes(), namespaceHTMLElements=False)
        for element in document.iter():
            if not isinstance(element.tag, str):
                continue
            where = f"{page.relative_to(site)} <{element.tag}>"
            for name, value in element.attrib.items():
                if name.lower().startswith("on"):
                    problems.append(f"{where}: event handler {name}")
                if name.lower() in URL_ATTRIBUTES and value.strip().lower().replace("\x00", "").startswith(("javascript:", "vbscript:", "data:text/html")):
                    problems.append(f"{where}: {name}={value!r}")
            if element.tag in ("iframe", "object", "embed", "base", "frame"):
                problems.append(f"{where}: unexpected element")
            if element.tag == "meta" and element.get("http-equiv", "").lower() == "refresh":
                problems.append(f"{where}: meta refresh")
            if element.tag == "script":
                problems += _script_problems(element, where)
    return problems


def _script_problems(element, where: str) -> list[str]:
    src = element.get("src")
    if src:
        known = any(src.endswith(name) for name in OUR_SCRIPTS)
        return [] if known else [f"{where}: unknown script {src}"]
    if element.get("type") == "application/ld+json":
        text = element.text or ""
        try:
            json.loads(text)
        except ValueError:
            return [f"{where}: JSON-LD does not parse"]
        return [f"{where}: raw < in JSON-LD"] if "<" in text else []
    return [] if (element.text or "") in OUR_INLINE_SCRIPTS else [f"{where}: inline script"]
