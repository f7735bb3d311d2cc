"""The configuration and the staged Markdown Zensical builds the site from (make zensical), without Zensical."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from srg.zensical_build import ZensicalConfigError, links_from_source, page_address, zensical_config

# -- the configuration and the staged links, without Zensical ---------------------------------


def test_the_config_leaves_out_hooks_and_watch_and_keeps_env_values(tmp_path: Path) -> None:
    mkdocs_yml = (
        "site_name: Guide\nsite_url: !ENV SITE_URL\nextra:\n  repo: !ENV [REPO_URL, none]\n"
        "theme:\n  name: material\n  custom_dir: overrides\nhooks:\n  - hooks/data.py\nwatch:\n  - docs/data.yml\n"
    )
    build = tmp_path / "build"
    text = zensical_config(mkdocs_yml, tmp_path, build / "zensical.yml", build / "docs", build / "site")
    assert "!ENV 'SITE_URL'" in text
    assert "!ENV\n  - REPO_URL\n  - none" in text
    config = yaml.load(text, Loader=_EnvAsText)
    assert "hooks" not in config
    assert "watch" not in config
    assert config["docs_dir"] == "docs"
    assert config["site_dir"] == "site"
    assert config["theme"] == {"name": "material", "custom_dir": "../overrides", "variant": "classic"}


def test_the_config_refuses_folders_zensical_would_not_build(tmp_path: Path) -> None:
    with pytest.raises(ZensicalConfigError, match=r"docs_dir .* must be inside"):
        zensical_config("site_name: G\n", tmp_path, tmp_path / "b" / "z.yml", tmp_path / "docs", tmp_path / "b" / "s")


@pytest.mark.parametrize(
    ("page", "address"),
    [("index.md", ""), ("aws.md", "aws/"), ("services/ec2.md", "services/ec2/"), ("services/index.md", "services/")],
)
def test_page_address(page: str, address: str) -> None:
    assert page_address(page) == address


@pytest.mark.parametrize(
    ("page", "written", "staged"),
    [
        ("services.md", "s3/", "services/s3.md"),
        ("services/ec2.md", "../../customer/#guest-os-patching", "../customer.md#guest-os-patching"),
        ("services/ec2.md", "../lambda/", "lambda.md"),
        ("customer.md", "../", "index.md"),
        ("customer.md", "../a/guest-os-patching/", "a/guest-os-patching/"),
        ("services/ec2.md", "../../data/responsibilities.csv", "../data/responsibilities.csv"),
        ("index.md", "customer/#guest-os-patching", "customer.md#guest-os-patching"),
        ("customer.md", "#guest-os-patching", "#guest-os-patching"),
        ("customer.md", "https://docs.aws.amazon.com/x/", "https://docs.aws.amazon.com/x/"),
        ("customer.md", "/elsewhere/", "/elsewhere/"),
    ],
)
def test_a_link_written_from_the_address_is_staged_from_the_source_file(page: str, written: str, staged: str) -> None:
    pages = {"index.md", "customer.md", "services.md", "services/ec2.md", "services/lambda.md", "services/s3.md"}
    assert links_from_source(f'<a href="{written}">x</a>', page, pages) == f'<a href="{staged}">x</a>'


class _EnvAsText(yaml.SafeLoader):
    """Reads `!ENV X` as 'ENV:X', to look at a generated configuration."""


_EnvAsText.add_constructor("!ENV", lambda loader, node: f"ENV:{node.value}")
