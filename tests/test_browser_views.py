"""The matrix filter, the self-check, tooltips and print, in a real Chromium."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from browser import after_paint
from srg.model import OWNER_LABELS, Catalog

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).parent / "artifacts"
VISIBLE = "[...document.querySelectorAll('{}')].filter(e => e.offsetParent !== null).map(e => e.dataset.{})"
VISIBLE_ROWS = VISIBLE.format("tr[data-entry]", "entry")


def in_matrix_order(catalog: Catalog) -> list[str]:
    return [r.id for c in catalog.categories for r in catalog.in_category(c.id)]


def not_applying(catalog: Catalog, services: list[str]) -> int:
    return sum(not any(catalog.applies(r, s) for s in services) for r in catalog.responsibilities)


def test_matrix_filter_is_in_the_address_and_survives_a_reload(browser, base_url: str, catalog: Catalog) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base_url + "matrix/")
    assert page.evaluate(VISIBLE_ROWS) == in_matrix_order(catalog)
    page.check("input[name=service][value=lambda]")
    page.select_option("select[name=owner]", "customer")
    assert page.url == base_url + "matrix/?service=lambda&owner=customer"
    lam = catalog.service("lambda")
    expected = [e for e in in_matrix_order(catalog) if says(catalog, e, "lambda")[0] == "customer"]
    assert page.evaluate(VISIBLE_ROWS) == expected
    total = len(catalog.responsibilities)
    absent = not_applying(catalog, ["lambda"])
    status = f"Showing {len(expected)} of {total} responsibilities on {lam.name}, held by Customer."
    if absent:
        status += f" {absent} {'row does' if absent == 1 else 'rows do'} not apply to this service and "
        status += f"{'is' if absent == 1 else 'are'} hidden."
    assert page.locator(".srg-filter__status").text_content() == status
    assert page.evaluate(VISIBLE.format("thead th[data-service]", "service")) == ["lambda"]

    page.reload()
    assert page.is_checked("input[name=service][value=lambda]")
    assert page.input_value("select[name=owner]") == "customer"
    assert page.evaluate(VISIBLE_ROWS) == expected

    page.click(".srg-filter button[type=reset]")
    page.wait_for_function("location.search === ''")
    assert page.evaluate(VISIBLE_ROWS) == in_matrix_order(catalog)
    page.close()


def says(catalog: Catalog, entry_id: str, service_id: str) -> tuple[str, str, tuple[str, ...]]:
    """What a matrix cell says: its owner, its reason (none where the entry does not apply, unless noted) and the
    Security Hub controls that check it."""
    entry = catalog.responsibility(entry_id)
    cell = catalog.cell(entry, service_id)
    if cell.owner == "n/a" and not cell.note:
        return ("na", "", ())
    return (cell.owner.replace("n/a", "na"), catalog.reason_on(entry, service_id), tuple(catalog.check_ids(cell)))


def test_matrix_compares_the_services_picked_in_the_address(browser, base_url: str, catalog: Catalog) -> None:
    picked = ["ec2", "s3"]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base_url + "matrix/?service=" + ",".join(picked))
    assert page.is_checked("input[name=service][value=ec2]")
    assert page.is_checked("input[name=service][value=s3]")
    assert page.evaluate(VISIBLE.format("thead th[data-service]", "service")) == picked
    applying = [
        e for e in in_matrix_order(catalog) if any(catalog.applies(catalog.responsibility(e), s) for s in picked)
    ]
    assert page.evaluate(VISIBLE_ROWS) == applying
    order = [s.id for s in catalog.services]
    between = order[order.index(picked[0]) : order.index(picked[1]) + 1]
    for entry_id in applying:
        shown = page.evaluate(
            """id => [...document.querySelectorAll(`tr[data-entry="${id}"] td`)].filter(td => !td.hidden)
                  .map(td => [td.dataset.owner, td.colSpan])""",
            entry_id,
        )
        one_cell = len({says(catalog, entry_id, s) for s in between}) == 1
        owners = [says(catalog, entry_id, s)[0] for s in picked]
        assert shown == ([[owners[0], 2]] if one_cell else [[owner, 1] for owner in owners]), entry_id
    page.close()


def test_a_linked_owner_view_hides_other_owners_cells(browser, base_url: str, catalog: Catalog) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base_url + "matrix/?owner=shared&service=nonsense")
    assert page.evaluate("[...document.querySelectorAll('input[name=service]')].filter(b => b.checked).length") == 0
    expected = {r.id for r in catalog.responsibilities if "shared" in catalog.owners(r)}
    assert set(page.evaluate(VISIBLE_ROWS)) == expected
    shown_owners = page.evaluate(
        "[...document.querySelectorAll('td[data-owner]')].filter(td => td.offsetParent !== null && "
        "getComputedStyle(td.firstElementChild).visibility === 'visible').map(td => td.dataset.owner)"
    )
    assert set(shown_owners) == {"shared"}
    page.close()


def test_without_javascript_the_full_matrix_is_readable(browser, base_url: str, catalog: Catalog) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base_url + "matrix/?service=lambda")
    assert page.locator(".srg-filter").count() == 0
    assert page.evaluate(VISIBLE_ROWS) == in_matrix_order(catalog)
    assert page.locator("thead th[data-service]").count() == len(catalog.services)
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_matrix_is_readable_at_phone_width(browser, base_url: str, catalog: Catalog, scheme: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 812}, color_scheme=scheme, device_scale_factor=2)
    page = context.new_page()
    for address in ("matrix/", "matrix/?service=fargate"):
        page.goto(base_url + address)
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, address
        overflowing = page.evaluate(
            """() => [...document.querySelectorAll('.srg-matrix td, .srg-matrix th')]
                  .filter(c => c.offsetParent !== null && c.getBoundingClientRect().right > window.innerWidth)
                  .map(c => c.textContent.slice(0, 40))"""
        )
        assert overflowing == [], address
    label = page.evaluate(
        "getComputedStyle(document.querySelector('tr[data-entry]:not([hidden]) td:not([hidden])'), '::before').content"
    )
    assert label == f'"{catalog.service("fargate").name}"'
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.goto(base_url + "matrix/?service=rds")
    page.screenshot(path=str(ARTIFACTS / f"matrix-375-{scheme}.png"))
    context.close()


def test_self_check_reveals_the_answer_on_demand_without_javascript(browser, base_url: str, catalog: Catalog) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "self-check/#check-ec2-guest-os-patching")
    question = page.locator("#check-ec2-guest-os-patching")
    answer = question.locator(".srg-answer")
    entry = catalog.responsibility("guest-os-patching")
    summary = f"On {catalog.service('ec2').name}, in the default setup, {entry.ask()}"
    assert question.locator("summary").text_content() == summary
    assert not answer.is_visible()
    question.locator("summary").click()
    assert answer.is_visible()
    setup = question.locator(".srg-check-setup")
    assert catalog.service("ec2").default_setup.text in " ".join((setup.text_content() or "").split())
    owner = catalog.cell(entry, "ec2").owner
    assert answer.text_content().startswith(f"{OWNER_LABELS[owner]} {catalog.reason_on(entry, 'ec2')[:20]}")
    assert question.locator(".srg-read-more a").get_attribute("href") == "../customer/#guest-os-patching"
    covered = page.evaluate(
        "[...document.querySelectorAll('details.srg-check')].map(d => d.dataset.services.split(' ').length)"
    )
    assert sum(covered) == sum(catalog.applies(e, s.id) for e in catalog.responsibilities for s in catalog.services)
    context.close()


def test_self_check_scores_answers_and_studies_one_service(browser, base_url: str, catalog: Catalog) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base_url + "self-check/")
    score = page.locator(".srg-quiz__score")
    total = page.locator("details.srg-check").count()
    assert score.text_content() == f"0 of 0 right, {total} to go."
    entry = catalog.responsibility("guest-os-patching")
    right = OWNER_LABELS[catalog.cell(entry, "ec2").owner]
    choices = page.locator("#check-ec2-guest-os-patching + .srg-quiz__choices")
    choices.get_by_role("button", name=right, exact=True).click()
    assert page.locator("#check-ec2-guest-os-patching").get_attribute("open") is not None
    assert choices.locator(".srg-quiz__verdict").text_content() == "Right."
    assert score.text_content() == f"1 of 1 right, {total - 1} to go."
    other = page.locator("details.srg-check").nth(1)
    other_id = other.get_attribute("id")
    other_choices = page.locator(f"#{other_id} + .srg-quiz__choices")
    answer = other.get_attribute("data-owner")
    miss = next(label for owner, label in OWNER_LABELS.items() if owner not in {"n/a", answer})
    other_choices.get_by_role("button", name=miss, exact=True).click()
    assert other_choices.locator(".srg-quiz__verdict").text_content() == "Not quite: the answer is above."
    assert score.text_content() == f"1 of 2 right, {total - 2} to go."

    page.select_option(".srg-quiz select", "lambda")
    after_paint(page)
    shown = page.evaluate(
        "[...document.querySelectorAll('details.srg-check')].filter(d => d.offsetParent !== null)"
        ".map(d => d.dataset.services)"
    )
    # Every question about Lambda, including those asked once for Lambda and other services, and no other.
    assert shown
    assert all("lambda" in services.split() for services in shown), shown
    every = page.evaluate(
        "[...document.querySelectorAll('details.srg-check')].filter(d => d.dataset.services.split(' ')"
        ".includes('lambda')).length"
    )
    assert len(shown) == every
    page.close()


def test_an_old_question_link_opens_on_its_question(browser, base_url: str) -> None:
    """Questions with the same answer on several services are asked once; each service's old link still works."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base_url + "self-check/#check-lambda-guest-os-patching")
    after_paint(page)
    target = page.locator("[id='check-lambda-guest-os-patching']")
    question = (
        page.locator("details.srg-check", has=target) if target.evaluate("e => e.tagName") != "DETAILS" else target
    )
    summary = question.locator("summary").first
    assert "AWS Lambda" in summary.text_content()
    box = summary.bounding_box()
    assert box is not None
    assert 0 <= box["y"] <= 900 - box["height"]
    page.close()


