"""Why it decided: several honest answers to "why did the model say that?" for one picture.

The maps (Grad-CAM, saliency, SmoothGrad, occlusion) and the deletion check that tests them, fooling
the model on purpose (FGSM, PGD) and training it to resist, what a filter or a class "wants to see",
and the dense layer's map of the test pictures with the learner's picture as a live dot. The
arithmetic lives in ``cnn_core.explain``, the figures in ``cnn_core.figures.explain``; the heavy
parts run as jobs on the workers (``ui.explain``).
"""

from __future__ import annotations

import numpy as np
import streamlit as st

import ui
from cnn_core import examples, explain, i18n, inference, preprocess
from cnn_core.errors import UserError
from cnn_core.figures import explain as figures
from cnn_core.jobs import ACTIVE_STATES
from ui import links, present
from ui.explain import cached, explain_session, model_bytes, result_key, untrained_copy
from ui.models import active_model_or_stop
from ui.teach import taught_test_set
from ui.theme import unchecked_figure

PARTS = ("maps", "fool", "features", "map")
SOURCES = ("draw", "classify", "test", "upload")
METHODS = ("grad_cam", "saliency", "smoothgrad", "occlusion")
FILLS = {"gray": explain.GRAY, "black": explain.BACKGROUND}
ATTACKS = ("fgsm", "pgd")
CANVAS_SIZE = 240
BRUSH = 18
MAX_EPSILON = 64
FLIP_PICTURES = 500          # test pictures the flip share is measured on
DELETION_PICTURES = 40       # test pictures the deletion check averages over
RESIST_PICTURES = 3000       # training pictures of the short adversarial-training run
MAP_PICTURES = 2000
GALLERY_UNITS = 32           # filters shown of a layer (the first ones)
CHART_CONFIG = {"displayModeBar": False}
THUMB = 84


def show(figure: dict, key: str, **kwargs):
    """A plain-dict figure without plotly's validation (it redraws on every stroke)."""
    return st.plotly_chart(unchecked_figure(figure), key=key, config=CHART_CONFIG, **kwargs)


def percent(value: float, fmt: str = ".0f") -> str:
    return f"{i18n.number(float(value) * 100, LANG, fmt)}%"


# ------------------------------------------------------------------------------ the picture
def fallback(note_key: str) -> tuple[np.ndarray, int | None]:
    st.caption(ui.tr(note_key, label=NAMES[int(DATASET.test_labels[0])]))
    return np.asarray(DATASET.test_images[0])[:, :, 0], int(DATASET.test_labels[0])


def drawn() -> tuple[np.ndarray, int | None]:
    from streamlit_drawable_canvas import st_canvas  # only importable inside a running app

    st.space("small")  # the canvas's toolbar floats above its top edge
    canvas = st_canvas(stroke_width=BRUSH, stroke_color="#FFFFFF", background_color="#000000",
                       update_streamlit=True, height=CANVAS_SIZE, width=CANVAS_SIZE, drawing_mode="freedraw",
                       return_image_data=True, key="explain_canvas")
    st.caption(ui.tr("explain.draw_help"))
    drawing = canvas.image_data
    if drawing is None or not np.asarray(drawing)[..., :3].any():
        return fallback("explain.nothing_drawn")
    return preprocess.to_model_input(drawing, PROFILE), None


def from_classify() -> tuple[np.ndarray, int | None]:
    drawings = ui.state.drawings(examples.drawings_scope(META, DATASET_NAME))
    if not drawings:
        return fallback("explain.no_classify_drawing")
    st.caption(ui.tr("explain.classify_drawing", count=i18n.number(len(drawings), LANG)))
    return drawings[-1]["image28"], None


def from_test_set() -> tuple[np.ndarray, int | None]:
    last = len(DATASET.test_labels) - 1
    links.bind(links.Integer("pic", "explain_test_index", 0, None, 0, last))
    st.session_state.setdefault("explain_test_index", 0)
    index = int(st.number_input(ui.tr("explain.test_index", last=i18n.number(last, LANG, "d")), min_value=0,
                                max_value=last, step=1, key="explain_test_index"))
    label = int(DATASET.test_labels[index])
    st.caption(ui.tr("explain.test_caption", index=i18n.number(index, LANG, "d"), label=NAMES[label]))
    return np.asarray(DATASET.test_images[index])[:, :, 0], label


