"""The second reading of the eleven new responsibilities (issue 30, item 1) stays corrected in the real data.

One test per finding; each names the AWS page it rests on through its source id, and the quoted words of the page
in a comment where the data says them in its own words.
"""

from __future__ import annotations

import datetime

import pytest
from helpers import real_catalog

from srg.model import Catalog, Cell, Condition, Responsibility

CHECKED = datetime.date(2026, 12, 7)

NEW_ENTRIES = [
    "threat-detection",
    "security-posture-checks",
    "configuration-compliance",
    "hipaa-compliance",
    "pci-dss-compliance",
    "gdpr-compliance",
    "tls-certificates",
    "disaster-recovery",
    "database-audit-logs",
    "database-authentication",
    "deletion-protection",
]


@pytest.fixture(scope="module")
def data() -> Catalog:
    return real_catalog()


def entry(data: Catalog, entry_id: str) -> Responsibility:
    return data.responsibility(entry_id)


def cell(data: Catalog, entry_id: str, service_id: str) -> Cell:
    return data.cell(entry(data, entry_id), service_id)


def condition(data: Catalog, entry_id: str, service_id: str, when: str) -> Condition:
    found = [c for c in cell(data, entry_id, service_id).conditions if when in c.when]
    assert len(found) == 1, (entry_id, service_id, when, [c.when for c in cell(data, entry_id, service_id).conditions])
    return found[0]


def url(data: Catalog, source_id: str) -> str:
    return data.source(source_id).url


@pytest.mark.parametrize("entry_id", NEW_ENTRIES)
def test_new_entries_are_checked_and_summaries_stay_one_short_sentence(data: Catalog, entry_id: str) -> None:
    held = entry(data, entry_id)
    assert held.checked == CHECKED
    assert len(held.summary.split()) <= 30
    assert held.summary.count(". ") == 0
    assert held.summary.endswith(".")


# -- 3. GuardDuty turns S3, EKS, RDS and Lambda Protection on with itself; Runtime Monitoring it does not --------

PLAN_CELLS = [
    ("s3", "S3 Protection", "guardduty-s3-protection", "/guardduty/latest/ug/s3-protection.html"),
    ("lambda", "Lambda Protection", "guardduty-lambda-protection", "/guardduty/latest/ug/lambda-protection.html"),
    ("aurora", "RDS Protection", "guardduty-rds-protection", "/guardduty/latest/ug/rds-protection.html"),
    ("eks", "EKS Protection", "guardduty-eks-protection", "/guardduty/latest/ug/kubernetes-protection.html"),
]


@pytest.mark.parametrize(("service_id", "plan", "source_id", "path"), PLAN_CELLS)
def test_guardduty_turns_its_plans_on_with_itself(
    data: Catalog, service_id: str, plan: str, source_id: str, path: str
) -> None:
    # S3: "For an AWS account that enables GuardDuty for the first time, S3 Protection is already enabled";
    # Lambda / EKS: "When you enable GuardDuty ... for the first time ... GuardDuty will also enable ...";
    # RDS: "For a new GuardDuty account, RDS Protection is already enabled".
    held = cell(data, "threat-detection", service_id)
    assert held.owner == "customer"  # GuardDuty itself stays off until the customer turns it on
    assert f"{plan}, which GuardDuty turns on the first time the customer turns GuardDuty on" in held.note
    assert f"{plan}, a plan the customer turns on" not in held.note
    assert source_id in held.sources
    assert url(data, source_id).endswith(path)


def test_runtime_monitoring_alone_stays_a_plan_the_customer_turns_on(data: Catalog) -> None:
    threat = entry(data, "threat-detection")
    assert "Runtime Monitoring does not" in threat.customer
    assert "turns most of its protection plans on as well" in threat.aws
    assert "most come on with GuardDuty the first time" in threat.customer
    assert "Runtime Monitoring, which" in cell(data, "threat-detection", "eks").note
    assert "is a plan the customer turns on" in cell(data, "threat-detection", "eks").note
    assert "Runtime Monitoring, a plan the customer turns on" in cell(data, "threat-detection", "ec2").note
    # Malware Protection for EC2's default is not stated, so no cell says the customer turns it on.
    for service_id in ("ec2", "elastic-beanstalk"):
        assert "turns them on" not in cell(data, "threat-detection", service_id).note


def test_lambda_protection_leaves_out_lambda_at_edge(data: Catalog) -> None:
    # "Lambda Network Activity Monitoring doesn't include the logs for Lambda@Edge functions."
    assert "except Lambda@Edge" in cell(data, "threat-detection", "lambda").note


def test_guardduty_findings_use_the_cited_pages_wording(data: Catalog) -> None:
    # guardduty-data-sources: "known malicious domains and IP addresses and identify anomalous behavior"
    aws = entry(data, "threat-detection").aws
    assert "known malicious domains and IP addresses" in aws
    assert "machine learning" not in aws


# -- 4. RDS and Aurora deletion protection: API default off, the console turns it on ---------------------------


