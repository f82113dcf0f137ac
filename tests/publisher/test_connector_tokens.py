"""Connector tokens at rest: AES-256-GCM under a rotating key, bound to tenant and channel.

The crypto is tested here without a database; storing and loading rows (store_token/load_token/
reencrypt_tokens) needs the connector_tokens migration and is tested with it.
"""

from __future__ import annotations

import uuid

import pytest
from pydantic import SecretStr

from agents.publisher.tokens import (
    ConnectorCredentials,
    TokenUnreadable,
    decrypt_token,
    encrypt_token,
)
from core.errors import InvalidInput
from core.settings import Settings

OLD_SECRET = "o" * 40
NEW_SECRET = "n" * 40
TOKEN = "AQV-very-secret-oauth-token-1234567890"


def settings(secret: str = OLD_SECRET, key_id: str = "k1", old: dict[str, str] | None = None) -> Settings:
    return Settings(env="development", secret_key=SecretStr(secret), secret_key_id=key_id,
                    old_secret_keys={k: SecretStr(v) for k, v in (old or {}).items()})


def test_round_trip_and_ciphertext_hides_the_token() -> None:
    tenant = uuid.uuid4()
    key_id, blob = encrypt_token(settings(), tenant, "x", TOKEN)
    assert key_id == "k1" and TOKEN.encode() not in blob
    assert decrypt_token(settings(), tenant, "x", key_id, blob) == TOKEN
    # A fresh nonce each time: the same token never encrypts to the same bytes.
    assert encrypt_token(settings(), tenant, "x", TOKEN)[1] != blob


def test_a_row_moved_to_another_tenant_or_channel_does_not_decrypt() -> None:
    tenant = uuid.uuid4()
    key_id, blob = encrypt_token(settings(), tenant, "linkedin", TOKEN)
    with pytest.raises(TokenUnreadable, match="does not authenticate"):
        decrypt_token(settings(), uuid.uuid4(), "linkedin", key_id, blob)
    with pytest.raises(TokenUnreadable):
        decrypt_token(settings(), tenant, "facebook", key_id, blob)


def test_altered_or_truncated_ciphertext_is_refused() -> None:
    tenant = uuid.uuid4()
    key_id, blob = encrypt_token(settings(), tenant, "x", TOKEN)
    flipped = blob[:-1] + bytes([blob[-1] ^ 1])
    for bad in (flipped, blob[:10], b"\x02" + blob[1:]):
        with pytest.raises(TokenUnreadable):
            decrypt_token(settings(), tenant, "x", key_id, bad)


def test_rotation_reads_old_rows_and_writes_under_the_new_key() -> None:
    tenant = uuid.uuid4()
    old_kid, old_blob = encrypt_token(settings(), tenant, "instagram", TOKEN)
    rotated = settings(NEW_SECRET, "k2", old={"k1": OLD_SECRET})
    assert decrypt_token(rotated, tenant, "instagram", old_kid, old_blob) == TOKEN
    new_kid, new_blob = encrypt_token(rotated, tenant, "instagram", TOKEN)
    assert new_kid == "k2" and decrypt_token(rotated, tenant, "instagram", new_kid, new_blob) == TOKEN
    # Once the old key is dropped, old rows say which key is missing; new rows still read.
    dropped = settings(NEW_SECRET, "k2")
    with pytest.raises(TokenUnreadable, match="key 'k1'"):
        decrypt_token(dropped, tenant, "instagram", old_kid, old_blob)
    assert decrypt_token(dropped, tenant, "instagram", new_kid, new_blob) == TOKEN
    # A different secret under the same key id does not decrypt (no silent garbage).
    with pytest.raises(TokenUnreadable):
        decrypt_token(settings(NEW_SECRET, "k1"), tenant, "instagram", old_kid, old_blob)


def test_credentials_never_show_the_token() -> None:
    creds = ConnectorCredentials(channel="x", account_id="42", token=TOKEN)
    assert TOKEN not in repr(creds) and TOKEN not in str(creds)


@pytest.mark.parametrize("bad", ["", " padded ", "x" * 9000])
def test_bad_tokens_are_refused(bad: str) -> None:
    with pytest.raises(InvalidInput):
        encrypt_token(settings(), uuid.uuid4(), "x", bad)
