"""Render bench/results.json as bench/results.md."""

from __future__ import annotations

from pathlib import Path


def pct(x) -> str:
    return f"{100 * x:.1f}%"


def _staff_row(label: str, e: dict, k: dict) -> str:
    return (
        f"| {label} | {e['intent_right']} of {e['n']} ({pct(e['intent_right'] / e['n'])}) | "
        f"{e['slots_right']} of {e['slots']} ({pct(e['slots_right'] / e['slots'])}) | {e['all_right']} of {e['n']} "
        f"({pct(e['all_right'] / e['n'])}) | {k['right']} of {k['n']} ({pct(k['right'] / k['n'])}) | "
        f"{k['in_domain_refused']} of {k['in_domain']} | {k['off_topic_right']} of {k['off_topic']} |"
    )


def _staff_section(r: dict) -> list:
    """Issue 14's staff sets, end to end per configuration (bench/staff_sets.py)."""
    rows = [row for row in r["nlu"] if row.get("staff")]
    if not rows:
        return []
    e0, k0 = rows[0]["staff"]["evidence"], rows[0]["staff"]["knowledge"]
    L = [
        "### Questions as staff type them (issue 14)",
        "",
        f"`tests/heldout/evidence_staff.yml` ({e0['n']} conversations, {e0['slots']} expected query fields) and "
        f"`knowledge_staff.yml` ({k0['n']} questions, {k0['off_topic']} of them off topic), written before the code by "
        "someone who had not read the training data. The evidence sets are never trained on. The knowledge sets `knowledge_staff.yml` "
        "to `knowledge_staff5.yml` were development sets and, since 2026-12-03, are the topic matcher's training data "
        "(`bot/content/staff_questions/`): their figures from then on are training figures; the held-out sets are "
        "`tests/heldout/evidence_staff7.yml`, `knowledge_staff7.yml` and `knowledge_staff10.yml`. Evidence: every turn goes through the model and the evidence "
        "chat as the action runs it (demo school, and the demo school without a sixth form); the last turn's intent and resolved "
        "query (measure, stage, year, group, activity, year groups, cohort, phase, category, comparison, trend) are compared. "
        "A conversation counts as right only when the intent and every expected field are right. Knowledge: the route the assistant "
        "takes (topic, declined, or another intent) against the expected topic. Targets: 97% evidence intent and slots, 95% "
        "knowledge topic, no in-domain question declined.",
        "",
        "| configuration | evidence intent | evidence fields | evidence conversations all right | knowledge topic | in-domain declined | off-topic declined |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        L.append(_staff_row(row["label"], row["staff"]["evidence"], row["staff"]["knowledge"]))
        if row["staff"].get("fresh"):
            f = row["staff"]["fresh"]
            if f.get("knowledge7"):
                L.append(
                    _staff_row(
                        f"{row['label']}, **fresh held-out sets** (`evidence_staff7.yml`, from 2026-12-06, and `knowledge_staff7.yml`, from 2026-12-03)",
                        f["evidence"],
                        f["knowledge7"],
                    )
                )
            if f.get("knowledge10"):
                L.append(
                    _staff_row(
                        f"{row['label']}, fresh held-out `knowledge_staff10.yml`, from 2026-12-08 (evidence as above)",
                        f["evidence"],
                        f["knowledge10"],
                    )
                )
    L += [
        "",
        "The sets above were read while building (development sets since 2026-12-01). The second pair "
        "(`tests/heldout/evidence_staff2.yml`, 263 conversations; `knowledge_staff2.yml`, 233 questions), written on "
        "2026-12-01 by someone who read neither the code nor the training data, was first scored at 0e99311, unread: "
        "evidence intent 245 of 263, fields 870 of 944, knowledge topic 185 of 233, 8 in-domain questions declined; it was "
        "then read (development since). At 1772037: evidence intent 256 of 263, fields 912 of 944, knowledge topic 203 of "
        "233, 1 declined. The third pair (`evidence_staff3.yml`, 264 conversations; `knowledge_staff3.yml`, 236 questions) "
        "was written on 2026-12-02 the same way and is held out (its misses are never printed; its field names were "
        "translated mechanically to the project's, no question or value changed). Scored at 84b33e1, before this "
        "session's routing changes: evidence intent 253 of 264 (95.8%), fields 947 of 987 (95.9%), knowledge topic 209 of "
        "236 (88.6%), 1 in-domain question declined. At 1772037, after them: evidence intent 257 of 264 (97.3%), fields "
        "959 of 987 (97.2%), knowledge topic 210 of 236 (89.0%), 1 declined "
        "(`python -m bench.staff_sets models/coach.tar.gz --fresh`). On 2026-12-02, in the next session, "
        "`knowledge_staff3.yml`'s misses were read (development since) and a fourth knowledge set (`knowledge_staff4.yml`, "
        "240 questions, 15 off topic) was written the same way in its place: at 03d6b66, unread, 197 of 240 (82.1%), 1 "
        "in-domain question declined. At 5e45acb (949 more phrasings for the topic matcher, 8 a topic for the intent): "
        "206 of 240 (85.8%), none declined. At d651818 (315 more evidence phrasings and 20 a topic for the intent): 210 "
        "of 240 (87.5%), none declined, 14 of 15 off-topic declined; evidence (`evidence_staff3.yml`) 257 of 264 intents, "
        "956 of 987 fields. The number of phrasings a topic was chosen on the development sets, but the held-out sets' "
        "totals were seen for three of the candidates, so they are validation sets for that choice. Development sets at "
        "d651818: evidence 253 of 258 and 258 of 263 intents, 896 of 908 and 920 of 944 fields; knowledge 245 of 253, "
        "218 of 233, 218 of 236. At 9feb73a: knowledge (`knowledge_staff4.yml`) 211 of 240 (87.9%), none declined, 14 of 15 "
        "off-topic declined; evidence (`evidence_staff3.yml`) 257 of 264 intents, 956 of 987 fields (96.9%). On 2026-12-02, in "
        "the session after, both were read (development since) and a fifth knowledge set (`knowledge_staff5.yml`, 240 "
        "questions, 14 off topic) and a fourth evidence set (`evidence_staff4.yml`, 230 conversations, 45 at the school "
        "without a sixth form) were written the same way in their place; `--fresh` scores those two. At e21a3d2, the "
        "session's start (its model trained in a worktree), unread: evidence 214 of 230 intents, 779 of 855 fields (91.1%); "
        "knowledge 205 of 240 (85.4%), 1 in-domain question declined, 13 of 14 off-topic declined. The row above is the "
        "session's final commit: the development sets rose much more than these (knowledge 211 to 230 of 240 on "
        "`knowledge_staff4.yml`), so this session's routing cues generalise poorly. On 2026-12-03 a sixth knowledge set "
        "(`knowledge_staff6.yml`, 240 questions, 15 off topic) was written the same way and scored unread at 0e89814: 222 of 240 "
        "(92.5%), 1 in-domain question declined, 15 of 15 off-topic declined. Then the development knowledge sets' 881 in-domain "
        "questions became the topic matcher's training data (chosen on 5-fold cross-validation over the development sets, 0 to 3 "
        "more right per set, and on the matcher alone over `knowledge_staff5.yml`, 202 to 208 of 226, which makes that set a "
        "validation set for this choice), and the advice topic score rose from 0.0 to 0.2 (an evidence training phrasing crossed "
        "0.0 once topic scores rose): `knowledge_staff5.yml` 209 of 240 (87.1%), 2 in-domain questions declined, 13 of 14 "
        "off-topic declined; `knowledge_staff6.yml` 228 of 240 (95.0%), 1 declined, 15 of 15; evidence unchanged. The same day a "
        "fifth evidence set (`evidence_staff5.yml`, 230 conversations, 45 at the school without a sixth form) was written the "
        "same way and scored unread at fc733ac: 214 of 230 intents (93.0%), 782 of 868 fields (90.1%), 189 of 230 conversations "
        "all right; it was then read (development since). At f7a61c6 (missing destinations are Year 11's; a year after "
        "'16-18'; a benchmark with a year is the records'): `evidence_staff5.yml` 216 of 230, 803 of 868 (92.5%), 203 all "
        "right; the held-out `evidence_staff4.yml` 217 of 230 intents, 812 of 855 fields, as in the row above. At 9ff2e13 (a "
        "request asked mid-sentence is a question): `evidence_staff5.yml` 217 of 230, 809 of 868, 205 all right; the held-out "
        "sets unchanged. Its convention "
        "that an unstated data-gap question at a school with a sixth form means both stages is not followed: the records "
        "contract defines missing destinations for Year 11 leavers only, so the query is KS4 (4 of the fields counted wrong "
        "in `evidence_staff5.yml`). In the session after (2026-12-03, from b552a70), a seventh knowledge set "
        "(`knowledge_staff7.yml`, 240 questions, 15 off topic) and a sixth evidence set (`evidence_staff6.yml`, 230 "
        "conversations, 58 at the school without a sixth form) were written the same way and scored unread at b552a70: "
        "knowledge 228 of 240 (95.0%), none declined, 15 of 15 off topic declined; evidence 220 of 230 intents (95.7%), 880 of "
        "907 fields (97.0%), 214 all right. `knowledge_staff5.yml` was then read and became matcher training data, and "
        "`evidence_staff4.yml` was read (development since). On 2026-12-06 an eighth knowledge set (`knowledge_staff8.yml`, 240 "
        "questions, 15 off topic) was written the same way and scored unread at 25aaa62: 231 of 240 (96.3%), 1 in-domain question "
        "declined, 15 of 15 off topic declined; `knowledge_staff6.yml` was then read (development since). "
        "A seventh evidence set (`evidence_staff7.yml`, 230 conversations, 94 at the school without a sixth form, 68 of them follow-ups) "
        "was written the same way and scored unread at 760c0e0: 227 of 230 intents (98.7%), 868 of 878 fields (98.9%), 222 all right; "
        "`evidence_staff6.yml` was then read (development since; at 760c0e0 222 of 230 intents, 884 of 907 fields). On 2026-12-07 a "
        "ninth knowledge set (`knowledge_staff9.yml`, 240 questions, 15 off topic) was written the same way and scored unread at "
        "2a5fb8a: 229 of 240 (95.4%), 1 in-domain question declined, 15 of 15 off topic declined; `knowledge_staff8.yml` (at 2a5fb8a "
        "230 of 240, 1 declined) was then read (development since). On 2026-12-08 a tenth knowledge set (`knowledge_staff10.yml`, 240 "
        "questions, 15 off topic) was written the same way and scored unread at 47559ec: 225 of 240 (93.8%), none declined, 14 of 15 "
        "off topic declined; `knowledge_staff9.yml` was then read (at 47559ec 229 of 240, 1 in-domain question declined; "
        "development since, not training data: as training data it moved no development set up and shifted the matcher's scores "
        "under three tested thresholds). An eleventh knowledge set (`knowledge_staff11.yml`, 240 questions, 15 off topic) was written "
        "the same day the same way as development data, scored unread at c656d5b (225 of 240, 93.8%) and then read; the routing "
        "changes it led to took `knowledge_staff10.yml` from 226 to 230 of 240 (its totals seen three times that session, its misses "
        "never). The rows above are the final commit.",
        "",
        "Misses by id: `python -m bench.staff_sets models/coach.tar.gz` (the last line is JSON with every miss; `--fresh` for the fresh sets' figures).",
        "",
    ]
    return L


def write(r: dict, path: Path) -> None:
    m = r["machine"]
    L = [
        "# Benchmark results",
        "",
        f"Measured {m['date']} on {m['cores']} cores ({m['cpu']}), {m['memory_gb']} GB, Python {m['python']}, "
        f"Rasa {m['rasa']}, commit {m['commit']}. Reproduce everything with `make bench` "
        "(or one section: `.venv/bin/python -m bench.run --only claims|graded|nlu|matchers|records|latency`).",
        "",
    ]
    if "nlu" in r:
        L += [
            "## This configuration against Rasa's default, same data, same machine, one run",
            "",
            f"(This section's run: {r['nlu_machine']['date']}, commit {r['nlu_machine']['commit']}.)" if r.get("nlu_machine") else "",
            "Held-out sets, never used in training: `tests/heldout/evidence_nlu.yml` "
            f"({r['nlu'][0]['evidence']['n']} evidence questions, with {r['nlu'][0]['evidence']['entities_expected']} annotated entities) "
            f"and `tests/heldout/knowledge.yml` ({r['nlu'][0]['knowledge']['n']} knowledge questions; the right intent is ask_knowledge). "
            "Training time is from an empty cache. Load time is `Agent.load` in a fresh process, after imports. "
            "First reply is from starting the action server and Rasa to the answer to \"hi\" over REST. "
            "Per-turn latency is the REST mix below at one conversation.",
            "",
            "| configuration | evidence intent accuracy | evidence macro F1 | entity F1 (P / R) | knowledge intent accuracy | training | model load | first reply | per-turn p50 / p95 |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for row in r["nlu"]:
            e, k, lat = row["evidence"], row["knowledge"], row["latency_c1"]
            L.append(
                f"| {row['label']} | {pct(e['accuracy'])} | {e['macro_f1']:.3f} | {e['entity_f1']:.3f} "
                f"({e['entity_precision']:.2f} / {e['entity_recall']:.2f}) | {pct(k['accuracy'])} | {row['train_s']:.0f} s | "
                f"{row['load_s']:.1f} s | {row['first_reply_s']:.1f} s | {lat['p50_ms']:.0f} / {lat['p95_ms']:.0f} ms |"
            )
        dated = {(row.get("measured"), row.get("commit")) for row in r["nlu"]}
        if len(dated) > 1:
            L += [
                "",
                "Rows measured in different runs: "
                + "; ".join(
                    f"{row['name']}: {row.get('measured') or 'an earlier run'}, commit {row.get('commit') or 'earlier'}" for row in r["nlu"]
                )
                + ".",
            ]
        L += [
            "",
            "Entities: the coach's entities come from the spaCy entity ruler built from `bot/content/entity_patterns.yml`; "
            "the training data carries no entity annotations, so Rasa's default pipeline (which learns entities with DIET "
            "from annotated examples) finds none: that is the figure a team would get by starting from `rasa init` with this data.",
            "",
        ]
        L += _staff_section(r)
    if "claims" in r:
        L += _claims_section(r)
    if "graded" in r:
        L += _graded_section(r["graded"])
    if "matchers" in r:
        k, t = r["matchers"]["knowledge"], r["matchers"]["themes"]
        L += [
            "## Knowledge topics and interview themes",
            "",
            "| held-out set | right | accuracy | command |",
            "|---|---|---|---|",
            f"| knowledge topic for a question (`tests/heldout/knowledge.yml`) | {k['right']} of {k['n']} | {pct(k['right'] / k['n'])} | `python -m bench.run --only matchers` |",
            f"| interview theme of an inspector question (`tests/heldout/themes.yml`) | {t['right']} of {t['n']} | {pct(t['right'] / t['n'])} | `python -m bench.run --only matchers` |",
        ]
        if "knowledge_staff" in r["matchers"]:
            ks = r["matchers"]["knowledge_staff"]
            L.append(
                f"| knowledge topic, matcher alone, in-domain held-out staff questions (`tests/heldout/knowledge_staff7.yml` and `knowledge_staff10.yml`) | {ks['right']} of {ks['n']} "
                f"| {pct(ks['right'] / ks['n'])} | `python -m bench.run --only matchers` |"
            )
        L.append("")
    if "records" in r:
        rec = r["records"]
        L += [
            "## Records: a generated trust-sized school",
            "",
            f"{rec['rows']['pupils.csv']:,} pupils over 10 cohorts, {rec['rows']['activities.csv']:,} activity rows, "
            f"{rec['rows']['destinations.csv']:,} destination rows (`bench/records_bench.py`, SQLite).",
            "",
            "| measure | result | target |",
            "|---|---|---|",
            f"| import (validate all three files, replace the snapshot in one transaction) | {rec['import_s']:.1f} s | under 30 s |",
            f"| peak memory of the import process | {rec['import_peak_rss_mb']:.0f} MB (of which {rec['rss_before_import_mb']:.0f} MB before the import began) | recorded |",
            f"| slowest single evidence query | {rec['single_query_max_ms']:.0f} ms | under 50 ms |",
            f"| median single evidence query | {rec['single_query_median_ms']:.1f} ms | |",
            f"| full `coach evidence` summary | {rec['full_evidence_s']:.2f} s | under 2 s |",
            "",
            "| query | ms |",
            "|---|---|",
        ]
        L += [f"| {k} | {v:.1f} |" for k, v in rec["queries_ms"].items()]
        L += ["", 'Trends, "every cohort and phase" and the flags are composites of many single queries.', ""]
    if "latency" in r:
        L += [
            "## Latency through the REST channel",
            "",
            "A realistic mix, looped per conversation (`bench/latency.py`): evidence questions with follow-ups, "
            'knowledge questions, "how should I answer", and a mock interview (start, answers with claim checks, '
            "hint, skip, stop with summary and transcript). Each concurrent conversation is a thread on this machine. "
            "Targets: p95 under 150 ms at 1 conversation and under 500 ms at 25, no errors.",
            "",
            "| school | concurrent | requests | errors | p50 | p95 | p99 | throughput |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for row in r["latency"]:
            if "concurrency" in row:
                L.append(
                    f"| {row['school']} | {row['concurrency']} | {row['requests']} | {row['errors']} | {row['p50_ms']:.0f} ms | "
                    f"{row['p95_ms']:.0f} ms | {row['p99_ms']:.0f} ms | {row['throughput_rps']:.1f}/s |"
                )
        L += ["", "Peak memory (VmHWM) of each process after the runs:", ""]
        for row in r["latency"]:
            if "peak_memory_mb" in row:
                L.append(f"- {row['school']}: " + ", ".join(f"{k} server {v:.0f} MB" for k, v in row["peak_memory_mb"].items()))
        L.append("")
    if "long_conversation" in r:
        L += _long_section(r["long_conversation"])
    if "workers" in r:
        L += _workers_section(r["workers"])
    path.write_text("\n".join(L))


def _claims_section(r: dict) -> list:
    sets = [("development corpus (`tests/claims/corpus.yml`)", r["claims"])]
    if r.get("claims_corpus2"):
        sets.append(("second corpus (`tests/claims/corpus2.yml`)", r["claims_corpus2"]))
    if r.get("claims_corpus3"):
        sets.append(("third corpus (`tests/claims/corpus3.yml`)", r["claims_corpus3"]))
    if r.get("claims_heldout"):
        sets.append(("first held-out corpus, now development (`tests/claims/heldout.yml`)", r["claims_heldout"]))
    if r.get("claims_heldout2"):
        sets.append(("second held-out corpus, now development (`tests/claims/heldout2.yml`)", r["claims_heldout2"]))
    if r.get("claims_heldout4"):
        sets.append(("fourth held-out corpus, now development (`tests/claims/heldout4.yml`)", r["claims_heldout4"]))
    if r.get("claims_heldout5"):
        sets.append(("fifth held-out corpus, now development (`tests/claims/heldout5.yml`)", r["claims_heldout5"]))
    if r.get("claims_heldout6"):
        sets.append(("sixth held-out corpus, now development (`tests/claims/heldout6.yml`)", r["claims_heldout6"]))
    if r.get("claims_heldout7"):
        sets.append(("seventh held-out corpus, now development (`tests/claims/heldout7.yml`)", r["claims_heldout7"]))
    if r.get("claims_heldout9"):
        sets.append(("ninth held-out corpus, now development (`tests/claims/heldout9.yml`)", r["claims_heldout9"]))
    if r.get("claims_heldout10"):
        sets.append(("tenth held-out corpus, now development (`tests/claims/heldout10.yml`)", r["claims_heldout10"]))
    if r.get("claims_heldout11"):
        sets.append(("eleventh held-out corpus, now development (`tests/claims/heldout11.yml`)", r["claims_heldout11"]))
    if r.get("claims_trial"):
        sets.append(("a new user's trial, development (`tests/claims/trial.yml`)", r["claims_trial"]))
    if r.get("claims_heldout3"):
        sets.append(("validation corpus (`tests/claims/heldout3.yml`)", r["claims_heldout3"]))
    if r.get("claims_heldout8"):
        sets.append(("**held-out corpus** (`tests/claims/heldout8.yml`)", r["claims_heldout8"]))
    if r.get("claims_heldout12"):
        sets.append(("**held-out corpus** (`tests/claims/heldout12.yml`)", r["claims_heldout12"]))
    L = [
        "## The claim check on realistic passages",
        "",
        f"(This section's run: {r['claims_machine']['date']}, commit {r['claims_machine']['commit']}; "
        "`.venv/bin/python -m bench.run --only claims`, or `python -m bench.claims_corpus` to list the development corpus's misses.)",
        "",
        "Passages written before the reader, the way careers leads write, about the demo school and a small sixth-form test "
        "school (`tests/claims/sixthform_school/`). The development corpus was used while building the reader. The second "
        "corpus was written afterwards by someone else and first scored unread, at commit adbd1c1: 5 false accusations, 72 of 110 "
        "right figures confirmed (65.5%), 19 of 33 wrong figures caught (57.6%); it was then used to build too. The third "
        "corpus, likewise, first scored unread at commit d3a19b6: 10 false accusations, 81 of 128 confirmed (63.3%), 20 of 43 "
        "caught (46.5%). The held-out corpora were written by someone else from the brief alone. The first "
        "(`heldout.yml`) was scored unread for a session (last: 10 false accusations, 108 of 144 confirmed, 23 of 51 caught) "
        "and read on 2026-12-01. The second (`heldout2.yml`), written 2026-12-01, scored unread at the session's start "
        "commit b03a3ad: 9 false accusations, 103 of 144 confirmed, 22 of 50 caught; at c264ab3: 9, 113, 26; then read. "
        "The third (`heldout3.yml`), written 2026-12-01, is held out: at b03a3ad 9 false accusations, 95 of 132 confirmed, "
        "24 of 47 caught; first scored at 3593dd6: 10, 104, 27; at 950169c, after one policy change decided on the "
        "development sets (a figure far from the record is shown, not called wrong): 8, 104, 25; at 18b0e54: 9, 104, 26. On "
        "2026-12-02 its totals (never its misses) chose between accusation policies, so it is a validation set now: at "
        "3b09072, after the policy chosen (no accusation while another reading of what the figure's own words leave unsaid "
        "agrees): 5, 104, 26. The fourth (`heldout4.yml`), written 2026-12-02, scored unread at 43304d4 (the code of "
        "31e6d02): 8 false accusations, 101 of 159 confirmed, 26 of 49 caught; after that policy, still unread: 9, 101, 27; "
        "then its false accusations were read (development since). The fifth (`heldout5.yml`), written 2026-12-02 after "
        "the policy was chosen, is held out: at 31e6d02 (the session's start) 6 false accusations, 108 of 169 confirmed, 29 "
        "of 58 caught; at 3b09072 (the policy and the reading fixes from heldout4): 3, 110, 30; at c0eac0c: 3, 114, 32; then "
        "read (development since). The sixth (`heldout6.yml`), written 2026-12-02 in the next session, was held out for "
        "that session: at 5e45acb, unread, 8 false accusations, 87 of 131 confirmed, 21 of 46 caught; at 6c734af 8, 88, 21; "
        "then read in the session after (development since). The seventh (`heldout7.yml`, 100 passages, 206 figures), "
        "written 2026-12-02 in that session by someone who read no code, corpus or test, is held out: at its start "
        "(e21a3d2's claim check), unread, 2 false accusations, 82 of 104 confirmed (78.8%), 33 of 57 caught (57.9%), 17 "
        "figures not found; at b552a70, still unread, 2, 85 and 37; then read on 2026-12-03 (development since). The eighth "
        "(`heldout8.yml`, 100 passages, 264 figures), written 2026-12-03 the same way, is held out: at b552a70, unread, 2 "
        "false accusations, 122 of 153 confirmed (79.7%), 26 of 60 caught (43.3%), 29 figures not found. On 2026-12-06 its "
        "false-accusation count (only that) was read at six commits to find which change raised it from 2 to 3: a rule calling "
        "a percentage wrong for both stages at once, clean on the development sets, which was then dropped; so heldout8 is "
        "a validation set for that choice. On 2026-12-07 its false-accusation count (only that) was read again at the "
        "session's commits and with single rules switched off: it rose from 2 to 3 at 9cc0278, through a bare 'as' read as "
        "likening a figure to another year, which was narrowed (2 again); a narrower both-stages rule (its own sentence "
        "says the destination, the year and the pupils) and the rule for a figure 'lower' than the one before were each kept "
        "only after it stayed at 2. The ninth (`heldout9.yml`, 60 passages, 163 figures: 90 right, 39 wrong, 13 "
        "reference, 21 uncheckable), written 2026-12-06 the same way (its writer's pandas reading of the contract agreed with "
        "all 809 cells of Riverside's FIGURES.md), was held out: at 33c2cc1, unread, 3 false accusations, 67 of 90 confirmed "
        "(74.4%), 25 of 39 caught (64.1%), 15 figures not found; the same at 2a5fb8a; then read on 2026-12-07 (development "
        "since). The tenth (`heldout10.yml`, 60 passages, 160 figures: 81 right, 39 wrong, 17 reference, 23 uncheckable), "
        "written 2026-12-07 the same way (its writer's reading agreed with all 798 cells of FIGURES.md), scored unread at "
        "2a5fb8a and at 96ef303: 6 false accusations, 65 of 81 confirmed (80.2%), 17 of 39 caught (43.6%), 20 figures not "
        "found; then read the same day (development since). The eleventh (`heldout11.yml`, 60 passages, 165 "
        "figures: 88 right, 39 wrong, 12 reference, 26 uncheckable; its writer's reading agreed with all 798 cells), written "
        "the same day with more kinds of writer, scored unread at 2a5fb8a: 8 false accusations, 57 of 88 confirmed (64.8%), "
        "12 of 39 caught (30.8%), 21 not found; at 9cc0278: 7, 57, 12; then read (development since). The twelfth (`heldout12.yml`, 60 passages, 162 figures: "
        "86 right, 38 wrong, 15 reference, 23 uncheckable; its writer's reading agreed with all 798 cells), written the same "
        "day with yet other writers, is held out: at 2a5fb8a and at 5271c10, unread, 1 false accusation, 72 of 86 confirmed "
        "(83.7%), 21 of 38 caught (55.3%), 19 not found. The trial corpus "
        "(`trial.yml`, 5 passages, 20 figures) is what a new user typed on 2026-12-03 while trying the coach; at c46c35d "
        "it had 3 false accusations. The columns below are the final commit. The held-out set's misses are not read.",
        "",
        "| measure | " + " | ".join(name for name, _ in sets) + " | target |",
        "|---|" + "---|" * len(sets) + "---|",
    ]
    rows = [
        ("figures", lambda c: str(c["figures"]), ""),
        (
            "false accusations (a right, reference or uncheckable figure, or a non-figure, called a mismatch)",
            lambda c: str(c["false_accusations"]),
            "0",
        ),
        ("right figures confirmed", lambda c: f"{c['confirmed']} of {c['right']} ({pct(c['confirmed_share'])})", "at least 95%"),
        ("wrong figures caught with the right record figure", lambda c: f"{c['caught']} of {c['wrong']} ({pct(c['caught_share'])})", "all"),
        ("national or local figures reported as reference figures", lambda c: f"{c['reference_seen']} of {c['reference']}", "all"),
        ("uncheckable figures left unchecked (or reported as reference)", lambda c: f"{c['unchecked_seen']} of {c['unchecked']}", "all"),
        ("whose figure it is (school, national, local, target, other)", lambda c: f"{c['subject_right']} of {c['figures']}", ""),
        ("figures the reader did not find at all", lambda c: str(c["not_found"]), "0"),
    ]
    for label, cell, target in rows:
        L.append(f"| {label} | " + " | ".join(cell(c) for _, c in sets) + f" | {target} |")
    return L + [""]


def _graded_section(g: dict) -> list:
    """Issue 13: the mock interview's feedback on the graded answers (bench/graded.py)."""
    m, lab = g["matched"], g["labelled"]

    def share(t: dict) -> str:
        return f"{t['agree']} of {t['total']} ({pct(t['rate'])})"

    L = [
        "## Mock interview feedback on the graded answers (issue 13)",
        "",
        f"(This section's run: {g['machine']['date']}, commit {g['machine']['commit']}; `.venv/bin/python -m bench.run --only graded`, "
        "or `python -m bench.graded [--labelled]` to list every miss.)",
        "",
        f"`tests/interview/graded_answers.yml`: {m['questions']} inspector questions (half in the bank's wording, half in other "
        f"words), {m['answers']} answers (strong, vague, off-topic, red flag), written before the code by someone who had not seen "
        "it, labelled with the strong-answer points each covers and the red flags heard. \"As assess runs it\": each question is "
        "matched to the bank first; \"labelled question\": the rubric of the bank question the set names. An answer said to "
        "miss the question covers none of its points. First scored before this work's first commit (53d26ad), with the rubric "
        "as first authored and before any miss was read: strong above vague 33 of 36, "
        "off-topic said to miss the question 28 of 37, strong answers said to miss it 3 of 38, point coverage 253 of 303 (83.5%) "
        "on the questions matched right, question matching 29 of 36. The rubric and the rules were then revised while reading "
        "the misses, so the figures below are on a set used in development, not held out.",
        "",
        "| measure | as `coach assess` runs it | labelled question | target |",
        "|---|---|---|---|",
        f"| questions whose every strong answer scores above every vague one | {share(m['strong_above_vague'])} | {share(lab['strong_above_vague'])} | at least 95% |",
        f"| off-topic answers said to miss the question | {share(m['off_topic_flagged'])} | {share(lab['off_topic_flagged'])} | at least 95% |",
        f"| strong answers said to miss the question | {m['strong_flagged']} of {m['strong_total']} | {lab['strong_flagged']} of {lab['strong_total']} | 0 |",
        f"| (answer, point) pairs whose coverage agrees with the labels | {share(m['points'])} | {share(lab['points'])} | at least 90% |",
    ]
    for kind, t in lab["points_by_kind"].items():
        L.append(
            f"| ... of which {kind.replace('_', '-')} answers | {share(m['points_by_kind'].get(kind, {'agree': 0, 'total': 0, 'rate': 0}))} | {share(t)} | |"
        )
    L += [
        f"| (answer, red flag) pairs that agree with the labels | {share(m['red_flags'])} | {share(lab['red_flags'])} | |",
        f"| questions matched to their bank question | {share(m['matched'])} | | |",
        "",
    ]
    return L


def _long_section(lc: dict) -> list:
    """Issue 18: one long conversation, per-turn median and Rasa's CPU per turn, early and late (bench/long_conversation.py)."""
    m = lc["machine"]
    L = [
        "## One long conversation (issue 18)",
        "",
        f"(This section's run: {m['date']}, commit {m['commit']}; `.venv/bin/python -m bench.run --only long`, or one "
        "variant: `python -m bench.long_conversation [--env COACH_RASA_PATCHES=off]`.)",
        "",
        f"One conversation of {lc['turns']} REST turns against the stack `coach serve` runs, with its own SQL tracker store "
        "(SQLite, a fresh file): a 25-message cycle of evidence questions with follow-ups, knowledge, \"how should I answer\" "
        "and a mock interview (start, answers, hint, repeat, skip, stop). CPU is utime + stime of the process from /proc, "
        "per turn, averaged over the window. Other work shared the 2 cores during the run, so wall times are noisier than CPU. "
        "Targets: turns 351-400 within 1.3x of turns 11-60; CPU per turn at the start at most half of before.",
        "",
        "| configuration | median 11-60 | median 351-400 | late / early | Rasa CPU per turn 11-60 | Rasa CPU 351-400 | "
        "turns per Rasa core-second 11-60 / 351-400 | action server CPU 11-60 / 351-400 | sessions (events) kept | errors |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for v in lc["variants"]:
        e, late = (v["windows"] + [{}, {}])[:2]
        if not e or not late:
            continue
        L.append(
            f"| {v['label']} | {e['median_ms']:.0f} ms | {late['median_ms']:.0f} ms | {v['late_over_early']:.2f}x | "
            f"{e['rasa_cpu_ms']:.0f} ms | {late['rasa_cpu_ms']:.0f} ms | {1000 / e['rasa_cpu_ms']:.0f} / {1000 / late['rasa_cpu_ms']:.0f} | "
            f"{e['actions_cpu_ms']:.0f} / {late['actions_cpu_ms']:.0f} ms | "
            f"{v['stored_events']['sessions']} ({v['stored_events']['events']:,}) | {v['errors']} |"
        )
    L += [
        "",
        f"Replies outside the mock interview identical before and after, turn for turn: {lc['same_replies']} "
        "(the interview draws its questions at random, so those turns are compared by the question number instead: "
        + ", ".join(f"{v['name']} {v['cycles_like_the_first']} cycles like the first" for v in lc["variants"])
        + ").",
        "",
    ]
    return L


def _workers_section(w: dict) -> list:
    """Issue 18: one Rasa process against two Sanic workers, both with a Redis lock store (bench/workers.py)."""
    m = w["machine"]
    L = [
        "## One Rasa process or two workers (issue 18)",
        "",
        f"(This section's run: {m['date']}, commit {m['commit']}; `.venv/bin/python -m bench.run --only workers` or "
        "`python -m bench.workers`.) The REST mix of the latency section, closed loop; a private Redis as the lock store in "
        "both set-ups (two workers need one); one action server; the load generator, both servers and Redis on the same "
        "2 cores.",
        "",
        "| SANIC_WORKERS | concurrent | requests | errors | p50 | p95 | throughput |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in w["rows"]:
        if "workers" in row:
            L.append(
                f"| {row['workers']} | {row['concurrency']} | {row['requests']} | {row['errors']} | {row['p50_ms']:.0f} ms | "
                f"{row['p95_ms']:.0f} ms | {row['throughput_rps']:.1f}/s |"
            )
    return L + [""]
