"""Build tests of the real site: every entry reaches the table, its section, its service pages and search;
bad input fails the build with the loader's message; the order of the hooks does not matter."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
import theme
import yaml
from helpers import dump, tree
from jinja2 import FileSystemBytecodeCache
from mkdocs.config import load_config
from mkdocs.structure.files import Files

from conftest import DATA, PAGE_OF_RULE, ROOT, Build, add_to_nav, article_of, built_pages, sampled_pages, section_of
from srg.load import parse_catalog
from srg.model import CUSTOMER_TO_AWS, MAX_ANSWER_WORDS, OWNER_LABELS, SENTENCE_END, Catalog, Layer, Service
from srg.schema import schema_text
from srg.theme_markup import GUIDE_PALETTE, NAMED_SEARCH_DIALOG


def search_docs(site: Build) -> dict[str, dict]:
    return {doc["location"]: doc for doc in json.loads(site.page("search/search_index.json"))["docs"]}


def entry_block(html: str, entry_id: str) -> str:
    """The HTML of one responsibility: its heading and the `srg-entry` block under it, up to the next heading."""
    match = re.search(
        rf'<h2 class="srg-responsibility" id="{entry_id}">.*?</h2>\s*<div class="srg-entry" data-entry="{entry_id}">'
        r".*?(?=<h2 |</article>)",
        html,
        flags=re.S,
    )
    assert match, f"no section {entry_id}"
    return match[0]


def text_of(html: str) -> str:
    """What a reader reads of some HTML: its text, without tags, entities resolved."""
    return unescape(re.sub(r"<[^>]+>", "", html))


def badge_class(catalog: Catalog, entry_id: str) -> str:
    return catalog.badge(catalog.responsibility(entry_id)) or "varies"


def test_every_entry_is_a_row_of_the_comparison_table(site: Build, catalog: Catalog) -> None:
    html = site.page("comparison/index.html")
    rows = re.findall(r'<tr data-entry="([a-z0-9-]+)">(.*?)</tr>', html, flags=re.S)
    by_area = [r.id for c in catalog.categories for r in catalog.in_category(c.id)]
    assert [entry_id for entry_id, _ in rows] == by_area
    for entry_id, row in rows:
        assert f'href="../{section_of(entry_id, catalog)}"' in row
        assert f"srg-owner--{badge_class(catalog, entry_id)}" in row
        varies = catalog.badge(catalog.responsibility(entry_id)) is None
        assert ('class="srg-owners"' in row) == varies, entry_id


def test_every_section_opens_with_its_answer_in_one_sentence_of_at_most_30_words(site: Build, catalog: Catalog) -> None:
    """Under its heading, before the badges, each section says who does it, as the data's summary does."""
    for entry in catalog.responsibilities:
        block = entry_block(site.page(f"{PAGE_OF_RULE[entry.rule]}/index.html"), entry.id)
        body = block.split(f'data-entry="{entry.id}">', 1)[1]
        body = re.sub(r'\s*<span id="[a-z0-9-]+" class="srg-alias"></span>', "", body)  # anchors of old ids
        opening = re.match(r'\s*<p class="srg-summary">(.*?)</p>', body, flags=re.S)
        assert opening, f"{entry.id} opens with {body.strip()[:80]!r}"
        answer = text_of(opening[1])
        assert answer == entry.summary, entry.id
        assert len(answer.split()) <= MAX_ANSWER_WORDS, entry.id
        assert not re.search(SENTENCE_END, answer), entry.id
        assert answer.endswith("."), entry.id


def test_every_entry_is_a_section_anchored_at_its_id_under_its_rule(site: Build, catalog: Catalog) -> None:
    for entry in catalog.responsibilities:
        html = site.page(f"{PAGE_OF_RULE[entry.rule]}/index.html")
        block = entry_block(html, entry.id)
        assert f'href="#{entry.id}" title="Link to this section"' in block
        meta = re.search(r'<p class="srg-meta"><span class="srg-owner srg-owner--([a-z]+)">([^<]+)</span>', block)
        assert meta, entry.id
        assert meta[1] == badge_class(catalog, entry.id), entry.id
        if meta[1] == "varies":
            assert meta[2] == "Varies by service"
            owners = re.search(r'<p class="srg-owners-line"><span class="srg-owners">(.*?)</p>', block, flags=re.S)
            assert owners, entry.id
            for owner in catalog.owners(entry):
                names = ", ".join(s.name for s in catalog.services_held_by(entry, owner))
                assert f'srg-owners__who--{owner}">' in owners[1], (entry.id, owner)
                assert names in text_of(owners[1]), (entry.id, owner)
        else:
            assert 'class="srg-owners-line"' not in block, entry.id
        # One row per distinct answer: every service in exactly one row, under its own owner.
        rows = re.findall(
            r'<li data-service="([a-z0-9 -]+)"(?: data-checks="[^"]*")?>'
            r'<span class="srg-split__service">([^<]+)</span> '
            r'<span class="srg-owner srg-owner--([a-z]+)">',
            block,
        )
        held = {service: owner for ids, _, owner in rows for service in ids.split()}
        assert sum(len(ids.split()) for ids, _, _ in rows) == len(held) == len(catalog.services), entry.id
        for service in catalog.services:
            owner = catalog.cell(entry, service.id).owner
            assert held[service.id] == ("na" if owner == "n/a" else owner), (entry.id, service.id)
        names = {s.id: s.name for s in catalog.services}
        for ids, label, _ in rows:
            missing = [s.name for s in catalog.services if s.id not in ids.split()]
            if len(rows) == 1:
                assert label == "Every service", entry.id
            elif label.startswith("Every service except "):
                # One or two left out by name; more, of many services, by short name ("EC2, EKS and RDS").
                short = [s.short_name for s in catalog.services if s.id not in ids.split()]
                listed = " and ".join(missing) if len(missing) <= 2 else f"{', '.join(short[:-1])} and {short[-1]}"
                assert label == "Every service except " + listed, (entry.id, label)
            else:
                assert label == ", ".join(names[i] for i in ids.split()), (entry.id, label)
        # Rows that apply come first; those that do not, last.
        owners = [owner for _, _, owner in rows]
        assert owners == sorted(owners, key=lambda owner: owner == "na"), entry.id
        for other in catalog.responsibilities:
            if other.rule != entry.rule:
                # An entry that moved from this page leaves a pointer at its old anchor, and only that.
                pointer = f'<li class="srg-moved" id="{other.id}" data-srg-moved>'
                expected = 1 if entry.rule in other.moved_from else 0
                assert html.count(f'id="{other.id}"') == expected == html.count(pointer), other.id


