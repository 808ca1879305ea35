"""Convolution and pooling in plain numpy, with a trace of every step a learner can replay.

A convolution layer slides a small grid of weights (the *kernel* or *filter*) over the image. At each
stop it multiplies the pixels under the kernel by the kernel's weights, one by one, and adds the
products up (plus a bias): that single number becomes one cell of the *feature map*. Pooling then
slides a window over the feature map and keeps one number per window: the biggest (max pooling) or
the mean (average pooling).

Everything here matches TensorFlow exactly: ``tf.nn.conv2d`` (which, like Keras' ``Conv2D``, does
not flip the kernel, so it is really a cross-correlation), ``tf.nn.max_pool2d`` and
``tf.nn.avg_pool2d``, including TensorFlow's ``"same"`` padding, which puts the odd extra padded row
or column at the bottom or right. The arithmetic is vectorised with a sliding-window view, so a
28x28 image traces in about a millisecond; the per-step objects are built only when asked for.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from cnn_core import i18n
from cnn_core.errors import UserError

PADDINGS = ("valid", "same")
POOL_MODES = ("max", "average")
MAX_KERNEL = 7
# Bigger numbers than this are almost surely typos, and their products could overflow to infinity.
VALUE_LIMIT = 1e6

# The lesson's 5-wide, 4-tall grid (its drawing leaves the cell in row 2, column 5 blank: 0 here).
LESSON_GRID = np.array([[1, 2, 2, 1, 1],
                        [1, 0, 3, 1, 0],
                        [1, 4, 1, 2, 2],
                        [3, 2, 2, 0, 2]], dtype=float)
LESSON_GRID.flags.writeable = False
# The lesson pools that grid directly with a 3x3 window moving 1 row down or 2 columns right.
# A 3x3 identity kernel with "same" padding copies the grid into the feature map unchanged, so the
# lab's default convolution hands the lesson's numbers to the pooling step.
LESSON_CONV = {"kernel": "identity", "kernel_size": 3, "stride": (1, 1), "padding": "same"}
LESSON_POOL = {"size": (3, 3), "stride": (1, 2), "mode": "max", "padding": "valid"}
LESSON_POOLED = ((4.0, 3.0), (4.0, 3.0))


def _frozen(rows) -> np.ndarray:
    array = np.array(rows, dtype=float)
    array.flags.writeable = False
    return array


def _identity(size: int) -> np.ndarray:
    kernel = np.zeros((size, size))
    kernel[size // 2, size // 2] = 1.0
    return _frozen(kernel)


_GAUSS_5 = np.outer([1, 4, 6, 4, 1], [1, 4, 6, 4, 1]) / 256.0

# Preset name -> {kernel size: kernel}. The names are also i18n keys ("conv.kernel.<name>").
KERNEL_PRESETS: dict[str, dict[int, np.ndarray]] = {
    "identity": {size: _identity(size) for size in (1, 3, 5, 7)},
    "edge_horizontal": {3: _frozen([[-1, -1, -1], [0, 0, 0], [1, 1, 1]])},
    "edge_vertical": {3: _frozen([[-1, 0, 1], [-1, 0, 1], [-1, 0, 1]])},
    "sobel_x": {3: _frozen([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]])},
    "sobel_y": {3: _frozen([[-1, -2, -1], [0, 0, 0], [1, 2, 1]])},
    "sharpen": {3: _frozen([[0, -1, 0], [-1, 5, -1], [0, -1, 0]])},
    "box_blur": {3: _frozen(np.ones((3, 3)) / 9.0), 5: _frozen(np.ones((5, 5)) / 25.0)},
    "gaussian": {3: _frozen(np.array([[1, 2, 1], [2, 4, 2], [1, 2, 1]]) / 16.0), 5: _frozen(_GAUSS_5)},
    "emboss": {3: _frozen([[-2, -1, 0], [-1, 1, 1], [0, 1, 2]])},
}


def preset_kernel(name: str, size: int) -> np.ndarray:
    """The preset kernel ``name`` at ``size`` x ``size``.

    Args:
        name: a key of :data:`KERNEL_PRESETS` (also the i18n key ``conv.kernel.<name>``).
        size: the kernel's side; each preset comes in the sizes it lists.

    Returns:
        A read-only float array of shape ``(size, size)``.

    Raises:
        UserError: ``conv.err_unknown_preset`` or ``conv.err_preset_size``.

    Example:

    >>> preset_kernel("sobel_x", 3)
    array([[-1.,  0.,  1.],
           [-2.,  0.,  2.],
           [-1.,  0.,  1.]])
    """
    sizes = KERNEL_PRESETS.get(name)
    if sizes is None:
        raise UserError("conv.err_unknown_preset", name=name)
    if size not in sizes:
        raise UserError("conv.err_preset_size", name=name, size=size,
                        sizes=", ".join(str(s) for s in sizes))
    return sizes[size]


# ---------------------------------------------------------------------------------------------
# Checking what comes in
# ---------------------------------------------------------------------------------------------

def _cell_number(cell, row: int, col: int) -> float:
    """One cell as a float; text, blanks, NaN, infinities and huge numbers raise ``UserError``."""
    where = {"row": row + 1, "col": col + 1}
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        raise UserError("conv.err_cell_empty", **where)
    if isinstance(cell, str):
        text = i18n.ascii_digits(cell.strip())
        try:
            value = float(text)
        except ValueError:
            raise UserError("conv.err_cell_text", text=cell.strip()[:20], **where) from None
    else:
        try:
            value = float(cell)
        except (TypeError, ValueError):
            raise UserError("conv.err_cell_text", text=str(cell)[:20], **where) from None
    if math.isnan(value):
        raise UserError("conv.err_cell_empty", **where)
    if not math.isfinite(value) or abs(value) > VALUE_LIMIT:
        raise UserError("conv.err_cell_too_big", text=str(cell).strip()[:20], limit=f"{VALUE_LIMIT:g}",
                        **where)
    return value


def to_grid(values) -> np.ndarray:
    """Turn a table of cells (numbers or typed text, any language's digits) into a finite 2-D float array.

    Args:
        values: rows of cells: numbers, or text such as ``" ২ "`` (what a learner typed).

    Returns:
        A 2-D float array.

    Raises:
        UserError: for an empty, non-numeric, infinite or huge cell; the message points at the first
            bad cell by its 1-based row and column.

    Example:

    >>> to_grid([["1", " ২ "], [3, 4.5]]).tolist()
    [[1.0, 2.0], [3.0, 4.5]]
    """
    try:
        cells = np.asarray(values, dtype=object)
    except ValueError:  # ragged rows
        raise UserError("conv.err_not_2d", shape="?") from None
    if cells.ndim != 2:
        raise UserError("conv.err_not_2d", shape=str(cells.shape))
    if cells.size == 0:
        raise UserError("conv.err_empty")
    grid = np.empty(cells.shape, dtype=float)
    for (row, col), cell in np.ndenumerate(cells):
        grid[row, col] = _cell_number(cell, row, col)
    return grid


def _as_array(values) -> np.ndarray:
    """A numeric 2-D array with finite, not absurdly large values (fast path for numeric input)."""
    try:
        array = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        return to_grid(values)  # finds and names the offending cell
    if array.ndim != 2:
        raise UserError("conv.err_not_2d", shape=str(array.shape))
    if array.size == 0:
        raise UserError("conv.err_empty")
    if not np.all(np.isfinite(array)) or np.any(np.abs(array) > VALUE_LIMIT):
        return to_grid(array)
    return array


def _pair(value, key: str) -> tuple[int, int]:
    """An int or a (rows, cols) pair of positive whole numbers."""
    items = tuple(value) if isinstance(value, (tuple, list, np.ndarray)) else (value, value)
    if len(items) != 2:
        raise UserError(key, value=str(value))
    result = []
    for item in items:
        if isinstance(item, (bool, np.bool_)) or not isinstance(item, (int, np.integer, float, np.floating)):
            raise UserError(key, value=str(value))
        if not float(item).is_integer() or item < 1:
            raise UserError(key, value=str(value))
        result.append(int(item))
    return result[0], result[1]


def _check_bias(bias) -> float:
    """The bias as a float; text, NaN, infinities and huge numbers raise ``UserError``."""
    try:
        value = float(bias)
    except (TypeError, ValueError):
        raise UserError("conv.err_bias", value=str(bias)) from None
    if not math.isfinite(value) or abs(value) > VALUE_LIMIT:
        raise UserError("conv.err_bias", value=str(bias))
    return value


def _check_padding(padding: str) -> str:
    if padding not in PADDINGS:
        raise UserError("conv.err_padding", value=str(padding))
    return padding


# ---------------------------------------------------------------------------------------------
# Sizes
# ---------------------------------------------------------------------------------------------

def output_size(n: int, k: int, stride: int, padding: str) -> int:
    """How many positions a window of size ``k`` takes along a side of length ``n``.

    ``"valid"`` (no padding): ``floor((n - k) / stride) + 1``. ``"same"`` (pad with zeros so that,
    with stride 1, the output is as big as the input): ``ceil(n / stride)``.

    Args:
        n: the input's length along this side.
        k: the window's (kernel's) length along it.
        stride: how far the window moves each time.
        padding: ``"valid"`` or ``"same"``.

    Returns:
        The output's length along this side.

    Raises:
        UserError: for a stride below 1, an unknown padding, or a ``"valid"`` window longer than ``n``.

    Example:

    >>> output_size(28, 3, 2, "valid"), output_size(28, 3, 2, "same")
    (13, 14)
    """
    _check_padding(padding)
    if stride < 1:
        raise UserError("conv.err_stride", value=str(stride))
    if padding == "same":
        return -(-n // stride)
    if k > n:
        raise UserError("conv.err_window_too_big", k=k, n=n)
    return (n - k) // stride + 1


def same_padding(n: int, k: int, stride: int) -> tuple[int, int]:
    """TensorFlow's ``"same"`` padding along one side: ``(before, after)``; the odd one goes after.

    Example:

    >>> same_padding(5, 3, 1), same_padding(28, 3, 2)
    ((1, 1), (0, 1))
    """
    total = max((output_size(n, k, stride, "same") - 1) * stride + k - n, 0)
    return total // 2, total - total // 2


def _pads(shape, kernel_shape, stride, padding) -> tuple[int, int, int, int]:
    """``(top, bottom, left, right)`` zero rows/columns added around the input."""
    if padding == "valid":
        return 0, 0, 0, 0
    top, bottom = same_padding(shape[0], kernel_shape[0], stride[0])
    left, right = same_padding(shape[1], kernel_shape[1], stride[1])
    return top, bottom, left, right


def uncovered_pixels(n: int, k: int, stride: int, padding: str) -> int:
    """How many rows (or columns) of a length-``n`` input no window ever touches.

    A stride bigger than the window skips the pixels between windows, and with ``"valid"`` padding
    the last few pixels are dropped when the windows do not fit exactly.

    Args:
        n: the input's length along this side.
        k: the window's length.
        stride: how far the window moves each time.
        padding: ``"valid"`` or ``"same"``.

    Returns:
        The count of pixels no window covers (0 when every pixel is used).

    Example:

    A 2-wide window moving 3 at a time skips every third pixel (and the last one):

    >>> uncovered_pixels(28, 2, 3, "valid")
    10
    """
    count = output_size(n, k, stride, padding)
    before = same_padding(n, k, stride)[0] if padding == "same" else 0
    covered = np.zeros(n, dtype=bool)
    for index in range(count):
        start = index * stride - before
        covered[max(start, 0):max(start + k, 0)] = True
    return int(n - covered.sum())


def relu(x: np.ndarray) -> np.ndarray:
    """ReLU: keep positive numbers, turn negatives into 0.

    Example:

    >>> relu(np.array([-2.0, 0.5]))
    array([0. , 0.5])
    """
    return np.maximum(x, 0.0)


# ---------------------------------------------------------------------------------------------
# Convolution
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ConvStep:
    """One stop of the kernel: output cell ``(row, col)`` from the window whose top-left input pixel
    is ``(top, left)`` (negative when the window starts in the padding)."""

    index: int
    row: int
    col: int
    top: int
    left: int
    window: np.ndarray
    products: np.ndarray
    value: float


class _SlidingTrace:
    """What convolution and pooling traces share: steps in sliding order over an output map.

    Subclasses have ``output``, ``stride`` and ``pads`` fields and define ``step(index)``.
    """

    @property
    def shape(self) -> tuple[int, int]:
        return self.output.shape

    def __len__(self) -> int:
        return self.output.size

    def _place(self, index: int) -> tuple[int, int, int, int]:
        """``(row, col)`` of step ``index`` in the output, and its window's top-left in the input."""
        row, col = divmod(index, self.output.shape[1])
        return row, col, row * self.stride[0] - self.pads[0], col * self.stride[1] - self.pads[2]

    @cached_property
    def steps(self) -> list:
        """Every step in sliding order (left to right, then the next row)."""
        return [self.step(index) for index in range(len(self))]


