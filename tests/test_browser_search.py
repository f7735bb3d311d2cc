"""Search in a real Chromium: each realistic query lands on its section as the first section result."""

from __future__ import annotations

import re
from urllib.parse import quote_plus

import pytest
from search_queries import QUERIES

from browser import WATCH_WORKERS, search_answered, type_query
from conftest import PAGE_OF_RULE
from srg.model import Catalog

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def search_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(WATCH_WORKERS)
    page = context.new_page()
    yield page
    context.close()


def results(page, base_url: str) -> list[str]:
    """Site-relative locations of the hits, pages and sections, in the order shown, without ?h= highlighting."""
    hrefs = page.eval_on_selector_all(".md-search-result__link", "links => links.map(link => link.href)")
    return [re.sub(r"\?h=[^#]*", "", href).removeprefix(base_url) for href in hrefs]


def section_results(page, base_url: str) -> list[str]:
    return [location for location in results(page, base_url) if "#" in location]


def search(page, base_url: str, query: str) -> list[str]:
    page.goto(base_url)
    type_query(page, query)
    return results(page, base_url)


@pytest.mark.parametrize(("query", "expected"), QUERIES.items(), ids=list(QUERIES))
def test_query_lands_on_its_section_first(
    search_page, base_url: str, catalog: Catalog, query: str, expected: str
) -> None:
    page_path, _, anchor = expected.partition("#")
    if anchor and page_path.strip("/") in PAGE_OF_RULE.values() and anchor not in catalog.ids_and_aliases():
        pytest.skip(
            f"the entry {anchor!r} is not in docs/data/responsibilities.yml yet, so {query!r} cannot land on it"
        )
    found = search(search_page, base_url, query)
    if "#" not in expected:  # a page: the first result of all, which opens at its top
        assert found, f"no result for {query!r}"
        assert found[0] == expected, f"{query!r}: first hits {found[:3]}"
        search_page.locator(".md-search-result__link").first.click()
        search_page.wait_for_url(re.compile(re.escape(base_url + expected) + r"(\?[^#]*)?$"))
        return
    sections = [location for location in found if "#" in location]
    assert sections, f"no section result for {query!r}"
    assert sections[0] == expected, f"{query!r}: first section hits {sections[:3]}"
    first = search_page.locator(".md-search-result__link[href*='#']").first
    if not first.is_visible():  # Material folds a page's further sections under "N more on this page"
        search_page.locator(".md-search-result__item").filter(has=first).locator("summary").first.click()
    first.click()
    search_page.wait_for_url(re.compile(re.escape(anchor) + "$"))
    heading = search_page.locator(f"[id='{anchor}']")
    heading.wait_for()
    assert heading.is_visible()
    box = heading.bounding_box()
    assert box is not None
    viewport = search_page.viewport_size
    assert viewport is not None
    header = search_page.locator(".md-header").bounding_box()
    top = header["y"] + header["height"] if header else 0
    assert top - 1 <= box["y"] <= viewport["height"] - box["height"], f"{anchor} is not in view (y={box['y']})"


def test_shared_query_link_opens_search_prefilled(browser, base_url: str) -> None:
    context = browser.new_context()
    context.add_init_script(WATCH_WORKERS)
    page = context.new_page()
    page.goto(base_url + "?q=" + quote_plus("guest OS"))
    search_answered(page, "guest OS")
    assert page.locator("input.md-search__input").input_value() == "guest OS"
    assert section_results(page, base_url)[0] == "customer/#guest-os-patching"
    context.close()
