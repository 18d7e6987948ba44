/* The grading rules of `dictee corriger`, ported from dictee/grading/ (tokens.py,
   table.py, classify.py, alignment.py, correction.py, scale.py). Package code, not a
   template: dictee/render/page.py inlines it in the page: the same tokens,
   the same integer costs, the same tie-breaking, so the same verdicts. The shared
   vectors in tests/vectors/corriger/ are run through this file in a real browser.
   What the lexicon knows arrives as the per-text word table built in Python. */
var DicteeCorrection = (function () {
  "use strict";

  /* ---- tokens.py ------------------------------------------------------ */
  var W = "[\\p{L}\\p{N}\\u0300-\\u036f]";  // Python: [^\W_] or a combining accent
  // Python's \S: JavaScript's \s lacks \x1c-\x1f and \x85 (\ufeff is removed beforehand).
  // Python's first alternative, (?<=W)-W+'?, needs a lookbehind, which Safari lacks before
  // 16.4 (older school iPads): tokenizeAt checks the previous character by hand instead.
  var TOKEN = new RegExp("-" + W + "+'?|" + W + "+'?|[^\\s\\x1c-\\x1f\\x85]", "gu");
  // One code point, tested whole: Chromium's /[\p{L}]$/u misses astral letters (𝐀).
  var WORD_CHAR = new RegExp("^" + W + "$", "u");
  // Words written with an inner apostrophe that is not an elision.
  var INSEPARABLE = new Set(["aujourd'hui", "presqu'île", "presqu'îles", "prud'homme",
    "prud'hommes", "quelqu'un", "quelqu'une"]);
  var WORD_START = new RegExp("^" + W, "u");
  var QUOTE = "\"", DASH = "\u2014";
  var PUNCT_KEYS = {"\u00ab": QUOTE, "\u00bb": QUOTE, "\"": QUOTE, "\u201c": QUOTE,
    "\u201d": QUOTE, "\u201e": QUOTE, "\u2039": QUOTE, "\u203a": QUOTE,
    "-": DASH, "\u2013": DASH, "\u2014": DASH, "\u2015": DASH};

  function normalize(text) {
    return text.normalize("NFC")
      .replace(/[\u2019\u2018\u02bc\u2032\u00b4`]/g, "'")
      .replace(/[\u2010\u2011]/g, "-")
      .replace(/[\u00ad\u200b\u200c\u200d\u2060\ufeff]/g, "")
      .replace(/\.\.\./g, "\u2026");
  }

  /* Tokens with their place in the normalised text (for showing errors in place). */
  function tokenizeAt(normalized) {
    var found = [], match;
    TOKEN.lastIndex = 0;
    while ((match = TOKEN.exec(normalized)) !== null) {
      var text = match[0], at = match.index, last = found[found.length - 1];
      if (text.length > 1 && text.charAt(0) === "-"
          && !WORD_CHAR.test(Array.from(normalized.slice(Math.max(0, at - 2), at)).pop() || "")) {
        text = "-";  // a hyphen after no word is a punctuation mark; the word follows it
        TOKEN.lastIndex = at + 1;
      }
      if (last && last.texte.slice(-1) === "'"
          && INSEPARABLE.has((last.texte + text).toLowerCase())) {
        last.texte += text;  // « aujourd' » + « hui »
        last.fin = at + text.length;
      } else {
        found.push({texte: text, debut: at, fin: at + text.length});
      }
    }
    return found;
  }

  function tokenize(text) {
    return tokenizeAt(normalize(text)).map(function (t) { return t.texte; });
  }

  var isWord = remembered(function (token) {
    var rest = token.charAt(0) === "-" && token.length > 1 ? token.slice(1) : token;
    return WORD_START.test(rest);
  });

  function key(token) {
    return Object.prototype.hasOwnProperty.call(PUNCT_KEYS, token) ? PUNCT_KEYS[token] : token;
  }

  /* A copy repeats its words and the alignment asks the same questions many times:
     remember each answer (a page holds a few thousand distinct tokens at most). */
  function remembered(compute) {
    var cache = new Map();
    return function (token) {
      var value = cache.get(token);
      if (value === undefined) { value = compute(token); cache.set(token, value); }
      return value;
    };
  }
  function ligatures(text) { return text.replace(/œ/g, "oe").replace(/æ/g, "ae"); }
  function separators(text) { return text.replace(/['-]/g, ""); }
  function stripAccents(text) { return text.normalize("NFD").replace(/[\u0300-\u036f]/g, ""); }
  var fold = remembered(function (token) {
    return separators(stripAccents(ligatures(token.toLowerCase())));
  });
  var base = remembered(function (token) { return separators(token.toLowerCase()); });
  var lookup = remembered(function (token) {
    var form = ligatures(token.toLowerCase());
    return form.charAt(0) === "-" ? form.slice(1) : form;
  });
  // Verb endings, folded, longest first: « pensont » is « pens » + « ont », like « pensons ».
  var VERB_ENDINGS = ["aient", "assent", "issent", "erent", "irent", "ions", "iez", "ons", "ont", "ire",
    "ent", "ees", "ais", "ait", "ant", "ues", "ies", "ez", "er", "ir", "re", "ai", "as", "ee",
    "es", "ue", "ie", "us", "is", "it", "ds", "e", "s", "t", "x", "a", "i", "u", "d"];
  var MIN_STEM = 3;
  // Code points, as Python counts; remembered: the alignment asks for the same words.
  var length = remembered(function (text) { return Array.from(text).length; });
  /* Every way to read a folded word as a stem of three letters or more plus a verb
     ending: « considere » is « consider » + « e » or « conside » + « re ». */
  function stems(folded) {
    var found = new Set();
    VERB_ENDINGS.forEach(function (ending) {
      if (folded.slice(-ending.length) === ending && length(folded) - ending.length >= MIN_STEM) {
        found.add(folded.slice(0, folded.length - ending.length));
      }
    });
    return found;
  }
  /* tokens.py single: double letters single, « appeller » is « apeler ». */
  var single = remembered(function (folded) { return folded.replace(/(.)\1+/gu, "$1"); });
  var stemsOf = remembered(stems);  // asked again for each verb of the text: read-only sets
  // Spellings of one sound, so that « drapo » is as close to « drapeau » as « drapeu ».
  var SKETCH = [["eau", "o"], ["au", "o"], ["ph", "f"], ["qu", "k"], ["ai", "e"], ["ei", "e"],
    ["oe", "e"], ["ck", "k"], ["ca", "ka"], ["co", "ko"], ["cu", "ku"]];
  var sketch = remembered(function (folded) {
    SKETCH.forEach(function (pair) { folded = folded.split(pair[0]).join(pair[1]); });
    if (folded.slice(-1) === "c") { folded = folded.slice(0, -1) + "k"; }
    return folded.replace(/(.)\1+/gu, "$1");
  });
  function join(first, second) {
    var glue = first.slice(-1) === "'" || second.charAt(0) === "-" ? "" : " ";
    return first + glue + second;
  }

  /* ---- table.py: the word table, built only from its JSON data --------- */
  /* table.py in_compound: a word of a hyphenated word (« Là » and « -bas »). */
  function inCompound(tokens, i) {
    var token = tokens[i], following = i + 1 < tokens.length ? tokens[i + 1] : "";
    return isWord(token) && (token.charAt(0) === "-"
      || (following.charAt(0) === "-" && isWord(following)));
  }

  /* table.py accent_only: the word without its accents is a misspelling of it, never a
     homophone (« La-bas », « A Hong Kong »). */
  function accentOnly(tokens, i) {
    var first = Array.from(tokens[i].replace(/^-+/, ""))[0] || "";
    return inCompound(tokens, i) || (first !== first.toLowerCase()
      && first === first.toUpperCase() && stripAccents(first) !== first);
  }

  function Table(data) {
    if (data.format !== "dictee-corriger/1") {
      throw new Error("format de table inconnu\u00a0: " + data.format);
    }
    var self = this, verbs = new Set(data.verbes);
    this.tokens = data.jetons;
    this.lookups = data.jetons.map(lookup);
    this.folds = data.jetons.map(fold);
    this.forms = [];
    this.sounds = [];
    this.foldedForms = [];
    this.foldedSounds = [];
    this.stems = [];
    data.mots.forEach(function (word, i) {
      var forms = new Set(), sounds = new Set(), own = self.folds[i], isVerb = false;
      if (word) {
        word.lemmes.forEach(function (l) {
          data.lemmes[l].forEach(function (f) { forms.add(f); });
          isVerb = isVerb || verbs.has(l);
        });
        word.sons.forEach(function (s) { data.sons[s].forEach(function (f) { sounds.add(f); }); });
      }
      if (accentOnly(data.jetons, i)) {
        // « La-bas », « A Hong Kong »: an accent missing, not the homophone.
        sounds.forEach(function (f) { if (fold(f) === own) { sounds.delete(f); } });
      }
      var foldedForms = new Set(), foldedSounds = new Set();
      forms.forEach(function (f) { foldedForms.add(fold(f)); });
      // An elided word and the next, without their apostrophe, are no word (« d'an »).
      sounds.forEach(function (f) {
        if (!forms.has(f) && f.indexOf("'") < 0) { foldedSounds.add(fold(f)); }
      });
      foldedForms.delete(own);
      foldedSounds.delete(own);
      self.forms.push(forms);
      self.sounds.push(sounds);
      self.foldedForms.push(foldedForms);
      self.foldedSounds.push(foldedSounds);
      self.stems.push(isVerb ? stems(own) : new Set());
    });
    // Each expected word and the next, folded together (merge() asks for every written word).
    this.joined = data.jetons.map(function (t, i) {
      return i + 1 < data.jetons.length ? fold(t + data.jetons[i + 1]) : null;
    });
    var rectifiees = data.rectifiees || {};
    this.rectified = data.jetons.map(function (t, i) { return new Set(rectifiees[String(i)] || []); });
    this.pairs = {};
    Object.keys(data.paires).forEach(function (i) {
      var set = new Set();
      data.paires[i].sons.forEach(function (s) { data.sons[s].forEach(function (f) { set.add(f); }); });
      self.pairs[Number(i)] = set;
    });
  }
  /* The expected word in its other spelling of the 1990 reform (not an error). */
  Table.prototype.isRectified = function (i, written) { return this.rectified[i].has(written); };
  /* table.py Table.traditional_only: rectified spellings counted as errors. */
  Table.prototype.traditionalOnly = function () {
    var strict = Object.create(Table.prototype), self = this;
    Object.keys(this).forEach(function (k) { strict[k] = self[k]; });
    strict.rectified = this.tokens.map(function () { return new Set(); });
    return strict;
  };
  /* table.py Table.prefix: the table of the first `size` tokens. */
  Table.prototype.prefix = function (size) {
    var cut = Object.create(Table.prototype), self = this;
    ["tokens", "lookups", "folds", "forms", "sounds", "foldedForms", "foldedSounds",
      "stems", "rectified", "joined"].forEach(function (name) {
      cut[name] = self[name].slice(0, size);
    });
    cut.pairs = {};
    Object.keys(this.pairs).forEach(function (i) {
      if (Number(i) + 1 < size) { cut.pairs[i] = self.pairs[i]; }
    });
    return cut;
  };
  Table.prototype.isForm = function (i, form) {
    return form !== this.lookups[i] && this.forms[i].has(form);
  };
  Table.prototype.isHomophone = function (i, form) {
    return form !== this.lookups[i] && !this.forms[i].has(form) && this.sounds[i].has(form);
  };
  Table.prototype.isFoldedForm = function (i, folded) { return this.foldedForms[i].has(folded); };
  Table.prototype.isFoldedHomophone = function (i, folded) { return this.foldedSounds[i].has(folded); };
  Table.prototype.isVerbEnding = function (i, folded) {
    if (folded === this.folds[i] || this.stems[i].size === 0) { return false; }
    var own = this.stems[i];
    if (own.has(folded) || Array.from(stemsOf(folded)).some(function (s) { return own.has(s); })) {
      return true;
    }
    // The same with double letters single (« appeller » for « appelé »), unless that is
    // all that differs (« portter » for « porter »).
    var mine = single(this.folds[i]), theirs = single(folded);
    if (mine === theirs) { return false; }
    var roots = stemsOf(mine);
    return roots.has(theirs) || Array.from(stemsOf(theirs)).some(function (s) { return roots.has(s); });
  };
  Table.prototype.isPairHomophone = function (i, form) {
    var sounds = this.pairs[i];
    if (!sounds) { return false; }
    return form !== this.lookups[i] + this.lookups[i + 1] && sounds.has(form);
  };

  /* ---- classify.py ---------------------------------------------------- */
  var MOT = "mot", HOMOPHONE = "homophone", GRAMMAIRE = "grammaire", ACCENT = "accent",
    PONCTUATION = "ponctuation-majuscule", USAGE = "usage";
  var CATEGORIES = [MOT, HOMOPHONE, GRAMMAIRE, ACCENT, PONCTUATION, USAGE];
  var GAP = 10, TYPO = 1, LEXICAL = 5, PUNCT_CHANGED = 10, FAR = 10;
  var MERGE_TYPO = GAP + 1, MERGE_LEXICAL = GAP + 4, MERGE_USAGE = GAP + 8;  // one token more or less than a pair
  var SHIFT_TYPO = 2 * TYPO;  // « la bandon » for « l'abandon »: the boundary moved

  /* Levenshtein distance over code points (as rapidfuzz counts them): `a` and `b` are
     arrays of code points. One row, reused (the alignment asks thousands of times). */
  var row = new Int32Array(64);
  function levenshtein(a, b) {
    if (a.length === 0) { return b.length; }
    if (row.length <= b.length) { row = new Int32Array(2 * b.length + 2); }
    var i, j;
    for (j = 0; j <= b.length; j++) { row[j] = j; }
    for (i = 1; i <= a.length; i++) {
      var diagonal = row[0], left = i, letter = a[i - 1];
      row[0] = i;
      for (j = 1; j <= b.length; j++) {
        var above = row[j];
        left = Math.min(above + 1, left + 1, diagonal + (letter === b[j - 1] ? 0 : 1));
        row[j] = left;
        diagonal = above;
      }
    }
    return row[b.length];
  }
  function codePoints(text) {
    return Array.from(text, function (c) { return c.codePointAt(0); });
  }
  var foldPoints = remembered(function (token) { return codePoints(fold(token)); });
  var sketchPoints = remembered(function (token) { return codePoints(sketch(fold(token))); });

  function distance(expected, written) {
    var a = foldPoints(expected), b = foldPoints(written);
    return [levenshtein(a, b), Math.max(a.length, b.length, 1)];
  }

  /* A misspelling (usage) rather than another word: on sketches, at most one edit per
     three letters beyond the first. */
  /* classify.py is_close: on the folded words, or on their sketches, each against its
     own length. */
  /* Optimal string alignment distance over code points (rapidfuzz's OSA): Levenshtein,
     and two neighbouring letters swapped count one edit. */
  function osa(a, b) {
    var before = null, previous = [], current, i, j;
    for (j = 0; j <= b.length; j++) { previous.push(j); }
    for (i = 1; i <= a.length; i++) {
      current = [i];
      for (j = 1; j <= b.length; j++) {
        var value = Math.min(previous[j] + 1, current[j - 1] + 1,
                             previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          value = Math.min(value, before[j - 2] + 1);
        }
        current.push(value);
      }
      before = previous;
      previous = current;
    }
    return previous[b.length];
  }

  function isClose(expected, written) {
    var a = foldPoints(expected), b = foldPoints(written);
    if (osa(a, b) <= Math.floor((Math.max(a.length, b.length) - 1) / 3)) { return true; }
    a = sketchPoints(expected);
    b = sketchPoints(written);
    return osa(a, b) <= Math.floor((Math.max(a.length, b.length) - 1) / 3);
  }

  function typographic(expected, written) {
    return base(expected) !== base(written) ? ACCENT : PONCTUATION;
  }

  /* Homophone or another form of the word: as written, then ignoring accents. */
  function lexical(table, index, written) {
    var form = lookup(written), folded = fold(written);
    if (table.isHomophone(index, form)) { return HOMOPHONE; }
    if (table.isForm(index, form)) { return GRAMMAIRE; }
    if (table.isFoldedHomophone(index, folded)) { return HOMOPHONE; }
    if (table.isFoldedForm(index, folded) || table.isVerbEnding(index, folded)) { return GRAMMAIRE; }
    if (isAgreementMark(table.folds[index], folded)) { return GRAMMAIRE; }
    return null;
  }

  /* classify.py is_agreement_mark: « quatres », « vingts », « juins ». */
  var AGREEMENT_MARKS = ["s", "x"];
  function isAgreementMark(expectedFold, writtenFold) {
    return expectedFold.length > 0 && AGREEMENT_MARKS.some(function (mark) {
      return writtenFold === expectedFold + mark;
    });
  }

  /* classify.py ELISION_CONFUSIONS: « qui » and « qu'il(s) » are said alike. */
  var ELISION_CONFUSIONS = {"qui": [["qu'", "il"], ["qu'", "ils"]]};
  // Its own keys only: a copy may hold « constructor » or « toString ».
  function confusions(single) {
    var form = lookup(single);
    return Object.prototype.hasOwnProperty.call(ELISION_CONFUSIONS, form) ? ELISION_CONFUSIONS[form] : [];
  }
  function isElisionConfusion(single, first, second) {
    var confused = confusions(single);
    if (!confused.length) { return false; }
    var a = lookup(first), b = lookup(second);
    return confused.some(function (pair) { return pair[0] === a && pair[1] === b; });
  }

  /* classify.py is_cut_misspelling: « super marcher », « car tier » for « quartier ». */
  function isCutMisspelling(expected, first, second) {
    var head = fold(first), tail = fold(second), whole = fold(expected);
    var starts = length(head) >= 3 && whole.slice(0, head.length) === head && whole !== head;
    var ends = length(tail) >= 3 && whole.slice(whole.length - tail.length) === tail
      && whole !== tail;
    return (starts || ends) && isWord(first) && first.slice(-1) !== "'"
      && second.charAt(0) !== "-" && isClose(expected, first + second);
  }

  /* classify.py is_glued_misspelling: « mondentier » for « monde entier ». */
  var firstThree = remembered(function (text) { return Array.from(text).slice(0, 3).join(""); });
  var lastThree = remembered(function (text) { return Array.from(text).slice(-3).join(""); });
  function ends3(text, last) { return last ? lastThree(text) : firstThree(text); }
  function isGluedMisspelling(first, second, written) {
    var one = fold(first), two = fold(second), glued = fold(written);
    return ends3(glued, false) === ends3(one, false) && ends3(glued, true) === ends3(two, true)
      && length(one) >= 3 && length(two) >= 3 && first.slice(-1) !== "'"
      && second.charAt(0) !== "-" && isClose(first + second, written)
      && !isClose(first, written) && !isClose(second, written);
  }

  /* numbers.py number_value: the number spelt in French words, else null. */
  var NUMBER_WORDS = {zero: 0, "zéro": 0, un: 1, une: 1, deux: 2, trois: 3, quatre: 4,
    cinq: 5, six: 6, sept: 7, huit: 8, neuf: 9, dix: 10, onze: 11, douze: 12, treize: 13,
    quatorze: 14, quinze: 15, seize: 16, vingt: 20, trente: 30, quarante: 40,
    cinquante: 50, soixante: 60};
  function numberValue(text) {
    var words = text.toLowerCase().split(/[\s-]+/).filter(function (w) { return w !== ""; });
    if (!words.length || words[0] === "et" || words[words.length - 1] === "et") { return null; }
    var total = 0, current = 0, previous = "";
    for (var k = 0; k < words.length; k++) {
      var word = words[k];
      if (word === "et") {
        // part of « vingt et un »
      } else if (word === "cent" || word === "cents") {
        current = (current || 1) * 100;
      } else if (word === "mille") {
        total += (current || 1) * 1000; current = 0;
      } else if ((word === "vingt" || word === "vingts") && previous === "quatre") {
        current += 76;
      } else if (word === "vingts") {
        return null;
      } else if (Object.prototype.hasOwnProperty.call(NUMBER_WORDS, word)) {
        current += NUMBER_WORDS[word];
      } else {
        return null;
      }
      previous = word;
    }
    return total + current;
  }
  /* numbers.py join_numbers: each run of two written words or more spelling a number
     the text writes in digits (and nowhere in words) read as one token; `placed` are
     tokenizeAt's tokens, the joined one spans the run. */
  var NUMBER_PARTS = new Set(Object.keys(NUMBER_WORDS).concat(["cent", "cents", "mille", "vingts", "et"]));
  var LONGEST_NUMBER_RUN = 12;
  function numberPart(token) { return NUMBER_PARTS.has(token.toLowerCase().replace(/^-+/, "")); }
  function isEt(token) { return token.toLowerCase().replace(/^-+/, "") === "et"; }
  function runEnd(tokens, p) {
    var q = p;
    while (q < tokens.length && numberPart(tokens[q]) && q - p < LONGEST_NUMBER_RUN) { q += 1; }
    return q;
  }
  function longestNumber(tokens, p, values) {
    if (!numberPart(tokens[p]) || isEt(tokens[p])) { return 0; }
    for (var end = runEnd(tokens, p); end >= p + 2; end--) {
      if (!isEt(tokens[end - 1]) && values.has(numberValue(tokens.slice(p, end).join(" ")))) {
        return end;
      }
    }
    return 0;
  }
  function joinNumbers(placed, expected) {
    var values = new Set(), p, end;
    expected.forEach(function (t) { var v = digitsValue(t); if (v !== null) { values.add(v); } });
    if (!values.size) { return placed; }
    for (p = 0; p < expected.length;) {  // numbers the text spells in words: left alone
      if (!numberPart(expected[p]) || isEt(expected[p])) { p += 1; continue; }
      var stop = runEnd(expected, p);
      for (var start = p; start < stop; start++) {
        for (end = start + 2; end <= stop; end++) {
          values.delete(numberValue(expected.slice(start, end).join(" ")));
        }
      }
      p = stop;
    }
    var tokens = placed.map(function (t) { return t.texte; }), found = [];
    for (p = 0; p < placed.length;) {
      end = longestNumber(tokens, p, values);
      if (end) {
        var text = tokens[p];
        for (var k = p + 1; k < end; k++) { text += (tokens[k].charAt(0) === "-" ? "" : " ") + tokens[k]; }
        found.push({texte: text, debut: placed[p].debut, fin: placed[end - 1].fin});
        p = end;
      } else {
        found.push(placed[p]);
        p += 1;
      }
    }
    return found;
  }

  /* numbers.py digits_value: a token of digits only. */
  var digitsValue = remembered(function (token) {
    return /^[0-9]+$/.test(token) ? parseInt(token, 10) : null;
  });

  /* classify.py is_far_usage: the liaison at the head of the word, or the number in digits. */
  function isFarUsage(expected, written) {
    var number = digitsValue(written);
    return isLiaison(expected, written) || (number !== null && number === numberValue(expected));
  }

  /* classify.py is_liaison: « un nan » for « un an », « les zenfants ». */
  var LIAISON_CONSONANTS = ["n", "z", "t"], LIAISON_VOWELS = "aeiouyh";
  function isLiaison(expected, written) {
    var word = fold(expected), heard = fold(written);
    return word.length > 0 && LIAISON_VOWELS.indexOf(word.charAt(0)) >= 0
      && LIAISON_CONSONANTS.some(function (c) { return heard === c + word; });
  }

  /* `rough`: a misspelling (usage) is left as another word (mot): they cost the same to
     the alignment, which need not ask is_close, the dearest question, for every pair. */
  function substitution(table, index, written, rough) {
    var expected = table.tokens[index];
    if (key(expected) === key(written) || table.isRectified(index, written)) { return null; }
    if (!isWord(expected) || !isWord(written)) {
      if (isWord(expected) || isWord(written)) {
        throw new Error("a word and a punctuation mark are never paired");
      }
      return PONCTUATION;
    }
    var number = digitsValue(expected);
    if (number !== null && number === numberValue(written)) { return null; }  // « onze » for « 11 »
    var category = lexical(table, index, written);
    if (category) { return category; }
    if (fold(expected) === fold(written)) { return typographic(expected, written); }
    if (rough) { return MOT; }
    return isClose(expected, written) || isFarUsage(expected, written) ? USAGE : MOT;
  }

  function substitutionCost(table, index, written) {
    var expected = table.tokens[index];
    if (isWord(expected) !== isWord(written)) { return null; }
    var category = substitution(table, index, written, true);
    if (category === null) { return 0; }
    if (!isWord(expected)) { return PUNCT_CHANGED; }
    if (category === ACCENT || category === PONCTUATION) { return TYPO; }
    if (category === HOMOPHONE || category === GRAMMAIRE) { return LEXICAL; }
    var d = distance(expected, written);  // mot or usage: the same cost
    return FAR + Math.floor(9 * d[0] / d[1]);
  }

  function merge(table, index, written) {
    if (index + 1 >= table.tokens.length) { return null; }
    var first = table.tokens[index], second = table.tokens[index + 1];
    if (!(isWord(first) && isWord(second) && isWord(written))) { return null; }
    var number = digitsValue(written);
    if (number !== null && number === numberValue(first + second)) { return USAGE; }  // « 22 »
    if (table.isPairHomophone(index, lookup(written)) || isElisionConfusion(written, first, second)) {
      return HOMOPHONE;
    }
    if (table.joined[index] === fold(written)) { return typographic(first + second, written); }
    if (isGluedMisspelling(first, second, written)) { return USAGE; }
    return null;
  }

  function split(table, index, first, second) {
    var expected = table.tokens[index];
    if (!(isWord(expected) && isWord(first) && isWord(second))) { return null; }
    if (first.slice(-1) === "'" && second.charAt(0) !== "-"
        && (table.isHomophone(index, lookup(first) + lookup(second))
            || isElisionConfusion(expected, first, second))) { return HOMOPHONE; }
    if (fold(first + second) === fold(expected)) { return typographic(expected, first + second); }
    if (isCutMisspelling(expected, first, second)) { return USAGE; }
    return null;
  }

  /* Two expected words written as two tokens that part elsewhere: « la bandon » for
     « l'abandon », one error (classify.shift). */
  function shift(table, index, first, second) {
    if (index + 1 >= table.tokens.length) { return null; }
    var one = table.tokens[index], two = table.tokens[index + 1];
    if (!(isWord(one) && isWord(two) && isWord(first) && isWord(second))) { return null; }
    if (fold(first) === fold(one) || fold(first) + fold(second) !== fold(one) + fold(two)) {
      return null;
    }
    return base(first) + base(second) !== base(one) + base(two) ? ACCENT : PONCTUATION;
  }

  function shiftCost(category) { return category === null ? null : SHIFT_TYPO; }

  function mergeCost(category) {
    if (category === null) { return null; }
    if (category === USAGE) { return MERGE_USAGE; }
    return category === HOMOPHONE ? MERGE_LEXICAL : MERGE_TYPO;
  }

  /* The written « - » and the word after it read as the hyphenated token they stand
     for (« -lui » when « Écrivons » is left out); null if not that case. */
  function hyphenated(table, index, first, second) {
    var expected = table.tokens[index];
    if (first === "-" && expected.length > 1 && expected.charAt(0) === "-" && isWord(second)
        && second.charAt(0) !== "-" && fold(second) === fold(expected)) {
      return "-" + second;
    }
    return null;
  }

  function splitCost(table, index, first, second) {
    var joined = hyphenated(table, index, first, second);
    if (joined !== null) { return substitutionCost(table, index, joined); }
    return mergeCost(split(table, index, first, second));
  }

  /* ---- alignment.py: the same recurrence, written directly ------------
     D[0][j] = GAP·j; D[i][j] = the cheapest of, in this order on equal costs:
     added D[i][j-1] + GAP, pair D[i-1][j-1] + cost, merge D[i-2][j-1] + cost,
     split D[i-1][j-2] + cost, shift D[i-2][j-2] + cost, missing D[i-1][j] + GAP; costs
     first, then the fewer errors (steps that cost something): a step of cost c weighs
     c·S + 1, S above the number of steps any path takes. */
  var PAIR = 1, MERGE = 2, SPLIT = 3, SHIFT = 4, MISSING = 5, ADDED = 6;

  function align(table, tokens) {
    var n = table.tokens.length, m = tokens.length;
    // Costs depend only on a token's text: compute them once per distinct written token.
    var ids = new Map(), id = [], distinct = [];
    tokens.forEach(function (t) {
      if (!ids.has(t)) { ids.set(t, distinct.length); distinct.push(t); }
      id.push(ids.get(t));
    });
    var size = distinct.length, UNKNOWN = -2, NEVER = -1;
    var pairs = new Int16Array(n * size).fill(UNKNOWN);
    var merges = new Int16Array(n * size).fill(UNKNOWN);
    var splits = new Map(), shifts = new Map();
    function known(value) { return value === null ? NEVER : value; }
    function pairCost(i, j) {
      var at = i * size + id[j];
      if (pairs[at] === UNKNOWN) { pairs[at] = known(substitutionCost(table, i, tokens[j])); }
      return pairs[at] === NEVER ? null : pairs[at];
    }
    // What the candidate tests below compare, computed once per token rather than once
    // per cell; a folded text is known by its number in `texts` (-1: no written pair has it).
    var texts = new Map(), twoWritten = new Int32Array(m), k;
    for (k = 0; k + 1 < m; k++) {
      var two = fold(tokens[k]) + fold(tokens[k + 1]);
      if (!texts.has(two)) { texts.set(two, texts.size); }
      twoWritten[k] = texts.get(two);
    }
    function numbered(text) { return texts.has(text) ? texts.get(text) : -1; }
    var oneExpected = new Int32Array(n), twoExpected = new Int32Array(n);
    for (k = 0; k < n; k++) {
      oneExpected[k] = numbered(table.folds[k]);
      twoExpected[k] = k + 1 < n ? numbered(table.folds[k] + table.folds[k + 1]) : -1;
    }
    function mergeStep(i, j) {
      var at = i * size + id[j];
      if (merges[at] === UNKNOWN) { merges[at] = known(mergeCost(merge(table, i, tokens[j]))); }
      return merges[at] === NEVER ? null : merges[at];
    }
    var letters = new Int32Array(m), elided = new Uint8Array(m);  // a word's folded length
    for (k = 0; k < m; k++) {
      letters[k] = isWord(tokens[k]) ? length(fold(tokens[k])) : 0;
      elided[k] = tokens[k].slice(-1) === "'" ? 1 : 0;
    }
    var whole = table.folds.map(length);
    function splitStep(i, j) {
      // The candidates alignment.py `_splits` offers: the folds add up to the expected
      // word's, or an elided word and the next sound like it. split() decides.
      // Or a cut misspelt word: its first piece starts the word, or its second ends it.
      var one = tokens[j], two = tokens[j + 1], folded = table.folds[i];
      if (twoWritten[j] !== oneExpected[i] && !(elided[j]
          && (table.sounds[i].has(lookup(one) + lookup(two))
              || isElisionConfusion(table.tokens[i], one, two)))
          && !(letters[j] >= 3 && letters[j] < whole[i] && folded.startsWith(fold(one)))
          && !(letters[j + 1] >= 3 && letters[j + 1] < whole[i] && folded.endsWith(fold(two)))) {
        return null;
      }
      var at = (i * size + id[j]) * size + id[j + 1];
      if (!splits.has(at)) { splits.set(at, splitCost(table, i, tokens[j], tokens[j + 1])); }
      return splits.get(at);
    }
    function shiftStep(i, j) {
      // The candidates alignment.py `_shifts` offers: the same letters as words i, i+1.
      if (twoWritten[j] !== twoExpected[i] || twoExpected[i] < 0) { return null; }
      var one = tokens[j], two = tokens[j + 1];
      if (!isWord(one) || !isWord(two)) { return null; }
      var at = (i * size + id[j]) * size + id[j + 1];
      if (!shifts.has(at)) { shifts.set(at, shiftCost(shift(table, i, one, two))); }
      return shifts.get(at);
    }
    // Costs of rows r-2, r-1 and r only (the recurrence looks no further back); the step
    // codes of every cell, for the walk back.
    var S = n + m + 1, gapWeight = GAP * S + 1;
    function weigh(c) { return c === null ? null : c * S + (c > 0 ? 1 : 0); }
    var before = new Float64Array(m + 1), previous = new Float64Array(m + 1), code = [], r, j;
    var first = new Uint8Array(m + 1);
    for (j = 0; j <= m; j++) { previous[j] = gapWeight * j; first[j] = j === 0 ? MISSING : ADDED; }
    code.push(first);
    for (r = 1; r <= n; r++) {
      var row = new Float64Array(m + 1), steps = new Uint8Array(m + 1);
      for (j = 0; j <= m; j++) {
        var best = Infinity, step = 0, c;
        if (j >= 1) {
          c = weigh(pairCost(r - 1, j - 1));
          if (c !== null) { best = previous[j - 1] + c; step = PAIR; }
          if (r >= 2) {
            c = weigh(mergeStep(r - 2, j - 1));
            if (c !== null && before[j - 1] + c < best) { best = before[j - 1] + c; step = MERGE; }
          }
          if (j >= 2) {
            c = weigh(splitStep(r - 1, j - 2));
            if (c !== null && previous[j - 2] + c < best) { best = previous[j - 2] + c; step = SPLIT; }
          }
          if (r >= 2 && j >= 2) {
            c = weigh(shiftStep(r - 2, j - 2));
            if (c !== null && before[j - 2] + c < best) { best = before[j - 2] + c; step = SHIFT; }
          }
        }
        if (previous[j] + gapWeight < best) { best = previous[j] + gapWeight; step = MISSING; }
        if (j >= 1 && row[j - 1] + gapWeight <= best) { best = row[j - 1] + gapWeight; step = ADDED; }
        row[j] = best;
        steps[j] = step;
      }
      code.push(steps);
      before = previous;
      previous = row;
    }
    var walk = [];
    r = n; j = m;
    while (r > 0 || j > 0) {
      var s = code[r][j];
      if (s === ADDED) { walk.push({kind: "added", expected: r, written: j - 1}); j -= 1; }
      else if (s === PAIR) { walk.push({kind: "pair", expected: r - 1, written: j - 1}); r -= 1; j -= 1; }
      else if (s === MERGE) { walk.push({kind: "merge", expected: r - 2, written: j - 1}); r -= 2; j -= 1; }
      else if (s === SPLIT) { walk.push({kind: "split", expected: r - 1, written: j - 2}); r -= 1; j -= 2; }
      else if (s === SHIFT) { walk.push({kind: "shift", expected: r - 2, written: j - 2}); r -= 2; j -= 2; }
      else { walk.push({kind: "missing", expected: r - 1, written: j}); r -= 1; }
    }
    return walk.reverse();
  }

  /* ---- correction.py and scale.py ------------------------------------- */
  function gap(token) { return isWord(token) ? MOT : PONCTUATION; }

  function error(table, written, step) {
    var expected = table.tokens, category, token;
    if (step.kind === "pair") {
      token = written[step.written];
      category = substitution(table, step.expected, token);
      return category === null ? null : [expected[step.expected], token, category];
    }
    if (step.kind === "merge") {
      token = written[step.written];
      category = merge(table, step.expected, token);
      return [join(expected[step.expected], expected[step.expected + 1]), token, category || MOT];
    }
    if (step.kind === "shift") {  // « la bandon » for « l'abandon »: one error
      category = shift(table, step.expected, written[step.written], written[step.written + 1]);
      return [join(expected[step.expected], expected[step.expected + 1]),
              join(written[step.written], written[step.written + 1]), category || MOT];
    }
    if (step.kind === "split") {
      var one = written[step.written], two = written[step.written + 1];
      var joined = hyphenated(table, step.expected, one, two);
      if (joined !== null) {  // « -lui » with its word left out: right, or a typo
        category = substitution(table, step.expected, joined);
        return category === null ? null : [expected[step.expected], joined, category];
      }
      category = split(table, step.expected, one, two);
      return [expected[step.expected], join(one, two), category || MOT];
    }
    if (step.kind === "missing") {
      token = expected[step.expected];
      return [token, "", gap(token)];
    }
    token = written[step.written];
    return ["", token, gap(token)];
  }

  /* Hundredths as the number a teacher reads (3, 3.5, 3.25): the same double as Python's. */
  function number(hundredths) { return hundredths / 100; }

  /* scale.py Scale.counted: a repeated error once if the scale says so (the same written
     form for the same expected word), then the first `plafond` errors only. */
  function counted(errors, scale) {
    var counts = {}, seen = new Set(), total = 0;
    CATEGORIES.forEach(function (c) { counts[c] = 0; });
    for (var k = 0; k < errors.length; k++) {
      var e = errors[k];
      if (scale.repetition === "une-fois" && e.attendu && e.ecrit) {
        var repeated = e.attendu.toLowerCase() + "\u0000" + e.ecrit.toLowerCase();
        if (seen.has(repeated)) { continue; }
        seen.add(repeated);
      }
      if (scale.plafond && total >= scale.plafond) { break; }
      counts[e.categorie] += 1;
      total += 1;
    }
    return counts;
  }

  /* correction.py: the copy looked at whole before it is marked. */
  var EMPTY = "copie vide", INCOMPLETE = "copie incomplète", TOO_LONG = "copie trop longue",
    UNRELATED = "copie sans rapport avec le texte";
  var INCOMPLETE_MIN_WORDS = 4, STRAGGLERS = 3, TOO_LONG_PERCENT = 175, RELATED_MIN_RATIO = 2;
  // correction.py ALIGNED_MAX_PERCENT: a pasted page is flagged too long unaligned, at once.
  var ALIGNED_MAX_PERCENT = 1000;
  // correction.py ENGLISH_WORDS: a copy in English is unrelated, folded.
  var ENGLISH_WORDS = new Set(("and are at be been but by for from has have he her his in is "
    + "it its of she that the their they this to was we were which who with you").split(" "));
  var ENGLISH_MIN_WORDS = 3;
  // correction.py FUNCTION_WORDS (data/mots-outils.txt, from the parts of speech of
  // Lexique): left out of the relatedness count, folded.
  var FUNCTION_WORDS = new Set((
    "a ai as au aux avait avec avez c ca ce ces cette comme d dans de des du elle en est "
    + "et etait il ils j je jusqu l la le les lorsqu lui m ma mais me mes moi mon n ne "
    + "notre nous on ont ou par pas plus pour puisqu qu quand que quelqu qui quoiqu rien s "
    + "sa sans se ses si son sous suis sur t ta te toi ton tout tu un une votre vous y").split(" "));
  var SENTENCE_ENDS = new Set([".", "!", "?", "\u2026"]);

  function sentenceOf(tokens, position) {
    var sentence = 1, ended = false;
    for (var k = 0; k <= position && k < tokens.length; k++) {
      if (!isWord(tokens[k])) { ended = ended || SENTENCE_ENDS.has(tokens[k]); }
      else if (ended) { sentence += 1; ended = false; }
    }
    return sentence;
  }

  function answers(table, step) {
    return step.kind !== "missing" && step.kind !== "added" && isWord(table.tokens[step.expected]);
  }

  /* correction.py cost: what the alignment paid for `steps`. */
  function cost(table, written, steps) {
    var total = 0;
    steps.forEach(function (step) {
      if (step.kind === "pair") {
        total += substitutionCost(table, step.expected, written[step.written]);
      } else if (step.kind === "merge") {
        total += mergeCost(merge(table, step.expected, written[step.written]));
      } else if (step.kind === "shift") {
        total += shiftCost(shift(table, step.expected, written[step.written], written[step.written + 1]));
      } else if (step.kind === "split") {
        total += splitCost(table, step.expected, written[step.written], written[step.written + 1]);
      } else {
        total += GAP;  // one missing token, or one added (the steps here are one token each)
      }
    });
    return total;
  }

  /* correction.py _cuts: right after an expected word one of the copy's last words
     (STRAGGLERS + 1 of them) answers, plus the tokens written after it; nearest first. */
  function cuts(table, written) {
    var found = new Set(), seen = 0, n = table.tokens.length, m = written.length, i, j;
    for (j = m - 1; j >= 0; j--) {
      if (!isWord(written[j])) { continue; }
      for (i = 0; i < n; i++) {
        if (isWord(table.tokens[i]) && substitution(table, i, written[j]) !== MOT) {
          found.add(Math.min(n, i + m - j));
        }
      }
      seen += 1;
      if (seen > STRAGGLERS) { break; }
    }
    return Array.from(found).sort(function (a, b) {
      return Math.abs(a - m) - Math.abs(b - m) || a - b;
    });
  }

  /* correction.py _reading: the prefix of the text the copy costs least against, if
     INCOMPLETE_MIN_WORDS words are left after it and the copy does not go on with as
     many words answering none of them: {table, steps, stop}, or null. */
  function reading(table, written, steps) {
    var missing = steps.filter(function (s) {
      return s.kind === "missing" && isWord(table.tokens[s.expected]);
    }).length;
    if (missing < INCOMPLETE_MIN_WORDS) { return null; }
    var bestCost = cost(table, written, steps), best = {table: table, steps: steps};
    var hyphens = written.filter(function (t) { return t === "-"; }).length;
    var candidates = cuts(table, written), k;
    for (k = 0; k < candidates.length; k++) {
      var cut = candidates[k];
      if (GAP * Math.max(0, Math.abs(cut - written.length) - hyphens) > bestCost) { break; }
      if (cut === table.tokens.length) { continue; }
      var prefix = table.prefix(cut), onPrefix = align(prefix, written);
      var paid = cost(prefix, written, onPrefix);
      if (paid < bestCost) { bestCost = paid; best = {table: prefix, steps: onPrefix}; }
    }
    var stop = stopOf(table, best.steps);
    if (stop === null) { return null; }
    var garbled = best.steps.filter(function (s) {
      return s.kind === "added" && s.expected >= stop.position && isWord(written[s.written]);
    }).length;
    if (garbled >= INCOMPLETE_MIN_WORDS) { return null; }
    best.stop = stop;
    return best;
  }

  /* correction.py _stop: the first word after the last word answered, if enough remain. */
  function stopOf(table, steps) {
    var last = -1, words = [], k;
    steps.forEach(function (step) {
      if (answers(table, step) && step.expected > last) { last = step.expected; }
    });
    for (k = last + 1; k < table.tokens.length; k++) {
      if (isWord(table.tokens[k])) { words.push(k); }
    }
    if (words.length < INCOMPLETE_MIN_WORDS) { return null; }
    return {phrase: sentenceOf(table.tokens, words[0]), position: words[0],
      mots_non_ecrits: words.length};
  }

  /* correction.py _related: one written content word in RELATED_MIN_RATIO or more,
     and at least two, answer an expected word where the alignment put it; never for a
     copy in English. */
  function related(table, written, steps, errors) {
    var wrong = new Set(), answering = new Set(), words = [], content, hits = 0, j;
    errors.forEach(function (e) {
      if (e.categorie === MOT && e.attendu && e.ecrit) { wrong.add(e.position); }
    });
    steps.forEach(function (s) {
      if ((s.kind === "pair" || s.kind === "merge" || s.kind === "split" || s.kind === "shift")
          && !wrong.has(s.expected) && isWord(table.tokens[s.expected])) {
        answering.add(s.written);
        if (s.kind === "split" || s.kind === "shift") { answering.add(s.written + 1); }
      }
    });
    for (j = 0; j < written.length; j++) { if (isWord(written[j])) { words.push(j); } }
    var english = 0, french = 0;
    words.forEach(function (k) {
      if (ENGLISH_WORDS.has(fold(written[k]))) { english += 1; }
      if (FUNCTION_WORDS.has(fold(written[k]))) { french += 1; }
    });
    if (english >= ENGLISH_MIN_WORDS && english > french) { return false; }
    content = words.filter(function (k) { return !FUNCTION_WORDS.has(fold(written[k])); });
    if (!content.length) { content = words; }
    content.forEach(function (k) { if (answering.has(k)) { hits += 1; } });
    return hits * RELATED_MIN_RATIO >= content.length && hits >= Math.min(2, content.length);
  }

  function flagOf(table, written, steps, errors) {
    var words = written.filter(isWord).length;
    if (!words) { return [EMPTY, null]; }
    if (words * 100 >= TOO_LONG_PERCENT * table.tokens.filter(isWord).length) {
      return [TOO_LONG, null];
    }
    if (!related(table, written, steps, errors)) { return [UNRELATED, null]; }
    var read = reading(table, written, steps);
    return read ? [INCOMPLETE, read] : [null, null];
  }

  /* Correct `copy` against `expected` with its word table and a scale whose weights
     and total are in hundredths (scale.py Scale.as_page). Returns the shape of `dictee
     corriger --json` (without "copie"), plus the alignment steps and written tokens for
     showing errors in place. `signalement` is null, « copie vide », « copie incomplète »,
     « copie trop longue » or « copie sans rapport avec le texte » (then no mark: note
     null), or « copie d'un autre texte » from suivre(); `copie_incomplete` says where
     a copy that stops early stops ({phrase, position, mots_non_ecrits}, phrase from
     1): « Ta copie s'arrête à la phrase 5 ». The words it never reached are not
     errors. */
  function corriger(expected, copy, data, scale) {
    var table = new Table(data);
    if (scale.orthographe_rectifiee === false) { table = table.traditionalOnly(); }
    if (tokenize(expected).join("\u0000") !== table.tokens.join("\u0000")) {
      throw new Error("la table de mots ne correspond pas au texte attendu");
    }
    var placed = joinNumbers(tokenizeAt(normalize(copy)), table.tokens);
    var written = placed.map(function (t) { return t.texte; });
    var words = written.filter(isWord).length;
    var errors = [], counts = {};
    CATEGORIES.forEach(function (c) { counts[c] = 0; });
    if (words && words * 100 >= ALIGNED_MAX_PERCENT * table.tokens.filter(isWord).length) {
      return {  // never aligned: the page stays responsive, and shows the copy as written
        erreurs: errors, nombre_erreurs: 0, par_categorie: counts, erreurs_comptees: 0,
        points: null, note: null, sur: number(scale.sur), signalement: TOO_LONG,
        copie_incomplete: null, autre_texte: null, etapes: [], jetons: placed
      };
    }
    var steps = align(table, written);
    steps.forEach(function (step) {
      var found = error(table, written, step);
      step.erreur = null;
      if (found) {
        step.erreur = {attendu: found[0], ecrit: found[1], categorie: found[2], position: step.expected};
        errors.push(step.erreur);
      }
    });
    var flag = flagOf(table, written, steps, errors), stop = null;
    if (flag[0] === EMPTY) {
      errors = [];
      steps.forEach(function (step) { step.erreur = null; });
    } else if (flag[1] !== null) {
      // Marked on what was written, against the text up to where the copy stops: the
      // words never reached are not errors, nor the punctuation that closes the copy.
      var cut = flag[1].table;
      steps = flag[1].steps;
      stop = flag[1].stop;
      errors = [];
      steps.forEach(function (step) {
        var found = error(cut, written, step);
        step.erreur = null;
        if (found && step.expected >= stop.position
            && (!found[1] || (!found[0] && !isWord(found[1])))) {
          found = null;  // never reached, or the punctuation that closes the copy
        }
        if (found) {
          step.erreur = {attendu: found[0], ecrit: found[1], categorie: found[2], position: step.expected};
          errors.push(step.erreur);
        }
      });
    }
    errors.forEach(function (e) { counts[e.categorie] += 1; });
    var scored = counted(errors, scale), points = 0, kept = 0;
    CATEGORIES.forEach(function (c) { points += scale.poids[c] * scored[c]; kept += scored[c]; });
    var marked = flag[0] !== EMPTY && flag[0] !== TOO_LONG && flag[0] !== UNRELATED;
    return {
      erreurs: errors, nombre_erreurs: errors.length, par_categorie: counts,
      erreurs_comptees: kept,
      points: marked ? number(points) : null,
      note: marked ? number(Math.max(0, scale.sur - points)) : null,
      sur: number(scale.sur), signalement: flag[0], copie_incomplete: stop,
      autre_texte: null, etapes: steps, jetons: placed
    };
  }

  /* others.py follow_other_texts, for one copy: `verdict` (corriger's, for `copy`)
     flagged « copie d'un autre texte », with autre_texte {cas, niveau}, when the copy
     looks off its text and one of `autres` ([{cas, niveau, attendu, table}], the
     table as corriger takes it) fits it: marked there (or stopping early) with at most
     one error in FOLLOWED_SHARE written words and 1 / FOLLOWED_RATIO of its errors here
     (the one with fewest; the first, on a tie). Otherwise `verdict` itself. */
  var OTHER_TEXT = "copie d'un autre texte";
  var OFF_TEXT_MIN_ERRORS = 5, OFF_TEXT_SHARE = 4, FOLLOWED_SHARE = 2, FOLLOWED_RATIO = 2;
  function suivre(copy, verdict, autres, scale) {
    var words = verdict.jetons.filter(function (t) { return isWord(t.texte); }).length;
    var n = verdict.nombre_erreurs, flag = verdict.signalement, best = null;
    var off = flag === UNRELATED || flag === TOO_LONG
      || (verdict.note !== null && n >= OFF_TEXT_MIN_ERRORS && n * OFF_TEXT_SHARE > words);
    if (!off || flag === OTHER_TEXT) { return verdict; }
    autres.forEach(function (autre) {
      if (words * 100 >= TOO_LONG_PERCENT * tokenize(autre.attendu).filter(isWord).length) {
        return;  // too long for that text too
      }
      var there = corriger(autre.attendu, copy, autre.table, scale);
      var fits = there.signalement !== EMPTY && there.signalement !== TOO_LONG
        && there.signalement !== UNRELATED && there.nombre_erreurs * FOLLOWED_SHARE <= words;
      if (fits && there.nombre_erreurs * FOLLOWED_RATIO <= n
          && (best === null || there.nombre_erreurs < best.erreurs)) {
        best = {erreurs: there.nombre_erreurs, autre: autre};
      }
    });
    if (best === null) { return verdict; }
    var flagged = {};
    Object.keys(verdict).forEach(function (k) { flagged[k] = verdict[k]; });
    flagged.signalement = OTHER_TEXT;
    flagged.points = null;
    flagged.note = null;
    flagged.copie_incomplete = null;
    flagged.autre_texte = {cas: best.autre.cas, niveau: best.autre.niveau};
    return flagged;
  }

  /* ---- showing the verdict in place ----------------------------------- */
  var LEANS_LEFT = /^[.,;:!?\u2026\u00bb)\]}]$/;

  /* The pupil's copy cut into plain text and errors, in reading order: a missing
     token shows where it belonged (closing punctuation right after the previous word). */
  function morceaux(copy, verdict) {
    var text = normalize(copy), placed = verdict.jetons, out = [], at = 0;
    var before = [];  // missing tokens waiting for the next written token
    function plain(upto) { if (upto > at) { out.push({texte: text.slice(at, upto)}); at = upto; } }
    function flush() { before.forEach(function (e) { out.push(e); out.push({texte: " "}); }); before = []; }
    verdict.etapes.forEach(function (step) {
      var e = step.erreur;
      if (step.kind === "missing") {
        if (!e) { return; }
        if (LEANS_LEFT.test(e.attendu) && step.written > 0 && !before.length) {
          plain(placed[step.written - 1].fin);
          out.push(e);
        } else {
          before.push(e);
        }
        return;
      }
      var first = placed[step.written];
      var last = placed[step.written + (step.kind === "split" || step.kind === "shift" ? 1 : 0)];
      plain(first.debut);
      flush();
      if (e) {
        out.push({categorie: e.categorie, attendu: e.attendu, ecrit: text.slice(first.debut, last.fin)});
      } else {
        out.push({texte: text.slice(first.debut, last.fin)});
      }
      at = last.fin;
    });
    plain(text.length);
    if (before.length) {
      if (out.length) { out.push({texte: " "}); }
      before.forEach(function (e, i) { if (i) { out.push({texte: " "}); } out.push(e); });
    }
    return out;
  }

  /* The word table of a level as table.py builds it, from the packed form that
     render/page.py `pack_tables` writes: the lemma and sound lists shared by the levels
     are stored once, as space-separated strings (`partagees.lemmes`, `partagees.sons`),
     and split once per page; the lexicon's credit is stored once (`partagees.source`);
     the tokens are not stored: they are those of the expected text, tokenized here as
     `corriger` checks them. deplieur(partagees) gives deplier(paquet, attendu) → table. */
  function deplieur(partagees) {
    var listes = null;
    return function deplier(paquet, attendu) {
      if (!listes) {
        listes = {lemmes: {}, sons: {}};
        ["lemmes", "sons"].forEach(function (nom) {
          Object.keys(partagees[nom]).forEach(function (k) {
            listes[nom][k] = partagees[nom][k] === "" ? [] : partagees[nom][k].split(" ");
          });
        });
      }
      var table = {};
      Object.keys(paquet).forEach(function (k) { table[k] = paquet[k]; });
      table.source = partagees.source;
      table.jetons = tokenize(attendu);
      if (table.jetons.length !== paquet.mots.length) {
        throw new Error("la table de mots ne correspond pas au texte attendu");
      }
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
    };
  }

  return {
    normalize: normalize, tokenize: tokenize, isWord: isWord, key: key, fold: fold,
    base: base, lookup: lookup, join: join, stems: stems, sketch: sketch, Table: Table, substitution: substitution,
    substitutionCost: substitutionCost, merge: merge, split: split, align: align,
    corriger: corriger, suivre: suivre, morceaux: morceaux, deplieur: deplieur, counted: counted,
    CATEGORIES: CATEGORIES, FUNCTION_WORDS: Array.from(FUNCTION_WORDS).sort(),
    ENGLISH_WORDS: Array.from(ENGLISH_WORDS).sort(), NUMBER_WORDS: NUMBER_WORDS,
    NUMBER_PARTS: Array.from(NUMBER_PARTS).sort(), TOO_LONG_PERCENT: TOO_LONG_PERCENT,
    ALIGNED_MAX_PERCENT: ALIGNED_MAX_PERCENT
  };
}());
