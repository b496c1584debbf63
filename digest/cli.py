"""Command line: `python build.py [command] ...` or the `news-digest` console script."""
from __future__ import annotations

import argparse
import importlib
import sys
from types import ModuleType

# name -> module under digest.commands with add_arguments(parser) and run(args) -> int
COMMANDS = ["build", "ingest", "fetch", "serve", "check", "export", "new"]


def _available_commands(only: str | None = None) -> dict[str, ModuleType]:
    """The command modules (just `only` when given: a build need not import the ingest's libraries)."""
    modules: dict[str, ModuleType] = {}
    for name in [only] if only else COMMANDS:
        try:
            modules[name] = importlib.import_module(f"digest.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"digest.commands.{name}":
                raise
    return modules


def make_parser(only: str | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="build.py",
        description="news-digest: turn raw news articles into a clean, offline-readable digest site.",
        epilog="Run `build.py COMMAND --help` for the options of one command. "
               "With no command, `build` runs.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module in _available_commands(only).items():
        command = sub.add_parser(name, help=getattr(module, "HELP", None),
                                 description=getattr(module, "HELP", None))
        module.add_arguments(command)
        command.set_defaults(handler=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0].startswith("-") and argv[0] not in ("-h", "--help"):
        argv = ["build", *argv]
    parser = make_parser(argv[0] if argv[0] in COMMANDS else None)
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