def test_every_entry_is_its_own_search_result(site: Build, catalog: Catalog) -> None:
    docs = search_docs(site)
    for entry in catalog.responsibilities:
        doc = docs.get(section_of(entry.id, catalog))
        assert doc, entry.id
        assert doc["title"] == entry.title


def test_every_service_has_a_page_listed_on_by_service(site: Build, catalog: Catalog) -> None:
    index = site.page("services/index.html")
    rows = re.findall(r'<tr data-service="([a-z0-9-]+)"[^>]*>\s*<th scope="row"><a href="([^"]+)">', index)
    assert rows == [(s.id, f"{s.id}/") for s in catalog.services]
    assert sorted(p for p in built_pages(site.site) if re.fullmatch(r"services/[^/]+/", p)) == sorted(
        f"services/{s.id}/" for s in catalog.services
    )


def folds_of(html: str) -> dict[str, str]:
    """A service page's folded areas by id, each the HTML of its <details>."""
    return dict(re.findall(r'<details class="srg-fold srg-service-area" id="([a-z0-9-]+)">(.*?)</details>', html, re.S))


def checklist_of(html: str) -> list[tuple[str, str]]:
    """A service page's checklist in its order: (entry id, risk) of each item."""
    return [(entry_id, risk) for entry_id, risk, _ in checklist_items(html)]


def checklist_items(html: str) -> list[tuple[str, str, str]]:
    """A service page's checklist in its order: (entry id, risk, severity of its most severe check) of each item."""
    listed = re.search(r'<ul class="srg-checklist">(.*?)</ul>', html, flags=re.S)
    assert listed
    return re.findall(r'<li id="do-([a-z0-9-]+)" data-risk="([a-z-]+)" data-severity="([a-z]+)">', listed[1])


def test_every_entry_is_on_each_service_page_in_its_area_or_as_not_applicable(site: Build, catalog: Catalog) -> None:
    for service in catalog.services:
        html = site.page(f"services/{service.id}/index.html")
        absent = html[html.index('id="does-not-apply"') :] if 'id="does-not-apply"' in html else ""
        folds = folds_of(html)
        to_do = {entry_id for entry_id, _ in checklist_of(html)}
        for entry in catalog.responsibilities:
            link = f'href="../../{section_of(entry.id, catalog)}"'
            if catalog.applies(entry, service.id):
                # Every cell stays on the page, folded in its area: closed, and the browser opens it for a link.
                row = re.search(rf'<tr id="{service.id}-{entry.id}">(.*?)</tr>', folds[f"area-{entry.category}"], re.S)
                assert row, (service.id, entry.id)
                assert link in row[1]
                owner = catalog.cell(entry, service.id).owner
                assert f"srg-owner--{owner}" in row[1], (service.id, entry.id)
                assert (entry.id in to_do) == (owner in {"customer", "shared"}), (service.id, entry.id)
            else:
                assert f'id="{service.id}-{entry.id}"' not in html
                assert link in absent, (service.id, entry.id)
        assert list(folds) == [f"area-{c.id}" for c in catalog.categories if f"area-{c.id}" in folds]


def test_each_checklist_puts_what_is_off_or_open_by_default_first_and_leaves_out_what_aws_does(
    site: Build, catalog: Catalog
) -> None:
    for service in catalog.services:
        html = site.page(f"services/{service.id}/index.html")
        to_do = [e for e in catalog.responsibilities if catalog.cell(e, service.id).owner in {"customer", "shared"}]
        ordered = sorted(to_do, key=lambda e: catalog.severity_key(e, service.id))
        assert checklist_of(html) == [(e.id, catalog.risk_on(e, service.id)) for e in ordered], service.id
        by_aws = [e.id for e in catalog.responsibilities if catalog.cell(e, service.id).owner == "aws"]
        listed = html[html.index('id="aws-does-list"') : html.index('id="areas"')]
        assert re.findall(r'<li><a href="[^"]*#([a-z0-9-]+)">', listed) == by_aws, service.id
        assert '<details class="srg-fold" id="aws-does-list">' in html
    # On RDS, storage encryption is off by default (its cell says so) and automated backups are on: among items
    # whose checks are equally severe, the first comes first, tagged, and the second carries no tag.
    rds = checklist_of(site.page("services/rds/index.html"))
    assert ("data-encryption", "off-by-default") in rds
    assert ("backups-and-resilience", "other") in rds
    assert rds.index(("data-encryption", "off-by-default")) < rds.index(("backups-and-resilience", "other"))


