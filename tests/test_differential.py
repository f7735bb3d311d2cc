"""Differential: wherever the JSON Schema can express a rule, jsonschema and the loader agree.

Editors validate the data file with the published schema; the build validates
it with srg.load. Hypothesis starts from a small valid document, applies one to
three mutations, writes it as YAML, and asks both: they must both accept it or
both refuse it. Both read the same file: the schema gets what YAML parsed, with
dates as ISO strings (as a JSON copy would have them).

Rules the schema cannot express (an id that names nothing, a service left
without owner, a note citing only pages outside AWS's documentation) are
excluded by construction: no mutation here invents or renames an id.

The loader before the pydantic rewrite disagreed with its schema on these,
found by review (each is a mutation below, and must agree now):
  - a whitespace-only summary: the schema accepted it, the loader refused it;
  - 400 characters plus a trailing space: the loader stripped it and accepted
    400, the schema refused 401;
  - duplicate ids in 'related' or 'sources': the schema refused them
    (uniqueItems), the loader accepted them;
  - a question starting with a non-ASCII capital ('Élan…?'): the loader
    refused it, the schema's '^(?![A-Z][a-z])' let it through;
  - a top-level '$schema' key: the schema allowed it, the loader refused it
    as an unknown field.

The first version of the pydantic loader still disagreed on these, found by
this test (each is a case of test_once_found_disagreements, and in the
property): duplicate items in lists (pydantic ignores 'uniqueItems'), and
values pydantic's lax mode coerced (dates given as timestamps or midnight
datetimes, an empty 'conditions' list, 'note: null', bytes), and text ending
in a line break (Python's '$' matches before it).
"""

from __future__ import annotations

import contextlib
import copy
import datetime
import functools
from dataclasses import dataclass
from typing import Any

import jsonschema
import pytest
import yaml
from helpers import NAME, dump, json_ready, minimal, schema
from hypothesis import given, note
from hypothesis import strategies as st

from srg.errors import DataError
from srg.load import parse_catalog
from srg.model import MAX_TEXT

Path = tuple[str | int, ...]
Document = dict[str, Any]


@dataclass(frozen=True)
class Mutation:
    label: str
    path: Path
    value: Any = None
    delete: bool = False

    def apply(self, document: Document) -> None:
        *parent_path, last = self.path
        parent = document
        for part in parent_path:
            parent = parent[part]
        if self.delete:
            del parent[last]
        else:
            parent[last] = copy.deepcopy(self.value)

    def __str__(self) -> str:
        action = "delete" if self.delete else f"= {self.value!r}"
        return f"{self.label}: {'.'.join(map(str, self.path))} {action}"


@functools.cache
def validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def verdicts(document: Document) -> tuple[list[str], str | None]:
    """The schema's errors and the loader's message (None: accepted) for the file `document` is written as."""
    text = dump(document)
    read = json_ready(yaml.safe_load(text))
    schema_errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator().iter_errors(read)]
    try:
        parse_catalog(text, NAME)
    except DataError as error:
        return schema_errors, str(error)
    return schema_errors, None


def assert_agree(document: Document) -> None:
    schema_errors, refusal = verdicts(document)
    assert bool(schema_errors) == bool(refusal), (
        f"schema {'refuses' if schema_errors else 'accepts'} but the loader {'refuses' if refusal else 'accepts'}: "
        f"{schema_errors[:3]} / {refusal}"
    )


# -- where the small document has what ---------------------------------------------------------

E = ("responsibilities", 0)  # guest-os-patching: its cell on Lambda has a note and a source
CELL = (*E, "services", "lambda")
TEXT_FIELDS: list[Path] = [
    (*E, "title"),
    (*E, "summary"),
    (*E, "aws"),
    (*E, "customer"),
    (*E, "search", 1),
    (*CELL, "note"),
    ("sources", 0, "title"),
    ("services", 0, "name"),
    ("services", 0, "default_setup", "text"),
    ("categories", 0, "name"),
    ("glossary", 0, "expansion"),
    ("glossary", 0, "definition"),
]
REQUIRED: list[Path] = [
    *((*E, key) for key in ("id", "title", "rule", "category", "summary", "aws", "customer", "services")),
    *((*E, key) for key in ("related", "search", "sources", "checked")),
    ("sources", 0, "id"),
    ("sources", 0, "title"),
    *(("services", 1, key) for key in ("id", "name", "kind", "security", "default_setup")),
    ("services", 1, "default_setup", "text"),
    ("services", 1, "default_setup", "sources"),
    ("categories", 0, "name"),
    ("glossary", 0, "term"),
    ("glossary", 0, "expansion"),
    (*CELL, "owner"),
    ("glossary",),
    ("services",),
]
OPTIONAL: list[Path] = [("sources", 1, "url"), ("glossary", 0, "definition"), (*E, "aliases")]
EXTRA_AT: list[Path] = [(), E, CELL, ("sources", 0), ("services", 0), ("categories", 0), ("glossary", 0)]

