"""Typed model of the responsibilities data file; no MkDocs imports."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Owner = Literal["aws", "customer", "shared"]
CellOwner = Literal["aws", "customer", "shared", "n/a"]

OWNERS: tuple[Owner, ...] = ("aws", "customer", "shared")
CELL_OWNERS: tuple[CellOwner, ...] = ("aws", "customer", "shared", "n/a")
OWNER_LABELS: dict[str, str] = {
    "aws": "AWS",
    "customer": "Customer",
    "shared": "Shared",
    "n/a": "Does not apply",
}


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    url: str | None


@dataclass(frozen=True)
class Service:
    id: str
    name: str
    model: str


@dataclass(frozen=True)
class Category:
    id: str
    name: str


@dataclass(frozen=True)
class Term:
    """A term or acronym the pages use, defined once: a tooltip everywhere, a row in the glossary."""

    term: str
    expansion: str
    definition: str | None

    @property
    def anchor(self) -> str:
        return f"term-{self.term.lower()}"


@dataclass(frozen=True)
class ServiceCell:
    """Who holds a responsibility on one service, and why in one line."""

    owner: CellOwner
    note: str | None


@dataclass(frozen=True)
class Responsibility:
    id: str
    title: str
    owner: Owner
    category: str
    summary: str
    aws: str
    customer: str
    services: dict[str, ServiceCell]
    related: tuple[str, ...]
    search: tuple[str, ...]
    sources: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    question: str | None = None

    def ask(self) -> str:
        """The self-check question about this entry, without the service: 'who patches the guest OS?'."""
        if self.question:
            return self.question
        title = self.title
        if title[1:2].islower():
            title = title[0].lower() + title[1:]
        return f"who is responsible for {title}?"

    def reason_on(self, service_id: str) -> str:
        """The one-line reason for the cell of `service_id`: its note, else the owner's part."""
        cell = self.services[service_id]
        if cell.note:
            return cell.note
        if cell.owner == "aws":
            return self.aws
        if cell.owner == "customer":
            return self.customer
        if cell.owner == "shared":
            return f"AWS: {self.aws} Customer: {self.customer}"
        return "Does not apply to this service."


@dataclass(frozen=True)
class Catalog:
    """Everything the data file holds, validated and cross-referenced."""

    path: str
    sources: tuple[Source, ...]
    services: tuple[Service, ...]
    categories: tuple[Category, ...]
    responsibilities: tuple[Responsibility, ...]
    glossary: tuple[Term, ...] = ()

    def responsibility(self, responsibility_id: str) -> Responsibility:
        return next(r for r in self.responsibilities if r.id == responsibility_id)

    def source(self, source_id: str) -> Source:
        return next(s for s in self.sources if s.id == source_id)

    def service(self, service_id: str) -> Service:
        return next(s for s in self.services if s.id == service_id)

    def category(self, category_id: str) -> Category:
        return next(c for c in self.categories if c.id == category_id)

    def in_category(self, category_id: str) -> tuple[Responsibility, ...]:
        return tuple(r for r in self.responsibilities if r.category == category_id)

    def owned_by(self, owner: str) -> tuple[Responsibility, ...]:
        return tuple(r for r in self.responsibilities if r.owner == owner)

    def citing(self, source_id: str) -> tuple[Responsibility, ...]:
        return tuple(r for r in self.responsibilities if source_id in r.sources)

    def ids_and_aliases(self) -> dict[str, str]:
        """Map every id and alias to the id of the responsibility it names."""
        names = {r.id: r.id for r in self.responsibilities}
        for r in self.responsibilities:
            names.update({alias: r.id for alias in r.aliases})
        return names
