"""Debian's Chromium under Playwright: found, or skipped locally, or a failure under CI=true; and what the
browser tests share: where each built page lands, and waits on conditions rather than on time."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tools import missing

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page, Response

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    """The browser to drive, or skip (fail under CI) when there is none."""
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if os.path.exists(path):
        return path
    missing("Chromium", "install the chromium package (.ci/run does) or set CHROMIUM=/path/to/chromium")


@dataclass(frozen=True)
class Served:
    """A page of the built site as a browser meets it."""

    path: str  # as built: '' for the home page, 'aws/', 'a/guest-os-patching/'
    url: str  # where it is served
    landing: str  # where the browser ends up: the page itself, or where it sends the reader at once

    @property
    def redirects(self) -> bool:
        return self.landing != self.url


def visit(page: Page, served: Served) -> Response:
    """Open a page and wait until the browser has arrived where it leads (after a share page's redirect)."""
    response = page.goto(served.url)
    assert response is not None, served.path
    assert response.status == 200, (served.path, response.status)
    if served.redirects:
        page.wait_for_url(served.landing)
    return response


def stay(page: Page, served: Served) -> Response:
    """Open a page and keep the browser on it even if it redirects: its target answers 204 No Content.

    The tab keeps answering 204 for that target: use a tab of its own.
    """
    if served.redirects:
        page.route(served.landing.split("#")[0], lambda route: route.fulfill(status=204))
    response = page.goto(served.url)
    assert response is not None, served.path
    assert response.status == 200, (served.path, response.status)
    if served.redirects:
        page.wait_for_load_state("networkidle")
        assert page.url == served.url, f"{served.path} left for {page.url}"
    return response


def visit_all(context: BrowserContext, pages: list[Served], tabs: int = 8, follow: bool = True) -> None:
    """Open every page until the network is idle, a few tabs at a time, so their quiet periods overlap.

    With follow=False a page that redirects is held where it is (its target answers 204 No Content,
    which leaves the browser on the page): the target is a page of the list in its own right.
    """
    for start in range(0, len(pages), tabs):
        opened = []
        for served in pages[start : start + tabs]:
            tab = context.new_page()
            if follow:
                visit(tab, served)
            else:
                stay(tab, served)
            opened.append(tab)
        for tab in opened:
            tab.wait_for_load_state("networkidle")
            tab.close()


# Counts the messages the page sends to its web workers (Material's search runs in one) and the
# answers it gets, so a test can wait until search has answered the last query typed, not for a time.
# Blocks off screen use content-visibility:auto, so the browser has not laid them out: a check that
# measures or reads colours lays everything out first. It changes no colour or size, only when work is done.
LAY_OUT_ALL = "* { content-visibility: visible !important; }"

# The words of table cells that a line break cuts in two (a break after a hyphen is a break between words).
CUT_WORDS = """cells => cells.flatMap(cell => {
  const cut = [];
  const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const word of node.data.matchAll(/[^\\s-]+/g)) {
      const range = document.createRange();
      range.setStart(node, word.index);
      range.setEnd(node, word.index + word[0].length);
      if (new Set([...range.getClientRects()].map(r => Math.round(r.top))).size > 1) cut.push(word[0]);
    }
  }
  return cut;
})"""


WATCH_WORKERS = """
(() => {
  const traffic = { sent: 0, answered: 0, last: "" };
  window.__srgWorkers = traffic;
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message, ...rest) {
    if (!this.__srgWatched) {
      this.__srgWatched = true;
      this.addEventListener("message", () => { traffic.answered += 1; });
    }
    traffic.sent += 1;
    traffic.last = JSON.stringify(message);
    return post.call(this, message, ...rest);
  };
})();
"""


def type_query(page: Page, query: str) -> None:
    """Type into Material's search box key by key (it reacts to key presses), then wait for the answer to it."""
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=15)
    search_answered(page, query)


def search_answered(page: Page, query: str) -> None:
    """Wait until the search worker has answered every query, the last being `query`, and results are drawn."""
    page.wait_for_function(
        """query => {
            const traffic = window.__srgWorkers;
            return traffic && traffic.answered >= traffic.sent && traffic.last.includes(JSON.stringify(query));
        }""",
        arg=query,
    )
    page.wait_for_selector(".md-search-result__meta")
    after_paint(page)


def after_paint(page: Page) -> None:
    """Wait until the browser has drawn what the last script changed."""
    page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
