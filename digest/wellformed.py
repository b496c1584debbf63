"""Values that end up in URLs, files and headers: http(s) addresses, host names, language tags,
time zones. Each check returns the problem as text (None when the value is fine)."""
from __future__ import annotations

import re
import zoneinfo
from functools import cache
from urllib.parse import urlsplit

_HOST_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")  # BCP 47: en, de-CH, zh-Hant-TW
_ZONE_NAME = re.compile(r"^[A-Za-z0-9_+\-]+(?:/[A-Za-z0-9_+\-]+)*$")


def http_url_problem(url: str) -> str | None:
    """Why `url` is not an absolute http(s) address with a host, or None."""
    if any(c.isspace() or ord(c) < 0x20 or ord(c) == 0x7f for c in url):
        return "must not contain spaces or control characters"
    try:
        parts = urlsplit(url)
        port = parts.port  # raises on a port that is not a number
    except ValueError as exc:
        return f"is not a valid address ({exc})"
    if parts.scheme.lower() not in ("http", "https"):
        return "must start with http:// or https://"
    if not parts.hostname or hostname_problem(parts.hostname.rstrip(".")) and not _is_ip(parts.hostname):
        return "needs a host name, as in https://example.org/"
    del port
    return None


def _is_ip(host: str) -> bool:
    import ipaddress
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def hostname_problem(name: str, dotted: bool = False) -> str | None:
    """Why `name` is not a DNS host name (`dotted`: it must have a dot, as a CNAME does)."""
    labels = name.lower().split(".")
    if len(name) > 253 or not all(_HOST_LABEL.match(label) for label in labels):
        return "must be a host name such as news.example.org (letters, digits, '-' and '.')"
    if dotted and len(labels) < 2:
        return "must be a full host name such as news.example.org"
    return None


def language_problem(tag: str) -> str | None:
    return None if _LANGUAGE.match(tag) else "must be a language tag such as en, fr or de-CH"


@cache
def _known_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def timezone_problem(name: str) -> str | None:
    """Why `name` is not an IANA time zone (Europe/Zurich, UTC); only its form is checked where
    this machine has no time zone database."""
    if not _ZONE_NAME.match(name):
        return "must be a time zone name such as Europe/Zurich or UTC"
    zones = _known_zones()
    if zones and name not in zones and name != "UTC":
        from digest.errors import did_you_mean
        return f"is not a known time zone{did_you_mean(name, zones)}"
    return None
