"""The OSCAL export: a component definition that compliance-trestle loads, holding every answer of the data."""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
from collections import Counter
from typing import Any

import pytest
from helpers import NAME, dump, entry, minimal, real_catalog
from pydantic_core import to_json
from trestle.oscal import OSCAL_VERSION
from trestle.oscal.component import ComponentDefinition

from conftest import Build, section_of
from srg.load import parse_catalog
from srg.model import Catalog
from srg.nist import pinned
from srg.oscal import NS, _uuid, as_oscal, component_definition
from srg.oscal import OSCAL_VERSION as WRITTEN_VERSION

EXPORT = "data/responsibilities.oscal.json"


def props(item: dict[str, Any]) -> dict[str, str]:
    return {p["name"]: p["value"] for p in item.get("props", []) if p.get("ns") == NS}


@pytest.fixture(scope="module")
def exported(site: Build) -> dict[str, Any]:
    return json.loads(site.page(EXPORT))


# -- the real export, as the build writes it ----------------------------------------------------------


def test_trestle_loads_the_export_as_an_oscal_component_definition(exported: dict[str, Any]) -> None:
    definition = ComponentDefinition.model_validate(exported["component-definition"])
    assert OSCAL_VERSION == WRITTEN_VERSION == "1.2.1"
    assert definition.metadata.oscal_version.root.root == OSCAL_VERSION
    assert len(definition.components) == len(real_catalog().services)


def test_every_service_responsibility_and_owner_of_the_data_is_in_it(exported: dict, catalog: Catalog) -> None:
    """Read through trestle's models: each applying cell is a requirement naming its entry, owner and roles."""
    definition = ComponentDefinition.model_validate(exported["component-definition"])

    def named(item: Any) -> dict[str, str]:
        return {p.name: p.value for p in item.props or [] if str(p.ns) == NS}

    found = set()
    for component, service in zip(definition.components, catalog.services, strict=True):
        assert named(component)["service"] == service.id
        assert component.title == service.name
        guide = component.control_implementations[0]
        for requirement in guide.implemented_requirements:
            p = named(requirement)
            assert requirement.control_id == p["responsibility"]
            roles = [r.role_id for r in requirement.responsible_roles]
            assert roles == {"aws": ["aws"], "customer": ["customer"], "shared": ["aws", "customer"]}[p["owner"]]
            found.add((service.id, p["responsibility"], p["owner"]))
    expected = {
        (s.id, e.id, catalog.cell(e, s.id).owner)
        for e in catalog.responsibilities
        for s in catalog.services
        if catalog.applies(e, s.id)
    }
    assert found == expected


def test_what_each_side_does_and_the_notes_and_setups_are_carried(exported: dict, catalog: Catalog) -> None:
    component = exported["component-definition"]["components"][[s.id for s in catalog.services].index("rds")]
    requirements = {r["control-id"]: r for r in component["control-implementations"][0]["implemented-requirements"]}
    patching = catalog.responsibility("guest-os-patching")
    cell = catalog.cell(patching, "rds")
    requirement = requirements["guest-os-patching"]
    assert props(requirement)["aws-does"] == patching.aws
    assert props(requirement)["customer-does"] == patching.customer
    assert requirement["description"].endswith(cell.note)
    assert all(c.when in requirement["remarks"] and c.note in requirement["remarks"] for c in cell.conditions)
    links = [link["href"] for link in requirement["links"]]
    assert links[0].endswith("/" + section_of("guest-os-patching", catalog))
    assert [catalog.source(s).url for s in cell.sources] == links[1 : 1 + len(cell.sources)]


def test_nist_controls_are_requirements_keyed_to_nists_ids(exported: dict, catalog: Catalog) -> None:
    nist_ids = {control.id for control in pinned().controls}
    for service, component in zip(catalog.services, exported["component-definition"]["components"], strict=True):
        guide_uuids = {
            r["uuid"]: r["control-id"] for r in component["control-implementations"][0]["implemented-requirements"]
        }
        keyed = component["control-implementations"][1:]
        found = Counter()
        for requirement in keyed[0]["implemented-requirements"] if keyed else []:
            assert requirement["control-id"] in nist_ids
            target = requirement["links"][0]["href"].removeprefix("#")
            assert guide_uuids[target] == props(requirement)["responsibility"]
            found[(props(requirement)["responsibility"], requirement["control-id"])] += 1
        expected = Counter(
            (e.id, control.id)
            for e in catalog.responsibilities
            if catalog.applies(e, service.id) and catalog.nist_reading(e, service.id)
            for control in catalog.nist_reading(e, service.id).controls  # type: ignore[union-attr]
        )
        assert found == expected, service.id
    assert any(c["control-implementations"][1:] for c in exported["component-definition"]["components"])


