"""Build the ingest evaluation corpus from mirrors of four public test sets (data only, no code).

    python benchmarks/corpus/build_corpus.py [--mirrors /work/.mirror]

For every page it writes one JSON line to benchmarks/corpus/pages.jsonl.gz:
- `text`: the page as a scrape saves it: the visible text of the whole page, one block per line,
  navigation, footers, captions and related links included; <head>, scripts and styles dropped.
- `truth`: what the page is, from the sets' gold files and the page's own metadata (which is not
  in `text`): title as printed, publication day, publisher, gold body, must-keep / must-go snippets.
- `html`: where the page's HTML lives in its mirror (the HTML path of the evaluation reads it).
- `split`: `tune` or `held` by a hash of the page id (60/40); nothing is tuned on `held`.
"""
from __future__ import annotations

import argparse
import datetime as dt
import gzip
import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import lxml.html
from lxml import etree

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from digest.ingest.comparable import comparable  # noqa: E402

OUT = HERE / "pages.jsonl.gz"
TUNE_SHARE = 60

REPOS = {
    "aeb": "scrapinghub/article-extraction-benchmark",
    "goose3": "goose3/goose3",
    "trafilatura": "adbar/trafilatura",
    "htmldate": "adbar/htmldate",
}
DROPPED = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object", "canvas", "select",
           "option"}
BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "tr", "td",
          "th", "table", "thead", "tbody", "section", "article", "header", "footer", "nav", "aside", "main",
          "figure", "figcaption", "blockquote", "pre", "form", "address", "hr", "br", "caption", "fieldset",
          "legend", "button", "label", "summary", "details", "time", "picture", "video", "audio"}


def split_of(page_id: str) -> str:
    """`tune` or `held`: fixed by the page id alone, so the split never moves."""
    return "tune" if int(hashlib.sha256(page_id.encode()).hexdigest()[:8], 16) % 100 < TUNE_SHARE else "held"


class Mirror:
    """Read files of a bare mirror (no work tree) through one `git cat-file --batch`."""

    def __init__(self, git_dir: Path) -> None:
        self.git_dir = git_dir
        self.process = subprocess.Popen(["git", "--git-dir", str(git_dir), "cat-file", "--batch"],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def names(self, folder: str) -> list[str]:
        out = subprocess.run(["git", "--git-dir", str(self.git_dir), "ls-tree", "-r", "--name-only", "HEAD",
                              folder], capture_output=True, check=True).stdout.decode()
        return out.split("\n")[:-1]

    def read(self, path: str) -> bytes:
        assert self.process.stdin and self.process.stdout
        self.process.stdin.write(f"HEAD:{path}\n".encode())
        self.process.stdin.flush()
        header = self.process.stdout.readline().split()
        if header[-1] == b"missing":
            raise FileNotFoundError(path)
        data = self.process.stdout.read(int(header[2]))
        self.process.stdout.read(1)
        return gzip.decompress(data) if path.endswith(".gz") else data


def mirror_dir(mirrors: Path, repo: str) -> Path:
    return mirrors / repo.replace("/", "+") / "repo"


_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_-]+)""", re.I)


def decode_html(data: bytes) -> str:
    """A page's text: UTF-8, else the charset it declares, else Windows-1252."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    declared = _CHARSET.search(data[:4096])
    for encoding in ([declared.group(1).decode()] if declared else []) + ["cp1252", "latin-1"]:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("latin-1")


def parse_html(data: bytes) -> etree._Element | None:
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", decode_html(data))
    try:
        return lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return None


def _walk(element: etree._Element, lines: list[str], current: list[str]) -> None:
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag.lower() in DROPPED or not tag:
            if child.tail:
                current.append(child.tail)
            continue
        block = tag.lower() in BLOCKS
        if block:
            _flush(lines, current)
        if child.text:
            current.append(child.text)
        _walk(child, lines, current)
        if block:
            _flush(lines, current)
        if child.tail:
            current.append(child.tail)


