"""Strings of augmentation while training (``cnn_core.augment``)."""

STRINGS = {
    "augment.train_toggle": {"en": "Augment the training pictures (small random shifts, turns, zoom, line width)",
                             "bn": "ট্রেনিংয়ের ছবিগুলো অগমেন্ট করি (ছোট ছোট এলোমেলো সরানো, ঘোরানো, জুম, দাগের পুরুত্ব)"},
    "augment.train_help": {
        "en": "Every batch is shown as slightly changed copies, so the network learns the shape, not the exact "
              "pixels. It helps most with few pictures or long runs; on a short run it can cost a little accuracy.",
        "bn": "প্রতিটা ব্যাচ একটু বদলানো কপি হিসেবে দেখানো হয়, তাই নেটওয়ার্ক হুবহু পিক্সেল নয়, আকারটা শেখে। অল্প ছবি "
              "বা লম্বা ট্রেনিংয়ে এটা সবচেয়ে বেশি কাজে দেয়; ছোট ট্রেনিংয়ে অ্যাকুরেসি সামান্য কমতেও পারে।"},
}
