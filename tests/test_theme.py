"""What the guide uses of Material's insides: each name still in the installed theme, and used in two files only.

hooks/srg/theme_markup.py and docs/assets/theme.js are the only files that
may name the theme's markup, classes or JavaScript globals; THEME_DEPENDENCES
lists each name, and the installed theme's own files must still have it.
"""

from __future__ import annotations

import re
from functools import cache
from importlib.metadata import version
from pathlib import Path

import material
import pytest

from conftest import ROOT
from srg.theme_markup import THEME_DEPENDENCES, Dependence

THEME_FILES = Path(material.__file__).parent / "templates"
THE_ONE_SCRIPT = ROOT / "docs" / "assets" / "theme.js"
THE_ONE_MODULE = ROOT / "hooks" / "srg" / "theme_markup.py"
# Names of the theme's insides as the guide's code would write them.
THEME_NAMES = re.compile(r"__md_\w+|document\$|(?<![\w-])md-[a-z][\w-]*|data-md-[a-z-]+|table:not\(\[class\]\)")
# Documented in Material's reference, for authors to use: not the theme's insides.
DOCUMENTED = {"md-button", "md-button--primary"}


@cache
def theme_texts() -> dict[str, str]:
    """The installed theme's templates, scripts and stylesheets (not its 14,510 icons or source maps)."""
    return {
        path.relative_to(THEME_FILES).as_posix(): path.read_text(encoding="utf-8", errors="replace")
        for path in THEME_FILES.rglob("*")
        if path.is_file() and ".icons" not in path.parts and path.suffix in {".html", ".js", ".css"}
    }


@pytest.mark.parametrize("dependence", THEME_DEPENDENCES, ids=lambda dependence: dependence.text)
def test_the_installed_theme_still_has_each_name_the_guide_uses(dependence: Dependence) -> None:
    found = [path for path, text in theme_texts().items() if dependence.text in text]
    assert found, (
        f"Material {version('mkdocs-material')} no longer has {dependence.what} ({dependence.text!r}), "
        f"which {dependence.used_by} uses: update it there and in hooks/srg/theme_markup.py"
    )


def listed(name: str) -> bool:
    return any(name in dependence.text for dependence in THEME_DEPENDENCES)


@pytest.mark.parametrize("home", [THE_ONE_SCRIPT, THE_ONE_MODULE], ids=lambda path: path.name)
def test_every_name_of_the_theme_the_two_homes_use_is_listed(home: Path) -> None:
    names = set(THEME_NAMES.findall(home.read_text(encoding="utf-8")))
    assert names, f"{home.name} names nothing of the theme: this test no longer reads it"
    assert sorted(name for name in names if not listed(name)) == [], f"list them in THEME_DEPENDENCES ({home.name})"


def the_guides_code() -> list[Path]:
    folders = [(ROOT / "hooks", ("*.py", "*.html")), (ROOT / "overrides", ("*.html",)), (ROOT / "docs", ("*.js",))]
    files = [path for folder, patterns in folders for pattern in patterns for path in folder.rglob(pattern)]
    return sorted(path for path in files if path not in (THE_ONE_SCRIPT, THE_ONE_MODULE))


def test_no_other_file_of_the_guide_names_the_themes_insides() -> None:
    code = the_guides_code()
    assert any(path.suffix == ".js" for path in code)
    assert any(path.parent.name == "templates" for path in code)
    for path in code:
        names = set(THEME_NAMES.findall(path.read_text(encoding="utf-8"))) - DOCUMENTED
        assert not names, f"{path.relative_to(ROOT)} names {sorted(names)}: only theme_markup.py and theme.js may"
