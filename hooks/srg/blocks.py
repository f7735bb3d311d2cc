"""The generated blocks that markers stand for: Markdown headings around finished HTML; no MkDocs imports.

Each function takes the catalog, a Linker for the page being built and the
marker's arguments, and returns the block. Headings stay Markdown, so they get
their permalinks and table-of-contents entries; everything under them is HTML
from a template.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from . import html
from .html import Linker
from .markdown_text import heading
from .model import OWNER_LETTERS, Catalog, Category, Cell, Condition, Responsibility, Service
from .terms import TermMarker

Block = Callable[[Catalog, Linker, dict[str, str]], str]


def _join(parts: list[str]) -> str:
    return "\n\n".join(part for part in parts if part)


def pin_slot(catalog: Catalog) -> str:
    """Where a block with a row per service says which services the reader pinned (docs/assets/pinned-services.js)."""
    services = [{"id": s.id, "name": s.name, "short": s.short_name} for s in catalog.services]
    return html.render("pin_slot.html", services=services)


# -- one section per responsibility ------------------------------------------------------


def responsibility_sections(catalog: Catalog, link: Linker, args: dict[str, str]) -> str:
    """A level-2 section for each responsibility under the rule `args['rule']`, anchored at its id.

    An entry that moved here from another rule's page leaves a pointer there,
    at its old anchor, so links teammates already have still lead to it.
    """
    rule = args["rule"]
    sections = [pin_slot(catalog)]
    sections += [responsibility_section(catalog, link, entry) for entry in catalog.under_rule(rule)]
    moved = [entry for entry in catalog.responsibilities if rule in entry.moved_from]
    if moved:  # a heading of its own HTML, so the table of contents lists no pointers
        sections.append(html.render("moved.html", entries=moved, link=link))
    return _join(sections)


@dataclass(frozen=True)
class SplitRow:
    """Services on which an answer reads the same, one row of its section's "On each service" list."""

    services: list[Service]
    label: str
    cell: Cell
    reason: str
    # The controls whose search result lands in this row, by where they are cited: -1 the cell, n its condition n.
    anchors: dict[int, set[str]] = field(default_factory=dict)


def split_rows(catalog: Catalog, entry: Responsibility) -> list[SplitRow]:
    """A row per distinct cell, in the services' order, those that do not apply last.

    Services agree when their cells agree in every field (`Cell.key`), so
    grouping never drops a citation. Where all agree the one row is "Every
    service" and, with no note of its own, says that nothing differs instead of
    repeating the text around it.
    """
    groups: dict[tuple[object, ...], list[Service]] = {}
    for service in catalog.services:
        groups.setdefault(catalog.cell(entry, service.id).key, []).append(service)
    ordered = sorted(groups.values(), key=lambda group: catalog.cell(entry, group[0].id).owner == "n/a")
    rows = []
    for services in ordered:
        cell = catalog.cell(entry, services[0].id)
        reason = catalog.reason_on(entry, services[0].id)
        if len(ordered) == 1:
            label = "Every service"
            reason = reason if cell.note else "Nothing differs by service."
        else:
            label = _services_label(catalog.services, services)
            if cell.owner == "n/a" and not cell.note and len(services) > 1:
                reason = "Does not apply to these services."
        rows.append(SplitRow(services, label, cell, reason, _anchors(catalog, entry, services, cell)))
    return rows


def _anchors(catalog: Catalog, entry: Responsibility, services: list[Service], cell: Cell) -> dict[int, set[str]]:
    """The controls first cited in this row (`Catalog.check_homes`), placed at their first holder in the row."""
    ids = {s.id for s in services}
    homed = {c for c, service_id in catalog.check_homes_by_entry.get(entry.id, {}).items() if service_id in ids}
    anchors: dict[int, set[str]] = {}
    for index, holder in [(-1, cell), *enumerate(cell.conditions)]:
        placed = homed & set(holder.checks)
        if placed:
            anchors[index] = placed
            homed -= placed
    return anchors


def _services_label(every: list[Service], named: list[Service]) -> str:
    """'Amazon S3, Amazon DynamoDB'; 'Every service except …' when one or two are left out and more are in."""
    named_ids = {s.id for s in named}  # by id: comparing models compares every field
    missing = [s for s in every if s.id not in named_ids]
    if len(missing) <= 2 and len(missing) < len(named):
        return "Every service except " + " and ".join(s.name for s in missing)
    if len(named) > NAMED_UP_TO and len(missing) < len(named):
        # Most of many services: the few left out, by their short names, not a list of twenty.
        return "Every service except " + _and([s.short_name for s in missing])
    return ", ".join(s.name for s in named)


