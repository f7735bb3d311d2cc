"""Fail the build if a responsibility or source placed on a page did not reach its HTML."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

from srg.mkdocs_glue import page_label, targets

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    anchors = {t.anchor for t in targets(config).values() if t.page == page.file.src_uri}
    missing = sorted(a for a in anchors if f'id="{a}"' not in html)
    if missing:
        raise PluginError(f"{page_label(page, config)}: rendered without the anchors {', '.join(missing)}")
    return html
