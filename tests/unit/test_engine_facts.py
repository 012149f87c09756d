"""Facts and questions from sentences written for the purpose: one test per fact kind."""

from __future__ import annotations

import pytest
from engine_helpers import article_from_text

from quizgen.generate.facts import Found, find_facts
from quizgen.nlp import parse_article


def found_in(text: str, title: str = "Test article") -> list[Found]:
    return find_facts(parse_article(article_from_text(text, title)))


def qa(text: str, title: str = "Test article") -> set[tuple[str | None, str]]:
    return {(f.question, f.fact.answer) for f in found_in(text, title)}


@pytest.mark.parametrize(
    ("text", "question", "answer"),
    [
        # event with place and time
        ("The treaty was signed in Paris in 1898.", "Where was the treaty signed in 1898?", "Paris"),
        ("The treaty was signed in Paris in 1898.", "In what year was the treaty signed in Paris?", "1898"),
        # passive with agent → active question, do-support and verb form from the lemma
        (
            "The element polonium was discovered by Marie Curie.",
            "Who discovered the element polonium?",
            "Marie Curie",
        ),
        # copular definition
        (
            "Photosynthesis is the process by which green plants turn light into chemical energy.",
            "What is Photosynthesis?",
            "the process by which green plants turn light into chemical energy",
        ),
        ("Reykjavik is the capital of Iceland.", "What is the capital of Iceland?", "Reykjavik"),
        # naming
        ("The Reserve Bank, known as the RBA, sets rates.", "What is the Reserve Bank known as?", "RBA"),
        # apposition with a possessive resolved to the person it stands for
        (
            "Marie Curie was born in Warsaw. Pierre Curie, her husband, was a physicist.",
            "Who was Marie Curie's husband?",
            "Pierre Curie",
        ),
        # dash definition of a quoted term
        (
            "The engineers drained the “Gatun Basin” — a swamp beside the river — before the dam was built.",
            "What is “Gatun Basin”?",
            "a swamp beside the river",
        ),
        # a coordinated verb borrows the subject of the first
        (
            "Marie Curie moved to Paris and won the Nobel Prize in 1911.",
            "In what year did Marie Curie win the Nobel Prize?",
            "1911",
        ),
        # a fronted participle takes the main clause's subject and tense
        (
            "Returning to Norway in 1906, Amundsen planned a voyage to the North Pole.",
            "In what year did Amundsen return to Norway?",
            "1906",
        ),
        # title + name
        (
            "U.S. Secretary of Defense Lloyd Austin lauded the agreement as a historic step.",
            "Who was the U.S. Secretary of Defense?",
            "Lloyd Austin",
        ),
        # acronym (spaCy's entity label for the acronym is not trusted)
        (
            "The World Health Organization (WHO) was founded in 1948.",
            "What does WHO stand for?",
            "World Health Organization",
        ),
        (
            "U.S. forces will form a Joint Force Headquarters (JFHQ) in Japan.",
            "What does JFHQ stand for?",
            "Joint Force Headquarters",
        ),
        # relative clause about a noun
        ("The museum, which is based in Madrid, opened in 1819.", "Where is the museum based?", "Madrid"),
        # reduced relative (participle) with a weekday
        (
            "Ministers met at a summit held on Sunday in Tokyo.",
            "On what day was the summit held in Tokyo?",
            "Sunday",
        ),
        # quantities: count, percentage, money
        ("The company employed 40,000 workers.", "How many workers did the company employ?", "40,000"),
        (
            "Inflation rose by 8.6 percent in May.",
            "By what percentage did inflation rise in May?",
            "8.6 percent",
        ),
        ("The bridge cost $375 million.", "How much did the bridge cost?", "$375 million"),
        # quotation with speaker
        (
            "“We choose to go to the Moon,” Kennedy said.",
            "Who said “We choose to go to the Moon”?",
            "Kennedy",
        ),
        # enumeration
        (
            "The Calvin cycle has three phases: carbon fixation, reduction, and regeneration.",
            "What are the three phases of the Calvin cycle?",
            "carbon fixation, reduction, and regeneration",
        ),
        # cause
        (
            "The canal was moved because the soil near Colón was too soft.",
            "Why was the canal moved?",
            "the soil near Colón was too soft",
        ),
        # "known for" attribute
        (
            "The election saw the return of Donald Trump, known for his “America First” policy.",
            "What policy is Donald Trump known for?",
            "“America First”",
        ),
        # the subject of a clause, wh-word from the head noun
        (
            "While the Indo-Pacific Command will retain ultimate authority, the staff will plan operations.",
            "Which command will retain ultimate authority?",
            "the Indo-Pacific Command",
        ),
    ],
)
def test_fact_patterns_ask_the_expected_question(text: str, question: str, answer: str) -> None:
    assert (question, answer) in qa(text)


