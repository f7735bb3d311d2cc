"""HTML fragments from the Jinja2 templates beside this module, autoescaped; no MkDocs imports.

Generated blocks are finished HTML: Python-Markdown passes a raw HTML block
through untouched, so nothing the data file holds is parsed as Markdown, and
the build does not parse what it generated a second time.
"""

from __future__ import annotations

import datetime
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from jinja2 import (
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    StrictUndefined,
    Template,
    select_autoescape,
)
from markupsafe import Markup

from .model import OWNER_CHOICES, OWNER_LABELS, RISK_TAGS, RULE_PLACES
from .theme_markup import TABLE_CLOSE, TABLE_OPEN

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class Target:
    """Where a reference points: a page (its source path), an anchor on it and the link text."""

    page: str
    anchor: str
    title: str


def page_url(src_uri: str) -> str:
    """The site-relative URL of a page with directory URLs: 'customer.md' -> 'customer/', 'index.md' -> ''."""
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/"


@dataclass(frozen=True)
class Linker:
    """Relative links from one page to any responsibility, source or page of the site."""

    page: str
    targets: dict[str, Target]
    # The glossary terms this page has used so far: only a term's first use on the page takes focus.
    terms_seen: set[str] = field(default_factory=set, compare=False, repr=False)
    _pages: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def href(self, name: str) -> str:
        target = self.targets[name]
        if target.page == self.page:
            return f"#{target.anchor}"
        return f"{self.to_page(target.page)}#{target.anchor}"

    def to_page(self, src_uri: str) -> str:
        """The relative address of another page from this one (computed once per page)."""
        if src_uri not in self._pages:
            here, there = page_url(self.page), page_url(src_uri)
            relative = posixpath.relpath(there or ".", here or ".")
            self._pages[src_uri] = "./" if relative == "." else relative + "/"
        return self._pages[src_uri]

    def title(self, name: str) -> str:
        return self.targets[name].title


def long_date(day: datetime.date) -> str:
    return f"{day.day} {day.strftime('%B %Y')}"


# Words a control's statement writes in capitals that are values Security Hub reports, not acronyms: shown as code.
STATUS_WORDS = re.compile(r"\b(NON_COMPLIANT|COMPLIANT)\b")


def control_statement(text: str, mark: Callable[[str], Markup]) -> Markup:
    """A control's statement from AWS's catalog, escaped, its terms marked and its status values as code."""
    parts = STATUS_WORDS.split(text)
    return Markup("").join(
        Markup("<code>{}</code>").format(part) if index % 2 else mark(part) for index, part in enumerate(parts) if part
    )


def bytecode_cache() -> FileSystemBytecodeCache:
    """Compiled templates kept in the system's temporary folder, out of every folder `mkdocs serve` watches.

    Jinja keys each entry by the template's name and file and checks the
    source's checksum, so an edited template is compiled again.
    """
    return FileSystemBytecodeCache()


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        bytecode_cache=bytecode_cache(),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        auto_reload=True,  # an edited template shows at the next rebuild of `mkdocs serve`
    )
    env.globals.update(
        OWNER_LABELS=OWNER_LABELS,
        OWNER_CHOICES=OWNER_CHOICES,
        RULE_PLACES=RULE_PLACES,
        RISK_TAGS=RISK_TAGS,
        long_date=long_date,
        control_statement=control_statement,
        badge=badge,
        TABLE_OPEN=TABLE_OPEN,
        TABLE_CLOSE=TABLE_CLOSE,
    )
    env.filters["slug"] = lambda owner: "na" if owner == "n/a" else owner
    return env


# Finished HTML in a page's Markdown is fenced by these comments, so the build can
# hand it past the Markdown parser (srg.pipeline.stash_html) and put it back after.
HTML_START = "<!--srg-html-->"
HTML_END = "<!--/srg-html-->"


def render(name: str, **context: object) -> str:
    """The template's HTML as one raw block (no blank lines), fenced as finished HTML."""
    html = template(name).render(**context)
    body = "\n".join(line for line in html.splitlines() if line.strip())
    return f"{HTML_START}\n{body}\n{HTML_END}"


# The templates of the build under way, each looked up once: Jinja's auto_reload reads a template's
# modification time at every lookup, and the pages look `badge.html` up thousands of times.
_LOADED: dict[str, Template] = {}


def template(name: str) -> Template:
    """A template of the package; a new one once its file is edited (auto_reload, checked at each build's
    start: `new_build`), so caches keyed by it renew."""
    found = _LOADED.get(name)
    if found is None:
        found = _LOADED[name] = environment().get_template(name)
    return found


def new_build() -> None:
    """Look each template up again: a template edited since the last build (`mkdocs serve`) is read anew."""
    _LOADED.clear()


def badge(owner: str) -> Markup:
    """The owner badge, rendered once per owner from badge.html (a template calls it thousands of times)."""
    return _badge(template("badge.html"), owner)


@cache
def _badge(badge_template: Template, owner: str) -> Markup:
    return Markup(badge_template.render(owner=owner).strip())


def render_fragment(name: str, **context: object) -> str:
    """A small inline fragment from a template (a term, a search result's text), unfenced."""
    return template(name).render(**context).strip()


def render_document(name: str, **context: object) -> str:
    """A whole HTML document from a template, as it renders."""
    return template(name).render(**context) + "\n"
