"""Crawl the served site from its home page: every internal link, asset and anchor resolves, every page is reached.

Besides links and assets, the crawl follows the addresses the site hands out in other ways: the share
address each Copy link button copies, and where a page redirects at once (a share page, to its answer).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.error import HTTPError
from urllib.parse import urldefrag, urljoin, urlsplit
from urllib.request import urlopen

from conftest import Build, section_of
from srg.model import Catalog

LINKING = {"a": "href", "link": "href", "script": "src", "img": "src", "form": "action", "source": "src"}
REFRESH = re.compile(r"0;\s*url=(.+)", re.I)


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
        if tag == "button" and found.get("data-srg-share"):
            self.links.append(found["data-srg-share"] or "")
        if tag == "meta" and (found.get("http-equiv") or "").lower() == "refresh":
            target = REFRESH.match(found.get("content") or "")
            assert target, f"a refresh that goes nowhere: {found}"
            self.links.append(target[1])


def fetch(url: str) -> tuple[int, str, str]:
    try:
        with urlopen(url, timeout=10) as response:
            kind = response.headers.get("Content-Type", "")
            body = response.read().decode("utf-8", "replace") if kind.startswith("text/html") else ""
            return response.status, kind, body
    except HTTPError as error:
        return error.code, "", ""


def test_every_internal_link_and_anchor_resolves(
    site: Build, base_url: str, pages: list[str], catalog: Catalog
) -> None:
    origin = urlsplit(base_url).netloc
    crawled: dict[str, Page] = {}
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
        crawled[url] = page
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
        f"{source} -> {target}#{fragment}" for source, target, fragment in wanted if fragment not in crawled[target].ids
    )
    assert missing == []
    reached = {url.removeprefix(base_url) for url in crawled}
    assert sorted(set(pages) - reached) == [], "pages no link reaches"
    linked = {f"{target.removeprefix(base_url)}#{fragment}" for _, target, fragment in wanted}
    unlinked = [r.id for r in catalog.responsibilities if section_of(r.id, catalog) not in linked]
    assert unlinked == [], "answers no page links to"
