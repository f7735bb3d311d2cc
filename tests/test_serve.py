"""`make serve` shows every edit in the open page: the data file, a template, the CSS, a script and a hook module."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from conftest import ROOT, copy_project

pytestmark = pytest.mark.browser

# What `make serve` needs beside the site's sources: its Makefile, and the lock its venv was made from.
SERVE_PARTS = ("Makefile", "requirements.lock")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"make serve did not answer at {url}")


def edit(path: Path, pattern: str, replacement: str) -> None:
    """One change to a file of the served copy; a pattern that no longer matches names the file to update."""
    text, count = re.subn(pattern, replacement, path.read_text(encoding="utf-8"), count=1)
    assert count == 1, f"{path.name} no longer has {pattern!r}: update this test"
    path.write_text(text, encoding="utf-8")


def builds(log: Path) -> int:
    return log.read_text(encoding="utf-8", errors="replace").count("Building documentation")


def settled(log: Path, seconds: float = 3) -> int:
    """The number of builds once none has started for `seconds`."""
    count, since = builds(log), time.monotonic()
    while time.monotonic() - since < seconds:
        time.sleep(0.25)
        if builds(log) != count:
            count, since = builds(log), time.monotonic()
    return count


@pytest.fixture
def served(tmp_path: Path) -> Callable[[], tuple[str, Path, Path]]:
    """The project copied to tmp_path and served by `make serve` (this venv's mkdocs and watchmedo)."""
    project = copy_project(tmp_path / "project")
    for name in SERVE_PARTS:
        shutil.copy2(ROOT / name, project / name)
    port = free_port()
    venv = Path(sys.executable).parent.parent
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            ["make", "--no-print-directory", "serve", f"VENV={venv}", f"ADDR=127.0.0.1:{port}"],
            cwd=project,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # make, watchmedo and mkdocs stop together
        )
    yield lambda: (f"http://127.0.0.1:{port}/", project, log)
    os.killpg(server.pid, signal.SIGINT)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)


def test_every_kind_of_edit_shows_in_the_open_page_after_one_rebuild(browser, served) -> None:
    root, project, log = served()
    wait_for(root)
    page = browser.new_page()
    page.goto(root + "customer/")
    page.wait_for_selector("h2#data-encryption")
    heading = "h2#data-encryption"

    # The data file, and a template of the hooks: each edit is one rebuild (no cache written where it is watched).
    edit(project / "docs/data/responsibilities.yml", r"(- id: data-encryption\n\s+title: )(.*)", r"\1\2, edited live")
    page.wait_for_selector(f"{heading}:has-text(', edited live')", timeout=30_000)
    before = settled(log)
    edit(project / "hooks/srg/templates/section.html", r"^", '<p class="srg-edited-template">template edited</p>\n')
    page.wait_for_selector(".srg-edited-template", state="attached", timeout=30_000)
    assert settled(log) == before + 1, "a template edit started more than one rebuild"

    # A template of the theme's overrides, the stylesheet and a script.
    edit(project / "overrides/main.html", r"{% block extrahead %}", '\\g<0>\n  <meta name="srg-edited" content="yes">')
    page.wait_for_selector("meta[name='srg-edited']", state="attached", timeout=30_000)
    edit(project / "docs/assets/guide.css", r"$", "\nhtml { --srg-edited: yes; }\n")
    page.wait_for_function(
        "getComputedStyle(document.documentElement).getPropertyValue('--srg-edited').trim() === 'yes'",
        timeout=30_000,
    )
    edit(project / "docs/assets/copy-link.js", r"$", "\nwindow.srgEdited = true;\n")
    page.wait_for_function("window.srgEdited === true", timeout=30_000)

    # A module of the hooks: the server restarts with the new code, and the open page reloads.
    edit(project / "hooks/srg/markdown_text.py", r"\{escape\(text\)\} \{\{ #", "Edited: {escape(text)} {{ #")
    try:
        page.wait_for_selector(f"{heading}:has-text('Edited: ')", timeout=60_000)
    except PlaywrightTimeout:
        raise AssertionError(f"no restart shown; the server said:\n{log.read_text()[-3000:]}") from None
    page.close()