def responsibility_section(catalog: Catalog, link: Linker, entry: Responsibility) -> str:
    body = html.render(
        "section.html",
        catalog=catalog,
        entry=entry,
        rows=split_rows(catalog, entry),
        category=catalog.category(entry.category),
        link=link,
        mark=marker(catalog, link),
        share_href=link.to_page("index.md") + share_page(entry.id).removesuffix("index.html"),
    )
    return _join([heading(2, entry.title, entry.id, ".srg-responsibility"), body])


def marker(catalog: Catalog, link: Linker) -> TermMarker:
    """A fresh section's term marker for a template, sharing the page's terms seen so far."""
    return TermMarker(catalog.glossary, link.terms_seen)


def service_page_path(service_id: str) -> str:
    """The source path of a service's generated page: 'services/ec2.md'."""
    return f"services/{service_id}.md"


def share_page(entry_id: str) -> str:
    """The path of the small page whose link preview is one answer: 'a/guest-os-patching/index.html'."""
    return f"a/{entry_id}/index.html"


# -- the comparison table ---------------------------------------------------------------


def comparison_table(catalog: Catalog, link: Linker, args: dict[str, str]) -> str:
    """Who holds each responsibility, what AWS does, what the customer does: a table per area."""
    parts = [pin_slot(catalog)]
    for category in catalog.categories:
        entries = catalog.in_category(category.id)
        if entries:
            table = html.render(
                "comparison.html", catalog=catalog, entries=entries, link=link, mark=marker(catalog, link)
            )
            parts.append(_join([heading(2, category.name, f"compare-{category.id}", "data-search-exclude"), table]))
    return _join(parts)


# -- sources and glossary -------------------------------------------------------------------


def sources_list(catalog: Catalog, link: Linker, args: dict[str, str]) -> str:
    """Every source, anchored at `source-<id>`, with the entries that cite it: AWS's documentation first.

    A list, not a heading per source: a hundred and more headings would fill
    the table of contents and cost the theme's scripts a scroll listener each.
    """
    groups = [
        ("AWS documentation", "sources-aws", [s for s in catalog.sources if s.is_aws_documentation]),
        (
            "Other sources, and the notes the guide started from",
            "sources-other",
            [s for s in catalog.sources if not s.is_aws_documentation],
        ),
    ]
    parts = []
    for title, anchor, sources in groups:
        if sources:
            body = html.render("sources.html", sources=sources, catalog=catalog, link=link, mark=marker(catalog, link))
            parts.append(_join([heading(2, title, anchor, "data-search-exclude"), body]))
    return _join(parts)


def glossary(catalog: Catalog, link: Linker, args: dict[str, str]) -> str:
    terms = sorted(catalog.glossary, key=lambda t: t.term.lower())
    return html.render("glossary.html", terms=terms, mark=marker(catalog, link))


# -- the service matrix ----------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """Neighbouring services that say the same, one cell of the matrix."""

    services: list[Service]
    owner: str
    reason: str
    label: str
    conditions: list[Condition]
    checks: list[str]  # the Security Hub controls of the cell and its conditions


@dataclass(frozen=True)
class MatrixRow:
    entry: Responsibility
    runs: list[Run]


@dataclass(frozen=True)
class Area:
    category: Category
    rows: list[MatrixRow]


# Up to this many services the matrix shows each cell's text; beyond, its script makes it a compact grid (a letter or
# word per cell, upright service names, the text on demand). Measured at 1280 px, where the matrix's box is 970 px:
# with its text the table is 1,369 px wide at ten services, 1,460 at eleven and 2,986 at twenty-five (its columns
# at their 100 px least), so beyond ten it scrolls sideways more than half its box; the compact grid fits the box
# up to twenty-five services and more (its columns 32 px).
MATRIX_TEXT_UP_TO = 10


