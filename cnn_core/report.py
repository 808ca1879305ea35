"""The lesson report: one self-contained HTML file of a learner's session, in their language.

``build_report`` is a pure function of plain data (a run's metadata dict, a confusion matrix, the
drawings' 28x28 arrays), so it is tested without Streamlit. The file needs no internet: plotly.js is
written into it once, every chart is a plotly ``<div>`` that uses it, and every picture is a PNG
inside a ``data:`` URI.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence
from datetime import datetime, timezone

import numpy as np
from PIL import Image

from cnn_core.figures import apply_style
from cnn_core.figures import inspect as inspect_figures
from cnn_core.figures import training as training_figures
from cnn_core import escape, i18n
from cnn_core.i18n import CATALOG, number, t

DRAWING_PIXELS = 112  # each 28x28 drawing is blown up 4x with hard pixel edges

_CSS = """
body { font-family: system-ui, "Noto Sans Bengali", "Noto Sans", sans-serif; max-width: 1000px;
       margin: 2rem auto; padding: 0 1rem; color: #0f172a; line-height: 1.5; }
h1 { color: #0f766e; } h2 { border-bottom: 2px solid #0f766e; padding-bottom: .2rem; margin-top: 2.5rem; }
table { border-collapse: collapse; margin: 1rem 0; } td, th { border: 1px solid #cbd5e1; padding: .3rem .8rem; text-align: left; }
.scores { font-size: 1.3rem; } .scores strong { color: #0f766e; }
.drawings { display: flex; flex-wrap: wrap; gap: 1rem; }
.drawings figure { margin: 0; text-align: center; }
.drawings img { width: 112px; height: 112px; image-rendering: pixelated; border: 1px solid #94a3b8; }
.empty { color: #475569; font-style: italic; }
footer { margin-top: 3rem; color: #64748b; font-size: .9rem; }
"""


def png_data_uri(image28: np.ndarray, size: int = DRAWING_PIXELS) -> str:
    """A gray picture as a ``data:image/png;base64,...`` URI, enlarged to ``size`` x ``size`` with hard
    pixel edges (the report is one file: its pictures live inside it).

    Args:
        image28: a 2-D (or ``H x W x 1``) picture, values 0..255.
        size: the side of the PNG in pixels.

    Example:

    >>> uri = png_data_uri(np.zeros((28, 28), np.uint8))
    >>> uri.startswith("data:image/png;base64,")
    True
    """
    pixels = np.asarray(image28)
    if pixels.ndim == 3:
        pixels = pixels[:, :, 0]
    picture = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), mode="L")
    picture = picture.resize((size, size), Image.Resampling.NEAREST)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _figure_div(fig, div_id: str) -> str:
    """A plotly figure as a ``<div>`` that relies on the plotly.js written once in the page head."""
    return apply_style(fig).to_html(full_html=False, include_plotlyjs=False, div_id=div_id,
                                    config={"displaylogo": False})


def _percent(fraction: float, lang: str) -> str:
    return f"{number(fraction * 100, lang, '.1f')}%"


def _label(kind: str, value, lang: str) -> str:
    """A catalog name for a preset or optimizer when there is one, else the raw value."""
    key = f"train.{kind}_{value}"
    return t(key, lang) if key in CATALOG else str(value)


def _run_section(run: dict | None, lang: str) -> str:
    esc = escape.html
    parts = [f"<h2>{esc(t('report.run_heading', lang))}</h2>"]
    if not run:
        return parts[0] + f"<p class='empty'>{esc(t('report.no_run', lang))}</p>"
    config = run.get("config") or {}
    parts.append(f"<p>{esc(t('report.run_name', lang))}: <strong>{esc(str(run.get('name', '?')))}</strong></p>")
    scores = []
    for key in ("test_accuracy", "test_loss"):
        value = run.get(key)
        shown = t("report.unknown", lang) if value is None else (
            _percent(value, lang) if key == "test_accuracy" else number(value, lang, ".3f"))
        scores.append(f"{esc(t(f'report.{key}', lang))}: <strong>{esc(shown)}</strong>")
    parts.append(f"<p class='scores'>{' · '.join(scores)}</p>")

    subset = config.get("subset")
    rows = [
        ("report.preset", _label("preset", run.get("preset") or config.get("preset", "?"), lang)),
        ("report.epochs", number(config["epochs"], lang) if "epochs" in config else None),
        ("report.batch_size", number(config["batch_size"], lang) if "batch_size" in config else None),
        ("report.optimizer", _label("opt", config["optimizer"], lang) if "optimizer" in config else None),
        ("report.learning_rate", number(config["learning_rate"], lang, "g") if "learning_rate" in config else None),
        ("report.subset", (t("report.all_pictures", lang) if subset is None else number(subset, lang))
         if "epochs" in config else None),
        ("report.validation_split", _percent(config["validation_split"], lang)
         if "validation_split" in config else None),
        ("report.seed", number(config["seed"], lang, "d") if "seed" in config else None),
        ("report.params", number(run["params"], lang) if run.get("params") is not None else None),
    ]
    parts.append(f"<h3>{esc(t('report.hyper_heading', lang))}</h3><table>"
                 f"<tr><th>{esc(t('report.setting', lang))}</th><th>{esc(t('report.value', lang))}</th></tr>")
    parts += [f"<tr><td>{esc(t(key, lang))}</td><td>{esc(str(value))}</td></tr>"
              for key, value in rows if value is not None]
    parts.append("</table>")

    parts.append(f"<h3>{esc(t('report.curves_heading', lang))}</h3>")
    history = run.get("history") or {}
    if not any(value is not None for values in history.values() for value in values or []):
        parts.append(f"<p class='empty'>{esc(t('report.no_curves', lang))}</p>")
    else:
        named = {"name": run.get("name", "?"), "history": history}
        for metric in training_figures.METRICS:
            parts.append(_figure_div(training_figures.compare_figure([named], metric, lang), f"curve-{metric}"))
    return "".join(parts)


def _confusion_section(confusion, class_names: Sequence[str], model_name: str | None, lang: str) -> str:
    esc = escape.html
    heading = f"<h2>{esc(t('report.confusion_heading', lang))}</h2>"
    if confusion is None:
        return heading + f"<p class='empty'>{esc(t('report.no_model', lang))}</p>"
    counts = np.asarray(confusion, dtype=np.int64)
    total, right = int(counts.sum()), int(np.trace(counts))
    explain = t("report.confusion_explain", lang, name=model_name or "?", total=number(total, lang),
                right=number(right, lang), accuracy=_percent(right / total if total else 0.0, lang))
    return (heading + f"<p>{esc(explain)}</p>"
            + _figure_div(inspect_figures.confusion_heatmap(counts, list(class_names), lang), "confusion"))


def _drawings_section(drawings: Sequence[dict], class_names: Sequence[str], lang: str) -> str:
    esc = escape.html
    heading = f"<h2>{esc(t('report.drawings_heading', lang))}</h2>"
    if not drawings:
        return heading + f"<p class='empty'>{esc(t('report.no_drawings', lang))}</p>"
    figures = []
    for index, drawing in enumerate(drawings, start=1):
        name = class_names[int(drawing["top"])]
        caption = t("report.drawing_caption", lang, name=name, percent=_percent(float(drawing["probability"]), lang))
        alt = t("report.drawing_alt", lang, number=number(index, lang), name=name)
        figures.append(f"<figure><img src='{png_data_uri(drawing['image28'])}' alt='{esc(alt)}'>"
                       f"<figcaption>{esc(caption)}</figcaption></figure>")
    return (heading + f"<p>{esc(t('report.drawings_explain', lang))}</p>"
            + f"<div class='drawings'>{''.join(figures)}</div>")


def _leaderboard_section(leaderboard: Sequence[dict], lang: str) -> str:
    esc = escape.html
    heading = f"<h2>{esc(t('class.report_heading', lang))}</h2>"
    if not leaderboard:
        return heading + f"<p class='empty'>{esc(t('class.leaderboard_empty', lang))}</p>"
    columns = ("rank", "name", "accuracy", "model", "recipe")
    head = "".join(f"<th>{esc(t(f'class.col_{column}', lang))}</th>" for column in columns)
    rows = "".join("<tr>" + "".join(f"<td>{esc(str(row[column]))}</td>" for column in columns) + "</tr>"
                   for row in leaderboard)
    return heading + f"<p>{esc(t('class.report_explain', lang))}</p><table><tr>{head}</tr>{rows}</table>"


def _experiments_section(experiment_figures: Sequence[tuple[str, dict]], lang: str) -> str:
    """Each class experiment: its question and its plot (a figure dict from
    :func:`cnn_core.figures.experiments.experiment_figure`)."""
    if not experiment_figures:
        return ""
    import plotly.graph_objects as go

    parts = [f"<h2>{escape.html(t('experiments.header', lang))}</h2>"]
    for position, (question, spec) in enumerate(experiment_figures, 1):
        parts.append(f"<h3>{escape.html(question)}</h3>" + _figure_div(go.Figure(spec), f"experiment-{position}"))
    return "".join(parts)


def build_report(lang: str, dataset_label: str, class_names: Sequence[str], *, run: dict | None = None,
                 confusion: np.ndarray | None = None, model_name: str | None = None, drawings: Sequence[dict] = (),
                 leaderboard: Sequence[dict] = (), experiment_figures: Sequence[tuple[str, dict]] = (),
                 created: datetime | None = None) -> str:
    """The whole lesson report as one standalone HTML document (its charts and pictures inside it).

    Args:
        lang: the report's language.
        dataset_label: the dataset's name in ``lang``.
        class_names: the class names in ``lang``.
        run: a run's metadata (``name``, ``preset``, ``config``, ``history``, ``test_accuracy``,
            ``test_loss``, ``params``), or ``None``.
        confusion: the active model's test-set confusion matrix (rows true, columns predicted), or ``None``.
        model_name: the active model's name.
        drawings: dicts with ``image28`` (28x28 uint8), ``top`` (class index) and ``probability``.
        leaderboard: the class board's finished runs as table text
            (:func:`cnn_core.classroom.leaderboard_rows`).
        experiment_figures: the class experiments as ``(question, figure dict)`` pairs.
        created: when it was made (now by default).

    Returns:
        The HTML text; a part with nothing to show says so instead.
    """
    import plotly.offline

    esc = escape.html
    when = i18n.digits((created or datetime.now(timezone.utc)).strftime("%Y-%m-%d %H:%M UTC"), lang)
    title = t("report.title", lang)
    body = "".join([
        f"<h1>{esc(title)}</h1>",
        f"<p>{esc(t('report.created', lang, when=when, dataset=dataset_label))}</p>",
        _run_section(run, lang),
        _confusion_section(confusion, class_names, model_name, lang),
        _drawings_section(drawings, class_names, lang),
        _leaderboard_section(leaderboard, lang),
        _experiments_section(experiment_figures, lang),
        f"<footer>{esc(t('report.footer', lang))}</footer>",
    ])
    return (f"<!DOCTYPE html>\n<html lang='{esc(lang)}'>\n<head>\n<meta charset='utf-8'>\n"
            f"<meta name='viewport' content='width=device-width, initial-scale=1'>\n<title>{esc(title)}</title>\n"
            f"<style>{_CSS}</style>\n<script type='text/javascript'>{plotly.offline.get_plotlyjs()}</script>\n"
            f"</head>\n<body>\n{body}\n</body>\n</html>\n")
