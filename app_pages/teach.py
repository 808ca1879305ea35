"""Teach it: the learner names their own classes, adds examples (drawing, camera, picture files),
sees augmentation, teaches the trained CNN those classes by transfer learning, and takes the model
and the examples away (.keras, .tflite, zip, each with a Python snippet).

The examples and the run belong to this browser session (``ui.teach``); the examples are also kept
on this computer after every change, and an earlier set can be continued. Runs train in a worker
process through the job engine, like the Train page's, and a fragment polls them while they run.
"""

from __future__ import annotations

import itertools
from datetime import datetime

import numpy as np
import pandas as pd
import streamlit as st

import ui
from cnn_core import augment, escape, examples, export, i18n, jobs, preprocess, store, transfer
from cnn_core.errors import UserError
from ui.classroom import delete_step
from ui.teach import autosave, example_set, open_saved, saved_sets, teach_session
from ui.training import warm_up

POLL_SECONDS = 0.4
CANVAS_SIZE = 280
THUMB_SCALE = 2               # thumbnails are 28x28 pictures blown up with hard pixel edges
SHOWN_PER_CLASS = 48          # newest examples shown (with a remove button) per class
PREVIEW_COPIES = 12
FLASH_KEY = "teach_flash"     # messages left by a callback or before a rerun, shown on the next run where they belong

lang = ui.lang()
dataset_name = ui.dataset_name()
session = teach_session()
own = example_set()


def flash(kind: str, text: str, place: str = "examples") -> None:
    """Leave a message for the next run, shown by ``show_flash(place)`` next to what it is about."""
    st.session_state.setdefault(FLASH_KEY, []).append((place, kind, text))


def flash_error(err: UserError, place: str = "examples") -> None:
    flash("error", ui.tr(err.key, **err.values), place)


def show_flash(place: str) -> None:
    messages = st.session_state.get(FLASH_KEY, [])
    for _, kind, text in (message for message in messages if message[0] == place):
        {"success": st.success, "error": st.error}[kind](text)
    st.session_state[FLASH_KEY] = [message for message in messages if message[0] != place]


def thumbnail(image28: np.ndarray) -> np.ndarray:
    return np.repeat(np.repeat(image28, THUMB_SCALE, axis=0), THUMB_SCALE, axis=1)


def class_name(class_id: int) -> str:
    return next((entry.name for entry in own.classes if entry.id == class_id), "?")


def added(count: int, class_id: int) -> None:
    if count:
        flash("success", ui.tr("teach.added", count=i18n.number(count, lang), name=escape.markdown(class_name(class_id))))


# ------------------------------------------------------------------------------------- callbacks
def add_class() -> None:
    try:
        own.add_class(st.session_state.get("teach_new_class", ""))
    except UserError as err:
        flash_error(err, "classes")


def remove_example(example_id: int) -> None:
    own.remove(example_id)


def rename_class(class_id: int) -> None:
    try:
        own.rename_class(class_id, st.session_state.get(f"teach_rename_{class_id}", ""))
    except UserError as err:
        flash_error(err, "list")


def remove_class(class_id: int) -> None:
    name = class_name(class_id)
    count = own.remove_class(class_id)
    flash("success", ui.tr("teach.removed_class", name=escape.markdown(name), count=i18n.number(count, lang)), "list")


def set_title(names: list[str]) -> str:
    return ", ".join(names) or ui.tr("teach.continue_no_classes")


def saved_when(stamp) -> str:
    """A saved set's time in this computer's time zone, in the language's digits."""
    try:
        return i18n.digits(datetime.fromisoformat(str(stamp)).astimezone().strftime("%Y-%m-%d %H:%M"), lang)
    except ValueError:
        return "?"


def saved_label(entry: dict) -> str:
    if entry.get("broken"):
        return ui.tr("teach.continue_broken", set_id=entry["id"])
    classes = ", ".join(ui.tr("teach.continue_class", name=name, count=i18n.number(count, lang))
                        for name, count in zip(entry["class_names"], entry["counts"]))
    return ui.tr("teach.continue_option", classes=classes or ui.tr("teach.continue_no_classes"),
                 total=i18n.number(sum(entry["counts"]), lang), when=saved_when(entry.get("updated")))


