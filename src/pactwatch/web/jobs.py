"""Background ingest jobs, so the upload page can show progress while the server extracts.

A job owns its temporary folder (removed when it ends), counts the articles the knowledge base
reports as processed, and keeps the report or the error. Jobs run one at a time (the KB has one
writer); the last ``KEEP`` are remembered under random ids.
"""

from __future__ import annotations

import secrets
import shutil
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

KEEP = 50
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


class JobBoard:
    """The jobs of one app, newest last."""

    def __init__(self) -> None:
        self._jobs: OrderedDict[str, IngestJob] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, job_id: str) -> IngestJob | None:
        with self._lock:
            return self._jobs.get(job_id)

    def start(self, kb: Any, paths: list[str], folder: str, to_json: Any, limits: Any = None) -> IngestJob:
        """Ingest ``paths`` in a thread; ``to_json(report, folder)`` makes the stored report."""
        job = IngestJob(secrets.token_urlsafe(12), files=len(paths))
        with self._lock:
            self._jobs[job.id] = job
            while len(self._jobs) > KEEP:
                self._jobs.popitem(last=False)
        threading.Thread(target=self._run, args=(job, kb, paths, folder, to_json, limits), daemon=True).start()
        return job

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
