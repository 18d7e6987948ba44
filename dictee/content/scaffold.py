"""`dictee nouveau`: a new case's files, every field present and explained in French.

Fields are left empty on purpose: `dictee verifier` then names each one still
to fill, with its line. The folder is written under a temporary name and
renamed, so a case is either complete or absent; an existing case is never touched.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from dictee.archive import atomic_folder
from dictee.content.checks import LEVEL_WORDS
from dictee.content.model import EDITION_PATTERN, LEVELS, SLUG_PATTERN
from dictee.errors import BuildError, CaseError, os_error

CASE_TEMPLATE = """\
# Cas de la campagne « Écrire, ça libère ». Chaque champ est décrit dans docs/format-des-cas.md.
# Remplissez chaque champ à partir de faits sourcés ; n'affirmez rien d'incertain.
# Une valeur qui contient « : » s'écrit entre guillemets : evenement: "Procès : cinq ans".
# Quand c'est fini : dictee verifier {slug}

# Identifiant du cas : minuscules, chiffres et tirets, identique au nom du dossier.
slug: {slug}
# Nom complet de la personne, accents compris (ex. Luis Manuel Otero Alcántara).
nom: ""
# Prénom, tel que la classe l'emploiera (ex. Luis Manuel).
prenom: ""
# Pays (ex. Cuba).
pays: ""
# Édition de la campagne : deux années séparées par un tiret.
edition: {edition}
# Résumé factuel pour l'enseignant·e : qui est la personne, ce qui lui est arrivé,
# ce que demandait la campagne. Sur plusieurs lignes : « resume: >- », puis le texte
# à la ligne, décalé de deux espaces.
resume: ""
# Dates clés : une entrée par événement. date : AAAA-MM-JJ, AAAA-MM ou AAAA, entre guillemets.
dates:
  - date: ""
    evenement: ""
# Ce qui s'est passé après la campagne (libération, jugement…), toujours daté.
# etat_au : jusqu'à quand les faits ont été vérifiés (ex. mars 2026).
depuis:
  etat_au: ""
  faits:
    - date: ""
      texte: ""
# La lettre d'encouragement.
lettre:
  # Prénom utilisé dans la lettre.
  prenom: ""
  # Formule d'appel avec le prénom, au bon genre (ex. Cher Luis Manuel, / Chère Sasha,).
  salutation: ""
  # Conseils pour les élèves, tirés des consignes publiées de la campagne (imprimés sur
  # la feuille « Avant d'écrire ta lettre » et dans le guide, jamais sur la lettre).
  conseils:
    - Écris un message court et personnel ; le français convient très bien.
    - N'écris pas le nom d'Amnistie internationale sur la lettre.
  # Où envoyer les lettres.
  envoi:
    # true seulement si l'adresse est vérifiée et publiée ; sinon false et pas d'adresse.
    adresse_verifiee: false
    # Lignes de l'adresse (seulement si adresse_verifiee est true).
    adresse: []
    # Ce que l'élève fait de sa lettre (imprimé sur la feuille « Avant d'écrire ta lettre »).
    consigne_eleve: >-
      Remets ta lettre à ton enseignante ou ton enseignant, qui l'enverra avec celles
      de la classe.
    # Ce que l'enseignant·e fait des lettres (imprimé dans le guide et le LISEZMOI).
    consigne_enseignant: >-
      Avant l'envoi, confirmez l'adresse auprès d'Amnistie internationale Canada
      francophone. Mettez toutes les lettres de la classe dans une seule grande enveloppe,
      avec le nom et l'adresse de l'école comme expéditeur.
# Sources : une clé courte et l'adresse web complète de chaque source utilisée.
sources:
  - cle: ""
    url: ""
"""

LEVEL_TEMPLATE = """\
---
# Dictée de niveau {level} ({audience}, {low} à {high} mots). Voir docs/format-des-cas.md.
# Titre annoncé à la classe.
titre: ""
# L'enregistrement : audio/{slug}/{level}.mp3 (ou .wav, .m4a, .ogg, .flac).
enregistrement:
  # Qui lit (ex. Ludivine Reding) ; synthetique: true pour une voix de synthèse provisoire.
  lecteur: ""
  synthetique: false
# Mots écrits au tableau avant la dictée : les noms propres, tels qu'écrits dans le texte.
tableau:
  - ""
# Mots difficiles du texte, expliqués simplement.
glossaire:
  - mot: ""
    definition: ""
# Points de grammaire du texte ; « mots » : les mots du texte qui les illustrent.
grammaire:
  - point: ""
    mots: [""]
# Questions pour la discussion après la dictée.
questions:
  - ""
# Facultatif : les phrases du jour de la semaine avant la dictée, « - phrase: … » chacune
# (docs/format-des-cas.md). Vide : l'outil choisit des phrases courtes du texte.
phrases_du_jour: []
---
"""
_AUDIENCE = {"primaire": "5e-6e année", "secondaire": "secondaire"}


def school_year(today: dt.date | None = None) -> str:
    """The edition a case made today most likely belongs to (campaigns start in autumn)."""
    today = today or dt.date.today()
    start = today.year if today.month >= 8 else today.year - 1
    return f"{start}-{start + 1}"


def new_case(texts: Path, slug: str, edition: str | None = None) -> list[Path]:
    """Write texts/<slug>/ with cas.yaml and one empty text per level; return the files."""
    if not re.match(SLUG_PATTERN, slug):
        raise CaseError(f"« {slug} » n'est pas un identifiant de cas valide",
                        hint="Minuscules, chiffres et tirets, sans accent ni espace "
                             "(ex. luis-manuel).")
    edition = edition or school_year()
    if not re.match(EDITION_PATTERN, edition) or int(edition[5:]) != int(edition[:4]) + 1:
        raise CaseError(f"édition « {edition} » invalide",
                        hint="Deux années qui se suivent, séparées par un tiret : 2022-2023.")
    target = texts / slug
    if target.exists():
        raise BuildError(f"le cas « {slug} » existe déjà", path=target,
                         hint="Choisissez un autre identifiant ; « dictee nouveau » ne modifie "
                              "jamais un cas existant.")
    try:
        texts.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise os_error(error, "écrire dans ce dossier", path=texts, temporary=False,
                       hint="Choisissez un dossier de contenu accessible en écriture avec "
                            "--contenu.") from error
    try:
        with atomic_folder(target) as staging:
            (staging / "cas.yaml").write_text(
                CASE_TEMPLATE.format(slug=slug, edition=edition), encoding="utf-8")
            for level in LEVELS:
                low, high = LEVEL_WORDS[level]
                (staging / f"{level}.md").write_text(LEVEL_TEMPLATE.format(
                    level=level, audience=_AUDIENCE[level], low=low, high=high, slug=slug),
                    encoding="utf-8")
    except OSError as error:
        raise os_error(error, "créer le cas", path=target, temporary=False) from error
    return [target / "cas.yaml"] + [target / f"{level}.md" for level in LEVELS]

