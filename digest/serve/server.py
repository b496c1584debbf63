"""The preview HTTP server: static files from the preview build, live reload, and the build-error overlay.

`resolve` decides what a request path means (pure, testable without sockets); the handler
only carries that decision out.
"""
from __future__ import annotations

import html
import http.server
import mimetypes
import posixpath
import queue
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from digest.review import REVIEW_PATH, review_page
from digest.serve import livereload

MAX_PATH = 2048
MIME = {".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
        ".js": "text/javascript; charset=utf-8", ".json": "application/json", ".xml": "application/xml",
        ".ics": "text/calendar; charset=utf-8", ".svg": "image/svg+xml", ".txt": "text/plain; charset=utf-8",
        ".webmanifest": "application/manifest+json", ".epub": "application/epub+zip", ".ico": "image/x-icon",
        ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".webp": "image/webp",
        ".woff2": "font/woff2", ".md": "text/markdown; charset=utf-8"}


@dataclass(frozen=True)
class Resolution:
    status: int                  # 200, 301, 400, 404
    file: Path | None = None
    location: str | None = None  # for redirects


def resolve(root: Path, base_path: str, raw_path: str) -> Resolution:
    """Map a request path to a file under root, refusing anything that could leave it."""
    if len(raw_path) > MAX_PATH:
        return Resolution(414)
    path = urlsplit(raw_path).path
    if not path.startswith(base_path):
        return Resolution(301, location=base_path) if path in ("/", "") else Resolution(404)
    decoded = unquote(unquote(path[len(base_path):]))  # decode twice: %252e%252e is an attack too
    if "\x00" in decoded or "\\" in decoded:
        return Resolution(400)
    parts = decoded.split("/")
    if any(part in ("..", ".") for part in parts):
        return Resolution(400)
    target = root.joinpath(*[p for p in parts if p])
    try:
        resolved = target.resolve()
    except (OSError, RuntimeError):
        return Resolution(404)
    if not resolved.is_relative_to(root.resolve()):
        return Resolution(400)
    if resolved.is_dir():
        if not path.endswith("/"):
            return Resolution(301, location=path + "/")
        resolved = resolved / "index.html"
    if not resolved.is_file():
        return Resolution(404)
    return Resolution(200, file=resolved)


def with_base(page: bytes, base_path: str) -> bytes:
    """The 404 page as served at any address: the server knows where the site's root is, so its
    relative links resolve from there (the first <base> counts; the page's own finder defers)."""
    at = page.find(b"<head>")
    if at == -1:
        return page
    at += len(b"<head>")
    return page[:at] + f'<base href="{html.escape(base_path)}">'.encode() + page[at:]


