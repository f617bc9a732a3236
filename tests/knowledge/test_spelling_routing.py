"""Typo correction before NLU (bot/spelling.py) and intent routing after it (bot/routing.py)."""

import pytest

from bot import routing, spelling


@pytest.mark.parametrize(
    "said,fixed",
    [
        ("destiantions for yr 11 leavers", "destinations for yr 11 leavers"),
        ("benchmrak 5", "benchmark 5"),
        ("emplyer encounters yr10", "employer encounters yr10"),
        ("how many did wex in year 10", "how many did work experience in year 10"),
        ("Disadvantged PP kids", "Disadvantaged PP kids"),
        ("EHCP destinatons", "EHCP destinations"),
        ("what is the new ofsted framwork", "what is the new ofsted framework"),
    ],
)
def test_corrections(said, fixed):
    assert spelling.correct(said).text == fixed


@pytest.mark.parametrize(
    "text",
    [
        "Whats the Baker clause?",
        "dont know",
        "2023/24",
        "y11 pp",
        '/followup{"year_group": "KS4"}',
        "",
        "how many year 10s met an employer",
    ],
)
def test_left_alone(text):
    assert spelling.correct(text).text == text


def test_offsets_map_back_to_the_text_as_typed():
    c = spelling.correct("emplyer encounters for wex yr10")
    assert c.text == "employer encounters for work experience yr10"
    assert c.to_original(0, 19) == (0, 18)  # "employer encounters" -> "emplyer encounters"
    assert c.to_original(24, 39) == (23, 26)  # "work experience" -> "wex"
    assert c.to_original(40, 44) == (27, 31)  # "yr10" unchanged, shifted back


@pytest.mark.parametrize(
    "text,intent,expect",
    [
        ("What's the Baker clause?", "out_of_scope", "ask_knowledge"),
        ("What's the Baker clause?", "nlu_fallback", "ask_knowledge"),
        ("what do ofsted look for in careers", "nlu_fallback", "ask_knowledge"),
        ("what about the NEETs?", "followup", "ask_not_sustained"),
        ("compare our destinations with the local authority", "ask_comparison", "ask_destinations"),
        ("ks4 destinations for boys 2022/23", "followup", "ask_destinations"),
        ("year 8?", "out_of_scope", "followup"),
        ("how many of our year 9s had work experience last year", "ask_destinations", "ask_activity_coverage"),
        ("what counts as a provider encounter", "ask_provider_access", "ask_knowledge"),
        ("What's the Baker clause?", "ask_provider_access", "ask_knowledge"),
    ],
)
def test_routes(text, intent, expect):
    assert routing.route(text, intent, [{"name": "ask_knowledge", "confidence": 0.2}]).intent == expect


@pytest.mark.parametrize(
    "text,intent",
    [
        ("what's the weather tomorrow?", "out_of_scope"),
        ("and for girls?", "followup"),
        ("how does that compare nationally?", "ask_comparison"),
        ("what is a sustained destination?", "ask_knowledge"),
        ("KS4 destinations last year", "ask_destinations"),
        ("and nationally?", "ask_comparison"),
        ("/ask_flags", "ask_flags"),
    ],
)
def test_kept(text, intent):
    assert routing.route(text, intent, [{"name": "ask_knowledge"}]) is None


def test_second_opinion_of_the_topic_matcher():
    r = routing.route("tell me about the september guarantee", "ask_destinations", [])
    assert (r.intent, r.reason) == ("ask_knowledge", "a knowledge topic fits (september_guarantee), not in the records")
    assert routing.route("tell me about our destinations last year", "ask_destinations", []) is None  # the school's own records


def test_the_second_opinion_leaves_the_evidence_training_phrasings_alone():
    import yaml

    from tests.conftest import ROOT

    moved = []
    for block in yaml.safe_load((ROOT / "data/nlu/evidence.yml").read_text())["nlu"]:
        for line in block["examples"].splitlines():
            text = line.strip()[2:]
            if text and routing._knowledge_question(text, block["intent"], routing.rules()):
                moved.append(text)
    assert moved == []


@pytest.mark.parametrize("text", ["will it snow on sports day?", "what time is the staff football match"])
def test_off_topic_stays_out_of_scope(text):
    assert routing.route(text, "out_of_scope", [{"name": "ask_knowledge"}]) is None


