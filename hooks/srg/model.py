"""The one description of the data file: typed pydantic models; no MkDocs imports.

The JSON Schema that editors use is generated from `DataFile` (`make schema`),
and the loader validates with the same models, so the two cannot drift. Rules
that need the whole file (ids that must exist, owners that must agree) live in
`srg.crossref`, the one place for them.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Annotated, Any, Literal, get_args
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Strict,
    StringConstraints,
    Tag,
)
from pydantic_core import PydanticCustomError

from .nist import Control, NistCatalog

Owner = Literal["aws", "customer", "shared"]
CellOwner = Literal[Owner, "n/a"]
Kind = Literal["infrastructure", "container", "managed", "serverless", "abstracted"]
# How much a task left undone matters, most first: the order of each service's checklist.
Risk = Literal["off-by-default", "exposes-data", "other"]

OWNERS: tuple[Owner, ...] = get_args(Owner)
KINDS: tuple[Kind, ...] = get_args(Kind)
RISKS: tuple[Risk, ...] = get_args(Risk)
RISK_MEANINGS: dict[str, str] = {
    "off-by-default": "the protection is off, or the resource open, in the default setup until the customer acts",
    "exposes-data": "left undone, it lets others reach or read the customer's data",
    "other": "the rest",
}
# The tag a checklist item carries for its risk (none for the rest).
RISK_TAGS: dict[str, str] = {"off-by-default": "Off or open by default", "exposes-data": "Data exposure", "other": ""}
# What a kind is called where a reader sees it. 'abstracted' is the data's key, from AWS's 2016
# whitepaper; readers get plain words (the glossary keeps the old name).
KIND_LABELS: dict[str, str] = {
    "infrastructure": "infrastructure",
    "container": "container",
    "managed": "managed",
    "serverless": "serverless",
    "abstracted": "serverless storage and database",
}
# The owners from the customer's side to AWS's: the order of the picture's bars.
CUSTOMER_TO_AWS: tuple[Owner, ...] = ("customer", "shared", "aws")
OWNER_LABELS: dict[str, str] = {"aws": "AWS", "customer": "Customer", "shared": "Shared", "n/a": "Does not apply"}
# The letter that names an owner where a column is too narrow for its word (the home picture, the compact matrix).
OWNER_LETTERS: dict[str, str] = {"customer": "C", "shared": "S", "aws": "A", "n/a": "\u2013"}
# The owners a reader picks from (the matrix's filter, the self-check's answers), with their labels.
OWNER_CHOICES: dict[str, str] = {owner: OWNER_LABELS[owner] for owner in OWNERS}
RULE_LABELS: dict[str, str] = {
    "aws": "Security of the cloud",
    "customer": "Security in the cloud",
    "shared": "A shared control",
}
# Where a rule's entries are listed, as a sentence says it: '… is now listed with what AWS secures'.
RULE_PLACES: dict[str, str] = {
    "aws": "listed with what AWS secures",
    "customer": "listed with what the customer secures",
    "shared": "a shared control",
}
# Hosts whose pages count as AWS's own documentation.
AWS_DOC_HOSTS = ("docs.aws.amazon.com", "aws.amazon.com", "repost.aws")

# Characters that make text look like other text: controls, bidirectional
# overrides and invisible marks (zero-width space, word joiner, BOM, soft hyphen).
HIDDEN_CHARS = r"\x00-\x1f\x7f-\x9f\u00ad\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff"
# Each pattern ends in END, not `$`: Python's `$` also matches before a final
# line break, which would let a YAML block scalar through.
END = r"(?![\s\S])"
TEXT_PATTERN = rf"^[^\s{HIDDEN_CHARS}](?:[^{HIDDEN_CHARS}]*[^\s{HIDDEN_CHARS}])?{END}"
ID_PATTERN = rf"^[a-z0-9]+(?:-[a-z0-9]+)*{END}"
URL_PATTERN = rf"^https://[^\s<>\"']+{END}"
TERM_PATTERN = rf"^[A-Za-z][A-Za-z0-9]*(?:[ -][A-Za-z0-9]+)*{END}"
QUESTION_PATTERN = rf"^[a-z][^{HIDDEN_CHARS}]*\?{END}"
# A control of NIST SP 800-53 Rev. 5 as NIST writes it ('AC-2', 'AC-2(1)'), and an AWS Security Hub control ('RDS.3').
NIST_LABEL_PATTERN = rf"^[A-Z]{{2}}-\d+(?:\(\d+\))?{END}"
SECURITY_HUB_ID_PATTERN = rf"^[A-Za-z][A-Za-z0-9]*\.\d+{END}"
MAX_TEXT = 400
# An entry's answer (its `summary`): one sentence of at most 30 words that ends with a full stop, the
# first thing its section says. Words are what spaces separate; a '.', '!' or '?' before a space (after
# any closing quote or bracket) ends a sentence, so "e.g. " or "U.S. " would split it in two.
MAX_ANSWER_WORDS = 30
_WORD = rf"[^\s{HIDDEN_CHARS}]+"
_SPACE = rf"[^\S{HIDDEN_CHARS}]+"
SENTENCE_END = r"""[.!?]["')\]]*\s"""
ANSWER_PATTERN = (
    rf"^(?![\s\S]*{SENTENCE_END})(?:{_WORD}{_SPACE}){{0,{MAX_ANSWER_WORDS - 1}}}"
    rf"[^\s{HIDDEN_CHARS}]*[^\s{HIDDEN_CHARS}.!?]\.{END}"
)

Text = Annotated[str, Strict(), StringConstraints(pattern=TEXT_PATTERN, max_length=MAX_TEXT)]
Answer = Annotated[str, Strict(), StringConstraints(pattern=ANSWER_PATTERN, max_length=MAX_TEXT)]
Id = Annotated[str, Strict(), StringConstraints(pattern=ID_PATTERN)]
Url = Annotated[str, Strict(), StringConstraints(pattern=URL_PATTERN)]
Question = Annotated[str, Strict(), StringConstraints(pattern=QUESTION_PATTERN, max_length=MAX_TEXT)]
TermName = Annotated[str, Strict(), StringConstraints(pattern=TERM_PATTERN)]
NistLabel = Annotated[str, Strict(), StringConstraints(pattern=NIST_LABEL_PATTERN)]
SecurityHubId = Annotated[str, Strict(), StringConstraints(pattern=SECURITY_HUB_ID_PATTERN)]


_CALENDAR_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?![\s\S])")


