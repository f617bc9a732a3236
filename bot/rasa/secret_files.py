"""Files that hold secrets (the action server's token, the browser-cookie key): owner-only, mode 0600.

No Rasa imports: `bot.app.servers` uses it too.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def write_private(path: Path, text: str) -> Path:
    """Write `text` to `path`, readable and writable by the owner only (also when the file existed)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.chmod(path.parent, 0o700)
    except OSError:  # a shared folder we do not own: the file's own mode still protects it
        pass
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(fd, 0o600)
        os.write(fd, text.encode("utf-8"))
    finally:
        os.close(fd)
    return path


def _read_key(path: Path) -> str:
    try:
        return path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return ""


def key_file(path: Path) -> bytes:
    """The random key kept in `path`, created (mode 0600) the first time; every process shares it."""
    path = Path(path)
    key = _read_key(path)
    if len(key) >= 32:
        return key.encode("ascii")
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process created it first, or it is unreadable: replace it
        key = _read_key(path)
        if len(key) >= 32:
            return key.encode("ascii")
        key = secrets.token_hex(32)
        write_private(path, key + "\n")
        return key.encode("ascii")
    key = secrets.token_hex(32)
    try:
        os.write(fd, (key + "\n").encode("ascii"))
    finally:
        os.close(fd)
    return key.encode("ascii")
