/* « Les mots de l'histoire » on both pages (interactif-mots.html.j2): a word's button
   plays the clip of the first group that holds it, taken from that group's button, and
   gets a name for screen readers. The page's own script plays it and highlights the word. */
window.DicteeMots = {
  preparer: function (section, bouton) {
    var groupe = section.querySelectorAll(".groupe")[Number(bouton.getAttribute("data-groupe")) - 1];
    var dossier = groupe.closest("[data-dossier]");
    bouton.setAttribute("data-source", (dossier ? dossier.getAttribute("data-dossier") : "")
      + groupe.getAttribute("data-source"));
    var mot = bouton.closest(".mot-histoire").querySelector(".mot").textContent;
    bouton.setAttribute("aria-label", "Écouter «\u00a0" + mot + "\u00a0» dans le groupe "
      + bouton.getAttribute("data-groupe"));
    return mot;
  }
};
