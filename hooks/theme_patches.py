"""The theme: its templates compiled once and kept, and the fixes of srg.theme_markup on every page, 404 included.

MkDocs compiles every theme template on every build (about 0.3 s here, as
much as the whole build of an empty site spends on anything else): the
theme's environment gets the same bytecode cache as the guide's own
templates, so a rebuild, under `mkdocs serve` too, loads them compiled.

The theme's search plugin scans every page for its attributes with a pattern
the regex engine tries at every character: it gets a fast path with the same
result (srg/theme_search.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from material.plugins.search import plugin as theme_search_plugin
from mkdocs.exceptions import PluginError

from srg.html import bytecode_cache
from srg.theme_markup import ThemeMarkupChanged, fix_theme_markup
from srg.theme_search import ThemeSearchRe

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page


def on_startup(command: str, dirty: bool) -> None:
    theme_search_plugin.re = ThemeSearchRe()  # type: ignore[assignment]


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    if env.bytecode_cache is None:
        env.bytecode_cache = bytecode_cache("theme-templates")
    return env


def _fixed(html: str, where: str) -> str:
    try:
        return fix_theme_markup(html)
    except ThemeMarkupChanged as error:
        raise PluginError(f"{where}: {error}") from None


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return _fixed(output, page.file.src_uri)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    return _fixed(output_content, template_name) if template_name == "404.html" else output_content
