"""Every page in a real Chromium: no console error, no request to any host but the site's own."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from test_content import PAGES

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).parent / "artifacts"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_pages_load_cleanly_from_the_site_origin_only(browser, base_url: str, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    requests: list[str] = []
    problems: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    origin = urlsplit(base_url).netloc
    for path in PAGES:
        response = page.goto(base_url + path.removesuffix("index.html"))
        assert response is not None, path
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")
    context.close()
    foreign = [
        url for url in requests if urlsplit(url).scheme not in {"data", "blob"} and urlsplit(url).netloc != origin
    ]
    assert foreign == []
    assert problems == []
    assert len(requests) > len(PAGES)


def test_section_link_opens_at_its_heading(browser, base_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(base_url + "customer/#guest-os-patching")
    heading = page.locator("h2#guest-os-patching")
    box = heading.bounding_box()
    assert box is not None
    assert 0 <= box["y"] < 200
    page.close()


def test_copy_link_puts_the_sections_absolute_url_on_the_clipboard(browser, base_url: str) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(base_url + "shared/?h=patch")
    button = page.locator("#patch-management + .srg-meta .srg-copy-link")
    button.click()
    page.wait_for_function(
        "document.querySelector('#patch-management + .srg-meta .srg-copy-link').textContent === 'Link copied'"
    )
    assert page.evaluate("navigator.clipboard.readText()") == base_url + "shared/#patch-management"
    assert page.locator("#patch-management + .srg-meta [role=status]").text_content() == "Link copied"
    assert page.locator(".srg-copy-link").count() == len(page.locator("h2.srg-responsibility").all())
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
