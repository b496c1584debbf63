"""Fuzz targets of issue #18 beyond front matter and raw text: any bytes, any HTML page, any
settings file, any cache file, and any article's way into the XML outputs. Each input ends in a
result or a clear error within the time limit (see tests/hardening/fuzzing.py for the budget)."""
from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path

import dateparser
import pytest
import yaml
from hypothesis import event, given
from hypothesis import strategies as st

from digest import cache_file
from digest.content.load import load_entities, load_site, load_sources
from digest.content.parsed import ParsedArticles, code_version
from digest.content.settings import load_config
from digest.content.sidecar import load_sidecar
from digest.content.timeline import load_timeline
from digest.errors import ContentError, ErrorList
from digest.ingest.html import html_to_text
from digest.ingest.normalize import Hints, IngestError, normalize
from digest.ingest.rawfile import check_raw_bytes, decode_raw
from digest.output import cache as output_cache
from digest.output.bodies import BodyStore
from digest.output.images import ImageCache
from digest.output.run import build_site
from digest.output.state import STATE_VERSION, load_state
from digest.project import Project
from digest.render.export import epub
from digest.render.pages import BodyCache, render_page
from digest.render.plan import plan_pages
from digest.render.templates import Templates
from digest.timeline import extract
from tests.conftest import REPO, copy_project
from tests.hardening.fuzzing import SETTINGS, epub_not_well_formed, not_well_formed, time_limit

# dateparser compiles the split patterns of every locale on its first call without a language
# (htmldate makes one): 4-5 s once per process, not a hang of any input, so it is paid here.
dateparser.parse("qqq 12 zzz 2022")

# Characters that have broken something before: controls, XML's forbidden ones, markup, bidi,
# line separators, quotes, YAML indicators.
NASTY = "\x00\x01\x08\x0b\x0c\x1b\x7f\x85\u2028\u2029\ufeff\ufffe\uffff\u202e\u200b&<>\"']]>{}[]:#!|*-%@`\\\r\n\t é中🙂"
nasty_text = st.text(alphabet=st.sampled_from(NASTY) | st.characters(codec="utf-8"), max_size=120)


def clear_error(error: Exception, path: Path) -> None:
    """A ContentError (or several) that names the file it is about."""
    errors = error.errors if isinstance(error, ErrorList) else [error]
    assert errors and all(str(path) in str(e) for e in errors), str(error)


# ---------------------------------------------------------------- raw bytes and HTML pages

@SETTINGS
@given(st.binary(max_size=600) | st.builds(lambda t, e: t.encode(e, "replace"), nasty_text,
                                           st.sampled_from(["utf-8", "utf-16", "utf-16-le", "utf-32-be", "cp1252"])))
def test_any_bytes_decode_to_text_or_are_refused_clearly(data: bytes):
    with time_limit():
        try:
            check_raw_bytes(data)
            text = decode_raw(data)
        except IngestError as error:
            assert str(error)
            return
    assert isinstance(text, str)


TAGS = ["html", "head", "body", "svg", "meta", "v", "p", "div", "article", "main", "script", "style", "title",
        "time", "a", "br", "table", "tr", "td", "h1", "h2", "header", "footer", "nav", "span", "img", "math",
        "template", "noscript", "iframe", "object", "figure", "figcaption", "ul", "li", "form", "base", "link"]
ATTRIBUTES = ['property="og:title" content="Talks end"', 'name="author" content="Jane Doe"',
              'property="article:published_time" content="2022-01-10T09:00:00Z"', 'datetime="9999-12-31"',
              'datetime="0001-01-01"', 'content="January 10, 2022"', 'itemprop="datePublished"', 'class="byline"',
              'href="https://example.org/news"', 'href="javascript:alert(1)"', 'src="x.png"', 'lang="de"',
              'charset="utf-16"', 'http-equiv="refresh" content="0"', 'id="a" id="a"', "x=\"\x00\""]
WORDS = ["The talks in Geneva went on for many hours on Monday, said the officials who were there.",
         "Published December 31, 9999", "January 1, 0001", "Jan. 9, 2022", "on Monday", "a day earlier",
         "By Jane Doe | Reuters", "© 2022 Example News", "&amp; &lt; &#0; &#xD800; &bogus;", "<!-- c -->",
         "<![CDATA[ x ]]>", "<!DOCTYPE html>", "<?xml version='1.0'?>", "\ufeff", "x" * 3000]


