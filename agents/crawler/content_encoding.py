"""Bounded decoding of HTTP content codings: gzip, deflate, br and zstd.

httpx decodes each network chunk in a single call, so a few kilobytes of
compressed zeros expand to gigabytes before any size check can run. Here the
raw stream is decoded by hand with an output cap per call, and every piece goes
into a ``BodyBuffer`` that refuses to grow past the page limit: at most the
limit plus one piece (about 64 KiB) is ever held, whatever the compression ratio.
"""

from __future__ import annotations

import zlib
from typing import IO, Protocol, cast

import brotli
import zstandard

RAW_CHUNK = 16_384  # bytes read from the socket per step
PIECE = 65_536  # most decoded bytes produced per decoder call
ZSTD_MAX_WINDOW = 8 << 20  # RFC 8878 §3 caps the zstd window for HTTP at 8 MiB
ACCEPT_ENCODING = "gzip, deflate, br, zstd"

_GZIP_WBITS = 16 + zlib.MAX_WBITS
_GZIP_MAGIC = b"\x1f\x8b"


class BodyLimitExceededError(Exception):
    """The decoded body grew past the buffer's limit; the buffer holds the first ``limit`` bytes."""


class ContentDecodingError(Exception):
    """The body is not valid in its declared coding, or the coding is not supported."""


class BodyBuffer:
    """Collects decoded bytes up to ``limit``; the write that would pass it raises."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.size = 0
        self._parts: list[bytes] = []

    def write(self, data: bytes) -> int:
        if not data:
            return 0
        room = self.limit - self.size
        if len(data) > room:
            if room > 0:
                self._parts.append(bytes(data[:room]))
                self.size = self.limit
            raise BodyLimitExceededError(f"body exceeds {self.limit} bytes")
        self._parts.append(bytes(data))
        self.size += len(data)
        return len(data)

    def getvalue(self) -> bytes:
        return b"".join(self._parts)


class Decoder(Protocol):
    def feed(self, data: bytes) -> None: ...

    def finish(self) -> None: ...


class _Identity:
    def __init__(self, sink: BodyBuffer) -> None:
        self._sink = sink

    def feed(self, data: bytes) -> None:
        self._sink.write(data)

    def finish(self) -> None:
        return None


class _Zlib:
    """gzip (any number of members) or deflate (zlib-wrapped as the spec says, raw as some servers send)."""

    def __init__(self, sink: BodyBuffer, *, gzip: bool) -> None:
        self._sink = sink
        self._gzip = gzip
        self._obj = zlib.decompressobj(_GZIP_WBITS if gzip else zlib.MAX_WBITS)
        self._may_fall_back_to_raw = not gzip
        self._tail = b""  # bytes after a gzip member, too few to tell whether another member starts
        self._ended = False

    def _inflate(self, buf: bytes) -> bytes:
        """Inflate ``buf`` in capped pieces; return the bytes after the end of the stream, if it ended."""
        while True:
            try:
                out = self._obj.decompress(buf, PIECE)
            except zlib.error as exc:
                if self._may_fall_back_to_raw:
                    self._may_fall_back_to_raw = False
                    self._obj = zlib.decompressobj(-zlib.MAX_WBITS)
                    continue
                raise ContentDecodingError(f"corrupt {'gzip' if self._gzip else 'deflate'} data: {exc}") from exc
            if out:
                self._may_fall_back_to_raw = False
            self._sink.write(out)
            if self._obj.eof:
                return self._obj.unused_data
            buf = self._obj.unconsumed_tail
            # Output below the cap with no input left means zlib has nothing more to give.
            if not buf and len(out) < PIECE:
                return b""

    def feed(self, data: bytes) -> None:
        buf = self._tail + data
        self._tail = b""
        while buf and not self._ended:
            if self._obj.eof:
                # Browsers ignore bytes after the stream; another gzip member is decoded.
                if self._gzip and len(buf) < len(_GZIP_MAGIC) and _GZIP_MAGIC.startswith(buf):
                    self._tail = buf
                    return
                if not (self._gzip and buf.startswith(_GZIP_MAGIC)):
                    self._ended = True
                    return
                self._obj = zlib.decompressobj(_GZIP_WBITS)
            buf = self._inflate(buf)

    def finish(self) -> None:
        # A stream cut short keeps what was decoded, as browsers do; nothing is pending
        # because _inflate drains until zlib produces less than a full piece.
        return None


class _Brotli:
    def __init__(self, sink: BodyBuffer) -> None:
        self._sink = sink
        self._dec = brotli.Decompressor()

    def _drain(self) -> None:
        while not self._dec.can_accept_more_data():
            out = self._dec.process(b"", output_buffer_limit=PIECE)
            if not out:
                return
            self._sink.write(out)

    def feed(self, data: bytes) -> None:
        if self._dec.is_finished():
            return  # bytes after the stream are ignored
        try:
            self._sink.write(self._dec.process(data, output_buffer_limit=PIECE))
            self._drain()
        except brotli.error as exc:
            raise ContentDecodingError(f"corrupt br data: {exc}") from exc

    def finish(self) -> None:
        try:
            while not self._dec.is_finished():
                out = self._dec.process(b"", output_buffer_limit=PIECE)
                if not out:
                    return
                self._sink.write(out)
        except brotli.error as exc:
            raise ContentDecodingError(f"corrupt br data: {exc}") from exc


class _Zstd:
    """zstd through a stream writer: zstandard's decompressobj has no output cap, but the
    writer hands its output to the sink in PIECE-sized writes, and the sink raises at the
    limit, which stops decompression in the middle of the input chunk."""

    def __init__(self, sink: BodyBuffer) -> None:
        dctx = zstandard.ZstdDecompressor(max_window_size=ZSTD_MAX_WINDOW)
        # The writer only calls write(); BodyBuffer is not a full file object.
        self._writer = dctx.stream_writer(
            cast(IO[bytes], sink), write_size=PIECE, write_return_read=True, closefd=False
        )

    def feed(self, data: bytes) -> None:
        try:
            self._writer.write(data)
        except zstandard.ZstdError as exc:
            raise ContentDecodingError(f"corrupt zstd data: {exc}") from exc

    def finish(self) -> None:
        return None


def content_codings(header: str | None) -> list[str]:
    """The codings listed in a Content-Encoding header, in the order they were applied."""
    return [c.strip().lower() for c in (header or "").split(",") if c.strip() and c.strip().lower() != "identity"]


def decoder_for(header: str | None, sink: BodyBuffer) -> Decoder:
    """A bounded decoder for the Content-Encoding header, or ContentDecodingError."""
    codings = content_codings(header)
    if not codings:
        return _Identity(sink)
    if len(codings) > 1:
        raise ContentDecodingError(f"stacked content encodings are not supported: {', '.join(codings)}")
    coding = codings[0]
    if coding in ("gzip", "x-gzip"):
        return _Zlib(sink, gzip=True)
    if coding == "deflate":
        return _Zlib(sink, gzip=False)
    if coding == "br":
        return _Brotli(sink)
    if coding == "zstd":
        return _Zstd(sink)
    raise ContentDecodingError(f"unsupported content encoding {coding[:40]!r}")
