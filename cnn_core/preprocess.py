"""Any picture -> the 28x28 ``uint8`` image a model expects, with every step kept so the app can show it.

The training images were made in a particular way, and a drawing or a photo only gets a fair
prediction when it is brought into the same shape:

1. ``input`` — the picture upright (EXIF rotation applied) with transparency flattened: see-through
   pixels get a background colour that contrasts with what was drawn, and big pictures are shrunk
   to at most ``WORK_SIZE`` pixels on a side (28 pixels are all the model keeps anyway).
2. ``grayscale`` — one brightness channel (the ITU-R 601 luma weights PIL's ``"L"`` mode uses).
3. ``light_on_dark`` — the datasets show a light item on a black background. The border pixels tell
   us the background: when their median is light the picture is inverted, then the background level
   is subtracted so the background becomes 0.
4. ``cropped`` — cut to the item's bounding box; pixels below ``INK_THRESHOLD`` of the brightest one
   count as background, so faint noise does not stretch the box.
5. ``scaled`` — the longest side resized to the size the dataset's items have (``cnn_core.datasets.DATASETS``).
6. ``centred`` — pasted into a black 28x28 frame: Fashion-MNIST centres the item's box (that is how
   Zalando built it), MNIST centres the centre of mass (how its digits were made), never pushing
   the item out of the frame.

:func:`preprocess_steps` returns all six; :func:`to_model_input` is its last step — one code path.
:func:`read_upload` turns uploaded bytes into a picture, or raises ``UserError`` explaining why not.
"""

from __future__ import annotations

import io
import struct
import warnings
import zlib

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from cnn_core.datasets import DATASETS, DEFAULT_DATASET
from cnn_core.errors import UserError

SIZE = 28
WORK_SIZE = 512            # pictures are shrunk to at most this many pixels on a side first
INK_THRESHOLD = 0.1        # fraction of the brightest pixel below which a pixel is background
MASS_CENTRE = 14.0         # row and column where MNIST's digits have their centre of mass (measured)
MIN_INK = 8                # an image whose brightest pixel (after background removal) is dimmer is blank

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_UPLOAD_PIXELS = 25_000_000       # 5000 x 5000; decompression bombs are far bigger
MAX_EXIF_BYTES = 65_535              # one JPEG APP1 segment: every honest camera's EXIF fits
UPLOAD_FORMATS = ("PNG", "JPEG", "GIF", "BMP", "WEBP", "TIFF")
UPLOAD_EXTENSIONS = ("png", "jpg", "jpeg", "gif", "bmp", "webp", "tif", "tiff")

STEP_KEYS = ("input", "grayscale", "light_on_dark", "cropped", "scaled", "centred")


# ---------------------------------------------------------------- pictures in any mode -> arrays

def _as_pil(image) -> Image.Image:
    """A PIL image from a PIL image or an array (``HxW``, ``HxWx1``, ``HxWx3`` RGB, ``HxWx4`` RGBA).

    Float arrays with values up to 1 are read as 0..1; 16-bit arrays as 0..65535.
    """
    if isinstance(image, Image.Image):
        return image
    array = np.asarray(image)
    if array.ndim == 3 and array.shape[2] == 1:
        array = array[:, :, 0]
    if array.ndim not in (2, 3) or (array.ndim == 3 and array.shape[2] not in (3, 4)) or array.size == 0:
        raise UserError("classify.err_shape", shape=str(tuple(array.shape)))
    if array.dtype == bool:
        array = array.astype(np.uint8) * 255
    elif array.dtype == np.uint16:
        array = (array.astype(np.float32) / 257.0).round().astype(np.uint8)
    elif np.issubdtype(array.dtype, np.floating):
        finite = np.nan_to_num(array.astype(np.float32))
        scale = 255.0 if finite.size and finite.max() <= 1.0 else 1.0
        array = np.clip(finite * scale, 0, 255).round().astype(np.uint8)
    elif array.dtype != np.uint8:
        array = np.clip(array, 0, 255).astype(np.uint8)
    return Image.fromarray(np.ascontiguousarray(array))


