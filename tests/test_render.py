"""The renderers of srg.blocks and srg.service_pages: Markdown headings around HTML from the templates.

No MkDocs: each block is called with a catalog and a Linker, and its HTML is
read back with a small parser. Text from the data file is escaped by Jinja's
autoescape; a generated block is never read for [[references]] (the pipeline resolves them before
expanding markers, and stashes the blocks away from Markdown).
"""

from __future__ import annotations

import re
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
        ("Every service", ["ec2", "lambda", "s3", "dynamodb"], "aws", "As described above.")
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


# -- pages about services -----------------------------------------------------------------------------


def test_service_page_checklist_holds_the_customer_and_shared_cells_anchored_do_id() -> None:
    data = catalog()
    text = service_pages.service_page(data, linker(data, "services/ec2.md"), {"service": "ec2"})
    checklist = text[text.index("{ #checklist") : text.index("{ #area-")]
    items = tree(checklist).find_all("li")
    assert [(li.attrs["id"], li.find("span").words) for li in items] == [
        ("do-guest-os-patching", "Customer"),
        ("do-backups", "Shared"),
    ]
    assert items[0].words == "Customer Guest OS patching: The customer patches the instance."
    assert items[0].find("a").attrs["href"] == "../../customer/#guest-os-patching"
    assert "## What you still have to do on Amazon EC2 { #checklist" in text
    rows = [tr.attrs.get("id") for tr in tree(text).find_all("tr") if tr.attrs.get("id")]
    assert rows == ["ec2-guest-os-patching", "ec2-host-os-patching", "ec2-backups"]
    assert "{ #does-not-apply" not in text


def test_service_page_lists_what_does_not_apply_there() -> None:
    data = catalog()
    text = service_pages.service_page(data, linker(data, "services/lambda.md"), {"service": "lambda"})
    assert [li.attrs["id"] for li in tree(text).find_all("li")] == []
    absent = text[text.index("## Not part of AWS Lambda { #does-not-apply") :]
    assert [a.words for a in tree(absent).find_all("a")] == ["Backups"]
    assert "ec2-backups" not in text


def _picture(data: Catalog, what: str = "owner") -> dict[tuple[str, str], str]:
    page = tree(service_pages.model_picture(data, linker(data, "index.md"), {}))
    return {
        (td.attrs["data-area"], td.attrs["data-service"]): td.attrs["data-owner"] if what == "owner" else td.words
        for td in page.find_all("td")
    }


def test_model_picture_colours_each_area_by_its_owners_and_changes_with_the_data() -> None:
    doc = document()
    before = _picture(parse(doc))
    texts = _picture(parse(doc), "text")
    assert before == {
        ("data", "ec2"): "shared",
        ("data", "lambda"): "na",
        ("data", "s3"): "shared",
        ("data", "dynamodb"): "shared",
        ("operating-system", "ec2"): "shared",  # customer and AWS entries in one area
        ("operating-system", "lambda"): "aws",
        ("operating-system", "s3"): "aws",
        ("operating-system", "dynamodb"): "aws",
    }
    entry(doc, BACKUPS)["services"] = {"default": "shared", "lambda": "customer"}
    after = _picture(parse(doc))
    assert after[("data", "lambda")] == "customer"
    assert texts[("operating-system", "ec2")] == "Customer 1, AWS 1 of 2"
    assert texts[("data", "lambda")] == "None apply"
    assert {k: v for k, v in after.items() if k != ("data", "lambda")} == {
        k: v for k, v in before.items() if k != ("data", "lambda")
    }
    page = tree(service_pages.model_picture(parse(doc), linker(parse(doc), "index.md"), {}))
    assert [a.attrs["href"] for a in page.find("thead").find_all("a")] == [
        "services/ec2/",
        "services/lambda/",
        "services/s3/",
        "services/dynamodb/",
    ]


def test_model_picture_draws_the_layers_of_the_data_file_and_its_caption_names_them() -> None:
    doc = document()
    doc["layers"][1:] = [
        {"id": "guest", "name": "Guest OS", "responsibilities": [GUEST]},
        {"id": "people", "name": "People and process", "beside": True, "responsibilities": [HOST]},
    ]
    page = tree(service_pages.model_picture(parse(doc), linker(parse(doc), "index.md"), {}))
    assert [th.words for th in page.find("tbody").find_all("th")] == ["Data", "Guest OS"]
    assert {td.attrs["data-area"] for td in page.find_all("td")} == {"data", "guest"}
    assert page.find("figcaption").words.startswith(
        "Each column is a service and each row a layer of its stack, from Guest OS at the bottom to Data at the top."
    )
    assert "The areas that are not layers of the stack (people and process) are on" in page.find("figcaption").words
    doc["layers"][2]["beside"] = False
    page = tree(service_pages.model_picture(parse(doc), linker(parse(doc), "index.md"), {}))
    assert [th.words for th in page.find("tbody").find_all("th")] == ["Data", "Guest OS", "People and process"]
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
    assert meta["description"].endswith("and the 2 things you still have to do.")
    assert '<!-- srg:service-page service="ec2" -->' in body
    assert "and the 0 things" in yaml.safe_load(pages["services/lambda.md"].split("---\n")[1])["description"]


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
    assert description == f"{owners} The customer patches the guest OS. {checked}"
    assert page.find("p", class_="checked").text == checked
    assert page.find("p", class_="owners").text == owners
    assert page.find("link", rel="canonical").attrs["href"] == "https://example.org/guide/customer/#guest-os-patching"
    assert page.find("meta", http_equiv="refresh").attrs["content"] == "0; url=../../customer/#guest-os-patching"
    assert page.find("a", class_="go").attrs["href"] == "../../customer/#guest-os-patching"
    without_address = tree(service_pages.share_pages(data, locations, "The Guide", None)["a/backups/index.html"])
    assert not without_address.find_all("link", rel="canonical")
    assert not without_address.find_all("meta", property="og:image")
    assert without_address.find("p", class_="owners").text == "Shared on every service it applies to."


# -- hostile text -------------------------------------------------------------------------------------------


def hostile_catalog(text: str) -> Catalog:
    doc = document()
    guest = entry(doc, GUEST)
    guest.update(title=text, summary=text, aws=text, customer=text)
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
    assert tree(html).find("p", class_="srg-summary").text == "&amp; &lt;b&gt;"


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
    assert page.find("meta", name="description").attrs["content"].endswith(f" {text} {checked}")
    assert not page.find_all("script")
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
