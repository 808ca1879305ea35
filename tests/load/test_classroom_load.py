"""A classroom on one laptop: 20 browser sessions at once against one ``streamlit run app.py``.

The real classroom mix: every session picks its own language (the languages in turn) and visits the pages;
two sessions train a run each on the Train page and two teach the app their own classes (an example
set imported on the Teach page, then a transfer-learning run), all four at the same moment while the
server allows two runs at a time, so two must wait in line; the others load the class model the
teacher saved; ten sessions draw several strokes on the Classify canvas and every other one draws
once, each timing its answer. At the end one session leaves a long run going and every tab closes:
the server must stop that run and come back to zero live trainings. Meanwhile the last session hands
the app hostile files (a picture of twice the pixels it decodes, an example zip that names one big
picture a thousand times, a .keras file whose config asks for a huge layer): each must be refused with
a message while everyone else carries on.

What must hold: no session sees another's language, model, run or drawing; no page shows an
exception or an error box; every run finishes; the server's memory stays bounded. The measured
figures (drawings answered p50/p95, errors, server RSS, runs finished) are printed and written to
``bench/results/classroom_load.json``.

Playwright's sync API is single-threaded, so the sessions are driven with the async API and
``asyncio.gather`` on one Chromium (one browser context = one Streamlit session).
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time

import psutil
import pytest
from playwright.async_api import TimeoutError as PlaywrightTimeout

from app_pages import DEFAULT_PAGE, PAGES
from cnn_core import i18n
from tools.app_server import CHROMIUM, ROOT, start_server

SESSIONS = int(os.environ.get("FCL_LOAD_SESSIONS", "20"))
LANGUAGES = list(i18n.LANGUAGES)  # the sessions take the languages in turn
MAX_TRAINING_JOBS = 2
TRAINERS = [  # two train and two teach, all at once; the cap of two makes two of them wait
    {"epochs": 1, "subset": 400, "seed": 11},
    {"epochs": 2, "subset": 500, "seed": 22},
]
TEACHERS = 2                # the sessions after the trainers teach their own classes
DRAWERS = 10                # the first sessions of the rest draw STROKES strokes each; the others once
STROKES = 3
TEACH_CLASSES = ("zero", "one")   # the teachers' own classes: MNIST digits under these names
TEACH_PER_CLASS = 12
CLASS_MODEL_NAME = "class model (teacher)"
# URL path -> the i18n key of the page's title; "" is the app's root (Home).
PAGE_TITLES = {"": DEFAULT_PAGE.title_page_key, **{spec.url: spec.title_page_key for spec in PAGES}}
APP_IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
TIMEOUT_MS = 150_000
CLOCK_START = time.perf_counter()
# Three tiny runs, one after a wait, while 20 sessions browse: on a 2-core machine shared with
# other work one 450-image epoch took over 100 s in the full classroom, so allow for it.
TRAINING_DEADLINE_S = 480
RESULTS = ROOT / "bench" / "results" / "classroom_load.json"
# Generous bounds: TensorFlow, both datasets and 20 sessions' models fit well inside these.
MAX_PEAK_RSS_MB = 8192
MAX_GROWTH_PER_SESSION_MB = 250


class MemorySampler:
    """Samples the server's resident memory (with any child processes) every ``every`` seconds."""

    def __init__(self, pid: int, every: float = 0.5):
        self.process = psutil.Process(pid)
        self.every = every
        self.samples: list[tuple[float, float]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def rss_mb(self) -> float:
        processes = [self.process, *self.process.children(recursive=True)]
        total = 0
        for process in processes:
            try:
                total += process.memory_info().rss
            except psutil.NoSuchProcess:
                pass
        return total / 2**20

    def _run(self):
        while not self._stop.is_set():
            self.samples.append((time.time(), self.rss_mb()))
            self._stop.wait(self.every)

    def start(self):
        self._thread.start()
        return self

    def stop(self):
        self._stop.set()
        self._thread.join()

    @property
    def peak_mb(self) -> float:
        return max(rss for _, rss in self.samples)


# ----------------------------------------------------------------------------- browser helpers
def log(report: dict, message: str) -> None:
    """Progress on stderr (shown with ``-s``), so a slow or stuck step is easy to find."""
    print(f"[{time.perf_counter() - CLOCK_START:7.1f}s] session {report['index']:2d} ({report['lang']}): {message}",
          file=sys.stderr, flush=True)


async def wait_idle(page) -> None:
    await page.wait_for_selector(APP_IDLE, timeout=TIMEOUT_MS)
    await asyncio.sleep(0.4)
    await page.wait_for_selector(APP_IDLE, timeout=TIMEOUT_MS)


async def problems_on(page, where: str) -> list[str]:
    """Exceptions and error boxes on the page right now, described for the failure message."""
    found = []
    for selector, kind in (('[data-testid="stException"]', "exception"),
                           ('[data-testid="stAlertContentError"]', "error box")):
        for element in await page.locator(selector).all():
            found.append(f"{where}: {kind}: {(await element.inner_text())[:300]}")
    return found


async def go_to(page, path: str, report: dict) -> None:
    """Switch page inside the app (the sidebar link keeps the same Streamlit session).

    A click can be lost when it lands while the page reruns itself (the Train page does when a run
    ends), as a person's click would be; like a person, click again, and log it.
    """
    link = page.locator(f'[data-testid="stSidebarNav"] a[href$="/{path}"]').first
    wanted = re.compile(rf"/{path}/?(\?[^/]*)?$")  # a lesson link may follow (?lang=bn&...)
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while True:
        await link.click()
        try:
            await page.wait_for_url(wanted, timeout=30_000)
            break
        except PlaywrightTimeout:
            if time.monotonic() > deadline:
                raise
            log(report, f"the /{path} link did not navigate within 30 s; clicking again")
    await wait_idle(page)


async def visit(page, path: str, lang: str, report: dict) -> None:
    """Go to ``path``, then check the page is in this session's language and shows no error."""
    log(report, f"-> /{path}")
    if path:
        await go_to(page, path, report)
    title = i18n.t(PAGE_TITLES[path], lang)
    try:
        await page.locator("h1").filter(has_text=title).first.wait_for(timeout=TIMEOUT_MS)
    except Exception:  # noqa: BLE001 - reported with what the page shows instead
        shown = await page.locator("h1").first.inner_text()
        report["failures"].append(f"session {report['index']} ({lang}) on /{path}: title {shown!r}, "
                                  f"expected {title!r}")
    await wait_idle(page)
    report["failures"] += await problems_on(page, f"session {report['index']} /{path}")


async def state_text(page) -> str:
    alerts = page.locator('[data-testid="stAlert"]')
    return " | ".join([await alert.inner_text() for alert in await alerts.all()])


async def train_and_watch(page, lang: str, spec: dict, start_together: asyncio.Barrier, report: dict) -> None:
    """Fill the form with this session's settings, start with the others, watch the states."""
    # The "small" preset: fast. (Pick it by its text: the radio's own title is a <label> too.)
    await page.locator(".st-key-train_preset").get_by_text(i18n.t("train.preset_small", lang), exact=True).click()
    await wait_idle(page)
    for key in ("epochs", "subset", "seed"):
        field = page.locator(f".st-key-train_{key} input")
        await field.fill(str(spec[key]))
    log(report, "waiting for the other trainers")
    await asyncio.wait_for(start_together.wait(), TIMEOUT_MS / 1000)
    log(report, "start training")
    await page.locator(".st-key-train_start button").click()
    queued_prefix = i18n.t("train.state_queued", lang, position="\x00").split("\x00")[0]
    markers = {"queued": queued_prefix, "running": i18n.t("train.state_running", lang),
               "done": i18n.t("train.state_done", lang)}
    seen: list[str] = []
    report["timeline"] = []  # (seconds since the test began, state) at every change this tab saw
    deadline = time.time() + TRAINING_DEADLINE_S
    while time.time() < deadline:
        text = await state_text(page)
        for state, marker in markers.items():
            if marker in text and (not seen or seen[-1] != state):
                seen.append(state)
                report["timeline"].append((time.perf_counter() - CLOCK_START, state))
                if state == "queued":
                    report["queue_text"] = text
        if seen and seen[-1] == "done":
            log(report, f"states seen: {seen}")
            break
        await asyncio.sleep(0.25)
    report["states"] = seen
    # The full rerun after "done" is what makes the new model the session's active one.
    await page.get_by_text(i18n.t("train.active_now", lang)).wait_for(timeout=TIMEOUT_MS)
    await wait_idle(page)
    progress = await page.locator('[data-testid="stProgress"]').first.inner_text()
    total = i18n.number(spec["epochs"], lang)
    expected = i18n.t("train.epoch_progress", lang, epoch=total, total=total, percent=i18n.number(100, lang))
    if expected not in progress:
        report["failures"].append(f"session {report['index']}: own run shows {progress!r}, expected {expected!r}")
    for key in ("epochs", "subset", "seed"):
        value = await page.locator(f".st-key-train_{key} input").input_value()
        if value != str(spec[key]):
            report["failures"].append(f"session {report['index']}: form {key}={value}, own setting {spec[key]}")
    report["failures"] += await problems_on(page, f"session {report['index']} /train after run")


async def load_class_model(page, lang: str, report: dict) -> None:
    """Pick the teacher's saved model from the store and make it this session's active model."""
    no_run = i18n.t("train.no_run", lang)
    if await page.get_by_text(no_run).count() != 1:
        report["failures"].append(f"session {report['index']}: Train page shows a run it never started")
    await page.locator(".st-key-train_load button").click()
    await page.get_by_text(i18n.t("train.loaded", lang, name=CLASS_MODEL_NAME)).wait_for(timeout=TIMEOUT_MS)
    await wait_idle(page)


async def stroke(page, index: int, part: int) -> None:
    """One stroke on the Classify canvas, different per session (``index``) and per stroke (``part``)."""
    canvas = page.locator(".st-key-classify_canvas canvas").last
    await canvas.wait_for(timeout=TIMEOUT_MS)
    await canvas.scroll_into_view_if_needed()
    box = await canvas.bounding_box()
    x = box["x"] + box["width"] * (0.2 + 0.5 * ((index + part) % 5) / 4)
    top = 0.1 + 0.1 * part
    await page.mouse.move(x, box["y"] + box["height"] * top)
    await page.mouse.down()
    for step in range(1, 9):
        await page.mouse.move(x + (index % 3) * step * 2, box["y"] + box["height"] * (top + 0.06 * step))
    await page.mouse.up()


async def draw_and_classify(page, index: int, lang: str, model_name: str, report: dict, strokes: int = 1) -> None:
    """Draw ``strokes`` strokes, timing each answer (the script run that follows the mouse release),
    then check the model named and the history (one picture: the drawing, however many strokes)."""
    report["latencies_s"] = []
    for part in range(strokes):
        await page.evaluate("window.__fclRuns = []")
        await stroke(page, index, part)
        released = time.perf_counter()
        log(report, f"stroke {part + 1} drawn; waiting for the answer")
        if part == 0:
            await page.get_by_text(i18n.t("classify.probabilities_header", lang)).wait_for(timeout=TIMEOUT_MS)
            await page.locator('[data-testid="stPlotlyChart"]').first.wait_for(timeout=TIMEOUT_MS)
        else:  # the answer is on the page already: wait for the script run this stroke caused to end
            await page.wait_for_function("window.__fclRuns.includes('notRunning')", timeout=TIMEOUT_MS)
        report["latencies_s"].append(time.perf_counter() - released)
        log(report, f"answer after {report['latencies_s'][-1]:.2f} s")
        await wait_idle(page)
    in_use = await page.get_by_text(re.compile(re.escape(model_name))).count()
    if not in_use:
        report["failures"].append(f"session {report['index']}: Classify does not name its own model {model_name!r}")
    history = page.locator('[data-testid="stExpander"]').filter(has_text=i18n.t("classify.history_header", lang))
    await history.locator("summary").first.click()
    await history.locator("img").first.wait_for(timeout=TIMEOUT_MS)
    thumbnails = await history.locator("img").count()
    if thumbnails != 1:
        report["failures"].append(f"session {report['index']}: {thumbnails} drawings in its history, expected 1")
    report["failures"] += await problems_on(page, f"session {report['index']} /classify after drawing")


RECORD_RUNS = """
window.__fclRuns = [];
new MutationObserver(records => {
  for (const record of records) { window.__fclRuns.push(record.target.getAttribute('data-test-script-state')); }
}).observe(document, {attributes: true, subtree: true, attributeFilter: ['data-test-script-state']});
"""


async def teach_and_watch(page, lang: str, index: int, archive: str, start_together: asyncio.Barrier,
                          report: dict) -> None:
    """Import an example set of two own classes on the Teach page, start teaching with the trainers,
    wait for the held-out accuracy (the run finished and the taught model is this session's)."""
    await visit(page, "teach", lang, report)
    await page.locator(".st-key-teach_import_0 input[type='file']").set_input_files(archive)
    await page.get_by_text(i18n.t("teach.imported", lang, count=i18n.number(2 * TEACH_PER_CLASS, lang),
                                  name=os.path.basename(archive))).wait_for(timeout=TIMEOUT_MS)
    await wait_idle(page)
    log(report, "waiting for the other trainers")
    await asyncio.wait_for(start_together.wait(), TIMEOUT_MS / 1000)
    log(report, "start teaching")
    await page.locator(".st-key-teach_start button").click()
    report["timeline"] = [(time.perf_counter() - CLOCK_START, "started")]
    await page.get_by_text(i18n.t("teach.holdout_accuracy", lang)).first.wait_for(timeout=TRAINING_DEADLINE_S * 1000)
    await page.get_by_text(i18n.t("teach.active_now", lang)).wait_for(timeout=TIMEOUT_MS)
    report["timeline"].append((time.perf_counter() - CLOCK_START, "done"))
    report["states"] = ["started", "done"]
    await wait_idle(page)
    report["failures"] += await problems_on(page, f"session {report['index']} /teach after teaching")


async def upload_expecting_refusal(page, lang: str, path: str, selector: str, file: str, report: dict) -> None:
    """Hand the page a hostile file: it must answer with a message (an error box), never an exception,
    and stay usable."""
    await go_to(page, path, report)
    if path == "classify":
        await page.get_by_role("tab", name=i18n.t("classify.tab_upload", lang)).first.click()
    await page.locator(f"{selector} input[type='file']").set_input_files(file)
    await page.locator('[data-testid="stAlertContentError"]').first.wait_for(timeout=TIMEOUT_MS)
    await wait_idle(page)
    report["refusals"] = report.get("refusals", 0) + 1
    for element in await page.locator('[data-testid="stException"]').all():
        report["failures"].append(f"session {report['index']} /{path} hostile upload: exception: "
                                  f"{(await element.inner_text())[:300]}")
    log(report, f"/{path} refused {os.path.basename(file)}")


async def hostile_uploads(page, lang: str, files: dict, report: dict) -> None:
    """One learner hands the app every kind of hostile file while the class works."""
    await upload_expecting_refusal(page, lang, "classify", ".st-key-classify_upload", files["pixel_bomb"], report)
    await upload_expecting_refusal(page, lang, "teach", ".st-key-teach_import_0", files["repeated_zip"], report)
    await upload_expecting_refusal(page, lang, "train", ".st-key-train_upload", files["config_bomb"], report)
    await visit(page, "", lang, report)  # and the app still answers


async def one_session(browser, url: str, index: int, start_together: asyncio.Barrier, archive: str,
                      hostile: dict) -> tuple:
    lang = LANGUAGES[index % len(LANGUAGES)]
    spec = TRAINERS[index] if index < len(TRAINERS) else None
    teaches = len(TRAINERS) <= index < len(TRAINERS) + TEACHERS
    runs_first = len(TRAINERS) + TEACHERS
    strokes = STROKES if runs_first <= index < runs_first + DRAWERS else 1
    report = {"index": index, "lang": lang, "failures": []}
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    page = await context.new_page()
    await page.add_init_script(RECORD_RUNS)
    try:
        await page.goto(url)
        await page.wait_for_selector('[data-testid="stSidebar"] [role="radiogroup"]', timeout=TIMEOUT_MS)
        await wait_idle(page)
        if lang != i18n.DEFAULT_LANGUAGE:
            await page.locator('[data-testid="stSidebar"]').get_by_text(i18n.LANGUAGES[lang], exact=True).first.click()
            await wait_idle(page)
        await visit(page, "", lang, report)
        if index == SESSIONS - 1:  # the last learner tries the hostile files first
            await hostile_uploads(page, lang, hostile, report)
        await visit(page, "datasets", lang, report)
        await visit(page, "conv_lab", lang, report)
        await visit(page, "train", lang, report)
        if spec is not None:
            await train_and_watch(page, lang, spec, start_together, report)
            model_name = i18n.t("train.preset_small", lang)
        else:
            await load_class_model(page, lang, report)
            model_name = CLASS_MODEL_NAME
        if teaches:  # the taught model becomes the session's: its answers name the learner's classes
            await teach_and_watch(page, lang, index, archive, start_together, report)
            model_name = i18n.t("teach.model_name", lang, classes=", ".join(TEACH_CLASSES))
        await visit(page, "classify", lang, report)
        await draw_and_classify(page, index, lang, model_name, report, strokes)
        await visit(page, "inside", lang, report)
        log(report, "all pages done")
    except Exception as exc:  # noqa: BLE001 - one session's failure is reported, the others go on
        report["failures"].append(f"session {index} ({lang}) stopped: {type(exc).__name__}: {str(exc)[:400]}")
        await page.screenshot(path=f"{tempfile.gettempdir()}/classroom-session-{index}.png", full_page=True)
    return context, page, report


def run_in_own_loop(coroutine):
    """Run ``coroutine`` to its end on a fresh event loop in its own thread: the browser tier's
    synchronous Playwright may still hold this thread's loop when the load test starts."""
    outcome = {}

    def run():
        try:
            outcome["value"] = asyncio.run(coroutine)
        except BaseException as exc:  # noqa: BLE001 - re-raised in the test's thread below
            outcome["error"] = exc

    thread = threading.Thread(target=run, name="classroom")
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def live_jobs(text: str) -> tuple[int, int]:
    """(running, queued) from the Home page's English server line."""
    pattern = i18n.t("report.server_jobs", "en", running=r"(\d+)", queued=r"(\d+)")
    match = re.search(pattern, text)
    assert match, f"no server training count on the Home page: {text[-400:]!r}"
    return int(match.group(1)), int(match.group(2))


async def home_jobs(page, url: str) -> tuple[int, int]:
    await page.goto(url)
    await wait_idle(page)
    return live_jobs(await page.locator('[data-testid="stMain"]').inner_text())


async def classroom(url: str, sampler: MemorySampler, archive: str, hostile: dict) -> dict:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                                   args=["--no-sandbox", "--disable-dev-shm-usage",
                                                         "--disable-gpu"])
        observer_context = await browser.new_context()
        observer_context.set_default_timeout(TIMEOUT_MS)
        observer = await observer_context.new_page()
        assert await home_jobs(observer, url) == (0, 0)
        baseline_mb = sampler.rss_mb()  # TensorFlow and the dataset are loaded by now

        started = time.perf_counter()
        start_together = asyncio.Barrier(len(TRAINERS) + TEACHERS)
        sessions = await asyncio.gather(*[one_session(browser, url, index, start_together, archive, hostile)
                                          for index in range(SESSIONS)])
        all_done_s = time.perf_counter() - started
        peak_with_sessions_mb = sampler.peak_mb

        # One session leaves a long run going; everyone closes their tab; the server must let go.
        context, page, report = sessions[3]
        await go_to(page, "train", report)
        await page.locator(".st-key-train_epochs input").fill("50")
        await page.locator(".st-key-train_subset input").fill("6000")
        await page.locator(".st-key-train_start button").click()
        await page.get_by_text(i18n.t("train.state_running", report["lang"])).wait_for(timeout=TIMEOUT_MS)
        jobs_before_close = await home_jobs(observer, url)
        for context, _, _ in sessions:
            await context.close()
        closed = time.perf_counter()
        jobs_after_close = jobs_before_close
        while time.perf_counter() - closed < 180:
            await asyncio.sleep(2)
            jobs_after_close = await home_jobs(observer, url)
            if jobs_after_close == (0, 0):
                break
        released_s = time.perf_counter() - closed
        await observer_context.close()
        await browser.close()

    return {"reports": [report for _, _, report in sessions], "all_done_s": all_done_s,
            "baseline_mb": baseline_mb, "peak_with_sessions_mb": peak_with_sessions_mb,
            "jobs_before_close": jobs_before_close, "jobs_after_close": jobs_after_close,
            "released_s": released_s}


