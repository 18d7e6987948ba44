/* The adapted page: listen group by group (slower by default), fill the blanks, tick
   the choices, check. Checking puts the answers back into the text and grades that copy
   with the rules of dictee corriger (dictee/adapt/grade.py does the same in Python).
   Text reaches the page only through textContent. */
(function () {
  "use strict";
  var donnees = JSON.parse(document.getElementById("donnees").textContent);
  var lecteur = document.getElementById("lecteur");
  var D = window.DicteeCorrection;

  /* Where the pupil types, no help from the browser (spelling, completion, capitals).
     Set here rather than on each of the sixty-odd blanks: the page's size budget. */
  Array.prototype.forEach.call(document.querySelectorAll(".trou, .copie-jour"), function (champ) {
    champ.spellcheck = false;
    ["autocomplete", "autocorrect", "autocapitalize"].forEach(function (nom) {
      champ.setAttribute(nom, "off");
    });
  });
  var libelles = {};
  donnees.categories.forEach(function (c) { libelles[c.nom] = c.libelle; });
  function nombre(n) { return String(Math.round(n * 100) / 100).replace(".", ","); }
  function pluriel(n, mot) { return n + "\u00a0" + mot + (n > 1 ? "s" : ""); }

  /* ---- Word tables, unpacked by the grader (correction.js `deplieur`) ---- */
  var deplier = D.deplieur(donnees);

  /* ---- Listening ---- */
  var enCours = null;
  function vitesse(section) {
    var choisi = section.querySelector(".vitesse input:checked");
    return choisi ? Number(choisi.value) : 1;
  }
  function arreter() {
    lecteur.pause();
    Array.prototype.forEach.call(document.querySelectorAll(".en-lecture, .pour-mot"), function (m) {
      m.classList.remove("en-lecture", "pour-mot");
    });
    enCours = null;
  }
  /* A group's line, or a word of the bank: heard in its group, the word highlighted. */
  function jouer(section, bouton) {
    if (enCours === bouton) { arreter(); return; }
    arreter();
    var barre = bouton.closest("[data-dossier]");  // a line's button; a word has its path
    var source = (barre ? barre.getAttribute("data-dossier") : "") + bouton.getAttribute("data-source");
    lecteur.src = source;
    var mot = bouton.closest(".mot-histoire");
    if (mot) {  // the word, and its group's line number: same colour
      mot.classList.add("en-lecture");
      section.querySelectorAll(".groupe")[Number(bouton.getAttribute("data-groupe")) - 1]
        .classList.add("pour-mot");
    }
    lecteur.defaultPlaybackRate = vitesse(section);
    lecteur.playbackRate = vitesse(section);
    lecteur.preservesPitch = true;
    enCours = bouton;
    var promesse = lecteur.play();
    if (promesse && promesse.catch) {
      promesse.catch(function (erreur) {
        if (erreur && erreur.name === "AbortError") { return; }
        var alerte = section.querySelector(".son-absent");
        if (alerte) { alerte.hidden = false; }
      });
    }
  }
  lecteur.addEventListener("ended", arreter);

  /* ---- The answers, and the copy they make ---- */
  function reponses(section) {
    var niveau = section.getAttribute("data-niveau");
    var n = donnees.niveaux[niveau].trous.length, sortie = [];
    for (var i = 0; i < n; i++) {
      var champ = section.querySelector('.trou[data-trou="' + i + '"]');
      if (champ) { sortie.push(champ.value); continue; }
      var coches = section.querySelectorAll('.choix[data-trou="' + i + '"] input:checked');
      sortie.push(Array.prototype.map.call(coches, function (c) { return c.value; }).join(" "));
    }
    return sortie;
  }

  /* dictee/adapt/grade.py copy_text: the text's tokens, each blank replaced by the tokens
     of its answer, written back as one text. */
  function copie(niveau, valeurs) {
    var attendu = D.tokenize(donnees.niveaux[niveau].attendu);
    var trous = donnees.niveaux[niveau].trous, jetons = [], position = 0;
    trous.forEach(function (t, i) {
      jetons = jetons.concat(attendu.slice(position, t[0]), D.tokenize(valeurs[i]));
      position = t[1];
    });
    jetons = jetons.concat(attendu.slice(position));
    return jetons.reduce(function (texte, jeton) { return texte ? D.join(texte, jeton) : jeton; }, "");
  }

  /* grade.py _owner: the blank an error belongs to. */
  function proprietaire(trous, erreur) {
    for (var i = 0; i < trous.length; i++) {
      if (trous[i][0] <= erreur.position && erreur.position < trous[i][1]) { return i; }
    }
    if (erreur.attendu === "") {
      for (var j = 0; j < trous.length; j++) {
        if (erreur.position === trous[j][1] || erreur.position === trous[j][0]) { return j; }
      }
    }
    var meilleur = 0, ecart = Infinity;
    trous.forEach(function (t, k) {
      var d = Math.min(Math.abs(t[0] - erreur.position), Math.abs(t[1] - erreur.position));
      if (d < ecart) { ecart = d; meilleur = k; }
    });
    return meilleur;
  }

  function noter(niveau, valeurs) {
    var donneesNiveau = donnees.niveaux[niveau];
    var verdict = D.corriger(donneesNiveau.attendu, copie(niveau, valeurs),
      deplier(donneesNiveau.lexique, donneesNiveau.attendu), donnees.bareme);
    var parTrou = donneesNiveau.trous.map(function () { return []; });
    verdict.erreurs.forEach(function (e) { parTrou[proprietaire(donneesNiveau.trous, e)].push(e); });
    verdict.par_trou = parTrou;
    verdict.trous_justes = parTrou.filter(function (e) { return !e.length; }).length;
    return verdict;
  }
  window.DicteeAmenagee = {copie: copie, noter: noter};

  function marquer(section, verdict, montrer) {
    verdict.par_trou.forEach(function (erreurs, i) {
      var champ = section.querySelector('.trou[data-trou="' + i + '"]')
        || section.querySelector('.choix[data-trou="' + i + '"]');
      champ.classList.toggle("juste", !erreurs.length);
      champ.classList.toggle("faux", erreurs.length > 0);
      var suivant = champ.nextSibling;
      while (suivant && suivant.classList && suivant.classList.contains("note-trou")) {
        var retire = suivant;
        suivant = suivant.nextSibling;
        retire.remove();
      }
      if (erreurs.length) {
        var note = document.createElement("span");
        note.className = "note-trou";
        var cat = document.createElement("span");
        cat.className = "categorie-trou";
        cat.textContent = "(" + erreurs.map(function (e) { return libelles[e.categorie]; }).join(", ") + ")";
        if (montrer) {
          var attendu = document.createElement("span");
          attendu.className = "attendu-trou";
          attendu.textContent = "\u2192\u00a0" + erreurs.map(function (e) { return e.attendu; })
            .filter(Boolean).join(" ").replace(/'/g, "\u2019");
          note.appendChild(attendu);
        }
        note.appendChild(cat);
        champ.parentNode.insertBefore(note, champ.nextSibling);
      }
    });
  }

  function verifier(section, montrer) {
    var niveau = section.getAttribute("data-niveau");
    var verdict = noter(niveau, reponses(section));
    var total = verdict.par_trou.length;
    var resultat = section.querySelector(".resultat");
    resultat.querySelector(".bilan").textContent = verdict.trous_justes + " sur " + total
      + " justes. " + (verdict.nombre_erreurs === 0 ? "Aucune erreur : bravo !"
        : pluriel(verdict.nombre_erreurs, "erreur") + ".")
      + (verdict.erreurs_comptees < verdict.nombre_erreurs  // a repeated error once, a cap
        ? " Le barème en compte " + verdict.erreurs_comptees + "." : "")
      + " Note : " + nombre(verdict.note) + " sur " + nombre(verdict.sur) + ".";
    Array.prototype.forEach.call(resultat.querySelectorAll("tbody tr"), function (tr) {
      tr.querySelector(".nombre").textContent = String(verdict.par_categorie[tr.getAttribute("data-categorie")] || 0);
    });
    resultat.hidden = false;
    marquer(section, verdict, montrer);
    section.querySelector(".voir-corrections").hidden = montrer || verdict.nombre_erreurs === 0;
    return verdict;
  }

  function recommencer(section) {
    if (!window.confirm("Effacer tes réponses et recommencer\u202f?")) { return; }
    Array.prototype.forEach.call(section.querySelectorAll(".trou"), function (c) { c.value = ""; c.disabled = false; });
    Array.prototype.forEach.call(section.querySelectorAll(".choix input"), function (c) { c.checked = false; c.disabled = false; });
    Array.prototype.forEach.call(section.querySelectorAll(".juste, .faux"), function (c) { c.classList.remove("juste", "faux"); });
    Array.prototype.forEach.call(section.querySelectorAll(".note-trou"), function (c) { c.remove(); });
    section.querySelector(".resultat").hidden = true;
    section.querySelector(".voir-corrections").hidden = true;
    section.querySelector(".verifier").disabled = false;
    garder(section);
  }

  /* ---- The daily sentences: each graded like the dictation ---- */
  function verifierJour(section, bloc) {
    var niveau = section.getAttribute("data-niveau");
    var phrase = donnees.niveaux[niveau].phrases[Number(bloc.getAttribute("data-phrase"))];
    var texte = bloc.querySelector(".copie-jour").value;
    var bilan = bloc.querySelector(".bilan-jour");
    if (!texte.trim()) { bilan.textContent = "Écris la phrase avant de vérifier."; return; }
    var verdict = D.corriger(phrase.attendu, texte, deplier(phrase.lexique, phrase.attendu), donnees.bareme);
    bilan.textContent = (verdict.nombre_erreurs === 0 ? "Aucune erreur : bravo !"
      : pluriel(verdict.nombre_erreurs, "erreur") + "\u00a0: "
        + verdict.erreurs.map(function (e) {
          return (e.ecrit || "+") + " (" + libelles[e.categorie] + ")";
        }).join(", ") + ".")
      + (verdict.note === null ? "" : " Note : " + nombre(verdict.note) + " sur " + nombre(verdict.sur) + ".");
  }

  /* ---- Answers kept in the browser (localStorage, also from file://), per case,
     edition, level and text: a closed page gives them back. ---- */
  var stockage = (function () {
    try { var s = window.localStorage; s.setItem("dictee/essai", "1"); s.removeItem("dictee/essai"); return s; }
    catch (e) { return null; }
  }());
  function garder(section) {
    if (!stockage) { return; }
    var niveau = section.getAttribute("data-niveau");
    var jours = Array.prototype.map.call(section.querySelectorAll(".copie-jour"), function (z) { return z.value; });
    try {
      stockage.setItem(donnees.niveaux[niveau].cle, JSON.stringify({reponses: reponses(section), jours: jours}));
    } catch (e) { /* full or private: the page still works */ }
  }
  function retrouver(section) {
    var niveau = section.getAttribute("data-niveau"), garde = null;
    try { garde = stockage && JSON.parse(stockage.getItem(donnees.niveaux[niveau].cle)); } catch (e) { garde = null; }
    if (!garde || !Array.isArray(garde.reponses)) { return; }
    garde.reponses.forEach(function (valeur, i) {
      var champ = section.querySelector('.trou[data-trou="' + i + '"]');
      if (champ) { champ.value = valeur; return; }
      Array.prototype.forEach.call(section.querySelectorAll('.choix[data-trou="' + i + '"] input'), function (c) {
        c.checked = valeur !== "" && valeur.split(" ").indexOf(c.value) >= 0;
      });
    });
    Array.prototype.forEach.call(section.querySelectorAll(".copie-jour"), function (z, i) {
      if (garde.jours && typeof garde.jours[i] === "string") { z.value = garde.jours[i]; }
    });
  }

  /* ---- Levels ---- */
  var sections = document.querySelectorAll("section.niveau");
  Array.prototype.forEach.call(sections, function (section) {
    retrouver(section);
    section.addEventListener("input", function () { garder(section); });
    section.addEventListener("change", function () { garder(section); });
    Array.prototype.forEach.call(section.querySelectorAll(".ecouter-mot"), function (b) {
      DicteeMots.preparer(section, b);
    });
    Array.prototype.forEach.call(section.querySelectorAll(".groupe, .ecouter-mot"), function (b) {
      b.addEventListener("click", function () { jouer(section, b); });
    });
    section.querySelector(".verifier").addEventListener("click", function () { verifier(section, false); });
    section.querySelector(".voir-corrections").addEventListener("click", function () {
      if (!window.confirm("Voir les corrections\u202f? Ensuite, tes réponses ne pourront plus changer.")) { return; }
      verifier(section, true);
      Array.prototype.forEach.call(section.querySelectorAll(".trou, .choix input"), function (c) { c.disabled = true; });
      section.querySelector(".verifier").disabled = true;
    });
    section.querySelector(".recommencer").addEventListener("click", function () { recommencer(section); });
    Array.prototype.forEach.call(section.querySelectorAll(".phrase-jour"), function (bloc) {
      bloc.querySelector(".verifier-jour").addEventListener("click", function () { verifierJour(section, bloc); });
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll(".choix-niveau input"), function (radio) {
    radio.addEventListener("change", function () {
      arreter();
      Array.prototype.forEach.call(sections, function (s) { s.hidden = s.getAttribute("data-niveau") !== radio.value; });
    });
  });
}());
