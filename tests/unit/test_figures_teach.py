"""The Teach page's accuracy chart: one point per finished epoch, the whole run on the x axis,
tick labels in the page's digits."""

from cnn_core.figures.teach import accuracy_per_epoch
from cnn_core.i18n import t


def test_chart_grows_over_the_whole_run_in_both_languages():
    epochs = [{"epoch": 1, "accuracy": 0.5, "val_accuracy": 0.6}, {"epoch": 2, "accuracy": 0.9, "val_accuracy": None}]
    figure = accuracy_per_epoch(epochs, 30, "bn")
    train, held = figure["data"]
    assert train["x"] == [1, 2] and train["y"] == [0.5, 0.9] and held["y"] == [0.6, None]
    assert train["name"] == t("teach.chart_train", "bn") and held["name"] == t("teach.chart_holdout", "bn")
    assert figure["layout"]["xaxis"]["range"] == [0.5, 30.5]
    assert figure["layout"]["xaxis"]["ticktext"][:2] == ["৫", "১০"]
    assert figure["layout"]["yaxis"]["ticktext"][-1] == "১০০%"
    english = accuracy_per_epoch(epochs, 30, "en")
    assert english["layout"]["yaxis"]["ticktext"] == ["0%", "25%", "50%", "75%", "100%"]


def test_no_held_out_line_before_any_held_out_result():
    figure = accuracy_per_epoch([{"epoch": 1, "accuracy": 0.5}], 5, "en")
    assert [trace["name"] for trace in figure["data"]] == [t("teach.chart_train", "en")]
    assert accuracy_per_epoch([], 5, "en")["data"] == []
