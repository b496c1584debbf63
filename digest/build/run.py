"""Full builds: load content, plan and render every page, write the site atomically."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from digest.config import SiteConfig, load_config
from digest.content.load import LoadReport, load_site
from digest.errors import ContentError, ErrorList
from digest.model import Site
from digest.project import Project
from digest.render.pages import BodyCache, Page, PageSpec, render_page
from digest.render.plan import plan_pages
from digest.render.templates import Templates
from digest.build import publish


@dataclass
class BuildOptions:
    base_url: str | None = None
    skip_invalid: bool = False
    output: Path | None = None


@dataclass
class BuildResult:
    pages: int
    static_files: int
    seconds: float
    output: Path
    report: LoadReport = field(default_factory=LoadReport)

    def summary(self) -> str:
        skipped = f", {len(self.report.skipped)} file(s) skipped" if self.report.skipped else ""
        return (f"Built {self.pages} pages and {self.static_files} static files into "
                f"{self.output} in {self.seconds * 1000:.0f} ms{skipped}")


def load_project_site(project: Project, options: BuildOptions, report: LoadReport) -> Site:
    config: SiteConfig = load_config(project.content / "site.yaml")
    if options.base_url:
        try:
            config = config.with_base_url(options.base_url)
        except ValueError as exc:
            raise ErrorList([ContentError("--base-url", None, str(exc))]) from None
    return load_site(project.content, config, skip_invalid=options.skip_invalid, report=report)


def check_layouts(specs: list[PageSpec], site: Site, templates: Templates) -> list[ContentError]:
    """Every page's layout must exist; an article naming an unknown one is reported at its line."""
    errors = []
    missing = sorted({s.template for s in specs if s.template and not templates.exists(s.template)})
    for name in missing:
        users = [s for s in specs if s.template == name]
        for spec in users:
            article = spec.context.get("article")
            if article is not None:
                errors.append(ContentError(article.source_path, _line_of_layout(article.source_path),
                                           f"unknown layout {article.layout!r} (no layouts/{name})"))
            else:
                errors.append(ContentError(templates.layouts_dir / name, None, "template is missing"))
    return errors


def _line_of_layout(path: Path) -> int | None:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("layout:"):
            return number
    return None


def render_all(site: Site, specs: list[PageSpec], templates: Templates, bodies: BodyCache) -> list[Page]:
    pages, errors = [], []
    for spec in specs:
        try:
            pages.append(render_page(site, spec, templates, bodies))
        except ContentError as error:
            if error not in errors:
                errors.append(error)
    if errors:
        raise ErrorList(errors)
    return pages


def static_files(project: Project) -> list[tuple[str, bytes]]:
    """Files under layouts/static/, published as static/..."""
    files = []
    if project.static.is_dir():
        for path in sorted(project.static.rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                files.append(("static/" + path.relative_to(project.static).as_posix(), path.read_bytes()))
    return files


def extra_files(site: Site) -> list[tuple[str, bytes]]:
    """Small files GitHub Pages wants at the root."""
    files = [(".nojekyll", b"")]
    if site.config.cname:
        files.append(("CNAME", site.config.cname.encode() + b"\n"))
    return files


def build_site(project: Project, options: BuildOptions | None = None) -> BuildResult:
    """Build everything into a staging folder and swap it into place; raise on any error."""
    options = options or BuildOptions()
    started = time.perf_counter()
    report = LoadReport()
    site = load_project_site(project, options, report)
    templates = Templates(project.layouts)
    specs = plan_pages(site)
    layout_errors = check_layouts(specs, site, templates)
    if layout_errors:
        raise ErrorList(layout_errors)
    pages = render_all(site, specs, templates, BodyCache())
    statics = static_files(project) + extra_files(site)
    output = options.output or project.output
    staging = publish.new_staging_dir(output)
    try:
        for page in pages:
            publish.write_new_file(staging, page.url, page.content)
        for url, content in statics:
            publish.write_new_file(staging, url, content)
    except BaseException:
        import shutil
        shutil.rmtree(staging, ignore_errors=True)
        raise
    publish.swap_into_place(staging, output)
    return BuildResult(len(pages), len(statics), time.perf_counter() - started, output, report)
