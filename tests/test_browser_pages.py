"""Every page of the built site in a real Chromium: no console error, no request to any host but the site's own."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from browser import LAY_OUT_ALL, Served, after_paint, visit, visit_all
from conftest import section_of
from srg.model import Catalog

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).parent / "artifacts"


# What a reader would have to scroll sideways to see: a box inside the page wider than the box itself.
# A table may scroll in its own box by a little, a word too long for its column (lambda:InvokeFunctionUrl):
# its words are never broken (issue 28), but a table too wide for a phone is cut off all the same. The one
# exception is the home page's picture with more services than PICTURE_WORDS_UP_TO: a column per service, each
# at least 25 px wide to stay a target, scrolls in its own frame (tests/test_browser_picture.py holds it there).
CUT_OFF_AT_THE_EDGE = """() => [...document.querySelectorAll('.md-content *')]
  .filter(e => !e.matches('.srg-picture--compact .srg-picture__frame'))
  .filter(e => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX) && e.scrollWidth > e.clientWidth + 1)
  .filter(e => !(e.querySelector(':scope > * > table') && e.scrollWidth <= 1.25 * e.clientWidth))
  .map(e => `${e.className}: ${e.scrollWidth} px in ${e.clientWidth} px`)"""


@pytest.mark.parametrize("width", [360, 390])
def test_nothing_on_a_phone_is_wider_than_the_screen(browser, audited: list[Served], width: int) -> None:
    """Tables with many columns become cards on a phone, the picture of the model narrows: none is cut off."""
    page = browser.new_page(viewport={"width": width, "height": 800})
    cut = {}
    for each in audited:
        if each.redirects:
            continue  # where it leads is a page of the list too
        page.goto(each.url)
        page.add_style_tag(content=LAY_OUT_ALL)
        if found := page.evaluate(CUT_OFF_AT_THE_EDGE):
            cut[each.path] = found
    page.close()
    assert cut == {}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_pages_load_cleanly_from_the_site_origin_only(browser, served: list[Served], scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)
    requests: list[str] = []
    problems: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    context.on("console", lambda message: message.type == "error" and problems.append(message.text))
    context.on("weberror", lambda error: problems.append(str(error.error)))
    visit_all(context, served, follow=False)  # where share pages lead is a page of the list too
    context.close()
    origin = urlsplit(served[0].url).netloc
    foreign = [
        url for url in requests if urlsplit(url).scheme not in {"data", "blob"} and urlsplit(url).netloc != origin
    ]
    assert foreign == []
    assert problems == []
    visited = {urlsplit(url)._replace(fragment="").geturl() for url in requests}
    assert {each.url for each in served} <= visited


def test_a_share_page_takes_the_reader_to_its_answer_even_without_javascript(
    browser, served: list[Served], catalog: Catalog
) -> None:
    shares = [each for each in served if each.path.startswith("a/")]
    assert [each.path for each in shares] == sorted(f"a/{r.id}/" for r in catalog.responsibilities)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for each in shares:
        entry = each.path.split("/")[1]
        assert each.landing.endswith("/" + section_of(entry, catalog)), each.landing
        visit(page, each)
        assert page.locator(f"h2[id='{entry}']").is_visible(), each.path
    context.close()


def test_a_share_page_shows_nothing_but_its_answer_and_that_only_while_the_section_is_slow_to_come(
    browser, served: list[Served]
) -> None:
    """It asks for nothing before it leads on; its text appears after a second, when the section is late."""
    share = next(each for each in served if each.redirects)
    section = share.landing.split("#")[0]
    context = browser.new_context()
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.route(section, lambda route: route.fulfill(status=204))  # no section comes: the reader stays here
    page.goto(share.url, wait_until="domcontentloaded")
    elapsed, shown = page.evaluate(
        "[document.getAnimations()[0].currentTime, getComputedStyle(document.querySelector('main')).visibility]"
    )
    assert shown == ("hidden" if elapsed < 1000 else "visible"), (elapsed, shown)
    page.locator("main h1").wait_for(state="visible", timeout=10_000)
    assert page.url == share.url
    favicon = urljoin(share.url, "../../assets/favicon.svg")
    assert set(requests) - {favicon} == {share.url, section}
    context.close()


def test_section_link_opens_at_its_heading_clear_of_the_header(browser, base_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(base_url + "customer/#guest-os-patching")
    after_paint(page)
    heading = page.locator("h2#guest-os-patching")
    box = heading.bounding_box()
    header = page.locator(".md-header").bounding_box()
    assert box is not None
    assert header is not None
    assert header["y"] + header["height"] - 1 <= box["y"] < 200
    page.close()


def test_copy_link_puts_the_answers_share_address_on_the_clipboard(browser, base_url: str) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(base_url + "shared/?h=patch")
    section = page.locator("#patch-management + .srg-entry")
    section.locator(".srg-copy-link").click()
    page.wait_for_function(
        "document.querySelector('#patch-management + .srg-entry .srg-copy-link').textContent === 'Link copied'"
    )
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == base_url + "a/patch-management/"
    assert section.locator(".srg-copy-status[role=status]").text_content() == "Link copied"
    assert page.locator(".srg-copy-link").count() == page.locator("h2.srg-responsibility").count()
    page.goto(copied)
    page.wait_for_url(base_url + "shared/#patch-management")
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_comparison_table_is_readable_at_phone_width(browser, base_url: str, scheme: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 812}, color_scheme=scheme, device_scale_factor=2)
    page = context.new_page()
    page.goto(base_url + "comparison/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    cells = page.locator(".srg-comparison td")
    assert cells.count() > 0
    overflowing = page.evaluate(
        """() => [...document.querySelectorAll('.srg-comparison td')]
              .filter(td => td.getBoundingClientRect().right > window.innerWidth || td.scrollWidth > td.clientWidth + 1)
              .map(td => td.textContent.slice(0, 40))"""
    )
    assert overflowing == []
    labels = page.evaluate(
        "getComputedStyle(document.querySelector('.srg-comparison td:nth-child(3)'), '::before').content"
    )
    assert labels == '"AWS does: "'
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"comparison-375-{scheme}.png"))
    context.close()
