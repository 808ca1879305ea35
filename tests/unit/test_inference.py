"""Inference: fast probabilities equal Keras', evaluation numbers equal a direct count, and the
looks inside (activations, filters, saliency) have the right shapes and values."""

from __future__ import annotations

import gc
import weakref

import numpy as np
import pytest
import tensorflow as tf

from cnn_core import inference
from cnn_core.models import build_model


@pytest.fixture(scope="module")
def tiny(fashion):
    from tests.support.tiny_model import train_tiny_model

    return train_tiny_model(fashion)


@pytest.fixture(scope="module")
def seed_model():
    return build_model("seed", seed=1)


def test_probabilities_sum_to_one_and_match_model_predict(tiny, fashion):
    model, _ = tiny
    images = fashion.test_images[:64]
    predictor = inference.predictor_for(model)
    fast = predictor.batch_probabilities(images, batch_size=16)
    keras_way = model.predict(images, verbose=0)
    assert fast.shape == (64, 10)
    np.testing.assert_allclose(fast.sum(axis=1), 1.0, atol=1e-5)
    np.testing.assert_allclose(fast, keras_way, atol=1e-5)
    single = predictor.probabilities(images[3, :, :, 0])
    np.testing.assert_allclose(single, keras_way[3], atol=1e-5)


def test_one_predictor_per_model_and_it_does_not_keep_the_model_alive():
    model = build_model("small", seed=2)
    first = inference.predictor_for(model)
    assert inference.predictor_for(model) is first
    token = inference.model_token(model)
    assert inference.model_token(model) == token
    assert inference.model_token(build_model("small", seed=2)) != token
    first.probabilities(np.zeros((28, 28), np.uint8))
    alive = weakref.ref(model)
    del model, first
    gc.collect()
    assert alive() is None


def test_evaluation_matches_a_direct_count(tiny, fashion):
    model, _ = tiny
    images, labels = fashion.test_images[:2000], fashion.test_labels[:2000]
    evaluation = inference.evaluate(model, images, labels)
    predicted = model.predict(images, verbose=0).argmax(axis=1)
    assert evaluation.accuracy == pytest.approx(np.mean(predicted == labels))
    assert 0.5 < evaluation.accuracy < 1.0            # one short epoch: far above chance (0.1)
    confusion = np.zeros((10, 10), dtype=int)
    for truth, guess in zip(labels, predicted):
        confusion[truth, guess] += 1
    np.testing.assert_array_equal(evaluation.confusion, confusion)
    for cls in range(10):
        of_class = labels == cls
        assert evaluation.per_class_accuracy[cls] == pytest.approx(np.mean(predicted[of_class] == cls))
    np.testing.assert_array_equal(evaluation.predictions, predicted)


def test_most_confident_mistakes_and_cell_examples(tiny, fashion):
    model, _ = tiny
    evaluation = inference.evaluate(model, fashion.test_images[:1000], fashion.test_labels[:1000])
    mistakes = inference.most_confident_mistakes(evaluation, 10)
    assert len(mistakes) == 10
    probabilities = [mistake["probability"] for mistake in mistakes]
    assert probabilities == sorted(probabilities, reverse=True)
    wrong = evaluation.predictions != evaluation.labels
    top_wrong = np.sort(evaluation.probabilities[wrong].max(axis=1))[::-1][:10]
    np.testing.assert_allclose(probabilities, top_wrong, rtol=1e-6)
    for mistake in mistakes:
        assert mistake["true"] == fashion.test_labels[mistake["index"]] != mistake["predicted"]
    true_class, said = mistakes[0]["true"], mistakes[0]["predicted"]
    cell = inference.examples_of(evaluation, true_class, said, k=1000)
    assert len(cell) == evaluation.confusion[true_class, said]
    assert all(evaluation.labels[i] == true_class and evaluation.predictions[i] == said for i in cell)


def test_activation_maps_of_every_conv_and_pool_layer(seed_model, fashion):
    image = fashion.test_images[0, :, :, 0]
    maps = inference.activation_maps(seed_model, image)
    assert [(name, shape.shape) for name, shape in maps] == [
        ("conv1", (28, 28, 32)), ("pool1", (14, 14, 32)), ("conv2", (14, 14, 64)), ("pool2", (7, 7, 64))]
    # conv1 by hand: ReLU(convolution of the 0..1 picture with the kernel, plus the bias)
    conv1 = seed_model.get_layer("conv1")
    scaled = tf.constant(image[None, :, :, None] / 255.0, tf.float32)
    by_hand = tf.nn.relu(tf.nn.conv2d(scaled, conv1.kernel, 1, "SAME") + conv1.bias).numpy()[0]
    np.testing.assert_allclose(maps[0][1], by_hand, atol=1e-4)
    # pool1 is the 2x2 maximum of conv1
    pooled = maps[0][1].reshape(14, 2, 14, 2, 32).max(axis=(1, 3))
    np.testing.assert_allclose(maps[1][1], pooled, atol=1e-6)


