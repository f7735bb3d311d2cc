"""What a reader sees of the Security Hub checks: under each cell and condition, in the matrix, in the comparison,
in the CSV and JSON downloads. No MkDocs: the blocks are rendered from small documents and read back."""

from __future__ import annotations

import csv
import datetime
import io
import json
from typing import Any

import jsonschema
from helpers import entry, linker, minimal, parse, real_catalog, schema, tree

from srg import blocks, exports
from srg.model import Catalog

GUEST = "guest-os-patching"
GUIDE = "https://docs.aws.amazon.com/securityhub/latest/userguide/"


def checked_document() -> dict[str, Any]:
    """Guest OS patching checked on EC2 (and in a condition), customer-owned without a check on DynamoDB."""
    document = minimal()
    for service, name in zip(document["services"], ["EC2", "Lambda", "S3", "DynamoDB"], strict=True):
        service["evaluated_as"] = name
    services = entry(document, GUEST)["services"]
    services["ec2"] = {
        "owner": "customer",
        "sources": ["aws-notes"],
        "checks": ["EC2.8", "SSM.2", "EC2.19"],
        "conditions": [
            {"when": "Managed by Systems Manager", "owner": "customer", "note": "Its agent.", "checks": ["SSM.3"]}
        ],
    }
    services["dynamodb"] = "customer"
    read = datetime.date(2026, 12, 7)
    document["controls"] = [{"id": i, "read": read} for i in ("EC2.8", "SSM.2", "EC2.19", "SSM.3")]
    document["controls"][1]["config_rule"] = "ec2-managedinstance-patch-compliance-status-check"
    return document


def section(catalog: Catalog, entry_id: str = GUEST):
    return tree(blocks.responsibility_section(catalog, linker(catalog), catalog.responsibility(entry_id)))


def row(page, service: str):
    return next(li for li in page.find_all("li") if li.attrs.get("data-service", "").split()[:1] == [service])


def test_a_cell_lists_its_checks_highest_severity_first_each_linked_to_the_user_guide() -> None:
    ec2 = row(section(parse(checked_document())), "ec2")
    checks = [li for li in ec2.find("ul", class_="srg-hub").children if li.tag == "li"]
    fold = ec2.find("details", class_="srg-hub-fold")
    assert "open" not in fold.attrs  # one line under the answer until opened
    assert fold.find("summary").words == "Check it with Security Hub: EC2.19 · EC2.8 · SSM.2"
    assert [li.attrs["data-check"] for li in checks] == ["EC2.19", "EC2.8", "SSM.2"]  # Critical, High, High
    first = checks[0]
    assert first.find("a").attrs["href"] == GUIDE + "ec2-controls.html#ec2-19"
    assert first.words == (
        "EC2.19 Security groups should not allow unrestricted access to ports with high risk · Critical · "
        "Config rule vpc-sg-restricted-common-ports"
    )


def test_the_user_guides_config_rule_replaces_the_catalogs_and_status_values_are_code() -> None:
    ec2 = row(section(parse(checked_document())), "ec2")
    ssm2 = next(li for li in ec2.find_all("li", class_="srg-hub__check") if li.attrs["data-check"] == "SSM.2")
    assert "Config rule ec2-managedinstance-patch-compliance-status-check" in ssm2.words
    assert [code.words for code in ssm2.find_all("code")] == [
        "COMPLIANT",
        "ec2-managedinstance-patch-compliance-status-check",
    ]
    assert ssm2.find("a", class_="srg-hub__id").words == "SSM.2"


def test_a_condition_lists_its_own_checks() -> None:
    ec2 = row(section(parse(checked_document())), "ec2")
    condition = ec2.find("ul", class_="srg-conditions").find("li")
    assert [li.attrs["data-check"] for li in condition.find_all("li", class_="srg-hub__check")] == ["SSM.3"]


