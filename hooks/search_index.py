"""Write the search index of the generated pages from the data (srg.search); the theme indexes the rest."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.plugins import event_priority

from srg.mkdocs_glue import as_plugin_error, page_label, site
from srg.search import WholePage, shape_index
from srg.theme_search import put_back

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

GLOSSARY_PAGE = "glossary/"
# Pages left out of the theme's index (`search: exclude: true`): each comes back
# as one result, its title and description, with its answers or terms under it.
_WHOLE_PAGES = "srg_whole_pages"


@event_priority(-100)  # after the theme's search plugin (priority 0)
def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    if page.content is not None:
        with as_plugin_error():  # what hooks/search_skip.py set aside
            page.content = put_back(page.meta, page.content, page_label(page, config))
    search = page.meta.get("search") or {}
    if search.get("exclude") and page.meta.get("description"):
        pages = config.extra.setdefault(_WHOLE_PAGES, {})
        pages[page.url] = WholePage(page.url, page.title, page.meta["description"])
    return context


def on_post_build(config: MkDocsConfig) -> None:
    path = Path(config.site_dir) / "search" / "search_index.json"
    built = site(config)
    index = json.loads(path.read_text(encoding="utf-8"))
    whole_pages = list(config.extra.pop(_WHOLE_PAGES, {}).values())
    with as_plugin_error():
        shape_index(index, built.catalog, built.section_locations(), whole_pages, GLOSSARY_PAGE)
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
