"""Put each responsibility's search words and a boost into its section of the search index."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

from srg.mkdocs_glue import catalog, section_locations
from srg.search import SearchIndexError, enrich_index, section_words

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


def on_post_build(config: MkDocsConfig) -> None:
    path = Path(config.site_dir) / "search" / "search_index.json"
    location_of = section_locations(config)
    index = json.loads(path.read_text(encoding="utf-8"))
    try:
        enrich_index(index, section_words(catalog(config), location_of))
    except SearchIndexError as error:
        raise PluginError(f"{path}: {error}") from None
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
