"""A first start on a fresh data dir: the app never blocks on tfds preparing the data.

Home's text and map and the Convolution lab's toy grids work at once; the data section shows tfds'
own progress as a bar in place, and fills in by itself once the data is ready.
"""

from __future__ import annotations

import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from app_pages import PAGES, page
from cnn_core.i18n import t

ROOT = Path(__file__).resolve().parents[2]


def fresh_app(monkeypatch, tmp_path, dataset: str = "mnist") -> AppTest:
    monkeypatch.setenv("FCL_DATA_DIR", str(tmp_path))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["dataset"] = dataset
    return at


def test_home_and_the_toy_grids_work_while_tfds_prepares_the_data(monkeypatch, tmp_path):
    at = fresh_app(monkeypatch, tmp_path)
    at.run()                                          # returns while tfds is still at work
    assert not at.exception, at.exception
    assert at.title[0].value == t("home.title", "en")
    links = [element for element in at.get("page_link")]
    assert len(links) == sum(1 for spec in PAGES if spec.blurb_key)
    assert not at.metric                                  # the data section waits in place
    bars = at.get("progress")
    assert bars and t("data.stage_preparing", "en", name=t("data.name.mnist", "en")) in bars[0].proto.text
    assert any(t("data.being_prepared", "en", name=t("data.name.mnist", "en")) == c.value for c in at.sidebar.caption)

    at.switch_page(page("conv_lab").path).run()        # the toy grids need no data
    assert not at.exception, at.exception
    assert at.title[0].value == t("conv.title", "en")
    assert at.get("plotly_chart")

    at.switch_page(page("home").path)
    deadline = time.time() + 240
    while time.time() < deadline:
        at.run()
        if at.metric:
            break
        time.sleep(1)
    assert not at.exception, at.exception
    assert at.metric[0].value == "60,000" and at.metric[1].value == "10,000"   # MNIST, prepared by tfds
