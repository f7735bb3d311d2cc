"""Security Hub checks on cells and conditions: every bad one is refused in one sentence naming file, line,
entry, service and control id; and the real data cites every control of its services or says why not.

The small document of helpers.py gets the Security Hub fields it needs; the checks are validated against the
catalog pinned in docs/data/security-hub/, as the build does.
"""

from __future__ import annotations

import dataclasses
import datetime
from typing import Any

import pytest
from helpers import NAME, dump, entry, line_of, minimal, parse, real_catalog, refusal

from conftest import PAGE_OF_RULE, Build
from srg import check_refs
from srg.blocks import split_rows
from srg.errors import DataError
from srg.load import PROJECT_SECURITY_HUB, parse_catalog
from srg.securityhub import Provenance, Retired, load

GUEST = "guest-os-patching"
READ = datetime.date(2026, 12, 7)


def with_hub(**services: str) -> dict[str, Any]:
    """The small document with each service's name in Security Hub, and the checks on EC2 read."""
    document = minimal()
    names = {"ec2": "EC2", "lambda": "Lambda", "s3": "S3", "dynamodb": "DynamoDB"} | services
    for service in document["services"]:
        service["evaluated_as"] = names[service["id"]]
    return document


def cite(document: dict[str, Any], key: str, *ids: str, owner: str = "customer") -> dict[str, Any]:
    """Put `ids` on the guest OS entry's cell `key`, owned by `owner`, and record each as read."""
    services = entry(document, GUEST)["services"]
    cell = services.get(key)
    cell = {**(cell if isinstance(cell, dict) else {}), "owner": owner, "checks": list(ids)}
    services[key] = cell
    read(document, *ids)
    return document


def read(document: dict[str, Any], *ids: str) -> None:
    known = {reading["id"] for reading in document.setdefault("controls", [])}
    document["controls"] += [{"id": i, "read": READ} for i in dict.fromkeys(ids) if i not in known]


def refused(document: dict[str, Any], line_pattern: str, who: str, field: str, *fragments: str) -> str:
    text = dump(document)
    message = refusal(text)
    line = (
        line_of(text, line_pattern, after=f"- id: {GUEST}") if who.startswith("entry") else line_of(text, line_pattern)
    )
    assert message.startswith(f"{NAME}:{line}: {who}: field '{field}' "), (line, message)
    assert "\n" not in message
    for fragment in fragments:
        assert fragment in message, message
    return message


# -- what loads -----------------------------------------------------------------------------------


def test_a_control_of_the_cells_own_service_loads_and_resolves() -> None:
    catalog = parse(cite(with_hub(), "ec2", "EC2.8", "SSM.2"))
    cell = catalog.cell(catalog.responsibility(GUEST), "ec2")
    assert [c.id for c in catalog.checks(cell)] == ["EC2.8", "SSM.2"]  # SSM.2 evaluates EC2 instances
    assert catalog.checks(cell)[0].guide_url.endswith("/ec2-controls.html#ec2-8")


def test_checks_list_the_highest_severity_first() -> None:
    catalog = parse(cite(with_hub(), "ec2", "EC2.9", "EC2.19"))  # High, then Critical
    cell = catalog.cell(catalog.responsibility(GUEST), "ec2")
    assert [c.id for c in catalog.checks(cell)] == ["EC2.19", "EC2.9"]


def test_a_control_of_a_service_it_runs_on_loads() -> None:
    document = cite(with_hub(), "lambda", "EC2.8", owner="customer")
    entry(document, GUEST)["services"]["lambda"].pop("note")
    entry(document, GUEST)["services"]["lambda"].pop("sources")
    with pytest.raises(DataError, match="one it runs on"):
        parse(document)
    next(s for s in document["services"] if s["id"] == "lambda")["runs_on"] = ["EC2"]
    assert parse(document)


