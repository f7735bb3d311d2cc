"""Search words from the data file reach their sections in the built search index, boosted."""

from __future__ import annotations

import json

import pytest

from conftest import Build
from srg.search import SearchIndexError, enrich_index
from test_build import PAGE_OF_OWNER


def test_enrich_index_adds_words_and_boost_to_sections_only() -> None:
    index = {"docs": [{"location": "a/", "title": "A"}, {"location": "a/#x", "title": "X", "tags": ["t"]}]}
    enrich_index(index, {"a/#x": ["OS", "guest OS"]}, boost=3.0)
    assert index["docs"][0] == {"location": "a/", "title": "A"}
    assert index["docs"][1]["tags"] == ["t", "OS", "guest OS"]
    assert index["docs"][1]["boost"] == 3.0


def test_enrich_index_fails_when_a_section_is_missing() -> None:
    with pytest.raises(SearchIndexError, match="no section for a/#gone"):
        enrich_index({"docs": [{"location": "a/"}]}, {"a/#gone": ["x"]})


def test_built_index_carries_each_entrys_search_words(site: Build, data_text: str) -> None:
    from srg.load import parse_catalog

    catalog = parse_catalog(data_text, "data")
    docs = {doc["location"]: doc for doc in json.loads(site.page("search/search_index.json"))["docs"]}
    for entry in catalog.responsibilities:
        doc = docs[f"{PAGE_OF_OWNER[entry.owner]}/#{entry.id}"]
        assert doc["tags"] == list(entry.search)
        assert doc["boost"] > 1
