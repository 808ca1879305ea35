"""The Train page's replay of a run: pick a run (this session's, live while it trains, or a saved one),
slide through its snapshots or play them, and see filters, the test picture's maps, its answer and
the per-class accuracy at that moment (:mod:`cnn_core.timeline`, :mod:`cnn_core.figures.timeline`).

The run and the snapshot travel in lesson links (``replay=<run id>&frame=<n>``); a link whose run or
snapshot does not exist says so plainly. Projector mode's present switch shows the replay alone and
large (:func:`slides`), stepped with the arrow keys.
"""

from __future__ import annotations

import streamlit as st

from cnn_core import datasets, i18n, store
from cnn_core.errors import UserError
from cnn_core.figures import timeline as figures
from cnn_core.timeline import Timeline
from ui import links
from ui.state import lang, projector, show_user_error, tr
from ui.theme import unchecked_figure

CURRENT = "current"
RUN_KEY = "train_replay_run"
FRAME_KEY = "train_replay_frame"
PLAYING_KEY = "train_replay_playing"
SEEN_KEY = "train_replay_seen"      # frames the live view had last time (it follows the newest)
FOLLOW_KEY = "train_replay_follow"  # the learner asked to watch the replay while the run trains
PLAY_SECONDS = 0.7                 # one snapshot further this often while playing
LIVE_SECONDS = 3.0                 # a followed live replay looks for new snapshots this often


@st.cache_resource(show_spinner=False, max_entries=8)
def _saved_timeline(path: str, modified: float) -> Timeline | None:
    """A saved run's timeline read once per file version (shared by every session: it never changes)."""
    del modified  # part of the cache key only
    run_id = path.rsplit("/", 1)[-1].removesuffix(".timeline.npz")
    return store.ModelStore(path.rsplit("/", 1)[0]).load_timeline(run_id)


def saved_timeline(model_store: store.ModelStore, run_id: str) -> Timeline | None:
    """The saved run's timeline, ``None`` when it has none; ``UserError`` for a damaged file."""
    path = model_store.timeline_path(run_id)
    if not path.is_file():
        return None
    return _saved_timeline(str(path), path.stat().st_mtime)


def _choose_run(runs: list[dict], job) -> str:
    """The run picker (bound to links); a link naming a run that is not here gets a clear warning."""
    names = {run["run_id"]: run.get("name", run["run_id"]) for run in runs if run.get("timeline_frames")}
    options = ([CURRENT] if job is not None else []) + list(names)
    asked = links.take("replay", str)
    if asked is not None:
        if asked in options:
            st.session_state[RUN_KEY] = asked
        else:
            st.warning(tr("replay.bad_run", run_id=asked), icon=":material/link_off:")
    if not options:
        return ""
    if st.session_state.get(RUN_KEY) not in options:
        st.session_state[RUN_KEY] = options[0]
    links.bind(links.Choice("replay", RUN_KEY, options[0], options=tuple(options)))
    current = tr("replay.source_current")  # worded now: a format_func may be called outside the page's run
    return st.selectbox(tr("replay.source"), options, key=RUN_KEY,
                        format_func=lambda option: current if option == CURRENT else names[option])


def _link_frame(frames: int) -> None:
    """Apply a link's ``frame`` (1..frames); a value that is not one of the run's snapshots is named."""
    asked = links.take("frame", str)
    if asked is None:
        return
    try:
        value = int(asked)
    except ValueError:
        value = 0
    if 1 <= value <= frames:
        st.session_state[FRAME_KEY] = value
    else:
        st.session_state[FRAME_KEY] = 1
        st.session_state["train_replay_bad_frame"] = (asked, frames)


def _toggle_play(frames: int) -> None:
    playing = not st.session_state.get(PLAYING_KEY, False)
    if playing and st.session_state.get(FRAME_KEY, 1) >= frames:
        st.session_state[FRAME_KEY] = 1  # Play at the end starts again from the beginning
    st.session_state[PLAYING_KEY] = playing


