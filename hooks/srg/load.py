"""Load the data file: YAML, then the typed model, then the cross-reference checks; no MkDocs imports.

Every error is one sentence naming the file, the line of the offending field
or list item, the entry and the field, e.g.
`docs/data/responsibilities.yml:97: entry 'application-data': field 'rule'
must be one of aws, customer, shared (got 'AWS ')`.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from . import check_refs, crossref, securityhub
from .errors import DataError
from .model import (
    ANSWER_PATTERN,
    CONFIG_RULE_PATTERN,
    CONTROL_ID_PATTERN,
    EVALUATED_SERVICE_PATTERN,
    HIDDEN_CHARS,
    ID_PATTERN,
    MAX_ANSWER_WORDS,
    NIST_LABEL_PATTERN,
    QUESTION_PATTERN,
    TERM_PATTERN,
    TEXT_PATTERN,
    URL_PATTERN,
    Catalog,
    DataFile,
    answer_problems,
)
from .nist import NIST_DIR, NistCatalog, load_nist, nist_label, pinned
from .securityhub import SecurityHubCatalog
from .yaml_lines import KeyProblem, parse_yaml
from .yaml_lines import Path as DocPath

# What each pattern of the model means, in the words of an error message.
PATTERN_MEANINGS = {
    TEXT_PATTERN: "must be one line of plain text, with no space at either end",
    ID_PATTERN: "must be lowercase words joined by hyphens, like 'guest-os-patching'",
    URL_PATTERN: "must be an https:// address",
    TERM_PATTERN: "must be a word, or words joined by spaces or hyphens, of letters and digits, like 'IAM' or "
    "'control plane'",
    QUESTION_PATTERN: "must read on from 'On Amazon EC2, …' (start lowercase) and end with '?', "
    "like 'who patches the guest OS?'",
    CONTROL_ID_PATTERN: "must be a Security Hub control id, like 'RDS.3'",
    EVALUATED_SERVICE_PATTERN: "must be a service as Security Hub's catalog names it, like 'EC2' or 'Secrets Manager'",
    CONFIG_RULE_PATTERN: "must be an AWS Config rule name, like 'rds-storage-encrypted'",
    NIST_LABEL_PATTERN: "must be a control of NIST SP 800-53 Rev. 5 written as NIST does, like 'AC-2' or 'AC-2(1)'",
}
# Lists whose items are named by a field of theirs in messages.
ITEM_NAMES = {
    "responsibilities": ("entry", "id"),
    "sources": ("source", "id"),
    "services": ("service", "id"),
    "categories": ("category", "id"),
    "layers": ("layer", "id"),
    "glossary": ("glossary term", "term"),
    "questions": ("question", "question"),
    "controls": ("control", "id"),
    "left_out_checks": ("left-out control", "id"),
}
# The names of the model's union branches, which pydantic puts in an error's path.
_TAGS = {"as-owner", "as-cell", "for-every-service", "by-key"}


# The Security Hub catalog pinned in this project, for data read without a path of its own.
PROJECT_SECURITY_HUB = Path(__file__).resolve().parents[2] / "docs" / "data" / securityhub.FOLDER


def load_catalog(path: Path, display_name: str | None = None) -> Catalog:
    """Load `path`, validate every field and return the Catalog, or raise DataError.

    The catalogs its checks and NIST ids are checked against are the pinned copies beside it, in
    `security-hub/` and `nist-800-53/`.
    """
    name = display_name or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise DataError(f"{name}: cannot read the data file: {error}") from error
    hub = securityhub.load(securityhub.folder_of(path), str(Path(name).parent / securityhub.FOLDER))
    nist = load_nist(path.parent / NIST_DIR, f"{name.rpartition('/')[0] or '.'}/{NIST_DIR}")
    return parse_catalog(text, name, hub, nist)


def parse_catalog(
    text: str, name: str, security_hub: SecurityHubCatalog | None = None, nist: NistCatalog | None = None
) -> Catalog:
    """Parse YAML `text` (named `name` in messages) into a validated Catalog.

    The checks are validated against `security_hub` and the NIST ids against `nist`, by default the copies
    pinned in this repository.
    """
    hub = security_hub or securityhub.load(PROJECT_SECURITY_HUB, "docs/data/" + securityhub.FOLDER)
    nist = nist or pinned()
    try:
        document, lines = parse_yaml(text, name)
    except KeyProblem as problem:
        raise DataError(_located(name, problem.document, problem.lines, problem.path, str(problem))) from None
    if document is None:
        raise DataError(f"{name}: the data file is empty")
    if not isinstance(document, dict):
        raise DataError(f"{name}:1: top level: must be a mapping of sources, services, categories, glossary, …")
    try:
        data = DataFile.model_validate(document)
    except ValidationError as error:
        raise DataError(_message(name, document, lines, error.errors()[0])) from None
    problem = crossref.first_problem(data) or check_refs.first_problem(data, hub, nist)
    if problem:
        raise DataError(_located(name, document, lines, problem.path, problem.message))
    return Catalog(name, data, crossref.resolve_cells(data), hub, nist)


def _message(name: str, document: Any, lines: dict[DocPath, int], error: Any) -> str:
    path = tuple(part for part in error["loc"] if part not in _TAGS)
    return _located(name, document, lines, path, _explain(error))


def _located(name: str, document: Any, lines: dict[DocPath, int], path: DocPath, message: str) -> str:
    line = _line_of(lines, path)
    where, field = _where(document, path)
    field_text = f"field '{field}' " if field else ""
    at = f":{line}" if line else ""
    return f"{name}{at}: {where}: {field_text}{message}"


def _line_of(lines: dict[DocPath, int], path: DocPath) -> int:
    """The line of `path`, or of its nearest ancestor the file has (a missing field: its entry's line)."""
    for end in range(len(path), 0, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return 1


def _where(document: Any, path: DocPath) -> tuple[str, str]:
    """'entry 'guest-os-patching'' and 'services.rds.owner' for a path into the document."""
    if len(path) < 2 or not isinstance(path[1], int):
        return "top level", ".".join(str(p) for p in path)
    try:
        item = document[path[0]][path[1]]
    except (KeyError, IndexError, TypeError):
        item = None
    if isinstance(item, str):  # an item of a list of names (account_wide_services), not of items with ids
        return "top level", ".".join(str(p) for p in path)
    kind, key = ITEM_NAMES.get(str(path[0]), (str(path[0]), "id"))
    label = item.get(key) if isinstance(item, dict) else None
    who = f"{kind} '{label}'" if isinstance(label, str) else f"{kind} #{path[1] + 1}"
    return who, ".".join(str(p) for p in path[2:])


def _explain(error: Any) -> str:
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx") or {}
    if kind == "missing":
        return "is missing"
    if kind == "extra_forbidden":
        return f"is not a known field (got {value!r})"
    if kind == "literal_error":
        return f"must be one of {ctx['expected'].replace(' or ', ', ').replace(chr(39), '')} (got {value!r})"
    if kind == "string_pattern_mismatch" and ctx["pattern"] == ANSWER_PATTERN and re.match(TEXT_PATTERN, value):
        return _answer_meaning(value)
    if kind == "string_pattern_mismatch":
        pattern = TEXT_PATTERN if ctx["pattern"] == ANSWER_PATTERN else ctx["pattern"]
        return f"{_pattern_meaning(pattern, value)} (got {value!r})"
    if kind == "string_too_long":
        return f"is {len(value)} characters long; the limit is {ctx['max_length']}"
    if kind in {"too_short", "list_type"}:
        return f"must be a non-empty list (got {value!r})" if kind == "too_short" else f"must be a list (got {value!r})"
    if kind in {"string_type", "model_type", "model_attributes_type", "dict_type"}:
        wanted = "text" if kind == "string_type" else "a mapping"
        return f"must be {wanted} (got {value!r})"
    if kind.startswith("date") or kind == "iso_date":
        return f"must be a date like {datetime.date.today().isoformat()} (got {value!r})"
    if kind == "repeated_item":
        return f"{error['msg']}; list each once"
    return f"{error['msg']} (got {value!r})"


def _answer_meaning(value: str) -> str:
    """Why plain text is not an answer, counted: '… (got 2 sentences and 45 words)'."""
    wanted = f"must be one sentence of at most {MAX_ANSWER_WORDS} words, ending with a full stop"
    problems = answer_problems(value)
    got = " and ".join(problems) if problems else repr(value)
    return f"{wanted} (got {got})"


def _pattern_meaning(pattern: str, value: Any) -> str:
    meaning = PATTERN_MEANINGS.get(pattern, f"must match {pattern}")
    if isinstance(value, str):
        hidden = re.search(f"[{HIDDEN_CHARS}]", value)
        if hidden:
            return f"contains the control or invisible character U+{ord(hidden[0]):04X}; write plain text"
        if not value.strip():
            return "must be non-empty text"
        if pattern == NIST_LABEL_PATTERN and nist_label(value):
            return f"{meaning}; NIST writes it {nist_label(value)!r}"
    return meaning
