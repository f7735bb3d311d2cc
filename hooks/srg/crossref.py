"""The rules that need the whole data file, in one place: ids, references, cells and their sources.

`first_problem` returns the first broken rule, in the file's order, with the
path of the offending field or list item, so the loader can name its line.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .model import KINDS, Cell, DataFile, Responsibility

DEFAULT_KEY = "default"


@dataclass(frozen=True)
class Problem:
    path: tuple[str | int, ...]
    message: str


def first_problem(data: DataFile) -> Problem | None:
    return next(_problems(data), None)


def _problems(data: DataFile) -> Iterator[Problem]:
    yield from _unique_ids(data)
    sources = {s.id: s for s in data.sources}
    yield from _kind_order(data)
    for index, service in enumerate(data.services):
        if service.security not in sources:
            yield Problem(("services", index, "security"), f"names no source (got {service.security!r})")
        yield from _default_setup(service.default_setup.sources, ("services", index, "default_setup"), sources)
    yield from _aliases(data)
    categories = {c.id for c in data.categories}
    ids = {r.id for r in data.responsibilities}
    for index, entry in enumerate(data.responsibilities):
        at = ("responsibilities", index)
        if entry.category not in categories:
            yield Problem((*at, "category"), f"names no category (got {entry.category!r}; known: {_known(categories)})")
        for n, related in enumerate(entry.related):
            if related == entry.id:
                yield Problem((*at, "related", n), "lists the entry itself")
            elif related not in ids:
                yield Problem((*at, "related", n), f"names no responsibility (got {related!r})")
        for n, source in enumerate(entry.sources):
            if source not in sources:
                yield Problem((*at, "sources", n), f"names no source (got {source!r})")
        yield from _cells(data, entry, at, sources)
    yield from _layers(data)
    service_ids = {s.id for s in data.services}
    for index, question in enumerate(data.questions):
        if question.answer not in ids:
            yield Problem(("questions", index, "answer"), f"names no responsibility (got {question.answer!r})")
        if question.service is not None and question.service not in service_ids:
            yield Problem(("questions", index, "service"), f"names no service (got {question.service!r})")


def _kind_order(data: DataFile) -> Iterator[Problem]:
    """Services are listed kind by kind, in the order of KINDS, so every view groups them the same way."""
    for index, (before, service) in enumerate(zip(data.services, data.services[1:], strict=False), start=1):
        if KINDS.index(service.kind) < KINDS.index(before.kind):
            yield Problem(
                ("services", index, "kind"),
                f"is {service.kind!r} after {before.id!r} of kind {before.kind!r}: list the services kind by kind, "
                f"in the order {', '.join(KINDS)}",
            )


def _unique_ids(data: DataFile) -> Iterator[Problem]:
    lists = {
        "sources": [s.id for s in data.sources],
        "services": [s.id for s in data.services],
        "categories": [c.id for c in data.categories],
        "layers": [layer.id for layer in data.layers],
        "glossary": [t.anchor.removeprefix("term-") for t in data.glossary],
        "responsibilities": [r.id for r in data.responsibilities],
    }
    for key, names in lists.items():
        seen: set[str] = set()
        for index, name in enumerate(names):
            if name in seen:
                field = "term" if key == "glossary" else "id"
                yield Problem((key, index, field), f"repeats {name!r}, already used above")
            seen.add(name)
    clash = sorted(set(lists["services"]) & {*KINDS, DEFAULT_KEY})
    for service_id in clash:
        yield Problem(("services", lists["services"].index(service_id), "id"), f"{service_id!r} is reserved")


def _layers(data: DataFile) -> Iterator[Problem]:
    """Each entry sits in exactly one layer of the picture, so none drops out of it unseen."""
    ids = {r.id for r in data.responsibilities}
    layer_of: dict[str, str] = {}
    for index, layer in enumerate(data.layers):
        for n, entry_id in enumerate(layer.responsibilities):
            path = ("layers", index, "responsibilities", n)
            if entry_id in layer_of:
                yield Problem(path, f"lists {entry_id!r}, which is already in layer {layer_of[entry_id]!r}")
            elif entry_id not in ids:
                yield Problem(path, f"names no responsibility (got {entry_id!r})")
            layer_of.setdefault(entry_id, layer.id)
    if all(layer.beside for layer in data.layers):
        yield Problem(("layers", 0, "beside"), "leaves the picture empty: at least one layer must be drawn")
    for index, entry in enumerate(data.responsibilities):
        if entry.id not in layer_of:
            known = _known({layer.id for layer in data.layers})
            yield Problem(("responsibilities", index, "id"), f"is in no layer: list it under one of 'layers' ({known})")


def _aliases(data: DataFile) -> Iterator[Problem]:
    taken = {r.id: r.id for r in data.responsibilities}
    for index, entry in enumerate(data.responsibilities):
        for n, alias in enumerate(entry.aliases):
            if alias in taken:
                path = ("responsibilities", index, "aliases", n)
                yield Problem(path, f"{alias!r} is already used by {taken[alias]!r}")
            taken[alias] = entry.id


def _cells(data: DataFile, entry: Responsibility, at: tuple, sources: dict) -> Iterator[Problem]:
    spec = entry.services
    if isinstance(spec, str):
        return
    service_ids = [s.id for s in data.services]
    allowed = [*service_ids, *KINDS, DEFAULT_KEY]
    for key, cell in spec.items():
        path = (*at, "services", key)
        if key not in allowed:
            yield Problem(path, f"is not a service, a kind or 'default' (known: {', '.join(allowed)})")
            continue
        if isinstance(cell, str):
            continue
        yield from _cell_sources(cell, path, sources)
    resolved = {s.id for s in data.services if s.id in spec or s.kind in spec or DEFAULT_KEY in spec}
    missing = [s for s in service_ids if s not in resolved]
    if missing:
        names = ", ".join(missing)
        yield Problem((*at, "services"), f"gives no owner for {names} (name them, their kind or 'default')")


def _default_setup(cited: list[str], path: tuple, sources: dict) -> Iterator[Problem]:
    """A service's default setup rests on AWS's own documentation, as every owner on the service rests on it."""
    for n, source_id in enumerate(cited):
        if source_id not in sources:
            yield Problem((*path, "sources", n), f"names no source (got {source_id!r})")
            return
    if not _cites_aws(cited, sources):
        yield Problem(
            (*path, "sources"),
            "must cite an AWS documentation page (a source whose url is on docs.aws.amazon.com, aws.amazon.com or "
            "repost.aws): every owner on the service is given for this setup",
        )


def _cell_sources(cell: Cell, path: tuple, sources: dict) -> Iterator[Problem]:
    """Every source a cell names exists; its note, its risk and each condition rest on an AWS documentation page."""
    cited = [(("sources", n), s) for n, s in enumerate(cell.sources)]
    for c, condition in enumerate(cell.conditions):
        cited += [(("conditions", c, "sources", n), s) for n, s in enumerate(condition.sources)]
    for where, source_id in cited:
        if source_id not in sources:
            yield Problem((*path, *where), f"names no source (got {source_id!r})")
    if cell.says_more and not cell.sources:
        said = "a risk" if cell.risk and not (cell.note or cell.conditions) else "a note or conditions"
        yield Problem(path, f"needs its own 'sources': the cell has {said}, which must cite a page")
        return
    if (cell.note or cell.risk) and not _cites_aws(cell.sources, sources):
        yield Problem((*path, "sources"), _NOT_AWS)
    for c, condition in enumerate(cell.conditions):
        if not _cites_aws([*condition.sources, *cell.sources], sources):
            yield Problem((*path, "conditions", c, "sources"), _NOT_AWS)


_NOT_AWS = (
    "must cite an AWS documentation page (a source whose url is on docs.aws.amazon.com, aws.amazon.com or "
    "repost.aws): the cell says more than the entry's general text"
)


def _cites_aws(ids: list[str], sources: dict) -> bool:
    return any(sources[s].is_aws_documentation for s in ids if s in sources)


def _known(names: set[str]) -> str:
    return ", ".join(sorted(names))


def resolve_cells(data: DataFile) -> dict[str, dict[str, Cell]]:
    """Every entry's cell on every service: a service id wins over its kind, a kind over the default."""
    resolved: dict[str, dict[str, Cell]] = {}
    for entry in data.responsibilities:
        spec = entry.services
        cells: dict[str, Cell] = {}
        for service in data.services:
            by_kind = spec if isinstance(spec, str) else spec.get(service.kind, spec.get(DEFAULT_KEY))
            raw = by_kind if isinstance(spec, str) else spec.get(service.id, by_kind)
            cells[service.id] = Cell(owner=raw) if isinstance(raw, str) else raw
        resolved[entry.id] = cells
    return resolved
