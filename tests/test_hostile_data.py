"""Property-based: hostile text in any field of the real data file builds literally, or is refused clearly.

Hypothesis writes hostile strings (HTML and script, Markdown table, link and
heading syntax, template syntax, [[references]] and srg markers, bidi and
zero-width characters, very long strings) into one field of the real data
file. Then, through srg.pipeline as the build runs it (no MkDocs, to stay
fast): load the file, build the Site from docs/*.md and the generated pages,
and render every page. Either the file is refused with a DataError naming the
file, its line and the field, or every page renders, nothing is injected (no
new element, event handler or javascript: link), and the text is shown where
the field is shown, exactly as typed.
"""

from __future__ import annotations

import copy
import functools
import html
import re
from dataclasses import dataclass
from typing import Any

import markdown
import pytest
from helpers import NAME, all_pages, dump, inert, real_document, tree
from hypothesis import example, given, settings
from hypothesis import strategies as st

from srg.errors import DataError
from srg.load import parse_catalog
from srg.markdown_text import escape
from srg.model import Catalog
from srg.pipeline import Site, render_page
from srg.service_pages import share_pages

ENTRY = "guest-os-patching"  # a customer entry, so its section is on customer.md
SERVICE = "rds"  # its cell there has a note and conditions

FRAGMENTS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "</td></tr></table><b>",
    '" onmouseover="alert(1)',
    "| a | b |",
    "[click](javascript:alert(1))",
    "![x](https://evil.example/x.png)",
    "<https://evil.example>",
    "{{ config.site_name }}",
    "{% include 'x' %}",
    "*[OS]: Owned",
    "[[guest-os-patching]]",
    "[[no-such-entry]]",
    "<!-- srg:sources -->",
    "# heading",
    "1. item",
    "&amp; &#60; &lt;",
    ":smile: ==mark== ~~x~~",
    "{ #injected .class }",
    "\u202eevil\u202c",
    "zero\u200bwidth",
    "joiner\u200d",
    "\\*not em\\*",
    "`code`",
    "\"quoted\" 'single'",
    "AWS EC2 OS",
]
TEXT = st.lists(
    st.one_of(
        st.sampled_from(FRAGMENTS),
        st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30),
        st.text(st.sampled_from("ab <>&|[]()*_`#!{}%:$=~^\\\"'"), min_size=1, max_size=20),
        st.integers(350, 450).map(lambda n: ("long " * n)[:n]),
    ),
    min_size=1,
    max_size=4,
).map(" ".join)


def names(field: Field, message: str) -> bool:
    """Whether `message` starts with the file, a line, and the field."""
    named = ".*".join(re.escape(part) for part in field.named.split("…"))
    return re.match(rf"{re.escape(NAME)}:\d+: {named}", message, re.S) is not None


@dataclass(frozen=True)
class Field:
    """A text field of the real data file: where it is, how errors name it, and the page that shows it."""

    name: str
    path: tuple[str | int, ...]
    named: str  # how an error message names it, after 'file:line: '; '…' stands for any text
    page: str | None  # None: not shown on a page (search words)
    heading: str | None = None  # the anchor of a Markdown heading that shows it


