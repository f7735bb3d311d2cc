"""The rules that tie the data's Security Hub checks to AWS's control catalog, in one place; no MkDocs imports.

A check on a cell or condition names a control that checks the customer's part
there. It must be a control of the pinned catalog, read against its page of the
user guide (`controls:`), and evaluate the cell's own service, a service it runs on
(`runs_on:`) or an account-wide service (`account_wide_services:`).

A check on a cell given for a kind or by `default` is checked on every service
that cell stands for, so it may only name a control that applies to each of them:
in practice an account-wide one (IAM, KMS, …), or one of a kind whose services
share their evaluated service. A service cell of its own never inherits the
default's checks; it lists its own.

`first_problem` returns the first broken rule in the file's order, with the path
of the offending field, so the loader can name its line; `uncovered` lists the
controls of the guide's services that no cell cites and no reason leaves out.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from .crossref import DEFAULT_KEY, Problem
from .model import KINDS, Cell, Condition, DataFile, Responsibility, Service
from .nist import NistCatalog
from .securityhub import USER_GUIDE_PAGES, Control, SecurityHubCatalog


def first_problem(data: DataFile, hub: SecurityHubCatalog, nist: NistCatalog | None = None) -> Problem | None:
    """The first broken rule; with `nist`, every NIST id of a control read must be one of its controls."""
    return next(_problems(data, hub, nist), None)


def _problems(data: DataFile, hub: SecurityHubCatalog, nist: NistCatalog | None) -> Iterator[Problem]:
    yield from _service_names(data, hub)
    left_out = {item.id for item in data.left_out_checks}
    readings = {reading.id for reading in data.controls}
    for index, entry in enumerate(data.responsibilities):
        spec = entry.services
        if isinstance(spec, str):
            continue
        for key, cell in spec.items():
            if isinstance(cell, str):
                continue
            at = ("responsibilities", index, "services", key)
            covered = _covered_by(data, spec, key)
            yield from _holder(data, hub, cell, cell, at, covered, left_out, readings)
            for c, condition in enumerate(cell.conditions):
                yield from _holder(data, hub, condition, cell, (*at, "conditions", c), covered, left_out, readings)
    yield from _readings(data, hub, nist)
    yield from _left_out(data, hub)


# -- the services' names ------------------------------------------------------------------------


def _service_names(data: DataFile, hub: SecurityHubCatalog) -> Iterator[Problem]:
    known = hub.services
    own = {name: s for s in data.services for name in s.evaluated_names}
    for index, service in enumerate(data.services):
        if service.evaluated_as is not None and service.evaluated_as not in known:
            yield Problem(("services", index, "evaluated_as"), _unknown_service(service.evaluated_as, known))
        for n, name in enumerate(service.also_evaluated_as):
            if name not in known:
                yield Problem(("services", index, "also_evaluated_as", n), _unknown_service(name, known))
        for n, name in enumerate(service.runs_on):
            if name not in known:
                yield Problem(("services", index, "runs_on", n), _unknown_service(name, known))
    for n, name in enumerate(data.account_wide_services):
        if name not in known:
            yield Problem(("account_wide_services", n), _unknown_service(name, known))
        elif name in own:
            yield Problem(
                ("account_wide_services", n),
                f"lists {name!r}, the service of {own[name].name} itself (its evaluated_as), not an account-wide one",
            )


def _unknown_service(name: str, known: set[str]) -> str:
    same_letters = [k for k in sorted(known) if k.lower().replace(" ", "") == name.lower().replace(" ", "")]
    close = same_letters or difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"names no service that Security Hub's catalog evaluates (got {name!r}){hint}"


# -- checks on cells and conditions -------------------------------------------------------------


def _covered_by(data: DataFile, spec: dict, key: str) -> list[Service]:
    """The services a cell stands for: its own service, its kind's unnamed ones, or every one left to the default."""
    named = set(spec)
    if key == DEFAULT_KEY:
        return [s for s in data.services if s.id not in named and s.kind not in named]
    if key in KINDS:
        return [s for s in data.services if s.kind == key and s.id not in named]
    return [s for s in data.services if s.id == key]


def _holder(
    data: DataFile,
    hub: SecurityHubCatalog,
    holder: Cell | Condition,
    cell: Cell,
    at: tuple,
    covered: list[Service],
    left_out: set[str],
    readings: set[str],
) -> Iterator[Problem]:
    if holder.checks and holder.owner in {"aws", "n/a"}:
        yield Problem(
            (*at, "checks"),
            f"lists checks where the owner is {holder.owner!r}: checks name the controls of the customer's part, "
            "and the customer has none here",
        )
        return
    for n, control_id in enumerate(holder.checks):
        problem = _check(data, hub, control_id, covered, left_out, readings)
        if problem:
            yield Problem((*at, "checks", n), problem)


