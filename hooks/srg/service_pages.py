"""Generated pages and blocks about services: a page per service, the index, the model's picture, share pages.

No MkDocs imports: `generated_pages` returns Markdown by source path, which
the MkDocs glue adds as files and the Markdown export writes out.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

import yaml

from . import html
from .blocks import Block, marker, pin_slot, service_page_path, share_page
from .html import Linker
from .markdown_text import escape, heading
from .model import (
    CUSTOMER_TO_AWS,
    KIND_LABELS,
    KINDS,
    OWNER_LABELS,
    OWNER_LETTERS,
    Catalog,
    Layer,
    Responsibility,
    Service,
    lower_first,
)
from .securityhub import SEVERITIES, Control

TO_DO = ("customer", "shared")


# -- the page of one service -------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    entry: Responsibility
    owner: str
    reason: str
    risk: str
    checks: tuple[Control, ...] = ()  # the Security Hub controls cited on the cell, the most severe first

    @property
    def severity(self) -> str:
        """The most severe check's level in lowercase ('high'), or 'none' without a check."""
        return self.checks[0].severity.lower() if self.checks else "none"


def _rows(catalog: Catalog, service: Service, entries: list[Responsibility]) -> list[Row]:
    rows = []
    for entry in entries:
        if catalog.applies(entry, service.id):
            cell = catalog.cell(entry, service.id)
            risk, checks = catalog.risk_on(entry, service.id), tuple(catalog.checks(cell))
            rows.append(Row(entry, cell.owner, catalog.reason_on(entry, service.id), risk, checks))
    return rows


@dataclass(frozen=True)
class LeftToYou:
    """What is left to the customer on a service in its default setup: tasks of its own, and tasks AWS shares."""

    own: int
    shared: int

    def describe(self) -> str:
        """'24 for the customer alone · 9 shared with AWS'."""
        return f"{self.own} for the customer alone · {self.shared} shared with AWS"


def _count(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def left_sentence(service: Service, left: LeftToYou) -> str:
    """'In Amazon RDS's default setup, 18 tasks are the customer's alone and 14 are shared with AWS, ...'."""
    own = _count(left.own, "task is", "tasks are")
    shared = f"{left.shared} {'is' if left.shared == 1 else 'are'}"
    return (
        f"In {service.name}'s default setup, {own} the customer's alone and {shared} shared with AWS, "
        "which does part of each."
    )


def severity_sentence(rows: list[Row]) -> str:
    """'Ordered by the most severe Security Hub check of each: 2 Critical, 9 High, 12 Medium and 1 Low, then 8 with no
    automated check.'"""
    levels = Counter(row.checks[0].severity_label for row in rows if row.checks)
    parts = [f"{levels[level.capitalize()]} {level.capitalize()}" for level in SEVERITIES if levels[level.capitalize()]]
    unchecked = sum(1 for row in rows if not row.checks)
    said = ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1] if parts else ""
    if not said:
        return f"No Security Hub control checks any of these {unchecked}." if unchecked else ""
    tail = f", then {unchecked} with no automated check" if unchecked else ""
    return f"Ordered by the most severe Security Hub check of each: {said}{tail}."


def urgency_sentence(risks: Counter[str]) -> str:
    """'Where equal, the most urgent first: 4 off or open by default, then 11 that expose data if left undone, then
    the other 17.'"""
    parts = []
    if risks["off-by-default"]:
        parts.append(f"{risks['off-by-default']} off or open by default")
    if risks["exposes-data"]:
        parts.append(_count(risks["exposes-data"], "that exposes", "that expose") + " data if left undone")
    if parts and risks["other"]:
        parts.append(f"the other {risks['other']}")
    return f"Where equal, the most urgent first: {', then '.join(parts)}." if parts else ""


def area_counts(owners: Counter[str]) -> str:
    """An area's folded summary: '2 for the customer alone · 3 shared · 1 done by AWS', leaving out owners with none."""
    words = {"customer": "for the customer alone", "shared": "shared", "aws": "done by AWS"}
    return " · ".join(f"{owners[owner]} {said}" for owner, said in words.items() if owners[owner])


