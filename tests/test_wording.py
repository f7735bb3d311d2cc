"""Build tests of the site's words: one voice, plain words, and what the pages say about the site is true of it.

- One voice. The party the model is about is "the customer" on every page, in the
  navigation and in search (as in AWS's own model and in the data's 600-odd notes); the
  site never says "you" or "your", nor "my" or "I". Titles of AWS pages the guide cites
  keep their own words.
- Plain words. The jargon a first-time reader stumbled on ("abstracted", "zone security",
  "customer-specific", "single-tenant") appears only in the glossary, which defines it as
  an older name; the technical terms the guide keeps are glossary terms, so their first
  use in each section is a tooltip (test_build checks the tooltips).
- True claims. What the hand-written pages say about the site holds for the built site.
"""

from __future__ import annotations

import csv
import io
import json
import re
from html import unescape
from html.parser import HTMLParser

import pytest

from conftest import PAGE_OF_RULE, Build, article_of, built_pages
from srg.model import KIND_LABELS, Catalog

# The words of a second voice: the reader addressed as "you", or speaking as "I".
OTHER_VOICE = re.compile(r"(?i:\b(?:you|your|yours|yourself|yourselves|my|mine)\b)|\bI\b")
# The jargon that first-time readers did not understand; the glossary defines each as an older name.
JARGON = re.compile(r"\b(?:abstracted|zone security|zoning|zoned|customer-specific|single-tenant)\b", re.I)
# Technical terms the guide keeps: each must be a glossary term.
KEPT_TERMS = ("control plane", "data plane", "etcd", "hypervisor", "partition")
GLOSSARY = "glossary/"
# Attributes whose values a reader meets: tooltips, names read out, link previews.
READ_ATTRIBUTES = {"title", "aria-label", "alt", "placeholder", "content", "data-title"}
SKIPPED = {"script", "style", "code", "pre"}


class ReadText(HTMLParser):
    """The words a reader meets on a page, as (where, text): text, tooltips, labels, descriptions.

    Leaves out scripts and code, the titles of the AWS pages the guide cites
    (`a.srg-source` links, links to a source's entry and the sources list's items)
    and the Security Hub controls under a cell (`li.srg-hub__check`: id, statement,
    severity and Config rule from AWS's catalog), which are AWS's words. With
    `attributes` off, only the text, as it reads on.
    """

    def __init__(self, attributes: bool = True) -> None:
        super().__init__(convert_charrefs=True)
        self.attributes = attributes
        self.found: list[str] = []
        self.skipping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        classes = set(found.get("class", "").split())
        if self.skipping:
            if tag == self.skipping[0]:
                self.skipping.append(tag)
            return
        cites = tag == "a" and "#source-" in found.get("href", "")  # a link to a cited page's entry in Sources
        if tag in SKIPPED or cites or (classes & {"srg-source", "srg-source__title", "srg-hub__check"}):
            self.skipping.append(tag)
            return
        if tag == "meta" and found.get("property", found.get("name", "")).endswith(("url", "image", "type")):
            return
        if self.attributes:
            self.found += [value for name, value in found.items() if name in READ_ATTRIBUTES and value]

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()

    def handle_endtag(self, tag: str) -> None:
        if self.skipping and tag == self.skipping[0]:
            self.skipping.pop()

    def handle_data(self, data: str) -> None:
        if not self.skipping and data.strip():
            self.found.append(data)


def read_text(html: str, attributes: bool = True) -> str:
    """The words a reader meets in `html`, each run of white space one space."""
    parser = ReadText(attributes)
    parser.feed(html)
    return " ".join(" ".join(parser.found).split())


def prose(html: str) -> str:
    """The text of a page's article as it reads on, without tooltips or labels."""
    return read_text(article_of(html) or "", attributes=False)


def every_page(site: Build) -> dict[str, str]:
    """Every HTML page of the built site, the share pages and the 404 page included, by address."""
    pages = {path: site.page(f"{path}index.html") for path in built_pages(site.site)}
    return pages | {"404.html": site.page("404.html")}


