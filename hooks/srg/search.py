"""Shape Material's search index at build time; no MkDocs imports.

Material's search indexes every section as its own document. The words people
search by go into that document's `tags` field (which Material weighs highest)
rather than onto the page, the section gets a boost over page-level hits, its
text becomes its one-line answer, and the glossary becomes one result per term.
"""

from __future__ import annotations

from .errors import SrgError
from .html import render_fragment
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


def answer_texts(catalog: Catalog, location_of: dict[str, str]) -> dict[str, str]:
    """Map each responsibility's location to what its search result shows: its one-line answer.

    Not the badge words, the Copy link label or a line per service: a reader
    scanning results sees the title and the answer, and opens the section for the rest.
    """
    return {location_of[r.id]: render_fragment("search_text.html", text=r.summary) for r in catalog.responsibilities}


def glossary_docs(catalog: Catalog, glossary_page: str) -> list[dict]:
    """One search document per glossary term, at its own anchor."""
    return [
        {
            "location": f"{glossary_page}#{term.anchor}",
            "title": term.term,
            "text": render_fragment(
                "search_text.html", text=f"{term.expansion}. {term.definition}" if term.definition else term.expansion
            ),
        }
        for term in sorted(catalog.glossary, key=lambda t: t.term.lower())
    ]


def shape_index(index: dict, catalog: Catalog, location_of: dict[str, str], glossary_page: str, name: str) -> dict:
    """Material's index, reshaped: answers show their one line, the glossary one result per term."""
    enrich_index(index, section_words(catalog, location_of), name)
    texts = answer_texts(catalog, location_of)
    docs = []
    for doc in index["docs"]:
        if doc["location"] in texts:
            doc["text"] = texts[doc["location"]]
        if doc["location"] == glossary_page:
            doc["text"] = ""
            docs.append(doc)
            docs += glossary_docs(catalog, glossary_page)
            continue
        docs.append(doc)
    index["docs"] = docs
    return index


def whole_page_docs(pages: dict[str, tuple[str, str]]) -> list[dict]:
    """One search document per page given as url -> (title, description)."""
    return [
        {"location": url, "title": title, "text": render_fragment("search_text.html", text=description)}
        for url, (title, description) in sorted(pages.items())
    ]
