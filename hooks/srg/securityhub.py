"""AWS Security Hub CSPM's controls, from AWS's OSCAL catalog pinned in docs/data/security-hub/; no MkDocs imports.

AWS publishes the controls as an OSCAL catalog (awslabs/oscal-content-for-aws-services,
`catalogs/aws_security-hub.oscal.json`), marked experimental. The guide reads the
subset it shows: each control's id, statement, severity, evaluated service, AWS Config
rule and remediation link. The file is typed here (`OscalDocument`), so a file of
another shape fails the build with one sentence naming it; `make securityhub` takes
a new copy from a local snapshot of AWS's repository (`srg.securityhub_refresh`).

Two of the catalog's own quirks are handled once, here: `EvaluatedServices` spells
some services several ways (`ECS` and `ec2containerservice`, `RDS` and `rds`), mapped
to one spelling by `EVALUATED_SPELLINGS`; and its `TestControl` group is AWS's
integration test, not a control, left out by `IGNORED_GROUPS`.
"""

from __future__ import annotations

import datetime
import json
import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import DataError

FOLDER = "security-hub"  # next to the data file
CATALOG_FILE = "aws_security-hub.oscal.json"
PROVENANCE_FILE = "provenance.yml"
UPSTREAM_REPOSITORY = "awslabs/oscal-content-for-aws-services"
UPSTREAM_PATH = "catalogs/aws_security-hub.oscal.json"

# The catalog's groups that hold no Security Hub control, and why.
IGNORED_GROUPS = {"TestControl": "AWS's integration test ('Control for Integration tests'), not a Security Hub control"}

# The spellings of `EvaluatedServices` that name a service another spelling names too, mapped to that one.
# A test finds any new pair the catalog brings (two names equal but for case and spaces).
EVALUATED_SPELLINGS = {
    "ec2": "EC2",
    "rds": "RDS",
    "ec2containerservice": "ECS",
    "Autoscaling": "AutoScaling",
    "Elastic Load Balancing": "ElasticLoadBalancing",
    "ElasticLoadBalancingV2": "ElasticLoadBalancing",
    "elb": "ElasticLoadBalancing",
    "Sagemaker": "SageMaker",
    "sagemaker": "SageMaker",
    "apigateway": "API Gateway",
    "cloudfront": "CloudFront",
    "cognito": "Cognito",
    "ACMPCA": "PCA",
}

# The page of the Security Hub user guide that documents each control prefix, checked against the guide's own
# index of pages (docs.aws.amazon.com/securityhub/latest/userguide/); each control has its section there,
# `#<prefix>-<number>` in lowercase ('rds-controls.html#rds-3'). A cited control whose prefix is not here fails.
USER_GUIDE = "https://docs.aws.amazon.com/securityhub/latest/userguide/"
USER_GUIDE_PAGES = {
    "Account": "account-controls.html",
    "ACM": "acm-controls.html",
    "Backup": "backup-controls.html",
    "CloudTrail": "cloudtrail-controls.html",
    "DynamoDB": "dynamodb-controls.html",
    "EC2": "ec2-controls.html",
    "ECR": "ecr-controls.html",
    "ECS": "ecs-controls.html",
    "EKS": "eks-controls.html",
    "ElasticBeanstalk": "elasticbeanstalk-controls.html",
    "GuardDuty": "guardduty-controls.html",
    "IAM": "iam-controls.html",
    "Inspector": "inspector-controls.html",
    "KMS": "kms-controls.html",
    "Lambda": "lambda-controls.html",
    "Macie": "macie-controls.html",
    "RDS": "rds-controls.html",
    "S3": "s3-controls.html",
    "SecretsManager": "secretsmanager-controls.html",
    "SSM": "ssm-controls.html",
    "WAF": "waf-controls.html",
    # The services added on 7 December 2026; each page follows the guide's pattern '<prefix>-controls.html'
    # (elasticache, opensearch, redshift, redshiftserverless and apigateway read in the guide's stored copies).
    "APIGateway": "apigateway-controls.html",
    "CloudFront": "cloudfront-controls.html",
    "Cognito": "cognito-controls.html",
    "EFS": "efs-controls.html",
    "ElastiCache": "elasticache-controls.html",
    "ELB": "elb-controls.html",
    "Kinesis": "kinesis-controls.html",
    "Opensearch": "opensearch-controls.html",
    "Redshift": "redshift-controls.html",
    "RedshiftServerless": "redshiftserverless-controls.html",
    "SageMaker": "sagemaker-controls.html",
    "SNS": "sns-controls.html",
    "SQS": "sqs-controls.html",
    "StepFunctions": "stepfunctions-controls.html",
}