def test_an_account_wide_control_may_sit_on_a_default_cell() -> None:
    document = with_hub()
    entry(document, GUEST)["services"] = {"default": {"owner": "customer", "checks": ["IAM.1"]}}
    read(document, "IAM.1")
    with pytest.raises(DataError, match="nor one of account_wide_services"):
        parse(document)
    document["account_wide_services"] = ["IAM"]
    catalog = parse(document)
    assert all(catalog.checks_of(catalog.responsibility(GUEST), s.id) == ["IAM.1"] for s in catalog.services)


def test_an_entrys_nist_ids_are_those_of_the_checks_its_cells_cite_in_nists_order() -> None:
    document = cite(with_hub(), "ec2", "EC2.8", "SSM.2")
    cite(document, "lambda", "IAM.1")
    document["account_wide_services"] = ["IAM", "SSM"]
    source = {"read": READ, "nist_source": "aws-notes"}
    document["controls"] = [
        {"id": "EC2.8", **source, "nist": ["AC-3", "AC-3(15)", "CM-2"]},
        {"id": "SSM.2", **source, "nist": ["SI-2(2)", "AC-3", "CM-8(3)", "SI-2"]},
        {"id": "IAM.1", "read": datetime.date(2026, 12, 1)},
    ]
    catalog = parse(document)
    reading = catalog.nist_reading(catalog.responsibility(GUEST))
    assert reading is not None
    assert [c.label for c in reading.controls] == ["AC-3", "AC-3(15)", "CM-2", "CM-8(3)", "SI-2", "SI-2(2)"]
    assert reading.controls[0].id == "ac-3"
    assert (reading.securityhub, reading.sources, reading.read) == (["EC2.8", "SSM.2"], ["aws-notes"], READ)
    assert catalog.nist_reading(catalog.responsibility(GUEST), "lambda") is None  # IAM.1 has none recorded
    assert catalog.nist_reading(catalog.responsibility("host-os-patching")) is None


# -- every bad check, refused in one sentence -------------------------------------------------------


def test_an_unknown_control_is_refused_with_the_closest_id() -> None:
    refused(
        cite(with_hub(), "ec2", "EC2.88"),
        r"^\s+- EC2\.88",
        f"entry '{GUEST}'",
        "services.ec2.checks.0",
        "names no control of the pinned Security Hub catalog (got 'EC2.88'); did you mean EC2.8?",
    )


def test_a_retired_control_says_when_it_went() -> None:
    hub = load(PROJECT_SECURITY_HUB)
    controls = {k: v for k, v in hub.controls.items() if k != "RDS.9"}
    retired = Retired(id="RDS.9", statement=hub.control("RDS.9").statement, retired=READ)
    provenance = Provenance(**{**hub.provenance.model_dump(), "retired": [retired]})
    gone = dataclasses.replace(hub, controls=controls, provenance=provenance)
    document = cite(with_hub(ec2="RDS"), "ec2", "RDS.9")
    document["controls"] = []
    with pytest.raises(DataError) as caught:
        parse_catalog(dump(document), NAME, gone)
    message = str(caught.value)
    assert "field 'services.ec2.checks.0' names RDS.9 (RDS DB instances should publish logs" in message
    assert "retired on 2026-12-07" in message


def test_a_control_listed_twice_is_refused() -> None:
    refused(
        cite(with_hub(), "ec2", "EC2.8", "EC2.8"),
        r"^\s+checks:",
        f"entry '{GUEST}'",
        "services.ec2.checks",
        "lists 'EC2.8' twice",
    )


def test_a_control_of_another_service_is_refused_naming_the_service() -> None:
    refused(
        cite(with_hub(), "ec2", "RDS.3"),
        r"^\s+- RDS\.3",
        f"entry '{GUEST}'",
        "services.ec2.checks.0",
        "names RDS.3, which evaluates RDS: on Amazon EC2 (service 'ec2') that is neither its own service (EC2)",
    )


def test_a_check_on_a_condition_is_checked_against_its_cells_service() -> None:
    document = with_hub()
    entry(document, GUEST)["services"]["ec2"] = {
        "owner": "customer",
        "sources": ["aws-notes"],
        "conditions": [{"when": "Custom AMI", "owner": "customer", "note": "Its AMI.", "checks": ["S3.8"]}],
    }
    read(document, "S3.8")
    refused(
        document,
        r"^\s+- S3\.8",
        f"entry '{GUEST}'",
        "services.ec2.conditions.0.checks.0",
        "names S3.8, which evaluates S3: on Amazon EC2",
    )


