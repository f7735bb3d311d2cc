"""Markers in hand-written pages, and the `[[id]]` references; no MkDocs imports.

A marker is an HTML comment that names a generated block:

    <!-- srg:comparison-table -->
    <!-- srg:responsibilities owner="aws" -->
    <!-- srg:service-split service="ec2" -->
    <!-- srg:sources -->
    <!-- srg:service-matrix -->
    <!-- srg:self-check -->
    <!-- srg:glossary -->

A reference `[[id]]` (or `[[id|link text]]`) links to a responsibility's
section wherever it is rendered; `[[source:id]]` links to a source.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass

from . import render, views
from .model import OWNERS, Catalog

MARKER = re.compile(r'<!--\s*srg:(?P<name>[a-z-]+)(?P<args>(?:\s+[a-z]+="[^"]*")*)\s*-->')
MARKER_ARG = re.compile(r'([a-z]+)="([^"]*)"')
MARKER_START = re.compile(r"<!--\s*srg:")
REF = re.compile(r"\[\[(?:(?P<kind>source):)?(?P<id>[^\]|\s]+)(?:\|(?P<text>[^\]]+))?\]\]")
REF_START = re.compile(r"\[\[")


class MarkupError(ValueError):
    """A page's markers or references are wrong; the message names page and line."""


@dataclass(frozen=True)
class Marker:
    name: str
    args: dict[str, str]
    line: int
    text: str


@dataclass(frozen=True)
class Target:
    """Where a reference points: a page, an anchor on it and the link text."""

    page: str
    anchor: str
    title: str


def line_of(markdown: str, offset: int) -> int:
    return markdown.count("\n", 0, offset) + 1


def _marker(match: re.Match[str], markdown: str) -> Marker:
    return Marker(match["name"], dict(MARKER_ARG.findall(match["args"])), line_of(markdown, match.start()), match[0])


def find_markers(markdown: str) -> list[Marker]:
    return [_marker(match, markdown) for match in MARKER.finditer(markdown)]


# -- what each marker renders ---------------------------------------------------------


def _argument(marker: Marker, key: str, allowed: tuple[str, ...], page: str) -> str:
    value = marker.args.get(key)
    if value not in allowed:
        raise MarkupError(
            f"{page}:{marker.line}: marker 'srg:{marker.name}' needs {key}=\"…\" "
            f"with one of {', '.join(allowed)} (got {value!r})"
        )
    return value


def _expect_args(marker: Marker, keys: set[str], page: str) -> None:
    extra = set(marker.args) - keys
    if extra:
        raise MarkupError(
            f"{page}:{marker.line}: marker 'srg:{marker.name}' takes no argument {', '.join(sorted(extra))}"
        )


def _responsibilities(catalog: Catalog, marker: Marker, page: str) -> str:
    _expect_args(marker, {"owner"}, page)
    return render.responsibility_sections(catalog, _argument(marker, "owner", OWNERS, page))


def _service_split(catalog: Catalog, marker: Marker, page: str) -> str:
    _expect_args(marker, {"service"}, page)
    service = _argument(marker, "service", tuple(s.id for s in catalog.services), page)
    return render.service_split(catalog, service)


def _no_arguments(build: Callable[[Catalog], str]) -> Callable[[Catalog, Marker, str], str]:
    def renderer(catalog: Catalog, marker: Marker, page: str) -> str:
        _expect_args(marker, set(), page)
        return build(catalog)

    return renderer


RENDERERS: dict[str, Callable[[Catalog, Marker, str], str]] = {
    "comparison-table": _no_arguments(render.comparison_table),
    "responsibilities": _responsibilities,
    "service-split": _service_split,
    "sources": _no_arguments(render.sources_list),
    "service-matrix": _no_arguments(views.service_matrix),
    "self-check": _no_arguments(views.self_check),
    "glossary": _no_arguments(views.glossary),
}


def expand_markers(markdown: str, catalog: Catalog, page: str) -> str:
    """Replace every marker in `markdown` (the page `page`) by its generated block."""
    for marker in find_markers(markdown):
        if marker.name not in RENDERERS:
            raise MarkupError(
                f"{page}:{marker.line}: unknown marker 'srg:{marker.name}' (known: {', '.join(RENDERERS)})"
            )
    expanded = MARKER.sub(lambda m: _render_match(m, markdown, catalog, page), markdown)
    leftover = MARKER_START.search(expanded)
    if leftover:
        line = line_of(expanded, leftover.start())
        raise MarkupError(f"{page}:{line}: malformed srg marker left unreplaced: {expanded[leftover.start() :][:60]!r}")
    return expanded


def _render_match(match: re.Match[str], markdown: str, catalog: Catalog, page: str) -> str:
    marker = _marker(match, markdown)
    return RENDERERS[marker.name](catalog, marker, page)


# -- where each responsibility and source is rendered ---------------------------------------


def placements(pages: dict[str, str], catalog: Catalog) -> dict[str, Target]:
    """Map every reference name to its target, from the markers in `pages` (src path -> Markdown)."""
    owner_pages: dict[str, str] = {}
    source_page = None
    for page, markdown in sorted(pages.items()):
        for marker in find_markers(markdown):
            if marker.name == "responsibilities":
                owner = _argument(marker, "owner", OWNERS, page)
                if owner in owner_pages:
                    raise MarkupError(
                        f"{page}:{marker.line}: responsibilities of owner '{owner}' are already rendered "
                        f"on {owner_pages[owner]}; each may be rendered once"
                    )
                owner_pages[owner] = page
            elif marker.name == "sources":
                if source_page:
                    raise MarkupError(f"{page}:{marker.line}: sources are already rendered on {source_page}")
                source_page = page
    targets: dict[str, Target] = {}
    for entry in catalog.responsibilities:
        if entry.owner not in owner_pages:
            raise MarkupError(
                f"{catalog.path}: entry '{entry.id}' would not be rendered: no page has the marker "
                f'<!-- srg:responsibilities owner="{entry.owner}" -->'
            )
        targets[entry.id] = Target(owner_pages[entry.owner], entry.id, entry.title)
        for alias in entry.aliases:
            targets[alias] = targets[entry.id]
    if source_page is None:
        raise MarkupError(f"{catalog.path}: no page has the marker <!-- srg:sources -->; sources would not be listed")
    for source in catalog.sources:
        targets[f"source:{source.id}"] = Target(source_page, f"source-{source.id}", source.title)
    return targets


def resolve_refs(markdown: str, page: str, targets: dict[str, Target], shown: str | None = None) -> str:
    """Turn every `[[id]]` in the page `page` into a relative Markdown link; `shown` names it in errors."""
    shown = shown or page

    def link(match: re.Match[str]) -> str:
        name = f"{match['kind']}:{match['id']}" if match["kind"] else match["id"]
        target = targets.get(name)
        if target is None:
            line = line_of(markdown, match.start())
            raise MarkupError(f"{shown}:{line}: reference [[{name}]] names no responsibility or source")
        text = match["text"] or render.escape(target.title)
        path = posixpath.relpath(target.page, posixpath.dirname(page) or ".")
        href = f"#{target.anchor}" if target.page == page else f"{path}#{target.anchor}"
        return f"[{text}]({href})"

    resolved = REF.sub(link, markdown)
    leftover = REF_START.search(resolved)
    if leftover:
        line = line_of(resolved, leftover.start())
        raise MarkupError(f"{shown}:{line}: malformed reference: {resolved[leftover.start() :][:40]!r}")
    return resolved
