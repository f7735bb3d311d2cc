"""Links hold and unfurl: recorded addresses keep working, every page has share meta, the 404 helps."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import Build, site_prefix

RECORD = Path(__file__).with_name("published_links.txt")


def published() -> list[str]:
    lines = RECORD.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and not line.startswith("#")]


def html_of(site: Build, address: str) -> str:
    path = address.split("#")[0].removeprefix("./")
    return site.page(f"{path}index.html")


@pytest.mark.parametrize("address", published())
def test_every_published_address_still_resolves(site: Build, address: str) -> None:
    html = html_of(site, address)
    if "#" in address:
        anchor = address.split("#")[1]
        assert f'id="{anchor}"' in html, f"{address} would break: keep it as an alias or add a redirect"


def test_every_responsibility_is_recorded(site: Build, data_text: str) -> None:
    ids = re.findall(r"^  - id: ([a-z0-9-]+)$", data_text.split("\nresponsibilities:")[1], flags=re.M)
    recorded = {address.split("#")[1] for address in published() if "#" in address}
    assert set(ids) <= recorded, "record new responsibilities in tests/published_links.txt"


def built_pages(site: Build) -> list[Path]:
    return sorted(p for p in site.site.rglob("*.html") if p.name in {"index.html", "404.html"})


def meta(html: str, attribute: str, name: str) -> str:
    match = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', html)
    assert match, f"no {name}"
    return match[1]


def test_every_page_unfurls_with_title_description_image(site: Build) -> None:
    pages = built_pages(site)
    assert len(pages) >= 9
    for path in pages:
        html = path.read_text(encoding="utf-8")
        title = meta(html, "property", "og:title")
        assert "Shared Responsibility Guide" in title
        assert 40 <= len(meta(html, "property", "og:description")) <= 300, path
        assert meta(html, "property", "og:image").endswith("/assets/social-card.png")
        assert meta(html, "name", "twitter:card") == "summary_large_image"
        assert meta(html, "name", "twitter:title") == title
        if path.name == "index.html":
            relative = path.parent.relative_to(site.site).as_posix()
            url = meta(html, "property", "og:url")
            assert url.endswith(site_prefix() + ("" if relative == "." else relative + "/")), url
            assert f'<link rel="canonical" href="{url}">' in html


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
    assert '<a href="https://srguide.github.io/shared-responsibility-guide/">' in html
