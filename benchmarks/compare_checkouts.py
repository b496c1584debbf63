"""Is a change slower? Cold, warm and one-edit builds of several checkouts of news-digest on the
same corpus, interleaved, in fresh processes.

    git worktree add /tmp/before <commit>
    python benchmarks/compare_checkouts.py --size 10000 --runs 3 /tmp/before .

Each checkout builds the corpus its own `benchmarks/generate.py` makes (the same articles; its
own layouts, which a change may have edited), so each row is that checkout as a user would have
it. Rounds go checkout by checkout (A, B, A, B, ...) from the same settled machine (see run.py's
`settle`), so drift hits all alike. Prints the median wall and CPU seconds (user + system, of the
build and its workers) and the peak RSS of each kind of build, and each checkout's ratio to the
first one. CPU seconds move less than wall time when something else shares the machine.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks.run import OUT, measure_round  # noqa: E402

KINDS = ("cold", "warm", "edit")


def prepare(checkout: Path, size: int, index: int) -> dict:
    """The checkout's own corpus of `size` articles, and how to build it."""
    project = OUT / f"compare{size}-{index}"
    subprocess.run([sys.executable, str(checkout / "benchmarks" / "generate.py"), str(size), str(project)],
                   check=True, stdout=subprocess.DEVNULL)
    build = [sys.executable, str(checkout / "build.py"), "--project", str(project)]
    return {"name": f"{index}: {checkout}", "build": build, "articles": project / "content" / "articles",
            "clean": [str(project / "site"), str(project / ".digest-cache")],
            "version": [sys.executable, str(checkout / "build.py"), "--help"],
            "warm_up": [project / "content", project / "layouts", project / ".digest-cache"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("checkouts", type=Path, nargs="+", help="folders with build.py; the first is the baseline")
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    tools = [prepare(checkout.resolve(), args.size, i) for i, checkout in enumerate(args.checkouts)]
    results: list[dict[str, list]] = [{kind: [] for kind in KINDS} for _ in tools]
    for run in range(args.runs):
        for tool, result in zip(tools, results):
            measure_round(tool, run, result)
    print(f"{args.size} articles, median of {args.runs} runs (wall s / CPU s / peak MiB; ratio of wall to the first)")
    print(f"{'checkout':<40} " + " ".join(f"{kind:>24}" for kind in KINDS))
    base = {kind: statistics.median(r[0] for r in results[0][kind]) for kind in KINDS}
    for tool, result in zip(tools, results):
        cells = []
        for kind in KINDS:
            wall = statistics.median(r[0] for r in result[kind])
            cpu = statistics.median(r[2] for r in result[kind])
            peak = max(r[1] for r in result[kind])
            cells.append(f"{wall:6.2f} /{cpu:6.1f} /{peak:5} {wall / base[kind]:4.2f}x")
        print(f"{tool['name'][-40:]:<40} " + " ".join(f"{cell:>24}" for cell in cells), flush=True)


if __name__ == "__main__":
    main()