def test_a_customer_cell_without_a_check_says_so_and_an_aws_cell_says_nothing() -> None:
    page = section(parse(checked_document()))
    assert row(page, "dynamodb").find("p", class_="srg-hub__none").words == "No automated check"
    lam = row(page, "lambda")  # AWS's: no customer part to check
    assert not lam.find_all(class_="srg-hub")
    assert not lam.find_all(class_="srg-hub__none")


def test_the_row_carries_its_checks_for_search_and_the_first_citation_its_anchor() -> None:
    catalog = parse(checked_document())
    ec2 = row(section(catalog), "ec2")
    words = set(ec2.attrs["data-checks"].split())
    assert {"ec2.8", "ssm.2", "ec2-managedinstance-patch-compliance-status-check", "ssm.3"} <= words
    anchored = {li.attrs["id"] for li in ec2.find_all("li", class_="srg-hub__check") if "id" in li.attrs}
    assert anchored == {"hub-ec2-8", "hub-ssm-2", "hub-ec2-19", "hub-ssm-3"}
    assert catalog.check_homes["SSM.3"] == (GUEST, "ec2")


def test_a_control_cited_twice_is_anchored_once_at_its_first_citation() -> None:
    catalog = real_catalog()
    ids = []
    for item in catalog.responsibilities:
        ids += [
            li.attrs["id"]
            for li in section(catalog, item.id).find_all("li", class_="srg-hub__check")
            if "id" in li.attrs
        ]
    assert len(ids) == len(set(ids)) == len(catalog.check_homes)


def test_the_matrix_marks_a_checked_cell_with_words_for_screen_readers() -> None:
    catalog = parse(checked_document())
    page = tree(blocks.service_matrix(catalog, linker(catalog), {}))
    guest = next(tr for tr in page.find_all("tr") if tr.attrs.get("data-entry") == GUEST)
    cells = {td.attrs["data-service"]: td for td in guest.find_all("td")}
    mark = cells["ec2"].find("span", class_="srg-hub-mark")
    assert mark.words == "Checked by Security Hub: EC2.8, SSM.2, EC2.19, SSM.3"
    assert not mark.children, "one element a cell: the check mark is drawn by guide.css"
    assert not cells["dynamodb"].find_all(class_="srg-hub-mark")


def test_the_comparison_names_the_services_security_hub_checks() -> None:
    catalog = parse(checked_document())
    page = tree(blocks.comparison_table(catalog, linker(catalog), {}))
    rows = {tr.attrs["data-entry"]: tr for tr in page.find_all("tr") if "data-entry" in tr.attrs}
    assert rows[GUEST].find("span", class_="srg-hub-summary").words == "✓ Security Hub checks it on EC2 (4 controls)"
    assert rows["host-os-patching"].find("span", class_="srg-hub-summary").words == "No automated check"


def test_the_csv_carries_each_cells_checks_and_its_conditions() -> None:
    catalog = parse(checked_document())
    rows = list(csv.DictReader(io.StringIO(exports.as_csv(catalog, {r.id: "u" for r in catalog.responsibilities}))))
    ec2 = next(r for r in rows if (r["id"], r["service"]) == (GUEST, "ec2"))
    assert ec2["checks"] == "EC2.8 SSM.2 EC2.19"
    assert ec2["conditions"] == "Managed by Systems Manager: customer: Its agent. (checks SSM.3)"
    assert next(r for r in rows if (r["id"], r["service"]) == (GUEST, "dynamodb"))["checks"] == ""


def test_the_json_carries_the_checks_and_validates_against_the_schema() -> None:
    catalog = real_catalog()
    document = json.loads(exports.as_json(catalog, "https://example.org/schema.json"))
    jsonschema.validate(document, schema())
    data = next(e for e in document["responsibilities"] if e["id"] == "data-encryption")
    assert data["services"]["rds"]["checks"] == ["RDS.3", "RDS.4", "RDS.27"]
    assert {c["id"] for c in document["controls"]} == set(catalog.check_homes)
    assert document["account_wide_services"][0] == "IAM"
