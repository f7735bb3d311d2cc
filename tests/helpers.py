"""Helpers shared by the unit tests of hooks/srg: a small valid data file, its YAML, and the real data.

Plain functions and constants only (fixtures live in conftest.py, which this
module does not change); no test module imports another test module.
"""

from __future__ import annotations

import copy
import datetime
import functools
import json
import os
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markupsafe
import pytest
import yaml
from hypothesis import HealthCheck, settings

from srg.errors import DataError
from srg.html import Linker, Target
from srg.load import load_catalog, parse_catalog
from srg.model import Catalog
from srg.pipeline import Site
from srg.service_pages import generated_pages

ROOT = Path(__file__).resolve().parent.parent
DATA_FILE = ROOT / "docs" / "data" / "responsibilities.yml"
SCHEMA_FILE = DATA_FILE.parent / "responsibilities.schema.json"
NAME = "docs/data/responsibilities.yml"
CHECKED = datetime.date(2026, 11, 1)

# Hypothesis: a quick profile for working locally, a thorough one for CI (HYPOTHESIS_PROFILE=ci).
settings.register_profile("dev", max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


# The C emitter when PyYAML has it: dumping the real data file takes a tenth of the time.
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


# -- a small valid data file -------------------------------------------------------------------


def minimal() -> dict[str, Any]:
    """A small document that loads: four services of three kinds, two entries, one AWS and one other source.

    guest-os-patching varies by service (customer on EC2, AWS on Lambda with a
    sourced note, AWS on the abstracted services); host-os-patching is AWS's
    everywhere.
    """
    guest = {
        "id": "guest-os-patching",
        "title": "Guest OS patching",
        "rule": "customer",
        "category": "operating-system",
        "summary": "The customer patches the guest OS.",
        "aws": "Patches the host.",
        "customer": "Patches the guest.",
        "services": {
            "ec2": "customer",
            "lambda": {"owner": "aws", "note": "No guest OS to patch.", "sources": ["aws-notes"]},
            "abstracted": "aws",
        },
        "related": ["host-os-patching"],
        "search": ["OS", "patch"],
        "sources": ["aws-notes"],
        "checked": CHECKED,
    }
    host = {
        **copy.deepcopy(guest),
        "id": "host-os-patching",
        "title": "Host OS patching",
        "rule": "aws",
        "services": "aws",
        "related": [],
    }
    return {
        "sources": [
            {"id": "aws-notes", "title": "The AWS notes", "url": "https://docs.aws.amazon.com/notes.html"},
            {"id": "blog", "title": "A blog", "url": "https://example.org/blog"},
        ],
        "services": [
            _service("ec2", "Amazon EC2", "infrastructure", "An instance."),
            _service("lambda", "AWS Lambda", "serverless", "A function."),
            _service("s3", "Amazon S3", "abstracted", "A bucket."),
            _service("dynamodb", "Amazon DynamoDB", "abstracted", "A table."),
        ],
        "categories": [{"id": "operating-system", "name": "Operating system"}],
        "layers": [
            {"id": "guest-os", "name": "Guest OS", "responsibilities": ["guest-os-patching"]},
            {"id": "host-os", "name": "Host OS", "responsibilities": ["host-os-patching"]},
        ],
        "glossary": [
            {"term": "OS", "expansion": "Operating system", "definition": "What runs the machine."},
            {"term": "AWS", "expansion": "Amazon Web Services"},
            {"term": "EC2", "expansion": "Amazon Elastic Compute Cloud"},
        ],
        "responsibilities": [guest, host],
    }


def _service(service_id: str, name: str, kind: str, setup: str) -> dict[str, Any]:
    """A service of the small document, its default setup resting on the AWS notes."""
    default_setup = {"text": setup, "sources": ["aws-notes"]}
    return {"id": service_id, "name": name, "kind": kind, "security": "aws-notes", "default_setup": default_setup}


def dump(document: Any) -> str:
    """Block-style YAML: every field and list item on a line of its own, so a test can find its line."""
    return yaml.dump(
        document,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100_000,
    )


def parse(document: Any) -> Catalog:
    return parse_catalog(dump(document), NAME)


def refusal(text: str) -> str:
    """The loader's message for `text`, which it must refuse the same way twice."""
    messages = []
    for _ in range(2):
        with pytest.raises(DataError) as caught:
            parse_catalog(text, NAME)
        messages.append(str(caught.value))
    assert messages[0] == messages[1], messages
    return messages[0]


def line_of(text: str, pattern: str, after: str | None = None) -> int:
    """The 1-based line of the first line matching regex `pattern`, at or after the line containing `after`."""
    lines = text.splitlines()
    start = 0
    if after is not None:
        start = next(n for n, line in enumerate(lines) if after in line)
    for n in range(start, len(lines)):
        if re.search(pattern, lines[n]):
            return n + 1
    raise AssertionError(f"no line matches {pattern!r} after {after!r}")


def entry(document: dict[str, Any], entry_id: str) -> dict[str, Any]:
    return next(e for e in document["responsibilities"] if e.get("id") == entry_id)


def json_ready(value: Any) -> Any:
    """A YAML document as JSON Schema sees it once written as JSON: dates become ISO strings."""
    if isinstance(value, dict):
        return {k: json_ready(v) for k, v in value.items()}
    if isinstance(value, list):
        return [json_ready(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


# -- the real data file and pages -----------------------------------------------------------------


@functools.cache
def real_catalog() -> Catalog:
    return load_catalog(DATA_FILE, NAME)


@functools.cache
def real_document() -> dict[str, Any]:
    return yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))


@functools.cache
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def hand_written_pages() -> dict[str, str]:
    """docs/*.md by source path, as MkDocs hands them to the hooks (front matter stripped)."""
    return {
        path.name: re.sub(r"\A---\n.*?\n---\n", "", path.read_text(encoding="utf-8"), flags=re.S)
        for path in sorted((ROOT / "docs").glob("*.md"))
    }


def all_pages(catalog: Catalog) -> dict[str, str]:
    """Every page of a build: the hand-written ones and those generated from the data."""
    generated = {
        path: re.sub(r"\A---\n.*?\n---\n", "", markdown, flags=re.S)
        for path, markdown in generated_pages(catalog).items()
    }
    return {**hand_written_pages(), **generated}


def site_of(catalog: Catalog) -> Site:
    return Site(catalog, all_pages(catalog))


def linker(catalog: Catalog, page: str = "page.md") -> Linker:
    """Links from `page` to entries on 'customer.md'/'aws.md'/'shared.md' and sources on 'sources.md'."""
    targets = {}
    for item in catalog.responsibilities:
        targets[item.id] = Target(f"{item.rule}.md", item.id, item.title)
        for alias in item.aliases:
            targets[alias] = targets[item.id]
    for source in catalog.sources:
        targets[f"source:{source.id}"] = Target("sources.md", f"source-{source.id}", source.title)
    return Linker(page, targets)


# -- reading generated HTML --------------------------------------------------------------------------

VOID = frozenset({"area", "br", "col", "hr", "img", "input", "link", "meta", "source", "wbr"})
# Elements inside a line of text; any other tag separates words.
INLINE = frozenset(
    {"a", "abbr", "b", "code", "em", "i", "kbd", "mark", "small", "span", "strong", "sub", "sup", "time"}
)


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""
    children: list[Element] = field(default_factory=list)

    def find_all(self, tag: str | None = None, **attrs: str) -> list[Element]:
        """Descendants with the tag (any if None) whose attributes contain `attrs` (class_ for class)."""
        found = []
        for child in self.children:
            wanted = {k.rstrip("_").replace("_", "-"): v for k, v in attrs.items()}
            if (tag is None or child.tag == tag) and all(_has(child, k, v) for k, v in wanted.items()):
                found.append(child)
            found.extend(child.find_all(tag, **attrs))
        return found

    def find(self, tag: str | None = None, **attrs: str) -> Element:
        found = self.find_all(tag, **attrs)
        assert found, f"no <{tag}> with {attrs}"
        return found[0]

    @property
    def words(self) -> str:
        return " ".join(self.text.split())


def _has(element: Element, key: str, value: str) -> bool:
    if key == "class":
        return value in element.attrs.get("class", "").split()
    return element.attrs.get(key) == value


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("root", {})
        self.stack = [self.root]

    def _gap(self, tag: str) -> None:
        if tag not in INLINE:
            self.handle_data(" ")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._gap(tag)
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                self._gap(tag)
                return

    def handle_data(self, data: str) -> None:
        for element in self.stack:
            element.text += data


def tree(html: str) -> Element:
    """The HTML as a tree of elements, each with its attributes and its whole text (entities decoded).

    Block elements add a space around their text, so `words` reads as a person would.
    """
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def inert(text: str) -> str:
    """`text` as the templates write it: HTML-escaped (the pipeline never reads a generated block for references)."""
    return str(markupsafe.escape(text))
