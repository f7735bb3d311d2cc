"""Spare the theme's search plugin the HTML of the pages it does not index.

The plugin indexes no page whose front matter says `search: exclude: true` (the
long generated pages: hooks/search_index.py indexes them from the data), but it
still runs one regular expression over the whole HTML of every page, to take out
`data-search-*="…"` attributes. On such a page without one the pass changes
nothing, and those pages are nearly all of the site's HTML (97% at 1,000
entries, where the plugin's turn took 1.56 s of the build, and 0.34 s with
this). So their HTML is set aside just before the plugin's turn and put back
right after it (`search_index.on_page_context`), before the page's template is
rendered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.plugins import event_priority

from srg.search import SET_ASIDE, set_aside

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page


@event_priority(100)  # before the theme's search plugin (priority 0)
def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    if set_aside(page.meta, page.content or ""):
        page.meta[SET_ASIDE], page.content = page.content, ""
    return context
