"""The guide as an OSCAL 1.2.1 component definition, one component per service; no MkDocs imports.

A component definition says how a component (here: an AWS service) meets
controls; it has no field for what its *customer* must do. OSCAL says that only
in a system security plan, in a by-component's `export` (`provided` and
`responsibilities`), which describes one system. So each responsibility that
applies on a service becomes an implemented requirement with:

- `description`: who holds it on that service, and the cell's own note where it has one;
- `responsible-roles`: who holds it there: `aws`, `customer`, or both when shared;
- props in the guide's namespace (`NS`): `responsibility`, `owner` (aws, customer
  or shared), `aws-does` and `customer-does` (what each side does), `checked`;
- `remarks`: the other setups AWS's documentation names, each with its owner;
- links: the guide's section (which cites every page), the AWS pages the cell
  itself cites, and the AWS Security Hub controls that check the customer's
  part (`checks`, rel "check"), each to its section of the Security Hub user
  guide, its text the control's statement, severity and the setup it is for.

Every responsibility is one requirement of a control implementation whose
source is the guide's own data (control ids are its stable entry ids), so none
is left out for lack of a NIST id. Where the checks cited on a service's cell
have NIST SP 800-53 Rev. 5 ids (`Catalog.nist_reading`), the responsibility is
also a requirement of a second implementation, against NIST's catalog, one per
control (`control-id` in OSCAL form, `ac-2.1`), each linking back to the first.
UUIDs are name-based (UUID 5), so the same data gives the same file.
"""

from __future__ import annotations

import datetime
import hashlib
import uuid
from typing import Any

from pydantic_core import to_json

from .model import OWNER_LABELS, Catalog, Cell, Responsibility, Service, lower_first
from .securityhub import USER_GUIDE as SECURITY_HUB_GUIDE

OSCAL_VERSION = "1.2.1"
# The namespace of the guide's own props: a stable name, not an address (the site may move).
NS = "urn:shared-responsibility-guide:oscal"
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, NS)
ROLES = {
    "aws": "Amazon Web Services, the cloud provider",
    "customer": "The AWS customer",
}
ROLES_OF_OWNER = {"aws": ["aws"], "customer": ["customer"], "shared": ["aws", "customer"]}


_NAMESPACED = hashlib.sha1(_NAMESPACE.bytes, usedforsecurity=False)


def _uuid(*parts: str) -> str:
    """uuid.uuid5(_NAMESPACE, 'a:b') as text, computed as RFC 9562 says without building a UUID object
    (which took half the export's time: 160,000 ids at 1,000 entries)."""
    digest = _NAMESPACED.copy()
    digest.update(":".join(parts).encode("utf-8"))
    b = bytearray(digest.digest()[:16])
    b[6] = (b[6] & 0x0F) | 0x50  # version 5
    b[8] = (b[8] & 0x3F) | 0x80  # the RFC's variant
    h = b.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def _prop(name: str, value: str) -> dict[str, str]:
    return {"name": name, "ns": NS, "value": value}


def checks_of(cell: Cell) -> list[tuple[str, str | None]]:
    """The Security Hub controls that check the customer's part on a cell, with the setup each is for (or None)."""
    found: list[tuple[str, str | None]] = [(check, None) for check in cell.checks]
    for condition in cell.conditions:
        found += [(check, condition.when) for check in condition.checks]
    return found


def component_definition(catalog: Catalog, url_of: dict[str, str], data_href: str) -> dict[str, Any]:
    """The document: a component per service; `url_of` maps entry ids to their sections' addresses."""
    body = _body(catalog, url_of, data_href)
    return {"component-definition": {"uuid": _document_uuid(to_json(body)), **body}}


