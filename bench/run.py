"""`make bench`: every benchmark in one run, written to bench/results.md (and bench/results.json).

Sections: the NLU and dialogue configuration side by side with Rasa's default configuration
(held-out accuracy, macro F1, entity F1, training time, load time, per-turn latency); the
knowledge and theme matchers on their held-out sets; the records benchmark on a trust-sized
school; REST latency at 1, 10 and 25 concurrent conversations; peak memory of each process.
One long conversation (400 turns) before and after bot/rasa/patches.py (`--only long`); one Rasa
process against SANIC_WORKERS=2 with Redis (`--only workers`, not in the default run).
Options: --only claims,graded,nlu,matchers,records,latency,long  --quick (fewer turns).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work"
CONFIGS = [
    ("coach (this project: LogisticRegression, rules, no TED)", ROOT / "config.yml", "coach"),
    ("coach with DIET instead of LogisticRegression", ROOT / "bench/configs/coach_diet.yml", "coach_diet"),
    ("coach plus TEDPolicy", ROOT / "bench/configs/coach_ted.yml", "coach_ted"),
    ("Rasa default (`rasa init`: DIET, ResponseSelector, TED, UnexpecTED)", ROOT / "bench/configs/rasa_default.yml", "rasa_default"),
]


def sh(args, **kw):
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, **kw)


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), platform.processor())
    mem = next((int(line.split()[1]) / 1024 / 1024 for line in open("/proc/meminfo") if line.startswith("MemTotal")), 0)
    import rasa

    return {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(mem, 1),
        "python": platform.python_version(),
        "rasa": rasa.__version__,
        "commit": sh(["git", "rev-parse", "--short", "HEAD"]).stdout.strip(),
        "os": platform.platform(),
    }


def train(config: Path, name: str) -> float:
    out = WORK / "models"
    out.mkdir(parents=True, exist_ok=True)
    cache = Path(tempfile.mkdtemp(prefix="rasa-cache-"))
    env = dict(os.environ, RASA_CACHE_DIRECTORY=str(cache))
    t = time.perf_counter()
    r = sh(
        [
            sys.executable,
            "-m",
            "bot.rasa.main",
            "train",
            "--config",
            str(config),
            "--data",
            "data",
            "var/nlu",
            "--out",
            str(out),
            "--fixed-model-name",
            name,
            "--quiet",
        ],
        env=env,
    )
    elapsed = time.perf_counter() - t
    shutil.rmtree(cache, ignore_errors=True)
    if r.returncode != 0:
        raise RuntimeError(f"training {name} failed:\n{r.stdout[-2000:]}\n{r.stderr[-2000:]}")
    return elapsed


def first_reply(model: Path, db_url: str, tmp: Path) -> dict:
    """Process start to the first reply through REST, and a short latency run at concurrency 1."""
    from bench import latency
    from bot import config
    from bot.app.servers import Stack, free_port
    from bot.app.terminal import post

    settings = dataclasses.replace(
        config.load(),
        home=ROOT,
        model_path=model,
        database_url=db_url,
        tracker_store_url=f"sqlite:///{tmp / (model.stem + '-tracker.db')}",
        rasa_port=free_port(),
        actions_port=free_port(),
        school=None,
    )
    t = time.perf_counter()
    stack = Stack(settings).start(timeout=600)
    try:
        post(stack.rasa_url, "first", "hi")
        ready = time.perf_counter() - t
        run = latency.run(stack.rasa_url, 1, len(latency.SCRIPT) * 2)
    finally:
        stack.stop()
    return {"first_reply_s": ready, "latency_c1": run}


def bench_nlu(results: dict, demo_url: str, only_configs=None) -> None:
    """Train, evaluate and serve each configuration; with ``only_configs``, only those are re-run (the others' rows stay, with their dates)."""
    rows = {row["name"]: row for row in results.get("nlu", [])} if only_configs else {}
    for label, config, name in CONFIGS:
        if only_configs and name not in only_configs:
            continue
        print(f"[nlu] training {name}...", flush=True)
        train_s = train(config, name)
        model = WORK / "models" / f"{name}.tar.gz"
        print(f"[nlu] evaluating {name}...", flush=True)
        r = sh([sys.executable, "-m", "bench.nlu_eval", str(model)])
        if r.returncode != 0:
            raise RuntimeError(r.stderr[-3000:])
        ev = json.loads(r.stdout.strip().splitlines()[-1])
        print(f"[nlu] serving {name}...", flush=True)
        served = first_reply(model, demo_url, WORK)
        rows[name] = {
            "label": label,
            "name": name,
            "train_s": train_s,
            **ev,
            **served,
            "measured": results["machine"]["date"],
            "commit": results["machine"]["commit"],
        }
    results["nlu"] = [rows[name] for _, _, name in CONFIGS if name in rows]


def bench_matchers(results: dict) -> None:
    from bench import heldout
    from bot.knowledge import search

    k = heldout.knowledge()
    t = heldout.themes()
    k_right = sum(1 for q in k if (m := search.find_topic(q["text"])) and m.key == q["topic"])
    t_right = sum(1 for q in t if search.find_theme(q["text"]).key == q["theme"])
    staff = [q for q in heldout.knowledge_staff() if q["topic"] != "out_of_scope"]
    s_right = sum(1 for q in staff if (m := search.find_topic(q["text"])) and m.key == q["topic"])
    results["matchers"] = {
        "knowledge": {"n": len(k), "right": k_right},
        "themes": {"n": len(t), "right": t_right},
        "knowledge_staff": {"n": len(staff), "right": s_right},
    }


def bench_claims(results: dict) -> None:
    from bench.claims_corpus import (
        CORPUS2,
        CORPUS3,
        HELDOUT,
        HELDOUT2,
        HELDOUT3,
        HELDOUT4,
        HELDOUT5,
        HELDOUT6,
        HELDOUT7,
        HELDOUT8,
        HELDOUT9,
        HELDOUT10,
        HELDOUT11,
        HELDOUT12,
        TRIAL,
        score,
        summary,
    )

    results["claims"] = summary(score())
    results["claims_corpus2"] = summary(score(CORPUS2))
    results["claims_corpus3"] = summary(score(CORPUS3))
    results.pop("claims_heldout", None)
    if HELDOUT.exists():
        results["claims_heldout"] = summary(score(HELDOUT))
    for key, path in (
        ("claims_heldout2", HELDOUT2),
        ("claims_heldout3", HELDOUT3),
        ("claims_heldout4", HELDOUT4),
        ("claims_heldout5", HELDOUT5),
        ("claims_heldout6", HELDOUT6),
        ("claims_heldout7", HELDOUT7),
        ("claims_heldout8", HELDOUT8),
        ("claims_heldout9", HELDOUT9),
        ("claims_heldout10", HELDOUT10),
        ("claims_heldout11", HELDOUT11),
        ("claims_heldout12", HELDOUT12),
        ("claims_trial", TRIAL),
    ):
        results.pop(key, None)
        if path.exists():
            results[key] = summary(score(path))
    results["claims_machine"] = results["machine"]


def bench_graded(results: dict) -> None:
    """The interview feedback on the graded answers (bench/graded.py): as `coach assess` runs it, and on the labelled question."""
    from bench.graded import score

    results["graded"] = {"matched": score().as_dict(), "labelled": score(labelled=True).as_dict(), "machine": results["machine"]}


def bench_records(results: dict) -> None:
    print("[records] generating and importing the trust-sized school...", flush=True)
    r = sh([sys.executable, "-m", "bench.records_bench", str(WORK)])
    if r.returncode != 0:
        raise RuntimeError(r.stderr[-3000:])
    results["records"] = json.loads(r.stdout.strip().splitlines()[-1])


def bench_latency(results: dict, demo_url: str, quick: bool) -> None:
    from bench import latency
    from bot import config
    from bot.app.servers import Stack, free_port

    out = []
    for school, url in (("demo school (1,100 pupils)", demo_url), ("trust-sized school (20,000 pupils)", f"sqlite:///{WORK / 'trust.db'}")):
        settings = dataclasses.replace(
            config.load(),
            home=ROOT,
            database_url=url,
            school=None,
            tracker_store_url=f"sqlite:///{WORK / 'latency-tracker.db'}",
            rasa_port=free_port(),
            actions_port=free_port(),
        )
        stack = Stack(settings).start(timeout=600)
        try:
            for c, turns in ((1, 28 if quick else 56), (10, 14 if quick else 28), (25, 14)):
                print(f"[latency] {school}: {c} concurrent conversations...", flush=True)
                run = latency.run(stack.rasa_url, c, turns, warmup=(c == 1))
                out.append({"school": school, **run})
            mem = {p.name.split("-")[0]: latency.peak_memory_mb(p.popen.pid) for p in stack.processes}
            out.append({"school": school, "peak_memory_mb": mem})
        finally:
            stack.stop()
    results["latency"] = out


LONG_VARIANTS = [
    ("coach, Rasa as installed (before: `COACH_RASA_PATCHES=off`)", "before", {"COACH_RASA_PATCHES": "off"}),
    ("coach with `bot/rasa/patches.py`, sessions of 30 user messages (after)", "after", {}),
]


def bench_long(results: dict, demo_url: str, quick: bool) -> None:
    """Issue 18: one conversation of 400 REST turns, before and after the patches, and Rasa's default if trained."""
    from bench import long_conversation as lc

    turns = 100 if quick else 400
    variants = [(label, name, env, ROOT / "models" / "coach.tar.gz") for label, name, env in LONG_VARIANTS]
    if (WORK / "models" / "rasa_default.tar.gz").exists():
        for label, name, env in (
            (
                "Rasa default (`rasa init` configuration, same data), Rasa as installed",
                "rasa_default_before",
                {"COACH_RASA_PATCHES": "off"},
            ),
            ("Rasa default (`rasa init` configuration, same data), with the patches", "rasa_default", {}),
        ):
            variants.append((label, name, env, WORK / "models" / "rasa_default.tar.gz"))
    rows, replies = [], {}
    for label, name, env, model in variants:
        print(f"[long] {name}: one conversation of {turns} turns...", flush=True)
        r = lc.run(model, demo_url, turns, env)
        replies[name] = r.pop("replies")
        rows.append({"label": label, "name": name, **r})
    results["long_conversation"] = {
        "variants": rows,
        "turns": turns,
        "machine": results["machine"],
        "same_replies": lc.same_replies(replies["before"], replies["after"]),
    }


def demo_db() -> str:
    from bot.records import db, demo, importer

    path = WORK / "demo.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    importer.import_folder(db.make_engine(f"sqlite:///{path}"), demo.write(WORK / "demo"), demo.DEMO_SCHOOL)
    return f"sqlite:///{path}"


def main() -> int:
    from bot import config

    config.quiet_third_party()
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", default="claims,graded,nlu,matchers,records,latency,long")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--configs", default="", help="nlu: re-run only these configurations (e.g. coach); the others' rows are kept")
    args = parser.parse_args()
    only = set(args.only.split(","))
    WORK.mkdir(parents=True, exist_ok=True)
    store = ROOT / "bench" / "results.json"
    results = json.loads(store.read_text()) if store.exists() else {}
    results["machine"] = machine()
    url = demo_db()
    if "claims" in only:
        bench_claims(results)
    if "graded" in only:
        bench_graded(results)
    if "matchers" in only:
        bench_matchers(results)
    if "records" in only:
        bench_records(results)
    if "nlu" in only:
        bench_nlu(results, url, set(filter(None, args.configs.split(","))))
        results["nlu_machine"] = results["machine"]
    if "latency" in only:
        if not (WORK / "trust.db").exists():
            bench_records(results)
        bench_latency(results, url, args.quick)
    if "long" in only:
        bench_long(results, url, args.quick)
    if "workers" in only:  # not in the default run: it needs redis-server
        from bench import workers

        results["workers"] = {"rows": workers.run(url), "machine": results["machine"]}
    store.write_text(json.dumps(results, indent=2, default=str))
    from bench.report import write

    write(results, ROOT / "bench" / "results.md")
    print("Wrote bench/results.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
