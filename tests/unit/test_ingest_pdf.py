"""PDF articles made with reportlab: hyphenation, running headers, page numbers, broken files."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from quizgen.errors import InputError
from quizgen.ingest import read_article
from quizgen.models import Article

HEADER = "Annals of Exploration - Spring Issue"

# Lines as they would be set in a narrow column; None is the space between two paragraphs.
VOYAGE = [
    [
        "Captain Cook and the Transit of Venus",
        None,
        "In 1768 the Royal Society sent an expedition to the Pacific Ocean to observe the transit of",
        "Venus across the face of the Sun. Astronomers hoped that timings taken at widely separated obser-",
        "vation posts would reveal the distance between the Earth and the Sun with new accuracy.",
        None,
        "The ship chosen for the voyage was the Endeavour, a sturdy former coal carrier from Whitby,",
        "and its commander was James Cook, a navigator who was already well-",
        "known for his careful charts of the coast of Newfoundland and of the St Lawrence River.",
        "The expedition reached Tahiti in April 1769 and built a small fort on a point of land that is",
    ],
    [
        "still called Point Venus. On 3 June 1769 the transit was watched by Cook, the astronomer",
        "Charles Green and the botanist Daniel Solander, but a dark haze around the planet made the",
        "exact moments of contact hard to judge, and their timings did not agree with one another.",
        None,
        "After leaving Tahiti the Endeavour sailed south and west under sealed orders from the Admir-",
        "alty, which told Cook to search for a great southern continent that geographers had long",
        "imagined. Instead he charted both islands of New Zealand in about six months.",
    ],
    [
        "In April 1770 the expedition sighted the east coast of Australia and landed at a bay that",
        "Cook later named Botany Bay because of the many new plants that Joseph Banks collected there.",
        "The long-term results of the voyage were scientific rather than astronomical: Banks and",
        "Solander brought back thousands of pressed plants and drawings of animals unknown in Europe.",
    ],
]


def make_pdf(
    pages: list[list[str | None]],
    *,
    header: str | None = HEADER,
    numbers: bool = True,
    title: str | None = None,
    leading: int = 14,
) -> bytes:
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    if title:
        pdf.setTitle(title)
    for number, lines in enumerate(pages, 1):
        if header:
            pdf.setFont("Helvetica", 9)
            pdf.drawString(60, 800, header)
        pdf.setFont("Helvetica", 10)
        y = 760
        for line in lines:
            if line is None:
                y -= 10  # paragraph spacing
                continue
            pdf.drawString(60, y, line)
            y -= leading
        if numbers:
            pdf.setFont("Helvetica", 9)
            pdf.drawCentredString(297, 40, f"Page {number}" if number % 2 else str(number))
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def write(tmp_path: Path, data: bytes, name: str = "voyage.pdf") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


@pytest.fixture(scope="module")
def voyage(tmp_path_factory: pytest.TempPathFactory) -> Article:
    return read_article(write(tmp_path_factory.mktemp("pdf"), make_pdf(VOYAGE)))


def test_words_hyphenated_at_line_ends_are_rejoined(voyage: Article) -> None:
    assert "widely separated observation posts" in voyage.text
    assert "from the Admiralty, which told Cook" in voyage.text
    assert "obser-" not in voyage.text and "Admir-" not in voyage.text


def test_real_compounds_keep_their_hyphen(voyage: Article) -> None:
    assert "already well-known for his careful charts" in voyage.text  # broken at the line end
    assert "The long-term results" in voyage.text  # hyphen inside a line


def test_running_header_and_page_numbers_are_dropped(voyage: Article) -> None:
    assert "Annals of Exploration" not in voyage.text
    assert "Page 1" not in voyage.text and "Page 3" not in voyage.text
    assert "\n\n2\n\n" not in voyage.text and not voyage.text.endswith("3")


def test_lines_join_into_paragraphs_across_pages(voyage: Article) -> None:
    assert voyage.title == "Captain Cook and the Transit of Venus"
    assert voyage.paragraphs[0].heading
    body = [p.text for p in voyage.body_paragraphs()]
    assert [p[:25] for p in body] == [
        "In 1768 the Royal Society",
        "The ship chosen for the v",
        "After leaving Tahiti the ",
        "In April 1770 the expedit",
    ]
    # The paragraph that runs over the page break is one paragraph.
    assert "built a small fort on a point of land that is still called Point Venus." in body[1]


def test_double_spaced_pdf_is_not_cut_into_one_paragraph_per_line(tmp_path: Path) -> None:
    pages = [[line for line in page if line is not None] for page in VOYAGE]
    article = read_article(write(tmp_path, make_pdf(pages, leading=26)))
    body = [p.text for p in article.body_paragraphs()]
    assert len(body) <= 3
    assert "widely separated observation posts would reveal" in body[0]


def test_metadata_title_is_used_when_the_first_line_is_prose(tmp_path: Path) -> None:
    data = make_pdf([VOYAGE[2]], header=None, numbers=False, title="Botany Bay")
    article = read_article(write(tmp_path, data))
    assert article.title == "Botany Bay"
    assert article.body_paragraphs()[0].text.startswith("In April 1770")


def test_file_name_title_when_the_metadata_title_is_a_placeholder(tmp_path: Path) -> None:
    data = make_pdf([VOYAGE[2]], header=None, numbers=False)  # reportlab's default title is "untitled"
    article = read_article(write(tmp_path, data, name="botany_bay.pdf"))
    assert article.title == "Botany bay"


def test_damaged_pdf_is_refused_with_one_clear_line(tmp_path: Path) -> None:
    data = make_pdf(VOYAGE)
    for name, broken in (
        ("cut.pdf", data[: len(data) // 3]),
        ("noise.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 8),
    ):
        with pytest.raises(InputError) as caught:
            read_article(write(tmp_path, broken, name=name))
        assert str(caught.value).startswith(f"{tmp_path / name} is not a readable PDF")
        assert "\n" not in str(caught.value)


def test_password_protected_pdf_is_refused(tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=io.BytesIO(make_pdf(VOYAGE)))
    writer.encrypt(user_password="hunter2", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(InputError, match="password-protected"):
        read_article(write(tmp_path, out.getvalue()))


def test_pdf_protected_only_against_editing_is_read(tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=io.BytesIO(make_pdf(VOYAGE)))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    assert "Botany Bay" in read_article(write(tmp_path, out.getvalue())).text


def test_pdf_without_text_is_refused_with_a_hint_about_ocr(tmp_path: Path) -> None:
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    pdf.rect(100, 100, 300, 400, fill=1)  # a "scanned page": shapes, no text
    pdf.showPage()
    pdf.save()
    with pytest.raises(InputError, match="no text to read") as caught:
        read_article(write(tmp_path, out.getvalue()))
    assert caught.value.hint and "OCR" in caught.value.hint


def test_pdf_over_the_character_limit_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="over the limit of 500") as caught:
        read_article(write(tmp_path, make_pdf(VOYAGE)), max_chars=500)
    assert caught.value.hint == "use --max-chars to raise it"


def test_a_pdf_without_its_extension_or_on_stdin_is_read_as_a_pdf(
    tmp_path: Path, voyage: Article, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = make_pdf(VOYAGE)
    bare = read_article(write(tmp_path, data, name="voyage"))
    assert bare.format == "pdf" and bare.text == voyage.text
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    piped = read_article("-")
    assert piped.format == "pdf" and piped.text == voyage.text