@pytest.fixture(scope="module")
def own_classes_zip(tmp_path_factory) -> str:
    """The example set the teaching sessions import: two classes of their own."""
    from tests.support.teach import digits_set

    path = tmp_path_factory.mktemp("own-classes") / "own_classes.zip"
    path.write_bytes(digits_set(TEACH_CLASSES, per_class=TEACH_PER_CLASS).to_zip())
    return str(path)


@pytest.fixture(scope="module")
def hostile_files(tmp_path_factory) -> dict:
    """The hostile uploads of tests/support/hostile_files.py, as files a browser can hand over."""
    from cnn_core import preprocess
    from tests.support import hostile_files as make

    folder = tmp_path_factory.mktemp("hostile")
    side = int((preprocess.MAX_UPLOAD_PIXELS * 2) ** 0.5)  # twice the pixels the app decodes
    contents = {"pixel_bomb.png": make.png(side, side), "repeated.zip": make.repeated_reference_zip(),
                "config_bomb.keras": make.config_bomb()}
    for name, data in contents.items():
        (folder / name).write_bytes(data)
    return {"pixel_bomb": str(folder / "pixel_bomb.png"), "repeated_zip": str(folder / "repeated.zip"),
            "config_bomb": str(folder / "config_bomb.keras")}


@pytest.fixture(scope="module")
def class_models_dir(fashion):
    """A fresh model store holding the model a teacher saved before class."""
    from cnn_core import store
    from tests.support.tiny_model import train_tiny_model

    folder = tempfile.mkdtemp(prefix="fcl-classroom-models-")
    model, meta = train_tiny_model(fashion, images=1200)
    store.ModelStore(folder).save(model, {**meta, "name": CLASS_MODEL_NAME})
    return folder