def test_the_counts_of_what_is_left_to_you_say_what_they_count(site: Build, catalog: Catalog) -> None:
    index = site.page("services/index.html")
    assert '<th scope="col">Left to the customer in its default setup</th>' in index
    own = {}
    for service in catalog.services:
        owners = [catalog.cell(e, service.id).owner for e in catalog.responsibilities]
        own[service.id], shared = owners.count("customer"), owners.count("shared")
        row = re.search(rf'<tr data-service="{service.id}"[^>]*>(.*?)</tr>', index, flags=re.S)
        assert row
        assert f"<td>{own[service.id]} for the customer alone · {shared} shared with AWS</td>" in row[1], service.id
        page = site.page(f"services/{service.id}/index.html")
        counts = text_of(re.search(r'<p class="srg-checklist__counts">(.*?)</p>', page, flags=re.S)[1])
        tasks = f"{own[service.id]} tasks are the customer's alone and {shared} are shared with AWS, which does "
        assert counts.startswith(f"In {service.name}'s default setup, {tasks}part of each."), service.id
        assert f"{own[service.id]} tasks its own and {shared} tasks shared with AWS" in page, service.id
    # What the counts are for: a serverless service does not read as more of the customer's work than EC2.
    assert own["lambda"] < own["ec2"]


def test_related_and_source_links_resolve_across_pages(site: Build, catalog: Catalog) -> None:
    sources = site.page("sources/index.html")
    for source in catalog.sources:
        assert f'id="source-{source.id}"' in sources, source.id
    for entry in catalog.responsibilities:
        page = PAGE_OF_RULE[entry.rule]
        block = entry_block(site.page(f"{page}/index.html"), entry.id)
        for related in entry.related:
            target = PAGE_OF_RULE[catalog.responsibility(related).rule]
            href = f"#{related}" if target == page else f"../{target}/#{related}"
            assert f'href="{href}"' in block, (entry.id, related)
        for source in entry.sources:
            assert f'href="../sources/#source-{source}"' in block, (entry.id, source)
    for source in catalog.sources:
        for entry in catalog.citing(source.id):
            assert f'href="../{section_of(entry.id, catalog)}"' in sources, (source.id, entry.id)


NEW_ENTRY = """\
- id: backup-and-recovery-test
  title: "Backups | restores <b>now</b>"
  rule: customer
  category: data
  summary: A test entry added only to the data file.
  aws: Runs the storage.
  customer: Takes and tests its backups.
  services: customer
  related: [application-data]
  search: [zebra-backup-keyword]
  sources: [aws-srm]
  checked: 2026-11-29
"""


def with_new_entry(data_text: str) -> str:
    """The data file with NEW_ENTRY last in its list of responsibilities, and first in the picture's top layer."""
    layer = re.search(r"(?m)^layers:\n.*?responsibilities: \[", data_text, flags=re.S)
    assert layer, "the data file's first layer lists no responsibilities on one line"
    data_text = data_text[: layer.end()] + "backup-and-recovery-test, " + data_text[layer.end() :]
    start = re.search(r"(?m)^responsibilities:\n", data_text)
    assert start, "the data file has no responsibilities"
    end = re.compile(r"(?m)^\S").search(data_text, start.end())
    cut = end.start() if end else len(data_text)
    indent = re.compile(r"(?m)^( *)- id: ").search(data_text, start.end())
    assert indent, "the list of responsibilities has no entry"
    entry = "".join(indent[1] + line for line in NEW_ENTRY.splitlines(keepends=True))
    return data_text[:cut].rstrip("\n") + "\n" + entry + data_text[cut:]


def test_an_entry_added_to_the_data_file_and_a_layer_appears_everywhere(
    build_project: Callable[..., Build], data_text: str, catalog: Catalog
) -> None:
    build = build_project(data=with_new_entry(data_text))
    assert build.returncode == 0, build.output
    new = "backup-and-recovery-test"
    for path in built_pages(build.site):
        assert "<b>now</b>" not in build.page(f"{path}index.html"), path
    comparison = build.page("comparison/index.html")
    assert re.search(rf'<tr data-entry="{new}">\s*<td><a href="../customer/#{new}">', comparison)
    assert "Backups | restores &lt;b&gt;now&lt;/b&gt;" in comparison
    customer = build.page("customer/index.html")
    assert "srg-owner--customer" in entry_block(customer, new)
    related = section_of("application-data", catalog).removeprefix("customer/")
    assert f'href="{related if related.startswith("#") else "../" + related}"' in entry_block(customer, new)
    doc = search_docs(build)[f"customer/#{new}"]
    assert doc["tags"] == ["zebra-backup-keyword"]
    matrix = build.page("matrix/index.html")
    assert re.search(rf'<tr data-entry="{new}">\s*<th scope="row"><a href="../customer/#{new}">', matrix)
    check = build.page("self-check/index.html")
    services = " ".join(s.id for s in catalog.services)
    first = catalog.services[0].id
    assert f'<details class="question srg-check" id="check-{first}-{new}" data-owner="customer" ' in check
    assert f'data-services="{services}"' in check[check.index(f'id="check-{first}-{new}"') :][:400]
    for service in catalog.services:
        assert f'<tr id="{service.id}-{new}">' in build.page(f"services/{service.id}/index.html")
    assert f"a/{new}/" in built_pages(build.site)
    top = catalog.layers[0]
    picture = picture_cells(build.page("index.html"))
    for service in catalog.services:
        assert "customer" in picture[(top.id, service.id)].owners.split(), (top.id, service.id)
    exported = json.loads(build.page("data/responsibilities.json"))
    assert exported["responsibilities"][-1]["title"] == "Backups | restores <b>now</b>"
    rows = list(csv.DictReader(io.StringIO(build.page("data/responsibilities.csv"))))
    assert [row["service"] for row in rows if row["id"] == new] == [s.id for s in catalog.services]


# -- the picture of the model on the home page ---------------------------------------------------


@dataclass(frozen=True)
class PictureCell:
    owners: str  # 'customer aws': the owners the layer's entries have on the service by default, customer's first
    words: str  # what a reader sees in it at desktop width
    href: str


