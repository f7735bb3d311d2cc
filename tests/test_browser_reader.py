"""What a reader sees, in a real Chromium: headings clear of fixed bars on arrival, a matrix whose header
stays, a self-check that scores, a header that fits on a phone, share links that lead to their answer,
search results that read cleanly."""

from __future__ import annotations

import contextlib
import itertools
import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from browser import CUT_WORDS, LAY_OUT_ALL, WATCH_WORKERS, after_paint, settled, type_query

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
SMALL_PHONE = {"width": 320, "height": 640}

# Every element fixed or sticky at the top of the window and shown now, with its bottom edge.
FIXED_BARS = """() => [...document.querySelectorAll('body *')].filter(e => {
    const style = getComputedStyle(e);
    if (!['fixed', 'sticky'].includes(style.position) || style.visibility === 'hidden' || style.display === 'none'
        || Number(style.opacity) === 0 || e.hidden) return false;
    const box = e.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && box.top < innerHeight / 3 && box.bottom > 0
        && box.right > 0 && box.left < innerWidth;
}).map(e => { const box = e.getBoundingClientRect();
               return {name: e.className || e.tagName, top: box.top, bottom: box.bottom,
                       left: box.left, right: box.right}; })"""


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize(
    "target",
    [
        "customer/#guest-os-patching",
        "services/rds/#checklist",
        "shared/#patch-management",
        # The self-check lays out only the questions near the screen: a question deep in
        # the page, and the heading of its last service.
        "self-check/#check-lambda-guest-os-patching",
        "self-check/#check-dynamodb",
        # The sources page lays out only the entries near the screen too.
        "sources/#source-rds-backup-retention",
        "sources/#sources-other",
    ],
)
def test_a_linked_heading_arrives_below_every_fixed_bar(browser, base_url: str, viewport: dict, target: str) -> None:
    page = browser.new_page(viewport=viewport)
    page.goto(base_url + target)
    settled(page)
    # Material shows "Back to top" once the reader scrolls up a little: show it as a reader would.
    page.mouse.wheel(0, -2)
    settled(page)
    anchor = target.split("#")[1]
    box = page.evaluate(f"document.getElementById('{anchor}').getBoundingClientRect().toJSON()")
    heading = box["top"]
    bars = page.evaluate(FIXED_BARS)
    assert bars, "expected at least the site header"
    # A bar covers the heading where it reaches to its top (within 4 px) and beside it (the sidebars are not).
    covering = [
        bar
        for bar in bars
        if bar["top"] <= heading < bar["bottom"] + 4 and bar["left"] < box["right"] and bar["right"] > box["left"]
    ]
    assert not covering, f"{target}: heading at {heading}px is under {covering}"
    assert 0 <= heading < viewport["height"] / 2
    page.close()


@pytest.mark.parametrize(
    "target",
    [
        "customer/#guest-os-patching",
        "shared/#patch-management",
        "services/rds/#checklist",
        "self-check/#check-dynamodb",
        "sources/#sources-other",
    ],
)
def test_the_contents_mark_the_heading_a_link_opened(browser, base_url: str, target: str) -> None:
    """On a desktop the table of contents is on screen: after a link it marks that heading, not the one before."""
    page = browser.new_page(viewport=DESKTOP)
    page.goto(base_url + target)
    settled(page)
    active = """() => [...document.querySelectorAll('.md-sidebar--secondary .md-nav__link--active')]
        .map(a => a.getAttribute('href'))"""
    anchor = "#" + target.split("#")[1]
    # Wait for the contents to settle on the heading; if they never do, the assertion names what they marked.
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(f"({active})().join() === '{anchor}'", timeout=3000)
    assert page.evaluate(active) == [anchor], target
    # "Back to top" shows as the reader scrolls up a little; it stays clear of the heading (above,
    # below or beside it).
    page.mouse.wheel(0, -2)
    settled(page)
    top = page.locator(".md-top")
    page.wait_for_function("!document.querySelector('.md-top').hidden")
    heading = page.evaluate(f"document.getElementById('{anchor[1:]}').getBoundingClientRect().toJSON()")
    button = top.bounding_box()
    apart = (
        button["y"] > heading["bottom"]
        or button["y"] + button["height"] < heading["top"]
        or button["x"] > heading["right"]
        or button["x"] + button["width"] < heading["left"]
    )
    assert apart, (button, heading)
    page.close()


