/* The page's behaviour: choose a level, listen (with an optional cap on replays),
   write, check. Text from the case reaches the page only through textContent,
   never as HTML. The grading rules live in interactif-correction.js. */
(function () {
  "use strict";
  var donnees = JSON.parse(document.getElementById("donnees").textContent);
  var lecteur = document.getElementById("lecteur");
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
  var enCours = null;  // {section, bouton, cle}

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
    majBouton(fini.section, fini.bouton, fini.cle);
  }

  function vitesse(section) {
    var choisi = section.querySelector(".vitesse input:checked");
    return choisi ? Number(choisi.value) : 1;
  }

  function jouer(section, bouton, cle) {
    if (enCours && enCours.bouton === bouton) { arreter(); etat(section, "Arrêté."); return; }
    arreter();
    if (restantes(section, cle) <= 0) { return; }
    section.ecoutes[cle] = (section.ecoutes[cle] || 0) + 1;
    enCours = {section: section, bouton: bouton, cle: cle};
    var barre = bouton.closest(".groupes");  // group clips: folder on the toolbar, name here
    lecteur.src = (barre ? barre.getAttribute("data-dossier") : "") + bouton.getAttribute("data-source");
    var rythme = vitesse(section);
    lecteur.defaultPlaybackRate = rythme;
    lecteur.playbackRate = rythme;
    // Slower without sounding lower: keep the pitch (prefixed names for older browsers).
    lecteur.preservesPitch = true;
    lecteur.mozPreservesPitch = true;
    lecteur.webkitPreservesPitch = true;
    bouton.setAttribute("aria-pressed", "true");
    bouton.classList.add("joue");
    majBouton(section, bouton, cle);
    var reste = restantes(section, cle);
    etat(section, (cle === "tout" ? "Lecture de tout le texte" : "Lecture du groupe " + (Number(cle) + 1))
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

  lecteur.addEventListener("ended", function () {
    if (!enCours) { return; }
    var fini = enCours;
    arreter();
    etat(fini.section, "Terminé. Écris ce que tu as entendu.");
    if (fini.cle !== "tout") { avancer(fini.section, Number(fini.cle)); }
  });
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
    rovingVers(boutons, 0, false);
    Array.prototype.forEach.call(boutons, function (bouton, i) {
      bouton.setAttribute("aria-pressed", "false");
      bouton.addEventListener("click", function () {
        rovingVers(boutons, i, false);
        jouer(section, bouton, String(i));
      });
      majBouton(section, bouton, String(i));
    });
    section.querySelector(".groupes").addEventListener("keydown", function (ev) {
      var i = Array.prototype.indexOf.call(boutons, document.activeElement);
      if (i < 0) { return; }
      var cible = {ArrowRight: i + 1, ArrowDown: i + 1, ArrowLeft: i - 1, ArrowUp: i - 1,
        Home: 0, End: boutons.length - 1}[ev.key];
      if (cible === undefined) { return; }
      ev.preventDefault();
      rovingVers(boutons, Math.max(0, Math.min(boutons.length - 1, cible)), true);
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
      majBouton(section, b, String(i));
    });
    var boutons = section.querySelectorAll(".groupe");
    if (boutons.length) { rovingVers(boutons, 0, false); }
    etat(section, "");
  }

  /* ---- Checking ------------------------------------------------------- */
  // The word table of a level as dictee/grading/table.py builds it: page.py `pack_tables`
  // stored the lists shared by the levels once, as space-separated strings.
  var listes = null;
  function deplier(niveau) {
    if (!listes) {
      listes = {lemmes: {}, sons: {}};
      ["lemmes", "sons"].forEach(function (nom) {
        Object.keys(donnees[nom]).forEach(function (k) {
          listes[nom][k] = donnees[nom][k] === "" ? [] : donnees[nom][k].split(" ");
        });
      });
    }
    var paquet = donnees.niveaux[niveau].lexique;
    var table = {};
    Object.keys(paquet).forEach(function (k) { table[k] = paquet[k]; });
    table.lemmes = {};
    table.sons = {};
    table.mots = paquet.mots.map(function (mot) {
      if (mot === null) { return null; }
      mot[0].forEach(function (l) { table.lemmes[l] = listes.lemmes[l]; });
      mot[1].forEach(function (s) { table.sons[s] = listes.sons[s]; });
      return {lemmes: mot[0], sons: mot[1]};
    });
    Object.keys(paquet.paires).forEach(function (i) {
      paquet.paires[i].sons.forEach(function (s) { table.sons[s] = listes.sons[s]; });
    });
    return table;
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

  function afficherOublis(oublis) {
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
    boite.appendChild(element("span", "visuellement-cache",
      "Oubli de " + oublis.length + " mots ou signes : il fallait écrire "));
    boite.appendChild(element("span", "plus", "+\u00a0")).setAttribute("aria-hidden", "true");
    boite.appendChild(element("span", "manque", typo(texte)));
    boite.appendChild(element("span", "visuellement-cache", " ("));
    boite.appendChild(element("span", "etiquette", oublis.length + " oublis"));
    boite.appendChild(element("span", "visuellement-cache", ")"));
    return boite;
  }

  function afficherErreur(morceau) {
    var boite = element("span", "erreur cat-" + morceau.categorie);
    var libelle = libelles[morceau.categorie] || morceau.categorie;
    if (morceau.attendu === "") {
      boite.appendChild(element("span", "visuellement-cache", "Mot en trop : "));
      boite.appendChild(element("span", "ajoute", morceau.ecrit));
    } else if (morceau.ecrit === "") {
      boite.appendChild(element("span", "visuellement-cache", "Oubli : il fallait écrire "));
      boite.appendChild(element("span", "plus", "+\u00a0")).setAttribute("aria-hidden", "true");
      boite.appendChild(element("span", "manque", typo(morceau.attendu)));
    } else {
      boite.appendChild(element("span", "ecrit", morceau.ecrit));
      boite.appendChild(element("span", "visuellement-cache", " : il fallait écrire "));
      boite.appendChild(element("span", "fleche", "\u00a0→\u00a0")).setAttribute("aria-hidden", "true");
      boite.appendChild(element("span", "attendu", typo(morceau.attendu)));
    }
    boite.appendChild(element("span", "visuellement-cache", " ("));
    boite.appendChild(element("span", "etiquette", libelle));
    boite.appendChild(element("span", "visuellement-cache", ")"));
    return boite;
  }

  function verifier(section) {
    var zone = section.querySelector(".copie");
    var resultat = section.querySelector(".resultat");
    if (!zone.value.trim()) {
      zone.focus();
      etat(section, "");
      zone.setAttribute("aria-invalid", "true");
      section.querySelector(".aide[id^='aide-copie']").textContent =
        "Ta copie est vide : écris le texte avant de vérifier.";
      return;
    }
    zone.removeAttribute("aria-invalid");
    arreter();
    var niveau = section.getAttribute("data-niveau");
    var verdict = DicteeCorrection.corriger(donnees.niveaux[niveau].attendu, zone.value,
      deplier(niveau), donnees.bareme);
    var bilan = verdict.nombre_erreurs === 0 ? "Aucune erreur : bravo !"
      : pluriel(verdict.nombre_erreurs, "erreur") + ".";
    resultat.querySelector(".bilan").textContent = bilan + " Note : " + nombre(verdict.note)
      + " sur " + nombre(verdict.sur) + ".";
    Array.prototype.forEach.call(resultat.querySelectorAll(".comptes tbody tr"), function (tr) {
      var cat = tr.getAttribute("data-categorie");
      var n = verdict.par_categorie[cat] || 0;
      tr.querySelector(".nombre").textContent = String(n);
      tr.querySelector(".points").textContent = nombre(n * donnees.bareme.poids[cat] / 100);
      tr.classList.toggle("zero", n === 0);
    });
    var copie = resultat.querySelector(".copie-corrigee");
    copie.textContent = "";
    regrouper(DicteeCorrection.morceaux(zone.value, verdict)).forEach(function (morceau) {
      copie.appendChild(morceau.oublis ? afficherOublis(morceau.oublis)
        : morceau.categorie ? afficherErreur(morceau) : document.createTextNode(morceau.texte));
    });
    if (verdict.nombre_erreurs === 0) {
      copie.appendChild(element("p", "aucune", "Aucune erreur."));
    }
    zone.readOnly = true;
    section.querySelector(".verifier").disabled = true;
    section.querySelector(".voir-texte").hidden = false;
    resultat.hidden = false;
    resultat.querySelector("h3").focus({preventScroll: true});
    resultat.scrollIntoView({block: "start"});
  }

  function recommencer(section) {
    var zone = section.querySelector(".copie");
    if (zone.value.trim() && !zone.readOnly
        && !window.confirm("Effacer ta copie et recommencer ?")) { return; }
    zone.value = "";
    zone.readOnly = false;
    zone.removeAttribute("aria-invalid");
    section.querySelector(".aide[id^='aide-copie']").textContent =
      "Écris tout le texte dans cette zone, comme sur une feuille : passe à la ligne quand tu veux.";
    section.querySelector(".verifier").disabled = false;
    var voir = section.querySelector(".voir-texte");
    voir.hidden = true;
    voir.setAttribute("aria-expanded", "false");
    voir.textContent = "Voir le texte";
    section.querySelector(".resultat").hidden = true;
    section.querySelector(".corrige").hidden = true;
    section.querySelector(".copie-corrigee").textContent = "";
    remettreEcoutes(section);
    zone.focus();
  }

  function voirTexte(section) {
    var bouton = section.querySelector(".voir-texte");
    var corrige = section.querySelector(".corrige");
    corrige.hidden = !corrige.hidden;
    bouton.setAttribute("aria-expanded", String(!corrige.hidden));
    bouton.textContent = corrige.hidden ? "Voir le texte" : "Cacher le texte";
    if (!corrige.hidden) { corrige.scrollIntoView({block: "start"}); }
  }

  /* ---- Levels --------------------------------------------------------- */
  var sections = document.querySelectorAll("section.niveau");
  Array.prototype.forEach.call(sections, function (section) {
    brancherEcoute(section);
    section.querySelector(".verifier").addEventListener("click", function () { verifier(section); });
    section.querySelector(".recommencer").addEventListener("click", function () { recommencer(section); });
    section.querySelector(".voir-texte").addEventListener("click", function () { voirTexte(section); });
  });
  Array.prototype.forEach.call(document.querySelectorAll(".choix-niveau input"), function (radio) {
    radio.addEventListener("change", function () {
      arreter();
      Array.prototype.forEach.call(sections, function (s) {
        s.hidden = s.getAttribute("data-niveau") !== radio.value;
      });
    });
  });
}());
