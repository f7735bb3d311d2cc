"""Add the pages, share pages and downloads generated from the data; find where every entry is rendered.

The pages' Markdown and the downloads are shared with a second process (srg.second_core):
each is taken where the build needs it, the pages by hooks/pages.py, the downloads here
once every page has been read (`on_env`).
"""

from __future__ import annotations

import os
from functools import partial
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from mkdocs.structure.files import File

from srg import collector, second_core
from srg.exports import as_csv, as_json
from srg.mkdocs_glue import DATA_FILE, HELPER_KEY, SITE_KEY, as_plugin_error, catalog, file_label, helper, page_markdown
from srg.oscal import as_oscal
from srg.pipeline import Site, render_page
from srg.schema import schema_text
from srg.second_core import Helper, Job
from srg.service_pages import generated_pages, share_pages

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

DATA_DIR = DATA_FILE.rsplit("/", 1)[0]
JSON_EXPORT = f"{DATA_DIR}/responsibilities.json"
CSV_EXPORT = f"{DATA_DIR}/responsibilities.csv"
OSCAL_EXPORT = f"{DATA_DIR}/responsibilities.oscal.json"
SCHEMA = f"{DATA_DIR}/responsibilities.schema.json"
DOWNLOADS = (JSON_EXPORT, CSV_EXPORT, OSCAL_EXPORT)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    second_core.stop_all()  # a helper an interrupted build under `mkdocs serve` left
    data = catalog(config)
    generated = [File.generated(config, path, content=markdown) for path, markdown in generated_pages(data).items()]
    for file in generated:
        files.append(file)
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
    jobs: dict[str, Job] = {
        f.src_uri: partial(render_page, *_as_rendered(f, site, config))
        for f in files.documentation_pages()  # in the order the build reads them, the downloads after them
    }
    jobs[JSON_EXPORT] = partial(as_json, data, urljoin(base, SCHEMA))
    jobs[CSV_EXPORT] = partial(as_csv, data, url_of)
    # Beside the JSON download, so its back-matter can name that file by a relative address.
    jobs[OSCAL_EXPORT] = partial(as_oscal, data, url_of, JSON_EXPORT.rsplit("/", 1)[1])
    for path in DOWNLOADS:
        jobs[path] = collector.paused()(jobs[path])
        files.append(File.generated(config, path, content=""))  # its text comes in on_env
    config.extra[HELPER_KEY] = Helper(jobs)
    if files.get_file_from_path(SCHEMA) is None:
        files.append(File.generated(config, SCHEMA, content=schema_text()))
    return files


def _as_rendered(file: File, site: Site, config: MkDocsConfig) -> tuple[str, str, Site, str, int]:
    """render_page's arguments for a page, as hooks/pages.py gives them."""
    markdown, above = page_markdown(file.content_string)
    return markdown, file.src_uri, site, file_label(file, config), above


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    with as_plugin_error():
        for path in DOWNLOADS:
            made = helper(config).result_file(path)
            if isinstance(made, str):
                files.get_file_from_path(path).content_string = made  # type: ignore[union-attr]
            else:  # the helper's file, copied as it is (about 90 MB at 1,000 entries): it stays until on_post_build
                files.remove(files.get_file_from_path(path))  # type: ignore[arg-type]
                files.append(File.generated(config, path, abs_src_path=str(made)))
    return env


def on_post_build(config: MkDocsConfig) -> None:
    helper(config).close()


def on_build_error(error: Exception) -> None:
    second_core.stop_all()
