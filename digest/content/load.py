"""The only reader of content/: articles, entities, sources, settings -> a `Site`."""
from __future__ import annotations

import dataclasses
import os
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from stat import S_ISLNK

from digest import encodings
from digest.characters import utf8_may_have_forbidden, without_control_characters
from digest.config import SiteConfig
from digest.content.frontmatter import YamlDoc, decode_utf8, read_yaml_file, split_front_matter
from digest.content.images import MAX_IMAGE_BYTES, article_images, measure_image
from digest.content.parsed import ParsedArticles
from digest.content.schema import article_from_split, content_hash_of
from digest.content.settings import load_config
from digest.content.source_feeds import source_feeds
from digest.content.timeline import load_timeline
from digest.errors import ContentError, ErrorList, did_you_mean, unknown_key
from digest.model import ENTITY_KINDS, SOURCE_KINDS, Article, Entity, ImageFile, Site, Source
from digest.project import Project
from digest.publication import PublishRules, select_published
from digest.slugs import is_valid_id

MAX_ARTICLE_BYTES = 5 * 1024 * 1024


@dataclass
class LoadReport:
    """What loading found wrong; `skipped` lists files left out with --skip-invalid."""

    errors: list[ContentError] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@lru_cache(maxsize=256)
def _real_dir(folder: str) -> str:
    return os.path.realpath(folder)


def _resolve(path: Path) -> str:
    """The real path of a file; only the file itself is checked for a link once its folder is known."""
    try:
        is_link = S_ISLNK(os.lstat(path).st_mode)
    except OSError as exc:
        raise ContentError(path, None, f"cannot read: {exc.strerror or exc}") from None
    if is_link:
        try:
            return str(path.resolve(strict=True))
        except OSError as exc:
            raise ContentError(path, None, f"cannot read: {exc.strerror or exc}") from None
    return os.path.join(_real_dir(os.path.dirname(os.path.abspath(path))), path.name)


