"""Start and stop the action server and the Rasa server as child processes (no Rasa imports).

Used by `coach chat`, `coach serve`, the tests and the benchmarks, so they all run the same,
real servers. Output goes to var/logs/; readiness is checked over HTTP, never by sleeping blindly.
Files holding secrets (the endpoints file with the action server's token) are written mode 0600.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import requests
import yaml

from bot import config
from bot.config import Settings
from bot.rasa.secret_files import write_private


class StartError(RuntimeError):
    pass


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def quiet_env(settings: Settings, extra: dict[str, str] | None = None) -> dict[str, str]:
    env = config.environment()
    env.update(
        {
            "TF_CPP_MIN_LOG_LEVEL": "3",
            "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
            "LOG_LEVEL_LIBRARIES": "ERROR",
            "PYTHONWARNINGS": "ignore",
            "RASA_TELEMETRY_ENABLED": "false",
            "SANIC_HOST": settings.host,
            "COACH_HOME": str(settings.home),
            "COACH_DATABASE_URL": settings.database_url,
            "COACH_LOG_LEVEL": settings.log_level,
        }
    )
    env.update(extra or {})
    return env


def tracker_store_config(settings: Settings) -> dict:
    """Rasa's SQL tracker store: SQLite under var/ by default, or the database in COACH_TRACKER_URL."""
    url = settings.tracker_store_url or f"sqlite:///{settings.var_dir / 'tracker.db'}"
    if url.startswith("sqlite:///"):
        return {"type": "SQL", "dialect": "sqlite", "db": url[len("sqlite:///") :]}
    u = urlparse(url)
    cfg = {"type": "SQL", "dialect": u.scheme.split("+")[0], "url": u.hostname or "localhost", "db": u.path.lstrip("/")}
    if u.port:
        cfg["port"] = u.port
    if u.username:
        cfg["username"] = u.username
    if u.password:
        cfg["password"] = u.password
    return cfg


def write_endpoints(settings: Settings, path: Path, lock_store_url: str | None = None) -> Path:
    cfg = {"action_endpoint": {"url": f"http://127.0.0.1:{settings.actions_port}/webhook"}, "tracker_store": tracker_store_config(settings)}
    if settings.actions_secret:
        cfg["action_endpoint"]["token"] = settings.actions_secret
    if lock_store_url:
        u = urlparse(lock_store_url)
        cfg["lock_store"] = {"type": "redis", "url": u.hostname, "port": u.port or 6379, "db": int((u.path or "/0").lstrip("/") or 0)}
    return write_private(path, yaml.safe_dump(cfg, sort_keys=False))  # it holds the action server's secret


@dataclass
class Process:
    name: str
    popen: subprocess.Popen
    log: Path
    url: str

    def tail(self, n: int = 30) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return ""

    def alive(self) -> bool:
        return self.popen.poll() is None

    def stop(self, sig=signal.SIGTERM, timeout: float = 15) -> None:
        if not self.alive():
            return
        try:
            os.killpg(self.popen.pid, sig)
        except ProcessLookupError:
            return
        try:
            self.popen.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.popen.pid, signal.SIGKILL)
            self.popen.wait(5)


_ENVS: dict[int, dict[str, str]] = {}


def old_env(p: Process) -> dict[str, str]:
    return _ENVS.get(p.popen.pid, config.environment())


def _spawn(name: str, args: list[str], env: dict[str, str], log_dir: Path, url: str) -> Process:
    log_dir.mkdir(parents=True, exist_ok=True)
    log = log_dir / f"{name}.log"
    fh = open(log, "ab")
    popen = subprocess.Popen(args, stdout=fh, stderr=subprocess.STDOUT, env=env, start_new_session=True, stdin=subprocess.DEVNULL)
    fh.close()
    _ENVS[popen.pid] = env
    return Process(name, popen, log, url)


def start_actions(settings: Settings, env_extra: dict[str, str] | None = None) -> Process:
    """The action server on loopback (bot.rasa.action_server adds the shared-secret check)."""
    args = [sys.executable, "-m", "bot.rasa.action_server", "--port", str(settings.actions_port), "--host", "127.0.0.1"]
    return _spawn(
        f"actions-{settings.actions_port}",
        args,
        quiet_env(settings, env_extra),
        settings.var_dir / "logs",
        f"http://127.0.0.1:{settings.actions_port}/health",
    )


