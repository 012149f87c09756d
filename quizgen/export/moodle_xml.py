"""Moodle XML: the question bank's own format (Question bank → Import → Moodle XML format).

One ``<question type="category">`` names the category the questions go into (the title), then:

- multiple choice → ``multichoice``, one right answer (fraction 100, the others 0);
- true/false → ``truefalse``;
- short answer → ``shortanswer`` with every accepted answer at 100 % and a ``*`` catch-all at 0 %
  (so a wrong typed answer still gets feedback);
- cloze → ``shortanswer`` whose text shows the blank.

Every question has the source sentence as ``generalfeedback`` and ``defaultgrade`` from
``--points``. The tree is built with lxml, which escapes all text: article text can hold ``<``,
``&`` or ``]]>`` without breaking the file. Question texts are HTML (escaped article text); typed
answers are plain text with ``*`` escaped (a wildcard in Moodle short answers).
"""

from __future__ import annotations

from lxml import etree

from quizgen.export import ExportOptions
from quizgen.export.html import escape_text
from quizgen.export.question_set import SheetFormat
from quizgen.export.selection import XML_DECLARATION, Question, QuestionSet, Version, number_text

# Cloze cards become short-answer questions whose text shows the blank.
MOODLE_TYPES = {
    "multiple_choice": "multichoice",
    "true_false": "truefalse",
    "short_answer": "shortanswer",
    "cloze": "shortanswer",
}


def sheet_format(options: ExportOptions) -> SheetFormat:
    return SheetFormat(name="moodle-xml", extension=".xml", render=render)


def _text(parent: etree._Element, tag: str, value: str, text_format: str | None = None) -> etree._Element:
    element = etree.SubElement(parent, tag)
    if text_format is not None:
        element.set("format", text_format)
    etree.SubElement(element, "text").text = value
    return element


def _paragraph(text: str) -> str:
    return f"<p>{escape_text(text)}</p>"


def _answer(parent: etree._Element, fraction: str, text: str, text_format: str, feedback: str) -> None:
    answer = _text(parent, "answer", text, text_format)
    answer.set("fraction", fraction)
    _text(answer, "feedback", feedback, "html")


def render(question_set: QuestionSet, version: Version) -> bytes:
    quiz = etree.Element("quiz")
    quiz.append(etree.Comment(f" {len(version.questions)} questions written by quizgen "))
    category = etree.SubElement(quiz, "question", type="category")
    # "/" separates category levels in Moodle; "//" is a slash inside a name.
    title = question_set.title_of(version)
    _text(category, "category", "$course$/top/" + title.replace("/", "//"))
    _text(category, "info", "", "html")
    for question in version.questions:
        quiz.append(_question(question_set, version, question))
    etree.indent(quiz, space="  ")
    return XML_DECLARATION + etree.tostring(quiz, encoding="UTF-8", pretty_print=True)


def _question(question_set: QuestionSet, version: Version, question: Question) -> etree._Element:
    moodle_type = MOODLE_TYPES[question.kind]
    element = etree.Element("question", type=moodle_type)
    _text(element, "name", f"{question.deck_title} {version.label}{question.number:02d}")
    _text(element, "questiontext", _paragraph(question.prompt), "html")
    feedback = _paragraph(question.feedback) if question.feedback else ""
    _text(element, "generalfeedback", feedback, "html")
    etree.SubElement(element, "defaultgrade").text = number_text(question_set.points)
    etree.SubElement(element, "penalty").text = "0.3333333" if moodle_type == "multichoice" else "0"
    etree.SubElement(element, "hidden").text = "0"
    if moodle_type == "multichoice":
        etree.SubElement(element, "single").text = "true"
        # A version keeps its own order; an unversioned set lets Moodle shuffle per attempt.
        etree.SubElement(element, "shuffleanswers").text = "false" if version.label else "true"
        etree.SubElement(element, "answernumbering").text = "abc"
        for index, choice in enumerate(question.choices):
            fraction = "100" if index == question.correct_index else "0"
            _answer(element, fraction, escape_text(choice), "html", feedback)
    elif moodle_type == "truefalse":
        for value in ("true", "false"):
            fraction = "100" if value == question.answer.lower() else "0"
            _answer(element, fraction, value, "moodle_auto_format", feedback)
    else:
        etree.SubElement(element, "usecase").text = "0"
        for answer in question.accepted:
            _answer(element, "100", answer.replace("*", "\\*"), "moodle_auto_format", feedback)
        _answer(element, "0", "*", "moodle_auto_format", feedback)
    return element
