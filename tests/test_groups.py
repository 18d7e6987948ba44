"""Meaning groups as a teacher dictates them."""

from __future__ import annotations

import pytest

from dictee.content.groups import (
    MAX_WORDS,
    _leans,
    count_words,
    groups_of,
    paragraphs,
    sentences,
)
from dictee.content.loader import ContentRoot
from tests.conftest import REPO


def words(group: str) -> int:
    return len(group.split())


def test_cut_at_punctuation_first():
    assert groups_of("Dans le quartier de San Isidro, sa maison était ouverte aux voisins.") == [
        "Dans le quartier de San Isidro,", "sa maison était ouverte aux voisins."]


def test_short_lead_joins_what_follows():
    assert groups_of("Un jour, il a porté le drapeau de son pays sur lui pendant un mois.")[0] \
        .startswith("Un jour, il a porté")


def test_forced_cut_is_obeyed_and_never_shown():
    groups = groups_of("pour lui, l'art et la défense des droits / sont inséparables.")
    assert groups[-1] == "sont inséparables."
    assert not any("/" in g for g in groups)


def test_lone_punctuation_stays_with_its_word():
    groups = groups_of("Il se dit « artiviste » : pour lui, tout est art.")
    assert groups[0] == "Il se dit « artiviste » :"


@pytest.mark.parametrize("sentence", [
    "Luis Manuel a combattu cette loi faite pour réduire au silence les voix critiques du pays.",
    "Selon Amnistie internationale il a été arrêté arbitrairement plus de vingt fois en "
    "trente mois.",
])
def test_long_runs_are_split_without_orphaning_small_words(sentence):
    groups = groups_of(sentence)
    assert " ".join(groups) == sentence
    for group in groups[:-1]:
        last = group.split()[-1].lower()
        assert not last.endswith("'") and last not in {"le", "la", "les", "de", "des", "à", "un",
                                                        "une", "du", "au", "aux", "en"}
    assert all(words(g) <= MAX_WORDS for g in groups)


def test_every_shipped_text_is_fully_covered_by_its_groups():
    root = ContentRoot(REPO)
    for slug in root.slugs():
        for level in root.load(slug).levels.values():
            joined = " ".join(g.text for g in level.groups)
            assert joined == " ".join(level.sentences), (slug, level.level)
            assert all(1 <= words(g.text) <= MAX_WORDS + 2 for g in level.groups), slug


def test_sentences_and_paragraphs():
    body = "Première phrase. Deuxième phrase !\n\nAutre paragraphe ? Oui."
    assert paragraphs(body) == ["Première phrase. Deuxième phrase !", "Autre paragraphe ? Oui."]
    assert sentences(paragraphs(body)[1]) == ["Autre paragraphe ?", "Oui."]


def test_word_count_counts_elided_words():
    assert count_words("l'art d'un homme, Écrivons-lui !") == 6  # l' art d' un homme Écrivons-lui


@pytest.mark.parametrize("space", [" ", "\u00a0", "\u202f", ""])
def test_a_quoted_sentence_ends_at_its_closing_quote(space):
    # « … vie. » then a new sentence: the full stop is inside the quote, as French
    # typography puts it; the next sentence must not be dictated in the same group.
    paragraph = (f"Il dit souvent :{space}«{space}Un vélo dure toute une vie.{space}» "
                 f"Sur ses étagères, on trouve des pédales. «{space}Bonjour !{space}» "
                 "dit-il.")
    assert sentences(paragraph) == [
        f"Il dit souvent :{space}«{space}Un vélo dure toute une vie.{space}»",
        "Sur ses étagères, on trouve des pédales.",
        f"«{space}Bonjour !{space}» dit-il."]  # « dit-il » goes on the same sentence
    groups = [group for sentence in sentences(paragraph) for group in groups_of(sentence)]
    assert not any("vie." in group and "Sur" in group for group in groups), groups


