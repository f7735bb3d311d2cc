"""What every built page carries around its content: a footer that links the sources, its own address for
print, and contents that list answers only."""

from __future__ import annotations

import re
from html import unescape
from posixpath import normpath

import pytest

from conftest import TEST_SITE_URL, Build, article_of, built_pages, redirect_of
from srg.errors import PipelineError
from srg.footer_line import link_named_page

FOOTER_LINK = re.compile(r'see <a href="([^"]+)">Sources and errata</a>\.')


def footer_of(html: str) -> str:
    return html[html.index("<footer") :]


def contents_of(html: str) -> str:
    """The table of contents: the theme's second sidebar, up to the content."""
    return html[html.index('data-md-type="toc"') : html.index('data-md-component="content"')]


def theme_pages(site: Build) -> list[str]:
    """Every page drawn by the theme (not the share pages, which only redirect)."""
    return [path for path in built_pages(site.site) if redirect_of(site.page(path + "index.html")) is None]


def test_every_pages_footer_links_sources_and_errata(site: Build) -> None:
    pages = theme_pages(site)
    assert len(pages) > 10
    for path in pages:
        found = FOOTER_LINK.findall(footer_of(site.page(path + "index.html")))
        assert len(found) == 1, path
        target = normpath(path + found[0]) + "/"
        assert target == "sources/", (path, found[0])


def test_the_404_pages_footer_links_sources_from_the_sites_root(site: Build) -> None:
    assert FOOTER_LINK.findall(footer_of(site.page("404.html"))) == ["/shared-responsibility-guide/sources/"]


def test_a_copyright_that_no_longer_names_the_page_fails_with_the_place_to_fix() -> None:
    with pytest.raises(PipelineError, match=r"mkdocs.yml: copyright must name 'Sources and errata'"):
        link_named_page("<p>All rights.</p>", "All rights.", "Sources and errata", "sources/", "index.md")
    with pytest.raises(PipelineError, match=r"index.md: expected the footer's line"):
        link_named_page("<p>nothing</p>", "See Sources and errata.", "Sources and errata", "sources/", "index.md")


def test_the_footer_link_is_escaped_like_any_other_attribute() -> None:
    html = link_named_page('<p>read "Notes".</p>', 'read "Notes".', "Notes", 'a"b/', "x.md")
    assert html == '<p>read "<a href="a&#34;b/">Notes</a>".</p>'


def test_every_page_names_its_own_address_for_print(site: Build) -> None:
    for path in theme_pages(site):
        article = article_of(site.page(path + "index.html"))
        assert article is not None, path
        address = TEST_SITE_URL + path
        line = f'<p class="srg-print-address">This page: <a href="{address}">{address}</a></p>'
        assert line in article, path


def test_no_table_of_contents_lists_a_pointer_to_a_moved_answer(site: Build) -> None:
    """The pointers left at old anchors sit under 'Moved to another page': in the page, never in its contents."""
    pages = theme_pages(site)
    with_pointers = [path for path in pages if 'class="srg-moved-title"' in site.page(path + "index.html")]
    assert with_pointers, "no page leaves a pointer: this test no longer reads one"
    for path in pages:
        contents = contents_of(site.page(path + "index.html"))
        if path in with_pointers:
            assert 'class="md-nav__link"' in contents, f"{path}: these are not its contents"
        assert "Moved to another page" not in unescape(contents), path
        assert 'href="#moved"' not in contents, path
