"""Layout a reader sees, in a real Chromium: "Back to top" never over the text, row lines across whole rows,
no word of a table broken, the matrix scrolling sideways in its own box, and what a printed page carries."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from browser import CUT_WORDS, LAY_OUT_ALL, after_paint, settled
from srg.model import Catalog

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).parent / "artifacts"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


def show_back_to_top(page) -> None:
    """Material shows "Back to top" once the reader scrolls up a little: scroll up as a reader would."""
    page.mouse.move(DESKTOP["width"] / 2, DESKTOP["height"] / 2)
    page.mouse.wheel(0, -3)
    settled(page)
    page.wait_for_function("!document.querySelector('.md-top').hidden")


# The text the button is drawn over: every line of text whose box, cut to whatever clips it (a scrolled
# sidebar, a visually hidden label), meets the button's box. Text of the button itself does not count.
TEXT_UNDER = """button => {
  const box = button.getBoundingClientRect();
  const meets = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  const cut = (a, b) => ({left: Math.max(a.left, b.left), right: Math.min(a.right, b.right),
                          top: Math.max(a.top, b.top), bottom: Math.min(a.bottom, b.bottom)});
  const under = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.data.trim() || button.contains(node)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (let rect of range.getClientRects()) {
      if (rect.width < 1 || rect.height < 1 || !meets(rect, box)) continue;
      let shown = getComputedStyle(node.parentElement).visibility === 'visible';
      // Up to the page's own scroller: the root's box is one screen at the top of the page.
      for (let e = node.parentElement; e && e !== document.body && shown; e = e.parentElement) {
        const style = getComputedStyle(e);
        if (style.display === 'none' || Number(style.opacity) === 0) shown = false;
        else if (style.overflowX !== 'visible' || style.overflowY !== 'visible')
          rect = cut(rect, e.getBoundingClientRect());
      }
      if (shown && rect.right - rect.left >= 1 && rect.bottom - rect.top >= 1 && meets(rect, box))
        under.push(node.data.trim().slice(0, 40));
    }
  }
  return under;
}"""


@pytest.mark.parametrize("width", [1024, 1280, 1600])
@pytest.mark.parametrize(
    "target",
    [
        "customer/#guest-os-patching",
        "services/rds/#area-network",
        "comparison/#compare-network",
        "matrix/#area-operating-system",
    ],
)
def test_back_to_top_is_never_over_the_text(browser, base_url: str, target: str, width: int) -> None:
    """After a jump, mid-page and with the footer in view, the button has a place of its own beside the text."""
    if target.startswith("matrix/") and width < 1220:
        pytest.skip("the matrix has no contents column, and its navigation column shows from 1220 px")
    page = browser.new_page(viewport={"width": width, "height": DESKTOP["height"]})
    page.goto(base_url + target)
    settled(page)
    button = page.locator(".md-top")
    for where in ("after the jump", "with the footer in view"):
        if where != "after the jump":
            page.evaluate("scrollTo(0, document.documentElement.scrollHeight)")
            settled(page)
        show_back_to_top(page)
        assert button.evaluate(TEXT_UNDER) == [], f"{target} at {width}px, {where}"
    page.close()


def relative_luminance(color: tuple[float, float, float]) -> float:
    def linear(channel: float) -> float:
        channel /= 255
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = map(linear, color)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def rgba(css: str) -> tuple[float, float, float, float]:
    values = [float(value) for value in re.findall(r"[\d.]+", css)]
    assert css.startswith("rgb"), css
    assert len(values) in (3, 4), css
    return (*values[:3], values[3] if len(values) == 4 else 1.0)


def contrast(foreground: str, background: str, opacity: float) -> float:
    """The contrast of text drawn at `opacity` (its colour's alpha too) on a background over the page's."""
    *back, back_alpha = rgba(background)
    assert back_alpha == 1, background
    *fore, alpha = rgba(foreground)
    alpha *= opacity
    # What the page shows behind a button drawn at `opacity`: the page's own background, here the button's.
    text = [alpha * f + (1 - alpha) * b for f, b in zip(fore, back, strict=True)]
    lighter, darker = sorted((relative_luminance(text), relative_luminance(back)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


# Every frame from the moment the button is shown, for 400 ms and ten frames at least: its opacity and colours.
WATCH_BUTTON = """() => {
  const button = document.querySelector('.md-top');
  window.__srgFrames = null;
  const frames = [];
  new MutationObserver((changes, observer) => {
    if (button.hidden) return;
    observer.disconnect();
    const start = performance.now();
    const sample = () => {
      const style = getComputedStyle(button);
      frames.push([Number(style.opacity), style.color, style.backgroundColor]);
      if (frames.length < 10 || performance.now() - start < 400) requestAnimationFrame(sample);
      else window.__srgFrames = frames;
    };
    sample();
  }).observe(button, {attributes: true, attributeFilter: ['hidden']});
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_back_to_top_reads_at_full_contrast_from_the_moment_it_shows(
    browser, base_url: str, scheme: str, viewport: dict
) -> None:
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    page = context.new_page()
    page.goto(base_url + "customer/#guest-os-patching")
    settled(page)
    page.evaluate(WATCH_BUTTON)
    show_back_to_top(page)
    page.wait_for_function("window.__srgFrames !== null")
    frames = page.evaluate("window.__srgFrames")
    assert len(frames) >= 10
    ratios = [(opacity, round(contrast(fg, bg, opacity), 2)) for opacity, fg, bg in frames]
    faint = [(opacity, ratio) for opacity, ratio in ratios if ratio < 4.5]
    assert faint == [], f"{scheme}: frames below 4.5:1 while it appeared (opacity, contrast)"
    button = page.locator(".md-top")
    for state in ("hover", "focus"):
        button.hover() if state == "hover" else button.focus()
        page.wait_for_timeout(200)  # the colour's own 125 ms transition
        style = button.evaluate("b => { const s = getComputedStyle(b); return [s.color, s.backgroundColor]; }")
        assert contrast(*style, 1) >= 4.5, (scheme, state, style)
        page.mouse.move(0, viewport["height"] - 1)
    context.close()


# Each table row drawn as a row, and the parts of its width that no cell's top border covers.
ROWS_WITHOUT_A_FULL_LINE = """() => [...document.querySelectorAll('article table tbody tr')].flatMap(row => {
  if (getComputedStyle(row).display !== 'table-row') return [];
  const box = row.getBoundingClientRect();
  if (box.height < 1) return [];
  const lined = [...row.cells].filter(cell => {
    const style = getComputedStyle(cell);
    return style.display !== 'none' && style.borderTopStyle !== 'none' && parseFloat(style.borderTopWidth) > 0;
  }).map(cell => cell.getBoundingClientRect()).sort((a, b) => a.left - b.left);
  let reached = box.left;
  for (const cell of lined) { if (cell.left > reached + 1) break; reached = Math.max(reached, cell.right); }
  return reached >= box.right - 1 ? [] : [(row.dataset.entry || row.id || row.textContent.trim().slice(0, 30))];
})"""


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
@pytest.mark.parametrize("path", ["matrix/", "comparison/", "services/", "services/rds/", "services/lambda/"])
def test_every_table_rows_line_spans_all_its_columns(browser, base_url: str, path: str, viewport: dict) -> None:
    page = browser.new_page(viewport=viewport)
    page.goto(base_url + path)
    page.add_style_tag(content=LAY_OUT_ALL)
    page.evaluate("document.querySelectorAll('article details').forEach(d => { d.open = true; })")
    rows = page.locator("article table tbody tr")
    assert rows.count() > 0, path
    assert page.evaluate(ROWS_WITHOUT_A_FULL_LINE) == [], f"{path} at {viewport['width']}px"
    page.close()


def table_pages(catalog: Catalog) -> list[str]:
    return ["matrix/", "comparison/", "services/", "sources/"] + [f"services/{s.id}/" for s in catalog.services]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_no_word_of_any_table_is_broken_across_lines(browser, base_url: str, catalog: Catalog, viewport: dict) -> None:
    """Every header and cell of every table: its words break at spaces and after hyphens only."""
    page = browser.new_page(viewport=viewport)
    cut = {}
    for path in table_pages(catalog):
        page.goto(base_url + path)
        page.add_style_tag(content=LAY_OUT_ALL)
        page.evaluate("document.querySelectorAll('article details').forEach(d => { d.open = true; })")
        cells = page.locator("article table :is(th, td)")
        assert cells.count() > 0, path
        if words := cells.evaluate_all(CUT_WORDS):
            cut[path] = sorted(set(words))
    page.close()
    assert cut == {}, f"at {viewport['width']}px"


def test_the_matrix_scrolls_sideways_in_its_own_box_with_its_first_column_in_view(browser, base_url: str) -> None:
    page = browser.new_page(viewport=DESKTOP)
    page.goto(base_url + "matrix/")
    page.wait_for_selector(".srg-filter")
    assert page.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"], "the page itself scrolls"
    toggle = page.get_by_label("Show the reasons")
    if toggle.count():  # the compact grid fits; each cell's text makes the matrix wide again
        toggle.check()
        after_paint(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"], "the page itself scrolls"
    table = page.locator(".srg-matrix table")
    box = table.evaluate_handle("t => t.closest('.srg-matrix table').parentElement.parentElement")
    wide, room = box.evaluate("b => [b.scrollWidth, b.clientWidth]")
    assert wide > room, "every service fits at 1280 px with its text: this test no longer scrolls the box"
    row = page.locator("tr[data-entry='guest-os-patching'] th[scope=row]")
    row.scroll_into_view_if_needed()
    before = row.bounding_box()
    box.evaluate("b => { b.scrollLeft = b.scrollWidth; }")
    after_paint(page)
    assert box.evaluate("b => b.scrollLeft") > 0
    after = row.bounding_box()
    left = box.evaluate("b => b.getBoundingClientRect().left")
    assert abs(after["x"] - left) <= 2, (before, after, left)
    last = page.locator("thead th[data-service]").last.bounding_box()
    assert last["x"] + last["width"] <= DESKTOP["width"], "the last service's column is out of reach"
    page.close()


def test_a_printed_page_shows_its_sources_addresses_its_date_and_its_own_address(browser, base_url: str) -> None:
    page = browser.new_page(viewport=DESKTOP)
    page.goto(base_url + "services/rds/")
    page.emulate_media(media="print")
    for chrome in (
        ".md-header",
        ".md-search",
        ".md-sidebar--primary",
        ".md-sidebar--secondary",
        ".md-footer",
        ".md-top",
        ".srg-copy-link",
        "article .md-button",
    ):
        shown = page.locator(chrome).evaluate_all("all => all.filter(e => e.getClientRects().length > 0).length")
        assert shown == 0, f"{chrome} is printed"
    sources = page.locator("article a[href^='http']:not(.srg-print-address a)")
    assert sources.count() > 5
    after = sources.evaluate_all(
        "links => links.map(a => { const after = getComputedStyle(a, '::after');"
        " return [a.getAttribute('href'), after.content, after.display]; })"
    )
    unprinted = [href for href, content, display in after if content != f'" ({href})"' or display == "none"]
    assert unprinted == []
    inside = page.locator("article a:not([href^='http'])").first
    assert inside.evaluate("a => getComputedStyle(a, '::after').content") in ("none", "normal")
    checked = page.locator("article .srg-checked").first
    assert checked.is_visible()
    assert re.search(r"checked against AWS documentation between \d+ \w+ \d{4} and \d+ \w+ \d{4}", checked.inner_text())
    own = page.locator("article .srg-print-address")
    assert own.is_visible()
    assert own.inner_text().endswith("/shared-responsibility-guide/services/rds/")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "rds-print-A4.pdf").write_bytes(page.pdf(format="A4", print_background=True))
    page.emulate_media(media="screen")
    assert not own.is_visible(), "the page's address shows on screen"
    page.close()


def test_a_printed_section_shows_when_its_answer_was_checked(browser, base_url: str, catalog: Catalog) -> None:
    page = browser.new_page(viewport=DESKTOP)
    page.goto(base_url + "customer/")
    page.emulate_media(media="print")
    entry = catalog.responsibility("guest-os-patching")
    date = page.locator("#guest-os-patching + .srg-entry .srg-checked").first
    assert date.is_visible()
    assert f"{entry.checked.day} {entry.checked:%B %Y}" in date.inner_text()
    page.close()
