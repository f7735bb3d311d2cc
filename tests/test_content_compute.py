"""The compute and database answers of issue 27 ("Right and current"): each correction and each option stays made.

One test per item and per option AWS documents, asserting the owner, the condition and the AWS page it rests on.
"""

from __future__ import annotations

import datetime

import pytest
from helpers import real_catalog

from srg.model import Catalog, Cell, Condition

CHECKED = datetime.date(2026, 12, 7)


@pytest.fixture(scope="module")
def data() -> Catalog:
    return real_catalog()


def cell(data: Catalog, entry_id: str, service_id: str) -> Cell:
    return data.cell(data.responsibility(entry_id), service_id)


def condition(data: Catalog, entry_id: str, service_id: str, when: str) -> Condition:
    """The one condition of the cell whose 'when' starts with the given words."""
    found = [c for c in cell(data, entry_id, service_id).conditions if c.when.startswith(when)]
    assert len(found) == 1, (entry_id, service_id, when, [c.when for c in cell(data, entry_id, service_id).conditions])
    return found[0]


def cites(data: Catalog, ids: list[str], url_part: str) -> bool:
    return any(url_part in (data.source(s).url or "") for s in ids)


@pytest.mark.parametrize(
    "entry",
    [
        "patch-management",
        "installed-software",
        "managed-service-platform",
        "guest-os-patching",
        "managed-service-patching",
        "vpc-internet-access",
        "encryption-in-transit",
        "identity-and-access-management",
    ],
)
def test_every_entry_issue_27_changed_was_checked_on_the_day(data: Catalog, entry: str) -> None:
    assert data.responsibility(entry).checked >= CHECKED


# Item 1: patch-management names what RDS and Aurora apply themselves.
@pytest.mark.parametrize(("service", "page"), [("rds", "UserGuide/"), ("aurora", "AuroraUserGuide/")])
def test_patch_management_says_rds_and_aurora_apply_required_patches_and_forced_upgrades(
    data: Catalog, service: str, page: str
) -> None:
    patching = cell(data, "patch-management", service)
    assert patching.owner == "shared"
    assert "required security and reliability patches itself" in patching.note
    assert "even with auto minor version upgrade off" in patching.note
    assert "Extended Support is off" in patching.note
    assert cites(data, patching.sources, page + "extended-support-creating-db-instance.html")


# Item 2: the end of standard support is an exception to "the customer upgrades".
def test_rds_upgrades_a_major_version_at_end_of_standard_support_when_extended_support_is_off(data: Catalog) -> None:
    end = condition(data, "installed-software", "rds", "End of standard support, RDS Extended Support off")
    assert end.owner == "aws"
    assert cites(data, end.sources, "UserGuide/extended-support-creating-db-instance.html")
    enrolled = condition(data, "installed-software", "rds", "Enrolled in RDS Extended Support")
    assert enrolled.owner == "customer"
    assert cites(data, enrolled.sources, "extended-support-responsibilities.html")


def test_rds_may_apply_a_minor_upgrade_with_auto_minor_version_upgrade_off(data: Catalog) -> None:
    off = condition(data, "installed-software", "rds", "Minor engine version upgrade, auto minor version upgrade off")
    assert off.owner == "customer"
    assert "end-of-support" in off.note
    assert cites(data, off.sources, "USER_UpgradeDBInstance.Upgrading.html")
    assert cites(data, off.sources, "UserGuide/extended-support-creating-db-instance.html")


# Second reading: no RDS page (as opposed to Aurora's) says RDS applies a minor upgrade for a critical security issue.
def test_rds_cells_claim_no_minor_upgrade_for_a_critical_security_issue(data: Catalog) -> None:
    off = condition(data, "installed-software", "rds", "Minor engine version upgrade, auto minor version upgrade off")
    assert "critical" not in off.note
    assert "critical" not in cell(data, "patch-management", "rds").note


def test_aurora_major_upgrades_have_the_end_of_standard_support_exception(data: Catalog) -> None:
    major = cell(data, "installed-software", "aurora")  # issue 28: the default setup's note says it
    assert "never" not in major.note
    assert "major upgrades" in major.note
    assert "reaches the end of its support (see below)" in major.note
    end = condition(data, "installed-software", "aurora", "End of standard support, RDS Extended Support off")
    assert end.owner == "aws"
    assert cites(data, end.sources, "AuroraUserGuide/extended-support-creating-db-instance.html")


