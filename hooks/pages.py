"""Run every page through the one pipeline (srg.pipeline), then check what it rendered."""

from __future__ import annotations

from typing import TYPE_CHECKING

from srg.mkdocs_glue import as_plugin_error, helper, page_label, page_markdown, site

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

from srg.pipeline import anchor_ids, finish_page, render_page, stash_html

# The finished HTML blocks of each page, between its Markdown and its HTML.
_STASH = "srg_html_blocks"


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    src, made_by = page.file.src_uri, helper(config)
    source, above = page_markdown(site(config).pages[src])
    with as_plugin_error():
        if src in made_by and markdown == source:  # what the helper rendered
            markdown = made_by.result(src)
        else:
            above = above if markdown == source else 0  # a plugin changed it: its lines are not the file's
            markdown = render_page(markdown, src, site(config), page_label(page, config), above)
    markdown, page.meta[_STASH] = stash_html(markdown)
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    label = page_label(page, config)
    with as_plugin_error():
        html = finish_page(html, page.meta.pop(_STASH, []), page.file.src_uri, site(config), label)
    # MkDocs found the anchors of what Markdown rendered; add those of the generated blocks,
    # so its strict anchor validation covers links to them too.
    page.present_anchor_ids = (page.present_anchor_ids or set()) | anchor_ids(html)
    return html
