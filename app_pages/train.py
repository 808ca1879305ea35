"""Train: pick or build a CNN, train it live in the background, judge it, keep the good ones.

The run trains in a worker process (``cnn_core.jobs``) and belongs to this browser session
(``ui.training``); a fragment polls it once a second while it runs, so the rest of the page never
reruns during training, and the charts are rebuilt only when the run has moved on.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

import pandas as pd
import streamlit as st

import ui
from cnn_core import classroom, datasets, escape, i18n, jobs, models, precision, store, training
from cnn_core.errors import UserError
from cnn_core.figures import training as figures
from cnn_core.jobs import cluster
from ui import links, present, replay
from ui.classroom import delete_step
from ui.experiments import start_share, train_share
from ui.training import training_session, warm_up

# The live view redraws once a second. Each redraw costs the learner's browser ~0.25 s of work
# (Streamlit's page update and the two charts), and on a learner's own laptop the browser shares the
# cores with the run: redrawing twice a second (and the replay every second), a watching Chromium
# took 0.77 of 2 cores and the run 0.84 (55% of what it gets unwatched); once a second (the replay
# every 3 s), 0.41 and 1.18 (81%). The two charts, most of the browser's work (Plotly), redraw every
# CHART_SECONDS; the state, progress bar and numbers every POLL_SECONDS. bench/watching_cost.py measures it.
POLL_SECONDS = 1.0
CHART_SECONDS = 2.0
DEFAULT_SUBSET = 6000

lang = ui.lang()
dataset = ui.get_data()
session = training_session()
warm_up()  # the training workers start in the background while the learner fills in the form


# Widgets' format functions use the run's ``lang`` rather than ``ui.tr``: Streamlit may call them
# outside a script run, where the session's language cannot be read.
def seconds_text(seconds) -> str:
    if seconds is None:
        return "—"
    if seconds < 60:
        return ui.tr("train.seconds", seconds=i18n.number(round(seconds), lang))
    minutes, rest = divmod(round(seconds), 60)
    return ui.tr("train.minutes", minutes=i18n.number(minutes, lang), seconds=i18n.number(rest, lang))


def stages_text(stages: dict) -> str:
    """Where a finished run's time went, stage by stage (``cnn_core.jobs.progress.STAGES``)."""
    return ui.tr("train.stages", stages=" · ".join(
        ui.tr(f"train.stage_{name}", seconds=ui.tr("train.stage_seconds", seconds=i18n.number(seconds, lang, ".1f")))
        for name, seconds in stages.items()))


def percent_text(fraction) -> str:
    return "—" if fraction is None else f"{i18n.number(round(100 * fraction, 1), lang, '.1f')}%"


@st.cache_data(show_spinner=False, max_entries=64)
def model_summary(preset: str, options: tuple, num_classes: int) -> tuple[int, list[dict]]:
    """Parameter count and layer table of a preset, built on the fly (cheap, cached per choice)."""
    model = models.build_model(preset, num_classes=num_classes, **dict(options))
    return models.count_params(model), models.summary_rows(model)


# ---------------------------------------------------------------------------------------- header
st.title(ui.tr("train.title"))
present_stage = present.stage()  # projector mode's "Present" switch: the replay alone and large
st.markdown(ui.tr("train.intro"))
share = train_share(session.owner)  # a class experiment's (value, seed) for this session, when its link opened the page

# ------------------------------------------------------------------------------------ 1. the model
st.header(ui.tr("train.model_header"))
links.bind(*links.TRAIN)  # the preset and the form's values travel in lesson links
preset = st.radio(ui.tr("train.preset_label"), list(models.PRESETS),
                  format_func=lambda name: models.preset_label(name, lang), key="train_preset", horizontal=True,
                  index=links.shown_index("train_preset", list(models.PRESETS)))
st.caption(ui.tr(models.PRESETS[preset].description_key))
custom_options: dict = {}
takes_options = models.PRESETS[preset].takes_options


