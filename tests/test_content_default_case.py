"""Issue 28, item 1: the owner is the default case's.

Each service states its default setup once, resting on AWS's pages; a cell's owner is who does the work in that
setup, other setups are conditions with their own owner, and "shared" answers say what each side does. One test
per owner that changed, naming the AWS page it rests on.
"""

from __future__ import annotations

import datetime
import re

import pytest
from helpers import ROOT, real_catalog

from srg.model import Catalog, Cell

CHECKED = datetime.date(2026, 12, 7)
# Who does AWS's part in a note: AWS itself or one of its services (a shared note must name it and the customer).
AWS_SIDE = re.compile(r"\b(AWS|Amazon|Lambda|RDS|Aurora|EKS|ECS|Fargate|Elastic Beanstalk|S3|DynamoDB|Shield)\b")


@pytest.fixture(scope="module")
def data() -> Catalog:
    return real_catalog()


def cell(data: Catalog, entry_id: str, service_id: str) -> Cell:
    return data.cell(data.responsibility(entry_id), service_id)


def cites(data: Catalog, ids: list[str], url_part: str) -> bool:
    return any(url_part in (data.source(s).url or "") for s in ids)


# -- the default setups ---------------------------------------------------------------------------


def test_every_service_states_its_default_setup_on_an_aws_page(data: Catalog) -> None:
    for service in data.services:
        setup = service.default_setup
        assert len(setup.text.split()) >= 8, service.id
        assert any(data.source(s).is_aws_documentation for s in setup.sources), service.id


@pytest.mark.parametrize(
    ("service", "words", "page"),
    [
        ("ec2", ["Amazon Linux AMI", "key pair", "security group"], "AWSEC2/latest/UserGuide/EC2_GetStarted.html"),
        ("ecs-ec2", ["ECS-optimized AMI"], "developerguide/retrieve-ecs-optimized_AMI.html"),
        ("fargate", ["ECS service", "latest Fargate platform version"], "APIReference/API_CreateService.html"),
        ("eks", ["quick configuration", "EKS Auto Mode", "preferred"], "userguide/automode-get-started-console.html"),
        ("eks", ["managed node groups"], "userguide/getting-started-console.html"),
        ("eks", ["eksctl leaves Auto Mode off"], "eks/latest/eksctl/auto-mode.html"),
        ("elastic-beanstalk", ["managed platform updates are on by default"], "environment-platform-update-managed"),
        ("rds", ["not RDS Custom", "minor engine upgrades applied automatically"], "API_CreateDBInstance.html"),
        ("aurora", ["February 18, 2026", "minor engine upgrades applied automatically"], "API_CreateDBCluster.html"),
        ("lambda", [".zip file archive", "Auto runtime update mode", "not attached to a customer VPC"], "/lambda/"),
        ("lambda", ["Author from scratch"], "lambda/latest/dg/configuration-function-zip.html"),
        ("s3", ["Block Public Access is on", "SSE-S3", "Versioning is off"], "AmazonS3/latest/userguide/"),
        ("dynamodb", ["AWS owned key", "point-in-time recovery"], "amazondynamodb/latest/developerguide/"),
    ],
)
def test_the_default_setup_names_what_the_answers_rest_on(
    data: Catalog, service: str, words: list[str], page: str
) -> None:
    setup = data.service(service).default_setup
    for word in words:
        assert word in setup.text, (service, word)
    assert cites(data, setup.sources, page), service


def test_every_default_setup_says_what_it_is_based_on(data: Catalog) -> None:
    """One rule for every service: the user guide's default or console path, else the API's default."""
    for service in data.services:
        assert "(based on " in service.default_setup.text, service.id
    rule = "where the guide is silent, the API's default"
    assert rule in (ROOT / "docs" / "data" / "responsibilities.yml").read_text(encoding="utf-8")
    assert rule in " ".join((ROOT / "docs" / "sources.md").read_text(encoding="utf-8").split())


def test_no_condition_is_the_default_setup(data: Catalog) -> None:
    """A condition is another setup: the default's answer is the cell itself."""
    defaults = [
        f"{entry.id} on {service.id}: {condition.when}"
        for entry in data.responsibilities
        for service in data.services
        for condition in data.cell(entry, service.id).conditions
        if "default" in condition.when.lower()
    ]
    assert defaults == []


