"""cnn_core.learning: one gradient step, checked against an independent ``tf.GradientTape`` on the
model's own layers, and the pieces the page writes out (p - y, input x delta, ReLU and max-pool
routing, a kernel weight's sum over positions, Adam's first step) checked against TensorFlow's numbers."""

from __future__ import annotations

import keras
import numpy as np
import pytest
import tensorflow as tf
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cnn_core import learning, store, transfer
from cnn_core.errors import UserError
from cnn_core.models import build_model


def with_learned_batchnorm(model: keras.Model, seed: int = 0) -> keras.Model:
    """Give every BatchNorm layer numbers like training leaves (a fresh one is the identity)."""
    rng = np.random.default_rng(seed)
    for layer in model.layers:
        if isinstance(layer, keras.layers.BatchNormalization):
            channels = layer.gamma.shape[0]
            layer.set_weights([rng.uniform(0.5, 2.0, channels), rng.normal(0, 0.3, channels),
                               rng.normal(0, 0.2, channels), rng.uniform(0.01, 0.5, channels)])
    return model


@pytest.fixture(scope="module")
def models(fashion):
    base = build_model("small", seed=3)
    taught = transfer.build_transfer_model(base, num_classes=3, seed=1)
    return {
        "shipped_fashion": store.pretrained("fashion_mnist")[0],
        "shipped_mnist": store.pretrained("mnist")[0],
        "custom": build_model("custom", seed=2, conv_blocks=2, filters=4, kernel_size=5, dense_units=16, dropout=0.3),
        "strong_fresh": with_learned_batchnorm(build_model("strong", seed=4)),
        "taught": taught,
    }


def independent_gradients(model: keras.Model, image: np.ndarray, label: int) -> tuple[float, dict[str, np.ndarray]]:
    """The loss and ``dL/dw`` per weight path, from a clone whose output layer gives logits, called
    whole by Keras in inference mode, and Keras' own cross-entropy: no code shared with cnn_core.learning."""
    clone = keras.models.clone_model(model)
    clone.set_weights(model.get_weights())
    for original, copied in zip(model.layers, clone.layers):
        copied.trainable = original.trainable
    clone.layers[-1].activation = keras.activations.linear
    with tf.GradientTape() as tape:
        logits = clone(image.reshape(1, 28, 28, 1), training=False)
        loss = keras.losses.sparse_categorical_crossentropy(np.array([label]), logits, from_logits=True)[0]
    grads = tape.gradient(loss, clone.trainable_variables)
    return float(loss), {variable.path: np.asarray(grad) for variable, grad in zip(clone.trainable_variables, grads)}


def assert_same_gradients(step: learning.GradientStep, model: keras.Model, image, label: int) -> None:
    loss, expected = independent_gradients(model, image, label)
    assert set(step.gradients) == set(expected) == {variable.path for variable in model.trainable_variables}
    assert step.loss_before == pytest.approx(loss, rel=1e-4, abs=1e-6)
    for path, want in expected.items():
        got = step.gradients[path]
        assert got.shape == want.shape == tuple(model.get_layer(path.split("/")[0]).get_weights()[0].shape
                                                 if path.endswith("kernel") else got.shape)
        reach = max(1e-3, float(np.abs(want).max()))
        np.testing.assert_allclose(got, want, rtol=1e-3, atol=1e-4 * reach, err_msg=path)


@pytest.mark.parametrize("name", ["shipped_fashion", "shipped_mnist", "custom", "strong_fresh", "taught"])
def test_gradients_are_tensorflows_for_every_trainable_weight(models, fashion, name):
    model = models[name]
    classes = model.layers[-1].units
    for index, label in ((0, 1 % classes), (5, int(fashion.test_labels[5]) % classes)):
        image = fashion.test_images[index]
        step = learning.gradient_step(model, image, label, 0.01)
        assert_same_gradients(step, model, image, label)
        assert step.gradients and all(np.any(grad != 0) for grad in step.gradients.values() if grad.size > 1)


