"""Per-field accuracy of the ingest on real pages nobody here wrote (benchmarks/corpus/).

    python benchmarks/ingest_eval.py [--path text|html|both] [--split tune|held|both]

Text path: the page's scraped visible text -> normalize(). HTML path: the saved page ->
the ingest's HTML reader -> normalize(), beside trafilatura's own extraction of the same page.
The scores that count are on the held-back part; nothing is tuned on it.

Fields: title exact after whitespace/quote normalization; date exact day; publisher equal after
dropping case, punctuation, a leading "the", a company form ("GmbH", "Ltd", "Inc") and a
domain's www./TLD ("venturebeat.com" = "VentureBeat"); language against the page's <html lang>
(its primary subtag; pages that declare none are not scored); body token F1 against the gold body;
must-go snippets absent from the output; must-keep snippets present. Each field is scored only on
pages whose truth has it (build_corpus.py keeps a date only when it is a real calendar day).
"""
from __future__ import annotations

import argparse
import collections
import datetime as dt
import gzip
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks" / "corpus")]

from build_corpus import OUT as CORPUS  # noqa: E402
from build_corpus import REPOS, Mirror, mirror_dir, norm  # noqa: E402

from digest.errors import DigestError  # noqa: E402
from digest.ingest.html import html_to_text  # noqa: E402
from digest.ingest.normalize import Hints, IngestError, normalize  # noqa: E402
from digest.ingest.rawfile import decode_raw  # noqa: E402

INGEST_DAY = dt.date(2026, 12, 1)  # the day the evaluation pretends to ingest on (no curated timeline)
_LEGAL_FORM = re.compile(r"(?:[\s,]+(?:gmbh|ag|ltd|inc|llc|s\.?a|plc|e\.\s?v|co|kg|limited|& co))+\.?$")
FIELDS = ("title", "date", "publisher", "language", "body_f1", "must_go", "must_keep")
_LANGUAGE = re.compile(r"^([a-z]{2,3})(?:[-_][a-z0-9]+)*$")
_TLD = re.compile(r"^(?:www\d?\.)|(?:\.(?:com|net|org|co|uk|de|fr|es|it|at|ch|info|io|us|ca|au|in|ru|nl|be|eu))+$")


def load_corpus(splits: set[str]) -> list[dict]:
    with gzip.open(CORPUS, "rt", encoding="utf-8") as handle:
        return [page for page in map(json.loads, handle) if page["split"] in splits]


def publisher_key(name: str) -> str:
    name = norm(name)
    name = _TLD.sub("", _TLD.sub("", name))
    name = re.sub(r"^the\s+", "", name)
    name = _LEGAL_FORM.sub("", name)
    return re.sub(r"[^\w]+", "", name)


def tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def token_f1(found: str, gold: str) -> float:
    a, b = collections.Counter(tokens(found)), collections.Counter(tokens(gold))
    common = sum((a & b).values())
    if not common:
        return 0.0
    precision, recall = common / sum(a.values()), common / sum(b.values())
    return 2 * precision * recall / (precision + recall)


def plain(markdown: str) -> str:
    """The body as a reader sees it (Markdown list, quote and emphasis marks dropped)."""
    text = re.sub(r"^\s*(?:[-*+>]|\d+\.|#+)\s+", "", markdown, flags=re.M)
    return text.replace("**", "").replace("\\", "")


def score_page(page: dict, result: dict | None) -> dict[str, list[float]]:
    """Per field, the scores this page contributes (none where the truth lacks the field)."""
    truth, got = page["truth"], result or {}
    scores: dict[str, list[float]] = collections.defaultdict(list)
    if truth["title"]:
        scores["title"].append(float(norm(got.get("title") or "") == norm(truth["title"])))
    if truth["date"]:
        scores["date"].append(float(got.get("date") == truth["date"]))
    if truth["publisher"]:
        same = publisher_key(got.get("publisher") or "") == publisher_key(truth["publisher"])
        scores["publisher"].append(float(same))
    declared = _LANGUAGE.match(page.get("lang") or "")  # <html lang>, "en-US" and "en_us" as "en"
    if declared and (result is None or "language" in result):  # trafilatura only repeats <html lang>
        scores["language"].append(float(got.get("language") == declared.group(1)))
    if truth["body"]:
        scores["body_f1"].append(token_f1(got.get("body") or "", truth["body"]))
    shown = norm("\n".join([got.get("title") or "", got.get("body") or ""]))
    scores["must_keep"] += [float(norm(s) in shown) for s in truth["keep"]]
    scores["must_go"] += [float(norm(s) not in shown) for s in truth["drop"]]
    return scores


