"""Make the corpus of awkward uploads the preprocessing tests feed to ``read_upload``.

Run ``python tests/support/bad_inputs/make_corpus.py`` to (re)write the small files next to this script;
they are committed. Big ones (a 20000x20000 PNG "decompression bomb", an 11 MB file) are built in
memory at test time by :func:`bomb_png` and :func:`oversized_file`.

``BAD`` maps each bad file to the ``UserError`` key it must raise; ``GOOD`` lists odd but valid
files that must classify. Every picture shows a light-grey "T" on a white background, so tests can
also check the result looks right (the bar of the T sits at the top once the picture is upright).
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import numpy as np
from PIL import Image

HERE = Path(__file__).resolve().parent

BAD = {
    "empty.png": "classify.err_empty",
    "text_renamed.png": "classify.err_not_image",
    "html_renamed.jpg": "classify.err_not_image",
    "document.pdf.png": "classify.err_not_image",
    "drawing.svg": "classify.err_vector",
    "truncated.png": "classify.err_broken",
    "truncated.jpg": "classify.err_broken",
    "bad_crc.png": "classify.err_broken",
    "huge_exif.png": "classify.err_metadata",
    "portable_anymap.ppm": "classify.err_format",
    "icon.ico": "classify.err_format",
}

GOOD = [
    "gray16.png",          # 16-bit grayscale ("I;16")
    "int32.tif",           # 32-bit integer ("I") with 16-bit values
    "cmyk.jpg",            # CMYK JPEG
    "palette.png",         # palette ("P")
    "palette_transparent.gif",  # palette with a transparent background
    "animated.gif",        # two frames; the first is the T
    "exif_rotated.jpg",    # pixels stored on their side, EXIF orientation 6 turns them upright
    "canvas_rgba.png",     # white strokes on a transparent canvas
    "gray_alpha.png",      # "LA": dark strokes on a transparent background
    "bilevel.bmp",         # 1-bit
    "photo.webp",          # lossy WebP
]


def letter_t(size: int = 96, ink: int = 60, paper: int = 255) -> np.ndarray:
    """A dark "T" on light paper: a bar across the top and a stem down the middle."""
    picture = np.full((size, size), paper, dtype=np.uint8)
    unit = size // 8
    picture[unit:2 * unit, unit:size - unit] = ink               # the bar
    picture[2 * unit:size - unit, 3 * unit + unit // 2:4 * unit + unit // 2] = ink  # the stem
    return picture


def _png_chunk(kind: bytes, payload: bytes) -> bytes:
    return (struct.pack(">I", len(payload)) + kind + payload
            + struct.pack(">I", zlib.crc32(kind + payload) & 0xFFFFFFFF))


def bomb_png(side: int = 20_000) -> bytes:
    """A valid 1-bit PNG of ``side`` x ``side`` black pixels: tiny on disk, 400 M pixels decoded."""
    row = b"\x00" + bytes((side + 7) // 8)   # filter byte + packed bits
    compressor = zlib.compressobj(9)
    body = b"".join(compressor.compress(row) for _ in range(side)) + compressor.flush()
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", body)
            + _png_chunk(b"IEND", b""))


def oversized_file(megabytes: int = 11) -> bytes:
    """A PNG followed by padding, ``megabytes`` in all: over the upload limit before any decoding."""
    return _encode(Image.fromarray(letter_t()), "PNG") + bytes(megabytes * 2**20)


def _encode(image: Image.Image, fmt: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **options)
    return buffer.getvalue()


def _huge_exif_png() -> bytes:
    """A PNG whose eXIf chunk (before the pixels) holds 200 KB: three times what any camera writes."""
    png = _encode(Image.fromarray(letter_t()), "PNG")
    ihdr_end = 8 + 25
    exif = b"MM\x00\x2a\x00\x00\x00\x08" + b"\x00" * 200_000
    return png[:ihdr_end] + _png_chunk(b"eXIf", exif) + png[ihdr_end:]


def _bad_crc_png() -> bytes:
    png = bytearray(_encode(Image.fromarray(letter_t()), "PNG"))
    crc_of_ihdr = 8 + 8 + 13
    png[crc_of_ihdr:crc_of_ihdr + 4] = b"\x00\x00\x00\x00"
    return bytes(png)


def _exif_rotated_jpeg() -> bytes:
    """The T stored turned a quarter to the left; EXIF orientation 6 says "rotate 90° clockwise"."""
    stored = Image.fromarray(letter_t()).rotate(90, expand=True)
    exif = Image.Exif()
    exif[0x0112] = 6
    return _encode(stored, "JPEG", quality=95, exif=exif.tobytes())


def _animated_gif() -> bytes:
    first = Image.fromarray(letter_t()).convert("P")
    second = Image.fromarray(np.full((96, 96), 255, dtype=np.uint8)).convert("P")
    second.paste(0, (10, 40, 86, 56))   # a plain bar: a different picture
    return _encode(first, "GIF", save_all=True, append_images=[second], duration=200, loop=0)


def _canvas_rgba() -> bytes:
    alpha = 255 - letter_t(ink=0)                    # opaque where the T is
    rgba = np.dstack([np.full_like(alpha, 255)] * 3 + [alpha])
    return _encode(Image.fromarray(rgba, "RGBA"), "PNG")


def _gray_alpha() -> bytes:
    alpha = 255 - letter_t(ink=0)
    la = np.dstack([np.full_like(alpha, 30), alpha])
    return _encode(Image.fromarray(la, "LA"), "PNG")


def _palette_transparent_gif() -> bytes:
    picture = Image.fromarray(letter_t()).convert("P")
    return _encode(picture, "GIF", transparency=picture.getpixel((0, 0)))


def corpus() -> dict[str, bytes]:
    """Every small corpus file by name."""
    t_picture = Image.fromarray(letter_t())
    png = _encode(t_picture, "PNG")
    jpeg = _encode(t_picture.convert("RGB"), "JPEG", quality=90)
    gray16 = (letter_t().astype(np.uint16) * 257)
    return {
        # bad
        "empty.png": b"",
        "text_renamed.png": b"These are my shopping notes, not a picture.\n" * 5,
        "html_renamed.jpg": b"<!doctype html><html><body><img src='shirt.jpg'></body></html>\n",
        "document.pdf.png": b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n",
        "drawing.svg": (b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="96" '
                        b'height="96"><rect x="12" y="12" width="72" height="12"/></svg>\n'),
        "truncated.png": png[: len(png) // 2],
        "truncated.jpg": jpeg[: len(jpeg) // 2],
        "bad_crc.png": _bad_crc_png(),
        "huge_exif.png": _huge_exif_png(),
        "portable_anymap.ppm": _encode(t_picture.convert("RGB"), "PPM"),
        "icon.ico": _encode(t_picture.convert("RGBA").resize((32, 32)), "ICO"),
        # good but odd
        "gray16.png": _encode(Image.fromarray(gray16), "PNG"),
        "int32.tif": _encode(Image.fromarray(gray16.astype(np.int32), "I"), "TIFF"),
        "cmyk.jpg": _encode(t_picture.convert("CMYK"), "JPEG", quality=95),
        "palette.png": _encode(t_picture.convert("P"), "PNG"),
        "palette_transparent.gif": _palette_transparent_gif(),
        "animated.gif": _animated_gif(),
        "exif_rotated.jpg": _exif_rotated_jpeg(),
        "canvas_rgba.png": _canvas_rgba(),
        "gray_alpha.png": _gray_alpha(),
        "bilevel.bmp": _encode(t_picture.convert("1"), "BMP"),
        "photo.webp": _encode(t_picture.convert("RGB"), "WEBP", quality=80),
    }


def write(folder: Path = HERE) -> list[Path]:
    """Write every small corpus file into ``folder``; returns their paths."""
    paths = []
    for name, data in corpus().items():
        path = folder / name
        path.write_bytes(data)
        paths.append(path)
    return paths


if __name__ == "__main__":
    for written in write():
        print(f"{written.stat().st_size:>8}  {written.name}")
