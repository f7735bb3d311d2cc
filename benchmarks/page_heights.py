"""The height of every service page at 1280x800 and 390x844, light mode, every block laid out.

Run: .venv/bin/python benchmarks/page_heights.py   (builds the site first)

The height is the document's full scrollHeight after `content-visibility: visible` is set on every
element, so blocks the browser skips while off screen count at their real height, not their
placeholder's. Heights are CSS pixels; they change with the fonts installed, so compare runs of one
machine.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from run import CHROMIUM, ENV, ROOT, build_command, prefix_of

from browser import CHROMIUM_FLAGS, LAY_OUT_ALL
from serve import serve

VIEWPORTS = {"1280": {"width": 1280, "height": 800}, "390": {"width": 390, "height": 844}}


def service_pages(site: Path) -> list[str]:
    return sorted(f"services/{d.name}/" for d in (site / "services").iterdir() if (d / "index.html").is_file())


def heights(site: Path, prefix: str, paths: list[str]) -> dict[str, dict[str, int]]:
    """{path: {viewport name: full document height in CSS pixels}}."""
    from playwright.sync_api import sync_playwright

    found: dict[str, dict[str, int]] = {path: {} for path in paths}
    with serve(site, prefix) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        for name, viewport in VIEWPORTS.items():
            context = browser.new_context(viewport=viewport, color_scheme="light")
            tab = context.new_page()
            for path in paths:
                tab.goto(base + path)
                tab.wait_for_load_state("networkidle")
                tab.add_style_tag(content=LAY_OUT_ALL)
                found[path][name] = tab.evaluate(
                    "new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() =>"
                    " r(document.documentElement.scrollHeight))))"
                )
            context.close()
        browser.close()
    return found


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        site = Path(scratch) / "site"
        subprocess.run(build_command(ROOT / "mkdocs.yml", site), check=True, env=ENV, capture_output=True)
        paths = service_pages(site)
        found = heights(site, prefix_of(ROOT / "mkdocs.yml"), paths)
    print(f"{'page':<32}" + "".join(f"{name + ' px wide':>16}" for name in VIEWPORTS))
    for path, by_width in found.items():
        print(f"{path:<32}" + "".join(f"{by_width[name]:>16,}" for name in VIEWPORTS))


if __name__ == "__main__":
    main()
