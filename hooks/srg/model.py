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

from .nist import Control as NistControl
from .nist import NistCatalog
from .securityhub import EMPTY_CATALOG, SEVERITIES, Control, SecurityHubCatalog

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
    "abstracted": "fully managed",
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
# A Security Hub control id ('RDS.3', 'SecretsManager.1'), a service as Security Hub's catalog names it in
# EvaluatedServices ('EC2', 'Secrets Manager'), an AWS Config rule name, a control of NIST SP 800-53 Rev. 5 as
# NIST writes it ('AC-2', 'AC-2(1)').
CONTROL_ID_PATTERN = rf"^[A-Za-z][A-Za-z0-9]*\.[1-9][0-9]*{END}"
EVALUATED_SERVICE_PATTERN = rf"^[A-Za-z0-9](?:[A-Za-z0-9 ]*[A-Za-z0-9])?{END}"
CONFIG_RULE_PATTERN = rf"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?{END}"
NIST_LABEL_PATTERN = rf"^[A-Z]{{2}}-\d+(?:\(\d+\))?{END}"
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
ControlId = Annotated[str, Strict(), StringConstraints(pattern=CONTROL_ID_PATTERN)]
EvaluatedService = Annotated[str, Strict(), StringConstraints(pattern=EVALUATED_SERVICE_PATTERN)]
ConfigRule = Annotated[str, Strict(), StringConstraints(pattern=CONFIG_RULE_PATTERN)]
NistLabel = Annotated[str, Strict(), StringConstraints(pattern=NIST_LABEL_PATTERN)]


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
    evaluated_as: EvaluatedService = Field(
        None,
        description="The service as Security Hub's catalog names it in EvaluatedServices ('EC2', 'ECS', 'RDS'): "
        "controls that evaluate it may check this service's cells",
    )
    also_evaluated_as: Annotated[list[EvaluatedService], Unique, _unique("Services as Security Hub names them")] = (
        Field(
            [],
            description="Other names Security Hub's catalog gives resources of this same service (Redshift Serverless "
            "workgroups of Amazon Redshift): their controls may check this service's cells too",
        )
    )
    runs_on: Annotated[list[EvaluatedService], Unique, _unique("Services as Security Hub names them")] = Field(
        [],
        description="The services, as Security Hub names them, whose resources this service's workloads run on "
        "(ECS on EC2 runs on EC2): their controls may check this service's cells too",
    )

    default_setup: DefaultSetup = Field(
        description="The service's default setup, stated once: a cell's owner is who does the work in it; other "
        "setups are the cell's conditions, each with its own owner"
    )

    @property
    def evaluated_names(self) -> list[str]:
        """Every name Security Hub's catalog gives this service: its evaluated_as, then also_evaluated_as."""
        return ([self.evaluated_as] if self.evaluated_as else []) + list(self.also_evaluated_as)

    @property
    def kind_label(self) -> str:
        """The kind in a reader's words: 'fully managed' for 'abstracted'."""
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
    checks: Annotated[list[ControlId], Unique, _unique("Security Hub control ids")] = Field(
        [],
        description="The Security Hub controls that check the customer's part here ('RDS.3'); each evaluates this "
        "service, one it runs on, or an account-wide service",
    )


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
    checks: Annotated[list[ControlId], Unique, _unique("Security Hub control ids")] = Field(
        [],
        description="The Security Hub controls that check the customer's part here ('RDS.3'); each evaluates this "
        "service, one it runs on, or an account-wide service",
    )
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

    @cached_property
    def answer_key(self) -> tuple[Any, ...]:
        """The cell's answer without its Security Hub checks: services whose answers agree share a question."""
        return _hashable(self.model_dump(exclude={"checks": True, "conditions": {"__all__": {"checks"}}}))


