"""Gather a session's work for the lesson report (``cnn_core.report``) and show the Home section.

The report is made only when the learner asks (it checks the model on all test pictures), and the
prepared file is kept in session state together with the language it was written in.
"""

from __future__ import annotations

import streamlit as st

from cnn_core import i18n, inference, jobs, models
from cnn_core.errors import UserError
from cnn_core.report import build_report
from ui import state
from ui.classroom import public_leaderboard
from ui.state import active_model, dataset_name, get_data, lang, model_name, tr
from ui.training import job_service, training_session

PREPARED_KEY = "report_prepared"  # (lang, dataset, html) of the last prepared report


def session_run() -> dict | None:
    """The session's training run: its finished job, else the active model's metadata when that
    model came from a run (a saved or loaded one has ``config``), else None."""
    job = training_session().job
    if job is not None and job.state in jobs.FINISHED_STATES and job.spec.dataset == dataset_name() \
            and job.model is not None:
        return job.run_meta(name=models.preset_label(job.spec.preset, lang()))
    chosen = st.session_state.get("active_model")
    if chosen is not None and chosen[1].get("dataset") == dataset_name() and chosen[1].get("config"):
        return chosen[1]
    return None


def class_experiment_figures() -> list[tuple[str, dict]]:
    """The server's class experiments as ``(question, plot)`` for the report."""
    from cnn_core import experiments
    from cnn_core.figures.experiments import experiment_figure
    from ui.experiments import experiment_board, param_label

    board, shown = experiment_board(), []
    for experiment_id in board.ids():
        experiment, results = board.get(experiment_id), board.results(experiment_id)
        figure = experiment_figure(param_label(experiment.param), experiment.values, results,
                                   experiments.summary(experiment.values, results), lang())
        shown.append((experiment.question or param_label(experiment.param), figure))
    return shown


def prepare_report() -> str:
    """The session's report as HTML, in the session's language."""
    dataset = get_data()
    confusion, shown_name = None, None
    try:
        model, meta = active_model()
    except UserError:
        model = None
    if model is not None:
        confusion = inference.evaluate(model, dataset.test_images, dataset.test_labels).confusion
        shown_name = model_name(meta)
    drawings = state.drawings(dataset.name)
    return build_report(lang(), tr(f"data.name.{dataset.name}"), i18n.class_names(dataset.name, lang()),
                        run=session_run(), confusion=confusion, model_name=shown_name, drawings=drawings,
                        leaderboard=public_leaderboard(lang()), experiment_figures=class_experiment_figures())


def report_section() -> None:
    """Home: a button that prepares the report, then a download button for it."""
    st.header(tr("report.heading"))
    st.caption(tr("report.explain"))
    if st.button(tr("report.prepare"), key="report_prepare", icon=":material/description:"):
        with st.spinner(tr("report.preparing")):
            st.session_state[PREPARED_KEY] = (lang(), dataset_name(), prepare_report())
    prepared = st.session_state.get(PREPARED_KEY)
    if prepared is not None and prepared[:2] == (lang(), dataset_name()):
        st.success(tr("report.ready"), icon=":material/check_circle:")
        st.download_button(tr("report.download"), data=prepared[2], file_name="fashion-cnn-lab-report.html",
                           mime="text/html", key="report_download", on_click="ignore", icon=":material/download:")


def server_jobs_caption() -> None:
    """How many trainings this server runs and queues right now (all sessions together)."""
    running, queued = job_service().counts()
    st.caption(tr("report.server_jobs", running=running, queued=queued))
