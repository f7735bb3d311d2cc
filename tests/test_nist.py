"""The pinned NIST SP 800-53 Rev. 5 catalog: its files, its refresh from a snapshot, and the data's NIST ids."""

from __future__ import annotations

import copy
import datetime
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from helpers import DATA_FILE
from trestle.oscal.catalog import Catalog as TrestleCatalog

from srg import securityhub
from srg.errors import DataError
from srg.load import PROJECT_SECURITY_HUB, load_catalog
from srg.nist import (
    CATALOG_FILE,
    LICENSE_FILE,
    NIST_DIR,
    PINNED,
    SOURCE_FILE,
    Provenance,
    load_nist,
    nist_label,
    parse_nist,
    pinned,
    trimmed,
)
from srg.nist_refresh import CATALOG_PATH, LICENSE_PATH, main, refresh

TODAY = datetime.date(2026, 12, 7)


# -- a small NIST catalog, in the shape NIST publishes (5.1.1 and later: three labels per control) --------


def control(family: str, number: int, title: str, *children: dict, withdrawn: bool = False, enh: int = 0) -> dict:
    oscal_id = f"{family}-{number}" + (f".{enh}" if enh else "")
    label = f"{family.upper()}-{number}" + (f"({enh})" if enh else "")
    padded = f"{family.upper()}-{number:02d}" + (f"({enh:02d})" if enh else "")
    props = [
        {"name": "label", "value": padded, "class": "zero-padded"},
        {"name": "label", "value": label},
        {"name": "label", "value": padded, "class": "sp800-53a"},
        {"name": "sort-id", "value": oscal_id},
    ]
    if withdrawn:
        props.append({"name": "status", "value": "withdrawn"})
    found: dict[str, Any] = {
        "id": oscal_id,
        "class": "SP800-53",
        "title": title,
        "params": [{"id": f"{oscal_id}_prm_1", "label": "organization-defined frequency"}],
        "props": props,
        "parts": [{"id": f"{oscal_id}_smt", "name": "statement", "prose": "Do it."}],
    }
    if children:
        found["controls"] = list(children)
    return found


def small_catalog(version: str = "5.2.0", *, with_sa24: bool = True, withdraw_ac22: bool = False) -> dict:
    access = [
        control("ac", 1, "Policy and Procedures"),
        control(
            "ac",
            2,
            "Account Management",
            control("ac", 2, "Automated System Account Management", enh=1),
            control("ac", 2, "Automated Temporary and Emergency Account Management", enh=2, withdrawn=withdraw_ac22),
        ),
    ]
    acquisition = [control("sa", 24, "Design for Cyber Resiliency")] if with_sa24 else []
    return {
        "catalog": {
            "uuid": "aa0a8d3e-0000-4000-8000-000000000001",
            "metadata": {
                "title": "NIST SP 800-53 Rev. 5 (a small fixture)",
                "last-modified": "2025-08-26T00:00:00Z",
                "version": version,
                "oscal-version": "1.1.3",
                "props": [{"name": "keywords", "value": "x"}],
            },
            "groups": [
                {"id": "ac", "class": "family", "title": "Access Control", "controls": access},
                {"id": "sa", "class": "family", "title": "System and Services Acquisition", "controls": acquisition},
            ],
            "back-matter": {"resources": [{"uuid": "aa0a8d3e-0000-4000-8000-000000000002", "title": "a"}]},
        }
    }


def provenance(**changes: Any) -> Provenance:
    fields = {
        "repository": "usnistgov/oscal-content",
        "path": CATALOG_PATH,
        "ref": "v9",
        "commit": "0" * 40,
        "committed": TODAY,
        "taken": TODAY,
        "version": "5.2.0",
        "oscal_version": "1.1.3",
        "last_modified": "2025-08-26T00:00:00Z",
        "trimmed": "Only what the guide reads",
        "licence": "Public domain",
    }
    return Provenance(**{**fields, **changes})