def test_the_export_names_its_sources_by_addresses_that_work(exported: dict, site: Build) -> None:
    document = exported["component-definition"]
    resources = {r["uuid"]: r for r in document["back-matter"]["resources"]}
    for component in document["components"]:
        for implementation in component["control-implementations"]:
            assert implementation["source"].removeprefix("#") in resources
    guide, nist = resources.values()
    assert guide["rlinks"][0]["href"] == "responsibilities.json"
    assert (site.site / "data" / guide["rlinks"][0]["href"]).is_file()
    assert pinned().source.commit in nist["rlinks"][0]["href"]
    uuids = re.findall(r'"uuid":"([^"]+)"', site.page(EXPORT))
    assert len(uuids) == len(set(uuids))


def test_the_downloads_offer_the_export_and_the_csv_and_json_carry_nist_ids_and_checks(
    site: Build, catalog: Catalog
) -> None:
    html = site.page("comparison/index.html")
    assert 'href="../data/responsibilities.oscal.json"' in html
    assert 'id="oscal"' in html
    rows = list(csv.DictReader(io.StringIO(site.page("data/responsibilities.csv"))))
    for row in rows:
        reading = catalog.nist_reading(catalog.responsibility(row["id"]))
        assert row["nist"] == (" ".join(c.label for c in reading.controls) if reading else ""), row["id"]
        assert row["checks"] == " ".join(catalog.cell(catalog.responsibility(row["id"]), row["service"]).checks)
    document = json.loads(site.page("data/responsibilities.json"))
    assert {c["id"] for c in document["controls"]} == {c.id for c in catalog.data.controls}
    encryption = next(e for e in document["responsibilities"] if e["id"] == "data-encryption")
    rds = catalog.cell(catalog.responsibility("data-encryption"), "rds")
    assert encryption["services"]["rds"]["checks"] == rds.checks
    assert encryption["services"]["rds"]["checks"]


def test_every_cells_checks_are_links_to_the_user_guide_in_the_export(exported: dict, catalog: Catalog) -> None:
    for service, component in zip(catalog.services, exported["component-definition"]["components"], strict=True):
        requirements = {r["control-id"]: r for r in component["control-implementations"][0]["implemented-requirements"]}
        for item in catalog.responsibilities:
            if not catalog.applies(item, service.id):
                continue
            links = [link for link in requirements[item.id]["links"] if link["rel"] == "check"]
            cited = catalog.checks_of(item, service.id)
            assert [link["text"].split(":")[0].removeprefix("AWS Security Hub control ") for link in links] == [
                *catalog.cell(item, service.id).checks,
                *(c for condition in catalog.cell(item, service.id).conditions for c in condition.checks),
            ]
            assert {link["href"] for link in links} == {catalog.security_hub.control(c).guide_url for c in cited}


def test_each_section_shows_its_nist_controls_as_nist_writes_them(site: Build, catalog: Catalog) -> None:
    for item in catalog.responsibilities:
        page = section_of(item.id, catalog).split("#")[0]
        html = site.page(f"{page}index.html")
        block = html[html.index(f'data-entry="{item.id}"') :]
        block = block[: block.index('class="srg-checked"')]
        shown = re.findall(r'<span class="srg-nist__control" title="[^"]*">([^<]+)</span>', block)
        reading = catalog.nist_reading(item)
        assert shown == ([c.label for c in reading.controls] if reading else []), item.id
        if reading:
            assert all(f"<code>{check}</code>" in block for check in reading.securityhub)
            assert f'<time datetime="{reading.read.isoformat()}">' in block


# -- the export from small data: checks become links, the same data gives the same file -------------


def small() -> Catalog:
    """The small document, guest OS patching checked on EC2 (and in a setup of it), SSM.2 with NIST ids."""
    document = minimal()
    names = {"ec2": "EC2", "lambda": "Lambda", "s3": "S3", "dynamodb": "DynamoDB"}
    for service in document["services"]:
        service["evaluated_as"] = names[service["id"]]
    document["account_wide_services"] = ["SSM", "Inspector"]
    guest = entry(document, "guest-os-patching")
    guest["services"]["abstracted"] = "n/a"
    setup = {"when": "Custom AMI", "owner": "customer", "note": "Patch it.", "checks": ["Inspector.1"]}
    guest["services"]["ec2"] = {
        "owner": "customer",
        "note": "Patch it.",
        "sources": ["aws-notes"],
        "checks": ["SSM.2", "EC2.8"],
        "conditions": [setup],
    }
    document["controls"] = [
        {"id": "EC2.8", "read": "2026-11-30"},
        {"id": "Inspector.1", "read": "2026-11-30"},
        {"id": "SSM.2", "read": "2026-12-01", "nist_source": "aws-notes", "nist": ["SI-2", "SI-2(2)"]},
    ]
    return parse_catalog(dump(document), NAME)