def test_a_name_no_pattern_asks_about_is_kept_for_a_cloze() -> None:
    founds = found_in("The explorer Roald Amundsen lived in Oslo.")
    mention = next(f for f in founds if f.fact.answer == "Roald Amundsen")
    assert mention.question is None and mention.fact.relation == "mentioned"
    assert mention.clause is not None  # the clause the cloze is cut from


def test_pronoun_subject_is_resolved_to_the_main_person() -> None:
    text = (
        "Marie Curie was a physicist and chemist. Marie Curie was born in Warsaw. "
        "Curie moved to Paris in 1891. She won the Nobel Prize in Physics in 1903."
    )
    pairs = qa(text, "Marie Curie")
    assert ("In what year did Marie Curie win the Nobel Prize in Physics?", "1903") in pairs
    resolved = [f for f in found_in(text, "Marie Curie") if f.fact.resolved_from == "She"]
    assert resolved and all(f.fact.subject == "Marie Curie" for f in resolved)


def test_unresolvable_pronouns_never_reach_a_question() -> None:
    text = "The committee met twice. They argued about it for hours. This effort failed in 1998."
    for found in found_in(text):
        if found.question:
            words = {w.strip("?,.").lower() for w in found.question.split()}
            assert not words & {"they", "it", "this", "these", "them", "their"}, found.question


def test_acronyms_are_not_people() -> None:
    founds = found_in(
        "The JFHQ will play a crucial role in planning, particularly in scenarios involving Taiwan."
    )
    assert all(not (f.fact.answer.endswith("JFHQ") and f.fact.answer_type == "PERSON") for f in founds)


def test_fact_ids_are_stable_and_unique() -> None:
    text = "The treaty was signed in Paris in 1898. Polonium was discovered by Marie Curie."
    first = [f.fact.id for f in found_in(text)]
    second = [f.fact.id for f in found_in(text)]
    assert first == second
    assert len(set(first)) == len(first)


def test_one_item_of_a_list_is_not_asked_as_the_answer() -> None:
    pairs = qa("The prize was shared by Henri Becquerel, Pierre Curie and Marie Curie.")
    assert not any(question and answer == "Henri Becquerel" for question, answer in pairs)


def test_a_possessive_in_a_clause_belongs_to_its_subject() -> None:
    text = "Marie Curie was born in Warsaw. Irène Joliot-Curie shared the 1935 prize with her husband."
    questions = {q for q, _ in qa(text, "Marie Curie") if q}
    assert not any("Marie Curie's husband" in q for q in questions)


def test_vague_and_mislabelled_dates_are_not_answers() -> None:
    text = "That same year, Marie met Pierre in Paris. The scientists used carbon-14 to trace the reactions."
    answers = {a for _, a in qa(text)}
    assert "That same year" not in answers and "carbon-14" not in answers


def test_hedged_numbers_are_asked_without_the_hedge() -> None:
    pairs = qa("An estimated 650 million people around the world watched the pictures.")
    assert ("How many people around the world watched the pictures?", "650 million") in pairs


def test_initials_that_may_stand_for_a_whole_title_or_its_tail_are_not_asked() -> None:
    """'Officer of the Order of the British Empire (OBE)': OBE is the Officer's title, not the Order's
    name, so 'What does OBE stand for? → Order of the British Empire' would be false; a title whose
    first word cannot start the initials keeps its acronym."""
    asked = qa(
        "In 1946 he was appointed an Officer of the Order of the British Empire (OBE). "
        "The President of the European Commission (EC) visited Oslo in 2004."
    )
    assert not [a for q, a in asked if q and "OBE" in q]
    assert ("What does EC stand for?", "European Commission") in asked
