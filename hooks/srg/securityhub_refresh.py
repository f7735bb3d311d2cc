"""Take a new copy of AWS's Security Hub catalog from a local snapshot of its repository, and say what changed.

    python -m srg.securityhub_refresh SNAPSHOT [FOLDER] [--taken YYYY-MM-DD]

SNAPSHOT is a git directory (or a clone) of awslabs/oscal-content-for-aws-services,
for example the one the `fetch` tool brings; nothing here reaches the network.
FOLDER is the pinned copy (docs/data/security-hub by default). The new catalog is
read through the same model as the build (`srg.securityhub`): a file of another
shape is refused with one sentence and the pinned copy stays as it was. Otherwise
the catalog, LICENSE and NOTICE are copied, provenance.yml records the commit and
the day, and the report lists the controls added and retired, by id. A retired
control is remembered in provenance.yml, so a check that still names it fails with
the day it went.
"""

from __future__ import annotations

import datetime
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import securityhub
from .errors import SrgError
from .securityhub import (
    CATALOG_FILE,
    PROVENANCE_FILE,
    UPSTREAM_PATH,
    UPSTREAM_REPOSITORY,
    CatalogShapeError,
    Provenance,
    Retired,
    SecurityHubCatalog,
)

DEFAULT_FOLDER = Path("docs/data/security-hub")
COPIED = ("LICENSE", "NOTICE")
LICENSE_NAME = "Apache-2.0"
HEADER = (
    "# Where and when the Security Hub catalog in this folder was taken. Written by `make securityhub`\n"
    "# (hooks/srg/securityhub_refresh.py); edit it only through that command.\n"
)


class SnapshotError(SrgError):
    """The snapshot is not a git repository holding AWS's catalog."""


@dataclass(frozen=True)
class Snapshot:
    """The files of one commit of AWS's repository."""

    commit: str
    commit_date: datetime.date
    file_commit: str
    file_commit_date: datetime.date
    files: dict[str, bytes]


@dataclass(frozen=True)
class Changes:
    added: list[str]
    retired: list[str]
    spellings: list[tuple[str, str]]  # two spellings of one service the catalog brings and EVALUATED_SPELLINGS lacks


def git(snapshot: Path, *args: str) -> bytes:
    """The output of a git command run on the snapshot (a git directory or a clone)."""
    git_dir = snapshot / ".git" if (snapshot / ".git").exists() else snapshot
    result = subprocess.run(["git", f"--git-dir={git_dir}", *args], capture_output=True, check=False)
    if result.returncode != 0:
        problem = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise SnapshotError(f"{snapshot}: git {' '.join(args)} failed: {problem[-1] if problem else 'no output'}")
    return result.stdout


def read_snapshot(snapshot: Path) -> Snapshot:
    if not snapshot.exists():
        raise SnapshotError(f"{snapshot}: no such snapshot; bring one with the fetch tool or `git clone`")
    commit = git(snapshot, "rev-parse", "HEAD").decode().strip()
    commit_date = _day(git(snapshot, "log", "-1", "--format=%cs", "HEAD"))
    file_log = git(snapshot, "log", "-1", "--format=%H %cs", "HEAD", "--", UPSTREAM_PATH).decode().split()
    if len(file_log) != 2:
        raise SnapshotError(f"{snapshot}: no commit of {UPSTREAM_PATH}; is it a snapshot of {UPSTREAM_REPOSITORY}?")
    files = {name: git(snapshot, "show", f"HEAD:{path}") for name, path in _wanted().items()}
    return Snapshot(commit, commit_date, file_log[0], _day(file_log[1].encode()), files)


def _wanted() -> dict[str, str]:
    return {CATALOG_FILE: UPSTREAM_PATH, **{name: name for name in COPIED}}


def _day(text: bytes) -> datetime.date:
    return datetime.date.fromisoformat(text.decode().strip())


def changes(old: SecurityHubCatalog | None, new: SecurityHubCatalog) -> Changes:
    before = set(old.controls) if old else set()
    after = set(new.controls)
    return Changes(_by_id(after - before), _by_id(before - after) if old else [], new_spellings(new))


def _by_id(ids: set[str]) -> list[str]:
    """'EC2.2' before 'EC2.10': by prefix, then number."""
    return sorted(ids, key=lambda i: (i.split(".")[0].lower(), int(i.split(".")[1])))


