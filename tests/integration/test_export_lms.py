"""Question sets for learning platforms (GIFT, Moodle XML, Aiken, Canvas QTI), read back by real
parsers: lxml for XML, zipfile for the QTI package, and strict readers of GIFT and Aiken written
to Moodle's rules."""

from __future__ import annotations

import html
import sys
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from question_readers import GiftError, parse, parse_question, read_aiken

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))

from classroom_decks import HOSTILE, canal_deck, card, deck, hostile_deck

from quizgen.export import ExportOptions, exporter_for
from quizgen.export.aiken import aiken_line
from quizgen.models import Deck

QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
MANIFEST = "{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}"


def export(format_name: str, decks: list[Deck], path: Path, **options: Any) -> Any:
    return exporter_for(format_name)(decks, path, ExportOptions(**options))


def cards_by_answer() -> dict[str, Any]:
    return {c.answer: c for c in canal_deck().cards}


# ------------------------------------------------------------------------------------------ GIFT


def test_gift_has_every_kind_with_its_answers_and_feedback(tmp_path: Path) -> None:
    report = export("gift", [canal_deck()], tmp_path / "quiz.gift", siblings=True)

    gift = parse((tmp_path / "quiz.gift").read_text(encoding="utf-8"))
    assert report.summary().startswith(f"wrote {tmp_path / 'quiz.gift'}: 9 questions")
    assert gift.categories == ["The Panama Canal"]
    assert [q.kind for q in gift.questions] == [
        "short_answer", "missing_word", "multiple_choice", "true_false", "missing_word",
        "short_answer", "multiple_choice", "true_false", "missing_word",
    ]  # fmt: skip
    assert [q.title for q in gift.questions][:2] == ["The Panama Canal 01", "The Panama Canal 02"]
    assert {q.text_format for q in gift.questions} == {"html"}

    opened = gift.questions[2]
    assert html.unescape(opened.text) == "In what year did the canal open?"
    assert [html.unescape(a.text) for a in opened.answers] == ["1904", "1914", "1920", "1899"]
    assert [a.right for a in opened.answers] == [False, True, False, False]
    assert all("The canal opened in 1914" in html.unescape(a.feedback) for a in opened.answers)

    lesseps = gift.questions[5]
    right = [a.text for a in lesseps.answers if a.right]
    assert right == ["Ferdinand de Lesseps", "de Lesseps", "Lesseps"]
    catch_all = [a for a in lesseps.answers if not a.right]
    assert [(a.text, a.weight) for a in catch_all] == [("*", 0.0)]
    assert "Ferdinand de Lesseps — the builder" in html.unescape(catch_all[0].feedback)

    warsaw = gift.questions[1]
    assert (
        html.unescape(warsaw.text)
        == "Marie Skłodowska-Curie moved from _____ to Paris in 1891 to study physics."
    )
    assert [a.text for a in warsaw.answers if a.right] == ["Warsaw"]

    oceans, handover = gift.questions[3], gift.questions[7]
    assert (oceans.true_false, handover.true_false) == (True, False)
    assert html.unescape(handover.text) == "Panama took full control of the canal in 1979."
    assert len(handover.feedback) == 2 and "31 December 1999" in handover.feedback[1]

    toll = gift.questions[8]
    assert [a.text for a in toll.answers if a.right] == ["€300,000"]
    assert "café in Colón" in html.unescape(toll.text)


def test_gift_escapes_every_special_character_and_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "hostile.gift"
    export("gift", [hostile_deck()], path)

    raw = path.read_text(encoding="utf-8")
    gift = parse(raw)  # strict: an unescaped special character anywhere would raise
    assert "<script" not in raw and "<img" not in raw
    mc, tf, short, cloze = gift.questions
    assert html.unescape(mc.text) == "Which of these holds <b>markup</b> & {braces}: ]]>?"
    assert [html.unescape(a.text) for a in mc.answers] == [
        "]]> & {=}", "<script>x</script>", "=SUM(1,2)", "a -> b ~c #d"
    ]  # fmt: skip
    assert [a.right for a in mc.answers] == [False, True, False, False]
    assert html.unescape(tf.text) == HOSTILE and tf.true_false is True
    assert html.unescape(short.text) == f"What is {HOSTILE}?"
    typed = [a.text.replace("\\*", "*") for a in short.answers if a.right]
    assert typed == ["<b>x</b> & {y} ~z #1 \\ a:b = *", "]]>&amp;"]
    assert html.unescape(cloze.text) == f"{HOSTILE} then _____ ends it."
    assert [a.text for a in cloze.answers if a.right] == ["&amp; ]]>"]
    assert (
        html.unescape(short.answers[0].feedback)
        == f"Source: “The sentence holds {HOSTILE} in it.” (<i>Source</i> & co)"
    )
    # Moodle reads the category line before it undoes escapes, so it stands unescaped; "/" would
    # start a sub-category and is doubled
    assert gift.categories == ["Hostile <b>deck<//b> & {title}: ]]>"]