@dataclass(frozen=True)
class ConvTrace(_SlidingTrace):
    """A whole convolution: the inputs, the padding used, the feature map and every step."""

    image: np.ndarray
    kernel: np.ndarray
    stride: tuple[int, int]
    padding: str
    bias: float
    pads: tuple[int, int, int, int]  # top, bottom, left, right
    padded: np.ndarray               # the image with its zero border
    windows: np.ndarray              # (out_rows, out_cols, k_rows, k_cols)
    products: np.ndarray             # windows * kernel, same shape
    output: np.ndarray               # (out_rows, out_cols)

    def step(self, index: int) -> ConvStep:
        """Step ``index`` in sliding order (left to right, then the next row)."""
        row, col, top, left = self._place(index)
        return ConvStep(index=index, row=row, col=col, top=top, left=left, window=self.windows[row, col],
                        products=self.products[row, col], value=float(self.output[row, col]))


def _windows(padded: np.ndarray, size: tuple[int, int], stride: tuple[int, int]) -> np.ndarray:
    return sliding_window_view(padded, size)[::stride[0], ::stride[1]]


def convolve(image, kernel, stride: int | tuple[int, int] = (1, 1), padding: str = "valid",
             bias: float = 0.0) -> ConvTrace:
    """Slide ``kernel`` over ``image`` as ``tf.nn.conv2d`` does and record every step.

    Each output cell is ``sum(window * kernel) + bias`` (no flip: a cross-correlation, like Keras).

    Args:
        image: a 2-D grid of numbers (or typed text, see :func:`to_grid`).
        kernel: a 2-D grid of weights, at most :data:`MAX_KERNEL` on a side.
        stride: an int, or ``(rows, cols)``: how far the kernel moves each time.
        padding: ``"valid"`` (the kernel stays inside the image) or ``"same"`` (zeros around it).
        bias: added to every output cell.

    Returns:
        A :class:`ConvTrace`: the feature map (``.output``) and every step (``.step(i)``).

    Raises:
        UserError: for a bad cell, stride, padding or bias, or a kernel too big for the image.

    Example:

    >>> trace = convolve([[1, 2, 3], [4, 5, 6], [7, 8, 9]], [[1, 0], [0, -1]])
    >>> trace.output.tolist()
    [[-4.0, -4.0], [-4.0, -4.0]]
    >>> step = trace.step(0)
    >>> step.window.tolist(), step.value   # 1*1 + 2*0 + 4*0 + 5*(-1)
    ([[1.0, 2.0], [4.0, 5.0]], -4.0)
    """
    image = _as_array(image)
    kernel = _as_array(kernel)
    stride = _pair(stride, "conv.err_stride")
    padding = _check_padding(padding)
    bias = _check_bias(bias)
    if max(kernel.shape) > MAX_KERNEL:
        raise UserError("conv.err_kernel_size", rows=kernel.shape[0], cols=kernel.shape[1], limit=MAX_KERNEL)
    if padding == "valid" and (kernel.shape[0] > image.shape[0] or kernel.shape[1] > image.shape[1]):
        raise UserError("conv.err_kernel_bigger", k_rows=kernel.shape[0], k_cols=kernel.shape[1],
                        rows=image.shape[0], cols=image.shape[1])
    pads = _pads(image.shape, kernel.shape, stride, padding)
    padded = np.pad(image, ((pads[0], pads[1]), (pads[2], pads[3])))
    windows = _windows(padded, kernel.shape, stride)
    products = windows * kernel
    output = products.sum(axis=(2, 3)) + bias
    return ConvTrace(image=image, kernel=kernel, stride=stride, padding=padding, bias=bias, pads=pads,
                     padded=padded, windows=windows, products=products, output=output)


