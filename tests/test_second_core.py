"""The second process: it makes the same texts as the build would, and never loses or changes one."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import ROOT, Build, run_build
from srg import second_core
from srg.errors import MarkupError
from srg.second_core import Helper


def _wait_until(condition: Callable[[], object]) -> None:
    deadline = time.monotonic() + 30
    while not condition():
        assert time.monotonic() < deadline, "waited 30 s"
        time.sleep(0.01)


def _in_helper() -> str:
    return f"made in {os.getpid()}"


def test_the_helper_works_from_the_last_job_back_and_the_build_from_the_first_on(tmp_path: Path) -> None:
    go = tmp_path / "go"

    def last() -> str:
        _wait_until(lambda: go.exists())
        return _in_helper()

    jobs = {"first": _in_helper, "text": lambda: "ünïcode\r\nkept as is\n", "empty": lambda: "", "last": last}
    helper = Helper(jobs)
    try:
        assert helper.forked
        _wait_until(lambda: helper._claimed[3])
        assert list(helper._claimed) == [0, 0, 0, 1]
        assert helper.result("first") == f"made in {os.getpid()}"  # the helper has not come to it: the build makes it
        go.touch()
        assert helper.result("last") != f"made in {os.getpid()}"
        assert helper.result("text") == "ünïcode\r\nkept as is\n"
        assert helper.result("empty") == ""
    finally:
        helper.close()


def test_a_result_the_helper_made_can_be_taken_as_its_file_which_closing_removes(tmp_path: Path) -> None:
    go = tmp_path / "go"

    def download() -> str:
        _wait_until(lambda: go.exists())
        return "ünïcode\r\nkept as is\n" * 1000

    helper = Helper({"first": _in_helper, "download": download})
    try:
        _wait_until(lambda: helper._claimed[1])
        assert helper.result_file("first") == f"made in {os.getpid()}"  # made here: its text
        go.touch()
        made = helper.result_file("download")
        assert isinstance(made, Path)
        assert made.read_bytes() == ("ünïcode\r\nkept as is\n" * 1000).encode("utf-8")
    finally:
        helper.close()
    assert not made.exists()


def test_waiting_for_a_job_the_helper_is_making_the_build_makes_one_no_one_has_started(tmp_path: Path) -> None:
    go = tmp_path / "go"

    def slow() -> str:
        _wait_until(lambda: go.exists())
        return _in_helper()

    def first() -> str:
        go.touch()  # the helper finishes once the build has made this one
        return _in_helper()

    helper = Helper({"first": first, "second": _in_helper, "slow": slow})
    try:
        _wait_until(lambda: helper._claimed[2])
        assert helper.result("slow") != f"made in {os.getpid()}"  # asked out of order: made "first" meanwhile
        assert helper._made_here["first"] == f"made in {os.getpid()}"
        assert helper.result("first") == f"made in {os.getpid()}"
        assert helper.result("second")
    finally:
        helper.close()


def test_a_job_that_raises_raises_its_own_error_in_the_build() -> None:
    def broken() -> str:
        raise MarkupError("docs/aws.md:3: unknown marker 'srg:nope'")

    helper = Helper({"broken": broken, "fine": lambda: "fine"})
    try:
        with pytest.raises(MarkupError, match=r"^docs/aws\.md:3: unknown marker 'srg:nope'$"):
            helper.result("broken")
        assert helper.result("fine") == "fine"
    finally:
        helper.close()


def test_a_helper_that_dies_leaves_its_jobs_to_the_build(tmp_path: Path) -> None:
    started, build = tmp_path / "started", os.getpid()

    def stuck_in_the_helper() -> str:
        if os.getpid() != build:
            started.touch()
            time.sleep(30)
        return _in_helper()

    helper = Helper({"next": _in_helper, "stuck": stuck_in_the_helper})
    try:
        _wait_until(lambda: started.exists())
        os.kill(helper._process.pid, signal.SIGKILL)  # type: ignore[union-attr]
        assert helper.result("stuck") == f"made in {build}"
        assert helper.result("next") == f"made in {build}"
        assert not helper.forked
    finally:
        helper.close()


def test_closing_stops_a_running_helper_and_removes_its_files() -> None:
    helper = Helper({"slow": lambda: time.sleep(30) or "", "done": lambda: "x" * 100_000})
    folder = helper._folder
    assert folder is not None
    _wait_until(lambda: any(folder.iterdir()))
    second_core.stop_all()  # what a failed build does
    assert not helper.forked
    assert not folder.exists()
    assert helper.result("done") == "x" * 100_000  # made here once the helper is gone


def test_with_one_process_set_nothing_is_forked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(second_core.ONE_PROCESS, "1")
    helper = Helper({"a": _in_helper})
    assert not helper.forked
    assert helper.result("a") == f"made in {os.getpid()}"


# -- in the build -------------------------------------------------------------------------------------


def test_the_site_built_in_one_process_is_the_same_byte_for_byte(
    site: Build, snapshot: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(second_core.ONE_PROCESS, "1")
    alone = run_build(snapshot, tmp_path / "site")
    assert alone.returncode == 0, alone.output
    files = sorted(p.relative_to(site.site) for p in site.site.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(alone.site) for p in alone.site.rglob("*") if p.is_file())
    assert "services/ec2/index.html" in {str(f) for f in files}
    different = [str(f) for f in files if (site.site / f).read_bytes() != (alone.site / f).read_bytes()]
    assert different == []


def test_a_page_the_helper_renders_fails_the_build_with_the_message_one_process_gives(
    build_project: Callable[..., Build], monkeypatch: pytest.MonkeyPatch
) -> None:
    self_check = (ROOT / "docs/self-check.md").read_text(encoding="utf-8")
    broken = {"self-check.md": self_check.replace("<!-- srg:self-check -->", '<!-- srg:self-check rule="aws" -->')}
    build = build_project(pages=broken)
    monkeypatch.setenv(second_core.ONE_PROCESS, "1")
    alone = build_project(pages=broken, site="alone")
    assert build.returncode == alone.returncode == 1
    errors = [line for line in build.output.splitlines() if line.startswith("ERROR")]
    assert errors == [line for line in alone.output.splitlines() if line.startswith("ERROR")]
    assert errors[0] == "ERROR   -  Error reading page 'self-check.md':"
    line = self_check.splitlines().index("<!-- srg:self-check -->") + 1  # below the page's front matter
    assert errors[1].startswith(f"ERROR   -  docs/self-check.md:{line}:")
    assert errors[1].endswith(": marker 'srg:self-check' takes no argument rule")
    assert "Traceback" not in build.output