def _groups(paragraph: str) -> list[str]:
    return [group for sentence in sentences(paragraph) for group in groups_of(sentence)]


def test_an_abbreviation_or_an_initial_does_not_end_the_sentence():
    paragraph = ("Le 8 mars 2019, M. Tremblay a inauguré la bibliothèque. "
                 "Elle porte le nom de J. K. Rowling, dit Mme Roy.")
    assert len(sentences(paragraph)) == 2
    groups = _groups(paragraph)
    assert "M." not in groups and any("M. Tremblay" in group for group in groups), groups
    assert any("J. K. Rowling" in group for group in groups), groups


@pytest.mark.parametrize("space", [" ", "\u00a0", "\u202f"])
def test_a_number_keeps_its_symbol_and_its_thousands(space):
    groups = _groups(f"Ils ont voté à 73{space}% pour celle qui a lu 12{space}000 livres "
                     f"et parcouru 70{space}000 kilomètres à vélo cet été.")
    assert not any(group.startswith(("%", "000")) for group in groups), groups
    assert any(f"73{space}%" in group or "73 %" in group for group in groups), groups
    assert not any(group.endswith(("73", "12", "70")) for group in groups), groups


def test_an_ordinal_or_a_number_is_not_cut_from_its_noun():
    groups = _groups("Les élèves de 6e année ont choisi le nom de la salle de lecture "
                     "avec 45 ordinateurs neufs pour les devoirs du soir.")
    assert not any(group.endswith(("6e", "45")) for group in groups), groups
    assert _leans("XXe") and _leans("1re") and not _leans("ville") and not _leans("civile")


def test_a_quoted_question_is_cut_after_its_quote():
    assert groups_of("« As-tu déjà vu une aurore boréale ? » demande Noah à sa sœur.") == [
        "« As-tu déjà vu une aurore boréale ? »", "demande Noah à sa sœur."]


@pytest.mark.parametrize("paragraph", [
    "Elle a pris de la vitamine C. Elle se sent mieux depuis.",
    "Il a suivi le plan B. Ensuite, tout a bien fonctionné.",
    "Les Romains arrivent en 52 av. J.-C. Les Gaulois résistent.",
])
def test_a_capital_alone_after_a_common_word_ends_its_sentence(paragraph):
    first, second = sentences(paragraph)
    assert first.endswith("C.") or first.endswith("B.")
    assert second.startswith(("Elle", "Ensuite", "Les Gaulois"))


def test_times_thousands_and_regnal_numbers_keep_their_words():
    groups = _groups("Le cours commence à 8 h 30 tous les matins dans la grande salle. "
                     "Le village compte 2 300 habitants et attire 300 000 visiteurs chaque "
                     "été depuis longtemps. Il fut envoyé par le roi François Ier pour "
                     "explorer les côtes.")
    assert not any(group.endswith((" h", "8", "2 300", "300 000", "chaque"))
                   or group.startswith(("30", "Ier")) for group in groups), groups


def test_a_straight_quote_after_a_space_opens_the_next_sentence():
    # Typed without « », spaced as they would be: the quote after « fini. » opens.
    paragraph = 'Il a fini. " Viens ici ! " dit-elle. "Oui !" Puis il part.'
    assert sentences(paragraph) == ["Il a fini.", '" Viens ici ! " dit-elle.', '"Oui !"',
                                    "Puis il part."]
    assert groups_of('" Viens ici ! " dit-elle.') == ['" Viens ici ! " dit-elle.']


def test_a_month_abbreviated_before_its_year_does_not_end_the_sentence():
    assert sentences("Elle est arrêtée le 11 avr. 2022 à Saint-Pétersbourg. Il en a sept. "
                     "Puis il part.") == ["Elle est arrêtée le 11 avr. 2022 à Saint-Pétersbourg.",
                                          "Il en a sept.", "Puis il part."]