def _check(
    data: DataFile,
    hub: SecurityHubCatalog,
    control_id: str,
    covered: list[Service],
    left_out: set[str],
    readings: set[str],
) -> str | None:
    if control_id not in hub.controls:
        return _unknown_control(hub, control_id)
    control = hub.control(control_id)
    for service in covered:
        allowed = allowed_services(data, service)
        if control.service not in allowed:
            return (
                f"names {control_id}, which evaluates {control.service}: on {service.name} (service {service.id!r}) "
                f"that is neither its own service ({', '.join(service.evaluated_names) or 'none given'}), "
                "one it runs on "
                f"({', '.join(service.runs_on) or 'none'}), nor one of account_wide_services"
            )
    if control.prefix not in USER_GUIDE_PAGES:
        return (
            f"names {control_id}, whose prefix {control.prefix!r} has no verified page of the Security Hub user "
            "guide; add it to USER_GUIDE_PAGES in hooks/srg/securityhub.py"
        )
    if control_id in left_out:
        return f"names {control_id}, which left_out_checks also lists; a control is either cited or left out"
    if control_id not in readings:
        return (
            f"names {control_id}, which has no entry under 'controls:' saying when it was read against its "
            f"page of the Security Hub user guide ({control.guide_url})"
        )
    return None


def allowed_services(data: DataFile, service: Service) -> set[str]:
    """The services, as Security Hub names them, whose controls may check a cell of `service`."""
    return set(service.evaluated_names) | set(service.runs_on) | set(data.account_wide_services)


def _unknown_control(hub: SecurityHubCatalog, control_id: str) -> str:
    retired = hub.retired(control_id)
    if retired:
        return (
            f"names {control_id} ({retired.statement}), which AWS's catalog no longer has: a refresh found it "
            f"retired on {retired.retired.isoformat()}; cite another control or none"
        )
    close = difflib.get_close_matches(control_id, sorted(hub.controls), n=1, cutoff=0.75)
    hint = f"; did you mean {close[0]}?" if close else ""
    return f"names no control of the pinned Security Hub catalog (got {control_id!r}){hint}"


# -- the lists of controls read and left out --------------------------------------------------------


def _readings(data: DataFile, hub: SecurityHubCatalog, nist: NistCatalog | None) -> Iterator[Problem]:
    sources = {source.id for source in data.sources}
    cited = {c for entry in data.responsibilities for c in _entry_checks(entry)}
    seen: set[str] = set()
    for index, reading in enumerate(data.controls):
        at = ("controls", index)
        if reading.id in seen:
            yield Problem((*at, "id"), f"repeats {reading.id!r}, already listed above")
        seen.add(reading.id)
        if reading.id not in hub.controls:
            yield Problem((*at, "id"), _unknown_control(hub, reading.id))
        elif reading.id not in cited:
            yield Problem((*at, "id"), f"{reading.id} is cited by no cell; list only the controls cells cite")
        if reading.nist and reading.nist_source is None:
            yield Problem((*at, "nist_source"), "is missing: name the source where the NIST ids were read")
        elif reading.nist_source is not None and reading.nist_source not in sources:
            yield Problem((*at, "nist_source"), f"names no source (got {reading.nist_source!r})")
        if reading.note and not reading.sources:
            yield Problem((*at, "sources"), "is missing: a note needs the AWS page that says it")
        for n, source in enumerate(reading.sources):
            if source not in sources:
                yield Problem((*at, "sources", n), f"names no source (got {source!r})")
        for n, label in enumerate(reading.nist if nist else []):
            problem = nist.problem(label)  # type: ignore[union-attr]
            if problem:
                yield Problem((*at, "nist", n), problem)


def _left_out(data: DataFile, hub: SecurityHubCatalog) -> Iterator[Problem]:
    scope = guide_services(data)
    seen: set[str] = set()
    for index, item in enumerate(data.left_out_checks):
        at = ("left_out_checks", index, "id")
        if item.id in seen:
            yield Problem(at, f"repeats {item.id!r}, already listed above")
        seen.add(item.id)
        if item.id not in hub.controls:
            yield Problem(at, _unknown_control(hub, item.id))
        elif hub.control(item.id).service not in scope:
            service = hub.control(item.id).service
            yield Problem(at, f"{item.id} evaluates {service}, no service of the guide's: list only those")


def _entry_checks(entry: Responsibility) -> Iterator[str]:
    spec = entry.services
    if isinstance(spec, str):
        return
    for cell in spec.values():
        if isinstance(cell, Cell):
            yield from cell.checks
            for condition in cell.conditions:
                yield from condition.checks


def guide_services(data: DataFile) -> set[str]:
    """Every service, as Security Hub names them, whose controls some cell may cite."""
    names = {name for s in data.services for name in s.evaluated_names}
    return names | {name for s in data.services for name in s.runs_on} | set(data.account_wide_services)


def uncovered(data: DataFile, hub: SecurityHubCatalog) -> list[Control]:
    """The controls of the guide's services that no cell cites and left_out_checks does not list."""
    cited = {c for entry in data.responsibilities for c in _entry_checks(entry)}
    left_out = {item.id for item in data.left_out_checks}
    return [c for c in hub.evaluating(guide_services(data)) if c.id not in cited | left_out]