# -- mutations ----------------------------------------------------------------------------------------

WHITESPACE = st.text(st.sampled_from(" \t\u00a0\u2003\u3000"), min_size=1, max_size=4)
HIDDEN = st.sampled_from(["\u200b", "\u202e", "\u00ad", "\ufeff", "\u2066", "\x07", "\x7f", "\u200e"])
PLAIN = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Cf", "Zl", "Zp")), max_size=12)


@st.composite
def whitespace_only(draw: st.DrawFn) -> Mutation:
    return Mutation("whitespace-only text", draw(st.sampled_from(TEXT_FIELDS)), draw(WHITESPACE))


@st.composite
def long_text(draw: st.DrawFn) -> Mutation:
    length = draw(st.integers(MAX_TEXT - 2, MAX_TEXT + 2))
    text = draw(st.sampled_from(["x", "é", "🙂", "ab "])) * length
    text = text[:length].strip() or "x"
    text = text.ljust(length, "y")
    if draw(st.booleans()):
        text += " "
    return Mutation("400 characters (+ trailing space)", draw(st.sampled_from(TEXT_FIELDS)), text)


@st.composite
def hidden_character(draw: st.DrawFn) -> Mutation:
    before, after = draw(PLAIN), draw(PLAIN)
    return Mutation(
        "control or invisible character", draw(st.sampled_from(TEXT_FIELDS)), f"a{before}{draw(HIDDEN)}{after}"
    )


@st.composite
def any_text(draw: st.DrawFn) -> Mutation:
    text = draw(st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=20))
    return Mutation("any text", draw(st.sampled_from(TEXT_FIELDS)), text)


@st.composite
def duplicate_item(draw: st.DrawFn) -> Mutation:
    where = draw(st.sampled_from(["related", "sources", "search", "aliases", "cell sources"]))
    if where == "aliases":
        return Mutation("duplicate aliases", (*E, "aliases"), ["os-patching", "os-patching"])
    values = {"related": ["host-os-patching"], "sources": ["aws-notes"], "search": ["OS", "patch"]}
    if where == "cell sources":
        return Mutation("duplicate cell sources", (*CELL, "sources"), ["aws-notes", "aws-notes"])
    items = values[where]
    return Mutation(f"duplicate {where}", (*E, where), [*items, draw(st.sampled_from(items))])


@st.composite
def top_level_schema(draw: st.DrawFn) -> Mutation:
    value = draw(
        st.one_of(st.sampled_from(["responsibilities.schema.json", "", "https://x"]), st.none(), st.integers())
    )
    return Mutation("top-level $schema", ("$schema",), value)


@st.composite
def question(draw: st.DrawFn) -> Mutation:
    first = draw(st.sampled_from(["w", "W", "É", "é", "Ж", "ж", "1", "¿", " "]))
    rest = draw(st.sampled_from(["ho patches the guest OS", "", "ho\u00a0patches it"]))
    end = draw(st.sampled_from(["?", "", "? ", "?!", "."]))
    return Mutation("question", (*E, "question"), first + rest + end)


@st.composite
def owner(draw: st.DrawFn) -> Mutation:
    path = draw(
        st.sampled_from([(*E, "rule"), (*E, "services", "ec2"), (*CELL, "owner"), ("responsibilities", 1, "services")])
    )
    value = draw(st.sampled_from(["AWS ", "Aws", "amazon", "", "n/a", "N/A", "customer", "shared", "aws", None, 1]))
    return Mutation("owner", path, value)


@st.composite
def missing_field(draw: st.DrawFn) -> Mutation:
    return Mutation("missing field", draw(st.sampled_from(REQUIRED + OPTIONAL)), delete=True)


@st.composite
def extra_field(draw: st.DrawFn) -> Mutation:
    at = draw(st.sampled_from(EXTRA_AT))
    key = draw(st.sampled_from(["colour", "notes", "Title", "$id", "x-extra", "owner"]))
    if at == CELL and key == "owner":
        key = "colour"  # the cell has an owner: that would be a change, not an extra field
    return Mutation("extra field", (*at, key), "red")


@st.composite
def note_without_sources(draw: st.DrawFn) -> Mutation:
    cell = draw(
        st.sampled_from(
            [
                {"owner": "aws", "note": "A note."},
                {"owner": "aws", "note": "A note.", "sources": []},
                {"owner": "shared", "conditions": [{"when": "Always", "owner": "aws", "note": "A note."}]},
                {"owner": "aws", "note": "A note.", "sources": ["aws-notes"]},
                {"owner": "aws"},
                {"owner": "aws", "sources": []},
            ]
        )
    )
    return Mutation("note without sources", (*E, "services", draw(st.sampled_from(["ec2", "lambda"]))), cell)