def test_a_taught_model_only_learns_in_its_head(models, fashion):
    model = models["taught"]
    step = learning.gradient_step(model, fashion.test_images[2], 2, 0.05)
    assert sorted(step.gradients) == ["head_dense/bias", "head_dense/kernel", "probabilities/bias",
                                      "probabilities/kernel"]
    assert step.probabilities_before.shape == (3,)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**31 - 1), label=st.integers(0, 9), noise=st.booleans(),
       name=st.sampled_from(["shipped_fashion", "custom", "strong_fresh"]))
def test_any_picture_and_label_matches_tensorflow(models, fashion, seed, label, noise, name):
    rng = np.random.default_rng(seed)
    if noise:
        image = rng.integers(0, 256, (28, 28, 1), dtype=np.uint8)
    else:
        image = fashion.test_images[int(rng.integers(len(fashion.test_images)))]
    step = learning.gradient_step(models[name], image, label, 0.001)
    assert_same_gradients(step, models[name], image, label)
    np.testing.assert_allclose(step.output_delta, learning.output_delta(step.probabilities_before, label), atol=1e-6)


@pytest.mark.parametrize("name", ["shipped_fashion", "shipped_mnist", "custom", "strong_fresh", "taught"])
def test_a_small_sgd_step_lowers_the_loss_and_is_w_minus_lr_g(models, fashion, name):
    model = models[name]
    classes = model.layers[-1].units
    for index in range(3):
        label = (int(fashion.test_labels[index]) + 1) % classes   # a wrong class: a loss far from 0
        step = learning.gradient_step(model, fashion.test_images[index], label, 1e-3)
        assert step.loss_after < step.loss_before
        assert step.p_true_after > step.p_true_before
        for path, grad in step.gradients.items():
            np.testing.assert_allclose(step.weights_after[path], step.weights_before[path] - 1e-3 * grad, atol=1e-7)
        # the new loss is the copy's forward pass with the new weights, computed again by Keras
        clone = keras.models.clone_model(model)
        clone.set_weights(model.get_weights())
        for variable in clone.trainable_variables:
            variable.assign(step.weights_after[variable.path])
        probabilities = clone(fashion.test_images[index][None], training=False).numpy()[0]
        np.testing.assert_allclose(step.probabilities_after, probabilities, atol=1e-5)


def test_the_given_model_is_left_unchanged(models, fashion):
    model = models["strong_fresh"]
    before = [np.array(weight) for weight in model.get_weights()]
    answer = model(fashion.test_images[:4], training=False).numpy()
    learner = learning.Learner(model)
    learner.step(fashion.test_images[0], 3, 0.5)
    learning.repeated_steps(learner, fashion.test_images[0], 3, 0.1, 3, fashion.test_images[1:9], fashion.test_labels[1:9])
    learning.gradient_step(model, fashion.test_images[1], 4, 0.5, optimizer="adam")
    for old, new in zip(before, model.get_weights()):
        np.testing.assert_array_equal(old, new)
    np.testing.assert_array_equal(model(fashion.test_images[:4], training=False).numpy(), answer)


def test_inference_mode_dropout_is_off(models, fashion):
    """Two steps on the same picture give identical numbers (dropout would draw a new mask each time)."""
    first = learning.gradient_step(models["custom"], fashion.test_images[0], 2, 0.01)
    second = learning.gradient_step(models["custom"], fashion.test_images[0], 2, 0.01)
    for path in first.gradients:
        np.testing.assert_array_equal(first.gradients[path], second.gradients[path])


@pytest.mark.parametrize("name", ["shipped_fashion", "shipped_mnist", "strong_fresh", "custom"])
def test_relu_passes_the_delta_only_where_its_input_was_above_zero(models, fashion, name):
    step = learning.gradient_step(models[name], fashion.test_images[7], 4, 0.01)
    relus = [node.name for node in step.nodes if node.kind == "activation" and node.activation == "relu"]
    assert len(relus) >= 2
    for name_ in relus:
        routing = learning.relu_routing(step, name_)
        assert routing.open.any() and (~routing.open).any()
        np.testing.assert_allclose(routing.by_rule, routing.delta_in, atol=1e-7)
        assert np.all(routing.delta_in[~routing.open] == 0)