def search_words(site: Build, catalog: Catalog) -> dict[str, str]:
    """Each search document's title, text and tags, by location, without the titles of the pages it cites and the
    statements of the Security Hub controls, which are AWS's words."""
    docs = json.loads(site.page("search/search_index.json"))["docs"]
    words = {}
    for doc in docs:
        text = " ".join([doc["title"], unescape(re.sub(r"<[^>]+>", " ", doc["text"])), *doc.get("tags", [])])
        for source in catalog.sources:
            text = text.replace(source.title, "")
        for control_id in catalog.check_homes:  # a Security Hub control's result quotes AWS's statement
            text = text.replace(catalog.security_hub.control(control_id).statement, "")
        words[doc["location"]] = text
    return words


def csv_text(site: Build) -> str:
    rows = csv.reader(io.StringIO(site.page("data/responsibilities.csv")))
    return " ".join(cell for row in rows for cell in row)


def found(pattern: re.Pattern[str], texts: dict[str, str]) -> dict[str, list[str]]:
    """Where `pattern` matches, with a little context each time."""
    hits = {}
    for where, text in texts.items():
        matches = [text[max(0, m.start() - 40) : m.end() + 20] for m in pattern.finditer(text)]
        if matches:
            hits[where] = matches[:3]
    return hits


# -- one voice ------------------------------------------------------------------------------------


def test_the_site_speaks_of_the_customer_and_never_says_you(site: Build, catalog: Catalog) -> None:
    pages = {path: read_text(html) for path, html in every_page(site).items()}
    assert found(OTHER_VOICE, pages) == {}
    assert found(OTHER_VOICE, search_words(site, catalog)) == {}
    assert found(OTHER_VOICE, {"data/responsibilities.csv": csv_text(site)}) == {}


def test_the_navigation_names_the_customers_page_as_the_text_does(site: Build) -> None:
    home = site.page("index.html")
    assert re.search(
        r'<a href="customer/" class="md-nav__link">\s*<span class="md-ellipsis">\s*What the customer secures', home
    )
    assert '<h1 id="what-the-customer-secures">What the customer secures' in site.page("customer/index.html")


def test_the_voice_test_sees_you_where_a_page_says_it() -> None:
    """Guard: the reader finds 'you' in text, a tooltip and a description, and skips a cited AWS page's title."""
    html = (
        '<meta name="description" content="What you do."><p>The customer <abbr title="Your key">KMS</abbr></p>'
        '<a class="srg-source" href="https://docs.aws.amazon.com/x">Configuring settings for your account</a>'
        "<script>var you = 1;</script><p>Then you patch it.</p>"
    )
    assert OTHER_VOICE.findall(read_text(html)) == ["you", "Your", "you"]


# -- plain words ------------------------------------------------------------------------------------


def test_the_jargon_readers_stumbled_on_appears_only_in_the_glossary(site: Build, catalog: Catalog) -> None:
    pages = {path: read_text(html) for path, html in every_page(site).items() if path != GLOSSARY}
    assert found(JARGON, pages) == {}
    searched = {where: text for where, text in search_words(site, catalog).items() if not where.startswith(GLOSSARY)}
    assert found(JARGON, searched) == {}
    assert found(JARGON, {"data/responsibilities.csv": csv_text(site)}) == {}


def test_the_glossary_defines_each_old_name_and_each_kept_term(site: Build, catalog: Catalog) -> None:
    terms = {term.term.lower(): term for term in catalog.glossary}
    for old_name in ("abstracted service", "zone security", "single-tenant"):
        assert old_name in terms, old_name
        assert not JARGON.search(terms[old_name].expansion), f"{old_name}: the expansion says it in plain words"
    assert "customer-specific" in terms["zone security"].definition
    for kept in KEPT_TERMS:
        assert kept in terms, f"{kept!r} is used on the pages: define it under glossary:"
    glossary = site.page(f"{GLOSSARY}index.html")
    for term in (*KEPT_TERMS, "abstracted service", "zone security", "single-tenant"):
        assert f'<dt id="{terms[term].anchor}" class="srg-term">{term}</dt>' in glossary, term


def test_each_kept_term_is_used_and_gets_its_tooltip(site: Build, catalog: Catalog) -> None:
    expansions = {term.term: term.expansion for term in catalog.glossary}
    everything = "".join(article_of(html) or "" for html in every_page(site).values())
    for term in KEPT_TERMS:
        assert f'title="{expansions[term]}"' in unescape(everything), term


