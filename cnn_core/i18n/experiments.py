"""Class experiments: definitions, handing out runs, the results plot."""

STRINGS = {
    "experiments.err_param": {"en": "An experiment cannot vary \u201c{param}\u201d.",
                              "bn": "পরীক্ষায় \u201c{param}\u201d বদলানো যায় না।"},
    "experiments.err_value": {"en": "\u201c{value}\u201d is not a value this setting takes.",
                              "bn": "\u201c{value}\u201d এই সেটিংয়ের গ্রহণযোগ্য মান নয়।"},
    "experiments.err_values": {"en": "Give from {low} to {high} different values.",
                               "bn": "{low} থেকে {high}টি আলাদা মান দিন।"},
    "experiments.err_seeds": {"en": "Seeds per value: from 1 to {high}.", "bn": "প্রতি মানে সিড: ১ থেকে {high}।"},
    "experiments.err_question": {"en": "The question is longer than {limit} characters.",
                                 "bn": "প্রশ্নটি {limit} অক্ষরের চেয়ে লম্বা।"},
}
