"""Every figure of the site's cost, measured side by side in one run, next to the floor and the figures before.

Run: .venv/bin/python benchmarks/run.py [--quick] [--builds]
     (about 50 minutes, most of it Lighthouse; --quick: 3 builds instead of 5, Lighthouse once per page;
     --builds: steps 1 to 3 only, in about 4 minutes, for a change to the build that leaves every built
     file as it was, which the figures of steps 4 to 6 are of)

1. Build: `mkdocs build --strict` of this site against a bare build of an
   empty Material site (the floor): interleaved, median of 5 (goal: 2.0x);
   beside it the same build in one process (SRG_ONE_PROCESS=1), to show what
   the second process (hooks/srg/second_core.py) gains.
2. Growth: the site with 10, 100 and 1,000 entries cloned from the real ones,
   with every service of the real data: build time (median of 5, of 3 at
   1,000, interleaved with the build in one process), its ratio to the floor
   (goal at 1,000: 20x), the heaviest page
   (gzip), and the cost of an entry and of a cell from 100 to 1,000.
3. Live reload: under `mkdocs serve --livereload`, the time from saving the
   data file to the open customer/ page drawing the edited entry's new title,
   at the real size and at 1,000 (goals: 1.5 s and 8 s).
4. Search: last key press to results shown, median over the realistic queries,
   at the real size and at 1,000 entries (goal: under 50 ms); the index's size,
   and per entry.
5. First visit: bytes on the wire for the home page and the heaviest page,
   against an empty Material page.
6. Lighthouse (default mobile profile): every built page at the real size and
   at 100 entries, median of 3 runs in rounds: performance, FCP, LCP, TBT and
   CLS, next to an empty Material page; pages under 98 are marked and counted.

Timings are never asserted in tests; this prints them.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import urlopen

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "benchmarks")]

from search_queries import QUERIES  # noqa: E402
from synthetic import cloned_data, project  # noqa: E402

from browser import CHROMIUM_FLAGS, WATCH_WORKERS, search_answered  # noqa: E402
from serve import serve  # noqa: E402

# Builds run as Python runs them by default, with its bytecode cache. Some machines turn the cache
# off (PYTHONDONTWRITEBYTECODE, set on this one): the installed packages keep the bytecode written
# when they were installed, but the hooks would be compiled again on every build, some 50 ms that no
# reader's or author's build pays and the empty site does not pay either.
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}, "NO_MKDOCS_2_WARNING": "1"}
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
EMPTY_SITE = "site_name: Empty\ntheme:\n  name: material\n  font: false\n"
# Issue 31's goals, printed beside the figures.
GOALS = {
    "build": "goal: 2.0x",
    "1000 entries": "goal: 20x",
    "reload real": "goal: 1.5 s",
    "reload 1000": "goal: 8 s",
    "search": "goal: under 50 ms",
}

Row = tuple[str, str, str]


# The build as it runs without its second process (hooks/srg/second_core.py), to show that gain side by side.
ONE_PROCESS = {**ENV, "SRG_ONE_PROCESS": "1"}


def timed(command: list[str], env: dict[str, str] = ENV) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env)
    return time.perf_counter() - start


def build_command(config: Path, site: Path, strict: bool = True) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site), *(["--strict"] * strict)]


def empty_site(where: Path) -> Path:
    (where / "docs").mkdir(parents=True, exist_ok=True)
    (where / "docs" / "index.md").write_text("# Empty\n\nAn empty Material page.\n")
    (where / "mkdocs.yml").write_text(EMPTY_SITE)
    return where / "mkdocs.yml"


def prefix_of(config: Path) -> str:
    """The path of site_url, where the site is served ('/' when it has none)."""
    loader = type("EnvLoader", (yaml.SafeLoader,), {})
    loader.add_constructor("!ENV", lambda loader, node: os.environ.get(loader.construct_scalar(node)))
    site_url = yaml.load(config.read_text(encoding="utf-8"), Loader=loader).get("site_url") or "/"
    path = urlsplit(site_url).path or "/"
    return path if path.endswith("/") else path + "/"


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 6))


def kib(size: float) -> str:
    return f"{size / 1024:.1f} KiB"


def heaviest_page(site: Path) -> tuple[str, int]:
    sizes = {p.relative_to(site).as_posix(): gz(p.read_bytes()) for p in site.rglob("index.html")}
    name = max(sizes, key=sizes.__getitem__)
    return name.removesuffix("index.html") or "/", sizes[name]


def pages_of(site: Path) -> list[str]:
    """Every page of a built site, one share page standing for all (they are alike and lead elsewhere)."""
    pages = sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))
    pages = ["" if p == "." else p + "/" for p in pages]
    shares = [p for p in pages if p.startswith("a/")]
    return [p for p in pages if not p.startswith("a/")] + shares[:1]


# -- 1 and 2: builds ----------------------------------------------------------------------------


def builds(tmp: Path, runs: int) -> tuple[list[Row], float]:
    floor_config = empty_site(tmp / "empty")
    subjects = {"this site": ENV, "this site in one process": ONE_PROCESS}
    times: dict[str, list[float]] = {name: [] for name in ["floor", *subjects]}
    for _ in range(runs):
        times["floor"].append(timed(build_command(floor_config, tmp / "floor", strict=False)))
        for name, env in subjects.items():
            times[name].append(timed(build_command(ROOT / "mkdocs.yml", tmp / name.replace(" ", "-")), env))
    floor = statistics.median(times["floor"])
    rows = [("build: empty Material site (the floor)", f"{floor:.2f} s", f"median of {runs}, interleaved")]
    for name in subjects:
        median = statistics.median(times[name])
        ratio = f"{median / floor:.2f}x the floor; {GOALS['build']}"
        rows.append((f"build: {name}, --strict", f"{median:.2f} s", ratio))
    return rows, floor


def growth(tmp: Path, runs: int, floor: float) -> tuple[list[Row], dict[int, Path]]:
    rows, sites, seconds = [], {}, {}
    services = len(yaml.safe_load((ROOT / "docs/data/responsibilities.yml").read_text())["services"])
    for count in (10, 100, 1000):
        config = project(tmp / f"grown-{count}", cloned_data(count))
        site = tmp / f"grown-{count}-site"
        repeats = 3 if count == 1000 else runs
        if count == 1000:  # interleaved with the same build in one process
            command = build_command(config, site)
            pairs = [(timed(command), timed(command, ONE_PROCESS)) for _ in range(repeats)]
            median = statistics.median(two for two, _ in pairs)
            alone = statistics.median(one for _, one in pairs)
        else:
            median = statistics.median(timed(build_command(config, site)) for _ in range(repeats))
        page, size = heaviest_page(site)
        seconds[count] = median
        sites[count] = site
        goal = f"; {GOALS['1000 entries']}" if count == 1000 else ""
        rows.append(
            (
                f"{count:>5} entries x {services} services: build",
                f"{median:.2f} s",
                f"{median / floor:.1f}x the floor{goal}; heaviest page {page} {kib(size)} gzip",
            )
        )
    rows.append(
        (f" 1000 entries x {services} services: in one process", f"{alone:.2f} s", f"{alone / floor:.1f}x the floor")
    )
    slope = (seconds[1000] - seconds[100]) / 900
    rows.append(("growth, 100 to 1,000 entries", f"{slope * 1000:.1f} ms", "an entry"))
    rows.append(("growth, 100 to 1,000 entries", f"{slope * 1000 / services:.2f} ms", f"a cell ({services} an entry)"))
    # Linear: the cost of an entry from 10 to 100 beside that from 100 to 1,000.
    early = (seconds[100] - seconds[10]) / 90
    rows.append(("growth, 10 to 100 entries", f"{early * 1000:.1f} ms", f"an entry ({slope / early:.2f}x of it after)"))
    return rows, sites


# -- 3: live reload -------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def serving(config: Path) -> Iterator[str]:
    """`mkdocs serve --livereload` of a project, until it answers; yields the served site's base URL."""
    port = free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-f", str(config), "-a", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}{prefix_of(config)}"
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                urlopen(base, timeout=5).read()
                break
            time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


