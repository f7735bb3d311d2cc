"""Publish the data file as JSON and CSV downloads beside its JSON Schema."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urljoin

from mkdocs.structure.files import File

from srg.exports import as_csv, as_json
from srg.mkdocs_glue import DATA_FILE, catalog, section_locations

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

DATA_DIR = DATA_FILE.rsplit("/", 1)[0]
JSON_EXPORT = f"{DATA_DIR}/responsibilities.json"
CSV_EXPORT = f"{DATA_DIR}/responsibilities.csv"
SCHEMA = f"{DATA_DIR}/responsibilities.schema.json"


def on_files(files: Files, config: MkDocsConfig) -> Files:
    data = catalog(config)
    base = config.site_url or "/"
    url_of = {entry: urljoin(base, location) for entry, location in section_locations(config).items()}
    files.append(File.generated(config, JSON_EXPORT, content=as_json(data, urljoin(base, SCHEMA))))
    files.append(File.generated(config, CSV_EXPORT, content=as_csv(data, url_of)))
    return files