def picture_cells(html: str) -> dict[tuple[str, str], PictureCell]:
    """The home page's picture, each cell by (layer, service)."""
    figure = tree(html[html.index('<figure class="srg-picture') : html.index("</figure>")])
    return {
        (td.attrs["data-layer"], td.attrs["data-service"]): PictureCell(
            td.attrs["data-owners"],
            " ".join(span.words for span in td.find_all("span", class_="srg-picture__word")),
            td.find("a").attrs["href"],
        )
        for td in figure.find_all("td")
    }


def default_owners(catalog: Catalog, layer: Layer, service: Service) -> list[str]:
    """The owners of a layer on a service, from the data: those its entries have there by default, customer's first."""
    held = {catalog.cell(entry, service.id).owner for entry in catalog.in_layer(layer)}
    return [owner for owner in CUSTOMER_TO_AWS if owner in held]


def test_the_picture_names_each_layer_by_the_owners_the_data_gives_its_entries(site: Build, catalog: Catalog) -> None:
    picture = picture_cells(site.page("index.html"))
    drawn = [layer for layer in catalog.layers if not layer.beside]
    assert set(picture) == {(layer.id, service.id) for layer in drawn for service in catalog.services}
    for layer in drawn:
        for service in catalog.services:
            owners = default_owners(catalog, layer, service)
            cell = picture[(layer.id, service.id)]
            assert cell.owners.split() == owners, (layer.id, service.id)
            assert cell.words == " ".join(OWNER_LABELS[o] for o in owners or ["n/a"]), (layer.id, service.id)
            assert cell.href.startswith(f"services/{service.id}/#"), (layer.id, service.id)
    # Facts that hold whatever else the data says: the customer runs EC2's guest OS, AWS the facilities,
    # and AWS has a part in Lambda's runtime and platform.
    assert picture[("guest-os", "ec2")].owners == "customer"
    assert picture[("guest-os", "ec2")].href == "services/ec2/#ec2-guest-os-patching"
    assert {picture[("facilities", s.id)].owners for s in catalog.services} == {"aws"}
    assert "aws" in picture[("runtime", "lambda")].owners.split()
    for service in ("s3", "dynamodb"):
        assert picture[("data", service)].owners.split() == default_owners(
            catalog, next(layer for layer in drawn if layer.id == "data"), catalog.service(service)
        )


def test_an_entry_moved_to_another_layer_moves_in_the_picture(
    build_project: Callable[..., Build], data_text: str, site: Build, catalog: Catalog
) -> None:
    """The customer's data put in the facilities: that layer is split on every service, nothing else moves."""
    document = yaml.safe_load(data_text)
    moved = "application-data"
    source = next(layer for layer in document["layers"] if moved in layer["responsibilities"])
    bottom = [layer for layer in document["layers"] if not layer.get("beside")][-1]
    source["responsibilities"].remove(moved)
    bottom["responsibilities"].append(moved)
    assert source is not bottom
    assert source["responsibilities"], "the layer of the customer's data holds nothing else"
    build = build_project(data=dump(document))
    assert build.returncode == 0, build.output
    before, after = picture_cells(site.page("index.html")), picture_cells(build.page("index.html"))
    changed = {key for key in before if before[key] != after[key]}
    for service in catalog.services:
        assert after[(bottom["id"], service.id)].owners.split()[0] == "customer", service.id
        assert after[(bottom["id"], service.id)].href == f"services/{service.id}/#{service.id}-{moved}"
    assert {layer for layer, _ in changed} <= {bottom["id"], source["id"]}
    assert {key for key in changed if key[0] == bottom["id"]} == {(bottom["id"], s.id) for s in catalog.services}


def test_exports_hold_exactly_the_entries_of_the_data_file(site: Build, catalog: Catalog) -> None:
    document = json.loads(site.page("data/responsibilities.json"))
    assert document.pop("$schema").endswith("/data/responsibilities.schema.json")
    exported = parse_catalog(json.dumps(document), DATA)
    assert exported.cells == catalog.cells
    for name in ("sources", "services", "categories", "glossary"):
        assert getattr(exported, name) == getattr(catalog, name), name
    assert [r.model_dump(exclude={"services"}) for r in exported.responsibilities] == [
        r.model_dump(exclude={"services"}) for r in catalog.responsibilities
    ]
    rows = list(csv.DictReader(io.StringIO(site.page("data/responsibilities.csv"))))
    assert [(row["id"], row["service"]) for row in rows] == [
        (r.id, s.id) for r in catalog.responsibilities for s in catalog.services
    ]
    for row in rows:
        entry = catalog.responsibility(row["id"])
        assert row["rule"] == entry.rule
        assert row["service_owner"] == catalog.cell(entry, row["service"]).owner
        assert row["url"].endswith("/" + section_of(entry.id, catalog)), row["url"]


def test_the_published_schema_is_the_one_the_model_generates(site: Build) -> None:
    assert site.page("data/responsibilities.schema.json") == schema_text(), "run `make schema`"


def test_comparison_page_links_the_exports(site: Build) -> None:
    html = site.page("comparison/index.html")
    for name in ("responsibilities.json", "responsibilities.csv", "responsibilities.schema.json"):
        assert f'href="../data/{name}"' in html


def test_every_entry_is_a_matrix_row_and_every_cell_a_self_check_question(site: Build, catalog: Catalog) -> None:
    matrix = site.page("matrix/index.html")
    check = site.page("self-check/index.html")
    questions = re.findall(
        r'<details class="question srg-check" id="check-([a-z0-9-]+)" [^>]*data-services="([^"]*)"', check
    )
    asked: Counter[tuple[str, str]] = Counter()
    for anchor, services in questions:
        first, *_ = services.split()
        entry_id = anchor.removeprefix(f"{first}-")
        assert entry_id in catalog.ids_and_aliases(), anchor
        asked.update((entry_id, service) for service in services.split())
    for entry in catalog.responsibilities:
        assert f'<tr data-entry="{entry.id}">' in matrix
        applies = [s.id for s in catalog.services if catalog.applies(entry, s.id)]
        assert applies, entry.id
        assert {s: asked[(entry.id, s)] for s in applies} == dict.fromkeys(applies, 1), entry.id
    assert sum(asked.values()) == sum(
        catalog.applies(e, s.id) for e in catalog.responsibilities for s in catalog.services
    )


