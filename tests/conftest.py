"""Shared fixtures: real projects copied into temporary folders."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def copy_project(dest: Path) -> Path:
    """A copy of the repository's sample project (content + layouts) under dest."""
    for name in ("content", "layouts"):
        shutil.copytree(REPO / name, dest / name)
    return dest


def write_article(project: Path, name: str, front: str, body: str = "Body text.\n") -> Path:
    path = project / "content" / "articles" / f"{name}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{front.strip()}\n---\n{body}", encoding="utf-8")
    return path


def settings_project(root: Path) -> Path:
    """A project with the sample's settings, entities, sources and timeline and no article yet
    (what an ingest needs to start from)."""
    (root / "content" / "raw").mkdir(parents=True)
    (root / "content" / "articles").mkdir()
    for name in ("site.yaml", "entities.yaml", "sources.yaml", "timeline.yaml"):
        shutil.copy(REPO / "content" / name, root / "content" / name)
    return root


@pytest.fixture
def sample_project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture
def empty_project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(REPO / "layouts", project / "layouts")
    (project / "content" / "articles").mkdir(parents=True)
    (project / "content" / "site.yaml").write_text("title: Test Digest\nbase_url: https://example.org/\n")
    return project


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium per test module (skipped where none is installed)."""
    from tests.browser import chromium
    with chromium() as browser:
        yield browser


@pytest.fixture(scope="module")
def axe_page(browser):
    """`axe_page(url, scheme)`: a page of the module's browser showing `url`, with axe-core loaded
    before its document. One page per colour scheme serves every check of the module:
    Chromium then compiles axe once instead of once per check (0.25 s a page instead of 1 s)."""
    from tests.browser import load_axe_on_every_document
    pages: dict[str, object] = {}

    def open_url(url: str, scheme: str = "light"):
        if scheme not in pages:
            context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
            load_axe_on_every_document(context)
            pages[scheme] = context.new_page()
        page = pages[scheme]
        page.goto(url)
        return page

    yield open_url
    for page in pages.values():
        page.context.close()


@pytest.fixture(scope="module")
def published_sample(tmp_path_factory) -> Path:
    """The sample digest built as a project site under /digest/ (as on GitHub Pages): its site/."""
    from digest.output.run import BuildOptions, build_site
    from digest.project import Project
    project = copy_project(tmp_path_factory.mktemp("published"))
    build_site(Project(project), BuildOptions(base_url="https://example.org/digest/"))
    return project / "site"
