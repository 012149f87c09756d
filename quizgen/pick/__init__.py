"""The teacher's review of generated cards before handing them out (`quizgen pick`), without a UI.

- `edits`: one card left out, reworded, or given back its engine wording (always a validated card);
- `session`: the cards of some deck files as the pick screen shows them: filter, counts, save, export;
- `carry`: a regenerated deck keeps the teacher's picks for the cards it makes again.

What a teacher decided is stored on each card as `Card.teacher` (`quizgen.models.TeacherMarks`).
Nothing here imports Textual (an import-linter contract checks it).
"""
