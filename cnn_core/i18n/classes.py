"""Class names of the shipped datasets in both languages."""

STRINGS = {
    "classes.fashion_mnist.0": {"en": "T-shirt/top", "bn": "টি-শার্ট/টপ"},
    "classes.fashion_mnist.1": {"en": "Trouser", "bn": "ট্রাউজার"},
    "classes.fashion_mnist.2": {"en": "Pullover", "bn": "পুলওভার"},
    "classes.fashion_mnist.3": {"en": "Dress", "bn": "ড্রেস (পোশাক)"},
    "classes.fashion_mnist.4": {"en": "Coat", "bn": "কোট"},
    "classes.fashion_mnist.5": {"en": "Sandal", "bn": "স্যান্ডেল"},
    "classes.fashion_mnist.6": {"en": "Shirt", "bn": "শার্ট"},
    "classes.fashion_mnist.7": {"en": "Sneaker", "bn": "স্নিকার"},
    "classes.fashion_mnist.8": {"en": "Bag", "bn": "ব্যাগ"},
    "classes.fashion_mnist.9": {"en": "Ankle boot", "bn": "অ্যাঙ্কেল বুট"},
    "classes.mnist.0": {"en": "0", "bn": "০"},
    "classes.mnist.1": {"en": "1", "bn": "১"},
    "classes.mnist.2": {"en": "2", "bn": "২"},
    "classes.mnist.3": {"en": "3", "bn": "৩"},
    "classes.mnist.4": {"en": "4", "bn": "৪"},
    "classes.mnist.5": {"en": "5", "bn": "৫"},
    "classes.mnist.6": {"en": "6", "bn": "৬"},
    "classes.mnist.7": {"en": "7", "bn": "৭"},
    "classes.mnist.8": {"en": "8", "bn": "৮"},
    "classes.mnist.9": {"en": "9", "bn": "৯"},
}
