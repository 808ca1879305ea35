"""Class view: every training run on this server (or its Dask cluster) for the teacher and the class.

The runs come from the server's job service (``JobService.jobs()``: every session's runs, with
the nickname typed on the Train page); what the class sees of them (hidden, cleared) is the
server's :class:`cnn_core.classroom.ClassBoard`. The table refreshes itself every few seconds. The
teacher's actions need the passcode in ``FCL_TEACHER_CODE``, checked again when a button acts; wrong
tries are rate-limited per tab. Nicknames are shown as typed (escaped), never as Markdown.
"""

from __future__ import annotations

import streamlit as st

import ui
from cnn_core import classroom, escape, i18n, jobs
from cnn_core.errors import UserError
from cnn_core.figures import training as figures
from ui.classroom import class_board, passcode_refusal
from ui.experiments import experiment_board, experiment_builder, experiment_results
from ui.plans import plan_builder
from ui.questions import class_answers
from ui.state import data_if_ready
from ui.theme import unchecked_figure
from ui.training import job_service, training_session

REFRESH_SECONDS = 3.0
PASSCODE_KEY = "class_passcode"
NOTICE_KEY = "class_notice"

lang = ui.lang()
service = job_service()
session = training_session()
board = class_board()


# ------------------------------------------------------------------------------------ texts
def run_name(row, markdown: bool = False) -> str:
    """The run's name for this viewer: its nickname, "(you)" on their own, "(hidden)" when hidden.
    ``markdown``: the nickname escaped for Markdown (table cells, messages); plain for option lists."""
    name = classroom.display_name(row, lang)
    name = escape.markdown(name) if markdown else name
    if row.owner == session.owner:
        name = ui.tr("class.you", name=name)
    return ui.tr("class.hidden_mark", name=name) if board.is_hidden(row) else name


def state_text(row) -> str:
    return ui.tr(f"class.state_{row.state}", position=row.queue_position or 1)


def clock_text(created: str) -> str:
    """``HH:MM`` of an ISO time (``2026-05-01T09:30:00+00:00``), in the page's digits."""
    hours, minutes = int(created[11:13]), int(created[14:16])
    return f"{i18n.number(hours, lang, '02d')}:{i18n.number(minutes, lang, '02d')}"


# ------------------------------------------------------------------------------ the teacher
def teacher_unlocked() -> bool:
    """Whether this tab holds the right passcode (read again on every action, through the tab's
    rate-limited passcode gate)."""
    return passcode_refusal(st.session_state.get(PASSCODE_KEY)) is None


def refused_notice() -> None:
    refusal = passcode_refusal(st.session_state.get(PASSCODE_KEY)) or UserError("class.wrong_code")
    st.session_state[NOTICE_KEY] = ("error", ui.tr(refusal.key, **refusal.values))


def cancel_run(job_id: str, name: str) -> None:
    if not teacher_unlocked():
        refused_notice()
    elif service.stop(job_id):
        st.session_state[NOTICE_KEY] = ("success", ui.tr("class.cancelled", name=name))


def clear_board() -> None:
    if not teacher_unlocked():
        refused_notice()
        return
    count = board.clear(service.jobs())
    st.session_state[NOTICE_KEY] = ("success", ui.tr("class.cleared", count=count))


def set_hidden(row, key: str) -> None:
    board.set_hidden(row, session.owner, bool(st.session_state.get(key)))


# -------------------------------------------------------------------------------- the page
st.title(ui.tr("class.title"))
st.markdown(ui.tr("class.intro"))

code = classroom.teacher_code()
if code is None:
    st.caption(ui.tr("class.read_only"))
else:
    given = st.text_input(ui.tr("class.passcode"), type="password", key=PASSCODE_KEY,
                          help=ui.tr("class.passcode_help"))
    refusal = passcode_refusal(given) if given else None
    if given and refusal is None:
        st.success(ui.tr("class.teacher_on"), icon=":material/lock_open:")
    elif refusal is not None:
        st.error(ui.tr(refusal.key, **refusal.values), icon=":material/lock:")
notice = st.session_state.pop(NOTICE_KEY, None)
if notice is not None:
    getattr(st, notice[0])(notice[1])


def runs_table(rows) -> None:
    st.table({
        ui.tr("class.col_name"): [run_name(row, markdown=True) for row in rows],
        ui.tr("class.col_preset"): [classroom.model_text(row, lang) for row in rows],
        ui.tr("class.col_dataset"): [ui.tr(f"data.name.{row.dataset}") if f"data.name.{row.dataset}" in i18n.CATALOG
                                     else row.dataset for row in rows],
        ui.tr("class.col_state"): [state_text(row) for row in rows],
        ui.tr("class.col_progress"): [ui.tr("class.progress_value", percent=round(100 * row.progress),
                                            epoch=min(max(row.epoch, 0), row.total_epochs or 0),
                                            total=row.total_epochs or 0) for row in rows],
        ui.tr("class.col_speed"): [i18n.number(round(row.images_per_s), lang) if row.images_per_s else "—"
                                   for row in rows],
        ui.tr("class.col_accuracy"): [classroom.percent_text(row.test_accuracy, lang) for row in rows],
        ui.tr("class.col_started"): [clock_text(row.created) for row in rows],
    }, hide_index=True)