SENTENCES = ["The ministers met in Geneva on Monday and talked for nearly eight hours about Ukraine.",
             "Both sides said they would meet again in Brussels on Wednesday, the diplomats told reporters.",
             "Russia wants guarantees that NATO will not expand further east, Sergei Ryabkov said.",
             "Wendy Sherman said the United States had made clear which proposals were non-starters.",
             "Die Gespräche in Genf dauerten am Montag fast acht Stunden, sagten die Diplomaten.",
             "Les discussions ont duré près de huit heures lundi à Genève, selon les diplomates."]


@st.composite
def html_pages(draw) -> str:
    parts = []
    if draw(st.booleans()):  # an article in its page: enough text for the extractor to keep
        sentences = draw(st.lists(st.sampled_from(SENTENCES), min_size=3, max_size=10))
        parts.append("<html><head><title>Talks end in Geneva</title></head><body><article><h1>Talks end</h1>"
                     + "".join(f"<p>{s}</p>" for s in sentences))
    for _ in range(draw(st.integers(0, 40))):
        choice = draw(st.integers(0, 5))
        if choice == 0:
            attribute = draw(st.sampled_from(ATTRIBUTES)) if draw(st.booleans()) else ""
            parts.append(f"<{draw(st.sampled_from(TAGS))} {attribute}>")
        elif choice == 1:
            parts.append(f"</{draw(st.sampled_from(TAGS))}>")
        elif choice == 2:
            parts.append(draw(st.sampled_from(WORDS)))
        elif choice == 3:
            parts.append(draw(st.sampled_from(SENTENCES)))
        else:
            parts.insert(draw(st.integers(0, len(parts))), draw(nasty_text))
    return "".join(parts)


@SETTINGS
@given(html_pages())
def test_any_html_page_gives_a_draft_or_a_clear_ingest_error(page: str):
    with time_limit():
        try:
            text, declared = html_to_text(page)
            draft = normalize(text, Hints(declared={k: v for k, v in declared.items() if k in ("title", "date")}))
        except IngestError as error:
            assert str(error)
            event("refused")
            return
    event("draft")
    assert draft.front["title"] and "date" in draft.front
    assert all(c not in draft.body + str(draft.front) for c in "\x00\ufffe\uffff")


# ---------------------------------------------------------------- settings files

SETTINGS_FILES = {"site.yaml": load_config, "entities.yaml": load_entities, "sources.yaml": load_sources,
                  "timeline.yaml": load_timeline, "raw/a.yaml": load_sidecar}
SIDECAR = "publisher: Axios\nurl: https://www.axios.com/x\ndate: 2022-01-10\nauthor: [Jane Doe]\n"
ORIGINALS = {name: (REPO / "content" / name).read_text(encoding="utf-8") if name != "raw/a.yaml" else SIDECAR
             for name in SETTINGS_FILES}
VALUES = ["!!set {a: null}", "!!binary aGVsbG8=", "!!python/object:os.system x", "!custom x", "!!bool maybe",
          "!!timestamp bad", "!!int x", "!!float x", "&a [*a, *a]", "*undefined", "<<: {a: 1}", "{", "[", "'",
          '"', "10/01/2022", "9999-12-31", "0001-01-01", "2022-02-30", "http://", "javascript:x",
          '"a\\nb"', '"Europe/Zurich\\r\\nX-INJECTED:1"', "Mars/Olympus", "[a]", "[null]", "{a: b}", "null",
          "~", ".nan", "1e999", "-1", "0x10", "yes", "''", '"\\x00"', '"\\ud800"', '"\\uFFFE"', "|\n  block",
          ">-\n  folded", "- a\n- b", "? complex\n: key"]


