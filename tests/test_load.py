"""Unit tests of the loader and validator: every bad input fails with file, entry and field."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml

from srg.load import DataError, parse_catalog

NAME = "docs/data/responsibilities.yml"


def minimal() -> dict[str, Any]:
    entry = {
        "id": "guest-os-patching",
        "title": "Guest OS patching",
        "owner": "customer",
        "category": "os",
        "summary": "The customer patches the guest OS.",
        "aws": "Patches the host.",
        "customer": "Patches the guest.",
        "services": {"ec2": "customer", "lambda": {"owner": "aws", "note": "No guest OS."}},
        "related": ["host-os-patching"],
        "search": ["OS", "patch"],
        "sources": ["notes"],
    }
    other = {**copy.deepcopy(entry), "id": "host-os-patching", "owner": "aws", "related": [], "services": "aws"}
    return {
        "sources": [{"id": "notes", "title": "The notes", "url": "https://example.org/notes"}],
        "services": [
            {"id": "ec2", "name": "EC2", "model": "infrastructure"},
            {"id": "lambda", "name": "Lambda", "model": "serverless"},
        ],
        "categories": [{"id": "os", "name": "Operating system"}],
        "glossary": [{"term": "OS", "expansion": "Operating system", "definition": "What runs the machine."}],
        "responsibilities": [entry, other],
    }


def parse(document: Any) -> Any:
    return parse_catalog(yaml.safe_dump(document, sort_keys=False), NAME)


def fails_with(document: Any, *fragments: str) -> str:
    with pytest.raises(DataError) as caught:
        parse(document)
    message = str(caught.value)
    assert message.startswith(NAME), message
    for fragment in fragments:
        assert fragment in message, message
    return message


def test_minimal_file_loads_into_typed_objects() -> None:
    catalog = parse(minimal())
    assert [r.id for r in catalog.responsibilities] == ["guest-os-patching", "host-os-patching"]
    entry = catalog.responsibility("guest-os-patching")
    assert entry.services["ec2"].owner == "customer"
    assert entry.services["lambda"].note == "No guest OS."
    assert entry.reason_on("ec2") == "Patches the guest."
    assert entry.reason_on("lambda") == "No guest OS."
    host = catalog.responsibility("host-os-patching")
    assert {cell.owner for cell in host.services.values()} == {"aws"}
    assert entry.search == ("OS", "patch")


def test_the_real_data_file_loads(data_text: str) -> None:
    catalog = parse_catalog(data_text, NAME)
    assert len(catalog.responsibilities) >= 20
    for entry in catalog.responsibilities:
        assert set(entry.services) == {s.id for s in catalog.services}


def test_empty_file() -> None:
    with pytest.raises(DataError, match=r"^docs/data/responsibilities.yml: the data file is empty$"):
        parse_catalog("  \n# only a comment\n", NAME)


def test_yaml_syntax_error_names_the_line() -> None:
    text = "sources:\n  - id: notes\n    title: [unclosed\nservices: []\n"
    with pytest.raises(DataError) as caught:
        parse_catalog(text, NAME)
    assert str(caught.value).startswith(f"{NAME}:4: YAML syntax error")


def test_duplicate_yaml_key_is_refused_not_silently_merged() -> None:
    text = yaml.safe_dump(minimal(), sort_keys=False).replace(
        "  owner: customer\n", "  owner: customer\n  owner: aws\n", 1
    )
    with pytest.raises(DataError, match=r"responsibilities.yml:\d+: YAML syntax error: duplicate key 'owner'"):
        parse_catalog(text, NAME)


def test_missing_field() -> None:
    document = minimal()
    del document["responsibilities"][0]["owner"]
    fails_with(document, "entry 'guest-os-patching'", "missing field 'owner'")


def test_unknown_field() -> None:
    document = minimal()
    document["responsibilities"][0]["owners"] = "aws"
    fails_with(document, "entry 'guest-os-patching'", "unknown field 'owners'")


def test_unknown_owner_shows_the_value_given() -> None:
    document = minimal()
    document["responsibilities"][1]["owner"] = "AWS "
    fails_with(document, "entry 'host-os-patching': field 'owner' must be one of aws, customer, shared (got 'AWS ')")


def test_unknown_service() -> None:
    document = minimal()
    document["responsibilities"][0]["services"]["ec3"] = "aws"
    fails_with(document, "entry 'guest-os-patching'", "field 'services': unknown service 'ec3'")


def test_missing_service() -> None:
    document = minimal()
    del document["responsibilities"][0]["services"]["lambda"]
    fails_with(document, "entry 'guest-os-patching'", "field 'services': missing service lambda")


def test_unknown_service_owner() -> None:
    document = minimal()
    document["responsibilities"][0]["services"]["lambda"]["owner"] = "amazon"
    fails_with(document, "entry 'guest-os-patching'", "field 'services.lambda.owner' must be one of")


def test_duplicate_id() -> None:
    document = minimal()
    document["responsibilities"][1]["id"] = "guest-os-patching"
    fails_with(document, "entry 'guest-os-patching'", "field 'id': duplicate id 'guest-os-patching'")


def test_unknown_related_id() -> None:
    document = minimal()
    document["responsibilities"][0]["related"] = ["no-such-thing"]
    fails_with(document, "entry 'guest-os-patching'", "field 'related': unknown responsibility id 'no-such-thing'")


def test_related_to_itself() -> None:
    document = minimal()
    document["responsibilities"][0]["related"] = ["guest-os-patching"]
    fails_with(document, "entry 'guest-os-patching'", "field 'related' lists the entry itself")


def test_unknown_category_and_source() -> None:
    document = minimal()
    document["responsibilities"][0]["category"] = "kitchen"
    fails_with(document, "entry 'guest-os-patching'", "field 'category': unknown category 'kitchen'")
    document = minimal()
    document["responsibilities"][0]["sources"] = ["rumour"]
    fails_with(document, "entry 'guest-os-patching'", "field 'sources': unknown source 'rumour'")


def test_id_must_be_a_stable_slug() -> None:
    document = minimal()
    document["responsibilities"][0]["id"] = "Guest OS"
    fails_with(document, "entry 'Guest OS'", "field 'id' must be lowercase words joined by hyphens")


def test_alias_may_not_shadow_an_id() -> None:
    document = minimal()
    document["responsibilities"][0]["aliases"] = ["host-os-patching"]
    fails_with(document, "entry 'guest-os-patching'", "field 'aliases': 'host-os-patching' is already used")


@pytest.mark.parametrize("bad", ["\u202egnihctap", "tab\tinside", "bell\x07", "new\nline"])
def test_control_and_bidi_characters_are_refused(bad: str) -> None:
    document = minimal()
    document["responsibilities"][0]["title"] = bad
    fails_with(document, "entry 'guest-os-patching'", "field 'title' contains the control character U+")


def test_empty_text_and_wrong_types() -> None:
    document = minimal()
    document["responsibilities"][0]["summary"] = "   "
    fails_with(document, "entry 'guest-os-patching'", "field 'summary' must be non-empty text")
    document = minimal()
    document["responsibilities"][0]["search"] = "OS"
    fails_with(document, "entry 'guest-os-patching'", "field 'search' must be a non-empty list")
    document = minimal()
    document["responsibilities"] = {}
    fails_with(document, "field 'responsibilities' must be a non-empty list")


def test_entry_without_id_is_named_by_position() -> None:
    document = minimal()
    del document["responsibilities"][1]["id"]
    fails_with(document, "entry #2", "missing field 'id'")


def test_source_url_must_be_https() -> None:
    document = minimal()
    document["sources"][0]["url"] = "javascript:alert(1)"
    fails_with(document, "sources item 'notes'", "field 'url' must be an https:// address")


def test_error_names_the_line_of_the_entry() -> None:
    document = minimal()
    document["responsibilities"][1]["owner"] = "nobody"
    text = yaml.safe_dump(document, sort_keys=False)
    line = text.splitlines().index("- id: host-os-patching") + 1
    with pytest.raises(DataError, match=rf"^{NAME}:{line}: entry 'host-os-patching'"):
        parse_catalog(text, NAME)


@pytest.mark.parametrize("bad", ["zero\u200bwidth", "soft\u00adhyphen", "bom\ufeff"])
def test_invisible_characters_are_refused(bad: str) -> None:
    document = minimal()
    document["responsibilities"][0]["summary"] = bad
    fails_with(document, "entry 'guest-os-patching'", "field 'summary'", "control character")


def test_glossary_loads_with_an_anchor_per_term() -> None:
    catalog = parse(minimal())
    assert [(t.term, t.expansion, t.anchor) for t in catalog.glossary] == [("OS", "Operating system", "term-os")]


@pytest.mark.parametrize(
    ("term", "fragment"),
    [
        ({"term": "two words", "expansion": "x"}, "field 'term' must be one word"),
        ({"term": "OS", "expansion": "again"}, "'OS' is already defined"),
        ({"term": "os", "expansion": "same, other case"}, "'os' is already defined"),
        ({"term": "KMS"}, "missing field 'expansion'"),
        ({"term": "KMS", "expansion": "x", "tooltip": "y"}, "unknown field 'tooltip'"),
        ({"term": "KMS", "expansion": ""}, "field 'expansion' must be non-empty text"),
    ],
)
def test_bad_glossary_items_are_named(term: dict, fragment: str) -> None:
    document = minimal()
    document["glossary"].append(term)
    fails_with(document, "glossary item", fragment)


def test_glossary_is_required() -> None:
    document = minimal()
    document.pop("glossary")
    fails_with(document, "top level", "missing field 'glossary'")


def test_question_reads_on_from_the_service_and_falls_back_to_the_title() -> None:
    document = minimal()
    document["responsibilities"][0]["question"] = "who patches the guest OS?"
    catalog = parse(document)
    assert catalog.responsibility("guest-os-patching").ask() == "who patches the guest OS?"
    assert catalog.responsibility("host-os-patching").ask() == "who is responsible for guest OS patching?"


@pytest.mark.parametrize("bad", ["Who patches the guest OS?", "who patches the guest OS", ""])
def test_question_must_read_on_and_end_with_a_question_mark(bad: str) -> None:
    document = minimal()
    document["responsibilities"][0]["question"] = bad
    fails_with(document, "entry 'guest-os-patching'", "field 'question'")


def test_a_mapping_used_as_a_key_is_a_clear_error_not_a_crash() -> None:
    text = "sources:\n  - {{id: x}: 1}\n"
    with pytest.raises(
        DataError, match=r"^docs/data/responsibilities.yml:2: YAML syntax error: a key must be plain text"
    ):
        parse_catalog(text, NAME)