def leaderboard_table(rows) -> None:
    st.header(ui.tr("class.leaderboard_header"))
    st.caption(ui.tr("class.leaderboard_explain"))
    best = classroom.leaderboard_rows(board.public(rows), lang)
    if not best:
        st.caption(ui.tr("class.leaderboard_empty"))
        return
    st.table({ui.tr(f"class.col_{column}"): [escape.markdown(row[column]) if column == "name" else row[column]
                                             for row in best]
              for column in ("rank", "name", "accuracy", "model", "recipe")}, hide_index=True)


def teacher_actions(rows) -> None:
    st.subheader(ui.tr("class.teacher_header"))
    active = [row for row in rows if row.state in jobs.ACTIVE_STATES]
    names = {row.id: f"{run_name(row)} · {classroom.model_text(row, lang)} · {state_text(row)}" for row in active}
    columns = st.columns([2.6, 1.4, 3], vertical_alignment="bottom")
    if active:
        chosen = columns[0].selectbox(ui.tr("class.cancel_pick"), list(names), format_func=names.get,
                                      key="class_cancel_pick")
        columns[1].button(ui.tr("class.cancel"), key="class_cancel", icon=":material/stop_circle:", on_click=cancel_run,
                          args=(chosen, run_name(next(row for row in active if row.id == chosen), markdown=True)))
    else:
        columns[0].caption(ui.tr("class.nothing_to_cancel"))
    columns[2].button(ui.tr("class.clear"), key="class_clear", icon=":material/delete_sweep:", on_click=clear_board)


@st.fragment(run_every=REFRESH_SECONDS)
def live_board() -> None:
    """The runs, the teacher's actions and the leaderboard, read again every few seconds."""
    every = service.jobs()
    rows = board.visible(every, viewer=session.owner)
    st.header(ui.tr("class.runs_header"))
    running = sum(row.state in (jobs.STARTING, jobs.RUNNING, jobs.STOPPING) for row in rows)
    queued = sum(row.state == jobs.QUEUED for row in rows)
    st.caption(ui.tr("class.counts", running=running, queued=queued, finished=len(rows) - running - queued))
    if rows:
        runs_table(rows)
    else:
        st.info(ui.tr("class.no_runs"), icon=":material/hourglass_empty:")
    if teacher_unlocked():
        teacher_actions(every)
    leaderboard_table(every)


live_board()

st.header(ui.tr("experiments.header"))
st.caption(ui.tr("experiments.intro"))
if teacher_unlocked():
    experiment_builder(teacher_unlocked, ui.dataset_name(), data_if_ready())  # the page never waits for data


@st.fragment(run_every=REFRESH_SECONDS)
def live_experiments() -> None:
    """Every experiment's plot, with the runs that finished since the last look counted in."""
    board_of_experiments = experiment_board()
    board_of_experiments.collect()
    ids = board_of_experiments.ids()
    if not ids:
        st.caption(ui.tr("experiments.none"))
    for experiment_id in reversed(ids):
        experiment_results(experiment_id, teacher_unlocked(), data_if_ready(),
                           lambda spec, key: ui.plot(unchecked_figure(spec), key=key))


live_experiments()

st.header(ui.tr("questions.header"))
st.caption(ui.tr("questions.intro"))


@st.fragment(run_every=REFRESH_SECONDS)
def live_questions() -> None:
    """The class's guesses to every question asked in question mode, read again every few seconds."""
    class_answers(teacher_unlocked, lambda spec, key: ui.plot(unchecked_figure(spec), key=key))


live_questions()

if teacher_unlocked():
    plan_builder(teacher_unlocked)

# ------------------------------------------------------------------------- your runs, curves
every = service.jobs()
st.header(ui.tr("class.yours_header"))
mine = [row for row in board.visible(every, viewer=session.owner) if row.owner == session.owner]
if not mine:
    st.caption(ui.tr("class.yours_none"))
for row in mine:
    key = f"class_hide_{row.id}"
    st.session_state[key] = board.is_hidden(row)
    st.toggle(ui.tr("class.hide_mine", name=escape.markdown(classroom.display_name(row, lang))), key=key,
              on_change=set_hidden, args=(row, key))

st.header(ui.tr("class.compare_header"))
drawable = [row for row in board.visible(every, viewer=session.owner) if classroom.has_curves(row)]
if not drawable:
    st.caption(ui.tr("class.compare_none"))
else:
    names = {row.id: f"{run_name(row)} · {classroom.percent_text(row.test_accuracy, lang)}" for row in drawable}
    own = [row.id for row in drawable if row.owner == session.owner][:1]
    chosen = st.multiselect(ui.tr("class.compare_pick"), list(names), format_func=names.get,
                            default=own or list(names)[:1], key="class_compare")
    metric = st.radio(ui.tr("class.compare_metric"), figures.METRICS, horizontal=True, key="class_compare_metric",
                      format_func=lambda name: i18n.t(f"train.fig_{name}", lang))
    picked = [row for row in drawable if row.id in chosen]
    if picked:
        ui.plot(figures.compare_figure(classroom.curves(picked, names), metric, lang), key="class_compare_chart")