# Item 3: AWS does not run the OS and platform of every managed service.
def test_the_general_platform_text_does_not_give_aws_every_managed_platform(data: Catalog) -> None:
    assert (
        "for managed and abstracted services the infrastructure"
        not in data.responsibility("managed-service-platform").aws
    )


def test_elastic_beanstalk_platform_follows_managed_updates(data: Catalog) -> None:
    on = cell(data, "managed-service-platform", "elastic-beanstalk")  # managed updates are on by default (issue 28)
    assert on.owner == "shared"
    assert "managed platform updates on as they are by default" in on.note
    assert cites(data, on.sources, "environment-platform-update-managed.html")
    off = condition(data, "managed-service-platform", "elastic-beanstalk", "Managed platform updates turned off")
    assert off.owner == "customer"
    for option in (on, off):
        assert cites(data, option.sources, "platforms-shared-responsibility.html")


@pytest.mark.parametrize("entry", ["managed-service-platform", "guest-os-patching"])
def test_an_elastic_beanstalk_custom_ami_is_the_customers_to_patch(data: Catalog, entry: str) -> None:
    custom = condition(data, entry, "elastic-beanstalk", "Custom AMI")
    assert custom.owner == "customer"
    assert cites(data, custom.sources, "platforms-shared-responsibility.html")


# Items 4 and 5: the glossary names every way ECS and EKS run containers.
@pytest.mark.parametrize(
    ("term", "options"),
    [
        ("ECS", ["ECS Managed Instances", "ECS Anywhere", "Fargate"]),
        ("EKS", ["managed node groups", "EKS Auto Mode", "EKS Hybrid Nodes", "Fargate"]),
    ],
)
def test_the_glossary_names_every_way_containers_run(data: Catalog, term: str, options: list[str]) -> None:
    definition = next(t.definition for t in data.glossary if t.term == term)
    for option in options:
        assert option in definition, (term, option)


# Item 7, second reading: EKS replaces Fargate and Auto Mode nodes on its own schedule; NodePool disruption budgets
# confine Auto Mode's drift replacement to time windows, but not past the 21-day maximum node lifetime.
def test_eks_replaces_fargate_and_auto_mode_nodes_on_its_own_schedule(data: Catalog) -> None:
    base = cell(data, "managed-service-patching", "eks")
    assert "no maintenance window" not in base.note
    assert "only EKS Auto Mode" not in base.note
    assert "default EKS Auto Mode" in base.note
    assert "EKS Fargate" in base.note
    assert "21-day maximum node lifetime" in base.note
    assert cites(data, base.sources, "userguide/create-node-pool.html")
    assert cites(data, base.sources, "userguide/automode.html")
    assert not cites(data, base.sources, "repost.aws/articles/")


def test_eks_auto_mode_replaces_nodes_after_14_days_by_default_and_21_at_most(data: Catalog) -> None:
    auto = cell(data, "managed-service-patching", "eks")  # EKS Auto Mode is the default setup (issue 28)
    assert auto.owner == "aws"
    assert "336 hours (14 days)" in auto.note
    assert "at most after 21 days" in auto.note
    assert "roughly weekly" not in auto.note, "no AWS page gives how often a new Auto Mode AMI comes out"
    assert "disruption budgets" in auto.note
    assert "maintenance window" not in auto.note
    assert cites(data, auto.sources, "userguide/create-node-pool.html")
    assert cites(data, auto.sources, "userguide/automode.html")
    assert not cites(data, auto.sources, "repost.aws/articles/")


# Item 8: managed node groups get the latest AMI release only with an EKS optimized AMI.
@pytest.mark.parametrize("entry", ["managed-service-platform", "managed-service-patching", "guest-os-patching"])
def test_managed_node_groups_get_the_latest_ami_only_with_an_eks_optimized_ami(data: Catalog, entry: str) -> None:
    groups = condition(data, entry, "eks", "Managed node groups")
    assert "EKS optimized AMI" in groups.note
    assert "custom AMI" in groups.note
    assert cites(data, groups.sources, "update-managed-node-group.html")


