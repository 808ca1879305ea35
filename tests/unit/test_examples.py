"""The learner's example set, including every bad input the issue names: an empty class, one
example, 1,000 examples, duplicate names, names in Bengali script, a huge upload, broken zips."""

from __future__ import annotations

import io
import json
import zipfile

import numpy as np
import pytest
from PIL import Image, ImageDraw

from cnn_core import examples, preprocess
from cnn_core.errors import UserError
from cnn_core.examples import ExampleSet


def drawing(kind: str, size: int = 280) -> np.ndarray:
    """A canvas-like RGBA drawing: white strokes on a transparent background."""
    picture = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    pen = ImageDraw.Draw(picture)
    if kind == "circle":
        pen.ellipse((50, 50, 230, 230), outline=(255, 255, 255, 255), width=20)
    else:
        pen.line((140, 30, 140, 250), fill=(255, 255, 255, 255), width=20)
    return np.asarray(picture)


def png_bytes(array: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(array).save(buffer, format="PNG")
    return buffer.getvalue()


def error_key(call) -> str:
    with pytest.raises(UserError) as err:
        call()
    return err.value.key


def test_examples_go_through_the_classify_preprocessing():
    shapes = ExampleSet()
    circle = shapes.add_class("circle")
    example = shapes.add_picture(circle, drawing("circle"), "draw")
    assert example.image.shape == (28, 28) and example.image.dtype == np.uint8
    assert np.array_equal(example.image, preprocess.to_model_input(drawing("circle"), examples.DEFAULT_PROFILE))
    assert not example.image.flags.writeable
    upload = shapes.add_upload(circle, png_bytes(drawing("circle")), "circle.png")
    assert upload.source == "upload" and np.array_equal(upload.image, example.image)
    images, labels = shapes.arrays()
    assert images.shape == (2, 28, 28) and labels.tolist() == [0, 0]


def test_names_in_any_script_kept_as_typed_and_duplicates_refused():
    shapes = ExampleSet()
    shapes.add_class("বৃত্ত")
    shapes.add_class("  Dreieck\t")
    shapes.add_class("ত্রিভুজ")
    assert shapes.class_names == ["বৃত্ত", "Dreieck", "ত্রিভুজ"]
    assert error_key(lambda: shapes.add_class("dreieck")) == "teach.err_name_duplicate"
    assert error_key(lambda: shapes.add_class("বৃত্ত ")) == "teach.err_name_duplicate"
    # য় typed as one code point (U+09DF) or as য + nukta: the same letter, so the same name
    shapes.add_class("\u09df")
    assert error_key(lambda: shapes.add_class("\u09af\u09bc")) == "teach.err_name_duplicate"
    assert error_key(lambda: shapes.add_class("   ")) == "teach.err_name_empty"
    assert error_key(lambda: shapes.add_class("\x00\x07")) == "teach.err_name_empty"
    assert error_key(lambda: shapes.add_class("x" * 41)) == "teach.err_name_long"
    shapes.rename_class(shapes.classes[1].id, "DREIECK")  # its own name in other letters is fine
    assert error_key(lambda: shapes.rename_class(shapes.classes[1].id, "বৃত্ত")) == "teach.err_name_duplicate"


def test_at_most_ten_classes():
    many = ExampleSet()
    for index in range(examples.MAX_CLASSES):
        many.add_class(f"class {index}")
    assert error_key(lambda: many.add_class("one more")) == "teach.err_too_many_classes"
    assert len(many.classes) == examples.MAX_CLASSES


def test_empty_class_one_example_and_unbalanced_classes_are_flagged():
    shapes = ExampleSet()
    assert [key for key, _ in shapes.warnings()] == ["teach.warn_need_classes"]
    assert error_key(shapes.check_trainable) == "teach.err_need_classes"
    circle, line = shapes.add_class("circle"), shapes.add_class("line")
    assert [key for key, _ in shapes.warnings()] == ["teach.warn_empty", "teach.warn_empty"]
    shapes.add_picture(circle, drawing("circle"), "draw")
    assert error_key(shapes.check_trainable) == "teach.err_class_too_few"
    for _ in range(19):
        shapes.add_picture(circle, drawing("circle"), "draw")
    shapes.add_picture(line, drawing("line"), "draw")
    keys = dict((key, values) for key, values in shapes.warnings())
    assert keys["teach.warn_few"] == {"name": "line", "count": 1, "minimum": 5}
    assert keys["teach.warn_unbalanced"]["big"] == "circle" and keys["teach.warn_unbalanced"]["small_count"] == 1
    with pytest.raises(UserError) as err:
        shapes.check_trainable()
    assert err.value.values["name"] == "line"
    shapes.add_picture(line, drawing("line"), "draw")
    shapes.check_trainable()


def test_one_thousand_examples_then_full():
    big = ExampleSet()
    first, second = big.add_class("a"), big.add_class("b")
    picture = np.zeros((28, 28), np.uint8)
    picture[8:20, 8:20] = 255
    for index in range(examples.MAX_EXAMPLES):
        big.add_image28(first if index % 2 else second, picture)
    assert len(big) == 1000 and big.counts() == [500, 500]
    assert error_key(lambda: big.add_image28(first, picture)) == "teach.err_full"
    assert error_key(lambda: big.add_picture(first, drawing("circle"), "draw")) == "teach.err_full"
    added, errors = big.add_uploads(first, [("a.png", png_bytes(drawing("circle")))] * 3)
    assert added == [] and [err.key for err in errors] == ["teach.err_full"]
    big.remove(big.examples(first)[0].id)
    added, errors = big.add_uploads(first, [("a.png", png_bytes(drawing("circle")))] * 3)
    assert len(added) == 1 and [err.key for err in errors] == ["teach.err_full"] and len(big) == 1000


def test_bad_uploads_explain_themselves_and_keep_the_good_ones():
    shapes = ExampleSet()
    circle = shapes.add_class("circle")
    huge = b"\x89PNG\r\n\x1a\n" + bytes(preprocess.MAX_UPLOAD_BYTES)
    blank = png_bytes(np.zeros((100, 100), np.uint8))
    files = [("huge.png", huge), ("notes.png", b"hello"), ("blank.png", blank), ("empty.png", b""),
             ("circle.png", png_bytes(drawing("circle")))]
    added, errors = shapes.add_uploads(circle, files)
    assert [err.key for err in errors] == ["classify.err_too_big", "classify.err_not_image", "classify.err_blank",
                                           "classify.err_empty"]
    assert errors[0].values["name"] == "huge.png"
    assert len(added) == 1 and shapes.counts() == [1]
    assert error_key(lambda: shapes.add_picture(circle, np.zeros((280, 280, 4), np.uint8), "draw")) == "classify.err_blank"


def test_remove_and_undo():
    shapes = ExampleSet()
    circle, line = shapes.add_class("circle"), shapes.add_class("line")
    kept = [shapes.add_picture(circle, drawing("circle"), "draw") for _ in range(3)]
    shapes.add_picture(line, drawing("line"), "draw")
    version = shapes.version
    shapes.remove(kept[1].id)
    assert [example.id for example in shapes.examples(circle)] == [kept[0].id, kept[2].id]
    assert shapes.version > version
    shapes.undo()
    assert [example.id for example in shapes.examples(circle)] == [example.id for example in kept]
    assert shapes.remove_class(circle) == 3
    assert shapes.class_names == ["line"] and len(shapes) == 1
    shapes.undo()
    assert shapes.class_names == ["line", "circle"] and shapes.counts() == [1, 3]
    assert not shapes.can_undo()
    with pytest.raises(KeyError):
        shapes.remove(12345)


def test_zip_round_trip_keeps_names_pictures_and_order():
    shapes = ExampleSet()
    circle, line = shapes.add_class("বৃত্ত"), shapes.add_class("রেখা")
    shapes.add_picture(circle, drawing("circle"), "camera")
    shapes.add_picture(line, drawing("line"), "draw")
    shapes.add_picture(circle, drawing("circle"), "upload")
    data = shapes.to_zip()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        labels = json.loads(archive.read("labels.json"))
    assert labels["classes"] == ["বৃত্ত", "রেখা"] and labels["profile"] == "fashion_mnist"
    back = ExampleSet.from_zip(data)
    assert back.class_names == ["বৃত্ত", "রেখা"] and back.counts() == [2, 1]
    images, labels_back = back.arrays()
    original_images, original_labels = shapes.arrays()
    order = np.argsort(original_labels, kind="stable")
    assert np.array_equal(images, original_images[order]) and np.array_equal(labels_back, original_labels[order])
    assert [example.source for example in back.examples()] == ["camera", "upload", "draw"]
    assert not back.can_undo()


def zip_with(members: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_broken_zips_are_refused_with_a_reason():
    picture = png_bytes(np.full((28, 28), 200, np.uint8))

    def labels(**changes):
        base = {"format": examples.ZIP_FORMAT, "version": 1, "profile": "fashion_mnist", "classes": ["a", "b"],
                "examples": [{"file": "images/00/0001.png", "class": 0}]}
        return json.dumps({**base, **changes})

    cases = {
        "teach.err_zip_not_zip": b"not a zip at all",
        "teach.err_zip_no_labels": zip_with({"images/00/0001.png": picture}),
        "uploads.err_json_broken": zip_with({"labels.json": "{not json", "images/00/0001.png": picture}),
        "teach.err_zip_missing": zip_with({"labels.json": labels(), "other.png": picture}),
        "teach.err_name_duplicate": zip_with({"labels.json": labels(classes=["a", "A"]), "images/00/0001.png": picture}),
        "teach.err_too_many_classes": zip_with({"labels.json": labels(classes=[str(n) for n in range(11)]),
                                                "images/00/0001.png": picture}),
        "classify.err_not_image": zip_with({"labels.json": labels(), "images/00/0001.png": b"text"}),
    }
    for key, data in cases.items():
        assert error_key(lambda data=data: ExampleSet.from_zip(data, "mine.zip")) == key, key
    for changes in ({"format": "other"}, {"profile": "cifar"},
                    {"examples": [{"file": "images/00/0001.png", "class": 5}]}):
        data = zip_with({"labels.json": labels(**changes), "images/00/0001.png": picture})
        assert error_key(lambda data=data: ExampleSet.from_zip(data)) == "teach.err_zip_bad_labels", changes
    # A field of the wrong JSON type is named with the type it should have (tests/unit/test_uploads.py has them all).
    for changes, key in (({"classes": "ab"}, "uploads.err_json_type_list"),
                         ({"examples": [3]}, "uploads.err_json_type_object")):
        data = zip_with({"labels.json": labels(**changes), "images/00/0001.png": picture})
        assert error_key(lambda data=data: ExampleSet.from_zip(data)) == key, changes


def test_huge_zips_and_zip_bombs_are_refused_before_unpacking():
    assert error_key(lambda: ExampleSet.from_zip(bytes(examples.MAX_ZIP_BYTES + 1))) == "teach.err_zip_too_big"
    bomb = zip_with({"labels.json": "{}", "zeros.bin": bytes(examples.MAX_ZIP_UNPACKED + 1)})
    assert len(bomb) < 1_000_000
    assert error_key(lambda: ExampleSet.from_zip(bomb)) == "teach.err_zip_too_big"


def test_zip_pictures_of_any_size_are_preprocessed():
    data = zip_with({"labels.json": json.dumps({"format": examples.ZIP_FORMAT, "classes": ["circle", "line"],
                                                "examples": [{"file": "c.png", "class": 0}, {"file": "l.png", "class": 1}]}),
                     "c.png": png_bytes(drawing("circle")), "l.png": png_bytes(drawing("line"))})
    loaded = ExampleSet.from_zip(data)
    assert loaded.counts() == [1, 1]
    assert np.array_equal(loaded.examples()[0].image, preprocess.to_model_input(drawing("circle")))


def test_merge_adds_to_same_named_classes_all_or_nothing():
    mine = ExampleSet()
    circle = mine.add_class("Circle")
    mine.add_picture(circle, drawing("circle"), "draw")
    theirs = ExampleSet()
    theirs_circle, theirs_line = theirs.add_class("circle"), theirs.add_class("line")
    theirs.add_picture(theirs_circle, drawing("circle"), "draw")
    theirs.add_picture(theirs_line, drawing("line"), "draw")
    assert mine.merge(ExampleSet.from_zip(theirs.to_zip())) == 2
    assert mine.class_names == ["Circle", "line"] and mine.counts() == [2, 1]
    crowded = ExampleSet()
    for index in range(9):
        crowded.add_class(f"c{index}")
    before = crowded.version
    assert error_key(lambda: crowded.merge(theirs)) == "teach.err_too_many_classes"
    assert crowded.version == before and len(crowded.classes) == 9
