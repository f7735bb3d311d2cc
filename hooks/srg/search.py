"""The search index of the generated pages, written from the data; no MkDocs imports.

Pages whose content is generated (the answers by rule, the service pages, the
glossary, the matrix, the self-check, the comparison) are left out of the
theme's own indexing with `search: exclude: true`: it would parse every block
of their HTML, most of it only to drop it. Their documents come from the data
instead, as a reader should meet them in results:

- the page itself: its title and its description;
- each answer: its title, its one-line answer as text, its search words as
  tags (which Material weighs highest) and a boost over page-level hits;
- each Security Hub control a cell cites: its id, statement, severity and
  AWS Config rule, at its first citation, found by its id or rule;
- each glossary term: the term, what it stands for and means.

Hand-written pages are indexed by the theme as usual.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .errors import SrgError
from .html import render_fragment
from .model import Catalog, lower_first
from .securityhub import Control

SECTION_BOOST = 2.0


class SearchIndexError(SrgError):
    """The search index would miss an answer, or have one twice."""


@dataclass(frozen=True)
class WholePage:
    """A page left out of the theme's index, as one result: its address, title and description."""

    url: str
    title: str
    description: str


# Quotes need no escaping in an element's text; as entities, the theme's highlighter can cut one in two
# (its separators include ";"), and a reader saw "AWS';s" in a result.
_QUOTES = {"&#39;": "'", "&#34;": '"'}


def _doc(location: str, title: str, text: str, **extra: object) -> dict:
    html = render_fragment("search_text.html", text=text)
    for entity, quote in _QUOTES.items():
        html = html.replace(entity, quote)
    return {"location": location, "title": title, "text": html, **extra}


def answer_docs(catalog: Catalog, location_of: dict[str, str]) -> list[dict]:
    """One document per responsibility at its section: the title and the one-line answer, not badges or buttons."""
    return [
        _doc(location_of[r.id], r.title, r.summary, tags=list(r.search), boost=SECTION_BOOST)
        for r in catalog.responsibilities
    ]


def check_docs(catalog: Catalog, location_of: dict[str, str]) -> list[dict]:
    """One document per Security Hub control a cell cites, at its first citation: the row of the service there.

    Its title is the control's id ('RDS.3') and its tags the words of its AWS Config rule ('storage-encrypted'),
    so a search for either lands on the check itself, inside the section and the row that cite it; its statement,
    severity and rule are its text. They are documents of their own, not tags of the answers: the rules' words
    ('s3', 'public', 'access') would outweigh an answer's own search words. The id is not a tag: the theme matches
    the word typed last as a prefix, and 'IAM' would find 'IAM.22' before the IAM answer.
    """
    docs = []
    for control_id, (entry_id, _) in catalog.check_homes.items():
        control = catalog.security_hub.control(control_id)
        entry = catalog.responsibility(entry_id)
        rule = catalog.config_rule(control)
        services = [s.name for s in catalog.services if control_id in catalog.checks_of(entry, s.id)]
        text = (
            f"{control.statement}. Security Hub control, severity {control.severity_label}, AWS Config rule {rule}: "
            f"it checks the customer's part of {lower_first(entry.title)} on {', '.join(services)}."
        )
        location = f"{location_of[entry_id].split('#')[0]}#{control.anchor}"
        docs.append(_doc(location, control_id, text, tags=rule_tags(catalog, control)))
    return docs


def rule_tags(catalog: Catalog, control: Control) -> list[str]:
    """A control's AWS Config rule, the user guide's and the catalog's, as tags of its search result.

    A rule's words that name one of the guide's services ('rds' in 'rds-storage-encrypted') are left out: the id
    names the service already, and a search for the service ('Fargate hosts') is not a search for the control.
    """
    names = {part for service in catalog.services for part in service.id.split("-")}
    rules = dict.fromkeys([catalog.config_rule(control), control.config_rule])
    return ["-".join(word for word in rule.split("-") if word not in names) or rule for rule in rules]


def glossary_docs(catalog: Catalog, glossary_page: str) -> list[dict]:
    """One document per glossary term, at its own anchor."""
    return [
        _doc(
            f"{glossary_page}#{term.anchor}",
            term.term,
            f"{term.expansion}. {term.definition}" if term.definition else term.expansion,
        )
        for term in sorted(catalog.glossary, key=lambda t: t.term.lower())
    ]


def shape_index(
    index: dict, catalog: Catalog, location_of: dict[str, str], whole_pages: list[WholePage], glossary_page: str
) -> dict:
    """Material's index of the hand-written pages, with the generated pages' documents written from the data.

    Each page's document comes before its sections' (Material takes the first
    document of an address as the page), and every answer is in the index once.
    """
    children: dict[str, list[dict]] = {}
    own = [
        *answer_docs(catalog, location_of),
        *check_docs(catalog, location_of),
        *glossary_docs(catalog, glossary_page),
    ]
    for doc in own:
        children.setdefault(doc["location"].split("#")[0], []).append(doc)
    docs: list[dict] = []
    for doc in index["docs"]:
        docs.append(doc)
        if "#" not in doc["location"]:
            docs += children.pop(doc["location"], [])
    service_at = {f"services/{s.id}/": s for s in catalog.services}
    for page in sorted(whole_pages, key=lambda p: p.url):
        service = service_at.get(page.url)
        if service is None:
            docs.append(_doc(page.url, page.title, page.description))
        else:
            # A search for a service by its name ('ElastiCache', 'API Gateway') opens its page, not an answer that
            # names it: its names are its page's tags, weighed as an answer's are.
            names = list(dict.fromkeys([service.short_name, service.name]))
            docs.append(_doc(page.url, page.title, page.description, tags=names, boost=SECTION_BOOST))
        docs += children.pop(page.url, [])
    if children:
        raise SearchIndexError(
            f"no page in the index for {', '.join(sorted(children))}: "
            "each must be indexed by the theme or listed as a whole page"
        )
    counts = Counter(doc["location"] for doc in docs)
    repeated = sorted(location for location, count in counts.items() if count > 1)
    if repeated:
        raise SearchIndexError(f"in the search index twice: {', '.join(repeated)}")
    index["docs"] = docs
    return index
