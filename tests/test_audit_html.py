"""The Nu HTML Checker (vnu) on every page of the built site: no error but the theme's listed ones."""

from __future__ import annotations

import json
import subprocess

import pytest
from audit_exceptions import VNU_THEME_FINDINGS

from conftest import Build

pytestmark = pytest.mark.audit


def test_built_html_is_valid_but_for_the_listed_theme_findings(site: Build, pages: list[str], vnu: list[str]) -> None:
    # Every page by name, the 404 page too: what is checked is the list, not whatever vnu finds in a folder.
    files = [str(site.site / path / "index.html") for path in pages] + [str(site.site / "404.html")]
    run = subprocess.run(
        [*vnu, "--format", "json", "--errors-only", *files], capture_output=True, text=True, timeout=300
    )
    messages = json.loads(run.stderr or run.stdout)["messages"]
    assert run.returncode == (1 if messages else 0), run.stderr[-2000:]
    fatal = [m for m in messages if m.get("type") == "non-document-error"]
    assert fatal == [], "vnu could not read some pages"
    used = set()
    unexplained = []
    for message in messages:
        extract = message.get("extract", "")
        where = message["url"].removeprefix("file:" + str(site.site))
        matches = [e for e in VNU_THEME_FINDINGS if e.matches(message["message"], extract, where.lstrip("/"))]
        if matches:
            used.add(matches[0])
        else:
            unexplained.append(f"{where}:{message.get('lastLine')}: {message['message']} [{extract.strip()[:80]}]")
    assert unexplained == []
    assert set(VNU_THEME_FINDINGS) <= used, "an exception in tests/audit_exceptions.py matches nothing: remove it"
