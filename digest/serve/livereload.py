"""Server-Sent Events for live reload, and the script injected into served pages (never on disk)."""
from __future__ import annotations

import json
import queue
import threading

EVENTS_PATH = "/__digest__/events"
SCRIPT_PATH = "/__digest__/livereload.js"

SCRIPT = """// news-digest preview: reload when the site is rebuilt (served only by `build.py serve`).
(function () {
  var source = new EventSource("%(events)s");
  source.addEventListener("reload", function (message) {
    var data = JSON.parse(message.data);
    if (data.kind === "css") {
      document.querySelectorAll('link[rel="stylesheet"]').forEach(function (link) {
        var url = new URL(link.href); url.searchParams.set("v", data.build); link.href = url.href;
      });
    } else {
      window.location.reload();
    }
  });
})();
"""


def injection(base_path: str) -> bytes:
    return f'<script src="{base_path.rstrip("/")}{SCRIPT_PATH}" defer></script>'.encode()


def inject(html: bytes, base_path: str) -> bytes:
    """Add the reload script before </body> (or at the end)."""
    tag = injection(base_path)
    at = html.rfind(b"</body>")
    return html[:at] + tag + html[at:] if at != -1 else html + tag


class Broadcaster:
    """Fan-out of reload events to every connected browser (one queue per client)."""

    def __init__(self) -> None:
        self._clients: set[queue.Queue] = set()
        self._lock = threading.Lock()
        self.build = 0

    def connect(self) -> queue.Queue:
        client: queue.Queue = queue.Queue(maxsize=16)
        with self._lock:
            self._clients.add(client)
        return client

    def disconnect(self, client: queue.Queue) -> None:
        with self._lock:
            self._clients.discard(client)

    @property
    def count(self) -> int:
        with self._lock:
            return len(self._clients)

    def send(self, kind: str) -> None:
        self.build += 1
        message = f"event: reload\ndata: {json.dumps({'kind': kind, 'build': self.build})}\n\n".encode()
        with self._lock:
            clients = list(self._clients)
        for client in clients:
            try:
                client.put_nowait(message)
            except queue.Full:
                pass  # a stalled client misses a reload; it reloads on the next one

    def close_all(self) -> None:
        with self._lock:
            clients = list(self._clients)
        for client in clients:
            try:
                client.put_nowait(None)
            except queue.Full:
                pass
