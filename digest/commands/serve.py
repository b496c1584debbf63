"""`serve`: build into .digest-cache/preview/ (never site/), serve it on 127.0.0.1, rebuild and reload."""
from __future__ import annotations

import argparse
import gc
import ipaddress
import sys
import threading

from digest.commands import add_project_argument
from digest.commands.build import COLLECTOR_THRESHOLDS
from digest.errors import DigestError
from digest.project import Project
from digest.serve.server import normalize_base_path
from digest.serve.session import PreviewSession

HELP = "preview: build, serve on http://127.0.0.1:8000, rebuild and live-reload on every save"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_project_argument(parser)
    parser.add_argument("--host", default=None, help="address to listen on (default 127.0.0.1: this machine "
                        "only, answering only requests for localhost names; with --host, any Host header)")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000; the next free one if taken)")
    parser.add_argument("--base-path", default="/", help="serve under a sub-path, as GitHub Pages does for "
                        "a project site, e.g. --base-path /repo/")


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def run(args: argparse.Namespace) -> int:
    gc.set_threshold(*COLLECTOR_THRESHOLDS)  # the first build is a build (see there)
    chosen_host = args.host is not None
    args.host = args.host or "127.0.0.1"
    if not _is_loopback(args.host):
        print(f"warning: listening on {args.host}: anyone who can reach this machine can read the preview",
              file=sys.stderr)
    base_path = normalize_base_path(args.base_path)
    try:
        session = PreviewSession(Project(args.project.resolve()), args.host, args.port, base_path)
    except DigestError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if chosen_host:
        session.state.allowed_hosts = None  # asked for: other machines may use any name for this one
    session.start()
    print(f"Serving {session.output} at {session.url} (Ctrl-C to stop)", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        print("\nStopping...", flush=True)
    finally:
        session.stop()
    return 0
