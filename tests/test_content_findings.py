"""The findings of issue 27 ("Right and current") stay corrected in the real data: owners, conditions, sources, texts.

One test per finding and per fact added; each names the AWS page it rests on through its source id.
"""

from __future__ import annotations

import datetime
import re

import pytest
from helpers import ROOT, cell, condition, real_catalog, url
from search_queries import QUERIES

from srg.model import Catalog, Responsibility

CHECKED = datetime.date(2026, 12, 7)


@pytest.fixture(scope="module")
def data() -> Catalog:
    return real_catalog()


def entry(data: Catalog, entry_id: str) -> Responsibility:
    return data.responsibility(entry_id)


# -- 6. simulated DDoS tests follow the DDoS Simulation Testing policy -------------------------


def test_penetration_testing_sends_simulated_ddos_to_its_own_policy(data: Catalog) -> None:
    pen = entry(data, "penetration-testing")
    assert "denial-of-service attacks are not allowed, except approved DDoS simulations" in pen.summary
    assert "forbids assessing AWS's own infrastructure, DNS zone walking, flooding and DoS or DDoS attacks" in pen.aws
    assert "an AWS-approved test partner runs any simulated DDoS test for it" in pen.customer
    assert "against a resource Shield Advanced protects" in pen.customer
    assert "edge-optimized API Gateway endpoint" in pen.customer
    assert "ddos-simulation-testing" in pen.sources
    assert url(data, "ddos-simulation-testing") == "https://aws.amazon.com/security/ddos-simulation-testing/"


# -- 12. hosts, facilities and host OS: the customer's own machines and sites ------------------

HOST_ENTRIES = [
    "physical-hosts",
    "data-center-access",
    "facility-components",
    "host-os-patching",
    "virtualization-layer",
]


@pytest.mark.parametrize("entry_id", HOST_ENTRIES)
def test_eks_hybrid_nodes_are_the_customers_machines(data: Catalog, entry_id: str) -> None:
    assert cell(data, entry_id, "eks").owner == "aws"
    hybrid = condition(data, entry_id, "eks", "Hybrid nodes")
    assert hybrid.owner == "customer"
    assert hybrid.sources == ["eks-hybrid-nodes-prereqs"]
    assert url(data, "eks-hybrid-nodes-prereqs").endswith("/eks/latest/userguide/hybrid-nodes-prereqs.html")


@pytest.mark.parametrize("entry_id", HOST_ENTRIES)
def test_ecs_anywhere_external_instances_are_the_customers_machines(data: Catalog, entry_id: str) -> None:
    assert cell(data, entry_id, "ecs-ec2").owner == "aws"
    external = condition(data, entry_id, "ecs-ec2", "ECS Anywhere")
    assert external.owner == "customer"
    assert external.sources == ["ecs-anywhere"]
    assert url(data, "ecs-anywhere").endswith("/AmazonECS/latest/developerguide/ecs-anywhere.html")


@pytest.mark.parametrize(
    ("entry_id", "source_id"),
    [("data-center-access", "outposts-site-requirements"), ("facility-components", "outposts-site-requirements")],
)
def test_an_outposts_rack_stands_in_the_customers_facility(data: Catalog, entry_id: str, source_id: str) -> None:
    held = entry(data, entry_id)
    assert "Outposts" in held.summary
    assert re.search(
        r"Outposts rack stands in (the customer's own facility|a facility the customer provides)", held.customer
    )
    assert source_id in held.sources


def test_an_outposts_rack_is_nitro_hardware_per_the_nitro_whitepaper(data: Catalog) -> None:
    hosts = entry(data, "physical-hosts")
    assert "Nitro System hardware of an AWS Outposts rack" in hosts.customer
    assert "nitro-security-in-context" in hosts.sources  # "Nitro System based hardware located in their own facilities"


def test_host_os_patching_no_longer_says_the_customer_never_patches_a_host(data: Catalog) -> None:
    host = entry(data, "host-os-patching")
    assert "never patches a host" not in host.summary
    assert "hybrid nodes" in host.summary
    assert "ECS Anywhere" in host.summary


