"""Deterministic synthetic digests for benchmarks: N articles of ~700 words with front matter.

    python benchmarks/generate.py 1000 benchmarks/out/d1000

The same N always gives the same bytes. Articles have tags, entities and dates across the
coverage window, and bodies with paragraphs, quotes, lists and links, like real digests.
"""
from __future__ import annotations

import datetime as dt
import random
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = ("the talks in geneva russia nato ukraine officials said would meet monday sanctions troops border "
         "diplomatic week security europe moscow washington kremlin alliance delegation minister deputy "
         "foreign council vienna brussels agreement proposal missile exercises guarantees expansion "
         "demands response warned pressure crisis negotiations round statement reporters").split()
TAGS = ["russia", "ukraine", "nato", "geneva", "osce", "sanctions", "kazakhstan", "diplomacy", "military",
        "energy", "cyber", "europe", "united states", "arms control"] + [f"topic {i}" for i in range(36)]
ENTITIES = ["vladimir-putin", "joe-biden", "antony-blinken", "wendy-sherman", "sergei-ryabkov", "sergey-lavrov",
            "jens-stoltenberg", "nato", "osce", "russia", "ukraine", "geneva", "kazakhstan", "united-states"]
PUBLISHERS = [f"Outlet {i}" for i in range(25)]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def body(rng: random.Random, index: int) -> str:
    blocks = []
    for p in range(9):
        blocks.append(" ".join(sentence(rng, rng.randint(12, 22)) for _ in range(4)))
        if p == 1:
            blocks.append(f"> “{sentence(rng, 18)[:-1]},” the minister said on {rng.choice(WEEKDAYS)}.")
        if p == 3:
            blocks.append("\n".join(f"- {sentence(rng, 10)}" for _ in range(4)))
        if p == 5:
            blocks.append(f"Read the [statement](https://example.org/statements/{index}) and the "
                          f"**full text** of the proposal {sentence(rng, 8).lower()}")
    return "\n\n".join(blocks) + "\n"


def article(rng: random.Random, index: int, start: dt.date) -> tuple[str, str]:
    day = start + dt.timedelta(days=index % 9)
    title = f"{sentence(rng, 7)[:-1]} ({index})"
    tags = rng.sample(TAGS, 3)
    entities = rng.sample(ENTITIES, 4)
    name = f"{day.isoformat()}-article-{index:05d}"
    front = (f"---\ntitle: \"{title}\"\ndate: {day.isoformat()}\ndate_source: explicit\n"
             f"publisher: {PUBLISHERS[index % len(PUBLISHERS)]}\nauthor: [Author {index % 60}]\n"
             f"summary: \"{sentence(rng, 22)}\"\ntags: [{', '.join(tags)}]\nentities: [{', '.join(entities)}]\n"
             f"url: https://example.org/news/{index}\n---\n")
    return name, front + body(rng, index)


def generate(count: int, out: Path) -> Path:
    """A complete project (content + the repository's layouts) with `count` articles."""
    shutil.rmtree(out, ignore_errors=True)
    (out / "content" / "articles").mkdir(parents=True)
    shutil.copytree(ROOT / "layouts", out / "layouts")
    for name in ("site.yaml", "entities.yaml", "sources.yaml", "timeline.yaml"):
        shutil.copy(ROOT / "content" / name, out / "content" / name)
    timeline = out / "content" / "timeline.yaml"
    timeline.write_text("\n".join(line for line in timeline.read_text().splitlines()
                                  if not line.strip().startswith("- 20") and line.strip() != "sources:") + "\n")
    rng = random.Random(20220110)
    start = dt.date(2022, 1, 6)
    for index in range(count):
        name, text = article(rng, index, start)
        (out / "content" / "articles" / f"{name}.md").write_text(text, encoding="utf-8")
    return out


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    target = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "benchmarks" / "out" / f"d{count}"
    print(generate(count, target))
