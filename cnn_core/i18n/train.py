"""Strings of the Train page, its figures and the training engine's messages (every ``train.*`` key)."""

STRINGS = {
    # Page header
    "train.title": {"en": "Train a CNN", "bn": "সিএনএন (CNN) ট্রেইন করি"},
    "train.intro": {
        "en": "Pick a model, set a few knobs, and watch it learn batch by batch. The lesson trained "
              "its model for 10 epochs on all 60,000 images; here a smaller subset gives a result "
              "in well under a minute, so you can try many ideas.",
        "bn": "একটা মডেল বেছে নিন, কয়েকটা সেটিং ঠিক করুন, তারপর দেখুন ব্যাচে ব্যাচে সে কীভাবে শেখে। "
              "পাঠে মডেলটা ৬০,০০০ ছবির সবগুলো দিয়ে ১০ ইপক (epoch) ট্রেইন করা হয়েছিল; এখানে ছোট একটা "
              "অংশ নিলে এক মিনিটের অনেক কম সময়ে ফল আসে, তাই অনেক রকম চেষ্টা করে দেখা যায়।"},

    # Model section
    "train.model_header": {"en": "1 · The model", "bn": "১ · মডেল"},
    "train.preset_label": {"en": "Model preset", "bn": "মডেলের ধরন (preset)"},
    "train.preset_seed": {"en": "Lesson model", "bn": "পাঠের মডেল"},
    "train.preset_small": {"en": "Small and fast", "bn": "ছোট ও দ্রুত"},
    "train.preset_strong": {"en": "Strong", "bn": "শক্তিশালী"},
    "train.preset_best": {"en": "Best in the lesson's time", "bn": "পাঠের সময়ে সেরা"},
    "train.preset_custom": {"en": "Build your own", "bn": "নিজে বানাই"},
    "train.preset_upload": {"en": "Uploaded", "bn": "আপলোড করা"},
    "train.builder_caption": {
        "en": "Each block is a convolution followed by 2×2 max pooling; the filter count doubles "
              "from one block to the next.",
        "bn": "প্রতিটা ব্লকে একটা কনভলিউশন (convolution), তারপর ২×২ ম্যাক্স পুলিং (max pooling); "
              "এক ব্লক থেকে পরের ব্লকে ফিল্টারের সংখ্যা দ্বিগুণ হয়।"},
    "train.conv_blocks": {"en": "Convolution blocks", "bn": "কনভলিউশন ব্লক"},
    "train.filters": {"en": "Filters in the first block", "bn": "প্রথম ব্লকে ফিল্টার"},
    "train.kernel_size": {"en": "Kernel size", "bn": "কার্নেলের মাপ (kernel size)"},
    "train.dense_units": {"en": "Neurons in the dense layer", "bn": "ডেন্স লেয়ারের নিউরন"},
    "train.dropout": {"en": "Dropout", "bn": "ড্রপআউট (dropout)"},
    "train.param_count": {"en": "Parameters to learn", "bn": "শেখার মতো প্যারামিটার"},
    "train.param_help": {
        "en": "Every weight and bias the optimizer adjusts. The lesson's model has {count}.",
        "bn": "অপটিমাইজার যতগুলো ওয়েট (weight) আর বায়াস (bias) বদলায়, সব মিলিয়ে। পাঠের মডেলে আছে "
              "{count}টি।"},
    "train.summary_title": {"en": "Layers (model.summary())", "bn": "লেয়ারগুলো (model.summary())"},
    "train.col_layer": {"en": "Layer", "bn": "লেয়ার"},
    "train.col_type": {"en": "Type", "bn": "ধরন"},
    "train.col_output_shape": {"en": "Output shape", "bn": "আউটপুটের আকার"},
    "train.col_params": {"en": "Parameters", "bn": "প্যারামিটার"},

    # Hyperparameters
    "train.hyper_header": {"en": "2 · How to train", "bn": "২ · কীভাবে ট্রেইন হবে"},
    "train.epochs": {"en": "Epochs", "bn": "ইপক (epochs)"},
    "train.epochs_help": {"en": "How many times the model sees the whole training set.",
                          "bn": "পুরো ট্রেনিং সেট মডেল কতবার দেখবে।"},
    "train.batch_size": {"en": "Batch size", "bn": "ব্যাচের মাপ (batch size)"},
    "train.batch_help": {"en": "Images per weight update. The lesson used 32.",
                         "bn": "প্রতিবার ওয়েট আপডেটের আগে কয়টা ছবি দেখবে। পাঠে ছিল ৩২।"},
    "train.optimizer": {"en": "Optimizer", "bn": "অপটিমাইজার (optimizer)"},
    "train.opt_adam": {"en": "Adam (the lesson's choice)", "bn": "অ্যাডাম (Adam, পাঠে এটাই)"},
    "train.opt_sgd": {"en": "SGD with momentum 0.9", "bn": "মোমেন্টাম ০.৯ সহ এসজিডি (SGD)"},
    "train.learning_rate": {"en": "Learning rate", "bn": "লার্নিং রেট (learning rate)"},
    "train.lr_help": {"en": "Size of each step downhill. Adam works well at 0.001.",
                      "bn": "প্রতিবার ঢাল বেয়ে কত বড় পা ফেলবে। অ্যাডামের জন্য ০.০০১ ভালো চলে।"},
    "train.validation_split": {"en": "Validation share", "bn": "ভ্যালিডেশনের ভাগ (validation split)"},
    "train.validation_help": {
        "en": "Part of the training images held back each epoch to check for over-fitting.",
        "bn": "ওভারফিটিং ধরতে ট্রেনিং ছবির যে অংশ আলাদা রেখে প্রতি ইপকে যাচাই করা হয়।"},
    "train.subset": {"en": "Training images to use", "bn": "কয়টা ট্রেনিং ছবি নেব"},
    "train.subset_help": {
        "en": "A shuffled subset keeps classroom runs short. {total} uses every training image.",
        "bn": "এলোমেলো করে নেওয়া ছোট অংশে ক্লাসে ট্রেনিং তাড়াতাড়ি শেষ হয়। {total} দিলে সব ছবি নেবে।"},
    "train.seed": {"en": "Random seed", "bn": "র‍্যান্ডম সিড (seed)"},
    "train.seed_help": {"en": "The same seed and settings give the same run.",
                        "bn": "একই সিড আর একই সেটিং দিলে একই ফল আসে।"},
    "train.lr_schedule": {"en": "Learning-rate schedule", "bn": "লার্নিং রেটের সূচি (schedule)"},
    "train.schedule_constant": {"en": "Constant (the lesson's)", "bn": "স্থির (পাঠে এটাই)"},
    "train.schedule_cosine": {"en": "Cosine, down to 1%", "bn": "কোসাইন, ১%-এ নামে"},
    "train.schedule_help": {
        "en": "Constant keeps the same step size all run. Cosine starts at the learning rate and glides "
              "down to 1% of it by the last batch: big steps early, careful small ones at the end, "
              "which usually adds accuracy in short runs.",
        "bn": "স্থির সূচিতে পুরো ট্রেনিংয়ে পায়ের মাপ একই থাকে। কোসাইন সূচি লার্নিং রেট থেকে শুরু করে শেষ ব্যাচে "
              "তার ১%-এ নেমে আসে: শুরুতে বড় পা, শেষে সাবধানী ছোট পা — ছোট ট্রেনিংয়ে সাধারণত নির্ভুলতা বাড়ে।",
    },
    "train.start": {"en": "Start training", "bn": "ট্রেনিং শুরু করি"},
    "train.defaults_note": {
        "en": "The form starts from a faster recipe than the lesson's: batch 128 instead of 32, a learning "
              "rate of 0.006 that glides down to 1% (cosine) instead of a constant 0.001, and bfloat16 "
              "numbers where this computer's processor has them. Bigger batches keep the processor busier; "
              "with four times fewer steps, the larger rate that slows down at the end makes up for them. "
              "On the same pictures and epochs it ends at least as accurate (measured on Fashion-MNIST: "
              "88.1% vs 87.4% after 2 epochs of 20,000 pictures) in about half the time. "
              "“Lesson recipe” fills in exactly what the lesson does.",
        "bn": "ফর্মটি পাঠের চেয়ে দ্রুত একটি রেসিপি দিয়ে শুরু হয়: ৩২-এর বদলে ১২৮-এর ব্যাচ, স্থির ০.০০১-এর বদলে "
              "০.০০৬ লার্নিং রেট যা ধীরে ধীরে ১%-এ নেমে আসে (কোসাইন), আর এই কম্পিউটারের প্রসেসরে থাকলে "
              "bfloat16 সংখ্যা। বড় ব্যাচে প্রসেসর বেশি ব্যস্ত থাকে; ধাপ চার গুণ কম হয়, তাই বড় রেট যা শেষে "
              "ধীর হয় সেই ঘাটতি পূরণ করে। একই ছবি ও ইপকে এটি অন্তত সমান নির্ভুল হয় (Fashion-MNIST-এ মাপা: "
              "২০,০০০ ছবিতে ২ ইপকের পর ৮৮.১% বনাম ৮৭.৪%), প্রায় অর্ধেক সময়ে। "
              "“পাঠের রেসিপি” বোতাম ঠিক পাঠের সেটিংসগুলো বসিয়ে দেয়।",
    },
    "train.lesson_recipe": {"en": "Lesson recipe", "bn": "পাঠের রেসিপি"},
    "train.best_recipe": {"en": "Best in the lesson's time", "bn": "পাঠের সময়ে সেরা"},
    "train.best_recipe_help": {
        "en": "Fill in the best recipe: the strong network, normalised after each pooling, that also "
              "learns from mirror images, 15 epochs over all training pictures, batch 128, a rate of 0.003 gliding down (cosine), no validation "
              "share. It aims at 93.5% or more on the test pictures in no more time than the lesson's 10 "
              "epochs take on this computer.",
        "bn": "সেরা রেসিপি বসায়: প্রতিটি পুলিংয়ের পরে নর্মালাইজ করা শক্তিশালী নেটওয়ার্ক, যা ছবির আয়না-উল্টো রূপ "
              "থেকেও শেখে, সব ট্রেনিং ছবিতে ১৫ ইপক, "
              "১২৮-এর ব্যাচ, ০.০০৩ থেকে ধীরে ধীরে কমে আসা রেট (কোসাইন), ভ্যালিডেশনের ভাগ নেই। এই কম্পিউটারে "
              "পাঠের ১০ ইপকে যতটা সময় লাগে তার বেশি সময় না নিয়ে টেস্ট ছবিতে ৯৩.৫% বা তার বেশি নির্ভুলতা এর লক্ষ্য।",
    },
    "train.lesson_recipe_help": {
        "en": "Fill in exactly what the lesson does: its network, 10 epochs over all training pictures, "
              "batch 32, Adam at 0.001, a constant rate, no validation share, float32.",
        "bn": "ঠিক পাঠের মতো সেটিংস বসায়: পাঠের নেটওয়ার্ক, সব ট্রেনিং ছবিতে ১০ ইপক, ৩২-এর ব্যাচ, ০.০০১-এ "
              "অ্যাডাম, স্থির রেট, ভ্যালিডেশনের ভাগ নেই, float32।",
    },
    "train.preset_recipe": {"en": "Recipe for {preset}", "bn": "{preset}-এর রেসিপি"},
    "train.preset_recipe_help": {
        "en": "Fill in the settings this network was tuned with (the command line's --preset uses them too).",
        "bn": "এই নেটওয়ার্কটি যে সেটিংসে টিউন করা হয়েছে সেগুলো বসায় (কমান্ড লাইনের --preset-ও এগুলোই নেয়)।",
    },
    "train.restart_note": {"en": "Starting a new run stops the one in progress.",
                           "bn": "নতুন ট্রেনিং শুরু করলে চলমানটা থেমে যাবে।"},

    # Live view
    "train.live_header": {"en": "3 · Watch it learn", "bn": "৩ · শেখা দেখি"},
    "train.no_run": {"en": "No training yet in this session. Press “Start training” above.",
                     "bn": "এই সেশনে এখনো ট্রেনিং হয়নি। ওপরে “ট্রেনিং শুরু করি” চাপুন।"},
    "train.state_starting": {"en": "Getting ready…", "bn": "প্রস্তুত হচ্ছে…"},
    "train.state_queued": {
        "en": "Waiting for a free training slot — you are number {position} in line.",
        "bn": "ট্রেনিংয়ের জন্য জায়গা খালি হওয়ার অপেক্ষা — সারিতে আপনি {position} নম্বরে।"},
    "train.state_running": {"en": "Training…", "bn": "ট্রেনিং চলছে…"},
    "train.restarted": {
        "en": "This run got stuck in its worker process, so that worker was replaced and the run started "
              "again from the beginning, with the same settings and seed.",
        "bn": "এই রানটি তার ওয়ার্কার প্রসেসে আটকে গিয়েছিল, তাই ওয়ার্কারটি বদলে রানটি শুরু থেকে আবার চালানো হয়েছে — "
              "একই সেটিং আর একই সিড (seed) দিয়ে।"},
    "train.state_stopping": {
        "en": "Stopping after the batches in progress, then measuring the model on the test images…",
        "bn": "চলতি ব্যাচগুলোর পর থামছে, তারপর টেস্টের ছবিতে মডেলটা যাচাই হবে…"},
    "train.evaluating": {"en": "All epochs done — measuring the model on the {count} test images…",
                         "bn": "সব ইপক শেষ — এখন {count}টি টেস্ট ছবিতে মডেলটা যাচাই হচ্ছে…"},
    "train.state_done": {"en": "Finished.", "bn": "শেষ হয়েছে।"},
    "train.stages": {"en": "Where the time went: {stages}.", "bn": "সময় কোথায় গেল: {stages}।"},
    "train.stage_prepare": {"en": "getting ready {seconds}", "bn": "প্রস্তুতি {seconds}"},
    "train.stage_first_batch": {"en": "first batch {seconds}", "bn": "প্রথম ব্যাচ {seconds}"},
    "train.stage_training": {"en": "training {seconds}", "bn": "ট্রেনিং {seconds}"},
    "train.stage_test": {"en": "testing {seconds}", "bn": "টেস্ট {seconds}"},
    "train.stage_transfer": {"en": "to and from the worker {seconds}", "bn": "ওয়ার্কারে যাওয়া-আসা {seconds}"},
    "train.stage_seconds": {"en": "{seconds} s", "bn": "{seconds} সেকেন্ড"},
    "train.stages_help": {
        "en": "Getting ready: the worker reads the pictures and builds the network. The first batch also "
              "prepares the compiled training step (a later run of the same network reuses it). Training: "
              "every other batch and the checks on held-back pictures. Testing: the test pictures. To and "
              "from the worker: waiting for a free worker and bringing the trained model back to this page.",
        "bn": "প্রস্তুতি: ওয়ার্কার ছবিগুলো পড়ে আর নেটওয়ার্ক বানায়। প্রথম ব্যাচে ট্রেনিংয়ের কম্পাইল করা ধাপটাও "
              "তৈরি হয় (একই নেটওয়ার্কের পরের রান সেটা আবার ব্যবহার করে)। ট্রেনিং: বাকি সব ব্যাচ আর আলাদা রাখা "
              "ছবিতে যাচাই। টেস্ট: টেস্টের ছবিগুলো। ওয়ার্কারে যাওয়া-আসা: খালি ওয়ার্কারের অপেক্ষা আর ট্রেন করা "
              "মডেলকে এই পাতায় ফিরিয়ে আনা।"},
    "train.state_stopped": {"en": "Stopped. The model keeps what it learned so far.",
                            "bn": "থামানো হয়েছে। এ পর্যন্ত যা শিখেছে, মডেল তা রেখে দিয়েছে।"},
    "train.where": {
        "en": "This run trains in a separate worker process on {host}, using {cores} CPU cores.",
        "bn": "এই রানটি {host}-এ আলাদা একটি ওয়ার্কার প্রসেসে (worker process) চলছে, {cores}টি সিপিইউ কোর ব্যবহার করে।"},
    "train.epoch_progress": {"en": "Epoch {epoch} of {total} · {percent}%",
                             "bn": "ইপক {epoch} / {total} · {percent}%"},
    "train.metric_epoch": {"en": "Epoch", "bn": "ইপক"},
    "train.metric_speed": {"en": "Images per second", "bn": "প্রতি সেকেন্ডে ছবি"},
    "train.metric_eta": {"en": "Time left", "bn": "বাকি সময়"},
    "train.metric_elapsed": {"en": "Time so far", "bn": "পেরোনো সময়"},
    "train.seconds": {"en": "{seconds} s", "bn": "{seconds} সেকেন্ড"},
    "train.minutes": {"en": "{minutes} min {seconds} s", "bn": "{minutes} মিনিট {seconds} সেকেন্ড"},
    "train.stop": {"en": "Stop", "bn": "থামাই"},
    "train.waiting_first_batch": {"en": "Waiting for the first batch…",
                                  "bn": "প্রথম ব্যাচের অপেক্ষা…"},

    # Results
    "train.results_header": {"en": "How good is it?", "bn": "কেমন শিখল?"},
    "train.test_accuracy": {"en": "Test accuracy", "bn": "টেস্ট অ্যাকুরেসি (accuracy)"},
    "train.test_loss": {"en": "Test loss", "bn": "টেস্ট লস (loss)"},
    "train.train_accuracy": {"en": "Training accuracy (last epoch)",
                             "bn": "ট্রেনিং অ্যাকুরেসি (শেষ ইপক)"},
    "train.gap": {"en": "Over-fitting gap", "bn": "ওভারফিটিংয়ের ফারাক"},
    "train.gap_explain": {
        "en": "Training accuracy {train} vs test accuracy {test}: a gap of {gap} points. The model "
              "does better on images it has seen than on new ones — that is over-fitting. For "
              "reference, the lesson's model reached 0.976 on training and 0.916 on test "
              "(a gap of 6 points).",
        "bn": "ট্রেনিং অ্যাকুরেসি {train}, টেস্ট অ্যাকুরেসি {test}: ফারাক {gap} পয়েন্ট। দেখা ছবিতে মডেল "
              "যতটা ভালো করে, নতুন ছবিতে ততটা নয় — এটাকেই ওভারফিটিং (over-fitting) বলে। তুলনার জন্য, "
              "পাঠের মডেল ট্রেনিংয়ে ০.৯৭৬ আর টেস্টে ০.৯১৬ পেয়েছিল (ফারাক ৬ পয়েন্ট)।"},
    "train.gap_explain_none": {
        "en": "Training accuracy {train} vs test accuracy {test}: no over-fitting yet. Training "
              "accuracy is an average over the epoch, taken while the model was still improving, so "
              "after a short run it can even trail the test score. Train for more epochs and watch "
              "the gap open. The lesson's model, after 10 epochs, reached 0.976 on training and 0.916 "
              "on test (a gap of 6 points).",
        "bn": "ট্রেনিং অ্যাকুরেসি {train}, টেস্ট অ্যাকুরেসি {test}: এখনো ওভারফিটিং (over-fitting) হয়নি। "
              "ট্রেনিং অ্যাকুরেসি পুরো ইপকের গড়, মাপা হয়েছে যখন মডেল শিখছিল, তাই ছোট ট্রেনিংয়ের পর এটা "
              "টেস্টের চেয়ে কমও হতে পারে। আরও বেশি ইপক ট্রেইন করে দেখুন ফারাক কীভাবে বাড়ে। পাঠের মডেল "
              "১০ ইপকের পর ট্রেনিংয়ে ০.৯৭৬ আর টেস্টে ০.৯১৬ পেয়েছিল (ফারাক ৬ পয়েন্ট)।"},
    "train.predictions_title": {"en": "Some test images and what the model says",
                                "bn": "কয়েকটা টেস্ট ছবি, আর মডেল কী বলছে"},
    "train.predictions_caption": {
        "en": "Green: right. Red: wrong. The percentage is how sure the model is.",
        "bn": "সবুজ: ঠিক। লাল: ভুল। শতাংশটা হলো মডেল কতটা নিশ্চিত।"},
    "train.active_now": {
        "en": "This model is now the one Classify and Inside the model use.",
        "bn": "এখন থেকে “ক্লাসিফাই” আর “মডেলের ভেতরে” পাতায় এই মডেলটাই ব্যবহার হবে।"},
    "train.no_test_result": {"en": "The run ended before a test score could be measured.",
                             "bn": "টেস্টে মাপার আগেই ট্রেনিং থেমে গেছে।"},
    "train.save_name": {"en": "Name for this run", "bn": "এই ট্রেনিংয়ের নাম"},
    "train.save_default_name": {"en": "{preset} · epochs: {epochs} · test {accuracy}",
                                "bn": "{preset} · ইপক: {epochs} · টেস্ট {accuracy}"},
    "train.save": {"en": "Save to my models", "bn": "আমার মডেলে সেভ করি"},
    "train.saved": {"en": "Saved as “{name}”.", "bn": "“{name}” নামে সেভ হয়েছে।"},

    # Model store
    "train.store_header": {"en": "4 · Saved models", "bn": "৪ · সেভ করা মডেল"},
    "train.store_empty": {"en": "No saved models yet.", "bn": "এখনো কোনো মডেল সেভ করা হয়নি।"},
    "train.col_name": {"en": "Name", "bn": "নাম"},
    "train.col_dataset": {"en": "Dataset", "bn": "ডেটাসেট"},
    "train.col_preset": {"en": "Model", "bn": "মডেল"},
    "train.col_test_accuracy": {"en": "Test accuracy", "bn": "টেস্ট অ্যাকুরেসি"},
    "train.col_created": {"en": "Saved", "bn": "সেভের সময়"},
    "train.broken_entry": {"en": "A saved model could not be read ({run_id}): {error}",
                           "bn": "একটা সেভ করা মডেল পড়া যায়নি ({run_id}): {error}"},
    "train.store_pick": {"en": "Saved model", "bn": "সেভ করা মডেল"},
    "train.load": {"en": "Use this model", "bn": "এই মডেল ব্যবহার করি"},
    "train.delete": {"en": "Delete", "bn": "মুছে ফেলি"},
    "train.checking_upload": {
        "en": "Checking “{name}” in a separate process before it is opened…",
        "bn": "খোলার আগে “{name}” আলাদা একটি প্রসেসে যাচাই করা হচ্ছে…",
    },
    "train.download": {"en": "Download .keras", "bn": ".keras ডাউনলোড"},
    "train.loaded": {"en": "“{name}” is now the active model.",
                     "bn": "“{name}” এখন সক্রিয় মডেল।"},
    "train.deleted": {"en": "Deleted “{name}”.", "bn": "“{name}” মুছে ফেলা হয়েছে।"},
    "train.upload": {"en": "Upload a .keras model", "bn": "একটা .keras মডেল আপলোড করি"},
    "train.upload_help": {
        "en": "A Keras model that takes 28×28×1 images, like the ones you download here.",
        "bn": "২৮×২৮×১ ছবি নেয় এমন কেরাস (Keras) মডেল, যেমনটা এখান থেকে ডাউনলোড হয়।"},
    "train.uploaded": {"en": "Loaded “{name}”, saved it to your models and made it active.",
                       "bn": "“{name}” লোড হয়েছে, আপনার মডেলে সেভ হয়েছে, আর এখন এটাই সক্রিয়।"},
    "train.compare_title": {"en": "Compare saved runs", "bn": "সেভ করা ট্রেনিং তুলনা করি"},
    "train.compare_pick": {"en": "Runs to compare", "bn": "কোন কোন ট্রেনিং তুলনা করব"},
    "train.compare_metric": {"en": "Measure", "bn": "কী মাপব"},
    "train.compare_none": {"en": "None of the chosen runs has a training history.",
                           "bn": "বেছে নেওয়া কোনো ট্রেনিংয়ের ইতিহাস (history) নেই।"},

    # Figures
    "train.fig_loss": {"en": "Loss", "bn": "লস (loss)"},
    "train.fig_accuracy": {"en": "Accuracy", "bn": "অ্যাকুরেসি (accuracy)"},
    "train.fig_title_loss": {"en": "Loss (lower is better)", "bn": "লস (যত কম তত ভালো)"},
    "train.fig_title_accuracy": {"en": "Accuracy (higher is better)",
                                 "bn": "অ্যাকুরেসি (যত বেশি তত ভালো)"},
    "train.fig_epoch_axis": {"en": "Epoch", "bn": "ইপক (epoch)"},
    "train.fig_batch_raw": {"en": "Each batch", "bn": "প্রতিটি ব্যাচ"},
    "train.fig_batch_smooth": {"en": "Batches, smoothed", "bn": "ব্যাচ, মসৃণ করা"},
    "train.fig_epoch_train": {"en": "Training (per epoch)", "bn": "ট্রেনিং (প্রতি ইপক)"},
    "train.fig_epoch_val": {"en": "Validation (per epoch)", "bn": "ভ্যালিডেশন (প্রতি ইপক)"},
    "train.fig_run_val": {"en": "{name} · validation", "bn": "{name} · ভ্যালিডেশন"},
    "train.fig_run_train": {"en": "{name} · training", "bn": "{name} · ট্রেনিং"},
    "train.fig_compare_loss": {"en": "Validation and training loss per epoch",
                               "bn": "প্রতি ইপকে ভ্যালিডেশন ও ট্রেনিং লস"},
    "train.fig_compare_accuracy": {"en": "Validation and training accuracy per epoch",
                                   "bn": "প্রতি ইপকে ভ্যালিডেশন ও ট্রেনিং অ্যাকুরেসি"},
    "train.fig_true": {"en": "true: {label}", "bn": "আসল: {label}"},
    # ----- training configuration and runs (cnn_core.training) -----
    "train.err_epochs": {
        "en": "Epochs must be a whole number from 1 to {high} (got {value}).",
        "bn": "ইপকের সংখ্যা ১ থেকে {high}-এর মধ্যে একটি পূর্ণসংখ্যা হতে হবে (দেওয়া হয়েছে {value})।",
    },
    "train.err_batch_size": {
        "en": "The batch size must be a whole number from 1 to {high} (got {value}).",
        "bn": "ব্যাচের আকার ১ থেকে {high}-এর মধ্যে একটি পূর্ণসংখ্যা হতে হবে (দেওয়া হয়েছে {value})।",
    },
    "train.err_batch_too_big": {
        "en": "The batch size ({batch}) is larger than the number of training images ({images}). "
              "Use a smaller batch or more images.",
        "bn": "ব্যাচের আকার ({batch}) ট্রেনিংয়ের ছবির সংখ্যার ({images}) চেয়ে বড়। ছোট ব্যাচ নিন অথবা "
              "আরও ছবি দিন।",
    },
    "train.err_optimizer": {
        "en": "Unknown optimizer “{value}”: choose adam or sgd.",
        "bn": "অজানা অপটিমাইজার “{value}”: adam অথবা sgd বেছে নিন।",
    },
    "train.err_learning_rate": {
        "en": "The learning rate must be above 0 and at most 1 (got {value}).",
        "bn": "লার্নিং রেট ০-এর বেশি এবং সর্বোচ্চ ১ হতে হবে (দেওয়া হয়েছে {value})।",
    },
    "train.err_lr_schedule": {
        "en": "Unknown learning-rate schedule “{value}”: choose constant or cosine.",
        "bn": "অজানা লার্নিং রেট সূচি “{value}”: constant অথবা cosine বেছে নিন।",
    },
    "train.err_validation_split": {
        "en": "The validation share must be between 0 and 0.5 (got {value}).",
        "bn": "ভ্যালিডেশনের ভাগ ০ থেকে ০.৫-এর মধ্যে হতে হবে (দেওয়া হয়েছে {value})।",
    },
    "train.err_seed": {
        "en": "The seed must be a whole number (got {value}).",
        "bn": "সিড (seed) একটি পূর্ণসংখ্যা হতে হবে (দেওয়া হয়েছে {value})।",
    },
    "train.err_subset": {
        "en": "The number of training images must be a whole number of at least 2 (got {value}).",
        "bn": "ট্রেনিংয়ের ছবির সংখ্যা অন্তত ২ এমন পূর্ণসংখ্যা হতে হবে (দেওয়া হয়েছে {value})।",
    },
    "train.err_subset_too_big": {
        "en": "You asked for {value} training images, but the dataset has only {available}.",
        "bn": "আপনি {value}টি ট্রেনিং ছবি চেয়েছেন, কিন্তু ডেটাসেটে আছে মাত্র {available}টি।",
    },
    "train.err_failed_at": {
        "en": "Training stopped with an error in epoch {epoch}, after batch {batch}: {reason}",
        "bn": "ইপক {epoch}-এ, ব্যাচ {batch}-এর পর একটি সমস্যার কারণে ট্রেনিং থেমে গেছে: {reason}",
    },
    "train.err_failed_before": {
        "en": "Training stopped with an error before the first batch: {reason}",
        "bn": "প্রথম ব্যাচের আগেই একটি সমস্যার কারণে ট্রেনিং থেমে গেছে: {reason}",
    },
    "train.err_worker_lost": {
        "en": "The worker process that ran this training stopped unexpectedly (it may have run out of "
            "memory or been shut down), so the run is lost. A fresh worker has taken its place: press "
            "“Start training” to run it again.",
        "bn": "যে ওয়ার্কার প্রসেসে (worker process) এই ট্রেনিং চলছিল, সেটি হঠাৎ বন্ধ হয়ে গেছে (হয়তো মেমরি "
              "ফুরিয়েছে বা বন্ধ করে দেওয়া হয়েছে), তাই রানটি হারিয়ে গেছে। তার জায়গায় নতুন ওয়ার্কার চালু হয়েছে: "
              "আবার চালাতে “ট্রেনিং শুরু করি” চাপুন।",
    },
    "train.err_cluster": {
        "en": "The training workers could not be reached, so the run did not start: {reason}",
        "bn": "ট্রেনিংয়ের ওয়ার্কারদের (workers) সাথে যোগাযোগ করা গেল না, তাই রানটি শুরু হয়নি: {reason}",
    },
    "train.err_cluster_lost": {
        "en": "The training cluster could not be reached for a while (its scheduler or this run's worker "
              "went away), so this run has ended. What it reported before is kept on this page. The app "
              "connects again by itself: press “Start training” to run it again.",
        "bn": "কিছুক্ষণ ধরে ট্রেনিং ক্লাস্টারের (cluster) সাথে যোগাযোগ করা যায়নি (তার শিডিউলার বা এই রানের "
              "ওয়ার্কার বন্ধ হয়ে গেছে), তাই রানটি শেষ হয়ে গেছে। এর আগে যা জানা গিয়েছিল, তা এই পাতায় রাখা আছে। "
              "অ্যাপ নিজেই আবার যোগাযোগ করবে: আবার চালাতে “ট্রেনিং শুরু করি” চাপুন।",
    },
    "train.err_unknown_job": {
        "en": "There is no kind of job called “{kind}”.",
        "bn": "“{kind}” নামে কোনো ধরনের কাজ নেই।",
    },
}
