"""Keeping watch: rounds over the configured feeds and folders, then the round's alerts to their targets.

One round reads every due source. A feed is read with the ETag/Last-Modified of the last read
(a 304 costs nothing); each item not seen before has its page fetched and read, is ingested alone
(a ``kill -9`` loses at most the item in hand, and the store skips an article it already holds,
so nothing is stored twice), and is then marked seen in the knowledge base with the fetch time.
A folder gives its new and changed files (``pactwatch.watch.folder``), ingested a file at a time.

Every problem is one line on standard error naming the source and the reason (and a line in every
``log:`` target); the other sources go on. A page that cannot be fetched is tried again next
round, ``MAX_TRIES`` times in all, then given up with a line; a page that is not an article is
refused once (``pactwatch refused`` lists it). A feed's ETag is kept only once all its items are
settled, so an item interrupted or to be retried is offered again by the next full read.

After the sources: ``notice_due`` alerts for deadlines within the rules' widest window are
recorded, then every change recorded since this watch last delivered goes, in the order recorded,
to the targets of each rule it passes. Alerts are taken from the ``changes`` table after a durable
cursor (``KnowledgeBase.undelivered``), not from the round's own ingests, so what was recorded but
not delivered still goes out: changes recorded by ``pactwatch ingest``, an upload or another
process, and those of a round killed (``kill -9``) between its ingest and its delivery. The cursor
is named by the watch file's absolute path (two watch files on one database each get every alert);
a watch file seen for the first time starts at the newest change (no flood of old alerts).
The cursor moves after each page of alerts is handed to the targets: console and ``log:`` lines are
written by then, so a kill loses none of them (it may repeat the page in hand; each line carries the
alert's id). Webhooks are queued, with retries, and the cursor does not wait for them (a dead
receiver must not hold up the round): a webhook still queued when the process is killed is the one
thing not sent again; on a clean stop ``close`` waits for the queue and logs what could not be sent.

What a seen item's ``digest`` holds: ``sha256:...`` of the page or file that was read (ingested
or refused: settled); ``failed:N`` after N failed fetches (tried again); ``gave-up:N`` when given up.
"""

from __future__ import annotations

import hashlib
import sys
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlsplit

from pactwatch.article import Article
from pactwatch.watch.config import AlertRule, Source, WatchConfig
from pactwatch.watch.folder import FolderFile, FolderWatch

MAX_TRIES = 3
FOLDER_BATCH = 20
DELIVERY_PAGE = 100  # alerts handed over between two moves of the cursor (what a kill may repeat)
SLEEP_STEP_S = 1.0


@dataclass
class RoundReport:
    """What one round did, for its summary line and ``--once``'s exit status."""

    number: int
    feeds: int = 0
    folders: int = 0
    new: int = 0
    refused: int = 0
    failed: int = 0
    sources_failed: int = 0
    waiting: int = 0
    alerts: list[dict[str, Any]] = field(default_factory=list)  # what the round delivered, in the order recorded
    problems: list[str] = field(default_factory=list)
    interrupted: bool = False

    @property
    def clean(self) -> bool:
        """True when every source and item was read: ``--once`` exits 0, else 3."""
        return not self.problems

    def line(self) -> str:
        """"round 3: 2 feeds, 1 folder; 4 items new, 1 refused, 0 failed; 3 alerts[; 1 source failed]"."""
        def count(n: int, word: str) -> str:
            return f"{n} {word}{'' if n == 1 else 's'}"

        text = (f"round {self.number}: {count(self.feeds, 'feed')}, {count(self.folders, 'folder')}; "
                f"{self.new} items new, {self.refused} refused, {self.failed} failed; "
                f"{count(len(self.alerts), 'alert')}")
        if self.sources_failed:
            text += f"; {count(self.sources_failed, 'source')} failed"
        if self.waiting:
            text += f"; {count(self.waiting, 'file')} still being written, left for the next round"
        return text + (" (stopped early)" if self.interrupted else "")


