"""Offline search: an index emitted as a script (works from file://, no fetch), and sw.js."""
from __future__ import annotations

import array
import base64
import bisect
import contextlib
import copy
import hashlib
import itertools
import json
import operator
import re
import typing
import unicodedata

from digest import urls, views
from digest.derived import bodies_digest
from digest.memo import BoundedMemo
from digest.model import Article, Site
from digest.provenance import trust_notices
from digest.render.pages import PageSpec
from digest.timeline.extract import plain_text

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
# UTF-8 bytes -> the same bytes with ASCII letters lowered and every other ASCII character that is
# not a word character (\w) made a space. Bytes of other characters are kept, so tokens holding
# them are split by _WORDS.
_ASCII_FOLD = bytes(c + 32 if 65 <= c <= 90 else c if c >= 128 or chr(c).isalnum() or chr(c) == "_" else 32
                    for c in range(256))


def distinct_words(text: str) -> str:
    r"""Each word (\w+, folded) once, in order of first use: what search needs of a body, at a
    fraction of its size.

    Lowering ASCII and splitting at ASCII punctuation are one pass over the bytes (several times
    faster than str.lower and the regex on a text with any curly quote in it), and only the distinct
    tokens that hold other characters go through lower(), the regex and the folding. lower() of a
    token is lower() of the whole text there: it maps each character alone, except a capital sigma
    (final or not depends on its neighbours), so a text with one takes the plain way.
    """
    lowered = "\u03a3" in text
    if lowered:
        text = text.lower()
    tokens = dict.fromkeys(text.encode("utf-8", "surrogatepass").translate(_ASCII_FOLD).split())
    if all(map(bytes.isascii, tokens)):
        return b" ".join(tokens).decode()
    words: dict[str, None] = {}
    for token in tokens:
        if token.isascii():
            words[token.decode()] = None
            continue
        token_text = token.decode("utf-8", "surrogatepass")
        words.update(dict.fromkeys(w if w.isascii() else fold(w)
                                   for w in _WORDS.findall(token_text if lowered else token_text.lower())))
    return " ".join(words)


_BODY_TERMS: BoundedMemo[tuple[str, str]] = BoundedMemo()  # (id, content hash) -> terms


def body_terms(article: Article) -> tuple[str, str]:
    """(the body's opening for a snippet, its distinct folded words): the costly part of an entry,
    which depends on the article's text alone (so forked workers of a cold build can make it)."""
    return _BODY_TERMS.get_or_make((article.id, article.content_hash), lambda: _terms(plain_text(article.body)))


def prime_body_terms(article_id: str, content_hash: str, terms: tuple[str, str]) -> None:
    """Keep body terms made elsewhere (in a forked worker) as if this process had made them."""
    _BODY_TERMS[(article_id, content_hash)] = terms


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
        "u": urls.article(article.id),
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


def prime_entry(key: tuple, text: str) -> None:
    """Keep an index entry read from the cache (its key as `entry_key` makes it)."""
    _ENTRIES[key] = text


def cached_entries(live: set[tuple[str, str]]) -> dict[tuple, str]:
    """The known index entries of the given (id, content hash) pairs, by key."""
    return {k: v for k, v in _ENTRIES.items() if (k[0], k[1]) in live}


# The entries of the last index made, with the article objects and entity registry they were made
# from: the preview's body edits replace a few articles in an otherwise identical site.
_LAST_INDEX: dict = {}


def _differing(old: typing.Sequence, new: typing.Sequence, differ: typing.Callable) -> typing.Iterator[int]:
    """The positions where `differ(old[i], new[i])` (compared in C: a preview's edit changes a
    few of 100,000 entries, and a Python loop over them all would cost more than the edit)."""
    return itertools.compress(itertools.count(), map(differ, old, new))