@st.composite
def settings_texts(draw) -> tuple[str, str]:
    name = draw(st.sampled_from(sorted(SETTINGS_FILES)))
    lines = ORIGINALS[name].split("\n")
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, max(0, len(lines) - 1)))
        operation = draw(st.integers(0, 5))
        if operation == 0 and lines:  # a value replaced
            key = lines[at].split(":")[0] if ":" in lines[at] else lines[at]
            lines[at] = f"{key}: {draw(st.sampled_from(VALUES))}"
        elif operation == 1:
            lines.insert(at, draw(nasty_text))
        elif operation == 2 and lines:
            del lines[at]
        elif operation == 3 and lines:
            lines.insert(at, lines[at])  # a duplicated line: duplicate keys
        elif operation == 4:
            lines = lines[:at]
        else:
            lines.insert(at, " " * draw(st.integers(0, 6)) + draw(st.sampled_from(VALUES)))
    return name, "\n".join(lines)


@pytest.fixture(scope="module")
def settings_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("settings")
    (folder / "raw").mkdir()
    return folder


@SETTINGS
@given(settings_texts() | st.tuples(st.sampled_from(sorted(SETTINGS_FILES)), st.builds(
    lambda d: yaml.safe_dump(d, allow_unicode=True),
    st.dictionaries(st.sampled_from(["title", "base_url", "events", "coverage", "name", "kind", "aliases", "date",
                                     "timezone", "language", "cname", "author", "url", "publisher", "feeds", "x"]),
                    st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | nasty_text | st.dates(),
                                 lambda inner: st.lists(inner, max_size=3)
                                 | st.dictionaries(nasty_text, inner, max_size=3), max_leaves=8), max_size=6))))
def test_any_settings_file_gives_settings_or_a_clear_error(settings_dir: Path, case: tuple[str, str]):
    name, text = case
    path = settings_dir / name
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    with time_limit():
        try:
            SETTINGS_FILES[name](path)
            event(f"{name} read")
        except (ContentError, ErrorList) as error:
            clear_error(error, path)
            event(f"{name} refused")


# ---------------------------------------------------------------- cache files

@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("cached") / "p")
    build_site(Project(project))
    return project


def mutate(data: bytes, draw) -> bytes:
    """Bit flips, a cut, inserted or deleted bytes: what a crash, a bad disk or a hand can do."""
    data = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        operation, at = draw(st.integers(0, 3)), draw(st.integers(0, max(0, len(data) - 1)))
        if operation == 0 and data:
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif operation == 1:
            del data[at:]
        elif operation == 2:
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif data:
            del data[at:at + draw(st.integers(1, 16))]
    return bytes(data)


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | nasty_text,
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(nasty_text, inner, max_size=3),
                           max_leaves=16)


def reseal(payload: object, version: object) -> bytes:
    """A payload under a header with the right version and checksum: what only a hand can write."""
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8", "surrogatepass")
    return json.dumps({"version": version, "sha256": hashlib.sha256(body).hexdigest()}).encode() + b"\n" + body


def json_cache_versions(project: Path) -> dict[str, object]:
    (state,) = (project / ".digest-cache").glob("state-*.json")
    return {"articles.json": code_version(), "mentions.json": output_cache.mentions_version(),
            "search.json": output_cache.search_version(), state.name: STATE_VERSION}


@SETTINGS
@given(st.data())
def test_any_cache_file_is_used_as_written_or_ignored(built: Path, tmp_path_factory, data):
    names = sorted(json_cache_versions(built)) + ["bodies.sqlite"]
    name = data.draw(st.sampled_from(names))
    folder = tmp_path_factory.mktemp("cache")
    shutil.copytree(built / ".digest-cache", folder / ".digest-cache", ignore=shutil.ignore_patterns("preview"))
    cache_dir = folder / ".digest-cache"
    path = cache_dir / name
    if name == "bodies.sqlite":
        damage_body_store(path, data)
    else:
        version = json_cache_versions(built)[name]
        how = data.draw(st.sampled_from(["bytes", "payload", "row"]))
        original = path.read_bytes()
        if how == "bytes":
            path.write_bytes(data.draw(st.binary(max_size=64)) if not original else mutate(original, data.draw))
        else:
            payload = cache_file.load(path, version)
            value = data.draw(json_values)
            if how == "row" and isinstance(payload, list) and payload:
                payload[data.draw(st.integers(0, len(payload) - 1))] = value
            elif how == "row" and isinstance(payload, dict) and payload:
                payload[data.draw(st.sampled_from(sorted(payload)))] = value
            else:
                payload = value
            path.write_bytes(reseal(payload, version))
    with time_limit():
        read_every_cache(built, cache_dir)