def option_widget(column, option: models.BuilderOption):
    """One layer option's widget, drawn from its registry entry (cnn_core.models.BuilderOption)."""
    label, key = ui.tr(option.label_key), f"train_{option.name}"
    if len(option.steps) > 3:
        return column.select_slider(label, options=list(option.steps), value=links.shown(key, option.default), key=key)
    if option.steps:
        return column.radio(label, list(option.steps), key=key, horizontal=True,
                            index=links.shown_index(key, option.steps, option.steps.index(option.default)),
                            format_func=lambda value: option.shown.format(i18n.number(value, lang)))
    return column.slider(label, option.low, option.high, value=links.shown(key, option.default), step=option.step,
                         key=key)


if takes_options:
    st.caption(ui.tr("train.builder_caption"))
    options = models.PRESETS[preset].options
    for column, option in zip(st.columns(len(options)), options):
        custom_options[option.name] = option_widget(column, option)

try:
    param_count, layer_rows = model_summary(preset, tuple(sorted(custom_options.items())), dataset.num_classes)
except UserError as err:
    ui.show_user_error(err)
else:
    lesson_count, _ = model_summary(models.LESSON_PRESET, (), dataset.num_classes)
    count_column, table_column = st.columns([1, 3])
    count_column.metric(ui.tr("train.param_count"), i18n.number(param_count, lang),
                        help=ui.tr("train.param_help", count=i18n.number(lesson_count, lang)))
    with table_column.expander(ui.tr("train.summary_title"), expanded=takes_options):
        st.dataframe(pd.DataFrame({
            ui.tr("train.col_layer"): [row["layer"] for row in layer_rows],
            ui.tr("train.col_type"): [row["type"] for row in layer_rows],
            ui.tr("train.col_output_shape"): [str(row["output_shape"]) for row in layer_rows],
            ui.tr("train.col_params"): [i18n.number(row["params"], lang) for row in layer_rows],
        }), hide_index=True, width="stretch")

# -------------------------------------------------------------------------- 2. hyperparameters
st.header(ui.tr("train.hyper_header"))
total_train = len(dataset.train_labels)


BEST_PRESET = "best"  # the recipe that aims at 93.5% in the lesson's time (models.preset_best says so)


def fill_recipe(preset_name: str) -> None:
    """A recipe button: the form takes exactly the preset's recipe (``models.Preset.recipe``)."""
    recipe = training.recipe_config(preset_name)
    st.session_state.update({f"train_{name}": getattr(recipe, name) for name in (
        "preset", "epochs", "batch_size", "optimizer", "learning_rate", "lr_schedule", "validation_split",
        "augment")})
    st.session_state["train_subset"] = recipe.subset or total_train
    st.session_state["train_force_float32"] = recipe.precision == precision.FLOAT32


st.caption(ui.tr("train.defaults_note"))
recipe_columns = st.columns(3)
recipe_columns[0].button(ui.tr("train.lesson_recipe"), key="train_lesson_recipe", on_click=fill_recipe,
                         args=(models.LESSON_PRESET,), help=ui.tr("train.lesson_recipe_help"))
if preset != models.LESSON_PRESET:
    recipe_columns[1].button(ui.tr("train.preset_recipe", preset=models.preset_label(preset, lang)),
                             key="train_preset_recipe", on_click=fill_recipe, args=(preset,),
                             help=ui.tr("train.preset_recipe_help"))
recipe_columns[2].button(ui.tr("train.best_recipe"), key="train_best_recipe", on_click=fill_recipe,
                         args=(BEST_PRESET,), help=ui.tr("train.best_recipe_help"))
