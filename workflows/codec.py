"""Encrypt every Temporal payload (inputs, results, heartbeats, failures) with AES-256-GCM.

The embedded dev server has no authentication and no TLS, and its sqlite file holds every history:
with this codec on every client and worker, histories hold ciphertext only. The pattern is
temporalio/samples-python's ``encryption`` sample: a 12-byte random nonce prepended to the
ciphertext, metadata ``encoding=binary/encrypted`` and ``encryption-key-id``; keys rotate by id
(see core/keys.py). Failure messages and stack traces are moved into encoded attributes too, since
an error message can quote a crawled page.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Sequence

import temporalio.converter
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from temporalio.api.common.v1 import Payload
from temporalio.converter import DataConverter, PayloadCodec

from core.keys import Keyring

ENCODING = b"binary/encrypted"
PURPOSE = "temporal-codec"


class PayloadDecryptionError(Exception):
    """A payload claims to be ours but cannot be decrypted (unknown key id or tampered bytes)."""


class EncryptionCodec(PayloadCodec):
    """AES-GCM over the serialised payload; the key id travels in the metadata for rotation."""

    def __init__(self, keys: Keyring) -> None:
        super().__init__()
        self._keys = keys
        self._ciphers: dict[str, AESGCM] = {}

    def _cipher(self, key_id: str) -> AESGCM:
        cipher = self._ciphers.get(key_id)
        if cipher is None:
            try:
                cipher = AESGCM(self._keys.derive(PURPOSE, key_id))
            except KeyError:
                raise PayloadDecryptionError(f"payload encrypted under unknown key id {key_id!r}") from None
            self._ciphers[key_id] = cipher
        return cipher

    async def encode(self, payloads: Sequence[Payload]) -> list[Payload]:
        """Encrypt each payload under the current key."""
        kid = self._keys.current_id
        cipher = self._cipher(kid)
        out = []
        for p in payloads:
            nonce = os.urandom(12)
            # The key id is authenticated data: a payload cannot be relabelled to another key.
            data = nonce + cipher.encrypt(nonce, p.SerializeToString(), kid.encode())
            out.append(Payload(metadata={"encoding": ENCODING, "encryption-key-id": kid.encode()}, data=data))
        return out

    async def decode(self, payloads: Sequence[Payload]) -> list[Payload]:
        """Decrypt our payloads; others pass through (a forged start is refused by its signature check)."""
        out = []
        for p in payloads:
            if p.metadata.get("encoding") != ENCODING:
                out.append(p)
                continue
            kid = p.metadata.get("encryption-key-id", b"").decode()
            try:
                plain = self._cipher(kid).decrypt(p.data[:12], p.data[12:], kid.encode())
            except InvalidTag:
                raise PayloadDecryptionError("payload failed authentication (tampered or wrong key)") from None
            out.append(Payload.FromString(plain))
        return out


def encrypted_converter(keys: Keyring) -> DataConverter:
    """The default converter with the codec and encoded failure attributes."""
    return dataclasses.replace(
        temporalio.converter.default(),
        payload_codec=EncryptionCodec(keys),
        failure_converter_class=temporalio.converter.DefaultFailureConverterWithEncodedAttributes,
    )
