"""A small real model for tests of Classify and Inside the model: trained for one epoch on a few
thousand Fashion-MNIST pictures, so its answers are far better than chance but it takes seconds."""

from __future__ import annotations

import numpy as np

TRAIN_IMAGES = 3000


def train_tiny_model(dataset, images: int = TRAIN_IMAGES, seed: int = 0):
    """``(model, meta)`` like the app's models: uint8 28x28x1 in, Rescaling first, softmax out."""
    import keras

    from cnn_core.models import build_model

    model = build_model("small", num_classes=dataset.num_classes, seed=seed)
    model.compile(optimizer=keras.optimizers.Adam(2e-3), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    model.fit(dataset.train_images[:images], dataset.train_labels[:images], epochs=1, batch_size=64,
              verbose=0)
    predictions = model(dataset.test_images[:1000], training=False).numpy().argmax(axis=1)
    accuracy = float(np.mean(predictions == dataset.test_labels[:1000]))
    meta = {"name": "tiny test model", "dataset": dataset.name, "preset": "small", "test_accuracy": accuracy,
            "class_names": list(dataset.class_names)}
    return model, meta
