"""Time from the last key press to search results shown, for each realistic query, in Chromium.

Run: .venv/bin/python benchmarks/search_latency.py   (builds the site first)
"""

from __future__ import annotations

import statistics
import subprocess
import tempfile
from pathlib import Path

from run import ENV, ROOT, build_command, prefix_of, search_latencies
from search_queries import QUERIES


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        site = Path(scratch) / "site"
        subprocess.run(build_command(ROOT / "mkdocs.yml", site), check=True, env=ENV, capture_output=True)
        times = dict(zip(QUERIES, search_latencies(site, prefix_of(ROOT / "mkdocs.yml")), strict=True))
    print(f"{'query':<40} {'ms':>7}")
    for query, ms in times.items():
        print(f"{query:<40} {ms:>7.1f}")
    print(f"{'median over ' + str(len(times)) + ' queries':<40} {statistics.median(times.values()):>7.1f}")


if __name__ == "__main__":
    main()