with st.form("train_form"):
    row1 = st.columns(4)
    epochs = row1[0].number_input(ui.tr("train.epochs"), value=links.shown("train_epochs", 5), step=1, key="train_epochs",
                                  help=ui.tr("train.epochs_help"))
    batch_size = row1[1].number_input(ui.tr("train.batch_size"), value=links.shown("train_batch_size", training.FAST_BATCH_SIZE), step=1,
                                      key="train_batch_size",
                                      help=ui.tr("train.batch_help"))
    optimizer = row1[2].selectbox(ui.tr("train.optimizer"), list(training.OPTIMIZERS), key="train_optimizer",
                                  index=links.shown_index("train_optimizer", list(training.OPTIMIZERS)),
                                  format_func=lambda name: i18n.t(f"train.opt_{name}", lang))
    learning_rate = row1[3].number_input(ui.tr("train.learning_rate"), value=links.shown("train_learning_rate", training.FAST_LEARNING_RATE),
                                         step=0.0005,
                                         format="%.4f", key="train_learning_rate", help=ui.tr("train.lr_help"))
    row2 = st.columns(4)
    subset = row2[0].number_input(ui.tr("train.subset"), value=links.shown("train_subset", DEFAULT_SUBSET), step=1000, key="train_subset",
                                  help=ui.tr("train.subset_help", total=i18n.number(total_train, lang)))
    validation_split = row2[1].number_input(ui.tr("train.validation_split"), value=links.shown("train_validation_split", 0.1), step=0.05,
                                            format="%.2f", key="train_validation_split",
                                            help=ui.tr("train.validation_help"))
    seed = row2[2].number_input(ui.tr("train.seed"), value=links.shown("train_seed", 0), step=1, key="train_seed",
                                help=ui.tr("train.seed_help"))
    lr_schedule = row2[3].selectbox(ui.tr("train.lr_schedule"), list(training.LR_SCHEDULES), key="train_lr_schedule",
                                    index=links.shown_index("train_lr_schedule", list(training.LR_SCHEDULES),
                                                          training.LR_SCHEDULES.index(training.FAST_LR_SCHEDULE)),
                                    format_func=lambda name: i18n.t(f"train.schedule_{name}", lang),
                                    help=ui.tr("train.schedule_help"))
    augment_on = st.checkbox(ui.tr("augment.train_toggle"), links.shown("train_augment", False), key="train_augment", help=ui.tr("augment.train_help"))
    force_float32 = st.checkbox(ui.tr("precision.force_float32"), key="train_force_float32",
                                help=ui.tr("precision.force_help"))
    if not os.environ.get(cluster.SCHEDULER_ENV):  # runs train on this computer: say in which format
        st.caption(ui.tr("precision.here", label=precision.machine_precision().label(lang)))
    nickname = st.text_input(ui.tr("class.nickname"), key="train_nickname", max_chars=classroom.NICKNAME_MAX,
                             help=ui.tr("class.nickname_help"))
    start_clicked = st.form_submit_button(ui.tr("train.start"), type="primary", key="train_start")
    if session.is_active():
        st.caption(ui.tr("train.restart_note"))

if start_clicked:
    config = training.TrainConfig(
        dataset=dataset.name, preset=preset, model_options=custom_options, epochs=int(epochs),
        batch_size=int(batch_size), optimizer=optimizer, learning_rate=float(learning_rate),
        validation_split=float(validation_split),
        subset=None if int(subset) == total_train else int(subset), seed=int(seed), lr_schedule=lr_schedule,
        augment=bool(augment_on), precision=precision.FLOAT32 if force_float32 else "auto")
    try:
        if share is not None:
            start_share(share, dataset.name, dataset.data_dir, session, classroom.clean_nickname(nickname))
        else:
            session.start(config.validate(total_train), dataset.data_dir, nickname=classroom.clean_nickname(nickname))
    except UserError as err:
        ui.show_user_error(err)

# ------------------------------------------------------------------------------- 3. live view
st.header(ui.tr("train.live_header"))
# Mark a finished run as shown *before* the fragment looks, so a full run never triggers another.
current = session.snapshot()
if current is not None and current.state not in jobs.ACTIVE_STATES:
    session.results_shown_for = session.job