def content_type(path: Path) -> str:
    return MIME.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def overlay_page(message: str) -> bytes:
    """The page shown instead of the site while the last build failed."""
    lines = "".join(f"<li><code>{html.escape(line)}</code></li>" for line in message.splitlines() if line.strip())
    return (f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Build error</title>
<style>body{{font:16px/1.5 system-ui,sans-serif;margin:0;background:#2b0b0b;color:#fff}}
main{{max-width:60rem;margin:3rem auto;padding:0 1rem}}h1{{color:#ff8a80}}code{{white-space:pre-wrap;font-size:15px}}
li{{margin:.6rem 0;padding:.6rem;background:#451515;border-radius:4px;list-style:none}}</style></head>
<body><main><h1>The site could not be rebuilt</h1>
<p>Fix the file below and save: this page reloads by itself.</p><ul>{lines}</ul></main></body></html>""").encode()


# Names a browser uses for this machine; a page elsewhere that rebinds its own name to 127.0.0.1
# still sends that name as Host, so answering only these keeps the preview private.
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


def host_is_allowed(header: str | None, allowed: frozenset[str] | None) -> bool:
    """Whether a request's Host header names this server (`allowed` None: any name, as --host asks)."""
    if allowed is None:
        return True
    if not header:
        return False
    host, port = header.strip().lower(), ""
    if host.startswith("[") and "]" in host:
        host, _, port = host[1:].partition("]")
        port = port.removeprefix(":") if port.startswith(":") else ("x" if port else "")
    elif host.count(":") == 1:
        host, port = host.split(":")
    if port and not port.isdigit():
        return False
    return host in allowed or host.endswith(".localhost")


class PreviewState:
    """What the server shows: the site folder, and the last build error if there is one."""

    def __init__(self, root: Path, base_path: str, allowed_hosts: frozenset[str] | None = LOCAL_HOSTS):
        self.root = root
        self.base_path = base_path
        self.allowed_hosts = allowed_hosts
        self.error: str | None = None
        # The review queue of the last build, made when the page is asked for (it reads every
        # article: 30 ms at 100,000, too much to spend on each edit).
        self.review_page: Callable[[], bytes] = lambda: review_page([], base_path)
        self.broadcaster = livereload.Broadcaster()
        self.stopping = threading.Event()


class PreviewHandler(http.server.BaseHTTPRequestHandler):
    server_version = "news-digest-preview"
    protocol_version = "HTTP/1.1"
    state: PreviewState  # set on the subclass made by make_server

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - quiet by default
        pass

    def setup(self) -> None:
        super().setup()
        self.connection.settimeout(15)  # slow or stuck clients do not hold a thread forever

    def do_HEAD(self) -> None:
        self.do_GET(head=True)

    def do_GET(self, head: bool = False) -> None:
        state = self.state
        if not host_is_allowed(self.headers.get("Host"), state.allowed_hosts):
            return self._send(421, b"this preview answers only to its own address\n", "text/plain; charset=utf-8", head)
        path = urlsplit(self.path).path
        if path == state.base_path.rstrip("/") + livereload.EVENTS_PATH:
            return self._events()
        if path == state.base_path.rstrip("/") + livereload.SCRIPT_PATH:
            body = (livereload.SCRIPT % {"events": state.base_path.rstrip("/") + livereload.EVENTS_PATH}).encode()
            return self._send(200, body, "text/javascript; charset=utf-8", head)
        if path == state.base_path + REVIEW_PATH:
            return self._send(200, livereload.inject(state.review_page(), state.base_path),
                              "text/html; charset=utf-8", head)
        resolution = resolve(state.root, state.base_path, self.path)
        if resolution.status == 301:
            return self._send(301, b"", "text/plain", head, {"Location": resolution.location or "/"})
        if resolution.status != 200:
            return self._not_found(resolution.status, head)
        file = resolution.file
        if file is None:
            return self._not_found(404, head)
        kind = content_type(file)
        if state.error and kind.startswith("text/html"):
            return self._send(500, livereload.inject(overlay_page(state.error), state.base_path), kind, head)
        try:
            body = file.read_bytes()
        except OSError:
            return self._not_found(404, head)
        if kind.startswith("text/html"):
            body = livereload.inject(body, state.base_path)
        self._send(200, body, kind, head)

    def do_POST(self) -> None:
        self._send(405, b"method not allowed\n", "text/plain", False, {"Allow": "GET, HEAD"})

    do_PUT = do_DELETE = do_PATCH = do_POST

    def _not_found(self, status: int, head: bool) -> None:
        page = self.state.root / "404.html"
        if status == 404 and page.is_file():
            body = with_base(page.read_bytes(), self.state.base_path)
            return self._send(404, livereload.inject(body, self.state.base_path), "text/html; charset=utf-8", head)
        reason = {400: b"bad request\n", 404: b"not found\n", 414: b"URI too long\n"}.get(status, b"error\n")
        self._send(status, reason, "text/plain; charset=utf-8", head)

    def _send(self, status: int, body: bytes, kind: str, head: bool, headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _events(self) -> None:
        """Server-Sent Events: one `reload` event per rebuild, comments as keep-alives."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        broadcaster = self.state.broadcaster
        client = broadcaster.connect()
        try:
            self.wfile.write(b"retry: 500\n: connected\n\n")
            self.wfile.flush()
            while not self.state.stopping.is_set():
                try:
                    message = client.get(timeout=5)
                except queue.Empty:
                    message = b": keep-alive\n\n"
                if message is None:
                    break
                self.wfile.write(message)
                self.wfile.flush()
        except (OSError, ValueError):
            pass  # the browser went away
        finally:
            broadcaster.disconnect(client)


class PreviewServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 256

    def handle_error(self, request, client_address) -> None:
        """A browser that goes away mid-response is normal: no traceback for that."""
        import sys
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)


def make_server(state: PreviewState, host: str, port: int) -> PreviewServer:
    handler = type("Handler", (PreviewHandler,), {"state": state})
    if state.allowed_hosts is not None:
        state.allowed_hosts = state.allowed_hosts | {host.strip("[]").lower()}
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    server_class = type("Server", (PreviewServer,), {"address_family": family})
    return server_class((host, port), handler)


def normalize_base_path(base_path: str) -> str:
    """'/repo' or 'repo/' -> '/repo/'; '' -> '/'."""
    clean = "/" + posixpath.normpath("/" + base_path.strip()).strip("/")
    return clean if clean.endswith("/") else clean + "/"
