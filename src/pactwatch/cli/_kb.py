"""What the knowledge-base commands share: the ``--db`` option, opening the KB, printing, errors."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pactwatch.kb import KnowledgeBase

DB_HELP = "database URL (default: $PACTWATCH_DB, else sqlite:///pactwatch.db); a bare path is a SQLite file"


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default=None, metavar="URL", help=DB_HELP)


def add_json_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON (the KB API's objects) instead of a table")


def parser_for(subparsers: argparse._SubParsersAction, name: str, help: str, description: str,  # noqa: A002
               example: str) -> argparse.ArgumentParser:
    """A subcommand parser with its example as the epilog and the shared ``--db`` option."""
    p = subparsers.add_parser(name, help=help, description=description, epilog=f"examples:\n{example}",
                              formatter_class=argparse.RawDescriptionHelpFormatter)
    add_db_argument(p)
    return p


def open_kb(args: argparse.Namespace) -> KnowledgeBase:
    from pactwatch.kb import open_kb as open_knowledge_base

    return open_knowledge_base(getattr(args, "db", None))


def guarded(command: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Turn the errors a user can cause (bad values, unreachable or unusable database, unwritable
    file) into one "Error: ..." line and exit status 1."""
    from sqlalchemy.exc import SQLAlchemyError

    def run(args: argparse.Namespace) -> int:
        try:
            return command(args)
        except (ValueError, OSError) as exc:
            return fail(str(exc))
        except SQLAlchemyError as exc:
            return fail(f"database: {str(getattr(exc, 'orig', None) or exc).splitlines()[0]}")

    run.__doc__ = command.__doc__
    return run


def fail(message: str) -> int:
    print(f"Error: {message}", file=sys.stderr)
    return 1


def print_json(obj: Any) -> None:
    print(json.dumps(obj, ensure_ascii=False, indent=2, default=str))


def console() -> Any:
    """Standard output; as wide as the terminal, or 200 columns when piped (tables stay readable)."""
    from rich.console import Console

    return Console(soft_wrap=False, highlight=False, width=None if sys.stdout.isatty() else 200)


def cell(value: Any) -> str:
    """A value as a table cell: lists joined, unknown as blank, booleans as yes/no."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(cell(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {cell(v) or '?'}" for k, v in value.items())
    return str(value)
