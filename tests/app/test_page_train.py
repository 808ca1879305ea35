"""The Train page in AppTest: form, model builder, validation messages, a tiny real run in a worker
process (the app's embedded Dask cluster on 127.0.0.1), the queue, saving."""

import json
import re
import socket
import time

import pytest

import uuid

from distributed import Event

from cnn_core import i18n, jobs, training
from cnn_core.jobs import cluster
from cnn_core.errors import UserError
from cnn_core.i18n import t
from tests.support.apptest import rerun_until_metric
from tests.support.job_callbacks import GateAtFirstBatch


@pytest.fixture(autouse=True)
def models_dir(tmp_path, monkeypatch):
    """Every test saves into its own empty folder, never into a user's models."""
    folder = tmp_path / "models"
    monkeypatch.setenv("FCL_MODELS_DIR", str(folder))
    return folder


def metric_value(at, label: str) -> str:
    return next(metric.value for metric in at.metric if metric.label == label)


def wait_for_results(at, lang: str = "en", timeout: float = 300.0):
    """Rerun the page every half second until the test accuracy shows (the run has finished)."""
    return rerun_until_metric(at, t("train.test_accuracy", lang), timeout, "the training run did not finish in time")


@pytest.mark.parametrize("lang", list(i18n.LANGUAGES))
def test_form_renders_in_both_languages(app_test, lang):
    at = app_test("train", lang=lang)
    assert not at.exception
    assert at.title[0].value == t("train.title", lang)
    assert at.button(key="train_start").label == t("train.start", lang)
    assert at.number_input(key="train_epochs").label == t("train.epochs", lang)
    assert at.selectbox(key="train_optimizer").label == t("train.optimizer", lang)
    assert at.selectbox(key="train_lr_schedule").label == t("train.lr_schedule", lang)
    assert any(info.value == t("train.no_run", lang) for info in at.info)
    assert [header.value for header in at.header][:3] == [
        t("train.model_header", lang), t("train.hyper_header", lang), t("train.live_header", lang)]


def test_builder_shows_parameter_count(app_test):
    at = app_test("train")
    assert metric_value(at, t("train.param_count", "en")) == "421,642"
    at.radio(key="train_preset").set_value("custom").run()
    assert not at.exception
    # Two blocks of 32 and 64 filters with 3x3 kernels and 128 dense units: the lesson's network.
    assert metric_value(at, t("train.param_count", "en")) == "421,642"
    at.slider(key="train_conv_blocks").set_value(1).run()
    # One 3x3 conv with 32 filters (320), then 14*14*32 -> 128 (802,944), then 128 -> 10 (1,290).
    assert metric_value(at, t("train.param_count", "en")) == "804,554"
    table = at.dataframe[0].value
    assert list(table[t("train.col_type", "en")]) == [
        "InputLayer", "Rescaling", "Conv2D", "MaxPooling2D", "Flatten", "Dense", "Dense"]
    assert table[t("train.col_output_shape", "en")].iloc[2] == "(None, 28, 28, 32)"


def test_bengali_parameter_count_uses_bengali_digits(app_test):
    at = app_test("train", lang="bn")
    assert metric_value(at, t("train.param_count", "bn")) == "৪২১,৬৪২"


@pytest.mark.parametrize("field, value", [
    ("train_batch_size", 512),        # larger than the 256-image subset
    ("train_learning_rate", 0.0),
    ("train_learning_rate", 10.0),
    ("train_epochs", 0),
])
def test_bad_hyperparameters_show_the_message(app_test, field, value):
    at = app_test("train")
    at.number_input(key="train_subset").set_value(256)
    at.number_input(key=field).set_value(value)
    at.button(key="train_start").click().run()
    assert not at.exception
    settings = {"epochs": 5, "batch_size": 32, "learning_rate": 0.001, "subset": 256}
    settings[field.removeprefix("train_")] = value
    with pytest.raises(UserError) as caught:
        training.TrainConfig(**settings).validate(60_000)
    assert [error.value for error in at.error] == [t(caught.value.key, "en", **caught.value.values)]
    assert any(info.value == t("train.no_run", "en") for info in at.info)  # nothing started