def read_checked_bytes(path: Path, root: Path, limit: int = MAX_ARTICLE_BYTES, binary: bool = False) -> bytes:
    """The bytes of a file that must live inside `root`, be of sane size and (unless `binary`) not be binary."""
    resolved = _resolve(path)
    real_root = _real_dir(str(root.absolute()))
    if resolved != real_root and not resolved.startswith(real_root.rstrip(os.sep) + os.sep):
        raise ContentError(path, None, "points outside the project (symlink?); refusing to read it")
    try:
        with open(resolved, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > limit:
                raise ContentError(path, None,
                                   f"file is too large ({size // 1024} KiB, limit {limit // 1024} KiB)")
            data = handle.read()
    except OSError as exc:
        raise ContentError(path, None, f"cannot read: {exc.strerror or exc}") from None
    if not binary and b"\x00" in data:
        raise ContentError(path, None, "looks like a binary file (contains NUL bytes)")
    return data


def decode_text(data: bytes, path: Path) -> str:
    """UTF-8 text without the characters XML 1.0 forbids (they would break the feeds and the EPUB)."""
    text = decode_utf8(data, path, encoding="utf-8")  # strict: no surrogates; a BOM is cut later
    return without_control_characters(text) if utf8_may_have_forbidden(data) else text


def read_text_file(path: Path, root: Path, limit: int = MAX_ARTICLE_BYTES) -> str:
    """Read UTF-8 text that must live inside `root` and be of sane size."""
    return decode_text(read_checked_bytes(path, root, limit), path)


def _read_article(path: Path, root: Path, parsed: ParsedArticles | None) -> tuple[str, Article | None]:
    """The file's text, and its Article if the persistent cache has one for exactly these bytes."""
    data = read_checked_bytes(path, root)
    text = decode_text(data, path)
    return text, parsed.lookup(path, text, content_hash_of(data)) if parsed is not None else None


def load_article(path: Path, root: Path, parsed: ParsedArticles | None = None) -> Article:
    """Read and validate one article; `parsed` (the persistent cache) spares parsing unchanged bytes."""
    text, article = _read_article(path, root, parsed)
    return article or article_from_split(split_front_matter(text, path), path, text)


class FileCache:
    """Parsed files kept between builds of a long-running process, keyed by path and stat.

    A file whose size, mtime or inode changed is read again; a deleted one is forgotten.
    """

    def __init__(self) -> None:
        self._entries: dict[tuple[str, Path], tuple[tuple[int, int, int], object]] = {}

    def has(self, kind: str, path: Path) -> bool:
        return (kind, path) in self._entries

    def put(self, kind: str, path: Path, stat: os.stat_result, value: object) -> None:
        """Store a value parsed elsewhere (another process), from the file as it was when `stat`
        was taken, before reading: a file changed since then is read again."""
        self.put_known(kind, path, (stat.st_mtime_ns, stat.st_size, stat.st_ino), value)

    def put_known(self, kind: str, path: Path, stat_key: tuple[int, int, int], value: object) -> None:
        """put() with the stat given as (st_mtime_ns, st_size, st_ino)."""
        self._entries[(kind, path)] = (stat_key, value)

    def get(self, kind: str, path: Path, load):
        try:
            stat = path.stat()
        except OSError:
            self._entries.pop((kind, path), None)
            return load(path)
        key = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
        entry = self._entries.get((kind, path))
        if entry is not None and entry[0] == key:
            return entry[1]
        value = load(path)
        self._entries[(kind, path)] = (key, value)
        return value


def preload_parsed(files: FileCache, paths: list[Path], root: Path, parsed: ParsedArticles) -> list[Path]:
    """Fill `files` with the articles the persistent cache knows; return the paths still to parse.

    Files that cannot be read are left to the loader, which reports them properly.
    """
    missing = []
    for path in paths:
        try:
            before = path.stat()
            _, article = _read_article(path, root, parsed)
        except (OSError, ContentError):
            article = None
        if article is None:
            missing.append(path)
        else:
            files.put("article", path, before, article)
    return missing


ENTITY_FIELDS = ("name", "kind", "aliases", "description")
SOURCE_FIELDS = ("name", "domain", "kind", "country", "note", "aliases", "feeds", "filters")


class _Entry:
    """One `id: {...}` entry of entities.yaml or sources.yaml: typed reads, errors at the key's line."""

    def __init__(self, doc: YamlDoc, path: Path, what: str, entry_id: str, spec: dict):
        self.doc, self.path, self.what, self.id, self.spec = doc, path, what, entry_id, spec

    def fail(self, key: str | None, message: str) -> ContentError:
        where = (self.id, key) if key else (self.id,)
        return ContentError(self.path, self.doc.line_at(*where), f"{self.what} `{self.id}`: {message}")

    def text(self, key: str) -> str | None:
        value = self.spec.get(key)
        if value is None or value == "":
            return None
        if isinstance(value, (list, dict)):
            raise self.fail(key, f"`{key}` must be text, got a {'list' if isinstance(value, list) else 'mapping'}")
        return str(value).strip() or None

    def text_list(self, key: str) -> tuple[str, ...]:
        value = self.spec.get(key)
        if value is None:
            return ()
        if not isinstance(value, list):
            raise self.fail(key, f"`{key}` must be a list of text")
        for index, item in enumerate(value):
            if item is None or isinstance(item, (list, dict)) or str(item).strip() == "":
                raise ContentError(self.path, self.doc.line_at(self.id, key, index),
                                   f"{self.what} `{self.id}`: each of `{key}` must be text, got {item!r}")
        return tuple(str(item).strip() for item in value)


def _registry(path: Path, what: str, fields: tuple[str, ...], kinds: tuple[str, ...], default_kind: str | None,
              build) -> dict:
    """Read an `id: {name, kind, aliases, ...}` file (entities.yaml, sources.yaml), checked entry by entry."""
    if not path.exists():
        return {}
    doc = read_yaml_file(path)
    entries = {}
    for raw_id, spec in doc.data.items():
        line, entry_id = doc.line_of(str(raw_id)), str(raw_id)
        if not is_valid_id(entry_id):
            raise ContentError(path, line, f"{what} id {entry_id!r} is not a safe slug")
        if not isinstance(spec, dict):
            raise ContentError(path, line, f"{what} `{entry_id}` needs at least a `name`")
        entry = _Entry(doc, path, what, entry_id, spec)
        for key in spec:
            if key not in fields:
                raise unknown_key(path, doc.line_at(entry_id, key), f"{what} field", key, fields)
        if not entry.text("name"):
            raise ContentError(path, line, f"{what} `{entry_id}` needs at least a `name`")
        kind = entry.text("kind") or default_kind
        if kind is not None and kind not in kinds:
            raise entry.fail("kind", f"kind must be one of {', '.join(kinds)}{did_you_mean(kind, kinds)}")
        entries[entry_id] = build(entry, kind)
    return entries


def load_entities(path: Path) -> dict[str, Entity]:
    return _registry(path, "entity", ENTITY_FIELDS, ENTITY_KINDS, "other", lambda entry, kind: Entity(
        entry.id, entry.text("name"), kind or "other", entry.text_list("aliases"), entry.text("description") or ""))


def load_sources(path: Path) -> dict[str, Source]:
    return _registry(path, "source", SOURCE_FIELDS, SOURCE_KINDS, None, lambda entry, kind: Source(
        entry.id, entry.text("name"), entry.text("domain"), kind, entry.text("country"), entry.text("note"),
        entry.text_list("aliases"), *source_feeds(entry.id, entry.spec, entry.path, entry.doc.line_at(entry.id))))


def _check_relations(articles: list[Article], entities: dict[str, Entity]) -> list[ContentError]:
    errors: list[ContentError] = []
    ids = {a.id for a in articles}
    for article in articles:
        for other in article.duplicates:
            if other not in ids:
                errors.append(ContentError(article.source_path, _line_of_item(article.source_path, "duplicates", other),
                                           f"`duplicates` names {other!r}, which is not an article"
                                           f"{did_you_mean(other, ids)}"))
        if entities:
            for entity_id in article.entities:
                if entity_id not in entities:
                    errors.append(ContentError(article.source_path,
                                               _line_of_item(article.source_path, "entities", entity_id),
                                               f"unknown entity {entity_id!r}{did_you_mean(entity_id, entities)} "
                                               "(add it to content/entities.yaml)"))
    return errors


def article_paths(articles_dir: Path) -> list[Path]:
    """Every article file: `<id>.md`, and `<id>/index.md` for an article kept in a folder with its
    images. Sorted as strings (3x faster than Path <)."""
    return sorted([*articles_dir.glob("*.md"), *articles_dir.glob("*/index.md")], key=str)


def _line_of_item(path: Path, key: str, item: str) -> int | None:
    """The line of `item` in the front matter list `key` (read again: only for an error message)."""
    try:
        doc = split_front_matter(decode_text(path.read_bytes(), path), path).front
    except (OSError, ContentError):
        return None
    value = doc.data.get(key)
    items = [str(v).strip() for v in value] if isinstance(value, list) else [str(value).strip()]
    return doc.line_at(key, items.index(item)) if item in items else doc.line_of(key)


def load_articles(content_dir: Path, report: LoadReport, skip_invalid: bool,
                  cache: FileCache | None = None, parsed: ParsedArticles | None = None) -> list[Article]:
    articles: list[Article] = []
    seen: dict[str, Path] = {}
    root = content_dir.parent if content_dir.name else content_dir
    for path in article_paths(content_dir / "articles"):
        try:
            if cache is not None:
                article = cache.get("article", path, lambda p: load_article(p, root, parsed))
            else:
                article = load_article(path, root, parsed)
            if article.id in seen:
                raise ContentError(path, None, f"article id {article.id!r} is also used by {seen[article.id]}")
        except ContentError as error:
            report.errors.append(error)
            if skip_invalid:
                report.skipped.append(path)
            continue
        seen[article.id] = path
        articles.append(article)
    return articles


def load_site(content_dir: Path, config: SiteConfig | None = None, skip_invalid: bool = False,
              report: LoadReport | None = None, cache: FileCache | None = None,
              parsed: ParsedArticles | None = None, rules: PublishRules = PublishRules()) -> Site:
    """Load and validate everything under content/, keeping what `rules` publish (by default what
    is published now). Raises ErrorList unless skip_invalid."""
    _real_dir.cache_clear()  # a folder may have become a link since the last build
    report = report if report is not None else LoadReport()
    config = config or load_config(content_dir / "site.yaml")
    entities = load_entities(content_dir / "entities.yaml")
    sources = load_sources(content_dir / "sources.yaml")
    articles = load_articles(content_dir, report, skip_invalid, cache, parsed)
    relation_errors = _check_relations(articles, entities)
    report.errors.extend(relation_errors)
    if report.errors and not skip_invalid:
        raise ErrorList(report.errors)
    skipped_ids = {path.stem for path in report.skipped}
    if relation_errors:
        bad = {Path(e.path) for e in relation_errors if e.path is not None}
        report.skipped.extend(sorted(bad))
        skipped_ids |= {a.id for a in articles if a.source_path in bad}
        articles = [a for a in articles if a.source_path not in bad]
    articles.sort(key=lambda a: (-a.date.toordinal(), a.id))
    try:
        events = load_timeline(content_dir / "timeline.yaml", {a.id for a in articles}, entities,
                               frozenset(skipped_ids))
    except ContentError as error:
        if not skip_invalid:
            raise ErrorList([error]) from None
        report.errors.append(error)
        report.skipped.append(Path(error.path))
        events = ()
    site = Site(config=config, articles=tuple(articles), entities=entities, sources=sources, events=events)
    site = select_published(site, rules)
    return dataclasses.replace(site, raw_texts=load_raw_texts(content_dir, list(site.articles), report, cache),
                               images=load_images(content_dir, site.articles, report, skip_invalid, cache))


def load_images(content_dir: Path, articles: tuple[Article, ...], report: LoadReport, skip_invalid: bool,
                cache: FileCache | None = None) -> dict[str, tuple[ImageFile, ...]]:
    """The images beside each article that shows some, measured (and cached by file stat)."""
    root = content_dir.parent if content_dir.name else content_dir
    read = lambda p: measure_image(p, read_checked_bytes(p, root, MAX_IMAGE_BYTES, binary=True))  # noqa: E731
    images, errors = {}, []
    for article in articles:
        try:
            found = article_images(article, (lambda p: cache.get("image", p, read)) if cache else read)
        except ContentError as error:
            errors.append(error)
            continue
        if found:
            images[article.id] = found
    if errors and not skip_invalid:
        raise ErrorList(errors)
    report.errors.extend(errors)
    return images


def _raw_text(path: Path, root: Path) -> str:
    """A raw input as the ingest read it (UTF-16, UTF-32 and legacy encodings too), lines ending in \\n."""
    data = read_checked_bytes(path, root, encodings.MAX_RAW_BYTES, binary=True)
    try:
        text = encodings.decode_raw(data)
    except encodings.UndecodableText as error:
        raise ContentError(path, None, str(error)) from None
    return without_control_characters(text).replace("\r\n", "\n").replace("\r", "\n")


def load_raw_texts(content_dir: Path, articles: list[Article], report: LoadReport,
                   cache: FileCache | None = None) -> dict[str, str]:
    """The raw input of each article that names one (for its audit page); missing ones are noted."""
    root = content_dir.parent if content_dir.name else content_dir
    texts = {}
    for article in articles:
        if not article.raw:
            continue
        path = root / article.raw
        shown = article.raw if len(article.raw) <= 80 else f"{article.raw[:60]}...{article.raw[-12:]}"
        try:
            found = path.is_file()
        except OSError as error:  # a name no file system takes (over 255 bytes), a loop of links...
            report.warnings.append(f"{article.source_path}: raw file {shown} cannot be read "
                                   f"({error.strerror or error}); no audit page")
            continue
        if not found:
            report.warnings.append(f"{article.source_path}: raw file {shown} not found; no audit page")
            continue
        try:
            texts[article.id] = cache.get("raw", path, lambda p: _raw_text(p, root)) if cache else _raw_text(path, root)
        except ContentError as error:
            report.warnings.append(f"{error}; no audit page for {article.id}")
    return texts


def print_report(report: LoadReport) -> None:
    for error in report.errors:
        print(f"error: {error}", file=sys.stderr)
    for path in report.skipped:
        print(f"skipped: {path}", file=sys.stderr)
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)


def load_project_site(project: Project, report: LoadReport, *, base_url: str | None = None,
                      skip_invalid: bool = False, rules: PublishRules = PublishRules(),
                      cache: FileCache | None = None, parsed: ParsedArticles | None = None) -> Site:
    """The site of a project: its settings (`base_url` overriding site.yaml's) and its content."""
    config: SiteConfig = load_config(project.content / "site.yaml")
    if base_url:
        try:
            config = config.with_base_url(base_url)
        except ValueError as exc:
            raise ErrorList([ContentError("--base-url", None, str(exc))]) from None
    return load_site(project.content, config, skip_invalid=skip_invalid, report=report, cache=cache,
                     parsed=parsed, rules=rules)


def line_of_key(path: Path, key: str) -> int | None:
    """The line of a file's top-level `key:` (1-based), None when it has none."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith(f"{key}:"):
            return number
    return None