def open_set(set_id: str) -> None:
    try:
        opened = open_saved(set_id)
    except UserError as err:
        flash_error(err, "continue")
        return
    for key in [key for key in st.session_state if str(key).startswith("teach_rename_")]:
        del st.session_state[key]  # rename boxes of the set that was here, keyed by class ids the new set reuses
    flash("success", ui.tr("teach.opened", title=escape.markdown(set_title(opened.class_names)),
                           count=i18n.number(len(opened), lang)),
          "continue")


def delete_set(entry: dict) -> None:
    examples.ExampleStore().delete(entry["id"])
    title = ui.tr("teach.untitled_set") if entry.get("broken") else set_title(entry["class_names"])
    flash("success", ui.tr("teach.deleted_set", title=escape.markdown(title)), "continue")


def next_round(widget: str) -> None:
    """Give a widget a new key, so it comes back empty (a cleared canvas, an emptied uploader)."""
    session.rounds[widget] += 1


# ----------------------------------------------------------------------------------- the page
st.title(ui.tr("teach.title"))
st.markdown(ui.tr("teach.intro"))

# 0. kept on this computer, and earlier sets --------------------------------------------------
try:
    if autosave(own):
        st.info(ui.tr("teach.saved_as_copy"), icon=":material/content_copy:")
except UserError as err:
    st.warning(ui.tr(err.key, **err.values), icon=":material/warning:")
st.caption(ui.tr("teach.kept_here"))
earlier = {entry["id"]: entry for entry in saved_sets()}
if earlier:
    with st.expander(ui.tr("teach.continue_header"), expanded=not own.classes, icon=":material/history:"):
        labels = {set_id: saved_label(entry) for set_id, entry in earlier.items()}
        picked = st.selectbox(ui.tr("teach.continue_label"), list(earlier), key="teach_continue_pick",
                              format_func=labels.__getitem__)
        entry = earlier[picked]
        with st.container(horizontal=True, vertical_alignment="center"):
            st.button(ui.tr("teach.open_set"), key="teach_open_set", on_click=open_set, args=(picked,),
                      type="primary", icon=":material/folder_open:")
            with st.popover(ui.tr("teach.delete_set"), icon=":material/delete:"):
                title = ui.tr("teach.untitled_set") if entry.get("broken") else set_title(entry["class_names"])
                delete_step("teach_delete_set", title, entry.get("owner"), lambda entry=entry: delete_set(entry),
                            lambda err: flash_error(err, "continue"),
                            question=ui.tr("teach.delete_broken_question") if entry.get("broken") else
                            ui.tr("teach.delete_set_question", title=escape.markdown(title),
                                  count=i18n.number(sum(entry["counts"]), lang)))
        st.caption(ui.tr("teach.continue_explain"))
show_flash("continue")

section_numbers = itertools.count(1)  # sections are numbered as they are shown: no gap while some are hidden


def section_header(title_key: str) -> None:
    st.header(ui.tr("teach.section", number=next(section_numbers), title=ui.tr(title_key)))


# 1. classes ---------------------------------------------------------------------------------
section_header("teach.classes_header")
with st.form("teach_class_form", clear_on_submit=True, border=False):
    with st.container(horizontal=True, vertical_alignment="bottom"):
        st.text_input(ui.tr("teach.class_name"), key="teach_new_class", placeholder=ui.tr("teach.class_name_placeholder"),
                      max_chars=examples.MAX_NAME_LENGTH, width=360)
        st.form_submit_button(ui.tr("teach.add_class"), key="teach_add_class", on_click=add_class, icon=":material/add:")
show_flash("classes")
if not own.classes:
    st.info(ui.tr("teach.no_classes"), icon=":material/label:")