def git(repo: Path, *args: str) -> str:
    env = {"GIT_AUTHOR_DATE": "2025-08-27T12:00:00Z", "GIT_COMMITTER_DATE": "2025-08-27T12:00:00Z"}
    identity = ["-c", "user.name=Fixture", "-c", "user.email=fixture@example.test", "-c", "commit.gpgsign=false"]
    result = subprocess.run(
        ["git", *identity, "-C", str(repo), *args],
        capture_output=True,
        text=True,
        check=True,
        env={**env, "PATH": "/usr/bin:/bin", "HOME": str(repo)},
    )
    return result.stdout


def commit_catalog(repo: Path, document: Any, tag: str) -> None:
    path = repo / CATALOG_PATH
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(document if isinstance(document, str) else json.dumps(document, indent=2), "utf-8")
    (repo / LICENSE_PATH).write_text("## This project is in the worldwide public domain\n", "utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", tag)
    git(repo, "tag", tag)


@pytest.fixture
def nist_snapshot(tmp_path: Path) -> Path:
    """A git snapshot of a small 'usnistgov/oscal-content': v1 (5.1.1), v2 (5.2.0), v3 (not a catalog)."""
    repo = tmp_path / "oscal-content"
    repo.mkdir()
    git(repo, "init", "-q")
    commit_catalog(repo, small_catalog("5.1.1", with_sa24=False), "v1")
    commit_catalog(repo, small_catalog("5.2.0", withdraw_ac22=True), "v2")
    broken = small_catalog("5.3.0")
    del broken["catalog"]["groups"][0]["controls"][0]["title"]
    commit_catalog(repo, broken, "v3")
    return repo / ".git"


# -- the pinned copy ------------------------------------------------------------------------------------


def test_the_pinned_copy_names_controls_as_nist_writes_them() -> None:
    nist = pinned()
    assert nist.path == f"docs/data/{NIST_DIR}/{CATALOG_FILE}"
    assert len(nist.controls) > 1000
    enhancement = nist.control("AC-2(1)")
    assert (enhancement.id, enhancement.title, enhancement.withdrawn) == (
        "ac-2.1",
        "Automated System Account Management",
        False,
    )
    assert nist.control("SC-28").title == "Protection of Information at Rest"
    assert nist.control("AC-2(10)").withdrawn


def test_the_pinned_copy_says_where_and_when_it_was_taken() -> None:
    source = pinned().source
    assert source.repository == "usnistgov/oscal-content"
    assert source.path == CATALOG_PATH
    assert source.version == pinned().version
    assert source.url == f"https://github.com/usnistgov/oscal-content/blob/{source.commit}/{CATALOG_PATH}"
    assert "public domain" in (PINNED / LICENSE_FILE).read_text(encoding="utf-8")


def test_the_pinned_copy_is_a_valid_oscal_catalog() -> None:
    document = json.loads((PINNED / CATALOG_FILE).read_text(encoding="utf-8"))
    catalog = TrestleCatalog.model_validate(document["catalog"])
    assert catalog.metadata.version == pinned().version


def test_trimming_keeps_every_control_label_and_title() -> None:
    full = small_catalog()
    kept = trimmed(full)
    assert parse_nist(kept, "x", provenance()).controls == parse_nist(full, "x", provenance()).controls
    first = kept["catalog"]["groups"][0]["controls"][0]
    assert set(first) == {"id", "class", "title", "props"}
    assert [p["value"] for p in first["props"]] == ["AC-1", "ac-1"]
    assert "back-matter" not in kept["catalog"]
    TrestleCatalog.model_validate(kept["catalog"])


