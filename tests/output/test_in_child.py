"""A value computed by a forked process while the build goes on: its result, its failures, and
the search index an incremental one-off build has made that way."""
from __future__ import annotations

import os
import shutil
import signal
from pathlib import Path

import pytest

from digest.output.parallel import ChildFailed, InChild
from digest.output.run import BuildOptions, build_site
from digest.project import Project
from tests.conftest import copy_project


def _pid_and_sum(*numbers: int) -> tuple[int, int]:
    return os.getpid(), sum(numbers)


def _fails() -> None:
    raise ValueError("no such thing")


def _dies() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def test_the_value_comes_from_another_process():
    pid, total = InChild(_pid_and_sum, 1, 2, 3).result()
    assert total == 6 and pid != os.getpid()


@pytest.mark.parametrize("function, message", [(_fails, "ValueError: no such thing"), (_dies, "ended without")])
def test_a_failure_or_a_death_in_the_child_is_raised_here(function, message: str):
    with pytest.raises(ChildFailed, match=message):
        InChild(function).result()


class _Broken:
    """What make_elsewhere is given when the other process cannot make the index."""

    def __init__(self, function, *args):
        pass

    def result(self):
        raise ChildFailed("gone")


def test_an_index_that_could_not_be_made_elsewhere_is_made_here():
    import json

    from digest.render import search
    entries = [json.dumps({"t": f"Title {n}", "u": f"articles/a{n}/", "s": "Outlet", "d": "2022-01-10", "p": "",
                           "n": [], "k": "geneva", "b": f"talks word{n % 7}"}) for n in range(40)]
    plan = search.IndexOfPlan()
    site = type("S", (), {})()
    site.articles = ("same articles",)
    made = []
    search._entries, original = (lambda s: entries), search._entries
    try:
        plan.make_elsewhere(site, lambda f, e: made.append(e) or _Broken(f, e))
        assert made == [entries]
        index = plan.of(site)
    finally:
        search._entries = original
    assert index.terms == search.ShardedIndex(entries).terms


def test_an_incremental_build_with_its_index_made_elsewhere_is_the_full_build(tmp_path: Path, monkeypatch):
    project = copy_project(tmp_path / "edited")
    options = BuildOptions(jobs=2)  # the index is made elsewhere only with a second core
    build_site(Project(project), options)
    article = sorted((project / "content" / "articles").glob("*.md"))[0]
    article.write_text(article.read_text(encoding="utf-8") + "\nA new closing sentence about Geneva talks.\n",
                       encoding="utf-8")
    from digest.render import search
    made_in = tmp_path / "made-in"  # the pid of each process that makes an index (a fork writes too)
    original = search.ShardedIndex.__init__

    def recording(self, *args, **kwargs):
        with made_in.open("a") as out:
            out.write(f"{os.getpid()}\n")
        original(self, *args, **kwargs)

    monkeypatch.setattr(search.ShardedIndex, "__init__", recording)
    build_site(Project(project), options)
    [pid] = made_in.read_text().split()
    assert int(pid) != os.getpid()  # made once, in the other process, and used from there
    fresh = tmp_path / "fresh"
    for name in ("content", "layouts"):
        shutil.copytree(project / name, fresh / name)
    build_site(Project(fresh), options)
    for path in sorted((fresh / "site").rglob("*")):
        if path.is_file():
            assert path.read_bytes() == (project / "site" / path.relative_to(fresh / "site")).read_bytes(), path