def test_tiny_run_finishes_activates_and_saves(app_test, models_dir):
    at = app_test("train")
    at.number_input(key="train_subset").set_value(256)
    at.number_input(key="train_epochs").set_value(1)
    at.selectbox(key="train_lr_schedule").set_value("cosine")
    at.button(key="train_start").click().run()
    assert not at.exception
    # The run belongs to the browser session, not the page: it survives a visit to another page.
    at.switch_page("app_pages/home.py").run()
    at.switch_page("app_pages/train.py").run()
    assert not at.exception
    assert not any(info.value == t("train.no_run", "en") for info in at.info)
    wait_for_results(at)
    accuracy = float(metric_value(at, t("train.test_accuracy", "en")))
    assert 0.0 <= accuracy <= 1.0
    assert any(success.value == t("train.state_done", "en") for success in at.success)
    where_time_went = t("train.stages", "en", stages="")[:-1]
    (stages,) = [caption.value for caption in at.caption if caption.value.startswith(where_time_went)]
    for stage in jobs.progress.STAGES:                    # each stage named, with its seconds
        assert t(f"train.stage_{stage}", "en", seconds="")[:-1] in stages
    model, meta = at.session_state["active_model"]
    assert meta["dataset"] == "fashion_mnist" and meta["test_accuracy"] == pytest.approx(accuracy, abs=5e-4)
    assert meta["config"]["lr_schedule"] == "cosine"
    assert model.output_shape == (None, 10)

    at.text_input(key="train_save_name").input("tiny run")
    at.button(key="train_save").click().run()
    assert not at.exception
    assert any(success.value == t("train.saved", "en", name="tiny run") for success in at.success)
    listed = at.dataframe[-1].value
    assert list(listed[t("train.col_name", "en")]) == ["tiny run"]
    assert len(list(models_dir.glob("*.keras"))) == 1
    assert len(list(models_dir.glob("*.timeline.npz"))) == 1  # its replay is saved with it


def saved_run(models_dir, name: str, val_accuracy: list[float]) -> str:
    """Put a small (untrained) model with a made-up two-epoch history into the test's store."""
    from cnn_core import models, store

    model = models.build_model("small")
    history = {"loss": [0.9, 0.6], "accuracy": [0.7, 0.8], "val_loss": [1.0, 0.7], "val_accuracy": val_accuracy}
    meta = {"name": name, "dataset": "fashion_mnist", "preset": "small", "history": history,
            "test_accuracy": val_accuracy[-1], "test_loss": 0.7, "params": models.count_params(model)}
    return store.ModelStore(models_dir).save(model, meta)


def test_store_lists_compares_loads_and_deletes(app_test, models_dir):
    first = saved_run(models_dir, "first run", [0.70, 0.81])
    second = saved_run(models_dir, "second run", [0.72, 0.84])
    at = app_test("train")
    assert not at.exception
    listed = at.dataframe[-1].value
    assert sorted(listed[t("train.col_name", "en")]) == ["first run", "second run"]
    assert sorted(listed[t("train.col_test_accuracy", "en")]) == ["81.0%", "84.0%"]
    assert sorted(at.multiselect(key="train_compare").value) == sorted([first, second])
    compare = json.loads(at.get("plotly_chart")[-1].proto.spec)   # decoded: plotly may write "·" escaped
    assert "second run · validation" in [trace.get("name") for trace in compare["data"]]

    at.selectbox(key="train_store_pick").set_value(first).run()
    at.button(key="train_load").click().run()
    assert not at.exception
    assert any(success.value == t("train.loaded", "en", name="first run") for success in at.success)
    model, meta = at.session_state["active_model"]
    assert meta["run_id"] == first and model.count_params() == meta["params"]

    at.selectbox(key="train_store_pick").set_value(second).run()
    at.button(key="train_delete").click().run()
    assert not at.exception
    assert any(success.value == t("train.deleted", "en", name="second run") for success in at.success)
    assert list(at.dataframe[-1].value[t("train.col_name", "en")]) == ["first run"]
    assert not (models_dir / f"{second}.keras").exists()


