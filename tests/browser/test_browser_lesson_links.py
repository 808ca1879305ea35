"""Lesson links in Chromium: a teacher's link opens the Convolution lab in its exact state in a fresh
browser, the URL follows the learner's changes, and ``hide=`` hides the named controls."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from cnn_core.i18n import t
from tools.app_server import wait_for_idle

LINK = "conv_lab?lang=bn&kernel=sobel_x&stride=2&pool=2&step=3&hide=stride"


def open_link(context, app_url: str, link: str):
    page = context.new_page()
    page.goto(f"{app_url}/{link}")
    page.wait_for_selector('[data-testid="stSidebar"] [role="radiogroup"]', timeout=120_000)
    wait_for_idle(page, 120_000)
    page.wait_for_selector(".st-key-conv_step", timeout=60_000)
    wait_for_idle(page)
    return page


def query_of(page) -> dict:
    return {name: values[-1] for name, values in parse_qs(urlparse(page.url).query).items()}


def test_a_lesson_link_opens_the_same_view_in_a_fresh_browser(browser, app_url):
    teacher = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = open_link(teacher, app_url, LINK)
    assert page.get_by_role("heading", name=t("conv.title", "bn"), level=1).is_visible()
    assert page.evaluate("document.documentElement.lang") == "bn"
    assert page.get_by_text(t("conv.kernel_help.sobel_x", "bn")).is_visible()  # the Sobel kernel is chosen
    assert page.locator(".st-key-conv_step input[type=range]").input_value() == "3"
    assert not page.locator(".st-key-conv_stride_rows").is_visible()      # hidden by the link
    assert page.locator(".st-key-conv_padding").is_visible()

    # The learner steps on: the address bar follows, and the sidebar's link box shows the same link.
    page.locator(".st-key-conv_forward button").click()
    page.wait_for_function("() => location.search.includes('step=4')", timeout=30_000)
    assert query_of(page) == {"lang": "bn", "kernel": "sobel_x", "stride": "2", "step": "4", "pool": "2",
                              "hide": "stride"}
    page.get_by_text(t("links.copy_heading", "bn")).first.click()
    box = page.locator("#fcl-link")
    page.wait_for_function("() => document.getElementById('fcl-link').value.includes('step=4')", timeout=10_000)
    assert box.input_value() == page.url
    page.get_by_role("button", name=t("links.copy", "bn")).click()
    page.wait_for_function(f"() => document.getElementById('fcl-copy').textContent === {t('links.copied', 'bn')!r}",
                           timeout=10_000)
    copied = page.url.split("/", 3)[3]
    arithmetic = page.locator('[data-testid="stCode"]').first.inner_text()
    teacher.close()

    student = browser.new_context(viewport={"width": 1400, "height": 1000})
    again = open_link(student, app_url, copied)
    assert again.locator(".st-key-conv_step input[type=range]").input_value() == "4"
    assert again.evaluate("document.documentElement.lang") == "bn"
    assert again.locator('[data-testid="stCode"]').first.inner_text() == arithmetic  # step 4's sum, again
    student.close()


def test_a_bad_link_shows_a_note_and_the_page_still_works(browser, app_url):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = open_link(context, app_url, "conv_lab?kernel=nope&stride=99&step=2")
    note = page.locator('[data-testid="stAlert"]').first.inner_text()
    assert "kernel=nope" in note and "stride=99" in note
    assert page.locator(".st-key-conv_step input[type=range]").input_value() == "2"
    assert query_of(page) == {"step": "2"}
    context.close()