def _flush(lines: list[str], current: list[str]) -> None:
    line = " ".join("".join(current).split())
    if line:
        lines.append(line)
    current.clear()


def visible_text(root: etree._Element) -> str:
    """The page body's visible text, one block per line (what a plain scrape of the page keeps)."""
    body = root.find("body")
    if body is None:
        body = root
    lines: list[str] = []
    current: list[str] = [body.text or ""]
    _walk(body, lines, current)
    _flush(lines, current)
    return "\n".join(lines)


def _json_ld(root: etree._Element) -> list[dict]:
    found: list[dict] = []
    for script in root.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                found.append(item)
                stack += item.get("@graph", []) if isinstance(item.get("@graph"), list) else []
            elif isinstance(item, list):
                stack += item
    return found


def _meta(root: etree._Element, *names: str) -> str | None:
    for element in root.iter("meta"):
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "").lower()
        if key in names and (element.get("content") or "").strip():
            return " ".join(element.get("content").split())
    return None


def _name_of(value: object) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name")
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None


def page_metadata(root: etree._Element) -> dict:
    """What the page declares about itself: headline, og:title, h1s, datePublished, publisher."""
    articles = [d for d in _json_ld(root) if any(k in d for k in ("headline", "datePublished"))]
    headline = next((_name_of(d.get("headline")) for d in articles if d.get("headline")), None)
    published = next((str(d["datePublished"]) for d in articles if d.get("datePublished")), None)
    publisher = next((_name_of(d.get("publisher")) for d in articles if _name_of(d.get("publisher"))), None)
    return {
        "headline": headline,
        "og_title": _meta(root, "og:title"),
        "h1": [" ".join(h.text_content().split()) for h in root.iter("h1")][:3],
        "date": published or _meta(root, "article:published_time", "datepublished", "date", "dc.date"),
        "publisher": publisher or _meta(root, "og:site_name"),
        "lang": (root.get("lang") or "").split("-")[0].lower() or None,
    }


norm = comparable  # the ingest's own comparison: "exact after whitespace and quote normalization"


def printed_title(text: str, meta: dict, gold: str | None) -> str | None:
    """The title as printed on the page: a declared title found as a line, else the matching h1."""
    lines = {norm(line): line for line in text.split("\n")}
    declared = [t for t in (gold, meta["headline"], meta["og_title"]) if t]
    for title in declared:
        if norm(title) in lines:
            return lines[norm(title)]
    for h1 in meta["h1"]:
        if norm(h1) in lines and (not declared or any(_overlap(h1, t) >= 0.6 for t in declared)):
            return lines[norm(h1)]
    return None


def _overlap(a: str, b: str) -> float:
    wa, wb = set(norm(a).split()), set(norm(b).split())
    return len(wa & wb) / max(1, min(len(wa), len(wb)))


_DAY = re.compile(r"(\d{4})-(\d\d)-(\d\d)")


def day_of(value: str | None) -> str | None:
    match = _DAY.search(value) if isinstance(value, str) else None
    return match.group(0) if match and real_day(match.group(0)) else None


def real_day(value: str) -> bool:
    """A publication day a page can have: a calendar date since 1990 (some pages declare
    "0001-01-01" or put the day before the month, "2022-29-11"; that is no truth to score by)."""
    try:
        return dt.date.fromisoformat(value).year >= 1990
    except ValueError:
        return False


