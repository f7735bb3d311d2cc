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
from collections.abc import Callable
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
# Code in a page (fenced blocks and code spans) is shown as written: no marker or reference in it counts.
CODE = re.compile(r"^[ ]{0,3}```.*?^[ ]{0,3}```[ \t]*$|(`+)[^`\n].*?\1", re.M | re.S)
_HELD = re.compile(r"\x00(\d+)([^\x00]*)\x00")


def outside_code(markdown: str, transform: Callable[[str], str]) -> str:
    """Apply `transform` to `markdown` with its code held aside (line breaks kept, so line numbers hold)."""
    held: list[str] = []

    def hold(match: re.Match[str]) -> str:
        held.append(match[0])
        return f"\x00{len(held) - 1}{chr(10) * match[0].count(chr(10))}\x00"

    return _HELD.sub(lambda match: held[int(match[1])], transform(CODE.sub(hold, markdown)))


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
    """The markers of a page, outside its code."""
    masked = CODE.sub(lambda match: re.sub(r"[^\n]", " ", match[0]), markdown)
    return [_marker(match, masked) for match in MARKER.finditer(masked)]


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


def placements(pages: dict[str, str], catalog: Catalog, labels: dict[str, str] | None = None) -> dict[str, Target]:
    """Map every reference name to its target, from the markers in `pages` (source path -> Markdown).

    `labels` names a page in messages as a person finds it ('docs/aws.md').
    """
    labels = labels or {}
    rule_pages: dict[str, str] = {}
    source_page = None
    for page, markdown in sorted(pages.items()):
        shown = labels.get(page, page)
        for marker in find_markers(markdown):
            if marker.name == "responsibilities":
                check_arguments(marker, {"rule": OWNERS}, shown)
                rule = marker.args["rule"]
                if rule in rule_pages:
                    raise MarkupError(
                        f"{shown}:{marker.line}: responsibilities under the rule '{rule}' are already rendered "
                        f"on {labels.get(rule_pages[rule], rule_pages[rule])}; each may be rendered once"
                    )
                rule_pages[rule] = page
            elif marker.name == "sources":
                if source_page:
                    raise MarkupError(
                        f"{shown}:{marker.line}: sources are already rendered on {labels.get(source_page, source_page)}"
                    )
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

    def resolve(text: str) -> str:
        resolved = REF.sub(link, text)
        leftover = REF_START.search(resolved)
        if leftover:
            line = line_of(resolved, leftover.start())
            raise MarkupError(f"{shown}:{line}: malformed reference: {resolved[leftover.start() :][:40]!r}")
        return resolved

    return outside_code(markdown, resolve)
