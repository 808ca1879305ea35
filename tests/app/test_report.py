"""The lesson report: a standalone HTML file with the session's numbers, curves, confusion matrix and
drawings, in the learner's language; and the Home page's prepare/download buttons."""

from __future__ import annotations

import base64
import io
import re
from datetime import datetime, timezone
from html.parser import HTMLParser

import numpy as np
import pytest
from PIL import Image

from cnn_core import i18n
from cnn_core.report import build_report, png_data_uri

WHEN = datetime(2026, 11, 27, 9, 30, tzinfo=timezone.utc)
RUN = {
    "name": "my first run", "preset": "seed", "params": 421642,
    "config": {"epochs": 2, "batch_size": 48, "optimizer": "sgd", "learning_rate": 0.0125, "subset": 900,
               "validation_split": 0.1, "seed": 7},
    "history": {"loss": [1.2345, 0.8765], "accuracy": [0.55, 0.6789], "val_loss": [0.99, 0.77],
                "val_accuracy": [0.61, 0.7012]},
    "test_accuracy": 0.7321, "test_loss": 0.7654,
}


def confusion_matrix() -> np.ndarray:
    confusion = np.diag(np.arange(90, 100))
    confusion[6, 0] = 17  # shirts called T-shirts
    return confusion


def drawing(seed: int) -> dict:
    image = np.random.default_rng(seed).integers(0, 256, (28, 28), dtype=np.uint8)
    return {"image28": image, "top": 8, "probability": 0.8125, "dataset": "fashion_mnist", "model": "m"}


class _Structure(HTMLParser):
    """Counts tags and checks every opened element is closed in order (void elements aside)."""

    VOID = {"meta", "img", "br", "hr", "input", "link"}

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.tags: dict[str, int] = {}
        self.image_sources: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        if tag == "img":
            self.image_sources.append(dict(attrs)["src"])
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1] if self.stack else 'nothing'}")
        else:
            self.stack.pop()


def parse(html_text: str) -> _Structure:
    parser = _Structure()
    parser.feed(html_text)
    parser.close()
    return parser


@pytest.mark.parametrize("lang", list(i18n.LANGUAGES))
def test_full_report_has_the_numbers_charts_and_drawings(lang):
    names = i18n.class_names("fashion_mnist", lang)
    html_text = build_report(lang, "Fashion-MNIST", names, run=RUN, confusion=confusion_matrix(),
                             model_name="my first run", drawings=[drawing(1), drawing(2)], created=WHEN)

    assert html_text.startswith("<!DOCTYPE html>")
    structure = parse(html_text)
    assert structure.problems == [] and structure.stack == []
    assert f"<html lang='{lang}'>" in html_text
    assert i18n.t("report.title", lang) in html_text
    assert i18n.t("report.run_heading", lang) in html_text
    # The run's settings and results, written with the language's digits.
    for value, fmt in [(48, "d"), (900, "d"), (7, "d"), (421642, ","), (0.0125, "g")]:
        assert f">{i18n.number(value, lang, fmt)}<" in html_text
    assert i18n.t("train.opt_sgd", lang) in html_text
    assert f"{i18n.number(73.2, lang, '.1f')}%" in html_text          # test accuracy
    assert i18n.number(0.7654, lang, ".3f") in html_text              # test loss
    # Curves and confusion matrix are plotly divs; plotly.js is inline exactly once, nothing remote.
    assert html_text.count("Plotly.newPlot(") == 3
    for div in ("curve-loss", "curve-accuracy", "confusion"):
        assert f'id="{div}"' in html_text
    assert html_text.count("<script type='text/javascript'>") == 1
    head, _, rest = html_text.partition("<script type='text/javascript'>")
    outside_plotly_js = head + rest.split("</script>", 1)[1]
    assert not re.search(r"<script[^>]+src=|https?://", outside_plotly_js)
    assert "0.8765" in html_text and "0.7012" in html_text            # curve data points
    right, total = int(np.trace(confusion_matrix())), int(confusion_matrix().sum())
    assert i18n.number(right, lang) in html_text and i18n.number(total, lang) in html_text
    # Drawings: one PNG data URI each, decoding to the 28x28 picture blown up with hard edges.
    assert len(structure.image_sources) == 2
    first = structure.image_sources[0]
    assert first.startswith("data:image/png;base64,")
    picture = np.asarray(Image.open(io.BytesIO(base64.b64decode(first.split(",", 1)[1]))))
    assert picture.shape == (112, 112)
    assert np.array_equal(picture[::4, ::4], drawing(1)["image28"])
    assert i18n.t("report.drawing_caption", lang, name=names[8],
                  percent=f"{i18n.number(81.2, lang, '.1f')}%") in html_text