def test_security_hub_checks_of_cells_and_setups_become_links() -> None:
    catalog = small()
    url_of = {e.id: f"https://guide.test/{e.rule}/#{e.id}" for e in catalog.responsibilities}
    document = component_definition(catalog, url_of, "responsibilities.json")["component-definition"]
    ec2 = document["components"][0]["control-implementations"][0]["implemented-requirements"][0]
    checks = [(link["href"], link["text"]) for link in ec2["links"] if link["rel"] == "check"]
    ssm2, ec28 = catalog.security_hub.control("SSM.2"), catalog.security_hub.control("EC2.8")
    inspector1 = catalog.security_hub.control("Inspector.1")
    assert checks == [
        (
            "https://docs.aws.amazon.com/securityhub/latest/userguide/ssm-controls.html#ssm-2",
            f"AWS Security Hub control SSM.2: {ssm2.statement} ({ssm2.severity_label})",
        ),
        (
            "https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-8",
            f"AWS Security Hub control EC2.8: {ec28.statement} ({ec28.severity_label})",
        ),
        (
            "https://docs.aws.amazon.com/securityhub/latest/userguide/inspector-controls.html#inspector-1",
            f"AWS Security Hub control Inspector.1: {inspector1.statement} ({inspector1.severity_label}; Custom AMI)",
        ),
    ]
    ComponentDefinition.model_validate(document)
    lambda_ = document["components"][1]["control-implementations"][0]["implemented-requirements"][0]
    assert [link["rel"] for link in lambda_["links"]] == ["reference", "reference"]


def test_the_same_data_gives_the_same_file_and_new_data_a_new_uuid() -> None:
    catalog = small()
    url_of = {e.id: f"https://guide.test/#{e.id}" for e in catalog.responsibilities}
    first = as_oscal(catalog, url_of, "responsibilities.json")
    assert first == as_oscal(small(), url_of, "responsibilities.json")
    document = minimal()
    entry(document, "guest-os-patching")["services"]["ec2"] = "shared"
    changed = parse_catalog(dump(document), NAME)
    again = json.loads(as_oscal(changed, url_of, "responsibilities.json"))["component-definition"]
    assert again["uuid"] != json.loads(first)["component-definition"]["uuid"]
    assert again["components"][0]["uuid"] == json.loads(first)["component-definition"]["components"][0]["uuid"]


def test_the_text_is_the_documents_json_and_its_ids_are_uuid5_of_their_names() -> None:
    """`as_oscal` serialises the body once and `_uuid` computes UUID 5 itself: both against the standard library."""
    catalog = small()
    url_of = {e.id: f"https://guide.test/#{e.id}" for e in catalog.responsibilities}
    text = as_oscal(catalog, url_of, "responsibilities.json")
    assert text == to_json(component_definition(catalog, url_of, "responsibilities.json")).decode() + "\n"
    uuids = re.findall(r'"uuid":"([^"]+)"', text)
    assert len(uuids) > 10
    assert all(uuid.UUID(u).version == 5 for u in uuids)
    for parts in [("component", "ec2"), ("requirement", "ec2", "guest-os-patching", "si-2.2"), ("é", "日本", "")]:
        assert _uuid(*parts) == str(uuid.uuid5(uuid.uuid5(uuid.NAMESPACE_URL, NS), ":".join(parts)))


def test_a_service_without_nist_ids_has_only_the_guides_implementation() -> None:
    document = component_definition(small(), {"guest-os-patching": "/", "host-os-patching": "/"}, "x.json")
    components = document["component-definition"]["components"]
    assert [len(c["control-implementations"]) for c in components] == [2, 1, 1, 1]  # NIST ids of EC2's SSM.2 only
    nist = components[0]["control-implementations"][1]["implemented-requirements"]
    assert [(r["control-id"], props(r)["owner"]) for r in nist] == [("si-2", "customer"), ("si-2.2", "customer")]
    assert document["component-definition"]["metadata"]["last-modified"] == "2026-12-01T00:00:00+00:00"
