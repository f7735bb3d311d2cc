"""NIST SP 800-53 Rev. 5, pinned: its controls' ids, labels and titles from NIST's OSCAL catalog; no MkDocs imports.

The copy lives beside the data file, in `nist-800-53/`: `catalog.json` (NIST's
OSCAL catalog trimmed to what the guide uses: each control's id, label, title
and status), `source.json` (where and when it was taken) and `LICENSE` (NIST's
public domain notice, as the repository states it). `srg.nist_refresh` writes
all three from a local snapshot of NIST's repository. Both files are read
through typed models, so a missing or malformed file fails the build with one
sentence naming it.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from .errors import DataError

NIST_DIR = "nist-800-53"
CATALOG_FILE = "catalog.json"
SOURCE_FILE = "source.json"
LICENSE_FILE = "LICENSE"
TITLE = "NIST SP 800-53 Rev. 5"
# A control's label as NIST writes it: 'AC-2', 'AC-2(1)'.
LABEL_PATTERN = r"^[A-Z]{2}-\d+(?:\(\d+\))?$"
# The pinned copy in this repository, for callers that parse data without a file (tests, tools).
PINNED = Path(__file__).resolve().parents[2] / "docs" / "data" / NIST_DIR

ControlId = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}-\d+(?:\.\d+)?$")]
NonEmpty = Annotated[str, StringConstraints(min_length=1)]


# -- the OSCAL shape the guide reads: a catalog's groups and (nested) controls --------------


class _Oscal(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True, frozen=True)


class _Prop(_Oscal):
    name: NonEmpty
    value: NonEmpty
    class_: str | None = Field(None, alias="class")


class _Control(_Oscal):
    id: ControlId
    title: NonEmpty
    props: list[_Prop] = []
    controls: list[_Control] = []


class _Group(_Oscal):
    title: NonEmpty
    controls: list[_Control] = []
    groups: list[_Group] = []


class _Metadata(_Oscal):
    title: NonEmpty
    version: NonEmpty
    oscal_version: NonEmpty = Field(alias="oscal-version")
    last_modified: NonEmpty = Field(alias="last-modified")


class _Catalog(_Oscal):
    uuid: NonEmpty
    metadata: _Metadata
    groups: Annotated[list[_Group], Field(min_length=1)]


class OscalCatalog(_Oscal):
    """An OSCAL catalog document, as far as the guide reads it."""

    catalog: _Catalog


class Provenance(BaseModel):
    """Where and when the pinned copy was taken: `source.json`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    repository: NonEmpty = Field(description="The GitHub repository, owner/name")
    path: NonEmpty = Field(description="The catalog's path in it")
    ref: NonEmpty = Field(description="The tag or branch the copy was taken from")
    commit: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{40}$")]
    committed: datetime.date = Field(description="The commit's date")
    taken: datetime.date = Field(description="The day the copy was taken")
    version: NonEmpty = Field(description="The catalog's own version (metadata.version)")
    oscal_version: NonEmpty
    last_modified: NonEmpty = Field(description="The catalog's metadata.last-modified")
    trimmed: NonEmpty = Field(description="What the copy keeps of NIST's file")
    licence: NonEmpty = Field(description="NIST's terms, in one line")

    @property
    def url(self) -> str:
        """The catalog file at the commit it was taken from."""
        return f"https://github.com/{self.repository}/blob/{self.commit}/{self.path}"


@dataclass(frozen=True)
class Control:
    """A control or enhancement: its OSCAL id ('ac-2.1'), its label as NIST writes it ('AC-2(1)') and its title."""

    id: str
    label: str
    title: str
    withdrawn: bool


@dataclass(frozen=True)
class NistCatalog:
    """The pinned catalog's controls, with where the copy came from."""

    path: str
    version: str
    controls: tuple[Control, ...]
    source: Provenance = field(repr=False)

    @cached_property
    def _by_label(self) -> dict[str, Control]:
        return {control.label: control for control in self.controls}

    def control(self, label: str) -> Control:
        return self._by_label[label]

    def problem(self, label: str) -> str | None:
        """Why `label` is not a control the data may name, in words, or None when it is one."""
        control = self._by_label.get(label)
        if control and not control.withdrawn:
            return None
        if control:
            return f"names a control NIST has withdrawn from {TITLE} (got {label!r})"
        written = nist_label(label)
        hint = f"; NIST writes it {written!r}" if written and written in self._by_label else ""
        return f"names no control of {TITLE} (got {label!r}{hint}; the catalog is {self.path}, version {self.version})"


def nist_label(text: str) -> str | None:
    """'ac-2.1', 'AC-02(01)' or 'ac-2(1)' as NIST writes it, 'AC-2(1)'; None when it is no control id at all."""
    match = re.fullmatch(r"([A-Za-z]{2})-0*(\d+)(?:\.0*(\d+)|\(0*(\d+)\))?", text.strip())
    if not match:
        return None
    family, number, dotted, bracketed = match.groups()
    enhancement = dotted or bracketed
    return f"{family.upper()}-{number}" + (f"({enhancement})" if enhancement else "")


