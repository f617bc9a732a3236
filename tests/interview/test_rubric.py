"""Rubric matching: lemmas from the lookup lemmatiser, typos, negation, figures, and what was found."""

import pytest

from bot.interview import lemmas
from bot.interview.judge import index_of
from bot.interview.rubric import Concept, Point, PointResult, judge_point


def point(*concepts, need=None, weight=2):
    raw = {"text": "The point", "weight": weight, "shown_by": list(concepts)}
    if need is not None:
        raw["need"] = need
    return Point.parse(raw, "test")


@pytest.mark.parametrize(
    "word,lemma",
    [
        ("pupils", "pupil"),
        ("went", "go"),
        ("apprenticeships", "apprenticeship"),
        ("analysed", "analyse"),
        ("children", "child"),
        ("Surveys", "survey"),
    ],
)
def test_lemmas_come_from_the_lookup_table(word, lemma):
    assert lemmas.lemma(word.lower()) == lemma


def test_inflections_match_the_term():
    p = point("track destination", "survey parent")
    r = judge_point(p, index_of("We tracked destinations and surveyed parents in the spring."))
    assert r == PointResult("The point", 2, True, ["tracked destinations", "surveyed parents"], [], None)


def test_typos_match_and_say_what_they_were_read_as():
    p = point("separate | distinct", "receive report")
    r = judge_point(p, index_of("The roles are seperate and governors recieved reports each term."))
    assert r.covered and r.found == ['seperate (read as "separate")', 'recieved reports (read as "receive report")']


def test_a_known_word_is_never_read_as_a_typo():
    from bot.interview.judge import vocabulary

    v = vocabulary()
    assert (v.correct("parrents"), v.correct("patents"), v.correct("pupls"), v.correct("pplus")) == ("parent", None, "pupil", None)


def test_said_as_absent_does_not_show_a_point_but_shows_a_red_flag():
    strong = point("protected time")
    r = judge_point(strong, index_of("There is no protected time for careers."))
    assert (r.covered, r.found, r.absent) == (False, [], ["protected time"])
    flag = point("no protected time | protected time")
    assert judge_point(flag, index_of("There is no protected time for careers.")).found == ["no protected time"]


def test_number_stands_for_any_figure():
    r = judge_point(point("NUMBER of NUMBER"), index_of("Last year 98 of 101 were seen by 16."))
    assert r.found == ["98 of 101"]


def test_need_loosens_the_and_of_concepts():
    text = "We survey pupils every term."
    assert judge_point(point("survey", "employer"), index_of(text)).covered is False
    assert judge_point(point("survey", "employer", need=1), index_of(text)).covered is True


def test_terms_do_not_run_across_sentences():
    assert judge_point(point("careers leader"), index_of("We have a careers. Leader of the pack.")).covered is False


@pytest.mark.parametrize(
    "raw,error",
    [
        ({"text": "x", "weight": 2}, "has no concepts"),
        ({"text": "x", "weight": 5, "shown_by": ["survey"]}, "weight must be 1, 2 or 3"),
        ({"text": "x", "shown_by": ["survey", "employer"], "need": 3}, "need 3 for 2 concepts"),
        ({"text": "x", "shown_by": ["the | survey"]}, "a term with no words"),
        ("a plain string", "has no concepts"),
    ],
)
def test_bad_rubric_entries_are_refused(raw, error):
    with pytest.raises(ValueError, match=error):
        Point.parse(raw, "test")


def test_empty_concept_is_refused():
    with pytest.raises(ValueError, match="empty concept"):
        Concept.parse(" | ")