def _hashable(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple((name, _hashable(item)) for name, item in value.items())
    if isinstance(value, list):
        return tuple(_hashable(item) for item in value)
    return value


def nist_order(nist_id: str) -> tuple[str, int, int]:
    """'AC-2(1)' -> ('AC', 2, 1): the order of NIST's catalog, family, control, enhancement."""
    family, _, rest = nist_id.partition("-")
    number, _, enhancement = rest.rstrip(")").partition("(")
    return family, int(number), int(enhancement or 0)


def lower_first(text: str) -> str:
    """Text to read on in a sentence: 'Guest OS patching' -> 'guest OS patching'; 'OS patching' stays."""
    return text[0].lower() + text[1:] if text[1:2].islower() else text


def _cell_form(value: Any) -> str:
    return "as-cell" if isinstance(value, dict) else "as-owner"


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

    def ask(self) -> str:
        """The self-check question about this entry, without the service: 'who patches the guest OS?'."""
        return self.question or f"who is responsible for {lower_first(self.title)}?"


class CommonQuestion(_Strict):
    """A question people ask, answered by one entry (on one service, if named): a link on the home page."""

    question: Text
    answer: Id = Field(description="The id of the entry that answers it")
    service: Id = Field(None, description="The service the question is about, if one")


class ControlReading(_Strict):
    """A Security Hub control some cell cites, as read on its page of the Security Hub user guide."""

    id: ControlId
    read: CheckedDate = Field(description="The day the control was read against its section of the user guide")
    nist: Annotated[list[NistLabel], Unique, _unique("Controls of NIST SP 800-53 Rev. 5 ('AC-2(1)')")] = Field(
        [],
        description="The NIST SP 800-53 Rev. 5 controls the user guide lists among the control's related "
        "requirements, as NIST writes them, each a label of NIST's catalog (docs/data/nist-800-53/); the NIST ids "
        "of a responsibility are those of the controls its cells cite",
    )
    nist_source: Id = Field(
        None, description="Required with `nist`: the id of the source (under `sources:`) where they were read"
    )
    config_rule: ConfigRule = Field(
        None, description="The AWS Config rule the user guide names, where the catalog names another"
    )
    note: Text = Field(
        None,
        description="What a result means, where the control's statement alone would mislead a reader (it fails a "
        "safe default, it evaluates more than the cell's resources); shown under every citation",
    )
    sources: Annotated[list[Id], Unique, _unique("Source ids")] = Field(
        [], description="Required with a note: the AWS pages that say it (ids from `sources:`)"
    )


class LeftOutCheck(_Strict):
    """A control of one of the guide's services that no cell cites, and why."""

    id: ControlId
    reason: Text


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
    account_wide_services: Annotated[
        list[EvaluatedService], Unique, _unique("Services as Security Hub's catalog names them")
    ] = Field(
        [],
        description="Services outside the guide's whose controls may check a cell of any service: identity, keys, "
        "logging, threat detection, scanning, backup, secrets (as Security Hub names them: 'IAM', 'KMS')",
    )
    controls: list[ControlReading] = Field(
        [], description="Every Security Hub control a cell cites, as read on its page of the Security Hub user guide"
    )
    left_out_checks: list[LeftOutCheck] = Field(
        [],
        description="Controls of the guide's services (their own, those they run on, the account-wide ones) that no "
        "cell cites, each with the reason",
    )


# -- the validated catalog: the data file with every cell resolved ----------------------------


@dataclass(frozen=True)
class NistReading:
    """A responsibility's NIST SP 800-53 Rev. 5 controls, derived from the `nist` of the checks its cells cite."""

    controls: list[NistControl]
    securityhub: list[str]  # the cited Security Hub controls whose related requirements list them
    sources: list[str]  # the source ids where those were read
    read: datetime.date  # the last day one of them was read


@dataclass(frozen=True)
class Catalog:
    """Everything the data file holds, validated, cross-referenced and with every service cell resolved."""

    path: str
    data: DataFile
    cells: dict[str, dict[str, Cell]] = field(repr=False)
    security_hub: SecurityHubCatalog = field(default=EMPTY_CATALOG, repr=False)
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

    def severity_key(self, entry: Responsibility, service_id: str) -> tuple[int, int, int]:
        """A service's checklist order: the most severe Security Hub check cited on the cell itself, for the
        default setup (Critical first, a cell with none last), then `checklist_key` among equals."""
        controls = self.checks(self.cells[entry.id][service_id])
        top = controls[0].severity_rank if controls else len(SEVERITIES)
        return (top, *self.checklist_key(entry, service_id))

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

    # -- Security Hub checks ----------------------------------------------------------------------

    def checks(self, holder: Cell | Condition) -> list[Control]:
        """The controls a cell or condition cites, the highest severity first (as listed where equal)."""
        controls = [self.security_hub.control(control_id) for control_id in holder.checks]
        return sorted(controls, key=lambda control: control.severity_rank)

    def reading(self, control_id: str) -> ControlReading:
        """How a cited control was read against the user guide: the day, its NIST ids, the Config rule it names."""
        return self._readings[control_id]

    @cached_property
    def _readings(self) -> dict[str, ControlReading]:
        return {reading.id: reading for reading in self.data.controls}

    def config_rule(self, control: Control) -> str:
        """The AWS Config rule of a control: the user guide's where it differs from the catalog's."""
        reading = self._readings.get(control.id)
        return reading.config_rule if reading and reading.config_rule else control.config_rule

    @staticmethod
    def check_ids(cell: Cell) -> list[str]:
        """Every control id a cell cites, its conditions' included, each once."""
        return list(dict.fromkeys([*cell.checks, *(c for condition in cell.conditions for c in condition.checks)]))

    def check_words(self, cell: Cell) -> list[str]:
        """What a search for the cell's checks types: each id and AWS Config rule, lowercase, its conditions' too."""
        words: list[str] = []
        for control_id in self.check_ids(cell):
            control = self.security_hub.control(control_id)
            words += [control_id.lower(), self.config_rule(control), control.config_rule]
        return list(dict.fromkeys(words))

    def checks_of(self, entry: Responsibility, service_id: str) -> list[str]:
        """Every control id cited on the entry's cell for a service, its conditions' included, each once."""
        return self.check_ids(self.cells[entry.id][service_id])

    @cached_property
    def check_homes(self) -> dict[str, tuple[str, str]]:
        """Each cited control's first citation, (entry id, service id), in the file's and the services' order.

        The search result for the control lands there (`Control.anchor`).
        """
        homes: dict[str, tuple[str, str]] = {}
        for entry in self.responsibilities:
            for service in self.services:
                for control_id in self.checks_of(entry, service.id):
                    homes.setdefault(control_id, (entry.id, service.id))
        return homes

    @cached_property
    def check_homes_by_entry(self) -> dict[str, dict[str, str]]:
        """`check_homes` by entry: each entry's controls first cited in it, with the service citing them."""
        by_entry: dict[str, dict[str, str]] = {}
        for control_id, (entry_id, service_id) in self.check_homes.items():
            by_entry.setdefault(entry_id, {})[control_id] = service_id
        return by_entry

    def checked_services(self, entry: Responsibility) -> list[Service]:
        """The services on which some control checks the customer's part of the entry."""
        return [s for s in self.services if self.checks_of(entry, s.id)]

    def cited_checks(self, entry: Responsibility) -> list[str]:
        """Every control id the entry cites on any service, in service order, each once."""
        ids: list[str] = []
        for service in self.services:
            ids += [c for c in self.checks_of(entry, service.id) if c not in ids]
        return ids

    def nist_reading(self, entry: Responsibility, service_id: str | None = None) -> NistReading | None:
        """The entry's NIST SP 800-53 Rev. 5 controls: those of the checks its cells cite (on one service, if named),
        each once, in NIST's order.

        None where no such check has NIST ids recorded, or without a NIST catalog to name them.
        """
        cited = self.checks_of(entry, service_id) if service_id else self.cited_checks(entry)
        readings = [self.reading(c) for c in cited if self.reading(c).nist]
        if not readings or self.nist is None:
            return None
        labels = sorted({label for reading in readings for label in reading.nist}, key=nist_order)
        return NistReading(
            controls=[self.nist.control(label) for label in labels],
            securityhub=[reading.id for reading in readings],
            sources=list(dict.fromkeys(reading.nist_source for reading in readings if reading.nist_source)),
            read=max(reading.read for reading in readings),
        )

    def ids_and_aliases(self) -> dict[str, str]:
        """Map every id and alias to the id of the responsibility it names."""
        names = {r.id: r.id for r in self.responsibilities}
        for r in self.responsibilities:
            names.update({alias: r.id for alias in r.aliases})
        return names
