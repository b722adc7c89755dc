"""Text that every store, hash, JSON writer and tokenizer can encode.

Bytes decoded with ``errors="surrogateescape"``, JSON ``"\\ud800"`` escapes and odd codecs can leave
lone surrogates (U+D800-U+DFFF) in a string; UTF-8 cannot encode them, so each stage that meets
one would raise. Every such character becomes U+FFFD, the replacement character, as any other
undecodable byte does.
"""

from __future__ import annotations

import re

SURROGATE = re.compile("[\ud800-\udfff]")


def no_surrogates(text: str) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD (the same length, so offsets hold)."""
    return SURROGATE.sub("\ufffd", text) if SURROGATE.search(text) else text
