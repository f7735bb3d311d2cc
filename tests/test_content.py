"""The answers of the real data file: a review's corrections stay made; every entry stays sourced and fresh."""

from __future__ import annotations

import datetime
import re

import pytest
from helpers import linker, real_catalog, tree

from srg import blocks
from srg.model import Catalog, Cell

MAX_AGE = datetime.timedelta(days=400)


@pytest.fixture(scope="module")
def data() -> Catalog:
    return real_catalog()


def cell(data: Catalog, entry_id: str, service_id: str) -> Cell:
    return data.cell(data.responsibility(entry_id), service_id)


def test_the_guide_covers_enough(data: Catalog) -> None:
    assert len(data.responsibilities) >= 40
    assert len(data.services) >= 10


@pytest.mark.parametrize(
    ("service", "owner"),
    [("rds", "shared"), ("aurora", "shared"), ("fargate", "aws"), ("lambda", "aws"), ("eks", "aws")],
)
def test_guest_os_patching_follows_the_default_setup(data: Catalog, service: str, owner: str) -> None:
    """RDS and Aurora apply required OS patches and leave the others to the customer; Fargate, Lambda's .zip
    functions in Auto mode and EKS Auto Mode nodes are patched by AWS (issue 28: the owner is the default case's)."""
    assert cell(data, "guest-os-patching", service).owner == owner
    assert cell(data, "guest-os-patching", service).note


def test_lambda_runtime_updates_are_shared_and_depend_on_the_update_mode(data: Catalog) -> None:
    runtime = cell(data, "lambda-runtime-updates", "lambda")
    assert runtime.owner == "shared"
    assert "default Auto mode Lambda applies runtime updates" in runtime.note
    assert "new major language version" in runtime.note
    conditions = " | ".join(c.when for c in runtime.conditions)
    for mode in ("Function update", "Manual", "Container image"):
        assert re.search(rf"\b{mode}\b", conditions, re.I), (mode, conditions)
    assert "Auto" not in conditions, "Auto mode is the default setup, not a condition"
    owners = {c.when.split(" (")[0]: c.owner for c in runtime.conditions}
    assert owners["Manual mode"] == "customer"
    assert owners["Container image"] == "customer"


def test_installed_software_is_shared_on_rds(data: Catalog) -> None:
    assert cell(data, "installed-software", "rds").owner == "shared"


@pytest.mark.parametrize(("entry", "owner"), [("vpc-internet-access", "aws"), ("security-groups", "n/a")])
def test_network_controls_on_lambda_follow_the_default_setup(data: Catalog, entry: str, owner: str) -> None:
    """A function is not attached to a customer VPC by default; attached, or on Lambda Managed Instances, whose
    capacity provider runs in the customer's subnets, the network controls are the customer's."""
    lam = cell(data, entry, "lambda")
    assert lam.owner == owner
    assert {c.when: c.owner for c in lam.conditions} == {
        "Attached to a customer VPC": "customer",
        "Lambda Managed Instances (capacity provider)": "customer",
    }


@pytest.mark.parametrize(
    ("service", "how"),
    [("s3", r"encrypts every new object .*SSE-S3"), ("dynamodb", r"encrypts all table data at rest")],
)
def test_data_encryption_says_the_service_encrypts_by_default(data: Catalog, service: str, how: str) -> None:
    encryption = cell(data, "data-encryption", service)
    assert encryption.owner == "aws", "the service encrypts by default, with nothing for the customer to turn on"
    assert encryption.note
    assert re.search(how, encryption.note), encryption.note


def test_credential_rotation_names_what_aws_rotates(data: Catalog) -> None:
    aws = data.responsibility("credential-rotation").aws
    assert not aws.startswith("No part")
    assert "rotat" in aws.lower()


def test_no_section_shows_one_owner_when_its_services_disagree(data: Catalog) -> None:
    link = linker(data)
    varying = 0
    for entry in data.responsibilities:
        meta = tree(blocks.responsibility_section(data, link, entry)).find("p", class_="srg-meta")
        shown = meta.find("span", class_="srg-owner").words
        owners = data.owners(entry)
        if len(owners) > 1:
            varying += 1
            assert shown == "Varies by service", (entry.id, owners)
        else:
            assert shown == {"aws": "AWS", "customer": "Customer", "shared": "Shared"}[owners[0]], entry.id
    assert varying >= 5, "the corrected data has entries whose owner varies by service"


def test_every_cell_that_says_more_cites_aws_documentation(data: Catalog) -> None:
    missing = [
        f"{entry.id} on {service.id}"
        for entry in data.responsibilities
        for service in data.services
        if data.cell(entry, service.id).says_more
        and not any(data.source(s).is_aws_documentation for s in data.cell(entry, service.id).sources)
    ]
    assert missing == []
    says_more = sum(data.cell(e, s.id).says_more for e in data.responsibilities for s in data.services)
    assert says_more >= 20


def test_every_entry_was_checked_within_400_days(data: Catalog) -> None:
    today = datetime.date.today()
    stale = [f"{e.id} ({e.checked})" for e in data.responsibilities if today - e.checked > MAX_AGE]
    # A day of slack: the date was written where the editor is, the test may run west of there.
    future = [f"{e.id} ({e.checked})" for e in data.responsibilities if e.checked > today + datetime.timedelta(days=1)]
    assert stale == [], "re-check these entries against AWS's documentation and update 'checked'"
    assert future == []


# General texts that name a service as an example of what sits in front of any workload, or as AWS's own policy
# names it: true on every service's row.
NAMED_AS_EXAMPLES = {
    "encryption-in-transit": {"CloudFront"},  # redirecting HTTP to HTTPS on CloudFront or a load balancer in front
    "ddos-protection": {"CloudFront"},  # Shield Advanced or WAF on the resources in front of an application
    "penetration-testing": {"Gateway"},  # the policy's simulated DDoS tests: an edge-optimized API Gateway endpoint
}


def test_a_row_without_a_note_of_its_own_names_no_other_service(data: Catalog) -> None:
    """Where a service has no note, its row shows the entry's general text, which must hold for that service too.

    "For EC2 it builds the Nitro System" read as a reason on the RDS row; a general text names no service,
    and what is true of one service goes in that service's note.
    """
    # Words of service names that general text uses in their common sense ("an API", "AI", "data", "step").
    generic = {"Amazon", "AWS", "on", "API", "Service", "AI", "Data", "Streams", "Load", "Step", "Functions"}
    words = {s.id: set(s.name.split()) - generic for s in data.services}
    # The words that name some other service and not this one ("EC2" is fine on "Amazon ECS on EC2").
    others = {sid: set().union(*(w for other, w in words.items() if other != sid)) - own for sid, own in words.items()}
    wrong = []
    for entry in data.responsibilities:
        for service in data.services:
            cell = data.cell(entry, service.id)
            if cell.note or cell.owner == "n/a":
                continue
            reason = data.reason_on(entry, service.id)
            named = sorted(
                w
                for w in others[service.id] - NAMED_AS_EXAMPLES.get(entry.id, set())
                if re.search(rf"\b{re.escape(w)}\b", reason)
            )
            if named:
                wrong.append(f"{entry.id} on {service.id}: {', '.join(named)}")
    assert wrong == []