def test_abbreviation_tooltip_opens_on_hover_and_on_keyboard_focus(browser, base_url: str, catalog: Catalog) -> None:
    expansions = {t.term: t.expansion for t in catalog.glossary}
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base_url + "aws/")
    tooltip = page.locator("#srg-tooltip")
    terms = page.locator("article abbr")
    assert terms.count() > 1, "the page has no tooltips"
    last = terms.last
    last.scroll_into_view_if_needed()
    last.hover()
    tooltip.wait_for()
    assert tooltip.text_content() == expansions[last.text_content()]
    assert tooltip.get_attribute("role") == "tooltip"
    assert last.get_attribute("aria-describedby") == "srg-tooltip"
    term, tip = last.bounding_box(), tooltip.bounding_box()
    assert term is not None
    assert tip is not None
    assert abs((tip["x"] + tip["width"] / 2) - (term["x"] + term["width"] / 2)) < 2 or tip["x"] == 8
    page.mouse.move(0, 0)
    tooltip.wait_for(state="hidden")
    first = page.locator("article abbr[tabindex='0']").first
    name = first.text_content()
    assert page.locator("article abbr[tabindex='0']", has_text=re.compile(f"^{re.escape(name)}$")).count() == 1
    first.focus()
    tooltip.wait_for()
    assert tooltip.text_content() == expansions[name]
    page.keyboard.press("Escape")
    tooltip.wait_for(state="hidden")
    page.close()