def ingest_text(text: str, hints: Hints) -> dict | None:
    try:
        draft = normalize(text, hints)
    except IngestError:
        return None
    front = draft.front
    return {"title": front.get("title"), "date": str(front.get("date")) if front.get("date") else None,
            "publisher": front.get("publisher") if front.get("publisher") != "Unknown publisher" else None,
            "language": front.get("language"),
            "body": plain(draft.body)}


def text_path(page: dict, hints: Hints, html: bytes | None) -> dict | None:
    return ingest_text(page["text"], hints)


def html_path(page: dict, hints: Hints, html: bytes | None) -> dict | None:
    try:
        text, declared = html_to_text(decode_raw(html))
    except (IngestError, DigestError):
        return None
    overrides = {k: v for k, v in declared.items() if k in ("publisher", "url", "author")}
    return ingest_text(text, Hints(window=hints.window, overrides=overrides, today=hints.today,
                                   declared={k: v for k, v in declared.items() if k in ("title", "date")}))


def trafilatura_own(page: dict, hints: Hints, html: bytes | None) -> dict | None:
    import trafilatura
    document = trafilatura.bare_extraction(html.decode("utf-8", "replace") if html else "", with_metadata=True)
    if document is None:
        return None
    data = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    return {"title": data.get("title"), "date": (data.get("date") or "")[:10] or None,
            "publisher": data.get("sitename"), "body": data.get("text") or ""}


SYSTEMS = {"text": [("ingest, text path", text_path)],
           "html": [("ingest, HTML path", html_path), ("trafilatura", trafilatura_own)]}


def evaluate(pages: list[dict], systems: list[tuple[str, object]], mirrors: Path | None) -> dict:
    hints = Hints(window=(INGEST_DAY, INGEST_DAY), today=INGEST_DAY)
    readers = {}
    totals: dict = {}
    for label, _run in systems:
        for split in ("tune", "held"):
            totals[(label, split)] = {"scores": collections.defaultdict(list), "seconds": 0.0, "pages": 0}
    for page in pages:
        html = None
        if mirrors is not None:
            repo = page["html"]["repo"]
            if repo not in readers:
                readers[repo] = Mirror(mirror_dir(mirrors, repo))
            html = readers[repo].read(page["html"]["path"])
        for label, run in systems:
            started = time.process_time()
            result = run(page, hints, html)
            total = totals[(label, page["split"])]
            total["seconds"] += time.process_time() - started
            total["pages"] += 1
            for field, values in score_page(page, result).items():
                total["scores"][field] += values
    return totals


def print_table(totals: dict) -> None:
    labels = list(dict.fromkeys(label for label, _ in totals))
    print(f"{'field':<11}" + "".join(f"{label + ' / ' + split:>30}" for label in labels for split in ("tune", "held")))
    for field in FIELDS:
        cells = []
        for label in labels:
            for split in ("tune", "held"):
                values = totals[(label, split)]["scores"].get(field, [])
                cells.append(f"{sum(values) / len(values):.3f} (n={len(values)})" if values else "-")
        print(f"{field:<11}" + "".join(f"{c:>30}" for c in cells))
    cells = []
    for label in labels:
        for split in ("tune", "held"):
            total = totals[(label, split)]
            cells.append(f"{total['pages'] / max(total['seconds'], 1e-9):.1f}")
    print(f"{'pages/s':<11}" + "".join(f"{c:>30}" for c in cells))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--path", choices=("text", "html", "both"), default="text")
    parser.add_argument("--split", choices=("tune", "held", "both"), default="both")
    parser.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"),
                        help="where the four sets are mirrored (the HTML path reads pages from them)")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages (a quick look)")
    args = parser.parse_args()
    pages = load_corpus({"tune", "held"} if args.split == "both" else {args.split})
    pages = pages[:args.limit] if args.limit else pages
    for path in ("text", "html") if args.path == "both" else (args.path,):
        if path == "html" and not all(mirror_dir(args.mirrors, r).exists() for r in REPOS.values()):
            print(f"HTML path skipped: mirrors not found under {args.mirrors}", file=sys.stderr)
            continue
        print(f"\n{path} path, {len(pages)} pages (pages/s: CPU time of one process)")
        print_table(evaluate(pages, SYSTEMS[path], args.mirrors if path == "html" else None))


if __name__ == "__main__":
    main()
