"""cnn_core.explain on the shipped models: Grad-CAM against a hand-written Keras Grad-CAM, occlusion
against the model on the patched picture, FGSM/PGD bounds and how often they fool the model,
adversarial training, feature visualisation and the deletion check as measured."""

from __future__ import annotations

import keras
import numpy as np
import pytest
import tensorflow as tf

from cnn_core import explain, inference, store


@pytest.fixture(scope="module")
def fashion_model():
    return store.pretrained("fashion_mnist")[0]


@pytest.fixture(scope="module")
def mnist_model():
    return store.pretrained("mnist")[0]


@pytest.fixture(scope="module")
def right_answers(fashion_model, fashion):
    """The first 200 test pictures the shipped Fashion model answers correctly."""
    images, labels = fashion.test_images[:240], np.asarray(fashion.test_labels[:240])
    right = inference.predictor_for(fashion_model).batch_probabilities(images).argmax(axis=1) == labels
    return images[right][:200], labels[right][:200]


def keras_grad_cam(model, image, class_index, layer_name):
    """Grad-CAM written out with Keras the textbook way: a model that outputs the layer's maps and
    the last layer's input; the class logit from the last Dense's weights; mean gradients as weights."""
    last = model.layers[-1]
    grad_model = keras.Model(model.inputs, [model.get_layer(layer_name).output, last.input])
    with tf.GradientTape() as tape:
        maps, penultimate = grad_model(image[None, :, :, None], training=False)
        logit = (tf.matmul(penultimate, last.kernel) + last.bias)[0, class_index]
    weights = tf.reduce_mean(tape.gradient(logit, maps)[0], axis=(0, 1))
    cam = tf.nn.relu(tf.reduce_sum(maps[0] * weights, axis=-1)).numpy()
    cam = tf.image.resize(cam[None, :, :, None], (28, 28), method="bilinear").numpy()[0, :, :, 0]
    return cam / cam.max() if cam.max() > 0 else cam


@pytest.mark.parametrize("which, layer, read_at", [
    ("fashion", None, "block3_relu"), ("fashion", "block2_conv", "block2_relu"), ("fashion", "block3_pool", "block3_pool"),
    ("mnist", None, "conv2"), ("mnist", "pool1", "pool1"),
])
def test_grad_cam_equals_a_hand_written_keras_grad_cam(which, layer, read_at, fashion_model, mnist_model, fashion, mnist):
    model, data = (fashion_model, fashion) if which == "fashion" else (mnist_model, mnist)
    for index in (0, 1, 2):
        image = data.test_images[index, :, :, 0]
        label = int(data.test_labels[index])
        ours = explain.grad_cam(model, image, label, layer)
        assert ours.shape == (28, 28) and ours.dtype == np.float32
        np.testing.assert_allclose(ours, keras_grad_cam(model, image, label, read_at), atol=1e-4)


def test_grad_cam_is_class_discriminative(fashion_model, fashion):
    """The map for the true class and the map for the class the model finds least likely point to
    different places: on every picture they correlate weakly, on average negatively."""
    predictor = inference.predictor_for(fashion_model)
    for layer in ("block2_conv", "block3_conv"):
        correlations = []
        for index in range(10):
            image, label = fashion.test_images[index, :, :, 0], int(fashion.test_labels[index])
            unlikely = int(np.argmin(predictor.probabilities(image)))
            true_map = explain.grad_cam(fashion_model, image, label, layer)
            other_map = explain.grad_cam(fashion_model, image, unlikely, layer)
            correlations.append(0.0 if other_map.max() == 0 else np.corrcoef(true_map.ravel(), other_map.ravel())[0, 1])
        assert max(correlations) < 0.5 and np.mean(correlations) < 0, (layer, correlations)


def test_default_layer_is_the_last_convolution_read_after_its_activation(fashion_model):
    assert explain.default_layer(fashion_model) == "block3_conv"
    assert explain.block_output(fashion_model, "block3_conv") == "block3_relu"
    assert explain.spatial_layers(fashion_model)[-1] == "block3_pool"