def left_to_you(catalog: Catalog, service: Service) -> LeftToYou:
    owners = [catalog.cell(entry, service.id).owner for entry in catalog.responsibilities]
    return LeftToYou(owners.count("customer"), owners.count("shared"))


def checklist(catalog: Catalog, service: Service) -> list[Row]:
    """What the customer still has to do on the service, by the most severe Security Hub check of each (Critical
    first, those with none last), the most urgent first among equals (`Catalog.severity_key`)."""
    rows = [row for row in _rows(catalog, service, catalog.responsibilities) if row.owner in TO_DO]
    return sorted(rows, key=lambda row: catalog.severity_key(row.entry, service.id))


def _checked_between(catalog: Catalog, service: Service) -> tuple[datetime.date, datetime.date]:
    """The first and last days on which the answers about the service were checked against AWS's documentation."""
    days = [entry.checked for entry in catalog.responsibilities if catalog.applies(entry, service.id)]
    return min(days), max(days)


def service_page(catalog: Catalog, link: Linker, args: dict[str, str]) -> str:
    """The customer's checklist on one service, by severity of its checks; then what AWS does; every area, folded."""
    service = catalog.service(args["service"])

    def block(template: str, **context: object) -> str:
        """One part of the page, its terms marked afresh (each part is its own section)."""
        return html.render(template, catalog=catalog, service=service, link=link, mark=marker(catalog, link), **context)

    to_do = checklist(catalog, service)
    left = left_to_you(catalog, service)
    parts = [
        block("service_intro.html", checked=_checked_between(catalog, service)),
        heading(2, f"What the customer still has to do on {service.name}", "checklist"),
        block(
            "service_checklist.html",
            rows=to_do,
            counts=[
                left_sentence(service, left),
                severity_sentence(to_do),
                urgency_sentence(Counter(row.risk for row in to_do)),
            ],
        ),
    ]
    by_aws = [row for row in _rows(catalog, service, catalog.responsibilities) if row.owner == "aws"]
    if by_aws:
        parts += [
            heading(2, f"What AWS does for the customer on {service.name}", "aws-does"),
            block("service_aws.html", rows=by_aws),
        ]
    parts.append(heading(2, "Who does what, area by area", "areas"))
    for category in catalog.categories:
        area = _rows(catalog, service, catalog.in_category(category.id))
        if area:
            counts = area_counts(Counter(row.owner for row in area))
            parts.append(block("service_area.html", category=category, rows=area, counts=counts))
    absent = [e for e in catalog.responsibilities if not catalog.applies(e, service.id)]
    if absent:
        parts += [
            heading(2, f"Not part of {service.name}", "does-not-apply"),
            block("service_absent.html", entries=absent),
        ]
    return "\n\n".join(parts)


def service_index(catalog: Catalog, link: Linker, args: dict[str, str]) -> str:
    """Every service, its kind, what is left to the customer there, and its page."""
    services = [(s, link.to_page(service_page_path(s.id)), left_to_you(catalog, s)) for s in catalog.services]
    kinds = [
        (KIND_LABELS[kind], [(s, href) for s, href, _ in services if s.kind == kind])
        for kind in KINDS
        if any(s.kind == kind for s in catalog.services)
    ]
    index = html.render("service_index.html", catalog=catalog, services=services, kinds=kinds)
    return pin_slot(catalog) + "\n\n" + index


# -- the picture of the model on the home page ----------------------------------------------------


@dataclass(frozen=True)
class LayerCell:
    """One layer of one service's stack: the layer's entries that apply there, by their owner in the default setup.

    The layer is held by that owner when they all agree, and split when they do
    not: each owner is named, customer's first, and none is weighed by how many
    entries it holds (a count made EC2's guest OS read as mostly not the customer's).
    """

    held: dict[str, list[Responsibility]]  # owner -> its entries in the layer, in the order of CUSTOMER_TO_AWS

    @property
    def owners(self) -> list[str]:
        return list(self.held)

    @property
    def owner(self) -> str:
        """'customer', 'shared' or 'aws' when the entries agree, 'split' when they differ, 'n/a' when none applies."""
        if not self.held:
            return "n/a"
        return self.owners[0] if len(self.held) == 1 else "split"

    @property
    def lead(self) -> Responsibility | None:
        """The entry the cell links to: the layer's first entry held by its first owner."""
        return next(iter(self.held.values()))[0] if self.held else None