# -- the glossary's terms: the first use in each section is a tooltip ---------------------------

# Elements whose text is a title, a label, code or a control: their terms stay plain.
NO_TERMS = {
    "h1", "h2", "h3", "h4", "h5", "h6", "caption", "a", "button", "summary", "code", "pre", "script", "style",
    "title", "dt", "thead", "label", "select", "option",
}  # fmt: skip
# Labels: owner badges, service names before a split or in a list of who holds what, "AWS does",
# the picture's labels.
NO_TERMS_CLASSES = {
    "srg-owner",
    "srg-split__service",
    "srg-owners",
    "srg-owners__who",
    "srg-picture__label",
    "srg-side__label",
}
VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr"}


class FirstUses(HTMLParser):
    """Every term's first use in each section of a page's article (heading to heading): a tooltip, or bare."""

    def __init__(self, terms: dict[str, str]) -> None:
        super().__init__()
        self.terms = terms
        names = "|".join(sorted(map(re.escape, terms), key=len, reverse=True))
        self.pattern = re.compile(rf"(?<![\w&#@./-])(?:{names})(?![\w@/-]|\.\d)")
        self.skipping: list[str] = []
        self.abbr: dict[str, str] | None = None
        self.section = ""
        self.seen: set[str] = set()
        self.bare: list[str] = []  # a section's first use of a term, without its tooltip
        self.misplaced: list[str] = []  # a tooltip in a link, heading, button or code, which keep terms plain
        self.wrong: list[str] = []  # a tooltip that says another term's expansion
        self.focusable: Counter[str] = Counter()  # tooltips a keyboard reaches: the page's first of each term
        self.tooltips: Counter[str] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self.section, self.seen = found.get("id") or tag, set()
        if tag == "abbr":
            self.abbr = found
        if tag in VOID or tag == "abbr":
            return
        if self.skipping:
            if tag == self.skipping[0]:
                self.skipping.append(tag)
        elif tag in NO_TERMS or set(found.get("class", "").split()) & NO_TERMS_CLASSES:
            self.skipping.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "abbr":
            self.abbr = None
        elif self.skipping and tag == self.skipping[0]:
            self.skipping.pop()

    def handle_data(self, data: str) -> None:
        if self.abbr is not None:
            term = data.strip()
            if self.terms.get(term) != self.abbr.get("title"):
                self.wrong.append(f"{term!r} titled {self.abbr.get('title')!r}")
            if self.skipping:
                self.misplaced.append(f"{term} in <{self.skipping[0]}> in #{self.section}")
            self.seen.add(term)
            self.focusable[term] += self.abbr.get("tabindex") == "0"
            self.tooltips[term] += 1
        elif not self.skipping:
            for term in self.pattern.findall(data):
                if term not in self.seen:
                    self.bare.append(f"{term} in #{self.section}")
                    self.seen.add(term)


def test_the_first_use_of_every_term_in_each_section_is_a_tooltip(site: Build, catalog: Catalog) -> None:
    terms = {t.term: t.expansion for t in catalog.glossary}
    problems = {}
    for path in built_pages(site.site):
        article = article_of(site.page(f"{path}index.html"))
        if article is None:  # not a page of the theme (a share page): no tooltips there
            continue
        uses = FirstUses(terms)
        uses.feed(article)
        found = {
            "first use without a tooltip": uses.bare[:5],
            "tooltip where terms stay plain": uses.misplaced[:5],
            "tooltip with another term's expansion": uses.wrong[:5],
            "not focusable exactly once": sorted(term for term in uses.tooltips if uses.focusable[term] != 1),
        }
        if any(found.values()):
            problems[path] = {kind: items for kind, items in found.items() if items}
    assert problems == {}


# -- bad input fails the build with the loader's message: file:line: entry: field -----------------