# ---------------------------------------------------------------------------------------------
# Convolution over many input channels (one filter of a real Conv2D layer)
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ChannelConvStep:
    """One stop of a many-channel kernel: output cell ``(row, col)``.

    ``windows[c]`` are the input numbers of channel ``c`` under the kernel (zeros in the padding),
    ``products[c]`` those numbers times kernel slice ``c``, ``channel_sums[c]`` their sum; the cell's
    ``value`` is the sum of all ``channel_sums`` plus the bias.
    """

    index: int
    row: int
    col: int
    top: int
    left: int
    windows: np.ndarray       # (C, k_rows, k_cols)
    products: np.ndarray      # (C, k_rows, k_cols)
    channel_sums: np.ndarray  # (C,)
    value: float


@dataclass(frozen=True)
class ChannelConvTrace(_SlidingTrace):
    """One output map of a convolution layer whose input has C channels.

    A layer-2 filter is not one k x k grid but C of them, one *slice* per input channel: each slice
    slides over its own channel exactly like :func:`convolve` (``per_channel[c]``), and the C
    results are added up, plus one bias, into ``output`` (before any activation).
    """

    stack: np.ndarray         # (H, W, C) the layer's input
    kernels: np.ndarray       # (k_rows, k_cols, C) this filter's slices
    stride: tuple[int, int]
    padding: str
    bias: float
    pads: tuple[int, int, int, int]
    padded: np.ndarray        # (H + pads, W + pads, C)
    windows: np.ndarray       # (out_rows, out_cols, C, k_rows, k_cols), a view of ``padded``
    per_channel: np.ndarray   # (C, out_rows, out_cols): channel c convolved with slice c
    output: np.ndarray        # (out_rows, out_cols) = per_channel.sum(0) + bias

    @property
    def channels(self) -> int:
        return self.stack.shape[2]

    def step(self, index: int) -> ChannelConvStep:
        """Step ``index`` in sliding order (left to right, then the next row)."""
        row, col, top, left = self._place(index)
        windows = self.windows[row, col]
        products = windows * np.moveaxis(self.kernels, -1, 0)
        return ChannelConvStep(index=index, row=row, col=col, top=top, left=left, windows=windows,
                               products=products, channel_sums=products.sum(axis=(1, 2)),
                               value=float(self.output[row, col]))