def uploaded() -> tuple[np.ndarray, int | None]:
    upload = st.file_uploader(ui.tr("explain.upload_label"), type=list(preprocess.UPLOAD_EXTENSIONS),
                              key="explain_upload")
    if upload is None:
        return fallback("explain.upload_none")
    return preprocess.to_model_input(preprocess.read_upload(upload.getvalue(), upload.name), PROFILE), None


def choose_picture() -> tuple[np.ndarray, int | None]:
    """The picture to explain and its true class (``None`` for a drawing or an upload)."""
    links.bind(links.Choice("source", "explain_source", SOURCES[0], options=SOURCES))
    source = st.radio(ui.tr("explain.source"), SOURCES, key="explain_source", horizontal=True,
                      format_func=lambda key: i18n.t(f"explain.source_{key}", LANG))
    pick = {"draw": drawn, "classify": from_classify, "test": from_test_set, "upload": uploaded}[source]
    try:
        return pick()
    except UserError as err:
        ui.show_user_error(err)
        return fallback("explain.upload_none")


# ------------------------------------------------------------------------------ 1 · the maps
def explained_class(probabilities: np.ndarray) -> int:
    options = ["top", *range(len(NAMES))]
    links.bind(links.Choice("cls", "explain_class", "top", options=tuple(options)))
    choice = st.selectbox(ui.tr("explain.class"), options, key="explain_class",
                          format_func=lambda option: (i18n.t("explain.class_top", LANG, name=NAMES[int(np.argmax(probabilities))])
                                                      if option == "top" else NAMES[option]))
    return int(np.argmax(probabilities)) if choice == "top" else int(choice)


def map_settings() -> dict:
    layers = explain.spatial_layers(MODEL)
    default = explain.default_layer(MODEL)
    columns = st.columns(4)
    links.bind(links.Choice("layer", "explain_layer", default, options=tuple(layers)),
               links.Integer("patch", "explain_patch", 4, None, 1, 14),
               links.Integer("stride", "explain_stride", 2, None, 1, 14),
               links.Choice("fill", "explain_fill", "gray", options=tuple(FILLS)))
    grids = {name: "×".join(str(size) for size in MODEL.get_layer(explain.block_output(MODEL, name)).output.shape[1:3])
             for name in layers}
    st.session_state.setdefault("explain_layer", default)
    layer = columns[0].selectbox(ui.tr("explain.layer"), layers, key="explain_layer",
                                 format_func=lambda name: i18n.t("explain.layer_option", LANG, name=name, grid=grids[name]))
    st.session_state.setdefault("explain_patch", 4)
    st.session_state.setdefault("explain_stride", 2)
    patch = columns[1].slider(ui.tr("explain.patch"), 1, 14, key="explain_patch")
    stride = columns[2].slider(ui.tr("explain.stride"), 1, 14, key="explain_stride")
    fill = columns[3].radio(ui.tr("explain.fill"), tuple(FILLS), key="explain_fill", horizontal=True,
                            format_func=lambda option: i18n.t(f"explain.fill_{option}", LANG))
    return {"layer": layer, "patch": int(patch), "stride": int(stride), "fill": FILLS[fill]}


def make_maps(image28: np.ndarray, class_index: int, settings: dict) -> dict[str, np.ndarray]:
    return {"grad_cam": explain.grad_cam(MODEL, image28, class_index, settings["layer"]),
            "saliency": explain.saliency(MODEL, image28, class_index),
            "smoothgrad": explain.smoothgrad(MODEL, image28, class_index),
            "occlusion": explain.occlusion(MODEL, image28, class_index, settings["patch"], settings["stride"],
                                           settings["fill"])}


def map_figures(image28: np.ndarray, maps: dict, height: int) -> dict[str, dict]:
    hover = ui.tr("explain.map_hover", row="%{y}", col="%{x}", value="%{z:.2f}")
    return {method: figures.map_figure(image28, heat, ui.tr(f"explain.method_{method}"), hover,
                                       signed=method == "occlusion", height=height, projector=PROJECTOR)
            for method, heat in maps.items()}


