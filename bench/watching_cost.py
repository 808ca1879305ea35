"""What watching a run costs the machine it trains on: one Chromium tab on the Train page while its
run trains, and where the two cores go.

``streamlit run app.py`` on 127.0.0.1, one Chromium tab (Playwright) on the Train page, a run of
``--images`` pictures for ``--epochs`` epochs started from the form; after ``--settle`` seconds,
``--window`` seconds of CPU time are read with psutil for three groups of processes: the training
workers (every process under the server but itself), the Streamlit server and Chromium (all its
processes). Chromium's renderer main thread is also read through the DevTools protocol (its task,
script, layout and style time per second). A learner's own laptop runs both the tab and the run when
a teacher is not serving the class, so the tab's share is taken from the run's.

Printed last: ``workers_cores``, ``server_cores``, ``chromium_cores`` and ``renderer_busy`` (seconds
of renderer main-thread work per second), and ``workers_share_of_quiet`` (the workers' cores with the
tab watching, over their cores with the tab closed: the same run, measured next in the same command).

    python bench/watching_cost.py
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import baseline  # noqa: E402  (same folder; puts the repository on sys.path)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--images", type=int, default=60_000)
    parser.add_argument("--epochs", type=int, default=8, help="long enough to outlast both windows")
    parser.add_argument("--settle", type=float, default=4.0)
    parser.add_argument("--window", type=float, default=10.0)
    args = parser.parse_args(argv)

    import psutil
    from playwright.sync_api import sync_playwright

    from cnn_core.i18n import t
    from tools.app_server import launch_chromium, open_page, start_server, stop_server

    print(baseline.cpu_flags_line())
    process, url = start_server()
    server = psutil.Process(process.pid)
    me = psutil.Process()
    try:
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            page = browser.new_page(viewport={"width": 1300, "height": 1000})
            page.set_default_timeout(180_000)
            open_page(page, url, "train", timeout=180_000)
            page.get_by_role("spinbutton", name=t("train.subset", "en")).fill(str(args.images))
            page.get_by_role("spinbutton", name=t("train.epochs", "en")).fill(str(args.epochs))
            page.get_by_role("button", name=t("train.start", "en")).click()
            page.get_by_text(t("train.state_running", "en")).first.wait_for()
            time.sleep(args.settle)
            groups = {"workers": lambda: server.children(recursive=True), "server": lambda: [server],
                      "chromium": lambda: [child for child in me.children(recursive=True) if "chrom" in child.name()]}
            devtools = page.context.new_cdp_session(page)
            devtools.send("Performance.enable")

            def renderer() -> dict[str, float]:
                return {item["name"]: item["value"] for item in devtools.send("Performance.getMetrics")["metrics"]}

            first = renderer()
            watched = baseline.cpu_cores(groups, args.window)
            last = renderer()
            busy = {name: (last[name] - first[name]) / args.window
                    for name in ("TaskDuration", "ScriptDuration", "LayoutDuration", "RecalcStyleDuration")}
            # the same run with nobody watching: the tab goes to a blank page, the run goes on
            page.goto("about:blank")
            time.sleep(2)
            quiet = baseline.cpu_cores(groups, args.window)
            browser.close()
    finally:
        stop_server(process)
    print(f"watching: workers {watched['workers']:.2f} cores, server {watched['server']:.2f}, "
          f"Chromium {watched['chromium']:.2f}; renderer main thread per second: "
          + ", ".join(f"{name} {value:.3f} s" for name, value in busy.items()))
    print(f"tab closed: workers {quiet['workers']:.2f} cores, server {quiet['server']:.2f}, "
          f"Chromium {quiet['chromium']:.2f}")
    print(f"workers_cores: {watched['workers']:.2f}")
    print(f"server_cores: {watched['server']:.2f}")
    print(f"chromium_cores: {watched['chromium']:.2f}")
    print(f"renderer_busy: {busy['TaskDuration']:.2f}")
    print(f"workers_share_of_quiet: {watched['workers'] / quiet['workers']:.2f}" if quiet["workers"] else
          "workers_share_of_quiet: n/a (the run ended before the second window)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
