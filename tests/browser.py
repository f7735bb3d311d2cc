"""Debian's Chromium under Playwright: found, or skipped locally, or a failure under CI=true."""

from __future__ import annotations

import os
import shutil

from tools import missing

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    """The browser to drive, or skip (fail under CI) when there is none."""
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if os.path.exists(path):
        return path
    missing("Chromium", "install the chromium package (.ci/run does) or set CHROMIUM=/path/to/chromium")