def start_rasa(
    settings: Settings,
    endpoints: Path,
    credentials: Path,
    enable_api: bool = False,
    env_extra: dict[str, str] | None = None,
    extra_args: list[str] | None = None,
) -> Process:
    model = settings.model_path
    if not Path(model).exists():
        raise StartError(f"No trained model at {model}: run `make model` (or `make run`) first.")
    verbosity = {"DEBUG": "--debug", "INFO": "--verbose"}.get(settings.log_level, "--quiet")
    args = [
        sys.executable,
        "-m",
        "bot.rasa.main",
        "run",
        "-m",
        str(model),
        "--port",
        str(settings.rasa_port),
        "-i",
        settings.host,
        "--endpoints",
        str(endpoints),
        "--credentials",
        str(credentials),
        verbosity,
    ]
    if enable_api:
        args.append("--enable-api")
    args += extra_args or []
    return _spawn(
        f"rasa-{settings.rasa_port}",
        args,
        quiet_env(settings, env_extra),
        settings.var_dir / "logs",
        f"http://{settings.host}:{settings.rasa_port}/",
    )


def wait_ready(procs: list[Process], timeout: float = 180) -> None:
    """Poll each process's URL until it answers; fail early with the log tail if one exits."""
    deadline = time.monotonic() + timeout
    pending = list(procs)
    while pending:
        for p in list(pending):
            if not p.alive():
                raise StartError(f"The {p.name} server stopped while starting. Last lines of {p.log}:\n{p.tail()}")
            try:
                if requests.get(p.url, timeout=1).status_code < 500:
                    pending.remove(p)
            except requests.RequestException:
                pass
        if pending:
            if time.monotonic() > deadline:
                raise StartError(f"Timed out waiting for {', '.join(p.name for p in pending)}; see {pending[0].log}")
            time.sleep(0.2)


def check_exposure(settings: Settings, credentials: Path) -> None:
    """Refuse to put a channel without authentication (Rasa's `rest`) on an address other computers reach."""
    from bot.rasa.open_mode import is_loopback

    if is_loopback(settings.host):
        return
    channels = yaml.safe_load(Path(credentials).read_text()) or {}
    unprotected = [name for name in channels if name != "bot.rasa.web_channel.CoachChannel"]
    if unprotected:
        raise StartError(
            f"Refusing to serve the {', '.join(unprotected)} channel on {settings.host}: it has no "
            "authentication. Use 127.0.0.1, or `coach serve` for the protected web channel."
        )


@dataclass
class Stack:
    settings: Settings
    processes: list[Process] = field(default_factory=list)

    def start(
        self,
        credentials: Path | None = None,
        enable_api: bool = False,
        timeout: float = 180,
        env_extra: dict[str, str] | None = None,
        extra_args: list[str] | None = None,
        lock_store_url: str | None = None,
    ) -> Stack:
        s = self.settings
        credentials = credentials or (s.home / "credentials.yml")
        check_exposure(s, credentials)
        endpoints = write_endpoints(s, s.var_dir / "run" / f"endpoints-{s.rasa_port}.yml", lock_store_url)
        env_extra = dict(env_extra or {})
        env_extra.setdefault("COACH_ACTIONS_HEALTH", f"http://127.0.0.1:{s.actions_port}/health")
        if s.actions_secret:
            env_extra.setdefault("COACH_ACTIONS_SECRET", s.actions_secret)
        try:
            actions = start_actions(s, env_extra)
            rasa = start_rasa(s, endpoints, credentials, enable_api, env_extra, extra_args)
            self.processes = [actions, rasa]
            wait_ready(self.processes, timeout)
        except BaseException:
            self.stop()
            raise
        return self

    @property
    def rasa_url(self) -> str:
        return f"http://{self.settings.host}:{self.settings.rasa_port}"

    def stop(self) -> None:
        for p in reversed(self.processes):
            p.stop()

    def process(self, kind: str) -> Process:
        return next(p for p in self.processes if p.name.startswith(kind))

    def restart(self, kind: str, timeout: float = 180) -> Process:
        """Start one of the servers again with the same arguments (after a crash or a kill)."""
        old = self.process(kind)
        old.stop()
        new = _spawn(old.name, list(old.popen.args), old_env(old), old.log.parent, old.url)
        self.processes[self.processes.index(old)] = new
        wait_ready([new], timeout)
        return new

    def __enter__(self) -> Stack:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