# Polled on every frame while the page reloads: the edited entry's heading, found by its id, holds
# the new title and is rendered. (Reading the whole page's innerText on every frame instead laid out
# the 13 MB customer/ page of the 1,000-entry site again and again, on the old page while the site
# rebuilt: it took a core from the build and added 5 to 7 s to what it measured.)
SHOWS_EDIT = """([id, marker]) => {
  const heading = document.getElementById(id);
  return heading !== null && heading.textContent.includes(marker) && heading.checkVisibility();
}"""
# Resolves once the browser has drawn two frames: the edit is on the screen, not only in the document.
DRAWN = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


def reload_seconds(config: Path, page: str, edits: int = 3) -> list[float]:
    """Seconds from saving the data file to `page`, open in Chromium, showing the edit, for each of `edits` saves."""
    from playwright.sync_api import sync_playwright

    data = config.parent / "docs" / "data" / "responsibilities.yml"
    original = data.read_text(encoding="utf-8")
    document = yaml.safe_load(original)
    entry = next(e for e in document["responsibilities"] if e["rule"] == "customer")
    title = entry["title"]
    seconds = []
    with serving(config) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        tab = browser.new_page()
        tab.goto(base + page)  # the live-reload script keeps a request open: wait for the page, not the network
        tab.wait_for_load_state("load")
        for _ in range(edits):
            marker = f"Edited at {time.time_ns()}"
            start = time.perf_counter()
            # A title is one line of the file (a long summary may wrap): edit it in place.
            data.write_text(original.replace(f"title: {title}\n", f"title: {marker} {title}\n", 1), encoding="utf-8")
            tab.wait_for_function(SHOWS_EDIT, arg=[entry["id"], marker], timeout=120_000)
            tab.evaluate(DRAWN)
            seconds.append(time.perf_counter() - start)
            tab.wait_for_load_state("load")
        browser.close()
    data.write_text(original, encoding="utf-8")
    return seconds