@pytest.mark.parametrize(
    "said",
    ["the projector is broken", "premier league results", "can you send the stuff round", "calories in a sandwich", "exams"],
)
def test_ordinary_english_words_are_never_corrected(said):
    assert spelling.correct(said).text == said


@pytest.mark.parametrize(
    "said,fixed",
    [
        ("pers guidance", "personal guidance"),
        ("by16", "by 16"),
        ("sept guarantee", "september guarantee"),
        ("gatsby bench mark 8", "gatsby benchmark 8"),
        ("is the cdf compulsory", "is the career development framework compulsory"),
    ],
)
def test_more_shorthand(said, fixed):
    assert spelling.correct(said).text == fixed


@pytest.mark.parametrize(
    "text,intent,reason",
    [
        ("gb3?", "followup", "a benchmark on its own"),
        ("gatsby benchmark 2", "out_of_scope", "a benchmark on its own"),
        ("benchmark 6 two experiences by 18?", "ask_benchmarks", "a benchmark without the records"),
        ("how should we involve parents in careers events for year 9", "ask_activity_coverage", "advice"),
        ("ideas for employer encounters in year 8", "ask_activity_coverage", "advice"),
        ("how many young people are NEET nationally at 16", "ask_not_sustained", ""),
        ("which leaving year does the newest dfe destinations release cover", "ask_destinations", ""),
        ("is our careers programme part of the personal development report card area", "ask_flags", "not in the records"),
        ("neet meaning", "greet", "definition"),
        ("when does the phase 3 provider access window open", "ask_provider_access", "rules"),
        ("what's the deadline for the year 8/9 provider visits", "ask_provider_access", "rules"),
        ("how are the provider encounters divided between the phases", "ask_provider_access", "rules"),
        ("gatsby 5: how many employer encounters a year", "ask_activity_coverage", "rules"),
        ("can a pupil leave at 16 for a job with no training", "followup", "rules"),
        ("how do we evidence benchmark 7 in year 8", "ask_benchmarks", "advice"),
        ("which dfe release will our 2023 leavers be in", "ask_destinations", "not in the records"),
        ("our year 10s have never heard of apprenticeships, how do we fix that", "ask_comparison", "advice"),
        ("our hub lead wants to compare our compass score with the national average", "ask_comparison", "not in the records"),
        ("a year 13 left college in october, do we have to tell the council", "ask_not_sustained", "rules"),
        ("is it by the end of february in year 11 for phase two", "ask_provider_access", "rules"),
        ("how long does an apprenticeship have to last to count as sustained", "ask_comparison", "rules"),
    ],
)
def test_knowledge_questions_with_records_words(text, intent, reason):
    r = routing.route(text, intent, [])
    assert r is not None and r.intent == "ask_knowledge" and reason in r.reason


@pytest.mark.parametrize(
    "text,intent",
    [
        ("gb5 coverage in our records", "ask_benchmarks"),
        ("how many year 10s have had an employer encounter this year", "ask_activity_coverage"),
        ("y11 pp destinations 2021/22 vs national", "ask_destinations"),
        ("what's the national average for that?", "ask_comparison"),
        ("not sustained 21/22", "ask_not_sustained"),
        ("what should I be worried about in our data", "ask_flags"),
        ("benchmark 5 over the last three years", "ask_benchmarks"),
        ("have the year 9s had their two provider encounters before the february deadline", "ask_provider_access"),
        ("show me year 10 work experience this year", "ask_activity_coverage"),
        ("which year groups had the fewest employer encounters", "ask_activity_coverage"),
        ("how do we compare with national for ks4 destinations", "ask_destinations"),
    ],
)
def test_records_questions_stay(text, intent):
    r = routing.route(text, intent, [])
    assert r is None or r.intent == intent


def test_a_correction_naming_a_measure():
    assert routing.route("no, I meant not sustained", "deny", []).intent == "ask_not_sustained"


