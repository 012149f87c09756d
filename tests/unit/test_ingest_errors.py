"""Everything a user can get wrong is one clear InputError line, never a traceback."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from quizgen.errors import InputError
from quizgen.ingest import read_article

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\x1f\xf3\xffa"

FRENCH = (
    "La tour Eiffel a été construite pour l'Exposition universelle de 1889 à Paris. Elle mesure environ "
    "trois cents mètres et elle est restée pendant quarante ans le plus haut monument du monde. Les "
    "Parisiens l'ont d'abord critiquée, mais elle est devenue le symbole de la ville."
)
GERMAN = (
    "Der Rhein ist einer der längsten Flüsse Europas. Er entspringt in den Alpen der Schweiz und mündet "
    "in den Niederlanden in die Nordsee. Im Mittelalter war er eine wichtige Handelsstraße, und an seinen "
    "Ufern stehen bis heute viele Burgen."
)
CHINESE = "长城是中国古代的军事防御工程，修建的历史很长。后来各个城墙被连接起来，成为了今天的长城。"


def refused(source: str, **kwargs: int) -> InputError:
    """The error reading `source` raises; it must be a single line a terminal can show."""
    with pytest.raises(InputError) as caught:
        read_article(source, **kwargs)
    message = str(caught.value)
    assert message and "\n" not in message and "Traceback" not in message
    return caught.value


def write(tmp_path: Path, name: str, data: bytes | str) -> str:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return str(path)


@pytest.mark.parametrize("name", ["nope.txt", "nope.png"])
def test_missing_file(tmp_path: Path, name: str) -> None:
    missing = str(tmp_path / name)
    assert str(refused(missing)) == f"no such file or folder: {missing}"


def test_folder_given_as_an_article(tmp_path: Path) -> None:
    folder = tmp_path / "articles.md"
    folder.mkdir()
    assert "is a folder" in str(refused(str(folder)))


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = write(tmp_path, "secret.txt", "The Moon orbits the Earth once every 27 days.")
    os.chmod(source, 0)
    if os.access(source, os.R_OK):  # running as root: permissions do not apply, so fake the refusal

        def deny(self: Path) -> bytes:
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(Path, "read_bytes", deny)
    assert str(refused(source)) == f"cannot read {source}: permission denied"


def test_empty_file(tmp_path: Path) -> None:
    source = write(tmp_path, "empty.txt", b"")
    assert str(refused(source)) == f"{source} is empty"


@pytest.mark.parametrize("data", [b" \n\t\n  \n", "\u00a0\n\u200b\n".encode(), " \n".encode("utf-16")])
def test_whitespace_only_file(tmp_path: Path, data: bytes) -> None:
    assert "has no text" in str(refused(write(tmp_path, "blank.txt", data)))


def test_png_renamed_to_txt(tmp_path: Path) -> None:
    error = refused(write(tmp_path, "photo.txt", PNG + bytes(range(256)) * 4))
    assert "is not a text file (it looks like a PNG image)" in str(error)
    assert error.hint and ".txt" in error.hint


def test_binary_without_nul_bytes_is_not_text(tmp_path: Path) -> None:
    data = bytes(b for b in range(1, 32) if b not in (9, 10, 13)) * 40
    assert "is not a text file" in str(refused(write(tmp_path, "blob.md", data)))


@pytest.mark.parametrize(("language", "text"), [("french", FRENCH), ("german", GERMAN), ("chinese", CHINESE)])
def test_article_that_is_not_english(tmp_path: Path, language: str, text: str) -> None:
    error = refused(write(tmp_path, f"{language}.txt", text))
    assert "does not look like English" in str(error)


def test_english_with_many_names_and_numbers_is_accepted(tmp_path: Path) -> None:
    text = (
        "Results for 2021: revenue 4.5 billion, profit 1.2 billion, staff 12,000, offices in Tokyo, Paris, "
        "Berlin, Madrid and Rome. Growth was 5 percent in Asia and 3 percent in Europe. Chief executive "
        "Jean-Luc Dubois and finance director Ingrid Van der Berg presented the figures in Frankfurt."
    )
    assert read_article(write(tmp_path, "results.txt", text)).words > 30


def test_file_too_large_on_disk_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = write(tmp_path, "big.txt", "The Moon orbits the Earth. " * 200)

    def must_not_read(self: Path) -> bytes:
        raise AssertionError("the file was read")

    monkeypatch.setattr(Path, "read_bytes", must_not_read)
    error = refused(source, max_chars=1000)
    assert "characters, over the limit of 1,000" in str(error)
    assert error.hint == "use --max-chars to raise it"


def test_text_over_the_character_limit_is_refused(tmp_path: Path) -> None:
    source = write(tmp_path, "long.txt", "é" * 1500)  # 3,000 bytes: under 4 bytes a character
    error = refused(source, max_chars=1000)
    assert str(error) == f"{source} is 1,500 characters, over the limit of 1,000"


def test_stdin_over_the_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", SimpleNamespace(buffer=io.BytesIO(b"The Moon. " * 5000)))
    assert "<stdin> is at least" in str(refused("-", max_chars=1000))


def test_empty_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", SimpleNamespace(buffer=io.BytesIO(b"")))
    assert str(refused("-")) == "<stdin> is empty"


def test_ingest_does_not_import_textual() -> None:
    code = (
        "import sys, quizgen.ingest, quizgen.ingest.html, quizgen.ingest.pdf, quizgen.ingest.markdown; "
        "print('textual' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
