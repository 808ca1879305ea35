"""An offline classroom: the pages ask nothing of any host but the app's own server."""

from urllib.parse import urlparse

from tools.app_server import open_page


def test_pages_request_nothing_from_outside_hosts(page, app_url):
    outside = []
    page.on("request", lambda request: outside.append(request.url)
            if urlparse(request.url).hostname not in ("127.0.0.1", None) and not request.url.startswith("data:")
            else None)
    for path in ("", "train", "classify", "network"):
        open_page(page, app_url, path)
        page.wait_for_timeout(1_000)  # the tab's icon and late images load after the script run
    assert outside == []  # (the tab's icon once came from Google's font servers)
