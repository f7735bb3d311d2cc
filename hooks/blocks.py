"""Replace each `<!-- srg:… -->` marker with the block it names."""

from __future__ import annotations

from typing import TYPE_CHECKING

from srg.markers import expand_markers
from srg.mkdocs_glue import as_plugin_error, catalog, page_label

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    with as_plugin_error():
        return expand_markers(markdown, catalog(config), page_label(page, config))
