"""The "Learn one step" page in a real browser: a lesson link opens it on a chosen class and learning
rate, the step button takes the gradient step, and the new loss shown is the one cnn_core.learning
computes for the shipped model and that picture. A screenshot goes to ``FCL_SCREENSHOT_DIR`` (default /tmp)."""

from __future__ import annotations

import os

import pytest

from cnn_core import learning, store
from cnn_core.figures import learning as figures
from cnn_core.i18n import t
from tools.app_server import open_page, wait_for_idle

SCREENSHOTS = os.environ.get("FCL_SCREENSHOT_DIR", "/tmp")


@pytest.mark.browser
def test_a_lesson_link_opens_the_step_and_the_button_shows_the_new_loss(app_url, page, fashion):
    open_page(page, app_url)
    open_page(page, app_url, "learn?model=shipped&pic=2&label=3&lr=0.001")
    page.get_by_text(t("learn.forward_header", "en")).first.wait_for()
    step = learning.gradient_step(store.pretrained("fashion_mnist")[0], fashion.test_images[2], 3, 0.001)
    loss_line = figures.loss_text(step, t("classes.fashion_mnist.3", "en"), "en")
    page.locator('[data-testid="stCode"]').filter(has_text=loss_line).first.wait_for()
    metric = page.locator('[data-testid="stMetric"]').filter(has_text=t("learn.loss_after", "en"))
    assert metric.count() == 0

    button = page.locator(".st-key-learn_take_step button")
    button.scroll_into_view_if_needed()
    button.click()
    wait_for_idle(page)
    metric.first.wait_for()
    shown = metric.first.locator('[data-testid="stMetricValue"]').inner_text().strip()
    assert shown == figures.num(step.loss_after, "en")
    assert step.loss_after < step.loss_before
    assert page.locator('[data-testid="stException"]').count() == 0
    page.set_viewport_size({"width": 1400, "height": 3600})
    wait_for_idle(page)
    page.screenshot(path=f"{SCREENSHOTS}/learn_step_en.png")
