"""List the entries not checked against AWS's documentation lately: `python -m srg.stale [DATA_FILE] [DAYS]`.

A report, not a test: it prints the entries whose `checked` date is older than
DAYS (180 by default), oldest first, and always exits 0.
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

from .load import load_catalog
from .model import Catalog, Responsibility

DEFAULT_DAYS = 180


def stale_entries(catalog: Catalog, days: int, today: datetime.date) -> list[Responsibility]:
    """Entries last checked more than `days` days before `today`, oldest first."""
    limit = today - datetime.timedelta(days=days)
    return sorted((e for e in catalog.responsibilities if e.checked < limit), key=lambda e: (e.checked, e.id))


def report(catalog: Catalog, days: int, today: datetime.date) -> str:
    stale = stale_entries(catalog, days, today)
    if not stale:
        return f"Every entry of {catalog.path} was checked in the last {days} days."
    lines = [f"{len(stale)} of {len(catalog.responsibilities)} entries not checked in the last {days} days:"]
    lines += [f"  {e.checked.isoformat()}  {e.id}  ({e.title})" for e in stale]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    path = Path(argv[0] if argv else "docs/data/responsibilities.yml")
    days = int(argv[1]) if len(argv) > 1 else DEFAULT_DAYS
    print(report(load_catalog(path), days, datetime.date.today()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
