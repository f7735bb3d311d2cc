"""Crawl the served site from its home page: every internal link, asset and anchor resolves, every page is reached."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.error import HTTPError
from urllib.parse import urldefrag, urljoin, urlsplit
from urllib.request import urlopen

from conftest import Build

LINKING = {"a": "href", "link": "href", "script": "src", "img": "src", "form": "action", "source": "src"}


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if found.get(name):
                self.ids.add(found[name] or "")
        if tag in LINKING and found.get(LINKING[tag]):
            self.links.append(found[LINKING[tag]] or "")


def fetch(url: str) -> tuple[int, str, str]:
    try:
        with urlopen(url, timeout=10) as response:
            kind = response.headers.get("Content-Type", "")
            body = response.read().decode("utf-8", "replace") if kind.startswith("text/html") else ""
            return response.status, kind, body
    except HTTPError as error:
        return error.code, "", ""


def test_every_internal_link_and_anchor_resolves(site: Build, base_url: str) -> None:
    origin = urlsplit(base_url).netloc
    pages: dict[str, Page] = {}
    statuses: dict[str, int] = {}
    wanted: list[tuple[str, str, str]] = []  # (from page, target page, fragment)
    queue = [base_url]
    while queue:
        url = queue.pop()
        if url in statuses:
            continue
        status, kind, body = fetch(url)
        statuses[url] = status
        if status != 200 or not kind.startswith("text/html"):
            continue
        page = Page()
        page.feed(body)
        pages[url] = page
        for link in page.links:
            target, fragment = urldefrag(urljoin(url, link))
            parts = urlsplit(target)
            if parts.scheme not in {"http", "https"} or parts.netloc != origin:
                continue
            target = parts._replace(query="").geturl()
            if fragment:
                wanted.append((url, target, fragment))
            queue.append(target)
    broken = sorted(url for url, status in statuses.items() if status != 200)
    assert broken == []
    missing = sorted(
        f"{source} -> {target}#{fragment}" for source, target, fragment in wanted if fragment not in pages[target].ids
    )
    assert missing == []
    built = {p.relative_to(site.site).as_posix().removesuffix("index.html") for p in site.site.rglob("index.html")}
    reached = {url.removeprefix(base_url) for url in pages}
    assert built <= reached, f"pages no link reaches: {sorted(built - reached)}"
    assert len(wanted) > 300
