"""Render the sample articles kept as text in benchmarks/pdf_sources/ into PDFs in sample_articles/.

Each source is a title line, a blank line, then paragraphs separated by blank lines. The PDF is laid
out like a printed handout, with what real PDFs do to text that an ingester has to undo: a running
header and a page number on every page, lines broken at the page width, and long words hyphenated
across line ends ("infor-" / "mation"). reportlab's invariant mode pins the dates and document id,
so rerunning the script gives byte-identical files.

Usage (from anywhere):
    .venv/bin/python benchmarks/make_sample_pdf.py            # every source
    .venv/bin/python benchmarks/make_sample_pdf.py world_wide_web
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

REPO_ROOT = Path(__file__).resolve().parent.parent
SOURCES = REPO_ROOT / "benchmarks" / "pdf_sources"
OUTPUT = REPO_ROOT / "sample_articles"

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 72.0
MARGIN_TOP = 60.0
MARGIN_BOTTOM = 64.0
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X

BODY_FONT, BODY_SIZE, BODY_LEADING = "Times-Roman", 11.0, 15.0
TITLE_FONT, TITLE_SIZE, TITLE_LEADING = "Helvetica-Bold", 18.0, 22.0
HEADER_FONT, HEADER_SIZE = "Helvetica", 8.5
PARAGRAPH_GAP = 7.0
GREY = Color(0.4, 0.4, 0.4)

# Hyphenate only plain words this long, keeping at least this many letters on each side of the break.
MIN_HYPHENATED_LETTERS = 9
MIN_PART_LETTERS = 4
# Below this much free space at the end of a line, a word is moved down whole rather than split.
MIN_SPACE_FOR_HYPHENATION = 20.0
VOWELS = set("aeiouyAEIOUY")
DIGRAPHS = {"ch", "ck", "gh", "ph", "qu", "sh", "th", "wh"}
PLAIN_WORD = re.compile(r"^([\"'(\[]*)([A-Za-z]+)([.,;:!?\"')\]]*)$")


@dataclass(frozen=True)
class Line:
    """One line of body text, or the empty gap after a paragraph (text is None)."""

    text: str | None


def width(text: str, font: str = BODY_FONT, size: float = BODY_SIZE) -> float:
    return stringWidth(text, font, size)


def split_for_hyphenation(word: str, room: float) -> tuple[str, str] | None:
    """Split `word` into ("infor-", "mation.") so the first part fits in `room` points, or None.

    Only plain alphabetic words are split (never numbers, URLs or words that already contain a
    hyphen, whose line-end hyphen a reader could not tell apart from an inserted one), and only at a
    rough syllable boundary: before a consonant that starts a new syllable ("infor-mation"), never
    inside a digraph such as "th" or "ck".
    """
    match = PLAIN_WORD.match(word)
    if match is None or room < MIN_SPACE_FOR_HYPHENATION:
        return None
    lead, letters, trail = match.groups()
    if len(letters) < MIN_HYPHENATED_LETTERS:
        return None
    for cut in range(len(letters) - MIN_PART_LETTERS, MIN_PART_LETTERS - 1, -1):
        before, after, next_letter = letters[cut - 1], letters[cut], letters[cut + 1]
        boundary = after not in VOWELS and next_letter in VOWELS and (before + after).lower() not in DIGRAPHS
        head = lead + letters[:cut] + "-"
        if boundary and width(head) <= room:
            return head, letters[cut:] + trail
    return None


def wrap_paragraph(paragraph: str) -> list[str]:
    """Greedy line breaking at TEXT_WIDTH, hyphenating a long word when it would leave a wide gap."""
    lines: list[str] = []
    current = ""
    pending = paragraph.split()
    while pending:
        word = pending.pop(0)
        candidate = f"{current} {word}" if current else word
        if width(candidate) <= TEXT_WIDTH:
            current = candidate
            continue
        room = TEXT_WIDTH - width(current + " ") if current else TEXT_WIDTH
        parts = split_for_hyphenation(word, room)
        if parts is not None:
            head, tail = parts
            lines.append(f"{current} {head}" if current else head)
            current = ""
            pending.insert(0, tail)
        elif current:
            lines.append(current)
            current = word
        else:  # a single word wider than the page: let it overflow rather than loop
            lines.append(word)
    if current:
        lines.append(current)
    return lines


def wrap_title(title: str) -> list[str]:
    lines: list[str] = []
    for word in title.split():
        if lines and width(f"{lines[-1]} {word}", TITLE_FONT, TITLE_SIZE) <= TEXT_WIDTH:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def paginate(title_lines: list[str], paragraphs: list[str]) -> list[list[Line]]:
    """Distribute the body lines over pages; the first page leaves room for the title."""
    body: list[Line] = []
    for paragraph in paragraphs:
        body.extend(Line(text) for text in wrap_paragraph(paragraph))
        body.append(Line(None))
    usable = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM - 20.0  # 20 points below the running header
    first_page_room = usable - len(title_lines) * TITLE_LEADING - 18.0
    pages: list[list[Line]] = [[]]
    room = first_page_room
    for line in body:
        step = BODY_LEADING if line.text is not None else PARAGRAPH_GAP
        if step > room:
            if line.text is None:  # never start a page with a paragraph gap
                continue
            pages.append([])
            room = usable
        pages[-1].append(line)
        room -= step
    return pages


def draw_running_parts(pdf: canvas.Canvas, title: str, page_number: int, page_count: int) -> None:
    pdf.setFillColor(GREY)
    pdf.setStrokeColor(GREY)
    pdf.setFont(HEADER_FONT, HEADER_SIZE)
    header_y = PAGE_HEIGHT - MARGIN_TOP + 16.0
    pdf.drawString(MARGIN_X, header_y, "quizgen sample articles")
    pdf.drawRightString(PAGE_WIDTH - MARGIN_X, header_y, title)
    pdf.setLineWidth(0.5)
    pdf.line(MARGIN_X, header_y - 5.0, PAGE_WIDTH - MARGIN_X, header_y - 5.0)
    pdf.drawCentredString(PAGE_WIDTH / 2, MARGIN_BOTTOM - 28.0, f"Page {page_number} of {page_count}")
    pdf.setFillColor(Color(0, 0, 0))


def render(source: Path, target: Path) -> int:
    """Write the PDF for one source text and return its page count."""
    raw = source.read_text(encoding="utf-8").strip()
    title, _, rest = raw.partition("\n")
    paragraphs = [" ".join(block.split()) for block in re.split(r"\n\s*\n", rest.strip()) if block.strip()]
    title_lines = wrap_title(title.strip())
    pages = paginate(title_lines, paragraphs)

    pdf = canvas.Canvas(str(target), pagesize=A4, invariant=1)
    pdf.setTitle(title.strip())
    pdf.setAuthor("quizgen contributors")
    pdf.setSubject("Sample article for quizgen")
    for number, lines in enumerate(pages, start=1):
        draw_running_parts(pdf, title.strip(), number, len(pages))
        y = PAGE_HEIGHT - MARGIN_TOP - 20.0
        if number == 1:
            pdf.setFont(TITLE_FONT, TITLE_SIZE)
            for title_line in title_lines:
                y -= TITLE_LEADING
                pdf.drawString(MARGIN_X, y, title_line)
            y -= 18.0
        pdf.setFont(BODY_FONT, BODY_SIZE)
        for line in lines:
            if line.text is None:
                y -= PARAGRAPH_GAP
                continue
            y -= BODY_LEADING
            pdf.drawString(MARGIN_X, y, line.text)
        pdf.showPage()
    pdf.save()
    return len(pages)


def main(argv: list[str]) -> int:
    names = argv or sorted(path.stem for path in SOURCES.glob("*.txt"))
    for name in names:
        source = SOURCES / f"{name}.txt"
        if not source.is_file():
            print(f"error: no source text {source.relative_to(REPO_ROOT)}", file=sys.stderr)
            return 2
        target = OUTPUT / f"{name}.pdf"
        page_count = render(source, target)
        print(f"wrote {target.relative_to(REPO_ROOT)} ({page_count} pages)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
