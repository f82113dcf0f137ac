"""Platform OAuth tokens, encrypted at rest in ``connector_tokens`` (one row per tenant and channel).

AES-256-GCM with the ``connector-token`` subkey of a master key (core/keys.py). Each row keeps the
id of the key that encrypted it, so a rotated installation still reads old rows (the retired key
stays in ``SMM_OLD_SECRET_KEYS``) and every write re-encrypts under the current key. The tenant id
and the channel are the associated data: a row copied into another tenant, or onto another channel,
fails authentication instead of handing out someone else's token.

Tokens travel as :class:`ConnectorCredentials`, whose ``repr`` hides the token, so a log line or
an exception that shows the object does not show the secret. Activities load them by tenant and
channel inside the activity; they never cross Temporal.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import select
from sqlalchemy.orm import Session

from core.errors import InvalidInput, NotFound, ServiceError
from core.keys import keyring
from core.models import ConnectorToken
from core.settings import Settings

PURPOSE = "connector-token"
NONCE_BYTES = 12
VERSION = b"\x01"  # ciphertext layout: version byte, 12-byte nonce, AES-GCM output (text + 16-byte tag)
MAX_TOKEN_CHARS = 8192


class TokenUnreadable(ServiceError):
    """A stored token cannot be decrypted: its key is gone, or the row was altered or moved."""


@dataclass(frozen=True)
class ConnectorCredentials:
    channel: str
    account_id: str
    token: str = field(repr=False)
    author_urn: str | None = None
    expires_at: datetime | None = None
    key_id: str = ""

    def expired(self, now: datetime | None = None) -> bool:
        return self.expires_at is not None and self.expires_at <= (now or datetime.now(UTC))


def _associated_data(tenant_id: uuid.UUID | str, channel: str) -> bytes:
    return f"smm-architect:connector-token:v1:{uuid.UUID(str(tenant_id))}:{channel}".encode()


def encrypt_token(settings: Settings, tenant_id: uuid.UUID | str, channel: str, token: str) -> tuple[str, bytes]:
    """(key id, ciphertext) of ``token`` under the current key."""
    if not token or len(token) > MAX_TOKEN_CHARS or token != token.strip():
        raise InvalidInput(f"an access token must be 1-{MAX_TOKEN_CHARS} characters without surrounding spaces")
    ring = keyring(settings)
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(ring.derive(PURPOSE)).encrypt(nonce, token.encode(), _associated_data(tenant_id, channel))
    return ring.current_id, VERSION + nonce + sealed


def decrypt_token(settings: Settings, tenant_id: uuid.UUID | str, channel: str, key_id: str,
                  ciphertext: bytes) -> str:
    """The token, or TokenUnreadable (unknown key id, another tenant's or channel's row, altered bytes)."""
    ring = keyring(settings)
    try:
        key = ring.derive(PURPOSE, key_id)
    except KeyError:
        raise TokenUnreadable(f"the {channel} token was encrypted with key {key_id!r}, which this installation "
                              "no longer has: add it to SMM_OLD_SECRET_KEYS or reconnect the account") from None
    data = bytes(ciphertext)
    if len(data) < 1 + NONCE_BYTES + 16 or data[:1] != VERSION:
        raise TokenUnreadable(f"the stored {channel} token is damaged; reconnect the account")
    try:
        plain = AESGCM(key).decrypt(data[1:1 + NONCE_BYTES], data[1 + NONCE_BYTES:],
                                    _associated_data(tenant_id, channel))
    except InvalidTag:
        raise TokenUnreadable(f"the stored {channel} token does not authenticate for this tenant; "
                              "reconnect the account") from None
    return plain.decode()


def store_token(session: Session, settings: Settings, tenant_id: uuid.UUID | str, channel: str, *,
                token: str, account_id: str, author_urn: str | None = None,
                expires_at: datetime | None = None) -> None:
    """Insert or replace the tenant's token for ``channel`` (encrypted under the current key).

    ``session`` must be a tenant session (core.db.tenant_session) of ``tenant_id``: RLS scopes the row.
    """
    from agents.publisher.connectors.registry import CHANNELS

    if channel not in CHANNELS:
        raise InvalidInput(f"unknown channel {channel!r}: connectors exist for {', '.join(CHANNELS)}")
    if not account_id or len(account_id) > 200:
        raise InvalidInput("the account id must be 1-200 characters")
    if author_urn is not None and len(author_urn) > 200:
        raise InvalidInput("the author URN must be at most 200 characters")
    key_id, ciphertext = encrypt_token(settings, tenant_id, channel, token)
    tid = uuid.UUID(str(tenant_id))
    row = session.scalars(select(ConnectorToken).where(ConnectorToken.tenant_id == tid,
                                                       ConnectorToken.channel == channel)).one_or_none()
    if row is None:
        row = ConnectorToken(tenant_id=tid, channel=channel)
        session.add(row)
    row.account_id, row.author_urn, row.expires_at = account_id, author_urn, expires_at
    row.key_id, row.ciphertext = key_id, ciphertext
    session.flush()


def load_token(session: Session, settings: Settings, tenant_id: uuid.UUID | str, channel: str
               ) -> ConnectorCredentials:
    """The tenant's credentials for ``channel``; NotFound when the channel is not connected."""
    tid = uuid.UUID(str(tenant_id))
    row = session.scalars(select(ConnectorToken).where(ConnectorToken.tenant_id == tid,
                                                       ConnectorToken.channel == channel)).one_or_none()
    if row is None:
        raise NotFound(f"{channel} is not connected for this tenant")
    token = decrypt_token(settings, tid, channel, row.key_id, row.ciphertext)
    return ConnectorCredentials(channel=channel, account_id=row.account_id, token=token, author_urn=row.author_urn,
                                expires_at=row.expires_at, key_id=row.key_id)


def reencrypt_tokens(session: Session, settings: Settings, tenant_id: uuid.UUID | str) -> int:
    """Re-encrypt the tenant's tokens that are under a retired key; returns how many were rewritten."""
    tid = uuid.UUID(str(tenant_id))
    current = keyring(settings).current_id
    rewritten = 0
    for row in session.scalars(select(ConnectorToken).where(ConnectorToken.tenant_id == tid,
                                                            ConnectorToken.key_id != current)):
        token = decrypt_token(settings, tid, row.channel, row.key_id, row.ciphertext)
        row.key_id, row.ciphertext = encrypt_token(settings, tid, row.channel, token)
        rewritten += 1
    session.flush()
    return rewritten
