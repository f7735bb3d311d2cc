"""The pipeline runs without MkDocs: the exported Markdown builds, with no hooks, into the same articles.

One difference is allowed: the hooks give tables written in Markdown the class
and scrolling wrapper generated tables have (srg.html.TABLE_OPEN); without them
the theme's script wraps those tables as the page loads.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from srg.html import TABLE_CLOSE, TABLE_OPEN

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
SITE_URL = "https://example.org/guide/"
ARTICLE = re.compile(r"<article\b.*?</article>", re.S)


def _build(config: Path, site: Path) -> None:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site)]
    result = subprocess.run(command, capture_output=True, text=True, check=False, env=ENV)
    assert result.returncode == 0, result.stdout + result.stderr


def _articles(site: Path) -> dict[str, str]:
    articles = {}
    for page in sorted(site.rglob("index.html")):
        article = ARTICLE.search(page.read_text(encoding="utf-8"))
        text = article[0] if article else page.read_text(encoding="utf-8")
        articles[str(page.relative_to(site))] = text.replace(TABLE_OPEN, "<table>").replace(TABLE_CLOSE, "</table>")
    return articles


@pytest.fixture(scope="module")
def both_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    work = tmp_path_factory.mktemp("export")
    exported = work / "markdown"
    result = subprocess.run(
        [sys.executable, "-m", "srg.export_markdown", str(ROOT / "docs"), str(exported)],
        cwd=ROOT / "hooks",
        env={**ENV, "SITE_URL": SITE_URL},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    config.pop("hooks")
    config.pop("watch")
    config["docs_dir"] = str(exported)
    config["theme"]["custom_dir"] = str(ROOT / "overrides")
    config["site_url"] = SITE_URL
    plain = work / "mkdocs.yml"
    plain.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    _build(plain, work / "plain-site")
    hooked = work / "hooked.yml"
    hooked_config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    hooked_config["docs_dir"] = str(ROOT / "docs")
    hooked_config["theme"]["custom_dir"] = str(ROOT / "overrides")
    hooked_config["hooks"] = [str(ROOT / h) for h in hooked_config["hooks"]]
    hooked_config["watch"] = [str(ROOT / w) for w in hooked_config["watch"]]
    hooked_config["site_url"] = SITE_URL
    hooked.write_text(yaml.safe_dump(hooked_config, sort_keys=False), encoding="utf-8")
    _build(hooked, work / "hooked-site")
    return work / "plain-site", work / "hooked-site"


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml's `!ENV [NAME, default]` as its default and keeps Python-specific tags out."""


_Loader.add_constructor(
    "!ENV",
    lambda loader, node: None if isinstance(node, yaml.ScalarNode) else loader.construct_sequence(node)[-1],
)


def test_the_exported_markdown_builds_without_hooks_into_the_same_articles(both_builds: tuple[Path, Path]) -> None:
    plain, hooked = (_articles(site) for site in both_builds)
    assert set(plain) == set(hooked)
    different = [page for page in hooked if plain[page] != hooked[page]]
    assert not different, f"articles differ without hooks: {different[:5]}"


def test_the_export_has_every_generated_page_and_download(both_builds: tuple[Path, Path]) -> None:
    plain, _ = both_builds
    assert (plain / "services" / "rds" / "index.html").exists()
    assert (plain / "a" / "guest-os-patching" / "index.html").exists()
    for name in ("responsibilities.json", "responsibilities.csv", "responsibilities.schema.json"):
        assert (plain / "data" / name).stat().st_size > 1000, name


def test_an_expanded_page_keeps_no_marker_or_reference(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "hooks"))
    from srg.export_markdown import export

    export(ROOT / "docs", tmp_path / "out")
    for page in (tmp_path / "out").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        assert "<!-- srg:" not in text, page
        assert "[[" not in text, page
    shutil.rmtree(tmp_path / "out")


def test_the_pinned_security_hub_catalog_is_not_exported(tmp_path: Path) -> None:
    from srg.export_markdown import export

    out = tmp_path / "markdown"
    export(ROOT / "docs", out)
    assert (out / "data" / "responsibilities.json").exists()
    assert not (out / "data" / "security-hub").exists()
