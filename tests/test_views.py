"""The views across services (matrix, self-check), the glossary tooltips (terms.abbreviate) and the CSV export."""

from __future__ import annotations

import csv
import html
import io
import itertools
import json
import re
from typing import Any

import pytest
from helpers import Element, entry, linker, minimal, parse, real_catalog, site_of, tree

from srg import blocks, exports, model
from srg.model import Catalog, Cell
from srg.pipeline import render_page
from srg.terms import _AFTER, TermMarker, _trie, abbreviate, undefined_terms

GUEST = "guest-os-patching"
HOST = "host-os-patching"


def with_services(services: Any) -> Catalog:
    document = minimal()
    entry(document, GUEST)["services"] = services
    return parse(document)


# -- the service matrix ---------------------------------------------------------------------------


def matrix(data: Catalog) -> dict[str, list[Element]]:
    """The matrix's body cells by entry id."""
    page = tree(blocks.service_matrix(data, linker(data), {}))
    return {tr.attrs["data-entry"]: tr.find_all("td") for tr in page.find_all("tr") if "data-entry" in tr.attrs}


def runs(cells: list[Element]) -> list[tuple[str, str, int, str]]:
    return [
        (td.attrs["data-service"], td.attrs["data-owner"], int(td.attrs.get("colspan", 1)), td.attrs["data-label"])
        for td in cells
    ]


def test_matrix_merges_neighbouring_services_that_say_the_same() -> None:
    rows = matrix(parse(minimal()))
    assert runs(rows[GUEST]) == [
        ("ec2", "customer", 1, "Amazon EC2"),
        ("lambda", "aws", 1, "AWS Lambda"),  # AWS, as on S3, but with its own note
        ("s3 dynamodb", "aws", 2, "Amazon S3, Amazon DynamoDB"),
    ]
    assert runs(rows[HOST]) == [("ec2 lambda s3 dynamodb", "aws", 4, "Every service")]
    assert rows[GUEST][1].find("span", class_="srg-reason").words == "No guest OS to patch."
    assert rows[HOST][0].words == "AWS Patches the host."


def test_matrix_does_not_merge_equal_cells_that_are_not_neighbours() -> None:
    rows = matrix(with_services({"default": "customer", "lambda": "shared"}))
    assert runs(rows[GUEST]) == [
        ("ec2", "customer", 1, "Amazon EC2"),
        ("lambda", "shared", 1, "AWS Lambda"),
        ("s3 dynamodb", "customer", 2, "Amazon S3, Amazon DynamoDB"),
    ]
    assert (
        rows[GUEST][1].find("span", class_="srg-reason").words == "AWS: Patches the host. Customer: Patches the guest."
    )


def test_matrix_cells_that_do_not_apply_show_no_reason_and_merge() -> None:
    rows = matrix(with_services({"default": "n/a", "ec2": "customer"}))
    assert runs(rows[GUEST]) == [
        ("ec2", "customer", 1, "Amazon EC2"),
        ("lambda s3 dynamodb", "na", 3, "AWS Lambda, Amazon S3, Amazon DynamoDB"),
    ]
    assert rows[GUEST][1].words == "Does not apply"
    assert not rows[GUEST][1].find_all("span", class_="srg-reason")


def test_real_matrix_covers_every_service_once_and_merges_only_what_agrees() -> None:
    data = real_catalog()
    page = tree(blocks.service_matrix(data, linker(data), {}))
    areas = page.find_all("tbody", class_="srg-matrix__area")
    order = [
        (tbody.attrs["data-area"], tr.attrs["data-entry"])
        for tbody in areas
        for tr in tbody.find_all("tr")
        if "data-entry" in tr.attrs
    ]
    assert order == [(c.id, r.id) for c in data.categories for r in data.in_category(c.id)]
    service_ids = [s.id for s in data.services]

    def says(item: Any, service: str) -> tuple[str, str]:
        cell = data.cell(item, service)
        shown = "" if cell.owner == "n/a" and not cell.note else data.reason_on(item, service)
        return (cell.owner.replace("n/a", "na"), shown)

    for entry_id, cells in matrix(data).items():
        item = data.responsibility(entry_id)
        groups = [td.attrs["data-service"].split() for td in cells]
        assert [s for group in groups for s in group] == service_ids, entry_id
        for td, group in zip(cells, groups, strict=True):
            assert int(td.attrs.get("colspan", 1)) == len(group)
            assert {says(item, s) for s in group} == {(td.attrs["data-owner"], says(item, group[0])[1])}
        for left, right in itertools.pairwise(groups):
            assert data.cell(item, left[-1]).key != data.cell(item, right[0]).key, (entry_id, left, right)


