"""A human voice for the test readings: the Canadian French prompts of Asterisk, read by
June Wallack (Debian's asterisk-core-sounds-fr-g722, CC BY-SA 3.0), 16 kHz G.722.

Every other test reading is said by espeak-ng, as is the synthetic model the aligner
matches them with (refine.py): the same rules of duration and the same phonemes, only
the timbre changes. A person lengthens the last syllable of a group, holds a final
« r » for 300 ms or releases a final « t » after a closure of 150 ms; here the
aligner meets that. Each prompt is a short sentence recorded alone in a quiet
studio: its own silence is cut as espeak-ng's is (readings.spoken), so its edges are
the truth, and prompts stand for groups, in TEXTS.

The texts below are transcriptions of what she says (the package's list, its
spelling corrected); nothing of them reaches a pupil.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np

from dictee.audio import io

FOLDER = Path("/usr/share/asterisk/sounds/fr_CA_f_June")
PACKAGE = "asterisk-core-sounds-fr-g722"

# Four texts of twelve prompts, as (sentence, prompt's file, what is said): consecutive
# prompts of one « sentence » are read with the gaps between groups of a sentence.
_SENTENCES = (0, 0, 1, 1, 1, 2, 2, 3, 3, 3, 4, 4)
_PROMPTS = (
    (("conf-getpin", "Veuillez composer le code d'accès de la conférence."),
     ("conf-placeintoconf", "Vous allez maintenant joindre la conférence."),
     ("conf-onlyone", "Il n'y a qu'un seul participant dans cette conférence."),
     ("conf-extended", "La conférence a été prolongée."),
     ("conf-leaderhasleft", "Le responsable a quitté la conférence."),
     ("conf-roll-callcomplete", "La liste des présences est maintenant complétée."),
     ("conf-unmuted", "Vous pouvez maintenant parler."),
     ("conf-noempty", "Aucune conférence n'est libre pour l'instant."),
     ("confbridge-conf-begin", "La conférence va maintenant débuter."),
     ("confbridge-removed", "Vous avez été retiré de cette conférence."),
     ("demo-echodone", "Le test d'écho est maintenant terminé."),
     ("confbridge-conf-end", "La conférence est maintenant terminée.")),
    (("vm-msgsaved", "Votre message a été sauvegardé."),
     ("vm-next", "Pour passer au message suivant, appuyez sur 6."),
     ("vm-delete", "Pour effacer ce message, appuyez sur 7."),
     ("vm-marked-urgent", "Ce message a été qualifié d'urgent."),
     ("vm-tempgreetactive", "Votre message temporaire est actuellement en fonction."),
     ("vm-savefolder", "Dans quel dossier souhaitez-vous conserver ce message ?"),
     ("vm-msgforwarded", "Votre message a été acheminé."),
     ("vm-repeat", "Pour réentendre ce message, appuyez sur 5."),
     ("vm-tooshort", "Votre message est trop court."),
     ("vm-undelete", "Pour récupérer ce message, appuyez sur 7."),
     ("demo-moreinfo", "Ce message n'a pas encore été écrit."),
     ("vm-passchanged", "Votre mot de passe a été changé.")),
    (("all-circuits-busy-now", "Toutes les lignes sont occupées pour l'instant."),
     ("cannot-complete-as-dialed", "Votre appel ne peut être complété tel que composé."),
     ("check-number-dial-again", "Veuillez vérifier le numéro et composer de nouveau."),
     ("vm-nobodyavail", "Personne n'est en mesure de prendre votre appel en ce moment."),
     ("pls-hold-while-try", "Veuillez patienter pendant que l'on achemine votre appel."),
     ("queue-callswaiting", "En attente pour parler à un préposé."),
     ("queue-youarenext", "Votre appel sera le prochain à être traité."),
     ("queue-thankyou", "Merci de votre patience."),
     ("privacy-unident",
      "Le numéro que vous tentez de joindre n'accepte pas les appels inconnus."),
     ("privacy-incorrect", "Désolé, ce numéro n'est pas valide."),
     ("priv-recordintro", "À la tonalité, veuillez dire votre nom."),
     ("vm-sorry", "Désolé, je n'ai pas bien compris votre réponse.")),
    (("tt-weasels", "Des fouineurs ont mangé notre système téléphonique."),
     ("tt-somethingwrong", "Ça ne fonctionne vraiment pas."),
     ("something-terribly-wrong", "Il y a quelque chose de vraiment mauvais."),
     ("dir-nomatch", "Aucune entrée ne correspond à votre sélection."),
     ("dir-multi9", "Appuyez sur 9 pour plus d'entrées."),
     ("feature-not-avail-line", "Cette fonctionnalité n'est pas disponible sur cette ligne."),
     ("confbridge-invalid", "Vous avez entré une option invalide."),
     ("conf-muted", "Vous êtes maintenant en mode discret."),
     ("hello-world", "Salut tout le monde."),
     ("agent-loginok", "Vous êtes maintenant en ligne."),
     ("agent-loggedoff", "Vous n'êtes plus en ligne."),
     ("conf-full", "Cette conférence est pleine.")),
)
# Each text as readings.build takes its groups: (sentence, text).
TEXTS: list[list[tuple[int, str]]] = [
    [(sentence, said) for sentence, (_, said) in zip(_SENTENCES, prompts)]
    for prompts in _PROMPTS]
_FILES = {said: name for prompts in _PROMPTS for name, said in prompts}


def available() -> bool:
    """Whether the prompts are installed (.ci/run installs them)."""
    return all((FOLDER / f"{name}.g722").is_file() for name in _FILES.values())


def recorded(text: str, rate: int) -> np.ndarray:
    """The prompt whose words are `text`, decoded at `rate` Hz (float32, int16 scale).
    G.722 files have no header: ffmpeg is told their format."""
    source = FOLDER / f"{_FILES[text]}.g722"
    raw = subprocess.run(
        [io.ffmpeg(), "-hide_banner", "-nostdin", "-loglevel", "error", "-f", "g722",
         "-i", str(source), "-ac", "1", "-ar", str(rate), "-f", "s16le", "-"],
        check=True, capture_output=True).stdout
    return np.frombuffer(raw, "<i2").astype(np.float32)
