"""A run's replay timeline (cnn_core.timeline): recorded while it trains, bounded, saved and reloaded
with the model; its figures."""

from __future__ import annotations

import json

import numpy as np
import pytest

from cnn_core import jobs, store, timeline
from cnn_core.errors import UserError
from cnn_core.figures import timeline as figures
from tests.support.replay import TINY_RUN, save_tiny_run, tiny_run


def test_a_run_records_its_planned_frames_with_their_shapes():
    fitted, recorded = tiny_run()
    steps = 640 // 64
    planned = timeline.plan_frames(steps * TINY_RUN.epochs, TINY_RUN.batch_size, recorded.frames[0].nbytes)
    assert [frame.batch for frame in recorded.frames] == planned
    assert len(recorded.frames) == timeline.MIN_FRAMES  # a 20-batch run: the fewest frames, as evenly as they go
    assert recorded.frames[0].batch == 0 and recorded.frames[-1].batch == steps * TINY_RUN.epochs
    assert recorded.layer_names == ["conv1", "conv2"]
    first_conv = fitted.model.get_layer("conv1")
    frame = recorded.frames[-1]
    kernel = np.asarray(first_conv.kernel)
    assert frame.filters.shape == (kernel.shape[3], kernel.shape[0], kernel.shape[1])
    np.testing.assert_allclose(frame.filters.astype(np.float32), kernel.mean(axis=2).transpose(2, 0, 1), atol=2e-3)
    assert [array.shape[2] for array in frame.maps] == [min(channels, timeline.MAX_CHANNELS)
                                                        for channels in recorded.layer_channels]
    assert all(array.dtype == np.uint8 for array in frame.maps)
    assert frame.probabilities.shape == (10,) and abs(float(frame.probabilities.astype(np.float32).sum()) - 1) < 0.01
    assert 0 < recorded.sample_counts.max() <= timeline.SAMPLE_PER_CLASS  # the first 20 of each class, held out
    assert recorded.frames[0].filters.tolist() != frame.filters.tolist()  # the filters moved while it trained
    assert recorded.nbytes <= timeline.MAX_BYTES


def test_the_last_frame_is_the_finished_model_on_the_probe():
    fitted, recorded = tiny_run()
    probe = recorded.probe_image[None, :, :, None]
    expected = np.asarray(fitted.model(probe, training=False))[0]
    np.testing.assert_allclose(recorded.frames[-1].probabilities.astype(np.float32), expected, atol=0.01)


def test_maps_quantise_to_within_one_step_of_their_range():
    values = np.random.default_rng(0).normal(size=(5, 4, 3)).astype(np.float32)
    quantised, ranges = timeline._quantise(values)
    frame = timeline.Frame(batch=0, x=0.0, filters=np.zeros((1, 3, 3), np.float16), maps=(quantised,),
                           ranges=(ranges,), probabilities=np.zeros(2, np.float16), class_accuracy=np.zeros(2, np.float16))
    spread = values.max(axis=(0, 1)) - values.min(axis=(0, 1))
    assert np.all(np.abs(frame.map_values()[0] - values) <= spread / 255 + 0.01)


@pytest.mark.parametrize("batches,batch_size", [(1, 32), (30, 128), (2000, 128), (100_000, 32)])
def test_the_plan_is_bounded_and_spread_evenly(batches, batch_size):
    plan = timeline.plan_frames(batches, batch_size, frame_bytes=16_000)
    assert plan[0] == 0 and plan[-1] == batches
    assert len(plan) <= timeline.MAX_FRAMES and len(plan) * 16_000 <= timeline.MAX_BYTES
    assert len(plan) >= min(timeline.MIN_FRAMES, batches + 1)
    assert plan == sorted(set(plan))


