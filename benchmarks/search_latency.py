"""Time from the last key press to search results shown, for each realistic query, in Chromium.

Run: .venv/bin/python benchmarks/search_latency.py   (builds the site first)
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "hooks")]

from search_queries import QUERIES  # noqa: E402

from browser import CHROMIUM_FLAGS  # noqa: E402
from conftest import site_prefix  # noqa: E402
from serve import serve  # noqa: E402

# Records, in the page, the time from the last key down to the first change of the result list.
INSTRUMENT = """() => {
  const list = document.querySelector('.md-search-result__list');
  const box = document.querySelector('input.md-search__input');
  new MutationObserver(() => {
    if (window.__keyAt && window.__shownAfter === null) window.__shownAfter = performance.now() - window.__keyAt;
  }).observe(list, {childList: true, subtree: true});
  box.addEventListener('keydown', () => { window.__keyAt = performance.now(); window.__shownAfter = null; });
}"""


def measure_search(site: Path) -> list[float]:
    """Milliseconds from the last key press to results shown, for each query of the list, on the built `site`."""
    from playwright.sync_api import sync_playwright

    with serve(site, site_prefix()) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS)
        page = browser.new_page()
        page.goto(base)
        page.locator("input.md-search__input").click()
        box = page.locator("input.md-search__input")
        box.press_sequentially("OS", delay=10)
        page.wait_for_selector(".md-search-result__item")
        page.evaluate(INSTRUMENT)
        times = []
        for query in QUERIES:
            box.fill("")
            box.press_sequentially(query[:-1], delay=10)
            page.wait_for_timeout(300)
            box.press(query[-1])
            page.wait_for_function("window.__shownAfter !== null")
            times.append(page.evaluate("window.__shownAfter"))
        browser.close()
    return times


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        site = Path(scratch) / "site"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(site)], cwd=ROOT, check=True, env=env)
        times = dict(zip(QUERIES, measure_search(site), strict=True))
    print(f"{'query':<32} {'ms':>7}")
    for query, ms in times.items():
        print(f"{query:<32} {ms:>7.1f}")
    print(f"{'median over ' + str(len(times)) + ' queries':<32} {statistics.median(times.values()):>7.1f}")


if __name__ == "__main__":
    main()