def _to_8bit(image: Image.Image) -> Image.Image:
    """Bring any PIL mode to ``"L"``, ``"RGB"`` or ``"RGBA"``.

    16-bit and 32-bit integer pictures are divided by 257 (65535 -> 255) when their values go past
    255; float pictures with values up to 1 are read as 0..1.
    """
    mode = image.mode
    if mode in ("L", "RGB", "RGBA"):
        return image
    if mode.startswith("I") or mode == "F":
        values = np.asarray(image, dtype=np.float64)
        peak = values.max() if values.size else 0
        if mode.startswith("I;16") or (mode == "I" and peak > 255):
            values = values / 257.0
        elif mode == "F" and peak <= 1.0:
            values = values * 255.0
        return Image.fromarray(np.clip(values, 0, 255).round().astype(np.uint8), mode="L")
    has_alpha = "A" in mode or "a" in mode or (mode == "P" and "transparency" in image.info)
    if mode == "1":
        return image.convert("L")
    return image.convert("RGBA" if has_alpha else "RGB")


def _shrink(image: Image.Image, limit: int = WORK_SIZE) -> Image.Image:
    """Shrink so the longest side is at most ``limit`` (keeps the aspect ratio)."""
    longest = max(image.size)
    if longest <= limit:
        return image
    scale = limit / longest
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    return image.resize(size, Image.Resampling.BOX, reducing_gap=2.0)


def _flatten_rgb(image: Image.Image) -> np.ndarray:
    """``HxWx3`` uint8 RGB with transparency composited onto a contrasting background.

    See-through pixels belong to the background, so they get the colour opposite to the visible
    ink: black behind light strokes (a white pen on a transparent canvas), white behind dark ones.
    """
    if image.mode == "L":
        gray = np.asarray(image)
        return np.repeat(gray[:, :, None], 3, axis=2)
    if image.mode == "RGB":
        return np.asarray(image)
    rgba = np.asarray(image, dtype=np.float32)
    rgb, alpha = rgba[:, :, :3], rgba[:, :, 3:] / 255.0
    if alpha.min() >= 1.0:
        return rgba[:, :, :3].astype(np.uint8)
    luma = rgb @ np.array([0.299, 0.587, 0.114], dtype=np.float32)
    weight = alpha[:, :, 0]
    ink_luma = float((luma * weight).sum() / weight.sum()) if weight.sum() > 0 else 255.0
    background = 0.0 if ink_luma > 127.5 else 255.0
    return (rgb * alpha + background * (1.0 - alpha)).round().astype(np.uint8)


def _gray(rgb: np.ndarray) -> np.ndarray:
    """One brightness channel with PIL's ``"L"`` weights (0.299 R + 0.587 G + 0.114 B)."""
    return np.asarray(Image.fromarray(rgb).convert("L"))


def _border(gray: np.ndarray) -> np.ndarray:
    """The outer ring of pixels (2% of the size, at least one pixel thick)."""
    ring = max(1, round(0.02 * min(gray.shape)))
    return np.concatenate([gray[:ring].ravel(), gray[-ring:].ravel(),
                           gray[ring:-ring, :ring].ravel(), gray[ring:-ring, -ring:].ravel()])


def _light_on_dark(gray: np.ndarray) -> np.ndarray:
    """Invert when the background (median of the border) is light, then move the background to 0.

    The border also tells how noisy the background is (a photo's paper is never one flat grey):
    everything up to three noise widths above the background level becomes 0 too. A clean
    picture has no noise, so a dataset image passes unchanged.
    """
    values = gray.astype(np.float32)
    if np.median(_border(gray)) > 127.5:
        values = 255.0 - values
    border = _border(values)
    background = float(np.median(border))
    noise = 1.4826 * float(np.median(np.abs(border - background)))  # robust standard deviation
    floor = min(background + 3.0 * noise, 254.0)
    if floor > 0:
        values = (values - floor) * (255.0 / (255.0 - floor))
    return np.clip(values, 0, 255).round().astype(np.uint8)