class Watcher:
    """Runs rounds over ``config``'s sources into ``kb`` and delivers the alerts.

    ``today`` gives the day notice deadlines are counted from (tests and ``$PACTWATCH_TODAY``
    pin it); ``stop`` is set (by a signal handler) to end after the item in hand. ``fetcher``,
    ``deliveries`` (one ``Delivery`` per rule) and ``folder_settle_s`` are for tests; by default
    they come from the configuration."""

    def __init__(self, config: WatchConfig, kb: Any, *, today: Callable[[], date] = date.today,
                 stop: threading.Event | None = None, stderr: TextIO | None = None, stdout: TextIO | None = None,
                 fetcher: Any = None, deliveries: Sequence[Any] | None = None,
                 folder_settle_s: float | None = None, secret: bytes | None = None) -> None:
        self.config = config
        self.kb = kb
        self.today = today
        self.stop = stop or threading.Event()
        self.stderr = stderr or sys.stderr
        self.stdout = stdout or sys.stdout
        self.fetcher = fetcher if fetcher is not None else _fetcher(config)
        self.deliveries = list(deliveries) if deliveries is not None else [
            _delivery(rule, secret, self.stdout) for rule in config.alerts]
        settle = {} if folder_settle_s is None else {"settle_s": folder_settle_s}
        self.folders = {s.key: FolderWatch(s.path, **settle) for s in config.sources if s.path is not None}
        self.rounds = 0
        self.cursor_name = str(config.file.resolve())
        self._cursor_started = False

    def close(self) -> None:
        """Wait for queued webhooks (bounded), then let the connections go."""
        for delivery in self.deliveries:
            delivery.close()
        self.fetcher.close()

    def __enter__(self) -> Watcher:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # --- rounds --------------------------------------------------------------------------------------

    def run_round(self, sources: Iterable[Source] | None = None) -> RoundReport:
        """Read ``sources`` (default: all), record the notice alerts due, then deliver every change
        recorded since this watch file last delivered (its own, and any other process's)."""
        self.rounds += 1
        report = RoundReport(self.rounds)
        self._start_delivery()
        for source in self.config.sources if sources is None else sources:
            if self.stop.is_set():
                report.interrupted = True
                break
            if source.url:
                report.feeds += 1
                self._read_feed(source, report)
            else:
                report.folders += 1
                self._read_folder(source, report)
        report.interrupted = report.interrupted or self.stop.is_set()
        self._notice_alerts()
        report.alerts = self._deliver_recorded()
        report.interrupted = report.interrupted or self.stop.is_set()
        print(report.line(), file=self.stdout, flush=True)
        return report

    def run_forever(self, *, clock: Callable[[], float] = time.monotonic) -> int:
        """Rounds until ``stop`` is set, each over the sources then due; 0 on a clean stop."""
        due = {source.key: clock() for source in self.config.sources}
        while not self.stop.is_set():
            now = clock()
            ready = [s for s in self.config.sources if due[s.key] <= now]
            if ready:
                self.run_round(ready)
                for source in ready:
                    due[source.key] = now + source.every_s
                continue
            self.stop.wait(min(SLEEP_STEP_S, max(0.0, min(due.values()) - now)))
        return 0

    # --- feeds ---------------------------------------------------------------------------------------

    def _read_feed(self, source: Source, report: RoundReport) -> None:
        from pactwatch.watch.feeds import read_feed
        from pactwatch.watch.fetch import FetchError

        state = self.kb.source_state(source.key) or {}
        try:
            read = read_feed(self.fetcher, source.url, etag=state.get("etag"), last_modified=state.get("last_modified"))
        except FetchError as error:
            report.sources_failed += 1
            self._problem(report, source, error.reason if source.name == source.url else str(error))
            self._save_state(source, state.get("etag"), state.get("last_modified"), str(error))
            return
        seen = self.kb.seen_items(source.key) if not read.not_modified else {}
        self._skipped_entries(source, read.skipped if not read.not_modified else [], seen, report)
        unsettled = False
        for item in read.items if not read.not_modified else []:
            if self.stop.is_set():
                report.interrupted = unsettled = True
                break
            if item.key in seen and settled(seen[item.key]):
                continue
            unsettled |= not self._read_item(source, item, seen.get(item.key), report)
        if unsettled:  # keep no validator: the next read lists every item again
            self._save_state(source, None, None, None)
        else:
            self._save_state(source, read.etag, read.last_modified, None)

    def _read_item(self, source: Source, item: Any, before: str | None, report: RoundReport) -> bool:
        """Fetch, read and ingest one feed item; False when it is to be tried again."""
        from pactwatch.watch.feeds import page_article
        from pactwatch.watch.fetch import FetchError

        try:
            fetched = self.fetcher.get(item.link, site=urlsplit(source.url).hostname)
        except FetchError as error:
            return self._item_failed(source, item, before, str(error), report, lasting=error.lasting)
        digest = f"sha256:{hashlib.sha256(fetched.body).hexdigest()}"
        result = page_article(fetched, item)
        ingested = self.kb.ingest_articles([result], batch_size=1)
        if ingested.refused:  # the page's own refusal, or the article's (extraction failed, id clash)
            for refusal in ingested.refused:
                self._problem(report, source, refusal.message())
            report.refused += 1
            self._mark(source, item.key, digest, None, "refused")
        else:
            report.new += 1
            self._mark(source, item.key, digest, result.id if isinstance(result, Article) else None, "ingested")
        return True

    def _skipped_entries(self, source: Source, skipped: list[str], seen: dict[str, str | None],
                         report: RoundReport) -> None:
        """Entries the feed gives no page for (no link): each named once, as a refusal."""
        for line in skipped:
            key = f"skipped:{line}"
            if key not in seen:
                report.refused += 1
                self._problem(report, source, line)
                self._mark(source, key, "skipped", None, "refused")

    def _item_failed(self, source: Source, item: Any, before: str | None, reason: str, report: RoundReport,
                     lasting: bool = False) -> bool:
        """Mark a failed fetch: tried again next round, up to ``MAX_TRIES``; one that would fail the
        same way again (a 404, robots.txt, a redirect loop, too large) is given up at once."""
        tries = tries_of(before) + 1
        report.failed += 1
        if lasting or tries >= MAX_TRIES:
            why = "would fail the same way again" if lasting and tries < MAX_TRIES else f"after {tries} tries"
            self._problem(report, source, f"{reason} (given up: {why})")
            self._mark(source, item.key, f"gave-up:{tries}", None, "failed")
            return True
        self._problem(report, source, f"{reason} (try {tries} of {MAX_TRIES}; again next round)")
        self._mark(source, item.key, f"failed:{tries}", None, "failed")
        return False

    # --- folders -------------------------------------------------------------------------------------

    def _read_folder(self, source: Source, report: RoundReport) -> None:
        watch = self.folders[source.key]
        scan = watch.scan(self.kb.seen_items(source.key))
        report.waiting += len(scan.settling)
        for key, reason in scan.unreadable:
            report.failed += 1
            self._problem(report, source, f"{key}: cannot be read ({reason}); again next round")
        for file in scan.changed:
            if self.stop.is_set():
                report.interrupted = True
                break
            self._ingest_file(source, file, report)
        self._save_state(source, None, None, None)

    def _ingest_file(self, source: Source, file: FolderFile, report: RoundReport) -> None:
        """Ingest one file, its sources shown as ``<folder name>/<path in it>`` like ``pactwatch ingest``'s."""
        from pactwatch.read import iter_inputs
        from pactwatch.store.sources import relative_to_inputs

        assert source.path is not None
        items = relative_to_inputs(iter_inputs([file.path]), [source.path])
        ingested = self.kb.ingest_articles(items, batch_size=FOLDER_BATCH)
        for refusal in ingested.refused:
            self._problem(report, source, refusal.message())
        stored = ingested.articles_read - len(ingested.refused) > 0
        report.new += ingested.articles_new
        report.refused += len(ingested.refused)
        self._mark(source, file.key, file.digest, None, "ingested" if stored else "refused")

    # --- alerts --------------------------------------------------------------------------------------

    def _notice_alerts(self) -> None:
        """Record the notice deadlines now within the widest window of the rules (each fires once);
        they are delivered with the other recorded changes."""
        self.kb.notice_alerts(self.today(), self.config.notice_within_days())

    def _start_delivery(self) -> None:
        """Pin this watch file's cursor before the first round ingests anything, so that round's
        changes are after it; an existing cursor (an earlier run) is kept."""
        if not self._cursor_started:
            self.kb.start_delivery(self.cursor_name)
            self._cursor_started = True

    def _deliver_recorded(self) -> list[dict[str, Any]]:
        """Deliver every change recorded after the cursor, a page at a time, moving the cursor after
        each page; returns what was handed over. A stop leaves the rest for the next run."""
        delivered: list[dict[str, Any]] = []
        while True:
            page = self.kb.undelivered(self.cursor_name, DELIVERY_PAGE)
            if not page:
                return delivered
            alerts = [alert for _seq, alert in page]
            self._deliver(alerts)
            self.kb.mark_delivered(self.cursor_name, page[-1][0])
            delivered += alerts
            if len(page) < DELIVERY_PAGE or self.stop.is_set():
                return delivered

    def _deliver(self, alerts: list[dict[str, Any]]) -> None:
        """Each alert, in order, to every rule it passes: after this, all of them are handed over."""
        from pactwatch.alerts import matches

        for alert in alerts:
            for rule, delivery in zip(self.config.alerts, self.deliveries, strict=True):
                if rule_matches(rule, alert, matches):
                    delivery.send(alert)

    # --- bookkeeping ---------------------------------------------------------------------------------

    def _problem(self, report: RoundReport, source: Source, reason: str) -> None:
        """One line on standard error and in every ``log:`` target: the source and the reason."""
        line = f"{source.name}: {_one_line(reason)}"
        report.problems.append(line)
        print(line, file=self.stderr, flush=True)
        for path in self._log_paths():
            _append_problem(path, line)

    def _log_paths(self) -> list[Path]:
        return list(dict.fromkeys(Path(t[4:]) for rule in self.config.alerts for t in rule.to if t.startswith("log:")))

    def _mark(self, source: Source, key: str, digest: str | None, article_id: str | None, outcome: str) -> None:
        self.kb.mark_seen(source.key, key, digest=digest, article_id=article_id, outcome=outcome, fetched_at=utc_now())

    def _save_state(self, source: Source, etag: str | None, last_modified: str | None, problem: str | None) -> None:
        self.kb.save_source_state(source.key, etag=etag, last_modified=last_modified, checked_at=utc_now(),
                                  problem=problem)