def live_reload(tmp: Path) -> list[Row]:
    rows = []
    for name, data in (("real size", None), ("1,000 entries", cloned_data(1000))):
        config = project(tmp / f"serve-{name.replace(' ', '-').replace(',', '')}", data)
        seconds = reload_seconds(config, "customer/")
        goal = GOALS["reload real" if data is None else "reload 1000"]
        shown = f"save to the edit shown, median of {len(seconds)} ({', '.join(f'{s:.2f}' for s in seconds)}); {goal}"
        rows.append((f"live reload after a data edit: {name}", f"{statistics.median(seconds):.2f} s", shown))
    return rows


# -- 4: search -------------------------------------------------------------------------------------

# Records the time from the last key down to the first change of the result list.
INSTRUMENT = """() => {
  const list = document.querySelector('.md-search-result__list');
  new MutationObserver(() => {
    if (window.__keyAt && window.__shownAfter === null) window.__shownAfter = performance.now() - window.__keyAt;
  }).observe(list, {childList: true, subtree: true});
  document.querySelector('input.md-search__input').addEventListener('keydown', () => {
    window.__keyAt = performance.now(); window.__shownAfter = null;
  });
}"""


def search_latencies(site: Path, prefix: str) -> list[float]:
    """Milliseconds from the last key press to results shown, for each realistic query."""
    from playwright.sync_api import sync_playwright

    times = []
    with serve(site, prefix) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        context = browser.new_context()
        context.add_init_script(WATCH_WORKERS)
        tab = context.new_page()
        tab.goto(base)
        box = tab.locator("input.md-search__input")
        box.click()
        box.press_sequentially("OS", delay=10)
        search_answered(tab, "OS")
        tab.evaluate(INSTRUMENT)
        for query in QUERIES:
            box.fill("")
            if len(query) > 1:
                box.press_sequentially(query[:-1], delay=10)
                search_answered(tab, query[:-1])
            box.press(query[-1])
            tab.wait_for_function("window.__shownAfter !== null")
            times.append(tab.evaluate("window.__shownAfter"))
        browser.close()
    return times