def test_a_doubtful_knowledge_guess_with_no_domain_word_is_out_of_scope():
    doubtful = [{"name": "ask_knowledge", "confidence": 0.5}, {"name": "out_of_scope", "confidence": 0.3}]
    r = routing.route("the kettle in the staff room has stopped boiling", "ask_knowledge", doubtful)
    assert r is not None and r.intent == "out_of_scope"
    hopeless = [{"name": "ask_knowledge", "confidence": 0.28}, {"name": "affirm", "confidence": 0.2}]
    assert routing.route("did the hockey team win", "ask_knowledge", hopeless).intent == "out_of_scope"
    # a domain word, a definition or a sure classifier keeps it a knowledge question
    assert routing.route("what is the ladder of support", "ask_knowledge", doubtful) is None
    assert routing.route("iag meaning", "ask_knowledge", doubtful) is None
    sure = [{"name": "ask_knowledge", "confidence": 0.9}, {"name": "out_of_scope", "confidence": 0.05}]
    assert routing.route("the kettle in the staff room has stopped boiling", "ask_knowledge", sure) is None


def test_a_long_message_that_names_nothing_is_not_a_follow_up():
    r = routing.route("do pupils really have to stay in some kind of education until they turn eighteen", "followup", [])
    assert r is not None and r.intent == "ask_knowledge"
    assert routing.route("please could you remind me where the staff kitchen is", "followup", []).intent != "followup"
    assert routing.route("and for the girls in year 10 please", "followup", []) is None


def test_a_near_tie_goes_to_the_intent_the_words_support():
    ranking = [
        {"name": "nlu_fallback", "confidence": 0.25},
        {"name": "ask_not_sustained", "confidence": 0.31},
        {"name": "ask_flags", "confidence": 0.3},
    ]
    assert routing.route("biggest worries for the inspection in our careers figures", "nlu_fallback", ranking).intent == "ask_flags"
    assert routing.route("our NEET figures for the inspection", "nlu_fallback", ranking).intent == "ask_not_sustained"


@pytest.mark.parametrize(
    "text,intent,reason",
    [
        ("PAL", "affirm", "a named term on its own (provider_access_overview)"),
        ("ladder of support?", "out_of_scope", "a named term on its own (ladder_of_support)"),
        ("unifrog or xello?", "greet", "a named term on its own (careers_platforms)"),
        ("4 areas of PfA", "out_of_scope", "a named term on its own (send_preparing_for_adulthood)"),
    ],
)
def test_a_named_term_on_its_own_is_its_knowledge_topic(text, intent, reason):
    r = routing.route(text, intent, [])
    assert (r.intent, r.reason) == ("ask_knowledge", reason)


@pytest.mark.parametrize("text", ["provider access phase 1", "our PAL figures for year 10", "baker clause year 12"])
def test_a_named_term_about_the_records_stays_evidence(text):
    assert routing.route(text, "ask_provider_access", []) is None


def test_a_destination_recorded_for_every_leaver_is_the_data_gaps_question():
    assert routing.route("do we have a destination recorded for every leaver", "ask_destinations", []).intent == "ask_data_gaps"


def test_a_question_asking_for_figures_is_not_a_text_to_check():
    ranking = [{"name": "check_claims", "confidence": 0.64}, {"name": "ask_destinations", "confidence": 0.33}]
    text = "Could you tell me what proportion of our Year 11 leavers in 2022/23 went on to a sustained destination, please?"
    assert routing.route(text, "check_claims", ranking).intent == "ask_destinations"
    assert routing.route("check this: 95% of our Year 11 leavers sustained", "check_claims", ranking) is None
    assert routing.route("How does this answer sound? We make sure every pupil has guidance.", "assess_answer", ranking) is None


@pytest.mark.parametrize(
    "text,intent,expect",
    [
        ("what was it in 2022/23", "out_of_scope", "followup"),
        ("how many of those are pupil premium", "ask_activity_coverage", "followup"),
        ("what did that look like in 2023-24", "ask_knowledge", "followup"),
        ("and the LA?", "followup", "ask_comparison"),
        ("how about vs the LA", "followup", "ask_comparison"),
    ],
)
def test_a_short_message_pointing_back_at_the_last_answer(text, intent, expect):
    assert routing.route(text, intent, []).intent == expect


def test_a_named_duty_with_it_is_not_pointing_back():
    routed = routing.route("sept guarantee does it cover yr 12 too?", "followup", [])
    assert routed is None or routed.intent != "followup"