def test_a_shared_answer_says_what_each_side_does(data: Catalog) -> None:
    """A shared cell or condition with a note names the customer and AWS (or the AWS service doing its part)."""
    one_sided = []
    for entry in data.responsibilities:
        for service in data.services:
            here = data.cell(entry, service.id)
            notes = [("cell", here.note)] if here.owner == "shared" and here.note else []
            notes += [(c.when, c.note) for c in here.conditions if c.owner == "shared"]
            for where, note in notes:
                if "customer" not in note.lower() or not AWS_SIDE.search(note):
                    one_sided.append(f"{entry.id} on {service.id} ({where})")
    assert one_sided == []
    # Without a note a shared cell shows both parts of the general text.
    guest = data.responsibility("awareness-and-training")
    assert data.reason_on(guest, "ec2") == f"AWS: {guest.aws} Customer: {guest.customer}"


# -- the owners that changed ------------------------------------------------------------------------

CHANGED = [
    # (entry, service, owner now, a page it rests on)
    ("guest-os-patching", "fargate", "aws", "developerguide/security-shared-model.html"),
    ("guest-os-patching", "eks", "aws", "automode-learn-instances.html"),
    ("guest-os-patching", "lambda", "aws", "runtime-management-shared.html"),
    ("managed-service-platform", "eks", "aws", "automode-learn-instances.html"),
    ("managed-service-patching", "fargate", "aws", "developerguide/task-maintenance.html"),
    ("managed-service-patching", "eks", "aws", "userguide/create-node-pool.html"),
    ("managed-service-patching", "lambda", "aws", "runtimes-update.html"),
    ("data-encryption", "fargate", "aws", "fargate-task-storage.html"),
    ("data-encryption", "aurora", "aws", "default-encryption-at-rest-for-new-amazon-aurora-clusters"),
    ("data-encryption", "lambda", "aws", "security-encryption-at-rest.html"),
    ("data-encryption", "s3", "aws", "UsingServerSideEncryption.html"),
    ("data-encryption", "dynamodb", "aws", "EncryptionAtRest.html"),
    ("key-management", "fargate", "aws", "fargate-task-storage.html"),
    ("key-management", "aurora", "aws", "AuroraUserGuide/Overview.Encryption.html"),
    ("key-management", "lambda", "aws", "security-encryption-at-rest.html"),
    ("key-management", "s3", "aws", "UsingServerSideEncryption.html"),
    ("key-management", "dynamodb", "aws", "EncryptionAtRest.html"),
    ("vpc-internet-access", "lambda", "aws", "configuration-vpc.html"),
    ("network-traffic-protection", "lambda", "aws", "operatorguide/networking-vpc.html"),
    ("security-groups", "lambda", "n/a", "configuration-vpc.html"),
    ("network-acls", "lambda", "n/a", "operatorguide/networking-vpc.html"),
    ("container-images", "lambda", "n/a", "lambda-runtimes.html"),
    ("secrets-management", "rds", "customer", "UserGuide/rds-secrets-manager.html"),
    ("secrets-management", "aurora", "customer", "AuroraUserGuide/rds-secrets-manager.html"),
    ("credential-rotation", "rds", "customer", "UserGuide/rds-secrets-manager.html"),
    ("credential-rotation", "aurora", "customer", "AuroraUserGuide/rds-secrets-manager.html"),
]


@pytest.mark.parametrize(("entry_id", "service", "owner", "page"), CHANGED)
def test_the_owner_is_the_default_cases(data: Catalog, entry_id: str, service: str, owner: str, page: str) -> None:
    here = cell(data, entry_id, service)
    assert here.owner == owner
    assert cites(data, here.sources, page)
    assert data.responsibility(entry_id).checked == CHECKED