def _entries(site: Site) -> list[str]:
    """Every article's entry: those of the last index for the very same article objects (an entry
    depends on nothing else but the entity names, so the registry must be the same object too)."""
    last = _LAST_INDEX
    if last.get("entities") is site.entities and len(last["articles"]) == len(site.articles):
        entries = list(last["entries"])
        for index in _differing(last["articles"], site.articles, operator.is_not):
            entries[index] = _entry_json(site, site.articles[index])
    else:
        entries = [_entry_json(site, a) for a in site.articles]
    _LAST_INDEX.update(entities=site.entities, articles=site.articles, entries=entries)
    return entries


def forget_memos() -> None:
    """Drop every entry, body's terms and parsed entry this process keeps for its next index (a
    one-off build, once its index is written and its entries saved)."""
    _BODY_TERMS.clear()
    _ENTRIES.clear()
    _PARSED.clear()
    _LAST_INDEX.clear()


# ---- The sharded index (in the manner of Pagefind) ----------------------------------------------
#
# search-index.js (the manifest, loaded when a reader starts searching) names every shard with the
# hash of its bytes. A term shard holds the terms beginning with two characters, each with three
# posting lists (title, names, body) of document numbers; a document shard holds what a result
# shows of DOCS_PER_SHARD articles. Documents are numbered from the oldest article, so a new article
# changes the shards of its own words and the last document shard only. Every file is a plain script
# calling a function, so search works from file:// and a reader downloads only what a query needs.

DOCS_PER_SHARD = 25
INCREMENTAL_MAX = 50  # changed articles up to which the index is updated rather than made again
TWO_CHARACTER_KEYS_FROM = 1000  # articles; smaller sites have a term shard per first character
_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_CHARS = sorted(_ALNUM) + ["_"]
SEARCH_FOLDER = "search/"
INDEX_URL = "search-index.js"  # the manifest: what a reader's browser loads first


def key_length(count: int) -> int:
    return 2 if count >= TWO_CHARACTER_KEYS_FROM else 1


def shard_keys(count: int) -> list[str]:
    """Every shard key a site of `count` articles can have ("a", "ab", "a_", "_x"...): planning
    needs the number of articles only, not the index."""
    ones = list(_CHARS)
    return ones if key_length(count) == 1 else ones + [a + b for a in _CHARS for b in _CHARS]


def shard_key(term: str, length: int) -> str:
    """The shard of a folded term: its first `length` characters, each outside [a-z0-9] written "_"."""
    return "".join(c if c in _ALNUM else "_" for c in term[:length])


def term_shard_url(key: str) -> str:
    return f"{SEARCH_FOLDER}t/{key}.js"


def doc_shard_url(number: int) -> str:
    return f"{SEARCH_FOLDER}d/{number}.js"


_B36 = "0123456789abcdefghijklmnopqrstuvwxyz"


def _base36(n: int) -> str:
    if n < 36:
        return _B36[n]
    out = []
    while n:
        n, r = divmod(n, 36)
        out.append(_B36[r])
    return "".join(reversed(out))


def encode_postings(ids: typing.Sequence[int], count: int) -> str:
    """Ascending document numbers as base-36 gaps ("3,a,1") or, when shorter, "~" and a base64
    bitmap of `count` bits (bit i of byte i//8, low bit first)."""
    if not ids:
        return ""
    if (2 * len(ids) - 1) * 6 > count:  # the gaps would take at least that: the bitmap it is
        return _bitmap(ids, count)
    gaps, last = [], -1
    for i in ids:
        gaps.append(_base36(i - last - 1))
        last = i
    listed = ",".join(gaps)
    if len(listed) * 6 <= count:  # a bitmap takes count/6 characters
        return listed
    return _bitmap(ids, count)


def _bitmap(ids: typing.Sequence[int], count: int) -> str:
    return "~" + base64.b64encode(_bits(ids, count)).decode("ascii")


