"""French typography in what teachers and pupils read."""

from dictee.content.typography import NBSP, NNBSP, decimal, french, plain


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
