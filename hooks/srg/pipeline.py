"""The site's one pipeline, read top to bottom; no MkDocs imports.

    catalog = load_catalog(data file)                    # once per build
    site = Site(catalog, pages)                          # where every entry and source is rendered
    markdown = render_page(markdown, page, site)         # every page, in this order:
        resolve_refs -> abbreviate -> expand_markers
    markdown, blocks = stash_html(markdown)              # finished HTML skips the Markdown parser
    html = unstash_html(html, blocks)                    # ... and comes back after it
    check_page_html(html, page, site)                    # nothing left over, nothing missing

`hooks/` wires these into MkDocs; `python -m srg.export_markdown` runs the same
steps without MkDocs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from . import service_pages
from .blocks import BLOCKS
from .errors import MarkupError, PipelineError
from .html import HTML_END, HTML_START, TABLE_CLOSE, TABLE_OPEN, Linker, Target
from .markers import MARKER, check_arguments, find_markers, leftover_marker, outside_code, placements, resolve_refs
from .model import OWNERS, Catalog
from .terms import abbreviate, undefined_terms

ALL_BLOCKS = {**BLOCKS, **service_pages.BLOCKS}
_LEFTOVER_REF = re.compile(r"\[\[")
_PLACEHOLDER = re.compile(r"<!--srg-block:(\d+)-->")
_CODE_HTML = re.compile(r"<(code|pre)\b.*?</\1>", re.S)
# The literal `id="` first lets the regex engine jump between candidates (a leading `\s` made it
# try every character: 0.3 s of the 1,000-entry build); the look-behind keeps `data-id=` out.
_ID = re.compile(r'id="(?<=\sid=")([^"]+)"')
# A table written in Markdown (the tables extension gives it no attributes).
_MARKDOWN_TABLE = re.compile(r"<table>(.*?)</table>", re.S)


@dataclass
class Site:
    """One build: the catalog and the hand-written pages (source path -> Markdown)."""

    catalog: Catalog
    pages: dict[str, str] = field(repr=False)
    # How each page is named in messages ('docs/aws.md'); its source path when absent.
    labels: dict[str, str] = field(default_factory=dict, repr=False)

    @cached_property
    def targets(self) -> dict[str, Target]:
        return placements(self.pages, self.catalog, self.labels)

    def section_location(self, entry_id: str) -> str:
        """The site-relative location of an entry's section: 'customer/#guest-os-patching'."""
        target = self.targets[entry_id]
        return f"{Linker('index.md', self.targets).to_page(target.page).removeprefix('./')}#{target.anchor}"

    def section_locations(self) -> dict[str, str]:
        return {r.id: self.section_location(r.id) for r in self.catalog.responsibilities}


def render_page(markdown: str, page: str, site: Site, shown: str | None = None, lines_above: int = 0) -> str:
    """The final Markdown of a page: references resolved, markers expanded, terms abbreviated.

    `lines_above`: the lines of front matter above `markdown` in its source, so that
    messages give the line a person finds in the file.
    """
    shown = shown or page
    link = Linker(page, site.targets)
    above = "\n" * lines_above  # blank lines, which no step changes; taken off again below
    markdown = resolve_refs(above + markdown, page, site.targets, shown)
    markdown = abbreviate(markdown, site.catalog.glossary, link.terms_seen)
    markdown = expand_markers(markdown, link, site, shown)
    if not markdown.startswith(above):
        raise PipelineError(f"{shown}: a step of the pipeline changed the blank lines it was given above the page")
    return markdown[lines_above:]


def _fenced_blocks(markdown: str) -> list[str]:
    """The Markdown split around its finished HTML blocks: text, block, text, block, …, text.

    str.find, not a regex: the engine tested every character of a block for
    its end (0.4 s of the 1,000-entry build).
    """
    opening, closing = f"{HTML_START}\n", f"\n{HTML_END}"
    parts: list[str] = []
    done = 0
    while (start := markdown.find(opening, done)) >= 0:
        end = markdown.find(closing, start + len(opening))
        if end < 0:
            break
        parts += [markdown[done:start], markdown[start + len(opening) : end]]
        done = end + len(closing)
    parts.append(markdown[done:])
    return parts