def test_services_are_of_kinds_named_in_plain_words(site: Build, catalog: Catalog) -> None:
    """The kinds table of 'By service' names each kind as the service index and the service pages do."""
    page = site.page("services/index.html")
    rows = re.findall(r"<tr>\s*<td><strong>([^<]+)</strong></td>\s*<td>", page)
    assert sorted(label.lower() for label in rows) == sorted(KIND_LABELS.values())
    for service in catalog.services:
        row = re.search(rf'<tr data-service="{service.id}"[^>]*>(.*?)</tr>', page, flags=re.S)
        assert row, service.id
        assert f"<td>{service.kind_label}</td>" in row[1], service.id
        intro = site.page(f"services/{service.id}/index.html")
        assert f"Kind of service: <strong>{service.kind_label}</strong>" in intro
        assert not JARGON.search(read_text(intro)), service.id


# -- true claims ----------------------------------------------------------------------------------------


def test_the_home_page_claims_no_screen_and_what_it_says_of_the_pages_holds(site: Build, catalog: Catalog) -> None:
    home = prose(site.page("index.html"))
    assert not re.search(r"\bone screen\b|\bsingle screen\b|\bfits? on\b", home, re.I)
    # "the comparison table lists them all on one page, area by area"
    assert "lists them all on one page, area by area" in home
    comparison = site.page("comparison/index.html")
    assert sorted(re.findall(r'<tr data-entry="([a-z0-9-]+)">', comparison)) == sorted(
        r.id for r in catalog.responsibilities
    )
    assert re.findall(r'<h2 data-search-exclude id="compare-([a-z-]+)">', comparison) == [
        c.id for c in catalog.categories if catalog.in_category(c.id)
    ]
    # "By service: a page for each service"
    assert re.search(r"By service ?: a page for each service\b", home), "the home page points to the service pages"
    index = site.page("services/index.html")
    for service in catalog.services:
        assert (site.site / "services" / service.id / "index.html").exists()
        assert re.search(f'<tr data-service="{service.id}"[ >]', index), service.id
    # "The self-check asks them service by service and keeps score"
    assert "asks them service by service and keeps score" in home
    assert re.findall(r'data-srg-check-service="([a-z0-9-]+)"', site.page("self-check/index.html")) == [
        s.id for s in catalog.services
    ]


def test_the_matrix_runs_from_the_data_down_to_the_facilities_then_the_areas_beside(
    site: Build, catalog: Catalog
) -> None:
    """matrix.md: 'from the customer's data down to the facilities, then logging, compliance and people'."""
    assert "from the customer's data down to the facilities, then logging, compliance and people" in prose(
        site.page("matrix/index.html")
    )
    areas = [c.id for c in catalog.categories if catalog.in_category(c.id)]
    assert areas[0] == "data"
    assert areas[areas.index("facilities") :] == ["facilities", "monitoring", "compliance", "people"]


@pytest.mark.parametrize("rule", sorted(PAGE_OF_RULE))
def test_each_answer_has_the_links_its_page_says_it_has(site: Build, catalog: Catalog, rule: str) -> None:
    """aws.md: 'its Copy link button, or the ¶ sign beside its title'; every rule's page has both for each answer."""
    html = site.page(f"{PAGE_OF_RULE[rule]}/index.html")
    for entry in catalog.under_rule(rule):
        heading = re.search(rf'<h2 class="srg-responsibility" id="{entry.id}">.*?</h2>', html, flags=re.S)
        assert heading, entry.id
        assert f'<a class="headerlink" href="#{entry.id}" title="Link to this section">&para;</a>' in heading[0]
        assert f'data-srg-copy="{entry.id}"' in html, entry.id
    if rule == "aws":
        assert "its Copy link button, or the ¶ sign beside its title" in prose(html)


def test_the_glossary_says_which_uses_of_a_term_are_tooltips(site: Build) -> None:
    """glossary.md once said 'wherever one appears'; only the first use in each section is a tooltip."""
    text = prose(site.page(f"{GLOSSARY}index.html"))
    assert "The first use of a term in each section of a page" in text
    assert "Wherever one appears" not in text
