"""The site served with exactly the generated headers: no CSP violation on any page, and search works on each."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from browser import WATCH_WORKERS, Served, search_answered
from conftest import Build, served_pages, site_prefix
from serve import serve
from srg.security_headers_policy import parse_headers_file

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


@pytest.fixture(scope="module")
def strict_pages(site: Build, pages: list[str], strict_url: str) -> list[Served]:
    return served_pages(site.site, pages, strict_url)


def test_served_with_the_headers_every_page_runs_without_a_csp_violation_and_search_works(
    browser, strict_pages: list[Served]
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(WATCH_CSP)
    context.add_init_script(WATCH_WORKERS)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda message: message.type in {"error", "warning"} and console.append(message.text))
    searched = 0
    for each in strict_pages:
        response = page.goto(each.url)
        assert response is not None
        assert response.status == 200, each.path
        assert "content-security-policy" in response.headers, each.path
        if each.redirects:  # a share page: the policy lets it send the reader on; where it lands is checked itself
            page.wait_for_url(each.landing)
            continue
        box = page.locator("input.md-search__input")
        box.click()
        box.press_sequentially("guest OS", delay=15)
        search_answered(page, "guest OS")
        assert page.locator(".md-search-result__item").count() > 0, each.path
        assert page.evaluate("window.__csp") == [], each.path
        searched += 1
    assert [line for line in console if "Content Security Policy" in line or "Permissions-Policy" in line] == []
    assert searched == len([each for each in strict_pages if not each.redirects])
    context.close()


def test_the_matrix_filter_copy_link_and_tooltips_work_under_the_policy(browser, strict_url: str) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    context.add_init_script(WATCH_CSP)
    page = context.new_page()
    page.goto(strict_url + "matrix/")
    page.check("input[name=service][value=rds]")
    assert page.url.endswith("matrix/?service=rds")
    page.goto(strict_url + "self-check/")
    page.locator(".srg-quiz__choices button").first.click()
    assert page.locator(".srg-quiz__score").text_content().startswith(("0 of 1", "1 of 1"))
    page.goto(strict_url + "shared/")
    page.locator("#patch-management + .srg-entry .srg-copy-link").click()
    page.wait_for_function("navigator.clipboard.readText().then(t => t.endsWith('/a/patch-management/'))")
    abbr = page.locator("article abbr")
    assert abbr.count() > 0, "the shared page has no tooltip"
    abbr.first.hover()
    page.locator("#srg-tooltip").wait_for()
    assert page.evaluate("window.__csp") == []
    context.close()
