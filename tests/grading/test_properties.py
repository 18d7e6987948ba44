"""Properties that hold for any copy (hypothesis)."""

from __future__ import annotations

import json
import re
import string
from unittest.mock import patch

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dictee.grading import CATEGORIES, alignment, correct, lexicon_table
from dictee.grading.alignment import _NEVER, align, align_all, answered, pair_costs
from dictee.grading.classify import GAP, substitution, substitution_cost
from dictee.grading.correction import INCOMPLETE, UNMARKED, correct_all, correct_tokens
from dictee.grading.table import Table, table_for
from dictee.grading.tokens import (
    _TOKEN,
    _TOKEN_NO_MARKS,
    is_word,
    join,
    normalize,
    tokenize,
)

from .corpus import TRANSFORMS, level_texts
from .reference import reference_align

TEXTS = level_texts()
LEVELS = sorted(TEXTS)
FAST = settings(max_examples=40, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])

# Tokens a pupil may plausibly write: homophones, forms, elisions, typos, punctuation.
VOCABULARY = [
    "a", "à", "ça", "sa", "c'", "est", "et", "ses", "ces", "la", "là", "l'", "lécole",
    "porter", "porté", "sont", "son", "-lui", "lui", "Lui", ",", ".", "!", "«", "»", ":",
    "Ecrivons", "qu'", "qu", "il", "qu'il", "n'", "ont", "on", "arrèté", "d'", "art", "dart",
    "xyz", "Il", "pensont", "drapo", "aété", "été", "etait", "oeuvres", "5", "s'", "L'a",
]


def _window(level: str, start: int, size: int) -> str:
    """A run of whole tokens of a level's text, cut at token boundaries."""
    text = normalize(TEXTS[level])
    spans = [m.span() for m in _TOKEN.finditer(text)]
    start = min(start, len(spans) - 1)
    end = min(start + size, len(spans)) - 1
    return text[spans[start][0]:spans[end][1]]


@FAST
@given(level=st.sampled_from(LEVELS),
       transforms=st.sets(st.sampled_from(sorted(TRANSFORMS))),
       spaces=st.sampled_from([" ", "  ", "\n", " \u00a0", "\t", "\r\n"]))
def test_a_copy_equal_to_the_text_has_no_error(level, transforms, spaces):
    copy = TEXTS[level].replace(" ", spaces)
    for name in sorted(transforms):
        copy = TRANSFORMS[name](copy)
    result = correct(TEXTS[level], copy)
    assert result.errors == ()
    assert result.note == 20


NOISE = st.text(alphabet=st.sampled_from(
    list(string.ascii_letters + string.digits + string.punctuation)
    + list("éèêàâçôûùïœÉÀ’‘«»—–…  \u202f\n\t\u0301\u0327\u00ad\ufeff😀ß_")), max_size=300)


@FAST
@given(level=st.sampled_from(LEVELS), noise=NOISE)
def test_noise_never_crashes_and_scores_stay_in_range(level, noise):
    result = correct(TEXTS[level], noise)
    n = len(tokenize(TEXTS[level]))
    assert len(result.errors) <= n + len(tokenize(noise))
    assert all(e.category in CATEGORIES for e in result.errors)
    assert all(0 <= e.position <= n for e in result.errors)
    assert all(e.expected or e.written for e in result.errors)
    assert result.flag in (None, *UNMARKED, INCOMPLETE)
    assert (result.note is None) == (result.flag in UNMARKED)
    assert result.note is None or 0 <= result.note <= 20
    json.dumps(result.as_json("bruit"))


@FAST
@given(noise=NOISE)
def test_the_fast_tokenizer_equals_the_general_one(noise):
    """Without combining accents left after NFC, the faster pattern gives the same tokens."""
    # Every combining mark goes, not only those of the alphabet: NFC can leave another
    # one (« e » + cedilla + acute gives « ȩ » + U+0300 after normalisation).
    text = re.sub("[\u0300-\u036f]", "", normalize(noise))
    assert _TOKEN_NO_MARKS.findall(text) == _TOKEN.findall(text)


@FAST
@given(level=st.sampled_from(LEVELS), start=st.integers(0, 250), size=st.integers(1, 12),
       edits=st.lists(st.tuples(st.sampled_from(["del", "ins", "sub"]), st.integers(0, 20),
                                st.sampled_from(VOCABULARY)), max_size=5))
def test_the_fast_alignment_equals_the_plain_recurrence(level, start, size, edits):
    """The numpy aligner and the cell-by-cell recurrence (what the browser runs) agree."""
    text = _window(level, start, size)
    table = table_for(text)
    written = list(table.tokens)
    for kind, where, token in edits:
        where = where % (len(written) + 1)
        if kind == "ins":
            written.insert(where, token)
        elif written and where < len(written):
            if kind == "del":
                del written[where]
            else:
                written[where] = token
    assert align(table, written) == reference_align(table, written)


def _edited(tokens: list[str], edits) -> list[str]:
    written = list(tokens)
    for kind, where, token in edits:
        where = where % (len(written) + 1)
        if kind == "ins":
            written.insert(where, token)
        elif written and where < len(written):
            if kind == "del":
                del written[where]
            else:
                written[where] = token
    return written


EDITS = st.lists(st.tuples(st.sampled_from(["del", "ins", "sub"]), st.integers(0, 40),
                           st.sampled_from(VOCABULARY)), max_size=6)


