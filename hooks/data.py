"""Load and validate the responsibilities data file, once per build, and have the templates looked up anew."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from srg import collector, html
from srg.load import load_catalog
from srg.mkdocs_glue import CATALOG_KEY, DATA_FILE, as_plugin_error

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    html.new_build()
    path = Path(config.docs_dir) / DATA_FILE
    shown = os.path.relpath(path, Path(config.config_file_path).parent)
    with as_plugin_error(), collector.kept_for_the_build():
        config.extra[CATALOG_KEY] = load_catalog(path, display_name=shown)
    return config
