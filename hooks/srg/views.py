"""Pure renderers of the views across services: the matrix, the self-check, the glossary.

Like `render`, every string from the data file is escaped, and links to
responsibilities are `[[id]]` references resolved later in one place. These
blocks are HTML with `markdown="span"` cells (md_in_html), because they carry
the data attributes that the matrix filter and the phone layout read.
"""

from __future__ import annotations

from .model import OWNER_LABELS, Catalog, Responsibility, Service
from .render import escape, owner_badge, ref

# -- the service matrix ------------------------------------------------------------


def service_matrix(catalog: Catalog) -> str:
    """Rows: responsibility areas, then their responsibilities; columns: services.

    Each cell holds the owner on that service and the one-line reason; where
    neighbouring services say the same, one cell spans them. Rows and cells
    carry data attributes (a cell lists the services it covers), so
    `matrix-filter.js` can show one service or one owner; without JavaScript
    the full matrix shows.
    """
    head = "".join(
        f'<th scope="col" data-service="{s.id}" markdown="span">{escape(s.name)}</th>' for s in catalog.services
    )
    count = len(catalog.responsibilities)
    lines = [
        # The filter's place, kept free so drawing it does not push the matrix down.
        f'<div class="srg-filter-slot"><p class="srg-filter__status">Showing all {count} responsibilities.</p></div>',
        "",
        # Left out of the search index: each cell repeats a section that is the answer.
        '<div class="srg-matrix" data-srg-matrix data-search-exclude markdown>',
        "<table markdown>",
        f'<thead markdown><tr markdown><th scope="col">Area and responsibility</th>{head}</tr></thead>',
    ]
    for category in catalog.categories:
        entries = catalog.in_category(category.id)
        if not entries:
            continue
        lines.append(f'<tbody class="srg-matrix__area" data-area="{category.id}" markdown>')
        lines.append(
            f'<tr class="srg-matrix__area-name"><th scope="colgroup" colspan="{len(catalog.services) + 1}" '
            f'id="area-{category.id}">{escape(category.name)}</th></tr>'
        )
        lines += [_matrix_row(catalog, entry) for entry in entries]
        lines.append("</tbody>")
    lines += ["</table>", "</div>"]
    return "\n".join(lines)


def _matrix_row(catalog: Catalog, entry: Responsibility) -> str:
    runs = _runs(entry, catalog.services)
    cells = "".join(_matrix_cell(entry, run, every=len(runs) == 1) for run in runs)
    return f'<tr data-entry="{entry.id}" markdown><th scope="row" markdown="span">{ref(entry.id)}</th>{cells}</tr>'


def _runs(entry: Responsibility, services: tuple[Service, ...]) -> list[list[Service]]:
    """Neighbouring services with the same owner and reason, merged into one cell."""
    runs: list[list[Service]] = []
    for service in services:
        same = runs and _says(entry, runs[-1][0]) == _says(entry, service)
        if same:
            runs[-1].append(service)
        else:
            runs.append([service])
    return runs


def _says(entry: Responsibility, service: Service) -> tuple[str, str]:
    cell = entry.services[service.id]
    if cell.owner == "n/a" and not cell.note:
        return (cell.owner, "")
    return (cell.owner, entry.reason_on(service.id))


def _matrix_cell(entry: Responsibility, run: list[Service], every: bool) -> str:
    owner, reason = _says(entry, run[0])
    text = f' <span class="srg-reason">{escape(reason)}</span>' if reason else ""
    slug = "na" if owner == "n/a" else owner
    span = f' colspan="{len(run)}"' if len(run) > 1 else ""
    names = "Every service" if every else ", ".join(escape(s.name) for s in run)
    ids = " ".join(s.id for s in run)
    return (
        f'<td{span} data-service="{ids}" data-owner="{slug}" data-label="{names}" '
        f'markdown="span">{owner_badge(owner)}{text}</td>'
    )


# -- the self-check ----------------------------------------------------------------------


def self_check(catalog: Catalog) -> str:
    """One section per service; a question per responsibility that applies there.

    Answers sit in <details> blocks, so they open on demand with no JavaScript.
    Each question has its own anchor, `check-<service>-<entry>`.
    """
    sections = []
    for service in catalog.services:
        applies = [r for r in catalog.responsibilities if r.services[service.id].owner != "n/a"]
        questions = [_question(entry, service) for entry in applies]
        count = f"{len(questions)} question{'s' if len(questions) != 1 else ''}"
        sections.append(
            f"## {escape(service.name)} {{ #check-{service.id} }}\n\n"
            f'<p class="srg-check-count">{count}</p>\n\n' + "\n\n".join(questions)
        )
    return "\n\n".join(sections)


def _question(entry: Responsibility, service: Service) -> str:
    cell = entry.services[service.id]
    answer = OWNER_LABELS[cell.owner]
    return "\n".join(
        [
            f'<details class="question srg-check" id="check-{service.id}-{entry.id}" data-search-exclude markdown>',
            f'<summary markdown="span">On {escape(service.name)}, {escape(entry.ask())}</summary>',
            "",
            f'<p class="srg-answer" markdown="span">{owner_badge(cell.owner)} <strong>{answer}.</strong> '
            f"{escape(entry.reason_on(service.id))}</p>",
            "",
            f'<p class="srg-read-more" markdown="span">Read more: {ref(entry.id)}</p>',
            "",
            "</details>",
        ]
    )


# -- the glossary ------------------------------------------------------------------------


def glossary(catalog: Catalog) -> str:
    """Every term in alphabetical order, each anchored at `term-<term>`."""
    items = []
    for term in sorted(catalog.glossary, key=lambda t: t.term.lower()):
        meaning = escape(term.expansion) + (f". {escape(term.definition)}" if term.definition else "")
        items.append(
            f'<dt id="{term.anchor}" class="srg-term">{escape(term.term)}</dt>\n<dd markdown="span">{meaning}</dd>'
        )
    return '<dl class="srg-glossary" markdown>\n' + "\n".join(items) + "\n</dl>"


def abbreviations(catalog: Catalog) -> str:
    """The abbreviation definitions that make every use of a term a tooltip (the `abbr` extension)."""
    return "\n".join(f"*[{term.term}]: {term.expansion}" for term in catalog.glossary)