def _bits(ids: typing.Sequence[int], count: int) -> bytes:
    bits = bytearray((count + 7) // 8)
    for i in ids:
        bits[i >> 3] |= 1 << (i & 7)
    return bytes(bits)


_PARSED: BoundedMemo[tuple] = BoundedMemo()


def _parsed_entry(text: str, remember: bool = True) -> tuple[str, str, str, str]:
    """(what a result shows, as JSON text; title words; names words; body words) of an entry.
    `remember`: keep it for the next index made in this process (a preview's); a one-off
    build's memo would only hold every article's body words until the process ends."""
    def parse() -> tuple[str, str, str, str]:
        entry = json.loads(text)
        shown = _inert(json.dumps([entry["t"], entry["u"], entry["s"], entry["d"], entry["p"], entry["n"]],
                                  ensure_ascii=False, separators=(",", ":")))
        return shown, distinct_words(entry["t"]), distinct_words(entry["k"]), entry["b"]
    return _PARSED.get_or_make(text, parse) if remember else parse()


def _inert(text: str) -> str:
    """JSON text that cannot end a script."""
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


Postings = array.array  # of document numbers ("I": unsigned, at least 32 bits)


def _postings(numbers: typing.Iterable[int] = ()) -> Postings:
    return array.array("I", numbers)


class ShardedIndex:
    """Every shard's bytes for one site, made once (the producers of all the shard files share it)."""

    def __init__(self, entries: list[str], updatable: bool = False):
        """`updatable`: keep what updated() needs (the posting lists, each term's row, the dense
        bitmaps: at 100,000 articles of real text, hundreds of MB); a one-off build drops it."""
        self.count, self.updatable = len(entries), updatable
        # term -> the numbers of the documents with it in their title, names and body (ascending:
        # documents are added in order, and each field's words are distinct); typed arrays, as
        # 100,000 articles make tens of millions of numbers
        postings: dict[str, tuple[Postings, Postings, Postings]] = {}
        parsed, shown = [], []  # every parsed entry is kept only for updates; what results show always
        for number, text in enumerate(reversed(entries)):  # number 0: the oldest article
            entry = _parsed_entry(text, remember=updatable)
            shown.append(entry[0])
            if updatable:
                parsed.append(entry)
            for field, words in enumerate(entry[1:]):
                for word in words.split():
                    lists = postings.get(word)
                    if lists is None:
                        lists = postings[word] = (_postings(), _postings(), _postings())
                    lists[field].append(number)
        by_key: dict[str, list[str]] = {}
        for term in sorted(postings):
            by_key.setdefault(shard_key(term, key_length(self.count)), []).append(term)
        self.parsed, self.postings, self.by_key = parsed, postings, by_key
        self.rows: dict[str, str] = {}  # term -> its row of a shard (an update remakes only its terms' rows)
        self.bitmaps: dict[tuple[str, int], bytes] = {}  # (term, field) -> bitmap of a dense list
        self.terms = {key: self._term_shard(key, terms) for key, terms in by_key.items()}
        self.hashes: dict[object, tuple[str, str]] = {}  # shard -> (its text, short hash): see manifest
        self.docs = [self._doc_shard(n, shown[n * DOCS_PER_SHARD:(n + 1) * DOCS_PER_SHARD])
                     for n in range(-(-self.count // DOCS_PER_SHARD))]
        if not updatable:
            self.postings, self.by_key, self.rows, self.bitmaps = {}, {}, {}, {}

    def updated(self, entries: list[str], positions: list[int]) -> ShardedIndex:
        """The index of `entries`, which differ from this index's only at `positions` (the preview
        after a body edit): only the terms those entries had or have and their document shards are
        made again, so an edit costs about the same at 100,000 articles as at 100. The same bytes
        as ShardedIndex(entries) (tests/render/test_search_shards.py checks it); this one is unchanged."""
        if not self.updatable:
            raise ValueError("this index was made without what an update needs (updatable=False)")
        new = copy.copy(self)
        new.parsed, new.postings, new.by_key = list(self.parsed), dict(self.postings), dict(self.by_key)
        new.terms, new.docs, new.rows = dict(self.terms), list(self.docs), dict(self.rows)
        new.hashes = dict(self.hashes)
        new.bitmaps = dict(self.bitmaps)
        numbers_edited = [self.count - 1 - position for position in positions]
        copied: set[tuple[str, int]] = set()

        def own(word: str, field: int) -> Postings:
            """The new index's own copy of one posting list (the old index keeps its lists)."""
            lists = new.postings.get(word) or (_postings(), _postings(), _postings())
            if (word, field) not in copied:
                copied.add((word, field))
                title, names, body = (_postings(x) if i == field else x for i, x in enumerate(lists))
                lists = new.postings[word] = (title, names, body)
            return lists[field]

        for position in positions:  # only the words a document lost or gained: most stay
            number = self.count - 1 - position
            fresh = _parsed_entry(entries[position])
            for field, (was, now) in enumerate(zip(new.parsed[number][1:], fresh[1:])):
                before, after = set(was.split()), set(now.split())
                for word in before - after:
                    numbers = own(word, field)
                    at = bisect.bisect_left(numbers, number)
                    if at < len(numbers) and numbers[at] == number:
                        del numbers[at]
                for word in after - before:
                    bisect.insort(own(word, field), number)
            new.parsed[number] = fresh
        length = key_length(self.count)
        keys: dict[str, set[str]] = {}
        for word, field in copied:  # a dense list's bitmap: the edited documents' bits set again
            bitmap = new.bitmaps.get((word, field))
            if bitmap is not None:
                listed, bits = new.postings[word][field], bytearray(bitmap)
                for number in numbers_edited:
                    at = bisect.bisect_left(listed, number)
                    if at < len(listed) and listed[at] == number:
                        bits[number >> 3] |= 1 << (number & 7)
                    else:
                        bits[number >> 3] &= ~(1 << (number & 7)) & 0xFF
                new.bitmaps[word, field] = bytes(bits)
        for word in {word for word, _ in copied}:
            new.rows.pop(word, None)
            if not any(new.postings[word]):
                del new.postings[word]
                for field in range(3):
                    new.bitmaps.pop((word, field), None)
            keys.setdefault(shard_key(word, length), set()).add(word)
        for key, changed_terms in keys.items():
            terms = sorted(t for t in set(new.by_key.get(key, ())) | changed_terms if t in new.postings)
            if terms:
                new.by_key[key] = terms
                new.terms[key] = new._term_shard(key, terms)
            else:
                new.by_key.pop(key, None)
                new.terms.pop(key, None)
        for shard in {(self.count - 1 - position) // DOCS_PER_SHARD for position in positions}:
            new.docs[shard] = new._doc_shard(shard, [p[0] for p in new.parsed[shard * DOCS_PER_SHARD:
                                                                                (shard + 1) * DOCS_PER_SHARD]])
        return new

    def _term_shard(self, key: str, terms: list[str]) -> str:
        """Each term's three posting lists (title, names, body); they hold only base-36 and base64
        characters, which JSON writes as they are."""
        rows, made, postings = [], self.rows, self.postings
        for term in terms:
            row = made.get(term)
            if row is None:
                lists = '","'.join([self._encode(term, field, numbers) for field, numbers in enumerate(postings[term])])
                row = made[term] = f'{json.dumps(term, ensure_ascii=False)}:["{lists}"]'
            rows.append(row)
        return _inert(f'window.DIGEST_SEARCH_TERMS("{key}",{{' + ",".join(rows) + "});\n")

    def _encode(self, term: str, field: int, numbers: typing.Sequence[int]) -> str:
        """encode_postings, keeping the bitmap of a list dense enough to be one for sure (an update
        flips its edited bits instead of making it again from thousands of numbers)."""
        if (2 * len(numbers) - 1) * 6 <= self.count:
            return encode_postings(numbers, self.count)
        bitmap = self.bitmaps.get((term, field))
        if bitmap is None:
            bitmap = self.bitmaps[term, field] = _bits(numbers, self.count)
        return "~" + base64.b64encode(bitmap).decode("ascii")

    def _doc_shard(self, number: int, shown: list[str]) -> str:
        return f"window.DIGEST_SEARCH_DOCS({number},[{','.join(shown)}]);\n"

    def term_shard(self, key: str) -> bytes:
        return self.terms.get(key, f'window.DIGEST_SEARCH_TERMS("{key}",{{}});\n').encode("utf-8")

    def doc_shard(self, number: int) -> bytes:
        return self.docs[number].encode("utf-8") if number < len(self.docs) else b""

    def manifest(self) -> bytes:
        """`window.DIGEST_SEARCH_INDEX`: how many documents, and a short hash of every shard (the
        reader's browser asks for `t/<key>.js?v=<hash>`, so a changed shard is a new address)."""
        known = self.hashes

        def short(shard: object, text: str) -> str:
            """Hashed once per text (an updated index copies the hashes of the shards it kept)."""
            pair = known.get(shard)
            if pair is None or pair[0] is not text:
                pair = known[shard] = (text, hashlib.sha256(text.encode("utf-8")).hexdigest()[:10])
            return pair[1]
        data = {"version": 2, "count": self.count, "per_doc_shard": DOCS_PER_SHARD,
                "key_length": key_length(self.count),
                "terms": {key: short(key, text) for key, text in sorted(self.terms.items())},
                "docs": [short(number, text) for number, text in enumerate(self.docs)]}
        return f"window.DIGEST_SEARCH_INDEX={json.dumps(data, separators=(',', ':'))};\n".encode()


class IndexOfPlan:
    """The sharded index of the site a plan's search pages render, made by the first of them
    and shared by the rest (hundreds of shard files come from one index). Asked for another
    site's articles (the preview's fast path renders a newer site), it updates the index where
    a few entries changed and makes it again otherwise."""

    def __init__(self) -> None:
        self._articles: tuple | None = None
        self._entries: list[str] | None = None
        self._index: ShardedIndex | None = None
        self._updatable = False
        self._pending: tuple | None = None  # (articles, entries, result of the index made elsewhere)
        self.files: frozenset[str] = frozenset()  # the URLs of the files made from it

    def make_elsewhere(self, site: Site, start: typing.Callable) -> None:
        """Have the index of `site` made by `start(ShardedIndex, entries)`, which returns an object
        whose result() gives it (another process: output/parallel.InChild); `of(site)` takes it,
        or makes the index itself if that failed. Only for an index not kept for updates."""
        if self._updatable or self._index is not None or self._pending is not None:
            return
        entries = _entries(site)
        self._pending = (site.articles, entries, start(ShardedIndex, entries))

    def keep_for_updates(self) -> None:
        """Expect edits (the preview): the next index made keeps what updating it needs."""
        self._updatable = True

    def forget(self) -> None:
        """Drop the index (its files are written); asked again, it is made again."""
        if self._pending is not None:
            with contextlib.suppress(Exception):
                self._pending[2].result()  # the process ends
        self._articles = self._entries = self._index = self._pending = None

    def changed_files(self, site: Site) -> set[str] | None:
        """The URLs of this index's files whose bytes differ for `site` from those of the index
        made last (the preview's fast path renders only those); None before any index."""
        old = self._index
        if old is None:
            return None
        new = self.of(site)
        if new is old:
            return set()
        changed = {term_shard_url(key) for key in old.terms.keys() | new.terms.keys()
                   if old.terms.get(key) != new.terms.get(key)}
        changed |= {doc_shard_url(n) for n in range(max(len(old.docs), len(new.docs)))
                    if old.docs[n:n + 1] != new.docs[n:n + 1]}
        return changed | {INDEX_URL} if changed or old.count != new.count else changed

    def of(self, site: Site) -> ShardedIndex:
        """A build asks once; a preview asks again after each edit, and from its second site on
        (or after keep_for_updates) the index is one that can be updated."""
        if self._pending is not None:
            articles, entries, pending = self._pending
            self._pending = None
            if articles is site.articles:
                try:
                    self._index = pending.result()
                except Exception:  # noqa: BLE001 - made here instead
                    self._index = None
                else:
                    self._articles, self._entries = articles, entries
        if self._index is None or self._articles is not site.articles:
            entries = _entries(site)
            last, self._articles, self._entries = self._entries, site.articles, entries
            changed = list(_differing(last, entries, operator.ne)) \
                if last is not None and len(last) == len(entries) else None
            index = self._index
            if index is not None and index.updatable and changed is not None and len(changed) <= INCREMENTAL_MAX:
                self._index = index.updated(entries, changed)
            else:
                self._index = ShardedIndex(entries, updatable=self._updatable or index is not None)
        return self._index


def search_index(site: Site, spec: PageSpec) -> bytes:
    return spec.context["index"].of(site).manifest()


def _term_shard_producer(site: Site, spec: PageSpec) -> bytes:
    return spec.context["index"].of(site).term_shard(spec.context["shard"])


def _doc_shard_producer(site: Site, spec: PageSpec) -> bytes:
    return spec.context["index"].of(site).doc_shard(spec.context["shard"])


def build_version(site: Site) -> str:
    """Changes whenever any article or setting changes: names the service worker's cache."""
    digest = hashlib.sha256(site.config.fingerprint.encode())
    digest.update(bodies_digest(site).encode())
    for event in site.events:
        digest.update(repr(event).encode())
    return digest.hexdigest()[:12]


SERVICE_WORKER_SCRIPT = "static/service-worker.js"  # layouts/static/service-worker.js, the worker itself




def service_worker(site: Site, spec: PageSpec) -> bytes:
    """sw.js at the root (so the worker's scope is the whole site): this build's cache name and
    core files, then the worker's code from layouts/static/."""
    core = ["./", urls.HOME, "static/style.css", urls.SEARCH, INDEX_URL,
            "static/search.js", urls.TIMELINE, urls.OFFLINE]  # not the shards: only those a reader uses
    return (f"// news-digest service worker of this build (the code: {SERVICE_WORKER_SCRIPT})\n"
            f"self.DIGEST_CACHE = {json.dumps('digest-' + build_version(site))};\n"
            f"self.DIGEST_CORE = {json.dumps(core)};\n"
            f"importScripts({json.dumps(SERVICE_WORKER_SCRIPT)});\n").encode()


def plan_search_pages(site: Site) -> list[PageSpec]:
    everything = frozenset({"meta", "events", "bodies"})
    index_deps = frozenset({"meta", "bodies"})
    doc_shards = -(-len(site.articles) // DOCS_PER_SHARD)
    index = IndexOfPlan()
    files = [
        PageSpec(INDEX_URL, None, {"index": index}, index_deps, produce=search_index),
        *(PageSpec(term_shard_url(key), None, {"shard": key, "index": index}, index_deps,
                   produce=_term_shard_producer) for key in shard_keys(len(site.articles))),
        *(PageSpec(doc_shard_url(n), None, {"shard": n, "index": index}, index_deps, produce=_doc_shard_producer)
          for n in range(doc_shards)),
    ]
    index.files = frozenset(spec.url for spec in files)
    return [PageSpec(urls.SEARCH, "search.html", {}, frozenset({"meta"})), *files,
            PageSpec("sw.js", None, {}, everything, produce=service_worker)]


def index_of_plan(specs: typing.Iterable[PageSpec]) -> IndexOfPlan | None:
    """The index shared by a plan's search files (None in a plan without them)."""
    spec = next((s for s in specs if s.url == INDEX_URL), None)
    index = spec.context.get("index") if spec is not None else None
    return index if isinstance(index, IndexOfPlan) else None
