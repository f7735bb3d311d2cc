"""Shape the search index: search words and a boost per answer, one-line results, a result per glossary term."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from srg.mkdocs_glue import as_plugin_error, site
from srg.search import shape_index

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


GLOSSARY_PAGE = "glossary/"


def on_post_build(config: MkDocsConfig) -> None:
    path = Path(config.site_dir) / "search" / "search_index.json"
    built = site(config)
    index = json.loads(path.read_text(encoding="utf-8"))
    with as_plugin_error():
        shape_index(index, built.catalog, built.section_locations(), GLOSSARY_PAGE, str(path))
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