@pytest.mark.parametrize(
    "text,expect",
    [
        ("what will the inspector ask me about careers", "ask_knowledge"),
        ("GB1-8 overview for the staff briefing", "ask_knowledge"),
        ("grill me on destinations", None),
        ("drill me on the Baker clause", None),
        ("a 20 minute one please", None),
        ("can you be the inspector for a bit", None),
    ],
)
def test_start_interview_needs_a_request_to_be_interviewed(text, expect):
    ranking = [{"name": "start_interview", "confidence": 0.45}, {"name": "ask_knowledge", "confidence": 0.3}]
    r = routing.route(text, "start_interview", ranking)
    assert (r.intent if r else None) == expect


def test_advice_about_our_own_provision_is_not_taken_for_a_records_question():
    sure = [{"name": "ask_knowledge", "confidence": 0.99}]
    assert routing.route("we stopped year 12 work experience after covid, is that a problem", "ask_knowledge", sure) is None
    assert routing.route("how many of our year 12s had work experience this year", "ask_knowledge", sure).intent == "ask_activity_coverage"


@pytest.mark.parametrize(
    "said,fixed",
    [
        ("not sustained send ks4 last yr", "not sustained SEND ks4 last yr"),
        ("and send", "and SEND"),
        ("pp and send destinations", "pp and SEND destinations"),
        ("can you send me the figures", "can you send me the figures"),
        ("we send year 10 on placements", "we send year 10 on placements"),
        ("send the report to governors", "send the report to governors"),
        ("Send pupils", "Send pupils"),
    ],
)
def test_send_is_the_group_unless_a_verb_reading_fits(said, fixed):
    assert spelling.correct(said).text == fixed


def test_a_named_measure_with_a_year_group_is_the_records_question_even_when_the_classifier_gave_up():
    r = routing.route("ehcp guidance by 16 for the current year 11", "nlu_fallback", [{"name": "nlu_fallback", "confidence": 0.3}])
    assert (r.intent, r.reason) == ("ask_activity_coverage", "a measure, a stage or year group, and a pupil group: the records")


@pytest.mark.parametrize(
    "text,expect",
    [
        ("who signs off our provider access policy", "ask_knowledge"),
        ("Which report card heading will our careers programme sit under?", "ask_knowledge"),
        ("pp destinations 2023/24", "ask_destinations"),
    ],
)
def test_in_domain_after_the_classifier_gave_up(text, expect):
    ranking = [{"name": "nlu_fallback", "confidence": 0.25}, {"name": "ask_destinations", "confidence": 0.5}]
    assert routing.route(text, "nlu_fallback", ranking).intent == expect


def test_an_evidence_guess_on_a_message_naming_nothing_is_out_of_scope():
    ranking = [{"name": "ask_flags", "confidence": 0.45}, {"name": "out_of_scope", "confidence": 0.33}]
    assert routing.route("rugby results from saturday", "ask_flags", ranking).intent == "out_of_scope"
    assert routing.route("what should I worry about this year", "ask_flags", ranking) is None


@pytest.mark.parametrize(
    "text", ["gatsby 6 evidence last year", "benchmark 4 evidence in 2021/22 pls", "what have we logged against gatsby 5 this year"]
)
def test_a_benchmark_with_a_year_or_logged_activities_is_about_the_records(text):
    assert routing.route(text, "ask_knowledge", []) == routing.Routed("ask_benchmarks", "benchmark in the records")


def test_the_texts_to_check_and_answers_to_assess_in_training_stay_put():
    import yaml

    from tests.conftest import ROOT

    moved = []
    for name in ("check.yml", "interview.yml"):
        for block in yaml.safe_load((ROOT / "data/nlu" / name).read_text())["nlu"]:
            if block.get("intent") in routing.TEXT_INTENTS:
                moved += [
                    t for line in block["examples"].splitlines() if (t := line.strip()[2:]) and routing._a_question_without_figures(t)
                ]
    assert moved == []


def test_a_request_asked_mid_sentence_is_a_question_not_a_text_to_check():
    text = "hi, our head has asked me for the percentage of year 10 girls who've had an encounter with an employer this year, could you pull that out for me"
    assert routing._a_question_without_figures(text)