def test_big_frames_mean_fewer_of_them_and_longer_runs_more():
    assert len(timeline.plan_frames(10_000, 32, frame_bytes=timeline.MAX_BYTES // 10)) < 10
    assert len(timeline.plan_frames(210, 128, 16_000)) == timeline.MIN_FRAMES  # the Train page's default run
    assert len(timeline.plan_frames(18_750, 32, 16_000)) == timeline.MAX_FRAMES  # the lesson's recipe
    assert timeline.MIN_FRAMES < len(timeline.plan_frames(1000, 128, 16_000)) < timeline.MAX_FRAMES


def test_a_frame_survives_the_wire_as_plain_bytes():
    _, recorded = tiny_run()
    frame = recorded.frames[3]
    data = frame.to_bytes()
    assert isinstance(data, bytes)
    back = timeline.Frame.from_bytes(data)
    assert back.batch == frame.batch and back.x == pytest.approx(frame.x)
    for name in ("filters", "probabilities", "class_accuracy"):
        np.testing.assert_array_equal(getattr(back, name), getattr(frame, name))
    for mine, theirs in zip(back.maps, frame.maps):
        np.testing.assert_array_equal(mine, theirs)


def test_progress_folds_the_deltas_into_the_timeline():
    _, recorded = tiny_run()
    progress = jobs.Progress()
    progress.apply({"timeline": {"header": recorded.header_bytes(), "frames": [recorded.frames[0].to_bytes()]}})
    progress.apply({"timeline": {"frames": [frame.to_bytes() for frame in recorded.frames[1:]]}})
    assert progress.snapshot().timeline_frames == len(recorded.frames)
    assert progress.timeline.layer_names == recorded.layer_names


def test_saved_and_reloaded_with_the_model(tmp_path):
    model_store = store.ModelStore(tmp_path)
    run_id = save_tiny_run(model_store)
    _, recorded = tiny_run()
    meta = json.loads(model_store.meta_path(run_id).read_text())
    assert meta["timeline_frames"] == len(recorded.frames)
    reloaded = model_store.load_timeline(run_id)
    assert len(reloaded.frames) == len(recorded.frames)
    np.testing.assert_array_equal(reloaded.probe_image, recorded.probe_image)
    np.testing.assert_array_equal(reloaded.class_accuracy_matrix(), recorded.class_accuracy_matrix())
    for mine, theirs in zip(reloaded.frames[-1].maps, recorded.frames[-1].maps):
        np.testing.assert_array_equal(mine, theirs)
    assert model_store.timeline_path(run_id).stat().st_size < 400_000
    assert [entry["run_id"] for entry in model_store.list()] == [run_id]  # the side file is not a run
    model_store.delete(run_id)
    assert not model_store.timeline_path(run_id).exists()


def test_a_run_without_a_timeline_and_a_damaged_one(tmp_path):
    model_store = store.ModelStore(tmp_path)
    fitted, _ = tiny_run()
    run_id = model_store.save(fitted.model, {"name": "bare"})
    assert model_store.load_timeline(run_id) is None
    model_store.timeline_path(run_id).write_bytes(b"PK\x03\x04 cut short")
    with pytest.raises(UserError) as caught:
        model_store.load_timeline(run_id)
    assert caught.value.key == "store.err_timeline_corrupt"


def test_a_timeline_file_holds_no_pickles(tmp_path):
    _, recorded = tiny_run()
    path = tmp_path / "t.npz"
    path.write_bytes(recorded.to_bytes())
    with np.load(path, allow_pickle=False) as loaded:
        assert all(loaded[name].dtype != object for name in loaded.files)


def test_the_figures_are_plain_dicts_of_the_frame():
    _, recorded = tiny_run()
    frame = recorded.frames[-1]
    names = [f"c{n}" for n in range(10)]
    filters = figures.filters_figure(frame.filters)
    assert filters["data"][0]["type"] == "heatmap"
    maps = figures.maps_figure(frame.map_values(), recorded.layer_names, "bn", projector=True)
    assert len(maps["data"]) == 2 and maps["layout"]["font"]["size"] == 20
    bars = figures.probabilities_figure(frame.probabilities, names, recorded.probe_label)
    assert bars["data"][0]["x"] == pytest.approx([float(v) for v in frame.probabilities])
    assert bars["data"][0]["y"][recorded.probe_label].endswith("✓")
    matrix = figures.class_accuracy_figure([f.x for f in recorded.frames], recorded.class_accuracy_matrix(),
                                           names, frame.x)
    assert len(matrix["data"][0]["z"]) == 10 and len(matrix["data"][0]["z"][0]) == len(recorded.frames)
    json.dumps([filters, maps, bars, matrix])  # plain data all the way down