@pytest.mark.parametrize(
    ("service_id", "api_source", "when", "condition_sources"),
    [
        ("rds", "rds-api-create-db-instance", "Production template", ["rds-deletion-protection-launch"]),
        (
            "aurora",
            "rds-api-create-db-cluster",
            "console",
            ["rds-deletion-protection-launch", "aurora-serverless-v1-delete"],
        ),
    ],
)
def test_deletion_protection_is_off_through_the_api_and_on_from_the_console(
    data: Catalog, service_id: str, api_source: str, when: str, condition_sources: list[str]
) -> None:
    # CreateDBInstance / CreateDBCluster: "By default, deletion protection isn't enabled" -- the default setup.
    held = cell(data, "deletion-protection", service_id)
    assert held.owner == "customer"
    assert held.note.startswith("Through the API, deletion protection is off")
    assert api_source in held.sources
    # What's New (2018): "enabled by default when you select the 'production' option for database instances created
    # through the AWS Console"; Aurora Serverless v1: "the Enable default protection option is enabled by default".
    console = condition(data, "deletion-protection", service_id, when)
    assert console.owner == "customer"
    assert "turns deletion protection on by default" in console.note
    assert "Production option" in console.note
    assert console.sources == condition_sources
    assert url(data, "rds-deletion-protection-launch") == (
        "https://aws.amazon.com/about-aws/whats-new/2018/09/amazon-rds-now-provides-database-deletion-protection/"
    )


def test_deletion_protection_summary_no_longer_says_always_off(data: Catalog) -> None:
    assert "usually off by default" in entry(data, "deletion-protection").summary


# -- 5. RDS picks the CA by default ------------------------------------------------------------------------------


@pytest.mark.parametrize("service_id", ["rds", "aurora"])
def test_rds_signs_with_its_default_ca_unless_the_customer_picks_another(data: Catalog, service_id: str) -> None:
    # ModifyCertificates: "... different from the default certificate provided by RDS"
    held = cell(data, "tls-certificates", service_id)
    assert held.owner == "shared"
    assert "signed by RDS's default CA, or by another RDS CA the customer picks" in held.note
    assert "the CA the customer chooses" not in held.note
    assert "rds-api-modify-certificates" in held.sources
    assert url(data, "rds-api-modify-certificates").endswith(
        "/AmazonRDS/latest/APIReference/API_ModifyCertificates.html"
    )


# -- 6. ACM renewal covers private, HTTP- and e-mail-validated certificates --------------------------------------


def test_acm_renewal_names_private_http_and_email_validated_certificates(data: Catalog) -> None:
    tls = entry(data, "tls-certificates")
    assert "DNS-validated public and its private certificates" in tls.summary
    assert "private ones and public ones validated by DNS (or HTTP)" in tls.aws
    assert "e-mails renewal notices for e-mail-validated ones" in tls.aws
    assert "approves the renewal e-mails for e-mail-validated certificates" in tls.customer
    assert "acm-managed-renewal" in tls.sources


def test_s3_website_cell_keeps_only_what_its_page_says(data: Catalog) -> None:
    note = cell(data, "tls-certificates", "s3").note
    assert note.startswith("S3 website endpoints do not support HTTPS")
    assert "cannot be put on a bucket" not in note


# -- 7. Security Hub records the resources itself when the newer Security Hub is on -----------------------------


def test_security_hub_cspm_recording_has_the_service_linked_recorder_exception(data: Catalog) -> None:
    # "If you are using Security Hub CSPM and Security Hub the configuration of the resource recording is managed
    # for you"
    posture = entry(data, "security-posture-checks")
    assert "unless Security Hub is also on and records them through its service-linked" in posture.customer
    assert "securityhub-config-resources" in posture.sources
    assert url(data, "securityhub-config-resources").endswith(
        "/securityhub/latest/userguide/controls-config-resources.html"
    )


def test_configuration_compliance_says_no_more_than_its_pages(data: Catalog) -> None:
    assert "custom ones" not in entry(data, "configuration-compliance").customer


# -- 8. / 9. database audit logs ----------------------------------------------------------------------------------


def test_activity_streams_go_to_a_kinesis_stream_the_service_creates(data: Catalog) -> None:
    # "Aurora creates the Kinesis stream automatically with a 24-hour retention period"
    audit = entry(data, "database-audit-logs")
    assert "Kinesis data stream that it creates" in audit.aws
    assert "destination the customer chooses" not in audit.aws
    assert "aurora-activity-streams" in audit.sources


def test_mariadb_audit_plugin_versions_cite_both_option_pages(data: Catalog) -> None:
    # MySQL options: "All MySQL 8.4 versions / MySQL 8.0.28 and higher 8.0 versions / All MySQL 5.7 versions";
    # MariaDB options: "MARIADB_AUDIT_PLUGIN | MariaDB 10.3 and higher".
    held = cell(data, "database-audit-logs", "rds")
    assert "RDS for MariaDB 10.3 and later" in held.note
    assert "RDS for MySQL 8.4, 8.0.28 and later 8.0, and 5.7" in held.note
    assert {"rds-mysql-options", "rds-mariadb-options"} <= set(held.sources)
    assert url(data, "rds-mysql-options").endswith("/AmazonRDS/latest/UserGuide/Appendix.MySQL.Options.html")
    assert url(data, "rds-mariadb-options").endswith("/AmazonRDS/latest/UserGuide/Appendix.MariaDB.Options.html")


# -- 10. / 11. GDPR and HIPAA --------------------------------------------------------------------------------------


def test_gdpr_customer_is_controller_or_processor(data: Catalog) -> None:
    # DPA 1.1: "Customer, who can act either as controller or processor"
    assert "as controller or processor" in entry(data, "gdpr-compliance").summary


def test_hipaa_drops_the_unsourced_decision(data: Catalog) -> None:
    assert "Decides whether HIPAA applies" not in entry(data, "hipaa-compliance").customer


# -- 12. the Lambda DR cell cites the whitepaper's resiliency model -----------------------------------------------


def test_lambda_disaster_recovery_cites_the_resiliency_model(data: Catalog) -> None:
    assert "dr-shared-resiliency" in cell(data, "disaster-recovery", "lambda").sources