def test_float_forward_matches_the_model(fashion_model, fashion):
    images = fashion.test_images[:8]
    _, logits = explain.forward(fashion_model, tf.constant(images, tf.float32))
    np.testing.assert_allclose(tf.nn.softmax(logits).numpy(), fashion_model(images, training=False).numpy(), atol=1e-5)


def test_occlusion_of_a_patch_equals_the_model_on_the_patched_picture(fashion_model, fashion):
    image, label = fashion.test_images[3, :, :, 0], int(fashion.test_labels[3])
    predictor = inference.predictor_for(fashion_model)
    before = predictor.probabilities(image)[label]
    drops = explain.occlusion(fashion_model, image, label, patch=4, stride=4)   # patches tile the picture
    for row, col in ((0, 0), (12, 8), (24, 24)):
        patched = image.copy()
        patched[row:row + 4, col:col + 4] = explain.GRAY
        expected = before - predictor.probabilities(patched)[label]
        np.testing.assert_allclose(drops[row:row + 4, col:col + 4], expected, atol=1e-5)
    overlapping = explain.occlusion(fashion_model, image, label, patch=4, stride=2)
    # pixel (3, 3) lies under the patches at rows/cols 0 and 2: the mean of those four drops
    falls = [before - predictor.probabilities(explain.occluded(image, r, c, 4))[label] for r in (0, 2) for c in (0, 2)]
    assert overlapping[3, 3] == pytest.approx(np.mean(falls), abs=1e-5)


def test_patch_positions_reach_the_edge_and_bad_patches_are_refused():
    assert explain.patch_positions(5, 4) == [0, 4, 8, 12, 16, 20, 23]
    with pytest.raises(explain.UserError):
        explain.patch_positions(0, 2)
    with pytest.raises(explain.UserError):
        explain.patch_positions(4, 0)


def test_saliency_and_smoothgrad_are_unit_maps_and_smoothgrad_is_repeatable(fashion_model, fashion):
    image, label = fashion.test_images[0, :, :, 0], int(fashion.test_labels[0])
    plain = explain.saliency(fashion_model, image, label)
    smooth = explain.smoothgrad(fashion_model, image, label, samples=8, seed=3)
    for heat in (plain, smooth):
        assert heat.shape == (28, 28) and heat.max() == pytest.approx(1.0) and heat.min() >= 0
    np.testing.assert_array_equal(smooth, explain.smoothgrad(fashion_model, image, label, samples=8, seed=3))
    assert not np.allclose(plain, smooth)


def test_fgsm_stays_within_epsilon_and_uint8(fashion_model, fashion):
    image, label = fashion.test_images[0, :, :, 0], int(fashion.test_labels[0])
    for epsilon in (1, 8, 30):
        fooled = explain.fgsm(fashion_model, image, label, epsilon)
        assert fooled.dtype == np.uint8 and fooled.shape == (28, 28)
        change = np.abs(fooled.astype(int) - image.astype(int))
        assert change.max() <= epsilon and change.max() == epsilon  # some pixel moves the whole way
    stepped = explain.pgd(fashion_model, image, label, 8, steps=4)
    assert stepped.dtype == np.uint8 and np.abs(stepped.astype(int) - image.astype(int)).max() <= 8


def test_fgsm_at_a_moderate_epsilon_flips_most_right_answers(fashion_model, right_answers):
    images, labels = right_answers
    shares = explain.flip_share(fashion_model, images, labels, [2, 16])
    assert shares["correct"] == len(labels)
    assert shares["flipped"][1] > 0.6                      # ε = 16 of 255 levels
    assert shares["flipped"][0] < shares["flipped"][1]
    stepped = explain.flip_share(fashion_model, images[:80], labels[:80], [8], steps=5)
    single = explain.flip_share(fashion_model, images[:80], labels[:80], [8])
    assert stepped["flipped"][0] >= single["flipped"][0]   # PGD is at least as strong as one step


