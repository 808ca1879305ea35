"""Lesson-link params read and write their URL text: every value a widget can hold survives the
trip, and text that does not fit is refused (the page then leaves it out with a note)."""

import math

import pytest

from ui import links


@pytest.mark.parametrize("param, values, bad", [
    (links.Choice("kernel", "k", "identity", options=("identity", "sobel_x")), ["identity", "sobel_x"],
     ["", "Sobel_X", "sobel_x "]),
    (links.Choice("class", "k", -1, options=(-1, 0, 9)), [-1, 0, 9], ["10", "x", "1.0"]),
    (links.Integer("step", "k", 1, None, 1, 20), [1, 7, 20], ["0", "21", "abc", "2.5", ""]),
    (links.Integer("seed", "k", 0, None, 0, None), [0, 2**40], ["-1"]),
    (links.Number("lr", "k", 0.001, None, 1e-7, 1.0), [0.001, 1e-05, 1.0, 0.0005], ["0", "2", "nan", "inf", "x"]),
    (links.Flag("relu", "k"), [True, False], ["yes", "2", ""]),
    (links.Pair("stride", "r", (1, 1), second_key="c", low=1, high=7), [(1, 1), (2, 2), (2, 1), (7, 3)],
     ["0", "8", "2x", "2x1x1", "ax1", "2,1"]),
])
def test_values_survive_the_url_and_bad_text_is_refused(param, values, bad):
    for value in values:
        text = param.text(value)
        assert param.parse(text) == value and isinstance(text, str)
    for text in bad:
        with pytest.raises(links.BadValue):
            param.parse(text)


def test_texts_are_short_and_readable():
    assert links.Pair("stride", "r", (1, 1), second_key="c", low=1, high=7).text((2, 2)) == "2"
    assert links.Pair("stride", "r", (1, 1), second_key="c", low=1, high=7).text((2, 1)) == "2x1"
    assert links.Number("lr", "k", 0.001).text(0.001) == "0.001"
    assert links.Flag("relu", "k").text(True) == "1"
    assert not math.isnan(links.Number("x", "k", 0.0).parse("-0.5"))


def test_view_link_keeps_the_address_the_browser_used():
    query = {"kernel": "sobel_x", "stride": "2", "hide": ["kernel", "stride"]}
    assert (links.view_link("http://10.0.0.5:8501/conv_lab", "conv_lab", query)
            == "http://10.0.0.5:8501/conv_lab?kernel=sobel_x&stride=2&hide=kernel&hide=stride")
    assert links.view_link("http://10.0.0.5:8501/", "", {"lang": "bn"}) == "http://10.0.0.5:8501/?lang=bn"
    assert links.view_link(None, "train", {}) == "/train"


def test_train_params_name_each_form_widget_once():
    names = [param.name for param in links.TRAIN]
    keys = [param.key for param in links.TRAIN]
    assert len(set(names)) == len(names) and len(set(keys)) == len(keys)
    assert {param.name for param in links.GLOBALS} == {"lang", "data", "projector", "ask", "plan", "part"}
    assert not {param.name for param in links.GLOBALS} & set(names)  # no page param shadows a global
