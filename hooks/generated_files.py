"""Add the pages, share pages and downloads generated from the data; find where every entry is rendered.

The share pages, one folder and file each (a thousand at 1,000 entries), are
written by a child process (srg/write_files.py) while MkDocs renders the
pages, not one by one on the build's thread after them. Every build waits for
it before its first post-build step, which reads the built site, and before
it starts, so no write of a build outlives it.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import subprocess
import sys
import tempfile
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from srg import write_files
from srg.exports import as_csv, as_json
from srg.mkdocs_glue import DATA_FILE, SITE_KEY, as_plugin_error, catalog
from srg.pipeline import Site
from srg.schema import schema_text
from srg.service_pages import generated_pages, share_pages

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

DATA_DIR = DATA_FILE.rsplit("/", 1)[0]
JSON_EXPORT = f"{DATA_DIR}/responsibilities.json"
CSV_EXPORT = f"{DATA_DIR}/responsibilities.csv"
SCHEMA = f"{DATA_DIR}/responsibilities.schema.json"


class WrittenBeside(File):
    """A generated file that the writer process writes: MkDocs's own copy of it is skipped."""

    def copy_file(self, dirty: bool = False) -> None:
        pass


class Writer:
    """The child process writing this build's share pages, and the file that lists them."""

    def __init__(self) -> None:
        self._running: tuple[subprocess.Popen[bytes], str] | None = None

    def start(self, files: dict[str, bytes], root: str) -> None:
        self.finish()  # nothing is running unless a build stopped halfway
        handle, listing = tempfile.mkstemp(prefix="srg-share-pages-", suffix=".marshal")
        with os.fdopen(handle, "wb") as out:
            marshal.dump(list(files.items()), out)
        command = [sys.executable, "-I", "-S", write_files.__file__, listing, root]
        self._running = (subprocess.Popen(command, stderr=subprocess.PIPE), listing)

    def finish(self) -> None:
        """Wait for the writer; if it failed, fail the build with its sentence naming the file."""
        if self._running is None:
            return
        process, listing = self._running
        self._running = None
        try:
            _, error = process.communicate()
        finally:
            os.unlink(listing)
        if process.returncode:
            message = error.decode(errors="replace").strip() or f"exit status {process.returncode}"
            raise PluginError(f"A share page could not be written: {message}")


_writer = Writer()


def on_files(files: Files, config: MkDocsConfig) -> Files:
    data = catalog(config)
    for path, markdown in generated_pages(data).items():
        files.append(File.generated(config, path, content=markdown))
    pages = {f.src_uri: f.content_string for f in files.documentation_pages()}
    root = os.path.dirname(config.config_file_path)
    labels = {f.src_uri: os.path.relpath(f.abs_src_path, root) for f in files.documentation_pages() if f.abs_src_path}
    with as_plugin_error():
        site = config.extra[SITE_KEY] = Site(data, pages, labels)
        locations = site.section_locations()
    shares = share_pages(data, locations, config.site_name, config.site_url)
    for path, page in shares.items():
        files.append(WrittenBeside.generated(config, path, content=page))
    _writer.start({path: page.encode() for path, page in shares.items()}, config.site_dir)
    base = config.site_url or "/"
    url_of = {entry: urljoin(base, location) for entry, location in locations.items()}
    files.append(File.generated(config, JSON_EXPORT, content=as_json(data, urljoin(base, SCHEMA))))
    files.append(File.generated(config, CSV_EXPORT, content=as_csv(data, url_of)))
    if files.get_file_from_path(SCHEMA) is None:
        files.append(File.generated(config, SCHEMA, content=schema_text()))
    return files


def on_pre_build(config: MkDocsConfig) -> None:
    _writer.finish()  # before MkDocs empties the site folder


@event_priority(100)  # before any post-build step that reads the built site
def on_post_build(config: MkDocsConfig) -> None:
    _writer.finish()


def on_build_error(error: Exception) -> None:
    with contextlib.suppress(PluginError):  # the build has failed already, with its own error
        _writer.finish()