def test_a_check_on_a_kind_must_apply_to_every_service_of_the_kind() -> None:
    document = with_hub()
    entry(document, GUEST)["services"]["abstracted"] = {"owner": "customer", "checks": ["S3.8"]}
    read(document, "S3.8")
    refused(
        document,
        r"^\s+- S3\.8",
        f"entry '{GUEST}'",
        "services.abstracted.checks.0",
        "on Amazon DynamoDB (service 'dynamodb')",
    )


def test_a_check_on_a_default_cell_is_refused_for_the_first_service_it_does_not_fit() -> None:
    document = with_hub()
    entry(document, GUEST)["services"] = {"default": {"owner": "customer", "checks": ["EC2.8"]}}
    read(document, "EC2.8")
    refused(
        document, r"^\s+- EC2\.8", f"entry '{GUEST}'", "services.default.checks.0", "on AWS Lambda (service 'lambda')"
    )


def test_checks_where_aws_owns_the_cell_are_refused() -> None:
    refused(
        cite(with_hub(), "abstracted", "S3.8", owner="aws"),
        r"^\s+checks:",
        f"entry '{GUEST}'",
        "services.abstracted.checks",
        "where the owner is 'aws'",
    )


def test_a_control_not_read_against_the_user_guide_is_refused() -> None:
    document = cite(with_hub(), "ec2", "EC2.8")
    document["controls"] = []
    refused(
        document,
        r"^\s+- EC2\.8",
        f"entry '{GUEST}'",
        "services.ec2.checks.0",
        "EC2.8, which has no entry under 'controls:'",
        "ec2-controls.html#ec2-8",
    )


def test_a_control_without_a_verified_user_guide_page_is_refused() -> None:
    document = cite(with_hub(), "ec2", "PCA.2")
    document["account_wide_services"] = ["PCA"]
    refused(document, r"^\s+- PCA\.2", f"entry '{GUEST}'", "services.ec2.checks.0", "prefix 'PCA' has no verified page")


def test_a_control_both_cited_and_left_out_is_refused() -> None:
    document = cite(with_hub(), "ec2", "EC2.8")
    document["left_out_checks"] = [{"id": "EC2.8", "reason": "Not wanted."}]
    refused(document, r"^\s+- EC2\.8", f"entry '{GUEST}'", "services.ec2.checks.0", "either cited or left out")


@pytest.mark.parametrize(("bad", "meaning"), [("rds-3", "like 'RDS.3'"), ("RDS.03", "like 'RDS.3'")])
def test_a_malformed_control_id_is_refused(bad: str, meaning: str) -> None:
    refused(cite(with_hub(), "ec2", bad), r"^\s+- " + bad, f"entry '{GUEST}'", "services.ec2.checks.0", meaning)


# -- the lists of controls and services --------------------------------------------------------------


def test_an_unknown_service_name_is_refused_with_the_closest_one() -> None:
    document = with_hub(**{"lambda": "Lamda"})
    refused(document, r"evaluated_as: Lamda", "service 'lambda'", "evaluated_as", "did you mean 'Lambda'?")


def test_an_unknown_service_it_runs_on_is_refused() -> None:
    document = with_hub()
    document["services"][1]["runs_on"] = ["Ec2"]
    refused(document, r"^\s+- Ec2", "service 'lambda'", "runs_on.0", "did you mean 'EC2'?")


def test_an_account_wide_service_must_be_known_and_no_services_own() -> None:
    document = with_hub()
    document["account_wide_services"] = ["IAM", "Secrets manager"]
    refused(document, r"^- Secrets manager", "top level", "account_wide_services.1", "did you mean 'Secrets Manager'?")
    document["account_wide_services"] = ["IAM", "EC2"]
    refused(document, r"^- EC2$", "top level", "account_wide_services.1", "the service of Amazon EC2 itself")