def _as_stack(values, key: str) -> np.ndarray:
    """A finite ``H x W x C`` float array (a 2-D grid counts as one channel)."""
    try:
        array = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise UserError(key, shape="?") from None
    if array.ndim == 2:
        array = array[:, :, None]
    if array.ndim != 3 or array.size == 0:
        raise UserError(key, shape=" x ".join(str(n) for n in array.shape))
    if not np.all(np.isfinite(array)) or np.any(np.abs(array) > VALUE_LIMIT):
        raise UserError("network.err_not_finite", limit=f"{VALUE_LIMIT:g}")
    return array


def convolve_channels(stack, kernels, bias: float = 0.0, stride: int | tuple[int, int] = 1,
                      padding: str = "same") -> ChannelConvTrace:
    """One filter of a ``Conv2D`` layer on a C-channel input, as ``tf.nn.conv2d`` computes it.

    Each input channel is convolved with its own slice of the kernel, the C maps are added and the
    bias goes on top: ``output = per_channel.sum(0) + bias`` (no activation yet).

    Args:
        stack: the input, ``H x W x C`` (a 2-D grid counts as one channel).
        kernels: ``k_rows x k_cols x C``, the layer's kernel ``[:, :, :, filter]``.
        bias: the filter's bias.
        stride: an int, or ``(rows, cols)``.
        padding: ``"valid"`` or ``"same"``.

    Returns:
        A :class:`ChannelConvTrace`: the output map, each channel's share and every step.

    Raises:
        UserError: for shapes that do not fit together, a bad stride, padding or bias.

    Example:

    Two channels of ones, a 3x3x2 kernel of ones: the centre sees 9 + 9 ones, the corners 4 + 4.

    >>> trace = convolve_channels(np.ones((3, 3, 2)), np.ones((3, 3, 2)), bias=1.0)
    >>> trace.output.tolist()
    [[9.0, 13.0, 9.0], [13.0, 19.0, 13.0], [9.0, 13.0, 9.0]]
    """
    stack = _as_stack(stack, "network.err_stack_shape")
    kernels = _as_stack(kernels, "network.err_kernel_shape")
    if kernels.shape[2] != stack.shape[2]:
        raise UserError("network.err_kernel_channels", kernel=kernels.shape[2], stack=stack.shape[2])
    stride = _pair(stride, "conv.err_stride")
    padding = _check_padding(padding)
    bias = _check_bias(bias)
    size = kernels.shape[:2]
    if max(size) > MAX_KERNEL:
        raise UserError("conv.err_kernel_size", rows=size[0], cols=size[1], limit=MAX_KERNEL)
    if padding == "valid" and (size[0] > stack.shape[0] or size[1] > stack.shape[1]):
        raise UserError("conv.err_kernel_bigger", k_rows=size[0], k_cols=size[1],
                        rows=stack.shape[0], cols=stack.shape[1])
    pads = _pads(stack.shape[:2], size, stride, padding)
    padded = np.pad(stack, ((pads[0], pads[1]), (pads[2], pads[3]), (0, 0)))
    windows = sliding_window_view(padded, size, axis=(0, 1))[::stride[0], ::stride[1]]
    per_channel = np.einsum("ijcab,abc->cij", windows, kernels)
    output = per_channel.sum(axis=0) + bias
    return ChannelConvTrace(stack=stack, kernels=kernels, stride=stride, padding=padding, bias=bias, pads=pads,
                            padded=padded, windows=windows, per_channel=per_channel, output=output)