# -- the self-check -----------------------------------------------------------------------------------


def questions_of(data: Catalog) -> dict[str, Element]:
    page = tree(blocks.self_check(data, linker(data), {}))
    return {details.attrs["id"]: details for details in page.find_all("details")}


def test_a_question_with_the_same_answer_on_several_services_is_asked_once() -> None:
    data = parse(minimal())
    asked = questions_of(data)
    assert list(asked) == [
        "check-ec2-guest-os-patching",
        "check-ec2-host-os-patching",
        "check-lambda-guest-os-patching",
        "check-s3-guest-os-patching",
    ]
    host = asked["check-ec2-host-os-patching"]
    assert host.attrs["data-services"] == "ec2 lambda s3 dynamodb"
    assert host.find("summary").words == (
        "On every service, in the default setup, who is responsible for host OS patching?"
    )
    assert host.find("p", class_="srg-answer").words == "AWS Patches the host."
    setup = host.find("p", class_="srg-check-setup")
    assert [a.words for a in setup.find_all("a")] == ["EC2", "Lambda", "S3", "DynamoDB"]
    assert setup.find_all("a")[0].attrs["href"] == "../services/ec2/"
    assert host.find("p", class_="srg-read-more").find("a").attrs["href"] == "../aws/#host-os-patching"
    assert "open" not in host.attrs
    page = tree(blocks.self_check(data, linker(data), {}))
    assert [a.words for a in page.find_all("a", href="#check-ec2-host-os-patching")] == ["Link to this question"]


def test_a_question_for_most_of_many_services_names_the_few_it_leaves_out() -> None:
    data = real_catalog()
    every = list(data.services)
    entry = data.responsibilities[0]

    def where(group: list) -> str:
        return blocks.Question(entry, group, "aws", "", []).where(every)

    names = [s.short_name for s in every]
    assert where(every) == "On every service"
    assert where(every[:1]) == f"On {every[0].name}"
    assert where(every[:-2]) == f"On every service except {names[-2]} and {names[-1]}"
    assert where(every[1:]) == f"On every service except {names[0]}"
    half = len(every) // 2
    assert where(every[:half]) == f"On {', '.join(names[: half - 1])} and {names[half - 1]}"  # as many left out
    assert where(every[:4]) == f"On {', '.join(names[:3])} and {names[3]}"


def test_a_question_about_one_service_states_its_default_setup() -> None:
    asked = questions_of(parse(minimal()))
    lam = asked["check-lambda-guest-os-patching"]
    assert lam.find("summary").words == "On AWS Lambda, in the default setup, who is responsible for guest OS patching?"
    assert lam.find("p", class_="srg-check-setup").words == "The default setup: A function."


def test_the_explanation_lists_the_other_setups_of_the_cell_it_asks_about() -> None:
    document = minimal()
    guest = document["responsibilities"][0]
    guest["services"]["lambda"]["conditions"] = [
        {"when": "Container image", "owner": "customer", "note": "The customer rebuilds it.", "sources": ["aws-notes"]}
    ]
    lam = questions_of(parse(document))["check-lambda-guest-os-patching"]
    assert lam.find("p", class_="srg-check-other").words == "Other setups, each with its own owner:"
    [item] = lam.find("ul", class_="srg-conditions").find_all("li")
    assert item.words == "Container image: Customer The customer rebuilds it."
    plain = questions_of(parse(minimal()))["check-lambda-guest-os-patching"]
    assert not plain.find_all("p", class_="srg-check-other")


