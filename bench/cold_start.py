"""How long a newcomer waits: server start to the first page, with and without prepared data.

Runs ``streamlit run app.py`` twice on a fresh data dir and once more on the prepared one, and opens
the Home page in Debian's chromium each time:

- ``first start``: tfds prepares Fashion-MNIST from the shipped files before the page shows;
- ``later start``: the data is already prepared.

Usage: ``python bench/cold_start.py`` (about a minute and a half on 2 cores).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tools.app_server import launch_chromium, open_page, start_server, stop_server  # noqa: E402


def time_to_first_page(data_dir: str, browser) -> tuple[float, float]:
    """Seconds from launching the server to (healthy, Home page fully rendered with its data)."""
    started = time.perf_counter()
    process, url = start_server({"FCL_DATA_DIR": data_dir})
    healthy = time.perf_counter() - started
    try:
        page = browser.new_page()
        page.set_default_timeout(180_000)
        open_page(page, url, timeout=300_000)
        page.get_by_text("Data in use: real Fashion-MNIST").first.wait_for()
        return healthy, time.perf_counter() - started
    finally:
        stop_server(process)


def main() -> None:
    data_dir = tempfile.mkdtemp(prefix="fcl-bench-data-")
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        first = time_to_first_page(data_dir, browser)
        later = time_to_first_page(data_dir, browser)
        browser.close()
    print(f"first start (tfds prepares Fashion-MNIST): server healthy {first[0]:.1f} s, first page {first[1]:.1f} s")
    print(f"later start (already prepared):            server healthy {later[0]:.1f} s, first page {later[1]:.1f} s")
    print(f"first_start_over_later_start: {first[1] / later[1]:.2f}")


if __name__ == "__main__":
    main()
