"""Synthetic copies of the site for the benchmarks: the real pages and hooks, with N entries cloned from the real ones.

Every id gets a number, so the clones are distinct entries with their own
sections, cells, questions, share pages and search documents.
"""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = "docs/data/responsibilities.yml"


def cloned_data(count: int, source: Path = ROOT / DATA, services: int | None = None) -> str:
    """The data file with `count` entries cloned from its own (ids and titles numbered), and, given `services`,
    that many services: the real ones, then clones of them in turn, each with its original's cells."""
    document = yaml.safe_load(source.read_text(encoding="utf-8"))
    if services is not None:
        _clone_services(document, services)
    originals = document["responsibilities"]
    layer_of = {entry_id: layer for layer in document["layers"] for entry_id in layer["responsibilities"]}
    for layer in document["layers"]:
        layer["responsibilities"] = []
    entries = []
    for number in range(count):
        entry = copy.deepcopy(originals[number % len(originals)])
        layer_of[entry["id"]]["responsibilities"].append(f"{entry['id']}-{number}")
        entry["id"] = f"{entry['id']}-{number}"
        entry["title"] = f"{entry['title']} ({number})"
        entry["related"] = []
        entry.pop("aliases", None)
        entries.append(entry)
    document["responsibilities"] = entries
    document["layers"] = [layer for layer in document["layers"] if layer["responsibilities"]]
    document.pop("questions", None)
    _leave_out_uncited(document)
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False)


def _cited(value: object) -> set[str]:
    """Every Security Hub control named in a `checks:` list anywhere under `value`."""
    if isinstance(value, dict):
        found = set(value.get("checks") or []) if isinstance(value.get("checks"), list) else set()
        return found.union(*(_cited(item) for item in value.values()))
    if isinstance(value, list):
        return set().union(*(_cited(item) for item in value))
    return set()


def _leave_out_uncited(document: dict) -> None:
    """Fewer entries than the real ones cite fewer controls: the others move to `left_out_checks`, as the
    model asks of a control no cell cites."""
    cited = _cited(document["responsibilities"])
    kept = [control for control in document.get("controls", []) if control["id"] in cited]
    dropped = [control["id"] for control in document.get("controls", []) if control["id"] not in cited]
    document["controls"] = kept
    document.setdefault("left_out_checks", []).extend(
        {"id": control, "reason": "Cited only by entries this copy leaves out."} for control in dropped
    )


def _clone_services(document: dict, count: int) -> None:
    """Grow (or cut) the services to `count`: clone `name (n)` of service `id` is `id-n`, with id's cells."""
    originals = document["services"]
    services = originals[:count]
    for number in range(len(originals), count):
        original = originals[number % len(originals)]
        clone = copy.deepcopy(original) | {"id": f"{original['id']}-{number}", "name": f"{original['name']} ({number})"}
        services.append(clone)
        for entry in document["responsibilities"]:
            cells = entry["services"]
            if isinstance(cells, dict) and original["id"] in cells:
                cells[clone["id"]] = copy.deepcopy(cells[original["id"]])
    kept = {service["id"] for service in services}
    for entry in document["responsibilities"]:
        cells = entry["services"]
        if isinstance(cells, dict):
            for key in [key for key in cells if key not in kept and key != "default" and key in _ids(originals)]:
                del cells[key]
    # The data lists services kind by kind (the model checks it): each clone joins its original's kind.
    kinds = [service["kind"] for service in originals]
    document["services"] = sorted(services, key=lambda service: kinds.index(service["kind"]))


def _ids(items: list[dict]) -> set[str]:
    return {item["id"] for item in items}


def project(where: Path, data: str | None = None) -> Path:
    """A copy of the real project in `where`, with its data file replaced by `data`; returns its mkdocs.yml."""
    where.mkdir(parents=True, exist_ok=True)
    for part in ("mkdocs.yml", "hooks", "overrides", "docs"):
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, where / part, ignore=shutil.ignore_patterns("__pycache__"), dirs_exist_ok=True)
        else:
            shutil.copy2(source, where / part)
    if data is not None:
        (where / DATA).write_text(data, encoding="utf-8")
        _strip_prose_links(where / "docs")
    return where / "mkdocs.yml"


def _strip_prose_links(docs: Path) -> None:
    """Hand-written prose links to real ids and questions; a synthetic file has none of them: keep the markers only."""
    for page in docs.glob("*.md"):
        text = page.read_text(encoding="utf-8")
        front = text[: text.index("\n---\n", 4) + 5] if text.startswith("---\n") else ""
        title = next(line for line in text[len(front) :].splitlines() if line.startswith("# "))
        markers = [line for line in text.splitlines() if line.startswith("<!-- srg:")]
        markers = [m for m in markers if "common-questions" not in m]
        page.write_text(front + title + "\n\n" + "\n\n".join(markers) + "\n", encoding="utf-8")
