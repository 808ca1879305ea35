"""Preprocessing: every kind of picture becomes a dataset-like 28x28 input; bad uploads are explained."""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path
from unittest import mock

import numpy as np
import pytest
from PIL import Image

from cnn_core import i18n, preprocess
from cnn_core.errors import UserError

CORPUS_DIR = Path(__file__).resolve().parents[1] / "support" / "bad_inputs"
_spec = importlib.util.spec_from_file_location("make_corpus", CORPUS_DIR / "make_corpus.py")
corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus)


def canvas_t(size: int = 280, stroke: int = 24) -> np.ndarray:
    """A white "T" drawn on a transparent RGBA canvas, placed off-centre towards the top left."""
    rgba = np.zeros((size, size, 4), dtype=np.uint8)
    rgba[20:20 + stroke, 20:180] = 255                # bar
    rgba[20:200, 88:88 + stroke] = 255                # stem
    return rgba


def looks_like_t(image28: np.ndarray) -> bool:
    """The bar of a T sits at the top: the top rows hold much more ink than the bottom rows."""
    top, bottom = image28[:8].astype(float).sum(), image28[-8:].astype(float).sum()
    return top > 2 * bottom and image28.max() > 100


# ------------------------------------------------------------------ steps and modes

def test_steps_are_named_and_the_last_is_the_model_input():
    steps = preprocess.preprocess_steps(canvas_t())
    assert [key for key, _ in steps] == list(preprocess.STEP_KEYS)
    assert steps[0][1].ndim == 3 and steps[0][1].shape[2] == 3
    final = steps[-1][1]
    assert final.shape == (28, 28) and final.dtype == np.uint8
    np.testing.assert_array_equal(preprocess.to_model_input(canvas_t()), final)
    for key, _ in steps:
        assert i18n.t(f"classify.step_{key}", "bn")


@pytest.mark.parametrize("convert", [
    lambda t: Image.fromarray(t, "RGBA"),                                     # canvas output
    lambda t: t,                                                              # RGBA array
    lambda t: Image.fromarray(255 - t[:, :, 3]),                              # black ink on white, L
    lambda t: Image.fromarray(255 - t[:, :, 3]).convert("RGB"),
    lambda t: Image.fromarray(255 - t[:, :, 3]).convert("P"),
    lambda t: Image.fromarray(255 - t[:, :, 3]).convert("CMYK"),
    lambda t: Image.fromarray(t[:, :, 3]).convert("1"),
    lambda t: Image.fromarray(t[:, :, 3].astype(np.uint16) * 257),            # 16-bit
    lambda t: Image.fromarray(t[:, :, 3].astype(np.int32) * 257, "I"),        # 32-bit, 16-bit values
    lambda t: Image.fromarray(t[:, :, 3].astype(np.float32) / 255, "F"),      # float 0..1
    lambda t: t[:, :, 3] > 0,                                                 # boolean mask
    lambda t: t[:, :, 3:4].astype(np.float64) / 255,                          # HxWx1 float
    lambda t: t[:, :, 3].astype(np.uint16) * 257,                             # uint16 array
], ids=["canvas", "rgba-array", "L-dark-on-light", "RGB", "P", "CMYK", "1", "I;16", "I", "F",
        "bool", "HxWx1", "uint16"])
def test_every_mode_gives_the_same_upright_centred_t(convert):
    reference = preprocess.to_model_input(canvas_t())
    result = preprocess.to_model_input(convert(canvas_t()))
    assert result.shape == (28, 28) and result.dtype == np.uint8
    assert looks_like_t(result)
    assert np.abs(result.astype(int) - reference).mean() < 6


def test_dark_ink_on_light_paper_is_inverted_to_light_on_dark():
    light_on_dark = preprocess.to_model_input(canvas_t()[:, :, 3])
    dark_on_light = preprocess.to_model_input(255 - canvas_t()[:, :, 3])
    np.testing.assert_array_equal(light_on_dark, dark_on_light)
    assert light_on_dark[0, 0] == 0 and light_on_dark.max() == 255


def test_transparent_background_contrasts_with_the_ink():
    dark_strokes = canvas_t()
    dark_strokes[:, :, :3] = 0                         # black ink on a transparent canvas
    white_strokes = canvas_t()                         # white ink on a transparent canvas
    np.testing.assert_array_equal(preprocess.to_model_input(dark_strokes),
                                  preprocess.to_model_input(white_strokes))


def test_grey_photo_background_is_removed():
    rng = np.random.default_rng(0)
    photo = np.full((300, 400), 200, dtype=np.float32) + rng.normal(0, 6, (300, 400))
    photo[60:240, 150:260] = 40                        # a dark item on light grey paper
    result = preprocess.to_model_input(np.clip(photo, 0, 255).astype(np.uint8))
    assert result[:, :3].max() == 0 and result[:, -3:].max() == 0     # paper and its noise are gone
    # the item fills the frame's height (longest side 28 for Fashion-MNIST)
    rows = np.flatnonzero((result > 100).any(axis=1))
    assert rows[-1] - rows[0] + 1 >= 26


