"""Evaluate one trained model on the held-out sets (run in its own process: `python -m bench.nlu_eval MODEL`)."""

from __future__ import annotations

import asyncio
import json
import statistics
import sys
import time

from bot.rasa.main import quiet_warnings


def staff(agent) -> dict:
    """The issue-14 staff sets, end to end through this model (bench/staff_sets.py), without the misses' texts."""
    import tempfile
    from pathlib import Path

    from bench import staff_sets

    loop = asyncio.new_event_loop()
    cache: dict = {}

    def parse(text: str) -> dict:
        if text not in cache:
            cache[text] = loop.run_until_complete(agent.parse_message(text))
        return cache[text]

    work = Path(tempfile.mkdtemp(prefix="staff-"))
    out = {"evidence": staff_sets.evidence(parse, work), "knowledge": staff_sets.knowledge(parse)}
    for part in out.values():
        part["missed_ids"] = [m["id"] for m in part.pop("misses")]
    out["dev2"] = {
        "evidence": staff_sets.evidence(parse, work, staff_sets.EVIDENCE_FILE2),
        "knowledge": staff_sets.knowledge(parse, staff_sets.KNOWLEDGE_FILE2),
    }
    out["dev2"]["knowledge3"] = staff_sets.knowledge(parse, staff_sets.KNOWLEDGE_FILE3)
    out["dev2"]["evidence3"] = staff_sets.evidence(parse, work, staff_sets.EVIDENCE_FILE3)
    out["dev2"]["knowledge4"] = staff_sets.knowledge(parse, staff_sets.KNOWLEDGE_FILE4)
    out["dev2"]["knowledge5"] = staff_sets.knowledge(parse, staff_sets.KNOWLEDGE_FILE5)
    out["dev2"]["evidence4"] = staff_sets.evidence(parse, work, staff_sets.EVIDENCE_FILE4)
    out["dev2"]["evidence5"] = staff_sets.evidence(parse, work, staff_sets.EVIDENCE_FILE5)
    out["dev2"]["knowledge6"] = staff_sets.knowledge(parse, staff_sets.KNOWLEDGE_FILE6)
    out["dev2"]["evidence6"] = staff_sets.evidence(parse, work, staff_sets.EVIDENCE_FILE6)
    out["dev2"]["knowledge8"] = staff_sets.knowledge(parse, staff_sets.KNOWLEDGE_FILE8)
    out["dev2"]["knowledge9"] = staff_sets.knowledge(parse, staff_sets.KNOWLEDGE_FILE9)
    out["dev2"]["knowledge11"] = staff_sets.knowledge(parse, staff_sets.KNOWLEDGE_FILE11)
    for part in out["dev2"].values():
        part["missed_ids"] = [m["id"] for m in part.pop("misses")]
    out["fresh"] = staff_sets.fresh_sets(parse, work)  # the held-out sets: figures only
    return out


def main(model: str) -> None:
    quiet_warnings()
    t0 = time.perf_counter()
    from rasa.core.agent import Agent

    t_import = time.perf_counter() - t0
    t1 = time.perf_counter()
    agent = Agent.load(model)
    t_load = time.perf_counter() - t1

    from sklearn.metrics import f1_score

    from bench import heldout

    async def run():
        out = {}
        for name, rows in (
            ("evidence", heldout.evidence_nlu()),
            ("knowledge", [{"text": q["text"], "intent": "ask_knowledge", "entities": []} for q in heldout.knowledge()]),
        ):
            gold, pred, lat = [], [], []
            tp = fp = fn = 0
            for r in rows:
                s = time.perf_counter()
                p = await agent.parse_message(r["text"])
                lat.append((time.perf_counter() - s) * 1000)
                gold.append(r["intent"])
                pred.append(p["intent"]["name"])
                got = {
                    (e["entity"], e["start"], e["end"])
                    for e in p.get("entities", [])
                    if e["entity"] in {"year_group", "academic_year", "benchmark", "destination", "activity_type", "pupil_group"}
                }
                want = set(r["entities"])
                tp += len(got & want)
                fp += len(got - want)
                fn += len(want - got)
            prec = tp / (tp + fp) if tp + fp else 0.0
            rec = tp / (tp + fn) if tp + fn else 0.0
            out[name] = {
                "n": len(rows),
                "accuracy": sum(g == p for g, p in zip(gold, pred)) / len(rows),
                "macro_f1": f1_score(gold, pred, labels=sorted(set(gold)), average="macro", zero_division=0),
                "entity_precision": prec,
                "entity_recall": rec,
                "entity_f1": (2 * prec * rec / (prec + rec)) if prec + rec else 0.0,
                "entities_expected": tp + fn,
                "parse_ms_median": statistics.median(lat),
            }
        return out

    result = asyncio.run(run())
    result["staff"] = staff(agent)
    result["import_s"] = t_import
    result["load_s"] = t_load
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1])
