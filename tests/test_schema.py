"""The published JSON Schema: generated from the model, accepts the real data, and describes the JSON export."""

from __future__ import annotations

import difflib
import json

import jsonschema
import pytest
from helpers import NAME, SCHEMA_FILE, json_ready, minimal, parse, real_catalog, real_document, schema
from hypothesis import given
from hypothesis import strategies as st

from srg.exports import as_json, dumps
from srg.load import parse_catalog
from srg.model import Catalog
from srg.schema import schema_text

SCHEMA_URL = "https://example.org/data/responsibilities.schema.json"
# Without the format checker a Draft 2020-12 validator treats "format" as a note, and 'checked' would take any text.
FORMATS = jsonschema.Draft202012Validator.FORMAT_CHECKER


def validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema(), format_checker=FORMATS)


def errors(document: object) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator().iter_errors(document)]


def test_the_committed_schema_is_the_one_the_model_generates() -> None:
    committed = SCHEMA_FILE.read_text(encoding="utf-8")
    generated = schema_text()
    if committed != generated:
        diff = "".join(
            difflib.unified_diff(
                committed.splitlines(keepends=True),
                generated.splitlines(keepends=True),
                "docs/data/responsibilities.schema.json (committed)",
                "srg.schema.schema_text() (generated)",
                n=1,
            )
        )
        pytest.fail(
            "docs/data/responsibilities.schema.json is out of date with hooks/srg/model.py: "
            f"run `make schema` and commit the result.\n{diff[:3000]}"
        )


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(schema())
    assert schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_the_real_data_file_validates_against_the_schema() -> None:
    assert errors(json_ready(real_document())) == []


def test_the_format_checker_is_on() -> None:
    """Guard for the tests here: a bad date must be an error, or 'checked' is not checked at all."""
    document = json_ready(minimal())
    document["responsibilities"][0]["checked"] = "2026-02-30"
    assert errors(document) == ["responsibilities/0/checked: '2026-02-30' is not a 'date'"]


@pytest.mark.parametrize("catalog", ["real", "small"])
def test_the_json_export_validates_and_loads_back_to_an_equal_catalog(catalog: str) -> None:
    original: Catalog = real_catalog() if catalog == "real" else parse(minimal())
    text = as_json(original, SCHEMA_URL)
    document = json.loads(text)
    assert document["$schema"] == SCHEMA_URL
    assert errors(document) == []
    again = parse_catalog(text, NAME)
    assert again.cells == original.cells
    # The export spells out every service cell and names its schema; all else is the data as it was.
    spelled_out = {"schema_": True, "responsibilities": {"__all__": {"services"}}}
    assert again.data.model_dump(exclude=spelled_out) == original.data.model_dump(exclude=spelled_out)
    assert again.data.schema_ == SCHEMA_URL
    for entry in again.responsibilities:
        assert set(entry.services) == {s.id for s in again.services}


def test_the_json_export_of_a_catalog_is_stable() -> None:
    assert as_json(real_catalog(), SCHEMA_URL) == as_json(
        parse_catalog(as_json(real_catalog(), SCHEMA_URL), NAME), SCHEMA_URL
    )


_TEXT = st.text(st.characters(exclude_categories=["Cs"]))  # any text a YAML file can hold: no lone surrogates
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | _TEXT,  # the model has no fractions (see srg.exports.dumps)
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TEXT, inner, max_size=4),
    max_leaves=20,
)


@given(_JSON)
def test_the_json_export_is_written_as_the_standard_librarys_encoder_writes_it(document: object) -> None:
    assert dumps(document) == json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def test_the_json_export_of_the_real_data_is_byte_for_byte_the_standard_encoders() -> None:
    text = as_json(real_catalog(), SCHEMA_URL)
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"
