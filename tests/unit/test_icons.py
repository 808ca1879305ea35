"""Icons render everywhere: Streamlit's Material icons (shipped with Streamlit's own font), never emoji,
which show as empty boxes on a computer without a colour-emoji font (Debian with the README's fonts)."""

from __future__ import annotations

import re
from pathlib import Path

from app_pages import PAGES

ROOT = Path(__file__).resolve().parents[2]
MATERIAL_ICON = re.compile(r":material/[a-z0-9_]+:")
# Emoji and pictographs, dingbats and the emoji presentation selector.
EMOJI = re.compile("[\U0001F300-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\u23E9-\u23FF\uFE0F]")


def test_every_page_has_a_material_icon():
    assert [spec.icon for spec in PAGES if not MATERIAL_ICON.fullmatch(spec.icon)] == []


def test_no_emoji_in_the_app_shell_pages_and_ui():
    """Page, tab, button and message icons all come from the code of app.py, app_pages/ and ui/
    (the catalogs hold words only; a check mark inside a sentence is text, not an icon)."""
    found = []
    for path in [ROOT / "app.py", *(ROOT / "app_pages").glob("*.py"), *(ROOT / "ui").glob("*.py")]:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if EMOJI.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert found == []