def record(source: str, name: str, url: str | None, data: bytes, gold: dict) -> dict | None:
    root = parse_html(data)
    if root is None:
        return None
    meta = page_metadata(root)
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree() if bad.getparent() is not None else None
    text = visible_text(root)
    if len(text) < 200:
        return None
    page_id = f"{source}:{name.rsplit('/', 1)[-1]}"
    truth = {
        "title": printed_title(text, meta, gold.get("title")),
        "date": day_of(gold.get("date")) or day_of(meta["date"]),
        "publisher": meta["publisher"],
        "body": gold.get("body"),
        "keep": [s for s in gold.get("keep", []) if norm(s) in norm(text)],
        "drop": [s for s in gold.get("drop", []) if norm(s) in norm(text)],
    }
    return {"id": page_id, "source": source, "split": split_of(page_id), "url": url,
            "lang": meta["lang"] or gold.get("lang"), "html": {"repo": REPOS[source], "path": name},
            "text": text, "truth": truth}


def aeb_pages(mirror: Mirror):
    gold = json.loads(mirror.read("ground-truth.json"))
    for name in mirror.names("html"):
        key = name.split("/")[-1].split(".")[0]
        if key in gold:
            body = gold[key]["articleBody"]
            yield "aeb", name, gold[key].get("url"), {"body": body, "lang": "en"}


def goose_pages(mirror: Mirror):
    for folder in ("tests/data/content", "tests/data/publishdate"):
        for name in mirror.names(folder):
            if not name.endswith(".json"):
                continue
            spec = json.loads(mirror.read(name))
            expected = spec.get("expected", {})
            keep = [expected["cleaned_text"]] if len(expected.get("cleaned_text", "")) >= 20 else []
            gold = {"keep": keep, "date": expected.get("publish_date"), "lang": expected.get("meta_lang")}
            yield "goose3", name[:-5] + ".html", spec.get("url"), gold


def trafilatura_pages(mirror: Mirror):
    evaldata = json.loads(mirror.read("tests/evaldata.json"))
    present = set(mirror.names("tests/eval")) | set(mirror.names("tests/cache"))
    for url, spec in evaldata.items():
        name = next((f"{d}/{spec['file']}" for d in ("tests/eval", "tests/cache")
                     if f"{d}/{spec['file']}" in present), None)
        if name:
            gold = {"keep": spec.get("with", []), "drop": spec.get("without", []), "title": spec.get("title"),
                    "date": spec.get("date")}
            yield "trafilatura", name, url, gold


def htmldate_pages(mirror: Mirror):
    present = set(mirror.names("tests"))
    for listing in ("tests/eval_default.json", "tests/eval_mediacloud_2020.json"):
        for url, spec in json.loads(mirror.read(listing)).items():
            name = next((f"{d}/{spec['file']}" for d in ("tests/cache", "tests/eval", "tests/test_set")
                         if f"{d}/{spec['file']}" in present), None)
            if name:
                yield "htmldate", name, url, {"date": spec.get("date")}


READERS = {"aeb": aeb_pages, "goose3": goose_pages, "trafilatura": trafilatura_pages, "htmldate": htmldate_pages}


def build(mirrors: Path) -> list[dict]:
    pages, seen = [], set()
    for source, reader in READERS.items():
        mirror = Mirror(mirror_dir(mirrors, REPOS[source]))
        for source_name, name, url, gold in reader(mirror):
            try:
                data = mirror.read(name)
            except FileNotFoundError:
                continue
            page = record(source_name, name, url, data, gold)
            digest = hashlib.sha256(data).hexdigest()
            if page and digest not in seen:  # the sets share some pages: each counts once
                seen.add(digest)
                pages.append(page)
        print(f"{source}: {sum(p['source'] == source for p in pages)} pages", file=sys.stderr)
    return pages


def main() -> None:
    sys.setrecursionlimit(20000)  # some pages nest thousands of elements deep
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"))
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    pages = build(args.mirrors)
    with gzip.GzipFile(args.out, "wb", mtime=0) as handle:
        for page in pages:
            handle.write((json.dumps(page, ensure_ascii=False, sort_keys=True) + "\n").encode())
    print(f"{len(pages)} pages -> {args.out} ({args.out.stat().st_size // 1024} KiB)", file=sys.stderr)


if __name__ == "__main__":
    main()
