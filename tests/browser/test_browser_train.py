"""The Train page in a real browser: a run trains in a worker process, its live view updates on its
own, Stop ends it, and the next run finishes."""

import os
import re
import time

from cnn_core.i18n import t
from tools.app_server import open_page, wait_for_idle

SCREENSHOTS = os.environ.get("FCL_SCREENSHOT_DIR", "/tmp")
# "Epoch 1 of 10 · 16%", as train.epoch_progress renders it in English.
PROGRESS = re.compile(r"^Epoch (\d+) of 10 · (\d+)%$")


def progress_text(page) -> str:
    progress = page.locator('[data-testid="stProgress"]')
    return progress.first.inner_text().strip() if progress.count() else ""


def test_live_run_updates_and_stops(app_url, page):
    page.set_viewport_size({"width": 1400, "height": 2400})  # room for the charts in the screenshots
    open_page(page, app_url, "train")
    page.get_by_role("spinbutton", name=t("train.subset", "en")).fill("20000")  # ~20 s of training: Stop lands mid-run
    page.get_by_role("spinbutton", name=t("train.epochs", "en")).fill("10")
    page.get_by_role("button", name=t("train.start", "en")).click()

    # Nobody clicks anything now: the page's fragment polls the job by itself, so the progress
    # text must change at least twice. (Generous time: the first batch builds the TF graph.)
    seen: list[str] = []
    deadline = time.time() + 180
    while time.time() < deadline and len(seen) < 3:
        text = progress_text(page)
        if text and (not seen or text != seen[-1]):
            seen.append(text)
        time.sleep(0.2)
    assert len(seen) >= 3, f"progress did not update live: {seen}"
    steps = [PROGRESS.match(text) for text in seen]
    assert all(steps), seen
    assert [(int(m[1]), int(m[2])) for m in steps] == sorted((int(m[1]), int(m[2])) for m in steps)
    # The bar steps to each new value: no glide that keeps the learner's browser drawing frames.
    assert page.locator('[data-testid="stProgressBarTrack"] > *').first.evaluate(
        "bar => getComputedStyle(bar).transitionDuration") == "0s"
    # The page says where the run trains: a worker process, with its cores.
    assert page.get_by_text(re.compile(r"^This run trains in a separate worker process on .+, using \d+ CPU cores\.")
                            ).count() == 1
    page.screenshot(path=f"{SCREENSHOTS}/train_during.png")

    page.get_by_role("button", name=t("train.stop", "en")).click()
    page.get_by_text(t("train.state_stopped", "en")).wait_for(timeout=180_000)
    page.get_by_text(t("train.results_header", "en")).wait_for(timeout=60_000)
    wait_for_idle(page)
    final = PROGRESS.match(progress_text(page))
    assert final is not None and (int(final[1]), int(final[2])) < (10, 100)  # it stopped early
    assert page.get_by_text(t("train.active_now", "en")).count() == 1
    page.screenshot(path=f"{SCREENSHOTS}/train_after.png")

    # A short run to the end, in the same (now warm) worker.
    page.get_by_role("spinbutton", name=t("train.subset", "en")).fill("600")
    page.get_by_role("spinbutton", name=t("train.epochs", "en")).fill("1")
    page.get_by_role("button", name=t("train.start", "en")).click()
    page.get_by_text(t("train.state_done", "en")).wait_for(timeout=180_000)
    page.get_by_text(t("train.test_accuracy", "en")).first.wait_for(timeout=60_000)
    wait_for_idle(page)
    assert progress_text(page) == "Epoch 1 of 1 · 100%"


def server_of(app_url: str):
    """The ``streamlit run`` process serving ``app_url``."""
    import psutil

    port = app_url.rstrip("/").rsplit(":", 1)[1]
    for process in psutil.process_iter(["cmdline"]):
        cmdline = process.info["cmdline"] or []
        if "streamlit" in " ".join(cmdline) and port in cmdline:
            return process
    raise AssertionError(f"no server on port {port}")


def test_an_uploaded_model_is_opened_by_a_child_of_the_servers_model_checker(app_url, page, tmp_path):
    """The model checker starts with the server (TensorFlow already imported there); a learner's
    .keras file is opened in a fork of it, never in the server, and becomes the session's model."""
    from pathlib import Path

    open_page(page, app_url, "train", lang="bn")
    checkers = [child for child in server_of(app_url).children()
                if "cnn_core.untrusted_model" in " ".join(child.cmdline())]
    assert len(checkers) == 1, "the server has no model checker of its own"
    model = tmp_path / "mymodel.keras"
    model.write_bytes((Path(__file__).resolve().parents[2] / "assets" / "models" / "fashion_mnist.keras").read_bytes())
    page.locator('.st-key-train_upload input[type="file"]').set_input_files(str(model))
    page.get_by_text(t("train.uploaded", "bn", name="mymodel")).wait_for(timeout=30_000)
    bad = tmp_path / "notes.keras"
    bad.write_bytes(b"just some text")
    page.locator('.st-key-train_upload input[type="file"]').set_input_files(str(bad))
    wait_for_idle(page)
    assert page.locator('[data-testid="stAlertContentError"]').count() == 1
    assert page.locator('[data-testid="stException"]').count() == 0
    page.locator(".st-key-train_upload").scroll_into_view_if_needed()
    page.screenshot(path=f"{SCREENSHOTS}/train_upload_bn.png")