@pytest.mark.parametrize(
    "text,intent,want",
    [
        # a situation, then a question about the rules asked last
        ("we did both of the y11 provider sessions in march, do they still count", "ask_provider_access", "ask_knowledge"),
        ("only managed one college visit for our year 10s this year, are we in breach", "ask_activity_coverage", "ask_knowledge"),
        # a question about the inspection's interviews is not a request for one
        ("will they interview me as careers lead or the head", "start_interview", "ask_knowledge"),
        # where our evidence is weak
        ("where are we most exposed if ofsted look at careers", "ask_knowledge", "ask_flags"),
        ("where are we more than 3 points off national", "ask_comparison", "ask_flags"),
        # a measure with a stage or year group and a pupil group is the records
        ("ks5 destinations send", "ask_knowledge", "ask_destinations"),
        ("SEND neet figures y11", "ask_knowledge", "ask_not_sustained"),
        # a benchmark with what is recorded, or with a pupil group
        ("what's been recorded against benchmark 8 for pp pupils", "ask_knowledge", "ask_benchmarks"),
        ("benchmark 4 careers in the curriculum what have we got", "ask_knowledge", "ask_benchmarks"),
        # the council is the local authority
        ("what about vs the council", "followup", "ask_comparison"),
        # "which year 11 leavers" is not "which years" (a rules question)
        ("which year 11 leavers have no dest on file", "ask_data_gaps", "ask_data_gaps"),
        # a comparison within the national figures is the national picture; one with them is the school's
        ("what share of ks4 leavers nationally go to fe versus school sixth forms", "ask_destinations", "ask_knowledge"),
        ("y11 pp destinations vs national", "ask_destinations", "ask_destinations"),
        ("what's the national figure for y11 sustained and how do our y11 compare", "ask_destinations", "ask_destinations"),
        ("where does the 94% figure come from", "ask_destinations", "ask_knowledge"),
        # asking for the best way is advice
        ("best way to keep track of alumni destinations", "nlu_fallback", "ask_knowledge"),
        # "evidence for that" is evidence for a claim, not the benchmark's records
        ("people reckon gb6 is the hardest one to meet, any evidence for that", "ask_knowledge", "ask_knowledge"),
        ("gb6 evidence for last year", "ask_knowledge", "ask_benchmarks"),
        # how many a benchmark or a duty asks for, not how many the school has had
        ("gb7 how many university visits per pupil", "ask_activity_coverage", "ask_knowledge"),
        ("how many provider encounters for years 10 and 11", "ask_provider_access", "ask_knowledge"),
        ("how many provider encounters has year 10 had", "ask_provider_access", "ask_provider_access"),
        ("how many provider encounters did year 8 get last year", "ask_provider_access", "ask_provider_access"),
        # a question someone else asked is about its own topic, not the inspector's question bank
        ("a parent asked me about t levels for her son, what should i tell her", "example_questions", "ask_knowledge"),
        # the national picture in the domain's words is not a bare follow-up
        ("national gatsby average 2023/24", "nlu_fallback", "ask_knowledge"),
        # advice in the domain's words, however loosely a topic fits; our own worries stay flags
        ("what should we base our careers lessons on", "ask_flags", "ask_knowledge"),
        ("what should i be worried about for send before the inspection", "ask_knowledge", "ask_flags"),
        # rules words about a benchmark are the rules, even with "records"; so is what a benchmark "looks like"
        ("gb3 do schools have to keep paper records", "ask_benchmarks", "ask_knowledge"),
        ("bm 3, what does good support look like for our looked-after kids", "ask_benchmarks", "ask_knowledge"),
        # advice on stopping, preventing or reducing something
        ("how do we prevent send pupils dropping out after year 11", "ask_not_sustained", "ask_knowledge"),
        # a situation, then whether a deadline has passed or a benchmark still asks for it
        (
            "year 8 have not had a single provider visit yet and it is june, have we missed the deadline",
            "ask_provider_access",
            "ask_knowledge",
        ),
        (
            "none of our year 12s did work experience this year, does gb6 still want it before they leave",
            "ask_activity_coverage",
            "ask_knowledge",
        ),
        # what inspectors will want is the inspection's practice, "our" or not
        ("how many years of our destinations will the inspectors want to look at", "ask_destinations", "ask_knowledge"),
        # a national figure quoted as a figure
        ("the 94% sustained figure, which year of leavers is it", "ask_destinations", "ask_knowledge"),
    ],
)
def test_routing_reads_what_staff_type(text, intent, want):
    ranking = [{"name": intent, "confidence": 0.6}, {"name": want, "confidence": 0.3}]
    r = routing.route(text, intent, ranking)
    assert (r.intent if r else intent) == want


