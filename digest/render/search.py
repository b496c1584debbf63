"""Offline search: an index emitted as a script (works from file://, no fetch), and the SW."""
from __future__ import annotations

import hashlib
import json
import re
import unicodedata

from digest.memo import BoundedMemo
from digest.model import Article, Site
from digest.provenance import trust_notices
from digest.render.pages import PageSpec
from digest.timeline.extract import plain_text
from digest import views

MAX_BODY_CHARS = 6000   # per article: enough for the words of a news story, bounded for big sites
SNIPPET_CHARS = 220


_COMBINING: dict[int, None] = {}


def fold(text: str) -> str:
    """Lower case without accents, the form both the index and the query are compared in."""
    text = text.lower()
    if text.isascii():
        return text
    if not _COMBINING:
        _COMBINING.update({cp: None for cp in range(0x300, 0x20D0) if unicodedata.combining(chr(cp))})
    return unicodedata.normalize("NFKD", text).translate(_COMBINING)


_WORDS = re.compile(r"\w+")
# UTF-8 bytes -> the same bytes with every ASCII character that is not a word character (\w) made
# a space. Bytes of other characters are kept, so tokens holding them are split by _WORDS.
_ASCII_NON_WORD_TO_SPACE = bytes(c if c >= 128 or chr(c).isalnum() or chr(c) == "_" else 32 for c in range(256))


def distinct_words(text: str) -> str:
    r"""Each word (\w+, folded) once, in order of first use: what search needs of a body, at a
    fraction of its size.

    Splitting at ASCII punctuation is done on bytes (several times faster than the regex), and
    only the distinct tokens that hold other characters (curly quotes, accents) go through the
    regex and the folding.
    """
    lower = text.lower()
    tokens = dict.fromkeys(lower.encode().translate(_ASCII_NON_WORD_TO_SPACE).decode().split())
    if lower.isascii():
        return " ".join(tokens)
    words: dict[str, None] = {}
    for token in tokens:
        if token.isascii():
            words[token] = None
        else:
            words.update(dict.fromkeys(w if w.isascii() else fold(w) for w in _WORDS.findall(token)))
    return " ".join(words)


_BODY_TERMS: BoundedMemo[tuple[str, str]] = BoundedMemo()  # (id, content hash) -> terms


def body_terms(article: Article) -> tuple[str, str]:
    """(the body's opening for a snippet, its distinct folded words): the costly part of an entry,
    which depends on the article's text alone (so forked workers of a cold build can make it)."""
    return _BODY_TERMS.get_or_make((article.id, article.content_hash), lambda: _terms(plain_text(article.body)))


def _terms(text: str) -> tuple[str, str]:
    # Whitespace does not change the words, so short bodies skip normalising all of it.
    words_of = text if len(text) <= MAX_BODY_CHARS * 4 else " ".join(text.split())[:MAX_BODY_CHARS * 4]
    return _opening(text), distinct_words(words_of)


def _opening(text: str) -> str:
    """The first SNIPPET_CHARS of the text with its whitespace normalised (without doing all of it)."""
    head = text[:SNIPPET_CHARS * 4]
    if len(head) < len(text):
        words = head.split()
        if not head[-1].isspace():
            words = words[:-1]  # possibly cut in the middle of a word
        opening = " ".join(words)
        if len(opening) > SNIPPET_CHARS:
            return opening[:SNIPPET_CHARS]
    return " ".join(text.split())[:SNIPPET_CHARS]


def _entry(site: Site, article: Article) -> dict:
    opening, words = body_terms(article)
    return {
        "t": article.title,
        "u": views.article_url(article.id),
        "s": article.publisher,
        "d": article.date.isoformat(),
        "p": article.summary[:SNIPPET_CHARS] or opening,
        "n": [n.heading for n in trust_notices(article)],
        "k": fold(" ".join([article.title, article.publisher, " ".join(article.tags),
                            " ".join(views.entity_name(site, e) for e in article.entities)])),
        "b": words,
    }