# 2. adding examples -------------------------------------------------------------------------
if own.classes:
    section_header("teach.add_header")
    ids = [entry.id for entry in own.classes]
    if st.session_state.get("teach_target") not in ids:
        st.session_state["teach_target"] = ids[-1]
    target = st.radio(ui.tr("teach.target"), ids, key="teach_target", horizontal=True, format_func=class_name)
    target_name = class_name(target)
    draw_tab, camera_tab, upload_tab = st.tabs([ui.tr("teach.tab_draw"), ui.tr("teach.tab_camera"),
                                                 ui.tr("teach.tab_upload")])
    with draw_tab:
        from streamlit_drawable_canvas import st_canvas  # only importable inside a running app

        st.caption(ui.tr("teach.draw_help"))
        canvas = st_canvas(stroke_width=18, stroke_color="#FFFFFF", background_color="#000000", update_streamlit=True,
                           height=CANVAS_SIZE, width=CANVAS_SIZE, drawing_mode="freedraw", return_image_data=True,
                           key=f"teach_canvas_{session.rounds['canvas']}")
        drawing = canvas.image_data
        has_ink = drawing is not None and np.asarray(drawing)[..., :3].any()
        if st.button(ui.tr("teach.add_drawing", name=escape.markdown(target_name)), key="teach_add_drawing", disabled=not has_ink,
                     type="primary", icon=":material/add:"):
            try:
                own.add_picture(target, drawing, "draw")
            except UserError as err:
                flash_error(err)
            else:
                added(1, target)
            next_round("canvas")
            st.rerun()
    with camera_tab:
        st.caption(ui.tr("teach.camera_help"))
        if st.toggle(ui.tr("teach.camera_on"), key="teach_camera_on"):
            photo = st.camera_input(ui.tr("teach.camera_label"), key=f"teach_camera_{session.rounds['camera']}")
            if photo is not None and st.button(ui.tr("teach.add_photo", name=escape.markdown(target_name)), key="teach_add_photo",
                                               type="primary", icon=":material/add:"):
                try:
                    own.add_upload(target, photo.getvalue(), photo.name or "camera.jpg", source="camera")
                except UserError as err:
                    flash_error(err)
                else:
                    added(1, target)
                next_round("camera")
                st.rerun()
    with upload_tab:
        limit = preprocess.MAX_UPLOAD_BYTES // 2**20
        files = st.file_uploader(ui.tr("teach.upload_label"), type=list(preprocess.UPLOAD_EXTENSIONS),
                                 accept_multiple_files=True, max_upload_size=limit,
                                 key=f"teach_upload_{session.rounds['upload']}",
                                 help=ui.tr("teach.upload_help", limit=limit))
        if files and st.button(ui.tr("teach.add_uploads", count=i18n.number(len(files), lang), name=escape.markdown(target_name)),
                               key="teach_add_uploads", type="primary", icon=":material/add:"):
            new, errors = own.add_uploads(target, [(file.name, file.getvalue()) for file in files])
            added(len(new), target)
            for err in errors:
                flash_error(err)
            next_round("upload")
            st.rerun()

