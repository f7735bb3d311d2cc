"""The data as downloadable files: JSON in the data file's own shape, and CSV; no MkDocs imports.

The JSON is the model dumped back with every service cell spelled out, so it
validates against the published schema and loads back through the loader.
"""

from __future__ import annotations

import csv
import io

from pydantic_core import to_json

from .model import Catalog

CSV_COLUMNS = (
    "id",
    "title",
    "rule",
    "category",
    "service",
    "service_name",
    "service_owner",
    "reason",
    "conditions",
    "checks",
    "sources",
    "nist",
    "checked",
    "url",
)
# A spreadsheet runs a cell that starts with one of these as a formula; such a
# cell gets a leading apostrophe, which spreadsheets show as plain text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def dumps(document: object) -> str:
    """JSON indented by two, as `json.dumps(document, ensure_ascii=False, indent=2)` writes it, plus a newline.

    With an indent, the standard library's encoder is pure Python (about 0.2 s
    at 1,000 entries); pydantic-core's writes the same text (tested) in a
    tenth of that. For the values the model has: text, whole numbers, true,
    false, null, lists and mappings; it writes a fraction's exponent as 5e-8
    where the standard library writes 5e-08, and the model has no fractions.
    """
    return to_json(document, indent=2).decode("utf-8") + "\n"


def as_json(catalog: Catalog, schema_url: str) -> str:
    """The catalog as JSON, valid against the data file's JSON Schema, every service cell spelled out."""
    document = catalog.data.model_dump(
        mode="json",
        by_alias=True,
        exclude_none=True,
        exclude_defaults=True,
        exclude={"responsibilities": {"__all__": {"services"}}},
    )
    document = {"$schema": schema_url, **{k: v for k, v in document.items() if k != "$schema"}}
    for entry in document["responsibilities"]:
        cells = catalog.cells[entry["id"]]
        entry["services"] = {
            service_id: cell.model_dump(mode="json", exclude_none=True, exclude_defaults=True) | {"owner": cell.owner}
            for service_id, cell in cells.items()
        }
    return dumps(document)


def as_csv(catalog: Catalog, url_of: dict[str, str]) -> str:
    """One row per responsibility and service: the owner there, the reason, its conditions and sources.

    `checks` holds the Security Hub controls that check the customer's part there, separated by spaces (a
    condition's follow its note in `conditions`); `nist` the entry's NIST SP 800-53 Rev. 5 controls as NIST writes
    them, those of the checks its cells cite.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for entry in catalog.responsibilities:
        reading = catalog.nist_reading(entry)
        nist = " ".join(control.label for control in reading.controls) if reading else ""
        for service in catalog.services:
            cell = catalog.cell(entry, service.id)
            conditions = "; ".join(f"{c.when}: {c.owner}: {c.note}{_checks_of(c.checks)}" for c in cell.conditions)
            sources = " ".join(catalog.source(s).url or s for s in cell.sources or entry.sources)
            row = (
                entry.id,
                entry.title,
                entry.rule,
                entry.category,
                service.id,
                service.name,
                cell.owner,
                catalog.reason_on(entry, service.id),
                conditions,
                " ".join(cell.checks),
                sources,
                nist,
                entry.checked.isoformat(),
                url_of[entry.id],
            )
            writer.writerow([_inert(value) for value in row])
    return out.getvalue()


def _checks_of(ids: list[str]) -> str:
    return f" (checks {' '.join(ids)})" if ids else ""


def _inert(value: str) -> str:
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value
