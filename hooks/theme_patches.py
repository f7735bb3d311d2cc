"""Apply the fixes of srg.theme_markup to every page, the 404 page included."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

from srg.theme_markup import ThemeMarkupChanged, fix_theme_markup

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page


def _fixed(html: str, where: str) -> str:
    try:
        return fix_theme_markup(html)
    except ThemeMarkupChanged as error:
        raise PluginError(f"{where}: {error}") from None


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return _fixed(output, page.file.src_uri)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    return _fixed(output_content, template_name) if template_name == "404.html" else output_content