def deletion_section(image28: np.ndarray, class_index: int, maps: dict, settings: dict) -> None:
    st.subheader(ui.tr("explain.deletion_header"))
    st.markdown(ui.tr("explain.deletion_explain"))
    links.bind(links.Flag("check", "explain_check"))
    if not st.toggle(ui.tr("explain.deletion_run"), key="explain_check"):
        return
    curves = {method: explain.deletion_curve(MODEL, image28, class_index, heat) for method, heat in maps.items()}
    curves["random"] = explain.random_deletion_curve(MODEL, image28, class_index)
    labels = {name: ui.tr(f"explain.method_{name}") for name in curves}
    show(figures.curves_figure(list(explain.DELETION_FRACTIONS), curves, labels, ui.tr("explain.deleted_axis"),
                               ui.tr("explain.probability_axis", name=NAMES[class_index]), projector=PROJECTOR),
         key="explain_deletion_one")
    at = explain.DELETION_FRACTIONS.index(0.15)
    st.caption(ui.tr("explain.deletion_numbers", **{name: percent(curve[0] - curve[at]) for name, curve in curves.items()}))
    st.markdown(ui.tr("explain.deletion_many", count=i18n.number(DELETION_PICTURES, LANG)))
    key = result_key(MODEL, "explain_deletion", DATASET_KEY, settings["layer"], settings["patch"], settings["stride"],
                     settings["fill"])
    result = heavy_job(key, "explain.deletion_start", lambda: {
        "model": model_bytes(MODEL), "images": DATASET.test_images[:DELETION_PICTURES],
        "labels": np.asarray(DATASET.test_labels[:DELETION_PICTURES]), **settings})
    if result is not None:
        check = result.meta["check"]
        show(figures.curves_figure(list(check.fractions), check.curves, labels, ui.tr("explain.deleted_axis"),
                                   ui.tr("explain.mean_probability_axis"), projector=PROJECTOR), key="explain_deletion_many")
        st.caption(ui.tr("explain.deletion_numbers", **{name: percent(check.drop(name, 0.15)) for name in check.curves}))
    st.info(ui.tr("explain.deletion_lesson"), icon=":material/lightbulb:")


def maps_part(image28: np.ndarray, probabilities: np.ndarray) -> dict[str, dict]:
    st.header(ui.tr("explain.maps_header"))
    st.markdown(ui.tr("explain.maps_intro"))
    class_index = explained_class(probabilities)
    settings = map_settings()
    try:
        maps = make_maps(image28, class_index, settings)
    except UserError as err:
        ui.show_user_error(err)
        st.stop()
    shown = map_figures(image28, maps, 300 if PROJECTOR else 260)
    columns = st.columns(2 if PROJECTOR else 4)
    for index, method in enumerate(METHODS):
        with columns[index % len(columns)]:
            show(shown[method], key=f"explain_map_{method}")
            st.caption(ui.tr(f"explain.about_{method}"))
    deletion_section(image28, class_index, maps, settings)
    return shown


