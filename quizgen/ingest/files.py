"""Finding article files and reading their bytes, with a clear error for everything that can go wrong."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from quizgen.errors import InputError
from quizgen.ingest.clean import Format
from quizgen.ingest.text import SUPPORTED_HINT

FORMATS: dict[str, Format] = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
}
# How many bytes on disk can hold one character of article text, at most, per format: UTF-8 and
# UTF-16 text use up to 4, markup and PDF structure take far more. A file larger than this many
# bytes per allowed character is refused before it is read.
_BYTES_PER_CHAR = {"text": 4, "markdown": 4, "html": 20, "pdf": 50}
_SIZE_HINT = "use --max-chars to raise it"


def too_large(name: str, chars: int, limit: int, *, at_least: bool = False) -> InputError:
    """The error for an article over the character limit."""
    more = "at least " if at_least else ""
    return InputError(f"{name} is {more}{chars:,} characters, over the limit of {limit:,}", hint=_SIZE_HINT)


def format_of(path: Path) -> Format | None:
    """The reader for a file name, None when it has no extension (then the content decides)."""
    suffix = path.suffix.lower()
    if not suffix:
        return None
    if suffix not in FORMATS:
        raise InputError(f"{path} is a {suffix} file, which quizgen cannot read", hint=SUPPORTED_HINT)
    return FORMATS[suffix]


def _is_hidden(name: str) -> bool:
    return name.startswith(".")


def _articles_in(folder: Path) -> list[Path]:
    """Supported files under a folder, at any depth, sorted by relative path; hidden ones skipped."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not _is_hidden(d)]
        found.extend(Path(root, f) for f in files if not _is_hidden(f) and Path(f).suffix.lower() in FORMATS)
    return sorted(found, key=lambda p: p.relative_to(folder).parts)


def collect_sources(inputs: list[str]) -> list[str]:
    """Expand folders into the article files inside them; check that every named file can be read.

    "-" (stdin) is kept as it is. A file named twice (or also found in a named folder) is read once.
    """
    sources: list[str] = []
    seen: set[str] = set()
    for item in inputs:
        if item == "-":
            candidates = ["-"]
        else:
            path = Path(item)
            if path.is_dir():
                files = _articles_in(path)
                if not files:
                    raise InputError(f"{item} has no article files in it", hint=SUPPORTED_HINT)
                candidates = [str(f) for f in files]
            elif path.exists():
                format_of(path)  # refuse unsupported types now, before any work is done
                candidates = [item]
            else:
                raise InputError(f"no such file or folder: {item}")
        for source in candidates:
            key = source if source == "-" else os.path.realpath(source)
            if key not in seen:
                seen.add(key)
                sources.append(source)
    return sources


def read_source_bytes(source: str, max_chars: int) -> tuple[bytes, Format | None]:
    """The raw bytes of a file or of stdin ("-") and the reader its name asks for.

    Anything too large to be under `max_chars` characters is refused before it is read.
    """
    if source == "-":
        byte_limit = max_chars * _BYTES_PER_CHAR["html"]  # the format is not known yet
        raw: bytes = sys.stdin.buffer.read(byte_limit + 1)
        if len(raw) > byte_limit:
            raise too_large("<stdin>", max_chars + 1, max_chars, at_least=True)
        return raw, None
    path = Path(source)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise InputError(f"{source} is a folder, not an article file", hint="name a file inside it")
        fmt = format_of(path)
        bytes_per_char = _BYTES_PER_CHAR[fmt or "html"]
        if size > max_chars * bytes_per_char:
            raise too_large(source, size // bytes_per_char, max_chars, at_least=True)
        return path.read_bytes(), fmt
    except FileNotFoundError:
        raise InputError(f"no such file or folder: {source}") from None
    except PermissionError:
        raise InputError(f"cannot read {source}: permission denied") from None
    except OSError as exc:
        raise InputError(f"cannot read {source}: {exc.strerror or exc}") from None
