"""Read and validate the responsibilities data file, once, into a Catalog."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from .model import (
    CELL_OWNERS,
    OWNERS,
    Catalog,
    Category,
    Responsibility,
    Service,
    ServiceCell,
    Source,
    Term,
)

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
URL_PATTERN = re.compile(r"^https://[^\s<>\"']+$")
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")
# Invisible characters (zero-width space, word joiner, byte order mark, soft
# hyphen): text with them looks the same as text without, so a search would
# silently fail to match. Refused like control characters. The zero-width
# joiners that emoji and some scripts need are allowed.
INVISIBLE = frozenset("\u200b\u2060\ufeff\u00ad")
TERM_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9]*$")
MAX_TEXT = 400

TOP_FIELDS = {"sources", "services", "categories", "glossary", "responsibilities"}
SOURCE_FIELDS = {"id": True, "title": True, "url": False}
SERVICE_FIELDS = {"id": True, "name": True, "model": True}
CATEGORY_FIELDS = {"id": True, "name": True}
ENTRY_FIELDS = {
    "id": True,
    "title": True,
    "owner": True,
    "category": True,
    "summary": True,
    "aws": True,
    "customer": True,
    "services": True,
    "related": True,
    "search": True,
    "sources": True,
    "aliases": False,
    "question": False,
}
TERM_FIELDS = {"term": True, "expansion": True, "definition": False}
CELL_FIELDS = {"owner": True, "note": False}


class DataError(ValueError):
    """The data file is not valid; the message names file, entry and field."""


class LineDict(dict):
    """A mapping that remembers the line it started on in the YAML file."""

    line: int = 0


# The C parser when PyYAML has it (several times faster), else the Python one.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SafeLoader):
    """Safe loader that records lines and refuses duplicate keys."""


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    mapping = LineDict()
    mapping.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            raise yaml.constructor.ConstructorError(
                None, None, f"a key must be plain text, not {type(key).__name__}", key_node.start_mark
            )
        if key in mapping:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        mapping[key] = loader.construct_object(value_node, deep=True)
    return mapping


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_catalog(path: Path, display_name: str | None = None) -> Catalog:
    """Load `path`, validate every field and return the Catalog, or raise DataError."""
    name = display_name or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise DataError(f"{name}: cannot read the data file: {error}") from error
    return parse_catalog(text, name)


def parse_catalog(text: str, name: str) -> Catalog:
    """Parse YAML `text` (named `name` in messages) into a validated Catalog."""
    try:
        document = yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = f":{mark.line + 1}" if mark else ""
        problem = error.problem or error.context or "invalid YAML"
        raise DataError(f"{name}{line}: YAML syntax error: {problem}") from error
    except yaml.YAMLError as error:
        raise DataError(f"{name}: YAML syntax error: {error}") from error
    if document is None:
        raise DataError(f"{name}: the data file is empty")
    return _Validator(name).catalog(document)


class _Validator:
    def __init__(self, name: str) -> None:
        self.name = name

    def fail(self, where: str, message: str, line: int = 0) -> DataError:
        at = f":{line}" if line else ""
        return DataError(f"{self.name}{at}: {where}: {message}")

    # -- top level -------------------------------------------------------------

    def catalog(self, document: Any) -> Catalog:
        if not isinstance(document, dict):
            raise self.fail("top level", f"must be a mapping with {', '.join(sorted(TOP_FIELDS))}")
        self.check_fields(document, dict.fromkeys(TOP_FIELDS, True), "top level")
        sources = self.items(document, "sources", SOURCE_FIELDS, self.source)
        services = self.items(document, "services", SERVICE_FIELDS, self.service)
        categories = self.items(document, "categories", CATEGORY_FIELDS, self.category)
        self.services = [s.id for s in services]
        self.categories = {c.id for c in categories}
        self.sources = {s.id for s in sources}
        glossary = self.glossary(document)
        entries = self.items(document, "responsibilities", ENTRY_FIELDS, self.responsibility)
        self.check_names_unique(document["responsibilities"], entries)
        self.check_related(document["responsibilities"], entries)
        return Catalog(self.name, tuple(sources), tuple(services), tuple(categories), tuple(entries), tuple(glossary))

    def items(
        self,
        document: dict,
        key: str,
        fields: dict[str, bool],
        build: Callable[[dict, str], Any],
    ) -> list:
        raw = document[key]
        if not isinstance(raw, list) or not raw:
            raise self.fail("top level", f"field '{key}' must be a non-empty list", getattr(document, "line", 0))
        built, seen = [], set()
        for index, item in enumerate(raw, start=1):
            where = self.where(key, index, item)
            if not isinstance(item, dict):
                raise self.fail(where, f"must be a mapping with fields {', '.join(fields)}")
            self.check_fields(item, fields, where)
            item_id = self.identifier(item, "id", where)
            if item_id in seen:
                raise self.fail(where, f"field 'id': duplicate id '{item_id}'", item.line)
            seen.add(item_id)
            built.append(build(item, where))
        return built

    @staticmethod
    def where(key: str, index: int, item: Any) -> str:
        kind = "entry" if key == "responsibilities" else f"{key} item"
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            return f"{kind} '{item['id']}'"
        return f"{kind} #{index}"

    def check_fields(self, item: dict, fields: dict[str, bool], where: str) -> None:
        line = getattr(item, "line", 0)
        for key in item:
            if key not in fields:
                known = ", ".join(fields)
                raise self.fail(where, f"unknown field '{key}' (known fields: {known})", line)
        for key, required in fields.items():
            if required and key not in item:
                raise self.fail(where, f"missing field '{key}'", line)

    def glossary(self, document: dict) -> list[Term]:
        raw = document["glossary"]
        if not isinstance(raw, list) or not raw:
            raise self.fail("top level", "field 'glossary' must be a non-empty list", getattr(document, "line", 0))
        terms: dict[str, Term] = {}
        for index, item in enumerate(raw, start=1):
            named = isinstance(item, dict) and isinstance(item.get("term"), str)
            where = f"glossary item '{item['term']}'" if named else f"glossary item #{index}"
            if not isinstance(item, dict):
                raise self.fail(where, f"must be a mapping with fields {', '.join(TERM_FIELDS)}")
            self.check_fields(item, TERM_FIELDS, where)
            term = item["term"]
            if not isinstance(term, str) or not TERM_PATTERN.match(term):
                raise self.fail(where, f"field 'term' must be one word of letters and digits (got {term!r})", item.line)
            if term.lower() in terms:
                raise self.fail(where, f"field 'term': '{term}' is already defined", item.line)
            definition = self.text(item, "definition", where) if "definition" in item else None
            terms[term.lower()] = Term(term, self.text(item, "expansion", where), definition)
        return list(terms.values())

    # -- items -----------------------------------------------------------------

    def source(self, item: dict, where: str) -> Source:
        url = item.get("url")
        if url is not None and (not isinstance(url, str) or not URL_PATTERN.match(url)):
            raise self.fail(where, f"field 'url' must be an https:// address (got {url!r})", item.line)
        return Source(item["id"], self.text(item, "title", where), url)

    def service(self, item: dict, where: str) -> Service:
        return Service(item["id"], self.text(item, "name", where), self.identifier(item, "model", where))

    def category(self, item: dict, where: str) -> Category:
        return Category(item["id"], self.text(item, "name", where))

    def responsibility(self, item: dict, where: str) -> Responsibility:
        owner = self.choice(item, "owner", OWNERS, where)
        category = self.reference(item, "category", self.categories, "category", where)
        return Responsibility(
            id=item["id"],
            title=self.text(item, "title", where),
            owner=owner,
            category=category,
            summary=self.text(item, "summary", where),
            aws=self.text(item, "aws", where),
            customer=self.text(item, "customer", where),
            services=self.cells(item, where),
            related=self.id_list(item, "related", where, allow_empty=True),
            search=self.text_list(item, "search", where),
            sources=self.references(item, "sources", self.sources, "source", where),
            aliases=self.id_list(item, "aliases", where, allow_empty=True) if "aliases" in item else (),
            question=self.question(item, where) if "question" in item else None,
        )

    def question(self, item: dict, where: str) -> str:
        value = self.text(item, "question", where)
        if not value.endswith("?") or (value[:1].isupper() and value[1:2].islower()):
            raise self.fail(
                where,
                f"field 'question' must read on from 'On EC2, …' and end with '?', like 'who patches the guest OS?' "
                f"(got {value!r})",
                item.line,
            )
        return value

    def cells(self, item: dict, where: str) -> dict[str, ServiceCell]:
        raw = item["services"]
        if isinstance(raw, str):
            owner = self.choice(item, "services", CELL_OWNERS, where)
            return {service: ServiceCell(owner, None) for service in self.services}
        if not isinstance(raw, dict):
            raise self.fail(
                where,
                "field 'services' must be one owner for every service or a mapping of service ids",
                item.line,
            )
        for service in raw:
            if service not in self.services:
                raise self.fail(
                    where,
                    f"field 'services': unknown service '{service}' (known: {', '.join(self.services)})",
                    getattr(raw, "line", item.line),
                )
        missing = [s for s in self.services if s not in raw]
        if missing:
            raise self.fail(
                where, f"field 'services': missing service {', '.join(missing)}", getattr(raw, "line", item.line)
            )
        return {service: self.cell(raw[service], f"services.{service}", where, item) for service in self.services}

    def cell(self, raw: Any, field: str, where: str, item: dict) -> ServiceCell:
        if isinstance(raw, str):
            return ServiceCell(self.choice({field: raw}, field, CELL_OWNERS, where, item.line), None)
        if not isinstance(raw, dict):
            raise self.fail(where, f"field '{field}' must be an owner or a mapping with owner and note", item.line)
        self.check_fields(raw, CELL_FIELDS, f"{where}: field '{field}'")
        owner = self.choice(raw, "owner", CELL_OWNERS, where, raw.line, prefix=f"{field}.")
        note = self.text(raw, "note", where, prefix=f"{field}.") if "note" in raw else None
        return ServiceCell(owner, note)

    # -- fields ----------------------------------------------------------------

    def text(self, item: dict, key: str, where: str, prefix: str = "") -> str:
        value = item[key]
        field = f"field '{prefix}{key}'"
        line = getattr(item, "line", 0)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, f"{field} must be non-empty text (got {value!r})", line)
        value = value.strip()
        if len(value) > MAX_TEXT:
            raise self.fail(where, f"{field} is {len(value)} characters long; the limit is {MAX_TEXT}", line)
        for char in value:
            if char in BIDI_CONTROLS or char in INVISIBLE or unicodedata.category(char) == "Cc":
                code = f"U+{ord(char):04X}"
                raise self.fail(where, f"{field} contains the control character {code}; write plain text", line)
        return value

    def identifier(self, item: dict, key: str, where: str) -> str:
        value = item[key]
        if not isinstance(value, str) or not ID_PATTERN.match(value):
            raise self.fail(
                where,
                f"field '{key}' must be lowercase words joined by hyphens, like 'guest-os-patching' (got {value!r})",
                getattr(item, "line", 0),
            )
        return value

    def choice(
        self, item: dict, key: str, allowed: tuple[str, ...], where: str, line: int = 0, prefix: str = ""
    ) -> Any:
        value = item[key]
        if value not in allowed:
            line = line or getattr(item, "line", 0)
            raise self.fail(where, f"field '{prefix}{key}' must be one of {', '.join(allowed)} (got {value!r})", line)
        return value

    def reference(self, item: dict, key: str, known: set[str], kind: str, where: str) -> str:
        value = item[key]
        if value not in known:
            raise self.fail(
                where, f"field '{key}': unknown {kind} {value!r} (known: {', '.join(sorted(known))})", item.line
            )
        return value

    def raw_list(self, item: dict, key: str, where: str, allow_empty: bool) -> list:
        value = item[key]
        if not isinstance(value, list) or (not value and not allow_empty):
            need = "a list" if allow_empty else "a non-empty list"
            raise self.fail(where, f"field '{key}' must be {need} (got {value!r})", item.line)
        return value

    def text_list(self, item: dict, key: str, where: str) -> tuple[str, ...]:
        values = self.raw_list(item, key, where, allow_empty=False)
        return tuple(self.text({key: v}, key, where) for v in values)

    def id_list(self, item: dict, key: str, where: str, allow_empty: bool) -> tuple[str, ...]:
        values = self.raw_list(item, key, where, allow_empty)
        return tuple(self.identifier(LineDict({key: v}), key, where) for v in values)

    def references(self, item: dict, key: str, known: set[str], kind: str, where: str) -> tuple[str, ...]:
        values = self.raw_list(item, key, where, allow_empty=False)
        for value in values:
            if value not in known:
                raise self.fail(
                    where, f"field '{key}': unknown {kind} {value!r} (known: {', '.join(sorted(known))})", item.line
                )
        return tuple(values)

    # -- across entries ----------------------------------------------------------

    def check_names_unique(self, raw: list[dict], entries: list[Responsibility]) -> None:
        taken = {e.id: e.id for e in entries}
        for item, entry in zip(raw, entries, strict=True):
            for alias in entry.aliases:
                if alias in taken:
                    raise self.fail(
                        f"entry '{entry.id}'",
                        f"field 'aliases': '{alias}' is already used by '{taken[alias]}'",
                        item.line,
                    )
                taken[alias] = entry.id

    def check_related(self, raw: list[dict], entries: list[Responsibility]) -> None:
        ids = {e.id for e in entries}
        for item, entry in zip(raw, entries, strict=True):
            for related in entry.related:
                if related == entry.id:
                    raise self.fail(f"entry '{entry.id}'", "field 'related' lists the entry itself", item.line)
                if related not in ids:
                    raise self.fail(
                        f"entry '{entry.id}'", f"field 'related': unknown responsibility id '{related}'", item.line
                    )