def test_real_self_check_shows_every_condition_of_the_cell_it_asks_about() -> None:
    data = real_catalog()
    asked = questions_of(data)
    for question in blocks.questions(data):
        cell = data.cell(question.entry, question.services[0].id)
        details = asked[question.anchor]
        items = [li for ul in details.find_all("ul", class_="srg-conditions") for li in ul.find_all("li")]
        assert [li.find("span", class_="srg-when").words.removesuffix(":") for li in items] == [
            c.when for c in cell.conditions
        ], question.anchor
        if len(question.services) == 1:
            assert question.services[0].default_setup.text in details.find("p", class_="srg-check-setup").words


def test_services_with_the_same_answer_share_a_question_even_apart() -> None:
    data = with_services({"default": "customer", "lambda": "shared", "dynamodb": "n/a"})
    asked = questions_of(data)
    guest = {k: v.attrs["data-services"] for k, v in asked.items() if k.endswith(GUEST)}
    assert guest == {"check-ec2-guest-os-patching": "ec2 s3", "check-lambda-guest-os-patching": "lambda"}
    question = blocks.questions(data)
    first = next(q for q in question if q.anchor == "check-ec2-guest-os-patching")
    assert first.aliases == ["check-s3-guest-os-patching"]


def test_self_check_has_a_section_per_service_where_a_question_is_first_asked() -> None:
    data = parse(minimal())
    text = blocks.self_check(data, linker(data), {})
    assert re.findall(r"^## (.*?) \{ #(check-[a-z0-9-]+)", text, re.M) == [
        ("Amazon EC2", "check-ec2"),
        ("AWS Lambda", "check-lambda"),
        ("Amazon S3", "check-s3"),
    ]
    assert re.findall(r'<p class="srg-check-count">([^<]*)</p>', text) == ["2 questions", "1 question", "1 question"]


def test_self_check_keeps_an_anchor_for_every_service_a_question_covers() -> None:
    data = parse(minimal())
    html = blocks.self_check(data, linker(data), {})
    ids = {element.attrs["id"] for element in tree(html).find_all() if "id" in element.attrs}
    for service in ("lambda", "s3", "dynamodb"):
        assert f"check-{service}-host-os-patching" in ids


def test_real_self_check_asks_about_every_applicable_cell_exactly_once() -> None:
    data = real_catalog()
    covered: list[tuple[str, str]] = []
    for question in blocks.questions(data):
        assert len({(data.cell(question.entry, s.id).owner) for s in question.services}) == 1
        covered += [(question.entry.id, s.id) for s in question.services]
        assert question.aliases == [f"check-{s.id}-{question.entry.id}" for s in question.services[1:]]
    applicable = [(r.id, s.id) for r in data.responsibilities for s in data.services if data.applies(r, s.id)]
    assert sorted(covered) == sorted(applicable)
    assert len(questions_of(data)) == len(blocks.questions(data))


def test_the_owners_a_reader_picks_from_come_from_the_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(model.OWNER_CHOICES, "shared", "Both of you")
    data = parse(minimal())
    check = tree(blocks.self_check(data, linker(data), {}))
    grid = tree(blocks.service_matrix(data, linker(data), {}))
    assert {b.words for b in check.find_all("button")} == {"AWS", "Customer", "Both of you"}
    for root in (check.find("div", class_="srg-quiz-root"), grid.find("div", class_="srg-matrix")):
        assert json.loads(html.unescape(root.attrs["data-srg-owners"]))["shared"] == "Both of you"


class ReviewedCell(Cell):
    """A cell with a field that no renderer names: the day someone last reviewed it."""

    reviewed: str | None = None


def test_cells_that_differ_only_in_a_field_no_renderer_names_are_not_merged() -> None:
    plain = parse(minimal())
    cells = {**plain.cells, HOST: {s.id: ReviewedCell(owner="aws") for s in plain.services}}
    cells[HOST]["dynamodb"] = ReviewedCell(owner="aws", reviewed="2026-11-01")
    data = Catalog(plain.path, plain.data, cells)
    section = tree(blocks.responsibility_section(data, linker(data), data.responsibility(HOST)))
    split = [li.attrs["data-service"] for li in section.find("ul", class_="srg-split").find_all("li")]
    assert split == ["ec2 lambda s3", "dynamodb"]
    assert [td.attrs["data-service"] for td in matrix(data)[HOST]] == ["ec2 lambda s3", "dynamodb"]
    asked = {k: v.attrs["data-services"] for k, v in questions_of(data).items() if k.endswith(HOST)}
    assert asked == {"check-ec2-host-os-patching": "ec2 lambda s3", "check-dynamodb-host-os-patching": "dynamodb"}


