"""The Teach page keeps the learner's example set on this computer: what one AppTest session makes,
a new session (a closed tab, a restarted server) finds in "Continue an earlier example set" and
opens with the same classes and counts, in English and Bengali. A damaged file never breaks the page;
two tabs changing one saved set both keep their changes."""

from __future__ import annotations

import pytest

from cnn_core.examples import ExampleStore
from cnn_core import i18n
from cnn_core.i18n import number, t
from tests.support.teach import add_class, digits_set


@pytest.fixture(autouse=True)
def examples_dir(tmp_path, monkeypatch):
    """Every test keeps its example sets in its own empty folder."""
    folder = tmp_path / "examples"
    monkeypatch.setenv("FCL_EXAMPLES_DIR", str(folder))
    return folder


def class_lines(at, lang: str, names) -> dict[str, str]:
    """Each class's heading line on the page (``**name** · N examples``), by class name."""
    return {name: text.value for text in at.markdown for name in names if text.value.startswith(f"**{name}**")}


@pytest.mark.parametrize("lang", list(i18n.LANGUAGES))
def test_a_new_session_continues_the_saved_set(app_test, lang):
    names = ("শূন্য", "এক") if lang == "bn" else ("zero", "one")
    star = "তারা" if lang == "bn" else "star"

    # The first session: the set is saved as it changes, always into the same entry.
    first = app_test("teach", lang=lang, session_state={"teach_examples": digits_set(names, per_class=4)})
    assert not first.exception
    assert t("teach.kept_here", lang) in [caption.value for caption in first.caption]
    add_class(first, star)
    own = first.session_state["teach_examples"]
    first.button(key=f"teach_remove_{own.examples()[0].id}").click().run()
    assert not first.exception and own.counts() == [3, 4, 0]
    [saved] = ExampleStore().list()
    assert saved["class_names"] == [*names, star] and saved["counts"] == [3, 4, 0]

    # A new session (the tab was closed) starts empty and finds the set.
    second = app_test("teach", lang=lang)
    assert not second.exception
    assert second.session_state["teach_examples"].class_names == []
    assert t("teach.continue_header", lang) in [expander.label for expander in second.expander]
    picker = second.selectbox(key="teach_continue_pick")
    classes = ", ".join(t("teach.continue_class", lang, name=name, count=number(count, lang))
                        for name, count in zip([*names, star], [3, 4, 0]))
    assert picker.value == saved["id"] and picker.options[0].startswith(
        t("teach.continue_option", lang, classes=classes, total=number(7, lang), when="").rstrip())

    # Something new first: opening must keep it (saved, and offered in the list afterwards).
    add_class(second, "moon")
    assert {tuple(entry["class_names"]) for entry in ExampleStore().list()} == {(*names, star), ("moon",)}
    second.selectbox(key="teach_continue_pick").select(saved["id"]).run()
    second.button(key="teach_open_set").click().run()
    assert not second.exception
    opened = second.session_state["teach_examples"]
    assert opened.class_names == [*names, star] and opened.counts() == [3, 4, 0]
    assert t("teach.opened", lang, title=", ".join([*names, star]), count=number(7, lang)) in \
           [success.value for success in second.success]
    assert second.radio(key="teach_target").options == [*names, star]
    lines = class_lines(second, lang, [*names, star])
    for name, count in zip([*names, star], [3, 4, 0]):
        assert lines[name] == f"**{name}** · {t('teach.class_count', lang, count=number(count, lang))}"
    assert [option.split(" — ")[0] for option in second.selectbox(key="teach_continue_pick").options] == \
           [t("teach.continue_class", lang, name="moon", count=number(0, lang))]

    # Going on with the opened set updates its entry; nothing new is spawned.
    add_class(second, "sun")
    entries = {tuple(entry["class_names"][:3]): entry for entry in ExampleStore().list()}
    assert len(entries) == 2 and entries[(*names, star)]["id"] == saved["id"]
    assert entries[(*names, star)]["class_names"] == [*names, star, "sun"]


def test_a_damaged_saved_set_is_listed_and_can_be_deleted(app_test, examples_dir):
    examples_dir.mkdir()
    (examples_dir / "20260101-000000-abcdef.zip").write_bytes(b"not a zip")
    at = app_test("teach")
    assert not at.exception
    picker = at.selectbox(key="teach_continue_pick")
    assert picker.options == [t("teach.continue_broken", "en", set_id="20260101-000000-abcdef")]
    at.button(key="teach_open_set").click().run()
    assert not at.exception
    assert t("teach.err_zip_not_zip", "en", name="20260101-000000-abcdef.zip") in [error.value for error in at.error]
    assert at.session_state["teach_examples"].class_names == []
    at.button(key="teach_delete_set").click().run()
    assert not at.exception and ExampleStore().list() == []
    assert t("teach.deleted_set", "en", title=t("teach.untitled_set", "en")) in [success.value for success in at.success]
    assert t("teach.continue_header", "en") not in [expander.label for expander in at.expander]


def test_two_tabs_changing_one_saved_set_keep_both(app_test):
    """Both tabs open the same saved set and change it: the tab that saves second gets its own
    entry (and is told so) instead of overwriting the first tab's changes."""
    set_id = ExampleStore().save(digits_set(("zero", "one"), per_class=2))
    tabs = [app_test("teach"), app_test("teach")]
    for tab in tabs:
        tab.button(key="teach_open_set").click().run()
        assert tab.session_state["teach_examples"].class_names == ["zero", "one"]
    add_class(tabs[0], "left")
    assert t("teach.saved_as_copy", "en") not in [info.value for info in tabs[0].info]
    add_class(tabs[1], "right")
    assert t("teach.saved_as_copy", "en") in [info.value for info in tabs[1].info]
    kept = {entry["id"]: entry["class_names"] for entry in ExampleStore().list()}
    assert len(kept) == 2 and kept[set_id] == ["zero", "one", "left"]
    assert sorted(kept.values()) == [["zero", "one", "left"], ["zero", "one", "right"]]
