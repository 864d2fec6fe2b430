"""``pactwatch watch``: follow the feeds and folders of a watch file and tell its targets what changed."""

from __future__ import annotations

import argparse
import os
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from types import FrameType

from pactwatch.cli._kb import guarded, parser_for

EXIT_PROBLEMS = 3
TODAY_ENV = "PACTWATCH_TODAY"
EXAMPLE = """  pactwatch watch --config watch.toml                 # until Ctrl-C or SIGTERM
  pactwatch watch --config watch.toml --once          # one round, for cron: exit 3 if a source failed
  */15 * * * *  cd /srv/pactwatch && pactwatch watch --config watch.toml --once >> watch.out 2>&1
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    p = parser_for(subparsers, "watch", "follow news feeds and folders, and send alerts on changes",
                   "Read the sources of a watch file (RSS/Atom feeds: each new item's page is fetched and read; "
                   "folders: new or changed files are ingested) every so often, store what was seen so nothing "
                   "is read twice, and send the alerts of what changed (new agreements, ratifications, entry "
                   "into force, terminations, notice deadlines, conflicts) to the targets of the [[alert]] rules. "
                   "Problems (a broken feed, a page that cannot be fetched or is not an article) are one line "
                   "each on standard error naming the source; the other sources go on. Each round ends with a "
                   "summary line. Ctrl-C or SIGTERM ends it after the item in hand, exit status 0. "
                   "--once: one round over every source, exit status 3 when something could not be read, "
                   f"else 0. Webhook targets are signed with $PACTWATCH_WEBHOOK_SECRET. ${TODAY_ENV}=YYYY-MM-DD "
                   "sets the day notice deadlines are counted from (default: today). --db overrides the "
                   "file's db, which overrides $PACTWATCH_DB.", EXAMPLE)
    p.add_argument("--config", required=True, metavar="FILE", help="the watch file (see watch.example.toml)")
    p.add_argument("--once", action="store_true", help="one round over every source, then exit (0, or 3 on problems)")
    p.set_defaults(func=run)


@guarded
def run(args: argparse.Namespace) -> int:
    from pactwatch.kb import open_kb
    from pactwatch.watch.config import WEBHOOK_SECRET_ENV, load_config
    from pactwatch.watch.loop import Watcher

    config = load_config(args.config)
    today = today_from_environment()
    secret = os.environ.get(WEBHOOK_SECRET_ENV)
    stop = threading.Event()
    kb = open_kb(args.db or config.db)
    try:
        with (Watcher(config, kb, today=today, stop=stop, secret=secret.encode() if secret else None) as watcher,
              stopping_on_signals(stop)):
            if args.once:
                return 0 if watcher.run_round().clean else EXIT_PROBLEMS
            return watcher.run_forever()
    finally:
        kb.close()


def today_from_environment() -> Callable[[], date]:
    """``date.today``, or the fixed day of ``$PACTWATCH_TODAY`` (ValueError when it is not YYYY-MM-DD)."""
    pinned = os.environ.get(TODAY_ENV, "").strip()
    if not pinned:
        return date.today
    try:
        day = date.fromisoformat(pinned)
    except ValueError:
        raise ValueError(f"${TODAY_ENV} must be a day like 2026-11-01, got {pinned!r}") from None
    return lambda: day


@contextmanager
def stopping_on_signals(stop: threading.Event) -> Iterator[None]:
    """While inside: SIGINT and SIGTERM set ``stop`` (the watcher ends after the item in hand) instead
    of killing the process; a second signal ends it at once. The previous handlers come back after."""
    def handle(_number: int, _frame: FrameType | None) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()

    previous = {number: signal.signal(number, handle) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