@functools.cache
def fields() -> dict[str, Field]:
    document = real_document()

    def index(key: str, name: str, value: str) -> int:
        return next(n for n, item in enumerate(document[key]) if item[name] == value)

    e = ("responsibilities", index("responsibilities", "id", ENTRY))
    item = document["responsibilities"][e[1]]
    cell = (*e, "services", SERVICE)
    source_id = item["sources"][0]
    source = ("sources", index("sources", "id", source_id))
    category = ("categories", index("categories", "id", item["category"]))
    term = ("glossary", index("glossary", "term", "OS"))
    who = f"entry '{ENTRY}': field"
    found = [
        Field("title", (*e, "title"), f"{who} 'title'", "customer.md", ENTRY),
        Field("summary", (*e, "summary"), f"{who} 'summary'", "customer.md"),
        Field("aws", (*e, "aws"), f"{who} 'aws'", "customer.md"),
        Field("customer", (*e, "customer"), f"{who} 'customer'", "customer.md"),
        Field("question", (*e, "question"), f"{who} 'question'", "self-check.md"),
        Field("search word", (*e, "search", 0), f"{who} 'search.0'", None),
        Field("cell note", (*cell, "note"), f"{who} 'services.{SERVICE}.note'", "customer.md"),
        Field(
            "condition",
            (*cell, "conditions", 0, "when"),
            f"{who} 'services.{SERVICE}.conditions.0.when'",
            "customer.md",
        ),
        Field(
            "condition note",
            (*cell, "conditions", 0, "note"),
            f"{who} 'services.{SERVICE}.conditions.0.note'",
            "customer.md",
        ),
        Field(
            "source title",
            (*source, "title"),
            f"source '{source_id}': field 'title'",
            "sources.md",
        ),
        Field("service name", ("services", 0, "name"), "service 'ec2': field 'name'", "matrix.md"),
        Field(
            "category name",
            (*category, "name"),
            f"category '{item['category']}': field 'name'",
            "comparison.md",
            f"compare-{item['category']}",
        ),
        Field("glossary expansion", (*term, "expansion"), "glossary term 'OS': field 'expansion'", "glossary.md"),
        Field("glossary definition", (*term, "definition"), "glossary term 'OS': field 'definition'", "glossary.md"),
        # A common question is named by its own text in messages, hostile text included.
        Field("common question", ("questions", 0, "question"), "question '…': field 'question'", "index.md"),
    ]
    return {each.name: each for each in found}


# The generated service pages put the service's name into their heading unescaped (see below).
UNESCAPED_IN_GENERATED_HEADINGS = ("service name",)
SAFE_FIELDS = [name for name in fields() if name not in UNESCAPED_IN_GENERATED_HEADINGS]


def with_text(field: Field, text: str) -> dict[str, Any]:
    document = copy.deepcopy(real_document())
    *parent_path, last = field.path
    parent: Any = document
    for part in parent_path:
        parent = parent[part]
    parent[last] = text
    return document


def render_all(catalog: Catalog) -> dict[str, str]:
    """Every page's final Markdown, and the share pages' HTML (a/<id>/index.html)."""
    site = Site(catalog, all_pages(catalog))
    rendered = {page: render_page(text, page, site) for page, text in site.pages.items()}
    return rendered | share_pages(catalog, site.section_locations(), "Guide", "https://example.org/guide/")


