"""The Anki note types quizgen writes: ids, fields, card templates and CSS.

Identity rules (read before changing anything here):

- A note type's **id** is how Anki recognises it on every later import. The ids below were drawn
  at random once and are released: never change them, never reuse one for another note type
  (`RETIRED_MODEL_IDS` lists those quizgen no longer writes). A new note type gets a new random
  id in ``[2**30, 2**31)``.
- Anki compares **field names and template names** (the "schema") of an incoming note type with
  the one in the collection. If they differ, Anki adds a second copy of the note type (named with
  a "+") and refuses to update existing notes ("conflicting"). So field and template names are
  frozen too; to change them, make a new note type with a new id.
- Templates and CSS may change. Anki takes a new version only when the note type's modification
  time is newer than its copy in the collection, so every note type is stamped with
  `TEMPLATES_REVISED` instead of the build time (which would overwrite a learner's template
  tweaks on every import). When you change any template or the CSS, set `TEMPLATES_REVISED` to
  the current Unix time and `TEMPLATES_FINGERPRINT` to the new `templates_fingerprint()`; a test
  fails until both are done.

History, and why the names stayed: one-note-per-card packages wrote ``quizgen Basic``, ``quizgen
Basic (type answer)`` and ``quizgen Cloze`` without the ``Also accepted`` (and ``Sentence``)
fields, and true/false cards as ``quizgen Basic`` notes. Those note types are retired; today's
carry the same names, and their fields begin with the old ones in the old order, and ``quizgen
True or False`` has every field and the template name of ``quizgen Basic``. Importing with
"Merge note types" then moves old notes into today's note types without adding a field or a
template to them (see the README's "Importing into Anki"). ``quizgen Multiple Choice`` did not
change its fields, so it kept its id.

How the templates are laid out, and why:

- Fields hold text only (the answer alone in ``Back``/``Answer``, alternatives in ``Also
  accepted``); labels and layout live in the templates, so that fields read well in the browser
  and in searches.
- Backs begin with ``{{FrontSide}}`` then ``<hr id=answer>`` (written exactly so: Anki's type-in
  comparison looks for that string), so the browser's Answer column shows only the answer part.
- Blocks are separated by line breaks, which the browser turns into spaces ("True or false? The…").
- ``quizgen Basic`` and ``quizgen Basic (type answer)`` have the same fields and template name, so
  that "Merge note types" moves notes between them (see the README).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

# Raise (never lower, never into the future) whenever a template or the CSS below changes.
TEMPLATES_REVISED = 1_795_970_000
TEMPLATES_FINGERPRINT = "4abcdde62f104a6e"

RETIRED_MODEL_IDS: tuple[int, ...] = (1_716_110_702, 1_339_619_124, 1_546_106_794)
"""One-note-per-card ``quizgen Basic``, ``quizgen Basic (type answer)`` and ``quizgen Cloze``."""


@dataclass(frozen=True)
class NoteTypeSpec:
    """One Anki note type, independent of genanki (so tests and docs can read it too)."""

    model_id: int
    name: str
    fields: tuple[str, ...]
    templates: tuple[tuple[str, str, str], ...]  # (name, question format, answer format)
    cloze: bool = False
    sort_field_index: int = 0
    css: str = field(default="", repr=False)

    def field_index(self, name: str) -> int:
        return self.fields.index(name)


CSS = """\
.card {
  --qg-text: #1f2328;
  --qg-muted: #59636e;
  --qg-bg: #ffffff;
  --qg-panel: #f3f5f8;
  --qg-border: #d1d9e0;
  --qg-accent: #0a58ca;
  --qg-mark-bg: #fff1a8;
  --qg-mark-text: #1f2328;
  --qg-good: #1a7f37;
  --qg-good-bg: #dafbe1;
  --qg-bad: #cf222e;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif;
  font-size: 20px;
  line-height: 1.5;
  color: var(--qg-text);
  background-color: var(--qg-bg);
  text-align: left;
}
.card.nightMode, .nightMode .card, .card.night_mode, .night_mode .card {
  --qg-text: #e6edf3;
  --qg-muted: #9198a1;
  --qg-bg: #1e1f22;
  --qg-panel: #2b2d31;
  --qg-border: #3d444d;
  --qg-accent: #6cb6ff;
  --qg-mark-bg: #5c4a00;
  --qg-mark-text: #fff4c2;
  --qg-good: #56d364;
  --qg-good-bg: #12361d;
  --qg-bad: #ff7b72;
}
.qg { max-width: 40em; margin: 0 auto; padding: 0.25em 0.5em; }
.qg-prompt { font-size: 1.1em; }
.qg-label { color: var(--qg-muted); font-size: 0.8em; text-transform: uppercase; letter-spacing: 0.05em; }
.qg-result { font-size: 1.15em; font-weight: 600; color: var(--qg-good); }
.qg-also { color: var(--qg-muted); font-size: 0.85em; }
.qg-context, .qg-correction {
  margin: 1em 0 0.5em; padding: 0.6em 0.9em;
  background: var(--qg-panel); border-left: 4px solid var(--qg-border); border-radius: 4px;
  font-size: 0.9em;
}
mark.qg-answer {
  background: var(--qg-mark-bg); color: var(--qg-mark-text); padding: 0 0.15em; border-radius: 3px;
}
del.qg-was { color: var(--qg-bad); }
.qg-source { color: var(--qg-muted); font-size: 0.8em; }
.qg-source::before { content: "Source: "; }
ol.qg-choices { list-style: none; padding-left: 0; margin: 0.75em 0; }
ol.qg-choices li {
  margin: 0.35em 0; padding: 0.35em 0.6em;
  border: 1px solid var(--qg-border); border-radius: 6px;
}
.qg-letter { display: inline-block; min-width: 1.6em; font-weight: 700; color: var(--qg-accent); }
.qg-front:has(~ #answer) li.qg-correct {
  border-color: var(--qg-good); background: var(--qg-good-bg); font-weight: 600;
}
.qg-front:has(~ #answer) li.qg-correct::after { content: " \\2713"; color: var(--qg-good); }
.cloze { font-weight: 700; color: var(--qg-accent); }
.qg-extra { margin-top: 0.5em; }
input#typeans { font-size: 1em; width: 100%; box-sizing: border-box; }
"""

_ANSWER_RULE = "\n\n<hr id=answer>\n\n"


def _optional(field: str, block: str) -> str:
    """``block`` on a line of its own, shown only when ``field`` is not empty (so that an empty
    field leaves no blank line, nor a double space in the browser)."""
    return f"{{{{#{field}}}}}\n{block}{{{{/{field}}}}}"


_ALSO = _optional("Also accepted", '<div class="qg-also">Also accepted: {{Also accepted}}</div>')
_CONTEXT_AND_SOURCE = _optional("Context", '<div class="qg-context">{{Context}}</div>') + _optional(
    "Source", '<div class="qg-source">{{Source}}</div>'
)


def _back(*parts: str) -> str:
    return "{{FrontSide}}" + _ANSWER_RULE + '<div class="qg qg-back">' + "".join(parts) + "\n</div>"


def _result(field: str) -> str:
    return f'\n<div class="qg-result">{{{{{field}}}}}</div>'


_PROMPT = '<div class="qg qg-front">\n<div class="qg-prompt">{{Front}}</div>'

BASIC = NoteTypeSpec(
    model_id=1_173_336_085,
    name="quizgen Basic",
    fields=("Front", "Back", "Context", "Source", "Also accepted"),
    templates=(("Question", _PROMPT + "\n</div>", _back(_result("Back"), _ALSO, _CONTEXT_AND_SOURCE)),),
    css=CSS,
)

BASIC_TYPE_ANSWER = NoteTypeSpec(
    model_id=1_473_525_828,
    name="quizgen Basic (type answer)",
    fields=BASIC.fields,
    # The reviewer turns the front's type box into the comparison on the back (and moves the
    # answer rule above it), so the back needs no second {{type:Back}}.
    templates=(("Question", _PROMPT + "\n{{type:Back}}\n</div>", _back(_ALSO, _CONTEXT_AND_SOURCE)),),
    css=CSS,
)

MULTIPLE_CHOICE = NoteTypeSpec(
    model_id=2_108_256_501,
    name="quizgen Multiple Choice",
    fields=("Question", "Choices", "Answer", "Context", "Source"),
    templates=(
        (
            "Multiple choice",
            '<div class="qg qg-front">\n<div class="qg-prompt">{{Question}}</div>\n{{Choices}}\n</div>',
            _back(_result("Answer"), _CONTEXT_AND_SOURCE),
        ),
    ),
    css=CSS,
)

_CORRECTION = '<div class="qg-correction"><div class="qg-label">The article says</div>\n{{Correction}}</div>'

TRUE_FALSE = NoteTypeSpec(
    model_id=1_207_731_616,
    name="quizgen True or False",
    # "Also accepted" stays empty: it is here so that the fields of quizgen Basic are a prefix.
    fields=(*BASIC.fields, "Correction"),
    templates=(
        (
            "Question",
            '<div class="qg qg-front">\n<div class="qg-label">True or false?</div>\n'
            '<div class="qg-prompt">{{Front}}</div>\n</div>',
            _back(
                _result("Back"),
                _optional("Correction", _CORRECTION),
                _CONTEXT_AND_SOURCE,
            ),
        ),
    ),
    css=CSS,
)

_CLOZE_PROMPT = '<div class="qg qg-front">\n<div class="qg-prompt">{{cloze:Text}}</div>\n</div>'

CLOZE = NoteTypeSpec(
    model_id=1_907_459_980,
    name="quizgen Cloze",
    # "Sentence" is the sentence with every blank filled in: the browser sorts and shows notes by it.
    # "Back Extra" is left empty for the learner's own notes (Anki's convention for cloze notes).
    fields=("Text", "Back Extra", "Context", "Source", "Also accepted", "Sentence"),
    templates=(
        (
            "Cloze",
            _CLOZE_PROMPT,
            # A cloze back cannot start with {{FrontSide}}: it must show the blank filled in.
            _CLOZE_PROMPT
            + _ANSWER_RULE
            + '<div class="qg qg-back">'
            + _optional("Back Extra", '<div class="qg-extra">{{Back Extra}}</div>')
            + _ALSO
            + _CONTEXT_AND_SOURCE
            + "\n</div>",
        ),
    ),
    cloze=True,
    sort_field_index=5,
    css=CSS,
)

NOTE_TYPES: tuple[NoteTypeSpec, ...] = (BASIC, BASIC_TYPE_ANSWER, MULTIPLE_CHOICE, TRUE_FALSE, CLOZE)


def templates_fingerprint() -> str:
    """A hash of every note type's fields, templates and CSS (see the module docstring)."""
    payload = [
        [spec.model_id, spec.name, spec.fields, spec.templates, spec.sort_field_index, spec.css]
        for spec in NOTE_TYPES
    ]
    return hashlib.sha256(json.dumps(payload).encode("utf-8")).hexdigest()[:16]
