"""axe-core, the accessibility engine, on every page: light and dark, desktop and phone, and open states."""

from __future__ import annotations

import json

import pytest
from tools import npm_file

from test_content import PAGES

pytestmark = pytest.mark.browser
ALL_PAGES = [*PAGES, "404.html"]


@pytest.fixture(scope="module")
def axe_source() -> str:
    return npm_file("axe-core/axe.min.js").read_text(encoding="utf-8")


# Blocks off screen use content-visibility:auto, so the browser has not laid them
# out, and axe reads colours of whatever it finds at their estimated place. The
# audit lays everything out first: it changes no colour, only when work is done.
LAY_OUT_ALL = "* { content-visibility: visible !important; }"


def violations(page, axe_source: str) -> list[str]:
    page.add_style_tag(content=LAY_OUT_ALL)
    page.add_script_tag(content=axe_source)
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {', '.join(json.dumps(n['target']) for n in v['nodes'][:3])}"
        for v in result["violations"]
    ]


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_accessibility_violation_on_any_page(browser, base_url: str, axe_source: str, scheme: str, width: int):
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    found = {}
    for path in ALL_PAGES:
        page.goto(base_url + path.removesuffix("index.html"))
        problems = violations(page, axe_source)
        if problems:
            found[path] = problems
    context.close()
    assert found == {}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_accessibility_violation_in_open_states(browser, base_url: str, axe_source: str, scheme: str) -> None:
    """What a reader opens: search with results, answers, a filtered matrix, a tooltip."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    found = {}

    page.goto(base_url)
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("patch", delay=15)
    page.wait_for_selector(".md-search-result__item")
    found["search with results"] = violations(page, axe_source)

    page.goto(base_url + "self-check/")
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    found["self-check, all answers open"] = violations(page, axe_source)

    page.goto(base_url + "matrix/?service=lambda&owner=customer")
    found["matrix filtered"] = violations(page, axe_source)

    page.goto(base_url + "aws/")
    page.locator("article abbr").first.hover()
    page.locator("#srg-tooltip").wait_for()
    found["tooltip shown"] = violations(page, axe_source)
    context.close()
    assert {state: problems for state, problems in found.items() if problems} == {}
