"""When two links are the same page: one canonical form of a fetched URL, and the raw file name it gets."""
from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that only say where a reader came from; the page is the same without them.
TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid|smid|taid)$", re.I)


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, no default port, no fragment, no tracking parameters."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    default = {"http": 80, "https": 443}.get(scheme)
    netloc = host if parts.port in (None, default) else f"{host}:{parts.port}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not TRACKING.match(k)])
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


def raw_name(url: str) -> str:
    """`<host>-<16 hex>`: readable, safe as a file name, the same for the same canonical URL."""
    canonical = canonical_url(url)
    host = re.sub(r"[^a-z0-9]+", "-", (urlsplit(canonical).hostname or "page").removeprefix("www."))
    digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]
    return f"{host.strip('-')[:40] or 'page'}-{digest}"
