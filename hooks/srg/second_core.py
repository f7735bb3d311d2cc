"""Part of a build done in a second process while the first goes on; no MkDocs imports.

MkDocs builds in one process, on one core. The pages' Markdown and the downloads
depend only on the loaded catalog and the pages' sources, so a forked copy of the
build can make some of them while the build makes the others: a fork inherits the
catalog and the jobs as they are, and sends back only its results (text). The
build takes each result where it would have made it itself.

The jobs are given in the order the build needs them. Each is claimed once, by
whichever process comes to it first: the build works from the first job on, the
helper from the last one back, and they meet in between, where their speeds put
the meeting at any size. Should the build wait for a job the helper is making
while another is not started (jobs asked for out of order), it makes that one.

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
from typing import Any

# Set to 1 to build in one process (to compare, or to debug a job where it runs).
ONE_PROCESS = "SRG_ONE_PROCESS"

Job = Callable[[], str]
# Helpers not yet closed, so a build that fails can stop its own (`stop_all`).
_running: set[Helper] = set()


class Helper:
    """Jobs, given in the order the build needs them, run from the last back in a forked process, unless the
    build claims one first; `result(name)` returns each one's text.

    The helper writes each text to a file of its own and sends only its name: sent through
    the pipe, a page of a few megabytes crept across while the build held the interpreter.
    """

    def __init__(self, jobs: dict[str, Job]) -> None:
        self._jobs = dict(jobs)
        self._sent: dict[str, Path | None] = {}
        self._made_here: dict[str, str | None] = {}  # None: it raised, and raises again when asked for
        self._pipe: Connection | None = None
        self._process: multiprocessing.process.BaseProcess | None = None
        self._folder: Path | None = None
        self._number = {name: number for number, name in enumerate(self._jobs)}
        if self._jobs and can_fork():
            self._folder = Path(tempfile.mkdtemp(prefix="srg-helper-"))
            context = multiprocessing.get_context("fork")
            self._claimed = context.Array("b", len(self._jobs))  # 1: a process has taken the job
            self._pipe, writer = context.Pipe(duplex=False)
            job_args = (self._jobs, self._claimed, self._folder, writer)
            self._process = context.Process(target=_work, args=job_args, daemon=True)
            self._process.start()
            writer.close()
            _running.add(self)

    def __contains__(self, name: str) -> bool:
        return name in self._jobs

    @property
    def forked(self) -> bool:
        return self._process is not None

    def result(self, name: str) -> str:
        """The job's text from the helper, waiting for it if it has started it; else made here."""
        made = self.result_file(name)
        if isinstance(made, str):
            return made
        text = made.read_bytes().decode("utf-8")
        made.unlink()
        return text

    def result_file(self, name: str) -> Path | str:
        """As `result`, but a text the helper made is left in its file, whose path is returned; a text made
        here is returned as text. The file is the text in UTF-8, and `close()` removes it.

        For a download of many megabytes, which the build then copies as a file instead of
        reading it and writing it out again."""
        if name in self._made_here:
            text = self._made_here.pop(name)
            return text if text is not None else self._jobs[name]()
        if self._process is not None:
            taken_here = _claim(self._claimed, self._number[name])
            if taken_here:  # the helper has not come to it
                return self._jobs[name]()
            if taken_here is None:  # the helper holds the claims' lock: it is stuck
                self.close()
        while name not in self._sent and self._pipe is not None:
            if not self._pipe.poll() and self._make_a_spare_job():
                continue
            try:
                done, path = self._pipe.recv()
            except (EOFError, OSError):  # the helper stopped
                self.close()
                break
            self._sent[done] = path
        path = self._sent.pop(name, None)
        return self._jobs[name]() if path is None else path

    def _make_a_spare_job(self) -> bool:
        """Make the first job neither process has started, if there is one; keep its text for when it is asked for."""
        lock = self._claimed.get_lock()
        if not lock.acquire(timeout=5):
            return False
        try:
            spare = next((n for n in range(len(self._claimed)) if not self._claimed[n]), None)
            if spare is not None:
                self._claimed[spare] = 1
        finally:
            lock.release()
        if spare is None:
            return False
        name = list(self._jobs)[spare]
        try:
            self._made_here[name] = self._jobs[name]()
        except Exception:  # raised again where the build asks for it
            self._made_here[name] = None
        return True

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
            self._sent.clear()  # their files are gone: the build makes any it still asks for
        _running.discard(self)


def stop_all() -> None:
    """Close every helper still running (a build stopped by an error leaves its helper's results unread)."""
    for helper in list(_running):
        helper.close()


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and os.environ.get(ONE_PROCESS) != "1"


def _claim(claimed: Any, number: int) -> bool | None:
    """Take job `number` unless a process has: True if taken now, False if taken before, None if the lock
    stays held (a helper killed while holding it)."""
    lock = claimed.get_lock()
    if not lock.acquire(timeout=5):
        return None
    try:
        taken = bool(claimed[number])
        claimed[number] = 1
        return not taken
    finally:
        lock.release()


def _work(jobs: dict[str, Job], claimed: Any, folder: Path, writer: Connection) -> None:
    """In the helper: from the last job back, run each one not claimed, write its text and send the file's path
    (None if it raised)."""
    for number, (name, job) in reversed(list(enumerate(jobs.items()))):
        if not _claim(claimed, number):
            continue
        path: Path | None = folder / str(number)
        try:
            path.write_bytes(job().encode("utf-8"))  # type: ignore[union-attr]
        except Exception:  # the build runs the job again and raises the error itself
            path = None
        writer.send((name, path))
    writer.close()