SCRIPTABLE = {"script", "img", "iframe", "object", "embed", "style", "form", "input", "svg", "math", "link", "meta"}
TAG = re.compile(r"<([a-zA-Z][\w-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
ATTRIBUTE = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")


def injected(rendered: str) -> list[str]:
    """Elements and attributes that could run or load something, in a page's Markdown and HTML."""
    found = []
    for tag in TAG.finditer(rendered):
        name = tag[1].lower()
        if name in SCRIPTABLE:
            found.append(f"<{name}>")
        for attribute in ATTRIBUTE.finditer(tag[2]):
            key, value = attribute[1].lower(), html.unescape(attribute[2] or attribute[3] or attribute[4] or "")
            if key.startswith("on") or value.strip().lower().startswith(("javascript:", "data:", "vbscript:")):
                found.append(f"<{name} {key}={value!r}>")
    return found


@functools.cache
def baseline() -> dict[str, list[str]]:
    return {page: injected(text) for page, text in render_all(parse_catalog(dump(real_document()), NAME)).items()}


def without_abbr(text: str) -> str:
    return re.sub(r"</?abbr\b[^>]*>", "", text)


def heading_text(rendered: str, anchor: str) -> str:
    """The text of the Markdown heading anchored at `anchor`, as Python-Markdown renders it."""
    line = next(line for line in rendered.splitlines() if re.match(rf"^#+ .*\{{ #{re.escape(anchor)}[ }}]", line))
    level = len(line) - len(line.lstrip("#"))
    page = tree(markdown.markdown(line, extensions=["attr_list", "toc"]))
    assert [child.tag for child in page.children] == [f"h{level}"], line
    assert page.children[0].attrs["id"] == anchor, line
    return page.children[0].text


def check(field: Field, text: str) -> None:
    source = dump(with_text(field, text))
    try:
        catalog = parse_catalog(source, NAME)
    except DataError as error:
        message = str(error)
        assert names(field, message), message
        return
    rendered = render_all(catalog)
    for page, page_text in rendered.items():
        assert injected(page_text) == baseline()[page], page
    if field.page is None:
        assert text in catalog.responsibility(ENTRY).search
        return
    shown = without_abbr(rendered[field.page])
    if field.name == "title":
        share = tree(rendered[f"a/{ENTRY}/index.html"])
        assert share.find("h1").text == f"{text}: who is responsible?"
        assert share.find("title").text.startswith(f"{text}: who is responsible?")
    if field.heading:
        assert heading_text(shown, field.heading) == text
    else:
        assert inert(text) in shown, (field.page, inert(text))


@settings(max_examples=max(6, settings().max_examples // 4))
@given(field=st.sampled_from(SAFE_FIELDS), text=TEXT)
@example(field="summary", text="<script>alert(1)</script> [[no-such-entry]] *em*")
@example(field="title", text="<img src=x onerror=alert(1)> [[no-such-entry]] guide")
@example(field="question", text="<b>this</b> & [[guest-os-patching]]")
@example(field="source title", text="# heading { #injected } [x](javascript:alert(1))")
def test_hostile_text_builds_literally_or_is_refused_clearly(field: str, text: str) -> None:
    if field == "question":
        text = f"who reads {text}?"  # reads on from 'On Amazon EC2, …' (test_load covers the other questions)
    if field == "summary":
        text = f"{text} ends here."  # one sentence with its full stop (test_load covers the other answers)
    check(fields()[field], text)


@settings(max_examples=max(6, settings().max_examples // 4))
@given(field=st.sampled_from(UNESCAPED_IN_GENERATED_HEADINGS), text=TEXT)
@example(field="service name", text="<img src=x onerror=alert(1)> service")
def test_hostile_service_name_builds_literally_or_is_refused(field: str, text: str) -> None:
    check(fields()[field], text)


@pytest.mark.parametrize(
    ("field", "bad"),
    [
        ("summary", "\u202eevil"),
        ("customer", "zero\u200bwidth"),
        ("cell note", "x" * 401),
        ("condition", "   "),
        ("question", "Who reads this?"),
        ("source title", " padded"),
        ("glossary definition", "bell\x07"),
        ("search word", "tab\there"),
    ],
)
def test_refused_hostile_text_names_file_line_and_field(field: str, bad: str) -> None:
    source = dump(with_text(fields()[field], bad))
    with pytest.raises(DataError) as caught:
        parse_catalog(source, NAME)
    message = str(caught.value)
    assert names(fields()[field], message), message
    at = source.splitlines()[int(message.split(":")[1]) - 1]
    last = fields()[field].path[-1]
    if isinstance(last, str):
        assert at.lstrip(" -").startswith(f"{last}:"), at
    else:
        assert at.lstrip().startswith("- "), at


def test_the_real_data_renders_with_nothing_injected() -> None:
    """The baseline every hostile build is compared with: the real site has no script, handler or javascript: link."""
    pages = {page: found for page, found in baseline().items() if page.endswith(".md")}
    assert len(pages) > 20
    assert all(found == [] for found in pages.values()), pages
    shares = {page: found for page, found in baseline().items() if not page.endswith(".md")}
    assert len(shares) == len(real_document()["responsibilities"])
    # A share page is a whole document: its head has meta and link elements and the template's one
    # style element, and nothing else that runs.
    assert all(set(found) == {"<meta>", "<link>", "<style>"} for found in shares.values()), shares
    assert all(found.count("<style>") == 1 for found in shares.values()), shares


def test_a_heading_shows_its_text_escaped() -> None:
    text = "# heading { #injected } *em*"
    assert escape(text) not in text
    field = fields()["category name"]
    check(field, text)