def test_a_control_read_but_cited_by_no_cell_is_refused() -> None:
    document = cite(with_hub(), "ec2", "EC2.8")
    read(document, "EC2.9")
    refused(document, r"id: EC2\.9", "control 'EC2.9'", "id", "EC2.9 is cited by no cell")


def test_a_control_read_twice_is_refused() -> None:
    document = cite(with_hub(), "ec2", "EC2.8")
    document["controls"].append({"id": "EC2.8", "read": READ})
    message = refusal(dump(document))
    assert "field 'id' repeats 'EC2.8', already listed above" in message


@pytest.mark.parametrize(
    ("change", "line_pattern", "field", "says"),
    [
        ({"nist": ["AC-3"], "nist_source": None}, r"id: EC2\.8", "nist_source", "is missing: name the source"),
        ({"nist_source": "no-such-page"}, r"nist_source:", "nist_source", "names no source (got 'no-such-page')"),
        (
            {"nist": ["AC-3", "SC-99"]},
            r"^\s+- SC-99",
            "nist.1",
            "names no control of NIST SP 800-53 Rev. 5 (got 'SC-99'; the catalog is docs/data/nist-800-53/",
        ),
        ({"nist": ["AC-02(01)"]}, r"^\s+- AC-02", "nist.0", "(got 'AC-02(01)'; NIST writes it 'AC-2(1)'"),
        ({"nist": ["AC3"]}, r"^\s+- AC3", "nist.0", "written as NIST does, like 'AC-2' or 'AC-2(1)'"),
        ({"nist": ["AC-2(10)"]}, r"^\s+- AC-2\(10\)", "nist.0", "names a control NIST has withdrawn"),
        ({"nist": ["AC-2", "AC-2"]}, r"^\s+nist:", "nist", "lists 'AC-2' twice; list each once"),
    ],
)
def test_a_wrong_nist_id_or_its_source_is_refused_naming_the_control(
    change: dict[str, Any], line_pattern: str, field: str, says: str
) -> None:
    document = cite(with_hub(), "ec2", "EC2.8")
    reading = {"id": "EC2.8", "read": READ, "nist_source": "aws-notes", "nist": ["AC-3"]} | change
    document["controls"] = [{k: v for k, v in reading.items() if v is not None}]
    refused(document, line_pattern, "control 'EC2.8'", field, says)


def test_the_real_datas_nist_ids_are_read_on_cited_pages_and_keep_every_id_shown_before() -> None:
    """Each control's NIST ids name a page under `sources:`; the entries that carried their own `nist:` before
    the merge with the Security Hub checks still show every id they did."""
    catalog = real_catalog()
    for reading in catalog.data.controls:
        assert not reading.nist or (reading.nist_source or "").startswith("securityhub-src-"), reading.id
    shown = {e.id: catalog.nist_reading(e) for e in catalog.responsibilities}
    assert sum(1 for reading in shown.values() if reading) >= 16
    before = {
        "data-encryption": {"SC-28", "SC-28(1)", "SC-13"},
        "guest-os-patching": {"SI-2", "SI-2(2)", "SI-2(3)", "CM-8(3)"},
        "identity-and-access-management": {"AC-2", "AC-6(10)"},
        "key-management": {"SC-12", "SC-12(2)", "SC-28(3)"},
        "backups-and-resilience": {"CP-9", "CP-10"},
        "logging-and-monitoring": {"AU-2", "AU-12"},
    }
    for entry_id, labels in before.items():
        reading = shown[entry_id]
        assert reading, entry_id
        assert labels <= {c.label for c in reading.controls}, entry_id


def test_a_left_out_control_must_exist_and_be_of_the_guides_services() -> None:
    document = with_hub()
    document["left_out_checks"] = [{"id": "EC2.88", "reason": "Typo."}]
    refused(document, r"id: EC2\.88", "left-out control 'EC2.88'", "id", "did you mean EC2.8?")
    document["left_out_checks"] = [{"id": "PCA.2", "reason": "Not ours."}]
    refused(document, r"id: PCA\.2", "left-out control 'PCA.2'", "id", "PCA.2 evaluates PCA, no service of the guide's")


