"""Entry point of the ``pactwatch`` command.

Every module in ``pactwatch.cli`` that defines ``register(subparsers)`` adds one subcommand;
``register`` must set ``func`` (``args -> int``) as the parser default. Commands stay thin:
parse, call one library function, print.
"""

from __future__ import annotations

import argparse
import difflib
import importlib
import io
import os
import pkgutil
import sys

import pactwatch
import pactwatch.cli as cli_package


def build_parser() -> argparse.ArgumentParser:
    """Collect the subcommands from the modules of this package, in name order."""
    parser = argparse.ArgumentParser(
        prog="pactwatch",
        description="Security-cooperation agreements from news, every value with its evidence.",
        epilog="Tables are laid out to $COLUMNS, else the terminal's width, else (piped) 100 columns; "
               "--wide shows every column. Errors print one 'Error: ...' line and exit 1; a mistyped "
               "option exits 2 with the command's usage.",
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


def parse_arguments(parser: argparse.ArgumentParser, argv: list[str] | None) -> argparse.Namespace:
    """``parser.parse_args``, except that an argument the subcommand does not know is reported with
    that subcommand's usage (argparse reports it with the top-level usage, which does not list the
    subcommand's options), and a mistyped option with the nearest real one."""
    args, extras = parser.parse_known_args(argv)
    if extras:
        sub = _subparsers(parser).get(getattr(args, "command", None) or "")
        reporter = sub or parser
        reporter.error(f"unrecognized arguments: {' '.join(extras)}{_option_hint(reporter, extras)}")
    return args


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _option_hint(parser: argparse.ArgumentParser, extras: list[str]) -> str:
    """" (did you mean --party?)" for the first unknown option close to a real one, else ""."""
    options = [o for action in parser._actions for o in action.option_strings if o.startswith("--")]
    for extra in extras:
        if extra.startswith("--"):
            close = difflib.get_close_matches(extra.split("=", 1)[0], options, n=1, cutoff=0.6)
            if close:
                return f" (did you mean {close[0]}?)"
    return ""


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parse_arguments(parser, argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        _silence_stdout()
        return 0


def _silence_stdout() -> None:
    """After ``| head`` closed the pipe: point standard output at /dev/null, so that Python's flush at
    exit does not print a second BrokenPipeError."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):  # not a real file (tests capture it): nothing to flush
        pass


if __name__ == "__main__":
    sys.exit(main())
