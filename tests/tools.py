"""The audit tools the tests drive: npm packages from package-lock.json, and Java for the HTML checker.

Like the browser, a missing tool skips its tests locally and fails them in CI
(CI=true), where .ci/run installs everything.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import NoReturn

import pytest

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
ARTIFACTS = Path(__file__).parent / "artifacts"


def missing(what: str, how: str) -> NoReturn:
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true but {what} is missing: {how}")
    pytest.skip(f"{what} is missing ({how})")


def npm_file(relative: str) -> Path:
    """A file of an installed npm package, e.g. 'axe-core/axe.min.js'."""
    path = NODE_MODULES / relative
    if not path.exists():
        missing(f"node_modules/{relative}", "run `npm ci` (make test does)")
    return path


def executable(name: str) -> str:
    found = shutil.which(name)
    if not found:
        missing(f"the `{name}` command", f"install {name} (.ci/run does)")
    return found
