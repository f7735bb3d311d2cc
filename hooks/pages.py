"""Run every page through the one pipeline (srg.pipeline), then check what it rendered."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urljoin

from srg.mkdocs_glue import as_plugin_error, page_label, site

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

from srg.pipeline import check_page_html, render_page


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    with as_plugin_error():
        return render_page(markdown, page.file.src_uri, site(config), page_label(page, config))


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    with as_plugin_error():
        check_page_html(html, page.file.src_uri, site(config), page_label(page, config))
    return html


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    """A share page's canonical address is its answer's section, so a link preview leads there."""
    answer = page.meta.get("srg_answer")
    if answer:
        location = site(config).section_location(answer)
        page.canonical_url = urljoin(config.site_url or "/", location)
        page.meta["srg_redirect"] = site(config).section_location(answer)
    return context
