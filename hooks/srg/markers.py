"""Markers in hand-written pages, `[[id]]` references, and where each target is rendered; no MkDocs imports.

A marker is an HTML comment that names a generated block:

    <!-- srg:comparison-table -->
    <!-- srg:responsibilities rule="aws" -->
    <!-- srg:service-page service="ec2" -->
    <!-- srg:sources -->

A reference `[[id]]` (or `[[id|link text]]`) links to a responsibility's
section wherever it is rendered; `[[source:id]]` links to a source.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from .errors import MarkupError
from .html import Target
from .markdown_text import escape
from .model import OWNERS, Catalog

MARKER = re.compile(r'<!--\s*srg:(?P<name>[a-z-]+)(?P<args>(?:\s+[a-z]+="[^"]*")*)\s*-->')
MARKER_ARG = re.compile(r'([a-z]+)="([^"]*)"')
MARKER_START = re.compile(r"<!--\s*srg:")
REF = re.compile(r"\[\[(?:(?P<kind>source):)?(?P<id>[^\]|\s]+)(?:\|(?P<text>[^\]]+))?\]\]")
REF_START = re.compile(r"\[\[")


@dataclass(frozen=True)
class Marker:
    name: str
    args: dict[str, str]
    line: int


def line_of(markdown: str, offset: int) -> int:
    return markdown.count("\n", 0, offset) + 1


def _marker(match: re.Match[str], markdown: str) -> Marker:
    return Marker(match["name"], dict(MARKER_ARG.findall(match["args"])), line_of(markdown, match.start()))


def find_markers(markdown: str) -> list[Marker]:
    return [_marker(match, markdown) for match in MARKER.finditer(markdown)]


def check_arguments(marker: Marker, allowed: dict[str, tuple[str, ...]], page: str) -> None:
    """Fail unless the marker has exactly the arguments in `allowed`, each with an allowed value."""
    extra = sorted(set(marker.args) - set(allowed))
    if extra:
        raise MarkupError(f"{page}:{marker.line}: marker 'srg:{marker.name}' takes no argument {', '.join(extra)}")
    for key, values in allowed.items():
        value = marker.args.get(key)
        if value not in values:
            raise MarkupError(
                f"{page}:{marker.line}: marker 'srg:{marker.name}' needs {key}=\"…\" "
                f"with one of {', '.join(values)} (got {value!r})"
            )


def leftover_marker(text: str, page: str) -> None:
    """Fail if a marker (well-formed or not) is still in `text`."""
    leftover = MARKER_START.search(text)
    if leftover:
        line = line_of(text, leftover.start())
        raise MarkupError(f"{page}:{line}: srg marker left unreplaced: {text[leftover.start() :][:60]!r}")


# -- where each responsibility and source is rendered -------------------------------------


def placements(pages: dict[str, str], catalog: Catalog) -> dict[str, Target]:
    """Map every reference name to its target, from the markers in `pages` (source path -> Markdown)."""
    rule_pages: dict[str, str] = {}
    source_page = None
    for page, markdown in sorted(pages.items()):
        for marker in find_markers(markdown):
            if marker.name == "responsibilities":
                check_arguments(marker, {"rule": OWNERS}, page)
                rule = marker.args["rule"]
                if rule in rule_pages:
                    raise MarkupError(
                        f"{page}:{marker.line}: responsibilities under the rule '{rule}' are already rendered "
                        f"on {rule_pages[rule]}; each may be rendered once"
                    )
                rule_pages[rule] = page
            elif marker.name == "sources":
                if source_page:
                    raise MarkupError(f"{page}:{marker.line}: sources are already rendered on {source_page}")
                source_page = page
    targets: dict[str, Target] = {}
    for entry in catalog.responsibilities:
        if entry.rule not in rule_pages:
            raise MarkupError(
                f"{catalog.path}: entry '{entry.id}' would not be rendered: no page has the marker "
                f'<!-- srg:responsibilities rule="{entry.rule}" -->'
            )
        targets[entry.id] = Target(rule_pages[entry.rule], entry.id, entry.title)
        for alias in entry.aliases:
            targets[alias] = targets[entry.id]
    if source_page is None:
        raise MarkupError(f"{catalog.path}: no page has the marker <!-- srg:sources -->; sources would not be listed")
    for source in catalog.sources:
        targets[f"source:{source.id}"] = Target(source_page, f"source-{source.id}", source.title)
    return targets


# -- references ----------------------------------------------------------------------------


def resolve_refs(markdown: str, page: str, targets: dict[str, Target], shown: str | None = None) -> str:
    """Turn every `[[id]]` in the page `page` into a relative Markdown link; `shown` names it in errors."""
    shown = shown or page

    def link(match: re.Match[str]) -> str:
        name = f"{match['kind']}:{match['id']}" if match["kind"] else match["id"]
        target = targets.get(name)
        if target is None:
            line = line_of(markdown, match.start())
            raise MarkupError(f"{shown}:{line}: reference [[{name}]] names no responsibility or source")
        text = match["text"] or escape(target.title)
        path = posixpath.relpath(target.page, posixpath.dirname(page) or ".")
        href = f"#{target.anchor}" if target.page == page else f"{path}#{target.anchor}"
        return f"[{text}]({href})"

    resolved = REF.sub(link, markdown)
    leftover = REF_START.search(resolved)
    if leftover:
        line = line_of(resolved, leftover.start())
        raise MarkupError(f"{shown}:{line}: malformed reference: {resolved[leftover.start() :][:40]!r}")
    return resolved
