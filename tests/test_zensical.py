"""The same site built by Zensical, the way out of Material for MkDocs's end of life (make zensical).

Zensical runs no hooks: it builds the Markdown srg.export_markdown writes, as
srg.zensical_build stages it, with a configuration made from mkdocs.yml. Beside
the MkDocs build of the same sources (the session's `site`), it must have every
page, every answer's section on the same page, every share page leading to an
address it has, every link resolving, and the same owner for each answer on
each service, read from both sites' HTML in the same way.

Zensical is in requirements.lock: a build without it skips these tests locally
and fails them under CI=true.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from collections.abc import Callable
from html import unescape
from pathlib import Path
from urllib.parse import urldefrag, urljoin

import pytest
import yaml
from helpers import tree
from tools import missing

from conftest import TEST_SITE_URL, Build, built_pages, redirect_of
from srg.export_markdown import export
from srg.html import page_url
from srg.model import Catalog
from srg.zensical_build import (
    SITE_DIR,
    ZensicalConfigError,
    links_from_source,
    prepare,
    zensical_config,
)

SITE_URL = {"SITE_URL": TEST_SITE_URL, **os.environ}["SITE_URL"]
ID = re.compile(r'\sid="([^"]+)"')
HREF = re.compile(r'<a\s[^>]*?\bhref="([^"]*)"')
Owners = dict[tuple[str, str], str]


# -- the configuration and the staged links, without Zensical ---------------------------------


def test_the_config_leaves_out_hooks_and_watch_and_keeps_env_values(tmp_path: Path) -> None:
    mkdocs_yml = (
        "site_name: Guide\nsite_url: !ENV SITE_URL\nextra:\n  repo: !ENV [REPO_URL, none]\n"
        "theme:\n  name: material\n  custom_dir: overrides\nhooks:\n  - hooks/data.py\nwatch:\n  - docs/data.yml\n"
    )
    build = tmp_path / "build"
    text = zensical_config(mkdocs_yml, tmp_path, build / "zensical.yml", build / "docs", build / "site")
    assert "!ENV 'SITE_URL'" in text
    assert "!ENV\n  - REPO_URL\n  - none" in text
    config = yaml.load(text, Loader=_EnvAsText)
    assert "hooks" not in config
    assert "watch" not in config
    assert config["docs_dir"] == "docs"
    assert config["site_dir"] == "site"
    assert config["theme"] == {"name": "material", "custom_dir": "../overrides", "variant": "classic"}


def test_the_config_refuses_folders_zensical_would_not_build(tmp_path: Path) -> None:
    with pytest.raises(ZensicalConfigError, match=r"docs_dir .* must be inside"):
        zensical_config("site_name: G\n", tmp_path, tmp_path / "b" / "z.yml", tmp_path / "docs", tmp_path / "b" / "s")


@pytest.mark.parametrize(
    ("page", "address"),
    [("index.md", ""), ("aws.md", "aws/"), ("services/ec2.md", "services/ec2/"), ("services/index.md", "services/")],
)
def test_page_address(page: str, address: str) -> None:
    assert page_url(page) == address


@pytest.mark.parametrize(
    ("page", "written", "staged"),
    [
        ("services.md", "s3/", "services/s3.md"),
        ("services/ec2.md", "../../customer/#guest-os-patching", "../customer.md#guest-os-patching"),
        ("services/ec2.md", "../lambda/", "lambda.md"),
        ("customer.md", "../", "index.md"),
        ("customer.md", "../a/guest-os-patching/", "a/guest-os-patching/"),
        ("services/ec2.md", "../../data/responsibilities.csv", "../data/responsibilities.csv"),
        ("index.md", "customer/#guest-os-patching", "customer.md#guest-os-patching"),
        ("customer.md", "#guest-os-patching", "#guest-os-patching"),
        ("customer.md", "https://docs.aws.amazon.com/x/", "https://docs.aws.amazon.com/x/"),
        ("customer.md", "/elsewhere/", "/elsewhere/"),
    ],
)
def test_a_link_written_from_the_address_is_staged_from_the_source_file(page: str, written: str, staged: str) -> None:
    pages = {"index.md", "customer.md", "services.md", "services/ec2.md", "services/lambda.md", "services/s3.md"}
    assert links_from_source(f'<a href="{written}">x</a>', page, pages) == f'<a href="{staged}">x</a>'


# -- the site Zensical builds, beside the MkDocs build ----------------------------------------


@pytest.fixture(scope="module")
def zensical_site(snapshot: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site as Zensical builds it (--strict) from the exported Markdown of the session's sources."""
    if importlib.util.find_spec("zensical") is None:
        missing("Zensical", "install requirements.lock (make does)")
    work = tmp_path_factory.mktemp("zensical")
    export(snapshot / "docs", work / "markdown", SITE_URL)
    config = prepare(snapshot / "mkdocs.yml", work / "markdown", work)
    result = subprocess.run(
        [sys.executable, "-m", "zensical", "build", "--clean", "--strict", "-f", str(config)],
        cwd=work,
        env={**os.environ, "SITE_URL": SITE_URL},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return work / SITE_DIR


@pytest.mark.zensical
def test_every_page_of_the_mkdocs_build_is_built(zensical_site: Path, site: Build, catalog: Catalog) -> None:
    assert built_pages(zensical_site) == built_pages(site.site)
    for service in catalog.services:
        page = zensical_site / "services" / service.id / "index.html"
        assert page.is_file(), f"no page for {service.id}"
        assert f'id="{service.id}-' in page.read_text(encoding="utf-8"), f"{page} has no row of {service.id}"


@pytest.mark.zensical
def test_every_section_is_on_the_page_where_mkdocs_has_it(zensical_site: Path, site: Build, catalog: Catalog) -> None:
    entries = {entry.id for entry in catalog.responsibilities}
    in_mkdocs = pages_with_ids(site.site, entries)
    assert set(in_mkdocs) == entries, f"the MkDocs build has no section for {sorted(entries - set(in_mkdocs))}"
    assert pages_with_ids(zensical_site, entries) == in_mkdocs


@pytest.mark.zensical
def test_every_share_page_leads_to_a_section_of_the_zensical_site(zensical_site: Path, site: Build) -> None:
    shares = sorted(p.parent.name for p in (zensical_site / "a").glob("*/index.html"))
    assert shares == sorted(p.parent.name for p in (site.site / "a").glob("*/index.html"))
    assert shares, "the site has no share page"
    for share in shares:
        target = redirect_of((zensical_site / "a" / share / "index.html").read_text(encoding="utf-8"))
        assert target, f"a/{share}/ leads nowhere"
        assert resolves(zensical_site, urljoin(f"{SITE_URL}a/{share}/", target)), f"a/{share}/ leads to {target}"


@pytest.mark.zensical
def test_every_link_of_the_zensical_site_resolves(zensical_site: Path) -> None:
    broken = [
        f"{page or '/'}: {href}"
        for page in built_pages(zensical_site)
        for href in HREF.findall((zensical_site / page / "index.html").read_text(encoding="utf-8"))
        if not resolves(zensical_site, urljoin(SITE_URL + page, unescape(href)))
    ]
    assert not broken, f"{len(broken)} links lead nowhere in the Zensical site: {broken[:5]}"


@pytest.mark.zensical
@pytest.mark.parametrize(
    "read_owners",
    [lambda site: owners_in_matrix(site), lambda site: owners_on_service_pages(site)],
    ids=["matrix", "service pages"],
)
def test_each_answer_has_the_same_owner_on_each_service(
    zensical_site: Path, site: Build, catalog: Catalog, read_owners: Callable[[Path], Owners]
) -> None:
    in_mkdocs = read_owners(site.site)
    assert in_mkdocs, "no owner found in the MkDocs build"
    assert {entry for entry, _ in in_mkdocs} == {entry.id for entry in catalog.responsibilities}
    in_zensical = read_owners(zensical_site)
    pairs = in_mkdocs.keys() | in_zensical.keys()
    differ = sorted(pair for pair in pairs if in_mkdocs.get(pair) != in_zensical.get(pair))
    assert not differ, f"owners differ for {differ[:5]}"


# -- reading a built site ---------------------------------------------------------------------


def pages_with_ids(site: Path, ids: set[str]) -> dict[str, list[str]]:
    """For each of `ids` found, the pages of the site that have an element with it."""
    found: dict[str, list[str]] = {}
    for page in built_pages(site):
        for anchor in sorted(ids & set(ID.findall((site / page / "index.html").read_text(encoding="utf-8")))):
            found.setdefault(anchor, []).append(page)
    return found


def resolves(site: Path, url: str) -> bool:
    """Whether a link, as a browser resolves it, leads to a file of the site and, with a fragment, to its anchor."""
    if not url.startswith(SITE_URL):
        return not url.startswith(urljoin(SITE_URL, "/"))
    address, fragment = urldefrag(url.removeprefix(SITE_URL))
    path = site / address / "index.html" if address.endswith("/") or not address else site / address
    if not path.is_file():
        return False
    return not fragment or f'id="{fragment}"' in path.read_text(encoding="utf-8")


def owners_in_matrix(site: Path) -> Owners:
    """The owner of each (answer, service) in the service matrix: its cells' data-owner."""
    matrix = tree((site / "matrix" / "index.html").read_text(encoding="utf-8"))
    return {
        (row.attrs["data-entry"], service): cell.attrs["data-owner"]
        for row in matrix.find_all("tr")
        if "data-entry" in row.attrs
        for cell in row.find_all("td")
        for service in cell.attrs["data-service"].split()
    }


def owners_on_service_pages(site: Path) -> Owners:
    """The owner of each (answer, service) on the service's page: the badge in the answer's row."""
    owners = {}
    for page in sorted((site / "services").glob("*/index.html")):
        service = page.parent.name
        for row in tree(page.read_text(encoding="utf-8")).find_all("tr"):
            if row.attrs.get("id", "").startswith(f"{service}-"):
                badge = next(c for c in row.find_all("span") if "srg-owner" in c.attrs.get("class", "").split())
                owner = next(c for c in badge.attrs["class"].split() if c.startswith("srg-owner--"))
                owners[row.attrs["id"].removeprefix(f"{service}-"), service] = owner.removeprefix("srg-owner--")
    return owners


class _EnvAsText(yaml.SafeLoader):
    """Reads `!ENV X` as 'ENV:X', to look at a generated configuration."""


_EnvAsText.add_constructor("!ENV", lambda loader, node: f"ENV:{node.value}")
