"""The site served with exactly the generated headers: no CSP violation, and search works on every page."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from conftest import Build, site_prefix
from serve import serve
from srg.headers import parse_headers_file
from test_content import PAGES

pytestmark = pytest.mark.browser

WATCH_CSP = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const where = `${event.sourceFile}:${event.lineNumber}`;
  window.__csp.push(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"} at ${where}`);
});
"""


@pytest.fixture(scope="module")
def strict_url(site: Build) -> Iterator[str]:
    headers = parse_headers_file(site.page("_headers"))
    with serve(site.site, site_prefix(), headers=headers) as url:
        yield url


def test_served_with_the_headers_every_page_runs_without_a_csp_violation_and_search_works(
    browser, strict_url: str
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(WATCH_CSP)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda message: message.type in {"error", "warning"} and console.append(message.text))
    for path in [*PAGES, "404.html"]:
        response = page.goto(strict_url + path.removesuffix("index.html"))
        assert response is not None
        assert "Content-Security-Policy" in {name.title(): value for name, value in response.headers.items()} or (
            "content-security-policy" in response.headers
        )
        box = page.locator("input.md-search__input")
        box.click()
        box.press_sequentially("guest OS", delay=15)
        page.wait_for_selector(".md-search-result__item", timeout=10_000)
        assert page.locator(".md-search-result__item").count() > 0, path
        assert page.evaluate("window.__csp") == [], path
    assert [line for line in console if "Content Security Policy" in line or "Permissions-Policy" in line] == []
    context.close()


def test_the_matrix_filter_copy_link_and_tooltips_work_under_the_policy(browser, strict_url: str) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    context.add_init_script(WATCH_CSP)
    page = context.new_page()
    page.goto(strict_url + "matrix/")
    page.select_option("select[name=service]", "rds")
    assert page.url.endswith("matrix/?service=rds")
    page.goto(strict_url + "shared/")
    page.locator(".srg-copy-link").first.click()
    page.wait_for_function("navigator.clipboard.readText().then(t => t.endsWith('#patch-management'))")
    page.locator("article abbr").first.hover()
    page.locator("#srg-tooltip").wait_for()
    assert page.evaluate("window.__csp") == []
    context.close()