# 3. the examples ----------------------------------------------------------------------------
if own.classes:
    show_flash("examples")
    section_header("teach.examples_header")
    st.caption(ui.tr("teach.examples_explain") + " " + ui.tr("teach.total", count=i18n.number(len(own), lang),
                                                               limit=i18n.number(examples.MAX_EXAMPLES, lang)))
    for key, values in own.warnings():
        st.warning(ui.tr(key, **{name: i18n.number(value, lang) if isinstance(value, int) else value
                                  for name, value in values.items()}), icon=":material/warning:")
    for entry, count in zip(own.classes, own.counts()):
        with st.container(border=True, key=f"teach_class_{entry.id}"):
            with st.container(horizontal=True, vertical_alignment="center"):
                st.markdown(f"**{entry.name}** · {ui.tr('teach.class_count', count=i18n.number(count, lang))}")
                with st.popover(ui.tr("teach.class_menu"), icon=":material/edit:"):
                    st.text_input(ui.tr("teach.rename"), value=entry.name, key=f"teach_rename_{entry.id}",
                                  max_chars=examples.MAX_NAME_LENGTH)
                    st.button(ui.tr("teach.rename_button"), key=f"teach_rename_button_{entry.id}",
                              on_click=rename_class, args=(entry.id,))
                    st.button(ui.tr("teach.remove_class"), key=f"teach_remove_class_{entry.id}",
                              on_click=remove_class, args=(entry.id,), icon=":material/delete:")
            shown = own.examples(entry.id)[-SHOWN_PER_CLASS:][::-1]
            if not shown:
                st.caption(ui.tr("teach.class_empty"))
            elif count > SHOWN_PER_CLASS:
                st.caption(ui.tr("teach.shown_newest", shown=i18n.number(SHOWN_PER_CLASS, lang),
                                 count=i18n.number(count, lang)))
            with st.container(horizontal=True, gap="small"):
                for example in shown:
                    with st.container(width=64, gap=None, horizontal_alignment="center"):
                        st.image(thumbnail(example.image), width=28 * THUMB_SCALE,
                                 alt=ui.tr("teach.example_alt", name=entry.name))
                        st.button(":material/close:", key=f"teach_remove_{example.id}",
                                  help=ui.tr("teach.remove_example"),
                                  on_click=remove_example, args=(example.id,), type="tertiary")
show_flash("list")
if own.can_undo():
    st.button(ui.tr("teach.undo"), key="teach_undo", on_click=own.undo, icon=":material/undo:")

# 4. augmentation ----------------------------------------------------------------------------
if own.classes:
    section_header("teach.augment_header")
    st.markdown(ui.tr("teach.augment_explain"))
    augment_on = st.toggle(ui.tr("teach.augment_toggle"), value=True, key="teach_augment")
    newest = (own.examples(target) or own.examples())[-1:] if len(own) else []
    if not newest:
        st.caption(ui.tr("teach.augment_nothing"))
    elif augment_on:
        example = newest[0]
        grid = augment.augmented_grid(example.image, PREVIEW_COPIES, seed=session.augment_seed)
        st.caption(ui.tr("teach.augment_preview", name=escape.markdown(class_name(example.class_id))))
        st.image([thumbnail(copy) for copy in grid], width=28 * THUMB_SCALE,
                 alt=[ui.tr("teach.example_alt", name=class_name(example.class_id))]
                 + [ui.tr("teach.copy_alt", name=class_name(example.class_id))] * (len(grid) - 1))
        if st.button(ui.tr("teach.augment_again"), key="teach_augment_again", icon=":material/casino:"):
            session.augment_seed += 1
            st.rerun()

# 5. teaching --------------------------------------------------------------------------------
if len(own.classes) >= examples.MIN_CLASSES:
    warm_up()  # the training workers start in the background while the learner adds examples
section_header("teach.train_header")


def base_options() -> dict[str, tuple[str, object]]:
    """Choice key -> (label, loader) of the models of the session's dataset a learner can build on."""
    options: dict[str, tuple[str, object]] = {}
    try:
        pretrained = ui.state.pretrained_model(dataset_name)
    except UserError:
        pretrained = None
    if pretrained is not None:
        options["pretrained"] = (ui.tr("teach.base_pretrained", name=ui.model_name(pretrained[1])), lambda: pretrained)
    model_store = store.ModelStore()
    for meta in model_store.list():
        if meta.get("broken") or meta.get("dataset") != dataset_name or examples.is_taught(meta):
            continue
        run_id = meta["run_id"]
        options[f"saved:{run_id}"] = (ui.tr("teach.base_saved", name=meta.get("name", run_id)),
                                      lambda run_id=run_id: model_store.load(run_id))
    return options


options = base_options()
if not options:
    st.info(ui.tr("teach.no_base"))
