"""One module per command: each has HELP, add_arguments(parser) and run(args) -> int."""
from __future__ import annotations

import argparse
import os
from pathlib import Path


def add_project_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--project", type=Path, default=Path(os.environ.get("NEWS_DIGEST_PROJECT", ".")),
                        help="project folder (default: the folder of build.py, or the current one)")
