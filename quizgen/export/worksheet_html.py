"""A printable worksheet as one self-contained HTML file (open it in a browser and print).

The questions come first; the answer key follows on a page of its own when printed (on screen
it stands below a dashed rule). Print CSS keeps each question on one page and sets A4 margins.
Every piece of article text is escaped with `quizgen.export.html.escape_text`; markup comes from
this module only.
"""

from __future__ import annotations

from quizgen.export import ExportOptions
from quizgen.export.html import escape_text
from quizgen.export.question_set import SheetFormat
from quizgen.export.selection import Question, QuestionSet, Version
from quizgen.export.worksheet import (
    choice_letter,
    instructions,
    key_also,
    key_answer,
    points_note,
    prompt_pieces,
    summary_line,
)

CSS = """
@page { size: A4; margin: 18mm 16mm; }
html { color: #111; background: #fff; }
body {
  font-family: "DejaVu Sans", "Segoe UI", "Helvetica Neue", Arial, sans-serif;
  font-size: 11pt; line-height: 1.45; max-width: 46em; margin: 2em auto; padding: 0 1.2em;
}
h1 { font-size: 18pt; margin: 0 0 0.15em; }
h2 { font-size: 14pt; margin: 0 0 0.8em; }
.meta { color: #444; font-size: 9.5pt; margin: 0 0 1.2em; }
.name-date { display: flex; gap: 2.5em; margin: 0 0 1em; }
.name-date .field { display: flex; flex: 1; align-items: flex-end; gap: 0.4em; }
.name-date .field:last-child { flex: 0 0 13em; }
.name-date .rule { flex: 1; border-bottom: 1px solid #111; height: 1.2em; }
.instructions { font-style: italic; margin: 0 0 1.4em; }
ol.questions { margin: 0; padding-left: 2em; }
li.question { break-inside: avoid; page-break-inside: avoid; margin: 0 0 1.2em; padding-left: 0.2em; }
.prompt { margin: 0 0 0.35em; }
.points { color: #444; font-size: 9pt; white-space: nowrap; }
.blank { display: inline-block; min-width: 9em; border-bottom: 1px solid #111; height: 1em; }
ul.choices { list-style: none; margin: 0; padding-left: 0.6em; }
ul.choices li { margin: 0.15em 0; }
.letter { display: inline-block; min-width: 1.4em; font-weight: bold; }
.answer-line { border-bottom: 1px solid #111; height: 1.8em; width: 75%; }
.true-false span {
  display: inline-block; border: 1px solid #111; border-radius: 50%;
  width: 1.6em; height: 1.6em; line-height: 1.6em; text-align: center; margin-right: 1.2em;
}
.answer-key { break-before: page; page-break-before: always; }
ol.key { padding-left: 2em; }
ol.key li { margin: 0.2em 0; break-inside: avoid; }
.also { color: #444; font-size: 9.5pt; }
@media screen { .answer-key { border-top: 2px dashed #999; margin-top: 3em; padding-top: 1.5em; } }
@media print { body { max-width: none; margin: 0; padding: 0; } }
""".strip()


def sheet_format(options: ExportOptions) -> SheetFormat:
    return SheetFormat(name="html", extension=".html", render=render)


def render(question_set: QuestionSet, version: Version) -> bytes:
    title = escape_text(question_set.title_of(version))
    body = [
        '<main class="worksheet">',
        "<header>",
        f"<h1>{title}</h1>",
        f'<p class="meta">{escape_text(summary_line(question_set, version))}</p>',
        '<div class="name-date">'
        '<div class="field">Name: <span class="rule"></span></div>'
        '<div class="field">Date: <span class="rule"></span></div>'
        "</div>",
        f'<p class="instructions">{escape_text(instructions(version))}</p>',
        "</header>",
        '<ol class="questions">',
        *(_question(question, points_note(question_set)) for question in version.questions),
        "</ol>",
        "</main>",
        '<section class="answer-key">',
        f"<h2>Answer key — {title}</h2>",
        '<ol class="key">',
        *(_key_entry(question) for question in version.questions),
        "</ol>",
        "</section>",
    ]
    page = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="quizgen">',
        f"<title>{title}</title>",
        f"<style>\n{CSS}\n</style>",
        "</head>",
        "<body>",
        *body,
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(page).encode("utf-8")


def _question(question: Question, points: str) -> str:
    prompt = "".join(
        '<span class="blank"></span>' if piece.blank else escape_text(piece.text)
        for piece in prompt_pieces(question)
    )
    if points:
        prompt += f' <span class="points">{escape_text(points)}</span>'
    parts = [f'<li class="question" id="q{question.number}">', f'<p class="prompt">{prompt}</p>']
    if question.kind == "multiple_choice":
        parts.append('<ul class="choices">')
        for index, choice in enumerate(question.choices):
            letter = f'<span class="letter">{choice_letter(index)})</span>'
            parts.append(f"<li>{letter} {escape_text(choice)}</li>")
        parts.append("</ul>")
    elif question.kind == "true_false":
        parts.append('<p class="true-false"><span>T</span><span>F</span></p>')
    elif question.kind == "short_answer":
        parts.append('<div class="answer-line"></div>')
    parts.append("</li>")
    return "\n".join(parts)


def _key_entry(question: Question) -> str:
    also = key_also(question)
    extra = f' <span class="also">({escape_text(also)})</span>' if also else ""
    return f"<li>{escape_text(key_answer(question))}{extra}</li>"
