"""Golden output of the sample site: a few pages kept in tests/fixtures/golden/, reviewed by eye.

    python -m tests.golden --update     # after a deliberate change to templates or content

The test compares a fresh build with these files; a diff in a pull request shows exactly what
a change did to the pages readers see.
"""
from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from digest.output.run import BuildOptions, build_site
from digest.project import Project

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "fixtures" / "golden"
REPO = HERE.parent
PAGES = [
    "index.html",
    "articles/2022-01-09-brinken-warns-russia-against-invading/index.html",
    "articles/2022-01-09-brinken-warns-russia-against-invading/source/index.html",
    "timeline/index.html",
    "timeline/2022-01-10/index.html",
    "sources/report-wire/index.html",
    "feed.xml",
    "timeline.ics",
]


def build_sample(into: Path) -> Path:
    for name in ("content", "layouts"):
        shutil.copytree(REPO / name, into / name)
    build_site(Project(into), BuildOptions(use_cache=False))
    return into / "site"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--update", action="store_true", help="rewrite the golden files from a fresh build")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = build_sample(Path(tmp))
        for page in PAGES:
            target = GOLDEN / page
            if args.update:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes((site / page).read_bytes())
                print(f"wrote {target.relative_to(REPO)}")


if __name__ == "__main__":
    main()
