"""Bytes to text: detect the encoding, refuse binaries, never guess silently."""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from sitrep.errors import E_BINARY, E_EMPTY, E_ENCODING, InputError
from sitrep.unicode import SURROGATE, no_surrogates

# Share of control bytes (other than tab/newline/CR/form feed) above which bytes are not text.
# Real text files in every corpus under ../shared/data have none; images and archives have
# 10-30 %. 5 % leaves room for a few stray bytes in scraped text.
_MAX_CONTROL_SHARE = 0.05
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


# Codecs a page may name in its charset that are not character sets but escape syntaxes: with
# charset=unicode_escape a page spells its own characters ("\\ud800" became a lone surrogate in
# the body). Such a declaration is ignored, as an unknown charset is.
_NOT_CHARSETS = frozenset({"unicode-escape", "raw-unicode-escape", "utf-7", "punycode", "idna"})


def storable(text: str) -> str:
    """``text`` without lone surrogates, which no store, hash or JSON writer can encode.

    Python hands out file names and command-line arguments that are not valid UTF-8 with each bad
    byte smuggled in as a surrogate (U+DC80-U+DCFF, "surrogateescape"): such a byte is written as
    ``\\xNN``, so ``café`` saved in Latin-1 reads ``caf\\xe9``, stable and distinct from other
    names. Any other lone surrogate becomes U+FFFD.
    """
    if not SURROGATE.search(text):
        return text
    return SURROGATE.sub(lambda m: f"\\x{ord(m[0]) - 0xDC00:02x}" if 0xDC80 <= ord(m[0]) <= 0xDCFF else "\ufffd", text)


def decode_bytes(data: bytes, *, declared: str | None = None) -> tuple[str, str]:
    """Return ``(text, encoding)`` or raise InputError(E_EMPTY | E_BINARY | E_ENCODING).

    UTF-8 (with or without BOM) is tried first because it is what nearly all current pages use
    and a strict decode never misreads it; then a declared charset (HTTP or meta); then
    charset-normalizer's detection.
    """
    if not data.strip():
        raise InputError(E_EMPTY, "the input is empty or only whitespace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise InputError(E_ENCODING, "a UTF-16 byte-order mark, but not valid UTF-16") from None
    sample = data[:65536]
    if b"\x00" in sample and not (sample.startswith((b"\xff\xfe", b"\xfe\xff"))):
        raise InputError(E_BINARY, "the input contains NUL bytes: it is binary, not text")
    control = sum(sample.count(bytes([c])) for c in _CONTROL)
    if control / max(len(sample), 1) > _MAX_CONTROL_SHARE:
        raise InputError(E_BINARY, f"{control} control bytes in the first {len(sample)}: binary, not text")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            if codecs.lookup(declared).name not in _NOT_CHARSETS:
                return data.decode(declared), declared.lower()
        except (UnicodeDecodeError, LookupError):
            pass
    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        raise InputError(E_ENCODING, "not valid UTF-8 and no other encoding fits the bytes")
    best = matches[0]
    # On short texts several single-byte code pages fit equally well (cp1250 vs cp1252 for French
    # or German). Among equal fits prefer windows-1252: it is the web's most common legacy
    # encoding, and the one HTML5 decodes "latin-1" as.
    for m in matches[1:]:
        if m.encoding == "cp1252" and m.chaos <= best.chaos and m.coherence >= best.coherence - 0.01:
            best = m
    # Detection only tries real charsets; the replacement is a backstop, so that no decoded text
    # ever holds a lone surrogate (no store can keep one).
    return no_surrogates(str(best)), best.encoding