# -- 13. Fargate's five security groups rest on the ECS API reference ---------------------------


def test_fargate_security_groups_cite_awsvpc_configuration(data: Catalog) -> None:
    fargate = cell(data, "security-groups", "fargate")
    assert "up to five security groups" in fargate.note
    assert "default security group" in fargate.note
    assert "ecs-api-awsvpc-configuration" in fargate.sources
    assert url(data, "ecs-api-awsvpc-configuration").endswith(
        "/AmazonECS/latest/APIReference/API_AwsVpcConfiguration.html"
    )


# -- 14. Elastic Beanstalk's starting security groups are sourced --------------------------------


def test_elastic_beanstalk_starting_groups_cite_the_pages_that_say_it(data: Catalog) -> None:
    eb = cell(data, "security-groups", "elastic-beanstalk")
    assert eb.owner == "customer"
    assert re.search(r"port 80", eb.note)
    assert "SSH" not in eb.note  # the cited pages name port 80 only
    assert re.search(r"port 80 from the load balancer", eb.note)
    assert {"eb-environment-resources", "eb-security-groups"} <= set(eb.sources)
    assert url(data, "eb-security-groups").endswith(
        "/elasticbeanstalk/latest/dg/using-features.managing.ec2.instances.sg.html"
    )


# -- 15. a database endpoint's exposure is the customer's ---------------------------------------


@pytest.mark.parametrize(
    ("service", "sources"),
    [
        ("rds", {"rds-vpc", "rds-security-groups", "rds-using-ssl"}),
        ("aurora", {"aurora-vpc", "aurora-security-groups", "aurora-using-ssl"}),
    ],
)
def test_database_endpoints_are_shared(data: Catalog, service: str, sources: set[str]) -> None:
    endpoint = cell(data, "service-endpoints", service)
    assert endpoint.owner == "shared"
    assert "publicly accessible" in endpoint.note
    assert "security group" in endpoint.note
    assert "TLS" in endpoint.note
    assert sources <= set(endpoint.sources)


def test_aurora_endpoint_tls_cites_the_page_for_both_engines(data: Catalog) -> None:
    aurora = cell(data, "service-endpoints", "aurora")
    assert "Aurora MySQL or Aurora PostgreSQL" in aurora.note
    assert "aurora-postgresql-security" not in aurora.sources  # PostgreSQL only; the SSL/TLS page covers both
    assert url(data, "aurora-using-ssl").endswith("/AmazonRDS/latest/AuroraUserGuide/UsingWithRDS.SSL.html")


# -- 16. EKS Auto Mode leaves the containers with the customer -----------------------------------


def test_eks_container_images_cite_auto_mode(data: Catalog) -> None:
    eks = cell(data, "container-images", "eks")
    assert eks.owner == "customer"
    assert "Auto Mode" in eks.note
    assert "eks-auto-mode-instances" in eks.sources
    assert url(data, "eks-auto-mode-instances").endswith("/eks/latest/userguide/automode-learn-instances.html")


# -- 17. a container-image Lambda function brings its own OS --------------------------------------


def test_lambda_configuration_management_names_the_container_image_os(data: Catalog) -> None:
    lam = cell(data, "configuration-management", "lambda")
    assert "There is no customer-run OS" not in lam.note
    assert "container-image function" in lam.note
    assert "base image" in lam.note
    assert "lambda-images-create" in lam.sources


# -- 18. "AWS Support or account representative first": the policy page says it (second reading) --


@pytest.mark.parametrize(
    ("entry_id", "service"),
    [("penetration-testing", "eks"), ("penetration-testing", "dynamodb"), ("vulnerability-scanning", "dynamodb")],
)
def test_a_service_not_on_the_list_is_tested_through_aws_support(data: Catalog, entry_id: str, service: str) -> None:
    note = cell(data, entry_id, service).note
    assert "without prior approval" in note
    assert re.search(r"AWS Support or its account\s+representative first", note)
    assert "penetration-testing-policy" in cell(data, entry_id, service).sources