def live_view() -> None:
    """Poll the job: state, progress, speed and where it runs; rerun the page once it ends (a run
    about to end is waited for, up to a poll's interval)."""
    snapshot = session.snapshot(poll=True, wait_for_end=POLL_SECONDS)
    if snapshot is None:
        st.info(ui.tr("train.no_run"))
        return
    show_state(snapshot)
    if session.needs_full_rerun(snapshot):
        st.rerun()  # the results below; the learner sees how it ended while they are drawn


def show_state(snapshot: jobs.JobSnapshot) -> None:
    """The run's state, where it runs, its progress and numbers, and its Stop button while it is active."""
    state = snapshot.state
    if state == jobs.QUEUED:
        st.warning(ui.tr("train.state_queued", position=snapshot.queue_position or 1),
                   icon=":material/hourglass_empty:")
    elif state == jobs.FAILED:
        st.error(ui.tr(snapshot.error_key, **snapshot.error_values), icon=":material/error:")
    elif state in (jobs.DONE, jobs.STOPPED):
        st.success(ui.tr(f"train.state_{state}"),
                   icon=":material/check_circle:" if state == jobs.DONE else ":material/stop_circle:")
        if snapshot.stages:
            st.caption(stages_text(snapshot.stages), help=ui.tr("train.stages_help"))
    else:
        st.info(ui.tr(f"train.state_{state}"), icon=":material/fitness_center:")
    if snapshot.restarts:
        st.caption(ui.tr("train.restarted"))
    if snapshot.cores:
        where = ui.tr("train.where", host=snapshot.host or "?", cores=snapshot.cores)
        if snapshot.precision_key:
            where += " " + ui.tr("precision.caption", label=ui.tr(snapshot.precision_key, **snapshot.precision_values))
        st.caption(where)

    total = snapshot.total_epochs
    epoch = min(max(snapshot.epoch, 1), total)
    progress = 1.0 if state == jobs.DONE else min(max(snapshot.epoch_progress, 0.0), 1.0)
    st.progress(progress, text=ui.tr("train.epoch_progress", epoch=epoch, total=total,
                                     percent=round(100 * progress)))
    columns = st.columns(4)
    columns[0].metric(ui.tr("train.metric_epoch"), f"{i18n.number(epoch, lang)} / {i18n.number(total, lang)}")
    speed = snapshot.images_per_s
    columns[1].metric(ui.tr("train.metric_speed"), i18n.number(round(speed), lang) if speed else "—")
    columns[2].metric(ui.tr("train.metric_eta"),
                      seconds_text(snapshot.eta_s if state in jobs.ACTIVE_STATES else 0))
    columns[3].metric(ui.tr("train.metric_elapsed"), seconds_text(snapshot.elapsed_s))
    if state in jobs.ACTIVE_STATES:
        st.button(ui.tr("train.stop"), key="train_stop", on_click=session.stop, icon=":material/stop_circle:",
                  disabled=state == jobs.STOPPING)

    if not snapshot.batches_done and state in jobs.ACTIVE_STATES:
        st.caption(ui.tr("train.waiting_first_batch"))
    elif snapshot.evaluating and state in jobs.ACTIVE_STATES:
        st.caption(ui.tr("train.evaluating", count=len(dataset.test_labels)))


def live_charts() -> None:
    """The run's loss and accuracy curves so far (what :func:`live_view`'s polls brought in); before
    the first run, their empty axes, where the curves will grow (the browser also loads its chart
    library then, not while the first run needs the cores)."""
    snapshot = session.snapshot()
    planned_epochs = int(st.session_state.get("train_epochs") or 1)
    for column, metric in zip(st.columns(2), figures.METRICS):
        with column:
            st.plotly_chart(session.chart(snapshot, metric, lang, ui.projector(), planned_epochs),
                            key=f"train_live_{metric}")


active = session.is_active()
st.fragment(live_view, run_every=POLL_SECONDS if active else None)()
st.fragment(live_charts, run_every=CHART_SECONDS if active else None)()