def stash_html(markdown: str) -> tuple[str, list[str]]:
    """Replace each finished HTML block by a placeholder comment, so Markdown does not parse it again."""
    parts = _fenced_blocks(markdown)
    blocks = parts[1::2]
    parts[1::2] = [f"<!--srg-block:{number}-->" for number in range(len(blocks))]
    return "".join(parts), blocks


def unstash_html(html: str, blocks: list[str], shown: str) -> str:
    """Put the stashed HTML blocks back in the page's HTML; a placeholder Markdown changed fails."""
    restored = _PLACEHOLDER.sub(lambda match: blocks[int(match[1])], html)
    if len(_PLACEHOLDER.findall(html)) != len(blocks):
        raise PipelineError(f"{shown}: {len(blocks)} generated blocks, but the HTML kept a different number")
    return restored


def inline_html(markdown: str) -> str:
    """The final Markdown with its HTML blocks in place and unfenced, for a build without hooks."""
    return "".join(_fenced_blocks(markdown))


def expand_markers(markdown: str, link: Linker, site: Site, shown: str) -> str:
    """Replace every marker by its generated block; an unknown or malformed marker fails."""
    for marker in find_markers(markdown):
        if marker.name not in ALL_BLOCKS:
            raise MarkupError(
                f"{shown}:{marker.line}: unknown marker 'srg:{marker.name}' (known: {', '.join(sorted(ALL_BLOCKS))})"
            )
        _, keys = ALL_BLOCKS[marker.name]
        check_arguments(marker, {key: _allowed(key, site.catalog) for key in keys}, shown)

    def expand(match: re.Match[str]) -> str:
        marker = find_markers(match[0])[0]
        block, _ = ALL_BLOCKS[marker.name]
        return block(site.catalog, link, marker.args)

    def expand_all(text: str) -> str:
        expanded = MARKER.sub(expand, text)
        leftover_marker(expanded, shown)
        return expanded

    return outside_code(markdown, expand_all)


def _allowed(key: str, catalog: Catalog) -> tuple[str, ...]:
    if key == "rule":
        return OWNERS
    if key == "service":
        return tuple(s.id for s in catalog.services)
    if key == "entry":
        return tuple(r.id for r in catalog.responsibilities)
    raise PipelineError(f"no allowed values are known for the marker argument {key!r}")


def finish_page(html: str, blocks: list[str], page: str, site: Site, shown: str | None = None) -> str:
    """The page's final HTML: the stashed blocks back in place, after checking what Markdown made of the rest.

    A marker or `[[reference]]` left in the HTML Markdown rendered is a page
    error. (Text from the data file is never read as either: it sits in the
    stashed blocks, escaped, and Markdown never parsed it.)
    """
    shown = shown or page
    outside_code = _CODE_HTML.sub("", html)
    leftover_marker(outside_code, shown)
    leftover = _LEFTOVER_REF.search(outside_code)
    if leftover:
        found = outside_code[leftover.start() :][:40]
        raise PipelineError(f"{shown}: a [[reference]] reached the HTML unresolved: {found!r}")
    html = _MARKDOWN_TABLE.sub(lambda table: f"{TABLE_OPEN}{table[1]}{TABLE_CLOSE}", html)
    html = unstash_html(html, blocks, shown)
    check_page_html(html, page, site, shown)
    return html


def anchor_ids(html: str) -> set[str]:
    """Every id in the page's HTML: where a link can point."""
    return set(_ID.findall(html))


def check_page_html(html: str, page: str, site: Site, shown: str | None = None) -> None:
    """Fail if the page's final HTML lost an anchor placed on it or uses all-caps terms the glossary lacks."""
    shown = shown or page
    ids = anchor_ids(html)
    anchors = {t.anchor for t in site.targets.values() if t.page == page}
    missing = sorted(anchors - ids)
    if missing:
        raise PipelineError(f"{shown}: rendered without the anchors {', '.join(missing)}")
    undefined = undefined_terms(html, site.catalog.glossary)
    if undefined:
        terms = ", ".join(f"{term} ({count}x)" for term, count in sorted(undefined.items()))
        raise PipelineError(
            f"{shown}: uses all-caps terms the glossary does not define: {terms}. "
            f"Define each under 'glossary' in {site.catalog.path}."
        )
