"""Build tests of the real site: every entry reaches the table, its section and search;
bad input fails the build with the validator's message."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable

import pytest

from conftest import ROOT, Build
from srg.load import parse_catalog

PAGE_OF_OWNER = {"aws": "aws", "customer": "customer", "shared": "shared"}
DATA = "docs/data/responsibilities.yml"


@pytest.fixture(scope="module")
def catalog(data_text: str):
    return parse_catalog(data_text, DATA)


def search_locations(site: Build) -> dict[str, str]:
    index = json.loads(site.page("search/search_index.json"))
    return {doc["location"]: doc["title"] for doc in index["docs"]}


def test_every_entry_is_a_row_of_the_comparison_table(site: Build, catalog) -> None:
    html = site.page("comparison/index.html")
    table = html[html.index('<div class="srg-comparison">') :]
    rows = [row for row in re.findall(r"<tr>(.*?)</tr>", table, flags=re.S) if "<td>" in row]
    by_area = [r for c in catalog.categories for r in catalog.in_category(c.id)]
    assert len(rows) == len(catalog.responsibilities)
    for row, entry in zip(rows, by_area, strict=True):
        assert f'href="../{PAGE_OF_OWNER[entry.owner]}/#{entry.id}"' in row
        assert f"srg-owner--{entry.owner}" in row


def test_every_entry_is_a_section_anchored_at_its_id(site: Build, catalog) -> None:
    for entry in catalog.responsibilities:
        html = site.page(f"{PAGE_OF_OWNER[entry.owner]}/index.html")
        assert re.search(rf'<h2 class="srg-responsibility" id="{entry.id}">', html), entry.id
        assert f'href="#{entry.id}" title="Link to this section"' in html


def test_every_entry_is_its_own_search_result(site: Build, catalog) -> None:
    locations = search_locations(site)
    for entry in catalog.responsibilities:
        assert f"{PAGE_OF_OWNER[entry.owner]}/#{entry.id}" in locations, entry.id


def test_every_entry_appears_on_each_service_page_or_as_not_applicable(site: Build, catalog) -> None:
    html = site.page("services/index.html")
    for entry in catalog.responsibilities:
        assert html.count(f"/#{entry.id}") >= len(catalog.services), entry.id


def test_related_and_source_links_resolve_across_pages(site: Build) -> None:
    html = site.page("customer/index.html")
    assert 'href="../shared/#patch-management"' in html
    assert 'href="../aws/#host-os-patching"' in html
    assert 'href="../sources/#source-review-notes"' in html
    sources = site.page("sources/index.html")
    assert 'id="source-wa-security-pillar"' in sources
    assert 'href="../shared/#managed-service-patching"' in sources


NEW_ENTRY = """
  - id: backup-and-recovery-test
    title: "Backups | restores <b>now</b>"
    owner: customer
    category: data
    summary: A test entry added only to the data file.
    aws: Runs the storage.
    customer: Takes and tests its backups.
    services: customer
    related: [application-data]
    search: [zebra-backup-keyword]
    sources: [aws-srm]
