"""A learner's training run in the real app against the lesson's own loop, in one command.

* **app** — ``streamlit run app.py`` on 127.0.0.1 and Debian's Chromium (Playwright), as a learner
  meets it: the home page first (the server starts its training workers when the app first runs),
  ``--think-seconds`` of reading, then "Train" in the sidebar; once the page is drawn (its two empty
  charts on the screen: the seconds from the click are printed), its **form defaults**, only "Training
  images to use" and "Epochs" changed (20,000 and 2), then **Start training**; timed from the click
  until the page says "Finished." (the run has trained, been tested on the 10,000 test pictures and
  come back to the page). Then **Start training** again on the same page (``--runs``): the later
  runs find a warm worker that kept the compiled network. The page's test accuracy is read off the page.
* **stages** of each app run: click → the first batch's progress on the page, and where the run's time
  went as the page says after it ("Where the time went": the worker's getting ready, first batch,
  training and testing, the app's to and from the worker); the rest of click → "Finished." is the
  page's own (the Start click's rerun, the live view's once-a-second look, the last rerun).
* **lesson loop** — in this plain process, before the server starts: ``tf.data`` from the same uint8
  arrays (the same 18,000 training and 2,000 validation pictures the app's run draws, seed 0),
  ``map(normalize)``, ``shuffle``, ``batch(32)``, the lesson's ``padding='same'`` network,
  ``model.fit(epochs=2, validation_data=...)``: that ``fit`` is timed, then the model is tested on
  the same test split (not timed: the app's time includes its test, so the ratio is conservative).
  The loop runs before the server starts and again after each app run (the page waits meanwhile);
  each run's ratio uses the faster of the loops just before and just after it, so a machine whose
  speed drifts (a shared VM: the same loop took 10 s and 21 s in one command) cannot flatter the app,
  and a slow spell during one loop does not count against a run far from it.

Also measured while the app trains: the Streamlit server process's CPU (its worker processes left
out), as a share of one core, with this one tab watching. The last lines are
``app_vs_lesson_loop_first: X.XX`` (the first run after the page opens), ``app_vs_lesson_loop_warm``
(the best later run) and both test accuracies.

    python bench/app_training.py             # about three and a half minutes on 2 cores
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import baseline  # noqa: E402  (same folder; puts the repository on sys.path)

RUN_TIMEOUT_S = 900


def lesson_loop(data, images: int, epochs: int) -> dict:
    """The lesson's loop on the pictures the app's run draws: fit seconds and test accuracy."""
    import tensorflow as tf

    from cnn_core import training

    train_idx, val_idx = training.split_indices(len(data.train_images), images, 0.1, seed=0)
    train = baseline.lesson_pipeline(data.train_images[train_idx], data.train_labels[train_idx])
    validation = (tf.data.Dataset.from_tensor_slices((data.train_images[val_idx], data.train_labels[val_idx]))
                  .map(baseline.normalize).batch(32))
    model = baseline.compiled_lesson_model()
    started = time.perf_counter()
    model.fit(train, epochs=epochs, validation_data=validation, verbose=0)
    seconds = time.perf_counter() - started
    test = baseline.lesson_pipeline(data.test_images, data.test_labels, shuffle=False)
    _, accuracy = model.evaluate(test, verbose=0)
    return {"seconds": seconds, "test_accuracy": float(accuracy), "train_images": len(train_idx)}


def metric_value(page, label: str) -> str:
    """The value of the ``st.metric`` whose label is ``label``."""
    metric = page.locator('[data-testid="stMetric"]').filter(
        has=page.locator('[data-testid="stMetricLabel"]', has_text=label)).first
    return metric.locator('[data-testid="stMetricValue"]').inner_text().strip()


def app_run(url: str, server_pid: int, images: int, epochs: int, think_seconds: float, runs: int,
            float32: bool = False, after_each=lambda: None) -> list[dict]:
    """``runs`` runs on one Train page in Chromium, one after the other; per run the seconds from the
    Start click to "Finished." and its stages. ``float32`` ticks the page's "always float32" box first;
    ``after_each()`` is called after each run, while the page waits."""
    import psutil
    from playwright.sync_api import sync_playwright

    from cnn_core.figures import training as figures
    from cnn_core.i18n import t
    from tools.app_server import launch_chromium, open_page, wait_for_idle

    server = psutil.Process(server_pid)
    results = []
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
        page.set_default_timeout(120_000)
        open_page(page, url)  # the home page: the app's first run starts the training workers
        time.sleep(think_seconds)
        opened = time.perf_counter()
        page.get_by_test_id("stSidebarNavItems").get_by_role("link", name=t("nav.train", "en"), exact=True).click()
        for metric in figures.METRICS:  # the live view's empty axes: the page is on the screen
            page.locator(f".st-key-train_live_{metric} .main-svg").first.wait_for()
        wait_for_idle(page)
        drawn = time.perf_counter() - opened
        page.get_by_role("spinbutton", name=t("train.subset", "en")).fill(str(images))
        page.get_by_role("spinbutton", name=t("train.epochs", "en")).fill(str(epochs))
        if float32:
            page.get_by_text(t("precision.force_float32", "en")).click()
        defaults = {name: page.get_by_role("spinbutton", name=t(key, "en")).input_value()
                    for name, key in (("batch", "train.batch_size"), ("learning rate", "train.learning_rate"))}
        for _ in range(runs):
            results.append(_one_run(page, server, t, wait_for_idle))
            results[-1].update(defaults=defaults, page_drawn=drawn)
            after_each()
        browser.close()
    return results


def _one_run(page, server, t, wait_for_idle) -> dict:
    """Click Start, watch the page until "Finished.", read the result."""
    from cnn_core.jobs.progress import STAGES

    import psutil

    here = psutil.Process()
    workers = server.children(recursive=True)  # the training cluster's scheduler and workers
    browser = [child for child in here.children(recursive=True) if "chrom" in child.name().lower()]
    driver = [child for child in here.children(recursive=True)  # Playwright's driver
              if child not in browser and child != server and child not in workers]
    groups = ([server], workers, browser, [here, *driver])
    cpu_before = [baseline.cpu_seconds(group) for group in groups]
    clicked = time.perf_counter()
    page.get_by_role("button", name=t("train.start", "en")).click()
    first_progress = None
    deadline = clicked + RUN_TIMEOUT_S
    done = page.get_by_text(t("train.state_done", "en"))
    failed = page.locator('[data-testid="stAlertContentError"]')
    while done.count() and time.perf_counter() < deadline:  # the last run's "Finished." goes first
        time.sleep(0.05)
    while time.perf_counter() < deadline:
        if done.count():
            break
        if failed.count():
            raise RuntimeError(f"the run failed: {failed.first.inner_text()}")
        if first_progress is None and re.search(r"· [1-9]\d*%", _progress_text(page)):
            first_progress = time.perf_counter() - clicked
        time.sleep(0.05)
    else:
        raise RuntimeError(f"the run did not finish in {RUN_TIMEOUT_S} s")
    seconds = time.perf_counter() - clicked
    server_cpu, workers_cpu, browser_cpu, bench_cpu = (baseline.cpu_seconds(group) - before
                                                       for group, before in zip(groups, cpu_before))
    page.get_by_text(t("train.test_accuracy", "en")).first.wait_for()
    wait_for_idle(page)
    accuracy = float(metric_value(page, t("train.test_accuracy", "en")))
    speed = metric_value(page, t("train.metric_speed", "en"))
    where = page.get_by_text(re.compile(r"^This run trains in a separate worker process")).first.inner_text()
    went = page.get_by_text(re.compile("^" + re.escape(t("train.stages", "en", stages="")[:-1]))).first.inner_text()
    stages = {name: float(found[1]) for name in STAGES
              if (found := re.search(re.escape(t(f"train.stage_{name}", "en", seconds="")) + r"([\d.]+) s", went))}
    return {"seconds": seconds, "test_accuracy": accuracy, "first_progress": first_progress, "stages": stages,
            "server_cpu_share": server_cpu / seconds, "workers_cpu_share": workers_cpu / seconds,
            "browser_cpu_share": browser_cpu / seconds,
            "bench_cpu_share": bench_cpu / seconds, "speed": speed, "where": where}


def _progress_text(page) -> str:
    progress = page.locator('[data-testid="stProgress"]')
    return progress.first.inner_text() if progress.count() else ""


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--images", type=int, default=20_000)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--think-seconds", type=float, default=10.0,
                        help="time on the home page before the Train page, as a learner reading it")
    parser.add_argument("--runs", type=int, default=3, help="runs one after the other on the same page")
    parser.add_argument("--float32", action="store_true",
                        help="tick the page's 'always float32' box: a machine without native bfloat16, as near "
                             "as this one can show it (the workers warm up the bfloat16 network, so the first "
                             "run also traces the float32 one)")
    args = parser.parse_args(argv)

    import os

    from cnn_core import datasets, precision
    from tools.app_server import start_server, stop_server

    print(baseline.cpu_flags_line())
    print(f"load average at the start: {' '.join(f'{value:.1f}' for value in os.getloadavg())}")
    print(f"this machine trains in: {precision.machine_precision().label('en')}; "
          f"{args.images} pictures (10% held back for validation), {args.epochs} epochs")
    data = datasets.load("fashion_mnist")
    lessons = [lesson_loop(data, args.images, args.epochs)]
    print(f"lesson loop (plain process) before the app: {lessons[0]['seconds']:.1f} s for model.fit on "
          f"{lessons[0]['train_images']} pictures, test accuracy {lessons[0]['test_accuracy']:.4f}", flush=True)
    process, url = start_server()
    try:
        runs = app_run(url, process.pid, args.images, args.epochs, args.think_seconds, args.runs, args.float32,
                       after_each=lambda: lessons.append(lesson_loop(data, args.images, args.epochs)))
    finally:
        stop_server(process)
    print("lesson loop after each app run: " + ", ".join(f"{lesson['seconds']:.1f} s" for lesson in lessons[1:]))
    for app, before, after in zip(runs, lessons, lessons[1:]):
        app["lesson_seconds"] = min(before["seconds"], after["seconds"])  # the faster: the ratio errs low
        app["ratio"] = app["lesson_seconds"] / app["seconds"]
    lesson = lessons[0]
    print(f"load average at the end: {' '.join(f'{value:.1f}' for value in os.getloadavg())}")
    defaults = runs[0]["defaults"]
    print(f"app (Chromium, form defaults: batch {defaults['batch']}, learning rate {defaults['learning rate']}; "
          f"the Train page drawn {runs[0]['page_drawn']:.1f} s after its sidebar link's click):")
    for number, app in enumerate(runs, start=1):
        first = "not seen" if app["first_progress"] is None else f"{app['first_progress']:.1f} s"
        stages = app["stages"]
        page_share = app["seconds"] - sum(stages.values())
        print(f"  run {number}: {app['seconds']:.1f} s from Start to Finished (first batch on the page after "
              f"{first}), test accuracy {app['test_accuracy']:.4f}, {app['speed']} img/s on the page, "
              f"CPU in % of one core: server {100 * app['server_cpu_share']:.1f}, training cluster "
              f"{100 * app['workers_cpu_share']:.1f}, Chromium "
              f"{100 * app['browser_cpu_share']:.1f}, this script and Playwright {100 * app['bench_cpu_share']:.1f}")
        print("         stages: " + ", ".join(f"{name} {seconds:.2f} s" for name, seconds in stages.items())
              + f"; the page's own share (click's rerun, polling, last rerun) {page_share:.2f} s")
        print(f"         against the lesson loop's {app['lesson_seconds']:.1f} s around it: {app['ratio']:.2f}")
    print(f"  {runs[0]['where']}")
    warm = max(runs[1:], key=lambda app: app["ratio"]) if len(runs) > 1 else None
    print(f"lesson_test_accuracy: {lesson['test_accuracy']:.4f}")
    print(f"app_test_accuracy: {runs[0]['test_accuracy']:.4f}  "
          f"({100 * (runs[0]['test_accuracy'] - lesson['test_accuracy']):+.2f} points)")
    print(f"app_vs_lesson_loop_first: {runs[0]['ratio']:.2f}")
    if warm is not None:
        print(f"app_vs_lesson_loop_warm: {warm['ratio']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
