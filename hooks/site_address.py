"""Link the repository the site is built from, when the build knows it (REPO_URL); claim nothing otherwise."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

REPOSITORY_VARIABLE = "REPO_URL"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    repository = os.environ.get(REPOSITORY_VARIABLE, "").strip()
    if not repository:
        return config
    if not repository.startswith("https://"):
        raise PluginError(f"{REPOSITORY_VARIABLE} must be an https:// address (got {repository!r})")
    config.extra["social"] = [
        {"icon": "fontawesome/brands/github", "link": repository, "name": "Source and data file of this site"}
    ]
    return config
