"""The generated security headers: a strict policy, built from the site's own inline code."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from conftest import ROOT, Build
from srg.security_headers_policy import (
    InlineStyleAttribute,
    content_security_policy,
    has_style_attribute,
    inline_hashes,
    parse_headers_file,
    security_headers,
    sha256,
)


def test_inline_scripts_and_styles_are_hashed_but_data_blocks_and_external_scripts_are_not() -> None:
    html = (
        '<script>var a=1;</script><script id="c" type="application/json">{"x":1}</script>'
        '<script src="x.js"></script><style>p{color:red}</style>'
    )
    scripts, styles = inline_hashes(html)
    assert scripts == {sha256("var a=1;")}
    assert styles == {sha256("p{color:red}")}
    # The known value of a SHA-256 in CSP's base64 form.
    assert sha256("") == "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"


def test_a_style_attribute_is_refused_with_the_page_named() -> None:
    with pytest.raises(InlineStyleAttribute, match=r"guide/index\.html: has a style attribute"):
        inline_hashes('<p style="color:red">x</p>', "guide/index.html")


# Pieces that make and unmake a style attribute when strung together at random.
_STYLE_PIECES = st.sampled_from(["<", ">", "p", "1", " ", "\n", "\xa0", "style=", "sstyle=", "<a", '"', "x"])


@given(st.lists(_STYLE_PIECES, max_size=14).map("".join))
@example('<p class="a>b" style="c">')  # a '>' inside a value ends the tag for the pattern too
@example("<a\tstyle=")
@example("<astyle=")  # no whitespace before the name: not an attribute
@example("< p style=")  # no tag opened
def test_the_style_attribute_check_finds_what_its_pattern_does(html: str) -> None:
    """The check finds `style=` first and the tag after; it answers as the tag-first pattern it replaced."""
    assert has_style_attribute(html) == bool(re.search(r"<[a-zA-Z][^>]*\sstyle=", html))


def test_policy_has_no_unsafe_source_and_denies_framing_and_plugins() -> None:
    policy = content_security_policy({sha256("a")}, set())
    assert "unsafe" not in policy
    directives = dict(d.split(" ", 1) for d in policy.split("; "))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == f"'self' {sha256('a')}"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"


def test_built_site_ships_the_headers_for_every_inline_script_it_has(site: Build) -> None:
    headers = parse_headers_file(site.page("_headers"))
    assert set(headers) == set(security_headers("x"))
    assert headers["X-Content-Type-Options"] == "nosniff"
    policy = headers["Content-Security-Policy"]
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    for page in site.site.rglob("*.html"):
        scripts, _ = inline_hashes(page.read_text(encoding="utf-8"), page.name)
        assert scripts <= set(re.findall(r"'sha256-[^']+'", policy)), page
    cloudfront = json.loads(site.page("_headers.cloudfront.json"))
    security = cloudfront["SecurityHeadersConfig"]
    assert security["ContentSecurityPolicy"]["ContentSecurityPolicy"] == policy
    assert len(policy) <= 1783, "CloudFront limits the policy to 1,783 characters"


def sent_by_cloudfront(policy: dict) -> dict[str, str]:
    """The headers a CloudFront response headers policy adds to every response, as CloudFront writes them."""
    security = policy["SecurityHeadersConfig"]
    transport = security["StrictTransportSecurity"]
    sent = {
        "Content-Security-Policy": security["ContentSecurityPolicy"]["ContentSecurityPolicy"],
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": security["FrameOptions"]["FrameOption"],
        "Referrer-Policy": security["ReferrerPolicy"]["ReferrerPolicy"],
        "Strict-Transport-Security": f"max-age={transport['AccessControlMaxAgeSec']}"
        + "; includeSubDomains" * transport["IncludeSubdomains"]
        + "; preload" * transport["Preload"],
    }
    sent.update({item["Header"]: item["Value"] for item in policy["CustomHeadersConfig"]["Items"]})
    return sent


def test_the_cloudfront_policy_sends_the_headers_of_the_headers_file_and_both_name_their_maker(site: Build) -> None:
    policy = json.loads(site.page("_headers.cloudfront.json"))
    assert sent_by_cloudfront(policy) == parse_headers_file(site.page("_headers"))
    assert policy["CustomHeadersConfig"]["Quantity"] == len(policy["CustomHeadersConfig"]["Items"])
    for text in (site.page("_headers"), policy["Comment"]):
        makers = re.findall(r"hooks/[\w/]+\.py", text)
        assert makers, text
        assert all((ROOT / maker).is_file() for maker in makers), makers
