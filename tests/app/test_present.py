"""Present mode under AppTest: in projector mode the Convolution lab and the network view show one
step or one layer at a time, the big buttons step, and the lab's own counters follow."""

from __future__ import annotations

import pytest

from cnn_core import i18n
from cnn_core.i18n import t
from tests.support.apptest import language_param


def headers(at) -> list[str]:
    return [header.value for header in at.header]


def slide_heading(at) -> str:
    """The network slide's heading (the page's own section headings follow it, hidden)."""
    return next(text for text in headers(at) if text.startswith("Layer "))


def test_no_present_switch_without_projector_mode(app_test):
    at = app_test("conv_lab")
    assert not [toggle for toggle in at.toggle if toggle.key == "present"]


@pytest.mark.parametrize("lang", list(i18n.LANGUAGES))
def test_conv_lab_presents_one_step_at_a_time(app_test, lang):
    at = app_test("conv_lab", lang=lang, session_state={"projector": True})
    at.toggle(key="present").set_value(True).run()
    assert not at.exception, [e.value for e in at.exception]
    first = t("conv.step_title", lang, step=1, total=20, row=1, col=1)
    assert first in headers(at)
    at.button(key="fcl_present_forward").click().run()
    assert t("conv.step_title", lang, step=2, total=20, row=1, col=2) in headers(at)
    assert at.session_state["conv_step"] == 2  # the lab's own step moved: switching back keeps it
    assert at.main.code[0].value.endswith("= 2" if lang == "en" else "= ২")
    assert at.button(key="fcl_present_back").disabled is False

    at.radio(key="present_what").set_value("pool").run()
    assert t("conv.step_title", lang, step=1, total=4, row=1, col=1) in headers(at)
    assert at.main.code[0].value.rsplit("= ", 1)[1] == ("4" if lang == "en" else "৪")
    assert dict(at.query_params) == {**language_param(lang), "projector": "1", "present": "1",
                                     "step": "2", "show": "pool"}

    at.toggle(key="present").set_value(False).run()
    assert at.slider(key="conv_step").value == 2 and at.radio(key="pool_mode").value == "max"


def test_network_presents_one_layer_at_a_time(app_test):
    at = app_test("network", session_state={"projector": True})
    at.toggle(key="present").set_value(True).run()
    assert not at.exception, [e.value for e in at.exception]
    assert slide_heading(at).startswith("Layer 1 of ")
    total = int(slide_heading(at).split(" of ")[1].split(":")[0])
    for step in range(2, total + 1):
        at.button(key="fcl_present_forward").click().run()
        assert slide_heading(at).startswith(f"Layer {step} of {total}: ")
    assert at.button(key="fcl_present_forward").disabled
    assert any(line.value.startswith("### The model says: ") for line in at.markdown)
    assert at.query_params["stage"] == str(total)