def test_item_is_cropped_scaled_and_centred_per_dataset():
    blob = np.zeros((400, 400), dtype=np.uint8)
    blob[300:380, 10:50] = 255                          # a small upright bar in the bottom-left corner
    fashion = preprocess.preprocess_steps(blob, "fashion_mnist")
    assert dict(fashion)["cropped"].shape == (80, 40)
    assert dict(fashion)["scaled"].shape == (28, 14)    # longest side 28
    final = fashion[-1][1]
    cols = np.flatnonzero(final.max(axis=0) > 0)
    assert (cols[0] + cols[-1]) / 2 == pytest.approx(13.5, abs=0.5)     # box centred
    digit = preprocess.preprocess_steps(blob, "mnist")
    assert dict(digit)["scaled"].shape == (20, 10)      # MNIST digits fit a 20x20 box
    mass = digit[-1][1].astype(float)
    centre_row = (mass.sum(axis=1) * np.arange(28)).sum() / mass.sum()
    centre_col = (mass.sum(axis=0) * np.arange(28)).sum() / mass.sum()
    assert centre_row == pytest.approx(preprocess.MASS_CENTRE, abs=0.5)
    assert centre_col == pytest.approx(preprocess.MASS_CENTRE, abs=0.5)


def test_faint_noise_does_not_stretch_the_box():
    picture = np.zeros((200, 200), dtype=np.uint8)
    picture[50:150, 80:120] = 255
    picture[5, 190] = 15                                 # a faint speck far away
    cropped = dict(preprocess.preprocess_steps(picture))["cropped"]
    assert cropped.shape == (100, 40)


def test_exif_rotation_is_applied_to_a_pil_image():
    stored_sideways = Image.fromarray(255 - canvas_t()[:, :, 3]).rotate(90, expand=True)
    exif = Image.Exif()
    exif[0x0112] = 6
    buffer = io.BytesIO()
    stored_sideways.save(buffer, "JPEG", exif=exif.tobytes(), quality=95)
    photo = Image.open(io.BytesIO(buffer.getvalue()))
    assert not looks_like_t(preprocess.to_model_input(np.asarray(photo)))    # pixels alone: sideways
    assert looks_like_t(preprocess.to_model_input(photo))                    # EXIF applied: upright


def test_blank_pictures_are_a_user_error():
    for blank in (np.zeros((50, 50), np.uint8), np.full((50, 50), 255, np.uint8), np.zeros((80, 80, 4), np.uint8)):
        with pytest.raises(UserError) as caught:
            preprocess.to_model_input(blank)
        assert caught.value.key == "classify.err_blank"
    with pytest.raises(UserError) as caught:
        preprocess.to_model_input(np.zeros((5, 5, 7)))
    assert caught.value.key == "classify.err_shape"


def test_a_big_photo_is_shrunk_before_any_other_step():
    photo = np.full((3000, 4000, 3), 230, dtype=np.uint8)
    photo[500:2500, 1500:2600] = (30, 60, 90)
    steps = preprocess.preprocess_steps(Image.fromarray(photo))
    assert max(steps[0][1].shape[:2]) == preprocess.WORK_SIZE      # every later step works on the small copy
    assert steps[-1][1].shape == (28, 28)


# ------------------------------------------------------------------ real dataset pictures

def test_fashion_test_images_pass_through_nearly_unchanged(fashion):
    from tests.support.tiny_model import train_tiny_model

    images = fashion.test_images[:300, :, :, 0]
    processed = np.stack([preprocess.to_model_input(image, "fashion_mnist") for image in images])
    differences = np.abs(processed.astype(int) - images).mean(axis=(1, 2))
    assert differences.mean() < 1.5                    # grey levels out of 255, averaged
    assert np.mean(differences == 0) > 0.9             # most come back exactly
    model, _ = train_tiny_model(fashion)
    before = model(images[..., None], training=False).numpy().argmax(axis=1)
    after = model(processed[..., None], training=False).numpy().argmax(axis=1)
    assert np.mean(before == after) > 0.97


def test_mnist_test_images_pass_through_unchanged(mnist):
    images = mnist.test_images[:300, :, :, 0]
    processed = np.stack([preprocess.to_model_input(image, "mnist") for image in images])
    assert np.mean(np.all(processed == images, axis=(1, 2))) > 0.95


# ------------------------------------------------------------------ uploads

@pytest.mark.parametrize("name", sorted(corpus.BAD))
def test_bad_upload_gives_its_user_error(name):
    data = (CORPUS_DIR / name).read_bytes()
    with pytest.raises(UserError) as caught:
        preprocess.read_upload(data, name)
    assert caught.value.key == corpus.BAD[name]
    for lang in i18n.LANGUAGES:
        message = i18n.t(caught.value.key, lang, **caught.value.values)
        assert message and "{" not in message


def test_decompression_bomb_is_refused_before_decoding():
    bomb = corpus.bomb_png(20_000)
    assert len(bomb) < 200_000                          # tiny file, 400 M pixels
    with mock.patch.object(Image.Image, "load", side_effect=AssertionError("the bomb was decoded")), \
            pytest.raises(UserError) as caught:
        preprocess.read_upload(bomb, "bomb.png")
    assert caught.value.key == "classify.err_too_many_pixels"


def test_oversized_file_is_refused():
    with pytest.raises(UserError) as caught:
        preprocess.read_upload(corpus.oversized_file(11), "huge.png")
    assert caught.value.key == "classify.err_too_big"
    assert caught.value.values["limit"] == 10


@pytest.mark.parametrize("name", corpus.GOOD)
def test_odd_but_valid_upload_classifies(name):
    picture = preprocess.read_upload((CORPUS_DIR / name).read_bytes(), name)
    result = preprocess.to_model_input(picture)
    assert result.shape == (28, 28) and result.dtype == np.uint8
    assert looks_like_t(result), name                   # upright T; animated GIF: its first frame


def test_corpus_files_are_all_present():
    names = set(corpus.BAD) | set(corpus.GOOD)
    assert names == set(corpus.corpus())
    for name in names:
        assert (CORPUS_DIR / name).exists(), f"run python {CORPUS_DIR / 'make_corpus.py'}"
