"""The class report of `dictee corriger --rapport`: one self-contained HTML page (and
its PDF) that a teacher looks at rather than reads.

In order: a chart of the class's errors by category (inline SVG, the numbers beside
the bars), the ten most frequent errors (expected word, what pupils wrote, how many
pupils, the guide's grammar point), the pupils with their marks and their two most
frequent categories, and what to practise next, taken from the case (its grammar points
and the sentences that exercise them). No script, no network, letter paper.
"""

from __future__ import annotations

import html
import os
import shutil
import subprocess
import tempfile
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from dictee.archive import atomic_path
from dictee.content.typography import decimal, french
from dictee.errors import GradingError
from dictee.grading.classify import CATEGORIES
from dictee.grading.copies import Unreadable
from dictee.grading.correction import Correction, sentence_of
from dictee.grading.others import followed_text, rerun
from dictee.grading.points import point_of
from dictee.grading.table import Table, table_for
from dictee.grading.tokens import fold, is_word, lookup, tokenize

LABELS = {
    "mot": "Mots oubliés ou ajoutés", "homophone": "Homophones", "grammaire": "Accords",
    "accent": "Accents", "ponctuation-majuscule": "Ponctuation et majuscules",
    "usage": "Orthographe d'usage",
}
# What to practise when the case names no grammar point for the words missed.
ADVICE = {
    "mot": "Relire sa copie phrase par phrase en suivant du doigt : chaque mot dicté "
           "doit s'y trouver une fois.",
    "homophone": "Remplacer pour vérifier : « a » par « avait », « et » par « et puis », "
                 "« son » par « mon », « ses » par « mes ».",
    "grammaire": "Chercher le sujet du verbe et le nom que l'adjectif accompagne, puis "
                 "accorder.",
    "accent": "Relire en prononçant : é fermé, è ouvert ; revoir les mots du tableau.",
    "ponctuation-majuscule": "Une majuscule au début de chaque phrase et aux noms "
                             "propres ; écouter les pauses pour placer les virgules.",
    "usage": "Copier, cacher, écrire, comparer : les mots difficiles du texte, chaque "
             "jour quelques minutes.",
}
COLORS = {"mot": "#6d6875", "homophone": "#b5179e", "grammaire": "#3a0ca3",
          "accent": "#4361ee", "ponctuation-majuscule": "#4cc9f0", "usage": "#f77f00"}
TOP = 10


@dataclass(frozen=True)
class CaseNotes:
    """What the case says about its text: grammar points (with their words) and sentences."""

    points: Sequence[tuple[str, Sequence[str]]] = ()
    sentences: Sequence[str] = ()


@dataclass
class _Frequent:
    expected: str
    category: Counter = field(default_factory=Counter)
    written: Counter = field(default_factory=Counter)
    pupils: set = field(default_factory=set)
    position: int = 0
    points: Counter = field(default_factory=Counter)  # the guide's points of its errors


def _e(text: object) -> str:
    return html.escape(french(str(text)), quote=True)


def _shown(token: str) -> str:
    return token.replace("'", "\u2019") if token else "(oublié)"


def pupil_name(name: str) -> str:
    """« copies/lea.txt » → « lea »."""
    return Path(name).stem if name != "-" else "entrée standard"


def _scale_title(results: list[tuple[str, Correction]]) -> str:
    """« Barème : Demi-faute (par défaut). », for a named scale; with its cap when a
    file changed it."""
    from dictee.grading.scale import presets

    if not results:
        return ""
    scale = results[0][1].scale
    known = presets().get(scale.name)
    if known is None:
        return ""
    title = f"Barème : {known.title}"
    if scale != known.scale:
        title += ", modifié par l'enseignant"
    if scale.cap:
        title += f" ; au plus {scale.cap} erreurs comptées par copie"
    return title + "."


def _alphabetical(name: str) -> tuple[str, str]:
    """Sorting key of a name as in a French class list: accents and capitals aside."""
    return fold(name), name


