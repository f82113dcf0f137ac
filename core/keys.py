"""The server secret and the keys derived from it (payload codec, signed starts, audit MACs).

One master secret per key id; every purpose gets its own subkey through HKDF-SHA256, so a key that
leaks from one use (say, a Temporal codec server) says nothing about another (the audit MAC).
Rotation: ``SMM_SECRET_KEY_ID`` names the current key; ``SMM_OLD_SECRET_KEYS`` (JSON ``{"id": "secret"}``)
keeps retired ones readable, so ciphertext, signatures and MACs made under them still verify.

In development, when ``SMM_SECRET_KEY`` is not set, a random secret is generated once into
``$SMM_HOME/server.key`` (0600): a public default would let any local user forge or read everything.
Outside development the settings refuse to start without a real secret.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from core.errors import ServiceError
from core.settings import DEV_SECRET, Settings

SERVER_KEY_FILE = "server.key"
#: Purposes that may ask for a subkey; one name per use keeps them apart.
PURPOSES = frozenset({"temporal-codec", "workflow-start", "approval-decision", "audit-mac", "connector-token"})


@dataclass(frozen=True)
class Keyring:
    """Master secrets by key id, and which one signs/encrypts now."""

    current_id: str
    masters: dict[str, bytes]

    def derive(self, purpose: str, key_id: str | None = None) -> bytes:
        """The 32-byte subkey for ``purpose`` under ``key_id`` (default: the current key)."""
        if purpose not in PURPOSES:
            raise ValueError(f"unknown key purpose {purpose!r}")
        kid = key_id or self.current_id
        master = self.masters.get(kid)
        if master is None:
            raise KeyError(kid)
        return HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                    info=f"smm-architect:{purpose}:{kid}".encode()).derive(master)


def _generated_secret(home: Path) -> bytes:
    # Created 0600 from the first byte; O_EXCL makes two racing processes agree on one file.
    home.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = home / SERVER_KEY_FILE
    if not path.exists():
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as fh:
                fh.write(secrets.token_urlsafe(48) + "\n")
    value = path.read_text().strip()
    if len(value) < 32:
        raise ServiceError(f"{path} is damaged (shorter than 32 characters); restore it from a backup: "
                           "data encrypted or signed with it cannot be read without it")
    return value.encode()


def keyring(settings: Settings) -> Keyring:
    """The installation's keyring (cached per settings object's values)."""
    return _keyring(settings.secret_key.get_secret_value(), settings.secret_key_id,
                    tuple(sorted((k, v.get_secret_value()) for k, v in settings.old_secret_keys.items())),
                    str(settings.home_dir))


@lru_cache(maxsize=8)
def _keyring(secret: str, key_id: str, old: tuple[tuple[str, str], ...], home: str) -> Keyring:
    current = _generated_secret(Path(home)) if secret == DEV_SECRET else secret.encode()
    masters = {k: v.encode() for k, v in old}
    masters[key_id] = current
    return Keyring(current_id=key_id, masters=masters)
