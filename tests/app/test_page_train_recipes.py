"""The Train form starts from the fast recipe, says how it differs from the lesson, and one click
fills in exactly the lesson's recipe (float32 included), another the best preset's own recipe."""

import pytest

from cnn_core import i18n, models, training
from cnn_core.i18n import t


@pytest.mark.parametrize("lang", list(i18n.LANGUAGES))
def test_the_form_starts_from_the_fast_recipe_and_says_what_differs(app_test, lang):
    at = app_test("train", lang=lang)
    assert not at.exception
    assert at.number_input(key="train_batch_size").value == training.FAST_BATCH_SIZE == 128
    assert at.number_input(key="train_learning_rate").value == pytest.approx(training.FAST_LEARNING_RATE)
    assert at.selectbox(key="train_lr_schedule").value == training.FAST_LR_SCHEDULE == "cosine"
    assert at.checkbox(key="train_force_float32").value is False
    assert at.checkbox(key="train_force_float32").label == t("precision.force_float32", lang)
    assert at.button(key="train_lesson_recipe").label == t("train.lesson_recipe", lang)
    assert t("train.defaults_note", lang) in [caption.value for caption in at.caption]


def test_one_click_fills_in_the_lessons_recipe(app_test):
    at = app_test("train")
    at.number_input(key="train_epochs").set_value(3)
    at.radio(key="train_preset").set_value("strong")
    at.button(key="train_lesson_recipe").click().run()
    assert not at.exception
    recipe = models.LESSON_RECIPE
    assert at.radio(key="train_preset").value == models.LESSON_PRESET == "seed"
    assert at.number_input(key="train_epochs").value == recipe["epochs"] == 10
    assert at.number_input(key="train_batch_size").value == recipe["batch_size"] == 32
    assert at.number_input(key="train_learning_rate").value == pytest.approx(0.001)
    assert at.selectbox(key="train_lr_schedule").value == "constant"
    assert at.selectbox(key="train_optimizer").value == "adam"
    assert at.number_input(key="train_validation_split").value == 0.0
    assert at.number_input(key="train_subset").value == 60_000  # every training picture
    assert at.checkbox(key="train_force_float32").value is True


def test_the_chosen_presets_recipe_button_fills_in_its_registry_recipe(app_test):
    at = app_test("train")
    assert "train_preset_recipe" not in [button.key for button in at.button]  # the lesson's has its own button
    at.radio(key="train_preset").set_value("strong").run()
    button = at.button(key="train_preset_recipe")
    assert button.label == t("train.preset_recipe", "en", preset=models.preset_label("strong", "en"))
    button.click().run()
    assert not at.exception
    recipe = models.PRESETS["strong"].recipe
    assert at.radio(key="train_preset").value == "strong"
    assert at.number_input(key="train_epochs").value == recipe["epochs"] == 12
    assert at.number_input(key="train_batch_size").value == recipe["batch_size"]
    assert at.number_input(key="train_learning_rate").value == pytest.approx(recipe["learning_rate"])
    assert at.selectbox(key="train_lr_schedule").value == recipe["lr_schedule"]
    assert at.number_input(key="train_validation_split").value == training.TrainConfig().validation_split
    assert at.checkbox(key="train_force_float32").value is False


@pytest.mark.parametrize("lang", ["en", "bn"])
def test_one_click_fills_in_the_best_recipe_with_its_promise(app_test, lang):
    at = app_test("train", lang=lang)
    button = at.button(key="train_best_recipe")
    assert button.label == t("train.best_recipe", lang) and button.help == t("train.best_recipe_help", lang)
    at.number_input(key="train_epochs").set_value(3)
    at.checkbox(key="train_force_float32").check()
    button.click().run()
    assert not at.exception
    recipe = models.PRESETS["best"].recipe
    assert at.radio(key="train_preset").value == "best"
    assert t("models.preset_best", lang) in [caption.value for caption in at.caption]
    assert at.number_input(key="train_epochs").value == recipe["epochs"] == 15
    assert at.number_input(key="train_batch_size").value == recipe["batch_size"]
    assert at.number_input(key="train_learning_rate").value == pytest.approx(recipe["learning_rate"])
    assert at.selectbox(key="train_lr_schedule").value == recipe["lr_schedule"]
    assert at.number_input(key="train_validation_split").value == recipe["validation_split"]
    assert at.number_input(key="train_subset").value == 60_000  # every training picture
    assert at.checkbox(key="train_force_float32").value is False  # bfloat16 where the processor has it
