"""Each change the guide makes to the theme's behaviour, undone alone: Lighthouse side by side with the site as built.

Run: .venv/bin/python benchmarks/theme_changes.py [runs]   (needs `npm ci`; about 20 s a run and page)

The site is built once; each variant is a copy of it with one change undone
in its HTML, so the variants differ in that change only. Lighthouse runs in
rounds over the heaviest pages of every variant (median of `runs`, 3 by
default). A change earns its place only where undoing it takes a page below
the speed goal (98); the search dialog's name is an accessibility fix, kept
for the accessibility audit, not measured here. Two changes measured so were
dropped (benchmarks/README.md): the root's classes given by the head, and the
theme's bundle deferred.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from run import ROOT, build_command, empty_site, lighthouse_table

sys.path.insert(0, str(ROOT / "hooks"))
from srg.theme_markup import GUIDE_PALETTE, TABLE_CLOSE, TABLE_OPEN, THEME_PALETTE

# The pages where the theme's work shows most: the longest tables and the most elements.
PAGES = ("services/", "matrix/", "customer/", "services/rds/")


UNDO: dict[str, Callable[[str], str]] = {
    "tables wrapped by the theme": lambda html: html.replace(TABLE_OPEN, "<table>").replace(TABLE_CLOSE, "</table>"),
    # The form given back to the theme: its palette code runs, and theme.js finds no switch of its own.
    "the theme's palette code": lambda html: html.replace(GUIDE_PALETTE, THEME_PALETTE),
}


def variant(site: Path, where: Path, undo: Callable[[str], str]) -> Path:
    """A copy of the built site with only PAGES, one change undone (which must be on one of them at least)."""
    shutil.copytree(site, where)
    changed = []
    for page in where.rglob("index.html"):
        path = page.parent.relative_to(where).as_posix() + "/"
        if path not in PAGES:
            page.unlink()
            continue
        html = page.read_text(encoding="utf-8")
        undone = undo(html)
        changed.append(undone != html)
        page.write_text(undone, encoding="utf-8")
    if not any(changed):
        raise SystemExit(f"{where.name}: nothing to undo on {', '.join(PAGES)}; the change is gone from the built site")
    return where


def main(runs: int) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        tmp = Path(scratch)
        subprocess.run(build_command(ROOT / "mkdocs.yml", tmp / "site"), check=True, capture_output=True)
        subprocess.run(build_command(empty_site(tmp / "empty"), tmp / "floor", strict=False), check=True)
        # The site as built, twice: how far two runs of the same pages differ on this machine today.
        sites = [(name, variant(tmp / "site", tmp / name, lambda html: html + "\n")) for name in ("as built", "again")]
        sites += [(name, variant(tmp / "site", tmp / str(n), undo)) for n, (name, undo) in enumerate(UNDO.items())]
        print("\n".join(lighthouse_table(sites, tmp / "floor", runs, tmp)))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
