"""Property-based: a data file full of hostile text builds with that text shown literally, or fails clearly.

Hypothesis writes hostile strings (HTML and script, Markdown table and link
syntax, template syntax, bidi and zero-width characters, very long strings)
into every kind of text field of a real entry. The data then either loads, and
every page rendered through the same Markdown pipeline as the site shows the
text as typed, nothing injected, every entry in its place; or it is refused
with the validator's message naming file, entry and field. Nothing else may
happen: no other exception, no partial table, no entry dropped.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import DATA_FILE, ROOT, Build
from srg.load import DataError, parse_catalog
from srg.markers import expand_markers, placements, resolve_refs
from srg.model import Catalog
from srg.terms import prose_text, undefined_terms
from srg.views import abbreviations

NAME = "docs/data/responsibilities.yml"
ENTRY = "guest-os-patching"
FRAGMENTS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "</td></tr></table><b>",
    "| a | b |",
    "[click](javascript:alert(1))",
    "![x](https://evil.example/x.png)",
    "<https://evil.example>",
    "{{ config.site_name }}",
    "{% include 'x' %}",
    "*[OS]: Owned",
    "[[guest-os-patching]]",
    "<!-- srg:sources -->",
    "# heading",
    "1. item",
    "&amp; &#60; &lt;",
    ":smile: ==mark== ~~x~~",
    "\u202eevil\u202c",
    "zero\u200bwidth",
    "joiner\u200d",
    "\\*not em\\*",
    "`code`",
    "\"quoted\" 'single'",
]
TEXT = st.lists(
    st.one_of(
        st.sampled_from(FRAGMENTS),
        st.text(st.characters(exclude_categories=("Cs",)), max_size=30),
        st.text(st.sampled_from("ab <>&|[]()*_`#!{}%:$=~^\\\"'"), min_size=1, max_size=20),
        st.integers(350, 600).map(lambda n: "long " * (n // 5)),
    ),
    min_size=1,
    max_size=4,
).map(" ".join)
FIELDS = ["title", "summary", "aws", "customer", "note", "search", "question"]


def mkdocs_extensions() -> tuple[list[str], dict[str, Any]]:
    names, configs = [], {}
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    for item in config["markdown_extensions"]:
        if isinstance(item, dict):
            (name, options), *_ = item.items()
            names.append(name)
            configs[name] = {k: v == "true" if v in ("true", "false") else v for k, v in (options or {}).items()}
        else:
            names.append(item)
    return names, configs


EXTENSIONS, EXTENSION_CONFIGS = mkdocs_extensions()
PAGES = {
    p.name: re.sub(r"\A---\n.*?\n---\n", "", p.read_text(encoding="utf-8"), flags=re.S)
    for p in (ROOT / "docs").glob("*.md")
}
BASE = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))


def render_pages(catalog: Catalog) -> dict[str, str]:
    """Every page through the site's pipeline: markers, references, abbreviations, the same extensions."""
    targets = placements(PAGES, catalog)
    out = {}
    for name, text in PAGES.items():
        source = resolve_refs(expand_markers(text, catalog, name), name, targets) + "\n\n" + abbreviations(catalog)
        out[name] = markdown.markdown(source, extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)
    return out


def with_text(field: str, text: str) -> dict[str, Any]:
    document = copy.deepcopy(BASE)
    entry = next(e for e in document["responsibilities"] if e["id"] == ENTRY)
    if field == "note":
        entry["services"]["fargate"] = {"owner": "aws", "note": text}
    elif field == "search":
        entry["search"] = [*entry["search"], text]
    else:
        entry[field] = text
    return document


