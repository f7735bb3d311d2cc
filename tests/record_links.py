"""Add the addresses a built site has and tests/published_links.txt lacks: `make links` runs it.

Run: python tests/record_links.py SITE   (SITE: a folder `mkdocs build` wrote)

Every page of the site and every responsibility's section (the page of its
rule, at its id) is a public address once published; this appends the new
ones under a dated heading and never removes a line.
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from srg.load import load_catalog  # noqa: E402

RECORD = Path(__file__).with_name("published_links.txt")
DATA = ROOT / "docs" / "data" / "responsibilities.yml"


def recorded(record: Path = RECORD) -> list[str]:
    lines = record.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and not line.startswith("#")]


def addresses(site: Path, data: Path = DATA) -> list[str]:
    """Every page of the built site ('./' for the home page) and every responsibility's section."""
    pages = sorted(
        "./" if page.parent == site else page.parent.relative_to(site).as_posix() + "/"
        for page in site.rglob("index.html")
    )
    sections = [f"{entry.rule}/#{entry.id}" for entry in load_catalog(data).responsibilities]
    return pages + sections


def missing(site: Path, record: Path = RECORD, data: Path = DATA) -> list[str]:
    known = set(recorded(record))
    return [address for address in addresses(site, data) if address not in known]


def record_new(site: Path, record: Path = RECORD, data: Path = DATA, day: datetime.date | None = None) -> list[str]:
    new = missing(site, record, data)
    if new:
        heading = f"# Recorded on {(day or datetime.date.today()).isoformat()}:"
        text = record.read_text(encoding="utf-8").rstrip("\n")
        record.write_text("\n".join([text, heading, *new]) + "\n", encoding="utf-8")
    return new


if __name__ == "__main__":
    added = record_new(Path(sys.argv[1]))
    print(f"{len(added)} new addresses recorded in {RECORD.relative_to(ROOT)}" + "".join(f"\n  {a}" for a in added))
