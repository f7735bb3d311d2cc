"""Every page in a real Chromium: no console error, no request to any host but the site's own."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from test_content import PAGES

pytestmark = pytest.mark.browser


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
