"""Search in a real Chromium: each realistic query lands on its section as the first section result."""

from __future__ import annotations

import re
from urllib.parse import quote_plus

import pytest
from search_queries import QUERIES

from browser import WATCH_WORKERS, after_paint, search_answered, type_query
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
    checks = {catalog.security_hub.control(c).anchor for c in catalog.check_homes}
    known = anchor in catalog.ids_and_aliases() or anchor in checks
    if anchor and page_path.strip("/") in PAGE_OF_RULE.values() and not known:
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
    search_page.wait_for_load_state("load")
    after_paint(search_page)
    named = named_services(query, catalog)
    landed = search_page.locator(f"[data-entry='{anchor}'] li.srg-landed")
    if anchor in checks:  # a Security Hub control, by id or Config rule: the check itself, its row marked
        check = search_page.locator(f"[id='{anchor}']")
        assert query.lower() in check.locator("xpath=ancestor::li[@data-checks][1]").get_attribute("data-checks")
        row = search_page.locator(f"li.srg-landed:has([id='{anchor}'])")
        assert row.count() == 1, f"{query!r}: the row that cites it is not marked"
        assert_in_view(search_page, check, f"{query!r}: the check")
    elif landed.count() and not named:  # an AWS Config rule: the section, at the row of the service that cites it
        assert query.lower() in landed.get_attribute("data-checks").split(), f"{query!r} landed on another row"
        assert_in_view(search_page, landed, f"{query!r}: the row that cites it")
    elif named and landed.count():  # a query that names a service opens at that service's row
        assert set(named) & set(landed.get_attribute("data-service").split()), f"{query!r} landed on another row"
        assert_in_view(search_page, landed, f"{query!r}: the row of {named}")
    else:
        assert_in_view(search_page, search_page.locator(f"[id='{anchor}']"), anchor)


def named_services(query: str, catalog: Catalog) -> list[str]:
    """The services a query names by id ('rds', 's3') or by a part of one ('beanstalk'), as landing.js reads it."""
    words = query.lower().split()
    return [s.id for s in catalog.services if s.id in words or any(len(p) >= 3 and p in words for p in s.id.split("-"))]


def assert_in_view(page, element, what: str) -> None:
    """The element's top is on the first screen, below the header, after any scroll it started."""
    element.wait_for()
    (
        page.wait_for_function(
            """element => {
            const header = document.querySelector("header").getBoundingClientRect().bottom;
            const top = element.getBoundingClientRect().top;
            return top >= header - 1 && top <= window.innerHeight - 40;
        }""",
            arg=element.element_handle(),
            timeout=5_000,
        ),
        what,
    )


def test_shared_query_link_opens_search_prefilled(browser, base_url: str) -> None:
    context = browser.new_context()
    context.add_init_script(WATCH_WORKERS)
    page = context.new_page()
    page.goto(base_url + "?q=" + quote_plus("guest OS"))
    search_answered(page, "guest OS")
    assert page.locator("input.md-search__input").input_value() == "guest OS"
    assert section_results(page, base_url)[0] == "customer/#guest-os-patching"
    context.close()


# Words that the theme's highlighter marks but a reader does not want marked (docs/assets/theme.js).
STOP_WORDS = {"and", "are", "can", "does", "for", "from", "how", "not", "the", "what", "who", "with", "you", "your"}
READ_MARKS = """() => Array.from(document.querySelectorAll("article mark")).map(mark => {
    const text = node => (node && node.nodeType === Node.TEXT_NODE ? node.textContent : "");
    return {
        text: mark.textContent,
        left: text(mark.previousSibling).slice(-1),
        right: text(mark.nextSibling).charAt(0),
        inside: Boolean(mark.closest(".headerlink, .md-button, .srg-owner, .srg-owners__who, time")),
    };
})"""


def test_a_search_naming_a_service_opens_at_its_row_with_only_whole_words_marked(search_page, base_url: str) -> None:
    search(search_page, base_url, "who patches the guest os on lambda")
    first = search_page.locator(".md-search-result__link[href*='#guest-os-patching']").first
    if not first.is_visible():
        search_page.locator(".md-search-result__item").filter(has=first).locator("summary").first.click()
    first.click()
    search_page.wait_for_url(re.compile(r"\?h=[^#]*lambda[^#]*#guest-os-patching$"))
    row = search_page.locator("[data-entry='guest-os-patching'] li.srg-landed")
    assert_in_view(search_page, row, "the Lambda row")
    assert "lambda" in row.get_attribute("data-service").split()
    search_page.wait_for_selector("article mark[data-md-highlight]", state="attached")
    after_paint(search_page)
    marks = search_page.evaluate(READ_MARKS)
    assert {mark["text"].lower() for mark in marks} >= {"patches", "guest", "lambda"}
    for mark in marks:
        assert len(mark["text"].strip()) >= 3, mark
        assert mark["text"].strip().lower() not in STOP_WORDS, mark
        assert not mark["left"].isalnum(), f"marked inside a word: {mark}"
        assert not mark["right"].isalnum(), f"marked inside a word: {mark}"
        assert not mark["inside"], f"marked in a permalink, button, badge, owner label or date: {mark}"


def suggestions(page, base_url: str, query: str) -> list[str]:
    """The closest topics offered when `query` finds nothing, as site-relative locations."""
    search(page, base_url, query)
    assert page.locator(".md-search-result__item").count() == 0, f"{query!r} found something"
    box = page.locator(".srg-search-suggest")
    box.wait_for()
    assert box.get_by_role("link", name="glossary").get_attribute("href").endswith("glossary/")
    hrefs = box.locator("li a").evaluate_all("links => links.map(link => link.href)")
    return [href.removeprefix(base_url) for href in hrefs]


def test_a_search_that_finds_nothing_offers_the_closest_topics_and_the_glossary(
    search_page, base_url: str, site
) -> None:
    patching = suggestions(search_page, base_url, "pachting")
    encryption = suggestions(search_page, base_url, "encrpytion")
    assert "customer/#guest-os-patching" in patching
    assert "customer/#data-encryption" in encryption
    assert patching != encryption
    for location in patching + encryption:
        page, _, anchor = location.partition("#")
        assert f'id="{anchor}"' in site.page(f"{page}index.html"), location
    assert suggestions(search_page, base_url, "qzxv") == []  # nothing close: the glossary alone
    search(search_page, base_url, "guest OS")
    assert search_page.locator(".srg-search-suggest").is_hidden()