# ------------------------------------------------------------------------------ 2 · fool it
def fool_part(image28: np.ndarray, label: int | None, probabilities: np.ndarray) -> None:
    st.header(ui.tr("explain.fool_header"))
    st.markdown(ui.tr("explain.fool_intro"))
    target = label if label is not None else int(np.argmax(probabilities))
    st.caption(ui.tr("explain.fool_target", name=NAMES[target]) if label is not None
               else ui.tr("explain.fool_target_answer", name=NAMES[target]))
    links.bind(links.Integer("eps", "explain_epsilon", 8, None, 0, MAX_EPSILON),
               links.Choice("attack", "explain_attack", "fgsm", options=ATTACKS))
    columns = st.columns([3, 2])
    st.session_state.setdefault("explain_epsilon", 8)
    epsilon = columns[0].slider(ui.tr("explain.epsilon"), 0, MAX_EPSILON, key="explain_epsilon",
                                help=ui.tr("explain.epsilon_help"))
    attack = columns[1].radio(ui.tr("explain.attack"), ATTACKS, key="explain_attack", horizontal=True,
                              format_func=lambda option: i18n.t(f"explain.attack_{option}", LANG))
    fooled = (explain.fgsm if attack == "fgsm" else explain.pgd)(MODEL, image28, target, epsilon)
    after = PREDICTOR.probabilities(fooled)
    change = fooled.astype(int) - image28.astype(int)
    hover = ui.tr("explain.pixel_hover", row="%{y}", col="%{x}", value="%{z}")
    pictures = st.columns(3)
    for column, picture, title in ((pictures[0], image28, ui.tr("explain.original")),
                                   (pictures[1], figures.amplified(change), ui.tr("explain.perturbation",
                                                                                 most=i18n.number(int(np.abs(change).max()), LANG))),
                                   (pictures[2], fooled, ui.tr("explain.fooled_picture"))):
        with column:
            show(figures.picture_figure(picture, title, hover, projector=PROJECTOR), key=f"explain_fool_{title}")
    new_top = int(np.argmax(after))
    if new_top != target:
        st.warning(ui.tr("explain.flipped", old=NAMES[target], new=NAMES[new_top], percent=percent(after[new_top])),
                 icon=":material/warning:")
    else:
        st.success(ui.tr("explain.not_flipped", name=NAMES[target], percent=percent(after[target])),
                   icon=":material/shield:")
    show(figures.probability_change_figure(probabilities, after, NAMES, (ui.tr("explain.before"), ui.tr("explain.after")),
                                           LANG, projector=PROJECTOR), key="explain_fool_bars")
    smallest = explain.smallest_flipping_epsilon(MODEL, image28, target)
    st.markdown(ui.tr("explain.smallest", epsilon=i18n.number(smallest, LANG)) if smallest is not None
                else ui.tr("explain.smallest_none", most=i18n.number(explain.MAX_EPSILON, LANG)))

    st.subheader(ui.tr("explain.flips_header"))
    st.markdown(ui.tr("explain.flips_explain", count=i18n.number(FLIP_PICTURES, LANG)))
    flips_key = result_key(MODEL, "explain_flips", DATASET_KEY, FLIP_PICTURES)
    flips = heavy_job(flips_key, "explain.flips_start", lambda: {
        "model": model_bytes(MODEL), "images": DATASET.test_images[:FLIP_PICTURES],
        "labels": np.asarray(DATASET.test_labels[:FLIP_PICTURES]), "epsilons": list(explain.FLIP_EPSILONS)})
    curves = {}
    if flips is not None:
        curves["model"] = flips.meta["flips"]
    resist_section(curves)
    if curves:
        epsilons = next(iter(curves.values()))["epsilons"]
        labels = {"model": ui.tr("explain.this_model"), "before": ui.tr("explain.this_model"),
                  "after": ui.tr("explain.sturdier_model")}
        show(figures.curves_figure(epsilons, {name: value["flipped"] for name, value in curves.items()}, labels,
                                   ui.tr("explain.epsilon_axis"), ui.tr("explain.flipped_axis"), percent_x=False,
                                   projector=PROJECTOR), key="explain_flip_chart")
        st.caption(ui.tr("explain.flips_numbers", values=", ".join(
            f"ε={i18n.number(int(eps), LANG)}: {percent(share)}" for eps, share in zip(epsilons, next(iter(curves.values()))["flipped"]))))


def resist_section(curves: dict) -> None:
    st.subheader(ui.tr("explain.resist_header"))
    st.markdown(ui.tr("explain.resist_explain", count=i18n.number(RESIST_PICTURES, LANG)))
    links.bind(links.Integer("reps", "explain_resist_epsilon", 8, None, 1, MAX_EPSILON))
    st.session_state.setdefault("explain_resist_epsilon", 8)
    epsilon = st.slider(ui.tr("explain.resist_epsilon"), 1, MAX_EPSILON, key="explain_resist_epsilon")
    train_images = DATASET.train_images if len(getattr(DATASET, "train_images", ())) else DATASET.test_images
    train_labels = DATASET.train_labels if len(getattr(DATASET, "train_labels", ())) else DATASET.test_labels
    key = result_key(MODEL, "explain_resist", DATASET_KEY, int(epsilon))
    result = heavy_job(key, "explain.resist_start", lambda: {
        "model": model_bytes(MODEL), "train_images": train_images[:RESIST_PICTURES],
        "train_labels": np.asarray(train_labels[:RESIST_PICTURES]), "epsilon": int(epsilon), "epochs": 2,
        "images": DATASET.test_images[:FLIP_PICTURES], "labels": np.asarray(DATASET.test_labels[:FLIP_PICTURES])})
    if result is None:
        return
    curves.pop("model", None)
    curves["before"], curves["after"] = result.meta["before"], result.meta["after"]
    st.markdown(ui.tr("explain.resist_done", accuracy=percent(result.test_accuracy, ".1f"),
                      count=i18n.number(FLIP_PICTURES, LANG)))
    if result.model is not None and st.button(ui.tr("explain.use_sturdier"), key="explain_use_sturdier",
                                              icon=":material/shield:"):
        meta = {key: value for key, value in META.items() if key != "run_id"}
        meta.update(name=ui.tr("explain.sturdier_name", name=ui.model_name(META), epsilon=int(epsilon)),
                    pretrained=False, test_accuracy=result.test_accuracy, adversarial_epsilon=int(epsilon))
        ui.state.set_active_model(result.model, meta)
        st.rerun()


