"""One Rasa process or two Sanic workers (`SANIC_WORKERS=2`), closed-loop at 1, 10 and 25 conversations (issue 18).

Two workers need a lock store other than Rasa's in-memory one, so both set-ups use a private Redis on
loopback (Debian's redis-server). The action server is the same single process in both.

    .venv/bin/python -m bench.workers [--turns 14]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(db_url: str, turns: int = 14, levels=(1, 10, 25)) -> list[dict]:
    from bench import latency
    from bot import config
    from bot.app.servers import Stack, free_port

    redis_bin = shutil.which("redis-server")
    if not redis_bin:
        return [{"skipped": "redis-server is not installed"}]
    port = free_port()
    redis = subprocess.Popen(
        [redis_bin, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    out = []
    try:
        for workers in ("1", "2"):
            tmp = Path(tempfile.mkdtemp(prefix="coach-workers-"))
            settings = dataclasses.replace(
                config.load(),
                home=ROOT,
                database_url=db_url,
                school=None,
                host="127.0.0.1",
                tracker_store_url=f"sqlite:///{tmp / 'tracker.db'}",
                rasa_port=free_port(),
                actions_port=free_port(),
            )
            stack = Stack(settings).start(timeout=600, lock_store_url=f"redis://127.0.0.1:{port}/0", env_extra={"SANIC_WORKERS": workers})
            try:
                for c in levels:
                    print(f"[workers] SANIC_WORKERS={workers}: {c} concurrent conversations...", flush=True)
                    out.append({"workers": int(workers), **latency.run(stack.rasa_url, c, turns, warmup=(c == levels[0]))})
            finally:
                stack.stop()
    finally:
        redis.terminate()
        redis.wait(10)
    return out


def main(argv=None) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--turns", type=int, default=14)
    p.add_argument("--db", default="")
    a = p.parse_args(argv)
    db_url = a.db
    if not db_url:
        from bench.run import demo_db

        db_url = demo_db()
    print(json.dumps(run(db_url, a.turns), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
