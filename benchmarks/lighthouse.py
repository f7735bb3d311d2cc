"""Lighthouse (default mobile profile) on every built page: performance, FCP, LCP, TBT and CLS, median of N runs.

Run: .venv/bin/python benchmarks/lighthouse.py [runs]   (needs `npm ci`; about 20 s a run and page)

The same table closes benchmarks/run.py; this runs it alone.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from run import ROOT, build_command, empty_site, lighthouse_table


def main(runs: int) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        tmp = Path(scratch)
        subprocess.run(build_command(ROOT / "mkdocs.yml", tmp / "site"), check=True, capture_output=True)
        subprocess.run(build_command(empty_site(tmp / "empty"), tmp / "floor", strict=False), check=True)
        print("\n".join(lighthouse_table([("this site", tmp / "site")], tmp / "floor", runs, tmp)))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