# ------------------------------------------------------------------------------ 3 · what it wants to see
def features_part() -> None:
    st.header(ui.tr("explain.features_header"))
    st.markdown(ui.tr("explain.features_intro"))
    options = ["classes", *explain.spatial_layers(MODEL)]
    links.bind(links.Choice("glayer", "explain_gallery_layer", "classes", options=tuple(options)))
    choice = st.selectbox(ui.tr("explain.gallery_layer"), options, key="explain_gallery_layer",
                          format_func=lambda option: i18n.t("explain.gallery_classes", LANG) if option == "classes" else option)
    layer = None if choice == "classes" else choice
    total = explain.channel_count(MODEL, layer)
    units = list(range(min(total, GALLERY_UNITS)))
    if layer is not None and total > len(units):
        st.caption(ui.tr("explain.gallery_capped", shown=i18n.number(len(units), LANG), total=i18n.number(total, LANG)))
    key = result_key(MODEL, "explain_features", choice, len(units))
    result = heavy_job(key, "explain.features_start", lambda: {"model": model_bytes(MODEL), "layer": layer,
                                                               "units": units})
    if result is None:
        return
    pictures = result.meta["pictures"]
    captions = ([NAMES[unit] for unit in units] if layer is None
                else [ui.tr("explain.filter_caption", number=i18n.number(unit + 1, LANG)) for unit in units])
    st.image(list(pictures), caption=captions, width=THUMB, clamp=True,
             alt=[ui.tr("explain.feature_alt", what=caption) for caption in captions])
    st.caption(ui.tr("explain.features_explain"))


# ------------------------------------------------------------------------------ 4 · the dense layer's map
def map_part(image28: np.ndarray) -> None:
    st.header(ui.tr("explain.map_header"))
    st.markdown(ui.tr("explain.map_intro", count=i18n.number(MAP_PICTURES, LANG)))
    indices = explain.map_sample(DATASET.test_labels, MAP_PICTURES)
    key = result_key(MODEL, "explain_map", DATASET_KEY, len(indices))
    untrained = untrained_copy(MODEL)
    result = heavy_job(key, "explain.map_start", lambda: {"model": model_bytes(MODEL), "untrained": model_bytes(untrained),
                                                          "images": DATASET.test_images[indices]})
    if result is None:
        return
    labels = np.asarray(DATASET.test_labels)[indices]
    projection, points = result.meta["trained"]
    dot = projection.project(explain.penultimate_features(MODEL, image28))[0]
    hover = ui.tr("explain.map_point_hover", name="%{text}", index="%{customdata}")
    trained_column, untrained_column = st.columns(2)
    with trained_column:
        event = show(figures.dense_map_figure(points, labels, indices, NAMES, ui.tr("explain.map_trained"), hover,
                                              dot=dot, dot_label=ui.tr("explain.your_picture"), projector=PROJECTOR),
                     key="explain_dense_map", on_select="rerun", selection_mode="points")
        st.caption(ui.tr("explain.dot_at", x=i18n.number(float(dot[0]), LANG, ".2f"),
                         y=i18n.number(float(dot[1]), LANG, ".2f")))
    with untrained_column:
        raw_projection, raw_points = result.meta["untrained"]
        raw_dot = raw_projection.project(explain.penultimate_features(untrained, image28))[0]
        show(figures.dense_map_figure(raw_points, labels, indices, NAMES, ui.tr("explain.map_untrained"), hover,
                                      dot=raw_dot, dot_label=ui.tr("explain.your_picture"), projector=PROJECTOR),
             key="explain_dense_map_untrained")
    st.caption(ui.tr("explain.map_explain", kept=percent(projection.explained.sum()),
                     raw=percent(raw_projection.explained.sum())))
    picked = [point.get("customdata") for point in (event or {}).get("selection", {}).get("points", [])
              if isinstance(point.get("customdata"), int)] if event else []
    if picked:
        index = picked[0]
        st.image(np.asarray(DATASET.test_images[index])[:, :, 0], width=THUMB * 2, clamp=True,
                 caption=ui.tr("explain.picked", index=i18n.number(index, LANG, "d"),
                               label=NAMES[int(DATASET.test_labels[index])]),
                 alt=ui.tr("explain.picked", index=index, label=NAMES[int(DATASET.test_labels[index])]))
        link = links.view_link(st.context.url, "network", {"source": "test", "pic": str(index),
                                                            **({"lang": LANG} if LANG != "en" else {})})
        st.markdown(ui.tr("explain.open_in_network", link=link))