def _iso_date(value: Any) -> Any:
    """A date as YAML writes it, or as JSON does ('2026-11-29'); no timestamps or datetimes."""
    if isinstance(value, datetime.datetime) or not isinstance(value, (datetime.date, str)):
        raise PydanticCustomError("iso_date", "must be a date like 2026-11-29")
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value) if _CALENDAR_DATE.match(value) else _refuse_date()
        except ValueError:
            _refuse_date()
    return value


def _refuse_date() -> Any:
    raise PydanticCustomError("iso_date", "must be a date like 2026-11-29")


CheckedDate = Annotated[datetime.date, BeforeValidator(_iso_date)]


def answer_problems(text: str) -> list[str]:
    """What keeps plain text from being an answer: too many words or sentences, no full stop at the end."""
    problems = []
    sentences = len(re.findall(SENTENCE_END, text)) + 1
    if sentences > 1:
        problems.append(f"{sentences} sentences")
    if len(text.split()) > MAX_ANSWER_WORDS:
        problems.append(f"{len(text.split())} words")
    if not re.search(r"[^.!?]\.$", text):
        problems.append("no full stop at the end")
    return problems


def _no_repeats(items: list[Any]) -> list[Any]:
    seen = set()
    for item in items:
        if item in seen:
            raise PydanticCustomError("repeated_item", "lists {item} twice", {"item": repr(item)})
        seen.add(item)
    return items


def _unique(kind: str, min_length: int = 0) -> Any:
    return Field(
        json_schema_extra={"uniqueItems": True},
        description=f"{kind}, each listed once",
        **({"min_length": min_length} if min_length else {}),
    )


Unique = AfterValidator(_no_repeats)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, regex_engine="python-re")


class Source(_Strict):
    """A page the guide cites."""

    id: Id
    title: Text
    url: Url = None  # type: ignore[assignment]

    @property
    def is_aws_documentation(self) -> bool:
        return bool(self.url) and urlsplit(self.url).hostname in AWS_DOC_HOSTS


class DefaultSetup(_Strict):
    """What a customer gets when it keeps AWS's defaults: the setup every owner on the service is given for."""

    text: Text = Field(description="The default setup in one sentence, as AWS's documentation describes it")
    sources: Annotated[
        list[Id], Unique, _unique("Source ids of the AWS pages that document the default setup", min_length=1)
    ]