def words(text: str) -> str:
    return " ".join(text.split())


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(field=st.sampled_from(FIELDS), text=TEXT)
def test_hostile_text_is_shown_literally_or_refused_clearly(field: str, text: str) -> None:
    source = yaml.safe_dump(with_text(field, text), allow_unicode=True, sort_keys=False)
    try:
        catalog = parse_catalog(source, NAME)
    except DataError as error:
        message = str(error)
        assert message.startswith(f"{NAME}:"), message
        assert f"entry '{ENTRY}'" in message, message
        assert f"field '{'services.fargate.' if field == 'note' else ''}{field}" in message, message
        return
    pages = render_pages(catalog)
    html = "\n".join(pages.values())
    assert "<script" not in html
    assert "<img" not in html
    assert "evil.example" not in re.sub(r">[^<]*<", "><", html)  # in no attribute or tag
    assert not re.search(r'href="\s*javascript:', html)
    entry = catalog.responsibility(ENTRY)
    shown = words(text.strip())
    customer = words(prose_text(pages["customer.md"]))
    where = {"title": customer, "summary": customer, "aws": customer, "customer": customer, "note": customer}
    where["question"] = words(prose_text(pages["self-check.md"]))
    if field in where:
        assert shown in where[field]
    else:
        assert entry.search[-1] == text.strip()
    table = pages["comparison.md"]
    rows = re.findall(r"<tr>\s*<td>", table[table.index('<div class="srg-comparison"') :])
    assert len(rows) == len(catalog.responsibilities) == len(BASE["responsibilities"])
    for each in catalog.responsibilities:
        assert f'id="{each.id}"' in pages[f"{each.owner}.md"]
    # Only the glossary check may still stop the build, with its own clear message.
    for name, page_html in pages.items():
        for term in undefined_terms(page_html, catalog.glossary):
            assert term.isupper() or any(c.isdigit() for c in term), (name, term)


HOSTILE_ENTRY = """
  - id: hostile-entry
    title: "<script>alert(1)</script> | {{ config.site_name }} {% raw %} [x](javascript:alert(1))"
    question: "who reads <b>this</b> & [[guest-os-patching]]?"
    owner: customer
    category: data
    summary: "![x](https://evil.example/x.png) <!-- srg:sources --> *[OS]: Owned"
    aws: "1. not a list | # not a heading"
    customer: "joiner\\u200d emoji 🙂 and very long text {long}"
    services:
      ec2: {owner: customer, note: "</td></tr></table> ==mark== :smile:"}
      ecs-ec2: customer
      fargate: customer
      rds: customer
      lambda: n/a
      s3-dynamodb: shared
    related: [application-data]
    search: ["<i>search</i>", "zebra-hostile"]
    sources: [aws-srm]
""".replace("{long}", "word " * 70)


def test_a_real_build_with_hostile_text_everywhere_shows_it_literally(
    build_project, data_text: str, tmp_path: Path
) -> None:
    build: Build = build_project(data=data_text + HOSTILE_ENTRY)
    assert build.returncode == 0, build.output
    exported = json.loads(build.page("data/responsibilities.json"))
    entry = exported["responsibilities"][-1]
    assert entry["id"] == "hostile-entry"
    for page in ("comparison/index.html", "customer/index.html", "matrix/index.html", "self-check/index.html"):
        html = build.page(page)
        assert "<script>alert" not in html
        assert "javascript:alert" not in re.sub(r">[^<]*<", "><", html)
        assert "hostile-entry" in html, page
    text = words(prose_text(build.page("customer/index.html")))
    for field in ("title", "summary", "aws", "customer"):
        assert words(entry[field]) in text, field
    check = words(prose_text(build.page("self-check/index.html")))
    assert words(f"On Amazon EC2, {entry['question']}") in check
    index = json.loads(build.page("search/search_index.json"))
    assert any(doc["location"] == "customer/#hostile-entry" for doc in index["docs"])


@pytest.mark.parametrize("bad", ["\u202eevil", "zero\u200bwidth", "x" * 401, "   "])
def test_refused_hostile_text_names_file_entry_and_field(bad: str) -> None:
    source = yaml.safe_dump(with_text("summary", bad), allow_unicode=True, sort_keys=False)
    with pytest.raises(DataError, match=rf"^{re.escape(NAME)}:\d+: entry '{ENTRY}': field 'summary'"):
        parse_catalog(source, NAME)
