"""Lighthouse (default mobile profile) against the served site; the JSON reports are kept as artifacts.

Accessibility, best practices and SEO must score 100. The performance score is
a timing: on these shared two-core machines the same page scores from 0.94 to
0.99 from one run to the next, so it is measured, as a median of runs, by
benchmarks/lighthouse.py, not asserted here. What this test asserts of
performance is what does not depend on the machine's load: no layout shift,
text compressed, the weight and the DOM within budget, nothing render-blocking
but the theme's stylesheets.
"""

from __future__ import annotations

import json
import os
import subprocess

import pytest
from tools import ARTIFACTS, npm_file

from browser import CHROMIUM_FLAGS, chromium_path

pytestmark = pytest.mark.browser
PAGES = {"home": "", "comparison": "comparison/", "customer": "customer/", "matrix": "matrix/"}
REPORTS = ARTIFACTS / "lighthouse"
THEME_STYLESHEETS = ("/assets/stylesheets/main.", "/assets/stylesheets/palette.", "/assets/guide.css")


def lighthouse(url: str, report: str) -> dict:
    binary = npm_file(".bin/lighthouse")
    flags = " ".join(["--headless=new", *CHROMIUM_FLAGS])
    output = REPORTS / f"{report}.json"
    run = subprocess.run(
        [str(binary), url, "--output=json", f"--output-path={output}", "--quiet", f"--chrome-flags={flags}"],
        env={**os.environ, "CHROME_PATH": chromium_path()},
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    return json.loads(output.read_text(encoding="utf-8"))


def failing_audits(result: dict, category: str) -> list[str]:
    refs = result["categories"][category]["auditRefs"]
    audits = result["audits"]
    return [
        f"{ref['id']}: {audits[ref['id']]['title']}"
        for ref in refs
        if ref["weight"] > 0 and audits[ref["id"]]["score"] is not None and audits[ref["id"]]["score"] < 1
    ]


@pytest.mark.parametrize("name", PAGES)
def test_lighthouse_scores(base_url: str, name: str) -> None:
    REPORTS.mkdir(parents=True, exist_ok=True)
    result = lighthouse(base_url + PAGES[name], name)
    for category in ("accessibility", "best-practices", "seo"):
        assert result["categories"][category]["score"] == 1, (category, failing_audits(result, category))
    audits = result["audits"]
    assert audits["cumulative-layout-shift"]["numericValue"] < 0.02
    assert audits["uses-text-compression"]["score"] == 1
    assert audits["total-byte-weight"]["numericValue"] < 150 * 1024
    assert audits["dom-size"]["numericValue"] < 1500
    blocking = [item["url"] for item in audits["render-blocking-resources"].get("details", {}).get("items", [])]
    assert [url for url in blocking if not any(part in url for part in THEME_STYLESHEETS)] == []