def search(real_site: Path, grown: dict[int, Path], entries: int) -> list[Row]:
    rows = []
    prefix = prefix_of(ROOT / "mkdocs.yml")
    for name, site, count in (("real size", real_site, entries), ("1,000 entries", grown[1000], 1000)):
        latency = statistics.median(search_latencies(site, prefix))
        index = (site / "search" / "search_index.json").read_bytes()
        rows.append((f"search: last key press to results, {name}", f"{latency:.1f} ms", f"median of {len(QUERIES)}"))
        rows.append(
            (
                f"search index, {name}",
                kib(gz(index)),
                f"gzip ({kib(len(index))} raw), {gz(index) / count:.0f} B an entry gzip",
            )
        )
    for at in (0, 2):
        rows[at] = (*rows[at][:2], f"{rows[at][2]}; {GOALS['search']}")
    return rows


# -- 5: first visit ------------------------------------------------------------------------------


def first_visit_bytes(base: str, paths: list[str]) -> dict[str, int]:
    from playwright.sync_api import sync_playwright

    result = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        for path in paths:
            context = browser.new_context()  # an empty cache: a first visit
            tab = context.new_page()
            sizes: list[int] = []
            tab.on("requestfinished", lambda request, sizes=sizes: sizes.append(request.sizes()["responseBodySize"]))
            tab.goto(base + path, wait_until="networkidle")
            result[path] = sum(sizes)
            context.close()
        browser.close()
    return result


def first_visit(real_site: Path, floor_site: Path) -> list[Row]:
    heaviest, _ = heaviest_page(real_site)
    paths = ["", heaviest.lstrip("/")]
    with serve(real_site, prefix_of(ROOT / "mkdocs.yml")) as base:
        ours = first_visit_bytes(base, paths)
    with serve(floor_site, "/") as base:
        floor = first_visit_bytes(base, [""])[""]
    rows = [
        (f"first visit: {p or 'home'}", kib(size), f"{size / floor:.2f}x an empty page") for p, size in ours.items()
    ]
    return [*rows, ("first visit: empty Material page", kib(floor), "the floor")]


# -- 6: Lighthouse -----------------------------------------------------------------------------------


def lighthouse_run(url: str, report: Path) -> dict:
    flags = " ".join(["--headless=new", *CHROMIUM_FLAGS])
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--output=json",
            f"--output-path={report}",
            "--quiet",
            "--only-categories=performance",
            f"--chrome-flags={flags}",
        ],
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        check=True,
        capture_output=True,
        timeout=300,
    )
    return json.loads(report.read_text(encoding="utf-8"))