def _chart(totals: dict[str, int]) -> str:
    """Horizontal bars, one per category, the count beside each: readable in black and
    white too (the label is written, not only coloured)."""
    width, bar_x, bar_w, row = 640, 230, 340, 34
    most = max(totals.values()) or 1
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {row * 6 + 10}" '
             f'width="100%" role="img" aria-labelledby="titre-graphique">',
             '<title id="titre-graphique">Erreurs de la classe par catégorie</title>']
    for k, category in enumerate(CATEGORIES):
        y = 5 + k * row
        length = round(bar_w * totals[category] / most)
        parts.append(f'<text x="{bar_x - 10}" y="{y + 21}" text-anchor="end" '
                     f'font-size="15">{_e(LABELS[category])}</text>')
        parts.append(f'<rect x="{bar_x}" y="{y + 5}" width="{max(length, 1)}" height="22" '
                     f'fill="{COLORS[category]}"/>')
        parts.append(f'<text x="{bar_x + max(length, 1) + 8}" y="{y + 22}" font-size="16" '
                     f'font-weight="bold">{totals[category]}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _frequent(results: list[tuple[str, Correction]], notes: CaseNotes,
              table: Table) -> list[_Frequent]:
    """Errors grouped by expected word (the same word anywhere in the text), ranked by
    the number of pupils who made them, with the guide's points of their errors."""
    groups: dict[str, _Frequent] = {}
    for name, correction in results:
        if not correction.marked:
            continue
        for error in correction.errors:
            if not error.expected or not any(is_word(t) for t in tokenize(error.expected)):
                continue
            word = lookup(error.expected)
            group = groups.setdefault(word, _Frequent(error.expected, position=error.position))
            group.category[error.category] += 1
            group.written[error.written] += 1
            group.pupils.add(name)
            point = point_of(notes.points, table, error.position, error.expected,
                             error.written, error.category)
            if point:
                group.points[point] += 1
    return sorted(groups.values(), key=lambda g: (-len(g.pupils), g.position))[:TOP]


def _practice(results: list[tuple[str, Correction]], totals: dict[str, int],
              notes: CaseNotes, table: Table) -> list[tuple[str, list[str], list[str]]]:
    """For the three most frequent categories: the case's grammar points that errors of
    that category belong to (points.py), and the sentences of the text holding the words
    missed most."""
    tokens = table.tokens
    top = [c for c in sorted(CATEGORIES, key=lambda c: -totals[c]) if totals[c]][:3]
    found = []
    for category in top:
        missed: Counter = Counter()
        where: dict[str, set[int]] = defaultdict(set)
        belong: set[str] = set()
        for _, correction in results:
            if not correction.marked:
                continue
            for error in correction.errors:
                if error.category == category and error.expected:
                    missed[lookup(error.expected)] += 1
                    if error.position < len(tokens):
                        where[lookup(error.expected)].add(sentence_of(tokens, error.position))
                    belong.add(point_of(notes.points, table, error.position, error.expected,
                                        error.written, error.category))
        points = [point for point, _ in notes.points if point in belong]
        sentences: list[int] = []
        for word, _ in missed.most_common():
            for number in sorted(where[word]):
                if number not in sentences:
                    sentences.append(number)
            if len(sentences) >= 3:
                break
        chosen = [notes.sentences[n - 1] for n in sentences[:3]
                  if 0 < n <= len(notes.sentences)]
        found.append((category, [ADVICE[category], *points], chosen))
    return found


