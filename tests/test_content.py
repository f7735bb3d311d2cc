"""The built site carries every fact of the seed notes, lists its corrections and loads nothing from other hosts."""

from __future__ import annotations

import html as htmllib
import re
from pathlib import Path

import pytest

from conftest import Build

PAGES = [
    "index.html",
    "comparison/index.html",
    "aws/index.html",
    "customer/index.html",
    "shared/index.html",
    "services/index.html",
    "report-abuse/index.html",
    "sources/index.html",
    "matrix/index.html",
    "self-check/index.html",
    "glossary/index.html",
]

# Each fact of shared/seed (both files), as words that must appear in the site's text.
SEED_FACTS = [
    "security is a job that AWS and its customer share",
    "protecting and securing the infrastructure",
    "Regions",
    "Availability Zones",
    "edge locations",
    "controls physical access to the data centers where customer data resides",
    "generators",
    "uninterruptible power supply (UPS)",
    "computer room air conditioning (CRAC)",
    "fire suppression",
    "RDS, S3, DynamoDB, ECS and Lambda",
    "Patches the host operating systems",
    "data access endpoints",
    "how it uses the services",
    "Manages its application data",
    "encryption options",
    "Secures its account and its API calls",
    "Rotates its credentials",
    "Restricts internet access from its VPCs",
    "Applies updates and security patches to the guest operating system (OS)",
    "Identity and access management (IAM)",
    "Application and code security",
    "Protects its network traffic, which includes configuring security groups as firewalls",
    "Installs, configures, updates and patches the applications and utilities",
    "Patch management",
    "Patches its infrastructure",
    "Patches its guest operating systems and its applications",
    "Configuration management",
    "Configures its infrastructure devices",
    "Configures its own databases and applications",
    "Awareness and training",
    "Trains AWS employees",
    "Trains its own employees",
    "AWS Trust &amp; Safety",
    "Report Amazon AWS abuse",
    "abuse@amazonaws.com",
    # The companion section's EC2 and Lambda splits.
    "Installed applications",
    "Patching the guest operating system",
    "Security controls",
    "The EC2 service",
    "Patching the host operating system",
    "Security of the physical server",
    "Security of its code",
    "Storage of sensitive data",
    "IAM for permissions",
    "The Lambda service",
    "Upgrading the Lambda languages",
    "The Lambda endpoints",
    "The operating system, the underlying infrastructure and the software dependencies of the runtime",
    "Go into the exam knowing which responsibilities are yours and which are",
]

ERRATA = ["Installed software", "networking components", "overstates it", "Managment", "Traing"]


@pytest.fixture(scope="module")
def site_text(site: Build) -> str:
    inline = [re.sub(r"</?(?:abbr|a|em|strong|span|code)\b[^>]*>", "", site.page(p)) for p in PAGES]
    text = " ".join(re.sub(r"<[^>]+>", " ", html) for html in inline)
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("fact", SEED_FACTS)
def test_every_seed_fact_is_on_the_site(fact: str, site_text: str) -> None:
    assert htmllib.escape(fact, quote=False) in site_text or fact in site_text


@pytest.mark.parametrize("defect", ERRATA)
def test_every_defect_of_the_notes_is_listed_on_the_errata_page(defect: str, site: Build) -> None:
    errata = site.page("sources/index.html")
    errata = errata[errata.index('id="errata-what-the-guide-corrects-in-the-notes"') : errata.index('id="sources"')]
    assert defect in errata


def test_every_page_has_a_description(site: Build) -> None:
    for page in PAGES:
        match = re.search(r'<meta name="description" content="([^"]+)"', site.page(page))
        assert match, page
        assert len(match[1]) > 40, page


def test_no_built_file_loads_anything_from_another_host(site: Build) -> None:
    loaders = re.compile(r'<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)="(https?:)?//', re.I)
    css_urls = re.compile(r"url\(\s*['\"]?(?:https?:)?//", re.I)
    offenders = []
    for path in Path(site.site).rglob("*"):
        if path.suffix in {".html", ".css", ".js"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            for match in loaders.finditer(text):
                tag = text[match.start() : text.index(">", match.start()) + 1]
                if 'rel="canonical"' not in tag and 'rel="alternate"' not in tag:
                    offenders.append(f"{path.relative_to(site.site)}: {tag}")
            if css_urls.search(text):
                offenders.append(f"{path.relative_to(site.site)}: url(//…)")
    assert "fonts.googleapis" not in site.page("index.html")
    assert offenders == []
