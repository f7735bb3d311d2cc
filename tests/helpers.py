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
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, settings

from srg.errors import DataError
from srg.html import Linker, Target
from srg.load import load_catalog, parse_catalog
from srg.model import Catalog
from srg.pipeline import Site

ROOT = Path(__file__).resolve().parent.parent
DATA_FILE = ROOT / "docs" / "data" / "responsibilities.yml"
SCHEMA_FILE = DATA_FILE.parent / "responsibilities.schema.json"
NAME = "docs/data/responsibilities.yml"
CHECKED = datetime.date(2026, 11, 1)

# Hypothesis: a quick profile for working locally, a thorough one for CI (HYPOTHESIS_PROFILE=ci).
settings.register_profile(
    "dev", max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


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
            {"id": "ec2", "name": "Amazon EC2", "kind": "infrastructure", "security": "aws-notes"},
            {"id": "lambda", "name": "AWS Lambda", "kind": "serverless", "security": "aws-notes"},
            {"id": "s3", "name": "Amazon S3", "kind": "abstracted", "security": "aws-notes"},
            {"id": "dynamodb", "name": "Amazon DynamoDB", "kind": "abstracted", "security": "aws-notes"},
        ],
        "categories": [{"id": "operating-system", "name": "Operating system"}],
        "glossary": [
            {"term": "OS", "expansion": "Operating system", "definition": "What runs the machine."},
            {"term": "AWS", "expansion": "Amazon Web Services"},
            {"term": "EC2", "expansion": "Amazon Elastic Compute Cloud"},
        ],
        "responsibilities": [guest, host],
    }


def dump(document: Any) -> str:
    """Block-style YAML: every field and list item on a line of its own, so a test can find its line."""
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100_000)


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
    from srg.service_pages import generated_pages

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
