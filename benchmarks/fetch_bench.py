"""`fetch` at scale: 500 items from 20 local feeds, fetched and ingested, then a second run.

    python benchmarks/fetch_bench.py [--feeds 20] [--items 25] [--delay 1.0] [--keep DIR]

Twenty HTTP servers on 127.0.0.1 (one per outlet, so each is its own host for the per-host limits)
serve an RSS feed each and its articles (~700 words of generated text, deterministic), with ETag
and Last-Modified. The project is a copy of the sample's settings with no articles. The fetch runs
in this process with the default politeness (2 requests at a time per host, `--delay` between
them) and --allow-private (the servers are local). The second run must make only conditional
requests and write nothing under content/.
"""
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import io
import random
import shutil
import sys
import tempfile
import threading
import time
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.generate import WEEKDAYS, sentence  # noqa: E402

PEOPLE = ["Wendy Sherman", "Sergei Ryabkov", "Jens Stoltenberg", "Antony Blinken", "Sergey Lavrov"]


def article_html(rng: random.Random, outlet: int, index: int, day: dt.date) -> tuple[str, bytes]:
    title = f"{sentence(rng, 8)[:-1]} ({outlet}-{index})"
    paragraphs = [f"{rng.choice(PEOPLE)} said on {rng.choice(WEEKDAYS)} that {sentence(rng, 14).lower()}"]
    paragraphs += [" ".join(sentence(rng, rng.randint(12, 22)) for _ in range(4)) for _ in range(8)]
    html = (f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title} | Outlet {outlet}</title>"
            f"<meta property=\"og:site_name\" content=\"Outlet {outlet}\">"
            f"<meta property=\"article:published_time\" content=\"{day.isoformat()}T09:00:00Z\"></head><body>"
            f"<nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav><article><h1>{title}</h1>"
            f"<p>By Reporter {index % 7}</p>" + "".join(f"<p>{p}</p>" for p in paragraphs) +
            "</article><footer>Copyright 2022</footer></body></html>")
    return title, html.encode("utf-8")


class Outlet:
    """One local news site: /feed.xml listing `items` articles at /news/<n>."""

    def __init__(self, number: int, items: int, rng: random.Random):
        self.number = number
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.httpd.daemon_threads = True
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.files: dict[str, tuple[str, bytes]] = {"/robots.txt": ("text/plain", b"User-agent: *\nAllow: /\n")}
        entries = []
        for index in range(items):
            day = dt.date(2022, 1, 6) + dt.timedelta(days=index % 9)
            title, html = article_html(rng, number, index, day)
            self.files[f"/news/{index}"] = ("text/html; charset=utf-8", html)
            stamp = format_datetime(dt.datetime(day.year, day.month, day.day, 9, tzinfo=dt.UTC), usegmt=True)
            entries.append(f"<item><title>{title}</title><link>{self.origin}/news/{index}</link>"
                           f"<pubDate>{stamp}</pubDate><description>{title}</description></item>")
        feed = (f"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Outlet {number}</title>"
                f"<link>{self.origin}/</link><language>en</language>{''.join(entries)}</channel></rss>")
        self.files["/feed.xml"] = ("application/rss+xml", feed.encode("utf-8"))
        self.requests = self.conditional = self.not_modified = 0
        self.lock = threading.Lock()
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def _handler(self):
        outlet = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                found = outlet.files.get(self.path)
                if found is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                content_type, body = found
                etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
                conditional = "If-None-Match" in self.headers or "If-Modified-Since" in self.headers
                fresh = self.headers.get("If-None-Match") == etag
                with outlet.lock:
                    outlet.requests += 1
                    outlet.conditional += conditional
                    outlet.not_modified += fresh
                self.send_response(304 if fresh else 200)
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", "Fri, 14 Jan 2022 18:00:00 GMT")
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", "0" if fresh else str(len(body)))
                self.end_headers()
                if not fresh:
                    self.wfile.write(body)
        return Handler


def make_project(folder: Path, outlets: list[Outlet]) -> Path:
    (folder / "content" / "articles").mkdir(parents=True)
    shutil.copytree(ROOT / "layouts", folder / "layouts")
    for name in ("site.yaml", "entities.yaml", "timeline.yaml"):
        shutil.copy(ROOT / "content" / name, folder / "content" / name)
    sources = "".join(f"outlet-{o.number}:\n  name: Outlet {o.number}\n  kind: newspaper\n"
                      f"  feeds: [\"{o.origin}/feed.xml\"]\n" for o in outlets)
    (folder / "content" / "sources.yaml").write_text(sources, encoding="utf-8")
    return folder


def snapshot(project: Path) -> dict[str, tuple[int, int]]:
    return {str(p): (p.stat().st_mtime_ns, p.stat().st_size) for p in (project / "content").rglob("*") if p.is_file()}


def run_fetch(project: Path, delay: float, outlets: list[Outlet]) -> dict:
    from digest.cli import main
    for outlet in outlets:
        outlet.requests = outlet.conditional = outlet.not_modified = 0
    before = snapshot(project)
    started = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()) as out:  # one line per article; the summary is kept
        code = main(["fetch", "--project", str(project), "--allow-private", "--delay", str(delay)])
    print(out.getvalue().splitlines()[-1] if out.getvalue() else "(no output)")
    seconds = time.perf_counter() - started
    after = snapshot(project)
    changed = sum(1 for k, v in after.items() if before.get(k) != v)
    robots = len(outlets)  # robots.txt, read once per host per run (not conditional)
    return {"exit": code, "seconds": seconds, "requests": sum(o.requests for o in outlets) - robots,
            "conditional": sum(o.conditional for o in outlets), "not_modified": sum(o.not_modified for o in outlets),
            "articles": len(list((project / "content" / "articles").glob("*.md"))), "files_written": changed}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=20)
    parser.add_argument("--items", type=int, default=25, help="items per feed")
    parser.add_argument("--delay", type=float, default=1.0, help="seconds between two requests to one host")
    parser.add_argument("--keep", type=Path, help="build the project here and keep it")
    args = parser.parse_args()
    rng = random.Random(20220110)
    outlets = [Outlet(n, args.items, rng) for n in range(args.feeds)]
    folder = args.keep or Path(tempfile.mkdtemp(prefix="fetch-bench-"))
    shutil.rmtree(folder, ignore_errors=True)
    project = make_project(folder, outlets)
    rows = [("first run", run_fetch(project, args.delay, outlets)),
            ("second run", run_fetch(project, args.delay, outlets))]
    print(f"\n{args.feeds} feeds x {args.items} items = {args.feeds * args.items} items; "
          f"delay {args.delay:g} s per host, 2 requests at a time per host\n")
    print("| run | exit | wall s | requests (not robots.txt) | conditional | 304 | articles "
          "| files written in content/ |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for name, row in rows:
        print(f"| {name} | {row['exit']} | {row['seconds']:.1f} | {row['requests']} | {row['conditional']} | "
              f"{row['not_modified']} | {row['articles']} | {row['files_written']} |")
    first, second = rows[0][1], rows[1][1]
    ok = (first["seconds"] < 60 and first["articles"] == args.feeds * args.items
          and second["requests"] == second["conditional"] and second["files_written"] == 0)
    print(f"\nbar (first run < 60 s with every item an article; second run only conditional, nothing written): "
          f"{'met' if ok else 'NOT met'}")
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
