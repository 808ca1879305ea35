"""Real browser: the Datasets page shows real Fashion-MNIST pictures; language and dataset switch live."""

import re

from cnn_core import i18n
from cnn_core.i18n import t
from tools.app_server import CLUSTER_AT_START_ENV, open_page, start_server, stop_server, wait_for_idle


def test_datasets_page_shows_the_example_grid(page, app_url):
    open_page(page, app_url, "datasets")
    page.get_by_role("heading", name="Fashion-MNIST: what tfds says about it").wait_for()
    page.get_by_text("Data in use: real Fashion-MNIST").first.wait_for()
    mosaic = page.locator('[data-testid="stPlotlyChart"]').first
    mosaic.wait_for()
    # The grid is captioned with each picture's index and class name.
    assert page.locator("svg text", has_text="#0 ").count() >= 1
    assert page.locator("svg text", has_text="Ankle boot").count() >= 1
    page.get_by_role("button", name="Next ▶").click()
    wait_for_idle(page)
    page.get_by_text("Page 2 of 2,500").wait_for()


def test_language_and_dataset_switch_in_the_sidebar(page, app_url, mnist):
    open_page(page, app_url, "datasets", lang="bn")
    page.get_by_role("heading", name="ডেটাসেট", exact=True).wait_for()
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text("MNIST (হাতে লেখা অঙ্ক)", exact=True).click()
    wait_for_idle(page)
    page.get_by_role("heading", name="MNIST (হাতে লেখা অঙ্ক): tfds এর সম্পর্কে কী বলে").wait_for()
    # Language and dataset persist when moving to another page.
    sidebar.get_by_text("শুরু", exact=True).click()
    wait_for_idle(page)
    page.get_by_role("heading", name="ফ্যাশন সিএনএন ল্যাব").wait_for()
    assert "MNIST" in sidebar.inner_text()


def test_first_visit_on_a_page_url_still_gets_the_sidebar(page):
    """Right after a server start, a visitor who lands on /datasets gets the app shell, not a bare page
    (pages live in app_pages/, so Streamlit's legacy pages/ discovery never runs a page on its own)."""
    # No training cluster for this server: no run is started here, and a worker warming up would take
    # the cores from the tests beside this one.
    process, url = start_server(extra_env={CLUSTER_AT_START_ENV: "0"})
    try:
        open_page(page, url, "datasets")
        sidebar = page.locator('[data-testid="stSidebar"]')
        sidebar.get_by_text(" / ".join(t("app.language", code) for code in i18n.LANGUAGES)).wait_for()
        page.get_by_role("heading", name="Datasets", exact=True).wait_for()
        # The shell works in that first session: switching language changes the page.
        sidebar.get_by_text("বাংলা", exact=True).click()
        wait_for_idle(page)
        page.get_by_role("heading", name="ডেটাসেট", exact=True).wait_for()
    finally:
        stop_server(process)


def test_switching_language_keeps_every_choice(page, app_url, mnist):
    """Choices are shown by their labels; after a switch to Bengali the same choices stay picked."""
    open_page(page, app_url, "datasets")
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text("MNIST (handwritten digits)", exact=True).click()
    wait_for_idle(page)
    page.locator(".st-key-examples_split").get_by_text("test", exact=True).click()
    wait_for_idle(page)
    page.locator(".st-key-examples_class").click()
    page.get_by_role("option", name="7", exact=True).click()
    wait_for_idle(page)
    sidebar.get_by_text("বাংলা", exact=True).click()
    wait_for_idle(page)
    page.get_by_role("heading", name="MNIST (হাতে লেখা অঙ্ক): tfds এর সম্পর্কে কী বলে").wait_for()
    assert sidebar.get_by_role("radio", name="MNIST (হাতে লেখা অঙ্ক)").is_checked()
    assert page.locator(".st-key-examples_split").get_by_role("radio", name="টেস্ট (test)").is_checked()
    assert page.locator(".st-key-examples_class input").input_value() == "৭"
    assert page.locator('[data-testid="stException"]').count() == 0
    # The charts' numbers too: the zoomed picture's rows, columns and colour bar, the class counts,
    # the brightness histogram's values and its log scale (plotly itself writes only 0-9).
    page.locator(".js-plotly-plot g.colorbar text").first.wait_for()
    ticks = page.evaluate("""() => [...document.querySelectorAll(
        '.js-plotly-plot .xtick text, .js-plotly-plot .ytick text, .js-plotly-plot g.colorbar text')]
        .map(text => text.textContent)""")
    assert len([tick for tick in ticks if re.search("[০-৯]", tick)]) >= 20, ticks
    assert [tick for tick in ticks if re.search("[0-9]", tick)] == []