def _item_box(image: np.ndarray) -> tuple[slice, slice]:
    """Rows and columns of the item.

    The box holds every pixel of at least ``INK_THRESHOLD`` of the brightest one, so faint noise
    (what :func:`_light_on_dark` left of it) does not stretch it; then each side grows by one pixel where the item's soft,
    anti-aliased edge (any pixel above 0) continues right next to it. Without that growth most
    Fashion-MNIST images would lose their faint outer row and be stretched back to size.
    """
    peak = int(image.max())
    if peak < MIN_INK:
        raise UserError("classify.err_blank")
    ink = image >= max(1.0, INK_THRESHOLD * peak)
    edge = image > 0
    rows = np.flatnonzero(ink.any(axis=1))
    cols = np.flatnonzero(ink.any(axis=0))
    top, bottom, left, right = rows[0], rows[-1] + 1, cols[0], cols[-1] + 1
    if top > 0 and edge[top - 1, left:right].any():
        top -= 1
    if bottom < image.shape[0] and edge[bottom, left:right].any():
        bottom += 1
    if left > 0 and edge[top:bottom, left - 1].any():
        left -= 1
    if right < image.shape[1] and edge[top:bottom, right].any():
        right += 1
    return slice(top, bottom), slice(left, right)


def _scale(crop: np.ndarray, item_size: int) -> np.ndarray:
    """Resize so the longest side is ``item_size`` (Lanczos, which keeps strokes sharp)."""
    height, width = crop.shape
    scale = item_size / max(height, width)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    if size == (width, height):
        return crop.copy()
    return np.asarray(Image.fromarray(crop).resize(size, Image.Resampling.LANCZOS))


def _centre(item: np.ndarray, centring: str) -> np.ndarray:
    """Paste ``item`` into a black 28x28 frame, centring its box or its centre of mass.

    Box centring puts the spare pixel of an odd margin at the top/left, as Fashion-MNIST does. The
    centre-of-mass shift is limited so the item never leaves the frame.
    """
    height, width = item.shape
    top, left = (SIZE - height + 1) // 2, (SIZE - width + 1) // 2
    if centring == "mass":
        mass = item.astype(np.float64)
        total = mass.sum()
        if total > 0:
            centre_row = (mass.sum(axis=1) * np.arange(height)).sum() / total
            centre_col = (mass.sum(axis=0) * np.arange(width)).sum() / total
            top = min(max(round(MASS_CENTRE - centre_row), 0), SIZE - height)
            left = min(max(round(MASS_CENTRE - centre_col), 0), SIZE - width)
    frame = np.zeros((SIZE, SIZE), dtype=np.uint8)
    frame[top:top + height, left:left + width] = item
    return frame


def preprocess_steps(image, dataset: str = DEFAULT_DATASET) -> list[tuple[str, np.ndarray]]:
    """Every step from ``image`` (PIL image or array) to the model's input, as ``(step_key, array)``.

    The keys are :data:`STEP_KEYS`; the first array is ``HxWx3`` RGB, the others ``HxW`` uint8, and
    the last one is the 28x28 image the model sees. A picture with nothing on it raises
    ``UserError("classify.err_blank")``.
    """
    profile = DATASETS[dataset].profile
    picture = _as_pil(image)
    try:
        picture = ImageOps.exif_transpose(picture)
    except (OSError, SyntaxError, ValueError, TypeError, KeyError, struct.error) as exc:
        raise UserError("classify.err_metadata") from exc
    rgb = _flatten_rgb(_shrink(_to_8bit(picture)))
    gray = _gray(rgb)
    light = _light_on_dark(gray)
    rows, cols = _item_box(light)
    cropped = light[rows, cols]
    scaled = _scale(cropped, profile.item_size)
    centred = _centre(scaled, profile.centring)
    return list(zip(STEP_KEYS, (rgb, gray, light, cropped, scaled, centred)))


