"""Feed each responsibility's search words into the search index; no MkDocs imports.

Material's search indexes every section as its own document. The words people
search by go into that document's `tags` field (which Material weighs highest)
rather than onto the page, and the section gets a boost over page-level hits.
"""

from __future__ import annotations

from .errors import SrgError
from .model import Catalog

SECTION_BOOST = 2.0


class SearchIndexError(SrgError):
    """A responsibility's section is missing from the search index."""


def section_words(catalog: Catalog, location_of: dict[str, str]) -> dict[str, list[str]]:
    """Map each responsibility's search-index location to its search words."""
    return {location_of[r.id]: list(r.search) for r in catalog.responsibilities}


def enrich_index(index: dict, words_at: dict[str, list[str]], name: str, boost: float = SECTION_BOOST) -> dict:
    """Add search words and a boost to the section documents of `index` (Material's search_index.json)."""
    found = set()
    for doc in index["docs"]:
        words = words_at.get(doc["location"])
        if words is not None:
            doc["tags"] = [*doc.get("tags", []), *words]
            doc["boost"] = boost
            found.add(doc["location"])
    missing = sorted(set(words_at) - found)
    if missing:
        raise SearchIndexError(f"{name}: search index has no section for {', '.join(missing)}")
    return index