def test_classroom_of_twenty(class_models_dir, own_classes_zip, hostile_files):
    process, url = start_server(extra_env={"FCL_MAX_TRAINING_JOBS": str(MAX_TRAINING_JOBS),
                                           "FCL_MODELS_DIR": class_models_dir})
    sampler = MemorySampler(process.pid).start()
    try:
        measured = run_in_own_loop(classroom(url, sampler, own_classes_zip, hostile_files))
    finally:
        sampler.stop()
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()

    reports = measured["reports"]
    latencies = sorted(latency for report in reports for latency in report.get("latencies_s", ()))
    p95 = latencies[min(len(latencies) - 1, int(round(0.95 * (len(latencies) - 1))))] if latencies else None
    peak_mb = sampler.peak_mb
    growth_per_session_mb = (measured["peak_with_sessions_mb"] - measured["baseline_mb"]) / SESSIONS
    trainer_reports = reports[:len(TRAINERS) + TEACHERS]
    figures = {
        "sessions": SESSIONS,
        "sessions_per_language": {lang: sum(report["lang"] == lang for report in reports) for lang in LANGUAGES},
        "max_trainings_at_once": MAX_TRAINING_JOBS,
        "trainings_started": len(TRAINERS),
        "teachings_started": TEACHERS,
        "runs_finished": sum(bool(report.get("states")) and report["states"][-1] == "done" for report in trainer_reports),
        "trainer_states": [report.get("states") for report in trainer_reports],
        "trainer_timelines": [report.get("timeline") for report in trainer_reports],
        "queue_text": next((report["queue_text"] for report in trainer_reports if "queue_text" in report), None),
        "all_sessions_done_s": round(measured["all_done_s"], 1),
        "server_rss_baseline_mb": round(measured["baseline_mb"]),
        "server_rss_peak_mb": round(peak_mb),
        "server_rss_growth_per_session_mb": round(growth_per_session_mb, 1),
        "server_rss_end_mb": round(sampler.samples[-1][1]),
        "prediction_latency_s": {"p50": round(statistics.median(latencies), 2) if latencies else None,
                                 "p95": round(p95, 2) if p95 is not None else None,
                                 "max": round(latencies[-1], 2) if latencies else None,
                                 "count": len(latencies)},
        "live_jobs_before_close": measured["jobs_before_close"],
        "live_jobs_after_close": measured["jobs_after_close"],
        "jobs_released_within_s": round(measured["released_s"], 1),
        "hostile_uploads_refused": sum(report.get("refusals", 0) for report in reports),
        "failures": [failure for report in reports for failure in report["failures"]],
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(figures, ensure_ascii=False, indent=2), encoding="utf-8")
    print("\nclassroom load:", json.dumps(figures, ensure_ascii=False, indent=2))

    assert figures["failures"] == []  # no exception or error box anywhere, the hostile session's refusals aside
    assert figures["hostile_uploads_refused"] == 3
    runs_first = len(TRAINERS) + TEACHERS
    assert len(latencies) == SESSIONS + (STROKES - 1) * min(DRAWERS, SESSIONS - runs_first)
    # Every run finished: the two trainings and the two teachings, with two slots for the four.
    assert figures["runs_finished"] == len(TRAINERS) + TEACHERS, figures["trainer_states"]
    # The long run was live, and closing the tabs released it.
    assert figures["live_jobs_before_close"] == (1, 0)
    assert figures["live_jobs_after_close"] == (0, 0)
    assert peak_mb < MAX_PEAK_RSS_MB
    assert growth_per_session_mb < MAX_GROWTH_PER_SESSION_MB


def test_server_binds_to_localhost_unless_the_teacher_opens_it():
    """A laptop in a classroom must not serve the whole network by accident: the config binds to
    localhost, and the README shows the explicit ``--server.address 0.0.0.0`` for LAN use."""
    import tomllib

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["address"] == "localhost"
    assert "--server.address 0.0.0.0" in (ROOT / "README.md").read_text(encoding="utf-8")