def test_the_errata_no_longer_say_the_aws_support_line_is_unsourced() -> None:
    errata = (ROOT / "docs" / "sources.md").read_text(encoding="utf-8")
    assert "AWS Support or an account representative" not in errata


# -- 19. credential rotation: what each side rotates ---------------------------------------------


def test_lambda_credential_rotation_says_what_each_side_rotates(data: Catalog) -> None:
    lam = cell(data, "credential-rotation", "lambda")
    assert lam.owner == "shared"
    assert "execution role when the function is invoked" in lam.note
    assert "session token" in lam.note  # the environment variables page; the role page no longer says "temporary"
    assert "Secrets Manager" in lam.note
    assert {"lambda-execution-role", "secrets-manager-rotating"} <= set(lam.sources)


def test_credential_rotation_aws_text_names_role_credentials_too(data: Catalog) -> None:
    rotation = entry(data, "credential-rotation")
    assert "AWS managed KMS keys" in rotation.aws
    assert "temporary" in rotation.aws
    assert "roles" in rotation.aws


# -- 20. sources a reader would expect ------------------------------------------------------------

GONE = [
    "sdk-ruby-compliance-validation",
    "rds-api-storage-encrypted",
    "ec2-encryption-in-transit-supported",
    "aws-backup-cdk",
    "console-cloudtrail-event-history",
    "secrets-manager-overview",
]


@pytest.mark.parametrize("source_id", GONE)
def test_unexpected_sources_are_gone(data: Catalog, source_id: str) -> None:
    assert source_id not in {s.id for s in data.sources}


@pytest.mark.parametrize(
    ("entry_id", "source_id", "address"),
    [
        ("compliance-reports", "artifact-faq", "https://aws.amazon.com/artifact/faq/"),
        (
            "logging-and-monitoring",
            "cloudtrail-event-history",
            "/awscloudtrail/latest/userguide/view-cloudtrail-events.html",
        ),
        (
            "secrets-management",
            "secrets-manager-data-protection",
            "/secretsmanager/latest/userguide/data-protection.html",
        ),
    ],
)
def test_entries_cite_the_services_own_pages(data: Catalog, entry_id: str, source_id: str, address: str) -> None:
    assert source_id in entry(data, entry_id).sources
    assert url(data, source_id).endswith(address)


def test_rds_encryption_default_cites_the_rds_api_reference(data: Catalog) -> None:
    rds = cell(data, "data-encryption", "rds")
    assert "rds-api-create-db-instance" in rds.sources
    assert url(data, "rds-api-create-db-instance").startswith(
        "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/"
    )


def test_no_source_is_an_sdk_for_kotlin_or_cdk_page_behind_encryption_or_backups(data: Catalog) -> None:
    for entry_id in ("data-encryption", "encryption-in-transit", "backups-and-resilience"):
        held = entry(data, entry_id)
        cited = set(held.sources) | {s for svc in data.services for s in data.cell(held, svc.id).sources}
        assert not [s for s in cited if "sdk-for-kotlin" in url(data, s) or "/cdk/" in url(data, s)], entry_id


@pytest.mark.parametrize("source_id", ["shield-guide", "shield-how-it-works", "waf-web-acl", "waf-associate"])
def test_waf_and_shield_sources_carry_the_guides_current_title(data: Catalog, source_id: str) -> None:
    title = data.source(source_id).title
    assert title.startswith(
        "AWS WAF, AWS Firewall Manager, AWS Shield Advanced, and AWS Shield network security director"
    )


# -- 21. edge locations ----------------------------------------------------------------------------


