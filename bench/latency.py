"""Per-turn latency through the REST channel for a realistic mix, at several concurrencies."""

from __future__ import annotations

import statistics
import threading
import time
import uuid

import requests

SCRIPT = [
    "hi",
    "what were our KS4 destinations last year?",
    "and for disadvantaged pupils?",
    "how does that compare nationally?",
    "employer encounters by year group this year",
    "are we meeting provider access for this year's year 11?",
    "what is the provider access legislation?",
    "how should I answer this: how do you know your careers programme works?",
    "grill me on destinations",
    "96% of our Year 11 leavers went into a sustained destination last year, and we track every leaver in Compass+.",
    "give me a hint",
    "We changed the Year 10 programme after seeing the 2023/24 figures, and disadvantaged pupils now get two interviews.",
    "skip",
    "stop",
]


def percentile(values: list[float], p: float) -> float:
    s = sorted(values)
    if not s:
        return float("nan")
    k = (len(s) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def run(url: str, concurrency: int, turns_per_user: int, warmup: bool = True) -> dict:
    """Each virtual user holds its own conversations, repeating the script; bounded in count and time."""
    endpoint = f"{url.rstrip('/')}/webhooks/rest/webhook"
    if warmup:
        for m in SCRIPT:
            requests.post(endpoint, json={"sender": "warmup", "message": m}, timeout=60)
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    deadline = time.monotonic() + 600

    def user(i: int) -> None:
        session = requests.Session()
        sender = f"bench-{concurrency}-{i}-{uuid.uuid4().hex[:6]}"
        for n in range(turns_per_user):
            if time.monotonic() > deadline:
                break
            if n and n % len(SCRIPT) == 0:
                sender = f"bench-{concurrency}-{i}-{uuid.uuid4().hex[:6]}"
            msg = SCRIPT[n % len(SCRIPT)]
            s = time.perf_counter()
            try:
                r = session.post(endpoint, json={"sender": sender, "message": msg}, timeout=60)
                ok = r.status_code == 200 and isinstance(r.json(), list) and r.json()
            except requests.RequestException as exc:
                ok, r = False, exc
            ms = (time.perf_counter() - s) * 1000
            with lock:
                latencies.append(ms)
                if not ok:
                    errors.append(f"{msg[:30]}: {getattr(r, 'status_code', r)}")

    t0 = time.perf_counter()
    threads = [threading.Thread(target=user, args=(i,)) for i in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    return {
        "concurrency": concurrency,
        "requests": len(latencies),
        "errors": len(errors),
        "error_examples": errors[:3],
        "p50_ms": percentile(latencies, 50),
        "p95_ms": percentile(latencies, 95),
        "p99_ms": percentile(latencies, 99),
        "mean_ms": statistics.mean(latencies) if latencies else float("nan"),
        "throughput_rps": len(latencies) / wall,
    }


def peak_memory_mb(pid: int) -> float:
    """VmHWM (peak resident set) of a process and its children, in MB."""

    total = 0.0
    pids = [pid]
    try:
        for child in open(f"/proc/{pid}/task/{pid}/children").read().split():
            pids.append(int(child))
    except OSError:
        pass
    for p in pids:
        try:
            for line in open(f"/proc/{p}/status"):
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1]) / 1024
        except OSError:
            pass
    return total