_ENTRIES: BoundedMemo[str] = BoundedMemo()  # entry_key -> JSON text


def entry_key(site: Site, article: Article) -> tuple:
    """Everything an index entry is made of (the article's text and the names it shows)."""
    return article.id, article.content_hash, tuple(views.entity_name(site, e) for e in article.entities)


def entry_json(site: Site, article: Article) -> str:
    """One article's index entry as JSON text that cannot end a script."""
    text = json.dumps(_entry(site, article), ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _entry_json(site: Site, article: Article) -> str:
    """The entry, cached by its key (search index rebuilds cost only the changed articles)."""
    return _ENTRIES.get_or_make(entry_key(site, article), lambda: entry_json(site, article))


# The entries of the last index made, with the article objects and entity registry they were made
# from: the preview's body edits replace a few articles in an otherwise identical site.
_LAST_INDEX: dict = {}


def _entries(site: Site) -> list[str]:
    """Every article's entry: those of the last index for the very same article objects (an entry
    depends on nothing else but the entity names, so the registry must be the same object too)."""
    last = _LAST_INDEX
    if last.get("entities") is site.entities and len(last["articles"]) == len(site.articles):
        entries = list(last["entries"])
        for index, (old, new) in enumerate(zip(last["articles"], site.articles)):
            if old is not new:
                entries[index] = _entry_json(site, new)
    else:
        entries = [_entry_json(site, a) for a in site.articles]
    _LAST_INDEX.update(entities=site.entities, articles=site.articles, entries=entries)
    return entries


def search_index(site: Site, spec: PageSpec) -> bytes:
    """`window.DIGEST_SEARCH = [...]` with `<`, `>` and `&` escaped so no text can end the script."""
    return f"window.DIGEST_SEARCH=[{','.join(_entries(site))}];\n".encode("utf-8")


def build_version(site: Site) -> str:
    """Changes whenever any article or setting changes: names the service worker's cache."""
    digest = hashlib.sha256(site.config.fingerprint.encode())
    for article in site.articles:
        digest.update(f"{article.id}:{article.content_hash}".encode())
    for event in site.events:
        digest.update(repr(event).encode())
    return digest.hexdigest()[:12]


SERVICE_WORKER = """// news-digest service worker: pages visited once keep working offline.
const CACHE = "digest-%(version)s";
const CORE = %(core)s;
self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(CORE)).then(() => self.skipWaiting()));
});
self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys().then((keys) => Promise.all(
    keys.filter((key) => key.startsWith("digest-") && key !== CACHE).map((key) => caches.delete(key))
  )).then(() => self.clients.claim()));
});
self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  // Network first for pages (fresh when online), cache first for everything else.
  const isPage = request.mode === "navigate" || (request.headers.get("accept") || "").includes("text/html");
  const fromNetwork = fetch(request).then((response) => {
    if (response.ok) {
      const copy = response.clone();
      caches.open(CACHE).then((cache) => cache.put(request, copy));
    }
    return response;
  });
  // Offline, a page is the copy saved when it was visited (whatever its ?query: the search page
  // reads its own), or the offline page, which says so (never "page not found").
  event.respondWith(isPage
    ? fromNetwork.catch(() => caches.match(request, {ignoreSearch: true}).then((hit) => hit || caches.match("offline.html")))
    : caches.match(request).then((hit) => hit || fromNetwork));
});
"""


def service_worker(site: Site, spec: PageSpec) -> bytes:
    core = ["./", "index.html", "static/style.css", "search/index.html", "search-index.js",
            "static/search.js", "timeline/index.html", "offline.html"]
    return (SERVICE_WORKER % {"version": build_version(site), "core": json.dumps(core)}).encode()


def plan_search_pages(site: Site) -> list[PageSpec]:
    everything = frozenset({"meta", "events", "bodies"})
    return [
        PageSpec("search/index.html", "search.html", {}, frozenset({"meta"})),
        PageSpec("search-index.js", None, {}, everything, produce=search_index),
        PageSpec("sw.js", None, {}, everything, produce=service_worker),
    ]
