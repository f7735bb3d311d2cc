"""Shared fixtures: the real data file, fixture projects and built sites."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest
import yaml

from browser import CHROMIUM_FLAGS, chromium_path
from serve import serve

if TYPE_CHECKING:
    from playwright.sync_api import Browser

ROOT = Path(__file__).resolve().parent.parent
DATA_FILE = ROOT / "docs" / "data" / "responsibilities.yml"


@dataclass
class Build:
    """The outcome of one `mkdocs build --strict` of a project."""

    returncode: int
    output: str
    site: Path

    def page(self, path: str) -> str:
        return (self.site / path).read_text(encoding="utf-8")


def run_build(project: Path, site: Path) -> Build:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    return Build(result.returncode, result.stdout + result.stderr, site)


def copy_project(target: Path) -> Path:
    """A copy of the real site's sources in `target`, to edit and build."""
    shutil.copy2(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", target / "docs")
    shutil.copytree(ROOT / "hooks", target / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "overrides", target / "overrides")
    return target


@pytest.fixture(scope="session")
def data_text() -> str:
    return DATA_FILE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real site, built once with --strict."""
    build = run_build(ROOT, tmp_path_factory.mktemp("site") / "site")
    assert build.returncode == 0, build.output
    return build


@pytest.fixture
def build_project(tmp_path: Path) -> Callable[..., Build]:
    """Build a copy of the real project, with its data file or pages replaced."""

    def build(data: str | None = None, pages: dict[str, str] | None = None) -> Build:
        project = copy_project(tmp_path / "project")
        if data is not None:
            (project / "docs" / "data" / "responsibilities.yml").write_text(data, encoding="utf-8")
        for name, text in (pages or {}).items():
            (project / "docs" / name).write_text(text, encoding="utf-8")
        return run_build(project, tmp_path / "site")

    (tmp_path / "project").mkdir()
    return build


def site_prefix() -> str:
    """The path of site_url, where a real host serves the site ('/' when it has none)."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_EnvLoader)
    path = urlsplit(config["site_url"]).path or "/"
    return path if path.endswith("/") else path + "/"


class _EnvLoader(yaml.SafeLoader):
    """Reads mkdocs.yml's `!ENV [NAME, default]` as its default."""


_EnvLoader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])


@pytest.fixture(scope="session")
def base_url(site: Build) -> Iterator[str]:
    """The real site served over HTTP on 127.0.0.1, gzipped, under site_url's path."""
    with serve(site.site, site_prefix()) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()