@st.composite
def checked(draw: st.DrawFn) -> Mutation:
    value = draw(
        st.sampled_from(
            [
                "2026-02-30",
                "2026-11-1",
                "2026/11/01",
                "20261101",
                "2026-11-01",
                "+2026-11-01",
                "2026-W48-1",
                datetime.date(2025, 1, 31),
                datetime.datetime(2026, 11, 1, 10, 30),
                1.5,
                None,
            ]
        )
    )
    return Mutation("checked", (*E, "checked"), value)


@st.composite
def wrong_type(draw: st.DrawFn) -> Mutation:
    path = draw(st.sampled_from([(*E, "title"), (*E, "search"), (*E, "related"), ("glossary",), (*CELL, "note")]))
    # A list of ids in 'related' would be a right type naming nothing: a cross-reference, left out.
    values = [42, True, {"x": 1}, "x"] if path[-1] in {"search", "related", "glossary"} else [42, True, ["x"], {"x": 1}]
    return Mutation("wrong type", path, draw(st.sampled_from(values)))


MUTATIONS = st.one_of(
    whitespace_only(),
    long_text(),
    hidden_character(),
    any_text(),
    duplicate_item(),
    top_level_schema(),
    question(),
    owner(),
    missing_field(),
    extra_field(),
    note_without_sources(),
    checked(),
    wrong_type(),
)


def mutated(mutations: list[Mutation]) -> Document:
    document = minimal()
    for mutation in mutations:
        # An earlier mutation may have removed or replaced what this one changes.
        with contextlib.suppress(KeyError, IndexError, TypeError):
            mutation.apply(document)
    return document


@given(st.lists(MUTATIONS, min_size=1, max_size=3))
def test_schema_and_loader_agree_on_every_mutated_document(mutations: list[Mutation]) -> None:
    for mutation in mutations:
        note(str(mutation))
    assert_agree(mutated(mutations))


def test_the_unmutated_document_is_valid_for_both() -> None:
    assert verdicts(minimal()) == ([], None)


@pytest.mark.parametrize(
    "mutation",
    [
        Mutation("whitespace-only summary", (*E, "summary"), "   "),
        Mutation("400 characters + trailing space", (*E, "summary"), "x" * 400 + " "),
        Mutation("399 characters + trailing space", (*E, "summary"), "x" * 399 + " "),
        Mutation("non-ASCII capital in question", (*E, "question"), "Élan: who patches it?"),
        Mutation("ASCII capital in question", (*E, "question"), "Who patches it?"),
        Mutation("top-level $schema", ("$schema",), "responsibilities.schema.json"),
        Mutation("duplicate aliases", (*E, "aliases"), ["os-patching", "os-patching"]),
        Mutation("note without sources", (*CELL, "sources"), delete=True),
    ],
    ids=str,
)
def test_the_old_loaders_disagreements_now_agree(mutation: Mutation) -> None:
    assert_agree(mutated([mutation]))


@pytest.mark.parametrize(
    "mutation",
    [
        Mutation("duplicate related", (*E, "related"), ["host-os-patching", "host-os-patching"]),
        Mutation("duplicate sources", (*E, "sources"), ["aws-notes", "aws-notes"]),
        Mutation("duplicate search", (*E, "search"), ["OS", "OS"]),
        Mutation("duplicate cell sources", (*CELL, "sources"), ["aws-notes", "aws-notes"]),
        Mutation("empty conditions", (*E, "services", "ec2"), {"owner": "customer", "conditions": []}),
        Mutation("null note", (*E, "services", "ec2"), {"owner": "customer", "note": None}),
        Mutation("checked as a timestamp", (*E, "checked"), 0),
        Mutation("checked as a timestamp string", (*E, "checked"), "86400"),
        Mutation("checked as a midnight datetime", (*E, "checked"), datetime.datetime(2026, 11, 1)),
        Mutation("title as !!binary", (*E, "title"), b"Guest OS patching"),
    ],
    ids=str,
)
def test_once_found_disagreements(mutation: Mutation) -> None:
    assert_agree(mutated([mutation]))


def test_the_harness_sees_a_disagreement() -> None:
    """Guard: a rule only the loader has (a cross-reference) is a disagreement this harness reports."""
    document = mutated([Mutation("unknown related id", (*E, "related"), ["no-such-entry"])])
    with pytest.raises(AssertionError, match="schema accepts but the loader refuses"):
        assert_agree(document)