def test_an_aside_between_dashes_or_brackets_is_cut_as_at_a_comma():
    assert groups_of("Sa grand-mère — une femme très courageuse — a caché des livres "
                     "pendant la guerre civile.") == [
        "Sa grand-mère — une femme très courageuse —",
        "a caché des livres pendant la guerre civile."]
    assert groups_of("Il a écrit trois lettres (une par semaine) à sa mère.") == [
        "Il a écrit trois lettres", "(une par semaine)", "à sa mère."]
    # A dialogue's dash opens the sentence and stays in it.
    assert groups_of("— Viens ici, dit-elle doucement à son petit frère.") == [
        "— Viens ici, dit-elle doucement à son petit frère."]


def test_a_preposition_or_an_elided_article_is_not_left_at_a_group_s_end():
    groups = _groups("« Nous ne nous tairons pas », a déclaré sa sœur devant le tribunal "
                     "de la ville. Qui aurait cru qu'un simple dessin pourrait changer "
                     "autant de choses dans une vie ?")
    assert not any(group.endswith(("devant", "qu'un")) for group in groups), groups


@pytest.mark.parametrize("sentence", [
    "Il a gagné — qui l'aurait cru ? — la grande course du village.",
    "Elle a répondu — enfin ! — à la lettre de son amie.",
    "Mais je ne voulais pas —",
    "Sa grand-mère — une femme très courageuse —, a caché des livres — et des journaux — "
    "pendant la guerre.",
    "Il est né à Montréal (Québec) en 1950 dans une famille de musiciens.",
    "Elle a écrit une (seule) lettre à son frère pendant toute la guerre.",
    "a ( : — (",  # marks alone, in any order: kept, in that order
    "Ils ont vu x(l'un-l'autre-et) puis sont partis très loin.",  # a bracket glued on
])
def test_no_mark_is_lost_or_moved(sentence):
    groups = groups_of(sentence)
    assert " ".join(groups) == " ".join(sentence.split()) and all(groups), groups


def test_a_short_bracket_stays_with_its_word_and_dashes_pair_after_a_dialogue_dash():
    assert "Il est né à Montréal (Québec)" in groups_of(
        "Il est né à Montréal (Québec) en 1950 dans une famille de musiciens.")
    assert not any(group.startswith("(") for group in groups_of(
        "Sa grand-mère a écrit à Montréal (Québec) une lettre pour elle."))
    assert groups_of("Il a gagné — qui l'aurait cru ? — la grande course du village.")[1] \
        == "— qui l'aurait cru ? —"
    assert sentences("— Viens ici, dit-elle. — J'arrive !") == [
        "— Viens ici, dit-elle.", "— J'arrive !"]
    # After an elision, a noun (« l'est », « l'été ») does not lean; an article does.
    assert not _leans("l'est") and not _leans("l'été") and not _leans("quelqu'un")
    assert _leans("qu'un") and _leans("jusqu'à") and _leans("s'il")


def test_groups_always_give_back_their_sentence():
    # Sentences drawn with a fixed seed from words and every mark the rules look at: the
    # groups, joined by spaces, are the sentence, and none is empty.
    import random

    words = ("le chat de la voisine a mangé une souris grise hier soir qu'un l'été "
             "jusqu'au M. 73 % 12 000 8 h 30 6e XXe Louis XIV").split()
    marks = ["— une femme —", "– en 1946 –", "(Québec)", "(une par semaine, dit-il)", ",",
             "—", "(", ")", "« oui »", "—.", "–", "2016–2017", ":", "!", "?", "»", "«",
             "? »", "… —", ";"]
    draw = random.Random(12)
    for _ in range(3000):
        tokens = [draw.choice(words)]
        for _ in range(draw.randint(1, 12)):
            tokens.append(draw.choice(marks) if draw.random() < 0.3 else draw.choice(words))
        sentence = " ".join(tokens) + draw.choice([".", "", " —", " ?", " !", " »"])
        groups = groups_of(sentence)
        assert " ".join(groups) == " ".join(sentence.split()) and all(groups), sentence