class Service(_Strict):
    """A column of every per-service view."""

    id: Id
    name: Text
    kind: Kind = Field(description="The service's kind in the model: " + ", ".join(KINDS))
    security: Id = Field(description="The source id of the service's AWS 'Security in …' chapter")
    default_setup: DefaultSetup = Field(
        description="The service's default setup, stated once: a cell's owner is who does the work in it; other "
        "setups are the cell's conditions, each with its own owner"
    )

    @property
    def kind_label(self) -> str:
        """The kind in a reader's words: 'serverless storage and database' for 'abstracted'."""
        return KIND_LABELS[self.kind]

    @property
    def short_name(self) -> str:
        """The name without the vendor: 'EC2', 'ECS on AWS Fargate', 'Elastic Beanstalk'."""
        return self.name.removeprefix("Amazon ").removeprefix("AWS ")


class Category(_Strict):
    """An area of responsibility: a row group of the matrix and of every service's page."""

    id: Id
    name: Text


class Layer(_Strict):
    """A row of the home page's picture: a layer of every service's stack, or an area the picture leaves out."""

    id: Id
    name: Text
    responsibilities: Annotated[
        list[Id], Unique, _unique("The ids of the entries in this layer; each entry sits in one layer", min_length=1)
    ]
    beside: Annotated[bool, Strict()] = Field(
        False, description="Not a layer of the stack (logging, people): the picture's caption names it, undrawn"
    )


class Term(_Strict):
    """A term or acronym the pages use (or an older name of one), defined once: a tooltip on its first use, a row
    in the glossary."""

    term: TermName
    expansion: Text
    definition: Text = None  # type: ignore[assignment]

    @property
    def anchor(self) -> str:
        """'term-iam', 'term-control-plane'."""
        return "term-" + self.term.lower().replace(" ", "-")


class Condition(_Strict):
    """A case that AWS's documentation names, with its own owner: 'Auto mode', 'Attached to a VPC'."""

    when: Text
    owner: CellOwner
    note: Text
    sources: Annotated[list[Id], Unique, _unique("Source ids")] = []


_NEEDS_SOURCES = {"required": ["sources"], "properties": {"sources": {"minItems": 1}}}
_RISK = "How much leaving it undone matters, most first: " + "; ".join(
    f"{risk} ({meaning})" for risk, meaning in RISK_MEANINGS.items()
)


class Cell(_Strict):
    """Who holds a responsibility on one service; a note, conditions or a risk need a source of their own."""

    model_config = ConfigDict(
        json_schema_extra={"dependentSchemas": {key: _NEEDS_SOURCES for key in ("note", "conditions", "risk")}}
    )

    owner: CellOwner
    note: Text = None  # type: ignore[assignment]
    sources: Annotated[list[Id], Unique, _unique("Source ids")] = []
    conditions: Annotated[list[Condition], Field(min_length=1)] = []
    risk: Risk = Field(None, description=_RISK + ". On this service, instead of the entry's")  # type: ignore[assignment]

    @property
    def says_more(self) -> bool:
        """Whether the cell states more than the entry's general text."""
        return bool(self.note or self.conditions or self.risk)

    @cached_property
    def key(self) -> tuple[Any, ...]:
        """What the cell says, hashable: services whose cells have equal keys share a row, a run or a question.

        Its risk is left out: it orders a service's checklist and is shown nowhere else.
        """
        return _hashable(self.model_dump(exclude={"risk"}))


