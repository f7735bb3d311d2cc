"""`make serve`'s command rebuilds on a data-file edit and reloads the open page in the browser."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import copy_project

pytestmark = pytest.mark.browser


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"mkdocs serve did not answer at {url}")


def test_editing_the_data_file_reloads_the_open_page(browser, tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    port = free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dev-addr", f"127.0.0.1:{port}"]
    server = subprocess.Popen(
        command,
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    try:
        root = f"http://127.0.0.1:{port}/"
        wait_for(root)
        page = browser.new_page()
        page.goto(root)
        page.get_by_role("link", name="What you secure").first.click()
        page.wait_for_selector("h2#data-encryption")
        data = project / "docs" / "data" / "responsibilities.yml"
        edited, count = re.subn(
            r"(- id: data-encryption\n\s+title: )(.*)", r"\1\2, edited live", data.read_text(encoding="utf-8")
        )
        assert count == 1, "the data file has no data-encryption entry with its title next"
        data.write_text(edited, encoding="utf-8")
        page.wait_for_selector("h2#data-encryption:has-text(', edited live')", timeout=30_000)
        page.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