def layer_cell(catalog: Catalog, layer: Layer, service: Service) -> LayerCell:
    """Who holds a layer of the stack on a service by default, from the owners of its entries there."""
    entries = catalog.in_layer(layer)
    held = {
        owner: [entry for entry in entries if catalog.cell(entry, service.id).owner == owner]
        for owner in CUSTOMER_TO_AWS
    }
    return LayerCell({owner: found for owner, found in held.items() if found})


@dataclass(frozen=True)
class PictureRow:
    layer: Layer
    cells: dict[str, LayerCell]


# What the picture's key says of each owner, and the letter that names it where a column is narrow (a phone).
PICTURE_KEY = {"customer": "security in the cloud", "shared": "both do part of it", "aws": "security of the cloud"}
PICTURE_LETTERS = OWNER_LETTERS
# Up to this many services, each column names its owners in words from 720 px up; beyond, in letters at every width.
PICTURE_WORDS_UP_TO = 16
PICTURE_RULE = (
    "A layer takes the owner its responsibilities have on that service by default; where they differ, "
    "the layer is split and each owner named."
)


def picture_caption(layers: list[Layer]) -> str:
    """What the picture shows and how a layer's owner is found, with the areas it leaves beside the stack."""
    drawn = [layer for layer in layers if not layer.beside]
    caption = (
        f"Each column is a service's stack, from {lower_first(drawn[-1].name)} at the bottom "
        f"to {lower_first(drawn[0].name)} at the top. {PICTURE_RULE}"
    )
    beside = [lower_first(layer.name) for layer in layers if layer.beside]
    if beside:
        listed = ("; " if any("," in name for name in beside) else ", ").join(beside)
        caption += f" The areas that are not layers of the stack ({listed}) are on each service's page instead."
    return caption


def model_picture(catalog: Catalog, link: Linker, args: dict[str, str]) -> str:
    """For each service, the layers of its stack from the facilities up to the data, each named by who holds it."""
    rows = [
        PictureRow(layer, {s.id: layer_cell(catalog, layer, s) for s in catalog.services})
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
        key=PICTURE_KEY,
        letters=PICTURE_LETTERS,
        compact=len(catalog.services) > PICTURE_WORDS_UP_TO,
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


def _tasks(count: int) -> str:
    return "1 task" if count == 1 else f"{count} tasks"


def _front_matter(**meta: object) -> str:
    return "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000) + "---\n\n"


def generated_pages(catalog: Catalog) -> dict[str, str]:
    """The Markdown of the pages generated from the data: one per service."""
    pages = {}
    for service in catalog.services:
        left = left_to_you(catalog, service)
        description = (
            f"Who secures what on {service.name}: what AWS does, and what is left to the customer in its default "
            f"setup, {_tasks(left.own)} its own and {_tasks(left.shared)} shared with AWS, most urgent first."
        )
        pages[service_page_path(service.id)] = (
            _front_matter(title=f"{service.name}: who secures what", description=description, search={"exclude": True})
            + f"# {escape(service.name)}: who secures what\n\n"
            + f'<!-- srg:service-page service="{service.id}" -->\n'
        )
    return pages


# Chat apps and search engines show about this much of a description before they cut it.
PREVIEW_LENGTH = 300


def preview(text: str, limit: int = PREVIEW_LENGTH) -> str:
    """Text for a link preview: whole when short, else cut at a word with an ellipsis (chat apps cut it anyway)."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def checked_sentence(entry: Responsibility) -> str:
    return f"Checked against AWS documentation on {html.long_date(entry.checked)}."


def share_description(entry: Responsibility) -> str:
    """A share page's link preview: the answer, one sentence of at most 30 words, then the day it was checked."""
    checked = checked_sentence(entry)
    return f"{preview(entry.summary, PREVIEW_LENGTH - len(checked) - 1)} {checked}"


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
            description=share_description(entry),
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
