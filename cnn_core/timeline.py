"""A run's timeline: what the network looked like at a few dozen moments while it trained, for a replay.

While a run trains, :class:`TimelineRecorder` (a Keras callback the runner puts beside the
reporter's) takes a **frame** at fixed fractions of the planned batches: before the first batch,
then evenly spaced, and once more when training ends (finished or stopped). A frame holds

* the first convolution layer's kernels (``filters``: they start as noise and turn into edge and
  stripe detectors),
* one fixed **probe** picture's feature maps at every convolution layer (``maps``: they sharpen),
  and the probe's class probabilities,
* the accuracy per class on a small held-out **sample** (``class_accuracy``: the classes are
  learned one after another).

Frames are small on purpose: at most :data:`MAX_CHANNELS` channels a layer, maps stored as
``uint8`` with each channel's low and high value (``float16``), everything else ``float16``. A run
plans :data:`MIN_FRAMES` to :data:`MAX_FRAMES` frames (more for longer runs), fewer when its frames
would pass :data:`MAX_BYTES` together. Each frame travels to the app as the bytes of a small
``.npz`` inside the reporter's progress deltas (``{"timeline": {"header": bytes, "frames": [bytes]}}``,
see :class:`cnn_core.jobs.Reporter`): plain bytes, so a bare Dask scheduler passes them on without
numpy. The app folds them into a :class:`Timeline` (:meth:`Timeline.apply`), and the model store
keeps it beside the model as one compressed ``.npz`` (:meth:`Timeline.to_bytes`; no pickles, read
with ``allow_pickle=False``).

Example:
    >>> timeline = Timeline.from_bytes(store.ModelStore().timeline_bytes(run_id))   # doctest: +SKIP
    >>> frame = timeline.frames[-1]; frame.filters.shape, [m.shape for m in frame.map_values()]  # doctest: +SKIP
    ((32, 3, 3), [(28, 28, 16), (14, 14, 16)])
"""

from __future__ import annotations

import io
import json
import weakref
from dataclasses import dataclass, field

import keras
import numpy as np

MIN_FRAMES = 20              # a run's frames, at least (fewer only when it trains fewer batches)
MAX_FRAMES = 60              # and at most
# A longer run gets more frames: one per this many training pictures, up to MAX_FRAMES. A frame
# costs one forward pass over the sample (~100 pictures); a trained picture costs about three
# (forward, backward, update), so past MIN_FRAMES the replay costs at most ~1% of the training.
PICTURES_PER_FRAME = 5000
MAX_CHANNELS = 16            # feature-map channels kept per convolution layer
MAX_FILTERS = 64             # first-layer kernels kept
SAMPLE_PER_CLASS = 10        # held-out pictures per class for the per-class accuracy (100 for ten classes)
MAX_BYTES = 1 << 20          # a run's frames together stay under this many bytes (before compression)
FORMAT_VERSION = 1


# ------------------------------------------------------------------------------ the format
def _npz_bytes(arrays: dict, compressed: bool = False) -> bytes:
    buffer = io.BytesIO()
    (np.savez_compressed if compressed else np.savez)(buffer, **arrays)
    return buffer.getvalue()


def _npz_arrays(data: bytes) -> dict:
    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as loaded:
            return {name: loaded[name] for name in loaded.files}
    except Exception as exc:  # a damaged or foreign file: numpy raises many kinds
        raise ValueError(f"not a timeline: {type(exc).__name__}") from exc


