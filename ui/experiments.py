"""Class experiments in the app: the server's board, the Train page's share of an experiment, and
the Class view's builder and live plot (the rules are in :mod:`cnn_core.experiments`).

The experiment link is the Train page with ``exp=<id>``: a learner who opens it is handed the next
free (value, seed) and the run they start is that run (the teacher's settings, the pair's value and
seed); the board watches the job and counts it when it ends. The cluster way submits every free pair
as a job at once. Results reach the plot through :meth:`ExperimentBoard.collect` on every refresh.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from cnn_core import experiments, i18n, jobs
from cnn_core.errors import UserError
from cnn_core.figures.experiments import METRICS, experiment_figure
from ui import links
from ui.plans import literal
from ui.state import lang, projector, show_user_error, tr
from ui.training import job_service

EXP_KEY = "train_experiment"
CLUSTER_HOLDER = "cluster"


@st.cache_resource(show_spinner=False)
def experiment_board() -> experiments.ExperimentBoard:
    """The server's one experiment board."""
    return experiments.ExperimentBoard()


def param_label(param: str) -> str:
    return tr(experiments.PARAMS[param].label_key)


def labels(key_of):
    """A ``format_func`` that words each option in the session's language as it is now: Streamlit may
    call a format_func outside the page's run, where the session's language cannot be read."""
    language = lang()
    return lambda option: i18n.t(key_of(option), language)


# --- the Train page -------------------------------------------------------------------------------

def train_share(owner: str):
    """On the Train page: bind ``exp=``, and when the session follows an experiment, say which
    (value, seed) it runs. Returns ``(experiment_id, experiment, pair)`` or ``None``."""
    links.bind(links.Word("exp", EXP_KEY, ""))
    experiment_id = st.session_state.get(EXP_KEY)
    if not experiment_id:
        return None
    board = experiment_board()
    experiment = board.get(experiment_id)
    if experiment is None:
        st.warning(tr("experiments.unknown", exp=experiment_id), icon=":material/science:")
        return None
    pair = board.assign(experiment_id, owner)
    if pair is None:
        st.info(tr("experiments.all_taken"), icon=":material/science:")
        return None
    st.info(tr("experiments.yours", question=literal(experiment.question), param=param_label(experiment.param),
               value=literal(str(pair[0])), seed=i18n.number(pair[1], lang())), icon=":material/science:")
    return experiment_id, experiment, pair


def start_share(share, dataset_name: str, data_dir, session, nickname: str | None) -> None:
    """Start the experiment's run for this session's pair and let the board count it."""
    experiment_id, experiment, pair = share
    config = replace(experiment.config(*pair), dataset=dataset_name)
    job = session.start(config, data_dir, nickname=nickname)
    experiment_board().watch(experiment_id, pair, job)


# --- the Class view -------------------------------------------------------------------------------

def experiment_builder(allowed, dataset_name: str, dataset=None) -> None:
    """The teacher's form: question, setting, values, seeds, budget. ``allowed()`` re-checks the
    passcode when the button acts: a wrong passcode creates nothing. ``dataset`` (when ready) lets
    the budget be checked against its size."""
    with st.form("class_experiment"):
        question = st.text_input(tr("experiments.question"), key="class_exp_question",
                                 max_chars=experiments.MAX_QUESTION)
        param = st.selectbox(tr("experiments.param"), list(experiments.PARAMS), key="class_exp_param",
                             format_func=labels(lambda param: experiments.PARAMS[param].label_key))
        values = st.text_input(tr("experiments.values"), key="class_exp_values", placeholder="0.001, 0.01")
        columns = st.columns(3)
        seeds = columns[0].number_input(tr("experiments.seeds"), 1, experiments.MAX_SEEDS, 2, key="class_exp_seeds")
        subset = columns[1].number_input(tr("experiments.subset"), 100, 60000, 2000, 500, key="class_exp_subset")
        epochs = columns[2].number_input(tr("experiments.epochs"), 1, 20, 1, key="class_exp_epochs")
        create = st.form_submit_button(tr("experiments.create"), icon=":material/science:")
    if not create:
        return
    if not allowed():
        st.error(tr("class.wrong_code"))
        return
    try:
        experiment = experiments.Experiment(
            param, tuple(text for text in i18n.ascii_digits(values or "").split(",") if text.strip()),
            seeds=int(seeds), subset=int(subset), epochs=int(epochs), question=question or "")
        experiment = replace(experiment, base=replace(experiment.base, dataset=dataset_name))
        experiment = experiment.validate(None if dataset is None else len(dataset.train_images))
    except UserError as err:
        show_user_error(err)
        return
    experiment_id = experiment_board().create(experiment)
    st.success(tr("experiments.created"), icon=":material/check:")
    st.code(links.view_link(None, "train", {"exp": experiment_id}), language=None)


def run_on_cluster(experiment_id: str, dataset) -> int:
    """Submit every free pair of the experiment as a job; returns how many."""
    board = experiment_board()
    experiment = board.get(experiment_id)
    count = 0
    for pair in board.free_pairs(experiment_id):
        if board.hold(experiment_id, pair, CLUSTER_HOLDER):
            config = replace(experiment.config(*pair), dataset=dataset.name)
            job = job_service().submit(jobs.JobSpec.training(config, dataset.data_dir), owner=CLUSTER_HOLDER,
                                       nickname=f"{experiment.param}={pair[0]} #{pair[1]}")
            board.watch(experiment_id, pair, job)
            count += 1
    return count


def experiment_results(experiment_id: str, teacher: bool, dataset, plot) -> None:
    """One experiment: its question, the live plot (one dot per run, mean and spread), CSV."""
    board = experiment_board()
    experiment = board.get(experiment_id)
    results = board.results(experiment_id)
    summary = experiments.summary(experiment.values, results)
    st.subheader(literal(experiment.question) or param_label(experiment.param))
    st.caption(tr("experiments.progress", done=i18n.number(len(results), lang()),
                  total=i18n.number(len(experiment.pairs()), lang())) + " · " +
               links.view_link(None, "train", {"exp": experiment_id}))
    metric = st.radio(tr("experiments.metric"), METRICS, key=f"class_exp_metric_{experiment_id}", horizontal=True,
                      format_func=labels(lambda name: f"experiments.fig_{name}"))
    plot(experiment_figure(param_label(experiment.param), experiment.values, results, summary, lang(), metric,
                           height=640 if projector() else 420), key=f"class_exp_plot_{experiment_id}")
    columns = st.columns(2)
    columns[0].download_button(tr("experiments.csv"), experiments.to_csv(experiment.param, results),
                               file_name=f"experiment-{experiment_id}.csv", mime="text/csv",
                               key=f"class_exp_csv_{experiment_id}", icon=":material/download:")
    if teacher and dataset is not None and board.free_pairs(experiment_id):
        if columns[1].button(tr("experiments.run_cluster"), key=f"class_exp_cluster_{experiment_id}",
                             icon=":material/lan:"):
            st.success(tr("experiments.cluster_started", count=run_on_cluster(experiment_id, dataset)))
