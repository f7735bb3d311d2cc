"""The published JSON Schema accepts the real data file and agrees with the validator."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import DATA_FILE
from srg import load
from srg.model import CELL_OWNERS, OWNERS
from test_load import minimal

SCHEMA = json.loads((DATA_FILE.parent / "responsibilities.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def test_schema_is_valid_and_accepts_the_real_data(data_text: str) -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    VALIDATOR.validate(yaml.safe_load(data_text))


def test_data_file_points_editors_at_the_schema(data_text: str) -> None:
    assert data_text.startswith("# yaml-language-server: $schema=responsibilities.schema.json\n")
    assert Path(DATA_FILE.parent / "responsibilities.schema.json").is_file()


@pytest.mark.parametrize(
    ("definition", "fields"),
    [
        ("responsibility", load.ENTRY_FIELDS),
        ("source", load.SOURCE_FIELDS),
        ("service", load.SERVICE_FIELDS),
        ("category", load.CATEGORY_FIELDS),
        ("term", load.TERM_FIELDS),
    ],
)
def test_schema_fields_match_the_validator(definition: str, fields: dict[str, bool]) -> None:
    schema = SCHEMA["$defs"][definition]
    assert set(schema["properties"]) == set(fields)
    assert set(schema["required"]) == {name for name, required in fields.items() if required}


def test_schema_enums_match_the_model() -> None:
    assert tuple(SCHEMA["$defs"]["owner"]["enum"]) == OWNERS
    assert tuple(SCHEMA["$defs"]["cellOwner"]["enum"]) == CELL_OWNERS


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d["responsibilities"][0].update(owner="AWS "),
        lambda d: d["responsibilities"][0].pop("summary"),
        lambda d: d["responsibilities"][0].update(colour="red"),
        lambda d: d["responsibilities"][0].update(id="Not A Slug"),
        lambda d: d["responsibilities"][0].update(title="bidi \u202e"),
        lambda d: d["responsibilities"][0]["services"].update(ec2="amazon"),
        lambda d: d["responsibilities"][0].update(summary="zero\u200bwidth"),
        lambda d: d["responsibilities"][0].update(question="Who patches it?"),
        lambda d: d["responsibilities"][0].update(question="who patches it"),
        lambda d: d["glossary"][0].update(term="two words"),
        lambda d: d["glossary"][0].pop("expansion"),
        lambda d: d.pop("glossary"),
    ],
)
def test_schema_and_validator_both_refuse(mutate) -> None:
    document = minimal()
    mutate(document)
    assert list(VALIDATOR.iter_errors(document))
    with pytest.raises(load.DataError):
        load.parse_catalog(yaml.safe_dump(document), "x.yml")
