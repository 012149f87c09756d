"""The layering promises: the core never imports Textual, and `quizgen --help` imports nothing heavy.

Each check runs in a fresh interpreter, because this test process may already have imported
anything (other tests import Textual and spaCy).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

CORE_MODULES = [
    "quizgen.ingest",
    "quizgen.nlp",
    "quizgen.generate",
    "quizgen.generate.facts",
    "quizgen.export",
    "quizgen.study",
    "quizgen.pick",
    "quizgen.pick.session",
    "quizgen.generate.llm.engine",
    "quizgen.models",
    "quizgen.pipeline",
    "quizgen.cli",
]

# Imported only by the command that needs them, so that `quizgen --help` stays instant.
HEAVY_MODULES = [
    "spacy",
    "textual",
    "genanki",
    "pypdf",
    "trafilatura",
    "lxml",
    "fpdf",
    "openpyxl",
    "matplotlib",
]


def python(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        cwd=REPO,
        env={**os.environ, "QUIZGEN_HOME": str(home)},
        capture_output=True,
        text=True,
        timeout=120,
    )


def modules_loaded_by(statement: str, watched: list[str], home: Path) -> list[str]:
    """Which of `watched` are in sys.modules after running `statement` in a fresh interpreter."""
    probe = f"import sys\n{statement}\nprint(' '.join(m for m in {watched!r} if m in sys.modules))"
    done = python("-c", probe, home=home)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_does_not_import_textual(module: str, tmp_path: Path) -> None:
    assert modules_loaded_by(f"import {module}", ["textual"], tmp_path) == []


def test_the_probe_does_see_textual_when_it_is_imported(tmp_path: Path) -> None:
    # Guards the test above against passing because the probe is broken.
    assert modules_loaded_by("import quizgen.tui.app", ["textual"], tmp_path) == ["textual"]


def test_the_import_contracts_are_kept(tmp_path: Path) -> None:
    lint_imports = Path(sys.executable).parent / "lint-imports"
    if not lint_imports.exists():
        pytest.fail(f"lint-imports is not installed next to {sys.executable} (pip install -e '.[test]')")

    done = subprocess.run(
        [str(lint_imports), "--no-cache"],
        cwd=REPO,
        env={**os.environ, "QUIZGEN_HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def test_importing_the_cli_app_loads_nothing_heavy(tmp_path: Path) -> None:
    assert modules_loaded_by("from quizgen.cli import app", HEAVY_MODULES, tmp_path) == []


def test_help_imports_nothing_heavy(tmp_path: Path) -> None:
    done = python("-X", "importtime", "-m", "quizgen", "--help", home=tmp_path)

    assert done.returncode == 0, done.stderr
    assert "generate" in done.stdout
    # -X importtime writes one line per module: "import time: self | cumulative | package.module".
    imported = {
        line.rsplit("|", 1)[1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")
    }
    assert "quizgen.cli" in imported  # the probe works
    assert {module for module in imported if module.split(".")[0] in HEAVY_MODULES} == set()
