"""Pure functions that turn the Catalog into Markdown; no MkDocs imports.

Every string from the data file passes through `escape` (or `escape_line_start`
where it opens a line), so it renders as the text it is: no Markdown, HTML,
table syntax or emoji shortcode in the data can change the page.
Links to responsibilities and sources are written as `[[id]]` and
`[[source:id]]` references, which `srg.refs` resolves in one place.
"""

from __future__ import annotations

from .model import OWNER_LABELS, Catalog, Responsibility

# Characters that mean something inline to Markdown, its extensions or HTML.
_SPECIAL = '&<>\\`*_[]{}#+!|~^=:$@%"'
_ESCAPES = str.maketrans({char: f"&#{ord(char)};" for char in _SPECIAL})
_BLOCK_OPENERS = "-+*#>=0123456789"


def escape(text: str) -> str:
    """Text from the data file as inline Markdown that renders literally."""
    return text.translate(_ESCAPES)


def escape_line_start(text: str) -> str:
    """Like `escape`, for text that opens a line (so '1.' or '-' starts no list)."""
    escaped = escape(text)
    if escaped[:1] in _BLOCK_OPENERS:
        return f"&#{ord(escaped[0])};{escaped[1:]}"
    return escaped


def owner_badge(owner: str) -> str:
    slug = "na" if owner == "n/a" else owner
    return f'<span class="srg-owner srg-owner--{slug}">{OWNER_LABELS[owner]}</span>'


def ref(responsibility_id: str) -> str:
    return f"[[{responsibility_id}]]"


def source_ref(source_id: str) -> str:
    return f"[[source:{source_id}]]"


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


# -- the comparison table -------------------------------------------------------


def comparison_table(catalog: Catalog) -> str:
    """Who owns each responsibility, what AWS does, what the customer does: a table per area.

    Split by area under its own heading (and so in the page's table of
    contents), the comparison stays easy to scan at a thousand entries too.
    """
    header = ["Responsibility", "Owner", "AWS does", "The customer does"]
    blocks = []
    for category in catalog.categories:
        entries = catalog.in_category(category.id)
        if not entries:
            continue
        rows = [[ref(r.id), owner_badge(r.owner), escape(r.aws), escape(r.customer)] for r in entries]
        blocks.append(
            f"## {escape(category.name)} {{ #compare-{category.id} data-search-exclude }}\n\n"
            f'<div class="srg-comparison" data-search-exclude markdown>\n\n{table(header, rows)}\n\n</div>'
        )
    return "\n\n".join(blocks)


# -- one section per responsibility ---------------------------------------------


def responsibility_sections(catalog: Catalog, owner: str) -> str:
    """A level-2 section for each responsibility held by `owner`, anchored at its id."""
    return "\n\n".join(responsibility_section(catalog, r) for r in catalog.owned_by(owner))


def responsibility_section(catalog: Catalog, entry: Responsibility) -> str:
    category = catalog.category(entry.category).name
    parts = [
        f"## {escape(entry.title)} {{ #{entry.id} .srg-responsibility }}",
        "".join(f'<span id="{alias}" class="srg-alias"></span>' for alias in entry.aliases),
        f'<p class="srg-meta">{owner_badge(entry.owner)} <span class="srg-category">{escape(category)}</span>'
        f"{copy_link(entry)}</p>",
        f'<p class="srg-summary" markdown="span">{escape(entry.summary)}</p>',
        sides(entry),
        service_table(catalog, entry),
        labelled_list("Related", [ref(r) for r in entry.related]),
        labelled_list("Sources", [source_ref(s) for s in entry.sources]),
    ]
    return "\n\n".join(part for part in parts if part)


def sides(entry: Responsibility) -> str:
    """AWS's part and the customer's part, side by side (stacked on a phone).

    Two labelled blocks, not a table: on a page of many entries a table each
    costs the theme's script a wrapper and the browser a table layout.
    """
    parts = [("AWS does", entry.aws), ("The customer does", entry.customer)]
    blocks = [
        f'<div class="srg-side" markdown><p class="srg-side__label" markdown="span">{label}</p>'
        f'<p markdown="span">{escape(text)}</p></div>'
        for label, text in parts
    ]
    return '<div class="srg-sides" markdown>\n' + "\n".join(blocks) + "\n</div>"


def copy_link(entry: Responsibility) -> str:
    """The "Copy link" control, in the page from the start so it takes its place without moving anything.

    It stays invisible until copy-link.js makes it work (without JavaScript the
    heading's permalink serves).
    """
    return (
        f' <button type="button" class="srg-copy-link md-button" data-srg-copy="{entry.id}" '
        f'aria-label="Copy link to {escape(entry.title)}">Copy link</button>'
        '<span class="srg-copy-status" role="status"></span>'
    )


def service_table(catalog: Catalog, entry: Responsibility) -> str:
    """Who holds it on each service, and why: a list, which lays out far cheaper than a table on a long page."""
    items = [
        f'<li markdown="span"><span class="srg-split__service">{escape(service.name)}</span> '
        f"{owner_badge(entry.services[service.id].owner)} {escape(entry.reason_on(service.id))}</li>"
        for service in catalog.services
    ]
    return (
        '<p class="srg-split__title">On each service</p>\n\n<ul class="srg-split" markdown>\n'
        + "\n".join(items)
        + "\n</ul>"
    )


def labelled_list(label: str, items: list[str]) -> str:
    if not items:
        return ""
    return f'<p class="srg-links" markdown>**{label}:** ' + " · ".join(items) + "</p>"


# -- per-service views ----------------------------------------------------------------


def service_split(catalog: Catalog, service_id: str) -> str:
    """Who holds each responsibility on one service, customer's share first."""
    service = catalog.service(service_id)
    order = {"customer": 0, "shared": 1, "aws": 2}
    applies = [r for r in catalog.responsibilities if r.services[service.id].owner != "n/a"]
    applies.sort(key=lambda r: order[r.services[service.id].owner])
    rows = [[ref(r.id), owner_badge(r.services[service.id].owner), escape(r.reason_on(service.id))] for r in applies]
    block = table(["Responsibility", f"Who, on {escape(service.name)}", "Why"], rows)
    absent = [ref(r.id) for r in catalog.responsibilities if r.services[service.id].owner == "n/a"]
    return block + ("\n\n" + labelled_list("Does not apply here", absent) if absent else "")


# -- sources ---------------------------------------------------------------------------


def sources_list(catalog: Catalog) -> str:
    """A section per source, anchored at `source-<id>`, with the entries that cite it."""
    sections = []
    for source in catalog.sources:
        lines = [f"### {escape(source.title)} {{ #source-{source.id} }}"]
        if source.url:
            lines.append(f"<{source.url}>")
        else:
            lines.append("Cited by title; no stable public address.")
        citing = [ref(r.id) for r in catalog.citing(source.id)]
        lines.append(labelled_list("Cited by", citing) or "Cited in the prose of the pages.")
        sections.append("\n\n".join(lines))
    return "\n\n".join(sections)
