"""axe-core, the accessibility engine, on every page: light and dark, desktop and phone, and open states.

The pages are read from the built site; of the share pages (one per answer, all from one template) the
audit takes one, held where it is rather than followed to its answer.
"""

from __future__ import annotations

import json

import pytest

from browser import LAY_OUT_ALL, WATCH_WORKERS, Served, stay, type_query
from conftest import section_of
from srg.model import Catalog

pytestmark = [pytest.mark.browser, pytest.mark.audit]


def violations(page, axe_source: str) -> list[str]:
    page.add_style_tag(content=LAY_OUT_ALL)  # or axe reads colours of skipped blocks at their estimated place
    page.add_script_tag(content=axe_source)
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {', '.join(json.dumps(n['target']) for n in v['nodes'][:3])}"
        for v in result["violations"]
    ]


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_accessibility_violation_on_any_page(
    browser, audited: list[Served], base_url: str, axe_source: str, scheme: str, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    found = {}
    for each in [*audited, Served("404.html", base_url + "no-such-page/", base_url + "no-such-page/")]:
        if each.redirects:  # held on the page itself, in a tab of its own
            held = context.new_page()
            stay(held, each)
            held.locator("main").wait_for(state="visible")  # its text shows after a second
            problems = violations(held, axe_source)
            held.close()
        else:
            page.goto(each.url)
            problems = violations(page, axe_source)
        if problems:
            found[each.path] = problems
    context.close()
    assert found == {}
    assert any(each.redirects for each in audited), "no share page was audited"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_accessibility_violation_in_open_states(
    browser, base_url: str, axe_source: str, catalog: Catalog, scheme: str
) -> None:
    """What a reader opens: search with results, answers and a score, filtered matrices, a tooltip."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    context.add_init_script(WATCH_WORKERS)
    page = context.new_page()
    found = {}

    page.goto(base_url)
    type_query(page, "patch")
    assert page.locator(".md-search-result__item").count() > 0
    found["search with results"] = violations(page, axe_source)

    page.goto(base_url + "self-check/")
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    found["self-check, all answers open"] = violations(page, axe_source)

    page.goto(base_url + "self-check/")
    page.locator(".srg-quiz__choices").first.get_by_role("button").first.click()
    page.locator(".srg-quiz__choices").nth(1).get_by_role("button").last.click()
    page.select_option(".srg-quiz select", catalog.services[-1].id)
    found["self-check, answered, one service"] = violations(page, axe_source)

    page.goto(base_url + "matrix/?service=lambda&owner=customer")
    found["matrix, one service and owner"] = violations(page, axe_source)

    page.goto(base_url + "matrix/?service=ec2,s3")
    found["matrix, two services compared"] = violations(page, axe_source)

    page.goto(base_url + section_of("guest-os-patching", catalog).split("#")[0])
    page.locator("article abbr").first.hover()
    page.locator("#srg-tooltip").wait_for()
    found["tooltip shown"] = violations(page, axe_source)

    page.goto(base_url + "services/rds/")
    page.evaluate("document.querySelectorAll('details.srg-fold').forEach(d => d.open = true)")
    found["service page, every fold open"] = violations(page, axe_source)
    context.close()
    assert {state: problems for state, problems in found.items() if problems} == {}