# -- glossary tooltips ------------------------------------------------------------------------------------


GLOSSARY = parse(minimal()).glossary


def abbrs(html: str) -> list[tuple[str, bool]]:
    """Each <abbr> the text has: its term and whether it takes keyboard focus."""
    return [(m[2], bool(m[1])) for m in re.finditer(r'<abbr title="[^"]*"( tabindex="0")?>([^<]+)</abbr>', html)]


def test_first_use_in_each_section_is_abbreviated_and_only_the_first_on_the_page_is_focusable() -> None:
    text = (
        "<p>The OS runs on EC2. The OS again, and EC2 again.</p>\n"
        "<h2 id='next'>Next</h2>\n"
        "<p>Here the OS is new to this section; so is EC2.</p>\n"
        "<h3>Third</h3>\n"
        "<p>AWS and OS.</p>\n"
    )
    out = abbreviate(text, GLOSSARY)
    assert abbrs(out) == [("OS", True), ("EC2", True), ("OS", False), ("EC2", False), ("AWS", True), ("OS", False)]
    assert '<abbr title="Operating system" tabindex="0">OS</abbr> runs' in out
    assert "The OS again, and EC2 again." in out


@pytest.mark.parametrize(
    "text",
    [
        "<h2>OS and EC2</h2>",
        "<h3 id='x'>About <span>OS</span></h3>",
        '<a href="#x">OS</a>',
        "<button type='button'>EC2</button>",
        '<span class="srg-owner srg-owner--aws">AWS</span>',
        "<summary>On EC2, who patches the OS?</summary>",
        "<code>OS</code> and `EC2`",
        "<dt>OS</dt>",
        "<!-- OS -->",
        '<p title="OS">x</p>',
    ],
)
def test_terms_stay_plain_in_headings_links_buttons_badges_and_code(text: str) -> None:
    out = abbreviate(f"<p>x</p>\n{text}\n", GLOSSARY)
    assert "<abbr" not in out
    assert out == f"<p>x</p>\n{text}\n"
    # The term is still new after them: the first use in prose gets the tooltip.
    after = abbreviate(f"<p>x</p>\n{text}\n<p>OS EC2 AWS</p>\n", GLOSSARY)
    assert abbrs(after) == [("OS", True), ("EC2", True), ("AWS", True)]


def test_terms_inside_words_or_names_stay_plain() -> None:
    text = "OS2, XOS, DynamoOS, OS-like, EC2.5, foo/OS and AWS@x are not the terms."
    assert "<abbr" not in abbreviate(f"<p>{text}</p>", GLOSSARY)
    # Templates mark the data's text with TermMarker, which shares the pattern.
    assert "<abbr" not in TermMarker(GLOSSARY, set())(text)
    assert TermMarker(GLOSSARY, set())("XOS, then OS").count("<abbr") == 1


def test_the_terms_pattern_finds_what_a_longest_first_list_of_the_terms_finds() -> None:
    # The pattern is written as a tree of the terms' letters (srg.terms._trie); it must find
    # the same terms at the same places as the plain list, longest first, that it replaced.
    glossary = [t.term for t in real_catalog().glossary] + ["HTTP", "HTTPS", "OS", "OSS", "OSCAL", "a", "a-b", "a.b"]
    listed = "|".join(sorted(map(re.escape, glossary), key=len, reverse=True))
    words = set(glossary) | {w[:-1] for w in glossary} | {w + "S" for w in glossary} | {"H", "HTT", "OSC", "aab"}
    whole_tree, whole_list = re.compile(f"(?:{_trie(glossary)})$"), re.compile(f"(?:{listed})$")
    assert {w for w in words if whole_tree.match(w)} == {w for w in words if whole_list.match(w)} == set(glossary)
    text = " ".join(sorted(words)) + " HTTPSx HTTPS. OSCALS OSSS, DDoS DoS NVMe-oF IaaS/PaaS SHA256 SHA1 V2.1"
    in_text_tree, in_text_list = re.compile(f"(?:{_trie(glossary)}){_AFTER}"), re.compile(f"(?:{listed}){_AFTER}")
    spans = [m.span() for m in in_text_tree.finditer(text)]
    assert len(spans) > len(glossary)
    assert spans == [m.span() for m in in_text_list.finditer(text)]


