"""The data as downloadable files: JSON in the data file's own shape, and CSV; no MkDocs imports."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from .model import Catalog, Responsibility

CSV_COLUMNS = (
    "id",
    "title",
    "owner",
    "category",
    "service",
    "service_name",
    "service_owner",
    "reason",
    "url",
)
# A spreadsheet runs a cell that starts with one of these as a formula; such a
# cell gets a leading apostrophe, which spreadsheets show as plain text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def as_json(catalog: Catalog, schema_url: str) -> str:
    """The catalog as JSON, valid against the data file's JSON Schema (every service cell spelled out)."""
    document: dict[str, Any] = {"$schema": schema_url}
    document["sources"] = [_drop_none({"id": s.id, "title": s.title, "url": s.url}) for s in catalog.sources]
    document["services"] = [{"id": s.id, "name": s.name, "model": s.model} for s in catalog.services]
    document["categories"] = [{"id": c.id, "name": c.name} for c in catalog.categories]
    document["glossary"] = [
        _drop_none({"term": t.term, "expansion": t.expansion, "definition": t.definition}) for t in catalog.glossary
    ]
    document["responsibilities"] = [_entry(entry) for entry in catalog.responsibilities]
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _entry(entry: Responsibility) -> dict[str, Any]:
    fields = {
        "id": entry.id,
        "title": entry.title,
        "question": entry.question,
        "owner": entry.owner,
        "category": entry.category,
        "summary": entry.summary,
        "aws": entry.aws,
        "customer": entry.customer,
        "services": {sid: _drop_none({"owner": c.owner, "note": c.note}) for sid, c in entry.services.items()},
        "related": list(entry.related),
        "search": list(entry.search),
        "sources": list(entry.sources),
        "aliases": list(entry.aliases) or None,
    }
    return _drop_none(fields)


def _drop_none(fields: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in fields.items() if value is not None}


def as_csv(catalog: Catalog, url_of: dict[str, str]) -> str:
    """One row per responsibility and service, with the owner there, the reason and the section's URL."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for entry in catalog.responsibilities:
        for service in catalog.services:
            row = (
                entry.id,
                entry.title,
                entry.owner,
                entry.category,
                service.id,
                service.name,
                entry.services[service.id].owner,
                entry.reason_on(service.id),
                url_of[entry.id],
            )
            writer.writerow([_inert(value) for value in row])
    return out.getvalue()


def _inert(value: str) -> str:
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value
