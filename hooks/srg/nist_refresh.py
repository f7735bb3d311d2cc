"""Refresh the pinned NIST SP 800-53 Rev. 5 catalog from a local snapshot of NIST's repository.

    python -m srg.nist_refresh GIT_DIR [REF] [OUT_DIR]

GIT_DIR is a git directory of usnistgov/oscal-content (a bare clone or a
snapshot; nothing here reaches the network), REF the tag, branch or commit to
take (the snapshot's HEAD by default) and OUT_DIR the pinned copy
(docs/data/nist-800-53 by default). It writes the trimmed catalog, where and
when it was taken and NIST's licence, and prints the controls added, removed
and withdrawn since the copy it replaces. A file that is missing at REF, or is
not an OSCAL catalog, changes nothing and exits 1 with one sentence.
"""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .errors import DataError
from .nist import (
    CATALOG_FILE,
    LICENSE_FILE,
    NIST_DIR,
    SOURCE_FILE,
    TITLE,
    TRIMMED,
    NistCatalog,
    Provenance,
    load_nist,
    parse_nist,
    trimmed,
)

REPOSITORY = "usnistgov/oscal-content"
CATALOG_PATH = "nist.gov/SP800-53/rev5/json/NIST_SP-800-53_rev5_catalog.json"
LICENSE_PATH = "LICENSE.md"
LICENCE = "A work of the United States government: public domain in the United States, and CC0 1.0 worldwide"
DEFAULT_OUT = Path("docs/data") / NIST_DIR


@dataclass(frozen=True)
class Change:
    """What a refresh changed, by label: controls added, removed and newly withdrawn."""

    before: NistCatalog | None
    after: NistCatalog

    def _active(self, catalog: NistCatalog | None) -> set[str]:
        return {c.label for c in catalog.controls if not c.withdrawn} if catalog else set()

    @property
    def added(self) -> list[str]:
        known = {c.label for c in self.before.controls} if self.before else set()
        return [c.label for c in self.after.controls if c.label not in known]

    @property
    def removed(self) -> list[str]:
        kept = {c.label for c in self.after.controls}
        return [c.label for c in self.before.controls if c.label not in kept] if self.before else []

    @property
    def withdrawn(self) -> list[str]:
        was_active = self._active(self.before)
        return [c.label for c in self.after.controls if c.withdrawn and c.label in was_active]

    def report(self) -> str:
        source = self.after.source
        withdrawn = sum(c.withdrawn for c in self.after.controls)
        head = (
            f"{TITLE} {self.after.version} from {source.repository} {source.ref} "
            f"({source.commit[:7]}, {source.committed.isoformat()}): "
            f"{len(self.after.controls)} controls, {withdrawn} of them withdrawn."
        )
        if self.before is None:
            return head + "\nNo previous copy to compare with."
        lines = [head, f"Since the previous copy ({self.before.version}, {self.before.source.ref}):"]
        for what, labels in (("added", self.added), ("removed", self.removed), ("withdrawn", self.withdrawn)):
            lines.append(f"  {len(labels)} {what}" + (f": {', '.join(labels)}" if labels else ""))
        return "\n".join(lines)


def refresh(git_dir: Path, ref: str, out: Path, today: datetime.date) -> Change:
    """Write the pinned copy in `out` from `ref` of the snapshot in `git_dir`; return what changed."""
    commit = _git(git_dir, "rev-parse", "--verify", f"{ref}^{{commit}}").strip()
    committed = datetime.date.fromisoformat(_git(git_dir, "log", "-1", "--format=%cs", commit).strip())
    name = f"{REPOSITORY}@{ref}:{CATALOG_PATH}"
    try:
        document = json.loads(_git(git_dir, "show", f"{commit}:{CATALOG_PATH}"))
    except json.JSONDecodeError as error:
        raise DataError(f"{name}: not JSON: {error.msg}") from None
    metadata = document.get("catalog", {}).get("metadata", {}) if isinstance(document, dict) else {}
    source = Provenance(
        repository=REPOSITORY,
        path=CATALOG_PATH,
        ref=ref,
        commit=commit,
        committed=committed,
        taken=today,
        version=str(metadata.get("version", "?")),
        oscal_version=str(metadata.get("oscal-version", "?")),
        last_modified=str(metadata.get("last-modified", "?")),
        trimmed=f"Only {TRIMMED}",
        licence=LICENCE,
    )
    after = parse_nist(document, name, source)
    before = _previous(out)
    licence = _git(git_dir, "show", f"{commit}:{LICENSE_PATH}")
    out.mkdir(parents=True, exist_ok=True)
    (out / CATALOG_FILE).write_text(json.dumps(trimmed(document), indent=1, ensure_ascii=False) + "\n", "utf-8")
    (out / SOURCE_FILE).write_text(source.model_dump_json(indent=2) + "\n", "utf-8")
    (out / LICENSE_FILE).write_text(licence, "utf-8")
    return Change(before, after)


def _previous(out: Path) -> NistCatalog | None:
    """The copy being replaced, if there is one that loads (a broken one is simply replaced)."""
    try:
        return load_nist(out) if (out / CATALOG_FILE).exists() else None
    except DataError:
        return None


def _git(git_dir: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", f"--git-dir={git_dir}", *args], capture_output=True, text=True, encoding="utf-8", check=False
    )
    if result.returncode:
        message = result.stderr.strip().splitlines()[-1] if result.stderr.strip() else f"exit {result.returncode}"
        raise DataError(f"{git_dir}: git {' '.join(args)}: {message}")
    return result.stdout


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    git_dir = Path(argv[0])
    ref = argv[1] if len(argv) > 1 else "HEAD"
    out = Path(argv[2]) if len(argv) > 2 else DEFAULT_OUT
    try:
        change = refresh(git_dir, ref, out, datetime.date.today())
    except DataError as error:
        print(error, file=sys.stderr)
        return 1
    print(change.report())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
