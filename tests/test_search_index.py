"""The search index: each answer is a result with its search words, a boost and its one-line answer; the glossary
is a result per term; the generated pages are one result each; share pages stay out; no address is there twice."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from html import unescape

import pytest

from conftest import Build, add_to_nav, section_of
from srg.load import parse_catalog
from srg.model import Catalog
from srg.search import SearchIndexError, WholePage, rule_tags, shape_index

SMALL = """
sources: [{id: notes, title: The notes, url: "https://docs.aws.amazon.com/notes.html"}]
services:
  - {id: ec2, name: Amazon EC2, kind: infrastructure, security: notes,
     default_setup: {text: An instance., sources: [notes]}}
categories: [{id: os, name: Operating system}]
layers: [{id: os, name: Operating system, responsibilities: [guest-os-patching]}]
glossary:
  - {term: OS, expansion: Operating system, definition: What runs the machine.}
  - {term: AWS, expansion: Amazon Web Services}
  - {term: EC2, expansion: Amazon Elastic Compute Cloud}
responsibilities:
  - {id: guest-os-patching, title: Guest OS patching, rule: customer, category: os, summary: The customer patches it.,
     aws: Patches the host., customer: Patches the guest., services: customer, related: [], search: [OS, guest OS],
     sources: [notes], checked: 2026-11-01}
"""
LOCATIONS = {"guest-os-patching": "customer/#guest-os-patching"}


def text_of(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html))


@pytest.fixture(scope="module")
def small() -> Catalog:
    return parse_catalog(SMALL, "small.yml")


def test_answers_and_terms_follow_their_page_and_whole_pages_come_back_as_one_result(small: Catalog) -> None:
    index = {"docs": [{"location": "", "title": "Home", "text": "<p>Hi</p>"}]}
    pages = [WholePage("glossary/", "Glossary", "Every term."), WholePage("customer/", "What you secure", "Yours.")]
    shape_index(index, small, LOCATIONS, pages, "glossary/")
    docs = index["docs"]
    assert [doc["location"] for doc in docs] == [
        "",
        "customer/",
        "customer/#guest-os-patching",
        "glossary/",
        "glossary/#term-aws",
        "glossary/#term-ec2",
        "glossary/#term-os",
    ]
    answer = docs[2]
    assert answer["title"] == "Guest OS patching"
    assert text_of(answer["text"]) == "The customer patches it."
    assert answer["tags"] == ["OS", "guest OS"]
    assert answer["boost"] > 1
    assert text_of(docs[6]["text"]) == "Operating system. What runs the machine."
    assert "boost" not in docs[0]


def test_an_answer_whose_page_is_in_no_index_fails() -> None:
    catalog = parse_catalog(SMALL, "small.yml")
    with pytest.raises(SearchIndexError, match="no page in the index for customer/"):
        shape_index({"docs": []}, catalog, LOCATIONS, [WholePage("glossary/", "Glossary", "Terms.")], "glossary/")


def test_an_address_in_the_index_twice_fails(small: Catalog) -> None:
    index = {"docs": [{"location": "customer/", "title": "C", "text": ""}]}
    pages = [WholePage("customer/", "What you secure", "Yours."), WholePage("glossary/", "Glossary", "Terms.")]
    with pytest.raises(SearchIndexError, match="in the search index twice: customer/"):
        shape_index(index, small, LOCATIONS, pages, "glossary/")


@pytest.fixture(scope="module")
def docs(site: Build) -> list[dict]:
    return json.loads(site.page("search/search_index.json"))["docs"]


def test_built_index_carries_each_entrys_search_words_and_answer(docs: list[dict], catalog: Catalog) -> None:
    by_location = {doc["location"]: doc for doc in docs}
    for entry in catalog.responsibilities:
        doc = by_location[section_of(entry.id, catalog)]
        assert doc["title"] == entry.title
        assert doc["tags"] == list(entry.search)
        assert doc["boost"] > 1
        assert text_of(doc["text"]) == entry.summary


def test_every_glossary_term_is_one_result(docs: list[dict], catalog: Catalog) -> None:
    terms = [doc for doc in docs if doc["location"].startswith("glossary/#term-")]
    ordered = sorted(catalog.glossary, key=lambda t: t.term.lower())
    assert [doc["title"] for doc in terms] == [term.term for term in ordered]
    for doc, term in zip(terms, ordered, strict=True):
        assert doc["location"] == f"glossary/#{term.anchor}"
        assert text_of(doc["text"]).startswith(term.expansion)


def test_every_page_is_found_once_and_share_pages_and_comparison_rows_are_not(
    docs: list[dict], pages: list[str]
) -> None:
    locations = [doc["location"] for doc in docs]
    assert len(locations) == len(set(locations))
    assert sorted(p for p in pages if not p.startswith("a/")) == sorted(loc for loc in locations if "#" not in loc)
    assert [location for location in locations if location.startswith("a/")] == []
    assert [location for location in locations if "#compare-" in location] == []


def test_generated_results_write_quotes_as_quotes(docs: list[dict]) -> None:
    """As entities, the theme's highlighter can cut a quote in two at its ";" (a reader saw "AWS';s")."""
    generated = [doc for doc in docs if "'" in doc["text"] or '"' in doc["text"]]
    assert generated, "no generated result has a quote: this test no longer reads them"
    assert not [doc["location"] for doc in docs if "&#39;" in doc["text"] or "&#34;" in doc["text"]]


