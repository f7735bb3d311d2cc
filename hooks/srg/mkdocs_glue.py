"""The only module of the package that knows MkDocs: shared state and errors."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

from .load import DataError
from .markers import MarkupError, Target
from .model import Catalog

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

DATA_FILE = "data/responsibilities.yml"
CATALOG_KEY = "srg_catalog"
TARGETS_KEY = "srg_targets"
PAGE_URLS_KEY = "srg_page_urls"


@contextmanager
def as_plugin_error() -> Iterator[None]:
    """Turn the package's own errors into a PluginError, which stops the build."""
    try:
        yield
    except (DataError, MarkupError) as error:
        raise PluginError(str(error)) from None


def catalog(config: MkDocsConfig) -> Catalog:
    return config.extra[CATALOG_KEY]


def targets(config: MkDocsConfig) -> dict[str, Target]:
    return config.extra[TARGETS_KEY]


def page_url(config: MkDocsConfig, src_uri: str) -> str:
    """The site-relative URL of the page built from `src_uri`."""
    return config.extra[PAGE_URLS_KEY][src_uri]


def section_locations(config: MkDocsConfig) -> dict[str, str]:
    """The site-relative location of every responsibility's section: 'customer/#guest-os-patching'."""
    places = targets(config)
    return {r.id: f"{page_url(config, places[r.id].page)}#{r.id}" for r in catalog(config).responsibilities}


def page_label(page: Page, config: MkDocsConfig) -> str:
    """The page's source path as a person finds it from the project root, for messages."""
    root = os.path.dirname(config.config_file_path)
    return os.path.relpath(page.file.abs_src_path, root)
