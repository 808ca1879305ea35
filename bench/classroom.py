"""A classroom on one server: what watching training runs costs the Streamlit server, and how fast
a drawing gets its probabilities while two runs train.

One ``streamlit run app.py`` on 127.0.0.1 with two training slots (``FCL_MAX_TRAINING_JOBS=2``), and
Debian's Chromium, one window per learner (each its own Streamlit session):

1. two learners start a run each on the Train page (form defaults, all pictures, ``--run-epochs``)
   and keep watching it there; the server's CPU (its own process: the training worker processes are
   left out) is measured over ``--window`` seconds: **2 tabs watching**;
2. ``--tabs`` − 2 more learners open the Class view (every run's progress, refreshing itself) and the
   server's CPU is measured again: **N tabs watching**; per watching tab = that CPU / N;
3. one more learner draws ``--drawings`` strokes on the Classify canvas while the runs go on. For each
   stroke the browser records when the server's script run for it started and ended (Streamlit's
   ``data-test-script-state``): **server latency** = that run's duration (the server turning the
   drawing into probabilities and the page around them, plus the loopback messages), and
   **end to end** = mouse release to the answer on the page. A first, untimed stroke lets the
   session load its model.

The Chromium windows share the server's two cores here (in a classroom they are on the learners'
machines), so these numbers are an upper bound. Last lines: ``server_cpu_per_watching_tab``,
``drawing_to_probabilities_server_p95_ms``.

    python bench/classroom.py --tabs 10
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import baseline  # noqa: E402  (same folder; puts the repository on sys.path)

RECORD_SCRIPT_STATES = """
window.__fclStates = [];
new MutationObserver(records => {
  for (const record of records) {
    window.__fclStates.push([performance.now(), record.target.getAttribute('data-test-script-state')]);
  }
}).observe(document, {attributes: true, subtree: true, attributeFilter: ['data-test-script-state']});
"""


def server_cpu_share(server, seconds: float) -> float:
    """The server process's CPU over ``seconds``, as a share of one core."""
    before, started = sum(server.cpu_times()[:2]), time.perf_counter()
    time.sleep(seconds)
    return (sum(server.cpu_times()[:2]) - before) / (time.perf_counter() - started)


def new_tab(browser, url: str, path: str):
    from tools.app_server import open_page

    context = browser.new_context(viewport={"width": 1300, "height": 1000})
    context.set_default_timeout(180_000)
    page = context.new_page()
    page.add_init_script(RECORD_SCRIPT_STATES)
    open_page(page, url, path, timeout=180_000)
    return page


def start_run(page, epochs: int) -> None:
    from cnn_core.i18n import t

    page.get_by_role("spinbutton", name=t("train.subset", "en")).fill("60000")
    page.get_by_role("spinbutton", name=t("train.epochs", "en")).fill(str(epochs))
    page.get_by_role("button", name=t("train.start", "en")).click()
    page.get_by_text(t("train.state_running", "en")).first.wait_for()


def draw_stroke(page, index: int) -> tuple[float, float] | None:
    """One stroke on the Classify canvas: ``(server_ms, end_to_end_ms)`` of the answer to it."""
    canvas = page.locator(".st-key-classify_canvas canvas").last
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    x = box["x"] + box["width"] * (0.2 + 0.06 * (index % 10))
    page.mouse.move(x, box["y"] + box["height"] * 0.2)
    page.mouse.down()
    for step in range(1, 10):
        page.mouse.move(x + step * 3, box["y"] + box["height"] * (0.2 + 0.06 * step))
    page.mouse.up()
    released = page.evaluate("performance.now()")
    deadline = time.time() + 60
    while time.time() < deadline:
        states = page.evaluate("window.__fclStates")
        started = next((when for when, state in states if when > released and state == "running"), None)
        if started is not None:
            ended = next((when for when, state in states if when > started and state == "notRunning"), None)
            if ended is not None:
                return ended - started, ended - released
        time.sleep(0.02)
    return None


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tabs", type=int, default=10, help="tabs watching the two runs (at least 2)")
    parser.add_argument("--window", type=float, default=20.0, help="seconds of each CPU measurement")
    parser.add_argument("--drawings", type=int, default=20)
    parser.add_argument("--run-epochs", type=int, default=10, help="long enough to outlast the measurements")
    args = parser.parse_args(argv)

    import psutil
    from playwright.sync_api import sync_playwright

    from cnn_core.i18n import t
    from tools.app_server import launch_chromium, start_server, stop_server, wait_for_idle

    print(baseline.cpu_flags_line())
    process, url = start_server({"FCL_MAX_TRAINING_JOBS": "2"})
    server = psutil.Process(process.pid)
    try:
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            trainers = [new_tab(browser, url, "train") for _ in range(2)]
            for page in trainers:
                start_run(page, args.run_epochs)
            time.sleep(3)  # both runs past their first batches
            two = server_cpu_share(server, args.window)
            print(f"2 tabs watching their runs (Train page): server {100 * two:.1f}% of one core", flush=True)
            watchers = [new_tab(browser, url, "class_view") for _ in range(max(0, args.tabs - 2))]
            time.sleep(3)
            many = server_cpu_share(server, args.window)
            tabs = 2 + len(watchers)
            print(f"{tabs} tabs watching (2 on Train, {len(watchers)} on Class view): server {100 * many:.1f}% "
                  f"of one core", flush=True)
            running = sum(page.get_by_text(t("train.state_running", "en")).count() > 0 for page in trainers)
            artist = new_tab(browser, url, "classify")
            wait_for_idle(artist)
            draw_stroke(artist, args.drawings)  # untimed: the session's first answer also loads the model
            timings = [draw_stroke(artist, index) for index in range(args.drawings)]
            still_running = sum(page.get_by_text(t("train.state_running", "en")).count() > 0 for page in trainers)
            browser.close()
    finally:
        stop_server(process)
    answered = [timing for timing in timings if timing is not None]
    server_ms = [timing[0] for timing in answered]
    end_ms = [timing[1] for timing in answered]
    print(f"runs training: {running} when measured, {still_running} after the drawings")
    print(f"drawings answered: {len(answered)} of {args.drawings}")
    if answered:
        print(f"drawing -> probabilities, server script run: median {statistics.median(server_ms):.0f} ms, "
              f"p95 {percentile(server_ms, 0.95):.0f} ms; mouse release to answer: median "
              f"{statistics.median(end_ms):.0f} ms, p95 {percentile(end_ms, 0.95):.0f} ms")
    print(f"server_cpu_per_watching_tab: {100 * many / tabs:.1f}% of one core ({tabs} tabs)")
    if watchers:
        print(f"server_cpu_per_extra_class_view_tab: {100 * (many - two) / len(watchers):.1f}% of one core")
    if answered:
        print(f"drawing_to_probabilities_server_p95_ms: {percentile(server_ms, 0.95):.0f}")
    return 0 if answered and running == 2 else 1


if __name__ == "__main__":
    sys.exit(main())