"""


def test_an_entry_added_to_the_data_file_alone_appears_everywhere(
    build_project: Callable[..., Build], data_text: str
) -> None:
    build = build_project(data=data_text + NEW_ENTRY)
    assert build.returncode == 0, build.output
    comparison = build.page("comparison/index.html")
    assert 'href="../customer/#backup-and-recovery-test"' in comparison
    assert "Backups &#124; restores &#60;b&#62;now&#60;/b&#62;" in comparison
    assert "<b>now</b>" not in comparison
    customer = build.page("customer/index.html")
    assert '<h2 class="srg-responsibility" id="backup-and-recovery-test">' in customer
    assert "customer/#backup-and-recovery-test" in search_locations(build)
    assert 'href="../customer/#backup-and-recovery-test"' in build.page("services/index.html")
    matrix = build.page("matrix/index.html")
    assert '<tr data-entry="backup-and-recovery-test">' in matrix
    assert 'href="../customer/#backup-and-recovery-test"' in matrix
    check = build.page("self-check/index.html")
    for service in ("ec2", "ecs-ec2", "fargate", "rds", "lambda", "s3-dynamodb"):
        assert f'id="check-{service}-backup-and-recovery-test"' in check
    exported = json.loads(build.page("data/responsibilities.json"))
    assert exported["responsibilities"][-1]["title"] == "Backups | restores <b>now</b>"
    rows = list(csv.DictReader(io.StringIO(build.page("data/responsibilities.csv"))))
    assert sum(row["id"] == "backup-and-recovery-test" for row in rows) == 6


def test_exports_hold_exactly_the_entries_of_the_data_file(site: Build, data_text: str) -> None:
    catalog = parse_catalog(data_text, DATA)
    document = json.loads(site.page("data/responsibilities.json"))
    assert document.pop("$schema").endswith("/data/responsibilities.schema.json")
    assert parse_catalog(json.dumps(document), DATA) == catalog
    rows = list(csv.DictReader(io.StringIO(site.page("data/responsibilities.csv"))))
    assert [(row["id"], row["service"]) for row in rows] == [
        (r.id, s.id) for r in catalog.responsibilities for s in catalog.services
    ]
    for row in rows:
        assert row["url"].endswith(f"/{PAGE_OF_OWNER[row['owner']]}/#{row['id']}")
    assert site.page("data/responsibilities.schema.json") == (
        ROOT / "docs/data/responsibilities.schema.json"
    ).read_text(encoding="utf-8")


def test_comparison_page_links_the_exports(site: Build) -> None:
    html = site.page("comparison/index.html")
    for name in ("responsibilities.json", "responsibilities.csv", "responsibilities.schema.json"):
        assert f'href="../data/{name}"' in html


def test_every_entry_is_a_matrix_row_and_a_self_check_question(site: Build, catalog) -> None:
    matrix = site.page("matrix/index.html")
    check = site.page("self-check/index.html")
    for entry in catalog.responsibilities:
        assert f'<tr data-entry="{entry.id}">' in matrix
        applies = [s for s in catalog.services if entry.services[s.id].owner != "n/a"]
        assert applies, entry.id
        for service in applies:
            assert f'id="check-{service.id}-{entry.id}"' in check


def test_every_use_of_every_term_is_a_tooltip(site: Build, catalog) -> None:
    from test_content import PAGES

    for path in PAGES:
        html = site.page(path)
        body = html[html.index('<article class="md-content__inner') : html.index("</article>")]
        body = re.sub(r"<dt [^>]*srg-term[^>]*>.*?</dt>", "", body)  # the glossary's own entries
        body = re.sub(r"<(code|pre)\b.*?</\1>", "", body, flags=re.S)
        body = re.sub(r'<span class="srg-owner [^"]*">[^<]*</span>', "", body)  # owner badges are labels
        for term in catalog.glossary:
            tooltip = rf'<abbr (?:tabindex="0" )?title="{re.escape(term.expansion)}">{term.term}</abbr>'
            bare = re.sub(r"<[^>]+>", " ", re.sub(tooltip, "", body))
            assert not re.search(rf"(?<![\w-]){term.term}(?![\w-])", bare), (path, term.term)


def replace_once(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


DATA_CASES = {
    "yaml-syntax": (
        lambda t: replace_once(t, "    owner: aws\n", "    owner: [aws\n"),
        [rf"{DATA}:\d+: YAML syntax error"],
    ),
    "empty-file": (lambda t: "", [rf"{DATA}: the data file is empty"]),
    "missing-field": (
        lambda t: replace_once(t, "    summary: AWS builds, runs", "    summry: AWS builds, runs"),
        [rf"{DATA}:\d+: entry 'global-infrastructure': unknown field 'summry'"],
    ),
    "missing-required": (
        lambda t: replace_once(
            t,
            "    category: facilities\n",
            "",
        ),
        [rf"{DATA}:\d+: entry 'global-infrastructure': missing field 'category'"],
    ),
    "unknown-owner": (
        lambda t: replace_once(t, "    owner: customer\n", "    owner: 'AWS '\n"),
        [rf"{DATA}:\d+: entry 'application-data': field 'owner' must be one of aws, customer, shared \(got 'AWS '\)"],
    ),
    "unknown-service": (
        lambda t: replace_once(t, "      ec2: customer\n", "      ec3: customer\n"),
        [rf"{DATA}:\d+: entry 'application-data': field 'services': unknown service 'ec3'"],
    ),
    "duplicate-id": (
        lambda t: replace_once(t, "  - id: data-encryption\n", "  - id: application-data\n"),
        [rf"{DATA}:\d+: entry 'application-data': field 'id': duplicate id 'application-data'"],
    ),
    "unknown-related": (
        lambda t: replace_once(t, "related: [data-center-access,", "related: [data-centre-access,"),
        [
            rf"{DATA}:\d+: entry 'global-infrastructure': "
            r"field 'related': unknown responsibility id 'data-centre-access'"
        ],
    ),
}


@pytest.mark.parametrize("case", DATA_CASES)
def test_bad_data_fails_the_build_naming_file_entry_and_field(
    case: str, build_project: Callable[..., Build], data_text: str
) -> None:
    mutate, patterns = DATA_CASES[case]
    build = build_project(data=mutate(data_text))
    assert build.returncode != 0
    assert not (build.site / "index.html").exists()
    for pattern in patterns:
        assert re.search(pattern, build.output), build.output


PAGE_CASES = {
    "unknown-reference": (
        "index.md",
        "See [[guest-os-patchin]].\n",
        r"docs/index.md:1: reference \[\[guest-os-patchin\]\] names no",
    ),
    "unknown-source-reference": (
        "index.md",
        "See [[source:rumours]].\n",
        r"docs/index.md:1: reference \[\[source:rumours\]\]",
    ),
    "unknown-marker": (
        "comparison.md",
        "# T\n\n<!-- srg:comparison-tabel -->\n",
        r"docs/comparison.md:3: unknown marker 'srg:comparison-tabel'",
    ),
    "marker-left-unreplaced": (
        "comparison.md",
        "# T\n\n<!-- srg:comparison-table\n",
        r"docs/comparison.md:3: malformed srg marker left unreplaced",
    ),
    "owner-never-rendered": ("shared.md", "# Shared\n", r"entry 'patch-management' would not be rendered"),
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