@pytest.mark.parametrize("path", ["comparison/", "matrix/"])
def test_tables_print_without_chrome_or_cut_off_columns(browser, base_url: str, catalog: Catalog, path: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base_url + path)
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer"):
        assert not page.locator(chrome).first.is_visible(), chrome
    assert page.evaluate("getComputedStyle(document.querySelector('article thead')).display") == "table-header-group"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    name = path.strip("/")
    for paper, width_in in (("A4", 8.27), ("Letter", 8.5)):
        pdf = page.pdf(format=paper, print_background=True)
        (ARTIFACTS / f"{name}-{paper}.pdf").write_bytes(pdf)
        pages = len(re.findall(rb"/Type\s*/Page\b", pdf))
        # More than one sheet, and fewer sheets than rows: rows share sheets, none is alone on one.
        assert 1 < pages < len(catalog.responsibilities), (paper, pages)
        # The table at the printable width (page less 2 x 10 mm margins) is no wider than that.
        printable = round((width_in - 2 * 10 / 25.4) * 96)
        page.set_viewport_size({"width": printable, "height": 1000})
        widths = page.evaluate(
            "[...document.querySelectorAll('article table')].map(t => [t.scrollWidth, t.getBoundingClientRect().width])"
        )
        assert all(scroll <= printable + 1 and box <= printable + 1 for scroll, box in widths), (paper, widths)
    page.close()