def test_activation_maps_of_the_strong_preset_show_convolutions_after_batchnorm_and_relu():
    import keras

    model = build_model("strong", seed=0)
    maps = inference.activation_maps(model, np.zeros((28, 28), np.uint8))
    expected = [layer for layer in model.layers
                if isinstance(layer, (keras.layers.Conv2D, keras.layers.MaxPooling2D))]
    assert len(maps) == len(expected) >= 4
    for (name, activation), layer in zip(maps, expected):
        assert name == layer.name and activation.shape == tuple(layer.output.shape[1:])
        if isinstance(layer, keras.layers.Conv2D):
            assert activation.min() >= 0          # shown after its BatchNorm and ReLU


def test_saliency_is_the_input_gradient_of_the_class_score(tiny, fashion):
    model, _ = tiny
    image = fashion.test_images[7, :, :, 0]
    # the float path computes exactly what the model computes on the uint8 picture
    through_layers = inference._run_layers_on_float(model, tf.constant(image[None, :, :, None], tf.float32))
    np.testing.assert_allclose(through_layers.numpy()[0], inference.predictor_for(model).probabilities(image),
                               atol=1e-5)
    label = int(fashion.test_labels[7])
    heat = inference.saliency(model, image, label)
    assert heat.shape == (28, 28) and heat.min() >= 0 and heat.max() == pytest.approx(1.0)
    # a finite difference at the most salient pixel agrees in size with the gradient there
    row, col = np.unravel_index(np.argmax(heat), heat.shape)
    floats = tf.constant(image[None, :, :, None], tf.float32)
    bump = np.zeros((1, 28, 28, 1), np.float32)
    bump[0, row, col, 0] = 1.0
    score = lambda x: float(inference._run_layers_on_float(model, x)[0, label])  # noqa: E731
    slope = (score(floats + bump) - score(floats - bump)) / 2
    with tf.GradientTape() as tape:
        tape.watch(floats)
        value = inference._run_layers_on_float(model, floats)[0, label]
    gradient = tape.gradient(value, floats).numpy()[0, row, col, 0]
    assert slope == pytest.approx(gradient, rel=0.2, abs=1e-6)


def test_looks_unlike_data(fashion):
    flagged = [inference.looks_unlike_data(image, fashion) for image in fashion.test_images[:1000]]
    assert np.mean([reason is not None for reason in flagged]) < 0.03
    dot = np.zeros((28, 28), np.uint8)
    dot[13:15, 13:15] = 255
    assert inference.looks_unlike_data(dot, fashion) == "classify.reason_too_little_ink"
    assert inference.looks_unlike_data(np.full((28, 28), 255, np.uint8), fashion) == "classify.reason_too_much_ink"


def test_pick_examples_mixes_mistakes_in_order():
    truth = np.array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    guess = np.array([0, 1, 9, 3, 4, 0, 6, 7, 8, 9])
    assert list(inference.pick_examples(truth, guess, count=5, max_wrong=1)) == [0, 1, 2, 3, 4]
    assert list(inference.pick_examples(truth, guess, count=4, max_wrong=4)) == [0, 1, 2, 5]
    assert len(inference.pick_examples(truth, truth, count=20)) == 10


def test_sample_predictions_show_a_few_answers_with_their_confidence(tiny, fashion):
    model, _ = tiny
    sample = inference.sample_predictions(model, fashion, pool=200, count=12, max_wrong=4)
    assert sample["images"].shape == (12, 28, 28, 1)
    probabilities = inference.predictor_for(model).batch_probabilities(sample["images"])
    np.testing.assert_array_equal(sample["guesses"], probabilities.argmax(axis=1))
    np.testing.assert_allclose(sample["confidences"], probabilities.max(axis=1), atol=1e-6)
    assert 1 <= np.sum(sample["truth"] != sample["guesses"]) <= 4  # a tiny model makes a few mistakes in 200

