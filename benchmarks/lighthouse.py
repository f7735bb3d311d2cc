"""Lighthouse performance (default mobile profile), median of several runs per page, with its metrics.

Run: .venv/bin/python benchmarks/lighthouse.py [runs]   (needs `npm ci`; about 20 s a run)

The score is a timing, and on a shared machine it varies from run to run, so
the test suite does not assert it; this prints the median of each page and the
metrics behind it, for the home, comparison, customer and matrix pages, next to
an empty Material page served the same way.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "hooks")]

from test_audit_lighthouse import PAGES, lighthouse  # noqa: E402

from conftest import site_prefix  # noqa: E402
from serve import serve  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def runs_of(base: str, path: str, name: str, runs: int) -> list[dict]:
    return [lighthouse(base + path, f"bench-{name}-{run}") for run in range(runs)]


def summary(results: list[dict]) -> str:
    scores = [r["categories"]["performance"]["score"] for r in results]
    metric = {
        key: statistics.median(r["audits"][key]["numericValue"] for r in results)
        for key in ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time")
    }
    return (
        f"{statistics.median(scores):>6.2f}  {min(scores):.2f}-{max(scores):.2f}  "
        f"FCP {metric['first-contentful-paint']:.0f} ms  LCP {metric['largest-contentful-paint']:.0f} ms  "
        f"TBT {metric['total-blocking-time']:.0f} ms"
    )


def main(runs: int) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        tmp = Path(scratch)
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-d", str(tmp / "site")],
            cwd=ROOT,
            check=True,
            env=ENV,
            capture_output=True,
        )
        (tmp / "empty" / "docs").mkdir(parents=True)
        (tmp / "empty" / "docs" / "index.md").write_text("# Empty\n\nAn empty Material page.\n")
        (tmp / "empty" / "mkdocs.yml").write_text("site_name: Empty\ntheme:\n  name: material\n  font: false\n")
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-d", str(tmp / "floor")],
            cwd=tmp / "empty",
            check=True,
            env=ENV,
            capture_output=True,
        )
        print(f"{'page':<22} {'median':>6}  range      metrics (medians of {runs} runs)")
        with serve(tmp / "floor", "/") as base:
            print(f"{'empty Material page':<22} {summary(runs_of(base, '', 'empty', runs))}")
        with serve(tmp / "site", site_prefix()) as base:
            for name, path in PAGES.items():
                print(f"{name:<22} {summary(runs_of(base, path, name, runs))}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