@pytest.mark.parametrize(
    "text,want",
    [
        ("and apprenticeships y11 last year", "destinations"),  # a destination named for leavers
        ("how many sixth form leavers got jobs last year", "destinations"),
        ("and for the 2023/24 leavers?", None),  # "leavers" alone keeps the measure
        ("post 16 options for send students other than college", None),  # options, not where they went
        ("% of y9 who met a college or training provider this year", None),
    ],
)
def test_a_destination_named_for_leavers_names_the_destinations_measure(text, want):
    assert routing.named_measure(text) == want


@pytest.mark.parametrize(
    "text,intent,expect",
    [
        ("how many providers have come in to talk to year 10 for the provider access duty", "ask_provider_access", "ask_provider_access"),
        ("How many providers have visited Year 11 this year? I need to know if we meet the law.", "ask_knowledge", "ask_provider_access"),
        ("provider access legislation - how are y12 doing", "ask_knowledge", "ask_provider_access"),
        ("how did our year 9s get on with provider encounters, is that legal", "ask_knowledge", "ask_provider_access"),
    ],
)
def test_a_question_about_what_the_school_has_done_is_the_records_whatever_rules_words_come_with_it(text, intent, expect):
    ranking = [{"name": intent, "confidence": 0.5}, {"name": "ask_knowledge", "confidence": 0.3}]
    r = routing.route(text, intent, ranking)
    assert (r.intent, r.reason) == (expect, "asks what the records hold")


@pytest.mark.parametrize(
    "text",
    ["how many encounters with providers does year 10 need", "how many provider encounters should year 8 have had by law"],
)
def test_a_question_about_what_the_law_asks_stays_knowledge(text):
    r = routing.route(text, "ask_provider_access", [{"name": "ask_provider_access", "confidence": 0.6}])
    assert r is not None and r.intent == "ask_knowledge"


@pytest.mark.parametrize(
    "text,intent",
    [
        ("issues ofsted might raise from our 2023/24 records", "ask_data_gaps"),
        ("whats likely to come up when the inspectors look at our careers data", "ask_knowledge"),
        ("show me any flags from 2023/24", "followup"),
        ("warning signs for our send pupils", "ask_knowledge"),
        ("weak spots for girls", "ask_knowledge"),
        ("what could an inspector challenge us on this year", "example_questions"),
        ("which of our numbers is ofsted going to question", "ask_knowledge"),
        ("what will they want me to justify in the destinations", "ask_knowledge"),
    ],
)
def test_what_inspectors_may_raise_about_our_records_is_the_flags(text, intent):
    assert routing.route(text, intent, [{"name": intent, "confidence": 0.5}]).intent == "ask_flags"


def test_which_benchmarks_we_are_weakest_on_stays_the_benchmarks():
    assert routing.route("which benchmarks are we weakest on", "ask_benchmarks", [{"name": "ask_benchmarks", "confidence": 0.6}]) is None


@pytest.mark.parametrize("text", ["pupil premium destinations", "ehcp dests", "send neet"])
def test_a_short_measure_and_pupil_group_is_the_records(text):
    r = routing.route(text, "ask_knowledge", [{"name": "ask_knowledge", "confidence": 0.6}])
    assert r is not None and r.intent in ("ask_destinations", "ask_not_sustained")


def test_compliance_with_a_named_duty_is_the_records():
    assert routing.route("provider access compliance", "ask_provider_access", [{"name": "ask_provider_access"}]) is None


@pytest.mark.parametrize(
    "text",
    [
        "what are the red flags inspectors look for in careers",
        "what does ofsted flag in a careers programme",
        "warning signs of a weak careers programme",
    ],
)
def test_where_weak_without_our_records_stays_knowledge(text):
    r = routing.route(text, "ask_knowledge", [{"name": "ask_knowledge", "confidence": 0.6}])
    assert r is None or r.intent == "ask_knowledge"