@pytest.mark.parametrize(
    ("entry_id", "service", "when", "owner"),
    [
        ("guest-os-patching", "eks", "Fargate", "aws"),
        ("managed-service-patching", "eks", "Fargate", "aws"),
        ("managed-service-patching", "ecs-ec2", "ECS Managed Instances", "aws"),
        ("managed-service-patching", "fargate", "Standalone tasks (run without a service)", "shared"),
        ("managed-service-patching", "lambda", "Manual mode", "customer"),
        ("managed-service-patching", "elastic-beanstalk", "Managed platform updates turned off", "customer"),
        ("data-encryption", "aurora", "Cluster created before February 18, 2026", "customer"),
        ("key-management", "fargate", "Customer managed key", "customer"),
        ("key-management", "s3", "SSE-KMS with a customer managed key", "customer"),
        ("secrets-management", "rds", "RDS manages the master user password in Secrets Manager", "aws"),
        ("credential-rotation", "aurora", "Aurora manages the master user password in Secrets Manager", "shared"),
        ("vpc-internet-access", "lambda", "Attached to a customer VPC", "customer"),
        ("security-groups", "lambda", "Attached to a customer VPC", "customer"),
        ("container-images", "lambda", "Container image", "shared"),
        ("guest-os-patching", "eks", "Standalone Pods on Fargate (no Deployment or StatefulSet)", "shared"),
        ("managed-service-patching", "eks", "Standalone Pods on Fargate (no Deployment or StatefulSet)", "shared"),
        ("vpc-internet-access", "lambda", "Lambda Managed Instances (capacity provider)", "customer"),
        ("security-groups", "lambda", "Lambda Managed Instances (capacity provider)", "customer"),
        ("network-acls", "lambda", "Lambda Managed Instances (capacity provider)", "customer"),
        ("key-management", "aurora", "Cluster created before February 18, 2026", "shared"),
        ("key-management", "s3", "SSE-C (customer-provided keys)", "customer"),
    ],
)
def test_other_setups_keep_their_own_owner(data: Catalog, entry_id: str, service: str, when: str, owner: str) -> None:
    [condition] = [c for c in cell(data, entry_id, service).conditions if c.when == when]
    assert condition.owner == owner


def test_guest_os_packages_in_images_belong_to_container_images(data: Catalog) -> None:
    for note in (cell(data, "guest-os-patching", "fargate").note, cell(data, "guest-os-patching", "eks").note):
        assert "OS" in note or "operating system" in note
    assert "container images" in cell(data, "guest-os-patching", "fargate").note
    assert cell(data, "container-images", "fargate").owner == "customer"


def test_ec2_credential_rotation_names_both_sides(data: Catalog) -> None:
    ec2 = cell(data, "credential-rotation", "ec2")
    assert ec2.owner == "shared"
    assert "AWS rotates the temporary credentials" in ec2.note
    assert "the customer rotates the long-term credentials" in ec2.note
    assert cites(data, ec2.sources, "id_credentials_access-keys.html")
    for service in ("ecs-ec2", "eks", "elastic-beanstalk"):
        assert cell(data, "credential-rotation", service) == ec2


def test_the_errata_list_every_entry_whose_owner_changed() -> None:
    sources_page = (ROOT / "docs" / "sources.md").read_text(encoding="utf-8")
    section = sources_page[sources_page.index("The owner is the default case's (7 December 2026)") :]
    for entry_id in {entry for entry, *_ in CHANGED}:
        assert f"[[{entry_id}]]" in section, entry_id
    assert "With Fargate, AWS patches the guest OS." not in sources_page, "the notes were right: erratum withdrawn"


def test_the_lambda_network_conditions_cite_their_pages(data: Catalog) -> None:
    for entry_id in ("vpc-internet-access", "security-groups", "network-acls", "network-traffic-protection"):
        for condition in cell(data, entry_id, "lambda").conditions:
            assert condition.sources, (entry_id, condition.when)
            page = "capacity-providers" if "Managed Instances" in condition.when else "configuration-vpc.html"
            assert cites(data, condition.sources, page), (entry_id, condition.when)


def test_the_second_readings_unsupported_wording_is_gone(data: Catalog) -> None:
    """Claims no cited AWS page makes (second reading of 7 December 2026)."""
    texts = [
        text
        for entry in data.responsibilities
        for service in data.services
        for text in [data.cell(entry, service.id).note or ""]
        + [c.note for c in data.cell(entry, service.id).conditions]
    ]
    for phrase in ("roughly weekly", "stays unencrypted", "other database credentials", "The default .zip function"):
        assert not [t for t in texts if phrase in t], phrase
    assert "has no security group" not in cell(data, "security-groups", "lambda").note
    assert "Lambda maintains" not in cell(data, "network-acls", "lambda").note, "n/a, not AWS's: keep one owner"
    assert "as they expire" in cell(data, "eks-control-plane", "eks").note


def test_standalone_pods_on_eks_fargate_match_standalone_tasks_on_ecs(data: Catalog) -> None:
    """What no controller recreates, the customer relaunches: the same shared answer on ECS and EKS."""
    ecs = [c for c in cell(data, "managed-service-patching", "fargate").conditions if "Standalone" in c.when]
    for entry_id in ("guest-os-patching", "managed-service-patching"):
        [pods] = [c for c in cell(data, entry_id, "eks").conditions if "Standalone Pods" in c.when]
        assert pods.owner == ecs[0].owner == "shared"
        assert "the customer creates the replacement Pod" in pods.note
        assert cites(data, pods.sources, "fargate-pod-patching.html")
