"""The footer's "see Sources and errata" is a link to that page, on every page and on the 404 page."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from mkdocs.utils import get_relative_url

from srg.footer_line import link_named_page
from srg.html import page_url
from srg.mkdocs_glue import as_plugin_error

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

SOURCES_PAGE = "sources.md"
SOURCES_NAME = "Sources and errata"


def _linked(html: str, config: MkDocsConfig, href: str, where: str) -> str:
    if not config.copyright:
        return html
    with as_plugin_error():
        return link_named_page(html, config.copyright, SOURCES_NAME, href, where)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return _linked(output, config, get_relative_url(page_url(SOURCES_PAGE), page.url), page.file.src_uri)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """The 404 page is served at any address: its link starts from the site's root path, as its others do."""
    if template_name != "404.html":
        return output_content
    root = urlsplit(config.site_url or "/").path
    root = root if root.endswith("/") else root + "/"
    return _linked(output_content, config, root + page_url(SOURCES_PAGE), template_name)
