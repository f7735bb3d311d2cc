"""The answer first, in a real Chromium: arriving at any section, its one-sentence answer is the first thing
under the heading and is whole on the first screen, on a desktop and on a phone."""

from __future__ import annotations

import pytest

from browser import after_paint
from conftest import PAGE_OF_RULE
from srg.model import Catalog

pytestmark = pytest.mark.browser

VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}

# Where the heading, the answer and the badges sit once the jump to the section is done, and what the answer reads.
OPENING = """id => new Promise(done => {
    let last = -1, still = 0;
    const tick = () => {
        still = scrollY === last ? still + 1 : 0; last = scrollY;
        if (still < 5) return requestAnimationFrame(tick);
        const heading = document.getElementById(id), entry = heading.nextElementSibling;
        const first = [...entry.children].find(child => !child.classList.contains("srg-alias"));
        const box = element => element.getBoundingClientRect();
        done({
            header: box(document.querySelector("header")).bottom,
            heading: box(heading).bottom,
            first: first.className,
            answer: box(entry.querySelector(".srg-summary")),
            meta: box(entry.querySelector(".srg-meta")).top,
            text: entry.querySelector(".srg-summary").innerText,
            height: innerHeight,
        });
    };
    requestAnimationFrame(tick);
})"""


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_every_section_opens_with_its_whole_answer_on_the_first_screen(
    browser, base_url: str, catalog: Catalog, viewport: str
) -> None:
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    problems = {}
    try:
        for entry in catalog.responsibilities:
            page.goto(f"{base_url}{PAGE_OF_RULE[entry.rule]}/#{entry.id}")
            page.wait_for_load_state("load")
            after_paint(page)
            seen = page.evaluate(OPENING, entry.id)
            wrong = []
            if seen["first"] != "srg-summary":
                wrong.append(f"opens with .{seen['first']}")
            if " ".join(seen["text"].split()) != entry.summary:
                wrong.append(f"reads {seen['text']!r}")
            if not seen["heading"] <= seen["answer"]["top"] < seen["meta"]:
                wrong.append("not between the heading and the badges")
            if not (seen["header"] - 1 <= seen["answer"]["top"] and seen["answer"]["bottom"] <= seen["height"]):
                wrong.append(
                    f"not whole on the first screen ({seen['answer']['top']:.0f}-{seen['answer']['bottom']:.0f})"
                )
            if wrong:
                problems[entry.id] = wrong
    finally:
        context.close()
    assert problems == {}