# ---------------------------------------------------------------------------------------------
# Pooling
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PoolStep:
    """One stop of the pooling window. ``window`` holds NaN where it hangs over the padding (those
    cells are ignored); ``argmax`` is the winning cell's ``(row, col)`` inside the window (max mode)."""

    index: int
    row: int
    col: int
    top: int
    left: int
    window: np.ndarray
    value: float
    count: int
    argmax: tuple[int, int] | None


@dataclass(frozen=True)
class PoolTrace(_SlidingTrace):
    """A whole pooling pass: the feature map in, the pooled map out and every step."""

    feature: np.ndarray
    size: tuple[int, int]
    stride: tuple[int, int]
    mode: str
    padding: str
    pads: tuple[int, int, int, int]
    windows: np.ndarray   # (out_rows, out_cols, size_rows, size_cols), NaN over padding
    output: np.ndarray

    def step(self, index: int) -> PoolStep:
        """Step ``index`` in sliding order."""
        row, col, top, left = self._place(index)
        window = self.windows[row, col]
        argmax = None
        if self.mode == "max":
            argmax = tuple(int(i) for i in np.unravel_index(np.nanargmax(window), window.shape))
        return PoolStep(index=index, row=row, col=col, top=top, left=left, window=window,
                        value=float(self.output[row, col]), count=int(np.count_nonzero(~np.isnan(window))),
                        argmax=argmax)


