"""Shared fixtures: the real data file, fixture projects, the built site and the pages it holds.

The project is copied once per session (`snapshot`), and the session's site and
every fixture project are built from that copy: a build test compares like with
like even while someone edits docs/ during the run.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

import pytest
from tools import executable, npm_file

from browser import CHROMIUM_FLAGS, Served, chromium_path
from serve import serve
from srg.load import parse_catalog
from srg.model import Catalog

if TYPE_CHECKING:
    from playwright.sync_api import Browser

ROOT = Path(__file__).resolve().parent.parent
DATA = "docs/data/responsibilities.yml"
DATA_FILE = ROOT / DATA
PROJECT_PARTS = ("docs", "hooks", "overrides")
# The page that lists the entries under each rule (the `rule` of an entry in the data file).
PAGE_OF_RULE = {"aws": "aws", "customer": "customer", "shared": "shared"}
SHARE_PAGES = "a/"


@dataclass
class Build:
    """The outcome of one `mkdocs build --strict` of a project."""

    returncode: int
    output: str
    site: Path

    def page(self, path: str) -> str:
        return (self.site / path).read_text(encoding="utf-8")


# The address the test builds are published at (a host that serves under a path), unless a test sets its own.
TEST_SITE_URL = "https://guide.example.test/shared-responsibility-guide/"


def run_build(project: Path, site: Path) -> Build:
    env = {"SITE_URL": TEST_SITE_URL, **os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        capture_output=True,
        text=True,
        env=env,
        cwd=project,
        check=False,
    )
    return Build(result.returncode, result.stdout + result.stderr, site)


def copy_project(target: Path, source: Path = ROOT) -> Path:
    """A copy of the site's sources (mkdocs.yml, docs/, hooks/, overrides/) in `target`, to edit and build."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source / "mkdocs.yml", target / "mkdocs.yml")
    for part in PROJECT_PARTS:
        shutil.copytree(source / part, target / part, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def built_pages(site: Path) -> list[str]:
    """Every page of a built site, as its address relative to the site root ('' for the home page, 'aws/', …)."""
    return sorted(
        "" if path.parent == site else path.parent.relative_to(site).as_posix() + "/"
        for path in site.rglob("index.html")
    )


def sampled_pages(pages: list[str]) -> list[str]:
    """`pages` with the share pages (a/…, one per answer, all from one template) cut to the first of them."""
    shares = [page for page in pages if page.startswith(SHARE_PAGES)]
    return [page for page in pages if not page.startswith(SHARE_PAGES)] + shares[:1]


REFRESH = re.compile(r'<meta http-equiv="refresh" content="0; ?url=([^"]+)"', re.I)


def redirect_of(html: str) -> str | None:
    """Where a page sends the reader at once (a share page: to its answer), as written in the page."""
    found = REFRESH.search(html)
    return unescape(found[1]) if found else None


def article_of(html: str) -> str | None:
    """The content of a theme page, without the header, navigation and footer; None for another page."""
    start, end = html.find("<article"), html.find("</article>")
    return html[start:end] if start >= 0 and end > start else None


def section_of(entry_id: str, catalog: Catalog) -> str:
    """The site-relative location of an entry's section: 'customer/#guest-os-patching'."""
    return f"{PAGE_OF_RULE[catalog.responsibility(entry_id).rule]}/#{entry_id}"


@pytest.fixture(scope="session")
def snapshot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's sources as they were when the session started."""
    return copy_project(tmp_path_factory.mktemp("snapshot") / "project")


@pytest.fixture(scope="session")
def data_text(snapshot: Path) -> str:
    return (snapshot / DATA).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def catalog(data_text: str) -> Catalog:
    return parse_catalog(data_text, DATA)


@pytest.fixture(scope="session")
def site(snapshot: Path, tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real site, built once per session with --strict."""
    build = run_build(snapshot, tmp_path_factory.mktemp("site") / "site")
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="session")
def pages(site: Build) -> list[str]:
    """Every page the site has, read from the built site: what the browser checks visit."""
    found = built_pages(site.site)
    assert "" in found, "the built site has no home page"
    return found


@pytest.fixture(scope="session")
def audited_pages(pages: list[str]) -> list[str]:
    """What axe and Lighthouse audit: every page, and one of the share pages, which all come from one template."""
    return sampled_pages(pages)


@pytest.fixture
def build_project(tmp_path: Path, snapshot: Path) -> Callable[..., Build]:
    """Build a copy of the real project, with its data file, pages (under docs/), other files or mkdocs.yml changed."""

    def build(
        data: str | None = None,
        pages: dict[str, str] | None = None,
        config: Callable[[str], str] | None = None,
        files: dict[str, str] | None = None,
        site: str = "site",
    ) -> Build:
        project = tmp_path / "project"
        if not project.exists():
            copy_project(project, snapshot)
        if data is not None:
            (project / DATA).write_text(data, encoding="utf-8")
        for name, text in [*((f"docs/{n}", t) for n, t in (pages or {}).items()), *(files or {}).items()]:
            path = project / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        if config is not None:
            path = project / "mkdocs.yml"
            path.write_text(config(path.read_text(encoding="utf-8")), encoding="utf-8")
        return run_build(project, tmp_path / site)

    return build


def add_to_nav(title: str, page: str) -> Callable[[str], str]:
    """An edit of mkdocs.yml that lists `page` last in the nav."""

    def edit(config: str) -> str:
        nav = re.search(r"^nav:\n(?:  - .*\n)+", config, flags=re.M)
        assert nav, "mkdocs.yml has no nav list"
        return config[: nav.end()] + f"  - {title}: {page}\n" + config[nav.end() :]

    return edit


def site_prefix() -> str:
    """The path of the test builds' site_url, where a real host serves the site."""
    path = urlsplit(os.environ.get("SITE_URL") or TEST_SITE_URL).path or "/"
    return path if path.endswith("/") else path + "/"


@pytest.fixture(scope="session")
def base_url(site: Build) -> Iterator[str]:
    """The real site served over HTTP on 127.0.0.1, gzipped, under site_url's path."""
    with serve(site.site, site_prefix()) as url:
        yield url


# -- the tools outside Python: each skips its tests locally when missing, and fails them under CI=true --


@pytest.fixture(scope="session")
def chromium() -> str:
    """The path of the Chromium to drive."""
    return chromium_path()


def served_pages(site: Path, pages: list[str], base_url: str) -> list[Served]:
    """Each page as a browser meets it at `base_url`: where it is served and where the browser lands."""
    found = []
    for path in pages:
        url = base_url + path
        target = redirect_of((site / path / "index.html").read_text(encoding="utf-8"))
        found.append(Served(path, url, urljoin(url, target) if target else url))
    return found


@pytest.fixture(scope="session")
def served(site: Build, pages: list[str], base_url: str) -> list[Served]:
    """Every page, served: what the browser checks visit."""
    return served_pages(site.site, pages, base_url)


@pytest.fixture(scope="session")
def audited(site: Build, audited_pages: list[str], base_url: str) -> list[Served]:
    """The pages axe and Lighthouse audit, served."""
    return served_pages(site.site, audited_pages, base_url)


@pytest.fixture(scope="session")
def browser(chromium: str) -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core, the accessibility engine, to run inside a page (Node's npm installs it)."""
    return npm_file("axe-core/axe.min.js").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def vnu() -> list[str]:
    """The command that runs the Nu HTML Checker: Java and the jar of the vnu-jar npm package."""
    jar = npm_file("vnu-jar/build/dist/vnu.jar")
    return [executable("java"), "-jar", str(jar)]


@pytest.fixture(scope="session")
def lighthouse_bin() -> Path:
    """The Lighthouse command line (a Node program)."""
    executable("node")
    return npm_file(".bin/lighthouse")


# Fixtures that need a tool outside Python, and the markers a test that uses one must carry,
# so that `pytest -m "not browser and not audit"` (make check) runs without them.
NEEDS = {
    "chromium": ("browser",),
    "browser": ("browser",),
    "axe_source": ("audit",),
    "vnu": ("audit",),
    "lighthouse_bin": ("audit",),
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Refuse a test that uses Chromium, Node or Java without the marker that lets `make check` leave it out."""
    unmarked = [
        f"{item.nodeid} uses the fixture {fixture!r} but is not marked @pytest.mark.{marker}"
        for item in items
        for fixture, markers in NEEDS.items()
        if fixture in getattr(item, "fixturenames", ())
        for marker in markers
        if item.get_closest_marker(marker) is None
    ]
    if unmarked:
        raise pytest.UsageError("\n".join(unmarked))
