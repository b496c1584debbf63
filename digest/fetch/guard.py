"""Which URLs and addresses the fetcher may contact: http(s) only, public addresses only.

The address check runs on what the name *resolves to*, at connection time, for every
connection (redirects included), so neither a feed item nor a redirect nor a DNS answer can
point the tool at 127.0.0.1, 10.x, 169.254.169.254 (cloud metadata) or another internal service.
"""
from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from urllib.parse import SplitResult, urlsplit

from digest.fetch.errors import FetchError

Resolver = Callable[..., list]
SCHEMES = ("http", "https")


def checked_url(url: str) -> SplitResult:
    """The parts of an absolute http(s) URL with a host; FetchError `bad-url` otherwise."""
    try:
        parts = urlsplit(url.strip())
        _ = parts.port  # raises on a malformed port
    except ValueError as exc:
        raise FetchError(url, "bad-url", str(exc)) from None
    if parts.scheme.lower() not in SCHEMES:
        raise FetchError(url, "bad-url", f"only http and https are fetched, not {parts.scheme or 'a relative URL'!r}")
    if not parts.hostname:
        raise FetchError(url, "bad-url", "no host")
    if parts.username or parts.password:
        raise FetchError(url, "bad-url", "credentials in URLs are not sent")
    return parts


def is_public(address: str) -> bool:
    """True for a globally routable unicast address (not private, loopback, link-local, reserved)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def resolve(url: str, host: str, port: int, allowed: Callable[[str], bool] | None,
            resolver: Resolver = socket.getaddrinfo) -> list[tuple]:
    """The (family, sockaddr) pairs to connect to for host:port, all of them `allowed`
    (None: any address, as with --allow-private).

    One refused answer refuses the host: a name that resolves both ways is trusted with neither."""
    try:
        infos = resolver(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(url, "unresolvable", f"{host}: {exc}") from None
    targets = [(family, sockaddr) for family, _, _, _, sockaddr in infos
               if family in (socket.AF_INET, socket.AF_INET6)]
    if not targets:
        raise FetchError(url, "unresolvable", f"{host}: no address")
    if allowed is not None:
        for _, sockaddr in targets:
            if not allowed(sockaddr[0]):
                raise FetchError(url, "refused-address",
                                 f"{host} is {sockaddr[0]}, not a public address (--allow-private to permit)")
    return targets
