"""JSON as the contract wants it: UTF-8, with U+2028 and U+2029 escaped (they break JavaScript
string literals and some line-based readers)."""

from __future__ import annotations

import json
from typing import Any


def dumps(obj: Any, *, indent: int | None = None) -> str:
    text = json.dumps(obj, ensure_ascii=False, indent=indent, default=str)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
