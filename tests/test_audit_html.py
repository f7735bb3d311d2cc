"""The Nu HTML Checker (vnu) on every page of the built site: no error but the theme's listed ones."""

from __future__ import annotations

import json
import subprocess

from audit_exceptions import VNU_THEME_FINDINGS
from tools import executable, npm_file

from conftest import Build


def test_built_html_is_valid_but_for_the_listed_theme_findings(site: Build) -> None:
    jar = npm_file("vnu-jar/build/dist/vnu.jar")
    java = executable("java")
    run = subprocess.run(
        [java, "-jar", str(jar), "--format", "json", "--errors-only", "--skip-non-html", str(site.site)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(run.stderr or run.stdout)["messages"]
    pages = {m["url"] for m in messages} | {str(p) for p in site.site.rglob("*.html")}
    assert len(pages) >= 12
    used = set()
    unexplained = []
    for message in messages:
        extract = message.get("extract", "")
        matches = [e for e in VNU_THEME_FINDINGS if e.message.search(message["message"]) and e.extract.search(extract)]
        if matches:
            used.add(matches[0])
        else:
            where = message["url"].removeprefix("file:" + str(site.site))
            unexplained.append(f"{where}:{message.get('lastLine')}: {message['message']} [{extract.strip()[:80]}]")
    assert unexplained == []
    assert set(VNU_THEME_FINDINGS) <= used, "an exception in tests/audit_exceptions.py matches nothing: remove it"
