"""Search in a real Chromium: each realistic query lands on its section as the first section result."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest
from search_queries import QUERIES

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def search_page(browser, base_url: str):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    yield page
    page.close()


def section_results(page, base_url: str) -> list[str]:
    """Site-relative locations of the section hits, in the order shown, without ?h= highlighting."""
    hrefs = page.eval_on_selector_all(".md-search-result__link", "links => links.map(link => link.href)")
    locations = [re.sub(r"\?h=[^#]*", "", href).removeprefix(base_url) for href in hrefs]
    return [location for location in locations if "#" in location]


def search(page, base_url: str, query: str) -> list[str]:
    page.goto(base_url)
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=15)  # Material reacts to key presses, not fill()
    page.wait_for_selector(".md-search-result__item")
    page.wait_for_timeout(300)
    return section_results(page, base_url)


@pytest.mark.parametrize(("query", "expected"), QUERIES.items(), ids=list(QUERIES))
def test_query_lands_on_its_section_first(search_page, base_url: str, query: str, expected: str) -> None:
    results = search(search_page, base_url, query)
    assert results, f"no section result for {query!r}"
    assert results[0] == expected, f"{query!r}: first section hits {results[:3]}"
    first = search_page.locator(".md-search-result__link[href*='#']").first
    if not first.is_visible():  # Material folds a page's further sections under "N more on this page"
        search_page.locator(".md-search-result__item").filter(has=first).locator("summary").first.click()
    first.click()
    search_page.wait_for_url(re.compile(re.escape(expected.split("#")[1]) + "$"))
    anchor = expected.split("#")[1]
    heading = search_page.locator(f"[id='{anchor}']")
    assert heading.is_visible()
    box = heading.bounding_box()
    assert box is not None
    viewport = search_page.viewport_size
    assert viewport is not None
    assert 0 <= box["y"] <= viewport["height"] - box["height"], f"{anchor} is not in view (y={box['y']})"


def test_shared_query_link_opens_search_prefilled(browser, base_url: str) -> None:
    page = browser.new_page()
    page.goto(urljoin(base_url, "?q=guest+OS"))
    box = page.locator("input.md-search__input")
    page.wait_for_selector(".md-search-result__item")
    assert box.input_value() == "guest OS"
    assert section_results(page, base_url)[0] == "customer/#guest-os-patching"
    page.close()