# ------------------------------------------------------------------------------ 4. the results
final = current if current is not None and current.state in (jobs.DONE, jobs.STOPPED) else None
if final is not None and session.job.model is not None:
    job = session.job
    preset_name = models.preset_label(job.spec.preset, lang)
    st.subheader(ui.tr("train.results_header"))
    meta = job.run_meta(name=preset_name)
    if session.activated_for is not job:
        ui.set_active_model(job.model, meta)
        session.activated_for = job
    if final.test_accuracy is None:
        st.warning(ui.tr("train.no_test_result"))
    else:
        train_accuracy = final.epochs[-1]["accuracy"] if final.epochs else (
            final.last_batch["accuracy"] if final.last_batch else None)
        columns = st.columns(4)
        columns[0].metric(ui.tr("train.test_accuracy"), i18n.number(final.test_accuracy, lang, ".3f"))
        columns[1].metric(ui.tr("train.test_loss"), i18n.number(final.test_loss, lang, ".3f"))
        if train_accuracy is not None:
            gap_points = 100 * (train_accuracy - final.test_accuracy)
            columns[2].metric(ui.tr("train.train_accuracy"), i18n.number(train_accuracy, lang, ".3f"))
            columns[3].metric(ui.tr("train.gap"), i18n.number(gap_points, lang, "+.1f"))
            st.info(ui.tr("train.gap_explain" if gap_points > 1 else "train.gap_explain_none", train=i18n.number(train_accuracy, lang, ".3f"),
                          test=i18n.number(final.test_accuracy, lang, ".3f"),
                          gap=i18n.number(gap_points, lang, ".1f")), icon=":material/search:")
        st.subheader(ui.tr("train.predictions_title"))
        st.caption(ui.tr("train.predictions_caption"))
        sample = session.sample_predictions(dataset)
        ui.plot(figures.predictions_figure(sample["images"], sample["truth"], sample["guesses"],
                                        sample["confidences"], i18n.class_names(dataset.name, lang), lang),
             key="train_predictions")
    st.success(ui.tr("train.active_now"), icon=":material/arrow_forward:")

    saved = session.saved_run
    if saved is not None and saved[0] is job:
        st.success(ui.tr("train.saved", name=escape.markdown(saved[1])))
    else:
        with st.form("train_save_form"):
            accuracy_text = percent_text(final.test_accuracy)
            default_name = ui.tr("train.save_default_name", preset=preset_name,
                                 epochs=i18n.number(len(final.epochs), lang), accuracy=accuracy_text)
            name = st.text_input(ui.tr("train.save_name"), key="train_save_name", value=default_name)
            if st.form_submit_button(ui.tr("train.save"), key="train_save"):
                run_name = name.strip() or meta["name"]
                try:
                    store.ModelStore().save(job.model, {**meta, "name": run_name, "owner": session.owner},
                                            timeline=job.timeline())
                except UserError as err:
                    ui.show_user_error(err)
                else:
                    session.saved_run = (job, run_name)
                    st.success(ui.tr("train.saved", name=escape.markdown(run_name)))

# ---------------------------------------------------------------------------- 5. the model store
st.header(ui.tr("train.store_header"))
model_store = store.ModelStore()


def load_run(run_id: str) -> None:
    try:
        model, meta = model_store.load(run_id)
    except UserError as err:
        st.session_state["train_store_error"] = err
        return
    ui.set_active_model(model, meta)
    st.session_state["train_store_notice"] = ui.tr("train.loaded", name=escape.markdown(meta.get("name", run_id)))


def delete_run(run_id: str, name: str) -> None:
    model_store.delete(run_id)
    st.session_state["train_store_notice"] = ui.tr("train.deleted", name=escape.markdown(name))


def refuse_store_action(err: UserError) -> None:
    st.session_state["train_store_error"] = err


