"""The page registry: the one place that lists the app's pages.

``app.py`` builds its navigation from :data:`PAGES`, Home draws its map from it, and the tests and
the load test walk it. To add a page, write ``app_pages/<name>.py`` and add one :class:`PageSpec`
here (see docs/architecture.md, "How to add a page"). This module imports nothing from Streamlit, so
tests and benchmarks can read the registry without starting an app.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

FOLDER = Path(__file__).resolve().parent


@dataclass(frozen=True)
class PageSpec:
    """One page: its script in this folder, its title's i18n key, its icon and its URL path.

    ``icon`` is a Streamlit Material icon (``":material/school:"``), never an emoji: Material icons
    come with Streamlit's own font, so they render on a computer without a colour-emoji font too.

    ``title_key`` is an i18n key (e.g. ``"nav.train"``); ``blurb_key`` is the one line Home shows
    under the page's link on its map (``None`` keeps a page off the map, like Home itself);
    ``title_page_key`` is the key of the ``st.title`` the page shows, which tests use to know the
    page has rendered.
    """

    script: str
    title_key: str
    icon: str
    url: str
    title_page_key: str
    blurb_key: str | None = None

    @property
    def path(self) -> str:
        """The script's path relative to the app's root, as ``st.Page`` and AppTest want it."""
        return f"app_pages/{self.script}"


PAGES: tuple[PageSpec, ...] = (
    PageSpec("home.py", "nav.home", ":material/home:", "home", "home.title"),
    PageSpec("datasets.py", "nav.datasets", ":material/photo_library:", "datasets", "datasets.title",
             "home.step.datasets"),
    PageSpec("conv_lab.py", "nav.conv_lab", ":material/grid_on:", "conv_lab", "conv.title", "home.step.conv_lab"),
    PageSpec("train.py", "nav.train", ":material/fitness_center:", "train", "train.title", "home.step.train"),
    PageSpec("classify.py", "nav.classify", ":material/draw:", "classify", "classify.title", "home.step.classify"),
    PageSpec("inside.py", "nav.inside", ":material/psychology:", "inside", "inside.title", "home.step.inside"),
    PageSpec("explain.py", "nav.explain", ":material/psychology_alt:", "explain", "explain.title", "home.step.explain"),
    PageSpec("network.py", "nav.network", ":material/hub:", "network", "network.title", "home.step.network"),
    PageSpec("learn.py", "nav.learn", ":material/model_training:", "learn", "learn.title", "home.step.learn"),
    PageSpec("teach.py", "nav.teach", ":material/school:", "teach", "teach.title", "home.step.teach"),
    PageSpec("class_view.py", "nav.class_view", ":material/groups:", "class_view", "class.title",
             "home.step.class_view"),
)
DEFAULT_PAGE = PAGES[0]


def page(url: str) -> PageSpec:
    """The page registered under ``url`` (``KeyError`` for an unknown one)."""
    for spec in PAGES:
        if spec.url == url:
            return spec
    raise KeyError(url)