# -- the real data ----------------------------------------------------------------------------------


def test_every_control_of_the_guides_services_is_cited_or_left_out_with_a_reason() -> None:
    catalog = real_catalog()
    missing = check_refs.uncovered(catalog.data, catalog.security_hub)
    assert not missing, "cite these on a cell or list them under left_out_checks: " + ", ".join(
        f"{c.id} ({c.statement})" for c in missing
    )
    assert len(catalog.data.left_out_checks) > 0


def test_every_service_says_what_security_hub_calls_it() -> None:
    catalog = real_catalog()
    nameless = {s.id for s in catalog.services if not s.evaluated_names}
    # Bedrock: no control of the catalog evaluates it; ECR: an account-wide service, whose controls every cell may cite.
    assert nameless == {"bedrock", "ecr"}
    assert not [name for name in catalog.security_hub.services if "bedrock" in name.lower()]
    assert "ECR" in catalog.data.account_wide_services
    assert {s.id for s in catalog.services if "EC2" in s.runs_on} == {"ecs-ec2", "eks", "elastic-beanstalk"}
    redshift = next(s for s in catalog.services if s.id == "redshift")
    assert redshift.evaluated_names == ["RedshiftServerless", "Redshift"]  # the default setup first, then clusters


def test_the_real_data_cites_controls_on_every_service() -> None:
    catalog = real_catalog()
    for service in catalog.services:
        cited = [c for entry in catalog.responsibilities for c in catalog.checks_of(entry, service.id)]
        assert cited, f"no check on {service.name}"


# -- the second reading of the mapping (helpers/securityhub-second-reading.md), pinned ----------------------


def test_patching_entries_cite_no_scan_enabled_control() -> None:
    """Inspector.1, .2 and .4 fail when a scan type is off, patched or not: they check scanning, not patching."""
    catalog = real_catalog()
    for entry_id in ("guest-os-patching", "installed-software", "patch-management"):
        cited = catalog.cited_checks(catalog.responsibility(entry_id))
        assert not [c for c in cited if c.startswith("Inspector.")], entry_id
    scanning = catalog.cited_checks(catalog.responsibility("vulnerability-scanning"))
    assert {"Inspector.1", "Inspector.2", "Inspector.4"} <= set(scanning)


def test_second_reading_moves_and_removals_hold() -> None:
    catalog = real_catalog()

    def on(entry_id: str, service_id: str) -> list[str]:
        return catalog.checks_of(catalog.responsibility(entry_id), service_id)

    assert "ElasticBeanstalk.2" not in on("installed-software", "elastic-beanstalk")
    assert "ElasticBeanstalk.2" in on("managed-service-platform", "elastic-beanstalk")
    assert "ECS.10" not in on("managed-service-patching", "fargate")
    assert "ECS.10" in on("patch-management", "fargate")
    assert "SSM.1" not in catalog.check_homes
    assert "SSM.1" in {item.id for item in catalog.data.left_out_checks}
    assert "ECS.8" in on("identity-and-access-management", "fargate")
    assert "RDS.46" in on("vpc-internet-access", "aurora")


def test_a_control_whose_statement_misleads_carries_a_sourced_note_under_every_citation(site: Build) -> None:
    catalog = real_catalog()
    for control_id in ("EKS.3", "S3.17", "KMS.5", "RDS.13"):
        reading = catalog.reading(control_id)
        assert reading.note, control_id
        assert reading.sources, control_id
    html = "".join(site.page(f"{page}/index.html") for page in set(PAGE_OF_RULE.values()))
    cited = [
        control_id
        for entry in catalog.responsibilities
        for row in split_rows(catalog, entry)
        for control_id in catalog.check_ids(row.cell)
    ]
    assert html.count('class="srg-hub__note"') == sum(1 for c in cited if catalog.reading(c).note) > 0


def test_a_note_without_its_source_is_refused() -> None:
    document = cite(with_hub(), "ec2", "EC2.8")
    document["controls"][0]["note"] = "Fails the default."
    refused(document, r"id: EC2\.8", "control 'EC2.8'", "sources", "is missing: a note needs the AWS page")