def test_the_strict_gift_reader_rejects_what_moodle_would_misread() -> None:
    with pytest.raises(GiftError, match="unescaped ':'"):
        parse_question("::t::Time: now {=yes ~no}")
    with pytest.raises(GiftError, match="matching"):
        parse_question("::t::Pick {=a -> b ~c}")
    with pytest.raises(GiftError, match="unknown escape"):
        parse_question("::t::A \\q {=x}")
    assert parse_question("::t::a \\: b {=x ~y}").text == "a : b"


def test_gift_skips_a_typed_answer_with_an_arrow(tmp_path: Path) -> None:
    arrow = card(
        "arrow", "short_answer", "What does the sign show?", "in -> out", "It shows in -> out.", score=1
    )
    report = export(
        "gift", [deck("arrows", "Arrows", [arrow, *canal_deck().cards[2:4]])], tmp_path / "a.gift"
    )

    assert len(parse((tmp_path / "a.gift").read_text(encoding="utf-8")).questions) == 2
    assert report.warnings == [
        "gift: skipped 1 card (an answer contains '->', which GIFT reads as a matching question)"
    ]


# ------------------------------------------------------------------------------------ Moodle XML


def test_moodle_xml_types_fractions_grades_and_feedback(tmp_path: Path) -> None:
    path = tmp_path / "quiz.xml"
    export("moodle-xml", [canal_deck()], path, points=2.5, title="Canal quiz / week 3")

    quiz = etree.parse(str(path)).getroot()
    questions = quiz.findall("question")
    assert quiz.tag == "quiz"
    assert questions[0].get("type") == "category"
    assert questions[0].findtext("category/text") == "$course$/top/Canal quiz // week 3"
    asked = questions[1:]
    assert len(asked) == 8
    assert Counter(q.get("type") for q in asked) == {"shortanswer": 4, "multichoice": 2, "truefalse": 2}
    assert {q.findtext("defaultgrade") for q in asked} == {"2.5"}
    for question in asked:
        fractions = [a.get("fraction") for a in question.findall("answer")]
        if question.get("type") == "multichoice":
            assert sorted(fractions) == ["0", "0", "0", "100"]
            assert question.findtext("single") == "true"
        elif question.get("type") == "truefalse":
            assert sorted(fractions) == ["0", "100"]
        else:
            assert fractions[-1] == "0" and set(fractions[:-1]) == {"100"}
        assert html.unescape(question.findtext("generalfeedback/text") or "").startswith("<p>Source: “")

    opened = asked[1]
    right = [a.findtext("text") for a in opened.findall("answer") if a.get("fraction") == "100"]
    assert right == ["1914"]
    handover = asked[6]
    assert [a.findtext("text") for a in handover.findall("answer") if a.get("fraction") == "100"] == ["false"]
    length = asked[3]
    assert "The canal is about _____ long." in (length.findtext("questiontext/text") or "")
    assert [a.findtext("text") for a in length.findall("answer")] == ["82 kilometres", "82 km", "*"]


def test_moodle_xml_stays_well_formed_with_hostile_text(tmp_path: Path, parse_html) -> None:
    path = tmp_path / "hostile.xml"
    export("moodle-xml", [hostile_deck()], path)

    quiz = etree.parse(str(path)).getroot()  # well-formed despite ]]> and & in the text
    texts = [quiz.findtext(f"question[{i}]/questiontext/text") for i in range(2, 6)]
    for markup in texts:
        rendered = parse_html(markup)
        assert set(rendered.tags) == {"p"}, rendered.tags
    assert parse_html(texts[1]).text == HOSTILE.replace("  ", " ")
    short = quiz.find("question[4]")
    assert short is not None
    assert [a.findtext("text") for a in short.findall("answer")] == [
        "<b>x</b> & {y} ~z #1 \\ a:b = \\*", "]]>&amp;", "*"
    ]  # fmt: skip


# ----------------------------------------------------------------------------------------- Aiken


def test_aiken_has_the_multiple_choice_cards_and_counts_the_rest(tmp_path: Path) -> None:
    report = export("aiken", [canal_deck()], tmp_path / "quiz.txt")

    questions = read_aiken((tmp_path / "quiz.txt").read_text(encoding="utf-8"))
    assert [(q, c[a]) for q, c, a in questions] == [
        ("In what year did the canal open?", "1914"),
        ("What did newspapers call the deepest cut of the works?", "the Big Ditch"),
    ]
    assert questions[0][1] == ["1904", "1914", "1920", "1899"]
    assert "aiken: skipped 7 cards (not multiple choice; Aiken holds multiple-choice questions only)" in (
        report.warnings
    )