def test_upload_refuses_a_bad_file_then_takes_a_good_one(app_test, models_dir, tmp_path):
    from cnn_core import models, store

    at = app_test("train", lang="bn")
    at.file_uploader(key="train_upload").set_value(("notes.keras", b"not a model at all", "application/octet-stream"))
    at.run()
    assert not at.exception
    assert [error.value for error in at.error] == [t("store.err_not_keras", "bn", file="notes.keras")]

    good = tmp_path / "my-net.keras"
    store.save_model_file(models.build_model("small"), good)
    at.file_uploader(key="train_upload").set_value(("my-net.keras", good.read_bytes(), "application/octet-stream"))
    at.run()
    assert not at.exception and not at.error
    assert any(success.value == t("train.uploaded", "bn", name="my-net") for success in at.success)
    assert at.session_state["active_model"][1]["dataset"] == "fashion_mnist"
    table = at.dataframe[-1].value
    assert list(table[t("train.col_name", "bn")]) == ["my-net"]
    assert list(table[t("train.col_preset", "bn")]) == [t("train.preset_upload", "bn")]
    saved_at = table[t("train.col_created", "bn")][0]     # e.g. ২০২৬-১২-০৭ ২২:৫১, in Bengali numerals
    assert re.fullmatch(r"[০-৯]{4}-[০-৯]{2}-[০-৯]{2} [০-৯]{2}:[০-৯]{2}", saved_at), saved_at


@pytest.fixture
def one_slot(monkeypatch):
    """The page's job service with one training slot (on the app's own cluster), and a job that
    holds that slot at its first batch until the test lets it go: ``(service, release)``."""
    import ui.training

    service = jobs.JobService(cluster.get_client, max_running=1)
    monkeypatch.setattr(ui.training, "job_service", lambda: service)
    gate = f"gate-{uuid.uuid4().hex[:8]}"
    blocker = service.submit(jobs.JobSpec.training(
        training.TrainConfig(preset="small", subset=2000, epochs=1), callbacks=(GateAtFirstBatch(gate),)))
    assert Event(f"{gate}-reached", client=service.client()).wait(180)

    def release():
        blocker.stop()
        Event(f"{gate}-open", client=service.client()).set()

    yield service, release
    release()
    service.close()


def test_queued_run_shows_its_place_in_line(app_test, one_slot):
    """With the only training slot taken, a new run waits and says it is number 1 in line."""
    service, release = one_slot
    at = app_test("train")
    at.number_input(key="train_subset").set_value(256)
    at.number_input(key="train_epochs").set_value(1)
    at.button(key="train_start").click().run()
    assert not at.exception
    assert any(warning.value == t("train.state_queued", "en", position=1) for warning in at.warning)
    assert service.counts() == (1, 1)
    # While a run is on, its replay waits for its end (drawn live it would slow the run down) ...
    assert any(caption.value == t("replay.after_run", "en") for caption in at.caption)
    assert "train_replay_frame" not in [slider.key for slider in at.slider]
    follow = at.toggle(key="train_replay_follow")
    assert follow.label == t("replay.follow", "en") and follow.value is False
    follow.set_value(True).run()  # ... unless the learner follows it: it then looks for snapshots
    assert not any(caption.value == t("replay.after_run", "en") for caption in at.caption)
    assert any(caption.value == t("replay.waiting", "en") for caption in at.caption)
    release()  # the slot frees up: the queued run now trains to the end
    wait_for_results(at)
    assert at.slider(key="train_replay_frame").value == at.slider(key="train_replay_frame").max  # it opens on the end
    where = t("train.where", "en", host=socket.gethostname(), cores=cluster.cores_per_slot())
    assert any(caption.value.startswith(where) for caption in at.caption)  # which cores the run used


def test_closing_the_session_stops_its_run(fashion):
    """What ``on_release`` does when a tab closes: the running job stops and frees its slot."""
    from ui.training import release_when_the_tab_closes
    from ui.training import TrainingSession, job_service

    session = TrainingSession()
    job = session.start(training.TrainConfig(preset="small", subset=2000, epochs=50, batch_size=32), None)
    deadline = time.time() + 180
    while not job.snapshot().batches_done:
        assert time.time() < deadline, "the run never began"
        job.poll()
        time.sleep(0.2)
    release_when_the_tab_closes(session)  # made outside a session: nothing can take it back
    assert job.wait(180)
    snapshot = job.snapshot()
    assert snapshot.state == jobs.STOPPED and len(snapshot.epochs) < 50
    assert job_service().counts() == (0, 0)
