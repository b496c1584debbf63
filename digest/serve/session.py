"""A preview session: first build, HTTP server, watcher, rebuild on change, reload browsers."""
from __future__ import annotations

import errno
import gc
import shutil
import sys
import tempfile
import threading
import time
import traceback
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from digest import cache_file
from digest.errors import DigestError, ErrorList
from digest.output.run import Builder, BuildOptions
from digest.project import Project
from digest.review import review_page, review_queue
from digest.serve.changes import Debouncer, is_relevant, kind_of_change
from digest.serve.server import PreviewServer, PreviewState, make_server

RAW_SUFFIXES = (".txt", ".html", ".htm")
STOP_POLL_S = 0.1  # how often the server thread looks for a stop request (stopping waits at most this)


class _Forward(FileSystemEventHandler):
    def __init__(self, on_path: Callable[[str], None]):
        self.on_path = on_path

    def on_any_event(self, event: FileSystemEvent) -> None:
        # Folder events only echo the file events inside them (a folder's mtime changes).
        if event.is_directory or event.event_type in ("opened", "closed_no_write"):
            return
        for path in (event.src_path, getattr(event, "dest_path", "")):
            if path and is_relevant(str(path)):
                self.on_path(str(path))


@dataclass
class RebuildLog:
    """Counts kept for tests and for the console."""

    rebuilds: int = 0
    failures: int = 0
    last: str = ""
    history: list[str] = field(default_factory=list)


def bind(state: PreviewState, host: str, port: int, tries: int = 20) -> PreviewServer:
    """Bind the port, or the next free one (saying so); a clear error if none is free."""
    for candidate in range(port, port + tries):
        try:
            server = make_server(state, host, candidate)
        except OSError as exc:
            if exc.errno in (errno.EADDRINUSE, errno.EACCES):
                continue
            raise DigestError(f"cannot listen on {host}:{candidate}: {exc.strerror}") from None
        if candidate != port:
            print(f"Port {port} is taken; using {candidate} instead.", file=sys.stderr)
        return server
    raise DigestError(f"ports {port}-{port + tries - 1} on {host} are all taken; choose another with --port")


def crash_report(what: str, error: BaseException) -> str:
    """An unexpected failure as the overlay and the console show it: what failed, then where."""
    where = traceback.format_exception(type(error), error, error.__traceback__)
    return f"{what} failed: unexpected {type(error).__name__}: {error}\n" + "".join(where[-4:])


