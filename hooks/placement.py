"""Find which page renders each responsibility and source, before any page is rendered."""

from __future__ import annotations

from typing import TYPE_CHECKING

from srg.markers import placements
from srg.mkdocs_glue import PAGE_URLS_KEY, TARGETS_KEY, as_plugin_error, catalog

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files


def on_files(files: Files, config: MkDocsConfig) -> Files:
    pages = {f.src_uri: f.content_string for f in files.documentation_pages()}
    config.extra[PAGE_URLS_KEY] = {f.src_uri: f.url for f in files.documentation_pages()}
    with as_plugin_error():
        config.extra[TARGETS_KEY] = placements(pages, catalog(config))
    return files
