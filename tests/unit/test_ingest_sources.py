"""collect_sources: folders expanded in a stable order, unsupported and hidden files skipped."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizgen.errors import InputError
from quizgen.ingest import collect_sources


def touch(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("The Moon orbits the Earth.", encoding="utf-8")


def test_folder_is_expanded_recursively_in_relative_path_order(tmp_path: Path) -> None:
    touch(
        tmp_path,
        "b.md",
        "a/z.txt",
        "a/b/c.PDF",
        "a.html",
        "notes.markdown",
        "page.htm",
        "photo.png",
        "README",
        ".hidden.txt",
        ".git/config.txt",
        "drafts/.secret/x.md",
    )
    found = collect_sources([str(tmp_path)])
    relative = [str(Path(s).relative_to(tmp_path)) for s in found]
    assert relative == ["a/b/c.PDF", "a/z.txt", "a.html", "b.md", "notes.markdown", "page.htm"]


def test_stdin_and_files_are_kept_in_the_given_order(tmp_path: Path) -> None:
    touch(tmp_path, "one.txt", "two.md")
    one, two = str(tmp_path / "one.txt"), str(tmp_path / "two.md")
    assert collect_sources([two, "-", one]) == [two, "-", one]


def test_a_file_named_twice_is_read_once(tmp_path: Path) -> None:
    touch(tmp_path, "one.txt")
    one = str(tmp_path / "one.txt")
    assert collect_sources([one, str(tmp_path), one]) == [one]


def test_missing_path(tmp_path: Path) -> None:
    missing = str(tmp_path / "gone")
    with pytest.raises(InputError) as caught:
        collect_sources([missing])
    assert str(caught.value) == f"no such file or folder: {missing}"


def test_unsupported_file_type_names_the_type_and_the_supported_ones(tmp_path: Path) -> None:
    touch(tmp_path, "diagram.png")
    with pytest.raises(InputError) as caught:
        collect_sources([str(tmp_path / "diagram.png")])
    assert ".png" in str(caught.value)
    assert caught.value.hint is not None
    for supported in (".txt", ".md", ".html", ".pdf"):
        assert supported in caught.value.hint


def test_folder_without_articles(tmp_path: Path) -> None:
    touch(tmp_path, "photo.png", ".notes.txt")
    with pytest.raises(InputError, match="has no article files"):
        collect_sources([str(tmp_path)])
