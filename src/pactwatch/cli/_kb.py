"""What the knowledge-base commands share: the ``--db`` option, opening the KB, printing, errors."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pactwatch.cli._tables import cell, console  # noqa: F401 - shared with the commands that import them from here

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


def open_kb(args: argparse.Namespace, create: bool = False) -> KnowledgeBase:
    """The knowledge base of ``--db``. Reading commands (``create=False``) refuse a SQLite file that
    does not exist, rather than create an empty one and answer "0 agreements"; ``ingest`` creates it."""
    from pactwatch.kb import open_kb as open_knowledge_base

    db = getattr(args, "db", None)
    if not create:
        check_database_exists(db)
    return open_knowledge_base(db)


def check_database_exists(db: str | None) -> None:
    """ValueError when ``db`` names a SQLite file that is not there. Only SQLite files can be looked
    for; a server URL (PostgreSQL), an in-memory database or a SQLite URI goes on to be opened."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    from pactwatch.store.engine import resolve_url

    try:
        url = make_url(resolve_url(db))
    except ArgumentError:
        return  # opening it says what is wrong with the URL
    database = url.database
    if url.get_backend_name() != "sqlite" or not database or database == ":memory:" or database.startswith("file:"):
        return
    if not Path(database).exists():
        raise ValueError(f"no database at {database} (run `pactwatch ingest ...` first, or pass --db)")


def guarded(command: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Turn the errors a user can cause (bad values, unreachable or unusable database, unwritable
    file) into one "Error: ..." line and exit status 1."""
    from sqlalchemy.exc import SQLAlchemyError

    def run(args: argparse.Namespace) -> int:
        try:
            return command(args)
        except BrokenPipeError:
            raise  # the reader went away (``| head``): main() ends quietly
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
