"""The theme, through its public surface: its templates kept compiled, and srg.theme_markup's fixes on every page.

MkDocs makes a new Jinja environment for the theme on every build and
compiles every template it renders with it (about 0.3 s of each build and
rebuild, the empty site's too). The `env` event is MkDocs's own place to
change that environment: it gets Jinja's bytecode cache, which keeps each
template compiled in the system's temporary folder (never in a folder that
`mkdocs serve` watches) and compiles it again when its source changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

from srg.html import bytecode_cache
from srg.theme_markup import ThemeMarkupChanged, fix_theme_markup

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.bytecode_cache = bytecode_cache()
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