def test_labels_are_read_as_nist_writes_them_and_others_are_hinted() -> None:
    nist = parse_nist(small_catalog(withdraw_ac22=True), "fixture.json", provenance())
    assert [c.label for c in nist.controls] == ["AC-1", "AC-2", "AC-2(1)", "AC-2(2)", "SA-24"]
    assert nist.problem("AC-2(1)") is None
    assert "NIST has withdrawn" in (nist.problem("AC-2(2)") or "")
    assert "NIST writes it 'AC-2(1)'" in (nist.problem("AC-02(01)") or "")
    assert nist.problem("AC-9") == (
        "names no control of NIST SP 800-53 Rev. 5 (got 'AC-9'; the catalog is fixture.json, version 5.2.0)"
    )
    assert [nist_label(t) for t in ("ac-2.1", "AC-02(01)", "sc-28", "RDS.3")] == ["AC-2(1)", "AC-2(1)", "SC-28", None]


# -- a catalog file that is not the expected shape: one sentence, naming the file -----------------------


def broken(change: str) -> dict:
    document = small_catalog()
    ac1 = document["catalog"]["groups"][0]["controls"][0]
    if change == "no groups":
        document["catalog"]["groups"] = []
    elif change == "no title":
        del ac1["title"]
    elif change == "bad id":
        ac1["id"] = "AC 1"
    elif change == "no label":
        ac1["props"] = [p for p in ac1["props"] if "class" in p]
    elif change == "two labels":
        ac1["props"].append({"name": "label", "value": "AC-1"})
    elif change == "repeated label":
        document["catalog"]["groups"][1]["controls"][0]["props"][1]["value"] = "AC-1"
    elif change == "not a catalog":
        document = {"profile": document["catalog"]}
    return document


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ("no groups", "is not an OSCAL catalog: field 'catalog.groups' list should have at least 1 item"),
        ("no title", "is not an OSCAL catalog: field 'catalog.groups.0.controls.0.title' field required"),
        ("bad id", "is not an OSCAL catalog: field 'catalog.groups.0.controls.0.id' string should match"),
        ("no label", "control 'ac-1' must have one label like 'AC-2(1)' (got [])"),
        ("two labels", "control 'ac-1' must have one label like 'AC-2(1)' (got ['AC-1', 'AC-1'])"),
        ("repeated label", "control 'sa-24' repeats the label 'AC-1'"),
        ("not a catalog", "is not an OSCAL catalog: field 'catalog' field required"),
    ],
)
def test_a_catalog_of_the_wrong_shape_is_refused_in_one_sentence(change: str, says: str) -> None:
    with pytest.raises(DataError) as caught:
        parse_nist(broken(change), "docs/data/nist-800-53/catalog.json", provenance())
    message = str(caught.value)
    assert message.startswith(f"docs/data/nist-800-53/catalog.json: {says}"), message
    assert "\n" not in message


def pinned_copy(tmp_path: Path) -> Path:
    folder = tmp_path / NIST_DIR
    shutil.copytree(PINNED, folder)
    return folder


@pytest.mark.parametrize(
    ("file", "text", "says"),
    [
        (CATALOG_FILE, None, "catalog.json: cannot read the pinned NIST catalog: [Errno 2] No such file"),
        (CATALOG_FILE, '{"catalog": ', "catalog.json:1: not JSON: Expecting value"),
        (SOURCE_FILE, None, "source.json: cannot read the pinned NIST catalog"),
        (SOURCE_FILE, '{"repository": "x"}', "source.json: is not the provenance of the NIST catalog: field 'path'"),
    ],
)
def test_a_missing_or_malformed_file_fails_in_one_sentence(
    tmp_path: Path, file: str, text: str | None, says: str
) -> None:
    folder = pinned_copy(tmp_path)
    if text is None:
        (folder / file).unlink()
    else:
        (folder / file).write_text(text, "utf-8")
    with pytest.raises(DataError) as caught:
        load_nist(folder, "docs/data/nist-800-53")
    assert str(caught.value).startswith(f"docs/data/nist-800-53/{says}"), str(caught.value)