def class_names_of(chosen: str, runs: list[dict], default: list[str]) -> list[str]:
    """The class names of the run shown: a taught run's own, a saved run's dataset's in the session's
    language, else ``default`` (this session's dataset)."""
    run = next((run for run in runs if run["run_id"] == chosen), None)
    if run is None:
        return list(default)
    if run.get("kind") == "taught" and isinstance(run.get("class_names"), list):
        return [str(name) for name in run["class_names"]]
    if run.get("dataset") in datasets.DATASETS:
        return i18n.class_names(run["dataset"], lang())
    return list(default)


def section(session, runs: list[dict], model_store: store.ModelStore,
            class_names: list[str]) -> tuple[Timeline, list[str]] | None:
    """The replay section of the Train page. ``session`` is the page's training session, ``runs`` the
    store's readable entries, ``class_names`` this session's dataset's. Returns the timeline shown and
    its class names (for :func:`slides`), or ``None``."""
    st.header(tr("replay.header"))
    st.caption(tr("replay.intro"))
    job = session.job
    chosen = _choose_run(runs, job)
    if not chosen:
        st.info(tr("replay.none"))
        return None
    live = chosen == CURRENT and session.is_active()
    # Drawn live, the replay's four figures took a sixth of a 2-core machine's time from the run (the
    # server's and the browser's share; bench/app_training.py): it opens when the run ends, unless
    # the learner asks to follow it.
    if live and not st.toggle(tr("replay.follow"), key=FOLLOW_KEY, help=tr("replay.follow_help")):
        st.caption(tr("replay.after_run"))
        return None
    timeline = _timeline_of(chosen, job, model_store)
    if timeline is None:
        if chosen == CURRENT and live:
            st.caption(tr("replay.waiting"))
            st.fragment(lambda: _live_wait(session), run_every=LIVE_SECONDS)()
        elif chosen == CURRENT:
            st.info(tr("replay.none"))
        return None
    class_names = class_names_of(chosen, runs, class_names)
    frames = len(timeline.frames)
    _link_frame(frames)
    bad = st.session_state.pop("train_replay_bad_frame", None)
    if bad is not None:
        st.warning(tr("replay.bad_frame", value=bad[0], frames=i18n.number(bad[1], lang())),
                   icon=":material/link_off:")
    playing = bool(st.session_state.get(PLAYING_KEY, False))
    st.button(tr("replay.pause" if playing else "replay.play"), key="train_replay_play",
              icon=":material/pause:" if playing else ":material/play_arrow:", on_click=_toggle_play, args=(frames,))
    every = PLAY_SECONDS if playing else (LIVE_SECONDS if live else None)
    st.fragment(lambda: _view(session, chosen, model_store, class_names), run_every=every)()
    return timeline, class_names


def _timeline_of(chosen: str, job, model_store: store.ModelStore) -> Timeline | None:
    if chosen == CURRENT:
        return None if job is None else job.timeline()
    try:
        return saved_timeline(model_store, chosen)
    except UserError as err:
        show_user_error(err)
        return None


def _live_wait(session) -> None:
    """While the run has no snapshot yet: look again, and redraw the page once the first one came."""
    snapshot = session.snapshot()
    if snapshot is not None and snapshot.timeline_frames:
        st.rerun()


