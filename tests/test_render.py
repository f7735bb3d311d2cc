"""The renderers of srg.blocks and srg.service_pages: Markdown headings around HTML from the templates.

No MkDocs: each block is called with a catalog and a Linker, and its HTML is
read back with a small parser. Text from the data file is escaped by Jinja's
autoescape; a generated block is never read for [[references]] (the pipeline resolves them before
expanding markers, and stashes the blocks away from Markdown).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import markdown
import pytest
import yaml
from helpers import (
    dump,
    entry,
    inert,
    linker,
    minimal,
    parse,
    real_catalog,
    tree,
)

from srg import blocks, service_pages
from srg.load import parse_catalog
from srg.markdown_text import escape
from srg.model import Catalog
from srg.pipeline import Site, render_page

GUEST = "guest-os-patching"
HOST = "host-os-patching"
BACKUPS = "backups"


def document() -> dict[str, Any]:
    """The small document with conditions, an alias, a second area and an entry that does not apply everywhere."""
    doc = minimal()
    guest = entry(doc, GUEST)
    guest["aliases"] = ["os-patching"]
    guest["services"]["ec2"] = {
        "owner": "customer",
        "note": "The customer patches the instance.",
        "sources": ["aws-notes"],
        "conditions": [
            {
                "when": "Managed nodes",
                "owner": "shared",
                "note": "A service rolls the updates out.",
                "sources": ["blog"],
            }
        ],
    }
    doc["categories"].append({"id": "data", "name": "Data"})
    doc["layers"] = [
        {"id": "data", "name": "Data", "responsibilities": [BACKUPS]},
        {"id": "operating-system", "name": "Operating system", "responsibilities": [GUEST, HOST]},
    ]
    doc["responsibilities"].append(
        {
            **{k: v for k, v in guest.items() if k not in {"aliases", "services"}},
            "id": BACKUPS,
            "title": "Backups",
            "rule": "shared",
            "category": "data",
            "related": [GUEST],
            "sources": ["blog", "aws-notes"],
            "services": {"default": "shared", "lambda": "n/a"},
        }
    )
    return doc


def catalog() -> Catalog:
    return parse(document())


def to_html(text: str) -> str:
    return markdown.markdown(text, extensions=["attr_list", "md_in_html", "tables", "toc"])


HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "a | b | c",
    "**bold** _em_ `code` [link](https://evil.example) ![img](x.png)",
    "{{ jinja }} {% block x %} {# c #} :smile: ==mark==",
    "1. not a list",
    "# not a heading",
    "&amp; &lt; stays as typed",
    "see [[guest-os-patching]] and [[nowhere]]",
    "<!-- srg:sources --> end",
    "Ünïcödé, 中文, emoji 🙂 and a family 👨‍👩‍👧",
]


# -- a responsibility's section ----------------------------------------------------------------------


def test_section_is_a_level_2_heading_at_the_entry_id_then_html() -> None:
    data = catalog()
    section = blocks.responsibility_section(data, linker(data), data.responsibility(GUEST))
    heading, body = section.split("\n\n", 1)
    assert heading == "## Guest OS patching { #guest-os-patching .srg-responsibility }"
    page = tree(body)
    assert page.find("div", class_="srg-entry").attrs["data-entry"] == GUEST
    assert page.find("p", class_="srg-summary").words == "The customer patches the guest OS."
    assert page.find("span", id="os-patching").attrs["class"] == "srg-alias"
    assert page.find("time").attrs["datetime"] == "2026-11-01"
    assert page.find("time").words == "1 November 2026"
    copy = page.find("a", class_="srg-copy-link")
    assert copy.attrs["data-srg-copy"] == GUEST
    assert copy.attrs["href"] == "../a/guest-os-patching/"


def test_section_shows_one_badge_only_when_every_service_agrees() -> None:
    data = catalog()
    link = linker(data)
    varies = tree(blocks.responsibility_section(data, link, data.responsibility(GUEST)))
    assert varies.find("p", class_="srg-meta").find("span", class_="srg-owner").words == "Varies by service"
    assert varies.find("p", class_="srg-owners-line").words == (
        "Customer: Amazon EC2 · AWS: AWS Lambda, Amazon S3, Amazon DynamoDB"
    )
    one = tree(blocks.responsibility_section(data, link, data.responsibility(HOST)))
    assert (
        one.find("p", class_="srg-meta").find("span", class_="srg-owner").attrs["class"] == "srg-owner srg-owner--aws"
    )
    assert not one.find_all(class_="srg-owners-line")
    assert "Varies by service" not in one.text


def test_section_lists_every_service_with_its_owner_reason_conditions_and_sources() -> None:
    data = catalog()
    page = tree(blocks.responsibility_section(data, linker(data), data.responsibility(GUEST)))
    rows = [item for item in page.find("ul", class_="srg-split").children if item.tag == "li"]
    # S3 and DynamoDB say the same (owner, reason, no source): one row names both.
    assert [row.attrs["data-service"] for row in rows] == ["ec2", "lambda", "s3 dynamodb"]
    assert [row.find("span", class_="srg-split__service").words for row in rows] == [
        "Amazon EC2",
        "AWS Lambda",
        "Amazon S3, Amazon DynamoDB",
    ]
    assert [row.find("span", class_="srg-owner").words for row in rows] == ["Customer", "AWS", "AWS"]
    ec2, lambda_, s3 = rows
    assert ec2.find("span", class_="srg-split__reason").words.startswith("The customer patches the instance.")
    assert ec2.find("a", class_="srg-source").attrs["href"] == "https://docs.aws.amazon.com/notes.html"
    condition = ec2.find("ul", class_="srg-conditions").find("li")
    assert condition.find("span", class_="srg-when").words == "Managed nodes:"
    assert condition.find("span", class_="srg-owner").words == "Shared"
    assert condition.words == "Managed nodes: Shared A service rolls the updates out. Source: A blog"
    assert lambda_.find("span", class_="srg-split__reason").words == "No guest OS to patch. Source: The AWS notes"
    assert s3.find("span", class_="srg-split__reason").words == "Patches the host."
    assert not s3.find_all("span", class_="srg-cite")


def test_services_share_a_row_only_where_owner_reason_conditions_and_sources_all_agree() -> None:
    doc = document()
    host = entry(doc, HOST)  # AWS's everywhere, in the general words: one row for every service
    rows = blocks.split_rows(parse(doc), parse(doc).responsibility(HOST))
    # With no note of its own, the one row points to the text above rather than repeat it.
    assert [(r.label, [s.id for s in r.services], r.cell.owner, r.reason) for r in rows] == [
        ("Every service", ["ec2", "lambda", "s3", "dynamodb"], "aws", "Nothing differs by service.")
    ]
    # The same words from another source, or with a condition, each keep their own row.
    doc["sources"].append(
        {"id": "aws-guide", "title": "The AWS guide", "url": "https://docs.aws.amazon.com/guide.html"}
    )
    host["services"] = {
        "ec2": {"owner": "aws", "note": "Same words.", "sources": ["aws-notes"]},
        "lambda": {"owner": "aws", "note": "Same words.", "sources": ["aws-guide"]},
        "s3": {"owner": "aws", "note": "Same words.", "sources": ["aws-notes"]},
        "dynamodb": {
            "owner": "aws",
            "note": "Same words.",
            "sources": ["aws-notes"],
            "conditions": [{"when": "Global tables", "owner": "shared", "note": "Both.", "sources": ["blog"]}],
        },
    }
    data = parse(doc)
    rows = blocks.split_rows(data, data.responsibility(HOST))
    assert [[s.id for s in r.services] for r in rows] == [["ec2", "s3"], ["lambda"], ["dynamodb"]]
    assert [r.label for r in rows] == ["Amazon EC2, Amazon S3", "AWS Lambda", "Amazon DynamoDB"]
    assert [r.cell.sources for r in rows] == [["aws-notes"], ["aws-guide"], ["aws-notes"]]
    page = tree(blocks.responsibility_section(data, linker(data), data.responsibility(HOST)))
    items = [item for item in page.find("ul", class_="srg-split").children if item.tag == "li"]
    assert [item.attrs["data-service"] for item in items] == ["ec2 s3", "lambda", "dynamodb"]
    assert items[2].find("ul", class_="srg-conditions").find("span", class_="srg-when").words == "Global tables:"
    # Services that do not apply come last, said once for the group; three of four in one row read
    # "Every service except …".
    cases = [
        (
            {"ec2": "n/a", "lambda": "aws", "s3": "n/a", "dynamodb": "n/a"},
            [
                ("AWS Lambda", "Patches the host."),
                ("Every service except AWS Lambda", "Does not apply to these services."),
            ],
        ),
        (
            {"ec2": "n/a", "lambda": "aws", "s3": "aws", "dynamodb": "aws"},
            [
                ("Every service except Amazon EC2", "Patches the host."),
                ("Amazon EC2", "Does not apply to this service."),
            ],
        ),
    ]
    for services, expected in cases:
        host["services"] = services
        data = parse(doc)
        assert [(r.label, r.reason) for r in blocks.split_rows(data, data.responsibility(HOST))] == expected


def test_section_links_related_entries_and_sources_where_they_are_rendered() -> None:
    data = catalog()
    page = tree(blocks.responsibility_section(data, linker(data, "customer.md"), data.responsibility(BACKUPS)))
    links = [(a.words, a.attrs["href"]) for p in page.find_all("p", class_="srg-links") for a in p.find_all("a")]
    assert links == [
        ("Guest OS patching", "#guest-os-patching"),
        ("A blog", "../sources/#source-blog"),
        ("The AWS notes", "../sources/#source-aws-notes"),
    ]


def test_sections_are_those_of_one_rule_in_data_order() -> None:
    data = catalog()
    link = linker(data)
    for rule, ids in (("customer", [GUEST]), ("aws", [HOST]), ("shared", [BACKUPS])):
        text = blocks.responsibility_sections(data, link, {"rule": rule})
        assert re.findall(r"^## .* \{ #([a-z-]+) \.srg-responsibility \}$", text, re.M) == ids


# -- the comparison table, sources and glossary ----------------------------------------------------------


def test_comparison_table_has_an_area_heading_and_a_row_per_entry() -> None:
    data = catalog()
    text = blocks.comparison_table(data, linker(data), {})
    assert re.findall(r"^## (.*)$", text, re.M) == [
        "Operating system { #compare-operating-system data-search-exclude }",
        "Data { #compare-data data-search-exclude }",
    ]
    rows = [row for row in tree(text).find_all("tr") if "data-entry" in row.attrs]
    assert [row.attrs["data-entry"] for row in rows] == [GUEST, HOST, BACKUPS]
    cells = [[td.words for td in row.find_all("td")] for row in rows]
    assert cells[0][1] == (
        "Varies by service Customer: Amazon EC2 · AWS: AWS Lambda, Amazon S3, Amazon DynamoDB No automated check"
    )
    assert cells[1] == ["Host OS patching", "AWS No automated check", "Patches the host.", "Patches the guest."]
    assert cells[2][1] == "Shared No automated check", "a service the entry does not apply to does not make it vary"


def test_sources_list_puts_aws_documentation_first_and_names_who_cites_it() -> None:
    doc = document()
    doc["sources"].reverse()
    doc["sources"].append({"id": "csa", "title": "A matrix without address"})
    data = parse(doc)
    assert [s.id for s in data.sources] == ["blog", "aws-notes", "csa"]
    text = blocks.sources_list(data, linker(data), {})
    page = tree(text)
    assert [li.attrs["id"] for li in page.find_all("li", class_="srg-source")] == [
        "source-aws-notes",
        "source-blog",
        "source-csa",
    ]
    assert re.findall(r"^## (.*) \{ #(sources-[a-z]+)", text, re.M) == [
        ("AWS documentation", "sources-aws"),
        ("Other sources, and the notes the guide started from", "sources-other"),
    ]
    items = {li.attrs["id"].removeprefix("source-"): li for li in page.find_all("li", class_="srg-source")}
    assert items["aws-notes"].find("p", class_="srg-links").words == (
        "Cited by: Guest OS patching · Host OS patching · Backups"
    )
    # Cited only in a condition of a cell, the blog still lists its entry.
    assert items["blog"].find("p", class_="srg-links").words == "Cited by: Guest OS patching · Backups"
    assert items["csa"].words == (
        "A matrix without address (cited by title; it has no stable public address) Cited in the prose of the pages."
    )


def test_glossary_lists_every_term_alphabetically_with_its_anchor() -> None:
    doc = document()
    doc["glossary"].append({"term": "IaaS", "expansion": "Infrastructure as a service", "definition": "Rented."})
    data = parse(doc)
    page = tree(blocks.glossary(data, linker(data), {}))
    assert [(dt.attrs["id"], dt.words) for dt in page.find_all("dt")] == [
        ("term-aws", "AWS"),
        ("term-ec2", "EC2"),
        ("term-iaas", "IaaS"),
        ("term-os", "OS"),
    ]
    assert [dd.words for dd in page.find_all("dd")][2:] == [
        "Infrastructure as a service. Rented.",
        "Operating system. What runs the machine.",
    ]


def test_a_term_of_several_words_is_a_glossary_row_and_a_tooltip_where_used() -> None:
    doc = document()
    doc["glossary"].append({"term": "control plane", "expansion": "The part of a service that runs it"})
    entry(doc, GUEST)["aws"] = "Runs the control plane, and the control plane again."
    data = parse(doc)
    page = tree(blocks.glossary(data, linker(data), {}))
    assert ("term-control-plane", "control plane") in [(dt.attrs["id"], dt.words) for dt in page.find_all("dt")]
    section = blocks.responsibility_section(data, linker(data), data.responsibility(GUEST))
    abbrs = [a for a in tree(section).find_all("abbr") if a.words == "control plane"]
    assert [a.attrs["title"] for a in abbrs] == ["The part of a service that runs it"]  # its first use only


# -- pages about services -----------------------------------------------------------------------------


def _checklist(data: Catalog, service: str) -> list[Any]:
    text = service_pages.service_page(data, linker(data, f"services/{service}.md"), {"service": service})
    return tree(text).find("ul", class_="srg-checklist").find_all("li")


def test_service_page_checklist_holds_the_customer_and_shared_cells_anchored_do_id() -> None:
    data = catalog()
    text = service_pages.service_page(data, linker(data, "services/ec2.md"), {"service": "ec2"})
    assert "## What the customer still has to do on Amazon EC2 { #checklist" in text
    checklist = text[text.index("{ #checklist") : text.index("{ #aws-does")]
    items = tree(checklist).find("ul", class_="srg-checklist").find_all("li")
    assert [(li.attrs["id"], li.find("span", class_="srg-owner").words) for li in items] == [
        ("do-guest-os-patching", "Customer"),
        ("do-backups", "Shared"),
    ]
    assert items[0].words == "No automated check Customer Guest OS patching: The customer patches the instance."
    assert items[0].find("a").attrs["href"] == "../../customer/#guest-os-patching"
    assert "## What the customer still has to do on Amazon EC2 { #checklist" in text
    assert tree(checklist).find("p", class_="srg-checklist__counts").words == (
        "In Amazon EC2's default setup, 1 task is the customer's alone and 1 is shared with AWS, "
        "which does part of each. No Security Hub control checks any of these 2."
    )
    rows = [tr.attrs.get("id") for tr in tree(text).find_all("tr") if tr.attrs.get("id")]
    assert rows == ["ec2-guest-os-patching", "ec2-host-os-patching", "ec2-backups"]
    assert "{ #does-not-apply" not in text


def test_checklist_puts_what_is_off_by_default_first_then_what_exposes_data() -> None:
    doc = document()
    assert [li.attrs["id"] for li in _checklist(parse(doc), "ec2")] == ["do-guest-os-patching", "do-backups"]
    # Backups is off by default on EC2 alone: it goes first there, with its tag, and keeps its place elsewhere.
    entry(doc, BACKUPS)["services"]["ec2"] = {"owner": "shared", "risk": "off-by-default", "sources": ["aws-notes"]}
    entry(doc, GUEST)["risk"] = "exposes-data"
    items = _checklist(parse(doc), "ec2")
    assert [(li.attrs["id"], li.attrs["data-risk"]) for li in items] == [
        ("do-backups", "off-by-default"),
        ("do-guest-os-patching", "exposes-data"),
    ]
    assert [li.find("span", class_="srg-risk").words for li in items] == ["Off or open by default", "Data exposure"]
    assert items[0].words == (
        "No automated check Shared Backups Off or open by default: AWS: Patches the host. Customer: Patches the guest."
    )
    data = parse(doc)
    assert [li.attrs["id"] for li in _checklist(data, "s3")] == ["do-backups"]
    assert _checklist(data, "s3")[0].find_all("span", class_="srg-risk") == []  # the rest carries no tag
    keys = [data.checklist_key(data.responsibility(i), "ec2") for i in (BACKUPS, GUEST)]
    assert keys == sorted(keys)


def _checked(doc: dict[str, Any], guest: list[str], backups: list[str]) -> Catalog:
    """The document (changed in place) with Security Hub checks on EC2: `guest` on guest OS patching, `backups` on
    backups."""
    for service, name in zip(doc["services"], ["EC2", "Lambda", "S3", "DynamoDB"], strict=True):
        service["evaluated_as"] = name
    entry(doc, GUEST)["services"]["ec2"]["checks"] = guest
    entry(doc, BACKUPS)["services"]["ec2"] = {"owner": "shared", "checks": backups}
    doc["controls"] = [{"id": i, "read": "2026-12-07"} for i in dict.fromkeys([*guest, *backups])]
    return parse(doc)


def _order(data: Catalog) -> list[tuple[str, str]]:
    return [(li.attrs["id"].removeprefix("do-"), li.attrs["data-severity"]) for li in _checklist(data, "ec2")]


def test_checklist_puts_the_item_with_the_most_severe_check_first_and_those_without_last() -> None:
    # Guest OS patching comes first in the file; a Medium check (EC2.6) on backups puts it before a Low (EC2.28).
    assert _order(_checked(document(), ["EC2.28"], ["EC2.6"])) == [(BACKUPS, "medium"), (GUEST, "low")]
    # The most severe of an item's checks counts: Critical EC2.19 beside Low EC2.28 beats High EC2.8.
    assert _order(_checked(document(), ["EC2.28", "EC2.19"], ["EC2.8"])) == [(GUEST, "critical"), (BACKUPS, "high")]
    # An item with no check goes last, even when off by default, and says so where its tag would be.
    doc = document()
    entry(doc, GUEST)["risk"] = "off-by-default"
    data = _checked(doc, [], ["EC2.28"])
    assert _order(data) == [(BACKUPS, "low"), (GUEST, "none")]
    items = _checklist(data, "ec2")
    assert items[1].find("span", class_="srg-severity--none").words == "No automated check"
    assert items[0].find("span", class_="srg-severity").words == "Low"
    checks = items[0].find("span", class_="srg-checklist__checks")
    assert checks.words == "Security Hub: EC2.28 Low"
    assert checks.find("a").attrs["href"].endswith("/ec2-controls.html#ec2-28")


def test_checklist_keeps_the_most_urgent_first_among_equally_severe_items() -> None:
    # Both Medium: the file's order, guest OS patching first ...
    assert _order(_checked(document(), ["EC2.6"], ["EC2.3"])) == [(GUEST, "medium"), (BACKUPS, "medium")]
    # ... unless backups is off by default on EC2 (Catalog.checklist_key breaks the tie).
    doc = document()
    _checked(doc, ["EC2.6"], ["EC2.3"])
    entry(doc, BACKUPS)["services"]["ec2"] |= {"risk": "off-by-default", "sources": ["aws-notes"]}
    data = parse(doc)
    assert _order(data) == [(BACKUPS, "medium"), (GUEST, "medium")]
    keys = [data.severity_key(data.responsibility(i), "ec2") for i in (BACKUPS, GUEST)]
    assert keys == sorted(keys)


def test_checklist_counts_say_how_many_of_each_severity_come_first() -> None:
    data = _checked(document(), ["EC2.28", "EC2.19"], ["EC2.8"])
    rows = service_pages.checklist(data, data.service("ec2"))
    assert service_pages.severity_sentence(rows) == (
        "Ordered by the most severe Security Hub check of each: 1 Critical and 1 High."
    )
    data = _checked(document(), [], ["EC2.6"])
    rows = service_pages.checklist(data, data.service("ec2"))
    assert service_pages.severity_sentence(rows) == (
        "Ordered by the most severe Security Hub check of each: 1 Medium, then 1 with no automated check."
    )


def test_checklist_counts_say_how_many_of_each_risk_come_first() -> None:
    assert service_pages.urgency_sentence(Counter({"off-by-default": 4, "exposes-data": 11, "other": 17})) == (
        "Where equal, the most urgent first: 4 off or open by default, then 11 that expose data if left undone, "
        "then the other 17."
    )
    assert service_pages.urgency_sentence(Counter({"exposes-data": 1})) == (
        "Where equal, the most urgent first: 1 that exposes data if left undone."
    )
    assert service_pages.urgency_sentence(Counter({"other": 3})) == ""


def test_what_aws_does_is_left_out_of_the_checklist_and_listed_folded() -> None:
    data = catalog()
    for service in ("ec2", "lambda", "s3"):
        text = service_pages.service_page(data, linker(data, f"services/{service}.md"), {"service": service})
        page = tree(text)
        by_aws = {e.id for e in data.responsibilities if data.cell(e, service).owner == "aws"}
        assert by_aws, service
        assert {li.attrs["id"].removeprefix("do-") for li in _checklist(data, service)}.isdisjoint(by_aws)
        fold = page.find("details", id="aws-does-list")
        assert "open" not in fold.attrs
        assert {a.attrs["href"].rsplit("#", 1)[1] for a in fold.find_all("a")} == by_aws
        name = data.service(service).short_name
        assert fold.find("summary").words == f"The {len(by_aws)} responsibilities AWS carries on {name}"


def test_areas_are_folded_and_hold_every_cell_of_the_service() -> None:
    data = catalog()
    text = service_pages.service_page(data, linker(data, "services/ec2.md"), {"service": "ec2"})
    assert "## Who does what, area by area { #areas }" in text
    folds = tree(text).find_all("details", class_="srg-service-area")
    assert [d.attrs["id"] for d in folds] == ["area-operating-system", "area-data"]
    assert not any("open" in d.attrs for d in folds)
    assert [d.find("summary").words for d in folds] == [
        "Operating system 1 for the customer alone · 1 done by AWS",
        "Data 1 shared",
    ]
    cells = {tr.attrs["id"]: tr.find("span").words for d in folds for tr in d.find_all("tr") if tr.attrs.get("id")}
    assert cells == {"ec2-guest-os-patching": "Customer", "ec2-host-os-patching": "AWS", "ec2-backups": "Shared"}


def test_service_page_lists_what_does_not_apply_there() -> None:
    data = catalog()
    text = service_pages.service_page(data, linker(data, "services/lambda.md"), {"service": "lambda"})
    assert _checklist(data, "lambda") == []
    absent = text[text.index("## Not part of AWS Lambda { #does-not-apply") :]
    assert [a.words for a in tree(absent).find_all("a")] == ["Backups"]
    assert "ec2-backups" not in text


def test_left_to_you_counts_own_and_shared_tasks_apart_on_the_index() -> None:
    data = catalog()
    assert service_pages.left_to_you(data, data.service("ec2")) == service_pages.LeftToYou(own=1, shared=1)
    page = tree(service_pages.service_index(data, linker(data, "services.md"), {}))
    assert page.find_all("th")[2].words == "Left to the customer in its default setup"
    assert [tr.find_all("td")[1].words for tr in page.find("tbody").find_all("tr")] == [
        "1 for the customer alone · 1 shared with AWS",
        "0 for the customer alone · 0 shared with AWS",
        "0 for the customer alone · 1 shared with AWS",
        "0 for the customer alone · 1 shared with AWS",
    ]


def _picture(data: Catalog) -> Any:
    return tree(service_pages.model_picture(data, linker(data, "index.md"), {}))


def _cells(data: Catalog, what: str = "owners") -> dict[tuple[str, str], str]:
    """Each cell of the picture by (layer, service): its owners ('customer aws'), its visible words or its link."""
    read = {
        "owners": lambda td: td.attrs["data-owners"] or td.attrs["data-owner"],
        "words": lambda td: " ".join(span.words for span in td.find_all("span", class_="srg-picture__word")),
        "href": lambda td: td.find("a").attrs["href"],
    }[what]
    return {(td.attrs["data-layer"], td.attrs["data-service"]): read(td) for td in _picture(data).find_all("td")}


def test_model_picture_names_each_layer_by_the_default_owners_of_its_entries_and_changes_with_the_data() -> None:
    doc = document()
    before = _cells(parse(doc))
    assert before == {
        ("data", "ec2"): "shared",
        ("data", "lambda"): "na",  # no entry of the layer applies
        ("data", "s3"): "shared",
        ("data", "dynamodb"): "shared",
        ("operating-system", "ec2"): "customer aws",  # split: the guest OS is the customer's, the host AWS's
        ("operating-system", "lambda"): "aws",
        ("operating-system", "s3"): "aws",
        ("operating-system", "dynamodb"): "aws",
    }
    owner = _picture(parse(doc)).find("td", data_layer="operating-system", data_service="ec2").attrs["data-owner"]
    assert owner == "split"
    words = _cells(parse(doc), "words")
    assert words[("operating-system", "ec2")] == "Customer AWS"  # each owner named, customer's first, no count
    assert words[("data", "lambda")] == "Does not apply"
    assert words[("operating-system", "s3")] == "AWS"
    # Add an owner to a layer, then take one away: only those cells change.
    entry(doc, BACKUPS)["services"] = {"default": "shared", "lambda": "customer"}
    entry(doc, GUEST)["services"]["ec2"] = "aws"
    after = _cells(parse(doc))
    assert after[("data", "lambda")] == "customer"
    assert after[("operating-system", "ec2")] == "aws"
    changed = {("data", "lambda"), ("operating-system", "ec2")}
    assert {k: v for k, v in after.items() if k not in changed} == {k: v for k, v in before.items() if k not in changed}


def test_model_picture_gives_each_service_an_equal_column_and_links_each_layer_to_its_answers() -> None:
    data = catalog()
    page = _picture(data)
    assert [(a.attrs["href"], a.attrs["aria-label"]) for a in page.find("thead").find_all("a")] == [
        ("services/ec2/", "Amazon EC2"),
        ("services/lambda/", "AWS Lambda"),
        ("services/s3/", "Amazon S3"),
        ("services/dynamodb/", "Amazon DynamoDB"),
    ]
    hrefs = _cells(data, "href")
    # The service page's row of the layer's first entry held by its first owner, or what does not apply there.
    assert hrefs[("operating-system", "ec2")] == "services/ec2/#ec2-guest-os-patching"
    assert hrefs[("operating-system", "s3")] == "services/s3/#s3-guest-os-patching"
    assert hrefs[("data", "ec2")] == "services/ec2/#ec2-backups"
    assert hrefs[("data", "lambda")] == "services/lambda/#does-not-apply"
    link = page.find("td", data_layer="operating-system", data_service="ec2").find("a")
    assert link.words == "Customer C, AWS A: Operating system on Amazon EC2"  # letters for a phone, hidden from readers
    assert [s.attrs.get("aria-hidden") for s in link.find_all("span", class_="srg-picture__letter")] == ["true", "true"]
    assert "srg-picture__word" not in str(page.find("p", class_="srg-picture__key"))
    assert [b.words for b in page.find("p", class_="srg-picture__key").find_all("b")] == ["Customer", "Shared", "AWS"]


def test_service_index_lists_every_service_under_its_kind_and_marks_where_a_kind_begins() -> None:
    data = catalog()
    page = tree(service_pages.service_index(data, linker(data, "services.md"), {}))
    kinds = [li.words for li in page.find("ul", class_="srg-kinds").find_all("li")]
    assert kinds == ["Infrastructure: EC2", "Serverless: Lambda", "Fully managed: S3 · DynamoDB"]
    rows = page.find("tbody").find_all("tr")
    assert [r.attrs["data-service"] for r in rows] == [s.id for s in data.services]
    assert [("srg-kind-first" in r.attrs.get("class", [])) for r in rows] == [True, True, True, False]


def test_model_picture_names_owners_in_letters_at_every_width_beyond_its_column_limit() -> None:
    """With more services than PICTURE_WORDS_UP_TO the columns are too narrow for words on any screen."""
    doc = document()
    assert "srg-picture--compact" not in _picture(parse(doc)).find("figure").attrs["class"]
    first = doc["services"][-1]
    doc["services"] += [
        first | {"id": f"extra-{number}", "name": f"Amazon Extra {number}"}
        for number in range(service_pages.PICTURE_WORDS_UP_TO + 1 - len(doc["services"]))
    ]
    for held in doc["responsibilities"]:
        if isinstance(held["services"], dict):
            held["services"].setdefault("default", "aws")
    page = _picture(parse(doc))
    assert len(page.find("thead").find_all("th")) == service_pages.PICTURE_WORDS_UP_TO + 1
    assert "srg-picture--compact" in page.find("figure").attrs["class"]


def test_model_picture_draws_the_layers_of_the_data_file_and_its_caption_names_them() -> None:
    doc = document()
    doc["layers"][1:] = [
        {"id": "guest", "name": "Guest OS", "responsibilities": [GUEST]},
        {"id": "people", "name": "People and process", "beside": True, "responsibilities": [HOST]},
    ]
    page = _picture(parse(doc))
    assert [th.words for th in page.find_all("th", scope="rowgroup")] == ["Data", "Guest OS"]
    assert {td.attrs["data-layer"] for td in page.find_all("td")} == {"data", "guest"}
    caption = page.find("figcaption").words
    assert caption.startswith(
        "Each column is a service's stack, from guest OS at the bottom to data at the top. "
        + service_pages.PICTURE_RULE
    )
    assert "The areas that are not layers of the stack (people and process) are on" in caption
    doc["layers"][2]["beside"] = False
    page = _picture(parse(doc))
    assert [th.words for th in page.find_all("th", scope="rowgroup")] == ["Data", "Guest OS", "People and process"]
    assert "not layers" not in page.find("figcaption").words


def test_owners_sentence_names_each_owner_with_its_services() -> None:
    data = catalog()
    assert service_pages.owners_sentence(data, data.responsibility(GUEST)) == (
        "Customer on EC2; AWS on Lambda, S3 and DynamoDB."
    )
    assert service_pages.owners_sentence(data, data.responsibility(HOST)) == "AWS on every service it applies to."
    assert service_pages.owners_sentence(data, data.responsibility(BACKUPS)) == (
        "Shared on every service it applies to."
    )


def test_generated_pages_are_a_page_per_service() -> None:
    data = catalog()
    pages = service_pages.generated_pages(data)
    assert list(pages) == ["services/ec2.md", "services/lambda.md", "services/s3.md", "services/dynamodb.md"]
    meta_text, body = pages["services/ec2.md"].removeprefix("---\n").split("---\n", 1)
    meta = yaml.safe_load(meta_text)
    assert meta["title"] == "Amazon EC2: who secures what"
    assert meta["description"].endswith(
        "what is left to the customer in its default setup, 1 task its own and 1 task shared with AWS, "
        "most urgent first."
    )
    assert '<!-- srg:service-page service="ec2" -->' in body
    lambda_meta = yaml.safe_load(pages["services/lambda.md"].split("---\n")[1])
    assert "0 tasks its own and 0 tasks shared with AWS" in lambda_meta["description"]


HAND_WRITTEN = {
    "customer.md": '# You\n\n<!-- srg:responsibilities rule="customer" -->\n',
    "aws.md": '# AWS\n\n<!-- srg:responsibilities rule="aws" -->\n',
    "shared.md": '# Both\n\n<!-- srg:responsibilities rule="shared" -->\n\n<!-- srg:sources -->\n',
}


def test_service_pages_render_through_the_pipeline() -> None:
    data = catalog()
    pages = {**HAND_WRITTEN, **service_pages.generated_pages(data)}
    site = Site(data, pages)
    text = render_page(pages["services/ec2.md"], "services/ec2.md", site)
    assert "srg:service-page" not in text
    items = tree(text).find("ul", class_="srg-checklist").find_all("li")
    assert [li.find("a").attrs["href"] for li in items] == [
        "../../customer/#guest-os-patching",
        "../../shared/#backups",
    ]


def test_share_pages_are_one_small_html_page_per_answer() -> None:
    data = catalog()
    site = Site(data, {**HAND_WRITTEN, **service_pages.generated_pages(data)})
    locations = site.section_locations()
    assert locations[GUEST] == "customer/#guest-os-patching"
    pages = service_pages.share_pages(data, locations, "The Guide", "https://example.org/guide/")
    assert list(pages) == [f"a/{r.id}/index.html" for r in data.responsibilities]
    page = tree(pages["a/guest-os-patching/index.html"])
    owners = "Customer on EC2; AWS on Lambda, S3 and DynamoDB."
    assert page.find("h1").text == "Guest OS patching: who is responsible?"
    assert page.find("title").text == "Guest OS patching: who is responsible? · The Guide"
    checked = service_pages.checked_sentence(data.responsibility(GUEST))
    assert checked == "Checked against AWS documentation on 1 November 2026."
    description = page.find("meta", name="description").attrs["content"]
    assert description == f"The customer patches the guest OS. {checked}"
    assert page.find("p", class_="answer").text == "The customer patches the guest OS."
    assert page.find("p", class_="checked").text == checked
    assert page.find("p", class_="owners").text == owners
    assert page.find("link", rel="canonical").attrs["href"] == "https://example.org/guide/customer/#guest-os-patching"
    # Without JavaScript the refresh takes the reader on; with it, the script, which passes on ?service=.
    assert page.find("noscript").find("meta", http_equiv="refresh").attrs["content"] == (
        "0; url=../../customer/#guest-os-patching"
    )
    assert "a.go" in page.find("script").text
    assert page.find("a", class_="go").attrs["href"] == "../../customer/#guest-os-patching"
    without_address = tree(service_pages.share_pages(data, locations, "The Guide", None)["a/backups/index.html"])
    assert not without_address.find_all("link", rel="canonical")
    assert not without_address.find_all("meta", property="og:image")
    assert without_address.find("p", class_="owners").text == "Shared on every service it applies to."


def forwarder() -> str:
    """The script of a share page of the test data, which takes the reader on to the answer."""
    data = catalog()
    pages = service_pages.share_pages(data, {r.id: f"x/#{r.id}" for r in data.responsibilities}, "G", None)
    return tree(pages[f"a/{GUEST}/index.html"]).find("script").text


# -- hostile text -------------------------------------------------------------------------------------------


def as_answer(text: str) -> str:
    """Hostile text made one sentence with its full stop, as an answer must be."""
    return text.replace(". ", ", ") + " ends here."


def hostile_catalog(text: str) -> Catalog:
    doc = document()
    guest = entry(doc, GUEST)
    guest.update(title=text, summary=as_answer(text), aws=text, customer=text)
    guest["services"]["lambda"]["note"] = text
    guest["services"]["ec2"]["conditions"][0].update(when=text, note=text)
    doc["sources"][0]["title"] = text
    doc["services"][0]["name"] = text
    doc["categories"][0]["name"] = text
    doc["layers"][0]["name"] = text
    doc["glossary"][0]["expansion"] = text
    return parse(doc)


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_escaped_by_every_block(text: str) -> None:
    data = hostile_catalog(text)
    link = linker(data)
    rendered = [
        blocks.responsibility_section(data, link, data.responsibility(GUEST)),
        blocks.comparison_table(data, link, {}),
        blocks.sources_list(data, link, {}),
        blocks.glossary(data, link, {}),
        blocks.service_matrix(data, link, {}),
        blocks.self_check(data, link, {}),
        service_pages.service_page(data, link, {"service": "ec2"}),
        service_pages.service_page(data, link, {"service": "lambda"}),
        service_pages.model_picture(data, link, {}),
        service_pages.service_index(data, link, {}),
    ]
    for block in rendered:
        html = re.sub(r"^#{1,6} .*$", "", block, flags=re.M)  # the Markdown headings are checked below
        assert inert(text) in html
        assert "<script" not in html
        assert "<img" not in html
        assert "<!-- srg" not in html


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_in_a_heading_stays_one_heading_that_reads_as_typed(text: str) -> None:
    data = hostile_catalog(text)
    section = blocks.responsibility_section(data, linker(data), data.responsibility(GUEST))
    assert section.startswith(f"## {escape(text)} {{ #guest-os-patching .srg-responsibility }}\n")
    page = tree(to_html(section.split("\n\n", 1)[0]))
    assert [h.tag for h in page.children] == ["h2"]
    assert page.find("h2").attrs["id"] == GUEST
    assert page.find("h2").text == text
    comparison = to_html(blocks.comparison_table(data, linker(data), {}))
    assert tree(comparison).find("h2", id="compare-operating-system").text == text


def test_an_ampersand_entity_in_the_data_is_shown_as_typed_not_decoded() -> None:
    data = hostile_catalog("&amp; &lt;b&gt;")
    html = blocks.responsibility_section(data, linker(data), data.responsibility(GUEST))
    assert "&amp;amp; &amp;lt;b&amp;gt;" in html
    assert tree(html).find("p", class_="srg-summary").text == "&amp; &lt;b&gt; ends here."


def test_service_page_heading_escapes_the_service_name() -> None:
    text = "<b>bold</b> *em* &#91;x]"
    doc = document()
    doc["services"][0]["name"] = text
    markdown_text = service_pages.generated_pages(parse(doc))["services/ec2.md"]
    h1 = next(line for line in markdown_text.splitlines() if line.startswith("# "))
    assert tree(to_html(h1)).find("h1").text == f"{text}: who secures what"


@pytest.mark.parametrize("text", HOSTILE)
def test_share_pages_escape_hostile_text(text: str) -> None:
    data = hostile_catalog(text)
    pages = service_pages.share_pages(data, {r.id: f"x/#{r.id}" for r in data.responsibilities}, "G", None)
    html = pages["a/guest-os-patching/index.html"]
    page = tree(html)
    assert page.find("h1").text == f"{text}: who is responsible?"
    checked = service_pages.checked_sentence(data.responsibility("guest-os-patching"))
    assert page.find("meta", name="description").attrs["content"] == f"{as_answer(text)} {checked}"
    # The one script is the template's, the same on every share page (it takes the reader on).
    assert [script.text for script in page.find_all("script")] == [forwarder()]
    assert not page.find_all("img")


def test_the_real_data_renders_every_block_without_leftovers() -> None:
    data = real_catalog()
    link = linker(data)
    everything = "\n".join(
        [
            blocks.comparison_table(data, link, {}),
            blocks.sources_list(data, link, {}),
            blocks.service_matrix(data, link, {}),
            blocks.self_check(data, link, {}),
            *(blocks.responsibility_sections(data, link, {"rule": rule}) for rule in ("aws", "customer", "shared")),
            *(service_pages.service_page(data, link, {"service": s.id}) for s in data.services),
        ]
    )
    assert "[[" not in everything
    assert "srg:" not in everything
    assert everything.count('class="srg-entry"') == len(data.responsibilities)


def test_dump_of_the_render_document_loads() -> None:
    """The document the tests above use is itself valid data, written as a file would be."""
    assert parse_catalog(dump(document()), "x.yml").responsibility(BACKUPS).rule == "shared"