def test_the_data_file_is_refused_when_the_catalog_beside_it_is_missing(tmp_path: Path) -> None:
    shutil.copy(DATA_FILE, tmp_path / "responsibilities.yml")
    shutil.copytree(PROJECT_SECURITY_HUB, tmp_path / securityhub.FOLDER)
    with pytest.raises(DataError) as caught:
        load_catalog(tmp_path / "responsibilities.yml", "docs/data/responsibilities.yml")
    assert str(caught.value).startswith(
        "docs/data/nist-800-53/catalog.json: cannot read the pinned NIST catalog: [Errno 2]"
    )
    pinned_copy(tmp_path)
    assert load_catalog(tmp_path / "responsibilities.yml").nist is not None


# -- the data's NIST ids: on the Security Hub controls read (`controls:`), tested in test_checks.py ---------------


# -- the refresh from a snapshot -------------------------------------------------------------------------


def test_refresh_writes_the_trimmed_copy_and_where_it_came_from(nist_snapshot: Path, tmp_path: Path) -> None:
    out = tmp_path / "pinned"
    change = refresh(nist_snapshot, "v1", out, TODAY)
    assert change.before is None
    nist = load_nist(out)
    assert (nist.version, [c.label for c in nist.controls]) == ("5.1.1", ["AC-1", "AC-2", "AC-2(1)", "AC-2(2)"])
    source = nist.source
    assert (source.ref, source.committed, source.taken) == ("v1", datetime.date(2025, 8, 27), TODAY)
    assert source.version == "5.1.1"
    assert source.commit == git(nist_snapshot.parent, "rev-parse", "v1").strip()
    assert (out / LICENSE_FILE).read_text(encoding="utf-8").startswith("## This project is in the worldwide public")
    written = json.loads((out / CATALOG_FILE).read_text(encoding="utf-8"))
    assert "params" not in json.dumps(written)
    assert "No previous copy" in change.report()


def test_refresh_reports_controls_added_removed_and_withdrawn(nist_snapshot: Path, tmp_path: Path) -> None:
    out = tmp_path / "pinned"
    refresh(nist_snapshot, "v1", out, TODAY)
    change = refresh(nist_snapshot, "v2", out, TODAY)
    assert (change.added, change.removed, change.withdrawn) == (["SA-24"], [], ["AC-2(2)"])
    report = change.report()
    assert report.startswith("NIST SP 800-53 Rev. 5 5.2.0 from usnistgov/oscal-content v2 (")
    assert "Since the previous copy (5.1.1, v1):\n  1 added: SA-24\n  0 removed\n  1 withdrawn: AC-2(2)" in report
    back = refresh(nist_snapshot, "v1", out, TODAY)
    assert (back.added, back.removed, back.withdrawn) == ([], ["SA-24"], [])


def test_refresh_from_a_broken_catalog_changes_nothing(
    nist_snapshot: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "pinned"
    refresh(nist_snapshot, "v2", out, TODAY)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert main([str(nist_snapshot), "v3", str(out)]) == 1
    error = capsys.readouterr().err.strip()
    assert error.startswith(f"usnistgov/oscal-content@v3:{CATALOG_PATH}: is not an OSCAL catalog: field ")
    assert "\n" not in error
    assert main([str(nist_snapshot), "no-such-tag", str(out)]) == 1
    assert "git rev-parse" in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_refresh_prints_its_report(nist_snapshot: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(nist_snapshot), "v2", str(tmp_path / "pinned")]) == 0
    assert "5 controls, 1 of them withdrawn." in capsys.readouterr().out


def test_the_fixture_matches_the_shape_of_nist_files() -> None:
    """The fixture's controls read like the pinned copy's: a guard that the fixture tests the real shape."""
    fixture = copy.deepcopy(small_catalog())
    real = json.loads((PINNED / CATALOG_FILE).read_text(encoding="utf-8"))["catalog"]["groups"][0]["controls"][1]
    assert set(trimmed(fixture)["catalog"]["groups"][0]["controls"][1]) == set(real)
