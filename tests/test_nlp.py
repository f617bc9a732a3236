"""The blank spaCy pipeline's entity ruler: the entities the issue lists, with canonical values."""

import pytest

from bot import nlp


@pytest.mark.parametrize(
    "text,label,value",
    [
        ("how did Year 10 do", "year_group", "10"),
        ("Y10 encounters", "year_group", "10"),
        ("year ten", "year_group", "10"),
        ("our sixth form", "year_group", "12-13"),
        ("KS4 leavers", "year_group", "10-11"),
        ("year 12 and 13", "year_group", "12-13"),
        ("Year 11s", "year_group", "11"),
        ("key stage 3", "year_group", "7-9"),
        ("in 2023/24", "academic_year", "2023/24"),
        ("in 2023-24", "academic_year", "2023/24"),
        ("2023/2024", "academic_year", "2023/24"),
        ("last year", "academic_year", "last_year"),
        ("girls yr 8 employer encounters last yr", "academic_year", "last_year"),
        ("careers lessons this yr", "academic_year", "this_year"),
        ("this year", "academic_year", "this_year"),
        ("the year before", "academic_year", "year_before"),
        ("benchmark 5", "benchmark", "5"),
        ("GB5", "benchmark", "5"),
        ("Gatsby 8", "benchmark", "8"),
        ("gatsby benchmark 3", "benchmark", "3"),
        ("went into apprenticeships", "destination", "apprenticeship"),
        ("FE college", "destination", "further_education"),
        ("sixth form college", "destination", "sixth_form_college"),
        ("NEET", "destination", "not_sustained"),
        ("university", "destination", "higher_education"),
        ("employer encounters", "activity_type", "employer_encounter"),
        ("work experience", "activity_type", "workplace_experience"),
        ("careers interviews", "activity_type", "personal_guidance"),
        ("LMI", "activity_type", "labour_market_information"),
        ("disadvantaged pupils", "pupil_group", "disadvantaged"),
        ("pupil premium", "pupil_group", "disadvantaged"),
        ("SEND", "pupil_group", "send"),
        ("an EHC plan", "pupil_group", "sen_e"),
        ("SEN support", "pupil_group", "sen_k"),
        ("girls", "pupil_group", "female"),
        ("boys", "pupil_group", "male"),
    ],
)
def test_entities(text, label, value):
    found = [(e.label, e.value) for e in nlp.entities(text)]
    assert (label, value) in found, found


def test_invalid_academic_year_is_not_a_year():
    assert nlp.academic_year("2023/25") is None and nlp.academic_year("2023-24") == "2023/24"


def test_saved_pipeline_round_trip(tmp_path):
    import spacy

    target = nlp.save(tmp_path / "en_coach")
    loaded = spacy.load(target)
    assert [(e.label_, e.ent_id_) for e in loaded("GB5 for Year 10").ents] == [("benchmark", "5"), ("year_group", "10")]


def test_normalise_rasa_entity_text():
    assert nlp.normalise("year_group", "Y11") == "11"
    assert nlp.normalise("academic_year", "2022-23") == "2022/23"
    assert nlp.normalise("pupil_group", "nonsense") is None