@pytest.mark.parametrize("name", ["shipped_fashion", "shipped_mnist", "strong_fresh"])
def test_max_pooling_hands_each_windows_delta_to_its_maximum(models, fashion, name):
    step = learning.gradient_step(models[name], fashion.test_images[11], 6, 0.01)
    pools = [node.name for node in step.nodes if node.kind == "pool"]
    assert pools
    checked = 0
    for pool in pools:
        rows, cols, channels = step.node(pool).values.shape
        for row, col, channel in ((0, 0, 0), (rows // 2, cols // 2, 1), (rows - 1, cols - 1, channels - 1),
                                  (1, cols // 3, channels // 2), (rows // 2, 1, 3)):
            window = learning.pool_routing(step, pool, row, col, channel)
            np.testing.assert_allclose(window.by_rule, window.delta_in, atol=1e-7)
            assert window.values[window.winner] == window.values.max()
            checked += window.delta_out != 0
    assert checked >= 3  # some windows really carried a delta


@pytest.mark.parametrize("name", ["shipped_fashion", "shipped_mnist", "custom"])
def test_a_kernel_weights_sum_over_positions_is_tensorflows_gradient(models, fashion, name):
    step = learning.gradient_step(models[name], fashion.test_images[3], 1, 0.01)
    convs = [node.name for node in step.nodes if node.kind == "conv"]
    for conv in convs:
        k_rows, k_cols, channels, filters = step.gradients[step.weight_path(conv)].shape
        for ky, kx, c_in, c_out in ((0, 0, 0, 0), (k_rows - 1, k_cols // 2, channels - 1, filters - 1),
                                    (k_rows // 2, k_cols - 1, channels // 2, filters // 3)):
            explained = learning.conv_weight_gradient(step, conv, ky, kx, c_in, c_out)
            reach = max(1e-6, float(np.abs(explained.products).max(initial=0.0)))
            assert explained.gradient == pytest.approx(explained.tf_gradient, rel=1e-3, abs=1e-5 * reach)
            assert sum(term[4] for term in explained.terms()) == pytest.approx(explained.gradient)
            assert explained.deltas.shape == step.node(conv).values.shape[:2]
    # the first layer's weight in the top-left corner reads the padding on the top row and left column
    first = learning.conv_weight_gradient(step, convs[0], 0, 0, 0, 0)
    assert np.all(first.inputs[0, :] == 0) and np.all(first.inputs[:, 0] == 0)


def test_a_dense_weights_gradient_is_input_times_the_units_delta(models, fashion):
    model = models["shipped_fashion"]
    step = learning.gradient_step(model, fashion.test_images[0], 0, 0.01)
    probabilities = step.probabilities_before
    delta = learning.output_delta(probabilities, 0)
    assert delta[0] == pytest.approx(probabilities[0] - 1) and delta[1] == pytest.approx(probabilities[1])
    inputs = step.node_before("probabilities").values
    busy = int(np.argmax(inputs))
    for layer, index, unit in (("probabilities", busy, 0), ("probabilities", busy, 9), ("dense", 100, 7),
                               ("dense", int(np.argmax(step.node_before("dense").values)), 3)):
        explained = learning.dense_weight_gradient(step, layer, index, unit)
        assert explained.gradient == pytest.approx(explained.tf_gradient, rel=1e-4, abs=1e-9)
    last = learning.dense_weight_gradient(step, "probabilities", busy, 9)
    assert last.delta == pytest.approx(delta[9], rel=1e-4)
    assert last.tf_gradient != 0


def test_adam_first_step_is_keras_adam(models, fashion):
    model = models["custom"]
    step = learning.gradient_step(model, fashion.test_images[0], 5, 0.002, optimizer="adam")
    clone = keras.models.clone_model(model)
    clone.set_weights(model.get_weights())
    optimizer = keras.optimizers.Adam(0.002)
    optimizer.apply([step.gradients[v.path] for v in clone.trainable_variables], clone.trainable_variables)
    for variable in clone.trainable_variables:
        np.testing.assert_allclose(step.weights_after[variable.path], np.asarray(variable), atol=1e-7)
    path = step.weight_path("dense")
    where = np.unravel_index(int(np.argmax(np.abs(step.gradients[path]))), step.gradients[path].shape)
    grad = float(step.gradients[path][where])
    assert grad != 0
    first = learning.adam_first_step(grad, 0.002)
    moved = step.weights_before[path][where] - step.weights_after[path][where]
    assert first.step == pytest.approx(float(moved), rel=1e-3)
    assert first.m_hat == pytest.approx(grad) and first.v_hat == pytest.approx(grad * grad)
    assert abs(first.step) == pytest.approx(0.002, rel=0.01)  # lr x the sign, whatever the gradient's size


def test_steps_on_one_picture_drive_its_loss_down(models, fashion):
    learner = learning.Learner(models["shipped_fashion"])
    label = (int(fashion.test_labels[0]) + 3) % 10
    history = learning.repeated_steps(learner, fashion.test_images[0], label, 0.01, 8, fashion.test_images[1:41],
                                      fashion.test_labels[1:41])
    assert len(history.losses) == len(history.p_true) == len(history.other_accuracy) == 9
    assert history.losses[-1] < history.losses[0] / 2 and history.p_true[-1] > history.p_true[0]
    assert history.other_accuracy[0] > 0.8  # the shipped model before any step
    first = learner.step(fashion.test_images[0], label, 0.01)
    assert first.loss_after == pytest.approx(history.losses[1], rel=1e-4)


@pytest.mark.parametrize("bad", [{"label": 10}, {"label": -1}, {"learning_rate": 0.0}, {"learning_rate": float("nan")},
                                 {"image": np.zeros((28, 27), np.uint8)}, {"image": np.zeros((28, 28), np.float32)},
                                 {"optimizer": "rmsprop"}])
def test_bad_inputs_are_user_errors(models, bad):
    values = {"image": np.zeros((28, 28), np.uint8), "label": 1, "learning_rate": 0.01, **bad}
    with pytest.raises(UserError):
        learning.gradient_step(models["custom"], **values)


@pytest.mark.parametrize("projector", [False, True])
def test_the_pages_figures_are_valid_plotly_and_the_texts_end_in_tensorflows_number(models, fashion, projector):
    import plotly.graph_objects as go

    from cnn_core.figures import learning as figures

    model = models["shipped_mnist"]
    step = learning.gradient_step(model, fashion.test_images[0], 2, 0.01)
    names = [str(index) for index in range(10)]
    history = learning.repeated_steps(learning.Learner(model), fashion.test_images[0], 2, 0.01, 2,
                                      fashion.test_images[1:5], fashion.test_labels[1:5])
    explained = learning.conv_weight_gradient(step, "conv2", 1, 1, 3, 7)
    labels = {name: name for name in ("this_loss", "other_loss", "other_accuracy", "step", "loss", "accuracy")}
    for figure in (figures.probabilities_figure(step.probabilities_before, step.probabilities_after, names, 2,
                                                ("before", "after"), projector),
                   figures.steps_figure(history, labels, projector), figures.products_figure(explained, projector)):
        go.Figure(figure)   # plotly's own validation: raises on any property it does not know
    text = figures.conv_sum_text(explained, "bn", limit=3)
    assert text.splitlines()[-1] == "TF: " + figures.num(explained.tf_gradient, "bn")
    assert len(text.splitlines()) == min(3, len(explained.terms())) + (len(explained.terms()) > 3) + 2
    assert figures.num(-0.000012345) == "\u22121.234×10⁻⁵" and figures.num(0.5, "bn") == "০.৫"
