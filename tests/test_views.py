"""Unit tests of the matrix, self-check, glossary, exports and the undefined-term check."""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
from html.parser import HTMLParser

import jsonschema
import markdown
import pytest
import yaml

from conftest import DATA_FILE
from srg import exports, views
from srg.load import parse_catalog
from srg.model import Catalog
from srg.terms import focusable_first_uses, prose_text, undefined_terms
from test_load import NAME, minimal
from test_render import HOSTILE

SCHEMA = json.loads((DATA_FILE.parent / "responsibilities.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def real() -> Catalog:
    return parse_catalog(DATA_FILE.read_text(encoding="utf-8"), NAME)


def to_html(text: str, catalog: Catalog) -> str:
    text = re.sub(r"\[\[([a-z0-9-]+)\]\]", r"[\1](page.md#\1)", text)
    extensions = ["md_in_html", "attr_list", "abbr", "toc", "pymdownx.details"]
    return markdown.markdown(text + "\n\n" + views.abbreviations(catalog), extensions=extensions)


class Cells(HTMLParser):
    """The matrix as (area, entry, [(services, owner, colspan)]) rows."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple[str, str, list[tuple[list[str], str, int]]]] = []
        self.area = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "tbody":
            self.area = found["data-area"] or ""
        elif tag == "tr" and "data-entry" in found:
            self.rows.append((self.area, found["data-entry"] or "", []))
        elif tag == "td":
            cell = ((found["data-service"] or "").split(), found["data-owner"] or "", int(found.get("colspan") or 1))
            self.rows[-1][2].append(cell)


def matrix_rows(catalog: Catalog) -> list[tuple[str, str, list[tuple[list[str], str, int]]]]:
    parser = Cells()
    parser.feed(to_html(views.service_matrix(catalog), catalog))
    return parser.rows


def test_matrix_has_every_entry_once_under_its_area_in_data_order(real: Catalog) -> None:
    rows = matrix_rows(real)
    expected = [(c.id, r.id) for c in real.categories for r in real.in_category(c.id)]
    assert [(area, entry) for area, entry, _ in rows] == expected
    assert len(rows) == len(real.responsibilities)


def test_every_matrix_cell_covers_its_services_with_the_owner_there(real: Catalog) -> None:
    service_ids = [s.id for s in real.services]
    for _, entry_id, cells in matrix_rows(real):
        entry = real.responsibility(entry_id)
        covered = [service for services, _, _ in cells for service in services]
        assert covered == service_ids, entry_id
        for services, owner, span in cells:
            assert span == len(services)
            for service in services:
                assert owner == entry.services[service].owner.replace("n/a", "na"), (entry_id, service)


def test_matrix_merges_neighbours_only_when_owner_and_reason_agree(real: Catalog) -> None:
    for _, entry_id, cells in matrix_rows(real):
        entry = real.responsibility(entry_id)
        for services, _, _ in cells:
            says = {(entry.services[s].owner, entry.reason_on(s)) for s in services}
            assert len(says) == 1, (entry_id, services)
        for (left, _, _), (right, _, _) in itertools.pairwise(cells):
            a, b = entry.services[left[-1]], entry.services[right[0]]
            assert (a.owner, entry.reason_on(left[-1])) != (b.owner, entry.reason_on(right[0])), entry_id
    facilities = dict((entry, cells) for _, entry, cells in matrix_rows(real))["data-center-access"]
    assert len(facilities) == 1
    assert facilities[0][2] == len(real.services)


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_shows_literally_in_matrix_and_self_check(text: str) -> None:
    document = minimal()
    document["responsibilities"][0]["services"]["lambda"]["note"] = text
    document["responsibilities"][0]["question"] = "who " + text + "?"
    catalog = parse_catalog(yaml.safe_dump(document, sort_keys=False), NAME)
    for block in (views.service_matrix(catalog), views.self_check(catalog)):
        html = to_html(block, catalog)
        assert "<script" not in html
        assert 'href="https://evil' not in html
        assert "<strong>bold" not in html
        assert text in " ".join(prose_text(html).split())


def test_self_check_asks_every_applicable_cell_and_answers_with_the_owner(real: Catalog) -> None:
    html = to_html(views.self_check(real), real)
    asked_entries, asked_services = set(), set()
    for entry in real.responsibilities:
        for service in real.services:
            anchor = f'id="check-{service.id}-{entry.id}"'
            if entry.services[service.id].owner == "n/a":
                assert anchor not in html
                continue
            block = html[html.index(anchor) : html.index("</details>", html.index(anchor))]
            summary = prose_text(block[block.index("<summary>") : block.index("</summary>")]).strip()
            assert summary == f"On {service.name}, {entry.ask()}"
            owner = entry.services[service.id].owner
            assert f"srg-owner--{owner}" in block
            assert f'href="page.md#{entry.id}"' in block
            asked_entries.add(entry.id)
            asked_services.add(service.id)
    assert asked_entries == {r.id for r in real.responsibilities}
    assert asked_services == {s.id for s in real.services}
    assert "<details" in html
    assert "open" not in re.findall(r"<details[^>]*>", html)[0]


def test_glossary_lists_every_term_in_order_with_an_anchor(real: Catalog) -> None:
    html = to_html(views.glossary(real), real)
    terms = re.findall(r'<dt class="srg-term" id="term-([a-z0-9]+)">', html)
    assert terms == sorted(t.term.lower() for t in real.glossary)
    assert {"aws", "az", "crac", "ups", "vpc", "iam", "os", "mfa", "kms", "rds", "ec2", "s3", "iaas", "paas"} <= set(
        terms
    )


def test_every_term_becomes_an_abbreviation_with_its_expansion(real: Catalog) -> None:
    html = to_html("Patch the guest OS on EC2, not in IaaS.", real)
    assert '<abbr title="Operating system">OS</abbr>' in html
    assert '<abbr title="Amazon Elastic Compute Cloud">EC2</abbr>' in html
    assert '<abbr title="Infrastructure as a service">IaaS</abbr>' in html


def test_undefined_all_caps_terms_are_found_outside_code_and_markup(real: Catalog) -> None:
    html = (
        '<p title="NOPE">The FOO team runs EC2 and S3 with X9 <code>BAR</code>, '
        '<a href="https://QUX.example">link</a> and <abbr title="x">AWS</abbr>, not I or A.</p>'
    )
    assert dict(undefined_terms(html, real.glossary)) == {"FOO": 1, "X9": 1}


def test_json_export_validates_against_the_schema_and_loads_back_to_the_same_catalog(real: Catalog) -> None:
    text = exports.as_json(real, "https://example.org/data/responsibilities.schema.json")
    document = json.loads(text)
    jsonschema.Draft202012Validator(SCHEMA).validate(document)
    document.pop("$schema")
    again = parse_catalog(json.dumps(document), NAME)
    assert again == real


def test_csv_export_has_a_row_per_entry_and_service_in_order(real: Catalog) -> None:
    urls = {r.id: f"https://example.org/x/#{r.id}" for r in real.responsibilities}
    rows = list(csv.DictReader(io.StringIO(exports.as_csv(real, urls))))
    assert tuple(rows[0]) == exports.CSV_COLUMNS
    assert [(row["id"], row["service"]) for row in rows] == [
        (r.id, s.id) for r in real.responsibilities for s in real.services
    ]
    for row in rows:
        entry = real.responsibility(row["id"])
        assert row["service_owner"] == entry.services[row["service"]].owner
        assert row["reason"] == entry.reason_on(row["service"])
        assert row["url"] == urls[row["id"]]


def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_are_made_inert() -> None:
    document = minimal()
    document["responsibilities"][0]["title"] = '=HYPERLINK("https://evil.example")'
    catalog = parse_catalog(yaml.safe_dump(document, sort_keys=False), NAME)
    rows = list(csv.reader(io.StringIO(exports.as_csv(catalog, {r.id: "u" for r in catalog.responsibilities}))))
    assert rows[1][1] == '\'=HYPERLINK("https://evil.example")'
    assert all(not cell.startswith(exports.FORMULA_STARTS) for row in rows for cell in row)


def test_first_use_of_each_term_outside_links_gets_keyboard_focus() -> None:
    html = (
        '<p><a href="x"><abbr title="a">AWS</abbr></a> <abbr title="a">AWS</abbr> <abbr title="a">AWS</abbr> '
        '<summary><abbr title="o">OS</abbr></summary> <abbr title="o">OS</abbr></p>'
    )
    assert focusable_first_uses(html) == (
        '<p><a href="x"><abbr title="a">AWS</abbr></a> <abbr tabindex="0" title="a">AWS</abbr> '
        '<abbr title="a">AWS</abbr> <summary><abbr title="o">OS</abbr></summary> '
        '<abbr tabindex="0" title="o">OS</abbr></p>'
    )
