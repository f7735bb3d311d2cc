"""Generated pages and blocks about services: a page per service, the index, the model's picture, share pages.

No MkDocs imports: `generated_pages` returns Markdown by source path, which
the MkDocs glue adds as files and the Markdown export writes out.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import yaml

from . import html
from .blocks import Block, marker, pin_slot, share_page
from .html import Linker
from .markdown_text import escape, heading
from .model import CUSTOMER_TO_AWS, OWNER_LABELS, Catalog, Layer, Responsibility, Service, lower_first

TO_DO = ("customer", "shared")


def service_page_path(service_id: str) -> str:
    return f"services/{service_id}.md"


# -- the page of one service -------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    entry: Responsibility
    owner: str
    reason: str


def _rows(catalog: Catalog, service: Service, entries: list[Responsibility]) -> list[Row]:
    return [
        Row(entry, catalog.cell(entry, service.id).owner, catalog.reason_on(entry, service.id))
        for entry in entries
        if catalog.applies(entry, service.id)
    ]


def _checked_between(catalog: Catalog, service: Service) -> tuple[datetime.date, datetime.date]:
    """The first and last days on which the answers about the service were checked against AWS's documentation."""
    days = [entry.checked for entry in catalog.responsibilities if catalog.applies(entry, service.id)]
    return min(days), max(days)


def service_page(catalog: Catalog, link: Linker, args: dict[str, str]) -> str:
    """Who does what on one service, grouped by area, then the customer's checklist."""
    service = catalog.service(args["service"])

    def block(template: str, **context: object) -> str:
        """One part of the page, its terms marked afresh (each part is its own section)."""
        return html.render(template, catalog=catalog, service=service, link=link, mark=marker(catalog, link), **context)

    checklist = [row for row in _rows(catalog, service, catalog.responsibilities) if row.owner in TO_DO]
    parts = [
        block("service_intro.html", checked=_checked_between(catalog, service)),
        heading(2, f"What you still have to do on {service.name}", "checklist"),
        block("service_checklist.html", rows=checklist),
    ]
    for category in catalog.categories:
        rows = _rows(catalog, service, catalog.in_category(category.id))
        if rows:
            parts += [heading(2, category.name, f"area-{category.id}"), block("service_area.html", rows=rows)]
    absent = [e for e in catalog.responsibilities if not catalog.applies(e, service.id)]
    if absent:
        parts += [
            heading(2, f"Not part of {service.name}", "does-not-apply"),
            block("service_absent.html", entries=absent),
        ]
    return "\n\n".join(parts)


def to_do_count(catalog: Catalog, service: Service) -> int:
    return sum(1 for e in catalog.responsibilities if catalog.cell(e, service.id).owner in TO_DO)


def service_index(catalog: Catalog, link: Linker, args: dict[str, str]) -> str:
    """Every service, its kind, what is left to the customer, and its page."""
    services = [(s, link.to_page(service_page_path(s.id)), to_do_count(catalog, s)) for s in catalog.services]
    return pin_slot(catalog) + "\n\n" + html.render("service_index.html", catalog=catalog, services=services)


# -- the picture of the model on the home page ----------------------------------------------------


@dataclass(frozen=True)
class Share:
    """How a layer's entries split on one service: counts per owner, and bar widths in tenths."""

    owner: str
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def tenths(self) -> list[tuple[str, int]]:
        """Bar segments (owner, width in tenths) that add up to ten, largest remainder first."""
        if not self.total:
            return []
        exact = {o: 10 * n / self.total for o, n in self.counts.items() if n}
        widths = {o: int(v) for o, v in exact.items()}
        for o in sorted(exact, key=lambda o: exact[o] - widths[o], reverse=True)[: 10 - sum(widths.values())]:
            widths[o] += 1
        return [(o, widths[o]) for o in CUSTOMER_TO_AWS if widths.get(o)]

    def describe(self) -> str:
        parts = [f"{OWNER_LABELS[o]} {n}" for o, n in self.counts.items() if n]
        return ", ".join(parts) + f" of {self.total}" if parts else "None apply"


@dataclass(frozen=True)
class PictureRow:
    layer: Layer
    shares: dict[str, Share]


def layer_share(catalog: Catalog, layer: Layer, service: Service) -> Share:
    """A layer's counts per owner on a service, held by their one owner there, else shared (n/a if none applies)."""
    counts = dict.fromkeys(CUSTOMER_TO_AWS, 0)
    for entry in catalog.in_layer(layer):
        owner = catalog.cell(entry, service.id).owner
        if owner != "n/a":
            counts[owner] += 1
    owners = [owner for owner, count in counts.items() if count]
    return Share(owners[0] if len(owners) == 1 else "shared" if owners else "n/a", counts)


