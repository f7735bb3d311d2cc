"""The theme: its templates compiled once and kept, and the fixes of srg.theme_markup on every page, 404 included.

MkDocs compiles every theme template on every build (about 0.3 s here, as
much as the whole build of an empty site spends on anything else): the
theme's environments get the same bytecode cache as the guide's own
templates, so a rebuild, under `mkdocs serve` too, loads them compiled. That
includes the two the theme's search plugin makes to read its language
template, 10 to 15 ms a build.

The theme's search plugin scans every page for its attributes with a pattern
the regex engine tries at every character: it gets a fast path with the same
result (srg/theme_search.py).

To find the theme's static files, MkDocs lists every file in the theme's
folders and then drops each name under a folder or file whose name starts
with a dot: Material's icons alone are 14,510 files, about 0.1 s of every
build and rebuild for 43 files kept. The theme's loader leaves those out of
its walk (`PrunedLoader`); MkDocs keeps the same list.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from jinja2 import FileSystemLoader
from material.plugins.search import plugin as theme_search_plugin
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from srg.html import bytecode_cache
from srg.theme_markup import ThemeMarkupChanged, fix_theme_markup
from srg.theme_search import ThemeSearchRe

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page


class PrunedLoader(FileSystemLoader):
    """Jinja's file loader, but its list leaves out what MkDocs drops from it: names starting with a dot
    at any depth (MkDocs's `.*` and `*/.*`), without walking the folders they name."""

    def list_templates(self) -> list[str]:
        found = set()
        for searchpath in self.searchpath:
            for dirpath, dirnames, filenames in os.walk(searchpath, followlinks=self.followlinks):
                dirnames[:] = [name for name in dirnames if not name.startswith(".")]
                folder = os.path.relpath(dirpath, searchpath)
                for filename in filenames:
                    if not filename.startswith("."):
                        path = filename if folder == os.curdir else os.path.join(folder, filename)
                        found.add(path.replace(os.path.sep, "/"))
        return sorted(found)


def on_startup(command: str, dirty: bool) -> None:
    theme_search_plugin.re = ThemeSearchRe()  # type: ignore[assignment]


@event_priority(100)  # before the theme's search plugin, which makes environments of its own in on_config
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    theme = config.theme
    make_env = theme.get_env

    def get_env() -> Environment:
        env = make_env()
        env.loader = PrunedLoader(theme.dirs)
        env.bytecode_cache = bytecode_cache("theme-templates")
        return env

    theme.get_env = get_env  # type: ignore[method-assign]
    return config


def _fixed(html: str, where: str) -> str:
    try:
        return fix_theme_markup(html)
    except ThemeMarkupChanged as error:
        raise PluginError(f"{where}: {error}") from None


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return _fixed(output, page.file.src_uri)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    return _fixed(output_content, template_name) if template_name == "404.html" else output_content