def test_the_leaving_age_is_in_domain():
    r = routing.route("when did the leaving age go up", "out_of_scope", [{"name": "out_of_scope", "confidence": 0.5}])
    assert r is not None and r.intent != "out_of_scope"


def test_should_our_careers_lead_is_advice():
    assert routing._kind("should the school have a careers lead on slt", routing.rules()) == "advice"


@pytest.mark.parametrize(
    "text,intent",
    [
        ("list all the pupil ids in year 8", "nlu_fallback"),
        ("can I have the names of the students with no guidance interview", "ask_activity_coverage"),
        ("UPNs of every year 11 without wex please", "ask_knowledge"),
    ],
)
def test_pupils_asked_for_by_id_or_name_is_the_targeting_question(text, intent):
    assert routing.route(text, intent, [{"name": intent, "confidence": 0.5}]).intent == "ask_gaps"


@pytest.mark.parametrize(
    "text,intent",
    [("what does a UPN stand for", "ask_knowledge"), ("check this: 95% of pupil ids matched the LA list", "check_claims")],
)
def test_a_definition_or_a_text_to_check_naming_pupil_ids_stays_put(text, intent):
    r = routing.route(text, intent, [{"name": intent, "confidence": 0.5}])
    assert r is None or r.intent != "ask_gaps"


@pytest.mark.parametrize("intent", ["ask_benchmarks", "ask_knowledge"])
def test_a_benchmark_with_records_words_is_the_records_whichever_the_classifier_said(intent):
    text = "what have we logged against benchmark 6 in 2023/24 for our compass return"
    ranking = [{"name": intent, "confidence": 0.5}]
    r = routing.route(text, intent, ranking)
    assert (r.intent if r else intent) == "ask_benchmarks"


@pytest.mark.parametrize(
    "text,intent,expect",
    [
        ("missing destination records for ehcp students", "ask_knowledge", "ask_data_gaps"),
        ("pal year 12", "nlu_fallback", "ask_provider_access"),
        ("bm4 in our records", "ask_knowledge", "ask_benchmarks"),
    ],
)
def test_shorthand_for_the_records_is_the_records(text, intent, expect):
    ranking = [{"name": intent, "confidence": 0.4}, {"name": expect, "confidence": 0.35}]
    assert routing.route(text, intent, ranking).intent == expect


@pytest.mark.parametrize(
    "text",
    [
        "what were the neet numbers for 16 to 17 year olds last year",
        "can we invite the same provider for both of the year 10 encounters",
        "what information should we send the council about leavers",
    ],
)
def test_national_ages_reusing_a_provider_and_what_we_share_are_knowledge(text):
    r = routing.route(text, "ask_not_sustained", [{"name": "ask_not_sustained", "confidence": 0.5}])
    assert r is not None and r.intent == "ask_knowledge"


@pytest.mark.parametrize(
    "text",
    [
        "when must every year 11 have an offer of a place for september",
        "do our care leavers still need a placement risk assessed before they go",
        "must young people stay in learning until 18 now",
        "what do they ask kids in the focus group",
        "is it our job to keep in touch with alumni for three years",
        "who gives independent guidance to year 8",
        "are the handbooks gone now, is it all toolkits",
        "is requires improvement still a grade",
        "what must we tell the local authority in september",
        "do we need to write a sef section on this",
        "what goes in a year 9 annual review for a pupil with a plan",
    ],
)
def test_domain_words_beyond_the_obvious_are_never_declined(text):
    r = routing.route(text, "out_of_scope", [{"name": "out_of_scope", "confidence": 0.5}, {"name": "ask_knowledge", "confidence": 0.3}])
    assert r is not None and r.intent != "out_of_scope"


@pytest.mark.parametrize(
    "text",
    ["when is the staff photo", "can someone cover my period 3 on friday", "the uniform policy on trainers please"],
)
def test_school_admin_is_still_declined(text):
    r = routing.route(text, "out_of_scope", [{"name": "out_of_scope", "confidence": 0.5}])
    assert r is None or r.intent == "out_of_scope"


