"""Which number format a run trains in: bfloat16 where the hardware does it natively, float32 elsewhere.

``bfloat16`` keeps float32's range (8 exponent bits) but only 8 bits of mantissa, so a multiply-add
moves and computes half the bytes. CPUs with the AVX512-BF16 or AMX instructions, and GPUs from
NVIDIA's Ampere generation on (compute capability 8.0+), run it natively and train a CNN like the
lesson's about twice as fast; elsewhere it would be *emulated* and slower than float32.

Keras' ``mixed_bfloat16`` policy computes in bfloat16 but keeps every weight in float32, so the
optimizer's small updates are not rounded away; the last layer (softmax) computes in float32 so the
probabilities and the loss keep their precision. Tested on real Fashion-MNIST in
``bench/precision_parity.py``: the shipped recipes reach the same test accuracy either way.

:func:`choose` turns a run's request (``"auto"`` or ``"float32"``, the "force float32" switch) into a
:class:`Precision`: the Keras policy for :func:`cnn_core.models.build_model` and a label the page
shows ("bfloat16 on CPU (AMX)", "float32", "GPU: …"). Call it where the run trains: a Dask worker on
another machine may have other hardware than the web server.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from cnn_core.errors import UserError
from cnn_core.i18n import t

CHOICES = ("auto", "float32")  # what a run may ask for: the machine's best, or float32 always
MIXED_BFLOAT16 = "mixed_bfloat16"
FLOAT32 = "float32"
BF16_GPU_CAPABILITY = (8, 0)  # Ampere and later compute in bfloat16 natively


@dataclass(frozen=True)
class Precision:
    """A run's number format: ``policy`` for Keras, and the i18n key + values of its label."""

    policy: str
    label_key: str
    label_values: dict = field(default_factory=dict)

    @property
    def is_bfloat16(self) -> bool:
        return self.policy == MIXED_BFLOAT16

    def label(self, lang: str = "en") -> str:
        return t(self.label_key, lang, **self.label_values)


def cpu_flags(cpuinfo: Path | str = "/proc/cpuinfo") -> frozenset[str]:
    """The instruction-set flags the kernel reports for the first CPU (empty where there is no
    ``/proc/cpuinfo``, e.g. on macOS or Windows: those machines train in float32)."""
    try:
        text = Path(cpuinfo).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return frozenset()
    for line in text.splitlines():
        name, _, value = line.partition(":")
        if name.strip() == "flags":
            return frozenset(value.split())
    return frozenset()


def gpu_devices() -> list[tuple[str, tuple | None]]:
    """``(name, compute capability)`` of every GPU TensorFlow sees (imports TensorFlow)."""
    import tensorflow as tf

    devices = []
    for gpu in tf.config.list_physical_devices("GPU"):
        details = tf.config.experimental.get_device_details(gpu)
        devices.append((details.get("device_name", gpu.name), details.get("compute_capability")))
    return devices


def hardware_precision(flags: frozenset[str] | set[str], gpus: list[tuple[str, tuple | None]]) -> Precision:
    """The fastest format this hardware computes natively: TensorFlow trains on the first GPU when
    there is one, else on the CPU."""
    if gpus:
        name, capability = gpus[0]
        if capability is not None and tuple(capability) >= BF16_GPU_CAPABILITY:
            return Precision(MIXED_BFLOAT16, "precision.gpu_bf16", {"name": name})
        return Precision(FLOAT32, "precision.gpu_float32", {"name": name})
    if "amx_bf16" in flags:
        return Precision(MIXED_BFLOAT16, "precision.cpu_amx")
    if "avx512_bf16" in flags:
        return Precision(MIXED_BFLOAT16, "precision.cpu_avx512_bf16")
    return Precision(FLOAT32, "precision.cpu_float32")


@functools.lru_cache(maxsize=1)
def machine_precision() -> Precision:
    """:func:`hardware_precision` of the machine this process runs on (looked up once)."""
    return hardware_precision(cpu_flags(), gpu_devices())


def choose(requested: str = "auto", machine: Precision | None = None) -> Precision:
    """The precision a run uses: the machine's best for ``"auto"``, float32 when forced.

    ``machine`` defaults to :func:`machine_precision`; an unknown request raises ``UserError``.
    """
    if requested not in CHOICES:
        raise UserError("precision.err_choice", value=requested)
    machine = machine or machine_precision()
    if requested == FLOAT32 and machine.policy != FLOAT32:
        on_gpu = machine.label_key.startswith("precision.gpu")
        return Precision(FLOAT32, "precision.gpu_float32" if on_gpu else "precision.cpu_float32",
                         dict(machine.label_values))
    return machine