Severity = Literal["CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL"]
# Highest first: the order a checklist sorts by.
SEVERITIES: tuple[str, ...] = ("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL")


# -- the file's shape: the subset of OSCAL 1.2.1 the guide reads --------------------------------


class _Oscal(BaseModel):
    """AWS's file carries more than the guide reads; what it reads must be there and of this shape."""

    model_config = ConfigDict(extra="ignore", frozen=True, populate_by_name=True)


class Prop(_Oscal):
    name: str
    value: str
    class_: str | None = Field(None, alias="class")


class Link(_Oscal):
    href: str
    rel: str | None = None


class Part(_Oscal):
    name: str
    title: str | None = None
    prose: str | None = None
    props: list[Prop] = []


class OscalControl(_Oscal):
    id: str = Field(pattern=r"^[A-Za-z0-9]+\.[0-9]+$")
    title: str
    props: list[Prop]
    links: list[Link] = []
    parts: list[Part]


class Group(_Oscal):
    id: str
    title: str
    controls: list[OscalControl] = []


class Metadata(_Oscal):
    title: str
    version: str
    last_modified: datetime.datetime = Field(alias="last-modified")
    oscal_version: str = Field(alias="oscal-version")


class OscalCatalog(_Oscal):
    uuid: str
    metadata: Metadata
    groups: list[Group] = Field(min_length=1)


class OscalDocument(_Oscal):
    catalog: OscalCatalog


# -- what the guide uses ------------------------------------------------------------------------


@dataclass(frozen=True)
class Control:
    """One Security Hub control as the guide shows it."""

    id: str
    group: str
    statement: str
    severity: str
    evaluated_as: str  # as the catalog spells it
    service: str  # the one spelling of the service it evaluates
    config_rule: str
    remediation: str | None

    @property
    def prefix(self) -> str:
        return self.id.split(".")[0]

    @property
    def severity_label(self) -> str:
        """'Critical', 'High', 'Medium', 'Low', 'Informational'."""
        return self.severity.capitalize()

    @property
    def severity_rank(self) -> int:
        """0 for Critical, the highest; a checklist sorts by it."""
        return SEVERITIES.index(self.severity)

    @property
    def anchor(self) -> str:
        """Where the guide's search lands for the control: its first citation, 'hub-rds-3'."""
        return "hub-" + self.id.lower().replace(".", "-")

    @property
    def guide_url(self) -> str | None:
        """The control's section of the Security Hub user guide, or None if its prefix's page is not verified."""
        page = USER_GUIDE_PAGES.get(self.prefix)
        return f"{USER_GUIDE}{page}#{self.id.lower().replace('.', '-')}" if page else None


