"""Study logic without a user interface: grading, quiz sessions, FSRS scheduling, the progress store.

Nothing here imports Textual (an import-linter contract checks it), so every rule a learner meets in
the terminal app can be unit-tested directly.
"""
