"""The loader: every bad input is refused with one message naming the file, the line, the entry and the field.

The line is the line of the offending field or list item (a missing field has
none: it is its entry's line). Each case is refused twice to show the message
does not change between runs; a subprocess with other hash seeds shows it does
not change between processes either.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import pytest
import yaml
from helpers import CHECKED, NAME, ROOT, dump, entry, line_of, minimal, parse, refusal

from srg.errors import DataError
from srg.load import parse_catalog
from srg.model import Cell

GUEST = "guest-os-patching"
HOST = "host-os-patching"


def guest(document: dict[str, Any]) -> dict[str, Any]:
    return entry(document, GUEST)


def refused(
    document: dict[str, Any], where: Callable[[str], int], who: str, field: str, *fragments: str
) -> tuple[str, int]:
    """Dump `document`, check the loader refuses it at the line `where` finds, naming `who` and `field`."""
    text = dump(document)
    message = refusal(text)
    line = where(text)
    assert message.startswith(f"{NAME}:{line}: {who}: field '{field}' "), (line, message)
    for fragment in fragments:
        assert fragment in message, message
    return message, line


def in_entry(pattern: str, entry_id: str = GUEST) -> Callable[[str], int]:
    """Find the first line matching `pattern` inside the entry `entry_id`."""
    return lambda text: line_of(text, pattern, after=f"- id: {entry_id}")


# -- what loads -----------------------------------------------------------------------------------


def test_the_small_document_loads_into_typed_objects_with_every_cell_resolved() -> None:
    catalog = parse(minimal())
    assert [r.id for r in catalog.responsibilities] == [GUEST, HOST]
    first = catalog.responsibility(GUEST)
    assert first.checked == CHECKED
    assert first.search == ["OS", "patch"]
    assert catalog.cell(first, "ec2") == Cell(owner="customer")
    assert catalog.cell(first, "lambda").note == "No guest OS to patch."
    assert catalog.reason_on(first, "ec2") == "Patches the guest."
    assert catalog.reason_on(first, "lambda") == "No guest OS to patch."
    assert {service: cell.owner for service, cell in catalog.cells[HOST].items()} == dict.fromkeys(
        ["ec2", "lambda", "s3", "dynamodb"], "aws"
    )


def test_a_service_id_beats_its_kind_and_a_kind_beats_the_default() -> None:
    document = minimal()
    guest(document)["services"] = {"default": "customer", "abstracted": "aws", "s3": "shared", "serverless": "n/a"}
    catalog = parse(document)
    owners = {service: cell.owner for service, cell in catalog.cells[GUEST].items()}
    assert owners == {"ec2": "customer", "lambda": "n/a", "s3": "shared", "dynamodb": "aws"}
    # The order of the keys in the file does not matter.
    guest(document)["services"] = {"s3": "shared", "serverless": "n/a", "abstracted": "aws", "default": "customer"}
    again = parse(document)
    assert {s: c.owner for s, c in again.cells[GUEST].items()} == owners


def test_badge_is_the_one_owner_all_services_agree_on_or_none() -> None:
    document = minimal()
    guest(document)["services"] = {"default": "customer", "lambda": "n/a"}
    catalog = parse(document)
    assert catalog.badge(catalog.responsibility(GUEST)) == "customer", "a service it does not apply to is no vote"
    assert catalog.badge(catalog.responsibility(HOST)) == "aws"
    guest(document)["services"] = {"default": "customer", "s3": "shared"}
    catalog = parse(document)
    assert catalog.owners(catalog.responsibility(GUEST)) == ["customer", "shared"]
    assert catalog.badge(catalog.responsibility(GUEST)) is None


def test_a_top_level_schema_key_and_an_iso_date_string_are_accepted() -> None:
    document = {"$schema": "responsibilities.schema.json", **minimal()}
    guest(document)["checked"] = "2026-10-31"
    catalog = parse(document)
    assert catalog.data.schema_ == "responsibilities.schema.json"
    assert str(catalog.responsibility(GUEST).checked) == "2026-10-31"


def test_question_reads_on_from_the_service_and_falls_back_to_the_title() -> None:
    document = minimal()
    guest(document)["question"] = "who patches the guest OS?"
    catalog = parse(document)
    assert catalog.responsibility(GUEST).ask() == "who patches the guest OS?"
    assert catalog.responsibility(HOST).ask() == "who is responsible for host OS patching?"


# -- YAML-level refusals -------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "  \n# only a comment\n"])
def test_empty_file(text: str) -> None:
    assert refusal(text) == f"{NAME}: the data file is empty"


def test_yaml_syntax_error_names_the_line() -> None:
    text = "sources:\n  - id: notes\n    title: [unclosed\nservices: []\n"
    assert refusal(text).startswith(f"{NAME}:4: YAML syntax error: ")


def test_a_list_at_the_top_is_refused() -> None:
    assert (
        refusal("- 1\n- 2\n") == f"{NAME}:1: top level: must be a mapping of sources, services, categories, glossary, …"
    )


def test_duplicate_yaml_key_is_refused_at_the_second_key_not_merged() -> None:
    text = dump(minimal()).replace("  rule: customer\n", "  rule: customer\n  rule: aws\n", 1)
    line = line_of(text, r"^  rule: aws$", after=f"- id: {GUEST}")
    assert refusal(text) == f"{NAME}:{line}: entry '{GUEST}': field 'rule' is given twice; give each field once"


def test_duplicate_yaml_key_names_the_entry_too() -> None:
    text = dump(minimal()).replace("  rule: customer\n", "  rule: customer\n  rule: aws\n", 1)
    assert f"entry '{GUEST}'" in refusal(text)


@pytest.mark.parametrize(
    ("key", "says"),
    [("1", "int (1)"), ("{x: 1}", "a list or mapping")],
)
def test_a_key_that_is_not_text_is_refused_at_its_line(key: str, says: str) -> None:
    text = dump(minimal()).replace("  rule: customer\n", f"  rule: customer\n  {key}: value\n", 1)
    line = line_of(text, rf"^  {key}: value$")
    expected = f"{NAME}:{line}: entry '{GUEST}': has a key that is not text: {says}; keys are field names"
    assert refusal(text) == expected


# -- fields of an entry ---------------------------------------------------------------------------


def test_unknown_field() -> None:
    document = minimal()
    guest(document)["colour"] = "red"
    refused(document, in_entry(r"^  colour: red$"), f"entry '{GUEST}'", "colour", "is not a known field (got 'red')")


def test_missing_field_is_named_at_its_entry() -> None:
    document = minimal()
    del entry(document, HOST)["rule"]
    refused(document, in_entry(rf"^- id: {HOST}$", HOST), f"entry '{HOST}'", "rule", "is missing")


def test_an_entry_without_id_is_named_by_its_position() -> None:
    document = minimal()
    del entry(document, HOST)["id"]
    text = dump(document)
    line = line_of(text, r"^- title: Host OS patching$")
    assert refusal(text) == f"{NAME}:{line}: entry #2: field 'id' is missing"


@pytest.mark.parametrize("bad", ["AWS ", "Customer", "amazon", "n/a"])
def test_bad_rule_shows_the_value_given(bad: str) -> None:
    document = minimal()
    entry(document, HOST)["rule"] = bad
    refused(
        document,
        in_entry(r"^  rule: ", HOST),
        f"entry '{HOST}'",
        "rule",
        f"must be one of aws, customer, shared (got {bad!r})",
    )


def test_bad_owner_of_a_cell_written_as_one_word() -> None:
    document = minimal()
    guest(document)["services"]["ec2"] = "AWS "
    refused(
        document,
        in_entry(r"^    ec2: 'AWS '$"),
        f"entry '{GUEST}'",
        "services.ec2",
        "must be one of aws, customer, shared, n/a (got 'AWS ')",
    )


def test_bad_owner_of_every_service_at_once() -> None:
    document = minimal()
    entry(document, HOST)["services"] = "everyone"
    refused(document, in_entry(r"^  services: everyone$", HOST), f"entry '{HOST}'", "services", "(got 'everyone')")


@pytest.mark.parametrize("where", ["cell", "condition"])
def test_bad_owner_inside_a_cell_is_named_at_its_own_line(where: str) -> None:
    document = minimal()
    cell = guest(document)["services"]["lambda"]
    if where == "cell":
        cell["owner"] = "AWS "
        field, after = "services.lambda.owner", "    lambda:"
    else:
        cell["conditions"] = [{"when": "Always", "owner": "AWS ", "note": "A note.", "sources": ["aws-notes"]}]
        field, after = "services.lambda.conditions.0.owner", "      - when: Always"
    text = dump(document)
    line = line_of(text, r"owner: 'AWS '$", after=after)
    message = refusal(text)
    assert message.startswith(f"{NAME}:{line}: entry '{GUEST}': field '{field}' must be one of"), message


@pytest.mark.parametrize("bad", ["Guest OS", "guest_os", "-guest", "guest--os", "guëst"])
def test_bad_id(bad: str) -> None:
    document = minimal()
    guest(document)["id"] = bad
    refused(
        document,
        lambda text: line_of(text, rf"^- id: {re.escape(bad)}$"),
        f"entry '{bad}'",
        "id",
        "must be lowercase words joined by hyphens",
        f"(got {bad!r})",
    )


def test_bad_id_in_a_list_is_named_at_its_item() -> None:
    document = minimal()
    guest(document)["related"] = [HOST, "Host OS"]
    refused(document, in_entry(r"^  - Host OS$"), f"entry '{GUEST}'", "related.1", "lowercase words joined")


def test_duplicate_entry_id_is_named_at_the_second_entry() -> None:
    document = minimal()
    entry(document, HOST)["id"] = GUEST
    text = dump(document)
    line = [n for n, row in enumerate(text.splitlines(), 1) if row == f"- id: {GUEST}"][1]
    assert refusal(text) == f"{NAME}:{line}: entry '{GUEST}': field 'id' repeats '{GUEST}', already used above"


@pytest.mark.parametrize(
    ("key", "field"),
    [("sources", "id"), ("services", "id"), ("categories", "id"), ("layers", "id"), ("glossary", "term")],
)
def test_duplicate_ids_in_the_other_lists(key: str, field: str) -> None:
    document = minimal()
    document[key].append(dict(document[key][0]))
    value = document[key][0][field]
    text = dump(document)
    lines = [n for n, row in enumerate(text.splitlines(), 1) if row == f"- {field}: {value}"]
    message = refusal(text)
    assert message.startswith(f"{NAME}:{lines[-1]}: "), message
    assert f"field '{field}' repeats '{value.lower()}'" in message


@pytest.mark.parametrize("bad", ["control  plane", "control plane ", "-control", "zone_security", "2FA"])
def test_a_glossary_term_is_words_of_letters_and_digits(bad: str) -> None:
    document = minimal()
    document["glossary"].append({"term": bad, "expansion": "Something"})
    message = refusal(dump(document))
    assert "field 'term' must be a word, or words joined by spaces or hyphens" in message, message


def test_glossary_terms_clash_as_their_anchors_would() -> None:
    document = minimal()
    document["glossary"] += [
        {"term": "single-tenant", "expansion": "One"},
        {"term": "single tenant", "expansion": "Two"},
    ]
    message = refusal(dump(document))
    assert message.endswith("glossary term 'single tenant': field 'term' repeats 'single-tenant', already used above")


def test_glossary_terms_clash_whatever_their_case() -> None:
    document = minimal()
    document["glossary"].append({"term": "os", "expansion": "Again"})
    text = dump(document)
    line = line_of(text, r"^- term: os$")
    assert refusal(text) == f"{NAME}:{line}: glossary term 'os': field 'term' repeats 'os', already used above"


def test_unknown_category() -> None:
    document = minimal()
    guest(document)["category"] = "kitchen"
    refused(
        document,
        in_entry(r"^  category: kitchen$"),
        f"entry '{GUEST}'",
        "category",
        "names no category (got 'kitchen'; known: operating-system)",
    )


def test_unknown_related_id_is_named_at_its_item() -> None:
    document = minimal()
    guest(document)["related"] = [HOST, "no-such-thing"]
    refused(
        document,
        in_entry(r"^  - no-such-thing$"),
        f"entry '{GUEST}'",
        "related.1",
        "names no responsibility (got 'no-such-thing')",
    )


def test_an_entry_in_two_layers_of_the_picture_is_named_at_its_second_listing() -> None:
    document = minimal()
    document["layers"][0]["responsibilities"].append(HOST)
    refused(
        document,
        lambda text: line_of(text, rf"^  - {HOST}$", after="- id: host-os"),
        "layer 'host-os'",
        "responsibilities.0",
        f"lists '{HOST}', which is already in layer 'guest-os'",
    )


def test_an_unknown_id_in_a_layer_is_named_at_its_item() -> None:
    document = minimal()
    document["layers"][1]["responsibilities"].append("no-such-thing")
    refused(
        document,
        lambda text: line_of(text, r"^  - no-such-thing$"),
        "layer 'host-os'",
        "responsibilities.1",
        "names no responsibility (got 'no-such-thing')",
    )


def test_an_entry_in_no_layer_of_the_picture_is_named_at_its_id() -> None:
    document = minimal()
    document["layers"].pop()
    refused(
        document,
        in_entry(rf"^- id: {HOST}$", HOST),
        f"entry '{HOST}'",
        "id",
        "is in no layer: list it under one of 'layers' (guest-os)",
    )


def test_a_picture_whose_every_layer_is_beside_the_stack_is_refused() -> None:
    document = minimal()
    for layer in document["layers"]:
        layer["beside"] = True
    refused(document, lambda text: line_of(text, r"^  beside: true$"), "layer 'guest-os'", "beside", "at least one")


def test_related_listing_the_entry_itself() -> None:
    document = minimal()
    guest(document)["related"] = [HOST, GUEST]
    refused(
        document,
        lambda text: line_of(text, rf"^  - {GUEST}$", after="  related:"),
        f"entry '{GUEST}'",
        "related.1",
        "lists the entry itself",
    )


def test_unknown_source_is_named_at_its_item() -> None:
    document = minimal()
    guest(document)["sources"] = ["aws-notes", "rumour"]
    refused(document, in_entry(r"^  - rumour$"), f"entry '{GUEST}'", "sources.1", "names no source (got 'rumour')")


def test_unknown_source_in_a_cell_or_condition() -> None:
    document = minimal()
    guest(document)["services"]["lambda"]["conditions"] = [
        {"when": "Always", "owner": "aws", "note": "A note.", "sources": ["aws-notes", "rumour"]}
    ]
    refused(
        document,
        in_entry(r"^        - rumour$"),
        f"entry '{GUEST}'",
        "services.lambda.conditions.0.sources.1",
        "names no source (got 'rumour')",
    )


def test_unknown_service_key() -> None:
    document = minimal()
    guest(document)["services"]["ec3"] = "aws"
    refused(
        document,
        in_entry(r"^    ec3: aws$"),
        f"entry '{GUEST}'",
        "services.ec3",
        "is not a service, a kind or 'default' (known: ec2, lambda, s3, dynamodb, infrastructure,",
    )


def test_a_service_left_without_owner() -> None:
    document = minimal()
    del guest(document)["services"]["abstracted"]
    refused(
        document,
        in_entry(r"^  services:$"),
        f"entry '{GUEST}'",
        "services",
        "gives no owner for s3, dynamodb (name them, their kind or 'default')",
    )


def test_a_service_id_may_not_be_a_kind_or_default() -> None:
    document = minimal()
    document["services"][1]["id"] = "default"
    text = dump(document)
    line = line_of(text, r"^- id: default$")
    assert refusal(text) == f"{NAME}:{line}: service 'default': field 'id' 'default' is reserved"


def test_a_service_security_chapter_must_be_a_source() -> None:
    document = minimal()
    document["services"][2]["security"] = "s3-chapter"
    text = dump(document)
    line = line_of(text, r"^  security: s3-chapter$")
    assert refusal(text) == f"{NAME}:{line}: service 's3': field 'security' names no source (got 's3-chapter')"


def test_a_service_must_state_its_default_setup() -> None:
    document = minimal()
    del document["services"][1]["default_setup"]
    text = dump(document)
    line = line_of(text, r"^- id: lambda$")
    assert refusal(text) == f"{NAME}:{line}: service 'lambda': field 'default_setup' is missing"


def test_a_default_setup_must_rest_on_an_aws_page() -> None:
    document = minimal()
    document["services"][0]["default_setup"]["sources"] = ["blog"]
    text = dump(document)
    line = line_of(text, r"^    sources:$")
    assert refusal(text) == (
        f"{NAME}:{line}: service 'ec2': field 'default_setup.sources' must cite an AWS documentation page (a source "
        "whose url is on docs.aws.amazon.com, aws.amazon.com or repost.aws): every owner on the service is given for "
        "this setup"
    )


def test_a_default_setup_source_must_exist() -> None:
    document = minimal()
    document["services"][2]["default_setup"]["sources"] = ["aws-notes", "s3-guide"]
    text = dump(document)
    line = line_of(text, r"^    - s3-guide$")
    assert refusal(text) == (
        f"{NAME}:{line}: service 's3': field 'default_setup.sources.1' names no source (got 's3-guide')"
    )


def test_alias_may_not_shadow_an_id() -> None:
    document = minimal()
    guest(document)["aliases"] = ["os-patching", HOST]
    refused(
        document,
        lambda text: line_of(text, rf"^  - {HOST}$", after="  aliases:"),
        f"entry '{GUEST}'",
        "aliases.1",
        f"'{HOST}' is already used by '{HOST}'",
    )


def test_two_entries_may_not_share_an_alias() -> None:
    document = minimal()
    guest(document)["aliases"] = ["os-patching"]
    entry(document, HOST)["aliases"] = ["patching", "os-patching"]
    refused(
        document,
        in_entry(r"^  - os-patching$", HOST),
        f"entry '{HOST}'",
        "aliases.1",
        f"'os-patching' is already used by '{GUEST}'",
    )


def test_questions_name_an_entry_and_a_service() -> None:
    document = minimal()
    document["questions"] = [{"question": "Who patches?", "answer": GUEST, "service": "ec9"}]
    text = dump(document)
    line = line_of(text, r"^  service: ec9$")
    assert refusal(text) == f"{NAME}:{line}: question 'Who patches?': field 'service' names no service (got 'ec9')"


# -- cells and their sources -----------------------------------------------------------------------


@pytest.mark.parametrize("says", ["note", "conditions"])
def test_a_cell_that_says_more_needs_its_own_sources(says: str) -> None:
    document = minimal()
    cell = guest(document)["services"]["lambda"]
    del cell["sources"]
    if says == "conditions":
        del cell["note"]
        cell["conditions"] = [{"when": "Always", "owner": "aws", "note": "A note.", "sources": ["aws-notes"]}]
    refused(
        document,
        in_entry(r"^    lambda:$"),
        f"entry '{GUEST}'",
        "services.lambda",
        "needs its own 'sources': the cell has a note or conditions, which must cite a page",
    )


def test_a_cell_note_citing_only_a_non_aws_page_is_refused() -> None:
    document = minimal()
    guest(document)["services"]["lambda"]["sources"] = ["blog"]
    refused(
        document,
        lambda text: line_of(text, r"^      sources:$", after="    lambda:"),
        f"entry '{GUEST}'",
        "services.lambda.sources",
        "must cite an AWS documentation page",
    )


@pytest.mark.parametrize("where", ["entry", "cell"])
def test_bad_risk_names_the_values_it_may_take(where: str) -> None:
    document = minimal()
    if where == "entry":
        guest(document)["risk"] = "high"
        line, field = in_entry(r"^  risk: high$"), "risk"
    else:
        guest(document)["services"]["lambda"]["risk"] = "high"
        line, field = in_entry(r"^      risk: high$"), "services.lambda.risk"
    refused(
        document,
        line,
        f"entry '{GUEST}'",
        field,
        "must be one of off-by-default, exposes-data, other (got 'high')",
    )


def test_a_cell_that_sets_a_risk_needs_its_own_sources_from_aws() -> None:
    document = minimal()
    guest(document)["services"]["ec2"] = {"owner": "customer", "risk": "off-by-default"}
    refused(
        document,
        in_entry(r"^    ec2:$"),
        f"entry '{GUEST}'",
        "services.ec2",
        "needs its own 'sources': the cell has a risk, which must cite a page",
    )
    guest(document)["services"]["ec2"]["sources"] = ["blog"]
    refused(
        document,
        lambda text: line_of(text, r"^      sources:$", after="    ec2:"),
        f"entry '{GUEST}'",
        "services.ec2.sources",
        "must cite an AWS documentation page",
    )


def test_a_cells_risk_wins_over_its_entrys_and_the_rest_is_other() -> None:
    document = minimal()
    guest(document)["risk"] = "exposes-data"
    guest(document)["services"]["ec2"] = {"owner": "customer", "risk": "off-by-default", "sources": ["aws-notes"]}
    catalog = parse(document)
    entry_, host = catalog.responsibility(GUEST), catalog.responsibility(HOST)
    assert [catalog.risk_on(entry_, s.id) for s in catalog.services] == ["off-by-default"] + ["exposes-data"] * 3
    assert catalog.risk_on(host, "ec2") == "other"
    # One sortable key: the risk's rank, then the data file's order.
    assert catalog.checklist_key(entry_, "ec2") == (0, 0)
    assert catalog.checklist_key(entry_, "lambda") == (1, 0)
    assert catalog.checklist_key(host, "ec2") == (2, 1)
    # The risk changes no cell's key: services whose cells say the same still share a row.
    assert catalog.cell(entry_, "ec2").key == Cell(owner="customer", sources=["aws-notes"]).key


def test_a_cell_without_a_note_needs_no_source() -> None:
    document = minimal()
    guest(document)["services"]["lambda"] = {"owner": "aws"}
    catalog = parse(document)
    assert not catalog.cell(catalog.responsibility(GUEST), "lambda").says_more


# -- text ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["   ", "\u3000"])
def test_whitespace_only_text(bad: str) -> None:
    document = minimal()
    guest(document)["summary"] = bad
    refused(document, in_entry(r"^  summary: "), f"entry '{GUEST}'", "summary", "must be non-empty text")


# -- the answer a section opens with: one sentence of at most 30 words -------------------------------

THIRTY_WORDS = " ".join(["word"] * 29) + " end."


@pytest.mark.parametrize(
    ("bad", "got"),
    [
        (THIRTY_WORDS.replace("word", "word word", 1), "(got 31 words)"),
        ("AWS patches the host. The customer has nothing to do there.", "(got 2 sentences)"),
        ("AWS does it, e.g. for every service.", "(got 2 sentences)"),
        ('The customer says "done." and stops.', "(got 2 sentences)"),
        ("AWS patches the host; the customer has nothing to do there", "(got no full stop at the end)"),
        ("Who patches it?", "(got no full stop at the end)"),
        (f"{THIRTY_WORDS} And more words here. Yes", "(got 3 sentences and 35 words and no full stop at the end)"),
    ],
)
def test_an_answer_of_more_than_one_sentence_or_30_words_is_refused_naming_its_line(bad: str, got: str) -> None:
    document = minimal()
    guest(document)["summary"] = bad
    message, _ = refused(
        document,
        in_entry(r"^  summary: "),
        f"entry '{GUEST}'",
        "summary",
        "must be one sentence of at most 30 words, ending with a full stop",
    )
    assert message.endswith(got), message
    assert message.count(". ") == 0, "one sentence, so a person reads it whole"


@pytest.mark.parametrize(
    "good",
    [
        THIRTY_WORDS,
        "AWS patches the host operating system under every service; the customer has nothing to do there.",
        "TLS 1.2 or later (as AWS's pages say: 'required') protects the calls.",
        "A single word.",
    ],
)
def test_an_answer_of_one_sentence_up_to_30_words_loads(good: str) -> None:
    document = minimal()
    guest(document)["summary"] = good
    assert parse(document).responsibility(GUEST).summary == good


def test_an_answer_with_a_space_at_an_end_is_refused_as_text_is() -> None:
    document = minimal()
    guest(document)["summary"] = "The customer patches it. "
    refused(document, in_entry(r"^  summary: "), f"entry '{GUEST}'", "summary", "with no space at either end")


def test_whitespace_only_item_of_a_list() -> None:
    document = minimal()
    guest(document)["search"] = ["OS", "  "]
    refused(
        document,
        lambda text: line_of(text, r"^  - '  '$", after="  search:"),
        f"entry '{GUEST}'",
        "search.1",
        "must be non-empty text",
    )


@pytest.mark.parametrize("bad", [" leading", "trailing ", "x" * 399 + " "])
def test_space_at_either_end(bad: str) -> None:
    document = minimal()
    guest(document)["aws"] = bad
    refused(document, in_entry(r"^  aws: "), f"entry '{GUEST}'", "aws", "must be one line of plain text, with no space")


def test_text_over_400_characters() -> None:
    document = minimal()
    guest(document)["services"]["lambda"]["note"] = "x" * 401
    refused(
        document,
        in_entry(r"^      note: x+$"),
        f"entry '{GUEST}'",
        "services.lambda.note",
        "is 401 characters long; the limit is 400",
    )
    guest(document)["services"]["lambda"]["note"] = "x" * 400
    parse(document)


@pytest.mark.parametrize(
    ("bad", "code"),
    [
        ("zero\u200bwidth", "U+200B"),
        ("\u202egnihctap", "U+202E"),
        ("soft\u00adhyphen", "U+00AD"),
        ("bom\ufeff here", "U+FEFF"),
        ("bell\x07", "U+0007"),
        ("tab\tinside", "U+0009"),
        ("new\nline", "U+000A"),
    ],
)
def test_control_and_invisible_characters(bad: str, code: str) -> None:
    document = minimal()
    guest(document)["title"] = bad
    refused(
        document,
        in_entry(r"^  title: "),
        f"entry '{GUEST}'",
        "title",
        f"contains the control or invisible character {code}; write plain text",
    )


@pytest.mark.parametrize("field", ["title", "id", "question"])
def test_text_ending_in_a_line_break_is_refused(field: str) -> None:
    document = minimal()
    guest(document)["question"] = "who patches the guest OS?"
    value = guest(document)[field]
    line = rf"^(- |  ){field}: {re.escape(value)}$"
    text = re.sub(line, rf"\1{field}: |\n    {value}", dump(document), count=1, flags=re.M)
    assert yaml.safe_load(text)["responsibilities"][0][field] == value + "\n"
    message = refusal(text)
    assert f"field '{field}'" in message, message


@pytest.mark.parametrize(
    "bad", ["Who patches the guest OS?", "Élan: who patches it?", "who patches the guest OS", "who patches?\u200b"]
)
def test_question_must_start_lowercase_and_end_with_a_question_mark(bad: str) -> None:
    document = minimal()
    guest(document)["question"] = bad
    message, _ = refused(document, in_entry(r"^  question: "), f"entry '{GUEST}'", "question")
    assert "start lowercase" in message or "invisible character" in message


@pytest.mark.parametrize("bad", ["2026-02-30", "29 November 2026", "2026-11", "yesterday"])
def test_bad_date_in_checked(bad: str) -> None:
    document = minimal()
    guest(document)["checked"] = bad
    refused(document, in_entry(r"^  checked: "), f"entry '{GUEST}'", "checked", "must be a date like ", f"{bad!r}")


def test_source_url_must_be_https() -> None:
    document = minimal()
    document["sources"][1]["url"] = "javascript:alert(1)"
    refused(
        document,
        lambda text: line_of(text, r"^  url: javascript"),
        "source 'blog'",
        "url",
        "must be an https:// address",
    )


@pytest.mark.parametrize(
    ("change", "field", "says"),
    [
        (lambda d: d.update(responsibilities={}), "responsibilities", "must be a list (got {})"),
        (lambda d: d.update(responsibilities=[]), "responsibilities", "must be a non-empty list"),
        (lambda d: guest(d).update(search="OS"), "search", "must be a list (got 'OS')"),
        (lambda d: guest(d).update(title=42), "title", "must be text (got 42)"),
    ],
)
def test_wrong_types(change: Callable[[dict], None], field: str, says: str) -> None:
    document = minimal()
    change(document)
    message = refusal(dump(document))
    assert f"field '{field}' {says}" in message, message
    assert message.startswith(f"{NAME}:"), message


# -- determinism across processes ----------------------------------------------------------------

_REFUSE = """
import json, sys
from srg.errors import DataError
from srg.load import parse_catalog
out = []
for text in json.load(sys.stdin):
    try:
        parse_catalog(text, "x.yml")
        out.append(None)
    except DataError as error:
        out.append(str(error))
print(json.dumps(out))
"""


def test_messages_are_the_same_in_every_process() -> None:
    cases = []
    for change in (
        lambda d: guest(d)["services"].pop("abstracted"),
        lambda d: guest(d).update(category="kitchen"),
        lambda d: guest(d)["services"].update(ec3="aws"),
        lambda d: guest(d).update(rule="AWS "),
        lambda d: guest(d).update(summary=" \u200b"),
        lambda d: d["glossary"].append({"term": "os", "expansion": "Again"}),
    ):
        document = minimal()
        change(document)
        cases.append(dump(document))
    runs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT / "hooks")}
        result = subprocess.run(
            [sys.executable, "-c", _REFUSE],
            input=json.dumps(cases),
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        runs.append(json.loads(result.stdout))
    assert runs[0] == runs[1]
    assert None not in runs[0]
    here = []
    for text in cases:
        with pytest.raises(DataError) as caught:
            parse_catalog(text, "x.yml")
        here.append(str(caught.value))
    assert runs[0] == here


def test_the_loader_reads_what_yaml_reads() -> None:
    """The dump helper round-trips, so the line numbers above are those of a real file."""
    document = minimal()
    assert yaml.safe_load(dump(document)) == document
