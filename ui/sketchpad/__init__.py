"""The sketchpad: a drawing canvas that answers in the browser, within a frame of the stroke's end.

The page (``frontend/``) prepares the drawing and runs the model itself (``sketchpad_core.js``,
the same steps as ``cnn_core.preprocess`` and the same numbers as TensorFlow, checked by
``tests/unit/test_browser_model.py``), paints the answer, and only then sends the drawing to the
server as a small PNG for the rest of the page. The server never waits in the answer's way, however
busy it is with a class and its training runs.

The model reaches the page as one file (:mod:`cnn_core.browser_model`) in the component's own
folder, which Streamlit serves: a folder of this server's own under the system's temporary
directory, holding a copy of ``frontend/`` and the packed models, named by their content so a
browser fetches each model once. A model the page cannot run gets no file; the page then leaves
the answer to the server (``Drawing.answered_here`` is False).
"""

from __future__ import annotations

import atexit
import base64
import binascii
import shutil
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import streamlit as st
import streamlit.components.v1 as components

from cnn_core import browser_model, i18n, inference, preprocess
from cnn_core.datasets import DATASETS
from cnn_core.errors import UserError

FRONTEND = Path(__file__).resolve().parent / "frontend"
PNG_PREFIX = "data:image/png;base64,"
MAX_PNG_CHARS = 4 * 1024 * 1024        # a 280x280 drawing is a few KB; anything near this is not one
MAX_PIXELS = 1024 * 1024
KEPT_MODELS = 64                       # packed models kept on disk (the oldest go first)

# Streamlit's own text face, for the page inside the component's frame (it cannot see the app's fonts).
_FONTS = Path(st.__file__).resolve().parent / "static" / "static" / "media"
FONT_URL = next((f"../../static/media/{font.name}" for font in sorted(_FONTS.glob("SourceSansVF-Upright*.woff2"))), None)

_lock = threading.Lock()
_published: dict[str, str | None] = {}  # model token -> its file's URL in the component (None: not runnable)


def _make_served_folder() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="fcl-sketchpad-"))
    for file in FRONTEND.iterdir():
        if file.is_file():
            shutil.copy2(file, folder / file.name)
    (folder / "models").mkdir()
    atexit.register(shutil.rmtree, folder, True)
    return folder


SERVED = _make_served_folder()
_component = components.declare_component("sketchpad", path=str(SERVED))


@dataclass(frozen=True)
class Drawing:
    """The learner's drawing as the server received it: ``picture`` is ``HxWx4`` RGBA ``uint8``."""

    id: int
    picture: np.ndarray
    answered_here: bool     # the page showed the model's answer itself


def model_url(model) -> str | None:
    """The URL (relative to the component) of ``model`` packed for the page, or None if it cannot run there."""
    token = inference.model_token(model)
    with _lock:
        url = _published.get(token, "")
        if url is None or (url and (SERVED / url).exists()):
            return url
    packed = browser_model.export(model)
    url = None if packed is None else f"models/{packed.name}.bin"
    if packed is not None and not (SERVED / url).exists():
        partial = SERVED / "models" / f".{packed.name}.part"
        partial.write_bytes(packed.data)
        partial.replace(SERVED / url)
        kept = sorted((SERVED / "models").glob("*.bin"), key=lambda path: path.stat().st_mtime)
        for old in kept[:-KEPT_MODELS]:
            old.unlink(missing_ok=True)
    with _lock:
        _published[token] = url
    return url


def _decode(value, cache_key: str) -> tuple[int, np.ndarray] | None:
    """The drawing a sketchpad sent (``{"id", "png"}``), decoded once per drawing; None when blank.

    Raises ``UserError`` when the value is not a drawing (only a tampered page sends one)."""
    if not isinstance(value, dict) or not isinstance(value.get("png"), str):
        return None
    stroke_id = value.get("id")
    cached = st.session_state.get(cache_key)
    if cached is not None and cached[0] == stroke_id:
        return cached
    text = value["png"]
    if len(text) > MAX_PNG_CHARS or not text.startswith(PNG_PREFIX):
        raise UserError("classify.err_not_image", name="drawing.png")
    try:
        data = base64.b64decode(text[len(PNG_PREFIX):], validate=True)
    except (binascii.Error, ValueError) as exc:
        raise UserError("classify.err_broken", name="drawing.png") from exc
    picture = preprocess.read_upload(data, "drawing.png", max_pixels=MAX_PIXELS).convert("RGBA")
    decoded = (stroke_id, np.asarray(picture))
    st.session_state[cache_key] = decoded
    return decoded


def sketchpad(key: str, *, model, dataset: str, names: list[str], answer_names: list[str], lang: str,
              brush: int, size: int = 280, show_answer: bool = True, compact: bool = False,
              projector: bool = False, strip: dict | None = None, fallback: np.ndarray | None = None) -> Drawing | None:
    """A canvas that answers each stroke in the browser; the drawing it last sent, or None when blank.

    Args:
        key: the widget key (the drawing survives reruns, other pages and a language switch under it).
        model: the model that answers; dataset: the profile new pictures are framed with.
        names: the class names in ``lang``; answer_names: each class as the headline names it.
        brush: the pen's width in canvas pixels; size: the canvas's side in pixels.
        show_answer: False while question mode waits for the learner's guess (the page answers later).
        compact: the answer's headline and probability only, under the canvas (no bar per class).
        strip: the network strip to draw beside the canvas instead of the answer
            (``cnn_core.figures.network.browser_strip``); fallback: the 28x28 picture it shows
            while the canvas is blank.
    """
    url = model_url(model) if show_answer else None
    previous = st.session_state.get(key)
    restore = previous if isinstance(previous, dict) and isinstance(previous.get("png"), str) \
        and len(previous["png"]) <= MAX_PNG_CHARS else None
    profile = DATASETS[dataset].profile
    value = _component(
        key=key, default=None, size=size, brush=brush, model_url=url, show_answer=show_answer, compact=compact, lang=lang,
        profile={"item_size": profile.item_size, "centring": profile.centring}, names=list(names),
        answer_names=list(answer_names), digits=i18n.NUMERALS.get(lang), projector=projector, restore=restore,
        font_url=FONT_URL, strip=strip,
        fallback=None if fallback is None else np.asarray(fallback, dtype=np.uint8).ravel().tolist(),
        text={"undo": i18n.t("sketchpad.undo", lang), "clear": i18n.t("sketchpad.clear", lang),
              "canvas": i18n.t("sketchpad.canvas", lang), "model_failed": i18n.t("sketchpad.model_failed", lang),
              "headline": i18n.t("classify.top_prediction", lang, name="{name}"),
              "probability": i18n.t("classify.top_probability", lang, percent="{percent}"),
              "bars": i18n.t("classify.probabilities_header", lang),
              "strip_header": i18n.t("network.strip_header", lang),
              "prediction": i18n.t("network.prediction", lang, name="{name}", percent="{percent}")})
    decoded = _decode(value, f"{key}__decoded")
    if decoded is None:
        return None
    return Drawing(id=decoded[0], picture=decoded[1], answered_here=url is not None)
