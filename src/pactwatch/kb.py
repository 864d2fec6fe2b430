"""The knowledge base: one object over one database, for the CLI, the web UI and Python users.

``pactwatch.open(db)`` returns a ``KnowledgeBase``. Every reading method returns plain JSON-able
dicts and lists (dates as ISO strings), so ``--json``, the HTTP API and the pages show the same
thing. Unknown ids give ``None``; a bad filter value raises ``ValueError`` listing the allowed ones.

>>> kb = pactwatch.open("sqlite:///pactwatch.db")          # doctest: +SKIP
>>> kb.ingest(["articles/"]).line()                         # doctest: +SKIP
'25 articles read: 25 new, 0 already stored; the knowledge base holds 27 agreements and 30 events; ...'
>>> [a["id"] for a in kb.agreements(party="AZE", as_of="2026-11-22")]   # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import IO, Any

from pactwatch.article import Article, Refusal
from pactwatch.facts import ArticleFacts
from pactwatch.run.ingest import IngestReport, ingest_items, reextract
from pactwatch.store import articles as article_queries
from pactwatch.store import queries
from pactwatch.store.engine import create_db_engine, migrate, resolve_url
from pactwatch.store.ingest import rebuild_all
from pactwatch.store.sources import relative_to_inputs

Extractor = Callable[[Article], ArticleFacts]
Day = date | str | None

__all__ = ["IngestReport", "KnowledgeBase", "open_kb"]


class KnowledgeBase:
    """Articles, their facts and the merged records over one SQLite file or PostgreSQL database.

    ``extractor`` (default: ``pactwatch.extract.extract_article``, loaded on first ingest) turns an
    article into facts; tests pass a fast one. ``extractor_version`` is stored with each article's
    facts so ``reextract`` knows what is out of date (default: ``pactwatch.extract.extractor_version()``,
    a digest of the rules, data files and model; or ``"custom"`` for a given extractor without a
    ``version`` attribute).
    """

    def __init__(self, db: str | None = None, *, extractor: Extractor | None = None,
                 extractor_version: str | None = None, batch_size: int | None = None) -> None:
        self.url = resolve_url(db)
        self.engine = create_db_engine(self.url)
        migrate(self.engine)
        self._extractor = extractor
        self._extractor_version = extractor_version
        self.batch_size = batch_size

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> KnowledgeBase:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"KnowledgeBase({self.engine.url.render_as_string(hide_password=True)!r})"

    # --- reading -------------------------------------------------------------------------------------

    def _read(self, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        with self.engine.connect() as conn:
            return function(conn, *args, **kwargs)

    def agreements(self, party: str | None = None, domain: str | None = None, status: str | None = None,
                   provision: str | None = None, as_of: Day = None, q: str | None = None, sort: str = "signed",
                   desc: bool = False, limit: int | None = 50, offset: int = 0) -> list[dict[str, Any]]:
        """Merged agreements matching every filter given; with ``as_of``, lifecycle columns too."""
        return self._read(queries.agreements, party=party, domain=domain, status=status, provision=provision,
                          as_of=as_of, q=q, sort=sort, desc=desc, limit=limit, offset=offset)

    def count_agreements(self, party: str | None = None, domain: str | None = None, status: str | None = None,
                         provision: str | None = None, as_of: Day = None, q: str | None = None) -> int:
        return self._read(queries.count_agreements, party=party, domain=domain, status=status,
                          provision=provision, as_of=as_of, q=q)

    def agreement(self, id: str, as_of: Day = None) -> dict[str, Any] | None:  # noqa: A002 - the API's name
        """One agreement with every field's values, sources, evidence and its lifecycle."""
        return self._read(queries.agreement, id, as_of=as_of)

    def events(self, party: str | None = None, type: str | None = None, q: str | None = None,  # noqa: A002
               limit: int | None = 50, offset: int = 0) -> list[dict[str, Any]]:
        return self._read(queries.events, party=party, type=type, q=q, limit=limit, offset=offset)

    def count_events(self, party: str | None = None, type: str | None = None, q: str | None = None) -> int:  # noqa: A002
        return self._read(queries.count_events, party=party, type=type, q=q)

    def event(self, id: str) -> dict[str, Any] | None:  # noqa: A002
        return self._read(queries.event, id)

    def timeline(self, party: str | None = None, start: Day = None, end: Day = None, limit: int | None = None,
                 offset: int = 0) -> list[dict[str, Any]]:
        return self._read(queries.timeline, party=party, start=start, end=end, limit=limit, offset=offset)

    def count_timeline(self, party: str | None = None, start: Day = None, end: Day = None) -> int:
        return self._read(queries.count_timeline, party=party, start=start, end=end)

    def articles(self, limit: int | None = 50, offset: int = 0, q: str | None = None) -> list[dict[str, Any]]:
        """Article summaries in id order; ``q`` searches titles and texts for its words (full-text,
        at most ``MAX_QUERY_CHARS`` characters, else ``ValueError``)."""
        return self._read(article_queries.articles, limit=limit, offset=offset, q=q)

    def count_articles(self, q: str | None = None) -> int:
        return self._read(article_queries.count_articles, q=q)

    def article(self, id: str) -> dict[str, Any] | None:  # noqa: A002
        """One article with its text, duplicates, the spans its page marks and its facts."""
        from pactwatch.highlights import mention_spans

        found = self._read(article_queries.article, id)
        if found is None:
            return None
        facts = found.pop("facts")
        found["mentions"] = mention_spans(found["text"], found["published"], facts or {})
        found["facts"] = facts
        return found

    def actor(self, code: str) -> dict[str, Any] | None:
        """The actor with exactly this code (``%``, ``_``, NUL are plain characters): its first 200
        agreements and events, ``agreements_total`` and ``events_total``, and its partners."""
        return self._read(article_queries.actor, code)

    def actors(self, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        return self._read(article_queries.actors, limit=limit, offset=offset)

    def count_actors(self) -> int:
        return self._read(article_queries.count_actors)

    def network(self, as_of: Day = None, domain: str | None = None) -> dict[str, Any]:
        return self._read(queries.network, as_of=as_of, domain=domain)

    def commitments(self, as_of: Day = None, party: str | None = None, kind: str | None = None,
                    expand_members: bool = False) -> list[dict[str, Any]]:
        """Who is bound to whom on ``as_of`` (default today): one row per (obligor, beneficiary, kind,
        agreement) with its conditions, whether it holds that day (true, false, or None with the
        reason) and the evidence; ``party`` as obligor or beneficiary, ``kind`` one of
        ``facts.OBLIGATION_KINDS``. ``expand_members`` adds the duties between the members of
        organisations with a collective-defence clause (``pactwatch.commitments``)."""
        from pactwatch import commitments as duties

        duties.check_filters(as_of, None, kind)
        records = self._read(queries.commitment_records, duties.organisations())
        return duties.commitments(records, as_of, party, kind, expand_members, known_codes=self._party_codes(party))

    def commitments_diff(self, start: Day, end: Day, party: str | None = None, kind: str | None = None,
                         expand_members: bool = False) -> dict[str, Any]:
        """``{"start", "end", "begun", "ended"}``: the commitments that hold on ``end`` but not on
        ``start``, and those that held on ``start`` but no longer on ``end``."""
        from pactwatch import commitments as duties

        duties.check_filters(start, None, kind, name="start")
        duties.check_day("end", end)
        records = self._read(queries.commitment_records, duties.organisations())
        return duties.commitments_diff(records, start or "", end or "", party, kind, expand_members,
                                       known_codes=self._party_codes(party))

    def _party_codes(self, party: str | None) -> set[str]:
        """``{party}`` when some stored agreement has it among its parties (a code the gazetteer does
        not know, from an older gazetteer), else nothing."""
        code = party.strip().upper() if party and party.strip() else None
        return {code} if code and self.count_agreements(party=code) else set()

    def duplicates(self, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        """Duplicate clusters by cluster id; ``limit`` and ``offset`` count clusters."""
        return self._read(article_queries.duplicates, limit=limit, offset=offset)

    def count_duplicates(self) -> int:
        return self._read(article_queries.count_duplicates)

    def refused(self, limit: int | None = 100, offset: int = 0) -> list[dict[str, Any]]:
        return self._read(article_queries.refused, limit=limit, offset=offset)

    def count_refused(self) -> int:
        return self._read(article_queries.count_refused)

    def export(self, format: str, path: str | Path | IO[str], as_of: Day = None,  # noqa: A002 - the CLI's --format
               what: str = "agreements", **options: Any) -> int:
        """Write merged records to ``path`` in ``format`` (jsonl, csv or graphml); the formats and
        their contracts are ``pactwatch.export``'s (``export.write_export``). Returns the number of
        records written."""
        from pactwatch import export

        return export.write_export(self.engine, format, path, as_of=as_of, what=what, **options)

    # --- reviewing (pactwatch.store.reviews) ---------------------------------------------------------------

    def review_queue(self, limit: int | None = 50, offset: int = 0) -> list[dict[str, Any]]:
        """The values that most need a human first, each with its confidence, reasons and evidence."""
        from pactwatch.store import reviews as review

        items = self._read(review.queue)
        first = max(0, int(offset))
        return items[first:] if limit is None else items[first:first + max(0, int(limit))]

    def count_review_queue(self) -> int:
        from pactwatch.store import reviews as review

        return len(self._read(review.queue))

    def review(self, action: str, record_id: str, field: str, *, reviewer: str, value: Any = None,
               party: str | None = None, note: str | None = None) -> dict[str, Any]:
        """Accept, reject or set (``value``, JSON-typed) a field's value of a merged record; the
        decision is kept and wins over every later merge. Returns its log entry; bad input raises
        ValueError and changes nothing."""
        from pactwatch.store import reviews as review

        return self._write(lambda conn: review.decide(conn, action, record_id, field, reviewer=reviewer, value=value,
                                                      party=party, note=note))

    def review_merge(self, record_id: str, other_id: str, *, reviewer: str, note: str | None = None) -> dict[str, Any]:
        """Show two records (of one kind) as one, from now on."""
        from pactwatch.store import reviews as review

        return self._write(lambda conn: review.decide_regroup(conn, "merge", record_id, other_id, reviewer=reviewer,
                                                              note=note))

    def review_split(self, record_id: str, article_id: str, *, reviewer: str,
                     note: str | None = None) -> dict[str, Any]:
        """Take an article's mentions out of a record into a record of their own, from now on."""
        from pactwatch.store import reviews as review

        return self._write(lambda conn: review.decide_regroup(conn, "split", record_id, article_id,
                                                              reviewer=reviewer, note=note))

    def review_log(self, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        """Every decision in the order made: reviewer, at, record, field, action, old, new, note."""
        from pactwatch.store import reviews as review

        return self._read(review.log, limit=limit, offset=offset)

    def count_review_log(self) -> int:
        from pactwatch.store import reviews as review

        return self._read(review.count_log)

    def review_stats(self) -> dict[str, Any]:
        """Per field: values accepted, rejected, changed, and precision = accepted / all judged."""
        from pactwatch.store import reviews as review

        return self._read(review.stats)

    def _write(self, function: Callable[[Any], Any]) -> Any:
        from pactwatch.store.engine import with_retries

        return with_retries(self.engine, function)

    # --- keeping watch (pactwatch.store.watch, pactwatch.alerts) -------------------------------------------

    def seen_items(self, source: str) -> dict[str, str | None]:
        """Item key -> digest of what was ingested, for every item already seen from ``source``."""
        from pactwatch.store import watch

        return self._read(watch.seen_items, source)

    def mark_seen(self, source: str, key: str, *, digest: str | None, article_id: str | None, outcome: str,
                  fetched_at: str) -> None:
        """Remember one item of ``source`` (outcome: ingested, refused or failed), replacing what
        was remembered of it."""
        from pactwatch.store import watch

        self._write(lambda conn: watch.mark_seen(conn, source, key, digest=digest, article_id=article_id,
                                                 outcome=outcome, fetched_at=fetched_at))

    def source_state(self, source: str) -> dict[str, Any] | None:
        """``{"etag", "last_modified", "checked_at", "problem"}`` of ``source``'s last check, or None."""
        from pactwatch.store import watch

        return self._read(watch.source_state, source)

    def save_source_state(self, source: str, *, etag: str | None, last_modified: str | None, checked_at: str,
                          problem: str | None) -> None:
        from pactwatch.store import watch

        self._write(lambda conn: watch.save_source_state(conn, source, etag=etag, last_modified=last_modified,
                                                         checked_at=checked_at, problem=problem))

    def changes(self, since: Any = None, kind: str | None = None, limit: int | None = 50,
                offset: int = 0) -> list[dict[str, Any]]:
        """Recorded alerts (``pactwatch.alerts``' shape), newest first; ``since``: detected at or after
        that ISO day or time; ``kind``: one of ``alerts.ALERT_KINDS``."""
        from pactwatch.store import watch

        return self._read(watch.changes, since=since, kind=kind, limit=limit, offset=offset)

    def count_changes(self, since: Any = None, kind: str | None = None) -> int:
        from pactwatch.store import watch

        return self._read(watch.count_changes, since=since, kind=kind)

    def record_changes(self, alerts: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Store the alerts (each evidence sentence with its article's source) and return the ones
        never stored before: each alert exists once, by its id."""
        from pactwatch.store import watch

        if not alerts:
            return []
        return self._write(lambda conn: watch.record_changes(conn, watch.with_sources(conn, alerts)))

    def notice_alerts(self, today: Day, within_days: int, *, now: Any = None) -> list[dict[str, Any]]:
        """``notice_due`` alerts for the agreements whose notice deadline falls in [today, today +
        within_days], recorded; returns the new ones (each deadline alerts once)."""
        from pactwatch import alerts

        records = self._read(alerts.snapshot).values()
        return self.record_changes(alerts.notice_due(records, today or date.today(), within_days, now=now))

    def start_delivery(self, name: str) -> int:
        """The delivery cursor of the watch ``name`` (a watch file's absolute path): the seq of the
        last recorded change it delivered. A watch that has none starts at the newest change, stored
        at once, so it announces what is recorded from now on and never the database's history."""
        from pactwatch.alerts import stamp
        from pactwatch.store import watch

        found = self._read(watch.cursor, name)
        if found is not None:
            return int(found)
        return self._write(lambda conn: watch.start_cursor(conn, name, stamp()))

    def undelivered(self, name: str, limit: int | None = None) -> list[tuple[int, dict[str, Any]]]:
        """(seq, alert) of every change recorded after the cursor of ``name``, oldest first, whoever
        recorded it (a watch round, ``pactwatch ingest``, an upload, an ingest catching up a killed
        one). Hand them to the targets, then ``mark_delivered`` the last seq handed over: a process
        killed in between delivers them again next time instead of losing them. A name without a
        cursor gets one (``start_delivery``) and nothing to deliver."""
        from pactwatch.store import watch

        return self._read(watch.changes_after, self.start_delivery(name), limit)

    def mark_delivered(self, name: str, seq: int) -> int:
        """Move the cursor of ``name`` forward to ``seq`` (never back); returns where it stands."""
        from pactwatch.alerts import stamp
        from pactwatch.store import watch

        return self._write(lambda conn: watch.move_cursor(conn, name, seq, stamp()))

    # --- writing -------------------------------------------------------------------------------------

    def ingest(self, paths: list[str], progress: Any = None, *, batch_size: int | None = None,
               limits: Any = None, workers: int | None = None, scheduler: str | None = None,
               shown_as: tuple[str, str] | None = None) -> IngestReport:
        """Read, extract and store everything under ``paths``; one transaction per batch.

        ``progress``: an object with ``advance(n)`` or a callable(n), told of each article done.
        ``limits``: ``pactwatch.read.ReadLimits`` (its ``max_articles_per_batch`` is the default
        batch size). ``workers``: extract and fingerprint on a Dask LocalCluster of that many
        processes; ``scheduler``: on an existing Dask cluster (``tcp://host:port``). Storing,
        clustering and merging stay here, so the result is the same as a serial run.
        Sources are stored and reported relative to the folder holding each path given (ingesting
        ``/home/x/news`` gives ``news/a.txt``; see ``pactwatch.store.sources``), never as server paths.
        ``shown_as`` = (folder, label): sources under a temporary folder (an upload's) are stored
        and reported as ``label`` + the file name, so nothing records a path that no longer exists."""
        from pactwatch.read import ReadLimits, iter_inputs

        limits = limits or ReadLimits()
        items = iter_inputs([str(p) for p in paths], limits)
        if shown_as is not None:
            items = relabelled(items, *shown_as)
        items = relative_to_inputs(items, [str(p) for p in paths])
        size = batch_size or self.batch_size or limits.max_articles_per_batch
        if not workers and not scheduler:
            return self._watched(lambda: self._ingest(items, progress, size, [str(p) for p in paths]))
        from pactwatch.run.dask import dask_client, stage_on_cluster

        with dask_client(workers, scheduler) as client:
            return self._watched(lambda: self._ingest(items, progress, size, [str(p) for p in paths],
                                                      stage_on_cluster(client)))

    def ingest_articles(self, articles: Iterable[Article | Refusal], progress: Any = None, *,
                        batch_size: int | None = None) -> IngestReport:
        """Store articles already read (uploads); refusals among them are recorded. A source that is
        an absolute path is stored as its file name."""
        from pactwatch.read import ReadLimits

        size = batch_size or self.batch_size or ReadLimits().max_articles_per_batch
        return self._watched(lambda: self._ingest(relative_to_inputs(articles, []), progress, size, []))

    def _ingest(self, items: Iterable[Article | Refusal], progress: Any, size: int, paths: list[str],
                stage: Any = None) -> IngestReport:
        extractor, version = self._extraction()
        return ingest_items(self.engine, items, extractor=extractor, extractor_version=version, batch_size=size,
                            progress=progress, paths=paths, stage=stage)

    def reextract(self, everything: bool = False, progress: Any = None) -> IngestReport:
        """Re-run extraction where the stored extractor version differs (every article with
        ``everything``), then rebuild clusters and merged records. ``articles_new`` counts the
        articles re-extracted."""
        extractor, version = self._extraction()
        return self._watched(lambda: reextract(self.engine, extractor=extractor, extractor_version=version,
                                               everything=everything, progress=progress))

    def _watched(self, work: Callable[[], IngestReport]) -> IngestReport:
        """Run ``work`` (an ingest) and record the alerts between the stored baseline and the merged
        agreements after it (``pactwatch.store.watch.catch_up``); the new ones go on the report.

        The baseline lives in the database, not in memory, and moves only in the transaction that
        records the alerts: an ingest killed (even ``kill -9``) after its batches committed leaves
        it behind, and the next ingest reports what the killed one missed. A database without a
        baseline (upgraded from before it) gets the agreements as they stand before ``work``, so
        nothing already stored becomes new. When ``work`` stops half-way, the batches it stored are
        still compared and recorded."""
        from pactwatch.store import watch

        if not self._read(watch.baseline_filled):
            self._write(watch.fill_baseline)
        try:
            report = work()
        except Exception:
            self._write(watch.catch_up)
            raise
        report.changes = self._write(watch.catch_up)
        return report

    def rebuild(self) -> tuple[int, int]:
        """Re-cluster and re-merge everything (after changing dedup or merge code); returns the
        numbers of merged agreements and events."""
        return rebuild_all(self.engine)

    def _extraction(self) -> tuple[Extractor, str]:
        if self._extractor is None:
            from pactwatch.extract import extract_article

            self._extractor = extract_article
        if self._extractor_version is None:
            self._extractor_version = _version_of(self._extractor)
        return self._extractor, self._extractor_version

    @property
    def extractor_version(self) -> str:
        return self._extraction()[1]


def relabelled(items: Iterable[Article | Refusal], folder: str, label: str) -> Iterator[Article | Refusal]:
    """Items whose source (and, for a refusal, reason) names ``folder`` name ``label`` instead."""
    from dataclasses import replace

    prefix = str(Path(folder)) + "/"
    for item in items:
        if isinstance(item, Refusal):
            yield replace(item, source=item.source.replace(prefix, label), reason=item.reason.replace(prefix, label))
        else:
            yield replace(item, source=item.source.replace(prefix, label))


def _version_of(extractor: Extractor) -> str:
    """The packaged extractor's version, a given extractor's ``version`` attribute, or "custom"."""
    if getattr(extractor, "__module__", None) == "pactwatch.extract":
        from pactwatch import extract

        return extract.extractor_version()
    return str(getattr(extractor, "version", "custom"))


def open_kb(db: str | None = None, **options: Any) -> KnowledgeBase:
    """The knowledge base at ``db`` (a SQLAlchemy URL; None: ``$PACTWATCH_DB``, else
    ``sqlite:///pactwatch.db``), created and migrated as needed."""
    return KnowledgeBase(db, **options)
