"""The matrix filter, the self-check, tooltips and print, in a real Chromium."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from srg.load import parse_catalog
from test_build import DATA

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).parent / "artifacts"
VISIBLE = "[...document.querySelectorAll('{}')].filter(e => e.offsetParent !== null).map(e => e.dataset.{})"
VISIBLE_ROWS = VISIBLE.format("tr[data-entry]", "entry")


@pytest.fixture(scope="module")
def catalog(data_text: str):
    return parse_catalog(data_text, DATA)


def test_matrix_filter_is_in_the_address_and_survives_a_reload(browser, base_url: str, catalog) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base_url + "matrix/")
    assert len(page.evaluate(VISIBLE_ROWS)) == len(catalog.responsibilities)
    page.select_option("select[name=service]", "lambda")
    page.select_option("select[name=owner]", "customer")
    assert page.url == base_url + "matrix/?service=lambda&owner=customer"
    expected = [
        r.id for c in catalog.categories for r in catalog.in_category(c.id) if r.services["lambda"].owner == "customer"
    ]
    assert page.evaluate(VISIBLE_ROWS) == expected
    status = page.locator(".srg-filter__status").text_content()
    total = len(catalog.responsibilities)
    assert status == f"Showing {len(expected)} of {total} responsibilities on AWS Lambda, held by Customer."
    visible_columns = page.evaluate(VISIBLE.format("thead th[data-service]", "service"))
    assert visible_columns == ["lambda"]

    page.reload()
    assert page.input_value("select[name=service]") == "lambda"
    assert page.input_value("select[name=owner]") == "customer"
    assert page.evaluate(VISIBLE_ROWS) == expected

    page.click(".srg-filter button[type=reset]")
    page.wait_for_function("location.search === ''")
    assert len(page.evaluate(VISIBLE_ROWS)) == len(catalog.responsibilities)
    page.close()


def test_a_linked_owner_view_hides_other_owners_cells(browser, base_url: str, catalog) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base_url + "matrix/?owner=shared&service=nonsense")
    assert page.input_value("select[name=service]") == ""
    expected = {r.id for r in catalog.responsibilities if any(c.owner == "shared" for c in r.services.values())}
    assert set(page.evaluate(VISIBLE_ROWS)) == expected
    shown_owners = page.evaluate(
        "[...document.querySelectorAll('td[data-owner]')].filter(td => td.offsetParent !== null && "
        "getComputedStyle(td.firstElementChild).visibility === 'visible').map(td => td.dataset.owner)"
    )
    assert set(shown_owners) == {"shared"}
    page.close()


def test_without_javascript_the_full_matrix_is_readable(browser, base_url: str, catalog) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base_url + "matrix/?service=lambda")
    assert page.locator(".srg-filter").count() == 0
    assert len(page.evaluate(VISIBLE_ROWS)) == len(catalog.responsibilities)
    assert page.locator("thead th[data-service]").count() == len(catalog.services)
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_matrix_is_readable_at_phone_width(browser, base_url: str, scheme: str) -> None:
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
        "getComputedStyle(document.querySelector('tr[data-entry] td:not([hidden])'), '::before').content"
    )
    assert label == '"ECS or EKS on Fargate"'
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.goto(base_url + "matrix/?service=rds")
    page.screenshot(path=str(ARTIFACTS / f"matrix-375-{scheme}.png"))
    context.close()


def test_self_check_reveals_the_answer_on_demand(browser, base_url: str, catalog) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "self-check/#check-ec2-guest-os-patching")
    question = page.locator("#check-ec2-guest-os-patching")
    answer = question.locator(".srg-answer")
    assert question.locator("summary").text_content() == "On Amazon EC2, who patches the guest OS?"
    assert not answer.is_visible()
    question.locator("summary").click()
    assert answer.is_visible()
    assert answer.text_content().startswith("Customer Customer.")
    link = question.locator(".srg-read-more a")
    assert link.get_attribute("href") == "../customer/#guest-os-patching"
    questions = page.locator("details.srg-check").count()
    assert questions == sum(
        cell.owner != "n/a" for entry in catalog.responsibilities for cell in entry.services.values()
    )
    context.close()


def test_abbreviation_tooltip_opens_on_hover_and_on_keyboard_focus(browser, base_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base_url + "aws/")
    tooltip = page.locator("#srg-tooltip")
    last = page.locator("article abbr", has_text=re.compile("^CRAC$")).last
    last.hover()
    tooltip.wait_for()
    assert tooltip.text_content() == "Computer room air conditioning"
    assert tooltip.get_attribute("role") == "tooltip"
    assert last.get_attribute("aria-describedby") == "srg-tooltip"
    term, tip = last.bounding_box(), tooltip.bounding_box()
    assert term is not None
    assert tip is not None
    assert abs((tip["x"] + tip["width"] / 2) - (term["x"] + term["width"] / 2)) < 2 or tip["x"] == 8
    page.mouse.move(0, 0)
    tooltip.wait_for(state="hidden")
    focusable = page.locator("article abbr[tabindex='0']", has_text=re.compile("^UPS$"))
    assert focusable.count() == 1
    focusable.focus()
    tooltip.wait_for()
    assert tooltip.text_content() == "Uninterruptible power supply"
    page.keyboard.press("Escape")
    tooltip.wait_for(state="hidden")
    page.close()


@pytest.mark.parametrize("path", ["comparison/", "matrix/"])
def test_tables_print_without_chrome_or_cut_off_columns(browser, base_url: str, path: str) -> None:
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
        assert 1 < pages < 12, (paper, pages)
        # The table at the printable width (page less 2 x 10 mm margins) is no wider than that.
        printable = round((width_in - 2 * 10 / 25.4) * 96)
        page.set_viewport_size({"width": printable, "height": 1000})
        widths = page.evaluate(
            "[...document.querySelectorAll('article table')].map(t => [t.scrollWidth, t.getBoundingClientRect().width])"
        )
        assert all(scroll <= printable + 1 and box <= printable + 1 for scroll, box in widths), (paper, widths)
    page.close()