# Item 9: one rule for Fargate on ECS and on EKS: AWS patches the OS under the tasks or Pods. Issue 28: the OS
# packages inside the customer's images belong to container images, not guest OS, which makes both AWS's.
def test_fargate_os_patching_has_one_owner_on_ecs_and_eks(data: Catalog) -> None:
    eks_fargate = condition(data, "guest-os-patching", "eks", "Fargate")
    ecs_fargate = cell(data, "guest-os-patching", "fargate")
    assert eks_fargate.owner == ecs_fargate.owner == "aws"
    for note in (eks_fargate.note, ecs_fargate.note):
        assert "container images" in note
    assert cites(data, eks_fargate.sources, "fargate-pod-patching.html")
    assert cites(data, eks_fargate.sources, "fargate-pod-eviction-notice")
    assert cites(data, eks_fargate.sources, "userguide/security.html")


# Item 10: managed node groups get their OS updates from AWS's EKS optimized AMI releases.
def test_the_guest_os_answer_names_eks_managed_node_groups(data: Catalog) -> None:
    managed = condition(data, "guest-os-patching", "eks", "Managed node groups")
    assert "with an EKS optimized AMI the latest AMI release brings the OS security patches" in managed.note


# Item 10: a forced apply date overrides the maintenance window.
@pytest.mark.parametrize("service", ["rds", "aurora"])
def test_required_patches_follow_a_forced_apply_date(data: Catalog, service: str) -> None:
    required = condition(data, "guest-os-patching", service, "Required patch")
    assert required.owner == "aws"
    assert "forced apply date" in required.note
    assert "within the customer's maintenance window" not in required.note
    assert cites(data, required.sources, "API_PendingMaintenanceAction.html")
    window = cell(data, "managed-service-patching", service)
    assert "forced apply date" in window.note
    assert cites(data, window.sources, "API_PendingMaintenanceAction.html")


# Item 11: no page says Lambda has no maintenance window.
def test_lambda_patching_claims_no_maintenance_window_either_way(data: Catalog) -> None:
    assert "maintenance window" not in cell(data, "managed-service-patching", "lambda").note


# The options AWS documents.
@pytest.mark.parametrize(
    ("entry", "owner"),
    [
        ("managed-service-platform", "aws"),
        ("guest-os-patching", "aws"),
        ("managed-service-patching", "aws"),
        ("patch-management", "shared"),
    ],
)
def test_ecs_managed_instances_are_patched_by_aws(data: Catalog, entry: str, owner: str) -> None:
    option = condition(data, entry, "ecs-ec2", "ECS Managed Instances")
    assert option.owner == owner
    assert "21" in option.note
    assert cites(data, option.sources, "managed-instances-patching.html")


@pytest.mark.parametrize("entry", ["managed-service-platform", "patch-management"])
def test_ecs_managed_instances_cite_their_own_shared_responsibility_page(data: Catalog, entry: str) -> None:
    option = condition(data, entry, "ecs-ec2", "ECS Managed Instances")
    assert cites(data, option.sources, "security-shared-model-managed-instances.html")
    assert not cites(data, option.sources, "developerguide/security-shared-model.html")


def test_aws_picks_ecs_managed_instance_types_unless_the_customer_names_attributes(data: Catalog) -> None:
    option = condition(data, "managed-service-platform", "ecs-ec2", "ECS Managed Instances")
    assert "picks the instance requirements" not in option.note
    assert "states its compute requirements" in option.note
    assert "most cost-optimized" in option.note
    assert cites(data, option.sources, "ManagedInstances.html")


@pytest.mark.parametrize(
    ("entry", "owner"),
    [("managed-service-platform", "customer"), ("guest-os-patching", "customer"), ("patch-management", "shared")],
)
def test_ecs_anywhere_instances_are_the_customers(data: Catalog, entry: str, owner: str) -> None:
    option = condition(data, entry, "ecs-ec2", "ECS Anywhere")
    assert option.owner == owner
    assert cites(data, option.sources, "ecs-anywhere.html")


