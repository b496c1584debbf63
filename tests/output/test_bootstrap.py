"""`python build.py` on a fresh machine: where it installs the dependencies, and when it re-runs itself."""
from __future__ import annotations

import importlib.util

import pytest

from tests.conftest import REPO


@pytest.fixture(scope="module")
def build_script():
    spec = importlib.util.spec_from_file_location("build_script", REPO / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # its command line runs only under __main__
    return module


@pytest.mark.parametrize("missing, in_venv, venv_exists, managed, expected", [
    (False, False, False, True, "run"),           # everything installed: nothing to do
    (True, True, False, True, "install-here"),    # a virtual environment takes pip installs
    (True, False, False, False, "install-here"),  # so does a Python the system does not manage
    (True, False, False, True, "make-venv"),      # Debian's Python refuses pip: make .venv, re-run there
    (True, False, True, True, "use-venv"),        # .venv made by an earlier run: re-run there
    (True, False, True, False, "use-venv"),
])
def test_first_run_never_pip_installs_into_an_externally_managed_python(build_script, missing, in_venv,
                                                                        venv_exists, managed, expected):
    assert build_script.bootstrap_action(missing, in_venv, venv_exists, managed) == expected
