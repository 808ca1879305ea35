"""The Convolution lab page, driven through Streamlit's AppTest on real data."""

import numpy as np
import pandas as pd
import pytest

from cnn_core import ops
from tests.support.apptest import codes


def conv_text(at) -> str:
    return codes(at)[0]


def pool_text(at) -> str:
    return codes(at)[-1]


def no_trouble(at) -> None:
    assert not at.exception, [e.value for e in at.exception]


def test_lesson_default_reproduces_the_lessons_pooling(app_test):
    at = app_test("conv_lab")
    no_trouble(at)
    assert not at.error
    assert at.radio(key="conv_source").value == "lesson"
    # The identity kernel copies the centre pixel: step 1 is the top-left 1 of the grid.
    assert conv_text(at).endswith("= 1")
    pooled = []
    for step in range(4):
        pooled.append(pool_text(at).rsplit("= ", 1)[1])
        if step < 3:
            at.button(key="pool_forward").click().run()
            no_trouble(at)
    assert pooled == ["4", "3", "4", "3"]
    assert pool_text(at) == "max(3, 1, 0, 1, 2, 2, 2, 0, 2) = 3"
    assert at.button(key="pool_forward").disabled
    at.button(key="pool_back").click().run()
    assert at.slider(key="pool_step").value == 3


def test_conv_stepping_back_forward_and_jump(app_test):
    at = app_test("conv_lab")
    assert at.slider(key="conv_step").value == 1 and at.button(key="conv_back").disabled
    at.button(key="conv_forward").click().run()
    assert at.slider(key="conv_step").value == 2
    assert conv_text(at).endswith("= 2")  # grid row 1, column 2
    at.slider(key="conv_step").set_value(20).run()
    no_trouble(at)
    assert conv_text(at).endswith("= 2")  # the bottom-right cell
    assert at.button(key="conv_forward").disabled
    at.button(key="conv_back").click().run()
    assert at.slider(key="conv_step").value == 19 and conv_text(at).endswith("= 0")


def test_play_advances_and_pause_stops(app_test):
    at = app_test("conv_lab")
    at.button(key="conv_play").click().run()
    no_trouble(at)
    assert at.session_state["conv_playing"] is True
    assert at.slider(key="conv_step").value == 2  # the first tick moves one step
    at.button(key="conv_play").click().run()
    assert at.session_state["conv_playing"] is False


@pytest.mark.parametrize("name, size", [("sobel_x", 3), ("sharpen", 3), ("gaussian", 5), ("box_blur", 5),
                                        ("edge_horizontal", 3), ("emboss", 3)])
def test_presets_match_the_engine(app_test, name, size):
    at = app_test("conv_lab")
    at.selectbox(key="conv_preset").set_value(name).run()
    at.radio(key=f"conv_preset_size_{name}").set_value(size).run()
    padding = "valid" if size == 3 else "same"  # a 5x5 kernel only fits the 4x5 grid with padding
    at.radio(key="conv_padding").set_value(padding).run()
    no_trouble(at)
    trace = ops.convolve(ops.LESSON_GRID, ops.preset_kernel(name, size), padding=padding)
    assert conv_text(at).endswith("= " + conv_value(trace.steps[0].value))


def conv_value(value: float) -> str:
    from cnn_core.figures.conv import format_number

    return format_number(value)


def test_custom_kernel_with_bias_and_relu(app_test):
    at = app_test("conv_lab", session_state={"conv_custom_table": pd.DataFrame([["1", "-1"], ["2", "0.5"]]),
                                             "conv_custom_version": 0})
    at.radio(key="conv_kernel_source").set_value("custom").run()
    at.select_slider(key="conv_custom_size").set_value(2).run()
    at.number_input(key="conv_custom_bias").set_value(-20.0).run()
    at.radio(key="conv_padding").set_value("valid").run()
    no_trouble(at)
    # Window [[1, 2], [1, 0]]: 1 - 2 + 2 + 0 - 20 = -19.
    assert conv_text(at) == "1×1 + 2×(\u22121) + 1×2 + 0×0.5 + (\u221220) = \u221219"
    at.toggle(key="conv_relu").set_value(True).run()
    assert conv_text(at).endswith("→  ReLU = 0")
    # Growing the kernel keeps the typed weights and pads the new cells with 0.
    at.select_slider(key="conv_custom_size").set_value(3).run()
    no_trouble(at)
    assert at.session_state["conv_custom_table"].shape == (3, 3)