@pytest.mark.parametrize("text", ["pal - when is the deadline for the year 8 sessions", "gb8: who can deliver it"])
def test_a_duty_as_a_heading_is_not_a_goodbye(text):
    ranking = [{"name": "goodbye", "confidence": 0.4}, {"name": "ask_knowledge", "confidence": 0.3}]
    r = routing.route(text, "goodbye", ranking)
    assert r is not None and r.intent == "ask_knowledge"


def test_what_we_must_keep_for_a_benchmark_is_the_rules_not_our_records():
    text = "benchmark 3 - what do we have to record for each student"
    ranking = [{"name": "ask_knowledge", "confidence": 0.7}, {"name": "ask_benchmarks", "confidence": 0.2}]
    r = routing.route(text, "ask_knowledge", ranking)
    assert r is None or r.intent == "ask_knowledge"


@pytest.mark.parametrize(
    "text,intent,ranking",
    [
        ("which law says we have to let providers in", "ask_provider_access", [("ask_provider_access", 0.6)]),
        (
            "the 2022/23 ks4 release - what year did those pupils leave",
            "nlu_fallback",
            [("ask_destinations", 0.45), ("ask_knowledge", 0.44)],
        ),
        ("what do inspectors check on our website before the visit", "ask_flags", [("ask_flags", 0.9)]),
        ("what will the link governor ask me about careers", "example_questions", [("example_questions", 0.6)]),
        (
            "our year 13s had a week's placement in year 11, do they need another one for benchmark 6",
            "nlu_fallback",
            [("ask_knowledge", 0.38), ("ask_activity_coverage", 0.33)],
        ),
    ],
    ids=["which act made a duty", "a named release", "the website", "what governors ask", "a situation, then do they need another"],
)
def test_questions_about_the_rules_whatever_the_classifier_said(text, intent, ranking):
    r = routing.route(text, intent, [{"name": n, "confidence": c} for n, c in ranking])
    assert r is not None and r.intent == "ask_knowledge"


def test_a_doubtful_decline_that_a_topic_fits_well_is_a_knowledge_question():
    text = "what is the deadline for offering every year 11 a place for september"
    ranking = [{"name": "out_of_scope", "confidence": 0.35}, {"name": "ask_knowledge", "confidence": 0.3}]
    assert routing.route(text, "out_of_scope", ranking) == routing.Routed(
        "ask_knowledge", "no domain word, but a knowledge topic fits well and out of scope is unsure"
    )


def test_a_sure_decline_stays_declined_whatever_the_topic_score():
    ranking = [{"name": "out_of_scope", "confidence": 0.9}]
    r = routing.route("what's the uniform policy on trainers?", "out_of_scope", ranking)
    assert r is None or r.intent == "out_of_scope"


def test_what_inspectors_ask_governors_stays_the_question_bank():
    r = routing.route("what do they ask governors?", "example_questions", [{"name": "example_questions", "confidence": 0.6}])
    assert r is None or r.intent == "example_questions"


@pytest.mark.parametrize(
    "text,national",
    [
        ("the national sustained rate for pp pupils compared with their peers, 2022/23 leavers", True),
        ("what share of ks4 leavers nationally go to fe versus school sixth forms", True),
        ("y11 pp destinations vs national", False),
        ("how do y11 destinations compare with the national average", False),
        ("national figure for y11 sustained, how do y11 compare", False),
        ("are y11 destinations above the national figure", False),
    ],
)
def test_a_comparison_within_the_national_figures_is_the_national_picture(text, national):
    assert routing.rules().national_picture(text) is national


def test_a_question_naming_no_benchmark_is_the_themes_topic_unless_the_benchmark_fits_clearly_better():
    from bot.knowledge import search

    assert search.answer_topic("does lmi have to be used in every key stage or only ks4")[0].key == "labour_market_information"
    assert search.answer_topic("gb2 does lmi have to be used in every key stage")[0].key == "gatsby_benchmark_2"


def test_what_to_say_when_someone_asks_is_matched_on_what_they_ask():
    from bot.knowledge import search

    assert search.find_topic("what do i say if a parent asks why year 7 are doing careers already").key == "year7_provision"


def test_a_known_word_with_its_possessive_is_left_alone():
    assert spelling.corrected_text("in line with the county's 46%") == "in line with the county's 46%"