@dataclass(frozen=True)
class Frame:
    """The network at one moment of its training.

    Args:
        batch: batches trained so far (0: before the first).
        x: the same moment on the epoch axis of the training curves (``batch / steps_per_epoch``).
        filters: the first convolution layer's kernels, ``(F, kh, kw)`` ``float16`` (averaged over
            input channels; the app's pictures have one).
        maps: the probe's feature maps, one ``uint8`` ``(h, w, c)`` array per convolution layer,
            each channel spread over 0..255 between its ``ranges``.
        ranges: per layer, ``(c, 2)`` ``float16``: each channel's low and high value.
        probabilities: the probe's class probabilities, ``(K,)`` ``float16``.
        class_accuracy: accuracy per class on the held-out sample, ``(K,)`` ``float16`` (NaN for a
            class the sample lacks).
    """

    batch: int
    x: float
    filters: np.ndarray
    maps: tuple
    ranges: tuple
    probabilities: np.ndarray
    class_accuracy: np.ndarray

    def map_values(self) -> list[np.ndarray]:
        """The probe's feature maps back as ``float32`` values (to within 1/255 of each channel's range)."""
        values = []
        for quantised, ranges in zip(self.maps, self.ranges):
            low, high = ranges[:, 0].astype(np.float32), ranges[:, 1].astype(np.float32)
            values.append(low + quantised.astype(np.float32) / 255.0 * (high - low))
        return values

    @property
    def nbytes(self) -> int:
        return int(self.filters.nbytes + self.probabilities.nbytes + self.class_accuracy.nbytes
                   + sum(array.nbytes for array in self.maps) + sum(array.nbytes for array in self.ranges))

    def to_bytes(self) -> bytes:
        """This frame as the bytes of a small ``.npz`` (what a worker sends)."""
        arrays = {"batch": np.int64(self.batch), "x": np.float32(self.x), "filters": self.filters,
                  "probabilities": self.probabilities, "class_accuracy": self.class_accuracy}
        for index, (quantised, ranges) in enumerate(zip(self.maps, self.ranges)):
            arrays[f"map{index}"], arrays[f"range{index}"] = quantised, ranges
        return _npz_bytes(arrays)

    @classmethod
    def from_bytes(cls, data: bytes) -> Frame:
        arrays = _npz_arrays(data)
        layers = sum(1 for name in arrays if name.startswith("map"))
        return cls(batch=int(arrays["batch"]), x=float(arrays["x"]), filters=arrays["filters"],
                   maps=tuple(arrays[f"map{index}"] for index in range(layers)),
                   ranges=tuple(arrays[f"range{index}"] for index in range(layers)),
                   probabilities=arrays["probabilities"], class_accuracy=arrays["class_accuracy"])


