"""Strings of the "Learn one step" page (one gradient step written out) and of cnn_core.learning."""

STRINGS = {
    "learn.title": {"en": "Learn one step", "bn": "এক ধাপ শেখা"},
    "learn.intro": {
        "en": "Training repeats one small move millions of times. Here is one of them, written out: a picture "
              "goes forward and gives a **loss**; the loss's gradient flows **back** through the layers "
              "(backpropagation); every weight moves a little **against its gradient**; and the same picture, "
              "run again, gives a smaller loss.",
        "bn": "ট্রেনিং একটা ছোট্ট চাল লক্ষ লক্ষ বার করে। এখানে তার একটা, পুরো লিখে দেখানো: একটা ছবি সামনে যায় আর "
              "একটা **লস** দেয়; লসের গ্রেডিয়েন্ট লেয়ারগুলোর ভেতর দিয়ে **পেছনে** বয়ে যায় (ব্যাকপ্রপাগেশন); প্রতিটা "
              "ওজন **তার গ্রেডিয়েন্টের উল্টো দিকে** একটু সরে; আর একই ছবি আবার চালালে লস কমে যায়।"},
    "learn.model_source": {"en": "Model", "bn": "মডেল"},
    "learn.model_session": {"en": "This session's model", "bn": "এই সেশনের মডেল"},
    "learn.model_shipped": {"en": "The shipped model", "bn": "অ্যাপের সঙ্গে আসা মডেল"},
    "learn.model_fresh": {"en": "A fresh, untrained one", "bn": "একদম নতুন, ট্রেইন না করা মডেল"},
    "learn.preset": {"en": "Network", "bn": "নেটওয়ার্ক"},
    "learn.fresh_name": {"en": "{preset} (untrained)", "bn": "{preset} (ট্রেইন না করা)"},
    "learn.model_in_use": {"en": "Model: **{name}**", "bn": "মডেল: **{name}**"},
    "learn.no_model": {
        "en": "There is no model for this dataset here yet. Pick “A fresh, untrained one” above, or train "
              "one on the Train page.",
        "bn": "এই ডেটাসেটের জন্য এখানে এখনো কোনো মডেল নেই। ওপরে “একদম নতুন, ট্রেইন না করা মডেল” বেছে নিন, "
              "অথবা ট্রেনিং পাতায় একটা মডেল ট্রেইন করুন।"},
    "learn.source": {"en": "Picture", "bn": "ছবি"},
    "learn.source_test": {"en": "Test picture", "bn": "টেস্ট ছবি"},
    "learn.source_drawing": {"en": "My drawing", "bn": "আমার আঁকা ছবি"},
    "learn.source_upload": {"en": "Upload", "bn": "আপলোড"},
    "learn.test_index": {"en": "Test picture number (0–{last})", "bn": "টেস্ট ছবির নম্বর (০–{last})"},
    "learn.test_caption": {"en": "Test picture {index}: a **{label}**", "bn": "টেস্ট ছবি {index}: একটা **{label}**"},
    "learn.no_drawings": {
        "en": "No drawings yet: draw on the Classify page first. Meanwhile this is test picture 0 ({label}).",
        "bn": "এখনো কোনো আঁকা ছবি নেই: আগে ক্লাসিফাই পাতায় আঁকুন। ততক্ষণ এটা টেস্ট ছবি ০ ({label})।"},
    "learn.drawing_pick": {"en": "Drawing (1–{count}, the newest last)", "bn": "আঁকা ছবি (১–{count}, নতুনটা শেষে)"},
    "learn.upload_label": {"en": "A picture to learn from", "bn": "যে ছবি থেকে শিখবে"},
    "learn.upload_none": {
        "en": "No picture uploaded yet: this is test picture 0 ({label}).",
        "bn": "এখনো কোনো ছবি আপলোড হয়নি: এটা টেস্ট ছবি ০ ({label})।"},
    "learn.label": {"en": "Its true class", "bn": "এর আসল ক্লাস"},
    "learn.label_own": {"en": "Its own label ({name})", "bn": "এর নিজের লেবেল ({name})"},
    "learn.label_answer": {"en": "What the model answers ({name})", "bn": "মডেল যা উত্তর দেয় ({name})"},
    "learn.learning_rate": {"en": "Learning rate (lr)", "bn": "শেখার হার (lr)"},
    "learn.picture_alt": {"en": "The 28×28 picture the model learns from", "bn": "২৮×২৮ ছবি, যা থেকে মডেল শিখবে"},
    "learn.picture_caption": {"en": "True class: **{name}**", "bn": "আসল ক্লাস: **{name}**"},
    "learn.inference_mode": {
        "en": "The step is computed in **inference mode**, as the other pages show the forward pass: dropout "
              "is off and BatchNorm uses the mean and variance it learned. (During training, dropout switches "
              "units off at random and BatchNorm uses each batch's own numbers.)",
        "bn": "ধাপটা হিসাব করা হয়েছে **ইনফারেন্স মোডে**, যেভাবে অন্য পাতাগুলো সামনের দিকের হিসাব দেখায়: ড্রপআউট "
              "বন্ধ আর ব্যাচনর্ম তার শেখা গড় ও ভ্যারিয়েন্স ব্যবহার করে। (ট্রেনিংয়ের সময় ড্রপআউট এলোমেলোভাবে কিছু "
              "ইউনিট বন্ধ করে আর ব্যাচনর্ম প্রতিটা ব্যাচের নিজের সংখ্যা ব্যবহার করে।)"},
    "learn.tf_numbers": {
        "en": "Every number on this page is TensorFlow's: the gradients come from tf.GradientTape on this "
              "model and this picture, and each written-out sum is checked against them (“TF:”).",
        "bn": "এই পাতার প্রতিটা সংখ্যা টেনসরফ্লো-র: গ্রেডিয়েন্টগুলো এই মডেল আর এই ছবির ওপর tf.GradientTape "
              "থেকে আসে, আর লিখে দেখানো প্রতিটা যোগফল সেগুলোর সঙ্গে মিলিয়ে দেখা হয় (“TF:”)।"},
    "learn.matches_tf": {"en": "Same as TensorFlow's gradient: {value}", "bn": "টেনসরফ্লো-র গ্রেডিয়েন্টের সমান: {value}"},
    "learn.differs_from_tf": {
        "en": "This differs from TensorFlow's gradient ({value}): the model has a layer this page does not "
              "take apart.",
        "bn": "এটা টেনসরফ্লো-র গ্রেডিয়েন্ট ({value}) থেকে আলাদা: মডেলে এমন একটা লেয়ার আছে যেটা এই পাতা "
              "খুলে দেখাতে পারে না।"},

    "learn.forward_header": {"en": "1. Forward: the loss", "bn": "১. সামনের দিকে: লস"},
    "learn.forward_explain": {
        "en": "The last layer gives one score per class, the **logit** z. Softmax turns them into probabilities "
              "p. The loss is **L = −log p(true class)**: 0 when the model is sure and right, large when it "
              "gives the true class little chance. y is 1 for the true class and 0 for the others.",
        "bn": "শেষ লেয়ার প্রতিটা ক্লাসের জন্য একটা স্কোর দেয়, **লজিট** z। সফটম্যাক্স সেগুলোকে সম্ভাবনা p-তে বদলায়। "
              "লস হলো **L = −log p(আসল ক্লাস)**: মডেল নিশ্চিত আর ঠিক হলে ০, আসল ক্লাসকে কম সম্ভাবনা দিলে বড়। "
              "আসল ক্লাসের জন্য y হলো ১, অন্যগুলোর জন্য ০।"},
    "learn.col_class": {"en": "class", "bn": "ক্লাস"},
    "learn.output_header": {"en": "2. Back through softmax: p − y", "bn": "২. সফটম্যাক্স দিয়ে পেছনে: p − y"},
    "learn.output_explain": {
        "en": "How the loss changes with each logit is simply **∂L/∂z = p − y**: every wrong class's logit "
              "should go down by its probability, and the true class (**{name}**) should go up by 1 − p. "
              "This is the **delta** δ of the output units, where backpropagation starts.",
        "bn": "প্রতিটা লজিটের সঙ্গে লস কীভাবে বদলায় তা খুব সহজ: **∂L/∂z = p − y**। প্রতিটা ভুল ক্লাসের লজিট "
              "তার সম্ভাবনা পরিমাণ কমা উচিত, আর আসল ক্লাসের (**{name}**) লজিট ১ − p পরিমাণ বাড়া উচিত। এটাই "
              "আউটপুট ইউনিটগুলোর **ডেল্টা** δ, যেখান থেকে ব্যাকপ্রপাগেশন শুরু হয়।"},
    "learn.dense_header": {"en": "3. One weight of a dense layer", "bn": "৩. ডেন্স লেয়ারের একটা ওজন"},
    "learn.dense_layer": {"en": "Dense layer", "bn": "ডেন্স লেয়ার"},
    "learn.dense_unit": {"en": "Unit (1–{count})", "bn": "ইউনিট (১–{count})"},
    "learn.dense_input": {"en": "Input (1–{count})", "bn": "ইনপুট (১–{count})"},
    "learn.dense_explain": {
        "en": "Weight W(input {input}, unit {unit}) of **{layer}** multiplies input x by itself and adds it to "
              "the unit's sum, so its gradient is **that input × the unit's delta**. A weight whose input was 0 "
              "gets no gradient at all.",
        "bn": "**{layer}**-এর ওজন W(ইনপুট {input}, ইউনিট {unit}) ইনপুট x-কে নিজের সঙ্গে গুণ করে ইউনিটের যোগফলে "
              "যোগ করে, তাই এর গ্রেডিয়েন্ট হলো **সেই ইনপুট × ইউনিটের ডেল্টা**। যে ওজনের ইনপুট ০ ছিল, সে কোনো "
              "গ্রেডিয়েন্টই পায় না।"},
    "learn.relu_header": {"en": "4. Back through a ReLU", "bn": "৪. ReLU দিয়ে পেছনে"},
    "learn.relu_layer": {"en": "ReLU", "bn": "ReLU"},
    "learn.row": {"en": "Row (1–{count})", "bn": "সারি (১–{count})"},
    "learn.col": {"en": "Column (1–{count})", "bn": "কলাম (১–{count})"},
    "learn.channel": {"en": "Channel (1–{count})", "bn": "চ্যানেল (১–{count})"},
    "learn.unit": {"en": "Unit (1–{count})", "bn": "ইউনিট (১–{count})"},
    "learn.relu_explain": {
        "en": "ReLU lets a number through where it is above 0 and makes it 0 elsewhere. Backwards it does the "
              "same to the delta: where its input z was above 0 the delta passes unchanged, where z ≤ 0 the "
              "delta stops (a small change there would not change the output). In **{name}**, {open} of "
              "{total} positions pass the delta.",
        "bn": "ReLU ০-এর বেশি সংখ্যাকে যেতে দেয় আর বাকিগুলোকে ০ করে দেয়। পেছনের দিকে ডেল্টার সঙ্গেও একই কাজ "
              "করে: যেখানে ইনপুট z ০-এর বেশি ছিল সেখানে ডেল্টা অপরিবর্তিত যায়, যেখানে z ≤ ০ সেখানে ডেল্টা থেমে "
              "যায় (সেখানে একটু বদলালে আউটপুট বদলাত না)। **{name}**-এ {total}টা জায়গার মধ্যে {open}টা ডেল্টা যেতে দেয়।"},
    "learn.relu_all": {"en": "all {count} positions", "bn": "সব {count}টা জায়গা"},
    "learn.no_relu": {"en": "This model has no ReLU.", "bn": "এই মডেলে কোনো ReLU নেই।"},
    "learn.pool_header": {"en": "5. Back through max pooling", "bn": "৫. ম্যাক্স পুলিং দিয়ে পেছনে"},
    "learn.pool_layer": {"en": "Pooling layer", "bn": "পুলিং লেয়ার"},
    "learn.pool_explain": {
        "en": "Max pooling kept only the largest number of each window (marked *), so only that position "
              "could change the output: the delta goes **there**, and the other positions of the window get 0. "
              "This window of **{name}** starts at row {row}, column {col} of its input ({size}×{size}). "
              "When several numbers tie, TensorFlow gives the delta to the first one in reading order.",
        "bn": "ম্যাক্স পুলিং প্রতিটা জানালার শুধু সবচেয়ে বড় সংখ্যাটা রেখেছিল (* চিহ্ন দেওয়া), তাই কেবল ওই জায়গাটাই "
              "আউটপুট বদলাতে পারত: ডেল্টা **সেখানেই** যায়, জানালার বাকি জায়গাগুলো পায় ০। **{name}**-এর এই "
              "জানালা তার ইনপুটের সারি {row}, কলাম {col} থেকে শুরু ({size}×{size})। কয়েকটা সংখ্যা সমান হলে "
              "টেনসরফ্লো ডেল্টা দেয় পড়ার ক্রমে প্রথমটাকে।"},
    "learn.no_pool": {"en": "This model has no max pooling.", "bn": "এই মডেলে কোনো ম্যাক্স পুলিং নেই।"},
    "learn.conv_header": {"en": "6. One kernel weight of a convolution", "bn": "৬. কনভলিউশনের কার্নেলের একটা ওজন"},
    "learn.conv_layer": {"en": "Convolution layer", "bn": "কনভলিউশন লেয়ার"},
    "learn.kernel_row": {"en": "Kernel row (1–{count})", "bn": "কার্নেলের সারি (১–{count})"},
    "learn.kernel_col": {"en": "Kernel column (1–{count})", "bn": "কার্নেলের কলাম (১–{count})"},
    "learn.in_channel": {"en": "Input channel (1–{count})", "bn": "ইনপুট চ্যানেল (১–{count})"},
    "learn.out_channel": {"en": "Filter (1–{count})", "bn": "ফিল্টার (১–{count})"},
    "learn.conv_explain": {
        "en": "The kernel slides over the input, so weight ({ky},{kx}) of input channel {cin} in filter {cout} "
              "of **{name}** is used at **every one of the {positions} output positions** ({rows}×{cols}). At "
              "each, it multiplies the input value under it, and that product moves the output by the delta "
              "there. Its gradient is the sum over all positions of **input value × delta**:",
        "bn": "কার্নেল ইনপুটের ওপর দিয়ে সরে, তাই **{name}**-এর ফিল্টার {cout}-এর ইনপুট চ্যানেল {cin}-এর ওজন "
              "({ky},{kx}) **আউটপুটের {positions}টা জায়গার প্রতিটাতেই** ব্যবহার হয় ({rows}×{cols})। প্রতিটা জায়গায় "
              "সে তার নিচের ইনপুট মানকে গুণ করে, আর সেই গুণফল সেখানকার ডেল্টা পরিমাণে আউটপুট বদলায়। এর "
              "গ্রেডিয়েন্ট হলো সব জায়গার **ইনপুট মান × ডেল্টা**-র যোগফল:"},
    "learn.conv_zeros": {
        "en": "Written out: the {shown} positions whose product is not 0. Left out because they add 0: {no_delta} "
              "where the delta is 0 (ReLU or pooling stopped it) and {no_input} where the input under the weight "
              "is 0 (a dark pixel or the padding).",
        "bn": "লিখে দেখানো হয়েছে: যে {shown}টা জায়গার গুণফল ০ নয়। বাদ দেওয়া হয়েছে, কারণ সেগুলো ০ যোগ করে: "
              "{no_delta}টা যেখানে ডেল্টা ০ (ReLU বা পুলিং থামিয়েছে) আর {no_input}টা যেখানে ওজনের নিচের ইনপুট ০ "
              "(একটা কালো পিক্সেল বা প্যাডিং)।"},
    "learn.products_caption": {
        "en": "input × delta at every output position: blue pushes the weight's gradient up, red down.",
        "bn": "আউটপুটের প্রতিটা জায়গায় ইনপুট × ডেল্টা: নীল ওজনের গ্রেডিয়েন্টকে বাড়ায়, লাল কমায়।"},
    "learn.no_conv": {"en": "This model has no convolution that learns here.",
                      "bn": "এই মডেলে এখানে শেখার মতো কোনো কনভলিউশন নেই।"},
    "learn.update_header": {"en": "7. The update: w ← w − lr·g", "bn": "৭. আপডেট: w ← w − lr·g"},
    "learn.update_explain": {
        "en": "Plain gradient descent (SGD) moves every weight a small step **against** its gradient, scaled by "
              "the learning rate lr = {lr}. Press the button to take the step, then the same picture runs again.",
        "bn": "সাধারণ গ্রেডিয়েন্ট ডিসেন্ট (SGD) প্রতিটা ওজনকে তার গ্রেডিয়েন্টের **উল্টো দিকে** একটা ছোট ধাপ সরায়, "
              "শেখার হার lr = {lr} দিয়ে মাপা। বোতাম চেপে ধাপটা নিন, তারপর একই ছবি আবার চলবে।"},
    "learn.take_step": {"en": "Take the step", "bn": "ধাপটা নাও"},
    "learn.take_step_help": {
        "en": "The step changes a copy of the model: the model itself stays as it is.",
        "bn": "ধাপটা মডেলের একটা কপি বদলায়: আসল মডেল যেমন আছে তেমনই থাকে।"},
    "learn.every_weight": {
        "en": "The same rule moved all {count} trainable numbers of the model at once.",
        "bn": "একই নিয়মে মডেলের শেখার যোগ্য {count}টা সংখ্যা একসঙ্গে সরেছে।"},
    "learn.loss_after": {"en": "Loss after the step", "bn": "ধাপের পরে লস"},
    "learn.p_after": {"en": "p({name}) after the step", "bn": "ধাপের পরে p({name})"},
    "learn.before": {"en": "before", "bn": "আগে"},
    "learn.after": {"en": "after one step", "bn": "এক ধাপের পরে"},
    "learn.adam_header": {"en": "What Adam would do instead", "bn": "Adam হলে কী করত"},
    "learn.adam_explain": {
        "en": "Adam (what the Train page uses) keeps two running averages per weight: **m**, of its gradients "
              "(momentum: steps keep going in a steady direction), and **v**, of its squared gradients (a "
              "per-weight scale). Both start at 0, so they are corrected for that start (m̂, v̂). The step is "
              "lr × m̂ / (√v̂ + ε̂): on the first step about **lr in the gradient's direction, for every weight**, "
              "however small or large its gradient. (ε̂ = ε/√(1 − β₂) as Keras computes it.)",
        "bn": "Adam (ট্রেনিং পাতা যেটা ব্যবহার করে) প্রতিটা ওজনের জন্য দুটো চলমান গড় রাখে: **m**, তার "
              "গ্রেডিয়েন্টগুলোর (মোমেন্টাম: ধাপ একই দিকে চলতে থাকে), আর **v**, তার গ্রেডিয়েন্টের বর্গের (প্রতিটা "
              "ওজনের নিজের মাপ)। দুটোই ০ থেকে শুরু হয়, তাই সেই শুরুর জন্য শুধরে নেওয়া হয় (m̂, v̂)। ধাপ হলো "
              "lr × m̂ / (√v̂ + ε̂): প্রথম ধাপে **প্রতিটা ওজনের জন্য মোটামুটি lr, গ্রেডিয়েন্টের দিকে**, গ্রেডিয়েন্ট "
              "যত ছোট বা বড়ই হোক। (কেরাস যেভাবে হিসাব করে: ε̂ = ε/√(১ − β₂)।)"},
    "learn.adam_result": {
        "en": "After Adam's first step the loss would be **{loss}** (SGD's: {sgd}) and p(true class) {p}.",
        "bn": "Adam-এর প্রথম ধাপের পরে লস হতো **{loss}** (SGD-র: {sgd}) আর p(আসল ক্লাস) {p}।"},
    "learn.steps_header": {"en": "8. Many steps on this one picture", "bn": "৮. শুধু এই ছবিটার ওপর অনেকগুলো ধাপ"},
    "learn.steps_explain": {
        "en": "Keep stepping on this one picture: its loss falls towards 0. Meanwhile watch other test "
              "pictures the steps never see: their loss and accuracy move too, often the wrong way. Learning "
              "one example by heart at the cost of the rest is **overfitting**; training mixes thousands of "
              "pictures in every batch to avoid it.",
        "bn": "শুধু এই ছবিটার ওপর ধাপ নিতে থাকুন: এর লস ০-এর দিকে নামে। এর মধ্যে অন্য টেস্ট ছবিগুলো দেখুন, "
              "যেগুলো ধাপগুলো কখনো দেখে না: তাদের লস আর নির্ভুলতাও বদলায়, প্রায়ই ভুল দিকে। বাকিদের দামে একটা "
              "উদাহরণ মুখস্থ করাকে বলে **ওভারফিটিং**; তা এড়াতে ট্রেনিং প্রতিটা ব্যাচে হাজারো ছবি মেশায়।"},
    "learn.steps_running": {"en": "Taking {count} steps…", "bn": "{count}টা ধাপ নেওয়া হচ্ছে…"},
    "learn.steps_count": {"en": "Steps (1–{high})", "bn": "ধাপ (১–{high})"},
    "learn.optimizer": {"en": "Optimizer", "bn": "অপটিমাইজার"},
    "learn.optimizer_sgd": {"en": "SGD", "bn": "SGD"},
    "learn.optimizer_adam": {"en": "Adam", "bn": "Adam"},
    "learn.steps_go": {"en": "Take {count} steps", "bn": "{count}টা ধাপ নাও"},
    "learn.steps_result": {
        "en": "After {count} steps the loss on this picture went from **{first}** to **{last}**, and "
              "p(true class) from {p_first} to {p_last}.",
        "bn": "{count}টা ধাপের পরে এই ছবির লস **{first}** থেকে **{last}** হয়েছে, আর p(আসল ক্লাস) {p_first} "
              "থেকে {p_last}।"},
    "learn.steps_others": {
        "en": "On {others} other pictures the mean loss went from {loss_first} to {loss_last} and the accuracy "
              "from {acc_first} to {acc_last}.",
        "bn": "অন্য {others}টা ছবিতে গড় লস {loss_first} থেকে {loss_last} আর নির্ভুলতা {acc_first} থেকে "
              "{acc_last} হয়েছে।"},
    "learn.chart_this_loss": {"en": "loss on this picture", "bn": "এই ছবির লস"},
    "learn.chart_other_loss": {"en": "mean loss on other pictures", "bn": "অন্য ছবিগুলোর গড় লস"},
    "learn.chart_other_accuracy": {"en": "accuracy on other pictures", "bn": "অন্য ছবিগুলোর নির্ভুলতা"},
    "learn.chart_step": {"en": "step", "bn": "ধাপ"},
    "learn.chart_loss": {"en": "loss", "bn": "লস"},
    "learn.chart_accuracy": {"en": "accuracy", "bn": "নির্ভুলতা"},

    # Present mode's slides
    "learn.slide_forward": {"en": "The loss", "bn": "লস"},
    "learn.slide_output": {"en": "∂L/∂z = p − y", "bn": "∂L/∂z = p − y"},
    "learn.slide_dense": {"en": "A weight of {layer}: input × δ", "bn": "{layer}-এর একটা ওজন: ইনপুট × δ"},
    "learn.slide_relu": {"en": "Back through {name}", "bn": "{name} দিয়ে পেছনে"},
    "learn.slide_pool": {"en": "Back through {name}", "bn": "{name} দিয়ে পেছনে"},
    "learn.slide_conv": {"en": "A kernel weight of {name}: Σ input × δ", "bn": "{name}-এর কার্নেলের একটা ওজন: Σ ইনপুট × δ"},
    "learn.slide_update": {"en": "The update and the new loss", "bn": "আপডেট আর নতুন লস"},

    # cnn_core.learning's errors
    "learn.err_not_a_chain": {
        "en": "This model's layers do not form one chain (at “{layer}”), so its step cannot be written out here.",
        "bn": "এই মডেলের লেয়ারগুলো এক সারিতে সাজানো নয় (“{layer}”-এ), তাই এর ধাপ এখানে লিখে দেখানো যায় না।"},
    "learn.err_input_shape": {
        "en": "This model takes pictures of shape {shape}; this page works with 28×28 grey pictures.",
        "bn": "এই মডেল {shape} আকারের ছবি নেয়; এই পাতা ২৮×২৮ ধূসর ছবি নিয়ে কাজ করে।"},
    "learn.err_output": {
        "en": "This model does not end in a softmax Dense layer (it ends in “{layer}”).",
        "bn": "এই মডেল সফটম্যাক্স ডেন্স লেয়ারে শেষ হয় না (শেষ হয় “{layer}”-এ)।"},
    "learn.err_conv_options": {
        "en": "The convolution “{layer}” uses options this page does not write out (groups or channels first).",
        "bn": "কনভলিউশন “{layer}” এমন অপশন ব্যবহার করে যা এই পাতা লিখে দেখায় না (গ্রুপ বা আগে চ্যানেল)।"},
    "learn.err_picture_shape": {
        "en": "The picture has shape {shape}; a 28×28 picture is needed.",
        "bn": "ছবিটার আকার {shape}; ২৮×২৮ ছবি দরকার।"},
    "learn.err_picture_type": {
        "en": "The picture's numbers are {dtype}; whole numbers 0–255 (uint8) are needed.",
        "bn": "ছবিটার সংখ্যাগুলো {dtype}; ০–২৫৫ পূর্ণসংখ্যা (uint8) দরকার।"},
    "learn.err_label": {
        "en": "Class {label} does not exist: this model has {count} classes (0 to {count} − 1).",
        "bn": "ক্লাস {label} নেই: এই মডেলের {count}টা ক্লাস আছে (০ থেকে {count} − ১)।"},
    "learn.err_learning_rate": {
        "en": "The learning rate must be a number above 0 and at most {high} (got {value}).",
        "bn": "শেখার হার ০-এর বেশি আর সর্বোচ্চ {high} হতে হবে (পাওয়া গেছে {value})।"},
    "learn.err_optimizer": {
        "en": "Unknown optimizer “{optimizer}”: SGD or Adam.",
        "bn": "অচেনা অপটিমাইজার “{optimizer}”: SGD অথবা Adam।"},
    "learn.err_steps": {
        "en": "The number of steps must be a whole number from 1 to {high} (got {steps}).",
        "bn": "ধাপের সংখ্যা ১ থেকে {high}-এর মধ্যে একটা পূর্ণসংখ্যা হতে হবে (পাওয়া গেছে {steps})।"},
    "learn.err_layer": {
        "en": "“{layer}” is not a layer of this kind in the model.",
        "bn": "“{layer}” মডেলে এই ধরনের লেয়ার নয়।"},
    "learn.err_weight_index": {
        "en": "That weight is not in “{layer}”.",
        "bn": "ওই ওজনটা “{layer}”-এ নেই।"},
    "learn.err_position": {
        "en": "Position ({row}, {col}) is outside the {rows}×{cols} map.",
        "bn": "({row}, {col}) জায়গাটা {rows}×{cols} ম্যাপের বাইরে।"},
    "learn.err_pool_overlap": {
        "en": "The pooling “{layer}” has overlapping or padded windows, which this page does not take apart.",
        "bn": "পুলিং “{layer}”-এর জানালাগুলো একে অপরের ওপর পড়ে বা প্যাড করা, যা এই পাতা খুলে দেখায় না।"},
}