def test_smallest_flipping_epsilon_flips_there_and_not_below(fashion_model, right_answers):
    images, labels = right_answers
    predictor = inference.predictor_for(fashion_model)
    for image, label in zip(images[:5, :, :, 0], labels[:5]):
        smallest = explain.smallest_flipping_epsilon(fashion_model, image, int(label))
        assert smallest is not None
        assert predictor.probabilities(explain.fgsm(fashion_model, image, int(label), smallest)).argmax() != label
        for below in range(1, smallest):
            assert predictor.probabilities(explain.fgsm(fashion_model, image, int(label), below)).argmax() == label


def test_adversarial_training_resists_better(fashion_model, fashion, right_answers):
    images, labels = right_answers
    sturdier = explain.adversarial_training(fashion_model, fashion.train_images[:1500],
                                            fashion.train_labels[:1500], epsilon=8, epochs=2)
    before = explain.flip_share(fashion_model, images[:120], labels[:120], [8])["flipped"][0]
    after = explain.flip_share(sturdier, images[:120], labels[:120], [8])["flipped"][0]
    assert after < 0.7 * before, (before, after)
    assert fashion_model.get_layer("dense").get_weights()[0] is not sturdier.get_layer("dense").get_weights()[0]
    clean = inference.evaluate(sturdier, fashion.test_images[:500], fashion.test_labels[:500]).accuracy
    assert clean > 0.8


def test_adversarial_batch_pairs_each_picture_with_its_fgsm_version(fashion_model, fashion):
    pictures, targets = explain.adversarial_batch(fashion_model, fashion.test_images[:4], fashion.test_labels[:4], 5)
    assert pictures.shape == (8, 28, 28, 1) and list(targets[:4]) == list(targets[4:])
    np.testing.assert_array_equal(pictures[:4], fashion.test_images[:4])
    assert np.abs(pictures[4:].astype(int) - pictures[:4].astype(int)).max() == 5


@pytest.mark.parametrize("layer, units, rise", [("block3_conv", [5, 40], 0.5), (None, [0, 7], 10.0)])
def test_feature_visualisation_raises_the_activation_far_above_gray(fashion_model, fashion, layer, units, rise):
    """Measured on the shipped Fashion model (96 steps): class logits rise from about 2 and -4 on
    gray to about 18 and 7; the last block's filters by about 0.8. (Filters of the second block rise
    much less with these regularisers: see the report.)"""
    gray = np.full((len(units), 28, 28), explain.GRAY, np.uint8)
    grown = explain.feature_visualisation(fashion_model, layer, units)
    assert grown.shape == (len(units), 28, 28) and grown.dtype == np.uint8
    on_gray = explain.objective(fashion_model, gray, layer, units)
    on_grown = explain.objective(fashion_model, grown, layer, units)
    assert np.all(on_grown - on_gray > rise), (on_gray, on_grown)


def test_dense_map_projects_with_pca_and_a_new_picture_lands_among_its_class(fashion_model, fashion):
    images, labels = fashion.test_images[:600], np.asarray(fashion.test_labels[:600])
    projection, points = explain.dense_map(fashion_model, images)
    assert points.shape == (600, 2)
    features = explain.penultimate_features(fashion_model, images)
    centred = features - features.mean(axis=0)
    np.testing.assert_allclose(np.linalg.norm(projection.axes, axis=1), 1.0, atol=1e-6)
    assert points[:, 0].var() >= points[:, 1].var()
    assert 0 < projection.explained.sum() <= 1
    np.testing.assert_allclose(points, centred @ projection.axes.T, atol=1e-3)
    new = fashion.test_images[700, :, :, 0]
    dot = projection.project(explain.penultimate_features(fashion_model, new))[0]
    centres = np.stack([points[labels == label].mean(axis=0) for label in range(10)])
    nearest = np.argsort(np.linalg.norm(centres - dot, axis=1))[:3]
    assert int(fashion.test_labels[700]) in nearest