@dataclass
class Timeline:
    """A run's frames and what they share: the probe picture, the layers, the sample.

    Args:
        probe_image: the probe picture, ``(28, 28)`` ``uint8``.
        probe_label: its true class.
        layer_names: the convolution layers whose maps each frame holds, in order.
        layer_channels: how many channels each of those layers has (a frame keeps the first
            :data:`MAX_CHANNELS`).
        filter_layer: the layer whose kernels are ``filters``.
        sample_counts: held-out pictures per class behind ``class_accuracy``.
        steps_per_epoch: batches per epoch (the epoch axis).
        total_batches: batches the run planned.
        frames: the frames so far, oldest first.
    """

    probe_image: np.ndarray
    probe_label: int
    layer_names: list
    layer_channels: list
    filter_layer: str
    sample_counts: np.ndarray
    steps_per_epoch: int
    total_batches: int
    frames: list = field(default_factory=list)

    @property
    def num_classes(self) -> int:
        return len(self.sample_counts)

    @property
    def nbytes(self) -> int:
        """The frames' bytes in memory (what :data:`MAX_BYTES` bounds)."""
        return sum(frame.nbytes for frame in self.frames)

    # ----- the header, sent once before the frames ---------------------------------------------
    def _header_fields(self) -> dict:
        return {"version": FORMAT_VERSION, "probe_label": int(self.probe_label), "layer_names": list(self.layer_names),
                "layer_channels": [int(count) for count in self.layer_channels], "filter_layer": self.filter_layer,
                "steps_per_epoch": int(self.steps_per_epoch), "total_batches": int(self.total_batches)}

    def header_bytes(self) -> bytes:
        return _npz_bytes({"header": np.array(json.dumps(self._header_fields())),
                           "probe_image": self.probe_image, "sample_counts": self.sample_counts})

    @classmethod
    def from_header(cls, arrays: dict) -> Timeline:
        fields = json.loads(str(arrays["header"]))
        if fields.get("version") != FORMAT_VERSION:
            raise ValueError(f"timeline format {fields.get('version')!r} is not {FORMAT_VERSION}")
        return cls(probe_image=np.asarray(arrays["probe_image"], dtype=np.uint8),
                   probe_label=int(fields["probe_label"]), layer_names=list(fields["layer_names"]),
                   layer_channels=list(fields["layer_channels"]), filter_layer=str(fields["filter_layer"]),
                   sample_counts=np.asarray(arrays["sample_counts"], dtype=np.int64),
                   steps_per_epoch=int(fields["steps_per_epoch"]), total_batches=int(fields["total_batches"]))

    # ----- folding a worker's deltas in -------------------------------------------------------
    @classmethod
    def apply(cls, timeline: Timeline | None, delta: dict) -> Timeline | None:
        """Fold one progress delta's ``"timeline"`` part into ``timeline`` (a header starts a new one);
        returns the timeline as it now stands (``None`` while no header has come)."""
        if delta.get("header") is not None:
            timeline = cls.from_header(_npz_arrays(delta["header"]))
        for data in delta.get("frames") or ():
            if timeline is not None:
                timeline.frames.append(Frame.from_bytes(data))
        return timeline

    def copy(self) -> Timeline:
        """A copy that later frames do not change (frames themselves never change)."""
        return Timeline(**{**self.__dict__, "frames": list(self.frames)})

    # ----- the saved file -----------------------------------------------------------------------
    def to_bytes(self) -> bytes:
        """The whole timeline as one compressed ``.npz`` (frames stacked), what the model store keeps."""
        if not self.frames:
            raise ValueError("a timeline without frames is not saved")
        frames = self.frames
        arrays = {"header": np.array(json.dumps(self._header_fields())), "probe_image": self.probe_image,
                  "sample_counts": self.sample_counts,
                  "batch": np.array([frame.batch for frame in frames], dtype=np.int64),
                  "x": np.array([frame.x for frame in frames], dtype=np.float32),
                  "filters": np.stack([frame.filters for frame in frames]),
                  "probabilities": np.stack([frame.probabilities for frame in frames]),
                  "class_accuracy": np.stack([frame.class_accuracy for frame in frames])}
        for index in range(len(self.layer_names)):
            arrays[f"map{index}"] = np.stack([frame.maps[index] for frame in frames])
            arrays[f"range{index}"] = np.stack([frame.ranges[index] for frame in frames])
        return _npz_bytes(arrays, compressed=True)

    @classmethod
    def from_bytes(cls, data: bytes) -> Timeline:
        """A timeline from :meth:`to_bytes`; ``ValueError`` for anything else."""
        arrays = _npz_arrays(data)
        try:
            timeline = cls.from_header(arrays)
            layers = len(timeline.layer_names)
            count = len(arrays["batch"])
            for index in range(count):
                timeline.frames.append(Frame(
                    batch=int(arrays["batch"][index]), x=float(arrays["x"][index]),
                    filters=arrays["filters"][index], probabilities=arrays["probabilities"][index],
                    class_accuracy=arrays["class_accuracy"][index],
                    maps=tuple(arrays[f"map{layer}"][index] for layer in range(layers)),
                    ranges=tuple(arrays[f"range{layer}"][index] for layer in range(layers))))
        except (KeyError, IndexError, TypeError, ValueError) as exc:
            raise ValueError(f"not a timeline: {type(exc).__name__}: {exc}") from exc
        if not timeline.frames or timeline.probe_image.shape != (28, 28):
            raise ValueError("not a timeline: no frames or no 28x28 probe")
        return timeline

    def class_accuracy_matrix(self) -> np.ndarray:
        """``(frames, classes)`` ``float32``: every frame's per-class accuracy (for the chart over time)."""
        return np.stack([frame.class_accuracy.astype(np.float32) for frame in self.frames]) if self.frames \
            else np.zeros((0, self.num_classes), np.float32)