@FAST
@given(level=st.sampled_from(LEVELS), start=st.integers(0, 250), size=st.integers(1, 40),
       copies=st.lists(st.tuples(EDITS, st.integers(0, 45)), min_size=1, max_size=6),
       row=st.integers(0, 40), chunk=st.sampled_from([1, 60, 1 << 16]))
def test_a_class_aligned_together_is_aligned_as_each_copy_alone(level, start, size, copies,
                                                                 row, chunk):
    """align_all (chunks of copies, one numpy row for all) gives each copy the steps the
    plain recurrence gives it alone, also from an earlier row (the text's prefix, as for a
    copy that stops early); copies of any length, empty ones included, in chunks of one
    copy, of a few, or all together."""
    table = table_for(_window(level, start, size))
    written = [_edited(table.tokens, edits)[:keep] for edits, keep in copies]
    row = min(row, len(table.tokens))
    with patch.object(alignment, "_CHUNK_CELLS", chunk):
        found = dict(align_all(table, written))
    assert sorted(found) == list(range(len(written)))
    for k, tokens in enumerate(written):
        assert found[k].steps() == reference_align(table, tokens)
        assert found[k].steps(row) == reference_align(table.prefix(row), tokens)


@FAST
@given(level=st.sampled_from(LEVELS), copies=st.lists(st.tuples(EDITS, st.integers(0, 400)),
                                                      min_size=1, max_size=8))
def test_a_class_is_marked_as_each_copy_alone(level, copies):
    """correct_all (what `dictee corriger` runs on a folder) and correct() one copy at a
    time give the same errors, flags and marks, copies that stop early included."""
    words = TEXTS[level].split(" ")
    texts = [" ".join(_edited(words, edits)[:keep]) for edits, keep in copies]
    assert correct_all(TEXTS[level], texts) == [correct(TEXTS[level], t) for t in texts]


@FAST
@given(level=st.sampled_from(LEVELS), start=st.integers(0, 250), data=st.data())
def test_two_words_whose_boundary_moved_are_one_error(level, start, data):
    """« la bandon » for « l'abandon », « etl 'abandon »: the same letters parted
    elsewhere are one error (shift), the fast aligner agreeing with the recurrence."""
    table = table_for(_window(level, start, 30))
    tokens = list(table.tokens)
    places = [i for i in range(len(tokens) - 1) if is_word(tokens[i])
              and len(tokens[i + 1]) > 1 and tokens[i + 1].isalpha()]
    if not places:
        return
    i = data.draw(st.sampled_from(places))
    one, two = tokens[i].rstrip("'"), tokens[i + 1]
    written = tokens[:i] + [one + two[0], two[1:]] + tokens[i + 2:]
    assert align(table, written) == reference_align(table, written)
    errors = [(e.expected, e.written, e.category) for e in correct_tokens(table, written).errors]
    assert errors == [(join(tokens[i], tokens[i + 1]), join(one + two[0], two[1:]),
                       "ponctuation-majuscule")]


@FAST
@given(level=st.sampled_from(LEVELS), start=st.integers(0, 250), size=st.integers(1, 60),
       word=st.one_of(st.sampled_from(VOCABULARY), st.text(alphabet="abcdeéèilnorstu'-",
                                                            min_size=1, max_size=9)))
def test_the_words_a_written_word_answers_are_the_classifier_s(level, start, size, word):
    """alignment.answered (read from the pair costs) is what classify.substitution says
    for every expected word: right, or wrong in any way but « mot »."""
    table = table_for(_window(level, start, size))
    assert answered(table, word) == [
        i for i, token in enumerate(table.tokens)
        if is_word(token) and is_word(word) and substitution(table, i, word) != "mot"]


@FAST
@given(level=st.sampled_from(LEVELS), start=st.integers(0, 250),
       written=st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=15, unique=True))
def test_vectorised_costs_equal_the_classifier(level, start, written):
    table = table_for(_window(level, start, 15))
    costs = pair_costs(table, written)
    for i in range(len(table.tokens)):
        for u, token in enumerate(written):
            expected = substitution_cost(table, i, token)
            assert costs[i, u] == (_NEVER if expected is None else expected - GAP), \
                (table.tokens[i], token)


@FAST
@given(level=st.sampled_from(LEVELS), data=st.data())
def test_one_missing_word_is_one_mot_error(level, data):
    text = normalize(TEXTS[level])
    spans = [m for m in _TOKEN.finditer(text) if is_word(m.group()) and m.group()[0] != "-"]
    chosen = data.draw(st.sampled_from(spans))
    copy = text[:chosen.start()] + " " + text[chosen.end():]
    result = correct(TEXTS[level], copy)
    assert [(e.expected, e.written, e.category) for e in result.errors] == \
        [(chosen.group(), "", "mot")]


def test_the_word_table_survives_json():
    """The browser gets the table as JSON: rebuilt from it, it is the same table."""
    for text in TEXTS.values():
        data = json.loads(json.dumps(lexicon_table(text), ensure_ascii=False))
        assert Table.from_data(data) == table_for(text)


@FAST
@given(level=st.sampled_from(LEVELS),
       word=st.one_of(st.sampled_from(VOCABULARY),
                      st.text(alphabet="aeiouéèàçbdlmnprstqu'-", min_size=1, max_size=12)))
def test_close_ones_is_is_close_for_each_word_of_the_text(level, word):
    """close_ones (every expected word against one written word, at once) says what
    is_close says for each pair: the same rule, not a second one."""
    from dictee.grading.classify import close_ones, is_close

    expected = list(table_for(TEXTS[level]).tokens)
    assert close_ones(expected, word) == [is_close(e, word) for e in expected]
