"""French typography rules: what counts as a problem, and what does not."""

from __future__ import annotations

import pytest

from dictee.content.typocheck import text_issues


@pytest.mark.parametrize("text, expected", [
    ('Il a dit "bonjour".', "guillemets droits"),
    ("Il a dit “bonjour”.", "guillemets anglais"),
    ("Il a dit «bonjour ».", "espace manquante après « « »"),
    ("Il a dit « bonjour».", "espace manquante avant « » »"),
    ("Attention!", "espace manquante avant « ; », « ! » ou « ? »"),
    ("Vraiment?", "espace manquante avant « ; », « ! » ou « ? »"),
    ("Il peint; il danse.", "espace manquante avant « ; », « ! » ou « ? »"),
    ("En 2021: rien.", "espace manquante avant « : »"),
    ("Il peint , il danse.", "espace en trop avant une virgule ou un point"),
    ("Il peint,il danse.", "espace manquante après la ponctuation"),
    ("l`art", "apostrophe mal formée"),
    ("l‘art", "apostrophe mal formée"),
    ("Il a dit « bonjour.", "guillemets non appariés (1 « et 0 »)"),
    ("Et puis...", "trois points tapés un par un"),
    ("ses oeuvres", "« oe » au lieu de « œ »"),
])
def test_problem_is_found(text, expected):
    assert any(expected in issue.message for issue in text_issues(text)), text_issues(text)


@pytest.mark.parametrize("text", [
    "Il a dit « bonjour » !",
    "Il a dit\u00a0«\u00a0bonjour\u00a0»\u202f!",  # already typeset: fine too
    "Quoi ?! Vraiment ?",
    "En 2021 : rien ; puis tout.",
    "Il mesure 1,5 m et part à 10:30.",
    "Voir https://amnistie.ca/ecrire?x=1 et www.amnesty.be.",
    "L'art, l’art et aujourd'hui.",
    "Ses œuvres, son cœur, sa sœur.",
    "Écrivons-lui pour qu'il sache que nous pensons à lui !",
])
def test_good_french_is_left_alone(text):
    assert text_issues(text) == []
