"""The only module of the package that knows MkDocs: the build's state and its errors."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

from .errors import SrgError
from .model import Catalog
from .pipeline import Site

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

DATA_FILE = "data/responsibilities.yml"
CATALOG_KEY = "srg_catalog"
SITE_KEY = "srg_site"
# Which hook sets each piece of state, for the message when it did not run.
SET_BY = {CATALOG_KEY: "hooks/data.py (on_config)", SITE_KEY: "hooks/generated_files.py (on_files)"}


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


def page_label(page: Page, config: MkDocsConfig) -> str:
    """The page's source path as a person finds it from the project root, for messages."""
    root = os.path.dirname(config.config_file_path)
    path = page.file.abs_src_path
    return os.path.relpath(path, root) if path else f"{page.file.src_uri} (generated from {DATA_FILE})"
