#!/usr/bin/env python3
"""news-digest command line. `python build.py` builds the site; `--help` lists every command.

On a fresh machine it first installs the project's dependencies (once) so that one command is
enough: into the running environment when that is a virtual environment, otherwise into `.venv/`
beside this file (a system Python such as Debian's refuses pip installs), and then runs itself
again with that environment's Python. Set NEWS_DIGEST_NO_BOOTSTRAP=1 to skip all of it.
"""
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"


def bootstrap_action(missing: bool, in_venv: bool, venv_python_exists: bool, externally_managed: bool) -> str:
    """What the first run does: "run" (all there), "install-here", "use-venv" (re-run in .venv),
    or "make-venv" (create .venv, install into it, re-run there)."""
    if not missing:
        return "run"
    if in_venv or not externally_managed and not venv_python_exists:
        return "install-here"
    return "use-venv" if venv_python_exists else "make-venv"


def _venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _pip_install(python: str) -> None:
    """pip install -e ROOT, showing one line per package as it goes (the first run takes a while)."""
    command = [python, "-m", "pip", "install", "--disable-pip-version-check", "--progress-bar", "off", "-e", str(ROOT)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output = []
    assert process.stdout is not None  # stdout=PIPE
    for line in process.stdout:
        output.append(line)
        if line.startswith(("Collecting ", "Successfully installed")):
            _say("  " + line.strip())
    if process.wait() != 0:
        sys.stderr.write("".join(output[-20:]))
        raise SystemExit("error: installing the dependencies failed (pip's last lines above). By hand: "
                         f"{sys.executable} -m venv .venv && .venv/bin/pip install -e . && .venv/bin/python build.py")


def _make_venv() -> None:
    _say(f"This Python is managed by the system; making a virtual environment in {VENV} (once)...")
    try:
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True, capture_output=True, text=True)
    except subprocess.CalledProcessError as error:
        raise SystemExit(f"error: cannot make {VENV}: {(error.stderr or error.stdout).strip().splitlines()[-1:]}\n"
                         "Install Python's venv module (Debian/Ubuntu: apt-get install python3-venv), then run "
                         "this command again.") from None


def _missing_dependencies() -> list[str]:
    """The distributions pyproject.toml (the one list) requires that are not installed."""
    import re
    import tomllib
    from importlib.metadata import PackageNotFoundError, version

    with open(ROOT / "pyproject.toml", "rb") as file:
        required = tomllib.load(file)["project"]["dependencies"]
    missing = []
    for requirement in required:
        name = re.split(r"[^A-Za-z0-9_.-]", requirement, maxsplit=1)[0]
        try:
            version(name)
        except PackageNotFoundError:
            missing.append(name)
    return missing


def _ensure_dependencies() -> None:
    missing = _missing_dependencies()
    if missing and os.environ.get("NEWS_DIGEST_NO_BOOTSTRAP"):
        raise ImportError(f"missing dependencies: {', '.join(missing)}")
    action = bootstrap_action(bool(missing), sys.prefix != sys.base_prefix, _venv_python().exists(),
                              (Path(sysconfig.get_path("stdlib")) / "EXTERNALLY-MANAGED").exists())
    if action == "run":
        return
    if action == "install-here":
        _say("Installing news-digest's dependencies (first run, about 20 s)...")
        _pip_install(sys.executable)
        return
    if action == "make-venv":
        _make_venv()
        _say("Installing news-digest's dependencies into .venv (first run, about 20 s)...")
        _pip_install(str(_venv_python()))
    os.execv(str(_venv_python()), [str(_venv_python()), str(Path(__file__).resolve()), *sys.argv[1:]])


if __name__ == "__main__":
    _ensure_dependencies()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("NEWS_DIGEST_PROJECT", str(ROOT))
    from digest.cli import main

    code = main()
    # Everything worth keeping is written by now (atomically). Skipping the interpreter's teardown,
    # which frees a big site object by object, saves a noticeable part of a quick build.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
