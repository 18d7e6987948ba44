"""Texts the aligner was never tuned on, for the test readings (tests/audio/readings.py).

Every rule of the aligner was set, and its figures measured, on the shipped texts
(texts/) and the recorded voice's (human.py). These eight were written afterwards,
in the manner of a dictation (dates, numbers and abbreviations, a quoted sentence,
questions, exclamations, names), and cut into meaning groups as a case's text is
(dictee.content.groups): benchmarks/audio.py reads them in every condition of the
goal (--seulement-inedits), to see whether the figures hold on texts the rules were
not made on. Reading them found two faults, both fixed: groups cut across a quoted
sentence's end or after « M. », and espeak-ng saying « M. » as the letter M and a
full stop. Tune nothing on them: write new ones instead.

Nothing of them reaches a pupil.
"""

from __future__ import annotations

from dictee.content.groups import groups_of, sentences

PARAGRAPHS = (
    ('Au printemps 2021, une jeune enseignante arrive dans un petit village du Nord. Elle '
     'ne connaît personne, mais elle a apporté trois caisses de livres. Chaque matin, '
     "avant la cloche, elle lit une page à voix haute devant l'école. D'abord, les enfants "
     "passent sans s'arrêter. Puis, un lundi de mai, deux frères s'assoient sur les "
     'marches pour écouter la suite. Ensuite, ils reviennent avec leurs cousins, leurs '
     "voisins et même leur grand-mère. À la fin de l'année, la classe a lu quarante-deux "
     'romans ensemble.'),
    ('Le fleuve gèle presque chaque hiver, entre décembre et mars. Pourtant, en 1998, une '
     "tempête de verglas a privé d'électricité plus d'un million de foyers. Les arbres "
     'ployaient sous la glace, et les routes sont restées fermées pendant des jours. Dans '
     'les écoles transformées en refuges, on partageait des couvertures, de la soupe et '
     'des histoires. Certains se souviennent encore du silence étrange des rues. '
     "Aujourd'hui, les enfants de ces familles racontent cette aventure à leur tour."),
    ("Mon oncle répare des vélos dans un atelier minuscule, au fond d'une ruelle. Il dit "
     'souvent : « Un vélo bien entretenu peut durer toute une vie. » Sur ses étagères, on '
     'trouve des chaînes, des pédales, des clochettes et des pneus de toutes les tailles. '
     'Le samedi, les jeunes du quartier viennent apprendre à changer une chambre à air. Il '
     "ne demande jamais d'argent, seulement un coup de main pour balayer. Grâce à lui, "
     "plus de 300 vélos ont repris la route l'an dernier."),
    ('Quand la neige fond, les érables donnent leur sève. Les familles installent des '
     'chaudières, puis elles attendent patiemment le temps des sucres. Il faut environ '
     "quarante litres d'eau d'érable pour obtenir un seul litre de sirop. Au bord du feu, "
     'les plus petits surveillent la tire qui durcit sur la neige. Les plus grands '
     'transportent le bois, coupent les branches mortes et comptent les seaux. Le soir '
     'venu, tout le monde chante, fatigué mais heureux.'),
    ('« As-tu déjà vu une aurore boréale ? » demande Noah à sa sœur. Elle secoue la tête, '
     'puis elle colle son nez contre la vitre. Dehors, le ciel du Nunavik se couvre de '
     'rubans verts et violets ! Leur père éteint toutes les lumières de la maison. Pendant '
     "près de vingt minutes, personne ne parle. Le lendemain, à l'école, Noah dessine ce "
     "qu'il a vu avec des craies de couleur."),
    ('Le 8 mars 2019, M. Tremblay a inauguré la nouvelle bibliothèque de son quartier. '
     'Elle compte 12 000 livres, 45 ordinateurs et une salle pour les devoirs. Les élèves '
     'de 6e année ont choisi le nom de la salle de lecture. Ils ont voté à 73 % pour celui '
     "d'une autrice de la région. Depuis ce jour, la bibliothèque ouvre ses portes le "
     'dimanche. On y croise des familles entières, des étudiants pressés et quelques chats '
     'curieux.'),
    ('Ma grand-mère Thi Lan est arrivée à Montréal en 1979, avec une seule valise. Elle ne '
     "parlait pas français, et l'hiver lui semblait interminable. Pourtant, chaque soir, "
     'elle recopiait dix mots nouveaux dans un petit carnet bleu. Trois ans plus tard, '
     'elle ouvrait un restaurant sur la rue Saint-Denis. Ses clients venaient de partout '
     "pour goûter sa soupe parfumée. Aujourd'hui, son carnet est rangé dans une boîte, "
     'mais elle connaît encore chaque mot par cœur.'),
    ('Pourquoi les oiseaux migrateurs ne se perdent-ils pas ? Les chercheurs pensent '
     "qu'ils utilisent le soleil, les étoiles et le champ magnétique de la Terre. La "
     "sterne arctique parcourt environ 70 000 kilomètres chaque année. C'est le plus long "
     'voyage connu chez les animaux ! Certains jeunes oiseaux partent seuls, sans jamais '
     'avoir fait le trajet. Ils reviennent pourtant, au printemps, exactement au même '
     'endroit.'),
)


def groups(paragraph: str) -> list[tuple[int, str]]:
    """The meaning groups of `paragraph` as (sentence, text), as a case's are cut."""
    return [(number, group) for number, sentence in enumerate(sentences(paragraph))
            for group in groups_of(sentence)]


TEXTS = [groups(paragraph) for paragraph in PARAGRAPHS]
