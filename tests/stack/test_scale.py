"""Horizontal set-up: two Rasa servers sharing a PostgreSQL tracker store and a Redis lock store,
each with its own action server, and the trust's records in PostgreSQL (Debian's packages).

Skipped when PostgreSQL or Redis is not installed (scripts/system-deps.sh installs both in CI).
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
import requests

from bot import config
from bot.app.servers import Stack, free_port
from bot.records import db, demo, importer
from tests.conftest import ROOT

pytestmark = pytest.mark.stack
PG_BIN = next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)), None) if Path("/usr/lib/postgresql").exists() else None
REDIS = shutil.which("redis-server")


def _as_postgres(args, **kw):
    if os.geteuid() == 0:
        args = ["runuser", "-u", "postgres", "--"] + args
    return subprocess.run(args, check=True, capture_output=True, text=True, **kw)


@pytest.fixture(scope="module")
def services(tmp_path_factory):
    if PG_BIN is None or REDIS is None:
        pytest.skip("PostgreSQL and Redis are not installed (scripts/system-deps.sh installs them)")
    tmp = tmp_path_factory.mktemp("scale")
    data = Path("/tmp") / f"coach-pg-{os.getpid()}"
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir()
    if os.geteuid() == 0:
        shutil.chown(data, "postgres", "postgres")
    pg_port, redis_port = free_port(), free_port()
    _as_postgres([str(PG_BIN / "initdb"), "-D", str(data), "-U", "coach", "--auth=trust", "-E", "UTF8"])
    _as_postgres(
        [
            str(PG_BIN / "pg_ctl"),
            "-D",
            str(data),
            "-o",
            f"-p {pg_port} -k /tmp -c listen_addresses=127.0.0.1",
            "-l",
            str(data / "log"),
            "-w",
            "start",
        ]
    )
    redis = subprocess.Popen(
        [REDIS, "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for name in ("records", "tracker"):
            _as_postgres([str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(pg_port), "-U", "coach", name])
        yield {"pg": f"postgresql://coach@127.0.0.1:{pg_port}", "redis": f"redis://127.0.0.1:{redis_port}/0", "tmp": tmp}
    finally:
        redis.terminate()
        _as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"])
        shutil.rmtree(data, ignore_errors=True)


def test_two_rasa_servers_share_one_conversation(services):
    records = f"{services['pg']}/records"
    engine = db.make_engine(records)
    importer.import_folder(engine, demo.write(services["tmp"] / "demo"), demo.DEMO_SCHOOL)
    importer.import_folder(engine, demo.write(services["tmp"] / "demo"), "Second School")  # a trust: several schools
    stacks = []
    try:
        for _ in range(2):
            s = dataclasses.replace(
                config.load(),
                home=ROOT,
                database_url=records,
                tracker_store_url=f"{services['pg']}/tracker",
                rasa_port=free_port(),
                actions_port=free_port(),
                school=demo.DEMO_SCHOOL,
            )
            stacks.append(Stack(s).start(timeout=240, lock_store_url=services["redis"], env_extra={"COACH_SCHOOL": demo.DEMO_SCHOOL}))
        urls = [st.rasa_url for st in stacks]

        def say(i, message):
            r = requests.post(f"{urls[i % 2]}/webhooks/rest/webhook", json={"sender": "trust-user", "message": message}, timeout=60)
            assert r.status_code == 200
            return "\n".join(m.get("text", "") for m in r.json())

        # Turns alternate between the two servers, as behind a load balancer.
        assert "92 of 97" in say(0, "what were our KS4 destinations last year?")
        assert "28 of 33" in say(1, "and for disadvantaged pupils?")
        first = say(0, "grill me on destinations")
        assert "Question 1 of 8" in first
        assert "You said 96%" in say(1, "96% of our Year 11 leavers went into a sustained destination last year.")
        assert "Interview stopped: 1 of 8" in say(0, "stop")
        t = time.perf_counter()
        for i in range(20):
            say(i, "what will the inspector pick up on?")
        per_turn = (time.perf_counter() - t) / 20 * 1000
        print(f"\nscale check: 20 alternating turns, mean {per_turn:.0f} ms per turn")
    finally:
        for st in stacks:
            st.stop()