# ------------------------------------------------------------------------------ heavy work as jobs
def heavy_job(key: tuple, start_key: str, inputs):
    """The finished result for ``key``, else a Start button (or the job's progress); ``inputs`` is
    called only when the job starts."""
    result = cached(key)
    if result is not None:
        return result
    session = explain_session()
    failed = session.failed(key)
    if failed is not None:
        reason = ui.tr(failed.error_key, **failed.error_values) if failed.error_key in i18n.CATALOG else "?"
        st.error(ui.tr("explain.job_failed", reason=reason), icon=":material/error:")
    snapshot = session.running(key)
    if snapshot is None or snapshot.state not in ACTIVE_STATES:
        if st.button(ui.tr(start_key), key=f"explain_start_{key[1]}", icon=":material/play_arrow:"):
            session.start(key, inputs(), DATASET_NAME)
            st.rerun()
        return None
    st.caption(ui.tr("explain.job_started"))
    return None


@st.fragment(run_every=1.0)
def watch_jobs() -> None:
    """While a job of this session runs: show its progress (fetched each second); once one has
    finished, run the page again to show its result."""
    session = explain_session()
    if session.collect():
        st.rerun(scope="app")
    for _kind, snapshot in session.progress():
        if snapshot.state == "queued":
            st.info(ui.tr("explain.job_queued", position=i18n.number(snapshot.queue_position or 1, LANG)),
                    icon=":material/hourglass_top:")
        else:
            st.progress(snapshot.run_progress, text=ui.tr("explain.job_running", percent=percent(snapshot.run_progress)))


# ------------------------------------------------------------------------------ page
LANG = ui.lang()
PROJECTOR = ui.projector()
st.title(ui.tr("explain.title"))
present_stage = present.stage()
st.markdown(ui.tr("explain.intro"))
DATASET = ui.get_data()
DATASET_NAME = DATASET.name
MODEL, META = active_model_or_stop("explain.no_model")
NAMES = examples.model_class_names(META, DATASET_NAME, LANG)
PROFILE = examples.model_profile(META, DATASET_NAME)
dataset_label = ui.tr(f"data.name.{DATASET_NAME}")
if examples.is_taught(META):  # a taught model's pictures to explain are the learner's own examples
    DATASET, dataset_label = taught_test_set(META, DATASET_NAME), ui.tr("teach.inside_examples")
    if DATASET is None:
        st.info(ui.tr("teach.inside_no_examples"))
        st.stop()
    if st.session_state.get("explain_test_index", 0) >= len(DATASET.test_labels):
        del st.session_state["explain_test_index"]
DATASET_KEY = f"{DATASET.name}@{DATASET.source_detail}:{len(DATASET.test_labels)}"
PREDICTOR = inference.predictor_for(MODEL)
st.caption(ui.tr("explain.model_in_use", name=ui.model_name(META), dataset=dataset_label))
explain_session().collect()

links.bind(links.Choice("tool", "explain_part", PARTS[0], options=PARTS))
part = st.radio(ui.tr("explain.part"), PARTS, key="explain_part", horizontal=True,
                format_func=lambda option: i18n.t(f"explain.part_{option}", LANG))
if PROJECTOR:   # projector text is big: the picture on top, the explanations below across the page
    picture_column, main_column = st.container(), st.container()
else:           # the canvas needs its full 240 pixels: a narrower column would not take strokes
    picture_column, main_column = st.columns([1.3, 3], gap="medium")
with picture_column:
    image28, true_label = choose_picture()
    probabilities = PREDICTOR.probabilities(image28)
    top = int(np.argmax(probabilities))
    st.image(image28, width=112, clamp=True, caption=ui.tr("explain.model_input"), alt=ui.tr("explain.model_input"))
    st.markdown(ui.tr("explain.answer", name=NAMES[top], percent=percent(probabilities[top])))
with main_column:
    if explain_session().active():
        watch_jobs()
    shown_maps = None
    if part == "maps":
        shown_maps = maps_part(image28, probabilities)
    elif part == "fool":
        fool_part(image28, true_label, probabilities)
    elif part == "features":
        features_part()
    else:
        map_part(image28)

if present.on():
    with present_stage:
        if shown_maps is None:
            shown_maps = map_figures(image28, make_maps(image28, top, {"layer": explain.default_layer(MODEL), "patch": 4,
                                                                          "stride": 2, "fill": explain.GRAY}), 460)
        present.explain_slides(image28, shown_maps, LANG)
