"""Unit tests of the pure renderers, markers and references (no MkDocs involved)."""

from __future__ import annotations

import re

import markdown
import pytest
import yaml

from srg import render
from srg.load import parse_catalog
from srg.markers import MarkupError, Target, expand_markers, placements, resolve_refs
from test_load import NAME, minimal


def catalog_with(**changes: str):
    document = minimal()
    document["responsibilities"][0].update(changes)
    return parse_catalog(yaml.safe_dump(document, sort_keys=False), NAME)


def to_html(text: str) -> str:
    return markdown.markdown(text, extensions=["tables", "attr_list", "md_in_html", "toc"])


HOSTILE = [
    "<script>alert(1)</script>",
    "a | b | c",
    "**bold** _em_ `code` [link](https://evil.example) ![img](x.png)",
    "{{ jinja }} {% block %} :smile: ==mark== ~~del~~ ^^ins^^ $math$",
    "1. not a list",
    "- not a list either",
    "# not a heading",
    "&amp; &lt; stays as typed",
    "Ünïcödé, 中文, emoji 🙂 and a family 👨‍👩‍👧 emoji",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_renders_literally_in_the_table(text: str) -> None:
    catalog = catalog_with(customer=text, title=text)
    html = to_html(render.comparison_table(catalog))
    assert "<script>" not in html
    assert "<strong>" not in html
    assert "<em>" not in html
    assert "<code>" not in html
    assert 'href="https://evil.example"' not in html
    assert html.count("<tr>") == 1 + len(catalog.responsibilities)
    for row in html.split("<tr>")[2:]:
        assert row.count("<td") == 4, row


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_title_stays_one_heading_with_the_stable_anchor(text: str) -> None:
    catalog = catalog_with(title=text, summary=text)
    html = to_html(render.responsibility_section(catalog, catalog.responsibilities[0]))
    assert html.count("<h2") == 1
    assert 'id="guest-os-patching"' in html
    assert "<script>" not in html
    assert "<ol>" not in html
    assert "<ul>" not in html
    assert "<h1" not in html


def test_escape_round_trips_through_markdown_as_the_same_text() -> None:
    import html as htmllib
    import re

    for text in HOSTILE:
        rendered = to_html(f"x {render.escape(text)}")
        plain = htmllib.unescape(re.sub(r"<[^>]+>", "", rendered))
        assert plain == f"x {text}"


def test_comparison_table_has_one_row_per_entry_with_owner_badge() -> None:
    catalog = catalog_with()
    table = render.comparison_table(catalog)
    assert "[[guest-os-patching]]" in table
    assert "[[host-os-patching]]" in table
    assert 'srg-owner--customer">Customer<' in table
    assert 'srg-owner--aws">AWS<' in table


def test_section_lists_every_service_related_and_sources() -> None:
    catalog = catalog_with()
    section = render.responsibility_section(catalog, catalog.responsibilities[0])
    assert section.startswith("## Guest OS patching { #guest-os-patching .srg-responsibility }")
    html = to_html(section)
    split = re.findall(
        r'<li><span class="srg-split__service">([^<]+)</span> <span class="srg-owner srg-owner--(\w+)">', html
    )
    assert split == [("EC2", "customer"), ("Lambda", "aws")]
    assert "No guest OS.</li>" in html
    assert "**Related:** [[host-os-patching]]" in section
    assert "[[source:notes]]" in section


def test_sections_filter_by_owner() -> None:
    catalog = catalog_with()
    assert "#host-os-patching" in render.responsibility_sections(catalog, "aws")
    assert "#host-os-patching" not in render.responsibility_sections(catalog, "customer")


def test_service_split_orders_customer_first_and_lists_non_applicable() -> None:
    document = minimal()
    document["responsibilities"][1]["services"] = {"ec2": "aws", "lambda": "n/a"}
    catalog = parse_catalog(yaml.safe_dump(document, sort_keys=False), NAME)
    split = render.service_split(catalog, "lambda")
    assert split.index("[[guest-os-patching]]") < split.index("Does not apply here")
    assert "**Does not apply here:** [[host-os-patching]]" in split
    assert render.service_split(catalog, "ec2").index("guest-os") < render.service_split(catalog, "ec2").index(
        "host-os"
    )


def test_aliases_keep_old_links_working() -> None:
    document = minimal()
    document["responsibilities"][0]["aliases"] = ["os-patching"]
    catalog = parse_catalog(yaml.safe_dump(document, sort_keys=False), NAME)
    section = render.responsibility_section(catalog, catalog.responsibilities[0])
    assert '<span id="os-patching" class="srg-alias"></span>' in section
    pages = {
        "a.md": '<!-- srg:responsibilities owner="customer" -->',
        "b.md": '<!-- srg:responsibilities owner="aws" --><!-- srg:sources -->',
    }
    assert placements(pages, catalog)["os-patching"] == Target("a.md", "guest-os-patching", "Guest OS patching")


# -- markers -------------------------------------------------------------------------


def test_markers_expand_and_unknown_or_malformed_ones_fail() -> None:
    catalog = catalog_with()
    out = expand_markers("Intro\n\n<!-- srg:comparison-table -->\n", catalog, "docs/x.md")
    assert "| Responsibility | Owner |" in out
    assert "srg:" not in out
    with pytest.raises(MarkupError, match=r"^docs/x.md:3: unknown marker 'srg:comparison-tabel'"):
        expand_markers("a\n\n<!-- srg:comparison-tabel -->", catalog, "docs/x.md")
    with pytest.raises(MarkupError, match=r"^docs/x.md:2: malformed srg marker left unreplaced"):
        expand_markers("a\n<!-- srg:comparison-table", catalog, "docs/x.md")
    with pytest.raises(MarkupError, match=r"needs owner=\"…\" with one of aws, customer, shared \(got 'amazon'\)"):
        expand_markers('<!-- srg:responsibilities owner="amazon" -->', catalog, "docs/x.md")
    with pytest.raises(MarkupError, match=r"takes no argument colour"):
        expand_markers('<!-- srg:sources colour="red" -->', catalog, "docs/x.md")


def test_placements_need_every_owner_rendered_exactly_once() -> None:
    catalog = catalog_with()
    with pytest.raises(MarkupError, match=r"entry 'guest-os-patching' would not be rendered"):
        placements({"a.md": '<!-- srg:responsibilities owner="aws" --><!-- srg:sources -->'}, catalog)
    twice = {"a.md": '<!-- srg:responsibilities owner="aws" -->', "b.md": '<!-- srg:responsibilities owner="aws" -->'}
    with pytest.raises(MarkupError, match=r"already rendered on a.md"):
        placements(twice, catalog)


# -- references ------------------------------------------------------------------------


TARGETS = {
    "guest-os-patching": Target("customer.md", "guest-os-patching", "Guest OS <patching>"),
    "source:notes": Target("sources.md", "source-notes", "The notes"),
}


def test_references_become_relative_links() -> None:
    text = "See [[guest-os-patching]], [[guest-os-patching|this]] and [[source:notes]]."
    assert resolve_refs(text, "index.md", TARGETS) == (
        "See [Guest OS &#60;patching&#62;](customer.md#guest-os-patching), "
        "[this](customer.md#guest-os-patching) and [The notes](sources.md#source-notes)."
    )
    assert (
        resolve_refs("[[guest-os-patching]]", "customer.md", TARGETS)
        == "[Guest OS &#60;patching&#62;](#guest-os-patching)"
    )
    assert resolve_refs("[[source:notes]]", "deep/page.md", TARGETS) == "[The notes](../sources.md#source-notes)"


def test_unknown_or_malformed_reference_fails_with_page_and_line() -> None:
    with pytest.raises(MarkupError, match=r"^docs/index.md:2: reference \[\[guest-os\]\] names no responsibility"):
        resolve_refs("a\n[[guest-os]]", "index.md", TARGETS, "docs/index.md")
    with pytest.raises(MarkupError, match=r"^index.md:1: malformed reference"):
        resolve_refs("[[guest os patching]]", "index.md", TARGETS)
