"""The Anki note types quizgen writes: ids, fields, card templates and CSS.

Identity rules (read before changing anything here):

- A note type's **id** is how Anki recognises it on every later import. The ids below were drawn
  at random once and are released: never change them, never reuse one for another note type.
  A new note type gets a new random id in ``[2**30, 2**31)``.
- Anki compares **field names and template names** (the "schema") of an incoming note type with
  the one in the collection. If they differ, Anki adds a second copy of the note type and refuses
  to update existing notes ("conflicting"). So field and template names are frozen too; to change
  them, make a new note type with a new id.
- Templates and CSS may change. Anki takes a new version only when the note type's modification
  time is newer than its copy in the collection, so every note type is stamped with
  `TEMPLATES_REVISED` instead of the build time (which would overwrite a learner's template
  tweaks on every import). When you change any template or the CSS, set `TEMPLATES_REVISED` to
  the current Unix time and `TEMPLATES_FINGERPRINT` to the new `templates_fingerprint()`; a test
  fails until both are done.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

# 2025-01-01, the first release. Raise (never lower, never into the future) whenever a template or
# the CSS below changes.
TEMPLATES_REVISED = 1_735_689_600
TEMPLATES_FINGERPRINT = "ac7e7ffd49579791"


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
}
.qg { max-width: 40em; margin: 0 auto; padding: 0.25em 0.5em; }
.qg-prompt { font-size: 1.1em; }
.qg-label { color: var(--qg-muted); font-size: 0.8em; text-transform: uppercase; letter-spacing: 0.05em; }
.qg-result { font-size: 1.15em; font-weight: 600; color: var(--qg-good); }
.qg-also { color: var(--qg-muted); font-size: 0.85em; font-weight: normal; }
.qg-context {
  margin: 1em 0 0.5em; padding: 0.6em 0.9em;
  background: var(--qg-panel); border-left: 4px solid var(--qg-border); border-radius: 4px;
  font-size: 0.9em;
}
mark.qg-answer {
  background: var(--qg-mark-bg); color: var(--qg-mark-text); padding: 0 0.15em; border-radius: 3px;
}
.qg-source { color: var(--qg-muted); font-size: 0.8em; }
.qg-source::before { content: "Source: "; }
ol.qg-choices { list-style: none; padding-left: 0; margin: 0.75em 0; }
ol.qg-choices li {
  margin: 0.35em 0; padding: 0.35em 0.6em;
  border: 1px solid var(--qg-border); border-radius: 6px;
}
.qg-letter { display: inline-block; min-width: 1.6em; font-weight: 700; color: var(--qg-accent); }
.qg-back li.qg-correct { border-color: var(--qg-good); background: var(--qg-good-bg); font-weight: 600; }
.qg-back li.qg-correct::after { content: " \\2713"; color: var(--qg-good); }
.cloze { font-weight: 700; color: var(--qg-accent); }
.qg-extra { margin-top: 0.5em; }
input#typeans { font-size: 1em; width: 100%; box-sizing: border-box; }
"""

_CONTEXT_AND_SOURCE = (
    '{{#Context}}<div class="qg-context">{{Context}}</div>{{/Context}}\n'
    '{{#Source}}<div class="qg-source">{{Source}}</div>{{/Source}}'
)

BASIC = NoteTypeSpec(
    model_id=1_716_110_702,
    name="quizgen Basic",
    fields=("Front", "Back", "Context", "Source"),
    templates=(
        (
            "Question",
            '<div class="qg qg-front"><div class="qg-prompt">{{Front}}</div></div>',
            '<div class="qg qg-back"><div class="qg-prompt">{{Front}}</div>\n<hr id="answer">\n'
            '<div class="qg-result">{{Back}}</div>\n' + _CONTEXT_AND_SOURCE + "</div>",
        ),
    ),
    css=CSS,
)

BASIC_TYPE_ANSWER = NoteTypeSpec(
    model_id=1_339_619_124,
    name="quizgen Basic (type answer)",
    fields=("Front", "Back", "Context", "Source"),
    templates=(
        (
            "Question",
            '<div class="qg qg-front"><div class="qg-prompt">{{Front}}</div>\n{{type:Back}}</div>',
            '<div class="qg qg-back"><div class="qg-prompt">{{Front}}</div>\n<hr id="answer">\n'
            "{{type:Back}}\n" + _CONTEXT_AND_SOURCE + "</div>",
        ),
    ),
    css=CSS,
)

CLOZE = NoteTypeSpec(
    model_id=1_546_106_794,
    name="quizgen Cloze",
    fields=("Text", "Back Extra", "Context", "Source"),
    templates=(
        (
            "Cloze",
            '<div class="qg qg-front"><div class="qg-prompt">{{cloze:Text}}</div></div>',
            '<div class="qg qg-back"><div class="qg-prompt">{{cloze:Text}}</div>\n'
            '{{#Back Extra}}<div class="qg-extra">{{Back Extra}}</div>{{/Back Extra}}\n'
            + _CONTEXT_AND_SOURCE
            + "</div>",
        ),
    ),
    cloze=True,
    css=CSS,
)

MULTIPLE_CHOICE = NoteTypeSpec(
    model_id=2_108_256_501,
    name="quizgen Multiple Choice",
    fields=("Question", "Choices", "Answer", "Context", "Source"),
    templates=(
        (
            "Multiple choice",
            '<div class="qg qg-front"><div class="qg-prompt">{{Question}}</div>\n{{Choices}}</div>',
            '<div class="qg qg-back"><div class="qg-prompt">{{Question}}</div>\n{{Choices}}\n'
            '<hr id="answer">\n<div class="qg-result">{{Answer}}</div>\n' + _CONTEXT_AND_SOURCE + "</div>",
        ),
    ),
    css=CSS,
)

NOTE_TYPES: tuple[NoteTypeSpec, ...] = (BASIC, BASIC_TYPE_ANSWER, CLOZE, MULTIPLE_CHOICE)


def templates_fingerprint() -> str:
    """A hash of every note type's fields, templates and CSS (see the module docstring)."""
    payload = [[spec.model_id, spec.name, spec.fields, spec.templates, spec.css] for spec in NOTE_TYPES]
    return hashlib.sha256(json.dumps(payload).encode("utf-8")).hexdigest()[:16]
