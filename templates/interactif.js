/* The page's behaviour: choose a level, listen (with an optional cap on replays),
   write, check. Text from the case reaches the page only through textContent,
   never as HTML. The grading rules live in dictee/grading/correction.js. */
(function () {
  "use strict";
  var donnees = JSON.parse(document.getElementById("donnees").textContent);
  var lecteur = document.getElementById("lecteur");
  var reglages = donnees.page;  // the mode and what it needs (see Modes below)
  var cap = donnees.ecoutes;  // null: no cap
  var libelles = {};
  donnees.categories.forEach(function (c) { libelles[c.nom] = c.libelle; });

  function typo(texte) { return texte.replace(/'/g, "\u2019"); }  // the expected form, typeset
  function nombre(n) { return String(Math.round(n * 100) / 100).replace(".", ","); }
  function pluriel(n, mot) { return n + "\u00a0" + mot + (n > 1 ? "s" : ""); }
  function element(tag, classe, texte) {
    var e = document.createElement(tag);
    if (classe) { e.className = classe; }
    if (texte !== undefined) { e.textContent = texte; }
    return e;
  }

  /* ---- Audio ---------------------------------------------------------- */
  var enCours = null;  // {section, bouton, cle, mot}

  function etat(section, texte) {
    var p = section.querySelector(".etat-lecture");
    if (p) { p.textContent = texte; }
  }

  function restantes(section, cle) {
    var faites = section.ecoutes[cle] || 0;
    return cap === null ? Infinity : cap - faites;
  }

  function majBouton(section, bouton, cle) {
    var reste = restantes(section, cle);
    if (bouton.classList.contains("ecouter-mot")) {  // a word: its own label, the group's cap
      bouton.disabled = reste <= 0 && !(enCours && enCours.bouton === bouton);
      return;
    }
    var nom = cle === "tout" ? "Écouter tout le texte" : "Groupe " + (Number(cle) + 1);
    if (cap !== null) {
      nom += reste > 0 ? " (" + pluriel(reste, "écoute") + " restante" + (reste > 1 ? "s" : "") + ")"
        : " (plus d’écoute possible)";
    }
    if (cle === "tout") {
      var info = section.querySelector('.restant[data-pour="tout"]');
      if (info && cap !== null) {
        info.textContent = reste > 0 ? "Encore " + pluriel(reste, "écoute") : "Plus d’écoute possible";
      }
    } else {
      bouton.setAttribute("aria-label", nom);
      bouton.title = nom;
    }
    bouton.disabled = reste <= 0 && !(enCours && enCours.bouton === bouton);
  }

  function arreter() {
    if (!enCours) { return; }
    var fini = enCours;
    enCours = null;
    lecteur.pause();
    fini.bouton.setAttribute("aria-pressed", "false");
    var mot = fini.bouton.closest(".mot-histoire");
    if (mot) {
      mot.classList.remove("en-lecture");
      fini.section.querySelectorAll(".groupe")[Number(fini.cle)].classList.remove("pour-mot");
    }
    majCle(fini.section, fini.cle);
  }

  // Every button a listening counts for: a group's button and the bank's words it holds.
  function majCle(section, cle) {
    var bouton = cle === "tout" ? section.querySelector(".jouer-tout")
      : section.querySelectorAll(".groupe")[Number(cle)];
    if (bouton) { majBouton(section, bouton, cle); }
    Array.prototype.forEach.call(section.querySelectorAll(".ecouter-mot"), function (b) {
      if (b.cle === cle) { majBouton(section, b, cle); }
    });
  }

  function vitesse(section) {
    var choisi = section.querySelector(".vitesse input:checked");
    return choisi ? Number(choisi.value) : 1;
  }

  /* `mot`: a word of the bank, heard in its group (the group's clip, the word highlighted). */
  function jouer(section, bouton, cle, mot) {
    if (enCours && enCours.bouton === bouton) { arreter(); etat(section, "Arrêté."); return; }
    arreter();
    if (restantes(section, cle) <= 0) { return; }
    section.ecoutes[cle] = (section.ecoutes[cle] || 0) + 1;
    enCours = {section: section, bouton: bouton, cle: cle, mot: mot};
    var barre = bouton.closest("[data-dossier]");  // clips: folder on the toolbar, name here
    var source = (barre ? barre.getAttribute("data-dossier") : "") + bouton.getAttribute("data-source");
    lecteur.src = source;
    if (mot) {  // the word, and the group's button in the listening panel: same colour
      bouton.closest(".mot-histoire").classList.add("en-lecture");
      section.querySelectorAll(".groupe")[Number(cle)].classList.add("pour-mot");
    }
    var rythme = vitesse(section);
    lecteur.defaultPlaybackRate = rythme;
    lecteur.playbackRate = rythme;
    // Slower without sounding lower: keep the pitch (prefixed names for older browsers).
    lecteur.preservesPitch = true;
    lecteur.mozPreservesPitch = true;
    lecteur.webkitPreservesPitch = true;
    bouton.setAttribute("aria-pressed", "true");
    if (!mot) { bouton.classList.add("joue"); }
    majCle(section, cle);
    var reste = restantes(section, cle);
    etat(section, (cle === "tout" ? "Lecture de tout le texte"
      : mot ? "Lecture du groupe " + (Number(cle) + 1) + ", où tu entends «\u00a0" + mot + "\u00a0»"
      : "Lecture du groupe " + (Number(cle) + 1))
      + (rythme < 1 ? ", plus lentement…" : "…")
      + (cap === null ? "" : reste > 0 ? " Encore " + pluriel(reste, "écoute") + "." : " Dernière écoute."));
    var promesse = lecteur.play();
    if (promesse && promesse.catch) {
      promesse.catch(function (erreur) {
        if (erreur && erreur.name === "AbortError") { return; }  // another clip was chosen
        sonAbsent(section);
      });
    }
  }

  function sonAbsent(section) {
    var alerte = section.querySelector(".son-absent");
    if (alerte) { alerte.hidden = false; }
    if (enCours) { section.ecoutes[enCours.cle] -= 1; }
    arreter();
    etat(section, "");
  }

  function finir() {
    if (!enCours) { return; }
    var fini = enCours;
    arreter();
    etat(fini.section, fini.mot ? "Terminé." : "Terminé. Écris ce que tu as entendu.");
    if (fini.cle !== "tout" && !fini.mot) { avancer(fini.section, Number(fini.cle)); }
  }
  lecteur.addEventListener("ended", finir);
  lecteur.addEventListener("error", function () {
    if (enCours) { sonAbsent(enCours.section); }
  });

  // After a group is heard, the toolbar's tab stop moves to the next group: from the copy,
  // Shift+Tab reaches it directly.
  function avancer(section, index) {
    var boutons = section.querySelectorAll(".groupe");
    var barre = section.querySelector(".groupes");
    if (index + 1 < boutons.length && !barre.contains(document.activeElement)) {
      rovingVers(boutons, index + 1, false);
    }
  }

  function rovingVers(boutons, index, focus) {
    for (var i = 0; i < boutons.length; i++) { boutons[i].tabIndex = i === index ? 0 : -1; }
    if (focus) { boutons[index].focus(); }
  }

  function brancherEcoute(section) {
    section.ecoutes = {};
    var tout = section.querySelector(".jouer-tout");
    if (!tout) { return; }
    tout.addEventListener("click", function () { jouer(section, tout, "tout"); });
    majBouton(section, tout, "tout");
    var boutons = section.querySelectorAll(".groupe");
    barreFleches(section.querySelector(".groupes"), boutons);
    Array.prototype.forEach.call(boutons, function (bouton, i) {
      bouton.setAttribute("aria-pressed", "false");
      bouton.addEventListener("click", function () {
        rovingVers(boutons, i, false);
        jouer(section, bouton, String(i));
      });
      majBouton(section, bouton, String(i));
    });
    Array.prototype.forEach.call(section.querySelectorAll(".ecouter-mot"), function (bouton, i) {
      // A word is heard in its group: it counts as a listening of that group (the cap holds).
      bouton.cle = String(Number(bouton.getAttribute("data-groupe")) - 1);
      var mot = DicteeMots.preparer(section, bouton);
      bouton.addEventListener("click", function () { jouer(section, bouton, bouton.cle, mot); });
    });
    Array.prototype.forEach.call(section.querySelectorAll(".vitesse input"), function (radio) {
      radio.addEventListener("change", function () {
        if (enCours && enCours.section === section) { lecteur.playbackRate = vitesse(section); }
      });
    });
  }

  function remettreEcoutes(section) {
    arreter();
    section.ecoutes = {};
    var tout = section.querySelector(".jouer-tout");
    if (tout) { majBouton(section, tout, "tout"); }
    Array.prototype.forEach.call(section.querySelectorAll(".groupe"), function (b, i) {
      b.classList.remove("joue");
      majCle(section, String(i));
    });
    var boutons = section.querySelectorAll(".groupe");
    if (boutons.length) { rovingVers(boutons, 0, false); }
    etat(section, "");
  }

  /* ---- Checking ------------------------------------------------------- */
  // The word table of a level, unpacked by the grader (correction.js `deplieur`).
  var deplierPaquet = null;  // made on first use: `donnees` is read further down
  function deplier(niveau) {
    deplierPaquet = deplierPaquet || DicteeCorrection.deplieur(donnees);
    return deplierPaquet(donnees.niveaux[niveau].lexique, donnees.niveaux[niveau].attendu);
  }
  window.DicteeCorrection.deplier = deplier;

  /* A copy stopped halfway would show a hundred « + mot » boxes: from OUBLIS_EN_BLOC
     tokens missing in a row, they are shown as one box holding the missing text. */
  var OUBLIS_EN_BLOC = 4;
  function regrouper(morceaux) {
    var sortie = [], suite = [], espace = "";
    function vider() {
      if (suite.length >= OUBLIS_EN_BLOC) {
        sortie.push({oublis: suite});
      } else {
        suite.forEach(function (m, i) { if (i) { sortie.push({texte: " "}); } sortie.push(m); });
      }
      if (suite.length && espace) { sortie.push({texte: espace}); }
      suite = [];
      espace = "";
    }
    morceaux.forEach(function (m) {
      if (m.categorie && m.ecrit === "") { suite.push(m); return; }
      if (!m.categorie && suite.length && !m.texte.trim()) { espace = m.texte; return; }
      vider();
      sortie.push(m);
    });
    vider();
    return sortie;
  }

  /* Before the pupil asks for the corrections, an error shows where it is and its
     category, not what was expected: the pupil fixes the copy and checks again. */
  function afficherOublis(oublis, montrer) {
    var texte = oublis.reduce(function (avant, m) {
      var mot = m.attendu;
      if (!avant) { return mot; }
      if (/^[;!?]$/.test(mot)) { return avant + "\u202f" + mot; }
      if (/^[:\u00bb]$/.test(mot)) { return avant + "\u00a0" + mot; }
      if (/^[.,\u2026)]$/.test(mot)) { return avant + mot; }
      if (avant.slice(-1) === "\u00ab") { return avant + "\u00a0" + mot; }
      return DicteeCorrection.join(avant, mot);
    }, "");
    var boite = element("span", "erreur oublis cat-mot");
    boite.appendChild(element("span", "visuellement-cache", "Oubli de " + oublis.length
      + " mots ou signes" + (montrer ? " : il fallait écrire " : "")));
    boite.appendChild(element("span", "plus", montrer ? "+\u00a0" : "+")).setAttribute("aria-hidden", "true");
    if (montrer) { boite.appendChild(element("span", "manque", typo(texte))); }
    boite.appendChild(element("span", "visuellement-cache", " ("));
    boite.appendChild(element("span", "etiquette", oublis.length + " oublis"));
    boite.appendChild(element("span", "visuellement-cache", ")"));
    return boite;
  }

  function afficherErreur(morceau, montrer) {
    var boite = element("span", "erreur cat-" + morceau.categorie);
    var libelle = libelles[morceau.categorie] || morceau.categorie;
    if (morceau.attendu === "") {
      boite.appendChild(element("span", "visuellement-cache", "Mot en trop : "));
      boite.appendChild(element("span", "ajoute", morceau.ecrit));
    } else if (morceau.ecrit === "") {
      boite.appendChild(element("span", "visuellement-cache",
        montrer ? "Oubli : il fallait écrire " : "Oubli"));
      boite.appendChild(element("span", "plus", montrer ? "+\u00a0" : "+")).setAttribute("aria-hidden", "true");
      if (montrer) { boite.appendChild(element("span", "manque", typo(morceau.attendu))); }
    } else {
      boite.appendChild(element("span", "ecrit", morceau.ecrit));
      if (montrer) {
        boite.appendChild(element("span", "visuellement-cache", " : il fallait écrire "));
        boite.appendChild(element("span", "fleche", "\u00a0→\u00a0")).setAttribute("aria-hidden", "true");
        boite.appendChild(element("span", "attendu", typo(morceau.attendu)));
      }
    }
    boite.appendChild(element("span", "visuellement-cache", " ("));
    boite.appendChild(element("span", "etiquette", libelle));
    boite.appendChild(element("span", "visuellement-cache", ")"));
    return boite;
  }

  /* ---- The copy, kept in the browser -------------------------------------
     localStorage works from file:// too (one store for every local page: the key names
     the case, edition, level and text). Private windows or a full store: the page still
     works, and says the copy is not kept. */
  var stockage = (function () {
    try {
      var s = window.localStorage, essai = "dictee/essai";
      s.setItem(essai, essai);
      s.removeItem(essai);
      return s;
    } catch (e) { return null; }
  }());
  function lire(cle) {
    if (!stockage) { return null; }
    try { return JSON.parse(stockage.getItem(cle)); } catch (e) { return null; }
  }
  function ecrire(cle, valeur) {
    if (!stockage) { return false; }
    try { stockage.setItem(cle, JSON.stringify(valeur)); return true; } catch (e) { return false; }
  }
  function oublier(cle) {
    if (stockage) { try { stockage.removeItem(cle); } catch (e) { /* nothing kept */ } }
  }

  /* What a level's copy has been through: kept with the copy, so a reload neither loses
     the text nor resets the count of checks the teacher reads. */
  function nouvelEtat() {
    return {copie: "", essais: 0, premier: null, verifiee: null, vues: false};
  }

  function sauver(section) {
    var s = section.dictee;
    s.copie = section.querySelector(".copie").value;
    if (!s.copie && !s.essais) { oublier(s.cle); return; }
    var garde = {copie: s.copie, essais: s.essais, premier: s.premier, verifiee: s.verifiee,
      vues: s.vues};
    if (!ecrire(s.cle, garde) && !s.avertie) {
      s.avertie = true;
      message(section, "Cette page ne peut pas garder ta copie sur cet ordinateur : "
        + "finis-la avant de fermer la page.");
    }
  }

  function message(section, texte) {
    section.querySelector(".etat-copie").textContent = texte;
  }

  /* ---- On-screen letters ------------------------------------------------ */
  function inserer(zone, texte) {
    if (zone.readOnly) { return; }
    var debut = zone.selectionStart, fin = zone.selectionEnd;
    zone.focus();
    zone.setSelectionRange(debut, fin);
    // insertText keeps Ctrl+Z working and fires "input"; the fallback does it by hand.
    if (!document.execCommand || !document.execCommand("insertText", false, texte)) {
      zone.setRangeText(texte, debut, fin, "end");
      zone.dispatchEvent(new Event("input", {bubbles: true}));
    }
  }

  function barreFleches(barre, boutons) {
    rovingVers(boutons, 0, false);
    barre.addEventListener("keydown", function (ev) {
      var i = Array.prototype.indexOf.call(boutons, document.activeElement);
      if (i < 0) { return; }
      var cible = {ArrowRight: i + 1, ArrowDown: i + 1, ArrowLeft: i - 1, ArrowUp: i - 1,
        Home: 0, End: boutons.length - 1}[ev.key];
      if (cible === undefined) { return; }
      ev.preventDefault();
      rovingVers(boutons, Math.max(0, Math.min(boutons.length - 1, cible)), true);
    });
  }

  function brancherCaracteres(section) {
    var zone = section.querySelector(".copie");
    var barre = section.querySelector(".caracteres");
    Array.from(reglages.caracteres).forEach(function (c) {
      var bouton = element("button", "caractere", c);
      bouton.type = "button";
      barre.appendChild(bouton);
    });
    var boutons = barre.querySelectorAll(".caractere");
    barreFleches(barre, boutons);
    Array.prototype.forEach.call(boutons, function (bouton, i) {
      bouton.addEventListener("click", function () {
        rovingVers(boutons, i, false);
        inserer(zone, bouton.textContent);
      });
    });
  }

  /* ---- Checking ---------------------------------------------------------- */
  /* The result in a sentence. A copy that stops early is told where it stops, with the
     errors in what was written, and no mark (half a copy is not worth a mark out of 20);
     a copy the checker cannot mark (far too long, unrelated) says why. */
  var SIGNALEMENTS = {
    "copie vide": "Ta copie n’a aucun mot : écris le texte avant de vérifier.",
    "copie trop longue": "Ta copie est bien plus longue que le texte de la dictée : elle "
      + "n’est pas notée. Vérifie que tu n’as pas collé autre chose.",
    "copie sans rapport avec le texte": "Ta copie ne ressemble pas au texte de la dictée : "
      + "elle n’est pas notée. As-tu choisi le bon niveau ?"
  };

  function note(verdict) {
    if (verdict.note === null || verdict.note === undefined || verdict.copie_incomplete) {
      return null;
    }
    return nombre(verdict.note) + " sur " + nombre(verdict.sur);
  }

  function bilanDe(verdict, niveau) {
    var n = verdict.nombre_erreurs, arret = verdict.copie_incomplete;
    if (verdict.autre_texte) {  // the button under it takes the copy there (changerDeNiveau)
      return "Ta copie ressemble au texte du " + verdict.autre_texte.niveau + "\u00a0: ici, au "
        + niveau + ", elle n’est pas notée.";
    }
    if (verdict.note === null) {
      return SIGNALEMENTS[verdict.signalement] || "Ta copie ne peut pas être notée.";
    }
    if (arret) {
      return "Ta copie s’arrête à la phrase " + arret.phrase + ". Jusque-là : "
        + (n === 0 ? "aucune erreur, bravo !" : pluriel(n, "erreur") + ".");
    }
    // A scale that counts a repeated error once, or caps the errors, counts fewer.
    var comptees = verdict.erreurs_comptees < n
      ? " Le barème en compte " + verdict.erreurs_comptees + "." : "";
    return (n === 0 ? "Aucune erreur : bravo !" : pluriel(n, "erreur") + ".") + comptees
      + " Note : " + note(verdict) + ".";
  }

  /* Where the pupil goes on from: the first group of the sentence where the copy stops
     becomes the toolbar's tab stop. */
  function reprendre(section, phrase) {
    var boutons = section.querySelectorAll(".groupe");
    var premier = phrase === null ? null
      : section.querySelector('.phrase[aria-label="Phrase ' + phrase + '"] .groupe');
    Array.prototype.forEach.call(boutons, function (b) { b.classList.toggle("reprise", b === premier); });
    var i = Array.prototype.indexOf.call(boutons, premier);
    if (i >= 0) { rovingVers(boutons, i, false); }
  }

  function corriger(section, texte) {
    var niveau = section.getAttribute("data-niveau");
    var verdict = DicteeCorrection.corriger(mode.attendu(niveau), texte, deplier(niveau),
      donnees.bareme);
    if (mode !== MODES.dictee) { return verdict; }
    // A copy of the other level's text (the pupil chose the wrong level) is told so, as
    // `dictee corriger --cas` does (others.py), rather than marked with 80 errors.
    var autres = Object.keys(donnees.niveaux).filter(function (n) { return n !== niveau; })
      .map(function (n) {
        return {cas: reglages.cas, niveau: n, attendu: mode.attendu(n), table: deplier(n)};
      });
    return DicteeCorrection.suivre(texte, verdict, autres, donnees.bareme);
  }

  function afficher(section, verdict) {
    var s = section.dictee;
    var resultat = section.querySelector(".resultat");
    var zone = section.querySelector(".copie");
    resultat.querySelector(".arrivee").hidden = true;
    resultat.querySelector(".bilan").textContent = bilanDe(verdict, section.getAttribute("data-niveau"));
    var vers = resultat.querySelector(".changer-niveau");
    vers.hidden = !verdict.autre_texte;
    vers.niveau = verdict.autre_texte ? verdict.autre_texte.niveau : null;
    vers.textContent = vers.niveau ? "Aller au " + vers.niveau + " avec ma copie" : "";
    // A copy that is not marked (empty, far too long, unrelated, the other level's): the
    // sentence says why; 150 « Mot » boxes over it would only say it worse.
    var sansNote = verdict.note === null;
    [".comptes", "h4", ".consigne-corrigee", ".copie-corrigee"].forEach(function (quoi) {
      resultat.querySelector(quoi).hidden = sansNote;
    });
    var arret = resultat.querySelector(".arret");
    arret.hidden = !verdict.copie_incomplete;
    if (verdict.copie_incomplete) {
      var reste = verdict.copie_incomplete.mots_non_ecrits;
      arret.textContent = "Il manque la suite du texte (" + pluriel(reste, "mot") + ")."
        + (s.vues ? "" : " Écoute les groupes à partir de la phrase "
        + verdict.copie_incomplete.phrase + ", continue ta copie, puis appuie de nouveau sur "
        + "« Vérifier ».");
    }
    reprendre(section, verdict.copie_incomplete && !s.vues ? verdict.copie_incomplete.phrase
      : null);
    // Points of the errors the scale counts (a repeated error once, a cap), as the note.
    var comptees = DicteeCorrection.counted(verdict.erreurs, donnees.bareme);
    Array.prototype.forEach.call(resultat.querySelectorAll(".comptes tbody tr"), function (tr) {
      var cat = tr.getAttribute("data-categorie");
      var n = verdict.par_categorie[cat] || 0;
      tr.querySelector(".nombre").textContent = String(n);
      tr.querySelector(".points").textContent = nombre(comptees[cat] * donnees.bareme.poids[cat]
        / 100);
      tr.classList.toggle("zero", n === 0);
    });
    var copie = resultat.querySelector(".copie-corrigee");
    copie.textContent = "";
    regrouper(DicteeCorrection.morceaux(s.verifiee, verdict)).forEach(function (morceau) {
      copie.appendChild(morceau.oublis ? afficherOublis(morceau.oublis, s.vues)
        : morceau.categorie ? afficherErreur(morceau, s.vues) : document.createTextNode(morceau.texte));
    });
    if (verdict.nombre_erreurs === 0) {
      copie.appendChild(element("p", "aucune", "Aucune erreur."));
    }
    resultat.querySelector(".consigne-corrigee").textContent = verdict.nombre_erreurs === 0 ? ""
      : s.vues ? "Chaque erreur est surlignée, avec ce qu’il fallait écrire et sa catégorie."
      : "Chaque erreur est surlignée, avec sa catégorie. Corrige ta copie, puis appuie de "
        + "nouveau sur « Vérifier ».";
    resultat.querySelector(".essais").textContent = essais(s);
    resultat.querySelector(".perime").hidden = zone.value === s.verifiee;
    var voir = section.querySelector(".voir-corrections");
    voir.hidden = s.vues || verdict.nombre_erreurs === 0 || !!verdict.autre_texte;
    voir.setAttribute("aria-expanded", String(s.vues));
    section.querySelector(".corrige").hidden = !s.vues;
    zone.readOnly = s.vues;
    section.querySelector(".verifier").disabled = s.vues;
    resultat.hidden = false;
  }

  /* Under the result, addressed to the pupil and read by the teacher who walks by: how
     many times the copy was checked, the first result, whether the corrections were seen.
     A new check counts only when the copy changed. */
  function fois(n) { return n === 1 ? "une fois" : n + " fois"; }
  function rang(n) { return n === 1 ? "1re" : n + "e"; }
  function essais(s) {
    var texte = "Tu as vérifié ta copie " + fois(s.essais) + ".";
    if (s.essais > 1 && s.premier) {
      texte += " La première fois : " + (s.premier.arret
        ? "ta copie s’arrêtait à la phrase " + s.premier.arret + ", " : "")
        + pluriel(s.premier.erreurs, "erreur") + (s.premier.note ? ", note " + s.premier.note : "")
        + ".";
    }
    if (s.vues) { texte += " Tu as vu les corrections après ta " + rang(s.vues) + " vérification."; }
    return texte;
  }

  function verifier(section) {
    var s = section.dictee;
    var zone = section.querySelector(".copie");
    if (!zone.value.trim()) {
      zone.focus();
      etat(section, "");
      zone.setAttribute("aria-invalid", "true");
      message(section, "Ta copie est vide : écris le texte avant de vérifier.");
      return;
    }
    zone.removeAttribute("aria-invalid");
    message(section, "");
    arreter();
    if (zone.value !== s.verifiee) {
      s.essais += 1;
      s.verifiee = zone.value;
    }
    var verdict = corriger(section, s.verifiee);
    if (s.essais === 1) {
      s.premier = {erreurs: verdict.nombre_erreurs, note: note(verdict),
        arret: verdict.copie_incomplete ? verdict.copie_incomplete.phrase : null};
    }
    sauver(section);
    afficher(section, verdict);
    var resultat = section.querySelector(".resultat");
    resultat.querySelector("h3").focus({preventScroll: true});
    resultat.scrollIntoView({block: "start"});
  }

  function voirCorrections(section) {
    var s = section.dictee;
    if (!window.confirm("Voir les corrections\u202f? Ensuite, ta copie ne pourra plus changer.")) {
      return;
    }
    s.vues = s.essais;
    sauver(section);
    afficher(section, corriger(section, s.verifiee));
    message(section, "Tu as vu les corrections : ta copie ne peut plus changer. Pour refaire "
      + "la dictée, appuie sur « Recommencer ».");
    section.querySelector(".resultat h3").focus({preventScroll: true});
    section.querySelector(".resultat").scrollIntoView({block: "start"});
  }

  function recommencer(section) {
    var zone = section.querySelector(".copie");
    if ((zone.value.trim() || section.dictee.essais)
        && !window.confirm("Effacer ta copie et recommencer\u202f? Elle sera perdue.")) { return; }
    poser(section, "");
    remettreEcoutes(section);
    zone.focus();
  }

  /* A level starts over with `texte` as its copy, not yet checked (kept at once). */
  function poser(section, texte) {
    var zone = section.querySelector(".copie");
    var cle = section.dictee.cle;
    zone.value = texte;
    zone.readOnly = false;
    zone.removeAttribute("aria-invalid");
    section.dictee = nouvelEtat();
    section.dictee.cle = cle;
    message(section, "");
    section.querySelector(".verifier").disabled = false;
    var voir = section.querySelector(".voir-corrections");
    voir.hidden = true;
    voir.setAttribute("aria-expanded", "false");
    section.querySelector(".resultat").hidden = true;
    section.querySelector(".corrige").hidden = true;
    section.querySelector(".copie-corrigee").textContent = "";
    reprendre(section, null);
    section.querySelector(".partie").hidden = true;
    sauver(section);
  }

  /* The copy of the other level's text goes there in one click, and is checked there.
     The two levels exchange their copies: the level left keeps what the other one held
     (nothing, most often), so nothing typed is lost, and nothing is kept twice to be
     carried again over newer work. */
  function changerDeNiveau(section, niveau) {
    var cible = document.getElementById("niveau-" + niveau);
    var ici = section.getAttribute("data-niveau");
    var texte = section.querySelector(".copie").value;
    var avant = cible.querySelector(".copie").value;
    var echange = avant !== texte && avant.trim() !== "";
    if (avant !== texte) { poser(cible, texte); }
    poser(section, echange ? avant : "");
    choisirNiveau(niveau);
    verifier(cible);
    var arrivee = cible.querySelector(".arrivee");
    arrivee.textContent = "Ta copie est passée du " + ici + " au " + niveau + "\u00a0: la voici, "
      + "corrigée." + (echange ? " La copie qui était ici est maintenant au " + ici + "." : "");
    arrivee.hidden = false;
    // Coming back here, the pupil reads where the copy went, and goes there in one click.
    var partie = section.querySelector(".partie");
    partie.querySelector("p").textContent = "Ta copie est maintenant au " + niveau + "."
      + (echange ? " Ici, tu retrouves la copie qui était au " + niveau + "." : "");
    var retour = partie.querySelector("button");
    retour.textContent = "Retourner au " + niveau;
    retour.onclick = function () {
      choisirNiveau(niveau);
      cible.querySelector(".copie").focus();
    };
    partie.hidden = false;
  }

  function brancherCopie(section) {
    var niveau = section.getAttribute("data-niveau");
    var zone = section.querySelector(".copie");
    var garde = lire(mode.cle(niveau));
    section.dictee = nouvelEtat();
    if (garde && typeof garde.copie === "string") {
      Object.keys(section.dictee).forEach(function (k) {
        if (garde[k] !== undefined) { section.dictee[k] = garde[k]; }
      });
    }
    var s = section.dictee;
    s.cle = mode.cle(niveau);
    zone.value = s.copie;
    if (s.copie) { message(section, "Ta copie a été retrouvée : tu peux continuer."); }
    if (s.verifiee) { afficher(section, corriger(section, s.verifiee)); }
    if (s.vues) {
      message(section, "Tu as vu les corrections : ta copie ne peut plus changer. Pour refaire "
        + "la dictée, appuie sur « Recommencer ».");
    }
    zone.addEventListener("input", function () {
      zone.removeAttribute("aria-invalid");
      section.querySelector(".partie").hidden = true;
      sauver(section);
      var verifiee = section.dictee.verifiee;
      if (verifiee !== null) { section.querySelector(".perime").hidden = zone.value === verifiee; }
    });
  }

  /* ---- Modes -------------------------------------------------------------
     donnees.page.mode says how the page runs: "dictee" is the whole text, one copy per
     level. Another mode (an adapted dictation, a sentence a day) adds an entry with the
     same functions and its settings in donnees.page (dictee/render/page.py). */
  var MODES = {
    dictee: {
      attendu: function (niveau) { return donnees.niveaux[niveau].attendu; },
      cle: function (niveau) { return donnees.niveaux[niveau].cle; }
    }
  };
  var mode = MODES[reglages.mode] || MODES.dictee;

  /* ---- Levels --------------------------------------------------------- */
  var sections = document.querySelectorAll("section.niveau");
  Array.prototype.forEach.call(sections, function (section) {
    brancherEcoute(section);
    brancherCaracteres(section);
    brancherCopie(section);
    section.querySelector(".verifier").addEventListener("click", function () { verifier(section); });
    section.querySelector(".recommencer").addEventListener("click", function () { recommencer(section); });
    var vers = section.querySelector(".changer-niveau");
    vers.addEventListener("click", function () { changerDeNiveau(section, vers.niveau); });
    section.querySelector(".voir-corrections").addEventListener("click", function () {
      voirCorrections(section);
    });
  });
  var choixNiveau = "dictee/" + reglages.cas + "/niveau";
  function montrerNiveau(valeur) {
    arreter();
    Array.prototype.forEach.call(sections, function (s) {
      s.hidden = s.getAttribute("data-niveau") !== valeur;
    });
  }
  /* As if the pupil had chosen it: shown, its button checked, kept for the next visit. */
  function choisirNiveau(valeur) {
    Array.prototype.forEach.call(document.querySelectorAll(".choix-niveau input"), function (radio) {
      radio.checked = radio.value === valeur;
    });
    montrerNiveau(valeur);
    ecrire(choixNiveau, valeur);
  }
  Array.prototype.forEach.call(document.querySelectorAll(".choix-niveau input"), function (radio) {
    if (radio.value === lire(choixNiveau)) { radio.checked = true; montrerNiveau(radio.value); }
    radio.addEventListener("change", function () { choisirNiveau(radio.value); });
  });
}());