def new_spellings(catalog: SecurityHubCatalog) -> list[tuple[str, str]]:
    """Pairs of evaluated services, after EVALUATED_SPELLINGS, that differ only in case and spaces."""
    seen: dict[str, str] = {}
    pairs = []
    for service in sorted(catalog.services):
        key = service.lower().replace(" ", "")
        if key in seen:
            pairs.append((seen[key], service))
        seen.setdefault(key, service)
    return pairs


def refresh(snapshot: Path, folder: Path, taken: datetime.date) -> tuple[Changes, Provenance]:
    """Copy the snapshot's catalog into `folder` if it reads as the model says; return what changed."""
    taken_from = read_snapshot(snapshot)
    text = taken_from.files[CATALOG_FILE].decode("utf-8")
    new = securityhub.parse(text, f"{snapshot}:{UPSTREAM_PATH}")
    old, old_provenance = _pinned(folder)
    found = changes(old, new)
    provenance = Provenance(
        repository=UPSTREAM_REPOSITORY,
        path=UPSTREAM_PATH,
        commit=taken_from.commit,
        commit_date=taken_from.commit_date,
        file_commit=taken_from.file_commit,
        file_commit_date=taken_from.file_commit_date,
        taken=taken,
        catalog_version=new.version,
        catalog_last_modified=new.last_modified,
        license=LICENSE_NAME,
        retired=_still_retired(old, old_provenance, new, taken),
    )
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in taken_from.files.items():
        (folder / name).write_bytes(content)
    (folder / PROVENANCE_FILE).write_text(provenance_text(provenance), encoding="utf-8")
    return found, provenance


def _pinned(folder: Path) -> tuple[SecurityHubCatalog | None, Provenance | None]:
    """The copy pinned now, if it reads; a broken one is replaced, and nothing is reported retired from it."""
    path = folder / CATALOG_FILE
    if not path.exists():
        return None, None
    try:
        old = securityhub.parse(path.read_text(encoding="utf-8"), str(path))
    except (CatalogShapeError, UnicodeDecodeError):
        return None, None
    provenance_path = folder / PROVENANCE_FILE
    try:
        provenance = securityhub.parse_provenance(provenance_path.read_text(encoding="utf-8"), str(provenance_path))
    except (CatalogShapeError, OSError):
        provenance = None
    return old, provenance


def _still_retired(
    old: SecurityHubCatalog | None, provenance: Provenance | None, new: SecurityHubCatalog, day: datetime.date
) -> list[Retired]:
    kept = [r for r in (provenance.retired if provenance else []) if r.id not in new.controls]
    known = {r.id for r in kept}
    gone = [old.controls[i] for i in _by_id(set(old.controls) - set(new.controls))] if old else []
    return kept + [Retired(id=c.id, statement=c.statement, retired=day) for c in gone if c.id not in known]


def provenance_text(provenance: Provenance) -> str:
    document = provenance.model_dump(mode="json")
    return HEADER + yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=120)


def report(found: Changes, provenance: Provenance, total: int) -> str:
    lines = [
        f"Took {UPSTREAM_PATH} of {provenance.repository} at commit {provenance.commit[:12]} "
        f"({provenance.commit_date}): catalog version {provenance.catalog_version}, "
        f"last modified {provenance.catalog_last_modified.date()}, {total} controls.",
        f"Added ({len(found.added)}): {', '.join(found.added) or 'none'}",
        f"Retired ({len(found.retired)}): {', '.join(found.retired) or 'none'}",
    ]
    for first, second in found.spellings:
        lines.append(
            f"New spelling: the catalog names one service both {first!r} and {second!r}; "
            "map one to the other in EVALUATED_SPELLINGS (hooks/srg/securityhub.py)"
        )
    if found.retired:
        lines.append("A check that names a retired control now fails the build: run `make check` and map it again.")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    args = list(argv)
    taken = datetime.date.today()
    if "--taken" in args:
        at = args.index("--taken")
        taken = datetime.date.fromisoformat(args[at + 1])
        del args[at : at + 2]
    if not args:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    snapshot = Path(args[0])
    folder = Path(args[1]) if len(args) > 1 else DEFAULT_FOLDER
    try:
        found, provenance = refresh(snapshot, folder, taken)
    except SrgError as error:
        print(f"{error}; the pinned copy in {folder} is unchanged.", file=sys.stderr)
        return 1
    total = len(securityhub.parse((folder / CATALOG_FILE).read_text(encoding="utf-8"), str(folder)).controls)
    print(report(found, provenance, total))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
