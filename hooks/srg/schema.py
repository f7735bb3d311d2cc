"""The JSON Schema of the data file, generated from the model: `python -m srg.schema > FILE`."""

from __future__ import annotations

import json
import sys

from .model import DataFile

SCHEMA_ID = "https://json-schema.org/draft/2020-12/schema"


def data_file_schema() -> dict:
    schema = DataFile.model_json_schema(by_alias=True, mode="validation")
    return {"$schema": SCHEMA_ID, **schema}


def schema_text() -> str:
    return json.dumps(data_file_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    sys.stdout.write(schema_text())
