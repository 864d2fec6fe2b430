"""Background ingest jobs, so the upload page can show progress while the server extracts.

A job owns its temporary folder (removed when it ends), counts the articles the knowledge base
reports as processed, and keeps the report or the error. Jobs run one at a time (the KB has one
writer); at most ``MAX_QUEUED`` wait their turn (a new one past that raises ``JobQueueFull``, which
the upload answers with 429), so uploads cannot pile up threads and temporary folders without
bound. The last ``KEEP`` are remembered under random ids.
"""

from __future__ import annotations

import secrets
import shutil
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

KEEP = 50
MAX_QUEUED = 4
UPLOAD_LABEL = "upload:"  # what an uploaded file's source reads as, instead of the temporary folder
_WRITER = threading.Lock()


@dataclass
class IngestJob:
    id: str
    files: int
    state: str = "queued"  # queued -> running -> done | failed
    articles_done: int = 0
    report: dict[str, Any] | None = None
    error: str | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def advance(self, n: int = 1) -> None:
        """The KB's progress callback: ``n`` more articles processed."""
        with self._lock:
            self.articles_done += int(n)

    def to_json(self) -> dict[str, Any]:
        with self._lock:
            return {"job": self.id, "state": self.state, "files": self.files, "articles_done": self.articles_done,
                    "report": self.report, "error": self.error}


class JobQueueFull(Exception):
    """Raised by ``JobBoard.start`` when ``max_queued`` jobs are already waiting for the writer."""


class JobBoard:
    """The jobs of one app, newest last; at most ``max_queued`` waiting at a time."""

    def __init__(self, max_queued: int = MAX_QUEUED) -> None:
        if max_queued < 1:
            raise ValueError(f"JobBoard max_queued must be positive, got {max_queued}")
        self.max_queued = max_queued
        self._jobs: OrderedDict[str, IngestJob] = OrderedDict()
        self._lock = threading.Lock()

    def queued(self) -> int:
        """How many jobs wait for the writer."""
        with self._lock:
            return sum(job.state == "queued" for job in self._jobs.values())

    def queue_full(self) -> bool:
        return self.queued() >= self.max_queued

    def get(self, job_id: str) -> IngestJob | None:
        with self._lock:
            return self._jobs.get(job_id)

    def start(self, kb: Any, paths: list[str], folder: str, to_json: Any, limits: Any = None) -> IngestJob:
        """Ingest ``paths`` in a thread; ``to_json(report, folder)`` makes the stored report.
        ``JobQueueFull`` when ``max_queued`` jobs already wait (the caller keeps its folder)."""
        job = IngestJob(secrets.token_urlsafe(12), files=len(paths))
        with self._lock:
            waiting = sum(other.state == "queued" for other in self._jobs.values())
            if waiting >= self.max_queued:
                raise JobQueueFull(f"{waiting} ingest jobs are already waiting")
            self._jobs[job.id] = job
            self._forget_finished()
        threading.Thread(target=self._run, args=(job, kb, paths, folder, to_json, limits), daemon=True).start()
        return job

    def _forget_finished(self) -> None:
        """Past ``KEEP`` jobs, the oldest finished ones are forgotten (never one still waiting or running)."""
        for job_id in [key for key, job in self._jobs.items() if job.state in ("done", "failed")]:
            if len(self._jobs) <= KEEP:
                return
            del self._jobs[job_id]

    @staticmethod
    def _run(job: IngestJob, kb: Any, paths: list[str], folder: str, to_json: Any, limits: Any) -> None:
        try:
            with _WRITER:
                job.state = "running"
                report = kb.ingest(paths, progress=job.advance, limits=limits, shown_as=(folder, UPLOAD_LABEL))
            job.report = to_json(report, folder)
            job.state = "done"
        except Exception as exc:  # the job must end in a state the page can show, whatever failed
            job.error = f"{type(exc).__name__}: {exc}"
            job.state = "failed"
        finally:
            shutil.rmtree(folder, ignore_errors=True)


def ingest_now(kb: Any, paths: list[str], limits: Any = None, folder: str | None = None) -> Any:
    """Ingest in the caller's thread, after any running job (one writer at a time)."""
    with _WRITER:
        return kb.ingest(paths, limits=limits, shown_as=(folder, UPLOAD_LABEL) if folder else None)