def as_oscal(catalog: Catalog, url_of: dict[str, str], data_href: str) -> str:
    """The component definition as compact OSCAL JSON (about half the size of the indented text).

    The same bytes as `to_json(component_definition(…))`, serialising the body once: its JSON both
    gives the document's uuid and, after that uuid, is the rest of the document.
    """
    body = to_json(_body(catalog, url_of, data_href)).decode("utf-8")
    uuid_text = to_json(_document_uuid(body.encode("utf-8"))).decode("utf-8")
    return f'{{"component-definition":{{"uuid":{uuid_text},{body[1:]}}}\n'


def _body(catalog: Catalog, url_of: dict[str, str], data_href: str) -> dict[str, Any]:
    return {
        "metadata": _metadata(catalog),
        "components": [_component(catalog, service, url_of) for service in catalog.services],
        "back-matter": {"resources": _resources(catalog, data_href)},
    }


def _document_uuid(body_json: bytes) -> str:
    return _uuid("component-definition", hashlib.sha256(body_json).hexdigest())


def _last_day(catalog: Catalog) -> datetime.date:
    days = [entry.checked for entry in catalog.responsibilities]
    days += [reading.read for reading in catalog.data.controls]
    return max(days)


def _metadata(catalog: Catalog) -> dict[str, Any]:
    day = _last_day(catalog)
    return {
        "title": "Shared Responsibility Guide: who secures what on each AWS service",
        "last-modified": f"{day.isoformat()}T00:00:00+00:00",
        "version": day.isoformat(),
        "oscal-version": OSCAL_VERSION,
        "roles": [{"id": role, "title": title} for role, title in ROLES.items()],
        "remarks": "Generated from the Shared Responsibility Guide's data file, whose every cell that says more "
        "than the general rule cites AWS's documentation. Not a publication of AWS or of NIST. A component "
        "definition has no field for what a customer must do: each requirement names who holds it on the "
        f"service in responsible-roles and in the prop 'owner', and what each side does in the props "
        f"'aws-does' and 'customer-does', all in the namespace {NS}.",
    }


def _component(catalog: Catalog, service: Service, url_of: dict[str, str]) -> dict[str, Any]:
    applying = [entry for entry in catalog.responsibilities if catalog.applies(entry, service.id)]
    implementations = [_guide_implementation(catalog, service, applying, url_of)]
    with_nist = [entry for entry in applying if catalog.nist_reading(entry, service.id)]
    if with_nist:
        implementations.append(_nist_implementation(catalog, service, with_nist))
    component: dict[str, Any] = {
        "uuid": _uuid("component", service.id),
        "type": "service",
        "title": service.name,
        "description": f"Who secures what on {service.name}, responsibility by responsibility, as the Shared "
        "Responsibility Guide answers it from AWS's documentation.",
        "props": [_prop("service", service.id), _prop("kind", service.kind)],
    }
    security = catalog.source(service.security)
    if security.url:
        component["links"] = [{"href": security.url, "rel": "reference", "text": security.title}]
    component["control-implementations"] = implementations
    return component


def _guide_implementation(
    catalog: Catalog, service: Service, entries: list[Responsibility], url_of: dict[str, str]
) -> dict[str, Any]:
    return {
        "uuid": _uuid("implementation", service.id, "guide"),
        "source": f"#{_uuid('resource', 'guide')}",
        "description": f"Every responsibility of the shared responsibility model that applies on {service.name}: "
        "the control ids are the guide's entry ids.",
        "implemented-requirements": [_requirement(catalog, service, entry, url_of) for entry in entries],
    }


def _requirement(catalog: Catalog, service: Service, entry: Responsibility, url_of: dict[str, str]) -> dict:
    cell = catalog.cell(entry, service.id)
    requirement: dict[str, Any] = {
        "uuid": _uuid("requirement", service.id, entry.id),
        "control-id": entry.id,
        "description": _answer(entry, service, cell),
        "props": [
            _prop("responsibility", entry.id),
            _prop("owner", cell.owner),
            _prop("aws-does", entry.aws),
            _prop("customer-does", entry.customer),
            _prop("checked", entry.checked.isoformat()),
        ],
        "links": _links(catalog, entry, cell, url_of),
        "responsible-roles": [{"role-id": role} for role in ROLES_OF_OWNER[cell.owner]],
    }
    if cell.conditions:
        setups = "; ".join(f"{c.when}: {OWNER_LABELS[c.owner]}. {c.note}" for c in cell.conditions)
        requirement["remarks"] = f"Other setups, each with its own owner: {setups}"
    return requirement


