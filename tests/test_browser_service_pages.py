"""A service page in a real Chromium: its areas folded, opened by keyboard or by a link to them, and a page
much shorter than when every area repeated the checklist at full length."""

from __future__ import annotations

import pytest
import yaml
from helpers import ROOT

from browser import LAY_OUT_ALL, after_paint

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
# The RDS page's full height in light mode, every block laid out (benchmarks/page_heights.py), before its areas
# were folded, when each area's table repeated the checklist (commit edf868c): 11,308 px and 21,870 px.
RDS_BEFORE = {1280: 11_308, 390: 21_870}  # measured at 44 entries (benchmarks/README.md)
ENTRIES_THEN = 44
ENTRIES_NOW = len(yaml.safe_load((ROOT / "docs/data/responsibilities.yml").read_text())["responsibilities"])


def _open(page, selector: str) -> bool:
    return page.evaluate(f"document.querySelector('{selector}').open")


def test_the_folded_areas_open_and_close_by_keyboard(browser, base_url: str) -> None:
    page = browser.new_page(viewport=DESKTOP)
    page.goto(base_url + "services/rds/")
    folds = page.eval_on_selector_all("details.srg-fold", "all => all.map(d => [d.id, d.open])")
    assert len(folds) > 5
    assert all(not opened for _, opened in folds), folds
    row = page.locator("#rds-data-encryption")
    assert not row.is_visible()
    page.locator("#area-data > summary").focus()
    page.keyboard.press("Enter")
    after_paint(page)
    assert _open(page, "#area-data")
    assert row.is_visible()
    page.keyboard.press("Space")
    after_paint(page)
    assert not _open(page, "#area-data")
    # Tab goes from one closed area's summary to the next, past nothing hidden inside.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.parentElement.id") == "area-configuration"
    page.keyboard.press("Enter")
    after_paint(page)
    assert _open(page, "#area-configuration")
    page.close()


@pytest.mark.parametrize("target", ["area-network", "rds-data-encryption"])
def test_a_link_to_an_area_or_to_a_row_inside_it_opens_its_fold(browser, base_url: str, target: str) -> None:
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{base_url}services/rds/#{target}")
    after_paint(page)
    fold = "#area-network" if target.startswith("area-") else "#area-data"
    assert _open(page, fold)
    box = page.evaluate(f"document.getElementById('{target}').getBoundingClientRect().toJSON()")
    assert 0 <= box["top"] < PHONE["height"] / 2, box
    page.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_the_rds_page_is_at_most_half_as_tall_as_when_its_areas_repeated_the_checklist(
    browser, base_url: str, width: int
) -> None:
    """A bound of half the height before: the checklist (about 3,100 px on a desktop) is what the page is for,
    and the folded areas after it must cost about a screen and a half at most, not the 7,000 px or more the
    open tables took; half leaves room for a sentence or two more in the intro or the checklist."""
    viewport = DESKTOP if width == 1280 else PHONE
    page = browser.new_page(viewport=viewport, color_scheme="light")
    page.goto(base_url + "services/rds/")
    page.wait_for_load_state("networkidle")
    page.add_style_tag(content=LAY_OUT_ALL)
    after_paint(page)
    heights = page.evaluate(
        """() => {
            const top = e => e.getBoundingClientRect().top + scrollY;
            const article = document.querySelector('article');
            return {page: document.documentElement.scrollHeight,
                    after: top(article) + article.getBoundingClientRect().height
                           - top(document.getElementById('aws-does'))};
        }"""
    )
    # The old layout grew with every entry: half of it, scaled to today's number of entries.
    assert heights["page"] <= RDS_BEFORE[width] * ENTRIES_NOW / ENTRIES_THEN / 2, heights
    assert heights["after"] <= 1.5 * viewport["height"], heights
    page.close()


def test_the_folds_print_open(browser, base_url: str) -> None:
    page = browser.new_page(viewport=DESKTOP)
    page.goto(base_url + "services/rds/")
    page.wait_for_load_state("networkidle")
    assert not page.locator("#rds-data-encryption").is_visible()
    page.emulate_media(media="print")
    assert page.locator("#rds-data-encryption").is_visible()
    assert page.locator("#aws-does-list li").first.is_visible()
    page.close()