uploaded = st.file_uploader(ui.tr("train.upload"), type=["keras"], key="train_upload",
                            help=ui.tr("train.upload_help"))
if uploaded is not None and session.handled_upload != uploaded.file_id:
    session.handled_upload = uploaded.file_id
    try:
        with st.spinner(ui.tr("train.checking_upload", name=escape.markdown(uploaded.name))):
            model, meta, _ = store.import_upload(uploaded.getvalue(), uploaded.name, dataset.name, model_store,
                                                 owner=session.owner)
    except UserError as err:
        ui.show_user_error(err)
    else:
        ui.set_active_model(model, meta)
        st.success(ui.tr("train.uploaded", name=escape.markdown(meta["name"])))

# Button callbacks run before this script; they leave their outcome here for this run to show.
notice = st.session_state.pop("train_store_notice", None)
if notice is not None:
    st.success(notice)
store_error = st.session_state.pop("train_store_error", None)
if store_error is not None:
    ui.show_user_error(store_error)

entries = model_store.list()
for broken in (entry for entry in entries if entry.get("broken")):
    st.warning(ui.tr("train.broken_entry", run_id=broken["run_id"], error=broken.get("error", "")))
runs = [entry for entry in entries if not entry.get("broken")]
if not runs:
    st.caption(ui.tr("train.store_empty"))
else:
    st.dataframe(pd.DataFrame({
        ui.tr("train.col_name"): [run.get("name", run["run_id"]) for run in runs],
        ui.tr("train.col_dataset"): [ui.tr(datasets.DATASETS[run["dataset"]].name_key) if run.get("dataset") in
                                     datasets.DATASETS else str(run.get("dataset")) for run in runs],
        ui.tr("train.col_preset"): [models.preset_label(str(run.get("preset", "?")), lang) for run in runs],
        ui.tr("train.col_test_accuracy"): [percent_text(run.get("test_accuracy")) for run in runs],
        ui.tr("train.col_created"): [i18n.digits(str(run.get("created", ""))[:16].replace("T", " "), lang)
                                     for run in runs],
    }), hide_index=True, width="stretch")
    names = {run["run_id"]: run.get("name", run["run_id"]) for run in runs}
    chosen = st.selectbox(ui.tr("train.store_pick"), list(names), format_func=names.get, key="train_store_pick")
    buttons = st.columns([1, 1, 1, 3])
    buttons[0].button(ui.tr("train.load"), key="train_load", on_click=load_run, args=(chosen,), type="primary")
    with buttons[1].popover(ui.tr("train.delete"), icon=":material/delete:"):
        delete_step("train_delete", names[chosen], next(run.get("owner") for run in runs if run["run_id"] == chosen),
                    functools.partial(delete_run, chosen, names[chosen]), refuse_store_action)
    buttons[2].download_button(ui.tr("train.download"), key="train_download", file_name=f"{chosen}.keras",
                               data=functools.partial(Path.read_bytes, model_store.model_path(chosen)),
                               mime="application/octet-stream", on_click="ignore")

    st.subheader(ui.tr("train.compare_title"))
    compare_ids = st.multiselect(ui.tr("train.compare_pick"), list(names), default=list(names)[:3],
                                 format_func=names.get, key="train_compare")
    metric = st.radio(ui.tr("train.compare_metric"), figures.METRICS, key="train_compare_metric",
                      format_func=lambda name: i18n.t(f"train.fig_{name}", lang), horizontal=True)
    chosen_runs = [run for run in runs if run["run_id"] in compare_ids]
    if chosen_runs and not any(run.get("history") for run in chosen_runs):
        st.caption(ui.tr("train.compare_none"))
    elif chosen_runs:
        ui.plot(figures.compare_figure(chosen_runs, metric, lang), key="train_compare_chart")

# ---------------------------------------------------------------------------------- 6. replay
shown = replay.section(session, runs, model_store, i18n.class_names(dataset.name, lang))
if present.on() and shown is not None:
    with present_stage:
        replay.slides(*shown)
