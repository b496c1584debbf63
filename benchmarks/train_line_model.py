"""Train the ingest's models on the TUNING part of the corpus only (JSON weights, plain-Python inference).

    python benchmarks/train_line_model.py [--title-only | --rankers-only]   (needs numpy and scipy)

Writes digest/ingest/data/: line_model.json, title_model.json, date_model.json (which printed date is
the publication day), publisher_model.json (which printed name is the publisher), and the data the
publisher ranker reads: publishers_corpus.json (site names the tuning pages declare) and
common_lines.json (short lines many sites print). The rankers are conditional logits trained on
what the ingest itself offers as candidates (captured while it runs on each tuning page).

Labels: a line of a page with a gold body is article text when the gold body contains it (short
lines only when they are a whole gold paragraph), furniture otherwise; on pages with snippets, a
line holding a must-keep snippet is text and one holding a must-go snippet is furniture.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
from scipy import optimize

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks" / "corpus")]

from build_corpus import norm  # noqa: E402
from ingest_eval import INGEST_DAY, load_corpus, publisher_key  # noqa: E402

from digest.ingest import normalize as normalize_module  # noqa: E402
from digest.ingest import printed_dates, publisher, scoring, title  # noqa: E402
from digest.ingest.features import CONTEXT_NAMES, NAMES, line_features, with_context  # noqa: E402
from digest.ingest.layout import read_regions  # noqa: E402
from digest.ingest.metadata import split_kicker  # noqa: E402
from digest.ingest.normalize import Hints, IngestError, normalize  # noqa: E402
from digest.ingest.repair import normalize_lines  # noqa: E402
from digest.ingest.scoring import MODEL_FILE, Logistic, Ranker  # noqa: E402


def page_lines(text: str) -> list[str]:
    return [line for line in normalize_lines(text) if line]


def labels(page: dict, lines: list[str]) -> list[float | None]:
    truth = page["truth"]
    gold = norm(truth["body"]) if truth["body"] else None
    paragraphs = {norm(p) for p in truth["body"].split("\n")} if truth["body"] else set()
    keep, drop = [norm(s) for s in truth["keep"]], [norm(s) for s in truth["drop"]]
    out: list[float | None] = []
    for line in lines:
        text = norm(line)
        label = None
        if gold is not None:
            if text in paragraphs or (len(text.split()) >= 4 and text in gold):
                label = 1.0
            elif text not in gold:
                label = 0.0
        if any(k in text for k in keep if k):
            label = 1.0
        elif any(d and d in text and len(d) >= len(text) * 0.5 for d in drop):
            label = 0.0
        out.append(label)
    return out


def fit(x: np.ndarray, y: np.ndarray, weight: np.ndarray, l2: float = 1e-3, steps: int = 600) -> dict:
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    mean[0], scale[0] = 0.0, 1.0  # the bias column stays 1
    scale[scale < 1e-6] = 1.0
    z = (x - mean) / scale

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        p = 1 / (1 + np.exp(-np.clip(z @ w, -30, 30)))
        value = -(weight * (y * np.log(p + 1e-12) + (1 - y) * np.log(1 - p + 1e-12))).sum() / weight.sum()
        return value + l2 / 2 * float(w @ w), z.T @ ((p - y) * weight) / weight.sum() + l2 * w

    w = optimize.minimize(loss, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B", options={"maxiter": steps}).x
    return {"weights": [round(float(v), 6) for v in w], "mean": [round(float(v), 6) for v in mean],
            "scale": [round(float(v), 6) for v in scale]}


def train_title_model(pages: list[dict]) -> None:
    """Which candidate line is the headline: a conditional logit over the lines the layout offers
    around where the text starts; label: the printed title."""
    scoring.line_model.cache_clear()
    about = ("headline model of the ingest: a conditional logit over the candidate lines of a page; trained by "
             "benchmarks/train_line_model.py on the tuning part of benchmarks/corpus only")
    groups = []
    for page in pages:
        truth = page["truth"]["title"]
        if not truth:
            continue
        lines = [(n, t) for n, t in enumerate(page_lines(page["text"]), 1)]
        regions = read_regions(lines)
        if regions is None:
            continue
        found = title.window_rows(regions.window, regions.first_at, regions.body_text, regions.first_text,
                                  regions.counts)
        texts = dict(lines)
        # a headline printed with its kicker ("Analysis: ...") is the title once the kicker is split off
        labels_here = np.array([norm(truth) in (norm(texts[n]), norm(split_kicker(texts[n])[1])) for n, _ in found])
        if found and labels_here.any():
            groups.append((np.array([row for _, row in found]), labels_here))
    fit_and_write(groups, "headline", "whose headline is a candidate", title.MODEL_FILE, about, title.NAMES)
    title.title_ranker.cache_clear()


def fit_ranker(groups: list[tuple[np.ndarray, np.ndarray]], l2: float = 1e-3, steps: int = 1500) -> dict:
    """A conditional logit: per page, the softmax over its candidates; the loss is minus the log of
    the share of the right candidates (a page may print the right date twice)."""
    x = np.vstack([rows for rows, _ in groups])
    right = np.concatenate([labels for _, labels in groups]).astype(float)
    group = np.concatenate([np.full(len(rows), i) for i, (rows, _) in enumerate(groups)])
    starts = np.array([0] + list(np.cumsum([len(rows) for rows, _ in groups])[:-1]))
    mean, scale = x.mean(axis=0), x.std(axis=0)
    mean[0], scale[0] = 0.0, 1.0
    scale[scale < 1e-6] = 1.0
    z = (x - mean) / scale

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        logits = z @ w
        e = np.exp(logits - np.maximum.reduceat(logits, starts)[group])
        total = np.add.reduceat(e, starts)
        p = e / total[group]
        mass = np.add.reduceat(p * right, starts)
        q = p * right / mass[group]  # the share of each right candidate among the right ones
        value = -np.log(np.maximum(mass, 1e-300)).mean() + l2 / 2 * float(w @ w)
        return value, z.T @ (p - q) / len(groups) + l2 * w

    w = optimize.minimize(loss, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B", options={"maxiter": steps}).x
    return {"weights": [round(float(v), 6) for v in w], "mean": [round(float(v), 6) for v in mean],
            "scale": [round(float(v), 6) for v in scale]}


def ranker_outcomes(model: dict, groups: list[tuple[np.ndarray, np.ndarray]],
                    last_is_none: bool = False) -> list[tuple[float, float]]:
    """(share of the top candidate, whether it is right) per page where a candidate was chosen
    (`last_is_none`: each group's last row stands for "none of these", which chooses nothing)."""
    ranker = Ranker(Logistic.from_json(model), 0.5)
    found = []
    for rows, labels in groups:
        listed = [list(map(float, row)) for row in rows]
        best = ranker.best(listed[:-1], listed[-1]) if last_is_none else ranker.best(listed)
        if best:
            found.append((best[1], float(labels[best[0]])))
    return found


def good_share(outcomes: list[tuple[float, float]], precision: float = 0.85) -> float:
    """The lowest share above which the top candidate is right at least `precision` of the time."""
    return float(next((t for t in np.arange(0.1, 0.96, 0.02)
                       if np.mean([ok for p, ok in outcomes if p >= t] or [0]) >= precision), 0.95))


def write_ranker(path: Path, about: str, names: tuple[str, ...], model: dict | None, good: float = 0.5) -> None:
    model = model or {"weights": [0.0] * len(names), "mean": [0.0] * len(names), "scale": [1.0] * len(names)}
    path.write_text(json.dumps({"about": about, "features": list(names), "model": model, "good": round(good, 2)},
                               indent=1) + "\n")


def fit_and_write(groups: list[tuple[np.ndarray, np.ndarray]], what: str, pages_that: str, path: Path,
                  about: str, names: tuple[str, ...]) -> None:
    """Fit a ranker on `groups`, report its top-1 accuracy and review threshold, write its weights."""
    model = fit_ranker(groups)
    outcomes = ranker_outcomes(model, groups)
    good = good_share(outcomes)
    print(f"{what}: top-1 right on {np.mean([ok for _, ok in outcomes]):.3f} of {len(groups)} tuning pages "
          f"{pages_that}; good above {good:.2f}", file=sys.stderr)
    write_ranker(path, about, names, model, good)


def capture(pages: list[dict], module: object, name: str) -> list[tuple[dict, object]]:
    """Run the whole ingest on each page and keep what `module.name` returned on it (its last call)."""
    original = getattr(module, name)
    seen: list[object] = []

    def recorder(*args, **kwargs):
        out = original(*args, **kwargs)
        seen.append(out)
        return out

    setattr(module, name, recorder)
    hints = Hints(window=(INGEST_DAY, INGEST_DAY), today=INGEST_DAY)
    found = []
    try:
        for page in pages:
            seen.clear()
            try:
                normalize(page["text"], hints)
            except IngestError:
                pass
            if seen:
                found.append((page, seen[-1]))
    finally:
        setattr(module, name, original)
    return found


def train_date_ranker(pages: list[dict]) -> None:
    """Which printed date is the publication day; label: the truth's day."""
    about = ("publication-day model of the ingest: a conditional logit over the dates printed on a page; "
             "trained by benchmarks/train_line_model.py on the tuning part of benchmarks/corpus only")
    write_ranker(printed_dates.MODEL_FILE, about, printed_dates.NAMES, None)
    printed_dates.date_ranker.cache_clear()
    groups = []
    for page, candidates in capture([p for p in pages if p["truth"]["date"]], normalize_module, "date_candidates"):
        labels = np.array([str(c.day) == page["truth"]["date"] for c in candidates])
        if candidates and labels.any():
            groups.append((np.array([c.row for c in candidates]), labels))
    fit_and_write(groups, "publication day", "that print it", printed_dates.MODEL_FILE, about, printed_dates.NAMES)
    printed_dates.date_ranker.cache_clear()


def build_site_names(pages: list[dict]) -> None:
    """`data/publishers_corpus.json`: the site name each tuning page declares (og:site_name or
    JSON-LD publisher) with the host it was saved from; a host claimed by two names is left out."""
    by_host: dict[str, set[str]] = {}
    for page in pages:
        name, url = page["truth"]["publisher"], page.get("url") or ""
        host = (urlsplit(url).hostname or "").removeprefix("www.") if url.startswith("http") else ""
        if name and host and host not in SHARED_HOSTS:
            by_host.setdefault(host, set()).add(name)
    listed: dict[str, list[str]] = {}
    for host, names in sorted(by_host.items()):
        if len(names) == 1:
            listed.setdefault(names.pop(), []).append(host)
    publisher.SITES_FILE.write_text(json.dumps({
        "about": "Site names (og:site_name or JSON-LD publisher) and hosts declared by the tuning pages of "
                 "benchmarks/corpus, gathered by benchmarks/train_line_model.py. The pages come from four public "
                 "test sets (scrapinghub/article-extraction-benchmark, MIT; goose3, trafilatura and htmldate "
                 "test data, Apache-2.0): see benchmarks/corpus/ATTRIBUTION.md.",
        "publishers": dict(sorted(listed.items()))}, ensure_ascii=False, indent=0) + "\n")
    publisher.known_publishers.cache_clear()
    print(f"site names: {len(listed)} from {len(pages)} tuning pages", file=sys.stderr)


def build_common_lines(pages: list[dict], sites: int = 4) -> None:
    """`data/common_lines.json`: short lines that tuning pages of at least `sites` different sites print
    (menus, section names, "Contact us"), as publisher keys: evidence that a line names no publisher."""
    seen: dict[str, set[str]] = {}
    as_text: set[str] = set()  # keys of lines that are article text on some tuning page ("Fazit")
    for page in pages:
        site = urlsplit(page.get("url") or "").hostname or page["id"]
        lines = page_lines(page["text"])
        for line, label in zip(lines, labels(page, lines)):
            if line and len(line.split()) <= 6:
                seen.setdefault(publisher.name_key(line), set()).add(site)
                if label == 1.0:
                    as_text.add(publisher.name_key(line))
    keys = sorted(k for k, s in seen.items() if len(s) >= sites and k)
    publisher.COMMON_LINES_FILE.write_text(json.dumps({
        "about": f"short lines printed by tuning pages of at least {sites} sites of benchmarks/corpus (keys of "
                 "digest.ingest.publisher.name_key), gathered by benchmarks/train_line_model.py; `text`: "
                 "those that are article text on some tuning page (a heading such as 'Fazit')",
        "keys": keys, "text": [k for k in keys if k in as_text]}, ensure_ascii=False, indent=0) + "\n")
    publisher._common_lines_data.cache_clear()
    print(f"common lines: {len(keys)}", file=sys.stderr)


SHARED_HOSTS = {"web.archive.org", "feedproxy.google.com", "medium.com", "blogspot.com", "wordpress.com"}


def train_publisher_ranker(pages: list[dict]) -> None:
    """Which name on the page is its publisher; label: the page's declared site name. The ranker is
    trained without the corpus's site-name list (its truth would leak into the `known` feature)."""
    about = ("publisher model of the ingest: a conditional logit over the names a page prints; trained by "
             "benchmarks/train_line_model.py on the tuning part of benchmarks/corpus only")
    write_ranker(publisher.MODEL_FILE, about, publisher.NAMES, None)
    sites_file, publisher.SITES_FILE = publisher.SITES_FILE, Path("/nonexistent/publishers_corpus.json")
    for cached in (publisher.known_publishers, publisher._known_keys, publisher._names_by_key,
                   publisher.publisher_ranker):
        cached.cache_clear()
    try:
        groups = []
        for page, found in capture([p for p in pages if p["truth"]["publisher"]], normalize_module,
                                   "publisher_candidates"):
            key = publisher_key(page["truth"]["publisher"])
            labels = [publisher_key(c.name) == key for c in found]
            groups.append((np.array([c.row for c in found] + [publisher.NO_NAME_ROW]),
                           np.array(labels + [not any(labels)])))
    finally:
        publisher.SITES_FILE = sites_file
    model = fit_ranker(groups)
    outcomes = ranker_outcomes(model, groups, last_is_none=True)
    good = good_share(outcomes)
    print(f"publisher: the likeliest name right on {sum(ok for _, ok in outcomes):.0f} of {len(groups)} tuning "
          f"pages; good above {good:.2f}", file=sys.stderr)
    write_ranker(publisher.MODEL_FILE, about, publisher.NAMES, model, good)
    for cached in (publisher.known_publishers, publisher._known_keys, publisher._names_by_key,
                   publisher.publisher_ranker):
        cached.cache_clear()


def main() -> None:
    pages = load_corpus({"tune"})
    for path, names in ((printed_dates.MODEL_FILE, printed_dates.NAMES), (publisher.MODEL_FILE, publisher.NAMES),
                        (title.MODEL_FILE, title.NAMES)):
        if not path.exists() or json.loads(path.read_text(encoding="utf-8"))["features"] != list(names):
            write_ranker(path, "placeholder until trained", names, None)  # the ingest needs every model to run
    if "--title-only" in sys.argv:
        return train_title_model(pages)
    if "--rankers-only" in sys.argv:
        train_date_ranker(pages)
        build_site_names(pages)
        build_common_lines(pages)
        return train_publisher_ranker(pages)
    rows, targets, weights, groups = [], [], [], []
    for page in pages:
        lines = page_lines(page["text"])
        features = line_features(lines)
        for line, row, label in zip(lines, features, labels(page, lines)):
            if label is not None:
                rows.append(row)
                targets.append(label)
                weights.append(min(3.0, 0.5 + len(line.split()) / 20))  # long lines carry more text
                groups.append(page["id"])
    x, y, wt = np.array(rows), np.array(targets), np.array(weights)
    print(f"{len(pages)} tuning pages, {len(y)} labelled lines ({int(y.sum())} article text)", file=sys.stderr)
    first = fit(x, y, wt)
    # second pass sees the neighbours' first-pass scores: recompute them page by page
    model1 = Logistic.from_json(first)
    ctx_rows, ctx_y, ctx_w = [], [], []
    for page in pages:
        lines = page_lines(page["text"])
        features = line_features(lines)
        scores = [model1.probability(r) for r in features]
        for row, label, line in zip(with_context(features, scores), labels(page, lines), lines):
            if label is not None:
                ctx_rows.append(row)
                ctx_y.append(label)
                ctx_w.append(min(3.0, 0.5 + len(line.split()) / 20))
    second = fit(np.array(ctx_rows), np.array(ctx_y), np.array(ctx_w))
    model2 = Logistic.from_json(second)
    p = np.array([model2.probability(r) for r in ctx_rows])
    cy, cw = np.array(ctx_y), np.array(ctx_w)
    best = max(np.arange(0.2, 0.8, 0.02), key=lambda t: _weighted_f1(p >= t, cy, cw))
    print(f"threshold {best:.2f}: weighted F1 on tuning lines {_weighted_f1(p >= best, cy, cw):.3f}", file=sys.stderr)
    MODEL_FILE.parent.mkdir(exist_ok=True)
    MODEL_FILE.write_text(json.dumps({
        "about": "line model of the ingest: logistic regression, two passes; trained by "
                 "benchmarks/train_line_model.py on the tuning part of benchmarks/corpus only",
        "features": list(NAMES), "context_features": list(CONTEXT_NAMES),
        "first": first, "second": second, "threshold": round(float(best), 2)}, indent=1) + "\n")
    train_title_model(pages)
    train_date_ranker(pages)
    build_site_names(pages)
    build_common_lines(pages)
    train_publisher_ranker(pages)


def _weighted_f1(predicted: np.ndarray, y: np.ndarray, w: np.ndarray) -> float:
    tp = float((w * (predicted & (y == 1))).sum())
    precision = tp / max(1e-9, float((w * predicted).sum()))
    recall = tp / max(1e-9, float((w * (y == 1)).sum()))
    return 2 * precision * recall / max(1e-9, precision + recall)


if __name__ == "__main__":
    main()