@pytest.mark.parametrize("entry", ["managed-service-platform", "guest-os-patching"])
def test_eks_auto_mode_creates_patches_and_deletes_the_nodes(data: Catalog, entry: str) -> None:
    auto = cell(data, entry, "eks")  # EKS Auto Mode is the default setup (issue 28), no longer a condition
    assert auto.owner == "aws"
    assert "EKS Auto Mode" in auto.note
    assert not [c for c in auto.conditions if "Auto Mode" in c.when]
    assert cites(data, auto.sources, "automode-learn-instances.html")


def test_the_21_days_of_eks_auto_mode_cite_the_auto_mode_guide(data: Catalog) -> None:
    auto = cell(data, "guest-os-patching", "eks")
    assert "21 days" in auto.note
    assert cites(data, auto.sources, "userguide/automode.html")


@pytest.mark.parametrize(
    ("entry", "owner"),
    [("managed-service-platform", "customer"), ("guest-os-patching", "customer"), ("managed-service-patching", "n/a")],
)
def test_eks_hybrid_nodes_are_the_customers(data: Catalog, entry: str, owner: str) -> None:
    hybrid = condition(data, entry, "eks", "EKS Hybrid Nodes")
    assert hybrid.owner == owner
    assert "manages only" not in hybrid.note
    assert cites(data, hybrid.sources, "hybrid-nodes-overview.html")


@pytest.mark.parametrize(
    ("entry", "when", "owner"),
    [
        ("managed-service-platform", "RDS Custom", "shared"),
        ("guest-os-patching", "RDS Custom for Oracle", "customer"),
        ("guest-os-patching", "RDS Custom for Microsoft SQL Server", "aws"),
    ],
)
def test_rds_custom_hands_the_host_os_to_the_customer(data: Catalog, entry: str, when: str, owner: str) -> None:
    custom = condition(data, entry, "rds", when)
    assert custom.owner == owner
    assert cites(data, custom.sources, "rds-custom.html")


def test_a_lambda_custom_runtime_is_the_customers_to_patch(data: Catalog) -> None:
    custom = condition(data, "installed-software", "lambda", "Custom runtime")
    assert custom.owner == "customer"
    assert cites(data, custom.sources, "runtime-maintenance-in-lambda.html")


@pytest.mark.parametrize("entry", ["installed-software", "guest-os-patching"])
def test_a_deprecated_lambda_runtime_gets_no_more_patches(data: Catalog, entry: str) -> None:
    deprecated = condition(data, entry, "lambda", "Deprecated runtime")
    assert deprecated.owner == "customer"
    assert "no longer applies security patches" in deprecated.note
    assert cites(data, deprecated.sources, "runtime-support-policy.html")


def test_rds_says_when_an_instance_is_public_by_default(data: Catalog) -> None:
    internet = cell(data, "vpc-internet-access", "rds")
    assert internet.owner == "customer"
    assert "the default VPC, or the DB subnet group's VPC) has an internet gateway" in internet.note
    assert "API or CLI" in internet.note
    assert cites(data, internet.sources, "APIReference/API_CreateDBInstance.html")
    assert cites(data, internet.sources, "APIReference/API_ModifyDBInstance.html")
    assert not cites(data, internet.sources, "sdk-for-kotlin")


def test_rds_tls_defaults_are_given_by_engine(data: Catalog) -> None:
    tls = cell(data, "encryption-in-transit", "rds")
    assert tls.owner == "shared"
    assert "uses and expects" not in tls.note
    assert "sslmode=prefer" in tls.note
    assert "rds.force_ssl" in tls.note
    assert "require_secure_transport" in tls.note
    assert cites(data, tls.sources, "PostgreSQL.Concepts.General.SSL.html")
    assert cites(data, tls.sources, "mysql-ssl-connections.require-ssl.html")


def test_rds_names_iam_database_authentication(data: Catalog) -> None:
    iam = cell(data, "identity-and-access-management", "rds")
    assert iam.owner == "customer"
    assert "IAM database authentication, off by default" in iam.note
    assert cites(data, iam.sources, "UsingWithRDS.IAMDBAuth.Enabling.html")