def service_matrix(catalog: Catalog, link: Linker, args: dict[str, str]) -> str:
    """Rows: areas, then their responsibilities; columns: services; one cell spans services that say the same."""
    areas = [
        Area(category, [MatrixRow(entry, _runs(catalog, entry)) for entry in catalog.in_category(category.id)])
        for category in catalog.categories
        if catalog.in_category(category.id)
    ]
    return html.render(
        "matrix.html",
        catalog=catalog,
        areas=areas,
        link=link,
        mark=marker(catalog, link),
        letters=OWNER_LETTERS,
        compact=len(catalog.services) > MATRIX_TEXT_UP_TO,
    )


def _runs(catalog: Catalog, entry: Responsibility) -> list[Run]:
    """Neighbouring services whose cells agree in every field (`Cell.key`) share a cell of the matrix."""
    groups: list[list[Service]] = []
    for service in catalog.services:
        key = catalog.cell(entry, service.id).key
        if groups and catalog.cell(entry, groups[-1][0].id).key == key:
            groups[-1].append(service)
        else:
            groups.append([service])
    every = len(groups) == 1
    runs = []
    for group in groups:
        cell = catalog.cell(entry, group[0].id)
        reason = "" if cell.owner == "n/a" and not cell.note else catalog.reason_on(entry, group[0].id)
        label = "Every service" if every else ", ".join(s.name for s in group)
        runs.append(Run(group, cell.owner, reason, label, cell.conditions, catalog.check_ids(cell)))
    return runs


# -- the self-check ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Question:
    """One question, asked once for every service where its answer is the same."""

    entry: Responsibility
    services: list[Service]
    owner: str
    reason: str
    conditions: list[Condition]

    @property
    def anchor(self) -> str:
        return f"check-{self.services[0].id}-{self.entry.id}"

    @property
    def aliases(self) -> list[str]:
        return [f"check-{s.id}-{self.entry.id}" for s in self.services[1:]]

    def where(self, every: list[Service]) -> str:
        """'On Amazon EC2', 'On EC2 and ECS on EC2', 'On every service' (of `every`), and where the question is
        asked for most of many services, the few it leaves out: 'On every service except S3 and DynamoDB'."""
        if len(self.services) == len(every):
            return "On every service"
        if len(self.services) == 1:
            return f"On {self.services[0].name}"
        asked = {s.id for s in self.services}
        others = [s for s in every if s.id not in asked]
        if len(self.services) > NAMED_UP_TO and len(others) < len(self.services):
            return f"On every service except {_and([s.short_name for s in others])}"
        return f"On {_and([s.short_name for s in self.services])}"


# A question asked for more services than this, and for most of them, names the services it leaves out instead.
NAMED_UP_TO = 4


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def questions(catalog: Catalog) -> list[Question]:
    """Every question of the self-check, in service order; services whose answers agree (`Cell.answer_key`, the
    cell but its Security Hub checks, which the self-check does not show) share one."""
    asked: list[Question] = []
    for entry in catalog.responsibilities:
        by_answer: dict[tuple[object, ...], list[Service]] = {}
        for service in catalog.services:
            if catalog.applies(entry, service.id):
                by_answer.setdefault(catalog.cell(entry, service.id).answer_key, []).append(service)
        for group in by_answer.values():
            cell = catalog.cell(entry, group[0].id)
            asked.append(Question(entry, group, cell.owner, catalog.reason_on(entry, group[0].id), cell.conditions))
    order = {s.id: n for n, s in enumerate(catalog.services)}
    return sorted(asked, key=lambda q: order[q.services[0].id])


def self_check(catalog: Catalog, link: Linker, args: dict[str, str]) -> str:
    """A section per service with the questions first asked there; answers open on demand, no script needed."""
    everything = questions(catalog)
    parts = [html.render("self_check_tools.html", count=len(everything)), pin_slot(catalog)]
    for service in catalog.services:
        here = [q for q in everything if q.services[0].id == service.id]
        if not here:
            continue
        body = html.render(
            "self_check.html",
            questions=here,
            service=service,
            every=catalog.services,
            pages={s.id: link.to_page(service_page_path(s.id)) for s in catalog.services},
            link=link,
            mark=marker(catalog, link),
        )
        parts.append(_join([heading(2, service.name, f"check-{service.id}"), body]))
    return _join(parts)


BLOCKS: dict[str, tuple[Block, tuple[str, ...]]] = {
    "comparison-table": (comparison_table, ()),
    "responsibilities": (responsibility_sections, ("rule",)),
    "sources": (sources_list, ()),
    "service-matrix": (service_matrix, ()),
    "self-check": (self_check, ()),
    "glossary": (glossary, ()),
}