def picture_caption(layers: list[Layer]) -> str:
    """What the picture shows, from the layers it draws (bottom and top) and those it leaves out."""
    drawn = [layer for layer in layers if not layer.beside]
    caption = (
        f"Each column is a service and each row a layer of its stack, from {drawn[-1].name} at the bottom "
        f"to {drawn[0].name} at the top. Each bar shows how that layer's responsibilities split on "
        "that service: the customer's, both sides', and AWS's (screen readers hear the counts)."
    )
    beside = [lower_first(layer.name) for layer in layers if layer.beside]
    if beside:
        listed = ("; " if any("," in name for name in beside) else ", ").join(beside)
        caption += f" The areas that are not layers of the stack ({listed}) are on each service's page instead."
    return caption


def model_picture(catalog: Catalog, link: Linker, args: dict[str, str]) -> str:
    """For each service, the layers of its stack from the data down to the facilities, coloured by who holds each."""
    rows = [
        PictureRow(layer, {s.id: layer_share(catalog, layer, s) for s in catalog.services})
        for layer in catalog.layers
        if not layer.beside
    ]
    pages = {s.id: link.to_page(service_page_path(s.id)) for s in catalog.services}
    return html.render(
        "model_picture.html",
        catalog=catalog,
        rows=rows,
        caption=picture_caption(catalog.layers),
        pages=pages,
        mark=marker(catalog, link),
    )


def common_questions(catalog: Catalog, link: Linker, args: dict[str, str]) -> str:
    """The questions people ask most, each a link straight to its answer."""
    return html.render("common_questions.html", catalog=catalog, questions=catalog.data.questions, link=link)


# -- pages generated from the data ---------------------------------------------------------------


def owners_sentence(catalog: Catalog, entry: Responsibility) -> str:
    """'Customer on EC2 and ECS on EC2; AWS on S3 and DynamoDB.'"""
    badge = catalog.badge(entry)
    if badge:
        return f"{OWNER_LABELS[badge]} on every service it applies to."
    groups = []
    for owner in catalog.owners(entry):
        names = [s.short_name for s in catalog.services_held_by(entry, owner)]
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        groups.append(f"{OWNER_LABELS[owner]} on {listed}")
    return "; ".join(groups) + "."


def _front_matter(**meta: object) -> str:
    return "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000) + "---\n\n"


def generated_pages(catalog: Catalog) -> dict[str, str]:
    """The Markdown of the pages generated from the data: one per service."""
    pages = {}
    for service in catalog.services:
        count = to_do_count(catalog, service)
        things = "the one thing" if count == 1 else f"the {count} things"
        description = (
            f"Who secures what on {service.name}: what AWS does, what you do, and {things} you still have to do."
        )
        pages[service_page_path(service.id)] = (
            _front_matter(title=f"{service.name}: who secures what", description=description, search={"exclude": True})
            + f"# {escape(service.name)}: who secures what\n\n"
            + f'<!-- srg:service-page service="{service.id}" -->\n'
        )
    return pages


PREVIEW_LENGTH = 240


def preview(text: str, limit: int = PREVIEW_LENGTH) -> str:
    """Text for a link preview: whole when short, else cut at a word with an ellipsis (chat apps cut it anyway)."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def checked_sentence(entry: Responsibility) -> str:
    return f"Checked against AWS documentation on {html.long_date(entry.checked)}."


def share_description(catalog: Catalog, entry: Responsibility) -> str:
    """A share page's link preview: who holds the answer where, as much of the summary as fits, the day checked."""
    checked = checked_sentence(entry)
    answer = preview(f"{owners_sentence(catalog, entry)} {entry.summary}", PREVIEW_LENGTH - len(checked) - 1)
    return f"{answer} {checked}"


def share_pages(catalog: Catalog, locations: dict[str, str], site_name: str, site_url: str | None) -> dict[str, str]:
    """A small finished HTML page per answer, `a/<id>/index.html`: its link preview is the answer.

    It names the answer in its title and description (what chat apps show),
    points its canonical link at the answer's section and takes the reader
    there, with or without JavaScript (a meta refresh, which the CSP allows).
    Plain files, not MkDocs pages: a hundred of them cost the build nothing.
    """
    pages = {}
    for entry in catalog.responsibilities:
        location = locations[entry.id]
        pages[f"{share_page(entry.id)}"] = html.render_document(
            "share_page.html",
            entry=entry,
            title=f"{entry.title}: who is responsible?",
            owners=owners_sentence(catalog, entry),
            description=share_description(catalog, entry),
            target=f"../../{location}",
            canonical=f"{site_url}{location}" if site_url else None,
            image=f"{site_url}assets/social-card.png" if site_url else None,
            site_name=site_name,
            badge=catalog.badge(entry),
        )
    return pages


BLOCKS: dict[str, tuple[Block, tuple[str, ...]]] = {
    "service-page": (service_page, ("service",)),
    "service-index": (service_index, ()),
    "model-picture": (model_picture, ()),
    "common-questions": (common_questions, ()),
}
