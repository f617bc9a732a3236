"""The one vocabulary: its ids are the records contract's, and every measure the code names is in it."""

from bot import vocabulary
from bot.records.contract import VOCABULARIES


def test_activity_types_and_destinations_are_the_contracts():
    v = vocabulary.load()
    assert list(v.activity_types) == list(VOCABULARIES["activity_type"])
    assert list(vocabulary.destinations()) == [d for d in VOCABULARIES["destination"] if d]
    assert vocabulary.sustained() == vocabulary.destinations()[:7] and vocabulary.education() == vocabulary.destinations()[:5]


def test_every_activity_measure_is_a_measure_with_a_theme():
    v = vocabulary.load()
    assert {a.measure for a in v.activity_types.values()} <= set(v.measures)
    assert {m.theme for m in v.measures.values()} <= set(v.themes)


def test_theme_titles_name_their_benchmark():
    assert vocabulary.theme_titles()["personal_guidance"] == "Personal guidance (Gatsby Benchmark 8)"
    assert vocabulary.theme_titles()["destinations"] == "Destinations"
