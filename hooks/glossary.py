"""Make every glossary term a tooltip on every page, its first use focusable; fail on undefined all-caps terms."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

from srg.mkdocs_glue import catalog, page_label
from srg.terms import focusable_first_uses, undefined_terms
from srg.views import abbreviations

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return f"{markdown}\n\n{abbreviations(catalog(config))}\n"


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    data = catalog(config)
    missing = undefined_terms(html, data.glossary)
    if missing:
        terms = ", ".join(f"{term} ({count}x)" for term, count in sorted(missing.items()))
        raise PluginError(
            f"{page_label(page, config)}: uses all-caps terms the glossary does not define: {terms}. "
            f"Define each under 'glossary' in {data.path}."
        )
    return focusable_first_uses(html)