else:
    base_key = st.selectbox(ui.tr("teach.base_label"), list(options), key="teach_base",
                            format_func=lambda key: options[key][0], help=ui.tr("teach.base_help"))
    columns = st.columns([2, 2, 1])
    from_scratch = columns[0].toggle(ui.tr("teach.scratch_toggle"), key="teach_scratch", help=ui.tr("teach.scratch_help"))
    epochs = columns[1].slider(ui.tr("teach.epochs"), 5, 100, transfer.DEFAULT_EPOCHS, step=5, key="teach_epochs",
                               help=ui.tr("teach.epochs_help"))
    try:
        own.check_trainable()
        not_ready = None
    except UserError as err:
        not_ready = err
    if columns[2].button(ui.tr("teach.start"), key="teach_start", type="primary", icon=":material/school:",
                         disabled=not_ready is not None):
        try:
            base_model, base_meta = options[base_key][1]()
            config = transfer.TransferConfig(epochs=int(epochs), augment=bool(st.session_state.get("teach_augment", True)),
                                             from_scratch=bool(from_scratch), preset=base_meta.get("preset"))
            session.start(own, base_model, base_meta, config, dataset_name)
        except UserError as err:
            ui.show_user_error(err)
    if not_ready is not None:
        st.caption(f"{ui.tr('teach.not_ready')} {ui.tr(not_ready.key, **not_ready.values)}")

current = session.snapshot(poll=True)
if session.needs_recording(current):
    names = session.context.get("class_names", [])
    meta, run_id = session.record(ui.tr("teach.model_name", classes=", ".join(names)))
    if run_id is not None:
        ui.set_active_model(session.model, session.meta)
        flash("success", ui.tr("teach.saved", name=escape.markdown(meta["name"])), "train")


def live_view() -> None:
    """The run's state, progress, stop button and accuracy chart; a full rerun once it ends."""
    snapshot = session.snapshot(poll=True)
    if snapshot is None:
        return
    if session.needs_recording(snapshot):
        st.rerun()
    state = snapshot.state
    if state == jobs.FAILED:
        reason = ui.tr(snapshot.error_key, **snapshot.error_values) if snapshot.error_key in i18n.CATALOG else "?"
        st.error(f"{ui.tr('teach.state_failed')} {reason}", icon=":material/warning:")
    elif state == jobs.QUEUED:
        st.info(ui.tr("teach.state_queued", position=i18n.number(snapshot.queue_position or 1, lang)), icon=":material/hourglass_top:")
    else:
        st.info(ui.tr(f"teach.state_{state}"), icon=":material/check_circle:" if state == jobs.DONE else ":material/school:")
    total = snapshot.total_epochs or 1
    epoch = min(max(snapshot.epoch, 1), total)
    st.progress(snapshot.run_progress, text=ui.tr("teach.epoch_progress", epoch=i18n.number(epoch, lang),
                                                  total=i18n.number(total, lang)))
    if state in (jobs.QUEUED, jobs.STARTING, jobs.RUNNING):
        st.button(ui.tr("teach.stop"), key="teach_stop", on_click=session.stop, icon=":material/stop:")
    if snapshot.epochs:
        st.plotly_chart(session.chart(snapshot, lang, ui.projector()), key="teach_chart")


st.fragment(live_view, run_every=POLL_SECONDS if session.is_active() else None)()
show_flash("train")