def report_html(results: list[tuple[str, Correction]], unreadable: Sequence[Unreadable],
                label: str, expected: str, notes: CaseNotes) -> str:
    """The whole report as one HTML document (French, self-contained, no script)."""
    marked = [(n, c) for n, c in results if c.marked]
    totals = dict.fromkeys(CATEGORIES, 0)
    for _, correction in marked:
        for category, count in correction.counts.items():
            totals[category] += count
    total = sum(totals.values())
    table = table_for(expected)
    sur = results[0][1].total if results else 20
    mean = (sum(c.note or 0 for _, c in marked) / len(marked)) if marked else None

    out = ['<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">',
           f"<title>Bilan de la classe — {_e(label)}</title>", f"<style>{_STYLE}</style>",
           "</head><body><main>",
           f"<h1>Bilan de la dictée</h1><p class=\"texte\">{_e(label)}</p>"]
    summary = [f"{len(marked)} copie{'s' if len(marked) > 1 else ''} notée"
               f"{'s' if len(marked) > 1 else ''}"]
    if mean is not None:
        summary.append(f"moyenne {decimal(round(mean, 1))} sur {decimal(sur)}")
    summary.append(f"{total} erreur{'s' if total > 1 else ''} en tout")
    out.append('<section class="graphique"><h2>Les erreurs de la classe</h2>')
    out.append(_chart(totals))
    out.append(f'<p class="resume">{_e(", ".join(summary))}.</p>')
    scale = _scale_title(results)
    if scale:
        out.append(f'<p class="bareme">{_e(scale)}</p>')
    out.append("</section>")

    frequent = _frequent(marked, notes, table)
    out.append("<section><h2>Les dix erreurs les plus fréquentes</h2>")
    if frequent:
        out.append("<table><thead><tr><th>Mot attendu</th><th>Ce que les élèves ont écrit"
                   "</th><th class=\"n\">Élèves</th><th>Point de grammaire du guide</th>"
                   "</tr></thead><tbody>")
        for group in frequent:
            written = ", ".join(f"{_shown(w)}" + (f" ({n})" if n > 1 else "")
                                for w, n in group.written.most_common(4))
            most = group.category.most_common(1)[0][0]
            category = LABELS[most]
            point = group.points.most_common(1)[0][0] if group.points else ""
            out.append(f"<tr><td><strong>{_e(_shown(group.expected))}</strong>"
                       f"<br><span class=\"cat\">{_e(category)}</span></td>"
                       f"<td>{_e(written)}</td><td class=\"n\">{len(group.pupils)}</td>"
                       + (f"<td>{_e(point)}</td></tr>" if point else
                          "<td class=\"hors\">hors des points du guide</td></tr>"))
        out.append("</tbody></table>")
    else:
        out.append("<p>Aucune erreur dans les copies notées.</p>")
    out.append("</section>")

    out.append("<section><h2>Les élèves</h2><table><thead><tr><th>Élève</th>"
               f"<th class=\"n\">Erreurs</th><th class=\"n\">Note sur {_e(decimal(sur))}</th>"
               "<th>Catégories les plus fréquentes</th></tr></thead><tbody>")
    # In the order of a class list: « Émile » with the E, not after « Zoé ».
    for name, correction in sorted(results, key=lambda r: _alphabetical(pupil_name(r[0]))):
        counts = correction.counts
        top = [c for c in sorted(CATEGORIES, key=lambda c: -counts[c]) if counts[c]][:2]
        note = "—" if correction.note is None else decimal(correction.note)
        remark = ""
        if correction.flag:
            remark = f' <span class="signal">{_e(correction.flag)}'
            if correction.stop:
                remark += f" (s'arrête à la phrase {correction.stop.sentence})"
            if correction.followed:  # the options on one line: « --niveau primaire »
                remark += (_e(french(f" : elle semble suivre "
                                     f"{followed_text(correction.followed)} ; relancez "
                                     "avec ")) + '<code class="commande">'
                           f"{_e(rerun(correction.followed))}</code>")
            remark += "</span>"
        # A copy without a mark has no categories to work on: its errors are not errors.
        shown = ", ".join(f"{LABELS[c].lower()} ({counts[c]})" for c in top
                          if correction.marked) or "—"
        out.append(f"<tr><td>{_e(pupil_name(name))}{remark}</td>"
                   f"<td class=\"n\">{len(correction.errors) if correction.marked else '—'}"
                   f"</td><td class=\"n\">{_e(note)}</td><td>{_e(shown)}</td></tr>")
    for bad in unreadable:
        out.append(f"<tr><td>{_e(pupil_name(bad.name))} <span class=\"signal\">copie "
                   f"illisible</span></td><td class=\"n\">—</td><td class=\"n\">—</td>"
                   f"<td>{_e(bad.problem.message)}</td></tr>")
    out.append("</tbody></table></section>")

    out.append("<section><h2>À travailler ensuite</h2>")
    practice = _practice(marked, totals, notes, table)
    if not practice:
        out.append("<p>Rien de particulier : aucune erreur dans les copies notées.</p>")
    for category, points, sentences in practice:
        out.append(f"<div class=\"pratique\"><h3>{_e(LABELS[category])} ({totals[category]} "
                   f"erreur{'s' if totals[category] > 1 else ''})</h3><ul>")
        out += [f"<li>{_e(point)}</li>" for point in points]
        out.append("</ul>")
        if sentences:
            title = _e("Phrases du texte pour s'exercer :")
            out.append(f"<p class=\"phrases-titre\">{title}</p>"
                       "<blockquote>")
            out += [f"<p>{_e(s)}</p>" for s in sentences]
            out.append("</blockquote>")
        out.append("</div>")
    out.append("</section></main></body></html>")
    return "\n".join(out) + "\n"


