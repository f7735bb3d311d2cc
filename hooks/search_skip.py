"""Spare the theme's search plugin the HTML it would read only to drop (srg.theme_search).

The plugin reads every page it indexes with Python's HTMLParser and runs one
regular expression over the HTML of every page, indexed or not. The pages it
does not index (`search: exclude: true`: hooks/search_index.py indexes them from
the data) are 97% of the site's HTML at 1,000 entries; on the pages it indexes,
the sources' list and the home page's model picture are marked
`data-search-exclude`, and most of their HTML. So that HTML is set aside just
before the plugin's turn and put back right after it (hooks/search_index.py),
before the page's template is rendered: the plugin writes the same index and
the page keeps every byte.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.plugins import event_priority

from srg.theme_search import spare

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page


@event_priority(100)  # before the theme's search plugin (priority 0)
def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    if page.content:
        page.content = spare(page.meta, page.content)
    return context