# results ------------------------------------------------------------------------------------
if session.model is not None and session.meta is not None:
    meta = session.meta
    st.subheader(ui.tr("teach.results_header"))
    columns = st.columns(2)
    accuracy = meta.get("test_accuracy")
    columns[0].metric(ui.tr("teach.holdout_accuracy"),
                      "—" if accuracy is None else f"{i18n.number(accuracy * 100, lang, '.0f')}%")
    columns[1].metric(ui.tr("teach.train_seconds"),
                      ui.tr("teach.seconds", seconds=i18n.number(meta.get("train_seconds") or 0, lang, ".1f")))
    st.caption(ui.tr("teach.holdout_explain", count=i18n.number(meta.get("holdout_count") or 0, lang)))
    per_class = meta.get("holdout_per_class") or []
    if per_class:
        st.markdown(f"**{ui.tr('teach.per_class')}**")
        st.dataframe(pd.DataFrame({ui.tr("teach.col_accuracy"): [
            "—" if value is None else f"{i18n.number(value * 100, lang, '.0f')}%" for value in per_class]},
            index=meta["class_names"]), width="content")
    st.success(ui.tr("teach.active_now"), icon=":material/arrow_forward:")
    with st.container(horizontal=True):
        st.page_link("app_pages/classify.py", label=ui.tr("nav.classify"), icon=":material/draw:")
        st.page_link("app_pages/inside.py", label=ui.tr("nav.inside"), icon=":material/visibility:")
    if len(session.runs) > 1:
        st.markdown(f"**{ui.tr('teach.compare_header')}**")
        yes, no = ui.tr("teach.yes"), ui.tr("teach.no")
        st.dataframe(pd.DataFrame({
            ui.tr("teach.col_start"): [ui.tr("teach.mode_scratch" if run["from_scratch"] else "teach.mode_transfer")
                                       for run in session.runs],
            ui.tr("teach.col_augment"): [yes if run["augment"] else no for run in session.runs],
            ui.tr("teach.col_epochs"): [i18n.number(run["epochs"], lang) for run in session.runs],
            ui.tr("teach.col_accuracy"): ["—" if run["accuracy"] is None else
                                          f"{i18n.number(run['accuracy'] * 100, lang, '.0f')}%" for run in session.runs],
            ui.tr("teach.col_seconds"): [i18n.number(run["seconds"], lang, ".1f") for run in session.runs],
        }), hide_index=True, width="stretch")

# 6. export and import -----------------------------------------------------------------------
section_header("teach.export_header")
st.markdown(ui.tr("teach.export_explain"))
model_column, phone_column, examples_column = st.columns(3)
if session.model is not None:
    files = session.export_files(own)
    names = session.meta["class_names"]
    profile = session.meta.get("profile", examples.DEFAULT_PROFILE)
    for column, kind, label in ((model_column, "keras", "teach.download_keras"),
                                (phone_column, "tflite", "teach.download_tflite")):
        with column:
            st.download_button(ui.tr(label), data=files[kind], file_name=export.FILE_NAMES[kind],
                               mime=export.MIME_TYPES[kind], key=f"teach_download_{kind}", icon=":material/download:",
                               on_click="ignore")
            st.caption(ui.tr("teach.file_size", size=i18n.number(round(len(files[kind]) / 1024), lang)))
            if kind == "tflite" and files["parity"] is not None:
                parity = files["parity"]
                text = ui.tr("teach.parity_ok" if parity.ok else "teach.parity_off",
                             agree=i18n.number(parity.agree, lang), total=i18n.number(parity.total, lang))
                (st.caption if parity.ok else st.warning)(text)
            with st.expander(ui.tr("teach.snippet_title")):
                st.markdown(ui.tr(f"teach.snippet_{kind}"))
                st.code(export.snippet(kind, names, profile), language="python")
else:
    model_column.caption(ui.tr("teach.no_model_yet"))
with examples_column:
    if len(own):
        st.download_button(ui.tr("teach.download_examples"), data=own.to_zip, file_name=export.FILE_NAMES["examples"],
                           mime=export.MIME_TYPES["examples"], key="teach_download_examples", icon=":material/download:",
                           on_click="ignore")
        with st.expander(ui.tr("teach.snippet_title")):
            st.markdown(ui.tr("teach.snippet_examples"))
            st.code(export.snippet("examples", own.class_names), language="python")
    archive = st.file_uploader(ui.tr("teach.import_label"), type=["zip"], key=f"teach_import_{session.rounds['import']}",
                               max_upload_size=examples.MAX_ZIP_BYTES // 2**20, help=ui.tr("teach.import_help"))
    show_flash("import")
    if archive is not None:
        try:
            count = own.merge(examples.ExampleSet.from_zip(archive.getvalue(), archive.name))
        except UserError as err:
            flash_error(err, "import")
        else:
            flash("success", ui.tr("teach.imported", count=i18n.number(count, lang), name=escape.markdown(archive.name)), "import")
        next_round("import")
        st.rerun()
