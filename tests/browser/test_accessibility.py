"""An axe-core audit in Chromium of every page (the languages take the pages in turn) and of the
sketchpad in both languages: no critical or serious violation, the document's language follows the
UI's, pictures are described, and the controls work from the keyboard.

axe-core comes from npm, pinned in ``tests/browser/axe/package.json`` (install it with
``npm ci --prefix tests/browser/axe``); Playwright injects its ``axe.min.js`` into each page.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app_pages import DEFAULT_PAGE, PAGES
from cnn_core import i18n
from cnn_core.i18n import t
from tests.support.languages import share_of
from tools.app_server import wait_for_idle

AXE = Path(__file__).resolve().parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("critical", "serious")


def open_view(page, app_url: str, path: str, query: str) -> None:
    """Open a page through a lesson link and wait until its first run has been painted."""
    page.goto(f"{app_url}/{path}?{query}")
    page.wait_for_selector('[data-testid="stSidebar"] [role="radiogroup"]', timeout=120_000)
    wait_for_idle(page, 120_000)
    page.wait_for_selector("h1", timeout=60_000)
    wait_for_idle(page, 120_000)


def audit(page) -> list[dict]:
    """axe's violations on the page as it stands: rule, impact and the first few elements."""
    assert AXE.exists(), f"axe-core is missing: run `npm ci --prefix {AXE.parents[2].relative_to(Path.cwd())}`"
    if not page.evaluate("typeof axe !== 'undefined'"):   # once per document (pages switch inside it)
        page.add_script_tag(path=str(AXE))
    return page.evaluate("""async () => {
        const result = await axe.run(document, {resultTypes: ['violations']});
        return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
    }""")


@pytest.mark.parametrize("lang", list(i18n.LANGUAGES))
def test_no_critical_or_serious_violations(page, app_url, lang):
    """This language's share of the pages (each page is audited once: its structure is the same in
    both languages, and the whole walk in each took over a minute of CI), in turn, as a learner walks
    the sidebar in one session (a full page load per page would cost the suite minutes and test
    nothing more)."""
    open_view(page, app_url, "", f"lang={lang}")
    blocking = {}
    for spec in share_of(PAGES, lang):
        if spec is not DEFAULT_PAGE:
            page.locator(f'[data-testid="stSidebarNav"] a[href$="/{spec.url}"]').first.click()
            page.wait_for_url(re.compile(rf"/{spec.url}/?(\?.*)?$"), timeout=60_000)
            wait_for_idle(page, 120_000)
        heading = page.get_by_role("heading", name=t(spec.title_page_key, lang), level=1).first
        heading.wait_for(timeout=60_000)
        wait_for_idle(page, 120_000)
        found = [violation for violation in audit(page) if violation["impact"] in BLOCKING]
        if found:
            blocking[spec.url] = found
        assert page.evaluate("document.documentElement.lang") == lang, spec.url
    assert not blocking, blocking


def test_document_language_follows_a_switch_and_every_page(page, app_url):
    open_view(page, app_url, "", "lang=en")
    assert page.evaluate("document.documentElement.lang") == "en"
    page.get_by_text("বাংলা", exact=True).first.click()
    page.wait_for_function("document.documentElement.lang === 'bn'", timeout=30_000)
    page.locator('[data-testid="stSidebarNav"] a').nth(2).click()  # another page, same session
    wait_for_idle(page)
    assert page.evaluate("document.documentElement.lang") == "bn"
    page.get_by_text("English", exact=True).first.click()
    page.wait_for_function("document.documentElement.lang === 'en'", timeout=30_000)


@pytest.mark.parametrize("lang", list(i18n.LANGUAGES))
def test_gallery_pictures_say_their_class_and_the_models_guess(page, app_url, lang):
    open_view(page, app_url, "inside", f"lang={lang}")
    pictures = page.locator('[data-testid="stImage"] img')
    assert pictures.count() >= 12
    alts = [pictures.nth(index).get_attribute("alt") for index in range(pictures.count())]
    marker = "the model says" if lang == "en" else "মডেল বলছে"
    assert all(alt and marker in alt for alt in alts), alts[:3]


def test_conv_lab_steps_from_the_keyboard(page, app_url):
    """Tab reaches the step buttons and Enter presses them: the lesson is usable without a mouse."""
    open_view(page, app_url, "conv_lab", "lang=en")
    step = page.locator(".st-key-conv_step input[type=range]")
    assert step.input_value() == "1"
    forward = page.locator(".st-key-conv_forward button")
    for _ in range(80):
        page.keyboard.press("Tab")
        if forward.evaluate("button => button === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the step forward button")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('.st-key-conv_step input[type=range]').value === '2'",
                           timeout=30_000)


@pytest.mark.parametrize("lang", list(i18n.LANGUAGES))
@pytest.mark.parametrize("path", ["classify", "network"])
def test_the_sketchpads_own_page_has_no_critical_or_serious_violation(page, app_url, path, lang):
    """The sketchpad is a page of its own inside a frame (the canvas, its buttons, the answer or the
    whole network strip): axe audits it there, in the UI's language."""
    open_view(page, app_url, path, f"lang={lang}")
    frame = next(frame for frame in page.frames if "ui.sketchpad.sketchpad" in frame.url)
    frame.wait_for_selector("canvas#pad")
    if path == "network":
        frame.wait_for_selector("#strip canvas[data-layer]")     # the strip for the stand-in test picture
    frame.add_script_tag(path=str(AXE))
    violations = frame.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']}))
        .violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))""")
    assert not [violation for violation in violations if violation["impact"] in BLOCKING], violations
    assert frame.evaluate("document.documentElement.lang") == lang