def rule_matches(rule: AlertRule, alert: dict[str, Any], matches: Callable[..., bool]) -> bool:
    """Whether ``alert`` passes ``rule``'s filters (``pactwatch.alerts.matches``; an empty filter passes all)."""
    return matches(alert, when=rule.when, party=rule.party or None, domain=rule.domain or None,
                   kind=rule.kind or None)


def settled(digest: str | None) -> bool:
    """Whether a seen item is done with: read (ingested or refused) or given up; not a failure to retry."""
    return digest is not None and not digest.startswith("failed:")


def tries_of(digest: str | None) -> int:
    """How many fetches of an item failed so far (``failed:N``), 0 for one never tried.

    >>> tries_of("failed:2"), tries_of(None)
    (2, 0)
    """
    if digest and digest.startswith("failed:") and digest[7:].isdigit():
        return int(digest[7:])
    return 0


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _one_line(text: str) -> str:
    """Fetched text is hostile: a reason quoting it stays one line with no control characters."""
    return "".join(c if c.isprintable() else " " for c in text)


def _append_problem(path: Path, line: str) -> None:
    import json

    try:
        with path.open("a", encoding="utf-8") as log:
            log.write(json.dumps({"at": utc_now(), "problem": line}, ensure_ascii=False) + "\n")
    except OSError as error:
        print(f"log:{path}: cannot write ({error.strerror or error})", file=sys.stderr, flush=True)


def _fetcher(config: WatchConfig) -> Any:
    from pactwatch.watch.fetch import Fetcher

    return Fetcher(config.fetch_settings())


def _delivery(rule: AlertRule, secret: bytes | None, console: TextIO) -> Any:
    from pactwatch.watch.deliver import Delivery

    return Delivery(rule.to, secret=secret, console=console)