@pytest.mark.parametrize("bad, message", [
    ("abc", "Row 2, column 3: “abc” is not a number"),
    ("", "Row 2, column 3 is empty"),
    ("nan", "Row 2, column 3 is empty"),
    ("inf", "Row 2, column 3: “inf” is too big"),
    ("1e308", "Row 2, column 3: “1e308” is too big"),
])
def test_bad_grid_cells_explain_and_never_crash(app_test, bad, message):
    cells = np.array(ops.LESSON_GRID, dtype=object).astype(int).astype(str)
    cells[1, 2] = bad
    at = app_test("conv_lab", session_state={"conv_source": "toy", "conv_toy_version": 0,
                                             "conv_toy_table": pd.DataFrame(cells)})
    no_trouble(at)
    assert any(message in e.value for e in at.error), [e.value for e in at.error]
    assert not at.code  # nothing computed from a broken grid


def test_toy_grid_random_clear_and_resize(app_test):
    at = app_test("conv_lab", session_state={"conv_source": "toy"})
    no_trouble(at)
    assert pool_text(at).endswith("= 4")  # the toy grid starts as the lesson's grid
    at.button(key="conv_toy_clear").click().run()
    no_trouble(at)
    assert pool_text(at) == "max(0, 0, 0, 0, 0, 0, 0, 0, 0) = 0"
    at.number_input(key="conv_toy_rows").set_value(8).run()
    at.number_input(key="conv_toy_cols").set_value(12).run()
    at.button(key="conv_toy_random").click().run()
    no_trouble(at)
    table = at.session_state["conv_toy_table"]
    assert table.shape == (8, 12)
    assert not at.error


def test_errors_from_settings_keep_the_page_usable(app_test):
    at = app_test("conv_lab")
    at.radio(key="conv_padding").set_value("valid").run()
    at.radio(key="conv_preset_size_identity").set_value(7).run()
    no_trouble(at)
    assert any("does not fit inside the 4×5 picture" in e.value for e in at.error)
    at.radio(key="conv_preset_size_identity").set_value(3).run()
    # The 2x3 feature map cannot hold a 3x3 pooling window without padding.
    assert any("pooling window does not fit" in e.value for e in at.error)
    at.radio(key="pool_size").set_value(2).run()
    no_trouble(at)
    assert not at.error


def test_uncovered_pixels_warning(app_test):
    at = app_test("conv_lab")
    at.radio(key="conv_padding").set_value("valid").run()
    at.number_input(key="conv_stride_cols").set_value(3).run()
    no_trouble(at)
    assert any("2 column(s) of the input are never looked at" in w.value for w in at.warning)
    assert any("⌊(5 − 3) ÷ 3⌋ + 1 = 1" in m.value for m in at.markdown)


def test_real_image_mode_shows_the_whole_maps(app_test):
    at = app_test("conv_lab", session_state={"conv_source": "real"})
    no_trouble(at)
    at.selectbox(key="conv_real_class").set_value(9).run()
    at.number_input(key="conv_real_index").set_value(5).run()
    at.selectbox(key="conv_preset").set_value("sobel_x").run()
    at.radio(key="pool_size").set_value(2).run()
    at.number_input(key="pool_stride_rows").set_value(2).run()
    no_trouble(at)
    titles = [m.value for m in at.markdown]
    assert "Input (28×28)" in titles and "Feature map (28×28)" in titles and "After pooling (14×14)" in titles
    assert any("ankle boot" in c.value.lower() for c in at.caption)
    # The step view is still there, inside an expander.
    assert at.slider(key="conv_step").max == 784
    at.button(key="conv_forward").click().run()
    no_trouble(at)


def test_learned_filters_from_the_active_model(app_test):
    from cnn_core.models import build_model

    model = build_model("small", seed=0)
    at = app_test("conv_lab", session_state={"active_model": (model, {"dataset": "fashion_mnist"})})
    assert "Learned by the model" in at.radio(key="conv_kernel_source").options
    at.radio(key="conv_kernel_source").set_value("learned").run()
    at.slider(key="conv_learned_filter").set_value(2).run()
    no_trouble(at)
    kernels, biases = ops.first_layer_filters(model)
    trace = ops.convolve(ops.LESSON_GRID, kernels[1], padding="same", bias=biases[1])
    assert conv_text(at).endswith("= " + conv_value(trace.steps[0].value))


def test_bengali_page(app_test):
    at = app_test("conv_lab", lang="bn")
    no_trouble(at)
    assert at.title[0].value == "কনভলিউশন ল্যাব"
    assert pool_text(at) == "max(১, ২, ২, ১, ০, ৩, ১, ৪, ১) = ৪"
    at.button(key="conv_forward").click().run()
    no_trouble(at)
    assert conv_text(at).endswith("= ২")
