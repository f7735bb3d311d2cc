"""Write many small files in a process of their own: `python -I -S write_files.py LISTING ROOT`.

LISTING is a marshal file of (path, bytes) pairs; each path is relative to
ROOT and its folders are made as needed. Creating a folder and a file costs
the file system 0.2 to 2 ms on a busy disk, so a thousand share pages cost a
build up to two seconds on its one thread; here they are written on another
core while the build renders its pages. Only the standard library's built-in
modules, so the child starts in milliseconds with no site packages.

On failure it prints one line naming the file and exits with status 1.
"""

from __future__ import annotations

import marshal
import os
import sys


def write_all(files: list[tuple[str, bytes]], root: str) -> None:
    for path, content in files:
        target = os.path.join(root, path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as out:
            out.write(content)


def main(listing: str, root: str) -> int:
    try:
        with open(listing, "rb") as source:
            files = marshal.load(source)
        write_all(files, root)
    except OSError as error:
        print(f"{error.filename}: {error.strerror}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
