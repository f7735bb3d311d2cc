"""Stage the exported Markdown (srg.export_markdown) for Zensical, and its configuration from mkdocs.yml; no MkDocs.

    python -m srg.zensical_build MKDOCS_YML MARKDOWN_DIR BUILD_DIR

writes BUILD_DIR/zensical.yml and BUILD_DIR/zensical-docs/, which
`zensical build -f BUILD_DIR/zensical.yml` builds into BUILD_DIR/zensical-site/
(Zensical wants its docs and site folders under the folder of its configuration).

Zensical reads mkdocs.yml but runs no hooks, so the configuration is mkdocs.yml
with `hooks:` and `watch:` (the sources the staged copy is made from) left out,
the folders pointed at the staged copy, and the theme's classic variant, the
look of Material for MkDocs (Zensical's default is its own "modern" one).
`!ENV` values stay as they are: SITE_URL works as for MkDocs.

Zensical also reads a link in a page's HTML as it reads a Markdown link, from
the page's source file, where MkDocs leaves it as written, from the page's
address: `<a href="s3/">` on services.md leads to services/s3/ with MkDocs and
to s3/ with Zensical. The staged copy has every such link written from the
source file, to the page's `.md` where there is one, so Zensical checks it too.
"""

from __future__ import annotations

import os
import posixpath
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import SrgError
from .html import page_url

CONFIG_FILE = "zensical.yml"
DOCS_DIR = "zensical-docs"
SITE_DIR = "zensical-site"
LEFT_OUT = ("hooks", "watch")
THEME_VARIANT = "classic"
_RELATIVE_HREF = re.compile(r'(?<=\shref=")(?![a-z][a-z0-9+.-]*:|/|#)([^"#]+)((?:#[^"]*)?)(?=")', re.I)


class ZensicalConfigError(SrgError):
    """mkdocs.yml cannot be made into a configuration Zensical accepts."""


@dataclass(frozen=True)
class _Env:
    """An `!ENV` value, kept as written: Zensical reads the variable at build time, as MkDocs does."""

    value: str | list


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


_Loader.add_constructor(
    "!ENV",
    lambda loader, node: _Env(
        loader.construct_scalar(node) if isinstance(node, yaml.ScalarNode) else loader.construct_sequence(node)
    ),
)
_Dumper.add_representer(
    _Env,
    lambda dumper, env: (
        dumper.represent_scalar("!ENV", env.value)
        if isinstance(env.value, str)
        else dumper.represent_sequence("!ENV", env.value)
    ),
)


def zensical_config(mkdocs_yml: str, source_dir: Path, target: Path, docs_dir: Path, site_dir: Path) -> str:
    """mkdocs.yml, read from `source_dir`, as the configuration at `target` that builds `docs_dir` into `site_dir`."""
    root = target.parent.resolve()
    try:
        config = yaml.load(mkdocs_yml, Loader=_Loader)
    except yaml.YAMLError as error:
        raise ZensicalConfigError(f"mkdocs.yml: {error}") from error
    for name in LEFT_OUT:
        config.pop(name, None)
    config["docs_dir"] = _inside(root, docs_dir, "docs_dir")
    config["site_dir"] = _inside(root, site_dir, "site_dir")
    theme = config.setdefault("theme", {})
    if theme.get("custom_dir"):
        theme["custom_dir"] = os.path.relpath((source_dir / theme["custom_dir"]).resolve(), root)
    theme.setdefault("variant", THEME_VARIANT)
    return yaml.dump(config, Dumper=_Dumper, sort_keys=False, allow_unicode=True)


def _inside(root: Path, folder: Path, setting: str) -> str:
    relative = os.path.relpath(folder.resolve(), root)
    if relative == "." or relative.startswith(".."):
        raise ZensicalConfigError(f"{setting} {folder} must be inside {root}, the folder of Zensical's configuration")
    return Path(relative).as_posix()


def links_from_source(html_markdown: str, page: str, pages: set[str]) -> str:
    """Every relative `href` of the page, written from its address, rewritten from its source file."""
    address, folder = page_url(page), posixpath.dirname(page) or "."
    source_of = {page_url(p): p for p in pages}

    def rewrite(link: re.Match[str]) -> str:
        target = _site_target(address, link[1])
        written = posixpath.relpath(source_of.get(target, target or "."), folder)
        if target not in source_of and target.endswith("/"):
            written += "/"
        return written + link[2]

    return _RELATIVE_HREF.sub(rewrite, html_markdown)


def _site_target(address: str, path: str) -> str:
    """Where a link written at `address` leads, from the site's root: 'customer/', 'data/x.csv', '' (the home page)."""
    target = posixpath.normpath(posixpath.join("/" + address, path)).strip("/")
    folder = path.endswith("/") or posixpath.basename(path) in {".", ".."}
    return target + "/" if folder and target else target


def stage(markdown_dir: Path, docs_dir: Path) -> list[str]:
    """Copy the exported Markdown to `docs_dir` with its pages' links rewritten for Zensical; return the pages."""
    if docs_dir.exists():
        shutil.rmtree(docs_dir)
    shutil.copytree(markdown_dir, docs_dir)
    pages = {p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md")}
    for page in sorted(pages):
        path = docs_dir / page
        path.write_text(links_from_source(path.read_text(encoding="utf-8"), page, pages), encoding="utf-8")
    return sorted(pages)


def prepare(mkdocs_yml: Path, markdown_dir: Path, build_dir: Path) -> Path:
    """Stage `markdown_dir` and write the configuration into `build_dir`; return the configuration's path."""
    target = build_dir / CONFIG_FILE
    build_dir.mkdir(parents=True, exist_ok=True)
    stage(markdown_dir, build_dir / DOCS_DIR)
    text = zensical_config(
        mkdocs_yml.read_text(encoding="utf-8"), mkdocs_yml.parent, target, build_dir / DOCS_DIR, build_dir / SITE_DIR
    )
    target.write_text(text, encoding="utf-8")
    return target


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        written = prepare(Path(argv[0]), Path(argv[1]), Path(argv[2]))
    except SrgError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"{written} written")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