def test_bengali_report_has_no_english_headings():
    html_text = build_report("bn", "ফ্যাশন-এমনিস্ট", i18n.class_names("fashion_mnist", "bn"), run=RUN,
                             confusion=confusion_matrix(), model_name="m", drawings=[drawing(3)], created=WHEN)
    for key in ("report.run_heading", "report.hyper_heading", "report.confusion_heading",
                "report.drawings_heading", "report.test_accuracy", "report.epochs"):
        assert i18n.t(key, "en") not in html_text
        assert i18n.t(key, "bn") in html_text
    assert "২০২৬-১১-২৭ ০৯:৩০" in html_text


@pytest.mark.parametrize("lang", list(i18n.LANGUAGES))
def test_empty_session_report_says_what_is_missing(lang):
    html_text = build_report(lang, "MNIST", i18n.class_names("mnist", lang), created=WHEN)
    structure = parse(html_text)
    assert structure.problems == [] and structure.stack == []
    for key in ("report.no_run", "report.no_model", "report.no_drawings"):
        assert i18n.t(key, lang) in html_text
    assert "Plotly.newPlot(" not in html_text and structure.image_sources == []


def test_run_without_history_or_scores():
    loaded = {"name": "uploaded.keras", "preset": "upload", "config": {}, "history": {},
              "test_accuracy": None, "test_loss": None}
    html_text = build_report("en", "Fashion-MNIST", i18n.class_names("fashion_mnist", "en"), run=loaded,
                             created=WHEN)
    assert i18n.t("report.no_curves", "en") in html_text
    assert html_text.count(i18n.t("report.unknown", "en")) == 2


def test_text_from_the_learner_is_escaped():
    sneaky = {**RUN, "name": "<script>alert(1)</script>"}
    html_text = build_report("en", "Fashion-MNIST", i18n.class_names("fashion_mnist", "en"), run=sneaky,
                             created=WHEN)
    assert "<script>alert(1)</script>" not in html_text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html_text


def test_png_data_uri_accepts_channel_last_pictures():
    picture = np.full((28, 28, 1), 200, dtype=np.uint8)
    uri = png_data_uri(picture, size=28)
    decoded = np.asarray(Image.open(io.BytesIO(base64.b64decode(uri.split(",", 1)[1]))))
    assert decoded.shape == (28, 28) and (decoded == 200).all()


# ----------------------------------------------------------------------------- the Home section
@pytest.fixture(scope="module")
def tiny(fashion):
    from tests.support.tiny_model import train_tiny_model

    return train_tiny_model(fashion, images=600)


@pytest.fixture
def new_session():
    """AppTests share one session id, so a run left in the session-scoped training holder by an
    earlier test would show up in these reports: start from empty caches, as a new browser does."""
    import streamlit as st

    st.cache_resource.clear()


@pytest.mark.parametrize("lang", list(i18n.LANGUAGES))
def test_home_prepares_a_report_in_the_session_language(new_session, app_test, tiny, lang):
    model, meta = tiny
    meta = {**meta, "config": RUN["config"], "history": RUN["history"], "test_loss": 0.5}
    drawings = [drawing(4)]
    at = app_test("home", lang=lang, session_state={"active_model": (model, meta), "drawings": drawings})
    assert not at.exception
    assert at.button(key="report_prepare").label == i18n.t("report.prepare", lang)
    assert i18n.t("report.server_jobs", lang, running=i18n.number(0, lang), queued=i18n.number(0, lang)) \
        in [caption.value for caption in at.caption]
    at.button(key="report_prepare").click().run()
    assert not at.exception
    lang_used, dataset, html_text = at.session_state["report_prepared"]
    assert (lang_used, dataset) == (lang, "fashion_mnist")
    assert i18n.t("report.title", lang) in html_text
    assert i18n.number(48, lang) in html_text                       # the active run's batch size
    assert html_text.count("<img src='data:image/png;base64,") == 1  # the drawing
    assert 'id="confusion"' in html_text                            # the active model was evaluated
    assert i18n.number(10000, lang) in html_text                    # ... on every test picture
    assert [success.value for success in at.success if success.value == i18n.t("report.ready", lang)]


def test_home_report_without_any_work(new_session, app_test):
    at = app_test("home", lang="en")
    at.button(key="report_prepare").click().run()
    assert not at.exception
    html_text = at.session_state["report_prepared"][2]
    assert i18n.t("report.no_run", "en") in html_text
    assert i18n.t("report.no_drawings", "en") in html_text