def replace_once(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def sub_once(pattern: str, replacement: str) -> Callable[[str], str]:
    """An edit of the data file: the first match of `pattern` (a multi-line regex) replaced."""

    def edit(text: str) -> str:
        changed, count = re.subn(pattern, replacement, text, count=1, flags=re.M)
        assert count == 1, f"the data file has no {pattern!r}"
        return changed

    return edit


# Each case: how to break the data file, the line the message must name (the text it starts with,
# CHANGED for the first line the edit changed, or None for any line) and the rest of the message.
CHANGED = "the first changed line"
DATA_CASES: dict[str, tuple[Callable[[str], str], str | None, str]] = {
    "yaml-syntax": (sub_once(r"^( *)rule: aws$", r"\1rule: [aws"), None, "YAML syntax error"),
    "unknown-field": (
        sub_once(r"^( *)- id: global-infrastructure\n", r"\1- id: global-infrastructure\n\1  colour: red\n"),
        CHANGED,
        "entry 'global-infrastructure': field 'colour' is not a known field (got 'red')",
    ),
    "missing-field": (
        sub_once(r"(- id: global-infrastructure\n(?: .*\n)*?) *category: facilities\n", r"\1"),
        "- id: global-infrastructure",
        "entry 'global-infrastructure': field 'category' is missing",
    ),
    "unknown-rule": (
        sub_once(r"(- id: application-data\n(?: .*\n)*? *rule: )customer$", r"\1'AWS '"),
        CHANGED,
        "entry 'application-data': field 'rule' must be one of aws, customer, shared (got 'AWS ')",
    ),
    "unknown-service": (
        sub_once(r"^( +)ec2: n/a$", r"\1ec3: n/a"),
        CHANGED,
        "field 'services.ec3' is not a service, a kind or 'default'",
    ),
    "bad-owner": (
        sub_once(r"^( +)services: aws$", r"\1services: amazon"),
        CHANGED,
        "entry 'global-infrastructure': field 'services' must be one of aws, customer, shared, n/a (got 'amazon')",
    ),
    "duplicate-id": (
        sub_once(r"- id: data-encryption$", "- id: application-data"),
        CHANGED,
        "entry 'application-data': field 'id' repeats 'application-data'",
    ),
    "unknown-related": (
        sub_once(r"related: \[data-center-access,", "related: [data-centre-access,"),
        CHANGED,
        "entry 'global-infrastructure': field 'related.0' names no responsibility (got 'data-centre-access')",
    ),
    "bad-date": (
        sub_once(r"^( +)checked: .*$", r"\1checked: yesterday"),
        CHANGED,
        "entry 'global-infrastructure': field 'checked' must be a date",
    ),
    "answer-of-two-sentences": (
        sub_once(r"^( +)summary: AWS builds and runs ", r"\1summary: AWS owns this. It builds and runs "),
        CHANGED,
        "entry 'global-infrastructure': field 'summary' must be one sentence of at most 30 words, ending with a "
        "full stop (got 2 sentences)",
    ),
    "answer-of-more-than-30-words": (
        sub_once(r"^( +)summary: AWS builds ", r"\1summary: In every Region of the whole world AWS builds "),
        CHANGED,
        "entry 'global-infrastructure': field 'summary' must be one sentence of at most 30 words, ending with a "
        "full stop (got 31 words)",
    ),
}


def expected_line(before: str, after: str, line: str | None) -> str:
    if line is None:
        return r"\d+"
    lines = after.splitlines()
    if line == CHANGED:
        old = before.splitlines()
        return str(next(n for n, text in enumerate(lines, 1) if n > len(old) or text != old[n - 1]))
    return str(next(n for n, text in enumerate(lines, 1) if text.strip().startswith(line)))


@pytest.mark.parametrize("case", DATA_CASES)
def test_bad_data_fails_the_build_naming_file_line_entry_and_field(
    case: str, build_project: Callable[..., Build], data_text: str
) -> None:
    mutate, line, message = DATA_CASES[case]
    data = mutate(data_text)
    build = build_project(data=data)
    assert build.returncode != 0
    assert not (build.site / "index.html").exists()
    where = rf"{re.escape(DATA)}:{expected_line(data_text, data, line)}: "
    if case == "unknown-service":
        where += "entry '[a-z0-9-]+': "
    assert re.search(where + re.escape(message), build.output), build.output


PAGE_CASES = {
    "unknown-reference": (
        "index.md",
        "See [[guest-os-patchin]].\n",
        r"docs/index.md:1: reference \[\[guest-os-patchin\]\] names no responsibility or source",
    ),
    "unknown-source-reference": (
        "index.md",
        "See [[source:rumours]].\n",
        r"docs/index.md:1: reference \[\[source:rumours\]\] names no",
    ),
    "unknown-marker": (
        "comparison.md",
        "# T\n\n<!-- srg:comparison-tabel -->\n",
        r"docs/comparison.md:3: unknown marker 'srg:comparison-tabel'",
    ),
    "unknown-marker-under-front-matter": (
        "comparison.md",
        "---\ntitle: Compare\ndescription: Every answer side by side.\n---\n\n# T\n\n<!-- srg:comparison-tabel -->\n",
        r"docs/comparison.md:8: unknown marker 'srg:comparison-tabel'",
    ),
    "marker-left-unreplaced": (
        "comparison.md",
        "# T\n\n<!-- srg:comparison-table\n",
        r"docs/comparison.md:3: srg marker left unreplaced",
    ),
    "bad-marker-argument": (
        "shared.md",
        '# T\n\n<!-- srg:responsibilities rule="everyone" -->\n',
        r"docs/shared.md:3: marker 'srg:responsibilities' needs rule=",
    ),
    "rule-never-rendered": (
        "shared.md",
        "# Shared\n",
        r"entry '[a-z0-9-]+' would not be rendered: no page has the marker "
        r'<!-- srg:responsibilities rule="shared" -->',
    ),
    "undefined-term": (
        "index.md",
        "# Home\n\nThe CISO signs off, with AWS and the CISO team.\n",
        r"docs/index.md: uses all-caps terms the glossary does not define: CISO \(2x\)\. "
        r"Define each under 'glossary' in docs/data/responsibilities.yml",
    ),
}


@pytest.mark.parametrize("case", PAGE_CASES)
def test_bad_page_markup_fails_the_build(case: str, build_project: Callable[..., Build]) -> None:
    page, text, pattern = PAGE_CASES[case]
    build = build_project(pages={page: text})
    assert build.returncode != 0
    assert re.search(pattern, build.output), build.output


def test_broken_hand_written_anchor_fails_strict_build(build_project: Callable[..., Build]) -> None:
    build = build_project(pages={"index.md": "# Home\n\n[gone](customer.md#no-such-anchor)\n"})
    assert build.returncode != 0
    assert "no-such-anchor" in build.output


# -- what reaches the final HTML: no reference or marker may survive there ----------------------

SNIPPETS = "pymdownx.snippets:\n      base_path: [snippets]\n      check_paths: true"


def with_snippets(config: str) -> str:
    """mkdocs.yml with pymdownx.snippets, which inserts a file's text after the hooks have seen the page."""
    return replace_once(config, "markdown_extensions:\n", f"markdown_extensions:\n  - {SNIPPETS}\n")


@pytest.mark.parametrize(
    ("snippet", "pattern"),
    [
        ("See [[guest-os-patching]].\n", r"docs/snippet-page\.md: a \[\[reference\]\] reached the HTML unresolved"),
        ("<!-- srg:sources -->\n", r"docs/snippet-page\.md:\d+: srg marker left unreplaced"),
    ],
    ids=["reference", "marker"],
)
def test_a_reference_or_marker_that_reaches_the_html_fails_the_build(
    build_project: Callable[..., Build], snippet: str, pattern: str
) -> None:
    """A Markdown extension (here an included snippet) can add text the hooks never saw as Markdown."""
    build = build_project(
        pages={"snippet-page.md": '# Included\n\n--8<-- "included.md"\n'},
        files={"snippets/included.md": snippet},
        config=lambda config: add_to_nav("Included", "snippet-page.md")(with_snippets(config)),
    )
    assert build.returncode != 0
    assert re.search(pattern, build.output), build.output


def test_an_escaped_reference_that_markdown_turns_into_one_fails_the_build(
    build_project: Callable[..., Build],
) -> None:
    build = build_project(pages={"index.md": "# Home\n\nSee [\\[guest-os-patching]].\n"})
    assert build.returncode != 0
    assert re.search(r"docs/index\.md: a \[\[reference\]\] reached the HTML unresolved", build.output), build.output


def test_a_marker_written_about_as_text_builds_and_shows_literally(build_project: Callable[..., Build]) -> None:
    build = build_project(
        pages={"index.md": "# Home\n\nWrite &lt;!-- srg:sources --&gt; where the sources go.\n"},
    )
    assert build.returncode == 0, build.output
    assert "Write &lt;!-- srg:sources --&gt; where the sources go." in build.page("index.html")


def test_a_marker_in_a_code_span_builds_and_shows_as_code(build_project: Callable[..., Build]) -> None:
    page = "# Home\n\nThe marker `<!-- srg:x -->` stands for a block; `[[guest-os-patching]]` links to it.\n"
    build = build_project(pages={"index.md": page})
    assert build.returncode == 0, build.output
    html = build.page("index.html")
    assert "<code>&lt;!-- srg:x --&gt;</code>" in html
    assert "<code>[[guest-os-patching]]</code>" in html


# -- the order of the hooks in mkdocs.yml does not matter ------------------------------------------


def reversed_hooks(config: str) -> str:
    hooks = re.search(r"(?m)^hooks:\n((?:  - .*\n)+)", config)
    assert hooks, "mkdocs.yml lists no hooks"
    listed = hooks[1].splitlines(keepends=True)
    assert len(listed) > 1
    return config[: hooks.start(1)] + "".join(reversed(listed)) + config[hooks.end(1) :]


def articles(site: Build) -> dict[str, str]:
    """Every page's <article> (its content, without the navigation), or the whole page if it has none."""
    found = {}
    for path in built_pages(site.site):
        html = site.page(f"{path}index.html")
        found[path] = article_of(html) or html
    return found


def test_the_hooks_listed_in_reverse_build_the_same_site(
    build_project: Callable[..., Build], site: Build, catalog: Catalog
) -> None:
    build = build_project(config=reversed_hooks)
    assert build.returncode == 0, build.output
    assert articles(build) == articles(site)
    assert json.loads(build.page("search/search_index.json")) == json.loads(site.page("search/search_index.json"))
    assert build.page("_headers") == site.page("_headers")


# -- the page list of the browser and audit checks comes from the built site --------------------


def test_a_new_page_is_in_the_page_list_the_browser_checks_and_audits_visit(
    build_project: Callable[..., Build], site: Build
) -> None:
    build = build_project(
        pages={"faq.md": "# Frequently asked\n\nWho patches what? See [[guest-os-patching]].\n"},
        config=add_to_nav("FAQ", "faq.md"),
    )
    assert build.returncode == 0, build.output
    found = built_pages(build.site)
    assert "faq/" in found
    assert "faq/" in sampled_pages(found)
    assert set(found) == {*built_pages(site.site), "faq/"}


def test_the_audits_take_every_page_but_sample_the_share_pages(pages: list[str], audited_pages: list[str]) -> None:
    shares = [page for page in pages if page.startswith("a/")]
    assert len(shares) > 1
    assert [page for page in audited_pages if page.startswith("a/")] == shares[:1]
    assert sorted(set(pages) - set(audited_pages)) == shares[1:]


def test_the_guides_scripts_wait_for_the_page_and_the_theme_and_its_tables_arrive_wrapped(site: Build) -> None:
    """The guide's scripts are deferred, after the theme's bundle, theme.js first (the others ask it);
    the theme's palette form is handed to theme.js, its search dialog named; every table comes wrapped."""
    for path in built_pages(site.site):
        if path.startswith("a/"):
            continue
        html = site.page(path + "index.html")
        scripts = [src.rsplit("/", 1)[-1] for src in re.findall(r"<script\b[^>]*\bsrc=\"([^\"]+)\"", html)]
        guides = [name for name in scripts if not name.startswith("bundle.")]
        assert scripts[0].startswith("bundle."), (path, scripts)
        assert guides[0] == "theme.js", (path, guides)
        for name in guides:
            assert re.search(rf'<script src="[^"]*{re.escape(name)}" defer></script>', html), (path, name)
        assert html.count(GUIDE_PALETTE) == 1, path
        assert html.count(NAMED_SEARCH_DIALOG) == 1, path
        assert "<table>" not in html, path


def test_the_themes_templates_are_kept_compiled_outside_every_watched_folder() -> None:
    """MkDocs's `env` event gives the theme's environment a bytecode cache; `mkdocs serve` watches docs/,
    hooks/ and overrides/, so a cache written there would start a second rebuild after each edit."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    env = theme.on_env(config.theme.get_env(), config=config, files=Files([]))
    assert isinstance(env.bytecode_cache, FileSystemBytecodeCache)
    cache = Path(env.bytecode_cache.directory).resolve()
    watched = [Path(config.docs_dir), ROOT / "hooks", ROOT / "overrides", *map(Path, config.watch)]
    assert not any(cache.is_relative_to(folder.resolve()) for folder in watched), cache


def test_the_tables_of_contents_list_answers_not_the_pointers_left_at_old_anchors(
    site: Build, catalog: Catalog
) -> None:
    pointers = 0
    for rule, page in PAGE_OF_RULE.items():
        html = site.page(f"{page}/index.html")
        contents = set(re.findall(r'<a href="#([a-z0-9-]+)" class="md-nav__link">', html))
        moved = [entry.id for entry in catalog.responsibilities if rule in entry.moved_from]
        pointers += len(moved)
        assert "moved" not in contents, page
        assert {entry.id for entry in catalog.under_rule(rule)} <= contents, page
        if moved:
            assert '<h2 id="moved" class="srg-moved-title" data-search-exclude>' in html, page
    assert pointers, "the data file leaves no pointer: this test no longer reads one"


def test_every_service_page_says_when_its_answers_were_checked(site: Build, catalog: Catalog) -> None:
    for service in catalog.services:
        days = sorted(entry.checked for entry in catalog.responsibilities if catalog.applies(entry, service.id))
        html = site.page(f"services/{service.id}/index.html")
        said = re.search(r'<p class="srg-checked">Answers checked against AWS documentation (.*?)\.</p>', html)
        assert said, service.id
        assert re.findall(r'<time datetime="([0-9-]+)">', said[1]) == sorted(
            {days[0].isoformat(), days[-1].isoformat()}
        ), service.id


PIN_SLOT = re.compile(r'<div class="srg-pin-slot" data-srg-pin="([^"]*)"><p class="srg-pin">Showing every service.</p>')


def test_without_javascript_every_row_shows_and_each_names_its_services(site: Build, catalog: Catalog) -> None:
    """Pinning is an enhancement (docs/assets/pinned-services.js): the HTML lists every service's row, none
    folded, each marked with the ids of its services, and each page with such rows has one slot that names
    the guide's services for the script."""
    ids = [s.id for s in catalog.services]
    expected = [{"id": s.id, "name": s.name, "short": s.short_name} for s in catalog.services]
    for page in ["aws", "customer", "shared", "services", "comparison", "self-check"]:
        article = article_of(site.page(f"{page}/index.html"))
        assert article, page
        slots = PIN_SLOT.findall(article)
        assert len(slots) == 1, page
        assert json.loads(unescape(slots[0])) == expected, page
        assert "srg-folded" not in article, page
        assert not re.search(r"<(li|tr|div)\b[^>]*\bdata-service=\"[^\"]*\"[^>]*\bhidden\b", article), page
    index = article_of(site.page("services/index.html"))
    assert re.findall(r'<tr data-service="([a-z0-9-]+)"[^>]*>', index) == ids
    for entry in catalog.responsibilities:
        block = entry_block(site.page(f"{PAGE_OF_RULE[entry.rule]}/index.html"), entry.id)
        rows = re.findall(r'<li data-service="([a-z0-9 -]+)"[^>]*>', block)
        assert sorted(i for row in rows for i in row.split()) == sorted(ids), entry.id
    comparison = article_of(site.page("comparison/index.html"))
    for entry_id, row in re.findall(r'<tr data-entry="([a-z0-9-]+)">(.*?)</tr>', comparison, flags=re.S):
        entry = catalog.responsibility(entry_id)
        applying = [s.id for s in catalog.services if catalog.applies(entry, s.id)]
        assert re.search(rf'<td data-service="{" ".join(applying)}">', row), entry_id
        groups = re.findall(r'<span class="srg-owners__group" data-service="([a-z0-9 -]+)">', row)
        if groups:
            assert sorted(i for group in groups for i in group.split()) == sorted(applying), entry_id
    check = article_of(site.page("self-check/index.html"))
    question = r'<div class="srg-question" data-service="([a-z0-9 -]+)">\s*<details[^>]*data-services="([^"]+)"'
    questions = re.findall(question, check)
    assert questions
    assert all(mine == theirs for mine, theirs in questions)


def test_each_service_checklist_is_ordered_by_severity_and_shows_each_items_checks(
    site: Build, catalog: Catalog
) -> None:
    """Critical, High, Medium, Low, Informational, then the items with no automated check, marked; each item shows
    the checks of its cell, each linked to its section of the Security Hub user guide."""
    levels = ["critical", "high", "medium", "low", "informational", "none"]
    for service in catalog.services:
        html = site.page(f"services/{service.id}/index.html")
        items = checklist_items(html)
        ranks = [levels.index(severity) for _, _, severity in items]
        assert ranks == sorted(ranks), service.id
        for entry_id, _, severity in items:
            item = re.search(rf'<li id="do-{entry_id}" .*?</li>', html, flags=re.S)
            assert item
            controls = catalog.checks(catalog.cell(catalog.responsibility(entry_id), service.id))
            assert severity == (controls[0].severity.lower() if controls else "none"), (service.id, entry_id)
            shown = re.findall(r'<a class="srg-hub__id" href="([^"]+)">([^<]+)</a>', item[0])
            assert shown == [(c.guide_url, c.id) for c in controls], (service.id, entry_id)
            assert ('class="srg-severity srg-severity--none">No automated check<' in item[0]) == (not controls)
    rds = checklist_items(site.page("services/rds/index.html"))
    assert rds[0][2] in ("critical", "high")
    assert rds[-1][2] == "none"
