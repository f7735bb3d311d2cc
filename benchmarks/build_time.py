"""Median `mkdocs build --strict` wall time of this site next to an empty Material site, side by side.

Run: .venv/bin/python benchmarks/build_time.py [runs]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EMPTY_SITE = "site_name: Empty\ntheme:\n  name: material\n  font: false\n"


def timed_build(config: Path, site: Path, strict: bool) -> float:
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site)]
    command += ["--strict"] if strict else []
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env)
    return time.perf_counter() - start


def main(runs: int) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        tmp = Path(scratch)
        (tmp / "empty" / "docs").mkdir(parents=True)
        (tmp / "empty" / "docs" / "index.md").write_text("# Empty\n")
        (tmp / "empty" / "mkdocs.yml").write_text(EMPTY_SITE)
        ours, floor = [], []
        for _ in range(runs):  # interleaved, so both see the same machine load
            ours.append(timed_build(ROOT / "mkdocs.yml", tmp / "ours", strict=True))
            floor.append(timed_build(tmp / "empty" / "mkdocs.yml", tmp / "floor", strict=False))
    ours_median, floor_median = statistics.median(ours), statistics.median(floor)
    print(f"{'build':<44} {'median s':>9} {'runs':>5}")
    print(f"{'this site: mkdocs build --strict':<44} {ours_median:>9.2f} {runs:>5}")
    print(f"{'empty Material site: mkdocs build':<44} {floor_median:>9.2f} {runs:>5}")
    print(f"{'ratio (this site / empty site)':<44} {ours_median / floor_median:>9.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