_STYLE = """
@page { size: letter; margin: 1.6cm 1.8cm; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #1a1a1a;
  font-size: 11pt; line-height: 1.4; margin: 0; }
main { max-width: 48rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 20pt; margin: 0 0 .2rem; }
h2 { font-size: 14pt; border-bottom: 2px solid #3a0ca3; padding-bottom: .2rem;
  margin: 1.4rem 0 .6rem; break-after: avoid; }
h3 { font-size: 12pt; margin: .9rem 0 .3rem; break-after: avoid; }
.texte { color: #444; margin: 0 0 .6rem; }
.resume { font-size: 12pt; font-weight: bold; margin: .3rem 0 0; }
.graphique svg { max-width: 40rem; display: block; }
table { border-collapse: collapse; width: 100%; font-size: 10pt; }
th, td { border-bottom: 1px solid #ccc; padding: .3rem .4rem; text-align: left;
  vertical-align: top; }
th { background: #eeeaf8; }
tr { break-inside: avoid; }
.n { text-align: right; white-space: nowrap; }
.commande { white-space: nowrap; font-size: .95em; }
.cat { color: #555; font-size: 9pt; }
.signal { display: inline-block; background: #fde2c4; border-radius: 3px; padding: 0 .3rem;
  font-size: 9pt; }
blockquote { margin: .3rem 0 .6rem 1rem; padding-left: .6rem; border-left: 3px solid #ccc; }
blockquote p { margin: .2rem 0; }
.phrases-titre { margin: .3rem 0 0; font-style: italic; }
.hors { color: #777; font-style: italic; }
.bareme { color: #444; margin: .2rem 0 0; }
.pratique { break-inside: avoid; }
section { break-inside: auto; }
"""


def write_report(text: str, path: Path) -> Path:
    with atomic_path(path) as temporary:
        temporary.write_text(text, encoding="utf-8", newline="\n")
    return path


def pdf_renderer() -> list[str] | None:
    """A headless browser prints the report as shown (SVG and all); LibreOffice's HTML
    import drops inline SVG, so it is only the fallback."""
    chromium = os.environ.get("DICTEE_CHROMIUM")
    found = chromium if chromium and Path(chromium).exists() else None
    found = found or next(filter(None, map(shutil.which, (
        "chromium", "chromium-browser", "google-chrome"))), None)
    if found:
        return [found]
    from dictee.render.pdf import soffice

    office = soffice()
    return [office, "--office"] if office else None


def write_pdf(html_path: Path, target: Path) -> Path:
    """Print the HTML report to `target` (letter paper); GradingError if no renderer."""
    renderer = pdf_renderer()
    if renderer is None:
        raise GradingError("aucun moteur pour écrire le PDF (Chromium ou LibreOffice)",
                           path=target, hint="Ouvrez le rapport HTML et imprimez-le en PDF.")
    with tempfile.TemporaryDirectory(prefix="dictee-rapport-") as work:
        produced = Path(work) / "rapport.pdf"
        if renderer[-1] == "--office":
            command = [renderer[0], f"-env:UserInstallation=file://{work}/profil",
                       "--headless", "--norestore", "--convert-to",
                       "pdf:writer_web_pdf_Export", "--outdir", work, str(html_path)]
            produced = Path(work) / (html_path.stem + ".pdf")
        else:
            command = [renderer[0], "--headless", "--no-sandbox", "--disable-gpu",
                       "--no-pdf-header-footer", f"--user-data-dir={work}/profil",
                       f"--print-to-pdf={produced}", html_path.resolve().as_uri()]
        try:
            subprocess.run(command, capture_output=True, timeout=120, check=False,
                           env={**os.environ, "HOME": work})
        except subprocess.TimeoutExpired as error:
            raise GradingError("le PDF du rapport n'a pas été produit en 120 s", path=target,
                               hint="Ouvrez le rapport HTML et imprimez-le en PDF.") from error
        if not produced.is_file() or produced.stat().st_size == 0:
            raise GradingError("le PDF du rapport n'a pas pu être produit", path=target,
                               hint="Ouvrez le rapport HTML et imprimez-le en PDF.")
        with atomic_path(target) as temporary:
            shutil.copyfile(produced, temporary)
    return target
