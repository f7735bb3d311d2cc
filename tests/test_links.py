"""Links hold and unfurl: recorded addresses keep working, every page has share meta, the 404 helps."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from html import unescape
from pathlib import Path
from urllib.parse import urljoin

import pytest
from record_links import RECORD, missing, record_new, recorded

from conftest import DATA, Build, built_pages, redirect_of, site_prefix
from srg.model import Catalog
from srg.service_pages import PREVIEW_LENGTH, owners_sentence
from test_build import with_new_entry


def published() -> list[str]:
    return recorded()


def html_of(site: Build, address: str) -> str | None:
    path = site.site / address.split("#")[0].removeprefix("./").removeprefix("/") / "index.html"
    return path.read_text(encoding="utf-8") if path.is_file() else None


@pytest.mark.parametrize("address", published())
def test_every_published_address_still_resolves(site: Build, address: str) -> None:
    html = html_of(site, address)
    assert html is not None, f"{address} would break: the page is gone; add a redirect"
    if "#" in address:
        anchor = address.split("#")[1]
        assert f'id="{anchor}"' in html, f"{address} would break: keep it as an alias or add a redirect"
    redirect = redirect_of(html)
    if redirect:  # a page that sends the reader on (a share page) sends them somewhere that exists
        here = "http://site/" + address.split("#")[0].removeprefix("./")
        target = urljoin(here, redirect).removeprefix("http://site/")
        landing = html_of(site, target)
        assert landing is not None, f"{address} redirects to a missing page {target}"
        if "#" in target:
            assert f'id="{target.split("#")[1]}"' in landing, f"{address} redirects to a missing anchor {target}"


def test_every_page_and_responsibility_is_recorded(site: Build) -> None:
    assert missing(site.site) == [], "new addresses: run `make links` to record them in tests/published_links.txt"


def test_recording_adds_a_new_entrys_addresses_once_and_keeps_every_line(
    build_project: Callable[..., Build], data_text: str, tmp_path: Path
) -> None:
    build = build_project(data=with_new_entry(data_text))
    assert build.returncode == 0, build.output
    record = tmp_path / "published_links.txt"
    record.write_text(RECORD.read_text(encoding="utf-8"), encoding="utf-8")
    new_data = tmp_path / "project" / DATA
    added = record_new(build.site, record, new_data, datetime.date(2026, 12, 7))
    assert added == ["a/backup-and-recovery-test/", "customer/#backup-and-recovery-test"]
    lines = record.read_text(encoding="utf-8").splitlines()
    assert lines == [*RECORD.read_text(encoding="utf-8").splitlines(), "# Recorded on 2026-12-07:", *added]
    assert record_new(build.site, record, new_data) == []


def meta(html: str, attribute: str, name: str) -> str:
    match = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', html)
    assert match, f"no {name}"
    return match[1]


def test_every_page_unfurls_with_title_description_image(site: Build, catalog: Catalog) -> None:
    too_long = {}
    for path in [*built_pages(site.site), "404.html"]:
        html = site.page(path if path.endswith(".html") else f"{path}index.html")
        title = meta(html, "property", "og:title")
        assert meta(html, "property", "og:site_name") == "Shared Responsibility Guide", path
        if not path.startswith("a/"):  # a share page's title is its question alone
            assert "Shared Responsibility Guide" in title, path
        description = unescape(meta(html, "property", "og:description"))
        assert len(description) >= 40, path
        if len(description) > 300:  # what link previews show before they cut the text
            too_long[path] = len(description)
        assert meta(html, "property", "og:image").endswith("/assets/social-card.png")
        assert meta(html, "name", "twitter:card") == "summary_large_image"
        assert meta(html, "name", "twitter:title") == title
        if path.endswith(".html"):
            continue
        url = meta(html, "property", "og:url")
        if path.startswith("a/"):  # a share page previews as its answer and leads to the answer's section
            entry = catalog.responsibility(path.split("/")[1])
            assert url.endswith(site_prefix() + f"{entry.rule}/#{entry.id}"), url
        else:
            assert url.endswith(site_prefix() + path), url
        assert f'<link rel="canonical" href="{url}">' in html
    assert too_long == {}, "descriptions over 300 characters"


def test_every_share_page_previews_its_answer(site: Build, catalog: Catalog) -> None:
    for entry in catalog.responsibilities:
        html = site.page(f"a/{entry.id}/index.html")
        description = unescape(meta(html, "property", "og:description"))
        # The answer, whole (one sentence of at most 30 words says who does it), then the day it was checked;
        # the page itself says who holds it on which service.
        checked = f" Checked against AWS documentation on {entry.checked.day} {entry.checked:%B %Y}."
        assert description == entry.summary + checked, entry.id
        assert len(description) <= PREVIEW_LENGTH, entry.id
        assert meta(html, "name", "twitter:description") == meta(html, "property", "og:description")
        assert meta(html, "property", "article:modified_time") == entry.checked.isoformat()
        assert f'<time datetime="{entry.checked.isoformat()}">' in html, entry.id
        assert f'<p class="owners">{owners_sentence(catalog, entry)}</p>' in unescape(html), entry.id
        assert f"<h1>{entry.title}: who is responsible?</h1>" in unescape(html), entry.id
        assert f'href="../../{entry.rule}/#{entry.id}"' in html


def test_social_card_is_a_committed_1200x630_png(site: Build) -> None:
    data = (site.site / "assets" / "social-card.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1200, 630)


def test_site_url_can_be_overridden_for_another_host(build_project, monkeypatch) -> None:
    monkeypatch.setenv("SITE_URL", "https://docs.example.test/srg/")
    build = build_project()
    assert build.returncode == 0, build.output
    html = build.page("customer/index.html")
    assert '<link rel="canonical" href="https://docs.example.test/srg/customer/">' in html
    assert meta(html, "property", "og:url") == "https://docs.example.test/srg/customer/"


def test_404_page_offers_search_and_a_way_home(site: Build) -> None:
    html = site.page("404.html")
    assert "Page not found" in html
    assert re.search(
        r'<form class="srg-404-search" action="[^"]+" method="get" role="search" aria-label="[^"]+">', html
    )
    assert 'name="q"' in html
    assert f'<a href="{site_prefix()}">' in html


def test_without_an_address_the_build_claims_none(build_project, monkeypatch) -> None:
    """A fork built with neither SITE_URL nor REPO_URL names no address it does not know."""
    monkeypatch.setenv("SITE_URL", "")
    monkeypatch.delenv("REPO_URL", raising=False)
    build = build_project()
    assert build.returncode == 0, build.output
    for path in ["404.html", *(f"{page}index.html" for page in built_pages(build.site))]:
        html = build.page(path)
        assert not re.search(r'="[^"]*None', html), path
        assert "srguide" not in html, path
        assert 'rel="canonical"' not in html, path
        assert 'property="og:url"' not in html, path
        assert 'property="og:image"' not in html, path
        assert "md-social__link" not in html, path
    assert meta(build.page("customer/index.html"), "property", "og:title")


def test_the_repository_link_comes_from_repo_url(build_project, monkeypatch) -> None:
    monkeypatch.setenv("REPO_URL", "https://github.com/example-team/guide")
    build = build_project()
    assert build.returncode == 0, build.output
    html = build.page("index.html")
    assert re.search(r'<a href="https://github.com/example-team/guide"[^>]*class="md-social__link"', html)