class Retired(BaseModel):
    """A control that a refresh found gone from AWS's catalog: kept, so a check naming it says why it fails."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    statement: str
    retired: datetime.date


class Provenance(BaseModel):
    """Where and when the pinned catalog was taken (provenance.yml, written by `make securityhub`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    repository: str
    path: str
    commit: str = Field(pattern=r"^[0-9a-f]{40}$")
    commit_date: datetime.date
    file_commit: str = Field(pattern=r"^[0-9a-f]{40}$")
    file_commit_date: datetime.date
    taken: datetime.date
    catalog_version: str
    catalog_last_modified: datetime.datetime
    license: str
    retired: list[Retired] = []


@dataclass(frozen=True)
class SecurityHubCatalog:
    """The pinned catalog's controls by id, with where it came from."""

    path: str
    title: str
    version: str
    last_modified: datetime.datetime
    controls: dict[str, Control] = field(repr=False)
    provenance: Provenance | None = None

    def control(self, control_id: str) -> Control:
        return self.controls[control_id]

    @property
    def services(self) -> set[str]:
        """Every evaluated service, in its one spelling."""
        return {c.service for c in self.controls.values()}

    def evaluating(self, services: set[str]) -> list[Control]:
        """The controls whose evaluated service is one of `services`, in the catalog's order."""
        return [c for c in self.controls.values() if c.service in services]

    def retired(self, control_id: str) -> Retired | None:
        gone = self.provenance.retired if self.provenance else []
        return next((r for r in gone if r.id == control_id), None)


EMPTY_CATALOG = SecurityHubCatalog("", "", "", datetime.datetime.min, {})


class CatalogShapeError(DataError):
    """The catalog file is missing, not JSON, or not the OSCAL shape the guide reads."""


def spelling(evaluated_as: str) -> str:
    """The one spelling of a service that the catalog's `EvaluatedServices` names."""
    return EVALUATED_SPELLINGS.get(evaluated_as, evaluated_as)


def parse(text: str, name: str) -> SecurityHubCatalog:
    """The catalog in `text` (named `name` in messages), or CatalogShapeError in one sentence."""
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        raise CatalogShapeError(
            f"{name}:{error.lineno}: the Security Hub catalog is not valid JSON: {error.msg}"
        ) from None
    try:
        document = OscalDocument.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise CatalogShapeError(
            f"{name}: not the OSCAL catalog the guide reads (AWS's Security Hub controls): '{where}' {_explain(first)}"
        ) from None
    controls: dict[str, Control] = {}
    for group in document.catalog.groups:
        if group.id in IGNORED_GROUPS:
            continue
        for oscal in group.controls:
            control = _control(group.id, oscal, name)
            if control.id in controls:
                raise CatalogShapeError(f"{name}: control {control.id!r} is in the catalog twice")
            controls[control.id] = control
    metadata = document.catalog.metadata
    return SecurityHubCatalog(name, metadata.title, metadata.version, metadata.last_modified, controls)


def _explain(error: Any) -> str:
    if error["type"] == "missing":
        return "is missing"
    return f"{error['msg'].lower()} (got {str(error.get('input'))[:60]!r})"


def _control(group: str, oscal: OscalControl, name: str) -> Control:
    props = {p.name: p.value for p in oscal.props}
    parts = {p.name: p for p in oscal.parts}

    def refuse(what: str) -> CatalogShapeError:
        return CatalogShapeError(f"{name}: control {oscal.id!r} (group {group!r}) has no {what}")

    statement = parts.get("statement")
    if statement is None or not (statement.prose or "").strip():
        raise refuse("statement part with prose")
    severity = props.get("SeverityLabel")
    if severity not in SEVERITIES:
        raise refuse(f"SeverityLabel property of {', '.join(SEVERITIES)} (got {severity!r})")
    evaluated = props.get("EvaluatedServices")
    if not evaluated:
        raise refuse("EvaluatedServices property")
    method = parts.get("assessment-method")
    rules = [p.value for p in (method.props if method else []) if p.class_ == "config-rule"]
    if len(rules) != 1:
        raise refuse("assessment-method part with one config-rule property")
    remediation = next((link.href for link in oscal.links if link.rel == "remediation"), None)
    return Control(
        id=oscal.id,
        group=group,
        statement=statement.prose.strip(),  # type: ignore[union-attr]
        severity=severity,
        evaluated_as=evaluated,
        service=spelling(evaluated),
        config_rule=rules[0],
        remediation=remediation,
    )


def parse_provenance(text: str, name: str) -> Provenance:
    try:
        return Provenance.model_validate(yaml.safe_load(text))
    except (yaml.YAMLError, ValidationError) as error:
        first = error.errors()[0] if isinstance(error, ValidationError) else {"loc": (), "msg": str(error)}
        where = ".".join(str(part) for part in first["loc"]) or "the file"
        raise CatalogShapeError(
            f"{name}: where the Security Hub catalog came from is unreadable: {where}: {first['msg']}"
        ) from None


def folder_of(data_file: Path) -> Path:
    """The pinned catalog's folder, next to the data file."""
    return data_file.parent / FOLDER


def load(folder: Path, shown: str | None = None) -> SecurityHubCatalog:
    """The pinned catalog in `folder` with its provenance, read again whenever either file changed."""
    catalog_path, provenance_path = folder / CATALOG_FILE, folder / PROVENANCE_FILE
    shown = shown or str(folder)
    stamps = tuple(_stamp(path) for path in (catalog_path, provenance_path))
    return _load(str(catalog_path), str(provenance_path), shown, stamps)


def _stamp(path: Path) -> tuple[int, int]:
    try:
        status = os.stat(path)
    except OSError:
        return (0, 0)
    return (status.st_mtime_ns, status.st_size)


@cache
def _load(catalog_path: str, provenance_path: str, shown: str, stamps: tuple) -> SecurityHubCatalog:
    """Keyed on the files' modification times and sizes: an edit is never served from the cache."""
    catalog_name = f"{shown}/{CATALOG_FILE}"
    catalog = parse(_read(Path(catalog_path), catalog_name), catalog_name)
    provenance_name = f"{shown}/{PROVENANCE_FILE}"
    provenance = parse_provenance(_read(Path(provenance_path), provenance_name), provenance_name)
    return SecurityHubCatalog(
        catalog.path, catalog.title, catalog.version, catalog.last_modified, catalog.controls, provenance
    )


def _read(path: Path, name: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise CatalogShapeError(
            f"{name}: cannot read the pinned Security Hub catalog ({reason}); "
            "take it again with `make securityhub SNAPSHOT=<git dir of awslabs/oscal-content-for-aws-services>`"
        ) from None
