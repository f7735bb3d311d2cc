"""The home page's picture in a real Chromium: a column per service, all as wide, each layer's owners in text
anyone can read, in both palettes, on a desktop and on a phone."""

from __future__ import annotations

import pytest

from browser import after_paint
from srg.model import OWNER_LABELS, Catalog
from srg.service_pages import PICTURE_LETTERS

pytestmark = pytest.mark.browser

WIDTHS = [320, 390, 720, 1024, 1280]
PHONE_WIDTH = 44.9375 * 16  # the theme's and guide.css's breakpoint, in px

# Per cell, per part: its owner (its class), the text a reader sees, whether it stays inside the part, on how
# many lines, and the contrast of that text on the part's own background.
PARTS = """() => {
  const rgb = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = c => { const [r, g, b] = rgb(c).map(v => { v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  return [...document.querySelectorAll('.srg-picture__cell')].map(td => ({
    layer: td.dataset.layer, service: td.dataset.service, owners: td.dataset.owners,
    parts: [...td.querySelectorAll('.srg-picture__part')].map(part => {
      const shown = [...part.querySelectorAll('.srg-picture__word, .srg-picture__letter')]
        .filter(e => e.getClientRects().length && e.getBoundingClientRect().width > 1);
      const text = shown.map(e => e.textContent.trim()).join(' ');
      const lines = shown.map(e => new Set([...e.getClientRects()].map(r => Math.round(r.top))).size);
      const box = part.getBoundingClientRect();
      const style = getComputedStyle(part);
      return {owner: part.className.match(/srg-picture__part--(\\S+)/)[1], text,
              inside: shown.every(e => { const r = e.getBoundingClientRect();
                return r.left >= box.left - 0.5 && r.right <= box.right + 0.5; }),
              lines: Math.max(0, ...lines), height: box.height,
              contrast: ratio(style.color, style.backgroundColor)};
    }),
  }));
}"""


def open_picture(browser, base_url: str, width: int, scheme: str = "light"):
    page = browser.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page.goto(base_url)
    page.locator(".srg-picture").scroll_into_view_if_needed()
    after_paint(page)
    return page


@pytest.mark.parametrize("width", WIDTHS)
def test_every_service_has_a_column_as_wide_as_the_next_whatever_its_name(browser, base_url: str, width: int) -> None:
    """The bars once followed the width of the service's name: 'ECS on AWS Fargate' got a wider column than 'S3'."""
    page = open_picture(browser, base_url, width)
    widths = page.locator(".srg-picture__table thead th").evaluate_all(
        "cells => cells.map(c => c.getBoundingClientRect().width)"
    )
    rows = page.locator(".srg-picture__table tbody tr:not(.srg-picture__layer)").evaluate_all(
        "rows => rows.map(r => [...r.cells].map(c => c.getBoundingClientRect().width))"
    )
    page.close()
    assert len(widths) == 10
    assert max(widths) - min(widths) <= 1, widths
    for row in rows:
        assert [round(w) for w in row] == [round(w) for w in widths], (row, widths)


@pytest.mark.parametrize("width", [390, 720, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_layer_names_its_owners_in_text_anyone_can_see_and_read(
    browser, base_url: str, catalog: Catalog, width: int, scheme: str
) -> None:
    """The word (a letter on a phone, which the key spells out) on each part, whole, inside it, at 4.5:1 or more."""
    page = open_picture(browser, base_url, width, scheme)
    cells = page.evaluate(PARTS)
    key = page.locator(".srg-picture__key").inner_text()
    page.close()
    drawn = [layer for layer in catalog.layers if not layer.beside]
    assert len(cells) == len(drawn) * len(catalog.services)
    phone = width < PHONE_WIDTH
    for cell in cells:
        where = (cell["layer"], cell["service"])
        owners = cell["owners"].split() or ["n/a"]
        assert [part["owner"] for part in cell["parts"]] == [o.replace("/", "") for o in owners], where
        for owner, part in zip(owners, cell["parts"], strict=True):
            assert part["text"] == (PICTURE_LETTERS[owner] if phone else OWNER_LABELS[owner]), (where, part)
            assert part["lines"] == 1, (where, part)  # never broken inside the word
            assert part["inside"], (where, part)
            assert part["height"] >= 14, (where, part)
            if owner != "n/a":
                assert part["contrast"] >= 4.5, (where, part)
    for owner in ("customer", "shared", "aws"):
        assert f"{PICTURE_LETTERS[owner]} {OWNER_LABELS[owner]}:" in " ".join(key.split()), key


@pytest.mark.parametrize("width", [320, 360, 390])
def test_the_picture_fits_a_phone_without_scrolling_sideways(browser, base_url: str, width: int) -> None:
    page = open_picture(browser, base_url, width)
    frame = page.locator(".srg-picture__frame").evaluate("e => [e.scrollWidth, e.clientWidth]")
    table = page.locator(".srg-picture__table").bounding_box()
    page_width = page.evaluate("document.documentElement.scrollWidth")
    page.close()
    assert frame[0] <= frame[1], frame
    assert table["x"] >= 0
    assert table["x"] + table["width"] <= width
    assert page_width == width


def test_a_layer_leads_to_the_answer_behind_it_on_the_services_page(browser, base_url: str) -> None:
    page = open_picture(browser, base_url, 1280)
    page.locator(".srg-picture__cell[data-layer='guest-os'][data-service='ec2'] a").click()
    page.wait_for_url("**/services/ec2/#ec2-guest-os-patching")
    row = page.locator("#ec2-guest-os-patching")
    row.wait_for(state="visible")
    assert "Customer" in row.inner_text()
    page.close()