def to_model_input(image, dataset: str = DEFAULT_DATASET) -> np.ndarray:
    """The 28x28 ``uint8`` image the model sees (the last of :func:`preprocess_steps`)."""
    return preprocess_steps(image, dataset)[-1][1]


# ---------------------------------------------------------------- uploads

def _sniff_vector(head: bytes) -> bool:
    """Whether the file starts like an SVG (XML text with an <svg> element): a vector drawing."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith(b"<svg") or (text.startswith(b"<?xml") and b"<svg" in head.lower())


_IMAGE_SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"BM", b"II*\x00",
                     b"MM\x00*")


def _has_image_signature(data: bytes) -> bool:
    """Whether ``data`` starts like one of the accepted formats (the first bytes name the format)."""
    return data.startswith(_IMAGE_SIGNATURES) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP")


def read_upload(data: bytes, filename: str = "", max_pixels: int = MAX_UPLOAD_PIXELS) -> Image.Image:
    """Decode an uploaded file into an upright, fully loaded PIL image (the first frame if animated).

    Every file that cannot be a picture we accept raises ``UserError("classify.err_...")`` with the
    reason: empty, too many bytes, not an image (text, SVG, a PDF...), a format we do not take, too
    many pixels (decompression bombs announce a huge size in a tiny file, so the size is checked
    *before* the pixels are decoded), oversized or broken metadata, or truncated/corrupt pixel data.
    ``max_pixels`` lowers the pixel limit (a zip of pictures shares one budget among them).
    """
    name = filename or "?"
    if not data:
        raise UserError("classify.err_empty", name=name)
    if len(data) > MAX_UPLOAD_BYTES:
        raise UserError("classify.err_too_big", name=name, megabytes=f"{len(data) / 2**20:.1f}",
                        limit=MAX_UPLOAD_BYTES // 2**20)
    if _sniff_vector(data[:1024]):
        raise UserError("classify.err_vector", name=name)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            picture = Image.open(io.BytesIO(data))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise UserError("classify.err_too_many_pixels", name=name,
                            limit=f"{MAX_UPLOAD_PIXELS:,}") from exc
        except UnidentifiedImageError as exc:
            # PIL says "unidentified" both for non-pictures and for pictures whose header is damaged.
            key = "classify.err_broken" if _has_image_signature(data) else "classify.err_not_image"
            raise UserError(key, name=name) from exc
        except (OSError, SyntaxError, ValueError, EOFError, zlib.error, struct.error) as exc:
            raise UserError("classify.err_broken", name=name) from exc
        if picture.format not in UPLOAD_FORMATS:
            raise UserError("classify.err_format", name=name, format=str(picture.format),
                            formats=", ".join(UPLOAD_EXTENSIONS))
        width, height = picture.size
        if width < 1 or height < 1 or width * height > min(max_pixels, MAX_UPLOAD_PIXELS):
            raise UserError("classify.err_too_many_pixels", name=name, limit=f"{min(max_pixels, MAX_UPLOAD_PIXELS):,}")
        try:
            picture.seek(0)
            picture.load()
            frame = picture.copy()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise UserError("classify.err_too_many_pixels", name=name,
                            limit=f"{MAX_UPLOAD_PIXELS:,}") from exc
        except (OSError, SyntaxError, ValueError, EOFError, IndexError, zlib.error, struct.error,
                MemoryError) as exc:
            raise UserError("classify.err_broken", name=name) from exc
    if len(frame.info.get("exif") or b"") > MAX_EXIF_BYTES:
        raise UserError("classify.err_metadata")
    try:
        return ImageOps.exif_transpose(frame)
    except (OSError, SyntaxError, ValueError, TypeError, KeyError, IndexError, struct.error) as exc:
        raise UserError("classify.err_metadata") from exc
