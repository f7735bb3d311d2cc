"""Turn `[[id]]` references into links to wherever the responsibility is rendered."""

from __future__ import annotations

from typing import TYPE_CHECKING

from srg.markers import resolve_refs
from srg.mkdocs_glue import as_plugin_error, page_label, targets

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    with as_plugin_error():
        return resolve_refs(markdown, page.file.src_uri, targets(config), page_label(page, config))