def test_untrained_copy_has_the_same_layers_and_other_weights(fashion_model):
    untrained = explain.copy_model(fashion_model, trained=False)
    assert [layer.name for layer in untrained.layers] == [layer.name for layer in fashion_model.layers]
    assert not np.allclose(untrained.get_layer("dense").get_weights()[0], fashion_model.get_layer("dense").get_weights()[0])


def test_deletion_curves_as_measured(fashion_model, right_answers):
    """The deletion check on 24 right answers, as the page shows it. Measured (see the report):
    occlusion with a *background* patch (the same "removal" the check does) drops the probability
    several times more than random pixels at 15%; Grad-CAM from the last 3x3 block is about as good
    as random; occlusion with the *gray* patch is no better than random either."""
    images, labels = right_answers
    methods = {"occlusion_black": lambda m, i, c: explain.occlusion(m, i, c, fill=explain.BACKGROUND),
               "occlusion_gray": explain.occlusion,
               "grad_cam_3x3": lambda m, i, c: explain.grad_cam(m, i, c, "block3_pool")}
    check = explain.deletion_check(fashion_model, images[:24], labels[:24], methods, fractions=(0.0, 0.15), trials=6)
    random = check.drop("random", 0.15)
    assert random > 0
    assert check.drop("occlusion_black", 0.15) > 3 * random
    assert check.drop("grad_cam_3x3", 0.15) < 2 * random
    assert check.drop("occlusion_gray", 0.15) < 2 * random
    for curve in check.curves.values():
        assert curve[0] == pytest.approx(check.curves["random"][0])


def test_deleted_removes_the_map_top_pixels_first():
    image = np.full((28, 28), 200, np.uint8)
    heat = np.zeros((28, 28))
    heat[5, 6], heat[0, 1] = 2.0, 1.0
    order = explain.deletion_order(heat)
    assert list(order[:2]) == [5 * 28 + 6, 1]
    removed = explain.deleted(image, order, 2 / 784)
    assert removed[5, 6] == removed[0, 1] == explain.BACKGROUND and (removed == 200).sum() == 782


def run_locally(kind: str, inputs: dict):
    """A job of ``kind`` run by the job engine in this process (same runner as on a worker)."""
    from cnn_core.jobs import DONE, JobSpec, LocalJob

    job = LocalJob(JobSpec(kind=kind, inputs=inputs)).start()
    assert job.wait(timeout=600)
    snapshot = job.snapshot()
    assert snapshot.state == DONE, (snapshot.error_key, snapshot.error_values)
    assert snapshot.run_progress == 1.0
    return job.result


def test_runners_compute_what_the_library_does(fashion_model, fashion):
    model_bytes = store.model_to_bytes(fashion_model)
    images, labels = fashion.test_images[:60], np.asarray(fashion.test_labels[:60])
    flips = run_locally("explain_flips", {"model": model_bytes, "images": images, "labels": labels, "epsilons": [2, 8]})
    assert flips.meta["flips"] == explain.flip_share(fashion_model, images, labels, [2, 8])
    gallery = run_locally("explain_features", {"model": model_bytes, "layer": None, "units": [1, 9], "steps": 8})
    np.testing.assert_array_equal(gallery.meta["pictures"], explain.feature_visualisation(fashion_model, None, [1, 9], steps=8))
    mapped = run_locally("explain_map", {"model": model_bytes, "images": images})
    np.testing.assert_allclose(mapped.meta["trained"][1], explain.dense_map(fashion_model, images)[1], atol=1e-3)
    assert mapped.meta["untrained"][1].shape == (60, 2)
    check = run_locally("explain_deletion", {"model": model_bytes, "images": images[:2], "labels": labels[:2],
                                             "layer": None, "patch": 4, "stride": 2, "fill": explain.GRAY}).meta["check"]
    assert check.pictures == 2 and set(check.curves) == {"grad_cam", "saliency", "smoothgrad", "occlusion", "random"}
