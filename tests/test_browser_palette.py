"""The light and dark switch, and a page load that restyles nothing: in a real Chromium.

The theme's palette code applied the palette again on every load and restyled
every element of the page several times; the guide's own switch
(in docs/assets/theme.js) changes at load only what differs, and generated
tables come already wrapped, so the theme's script does not move them.
"""

from __future__ import annotations

import pytest

from browser import after_paint

pytestmark = pytest.mark.browser

PAGES = ["", "self-check/", "services/lambda/", "sources/", "matrix/"]

# Records, from before the page's first byte, every change that restyles a whole page: an
# attribute of the body, a color-scheme meta tag, a table taken out. (The root's classes,
# which the theme's script sets as it starts, are left to it: measured with Lighthouse,
# giving them in the head first changed no page's score; benchmarks/README.md.)
RECORD_RESTYLES = """
window.__restyles = [];
new MutationObserver(records => {
  for (const record of records) {
    if (record.type === 'attributes' && record.target === document.body
        && record.target.getAttribute(record.attributeName) !== record.oldValue
        && record.attributeName !== 'data-md-color-media') {
      window.__restyles.push(`${record.target.tagName} ${record.attributeName}: ${record.oldValue} -> `
        + record.target.getAttribute(record.attributeName));
    }
    for (const node of record.removedNodes) {
      if (node.nodeName === 'TABLE') window.__restyles.push('a table taken out of the page');
    }
    for (const node of record.addedNodes) {
      if (node.nodeName === 'META' && node.name === 'color-scheme') window.__restyles.push('a color-scheme meta tag');
    }
  }
}).observe(document, {attributes: true, attributeOldValue: true, childList: true, subtree: true});
"""


def _scheme(page) -> str:
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


def _switch(page):
    """The switch's visible button (one label of the palette form shows at a time)."""
    return page.locator("form[data-srg-palette] label:not([hidden])")


def test_loading_a_page_restyles_nothing_it_was_drawn_with(browser, base_url: str) -> None:
    context = browser.new_context(color_scheme="light")
    context.add_init_script(RECORD_RESTYLES)
    page = context.new_page()
    for path in PAGES:
        page.goto(base_url + path)
        after_paint(page)
        page.wait_for_function("document.querySelector('meta[name=theme-color]')?.content.length === 7")
        assert page.evaluate("window.__restyles") == [], path
        assert page.locator("table:not([class])").count() == 0, path
    context.close()


def test_the_switch_follows_the_system_until_the_reader_picks_and_keeps_the_choice(browser, base_url: str) -> None:
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(base_url)
    after_paint(page)
    assert _scheme(page) == "slate"
    assert page.evaluate("document.querySelector('meta[name=color-scheme]').content") == "dark"
    assert _switch(page).get_attribute("title") == "Switch to light mode"
    _switch(page).click()
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'default'")
    page.wait_for_function("!document.body.hasAttribute('data-md-color-switching')")
    assert _switch(page).get_attribute("title") == "Switch to dark mode"
    header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    red, green, blue = (int(part) for part in header[header.index("(") + 1 : -1].split(",")[:3])
    assert page.evaluate("document.querySelector('meta[name=theme-color]').content") == (
        f"#{red:02x}{green:02x}{blue:02x}"
    )
    page.goto(base_url + "customer/")  # the choice holds on every page, over the system's
    after_paint(page)
    assert _scheme(page) == "default"
    assert _switch(page).get_attribute("title") == "Switch to dark mode"
    context.close()


def test_enter_on_the_switch_moves_to_the_next_palette(browser, base_url: str) -> None:
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    page.goto(base_url + "aws/")
    after_paint(page)
    assert _scheme(page) == "default"
    page.locator("#__palette_0").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    assert page.evaluate("document.activeElement.id") == "__palette_1"
    page.keyboard.press("Enter")
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'default'")
    context.close()