def test_the_expansion_is_escaped_in_the_title() -> None:
    document = minimal()
    document["glossary"][0]["expansion"] = 'Operating "system" <x> & co'
    glossary = parse(document).glossary
    out = abbreviate("<p>OS</p>", glossary)
    title = re.fullmatch(r'<p><abbr title="([^"<>]*)" tabindex="0">OS</abbr></p>', out)
    assert title, out
    assert html.unescape(title[1]) == 'Operating "system" <x> & co'


def test_a_markdown_heading_line_keeps_its_terms_plain() -> None:
    out = abbreviate("<p>x</p>\n\n## About the OS { #about }", GLOSSARY)
    assert "<abbr" not in out


def test_a_markdown_heading_starts_a_new_section() -> None:
    out = abbreviate("# Title\n\nThe OS runs.\n\n## Next { #next }\n\nThe OS again.\n", GLOSSARY)
    assert abbrs(out) == [("OS", True), ("OS", False)]


def test_terms_stay_plain_in_markdown_link_text() -> None:
    out = abbreviate(
        "<p>x</p>\n\nSee [the EC2 guide](https://example.org) or [Guest OS patching](customer.md).\n", GLOSSARY
    )
    assert "<abbr" not in out


def test_real_pages_get_tooltips() -> None:
    data = real_catalog()
    site = site_of(data)
    for page in ("customer.md", "index.md", "services/ec2.md"):
        out = render_page(site.pages[page], page, site)
        assert "<abbr" in out, page


def test_undefined_all_caps_terms_are_found_outside_code_and_markup() -> None:
    html = (
        '<p title="NOPE">The FOO team runs EC2 and S3 with X9 <code>BAR</code>, '
        '<a href="https://QUX.example">link</a> and <abbr title="x">AWS</abbr>, not I or A.</p>'
    )
    assert dict(undefined_terms(html, GLOSSARY)) == {"FOO": 1, "S3": 1, "X9": 1}


# -- the CSV export ------------------------------------------------------------------------------------------


def test_csv_export_has_a_row_per_entry_and_service_in_order() -> None:
    data = real_catalog()
    urls = {r.id: f"https://example.org/x/#{r.id}" for r in data.responsibilities}
    rows = list(csv.DictReader(io.StringIO(exports.as_csv(data, urls))))
    assert tuple(rows[0]) == exports.CSV_COLUMNS
    assert [(row["id"], row["service"]) for row in rows] == [
        (r.id, s.id) for r in data.responsibilities for s in data.services
    ]
    for row in rows:
        item = data.responsibility(row["id"])
        cell = data.cell(item, row["service"])
        assert row["service_owner"] == cell.owner
        assert row["reason"] == data.reason_on(item, row["service"]).lstrip("'")
        assert row["checked"] == item.checked.isoformat()
        assert row["url"] == urls[row["id"]]
        assert row["conditions"].count(": ") == 2 * len(cell.conditions)


def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_are_made_inert() -> None:
    document = minimal()
    entry(document, GUEST)["title"] = '=HYPERLINK("https://evil.example")'
    entry(document, GUEST)["customer"] = "@SUM(1)"
    data = parse(document)
    rows = list(csv.reader(io.StringIO(exports.as_csv(data, {r.id: "u" for r in data.responsibilities}))))
    assert rows[1][1] == '\'=HYPERLINK("https://evil.example")'
    assert rows[1][7] == "'@SUM(1)"
    assert all(not cell.startswith(exports.FORMULA_STARTS) for row in rows for cell in row)
