"""A real HTTP server on 127.0.0.1, in a thread, answering from a table of recorded replies."""
from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | Iterable[bytes] = b""
    delay: float = 0.0   # seconds before answering (a slow server)


@dataclass
class Seen:
    path: str
    headers: dict[str, str]


Route = Callable[["Seen"], Reply] | Reply | list


class LocalServer:
    """`routes[path]` is a Reply, a list of Replies given in turn (the last one repeats), or a
    function of the request. Unknown paths are 404. `seen` lists every request in order."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.seen: list[Seen] = []
        self.bytes_sent: dict[str, int] = {}
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.origin + path

    def requests_to(self, path: str) -> list[Seen]:
        return [s for s in self.seen if s.path == path]

    def reply_for(self, seen: Seen) -> Reply:
        with self._lock:
            self.seen.append(seen)
            route = self.routes.get(seen.path)
            if isinstance(route, list):
                route = route.pop(0) if len(route) > 1 else route[0]
        if route is None:
            return Reply(404, {"Content-Type": "text/plain"}, b"not found")
        return route(seen) if callable(route) else route

    def __enter__(self) -> LocalServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()


def _handler_for(server: LocalServer):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:  # keep test output clean
            pass

        def do_GET(self) -> None:
            reply = server.reply_for(Seen(self.path, {k.lower(): v for k, v in self.headers.items()}))
            if reply.delay and server.stopping.wait(reply.delay):
                return
            self.send_response(reply.status)
            body = reply.body
            for name, value in reply.headers.items():
                self.send_header(name, value)
            if isinstance(body, bytes) and "Content-Length" not in reply.headers:
                self.send_header("Content-Length", str(len(body)))
            if not isinstance(body, bytes):
                self.send_header("Connection", "close")
            self.end_headers()
            sent = 0
            try:
                for chunk in [body] if isinstance(body, bytes) else body:
                    self.wfile.write(chunk)
                    sent += len(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
            finally:
                server.bytes_sent[self.path] = server.bytes_sent.get(self.path, 0) + sent
            if not isinstance(body, bytes):
                self.close_connection = True

    return Handler
