"""A rich progress bar on standard error, only when it is a terminal.

Both the serial and the Dask executors report through ``ArticleProgress``; when stderr is not a
terminal (CI, pipes) nothing is drawn and the summary line alone tells the outcome.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text


class RateColumn(ProgressColumn):
    """Articles per second, the figure users compare runs by."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("-- art/s" if speed is None else f"{speed:,.1f} art/s", style="cyan")


class ArticleProgress:
    """Counts articles done and forwards the count to a live bar when there is one."""

    def __init__(self, progress: Progress | None, total: int | None) -> None:
        self._progress = progress
        self._task = progress.add_task("articles", total=total) if progress else None
        self.done = 0

    def advance(self, n: int = 1) -> None:
        self.done += n
        if self._progress is not None and self._task is not None:
            self._progress.advance(self._task, n)

    def set_total(self, total: int) -> None:
        """Give the bar its total once it is known, so it can show an ETA."""
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, total=max(total, self.done))

    def count_in_background(self, count: Callable[[], int]) -> None:
        """Run ``count`` on a daemon thread and set the total from it: the count reads the inputs
        too, so doing it first would delay the first article for nothing."""
        if self._progress is None:
            return
        thread = threading.Thread(target=lambda: self.set_total(count()), name="pactwatch-count", daemon=True)
        thread.start()


@contextmanager
def article_progress(total: int | None = None, enabled: bool | None = None,
                     count: Callable[[], int] | None = None) -> Iterator[ArticleProgress]:
    """Yield an ``ArticleProgress``; draws only if ``enabled`` (default: stderr is a tty).
    ``count``, when given, estimates the total in the background (``pactwatch.read.count``)."""
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        yield ArticleProgress(None, total)
        return
    with Progress(
        TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), RateColumn(),
        TimeElapsedColumn(), TimeRemainingColumn(), console=Console(stderr=True), transient=True,
    ) as progress:
        bar = ArticleProgress(progress, total)
        if count is not None and total is None:
            bar.count_in_background(count)
        yield bar
