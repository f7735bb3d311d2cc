"""The only module of the package that knows MkDocs: the build's state and its errors."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.utils import meta

from .errors import SrgError
from .model import Catalog
from .pipeline import Site
from .second_core import Helper

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File
    from mkdocs.structure.pages import Page

DATA_FILE = "data/responsibilities.yml"
CATALOG_KEY = "srg_catalog"
SITE_KEY = "srg_site"
HELPER_KEY = "srg_helper"
# Which hook sets each piece of state, for the message when it did not run.
SET_BY = {
    CATALOG_KEY: "hooks/data.py (on_config)",
    SITE_KEY: "hooks/generated_files.py (on_files)",
    HELPER_KEY: "hooks/generated_files.py (on_files)",
}


@contextmanager
def as_plugin_error() -> Iterator[None]:
    """Turn any of the package's own errors into a PluginError, which stops the build."""
    try:
        yield
    except SrgError as error:
        raise PluginError(str(error)) from None


def _state(config: MkDocsConfig, key: str) -> object:
    if key not in config.extra:
        raise PluginError(f"the build has no {key}: {SET_BY[key]} did not run; list it under 'hooks' in mkdocs.yml")
    return config.extra[key]


def catalog(config: MkDocsConfig) -> Catalog:
    return _state(config, CATALOG_KEY)  # type: ignore[return-value]


def site(config: MkDocsConfig) -> Site:
    return _state(config, SITE_KEY)  # type: ignore[return-value]


def helper(config: MkDocsConfig) -> Helper:
    """The second process making the service pages and the downloads (hooks/generated_files.py)."""
    return _state(config, HELPER_KEY)  # type: ignore[return-value]


def page_markdown(source: str) -> tuple[str, int]:
    """The Markdown MkDocs hands the hooks for a page whose source is `source` (without its front matter),
    and the number of lines above it in the source."""
    markdown = meta.get_data(source)[0]
    above = source.count("\n", 0, len(source) - len(markdown)) if source.endswith(markdown) else 0
    return markdown, above


def page_label(page: Page, config: MkDocsConfig) -> str:
    return file_label(page.file, config)


def file_label(file: File, config: MkDocsConfig) -> str:
    """A page's source path as a person finds it from the project root, for messages."""
    root = os.path.dirname(config.config_file_path)
    path = file.abs_src_path
    return os.path.relpath(path, root) if path else f"{file.src_uri} (generated from {DATA_FILE})"