def lighthouse_table(sites: list[tuple[str, Path]], floor_site: Path, runs: int, tmp: Path) -> list[str]:
    """Every page of each site, median of `runs`, next to an empty Material page; pages under 98 are marked.

    The runs go in rounds, every page once a round: a burst of other work on this shared machine then
    falls on one run of several pages, not on every run of one page.
    """
    metrics = {
        "FCP": "first-contentful-paint",
        "LCP": "largest-contentful-paint",
        "TBT": "total-blocking-time",
        "CLS": "cumulative-layout-shift",
    }
    subjects: list[tuple[str | None, str, str]] = []  # (the site's name or None for the floor, label, url)
    with contextlib.ExitStack() as servers:
        subjects.append((None, "empty Material page", servers.enter_context(serve(floor_site, "/"))))
        for name, site in sites:
            base = servers.enter_context(serve(site, prefix_of(ROOT / "mkdocs.yml")))
            for path in pages_of(site):
                # A share address is a redirect: its figures include loading the page it leads to.
                label = f"{path or 'home'}{' (redirects)' if path.startswith('a/') else ''}"
                subjects.append((name, label, base + path))
        results: list[list[dict]] = [[] for _ in subjects]
        for _ in range(runs):
            for (_name, _label, url), measured in zip(subjects, results, strict=True):
                measured.append(lighthouse_run(url, tmp / "lh.json"))

    below: list[str] = []
    lines = [f"{'page':<34} {'perf':>5}  range  {'FCP':>6}  {'LCP':>6}  {'TBT':>5}  CLS   (ms; median of {runs})"]
    group = None
    for (name, label, _), measured in zip(subjects, results, strict=True):
        if name != group and name is not None:
            lines.append(f"-- {name}")
        group = name
        scores = sorted(r["categories"]["performance"]["score"] for r in measured)
        medians = {k: statistics.median(r["audits"][a]["numericValue"] for r in measured) for k, a in metrics.items()}
        score = statistics.median(scores) * 100
        if score < 98 and name is not None:
            below.append(f"{name}: {label}")
        lines.append(
            f"{label:<34} {score:>5.0f}  {scores[0] * 100:.0f}-{scores[-1] * 100:.0f}"
            f"  {medians['FCP']:>6.0f}  {medians['LCP']:>6.0f}  {medians['TBT']:>5.0f}  {medians['CLS']:.3f}"
            f"{'  < 98' if score < 98 else ''}"
        )
    pages = len(subjects) - 1
    summary = f"pages at 98 or more: {pages - len(below)} of {pages}"
    lines.append(summary + (f"; below: {', '.join(below)}" if below else ""))
    return lines


# -- the report -------------------------------------------------------------------------------------


def table(rows: list[Row]) -> str:
    width = max(len(r[0]) for r in rows)
    lines = [f"{'measure':<{width}}  {'value':>10}  note"]
    lines += [f"{label:<{width}}  {value:>10}  {note}" for label, value, note in rows]
    return "\n".join(lines)


def step(name: str, action: Callable[[], object]) -> object:
    print(f"... {name}", file=sys.stderr, flush=True)
    return action()


def main(quick: bool, builds_only: bool = False) -> None:
    started = time.perf_counter()
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    print(f"commit {commit.stdout.strip() or '(not a git checkout)'}, {time.strftime('%Y-%m-%d %H:%M')}")
    runs = 3 if quick else 5
    with tempfile.TemporaryDirectory() as scratch:
        tmp = Path(scratch)
        rows, floor = step("builds", lambda: builds(tmp, runs))  # type: ignore[misc]
        grown_rows, grown = step("growth", lambda: growth(tmp, runs, floor))  # type: ignore[misc]
        rows += grown_rows
        rows += step("live reload", lambda: live_reload(tmp))  # type: ignore[operator]
        if builds_only:
            print(table(rows))
            print(f"(measured in {time.perf_counter() - started:.0f} s)")
            return
        real_site, floor_site = tmp / "this-site", tmp / "floor"
        entries = len(yaml.safe_load((ROOT / "docs/data/responsibilities.yml").read_text())["responsibilities"])
        rows += step("search", lambda: search(real_site, grown, entries))  # type: ignore[operator]
        rows += step("first visit", lambda: first_visit(real_site, floor_site))  # type: ignore[operator]
        print(table(rows))
        if LIGHTHOUSE.exists():
            print()
            sites = [(f"this site ({entries} entries)", real_site), ("100 entries", grown[100])]
            lines = step("lighthouse", lambda: lighthouse_table(sites, floor_site, 1 if quick else 3, tmp))
            print("\n".join(lines))  # type: ignore[arg-type]
        else:
            print("\n(Lighthouse not installed: npm ci)")
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"(measured in {time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main(quick="--quick" in sys.argv, builds_only="--builds" in sys.argv)