class PreviewSession:
    def __init__(self, project: Project, host: str = "127.0.0.1", port: int = 8000, base_path: str = "/",
                 base_url: str | None = None, quiet: float = 0.03, out=sys.stdout):
        self.project = project
        self.out = out
        self.output, self._temporary_output = self._preview_folder(project)
        self.state = PreviewState(self.output, base_path)
        self.server = bind(self.state, host, port)
        self.builder = Builder(project, BuildOptions(base_url=base_url, output=self.output, drafts=True))
        self.log = RebuildLog()
        self.debouncer = Debouncer(self._on_changes, quiet, idle=self._resume_collector)
        self._collector_paused = False
        self.observer = Observer()
        self._threads: list[threading.Thread] = []
        self.warmed = threading.Event()  # set once caches filled by worker processes are warm here
        self._review_shown: tuple[Callable[[], object], bytes] | None = None  # (site, its review page)
        self.state.review_page = self._review_page

    def _preview_folder(self, project: Project) -> tuple[Path, bool]:
        """.digest-cache/preview (never site/: preview URLs and live reload stay out of it), or a
        temporary folder when the cache folder cannot be used (said once)."""
        problem = cache_file.unusable(project.cache)
        if problem is None:
            return project.preview, False
        folder = Path(tempfile.mkdtemp(prefix="news-digest-preview-"))
        self._say(f"warning: {project.cache} {problem}: the preview is built in {folder}")
        return folder, True

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        host = host.decode() if isinstance(host, bytes) else str(host)
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{port}{self.state.base_path}"

    def start(self) -> None:
        self._initial_build()
        for folder in (self.project.content, self.project.layouts):
            if folder.is_dir():
                self.observer.schedule(_Forward(self.debouncer.add), str(folder), recursive=True)
        self.observer.start()
        thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": STOP_POLL_S},
                                  name="digest-http", daemon=True)
        thread.start()
        self._threads.append(thread)

    def _initial_build(self) -> None:
        try:
            result = self.builder.build()
            self._say(result.summary())
            threading.Thread(target=self._warm, name="digest-warm", daemon=True).start()
        except Exception as error:  # noqa: BLE001 - shown in the overlay; saving a file rebuilds
            expected = isinstance(error, (ErrorList, DigestError))
            self.state.error = str(error) if expected else crash_report("build", error)
            self.output.mkdir(parents=True, exist_ok=True)
            self._say(f"build failed:\n{self.state.error}")

    def _warm(self) -> None:
        try:
            self.builder.warm_caches()
            # The loaded site is long-lived: keep the collector's full passes (100 ms at 10,000
            # articles) off it, so they cannot stall a rebuild. Objects are still freed normally.
            gc.collect()
            gc.freeze()
        finally:
            self.warmed.set()

    def _ingest(self, raw_files: list[Path]) -> str | None:
        """Ingest new or changed raw files; what to show in the overlay if the ingest crashed."""
        try:
            from digest.ingest.pipeline import ingest_files
        except ImportError:  # pragma: no cover - the ingest's libraries are optional for a preview
            return None
        try:
            report = ingest_files(raw_files, self.project)
        except DigestError as error:
            self._say(f"ingest failed: {error}")
            return None
        except Exception as error:  # noqa: BLE001 - a bug must not stop the preview: shown, then rebuilt
            names = ", ".join(p.name for p in raw_files)
            return crash_report(f"ingest of {names}", error)
        for outcome in report.outcomes:
            self._say(f"ingest: {outcome.status}: {outcome.path.name}")
        for failure in report.failures:
            self._say(f"ingest error: {failure}")
        return None

    def _on_changes(self, paths: set[str]) -> None:
        """Ingest and rebuild after a burst of changes. Whatever fails, the watcher goes on and
        the browser shows why (the next change rebuilds everything)."""
        self._pause_collector()
        try:
            self._rebuild_after(paths)
        except Exception as error:  # noqa: BLE001 - shown in the overlay; the preview stays up
            self._fail(crash_report("rebuild", error))

    def _pause_collector(self) -> None:
        """No cycle collection during a rebuild: one in the middle of an edit walks the big
        containers the rebuild has just made (the plan's tables of 200,000 pages at 100,000
        articles), 23 of the edit's 100 ms. The debouncer resumes it once the preview is idle."""
        if gc.isenabled():
            gc.disable()
            self._collector_paused = True

    def _resume_collector(self) -> None:
        """Collect what the rebuilds left (only what is not frozen: since the first build's warm
        up, that is what they made) and let the collector run again."""
        if self._collector_paused:
            self._collector_paused = False
            gc.enable()
            gc.collect()

    def _fail(self, message: str) -> None:
        self.state.error = message
        self.log.failures += 1
        self._say(f"rebuild failed:\n{message}")
        self.state.broadcaster.send("page")

    def _rebuild_after(self, paths: set[str]) -> None:
        started = time.perf_counter()
        raw = [Path(p) for p in sorted(paths) if Path(p).parent == self.project.content / "raw"
               and p.endswith(RAW_SUFFIXES) and Path(p).exists()]
        crashed = self._ingest(raw) if raw else None
        try:
            result = self.builder.rebuild(None if raw or self.state.error else {Path(p) for p in paths})
        except (ErrorList, DigestError) as error:
            self._fail(str(error) if crashed is None else f"{crashed}\n{error}")
            return
        if crashed is not None:
            self._fail(crashed)
            return
        recovered = self.state.error is not None
        self.state.error = None
        self.log.rebuilds += 1
        changed = result.rendered + result.removed
        ms = (time.perf_counter() - started) * 1000
        self.log.last = f"rebuilt {len(changed)} page(s) in {ms:.0f} ms"
        self.log.history.append(self.log.last)
        shown = ", ".join(changed[:4]) + (f" and {len(changed) - 4} more" if len(changed) > 4 else "")
        self._say(f"{self.log.last}{': ' + shown if shown else ''}")
        if changed or recovered or kind_of_change(paths) == "css":
            self.state.broadcaster.send("page" if changed or recovered else kind_of_change(paths))

    def _review_page(self) -> bytes:
        """The queue of the site last built, remade only when that site changed (the site is
        held weakly: an old one is not kept alive for this page)."""
        site = self.builder.last_site
        shown = self._review_shown
        if shown is None or shown[0]() is not site:
            items = review_queue(site.articles) if site is not None else []
            shown = self._review_shown = (weakref.ref(site) if site is not None else lambda: None,
                                          review_page(items, self.state.base_path))
        return shown[1]

    def _say(self, message: str) -> None:
        print(message, file=self.out, flush=True)

    def stop(self) -> None:
        """Clean shutdown: watcher, debouncer, live-reload streams, server threads."""
        self.state.stopping.set()
        self.state.broadcaster.close_all()
        self.observer.stop()
        self.debouncer.stop()
        self._resume_collector()
        self.server.shutdown()
        self.server.server_close()
        self.builder.save_state()
        self.builder.close()
        if self.observer.is_alive():
            self.observer.join(timeout=5)
        for thread in self._threads:
            thread.join(timeout=5)
        gc.unfreeze()  # the site is no longer held: let the collector see it again
        if self._temporary_output:
            shutil.rmtree(self.output, ignore_errors=True)