# ------------------------------------------------------------------------------ what to record
def pick_sample(labels: np.ndarray, num_classes: int, per_class: int = SAMPLE_PER_CLASS) -> np.ndarray:
    """Indices of the first ``per_class`` pictures of every class (fewer when a class has fewer), in order.

    Example:
        >>> pick_sample(np.array([1, 0, 1, 1, 0]), 2, per_class=2).tolist()
        [0, 1, 2, 4]
    """
    labels = np.asarray(labels)
    chosen = [np.flatnonzero(labels == label)[:per_class] for label in range(num_classes)]
    return np.sort(np.concatenate(chosen)) if chosen else np.zeros(0, np.int64)


def plan_frames(total_batches: int, batch_size: int, frame_bytes: int, max_bytes: int = MAX_BYTES) -> list[int]:
    """The batch counts at which a run of ``total_batches`` batches of ``batch_size`` takes its frames
    (0 = before training).

    ``MIN_FRAMES`` to ``MAX_FRAMES`` of them (one per ``PICTURES_PER_FRAME`` trained pictures),
    evenly spread, never more than there are batches plus one, and fewer when ``frame_bytes`` each
    would pass ``max_bytes`` together (one frame more is taken when training ends off the plan).

    Example:
        >>> plan_frames(10, 32, 100)
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
        >>> len(plan_frames(210, 128, 100)), len(plan_frames(18_750, 32, 100))
        (20, 60)
    """
    wanted = min(MAX_FRAMES, max(MIN_FRAMES, total_batches * max(1, batch_size) // PICTURES_PER_FRAME))
    wanted = max(2, min(wanted, max_bytes // max(1, frame_bytes) - 1, total_batches + 1))
    return sorted({int(round(value)) for value in np.linspace(0, total_batches, wanted)})


def _quantise(maps: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(h, w, c)`` float maps -> ``uint8`` maps and each channel's ``(low, high)`` as ``float16``."""
    low = maps.min(axis=(0, 1))
    high = maps.max(axis=(0, 1))
    spread = np.where(high > low, high - low, 1.0)
    quantised = np.round((maps - low) / spread * 255.0).astype(np.uint8)
    return quantised, np.stack([low, high], axis=1).astype(np.float16)


class TimelineRecorder(keras.callbacks.Callback):
    """Keras callback: takes the run's frames (see the module docstring) and hands each to ``reporter``.

    Put it after the reporter's own callback (``callbacks=[reporter.keras_callback(), recorder]``): it reads
    the batches trained from the reporter (``batches_done``), which counts every call's batches.
    Each frame is one forward pass over the probe and the sample (about 100 pictures) through one
    traced graph, made in inference mode (dropout off, BatchNorm with its moving statistics).

    Args:
        reporter: the job's progress reporter (:class:`cnn_core.jobs.Reporter`); gets
            ``timeline(header=...)`` once and ``timeline(frame=...)`` per frame.
        images: held-out ``uint8`` pictures ``(N, 28, 28, 1)`` (the test split, or a teaching run's
            held-out examples); the probe is the first picture of the sample drawn from them.
        labels: their classes.
        num_classes: the model's number of outputs.
    """

    def __init__(self, reporter, images: np.ndarray, labels: np.ndarray, num_classes: int):
        super().__init__()
        self.reporter = reporter
        chosen = pick_sample(labels, num_classes)
        if not len(chosen):
            chosen = np.arange(min(len(labels), 1))
        self.images = np.asarray(images[chosen], dtype=np.uint8)
        if self.images.ndim == 3:
            self.images = self.images[..., None]
        self.labels = np.asarray(labels, dtype=np.int64)[chosen]
        self.num_classes = int(num_classes)
        self.counts = np.bincount(self.labels, minlength=self.num_classes)[: self.num_classes]
        self.timeline: Timeline | None = None
        self._look = None
        self._plan: list[int] = []
        self._next = 0
        self._batches = 0

    # ----- Keras hooks --------------------------------------------------------------------------
    def on_train_begin(self, logs=None):
        model = self.model
        convs = [layer for layer in model.layers if isinstance(layer, keras.layers.Conv2D)]
        if not convs:
            return  # nothing to replay (a model without convolutions)
        steps = int(self.params.get("steps") or 0)
        epochs = int(self.params.get("epochs") or 1)
        self._look = _look_of(model, convs)
        self._batches = 0
        self.timeline = Timeline(probe_image=self.images[0, :, :, 0], probe_label=int(self.labels[0]),
                                 layer_names=[layer.name for layer in convs],
                                 layer_channels=[int(layer.filters) for layer in convs], filter_layer=convs[0].name,
                                 sample_counts=self.counts.astype(np.int64), steps_per_epoch=max(steps, 1),
                                 total_batches=steps * epochs)
        self.reporter.timeline(header=self.timeline.header_bytes())
        first = self._take()
        self._plan = plan_frames(steps * epochs, getattr(self.reporter, "batch_size", 0), first.nbytes)
        self._next = 1

    def on_train_batch_end(self, batch, logs=None):
        if self._look is None:
            return
        self._batches = self.reporter.batches_done  # counted by the reporter's callback, which runs first
        due = self._next
        while self._next < len(self._plan) and self._batches >= self._plan[self._next]:
            self._next += 1  # one call may train past several planned frames: one frame stands for them
        if self._next > due:
            self._take()

    def on_train_end(self, logs=None):
        if self._look is not None and self.timeline.frames[-1].batch != self._batches:
            self._take()  # a stopped run, or one that trained off its plan, ends with its last state
        self._look = None

    # ----- one frame ------------------------------------------------------------------------------
    def _take(self) -> Frame:
        outputs = self._look(self.images)
        probabilities = np.asarray(outputs[-1], dtype=np.float32)
        right = probabilities.argmax(axis=1) == self.labels
        hits = np.bincount(self.labels[right], minlength=self.num_classes)[: self.num_classes]
        with np.errstate(invalid="ignore", divide="ignore"):
            class_accuracy = np.where(self.counts > 0, hits / np.maximum(self.counts, 1), np.nan)
        maps, ranges = [], []
        for output in outputs[:-1]:
            quantised, spread = _quantise(np.asarray(output[0, :, :, :MAX_CHANNELS], dtype=np.float32))
            maps.append(quantised)
            ranges.append(spread)
        kernel = np.asarray(self.model.get_layer(self.timeline.filter_layer).kernel, dtype=np.float32)
        frame = Frame(batch=self._batches, x=self._batches / self.timeline.steps_per_epoch,
                      filters=kernel.mean(axis=2).transpose(2, 0, 1)[:MAX_FILTERS].astype(np.float16),
                      maps=tuple(maps), ranges=tuple(ranges), probabilities=probabilities[0].astype(np.float16),
                      class_accuracy=class_accuracy.astype(np.float16))
        self.timeline.frames.append(frame)
        self.reporter.timeline(frame=frame.to_bytes())
        return frame


# Each trained network's traced look (below), kept while the network lives: a worker's kept networks
# (cnn_core.training.CompiledModels) serve many runs, and each run would otherwise build and trace it anew.
_LOOKS: "weakref.WeakKeyDictionary[keras.Model, object]" = weakref.WeakKeyDictionary()


def _look_of(model: keras.Model, convs: list) -> object:
    """One traced graph giving every convolution layer's output and the model's, in inference mode.

    An eager call of the model costs ~30x more per frame than the traced one, which pays its tracing
    once (bench/timeline_cost.py); kept per network, a reused network pays it once for all its runs.
    """
    look = _LOOKS.get(model)
    if look is None:
        import tensorflow as tf

        outputs = keras.Model(model.inputs[0], [layer.output for layer in convs] + list(model.outputs))
        look = _LOOKS[model] = tf.function(lambda images: outputs(images, training=False), reduce_retracing=True)
    return look


def recorders(reporter, images: np.ndarray, labels: np.ndarray, num_classes: int) -> list:
    """The Keras callbacks that record a run's timeline: ``[TimelineRecorder]``, or none when
    ``reporter`` does not take one (``reporter.records_timeline`` false, e.g. a benchmark's baseline)
    or there are no held-out pictures. For ``model.fit(callbacks=[reporter.keras_callback(), *recorders(...)])``."""
    if not getattr(reporter, "records_timeline", False) or not len(labels):
        return []
    return [TimelineRecorder(reporter, images, labels, num_classes)]
