"""Builds: load content, plan pages, render only what changed, write the site.

One `Builder` serves both kinds of build, so they cannot disagree:
- `build()`: a complete site in a staging folder (unchanged pages hard-linked from the
  previous site, the rest rendered), swapped into place atomically;
- `rebuild()`: for the preview server, only pages whose fingerprint changed are rendered
  and written in place (each file atomically), pages that disappeared are deleted.
Either way a page is rendered exactly when its fingerprint (template + dependencies) changed.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from digest import cache_file
from digest.content.load import FileCache, LoadReport, load_article, load_project_site
from digest.content.parsed import ParsedArticles
from digest.derived import KnownRelated, derive, prepare_for_edits
from digest.errors import ContentError, DigestError, ErrorList, ReportedError
from digest.model import Site
from digest.output import cache, fast, manifest, publish
from digest.output.bodies import BodyStore, render_with_store
from digest.output.graph import DependencyHashes, page_fingerprint
from digest.output.images import ImageCache, image_specs
from digest.output.links import broken_links
from digest.output.parallel import (
    PARALLEL_MIN_PAGES,
    BodyPrerender,
    InChild,
    default_jobs,
    precompute_in_parallel,
    preload_articles,
    render_in_parallel,
    start_prerender,
)
from digest.output.state import BuildState, load_state, save_state, state_path
from digest.project import Project
from digest.publication import PublishRules
from digest.render import search
from digest.render.images import image_urls
from digest.render.pages import BodyCache, PageSpec, render_page
from digest.render.plan import check_layouts, plan_pages, root_files
from digest.render.templates import Templates

BACKGROUND_DELETE_PAGES = 2000  # below this, deleting the replaced site takes a few milliseconds


@dataclass
class BuildOptions:
    base_url: str | None = None
    skip_invalid: bool = False
    output: Path | None = None
    use_cache: bool = True
    jobs: int = 0  # 0: all cores
    drafts: bool = False  # show drafts and scheduled articles too, with a badge (previews)
    now: dt.datetime | None = None  # the moment scheduled articles are compared with (None: now)


@dataclass
class BuildResult:
    pages: int
    static_files: int
    seconds: float
    output: Path
    report: LoadReport = field(default_factory=LoadReport)
    rendered: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    extra_notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        skipped = f", {len(self.report.skipped)} file(s) skipped" if self.report.skipped else ""
        notes = "".join(f"; {note}" for note in self.extra_notes)
        return (f"Built {self.pages} pages ({len(self.rendered)} rendered, {self.pages - len(self.rendered)} "
                f"unchanged) and {self.static_files} static files into {self.output} in "
                f"{self.seconds * 1000:.0f} ms{skipped}{notes}")


class _Plan:
    """The pages of one build; fingerprints are computed on first use (a cold build needs them
    only for the state it saves, so it computes them while the workers render)."""

    def __init__(self, site: Site, specs: list[PageSpec], statics: list[tuple[str, bytes]],
                 fingerprints: dict[str, str] | None = None, templates: Templates | None = None,
                 by_url: dict[str, PageSpec] | None = None):
        self.site, self.specs, self.statics = site, specs, statics
        self._fingerprints, self._templates, self._by_url = fingerprints, templates, by_url

    @property
    def by_url(self) -> dict[str, PageSpec]:
        if self._by_url is None:
            self._by_url = {s.url: s for s in self.specs}
        return self._by_url

    @property
    def fingerprints(self) -> dict[str, str]:
        if self._fingerprints is None:
            templates = self._templates
            if templates is None:
                raise ValueError("a plan made without templates must be given its fingerprints")
            hashes = DependencyHashes(self.site, [s.url for s in self.specs])
            self._fingerprints = {s.url: page_fingerprint(s, hashes, templates) for s in self.specs}
        return self._fingerprints


class Builder:
    """Builds one project; keeps parsed files, rendered bodies and what it wrote between builds."""

    def __init__(self, project: Project, options: BuildOptions | None = None, once: bool = False):
        """`once`: this process builds one site and ends (build_site), so what only a later build
        of the same process would reuse (parsed rows, search memos) is dropped as soon as it is
        saved: the parent then holds less while the workers render."""
        self.project = project
        self.options = options or BuildOptions()
        self.once = once
        self.output = self.options.output or project.output
        self.check_output()  # before anything is created: a refused output leaves no trace
        # A cache folder that cannot be used (a file, a link to /dev/null, read-only, a full disk)
        # makes builds slower, never failed: it is left alone, with one warning.
        problem = cache_file.unusable(project.cache) if self.options.use_cache else None
        self.use_cache = self.options.use_cache and problem is None
        self._cache_writable = problem is None
        self._warnings = [f"{project.cache} {problem}: building without its caches (slower, the same site)"
                          ] if problem else []
        self.files = FileCache()
        self.body_store = BodyStore(project.cache / "bodies.sqlite") if self.use_cache else None
        self.bodies = BodyCache(functools.partial(render_with_store, self.body_store))  # no cycle via self
        self.templates = self._templates()
        self.state_file = state_path(project.cache, self.output)
        self.images = ImageCache(project.cache / "images" if self.use_cache else None)
        self._last: _Plan | None = None
        self._caches_saved_for: Site | None = None
        self._reverse: dict[str, list[str]] | None = None  # dependency key -> pages (fast path)
        self.state: BuildState = load_state(self.state_file) if self.use_cache else BuildState()
        self._parsed: ParsedArticles | None = None  # the caches of content: read by the first plan
        self._known_related: KnownRelated | None = None
        self._related_to_save: KnownRelated | None = None
        self.report = LoadReport()
        self._last_manifest: manifest.Manifest | None = None
        self._prerender: BodyPrerender | None = None

    @property
    def last_site(self) -> Site | None:
        """The site of the last successful build or rebuild (None before the first)."""
        return self._last.site if self._last is not None else None

    def _templates(self) -> Templates:
        """Jinja compiles each template once per process (kept in memory, never on disk)."""
        return Templates(self.project.layouts)

    @property
    def parsed(self) -> ParsedArticles:
        """The caches a plan reads (parsed articles, mentions, search entries, related articles),
        read once, when first needed: a build that finds nothing changed never reads them."""
        if self._parsed is None:
            project = self.project
            self._parsed = ParsedArticles(project.cache / "articles.json" if self.use_cache else None)
            if self.use_cache:
                shutil.rmtree(project.cache / "jinja", ignore_errors=True)  # an older version's pickle cache
                cache.load_mentions(project.cache)
                cache.load_search_entries(project.cache)
                self._known_related = cache.load_related(project.cache)
        return self._parsed

    def _plan(self, prerender: bool = False) -> _Plan:
        """`prerender`: while this process plans, bodies of newly read articles are rendered into
        the body store by another (a build that renders in parallel next stops it first)."""
        self.report = LoadReport()
        self.report.warnings += self._warnings  # said once, by the first build
        self._warnings = []
        self.templates = self._templates()  # templates may have changed on disk
        jobs = self.options.jobs or default_jobs()
        parsed_now = preload_articles(self.files, self.project.content / "articles", self.project.root, jobs,
                                      self.parsed)
        if prerender:
            self._prerender = start_prerender(self.body_store.path if self.body_store else None, parsed_now, jobs)
        site = self._load(self.report, self.files, self.parsed)
        precompute_in_parallel(site, jobs)
        site = self._derive(site)
        specs = plan_pages(site) + image_specs(site, self.images)
        errors = check_layouts(specs, self.templates)
        if errors:
            raise ErrorList(errors)
        self.bodies.prune({a.content_hash for a in site.articles})
        if not self.once:  # a later build of this process (the preview's edits) updates the index
            index = search.index_of_plan(specs)
            if index is not None:
                index.keep_for_updates()
        plan = _Plan(site, specs, self._files_beside_pages(site), templates=self.templates)
        self._last, self._reverse = plan, None
        return plan

    def _stop_prerender(self) -> None:
        if self._prerender is not None:
            self._prerender.stop()
            self._prerender = None

    def _derive(self, site: Site) -> Site:
        """Groups, clusters, the timeline...: once, before any page is planned; the table of related
        articles of the last build is reused when made from the same inputs (else kept for the next)."""
        known = self._known_related
        site = derive(site, known)
        derived = site.derived
        if derived is not None and derived.related is not None and derived.related_inputs is not None:
            if known is None or derived.related is not known[1]:
                self._related_to_save = (derived.related_inputs, derived.related)
            self._known_related = (derived.related_inputs, derived.related)
        return site

    def _files_beside_pages(self, site: Site) -> list[tuple[str, bytes]]:
        """layouts/static/, the root files GitHub Pages wants, and the marker that says the folder is ours."""
        return self.project.static_files() + root_files(site) + [(publish.MARKER, publish.MARKER_TEXT)]

    def _load(self, report: LoadReport, files: FileCache | None = None, parsed: ParsedArticles | None = None,
              skip_invalid: bool | None = None) -> Site:
        options = self.options
        return load_project_site(self.project, report, base_url=options.base_url,
                                 skip_invalid=options.skip_invalid if skip_invalid is None else skip_invalid,
                                 rules=PublishRules(include_unpublished=options.drafts, now=options.now),
                                 cache=files, parsed=parsed)

    def _render_in_memory(self, site: Site, specs: list[PageSpec]) -> tuple[dict[str, bytes], list[ContentError]]:
        """Each page's bytes, and the errors of those that failed (each message once)."""
        rendered: dict[str, bytes] = {}
        errors: list[ContentError] = []
        for spec in specs:
            try:
                rendered[spec.url] = render_page(site, spec, self.templates, self.bodies).content
            except ContentError as error:
                if str(error) not in {str(e) for e in errors}:
                    errors.append(error)
        if self.body_store is not None:
            self.body_store.flush()
        return rendered, errors

    def _render(self, plan: _Plan, specs: list[PageSpec]) -> dict[str, bytes]:
        rendered, errors = self._render_in_memory(plan.site, specs)
        if errors:
            raise ErrorList(errors)
        return rendered

    def check(self) -> list[str]:
        """Load, plan and render every page in memory as a build would, writing nothing: the
        problems found (`path:line: message`), broken links and anchors included."""
        report = LoadReport()
        try:
            site = derive(self._load(report, skip_invalid=True))
        except (ErrorList, DigestError) as error:
            return [str(e) for e in getattr(error, "errors", [error])]
        problems = [str(e) for e in report.errors]
        specs = plan_pages(site)
        problems += [str(e) for e in check_layouts(specs, self.templates)]
        renderable = [s for s in specs if not s.template or self.templates.exists(s.template)]
        rendered, errors = self._render_in_memory(site, renderable)
        problems += [str(e) for e in errors if str(e) not in problems]
        pages = {url: content.decode("utf-8") for url, content in rendered.items()}
        others = {url for url, _ in self._files_beside_pages(site)} | image_urls(site)
        return problems + broken_links(pages, others)

    def _write_stale(self, plan: _Plan, stale: list[PageSpec], staging: Path) -> dict[str, tuple[int, int]]:
        """Render the stale pages into staging, over all cores when there are many; {url: (size,
        mtime_ns)} of each file written (the writers know it: no second look at 10,000 files).

        Data files (search index, feeds) are made in this process, so their caches stay here;
        in a parallel build that happens while the workers render, as does saving the caches.
        """
        jobs = self.options.jobs or default_jobs()
        previous = self.output if self.output.is_dir() else None  # none on a first build: nothing to link
        templated = [s for s in stale if s.produce is None]
        self._stop_prerender()  # what it rendered is in the store; the cores are the workers' now
        if jobs > 1 and len(templated) >= PARALLEL_MIN_PAGES:
            data_written: dict[str, tuple[int, int]] = {}

            def meanwhile() -> None:
                data_written.update(self._write_data(plan, [s for s in stale if s.produce is not None],
                                                     staging, previous))
                if self.once:
                    self._forget_search_index(plan)
                self._save_caches(plan.site)
                if self.once:
                    self.parsed.forget()
                    search.forget_memos()
                plan.fingerprints  # noqa: B018 - computed now, while the workers render

            if self.body_store is not None:
                self.body_store.flush()  # what this process rendered is visible to the workers
            written, errors = render_in_parallel(plan.site, templated, self.project.layouts, staging, jobs,
                                                 meanwhile, previous=previous,
                                                 body_store=self.body_store.path if self.body_store else None)
            if errors:
                raise ErrorList([ReportedError("", None, e) for e in errors])
            written.update(data_written)
            return written
        return self._write_data(plan, stale, staging, previous)

    def _write_data(self, plan: _Plan, specs: list[PageSpec], staging: Path,
                    previous: Path | None) -> dict[str, tuple[int, int]]:
        """Render `specs` in this process and write them into staging (their bytes are not kept)."""
        written = {}
        for url, content in self._render(plan, specs).items():
            stat = publish.write_new_file(staging, url, content, previous=previous)
            written[url] = (stat.st_size, stat.st_mtime_ns)
        return written

    @staticmethod
    def _forget_search_index(plan: _Plan) -> None:
        """A one-off build drops its search index once the index files are written (the entries
        stay until they are saved; the parsed rows and search memos go after that)."""
        index = search.index_of_plan(plan.specs)
        if index is not None:
            index.forget()

    def _save_caches(self, site: Site) -> None:
        """Parsed articles, mentions and search entries of this site, for the next build (once per
        site; each file is written only when what it holds changed)."""
        if site is self._caches_saved_for or not self._cache_writable:
            return
        self._caches_saved_for = site
        self.parsed.save(site.articles)
        store = self.body_store
        if store is not None:
            store.keep_only(lambda: {store.key(a.body) for a in site.articles}, len(site.articles))
        cache.save_mentions(self.project.cache, site)
        cache.save_search_entries(self.project.cache, site)
        if self._related_to_save is not None:
            cache.save_related(self.project.cache, self._related_to_save)
            self._related_to_save = None

    def _up_to_date(self, plan: _Plan) -> bool:
        """No page is stale, none is gone, and every static file is already there byte for byte."""
        if set(self.state.pages) != {s.url for s in plan.specs}:
            return False
        for url, content in plan.statics:
            path = publish.safe_join(self.output, url)
            try:
                if path.stat().st_size != len(content) or path.read_bytes() != content:
                    return False
            except OSError:
                return False
        return True

    def check_output(self) -> None:
        """Refuse an output folder that a build would destroy (see publish.check_output_folder)."""
        publish.check_output_folder(self.output, self.project.root, self.project.output)

    def _read_inputs(self) -> manifest.Manifest:
        """What this build reads, taken before it reads anything (an edit meanwhile is seen next time)."""
        options = self.options
        key = repr((options.base_url, options.skip_invalid, options.drafts, str(self.output.resolve())))
        return manifest.Manifest(manifest.now_ns(), manifest.code_fingerprint(), key,
                                 manifest.snapshot([self.project.content, self.project.layouts]))

    def _as_last_built(self, inputs: manifest.Manifest) -> manifest.Manifest | None:
        """The last build's manifest when it read exactly these inputs and everything it left is
        still there as it left it (pages, static files, caches); else None."""
        if not self.use_cache:
            return None
        last = self._last_manifest = manifest.load(manifest.manifest_path(self.state_file))
        now = PublishRules(now=self.options.now).moment()
        if last is None or not self.state.pages or not manifest.unchanged(
                last, inputs.files, inputs.code, inputs.options, int(now.timestamp() * 1_000_000)):
            return None
        if not all((self.project.cache / name).exists() for name in last.caches):
            return None
        for url, sha in last.statics.items():
            try:
                if hashlib.sha256(publish.safe_join(self.output, url).read_bytes()).hexdigest() != sha:
                    return None
            except OSError:
                return None
        if not all(self.state.intact(url, publish.safe_join(self.output, url)) for url in self.state.pages):
            return None
        return last

    def _save_manifest(self, inputs: manifest.Manifest, plan: _Plan) -> None:
        """What this build read and left, for the next one to compare with (not when files were
        skipped as invalid: their errors must be said again)."""
        if not self._cache_writable or self.report.errors or self.report.skipped:
            return
        moment = plan.site.next_publication
        inputs.next_change_us = None if moment is None else int(moment.timestamp() * 1_000_000)
        inputs.warnings = list(self.report.warnings)
        inputs.statics = {url: hashlib.sha256(content).hexdigest() for url, content in plan.statics}
        try:
            inputs.caches = sorted(p.name for p in self.project.cache.iterdir()
                                   if p.is_file() and not p.name.startswith(("state-", "inputs-")))
        except OSError:
            return
        last = self._last_manifest
        if last is not None and dataclasses.replace(last, started_ns=inputs.started_ns) == inputs:
            return  # the same as on disk (its older start only makes it stricter): not written again
        manifest.save(manifest.manifest_path(self.state_file), inputs)

    def build(self) -> BuildResult:
        """A complete site, written beside the old one and swapped in; raises on any error.

        When the inputs are those the last build read and its output is intact, it stops there:
        nothing is loaded, planned or written (see output/manifest.py)."""
        started = time.perf_counter()
        self.check_output()
        inputs = self._read_inputs()
        last = self._as_last_built(inputs)
        if last is not None:
            self.report = LoadReport(warnings=list(last.warnings) + self._warnings)
            self._warnings = []
            return BuildResult(len(self.state.pages), len(last.statics), time.perf_counter() - started, self.output,
                               self.report, [], extra_notes=["nothing changed since the last build, nothing written"])
        try:
            return self._build(started, inputs)
        finally:
            self._stop_prerender()

    def _build(self, started: float, inputs: manifest.Manifest) -> BuildResult:
        plan = self._plan(prerender=True)
        search_files = search.index_of_plan(plan.specs) if self.once and self.state.pages else None
        if search_files is not None and (self.options.jobs or default_jobs()) > 1:
            search_files.make_elsewhere(plan.site, InChild)  # an incremental build: made while it fingerprints
        output = str(self.output)
        if self.state.pages:
            stale = [s for s in plan.specs if not self.state.unchanged(s.url, plan.fingerprints[s.url],
                                                                       publish.safe_file_name(output, s.url))]
        else:
            stale = list(plan.specs)  # nothing built before: no need to fingerprint first
        if not stale and self._up_to_date(plan):
            self._save_caches(plan.site)  # e.g. after a cache was deleted: written only if changed
            self._save_manifest(inputs, plan)
            return BuildResult(len(plan.specs), len(plan.statics), time.perf_counter() - started, self.output,
                               self.report, [], extra_notes=["nothing changed, nothing written"])
        staging = publish.new_staging_dir(self.output)
        new_state = BuildState()
        try:
            rendered = self._write_stale(plan, stale, staging)
            if search_files is not None:
                search_files.forget()  # written (or not needed: its process ends)
            staged = str(staging)
            for spec in plan.specs:
                target = publish.safe_file_name(staged, spec.url)
                if spec.url in rendered:
                    new_state.record(spec.url, plan.fingerprints[spec.url], target, rendered[spec.url])
                else:
                    publish.link_or_copy(publish.safe_file_name(output, spec.url), target)
                    new_state.record(spec.url, plan.fingerprints[spec.url], target)
            for url, content in plan.statics:
                publish.write_new_file(staging, url, content, previous=self.output)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        # A big old site is deleted by another process: the build is done once the new one is in.
        publish.swap_into_place(staging, self.output, background=len(plan.specs) >= BACKGROUND_DELETE_PAGES)
        self._remember(new_state)
        self._save_caches(plan.site)
        self._save_manifest(inputs, plan)
        result = BuildResult(len(plan.specs), len(plan.statics), time.perf_counter() - started, self.output,
                             self.report, sorted(rendered))
        index = self.output / search.INDEX_URL
        if index.exists():
            result.extra_notes.append(f"search index {index.stat().st_size / 1024:.0f} KiB")
        return result

    def warm_caches(self) -> None:
        """Prepare for fast rebuilds (the preview calls this after its first build): the reverse
        dependency map, the article positions and bodies digest, and an updatable search index
        (made by the build itself unless its files were up to date)."""
        plan = self._last
        if plan is None:
            return
        self._reverse_dependencies()
        plan.by_url  # noqa: B018 - made now, not on the first edit
        prepare_for_edits(plan.site)
        article_page = next((s for s in plan.specs if "article" in s.context and s.template), None)
        if article_page is not None:  # compiles the layouts and sets up Markdown before the first edit
            render_page(plan.site, article_page, self.templates, self.bodies)
        index = search.index_of_plan(plan.specs)
        if index is not None:
            index.keep_for_updates()  # the preview's edits update it
            index.of(plan.site)

    def _reverse_dependencies(self) -> dict[str, list[str]]:
        """Dependency key -> the pages that depend on it, made once per plan (only the preview needs it)."""
        if self._reverse is None:
            self._reverse = fast.reverse_dependencies(self._last.specs if self._last else [])
        return self._reverse

    def _rebuild_fast(self, changed: set[Path]) -> BuildResult | None:
        """Body-only edits: re-render just the pages that show those bodies (see output.fast)."""
        plan = self._last
        if plan is None:
            return None
        started = time.perf_counter()
        reverse = self._reverse_dependencies()
        root = self.project.root
        try:
            replacements = fast.body_only_edits(
                plan.site, changed, self.project.content / "articles",
                lambda p: self.files.get("article", p, lambda q: load_article(q, root)))
        except ContentError:
            return None  # the full path reports it properly
        if replacements is None:
            return None
        site = fast.site_with(plan.site, replacements)
        urls = {u for article_id in replacements for u in reverse.get(f"article:{article_id}", [])}
        if replacements:  # of the pages made from every body, the search files that did not change stay
            index = search.index_of_plan(plan.by_url[u] for u in reverse.get("bodies", []))
            index_changed = index.changed_files(site) if index is not None else None
            kept = index.files - index_changed if index is not None and index_changed is not None else frozenset()
            urls.update(u for u in reverse.get("bodies", []) if u not in kept)
        affected = [fast.respec(plan.by_url[u], replacements) for u in sorted(urls)]
        hashes = DependencyHashes(site, list(plan.by_url))
        # The new plan takes over the last one's tables, changed in place (not copied: 200,000
        # pages at 100,000 articles); the same URLs in the same order.
        fingerprints, by_url = plan.fingerprints, plan.by_url
        fingerprints.update({s.url: page_fingerprint(s, hashes, self.templates) for s in affected})
        by_url.update({s.url: s for s in affected})
        self._last = _Plan(site, list(by_url.values()), plan.statics, fingerprints, by_url=by_url)
        stale = [s for s in affected if not self.state.unchanged(s.url, fingerprints[s.url],
                                                                 publish.safe_join(self.output, s.url))]
        rendered = self._render(self._last, stale)
        for url, content in rendered.items():
            publish.write_file(self.output, url, content)
            self.state.record(url, fingerprints[url], publish.safe_join(self.output, url))
        return BuildResult(len(by_url), len(plan.statics), time.perf_counter() - started, self.output,
                           self.report, sorted(rendered))

    def rebuild(self, changed: set[Path] | None = None) -> BuildResult:
        """Bring an existing site up to date in place: render and write only what changed.

        `changed` (the files the watcher saw) allows the fast path for body-only edits.
        """
        self.check_output()
        try:  # written in place from here on: the next build checks everything
            manifest.manifest_path(self.state_file).unlink(missing_ok=True)
        except OSError:
            pass
        if changed:
            result = self._rebuild_fast(changed)
            if result is not None:
                return result
        started = time.perf_counter()
        plan = self._plan()
        stale = [s for s in plan.specs if not self.state.unchanged(s.url, plan.fingerprints[s.url],
                                                                   publish.safe_join(self.output, s.url))]
        rendered = self._render(plan, stale)
        for url, content in rendered.items():
            publish.write_file(self.output, url, content)
            self.state.record(url, plan.fingerprints[url], publish.safe_join(self.output, url))
        for url, content in plan.statics:
            publish.write_file(self.output, url, content)
        planned = {s.url for s in plan.specs}
        removed = sorted(url for url in self.state.pages if url not in planned)
        for url in removed:
            publish.remove_file(self.output, url)
            del self.state.pages[url]
        return BuildResult(len(plan.specs), len(plan.statics), time.perf_counter() - started, self.output,
                           self.report, sorted(rendered), removed)

    def close(self) -> None:
        """Release the store of rendered bodies (what it still holds is written first)."""
        if self.body_store is not None:
            self.body_store.close()
            self.body_store = None

    def save_state(self) -> None:
        """Keep what in-place rebuilds wrote for the next process (the preview saves it on exit)."""
        self._remember(self.state)
        if self._last is not None:
            self._save_caches(self._last.site)

    def _remember(self, state: BuildState) -> None:
        self.state = state
        if not self._cache_writable:
            return
        try:  # --no-cache ignores the old state but still leaves a fresh one for the next build
            save_state(self.state_file, state)
        except OSError:
            pass  # a cache we cannot write only makes the next build slower


def build_site(project: Project, options: BuildOptions | None = None) -> BuildResult:
    """Build everything into a staging folder and swap it into place; raise on any error."""
    builder = Builder(project, options, once=True)
    try:
        return builder.build()
    finally:
        builder.close()
