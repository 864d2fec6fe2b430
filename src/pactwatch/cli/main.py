"""Entry point of the ``pactwatch`` command.

Every module in ``pactwatch.cli`` that defines ``register(subparsers)`` adds one subcommand;
``register`` must set ``func`` (``args -> int``) as the parser default. Commands stay thin:
parse, call one library function, print.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

import pactwatch
import pactwatch.cli as cli_package


def build_parser() -> argparse.ArgumentParser:
    """Collect the subcommands from the modules of this package, in name order."""
    parser = argparse.ArgumentParser(
        prog="pactwatch",
        description="Security-cooperation agreements from news, every value with its evidence.",
    )
    parser.add_argument("--version", action="version", version=f"pactwatch {pactwatch.__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(cli_package.__path__), key=lambda m: m.name):
        if info.name == "main" or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"pactwatch.cli.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