def pool(feature, size: int | tuple[int, int] = (2, 2), stride: int | tuple[int, int] = (2, 2),
         mode: str = "max", padding: str = "valid") -> PoolTrace:
    """Max or average pooling as ``tf.nn.max_pool2d`` / ``tf.nn.avg_pool2d`` compute it.

    With ``"same"`` padding the window may hang over the edge; those missing cells are simply left
    out: max looks only at real cells and average divides by how many real cells there are.

    Args:
        feature: the feature map, a 2-D grid.
        size: the window, an int or ``(rows, cols)``.
        stride: how far the window moves, an int or ``(rows, cols)``.
        mode: ``"max"`` or ``"average"``.
        padding: ``"valid"`` or ``"same"``.

    Returns:
        A :class:`PoolTrace`: the pooled map (``.output``) and every step.

    Raises:
        UserError: for a bad size, stride, mode or padding, or a window bigger than the map.

    Example:

    The lesson's grid, pooled with a 3x3 window moving 1 row down or 2 columns right:

    >>> pool(LESSON_GRID, size=3, stride=(1, 2)).output.tolist()
    [[4.0, 3.0], [4.0, 3.0]]
    """
    feature = _as_array(feature)
    size = _pair(size, "conv.err_pool_size")
    stride = _pair(stride, "conv.err_stride")
    padding = _check_padding(padding)
    if mode not in POOL_MODES:
        raise UserError("conv.err_pool_mode", value=str(mode))
    if max(size) > MAX_KERNEL:
        raise UserError("conv.err_pool_size", value=f"{size[0]}x{size[1]}")
    if padding == "valid" and (size[0] > feature.shape[0] or size[1] > feature.shape[1]):
        raise UserError("conv.err_pool_bigger", k_rows=size[0], k_cols=size[1],
                        rows=feature.shape[0], cols=feature.shape[1])
    pads = _pads(feature.shape, size, stride, padding)
    padded = np.pad(feature, ((pads[0], pads[1]), (pads[2], pads[3])), constant_values=np.nan)
    windows = _windows(padded, size, stride)
    # Every "same" window holds at least one real cell, so the nan-aware reductions never see all-NaN.
    output = np.nanmax(windows, axis=(2, 3)) if mode == "max" else np.nanmean(windows, axis=(2, 3))
    return PoolTrace(feature=feature, size=size, stride=stride, mode=mode, padding=padding, pads=pads,
                     windows=windows, output=output)


def first_layer_filters(model) -> tuple[np.ndarray, np.ndarray]:
    """A Keras model's first convolution layer as 2-D kernels and their biases.

    Only the first input channel is kept: the app's images are grayscale, so there is just one.

    Args:
        model: a Keras model with at least one ``Conv2D`` layer.

    Returns:
        ``(kernels, biases)``: kernels shaped ``(count, rows, cols)``, biases ``(count,)``.

    Raises:
        UserError: ``conv.err_no_conv_layer`` for a model without a convolution layer.
    """
    for layer in model.layers:
        weights = layer.get_weights()
        if weights and np.ndim(weights[0]) == 4:  # Conv2D kernels are (rows, cols, in, out)
            kernels = np.moveaxis(np.asarray(weights[0], dtype=float)[:, :, 0, :], -1, 0)
            biases = (np.asarray(weights[1], dtype=float) if len(weights) > 1
                      else np.zeros(kernels.shape[0]))
            return kernels, biases
    raise UserError("conv.err_no_conv_layer")
