"""Write the final Markdown of every page, and the generated files, into a folder: no MkDocs needed.

    python -m srg.export_markdown [DOCS_DIR] [OUT_DIR]

Every marker and reference is expanded and every term abbreviated, as in the
MkDocs build; the folder builds with the same Markdown extensions and no hooks
(for example with Zensical, which runs no MkDocs hooks).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from . import securityhub
from .errors import SrgError
from .exports import as_csv, as_json
from .load import load_catalog
from .nist import NIST_DIR
from .oscal import as_oscal
from .pipeline import Site, inline_html, render_page
from .schema import schema_text
from .service_pages import generated_pages, share_pages

DATA_FILE = "data/responsibilities.yml"
PINNED_FOLDERS = (securityhub.FOLDER, NIST_DIR)  # under docs/data/: read by the build, not published
SITE_NAME = "Shared Responsibility Guide"


def export(docs: Path, out: Path, site_url: str | None = None, site_name: str = SITE_NAME) -> list[str]:
    """Write every page of `docs` as final Markdown into `out`; return the pages written."""
    catalog = load_catalog(docs / DATA_FILE, display_name=str(docs / DATA_FILE))
    unpublished = [docs / "data" / folder for folder in PINNED_FOLDERS]  # mkdocs.yml's exclude_docs
    pages = {
        p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(docs.rglob("*.md"))
        if not any(folder in p.parents for folder in unpublished)
    }
    pages.update(generated_pages(catalog))
    site = Site(catalog, pages)
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(docs, out, ignore=_not_published)
    for page, markdown in pages.items():
        front, body = _split_front_matter(markdown)
        target = out / page
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(front + inline_html(render_page(body, page, site)), encoding="utf-8")
    locations = site.section_locations()
    for path, page in share_pages(catalog, locations, site_name, site_url).items():
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_text(page, encoding="utf-8")
    data = out / DATA_FILE
    base = site_url or "/"
    url_of = {entry: base + location for entry, location in locations.items()}
    data.with_suffix(".json").write_text(as_json(catalog, base + "data/responsibilities.schema.json"))
    data.with_suffix(".csv").write_text(as_csv(catalog, url_of))
    data.with_suffix(".oscal.json").write_text(as_oscal(catalog, url_of, "responsibilities.json"))
    data.with_name("responsibilities.schema.json").write_text(schema_text())
    return sorted(pages)


def _not_published(folder: str, names: list[str]) -> set[str]:
    """The pages (written below, expanded) and the pinned catalogs, which the site does not publish."""
    skipped = {name for name in names if name.endswith(".md")}
    if Path(folder).name == "data":
        skipped.update(name for name in PINNED_FOLDERS if name in names)
    return skipped


def _split_front_matter(markdown: str) -> tuple[str, str]:
    if markdown.startswith("---\n"):
        end = markdown.find("\n---\n", 4)
        if end > 0:
            return markdown[: end + 5], markdown[end + 5 :]
    return "", markdown


def main(argv: list[str]) -> int:
    docs = Path(argv[0] if argv else "docs")
    out = Path(argv[1] if len(argv) > 1 else "build/markdown")
    try:
        written = export(docs, out, os.environ.get("SITE_URL") or None)
    except SrgError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"{len(written)} pages written to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
