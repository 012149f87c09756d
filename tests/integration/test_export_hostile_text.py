"""Article text is untrusted: every classroom format must keep ``<script>``, ``<img onerror>``,
Anki cloze markers, GIFT's control characters, ``]]>`` and ``&amp;`` as the text they are, and
stay well-formed. Each file is read back by the parser its platform would use."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import lxml.html
import openpyxl
import pytest
from lxml import etree
from markdown_it import MarkdownIt
from question_readers import parse, read_aiken

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))

from classroom_decks import HOSTILE, hostile_deck

from quizgen.export import ExportOptions, exporter_for

SCRIPT = "<script>alert(1)</script>"
IMAGE = "<img src=x onerror=alert(2)>"
WORKSHEET_TAGS = {
    "html", "head", "meta", "title", "style", "body", "main", "header", "h1", "h2", "p", "div", "span",
    "ol", "ul", "li", "section",
}  # fmt: skip


def squash(text: str) -> str:
    return " ".join(text.split())


def no_live_markup(markup: str, allowed: set[str], parse_html: Callable[[str], object]) -> str:
    """The visible text of ``markup``, after checking that it holds only the allowed tags."""
    rendered = parse_html(markup)
    assert set(rendered.tags) <= allowed, set(rendered.tags) - allowed  # type: ignore[attr-defined]
    assert not {"onerror", "src"} & set(rendered.attributes)  # type: ignore[attr-defined]
    return rendered.text  # type: ignore[attr-defined]


def check_gift(path: Path, parse_html: Callable[[str], object]) -> None:
    raw = path.read_text(encoding="utf-8")
    assert "<script" not in raw and "<img" not in raw
    questions = parse(raw).questions
    assert len(questions) == 4
    assert SCRIPT in no_live_markup(questions[1].text, set(), parse_html)


def check_moodle_xml(path: Path, parse_html: Callable[[str], object]) -> None:
    quiz = etree.parse(str(path)).getroot()
    html_fields = [e.findtext("text") or "" for e in quiz.iter() if e.get("format") == "html"]
    assert len(quiz.findall("question")) == 5
    texts = [no_live_markup(field, {"p"}, parse_html) for field in html_fields]
    assert any(SCRIPT in text and IMAGE in text for text in texts)


def check_aiken(path: Path, parse_html: Callable[[str], object]) -> None:
    ((prompt, choices, answer),) = read_aiken(path.read_text(encoding="utf-8"))
    assert prompt == "Which of these holds <b>markup</b> & {braces}: ]]>?"
    assert choices[answer] == "<script>x</script>"


def check_qti(path: Path, parse_html: Callable[[str], object]) -> None:
    package = zipfile.ZipFile(path)
    for name in package.namelist():
        if name.endswith(".xml"):
            root = etree.fromstring(package.read(name))
            for mattext in root.iter("{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}mattext"):
                no_live_markup(mattext.text or "", {"p"}, parse_html)
    assert len(package.namelist()) == 4


def check_csv(path: Path, parse_html: Callable[[str], object]) -> None:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert rows[2] == [f"True or false: {HOSTILE}", "True"]
    assert rows[4] == [f"{HOSTILE} then _____ ends it.", "&amp; ]]>"]


def check_kahoot(path: Path, parse_html: Callable[[str], object]) -> None:
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert all(cell.data_type in ("s", "n") for cell in cells)
    assert HOSTILE in [cell.value for cell in cells]


def check_html(path: Path, parse_html: Callable[[str], object]) -> None:
    text = no_live_markup(path.read_text(encoding="utf-8"), WORKSHEET_TAGS, parse_html)
    assert squash(HOSTILE) in text
    assert "Hostile <b>deck</b> & {title}: ]]>" in text


def check_markdown(path: Path, parse_html: Callable[[str], object]) -> None:
    rendered = MarkdownIt("commonmark").render(path.read_text(encoding="utf-8"))
    text = no_live_markup(rendered, {"h1", "h2", "p", "em", "ol", "li", "br", "div"}, parse_html)
    assert squash(HOSTILE) in text
    page = lxml.html.fromstring(f"<div>{rendered}</div>")
    assert len(page.xpath("//ol[1]/li")) == 4


def check_pdf(path: Path, parse_html: Callable[[str], object]) -> None:
    tool = shutil.which("pdftotext")
    if tool is None:
        if os.environ.get("CI") == "true":
            pytest.fail("pdftotext is not installed; CI installs poppler-utils (see .ci/run)")
        pytest.skip("pdftotext is not installed")
    done = subprocess.run(
        [tool, "-enc", "UTF-8", str(path), "-"], capture_output=True, timeout=60, check=True
    )
    assert squash(HOSTILE) in squash(done.stdout.decode("utf-8"))


EXTENSIONS = {
    "gift": ".gift", "moodle-xml": ".xml", "aiken": ".txt", "qti": ".zip", "csv": ".csv",
    "kahoot": ".xlsx", "html": ".html", "markdown": ".md", "pdf": ".pdf",
}  # fmt: skip
CHECKS = {
    "gift": check_gift,
    "moodle-xml": check_moodle_xml,
    "aiken": check_aiken,
    "qti": check_qti,
    "csv": check_csv,
    "kahoot": check_kahoot,
    "html": check_html,
    "markdown": check_markdown,
    "pdf": check_pdf,
}


@pytest.mark.parametrize("format_name", list(CHECKS))
def test_hostile_article_text_stays_text(format_name: str, tmp_path: Path, parse_html) -> None:
    path = tmp_path / f"hostile{EXTENSIONS[format_name]}"
    exporter_for(format_name)([hostile_deck()], path, ExportOptions())

    CHECKS[format_name](path, parse_html)


def test_every_classroom_format_is_checked() -> None:
    from quizgen.export import EXPORTERS

    assert set(CHECKS) == set(EXPORTERS) - {"anki"}