# -- reading the files -----------------------------------------------------------------------


def load_nist(folder: Path, display: str | None = None) -> NistCatalog:
    """The catalog and provenance in `folder` (named `display` in messages), or a DataError of one sentence."""
    shown = display or str(folder)
    document = _read_json(folder / CATALOG_FILE, f"{shown}/{CATALOG_FILE}")
    source = _read_json(folder / SOURCE_FILE, f"{shown}/{SOURCE_FILE}")
    try:
        provenance = Provenance.model_validate(source)
    except ValidationError as error:
        raise DataError(_shape_error(f"{shown}/{SOURCE_FILE}", "the provenance of the NIST catalog", error)) from None
    return parse_nist(document, f"{shown}/{CATALOG_FILE}", provenance)


@cache
def pinned() -> NistCatalog:
    """The copy in this repository (docs/data/nist-800-53/)."""
    return load_nist(PINNED, f"docs/data/{NIST_DIR}")


def parse_nist(document: Any, name: str, source: Provenance) -> NistCatalog:
    """The controls of an OSCAL catalog `document` (named `name` in messages)."""
    try:
        catalog = OscalCatalog.model_validate(document).catalog
    except ValidationError as error:
        raise DataError(_shape_error(name, "an OSCAL catalog", error)) from None
    controls = []
    for control in _walk(catalog.groups):
        labels = [p.value for p in control.props if p.name == "label" and p.class_ is None]
        if len(labels) != 1 or not re.match(LABEL_PATTERN, labels[0]):
            raise DataError(f"{name}: control {control.id!r} must have one label like 'AC-2(1)' (got {labels})")
        withdrawn = any(p.name == "status" and p.value == "withdrawn" for p in control.props)
        controls.append(Control(control.id, labels[0], control.title, withdrawn))
    seen: set[str] = set()
    for control in controls:
        if control.label in seen:
            raise DataError(f"{name}: control {control.id!r} repeats the label {control.label!r}")
        seen.add(control.label)
    return NistCatalog(name, catalog.metadata.version, tuple(controls), source)


def _walk(groups: list[_Group]) -> list[_Control]:
    found: list[_Control] = []

    def visit(controls: list[_Control]) -> None:
        for control in controls:
            found.append(control)
            visit(control.controls)

    for group in groups:
        visit(group.controls)
        found.extend(_walk(group.groups))
    return found


def _read_json(path: Path, name: str) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise DataError(f"{name}: cannot read the pinned NIST catalog: {error}") from None
    except json.JSONDecodeError as error:
        raise DataError(f"{name}:{error.lineno}: not JSON: {error.msg}") from None


def _shape_error(name: str, what: str, error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "top level"
    got = first.get("input")
    shown = f" (got {got!r})" if not isinstance(got, (dict, list)) else ""
    return f"{name}: is not {what}: field '{where}' {first['msg'].lower()}{shown}"


# -- trimming NIST's file to the copy the guide keeps -----------------------------------------

# The props of a control the copy keeps: its label as NIST writes it, its sort order, its status.
KEPT_PROPS = ("label", "sort-id", "status")
TRIMMED = "each group's id, class and title; each control's id, class, title, label, sort-id and status"


def trimmed(document: dict[str, Any]) -> dict[str, Any]:
    """NIST's catalog with only what the guide reads (still a valid OSCAL catalog): see TRIMMED."""
    catalog = document["catalog"]
    keep = ("title", "last-modified", "version", "oscal-version")
    return {
        "catalog": {
            "uuid": catalog["uuid"],
            "metadata": {key: catalog["metadata"][key] for key in keep},
            "groups": [_trim_group(group) for group in catalog["groups"]],
        }
    }


def _trim_group(group: dict[str, Any]) -> dict[str, Any]:
    kept = {key: group[key] for key in ("id", "class", "title") if key in group}
    if group.get("controls"):
        kept["controls"] = [_trim_control(control) for control in group["controls"]]
    if group.get("groups"):
        kept["groups"] = [_trim_group(child) for child in group["groups"]]
    return kept


def _classed_label(prop: dict[str, Any]) -> bool:
    """A label in another form than NIST's own ('AC-02' with class 'zero-padded' or 'sp800-53a')."""
    return prop["name"] == "label" and "class" in prop


def _trim_control(control: dict[str, Any]) -> dict[str, Any]:
    kept = {key: control[key] for key in ("id", "class", "title") if key in control}
    props = [p for p in control.get("props", []) if p["name"] in KEPT_PROPS and not _classed_label(p)]
    if props:
        kept["props"] = props
    if control.get("controls"):
        kept["controls"] = [_trim_control(child) for child in control["controls"]]
    return kept
