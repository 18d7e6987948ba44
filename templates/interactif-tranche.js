/* Playing one word of a group's clip: both pages' bank (« Les mots de l'histoire »).
   The start is a media fragment (#t=start,end, seconds); the end is watched every 10 ms
   and the sound stopped there, because "timeupdate" comes only every quarter second or
   so (a whole syllable of the next word); the fragment's own end stops it too if the
   watch is slowed (a tab in the background). */
window.DicteeTranche = {
  /* A bank word's button: the clip of its group (taken from the group's button) and a
     name for screen readers. Returns the word. */
  preparer: function (section, bouton) {
    var groupe = section.querySelectorAll(".groupe")[Number(bouton.getAttribute("data-groupe")) - 1];
    var dossier = groupe.closest("[data-dossier]");
    bouton.setAttribute("data-source", (dossier ? dossier.getAttribute("data-dossier") : "")
      + groupe.getAttribute("data-source"));
    var mot = bouton.closest(".mot-histoire").querySelector(".mot").textContent;
    bouton.setAttribute("aria-label", "Écouter «\u00a0" + mot + "\u00a0»"
      + (bouton.hasAttribute("data-fin") ? "" : " dans le groupe " + bouton.getAttribute("data-groupe")));
    return mot;
  },
  jouer: function (lecteur, source, debut, fin, fini) {
    var suivi = null;
    function arreter() {
      if (suivi !== null) { window.clearInterval(suivi); suivi = null; }
      lecteur.removeEventListener("pause", finDuFragment);
    }
    function finDuFragment() {
      if (lecteur.currentTime >= fin - 0.05) { arreter(); fini(); }
    }
    lecteur.src = source + "#t=" + debut.toFixed(2) + "," + fin.toFixed(2);
    lecteur.addEventListener("pause", finDuFragment);
    suivi = window.setInterval(function () {
      if (!lecteur.paused && lecteur.currentTime >= fin) { lecteur.pause(); }
    }, 10);
    return arreter;
  }
};
