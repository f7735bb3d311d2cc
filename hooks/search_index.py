"""Put each responsibility's search words and a boost into its section of the search index."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from srg.mkdocs_glue import as_plugin_error, site
from srg.search import enrich_index, section_words

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


def on_post_build(config: MkDocsConfig) -> None:
    path = Path(config.site_dir) / "search" / "search_index.json"
    built = site(config)
    index = json.loads(path.read_text(encoding="utf-8"))
    with as_plugin_error():
        enrich_index(index, section_words(built.catalog, built.section_locations()), str(path))
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