def test_edge_locations_are_in_the_global_infrastructure_entry(data: Catalog) -> None:
    infra = entry(data, "global-infrastructure")
    assert "edge locations" in infra.title
    assert "edge locations" in infra.aws
    assert "edge locations" in infra.search
    assert "cloudfront-docs-overview" in infra.sources
    assert "cloudfront-introduction" in infra.sources
    assert url(data, "cloudfront-introduction").endswith("/AmazonCloudFront/latest/DeveloperGuide/Introduction.html")
    assert QUERIES["edge locations"] == "aws/#global-infrastructure"


# -- facts added ---------------------------------------------------------------------------------


def test_root_user_mfa_is_required_by_aws(data: Catalog) -> None:
    root = entry(data, "root-user-and-mfa")
    assert re.search(r"enforces MFA for root users by\s+default", root.aws)
    assert "35 days" not in root.aws  # said by an older version of the page only
    assert "iam-root-mfa" in root.sources


def test_root_access_can_be_centralized_in_organizations(data: Catalog) -> None:
    root = entry(data, "root-user-and-mfa")
    assert "centralize root access" in root.customer
    assert "iam-root-centralize" in root.sources


def test_aws_managed_keys_are_a_legacy_type(data: Catalog) -> None:
    kms = entry(data, "key-management")
    assert "legacy type no longer created for new services" in kms.aws
    assert "kms-keys" in kms.sources


def test_customer_managed_keys_take_a_custom_rotation_period(data: Catalog) -> None:
    kms = entry(data, "key-management")
    assert "between 90 and 2560 days" in kms.customer
    assert "kms-rotating-keys-enable" in kms.sources


@pytest.mark.parametrize("service", ["s3", "dynamodb"])
def test_interface_endpoints_carry_security_groups(data: Catalog, service: str) -> None:
    assert cell(data, "security-groups", service).owner == "n/a"
    through = condition(data, "security-groups", service, "interface VPC endpoint")
    assert through.owner == "customer"
    assert "privatelink-interface-endpoint" in through.sources


def test_s3_block_public_access_can_be_set_for_an_organization(data: Catalog) -> None:
    s3 = cell(data, "public-storage-access", "s3")
    assert "AWS Organizations organization" in s3.note
    assert "overrides the accounts' own settings" in s3.note
    assert {"orgs-s3-policies", "s3-block-public-access-account"} <= set(s3.sources)


def test_lambda_function_urls_need_both_permissions_since_october_2025(data: Catalog) -> None:
    lam = cell(data, "public-storage-access", "lambda")
    assert "October 2025" in lam.note
    assert "lambda:InvokeFunctionUrl" in lam.note
    assert "lambda:InvokeFunction permission" in lam.note
    assert lam.sources == ["lambda-function-url-auth"]


def test_incident_response_names_aws_security_incident_response(data: Catalog) -> None:
    ir = entry(data, "incident-response")
    assert "AWS Security Incident Response" in ir.aws
    assert "opens the cases" not in ir.customer  # the service itself opens cases for what its triage escalates
    assert "submits its own reactive cases" in ir.customer
    assert "optional" in ir.aws
    assert {"security-ir-onboarding", "security-ir-raci"} <= set(ir.sources)
    assert {cell.owner for cell in data.cells[ir.id].values()} == {"customer"}


# -- every entry changed for this issue was checked on the day -----------------------------------

CHANGED = [
    "global-infrastructure",
    "data-center-access",
    "facility-components",
    "physical-hosts",
    "host-os-patching",
    "virtualization-layer",
    "penetration-testing",
    "vulnerability-scanning",
    "security-groups",
    "service-endpoints",
    "container-images",
    "configuration-management",
    "credential-rotation",
    "key-management",
    "root-user-and-mfa",
    "public-storage-access",
    "incident-response",
    "compliance-reports",
    "logging-and-monitoring",
    "secrets-management",
    "data-encryption",
    "encryption-in-transit",
    "backups-and-resilience",
]


@pytest.mark.parametrize("entry_id", CHANGED)
def test_changed_entries_were_checked_on_the_day(data: Catalog, entry_id: str) -> None:
    assert entry(data, entry_id).checked == CHECKED
