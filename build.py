#!/usr/bin/env python3
"""news-digest command line. `python build.py` builds the site; `--help` lists every command.

On a fresh machine it first installs the project's dependencies (once) so that one command
is enough; set NEWS_DIGEST_NO_BOOTSTRAP=1 to skip that.
"""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent


def _ensure_dependencies() -> None:
    from importlib.util import find_spec  # finds the packages without the cost of importing them
    required = ("jinja2", "markdown_it", "mdit_py_plugins", "yaml", "watchdog", "ftfy", "rapidfuzz", "dateparser", "PIL")
    missing = [name for name in required if find_spec(name) is None]
    if missing:
        if os.environ.get("NEWS_DIGEST_NO_BOOTSTRAP"):
            raise ImportError(f"missing dependencies: {', '.join(missing)}")
        print("Installing news-digest's dependencies (first run)...", file=sys.stderr)
        subprocess.check_call([sys.executable, "-m", "pip", "install", "--quiet", "-e", str(ROOT)])


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