def damage_body_store(path: Path, data) -> None:
    for extra in path.parent.glob(path.name + "-*"):
        extra.unlink()
    if data.draw(st.booleans()):
        path.write_bytes(mutate(path.read_bytes(), data.draw))
        return
    db = sqlite3.connect(path)
    with db:
        rows = db.execute("SELECT key FROM rendered").fetchall()
        if rows:
            key = rows[data.draw(st.integers(0, len(rows) - 1))][0]
            html = data.draw(nasty_text | st.sampled_from(["<script>x</script>", "<p onclick=x>", "<p>ok</p>"]))
            db.execute("UPDATE rendered SET html = ? WHERE key = ?", (html, key))
    db.close()


def read_every_cache(project: Path, cache_dir: Path) -> None:
    """Each cache read by its own reader: a value of the right kind comes out, or nothing."""
    articles = sorted((project / "content" / "articles").glob("*.md"))
    parsed = ParsedArticles(cache_dir / "articles.json")
    for path in articles:
        text = path.read_text(encoding="utf-8")
        found = parsed.lookup(path, text, hashlib.sha256(path.read_bytes()).hexdigest())
        assert found is None or found.title
    output_cache.load_mentions(cache_dir)
    output_cache.load_search_entries(cache_dir)
    for state in cache_dir.glob("state-*.json"):
        loaded = load_state(state)
        for url in list(loaded.pages)[:20]:
            assert loaded.unchanged(url, "x", project / "site" / url) in (True, False)
    store = BodyStore(cache_dir / "bodies.sqlite")
    try:
        for path in articles[:5]:
            html = store.get(store.key(path.read_text(encoding="utf-8").split("\n---\n", 1)[-1]))
            assert html is None or "<script" not in html
    finally:
        store.close()
    extract._CACHE.clear()


# ---------------------------------------------------------------- articles into XML outputs

@pytest.fixture(scope="module")
def xml_project(tmp_path_factory) -> tuple[Path, Templates, str]:
    root = tmp_path_factory.mktemp("xml") / "p"
    shutil.copytree(REPO / "layouts", root / "layouts")
    (root / "content" / "articles").mkdir(parents=True)
    (root / "content" / "site.yaml").write_text("title: Fuzz Digest\nbase_url: https://example.org/\n")
    stylesheet = (root / "layouts" / "static" / "style.css").read_text(encoding="utf-8")
    return root, Templates(root / "layouts"), stylesheet


fields = st.fixed_dictionaries(
    {"title": nasty_text, "date": st.just("2022-01-10") | st.dates().map(str), "publisher": nasty_text},
    optional={"summary": nasty_text, "author": st.lists(nasty_text, max_size=3), "tags": st.lists(nasty_text, max_size=3),
              "subtitle": nasty_text, "kicker": nasty_text, "url": st.just("https://example.org/a?b=1&c=<d>"),
              "translated_from": st.sampled_from(["ru", "de", "xx"])})


@SETTINGS
@given(fields, st.lists(nasty_text | st.sampled_from(["# Heading", "> quote", "- item", "[link](https://e.org/?a&b)",
                                                       "![img](x.png \"t\")", "`code`", "<b>raw</b>", "---"]),
                        max_size=8))
def test_any_article_gives_well_formed_feeds_and_epub_or_a_clear_error(xml_project, front: dict, body: list[str]):
    root, templates, stylesheet = xml_project
    path = root / "content" / "articles" / "2022-01-10-fuzz.md"
    text = "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n" + "\n\n".join(body) + "\n"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    with time_limit():
        try:
            site = load_site(root / "content")
        except (ContentError, ErrorList) as error:
            clear_error(error, path)
            event("article refused")
            return
        event("feeds and EPUB made")
        bodies, problems = BodyCache(), []
        for spec in plan_pages(site):
            if spec.url.endswith(".xml"):
                problems += not_well_formed(spec.url, render_page(site, spec, templates, bodies).content)
        problems += epub_not_well_formed(epub(site, templates, stylesheet, ImageCache(None).variant))
    assert not problems, problems
