"""QTI 1.2 for Canvas classic quizzes: a zip that Canvas imports (Settings → Import Course Content
→ QTI .zip file).

The package follows the structure Canvas itself exports and text2qti (a well-kept library for
Canvas QTI) writes; the code here is quizgen's own:

- ``imsmanifest.xml``: an IMS content package with two resources, the assessment
  (``imsqti_xmlv1p2``) and its Canvas settings (``assessment_meta.xml``), which it depends on;
- ``<id>/<id>.xml``: ``questestinterop`` → ``assessment`` → ``section`` → one ``item`` per question;
- ``<id>/assessment_meta.xml``: the Canvas quiz (title, points, unpublished);
- an empty ``non_cc_assessments/`` folder, as in Canvas's own exports.

Items carry ``qti_metadata`` fields ``question_type`` (``multiple_choice_question``,
``true_false_question``, ``short_answer_question``) and ``points_possible``. A cloze card becomes a
short-answer question whose text shows the blank. Every item has the source sentence as general
feedback. Texts are HTML (escaped article text) inside XML that lxml escapes again.

Ids are hashes of the questions (no clock, no randomness) and the zip's timestamps are fixed, so
the same question set gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from quizgen.export import ExportOptions
from quizgen.export.html import escape_text
from quizgen.export.question_set import SheetFormat
from quizgen.export.selection import XML_DECLARATION, Question, QuestionSet, Version, number_text
from quizgen.models import stable_id

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
MANIFEST_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
IMSMD_NS = "http://www.imsglobal.org/xsd/imsmd_v1p2"
CANVAS_NS = "http://canvas.instructure.com/xsd/cccv1p0"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
QUESTION_TYPES = {
    "multiple_choice": "multiple_choice_question",
    "true_false": "true_false_question",
    "short_answer": "short_answer_question",
    "cloze": "short_answer_question",
}
_ZIP_TIME = (2025, 1, 1, 0, 0, 0)


def sheet_format(options: ExportOptions) -> SheetFormat:
    return SheetFormat(name="qti", extension=".zip", render=render)


def _ident(*parts: str) -> str:
    # Canvas ids are letters and digits; a leading letter keeps them valid XML names too.
    return "g" + stable_id("quizgen-qti", *parts, length=32)


def render(question_set: QuestionSet, version: Version) -> bytes:
    title = question_set.title_of(version)
    fingerprint = "|".join(f"{q.card.id}:{'/'.join(q.choices)}" for q in version.questions)
    assessment_id = _ident("assessment", title, fingerprint)
    meta_id = _ident("meta", assessment_id)
    files = {
        "imsmanifest.xml": _manifest(title, assessment_id, meta_id),
        f"{assessment_id}/{assessment_id}.xml": _assessment(question_set, version, title, assessment_id),
        f"{assessment_id}/assessment_meta.xml": _assessment_meta(question_set, version, title, assessment_id),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        folder = zipfile.ZipInfo("non_cc_assessments/", date_time=_ZIP_TIME)
        folder.external_attr = 0o40755 << 16
        archive.writestr(folder, b"")
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def _xml(root: etree._Element) -> bytes:
    etree.indent(root, space="  ")
    return XML_DECLARATION + etree.tostring(root, encoding="UTF-8", pretty_print=True)


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, tag, attributes)
    if text is not None:
        element.text = text
    return element


# ------------------------------------------------------------------------------------- manifest


def _manifest(title: str, assessment_id: str, meta_id: str) -> bytes:
    nsmap = {None: MANIFEST_NS, "imsmd": IMSMD_NS, "xsi": XSI_NS}
    manifest = etree.Element(f"{{{MANIFEST_NS}}}manifest", nsmap=nsmap)
    manifest.set("identifier", _ident("manifest", assessment_id))
    manifest.set(
        f"{{{XSI_NS}}}schemaLocation",
        f"{MANIFEST_NS} http://www.imsglobal.org/xsd/imscp_v1p1.xsd "
        f"{IMSMD_NS} http://www.imsglobal.org/xsd/imsmd_v1p2p2.xsd",
    )
    m = f"{{{MANIFEST_NS}}}"
    md = f"{{{IMSMD_NS}}}"
    metadata = _sub(manifest, f"{m}metadata")
    _sub(metadata, f"{m}schema", "IMS Content")
    _sub(metadata, f"{m}schemaversion", "1.1.3")
    general = _sub(_sub(metadata, f"{md}lom"), f"{md}general")
    _sub(_sub(general, f"{md}title"), f"{md}string", title)
    _sub(manifest, f"{m}organizations")
    resources = _sub(manifest, f"{m}resources")
    assessment = _sub(resources, f"{m}resource", identifier=assessment_id, type="imsqti_xmlv1p2")
    _sub(assessment, f"{m}file", href=f"{assessment_id}/{assessment_id}.xml")
    _sub(assessment, f"{m}dependency", identifierref=meta_id)
    meta = _sub(
        resources,
        f"{m}resource",
        identifier=meta_id,
        type="associatedcontent/imscc_xmlv1p1/learning-application-resource",
        href=f"{assessment_id}/assessment_meta.xml",
    )
    _sub(meta, f"{m}file", href=f"{assessment_id}/assessment_meta.xml")
    return _xml(manifest)


# ------------------------------------------------------------------------------- canvas settings


def _assessment_meta(question_set: QuestionSet, version: Version, title: str, assessment_id: str) -> bytes:
    quiz = etree.Element(f"{{{CANVAS_NS}}}quiz", nsmap={None: CANVAS_NS})
    quiz.set("identifier", assessment_id)
    c = f"{{{CANVAS_NS}}}"
    total = number_text(question_set.points * len(version.questions))
    _sub(quiz, f"{c}title", title)
    _sub(quiz, f"{c}description", escape_text(f"{len(version.questions)} questions written by quizgen."))
    _sub(quiz, f"{c}shuffle_answers", "false" if version.label else "true")
    _sub(quiz, f"{c}scoring_policy", "keep_highest")
    _sub(quiz, f"{c}quiz_type", "assignment")
    _sub(quiz, f"{c}points_possible", total)
    _sub(quiz, f"{c}show_correct_answers", "true")
    _sub(quiz, f"{c}allowed_attempts", "1")
    _sub(quiz, f"{c}one_question_at_a_time", "false")
    _sub(quiz, f"{c}cant_go_back", "false")
    _sub(quiz, f"{c}available", "false")
    assignment = _sub(quiz, f"{c}assignment", identifier=_ident("assignment", assessment_id))
    _sub(assignment, f"{c}title", title)
    _sub(assignment, f"{c}workflow_state", "unpublished")
    _sub(assignment, f"{c}quiz_identifierref", assessment_id)
    _sub(assignment, f"{c}points_possible", total)
    _sub(assignment, f"{c}grading_type", "points")
    _sub(assignment, f"{c}submission_types", "online_quiz")
    return _xml(quiz)


# ------------------------------------------------------------------------------------ assessment


def _assessment(question_set: QuestionSet, version: Version, title: str, assessment_id: str) -> bytes:
    root = etree.Element(f"{{{QTI_NS}}}questestinterop", nsmap={None: QTI_NS, "xsi": XSI_NS})
    root.set(f"{{{XSI_NS}}}schemaLocation", f"{QTI_NS} http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd")
    q = f"{{{QTI_NS}}}"
    assessment = _sub(root, f"{q}assessment", ident=assessment_id, title=title)
    metadata = _sub(assessment, f"{q}qtimetadata")
    _field(metadata, "cc_maxattempts", "1")
    section = _sub(assessment, f"{q}section", ident="root_section")
    for question in version.questions:
        section.append(_item(question_set, version, question, assessment_id))
    return _xml(root)


def _field(parent: etree._Element, label: str, entry: str) -> None:
    q = f"{{{QTI_NS}}}"
    field = _sub(parent, f"{q}qtimetadatafield")
    _sub(field, f"{q}fieldlabel", label)
    _sub(field, f"{q}fieldentry", entry)


def _material(parent: etree._Element, html_text: str) -> None:
    q = f"{{{QTI_NS}}}"
    _sub(_sub(parent, f"{q}material"), f"{q}mattext", html_text, texttype="text/html")


def _item(
    question_set: QuestionSet, version: Version, question: Question, assessment_id: str
) -> etree._Element:
    q = f"{{{QTI_NS}}}"
    item_id = _ident("item", assessment_id, str(question.number), question.card.id)
    item = etree.Element(f"{q}item", ident=item_id, title=f"Question {question.number}")
    choice_ids = [f"{item_id}_{index + 1}" for index in range(len(question.choices))]
    metadata = _sub(_sub(item, f"{q}itemmetadata"), f"{q}qtimetadata")
    _field(metadata, "question_type", QUESTION_TYPES[question.kind])
    _field(metadata, "points_possible", number_text(question_set.points))
    _field(metadata, "original_answer_ids", ",".join(choice_ids))
    _field(metadata, "assessment_question_identifierref", _ident("question", item_id))

    presentation = _sub(item, f"{q}presentation")
    _material(presentation, f"<p>{escape_text(question.prompt)}</p>")
    if question.choices:
        response = _sub(presentation, f"{q}response_lid", ident="response1", rcardinality="Single")
        render_choice = _sub(response, f"{q}render_choice")
        for choice_id, choice in zip(choice_ids, question.choices, strict=True):
            label = _sub(render_choice, f"{q}response_label", ident=choice_id)
            _material(label, escape_text(choice))
    else:
        response = _sub(presentation, f"{q}response_str", ident="response1", rcardinality="Single")
        _sub(_sub(response, f"{q}render_fib"), f"{q}response_label", ident="answer1", rshuffle="No")

    processing = _sub(item, f"{q}resprocessing")
    outcomes = _sub(processing, f"{q}outcomes")
    _sub(outcomes, f"{q}decvar", maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")
    if question.feedback:
        general = _sub(processing, f"{q}respcondition", **{"continue": "Yes"})
        _sub(_sub(general, f"{q}conditionvar"), f"{q}other")
        _sub(general, f"{q}displayfeedback", feedbacktype="Response", linkrefid="general_fb")
    right = _sub(processing, f"{q}respcondition", **{"continue": "No"})
    condition = _sub(right, f"{q}conditionvar")
    if question.choices:
        assert question.correct_index is not None
        _sub(condition, f"{q}varequal", choice_ids[question.correct_index], respident="response1")
    else:
        for answer in question.accepted:  # several varequal in one conditionvar: any of them
            _sub(condition, f"{q}varequal", answer, respident="response1")
    _sub(right, f"{q}setvar", "100", action="Set", varname="SCORE")

    if question.feedback:
        feedback = _sub(item, f"{q}itemfeedback", ident="general_fb")
        _material(_sub(feedback, f"{q}flow_mat"), f"<p>{escape_text(question.feedback)}</p>")
    return item