# Blocks that must be taller as placeholders than they are when laid out: their links sit low in
# them, so an audit that lays out a skipped block would otherwise put them over the next block's.
TALLER_PLACEHOLDERS = {"self-check/": ".srg-question", "sources/": "li.srg-source"}


@pytest.mark.parametrize("width", [320, 412, 1280])
@pytest.mark.parametrize("path", sorted(TALLER_PLACEHOLDERS))
def test_a_skipped_block_is_never_taller_than_its_placeholder(browser, base_url: str, path: str, width: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(base_url + path)
    skipped = page.evaluate(
        """selector => {
            const blocks = [...document.querySelectorAll(selector)]
                .filter(e => getComputedStyle(e).contentVisibility === 'auto');
            const placeholders = blocks.map(
                e => parseFloat(getComputedStyle(e).containIntrinsicHeight.split(' ').pop()));
            const all = document.createElement('style');
            all.textContent = '* { content-visibility: visible !important; }';
            document.head.append(all);
            return blocks.map((e, i) => ({
                id: e.id, placeholder: placeholders[i], height: e.getBoundingClientRect().height}));
        }""",
        TALLER_PLACEHOLDERS[path],
    )
    page.close()
    assert len(skipped) > 10, f"{path}: expected most {TALLER_PLACEHOLDERS[path]} blocks to be skipped off screen"
    taller = [block for block in skipped if block["height"] >= block["placeholder"]]
    assert not taller, f"{path} at {width}px: laid out taller than the placeholder: {taller[:3]}"


def test_the_matrix_header_stays_in_view_two_screens_down(browser, base_url: str) -> None:
    page = browser.new_page(viewport=DESKTOP)
    page.goto(base_url + "matrix/")
    page.mouse.wheel(0, 2 * DESKTOP["height"])
    settled(page)
    header_bottom = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    first_column = page.locator("thead th[data-service]").first
    box = first_column.bounding_box()
    assert box is not None
    assert header_bottom - 1 <= box["y"] <= header_bottom + 2, (box, header_bottom)
    assert page.evaluate("scrollY") > DESKTOP["height"]
    page.close()


def test_on_a_phone_a_cards_name_stays_while_its_services_scroll(browser, base_url: str) -> None:
    """With the reasons shown, a card runs to many screens: its name stays under the header. (In the compact
    grid a card is a few lines, one per owner, inside the name's own cell.)"""
    page = browser.new_page(viewport=PHONE)
    page.goto(base_url + "matrix/")
    reasons = page.get_by_label("Show the reasons")
    if reasons.count():
        reasons.check()
    card = page.locator("tr[data-entry='guest-os-patching']")
    card.evaluate("row => row.scrollIntoView({block: 'start'})")
    settled(page)
    top = card.bounding_box()["y"]
    page.mouse.wheel(0, 300)
    settled(page)
    label = card.locator("th[scope=row]").bounding_box()
    header_bottom = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    assert card.bounding_box()["y"] < top - 200
    assert header_bottom - 1 <= label["y"] <= header_bottom + 2
    page.close()


def test_rows_that_do_not_apply_to_the_chosen_services_are_hidden_and_counted(browser, base_url: str, catalog) -> None:
    page = browser.new_page(viewport=DESKTOP)
    page.goto(base_url + "matrix/?service=lambda")
    page.wait_for_selector(".srg-filter")
    absent = [r.id for r in catalog.responsibilities if not catalog.applies(r, "lambda")]
    assert absent, "the test needs an entry that does not apply to Lambda"
    visible = page.evaluate(
        "[...document.querySelectorAll('tr[data-entry]')].filter(r => r.offsetParent !== null)"
        ".map(r => r.dataset.entry)"
    )
    assert not set(absent) & set(visible)
    assert len(visible) == len(catalog.responsibilities) - len(absent)
    status = page.locator(".srg-filter__status").text_content()
    assert f"{len(absent)} row" in status
    assert "not apply" in status
    page.locator("input[name=service][value=s3]").check()
    assert page.url.endswith("matrix/?service=lambda%2Cs3") or page.url.endswith("matrix/?service=lambda,s3")
    shown = page.evaluate(
        "[...document.querySelectorAll('thead th[data-service]')].filter(t => !t.hidden).map(t => t.dataset.service)"
    )
    assert shown == ["lambda", "s3"]
    page.close()


def test_the_self_check_scores_filters_and_shuffles(browser, base_url: str) -> None:
    page = browser.new_page(viewport=DESKTOP)
    page.goto(base_url + "self-check/")
    score = page.locator(".srg-quiz__score")
    page.wait_for_selector(".srg-quiz__score")
    assert re.fullmatch(r"0 of 0 right, \d+ to go\.", score.text_content())
    page.select_option(".srg-quiz select", "lambda")
    shown = page.evaluate(
        "[...document.querySelectorAll('.srg-question')].filter(q => !q.hidden)"
        ".map(q => q.querySelector('details').dataset.services)"
    )
    assert shown
    assert all("lambda" in services.split() for services in shown)
    questions = page.locator(".srg-question:not([hidden])")
    count = questions.count()
    assert count == len(shown)
    assert re.fullmatch(rf"0 of 0 right, {count} to go\.", score.text_content())
    first = questions.first
    right = first.locator("details").get_attribute("data-owner")
    first.locator(f".srg-quiz__choices button[value={right}]").click()
    assert score.text_content() == f"1 of 1 right, {count - 1} to go."
    assert first.locator("details").evaluate("d => d.open")
    second = questions.nth(1)
    wrong = next(o for o in ("aws", "customer", "shared") if o != second.locator("details").get_attribute("data-owner"))
    second.locator(f".srg-quiz__choices button[value={wrong}]").click()
    assert score.text_content() == f"1 of 2 right, {count - 2} to go."
    order = page.evaluate("[...document.querySelectorAll('[data-srg-check-service=lambda] details')].map(d => d.id)")
    page.click(".srg-quiz button:has-text('Shuffle')")
    shuffled = page.evaluate("[...document.querySelectorAll('[data-srg-check-service=lambda] details')].map(d => d.id)")
    assert sorted(shuffled) == sorted(order)
    assert shuffled != order
    # One service's questions come from several sections: no section heading, count or table of contents
    # entry stands over them (EC2's heading stood over Lambda's questions asked once for every service).
    visible = "sel => [...document.querySelectorAll(sel)].filter(e => e.checkVisibility()).length"
    headings = "h2[id^='check-'], .srg-check-count, .md-sidebar--secondary a[href^='#check-']"
    assert page.evaluate(visible, headings) == 0
    page.select_option(".srg-quiz select", "")
    assert page.evaluate(visible, "h2[id^='check-']") == page.locator("[data-srg-check-service]").count()
    assert page.evaluate(visible, ".srg-check-count") == page.locator("[data-srg-check-service]").count()
    assert page.evaluate(visible, ".md-sidebar--secondary a[href^='#check-']") > 0
    page.close()


@pytest.mark.parametrize(
    "viewport", [SMALL_PHONE, PHONE, DESKTOP, {"width": 1920, "height": 1080}], ids=["320", "390", "1280", "1920"]
)
def test_nothing_on_the_self_check_moves_when_its_script_starts(browser, base_url: str, viewport) -> None:
    """The questions stay where the page's first layout put them: the answer buttons show with the page
    (the head marks the root "js"), and the options bar the script adds fills a slot kept at its height,
    with no more than a few pixels of blank space under it (three rows on a phone, two wider)."""

    def question_tops(with_script: bool) -> list[float]:
        page = browser.new_page(viewport=viewport)
        if not with_script:
            page.route("**/assets/self-check.js", lambda route: route.abort())
        page.goto(base_url + "self-check/")
        page.wait_for_selector(".srg-quiz__score" if with_script else ".srg-question", state="attached")
        tops = page.evaluate(
            "[...document.querySelectorAll('.srg-question')].slice(0, 3)"
            ".map(q => q.getBoundingClientRect().top + scrollY)"
        )
        if with_script:
            slot, bar = page.evaluate(
                "['.srg-quiz-slot', '.srg-quiz'].map(s => document.querySelector(s).getBoundingClientRect().height)"
            )
            assert 0 <= slot - bar < 4, (slot, bar)
        page.close()
        return tops

    before = question_tops(with_script=False)
    assert len(before) == 3
    assert question_tops(with_script=True) == pytest.approx(before, abs=0.5)


def test_the_self_check_works_without_javascript(browser, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport=DESKTOP)
    page = context.new_page()
    page.goto(base_url + "self-check/")
    assert page.locator(".srg-quiz__choices").count() > 0
    assert not page.locator(".srg-quiz__choices").first.is_visible()
    question = page.locator("details.srg-check").first
    assert not question.evaluate("d => d.open")
    question.locator("summary").click()
    assert question.evaluate("d => d.open")
    assert question.locator(".srg-answer").is_visible()
    assert page.locator(".srg-question-link a").first.is_visible()
    context.close()


@pytest.mark.parametrize("viewport", [SMALL_PHONE, PHONE], ids=["320", "390"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_site_name_fits_the_phone_header(browser, base_url: str, viewport: dict, scheme: str) -> None:
    page = browser.new_page(viewport=viewport, color_scheme=scheme)
    page.goto(base_url)
    name = page.locator(".md-header__topic").first
    fits = name.evaluate("e => [...e.querySelectorAll('*'), e].every(x => x.scrollWidth <= x.clientWidth + 1)")
    assert fits
    box = name.bounding_box()
    assert box["x"] + box["width"] <= viewport["width"]
    assert "Shared Responsibility Guide" in name.inner_text()
    # and from top to bottom: its lines inside the bar, none cut off at an edge
    text = name.locator(".md-ellipsis").bounding_box()
    bar = page.locator(".md-header").bounding_box()
    assert bar["y"] <= text["y"], (text, bar)
    assert text["y"] + text["height"] <= bar["y"] + bar["height"], (text, bar)
    assert abs(text["y"] + text["height"] / 2 - (bar["y"] + bar["height"] / 2)) <= 2, "not in the middle of the bar"
    page.close()


@pytest.mark.parametrize("width", [1024, 1280])
def test_the_pictures_service_names_break_only_between_words(browser, base_url: str, width: int) -> None:
    """The theme lets a link break anywhere, and "RDS" headed its column as "RD" over "S"."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(base_url)
    heads = page.locator(".srg-picture__table thead th a")
    assert heads.count() > 0
    broken = heads.evaluate_all(
        "links => links.filter(a => new Set([...a.getClientRects()].map(r => Math.round(r.top))).size"
        " > a.textContent.trim().split(/\\s+/).length).map(a => a.textContent)"
    )
    assert broken == []
    page.close()


@pytest.mark.parametrize("width", [360, 390, 412])
def test_the_pictures_service_links_are_far_enough_apart_to_tap_on_a_phone(browser, base_url: str, width: int) -> None:
    """Each link is a line of upright text, 12 px wide: 24 px from one to the next is what a finger needs."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(base_url)
    centres = page.locator(".srg-picture__table thead th a").evaluate_all(
        "links => links.map(a => { const r = a.getBoundingClientRect(); return r.left + r.width / 2; })"
    )
    assert len(centres) > 1
    assert min(b - a for a, b in itertools.pairwise(centres)) >= 24
    page.close()


def test_a_service_label_and_its_badge_share_a_line_on_a_phone(browser, base_url: str) -> None:
    page = browser.new_page(viewport=PHONE)
    page.goto(base_url + "customer/")
    item = page.locator("#guest-os-patching ~ .srg-entry li[data-service~=fargate]").first
    label = item.locator(".srg-split__service").bounding_box()
    badge = item.locator(".srg-owner").first.bounding_box()
    assert label["x"] + label["width"] <= PHONE["width"]
    assert badge["x"] + badge["width"] <= PHONE["width"]
    page.close()


def test_a_service_pages_names_and_owners_break_only_between_words_on_a_phone(browser, base_url: str, catalog) -> None:
    """Its first two columns were narrow enough that "decommissioning" ended in a "g" of its own."""
    page = browser.new_page(viewport=PHONE)
    cut = {}
    for service in catalog.services:
        page.goto(f"{base_url}services/{service.id}/")
        page.add_style_tag(content=LAY_OUT_ALL)
        cells = page.locator(".srg-service-area tr > :is(:nth-child(1), :nth-child(2))")
        assert cells.count() > 0, service.id
        if words := cells.evaluate_all(CUT_WORDS):
            cut[service.id] = words
    page.close()
    assert cut == {}


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_a_share_link_opens_its_answer(browser, base_url: str, javascript: bool) -> None:
    context = browser.new_context(java_script_enabled=javascript, viewport=DESKTOP)
    page = context.new_page()
    page.goto(base_url + "a/guest-os-patching/")
    page.wait_for_url(re.compile(r".*/customer/#guest-os-patching$"))
    heading = page.locator("#guest-os-patching")
    heading.wait_for()
    if javascript:
        settled(page)
    box = heading.bounding_box()
    assert box is not None
    assert 0 <= box["y"] < DESKTOP["height"] / 2
    context.close()


def test_copy_link_copies_the_share_address(browser, base_url: str) -> None:
    context = browser.new_context(viewport=DESKTOP, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(base_url + "customer/")
    page.click("a[data-srg-copy='guest-os-patching']")
    page.wait_for_function(
        "document.querySelector(\"a[data-srg-copy='guest-os-patching']\").textContent === 'Link copied'"
    )
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == base_url + "a/guest-os-patching/"
    context.close()


def test_search_results_read_as_answers_with_whole_word_highlights(browser, base_url: str) -> None:
    context = browser.new_context(viewport=DESKTOP)
    context.add_init_script(WATCH_WORKERS)
    page = context.new_page()
    page.goto(base_url)
    type_query(page, "os")
    after_paint(page)
    results = page.locator(".md-search-result__item")
    assert results.count() > 0
    text = page.locator(".md-search-result").inner_text()
    assert "Copy link" not in text
    assert "Varies by service" not in text
    partial = page.evaluate(
        """[...document.querySelectorAll('.md-search-result mark')].filter(m => {
            const before = m.previousSibling, after = m.nextSibling;
            const left = before && before.nodeType === 3 ? before.textContent.slice(-1) : '';
            const right = after && after.nodeType === 3 ? after.textContent.charAt(0) : '';
            return /[A-Za-z0-9]/.test(left) || /[A-Za-z0-9]/.test(right);
        }).map(m => m.parentNode.textContent.slice(0, 60))"""
    )
    assert partial == []
    assert page.locator(".md-search-result mark").count() > 0
    context.close()


def test_a_glossary_term_is_its_own_search_result(browser, base_url: str) -> None:
    context = browser.new_context(viewport=DESKTOP)
    context.add_init_script(WATCH_WORKERS)
    page = context.new_page()
    page.goto(base_url)
    type_query(page, "KMS")
    links = page.eval_on_selector_all(".md-search-result__link", "links => links.map(a => a.href)")
    assert any(re.search(r"/glossary/(\?h=[^#]*)?#term-kms$", link) for link in links), links
    context.close()
