"""The example store keeps a learner's example sets on this computer: round trips (Bengali class
names included), one entry per set however often it is saved, damaged files listed as broken, and
a failed write that leaves the previous save as it was."""

from __future__ import annotations

import errno
import json
import zipfile
from pathlib import Path

import numpy as np
import pytest

from cnn_core.errors import UserError
from cnn_core.examples import ExampleSet, ExampleStore


def pictures(count: int, seed: int) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    return [rng.integers(0, 256, (28, 28), dtype=np.uint8) for _ in range(count)]


def bengali_set() -> ExampleSet:
    """Two classes with Bengali names and 3 + 2 examples."""
    own = ExampleSet()
    circle = own.add_class("বৃত্ত")
    triangle = own.add_class("ত্রিভুজ")
    for image in pictures(3, seed=1):
        own.add_image28(circle, image, "draw")
    for image in pictures(2, seed=2):
        own.add_image28(triangle, image, "camera")
    return own


def files_in(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def test_save_list_load_round_trip_with_bengali_names(tmp_path):
    own = bengali_set()
    example_store = ExampleStore(tmp_path)
    set_id = example_store.save(own)
    assert files_in(tmp_path) == [f"{set_id}.json", f"{set_id}.zip"]
    [entry] = example_store.list()
    assert entry["id"] == set_id and not entry.get("broken")
    assert entry["class_names"] == ["বৃত্ত", "ত্রিভুজ"] and entry["title"] == "বৃত্ত, ত্রিভুজ"
    assert entry["counts"] == [3, 2] and entry["total"] == 5
    assert entry["created"] == entry["updated"] and entry["profile"] == own.profile
    # the saved zip is exactly what the page's download gives
    assert (tmp_path / f"{set_id}.zip").read_bytes() == own.to_zip()

    loaded = example_store.load(set_id)
    assert loaded.class_names == own.class_names and loaded.counts() == [3, 2]
    for before, after in zip(own.classes, loaded.classes):
        assert [example.source for example in loaded.examples(after.id)] == \
               [example.source for example in own.examples(before.id)]
    np.testing.assert_array_equal(loaded.arrays()[0], own.arrays()[0])
    np.testing.assert_array_equal(loaded.arrays()[1], own.arrays()[1])


def test_saving_again_under_the_same_id_overwrites_that_entry(tmp_path):
    own = bengali_set()
    example_store = ExampleStore(tmp_path)
    set_id = example_store.save(own)
    first = example_store.meta(set_id)
    own.add_class("তারা")
    own.add_image28(own.classes[-1].id, pictures(1, seed=3)[0], "upload")
    own.remove(own.examples()[0].id)
    assert example_store.save(own, set_id) == set_id
    [entry] = example_store.list()
    assert entry["class_names"] == ["বৃত্ত", "ত্রিভুজ", "তারা"] and entry["counts"] == [2, 2, 1]
    assert entry["created"] == first["created"] and entry["write"] != first["write"]
    assert files_in(tmp_path) == [f"{set_id}.json", f"{set_id}.zip"]  # no temporary files left over
    assert example_store.load(set_id).counts() == [2, 2, 1]
    other = example_store.save(ExampleSet())
    assert other != set_id and {entry["id"] for entry in example_store.list()} == {set_id, other}


def test_damaged_files_are_listed_as_broken(tmp_path):
    example_store = ExampleStore(tmp_path)
    good = example_store.save(bengali_set())
    meta_gone = example_store.save(bengali_set())
    (tmp_path / f"{meta_gone}.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "garbage.zip").write_bytes(b"this is no zip file")
    (tmp_path / "garbage.json").write_text(json.dumps({"class_names": ["x"], "counts": [1]}), encoding="utf-8")
    cut = (tmp_path / f"{good}.zip").read_bytes()
    (tmp_path / "cut.zip").write_bytes(cut[: len(cut) // 2])
    (tmp_path / "lonely.json").write_text(json.dumps({"class_names": [], "counts": []}), encoding="utf-8")

    entries = {entry["id"]: entry for entry in example_store.list()}
    assert set(entries) == {good, meta_gone, "garbage", "cut", "lonely"}
    assert not entries[good].get("broken")
    for set_id in (meta_gone, "garbage", "cut", "lonely"):
        assert entries[set_id]["broken"] is True and entries[set_id]["error"]
    # damaged metadata loses nothing: the zip still opens
    assert example_store.load(meta_gone).class_names == ["বৃত্ত", "ত্রিভুজ"]
    for set_id, key in (("garbage", "teach.err_zip_not_zip"), ("cut", "teach.err_zip_not_zip"),
                        ("lonely", "teach.err_set_missing")):
        with pytest.raises(UserError) as caught:
            example_store.load(set_id)
        assert caught.value.key == key
    example_store.delete("garbage")
    assert "garbage" not in {entry["id"] for entry in example_store.list()}


def test_a_failed_write_leaves_the_previous_save_intact(tmp_path, monkeypatch):
    example_store = ExampleStore(tmp_path)
    set_id = example_store.save(bengali_set())
    before = {name: (tmp_path / name).read_bytes() for name in files_in(tmp_path)}

    def disk_full(path: Path, data: bytes) -> int:
        with open(path, "wb") as handle:
            handle.write(data[: len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")

    bigger = bengali_set()
    bigger.add_image28(bigger.classes[0].id, pictures(1, seed=4)[0], "draw")
    monkeypatch.setattr(Path, "write_bytes", disk_full)
    with pytest.raises(UserError) as caught:
        example_store.save(bigger, set_id)
    monkeypatch.undo()
    assert caught.value.key == "teach.err_store_failed" and caught.value.values["reason"] == "No space left on device"
    assert {name: (tmp_path / name).read_bytes() for name in files_in(tmp_path)} == before
    assert zipfile.is_zipfile(tmp_path / f"{set_id}.zip")
    assert example_store.load(set_id).counts() == [3, 2]
    assert example_store.list()[0]["counts"] == [3, 2]


def test_the_folder_comes_from_the_environment_and_ids_are_plain_names(tmp_path, monkeypatch):
    monkeypatch.setenv("FCL_EXAMPLES_DIR", str(tmp_path / "kept"))
    example_store = ExampleStore()
    assert example_store.root == tmp_path / "kept" and example_store.list() == []
    set_id = example_store.save(bengali_set())
    assert (tmp_path / "kept" / f"{set_id}.zip").is_file()
    for bad in ("../elsewhere", ".hidden", "a/b", ""):
        with pytest.raises(UserError) as caught:
            example_store.load(bad)
        assert caught.value.key == "teach.err_set_missing"
