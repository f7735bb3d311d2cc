"""Every figure of the site's cost, measured side by side in one run; prints a table (about two minutes).

Run: .venv/bin/python benchmarks/run.py [--quick]

1. Build: `mkdocs build --strict` of this site against a bare `mkdocs build` of
   an empty Material site (the floor), interleaved, median of 5; and the share
   of the build spent inside this site's hooks.
2. Growth: the same build of marker-only pages with synthetic data files of 10,
   100 and 1,000 responsibilities: build time and the heaviest page (gzip).
3. First visit: every byte a first visit transfers (gzip, as a real host
   serves), for the home and comparison pages, against an empty Material page;
   and the search index.
4. Search: time from the last key press to results shown, in Chromium.
"""

from __future__ import annotations

import copy
import gzip
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "hooks"), str(ROOT / "benchmarks")]

from search_latency import measure_search  # noqa: E402

from browser import CHROMIUM_FLAGS  # noqa: E402
from conftest import site_prefix  # noqa: E402
from serve import serve  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
EMPTY_SITE = "site_name: Empty\ntheme:\n  name: material\n  font: false\n"
# The hand-written pages of a synthetic site: every generated view, no prose
# (the real prose links to real entries by id).
MARKER_PAGES = {
    "index.md": "# Synthetic\n\nGenerated views only.\n",
    "comparison.md": "# Comparison table\n\n<!-- srg:comparison-table -->\n",
    "aws.md": '# What AWS secures\n\n<!-- srg:responsibilities owner="aws" -->\n',
    "customer.md": '# What you secure\n\n<!-- srg:responsibilities owner="customer" -->\n',
    "shared.md": '# Shared controls\n\n<!-- srg:responsibilities owner="shared" -->\n',
    "services.md": '# By service\n\n<!-- srg:service-split service="ec2" -->\n',
    "matrix.md": "# Service matrix\n\n<!-- srg:service-matrix -->\n",
    "self-check.md": "# Self-check\n\n<!-- srg:self-check -->\n",
    "sources.md": "# Sources\n\n<!-- srg:sources -->\n",
    "glossary.md": "# Glossary\n\n<!-- srg:glossary -->\n",
    "report-abuse.md": "# Reporting abuse\n",
}
# Runs inside a build process: time each call of this site's hook functions.
HOOK_TIMER = """
import sys, time
from mkdocs.commands.build import build
from mkdocs.config import load_config
config = load_config(config_file=sys.argv[1], strict=True)
config.site_dir = sys.argv[2]
spent = [0.0]
def timed(method):
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return method(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - start
    return wrapper
for event, methods in config.plugins.events.items():
    config.plugins.events[event] = [
        timed(m) if "/hooks/" in (getattr(m, "__code__", None) and m.__code__.co_filename or "") else m for m in methods
    ]
start = time.perf_counter()
build(config)
total = time.perf_counter() - start
print(spent[0], total)
"""


def timed_build(config: Path, site: Path, strict: bool = True) -> float:
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site)]
    command += ["--strict"] if strict else []
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=ENV)
    return time.perf_counter() - start


def empty_site(where: Path) -> Path:
    (where / "docs").mkdir(parents=True, exist_ok=True)
    (where / "docs" / "index.md").write_text("# Empty\n\nAn empty Material page.\n")
    (where / "mkdocs.yml").write_text(EMPTY_SITE)
    return where / "mkdocs.yml"


def synthetic_data(count: int) -> str:
    """The real file's sources, services, areas and glossary, with `count` entries cloned from the real ones."""
    document = yaml.safe_load((ROOT / "docs/data/responsibilities.yml").read_text(encoding="utf-8"))
    originals = document["responsibilities"]
    entries = []
    for number in range(count):
        entry = copy.deepcopy(originals[number % len(originals)])
        entry["id"] = f"{entry['id']}-{number}"
        entry["title"] = f"{entry['title']} ({number})"
        entry["related"] = []
        entry.pop("aliases", None)
        entries.append(entry)
    document["responsibilities"] = entries
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False)


def synthetic_project(where: Path, count: int) -> Path:
    where.mkdir(parents=True)
    for part in ("mkdocs.yml", "hooks", "overrides", "docs"):
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, where / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, where / part)
    for page in (where / "docs").glob("*.md"):
        page.unlink()
    for name, text in MARKER_PAGES.items():
        (where / "docs" / name).write_text(text, encoding="utf-8")
    (where / "docs/data/responsibilities.yml").write_text(synthetic_data(count), encoding="utf-8")
    return where / "mkdocs.yml"


