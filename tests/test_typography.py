"""French typography in what teachers and pupils read."""

from dictee.content.typography import NBSP, NNBSP, decimal, french, opening, plain, spaced


def test_no_break_spaces_and_apostrophes():
    assert french("Il dit « non » : c'est tout ; vraiment ? Oui !") == (
        f"Il dit «{NBSP}non{NBSP}»{NBSP}: c’est tout{NNBSP}; vraiment{NNBSP}? Oui{NNBSP}!")


def test_missing_spaces_are_added_and_existing_ones_kept_single():
    assert french("«non»:oui") == f"«{NBSP}non{NBSP}»:oui"  # no space after a bare colon
    assert french("Vraiment  ?") == f"Vraiment{NNBSP}?"


def test_urls_and_times_are_left_alone():
    assert french("https://amnistie.ca/ecrire") == "https://amnistie.ca/ecrire"


def test_plain_undoes_it():
    assert plain(french("« C'est ça ! »")) == "« C'est ça ! »"


def test_numbers_have_a_decimal_comma():
    assert decimal(20.0, 1) == "20,0"
    assert decimal(1.5) == "1,5"
    assert decimal(3.0) == "3"
    assert decimal(0.125, 2) == "0,12"
    assert decimal(12) == "12"


def test_a_quoted_ending_keeps_its_hyphen_on_the_same_line():
    # LibreOffice broke « -ait » after the hyphen, leaving « - at a line end.
    assert french("se termine par « -ait ».") == f"se termine par «{NBSP}\u2011ait{NBSP}»."
    assert french("Écrivons-lui « -lui »") == f"Écrivons-lui «{NBSP}\u2011lui{NBSP}»"
    assert plain(french("« -er »")) == "« -er »"


def test_opening_never_stops_inside_a_quotation() -> None:
    """The guide's timeline named Chow's sentence « Elle était aussi accusée de
    « subversion … » with its quotation left open."""
    assert opening("Elle était aussi accusée de « subversion » par la police.") == (
        f"Elle était aussi accusée de «{NBSP}subversion{NBSP}» …")
    quoted = opening("Elle était aussi accusée d'« incitation à la subversion » hier.")
    assert quoted.count("«") == quoted.count("»") == 1
    long_quote = opening("Il a dit « " + " ".join(["mot"] * 20) + " » hier.", words=4)
    assert "«" not in long_quote and long_quote == "Il a dit …"


def test_opening_keeps_short_sentences_and_drops_a_dangling_comma() -> None:
    assert opening("Amnistie internationale demandait sa libération.") == (
        "Amnistie internationale demandait sa libération.")
    assert opening("Le 4 juin 2021, Chow Hang-tung a allumé une bougie.", words=4) == (
        "Le 4 juin 2021 …")


def test_spaced_turns_only_the_spaces_french_wants_unbreakable():
    """What the terminal shows: ordinary spaces before : ; ! ? and inside « » become
    no-break ones; nothing else moves (same length, apostrophes and glued marks kept)."""
    said = "Erreur : « copie 1.txt » illisible ; vraiment ? Oui ! (voir ?)"
    assert spaced(said) == (f"Erreur{NBSP}: «{NBSP}copie 1.txt{NBSP}» illisible{NNBSP}; "
                            f"vraiment{NNBSP}? Oui{NNBSP}! (voir{NNBSP}?)")
    assert spaced("Oui ? Non !", NBSP) == f"Oui{NBSP}? Non{NBSP}!"
    assert spaced("Quoi ?! Encore ?…") == f"Quoi{NNBSP}?! Encore{NNBSP}?…"
    for left_alone in ["12:30", "C:\\Users\\lea", "https://amnistie.ca/?a=1&b=2",
                       "l'option --classe \"6e B\"", "a :b", "«non»", "d'un", "x ?a=1",
                       "Error: no such file", "Bravo !.txt", "a ?.b"]:
        assert spaced(left_alone) == left_alone
    assert len(spaced(said)) == len(said)
    assert spaced(spaced(said)) == spaced(said)


def test_the_tests_spacing_check_finds_what_spaced_leaves():
    """tests/french_spacing.py checks the CLI, the docs and the pages with a rule of its
    own: every mark it would flag in a sentence, `spaced` fixes."""
    from tests.french_spacing import plain_spaces

    said = "Quoi ?! Vraiment ?» Oui : « non » ; enfin ! (voir ?) 12:30, C:\\x, ?a=1."
    assert plain_spaces(said) != []
    assert plain_spaces(spaced(said)) == []