def _answer(entry: Responsibility, service: Service, cell: Cell) -> str:
    """Who holds it on the service, and the cell's own note where it has one (the general texts are props)."""
    holder = {"aws": "AWS holds", "customer": "The customer holds", "shared": "AWS and the customer share"}
    answer = f"{holder[cell.owner]} {lower_first(entry.title)} on {service.name}."
    return f"{answer} {cell.note}" if cell.note else answer


def _links(catalog: Catalog, entry: Responsibility, cell: Cell, url_of: dict[str, str]) -> list[dict[str, str]]:
    links = [{"href": url_of[entry.id], "rel": "reference", "text": f"Shared Responsibility Guide: {entry.title}"}]
    for source_id in cell.sources:
        source = catalog.source(source_id)
        if source.url:
            links.append({"href": source.url, "rel": "reference", "text": source.title})
    for check, when in checks_of(cell):
        control = catalog.security_hub.control(check)
        text = f"AWS Security Hub control {check}: {control.statement} ({control.severity_label}"
        text += f"; {when})" if when else ")"
        links.append({"href": control.guide_url or SECURITY_HUB_GUIDE, "rel": "check", "text": text})
    return links


def _nist_implementation(catalog: Catalog, service: Service, entries: list[Responsibility]) -> dict[str, Any]:
    requirements = []
    for entry in entries:
        owner = catalog.cell(entry, service.id).owner
        guide_requirement = f"#{_uuid('requirement', service.id, entry.id)}"
        for control in catalog.nist_reading(entry, service.id).controls:  # type: ignore[union-attr]
            requirements.append(
                {
                    "uuid": _uuid("requirement", service.id, entry.id, control.id),
                    "control-id": control.id,
                    "description": f"{entry.title}: {OWNER_LABELS[owner].lower()} on {service.name}.",
                    "props": [_prop("responsibility", entry.id), _prop("owner", owner)],
                    "links": [{"href": guide_requirement, "rel": "related"}],
                    "responsible-roles": [{"role-id": role} for role in ROLES_OF_OWNER[owner]],
                }
            )
    return {
        "uuid": _uuid("implementation", service.id, "nist"),
        "source": f"#{_uuid('resource', 'nist')}",
        "description": f"The NIST SP 800-53 Rev. 5 controls that AWS's Security Hub documentation relates to the "
        f"checks of each responsibility on {service.name}.",
        "implemented-requirements": requirements,
    }


def _resources(catalog: Catalog, data_href: str) -> list[dict[str, Any]]:
    resources: list[dict[str, Any]] = [
        {
            "uuid": _uuid("resource", "guide"),
            "title": "Shared Responsibility Guide: its responsibilities",
            "description": "The guide's data, every responsibility with its stable id, which is the control-id of "
            "the requirements of the control implementations that cite this resource.",
            "rlinks": [{"href": data_href, "media-type": "application/json"}],
        }
    ]
    if catalog.nist is not None:
        source = catalog.nist.source
        resources.append(
            {
                "uuid": _uuid("resource", "nist"),
                "title": f"NIST SP 800-53 Rev. 5 catalog, version {catalog.nist.version} (OSCAL)",
                "description": f"NIST's catalog in {source.repository} ({source.ref}, commit {source.commit}), "
                "which the guide checks every NIST id against.",
                "rlinks": [{"href": source.url, "media-type": "application/json"}],
            }
        )
    return resources
