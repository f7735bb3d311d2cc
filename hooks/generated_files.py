"""Add the pages, share pages and downloads generated from the data; find where every entry is rendered."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from mkdocs.structure.files import File

from srg import collector
from srg.exports import as_csv, as_json
from srg.mkdocs_glue import DATA_FILE, SITE_KEY, as_plugin_error, catalog
from srg.oscal import as_oscal
from srg.pipeline import Site
from srg.schema import schema_text
from srg.service_pages import generated_pages, share_pages

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

DATA_DIR = DATA_FILE.rsplit("/", 1)[0]
JSON_EXPORT = f"{DATA_DIR}/responsibilities.json"
CSV_EXPORT = f"{DATA_DIR}/responsibilities.csv"
OSCAL_EXPORT = f"{DATA_DIR}/responsibilities.oscal.json"
SCHEMA = f"{DATA_DIR}/responsibilities.schema.json"


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
        files.append(File.generated(config, path, content=page))
    base = config.site_url or "/"
    url_of = {entry: urljoin(base, location) for entry, location in locations.items()}
    with collector.paused():
        files.append(File.generated(config, JSON_EXPORT, content=as_json(data, urljoin(base, SCHEMA))))
        files.append(File.generated(config, CSV_EXPORT, content=as_csv(data, url_of)))
        # Beside the JSON download, so its back-matter can name that file by a relative address.
        oscal = as_oscal(data, url_of, JSON_EXPORT.rsplit("/", 1)[1])
        files.append(File.generated(config, OSCAL_EXPORT, content=oscal))
    if files.get_file_from_path(SCHEMA) is None:
        files.append(File.generated(config, SCHEMA, content=schema_text()))
    return files
