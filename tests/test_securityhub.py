"""AWS's Security Hub catalog: the pinned copy reads through the model, a file of another shape fails in one
sentence naming it, and `make securityhub` takes a new copy from a snapshot and reports what changed.

The refresh runs on small fixture catalogs (tests/fixtures/security-hub/) committed to a git repository made
in a temporary folder, as AWS's repository would be in a snapshot.
"""

from __future__ import annotations

import datetime
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT, real_catalog

from srg import securityhub
from srg.load import PROJECT_SECURITY_HUB
from srg.securityhub import CATALOG_FILE, PROVENANCE_FILE, USER_GUIDE, CatalogShapeError, parse
from srg.securityhub_refresh import main, new_spellings, refresh

FIXTURES = ROOT / "tests" / "fixtures" / "security-hub"
UPSTREAM = "catalogs/aws_security-hub.oscal.json"


# -- the pinned copy ----------------------------------------------------------------------------------


def test_the_pinned_catalog_reads_with_its_provenance() -> None:
    hub = securityhub.load(PROJECT_SECURITY_HUB)
    assert hub.version == "0.2.0"
    assert hub.last_modified.date().isoformat() == "2026-03-31"
    assert len(hub.controls) == 451  # 452 in 77 groups, less AWS's TestControl
    assert not any(c.group == "TestControl" for c in hub.controls.values())
    rds3 = hub.control("RDS.3")
    assert (rds3.statement, rds3.severity_label, rds3.config_rule) == (
        "RDS DB instances should have encryption at-rest enabled",
        "Medium",
        "rds-storage-encrypted",
    )
    assert rds3.guide_url == USER_GUIDE + "rds-controls.html#rds-3"
    provenance = hub.provenance
    assert provenance.repository == "awslabs/oscal-content-for-aws-services"
    assert provenance.commit == "4a1779ffb556c4ab8fb3dad94a19d4d198116803"
    assert provenance.catalog_version == hub.version


def test_the_license_and_notice_travel_with_the_copy() -> None:
    assert "Apache License" in (PROJECT_SECURITY_HUB / "LICENSE").read_text(encoding="utf-8")
    assert "Amazon.com" in (PROJECT_SECURITY_HUB / "NOTICE").read_text(encoding="utf-8")


def test_each_service_has_one_spelling() -> None:
    hub = securityhub.load(PROJECT_SECURITY_HUB)
    assert hub.control("ECS.20").evaluated_as == "ec2containerservice"
    assert hub.control("ECS.20").service == "ECS"
    assert hub.control("RDS.50").evaluated_as == "rds"
    assert hub.control("RDS.50").service == "RDS"
    assert new_spellings(hub) == [], "map the new spelling in EVALUATED_SPELLINGS"


def test_the_copy_is_not_published(site) -> None:
    assert not (site.site / "data" / "security-hub").exists()


def test_every_cited_control_links_to_its_section_of_the_user_guide() -> None:
    catalog = real_catalog()
    cited = {c for entry in catalog.responsibilities for c in catalog.cited_checks(entry)}
    for control_id in cited:
        url = catalog.security_hub.control(control_id).guide_url
        assert url, control_id
        assert url.startswith(USER_GUIDE), url
        assert url.endswith("#" + control_id.lower().replace(".", "-")), url


# -- a file of another shape: one sentence naming it ---------------------------------------------------------


def one_sentence(error: pytest.ExceptionInfo, name: str, *fragments: str) -> str:
    message = str(error.value)
    assert message.startswith(name + ":"), message
    assert "\n" not in message
    for fragment in fragments:
        assert fragment in message, message
    return message


def test_a_file_that_is_not_json_is_named_with_its_line() -> None:
    with pytest.raises(CatalogShapeError) as caught:
        parse('{"catalog": {\n  "uuid": }', "hub.json")
    one_sentence(caught, "hub.json:2", "is not valid JSON")


def test_a_file_of_another_shape_names_what_is_missing() -> None:
    with pytest.raises(CatalogShapeError) as caught:
        parse(json.dumps({"catalog": {"uuid": "x", "groups": []}}), "hub.json")
    one_sentence(caught, "hub.json", "not the OSCAL catalog the guide reads", "'catalog.metadata' is missing")


def test_a_control_without_its_severity_is_named() -> None:
    with pytest.raises(CatalogShapeError) as caught:
        parse((FIXTURES / "no-severity.oscal.json").read_text(encoding="utf-8"), "hub.json")
    one_sentence(caught, "hub.json", "control 'ECS.1' (group 'ECS') has no SeverityLabel property")


def test_a_missing_catalog_says_how_to_take_it_again(tmp_path: Path) -> None:
    with pytest.raises(CatalogShapeError) as caught:
        securityhub.load(tmp_path, "docs/data/security-hub")
    one_sentence(caught, f"docs/data/security-hub/{CATALOG_FILE}", "cannot read", "make securityhub SNAPSHOT=")


