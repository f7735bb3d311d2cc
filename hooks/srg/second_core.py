"""Part of a build done in a second process while the first goes on; no MkDocs imports.

MkDocs builds in one process, on one core. The service pages' Markdown and the
downloads depend only on the loaded catalog, so a forked copy of the build can
make them while the build renders the other pages: a fork inherits the catalog
and the jobs as they are, and sends back only its results (text). The build
takes each result where it would have made it itself.

Nothing here can change what is built: a job the helper did not finish (no fork
on this system, the helper stopped, or the job raised) runs again in the build,
which then raises exactly the error it would have raised without a helper.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import tempfile
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path

# Set to 1 to build in one process (to compare, or to debug a job where it runs).
ONE_PROCESS = "SRG_ONE_PROCESS"

Job = Callable[[], str]
# Helpers not yet closed, so a build that fails can stop its own (`stop_all`).
_running: set[Helper] = set()


class Helper:
    """Jobs run in a forked process, in the order given; `result(name)` returns each one's text.

    The helper writes each text to a file of its own and sends only its name: sent through
    the pipe, a page of a few megabytes crept across while the build held the interpreter.
    """

    def __init__(self, jobs: dict[str, Job]) -> None:
        self._jobs = dict(jobs)
        self._sent: dict[str, Path | None] = {}
        self._pipe: Connection | None = None
        self._process: multiprocessing.process.BaseProcess | None = None
        self._folder: Path | None = None
        if self._jobs and can_fork():
            self._folder = Path(tempfile.mkdtemp(prefix="srg-helper-"))
            context = multiprocessing.get_context("fork")
            self._pipe, writer = context.Pipe(duplex=False)
            self._process = context.Process(target=_work, args=(self._jobs, self._folder, writer), daemon=True)
            self._process.start()
            writer.close()
            _running.add(self)

    def __contains__(self, name: str) -> bool:
        return name in self._jobs

    @property
    def forked(self) -> bool:
        return self._process is not None

    def result(self, name: str) -> str:
        """The job's text from the helper, waiting for it; made here if the helper does not have it."""
        while name not in self._sent and self._pipe is not None:
            try:
                done, path = self._pipe.recv()
            except (EOFError, OSError):  # the helper stopped
                self.close()
                break
            self._sent[done] = path
        path = self._sent.pop(name, None)
        if path is None:
            return self._jobs[name]()
        text = path.read_bytes().decode("utf-8")
        path.unlink()
        return text

    def close(self) -> None:
        """Stop the helper, done or not (a build that failed leaves its jobs unread), and remove its files."""
        if self._pipe is not None:
            self._pipe.close()
            self._pipe = None
        if self._process is not None:
            if self._process.is_alive():
                self._process.terminate()
            self._process.join()
            self._process = None
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None
        _running.discard(self)


def stop_all() -> None:
    """Close every helper still running (a build stopped by an error leaves its helper's results unread)."""
    for helper in list(_running):
        helper.close()


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and os.environ.get(ONE_PROCESS) != "1"


def _work(jobs: dict[str, Job], folder: Path, writer: Connection) -> None:
    """In the helper: run each job, write its text and send the file's path; a job that raises sends None."""
    for number, (name, job) in enumerate(jobs.items()):
        path: Path | None = folder / str(number)
        try:
            path.write_bytes(job().encode("utf-8"))  # type: ignore[union-attr]
        except Exception:  # the build runs the job again and raises the error itself
            path = None
        writer.send((name, path))
    writer.close()
