"""The shipped example lesson plan in Chromium: a learner opens its link and follows three steps with
Next (each opens its page with the step's choices), then goes Back one."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from cnn_core.i18n import t
from tools.app_server import wait_for_idle


def step_heading(page, k: int, n: int = 6):
    return page.locator(".st-key-fcl_plan_panel").get_by_text(t("plans.step_of", "en", k=k, n=n), exact=True)


def query_of(page) -> dict:
    return {name: values[-1] for name, values in parse_qs(urlparse(page.url).query).items()}


def press(page, key: str) -> None:
    page.locator(f".st-key-{key} button").click()
    wait_for_idle(page, 120_000)


def test_the_example_plan_walks_three_steps(page, app_url):
    page.goto(f"{app_url}/datasets?plan=seed-lesson&part=1")
    page.wait_for_selector(".st-key-fcl_plan_panel", timeout=180_000)
    wait_for_idle(page, 180_000)
    assert step_heading(page, 1).is_visible()
    assert page.get_by_role("heading", name=t("datasets.title", "en"), level=1).is_visible()

    press(page, "fcl_plan_next")
    page.wait_for_selector(".st-key-conv_step", timeout=120_000)
    wait_for_idle(page)
    assert urlparse(page.url).path.endswith("/conv_lab")
    assert query_of(page)["part"] == "2" and query_of(page)["kernel"] == "edge_vertical"
    assert step_heading(page, 2).is_visible()
    assert page.get_by_text(t("conv.kernel_help.edge_vertical", "en")).is_visible()

    press(page, "fcl_plan_next")
    page.wait_for_function("() => location.search.includes('part=3')", timeout=60_000)
    wait_for_idle(page)
    assert step_heading(page, 3).is_visible()
    assert page.locator(".st-key-pool_stride_rows input").input_value() == "2"
    assert page.locator(".st-key-pool_stride_cols input").input_value() == "2"

    press(page, "fcl_plan_back")
    page.wait_for_function("() => location.search.includes('part=2')", timeout=60_000)
    assert step_heading(page, 2).is_visible()