def heaviest_page(site: Path) -> tuple[str, int]:
    sizes = {
        page.relative_to(site).as_posix(): len(gzip.compress(page.read_bytes(), 6)) for page in site.rglob("*.html")
    }
    name = max(sizes, key=sizes.__getitem__)
    return name.removesuffix("index.html") or "/", sizes[name]


def first_visit_bytes(base: str, paths: list[str]) -> dict[str, int]:
    """Bytes on the wire (gzip) of a first visit to each page: the page and everything it loads."""
    from playwright.sync_api import sync_playwright

    result = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS)
        for path in paths:
            context = browser.new_context()  # an empty cache: a first visit
            page = context.new_page()
            sizes: list[int] = []
            page.on("requestfinished", lambda request, sizes=sizes: sizes.append(request.sizes()["responseBodySize"]))
            page.goto(base + path, wait_until="networkidle")
            page.wait_for_timeout(500)
            result[path] = sum(sizes)
            context.close()
        browser.close()
    return result


def kib(size: float) -> str:
    return f"{size / 1024:.1f} KiB"


def main(quick: bool) -> None:
    started = time.perf_counter()
    runs = 3 if quick else 5
    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory() as scratch:
        tmp = Path(scratch)
        floor_config = empty_site(tmp / "empty")

        # 1. The build against its floor, interleaved so both see the same machine load.
        ours, floor = [], []
        for _ in range(runs):
            ours.append(timed_build(ROOT / "mkdocs.yml", tmp / "ours"))
            floor.append(timed_build(floor_config, tmp / "floor", strict=False))
        ours_s, floor_s = statistics.median(ours), statistics.median(floor)
        rows.append(("build: this site, --strict", f"{ours_s:.2f} s", f"{ours_s / floor_s:.2f}x the floor"))
        rows.append(("build: empty Material site (floor)", f"{floor_s:.2f} s", f"median of {runs}, interleaved"))
        shares = []
        for _ in range(runs):
            timer = [sys.executable, "-c", HOOK_TIMER, str(ROOT / "mkdocs.yml"), str(tmp / "timed")]
            spent, total = map(
                float, subprocess.run(timer, check=True, capture_output=True, text=True, env=ENV).stdout.split()
            )
            shares.append(spent / total)
        rows.append(
            ("build: share spent in this site's hooks", f"{statistics.median(shares):.0%}", "of the build step")
        )

        # 2. Growth with the number of responsibilities.
        for count in (10, 100, 1000):
            config = synthetic_project(tmp / f"synthetic-{count}", count)
            times = [timed_build(config, tmp / f"synthetic-{count}-site") for _ in range(1 if count == 1000 else runs)]
            page, size = heaviest_page(tmp / f"synthetic-{count}-site")
            rows.append(
                (f"{count:>5} entries: build", f"{statistics.median(times):.2f} s", f"heaviest page {page} {kib(size)}")
            )

        # 3. First-visit weight against an empty Material page, both served gzipped.
        with serve(tmp / "ours", site_prefix()) as base:
            ours_bytes = first_visit_bytes(base, ["", "comparison/", "customer/", "matrix/"])
        with serve(tmp / "floor", "/") as base:
            floor_bytes = first_visit_bytes(base, [""])[""]
        for path, size in ours_bytes.items():
            label = f"first visit: {path or 'home'}"
            rows.append((label, kib(size), f"{size / floor_bytes:.2f}x an empty Material page"))
        rows.append(("first visit: empty Material page", kib(floor_bytes), "the floor"))
        index = (tmp / "ours" / "search" / "search_index.json").read_bytes()
        rows.append(("search index", kib(len(gzip.compress(index, 6))), f"gzip; {kib(len(index))} raw"))

        # 4. Search in the browser.
        latency = measure_search(tmp / "ours")
        rows.append(
            (
                "search: last key press to results",
                f"{statistics.median(latency):.1f} ms",
                f"median of {len(latency)} queries",
            )
        )

    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'value':>10}  note")
    for label, value, note in rows:
        print(f"{label:<{width}}  {value:>10}  {note}")
    print(f"(measured in {time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main(quick="--quick" in sys.argv)
