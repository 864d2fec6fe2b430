"""``pactwatch serve``: the web UI and HTTP API over a knowledge base (uvicorn).

Read-only unless ``--token-file`` names a file holding a token (the admin account's) or accounts
exist (``pactwatch users``); binds 127.0.0.1 unless
told otherwise, so a database is not published to the network by accident; answers only the Host
names it is told about (DNS rebinding); drops idle connections and slow request bodies.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from pactwatch.cli._limits import add_limit_options, read_limits

if TYPE_CHECKING:
    from pactwatch.read.limits import ReadLimits

EXAMPLE = """examples:
  pactwatch serve                                   # http://127.0.0.1:8000, read-only
  pactwatch serve --db sqlite:///pactwatch.db --port 8080
  pactwatch serve --host 0.0.0.0 --token-file secret.txt   # uploads allowed with the token
  pactwatch serve --host 0.0.0.0 --allowed-host pacts.example.org --allowed-host 10.0.0.5
"""
BODY_TIMEOUT_S = 120.0  # a request body must have arrived this long after the request began
KEEP_ALIVE_S = 5  # an idle connection is closed after this long
MAX_HEADER_BYTES = 64 * 1024  # h11: the most a request line and its headers may take


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "serve", help="serve the web UI and the HTTP API",
        description="Serve the agreements, events, timeline, network and articles of a knowledge base as web "
                    "pages and JSON under /api/ (OpenAPI at /openapi.json). Read-only unless a token file is given "
                    "or accounts exist (pactwatch users).",
        epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--db", default=None, help="SQLAlchemy URL (default: $PACTWATCH_DB or sqlite:///pactwatch.db)")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--token-file", default=None,
                   help="file whose content is a token that acts as the admin account; enables uploads")
    p.add_argument("--max-upload-mb", type=float, default=20.0,
                   help="largest upload request accepted, all files together (default 20 MB; larger: 413)")
    p.add_argument("--max-upload-files", type=int, default=200, help="most files in one upload (default 200)")
    p.add_argument("--allowed-host", action="append", default=[], metavar="NAME",
                   help="a Host name the server answers besides localhost, 127.0.0.1, ::1 and the --host address "
                        "(repeatable; '*.example.org' for its subdomains, '*' for any); other names get 400")
    p.add_argument("--timeout", type=float, default=BODY_TIMEOUT_S, metavar="SECONDS",
                   help=f"a request body must arrive within this many seconds, else 408 "
                        f"(default {BODY_TIMEOUT_S:g}); idle connections close after {KEEP_ALIVE_S} s")
    p.add_argument("--limit-concurrency", type=int, default=None, metavar="N",
                   help="answer 503 past N connections and requests at once (default: no limit)")
    add_limit_options(p, file_default="the upload limit")
    p.set_defaults(func=run)


def read_token(path: str | None) -> str | None:
    """The token in ``path`` (surrounding whitespace removed); ValueError if missing or empty."""
    if path is None:
        return None
    file = Path(path)
    if not file.is_file():
        raise ValueError(f"{path}: no such token file")
    token = file.read_text(encoding="utf-8").strip()
    if len(token) < 8:
        raise ValueError(f"{path}: the token must be at least 8 characters")
    return token


def upload_limits(args: argparse.Namespace) -> ReadLimits:
    """What one upload, uploaded file or article may cost; ValueError naming the option that is
    not positive."""
    for option, value in {"--max-upload-mb": args.max_upload_mb, "--max-upload-files": args.max_upload_files}.items():
        if value is not None and value <= 0:
            raise ValueError(f"{option} must be positive, got {value}")
    return read_limits(args, file_mb_default=args.max_upload_mb)


def run(args: argparse.Namespace) -> int:
    import uvicorn
    from sqlalchemy.exc import SQLAlchemyError

    from pactwatch.web import create_app
    from pactwatch.web.guards import host_names

    if not 0 < args.port < 65536:
        print(f"Error: --port {args.port} is not a port number (1-65535)", file=sys.stderr)
        return 1
    try:
        check_connection_options(args)
        token = read_token(args.token_file)
        hosts = host_names(args.host, args.allowed_host)
        app = create_app(db=args.db, token=token, max_upload_bytes=int(args.max_upload_mb * 1_000_000),
                         max_upload_files=args.max_upload_files, read_limits=upload_limits(args),
                         allowed_hosts=hosts, body_timeout_s=args.timeout)
    except (ValueError, OSError, SQLAlchemyError) as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    mode = write_mode(app, token)
    print(f"pactwatch: serving on http://{args.host}:{args.port} ({mode}) to Host {', '.join(hosts)}; "
          "Ctrl-C to stop", file=sys.stderr)
    if args.host in ("0.0.0.0", "::") and not args.allowed_host:
        print("pactwatch: other machines get 400 until their name for this one is given with --allowed-host",
              file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", timeout_keep_alive=KEEP_ALIVE_S,
                h11_max_incomplete_event_size=MAX_HEADER_BYTES, limit_concurrency=args.limit_concurrency)
    return 0


def write_mode(app: object, token: str | None) -> str:
    """What the start line says about writes: who may upload (and review)."""
    from pactwatch.accounts import has_accounts

    engine = getattr(getattr(getattr(app, "state", None), "kb", None), "engine", None)
    accounts = engine is not None and has_accounts(engine)
    if token:
        return "uploads allowed with the token (as admin)" + (" and for accounts" if accounts else "")
    if accounts:
        return "uploads allowed for accounts"
    return "read-only: no --token-file and no account (pactwatch users add)"


def check_connection_options(args: argparse.Namespace) -> None:
    """ValueError naming ``--timeout`` or ``--limit-concurrency`` when it is not positive."""
    if not args.timeout > 0:
        raise ValueError(f"--timeout must be a positive number of seconds, got {args.timeout}")
    if args.limit_concurrency is not None and args.limit_concurrency <= 0:
        raise ValueError(f"--limit-concurrency must be positive, got {args.limit_concurrency}")