def test_aiken_question_text_never_reads_as_a_choice_or_an_answer(tmp_path: Path) -> None:
    tricky = [
        card("lincoln", "multiple_choice", "A. Lincoln was president in which year?", "1863", "In 1863.",
             score=0.9, choices=["1863", "1901"]),
        card("answer", "multiple_choice", "ANSWER: which one?", "B", "B is right.", score=0.8,
             choices=["A", "B"]),
    ]  # fmt: skip
    export("aiken", [deck("tricky", "Tricky", tricky)], tmp_path / "t.txt")

    questions = read_aiken((tmp_path / "t.txt").read_text(encoding="utf-8"))
    assert [(q.replace("\u00a0", " "), c[a]) for q, c, a in questions] == [
        ("A. Lincoln was president in which year?", "1863"),
        (" ANSWER: which one?", "B"),
    ]
    assert aiken_line("B) is fine") == "B)\u00a0is fine" and aiken_line("Bob.") == "Bob."


# ------------------------------------------------------------------------------------------- QTI


def read_qti(path: Path) -> tuple[zipfile.ZipFile, Any, Any, Any]:
    package = zipfile.ZipFile(path)
    manifest = etree.fromstring(package.read("imsmanifest.xml"))
    files = [f.get("href") for f in manifest.iter(f"{MANIFEST}file")]
    assert len(files) == 2 and all(name in package.namelist() for name in files)
    assessment = etree.fromstring(
        package.read(next(f for f in files if not f.endswith("assessment_meta.xml")))
    )
    meta = etree.fromstring(package.read(next(f for f in files if f.endswith("assessment_meta.xml"))))
    return package, manifest, assessment, meta


def metadata(item: Any) -> dict[str, str]:
    return {
        field.findtext(f"{QTI}fieldlabel"): field.findtext(f"{QTI}fieldentry") or ""
        for field in item.iter(f"{QTI}qtimetadatafield")
    }


def test_qti_package_has_manifest_items_types_and_points(tmp_path: Path) -> None:
    path = tmp_path / "quiz.zip"
    export("qti", [canal_deck()], path, points=2, siblings=True)

    package, manifest, assessment, meta = read_qti(path)
    types = {r.get("type") for r in manifest.iter(f"{MANIFEST}resource")}
    assert types == {"imsqti_xmlv1p2", "associatedcontent/imscc_xmlv1p1/learning-application-resource"}
    assert package.testzip() is None
    items = list(assessment.iter(f"{QTI}item"))
    assert len(items) == 9
    kinds = [metadata(item)["question_type"] for item in items]
    assert Counter(kinds) == {
        "short_answer_question": 5,
        "multiple_choice_question": 2,
        "true_false_question": 2,
    }
    assert {metadata(item)["points_possible"] for item in items} == {"2"}
    assert meta.findtext("{http://canvas.instructure.com/xsd/cccv1p0}points_possible") == "18"

    by_answer = cards_by_answer()
    for item, kind in zip(items, kinds, strict=True):
        right = [v.text for v in item.iter(f"{QTI}varequal")]
        labels = {
            label.get("ident"): html.unescape(label.findtext(f"{QTI}material/{QTI}mattext") or "")
            for label in item.iter(f"{QTI}response_label")
        }
        if kind == "short_answer_question":
            assert list(item.iter(f"{QTI}render_fib"))
            assert right[0] in by_answer
        else:
            assert len(right) == 1 and labels[right[0]] in {"1914", "the Big Ditch", "True", "False"}
        feedback = item.find(f"{QTI}itemfeedback")
        assert feedback is not None and feedback.get("ident") == "general_fb"
    lesseps = items[5]
    assert [v.text for v in lesseps.iter(f"{QTI}varequal")] == [
        "Ferdinand de Lesseps",
        "de Lesseps",
        "Lesseps",
    ]


def test_qti_stays_well_formed_and_escaped_with_hostile_text(tmp_path: Path, parse_html) -> None:
    path = tmp_path / "hostile.zip"
    export("qti", [hostile_deck()], path)

    _, _, assessment, _ = read_qti(path)
    for mattext in assessment.iter(f"{QTI}mattext"):
        rendered = parse_html(mattext.text)
        assert set(rendered.tags) <= {"p"}, rendered.tags
    texts = [parse_html(m.text).text for m in assessment.iter(f"{QTI}mattext")]
    assert "<script>x</script>" in texts
    assert any("<script>alert(1)</script>" in text for text in texts)
