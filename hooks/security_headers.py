"""Write the security headers of the built site: `_headers`, and the same as a CloudFront policy."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

from srg.security_headers_policy import (
    InlineStyleAttribute,
    cloudfront_policy,
    content_security_policy,
    headers_file,
    inline_hashes,
    security_headers,
)

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

HEADERS_FILE = "_headers"
CLOUDFRONT_FILE = "_headers.cloudfront.json"


def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    scripts: set[str] = set()
    styles: set[str] = set()
    for page in sorted(site.rglob("*.html")):
        try:
            page_scripts, page_styles = inline_hashes(page.read_text(encoding="utf-8"), str(page.relative_to(site)))
        except InlineStyleAttribute as error:
            raise PluginError(str(error)) from None
        scripts |= page_scripts
        styles |= page_styles
    headers = security_headers(content_security_policy(scripts, styles))
    (site / HEADERS_FILE).write_text(headers_file(headers), encoding="utf-8")
    (site / CLOUDFRONT_FILE).write_text(cloudfront_policy(headers, "shared-responsibility-guide"), encoding="utf-8")