def test_an_edited_copy_is_read_again(tmp_path: Path) -> None:
    folder = tmp_path / "hub"
    shutil.copytree(PROJECT_SECURITY_HUB, folder)
    assert "RDS.3" in securityhub.load(folder).controls
    old = json.loads((FIXTURES / "old.oscal.json").read_text(encoding="utf-8"))
    (folder / CATALOG_FILE).write_text(json.dumps(old), encoding="utf-8")
    assert set(securityhub.load(folder).controls) == {"ECS.1", "ECS.20", "RDS.2", "RDS.3", "RDS.9", "RDS.50"}


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        (CATALOG_FILE, "[]", "not the OSCAL catalog the guide reads"),
        (CATALOG_FILE, None, "cannot read the pinned Security Hub catalog"),
        (PROVENANCE_FILE, "repository: x\n", "where the Security Hub catalog came from is unreadable"),
    ],
)
def test_a_broken_copy_fails_the_build_naming_the_file(build_project, name: str, content: str | None, fragment: str):
    project = ROOT / "docs" / "data" / "security-hub"
    files = {f"docs/data/security-hub/{name}": content} if content is not None else {}
    if content is None:  # a missing file: build a project without it
        build = build_project(files={"docs/data/security-hub/README.md": (project / "README.md").read_text()})
        assert build.returncode == 0, build.output
        (build.site.parent / "project" / "docs" / "data" / "security-hub" / name).unlink()
        build = build_project(site="site-again")
    else:
        build = build_project(files=files)
    assert build.returncode != 0
    line = next(line for line in build.output.splitlines() if fragment in line)
    assert f"docs/data/security-hub/{name}" in line, line


# -- `make securityhub`: a new copy from a snapshot, and what changed -------------------------------------------


def git(repo: Path, *args: str, date: str = "2026-03-31T12:00:00+00:00") -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
    }
    result = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, env=env, check=True)
    return result.stdout.strip()


def snapshot(tmp_path: Path, catalog: str) -> Path:
    """A repository of AWS's layout with the fixture `catalog`, committed."""
    repo = tmp_path / "oscal-content-for-aws-services"
    (repo / "catalogs").mkdir(parents=True)
    git(repo, "init", "-q")
    (repo / "LICENSE").write_text("Apache License\nVersion 2.0, January 2004\n", encoding="utf-8")
    (repo / "NOTICE").write_text("Copyright Amazon.com, Inc. or its affiliates. All Rights Reserved.\n")
    commit(repo, catalog, "2026-01-31T12:00:00+00:00")
    return repo


def commit(repo: Path, catalog: str, date: str) -> str:
    shutil.copy(FIXTURES / catalog, repo / UPSTREAM)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", f"catalog {catalog}", date=date)
    return git(repo, "rev-parse", "HEAD")


def test_the_first_copy_records_where_and_when_it_was_taken(tmp_path: Path) -> None:
    repo = snapshot(tmp_path, "old.oscal.json")
    folder = tmp_path / "pinned"
    found, provenance = refresh(repo / ".git", folder, taken=datetime.date(2026, 2, 1))
    assert (folder / CATALOG_FILE).read_bytes() == (FIXTURES / "old.oscal.json").read_bytes()
    assert (folder / "LICENSE").read_text().startswith("Apache License")
    assert found.added == ["ECS.1", "ECS.20", "RDS.2", "RDS.3", "RDS.9", "RDS.50"]  # by number, not as text
    assert found.retired == []
    assert provenance.commit == git(repo, "rev-parse", "HEAD")
    assert (provenance.commit_date.isoformat(), provenance.taken.isoformat()) == ("2026-01-31", "2026-02-01")
    assert provenance.catalog_version == "0.1.0"
    assert securityhub.load(folder).provenance == provenance


def test_a_refresh_reports_the_controls_added_and_retired_by_id(tmp_path: Path, capsys) -> None:
    repo = snapshot(tmp_path, "old.oscal.json")
    folder = tmp_path / "pinned"
    assert main([str(repo), str(folder), "--taken", "2026-02-01"]) == 0
    head = commit(repo, "new.oscal.json", "2026-03-31T12:00:00+00:00")
    capsys.readouterr()
    assert main([str(repo), str(folder), "--taken", "2026-04-02"]) == 0
    report = capsys.readouterr().out
    assert f"at commit {head[:12]} (2026-03-31): catalog version 0.2.0" in report
    assert "Added (2): ECS.21, S3.8" in report
    assert "Retired (1): RDS.9" in report
    hub = securityhub.load(folder)
    assert "RDS.9" not in hub.controls
    retired = hub.retired("RDS.9")
    assert (retired.statement, retired.retired.isoformat()) == (
        "RDS DB instances should publish logs to CloudWatch Logs",
        "2026-04-02",
    )


def test_a_catalog_of_another_shape_is_refused_and_the_copy_kept(tmp_path: Path, capsys) -> None:
    repo = snapshot(tmp_path, "old.oscal.json")
    folder = tmp_path / "pinned"
    assert main([str(repo), str(folder), "--taken", "2026-02-01"]) == 0
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    commit(repo, "no-severity.oscal.json", "2026-03-31T12:00:00+00:00")
    assert main([str(repo), str(folder)]) == 1
    error = capsys.readouterr().err.strip()
    assert "\n" not in error
    assert "control 'ECS.1' (group 'ECS') has no SeverityLabel property" in error
    assert error.endswith(f"the pinned copy in {folder} is unchanged.")
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_a_folder_that_is_no_snapshot_is_refused_in_one_sentence(tmp_path: Path, capsys) -> None:
    assert main([str(tmp_path / "nowhere"), str(tmp_path / "pinned")]) == 1
    error = capsys.readouterr().err.strip()
    assert "no such snapshot" in error
    assert "\n" not in error
    assert not (tmp_path / "pinned").exists()


def test_make_securityhub_runs_the_refresh(tmp_path: Path) -> None:
    repo = snapshot(tmp_path, "new.oscal.json")
    folder = tmp_path / "pinned"
    result = subprocess.run(
        [sys.executable, "-m", "srg.securityhub_refresh", str(repo), str(folder)],
        cwd=ROOT / "hooks",
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Added (7):" in result.stdout
    assert "make securityhub SNAPSHOT=" in (ROOT / "Makefile").read_text(encoding="utf-8")