def _view(session, chosen: str, model_store: store.ModelStore, class_names: list[str]) -> None:
    """The slider and the figures at the chosen snapshot (a fragment: it reruns alone while playing
    or while a live run adds snapshots)."""
    timeline = _timeline_of(chosen, session.job, model_store)
    if timeline is None:
        return
    frames = len(timeline.frames)
    if chosen == CURRENT:  # live: stay on the newest snapshot while the learner has not moved away
        seen = st.session_state.get(SEEN_KEY)
        if seen is None or st.session_state.get(FRAME_KEY, 1) >= seen:
            st.session_state[FRAME_KEY] = frames
        st.session_state[SEEN_KEY] = frames
    if st.session_state.get(PLAYING_KEY):
        following = st.session_state.get(FRAME_KEY, 1) + 1
        if following > frames:
            st.session_state[PLAYING_KEY] = False
            st.rerun()  # the end: stop the player's timer
        st.session_state[FRAME_KEY] = following
    st.session_state[FRAME_KEY] = int(min(max(st.session_state.get(FRAME_KEY, 1), 1), frames))
    links.bind(links.Integer("frame", FRAME_KEY, 1, None, 1, frames))
    index = 1
    if frames >= 2:
        index = st.slider(tr("replay.frame"), 1, frames, key=FRAME_KEY, help=tr("replay.frame_help"))
    links.sync()
    draw(timeline, index, class_names, key="train_replay")


def draw(timeline: Timeline, index: int, class_names: list[str], key: str, large: bool = False) -> None:
    """Snapshot ``index`` (1-based) of ``timeline``: where it is in the run, then the four figures."""
    language, big = lang(), large or projector()
    frame = timeline.frames[min(max(index, 1), len(timeline.frames)) - 1]
    names = list(class_names)[: timeline.num_classes]
    names += [str(number) for number in range(len(names), timeline.num_classes)]
    accuracy = float((frame.class_accuracy.astype(float) * timeline.sample_counts).sum()
                     / max(1, timeline.sample_counts.sum()))
    st.markdown(tr("replay.where", frame=i18n.number(index, language), frames=i18n.number(len(timeline.frames), language),
                   batches=i18n.number(frame.batch, language), total=i18n.number(timeline.total_batches, language),
                   epoch=i18n.number(frame.x, language, ".2f"), sample=i18n.number(int(timeline.sample_counts.sum()), language),
                   accuracy=f"{i18n.number(100 * accuracy, language, '.1f')}%"))
    answer = int(frame.probabilities.argmax())
    st.caption(tr("replay.probe_answer", truth=names[timeline.probe_label], answer=names[answer],
                  percent=f"{i18n.number(100 * float(frame.probabilities[answer]), language, '.1f')}%"))
    config = {"displayModeBar": False}
    left, right = st.columns([1, 2] if not large else [1, 1])
    with left:
        st.plotly_chart(unchecked_figure(figures.probe_figure(timeline.probe_image, language, big)),
                        key=f"{key}_probe", config=config)
        st.plotly_chart(unchecked_figure(figures.probabilities_figure(
            frame.probabilities, names, timeline.probe_label, language, big)), key=f"{key}_probabilities", config=config)
    with right:
        st.plotly_chart(unchecked_figure(figures.filters_figure(frame.filters, language, big)),
                        key=f"{key}_filters", config=config)
        st.plotly_chart(unchecked_figure(figures.maps_figure(frame.map_values(), timeline.layer_names, language, big)),
                        key=f"{key}_maps", config=config)
    st.plotly_chart(unchecked_figure(figures.class_accuracy_figure(
        [item.x for item in timeline.frames], timeline.class_accuracy_matrix(), names, frame.x, language, big)),
        key=f"{key}_accuracy", config=config)
    st.caption(tr("replay.size", frames=i18n.number(len(timeline.frames), language),
                  kilobytes=i18n.number(round(timeline.nbytes / 1024), language)))


def slides(timeline: Timeline, class_names: list[str]) -> None:
    """Present mode: the replay alone and large, one snapshot at a time (arrow keys step)."""
    from ui import present

    frames = len(timeline.frames)
    index = int(min(max(st.session_state.get(FRAME_KEY, 1), 1), frames))
    st.header(tr("replay.present_title", frame=i18n.number(index, lang()), frames=i18n.number(frames, lang())))
    draw(timeline, index, class_names, key="present_replay", large=True)
    present.controls(FRAME_KEY, index, frames)