def _hashable(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple((name, _hashable(item)) for name, item in value.items())
    if isinstance(value, list):
        return tuple(_hashable(item) for item in value)
    return value


def lower_first(text: str) -> str:
    """Text to read on in a sentence: 'Guest OS patching' -> 'guest OS patching'; 'OS patching' stays."""
    return text[0].lower() + text[1:] if text[1:2].islower() else text


def _cell_form(value: Any) -> str:
    return "as-cell" if isinstance(value, dict) else "as-owner"


class NistMapping(_Strict):
    """The NIST SP 800-53 Rev. 5 controls that AWS relates to the Security Hub controls checking an entry."""

    controls: Annotated[
        list[NistLabel],
        Unique,
        _unique("Controls of NIST SP 800-53 Rev. 5, written as NIST does ('AC-2', 'AC-2(1)')", min_length=1),
    ]
    securityhub: Annotated[
        list[SecurityHubId],
        Unique,
        _unique("The AWS Security Hub controls whose 'Related requirements' list them ('RDS.3')", min_length=1),
    ]
    sources: Annotated[list[Id], Unique, _unique("Source ids: the Security Hub control pages read", min_length=1)]
    read: CheckedDate = Field(description="The day those pages' related requirements were read")


CellSpec = Annotated[
    Annotated[CellOwner, Tag("as-owner")] | Annotated[Cell, Tag("as-cell")],
    Discriminator(_cell_form),
]


def _services_form(value: Any) -> str:
    return "by-key" if isinstance(value, dict) else "for-every-service"


ServicesSpec = Annotated[
    Annotated[CellOwner, Tag("for-every-service")] | Annotated[dict[str, CellSpec], Tag("by-key")],
    Discriminator(_services_form),
]


class Responsibility(_Strict):
    """One responsibility of the model, with who holds it on each service."""

    id: Id = Field(description="Stable: the anchor of every link to it. Never rename; keep old ids in aliases")
    title: Text
    rule: Owner = Field(
        description="The general rule: "
        + ", ".join(f"{rule} ({label.lower()})" for rule, label in RULE_LABELS.items())
        + ". It decides the page that lists the entry; the badge comes from the cells"
    )
    category: Id
    risk: Risk = Field("other", description=_RISK + ". A cell's own risk wins on its service")
    summary: Answer = Field(
        description=f"The answer its section opens with: one sentence of at most {MAX_ANSWER_WORDS} words, ending "
        "with a full stop, that says who does it in the default case"
    )
    aws: Text
    customer: Text
    services: ServicesSpec = Field(
        description="One owner for every service, or a mapping whose keys are 'default', a kind or a service id "
        "(a service id wins over its kind, a kind over the default)"
    )
    related: Annotated[list[Id], Unique, _unique("Responsibility ids")]
    search: Annotated[list[Text], Unique, _unique("Words people search for it by", min_length=1)]
    sources: Annotated[list[Id], Unique, _unique("Source ids", min_length=1)]
    checked: CheckedDate = Field(description="The day the entry was last checked against AWS's documentation")
    aliases: Annotated[list[Id], Unique, _unique("Old ids")] = []
    moved_from: Annotated[list[Owner], Unique, _unique("Rules whose page listed the entry before")] = Field(
        [], description="Rules whose page once listed the entry: a pointer stays there, so old links keep working"
    )
    question: Question = None  # type: ignore[assignment]
    nist: NistMapping = Field(
        None,
        description="Optional: the NIST SP 800-53 Rev. 5 controls AWS's Security Hub documentation relates to the "
        "checks of this entry, each a label of NIST's catalog (docs/data/nist-800-53/)",
    )

    def ask(self) -> str:
        """The self-check question about this entry, without the service: 'who patches the guest OS?'."""
        return self.question or f"who is responsible for {lower_first(self.title)}?"


class CommonQuestion(_Strict):
    """A question people ask, answered by one entry (on one service, if named): a link on the home page."""

    question: Text
    answer: Id = Field(description="The id of the entry that answers it")
    service: Id = Field(None, description="The service the question is about, if one")


class DataFile(BaseModel):
    """The whole data file, docs/data/responsibilities.yml."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        regex_engine="python-re",
        title="Shared Responsibility Guide data file",
        populate_by_name=True,
    )

    schema_: Annotated[str, Strict()] = Field(None, alias="$schema", description="The JSON Schema this file follows")
    sources: Annotated[list[Source], Field(min_length=1)]
    services: Annotated[list[Service], Field(min_length=1)]
    categories: Annotated[list[Category], Field(min_length=1)]
    layers: Annotated[list[Layer], Field(min_length=1)] = Field(
        description="The home page's picture, top row first: every responsibility in exactly one layer"
    )
    glossary: Annotated[list[Term], Field(min_length=1)]
    responsibilities: Annotated[list[Responsibility], Field(min_length=1)]
    questions: list[CommonQuestion] = Field([], description="The questions people ask most, for the home page")


# -- the validated catalog: the data file with every cell resolved ----------------------------


@dataclass(frozen=True)
class Catalog:
    """Everything the data file holds, validated, cross-referenced and with every service cell resolved."""

    path: str
    data: DataFile
    cells: dict[str, dict[str, Cell]] = field(repr=False)
    nist: NistCatalog | None = field(default=None, repr=False)

    @property
    def sources(self) -> list[Source]:
        return self.data.sources

    @property
    def services(self) -> list[Service]:
        return self.data.services

    @property
    def categories(self) -> list[Category]:
        return self.data.categories

    @property
    def layers(self) -> list[Layer]:
        return self.data.layers

    @property
    def glossary(self) -> list[Term]:
        return self.data.glossary

    @property
    def responsibilities(self) -> list[Responsibility]:
        return self.data.responsibilities

    @cached_property
    def _by_id(self) -> dict[str, Any]:
        named: dict[str, Any] = {}
        for kind, items in (("r", self.responsibilities), ("s", self.sources), ("v", self.services)):
            named.update({(kind, item.id): item for item in items})
        named.update({("c", c.id): c for c in self.categories})
        return named

    def responsibility(self, responsibility_id: str) -> Responsibility:
        return self._by_id[("r", responsibility_id)]

    def source(self, source_id: str) -> Source:
        return self._by_id[("s", source_id)]

    def service(self, service_id: str) -> Service:
        return self._by_id[("v", service_id)]

    def category(self, category_id: str) -> Category:
        return self._by_id[("c", category_id)]

    def cell(self, entry: Responsibility, service_id: str) -> Cell:
        return self.cells[entry.id][service_id]

    def applies(self, entry: Responsibility, service_id: str) -> bool:
        return self.cells[entry.id][service_id].owner != "n/a"

    def in_category(self, category_id: str) -> list[Responsibility]:
        return [r for r in self.responsibilities if r.category == category_id]

    def in_layer(self, layer: Layer) -> list[Responsibility]:
        return [self.responsibility(entry_id) for entry_id in layer.responsibilities]

    def under_rule(self, rule: str) -> list[Responsibility]:
        return [r for r in self.responsibilities if r.rule == rule]

    def citing(self, source_id: str) -> list[Responsibility]:
        """Entries that cite the source, in their general text or in a cell."""
        return self._citations.get(source_id, [])

    @cached_property
    def _citations(self) -> dict[str, list[Responsibility]]:
        cited: dict[str, list[Responsibility]] = {}
        for entry in self.responsibilities:
            for source_id in self.sources_of(entry):
                cited.setdefault(source_id, []).append(entry)
        return cited

    def sources_of(self, entry: Responsibility) -> list[str]:
        """Every source the entry cites, its general text first, each once."""
        ids = list(entry.sources)
        for cell in self.cells[entry.id].values():
            for source_id in [*cell.sources, *(s for c in cell.conditions for s in c.sources)]:
                if source_id not in ids:
                    ids.append(source_id)
        return ids

    def owners(self, entry: Responsibility) -> list[str]:
        """The distinct owners of the entry's cells where it applies, in service order."""
        seen: list[str] = []
        for service in self.services:
            owner = self.cells[entry.id][service.id].owner
            if owner != "n/a" and owner not in seen:
                seen.append(owner)
        return seen

    def services_held_by(self, entry: Responsibility, owner: str) -> list[Service]:
        return [s for s in self.services if self.cells[entry.id][s.id].owner == owner]

    def badge(self, entry: Responsibility) -> str | None:
        """The one owner every service agrees on, or None when it varies by service."""
        owners = self.owners(entry)
        return owners[0] if len(owners) == 1 else None

    def risk_on(self, entry: Responsibility, service_id: str) -> Risk:
        """How much leaving the entry undone on the service matters: its cell's risk, else the entry's."""
        return self.cells[entry.id][service_id].risk or entry.risk

    def checklist_key(self, entry: Responsibility, service_id: str) -> tuple[int, int]:
        """A service's checklist order as one sortable key: the rank of its risk in RISKS, then the file's order."""
        return RISKS.index(self.risk_on(entry, service_id)), self._position[entry.id]

    @cached_property
    def _position(self) -> dict[str, int]:
        return {entry.id: n for n, entry in enumerate(self.responsibilities)}

    def reason_on(self, entry: Responsibility, service_id: str) -> str:
        """The one-line reason for a cell: its note, else the owner's part of the general text."""
        cell = self.cells[entry.id][service_id]
        if cell.note:
            return cell.note
        if cell.owner == "aws":
            return entry.aws
        if cell.owner == "customer":
            return entry.customer
        if cell.owner == "shared":
            return f"AWS: {entry.aws} Customer: {entry.customer}"
        return "Does not apply to this service."

    def nist_controls(self, entry: Responsibility) -> list[Control]:
        """The entry's NIST SP 800-53 Rev. 5 controls, as the pinned catalog names them, in the data's order."""
        if entry.nist is None or self.nist is None:
            return []
        return [self.nist.control(label) for label in entry.nist.controls]

    def ids_and_aliases(self) -> dict[str, str]:
        """Map every id and alias to the id of the responsibility it names."""
        names = {r.id: r.id for r in self.responsibilities}
        for r in self.responsibilities:
            names.update({alias: r.id for alias in r.aliases})
        return names
