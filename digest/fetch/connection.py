"""HTTP(S) connections that resolve their host through the guard and connect only to the
address that was checked (no second DNS lookup a rebinding attack could answer differently)."""
from __future__ import annotations

import http.client
import socket
import ssl
from collections.abc import Callable

from digest.fetch.errors import FetchError
from digest.fetch.guard import Resolver, resolve

Allowed = Callable[[str], bool] | None


def _connect(url: str, host: str, port: int, timeout: float | None, allowed: Allowed,
             resolver: Resolver) -> tuple[socket.socket, str]:
    last: OSError | None = None
    for family, sockaddr in resolve(url, host, port, allowed, resolver):
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.settimeout(timeout)
        try:
            sock.connect(sockaddr)
            return sock, sockaddr[0]
        except OSError as exc:
            sock.close()
            last = exc
    if isinstance(last, socket.timeout):
        raise FetchError(url, "timeout", f"connecting to {host}")
    raise FetchError(url, "connection", f"{host}: {last}")


class GuardedHTTPConnection(http.client.HTTPConnection):
    """An HTTPConnection whose connect() goes through the address guard."""

    def __init__(self, url: str, host: str, port: int, timeout: float, allowed: Allowed,
                 resolver: Resolver):
        super().__init__(host, port, timeout=timeout)
        self._url, self._allowed, self._resolver = url, allowed, resolver
        self.peer: str | None = None

    def connect(self) -> None:
        self.sock, self.peer = _connect(self._url, self.host, self.port, self.timeout,
                                        self._allowed, self._resolver)


class GuardedHTTPSConnection(http.client.HTTPSConnection):
    """The TLS version: the checked address is wrapped with the host name for SNI and verification."""

    def __init__(self, url: str, host: str, port: int, timeout: float, allowed: Allowed,
                 resolver: Resolver, context: ssl.SSLContext | None = None):
        context = context or ssl.create_default_context()
        super().__init__(host, port, timeout=timeout, context=context)
        self._url, self._allowed, self._resolver = url, allowed, resolver
        self._ssl_context = context
        self.peer: str | None = None

    def connect(self) -> None:
        sock, self.peer = _connect(self._url, self.host, self.port, self.timeout,
                                   self._allowed, self._resolver)
        try:
            self.sock = self._ssl_context.wrap_socket(sock, server_hostname=self.host)
        except (ssl.SSLError, OSError) as exc:
            sock.close()
            raise FetchError(self._url, "connection", f"TLS with {self.host}: {exc}") from None