def test_each_cited_control_is_a_result_at_its_first_citation(docs: list[dict], catalog: Catalog) -> None:
    by_location = {doc["location"]: doc for doc in docs}
    homes = catalog.check_homes
    assert len(homes) == len({c for e in catalog.responsibilities for c in catalog.cited_checks(e)})
    for control_id, (entry_id, _) in homes.items():
        control = catalog.security_hub.control(control_id)
        page = section_of(entry_id, catalog).split("#")[0]
        doc = by_location[f"{page}#{control.anchor}"]
        assert doc["title"] == control_id
        assert text_of(doc["text"]).startswith(control.statement)
        assert doc["tags"] == rule_tags(catalog, control)
    rds3 = by_location["customer/#hub-rds-3"]
    assert rds3["tags"] == ["storage-encrypted"]  # 'rds' names a service: the id says it already
    assert "AWS Config rule rds-storage-encrypted" in text_of(rds3["text"])
    assert "on Amazon RDS" in text_of(rds3["text"])
    # The user guide's name of an AWS Config rule first, then the catalog's where it differs.
    ssm2 = catalog.security_hub.control("SSM.2")
    assert rule_tags(catalog, ssm2) == [
        "managedinstance-patch-compliance-status-check",
        "managedinstance-patch-compliance",
    ]


def test_an_entrys_answer_keeps_only_its_own_search_words(docs: list[dict], catalog: Catalog) -> None:
    """Controls are results of their own: the words of their rules ('s3', 'public') would outweigh an answer's."""
    tags = {doc["location"]: doc.get("tags", []) for doc in docs}
    assert tags["customer/#public-storage-access"] == catalog.responsibility("public-storage-access").search
    ids = set(catalog.check_homes)
    assert not ids & {tag for doc_tags in tags.values() for tag in doc_tags}, "a control id is a tag"


# -- the theme's search plugin is spared the HTML of pages it does not index (hooks/search_skip.py; srg.theme_search) --


def test_a_page_left_out_of_the_index_keeps_its_html_and_loses_what_the_theme_takes_out(
    build_project: Callable[..., Build],
) -> None:
    front = "---\nsearch:\n  exclude: true\n---\n\n"
    build = build_project(
        pages={
            "plain.md": front + "# Plain\n\nEvery word of this stays on the page.\n",
            "marked.md": front + '# Marked\n\n<p data-search-note="for the index">Kept, less its attribute.</p>\n',
        },
        config=lambda text: add_to_nav("Marked", "marked.md")(add_to_nav("Plain", "plain.md")(text)),
    )
    assert build.returncode == 0, build.output
    assert "Every word of this stays on the page." in build.page("plain/index.html")
    marked = build.page("marked/index.html")
    assert "Kept, less its attribute." in marked
    assert "data-search-note" not in marked
    locations = {doc["location"] for doc in json.loads(build.page("search/search_index.json"))["docs"]}
    assert not {"plain/", "marked/"} & locations
