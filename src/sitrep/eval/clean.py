"""Evaluate main-text cleaning on the article-extraction benchmark (trafilatura's evaluation set).

The data directory holds ``evaldata.json`` (url -> ``{"file", "with", "without"}``) and the archived
pages in ``eval/`` or ``cache/``. Every page is scored for four systems on the same inputs:

- ``sitrep_html``: ``sitrep.clean.html.extract_html`` on the page's HTML;
- ``trafilatura_html``: ``trafilatura.extract`` on the page's HTML;
- ``sitrep_flat``: ``sitrep.clean.flat.clean_text`` on ``flatten_html(html)``;
- ``trafilatura_flat``: trafilatura on the same flattened text, each line wrapped in ``<p>``.

``keep`` is the share of must-contain ("with") snippets found in a system's output, ``leak`` the
share of must-not-contain ("without") snippets found in it, micro-averaged over all snippets
(``keep_macro`` / ``leak_macro`` average per page over pages that have such snippets). Matching is
the same whitespace-normalised substring test for every system.
"""

from __future__ import annotations

import codecs
import html as html_lib
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

__all__ = [
    "SYSTEMS",
    "decode_html",
    "evaluate",
    "load_pages",
    "normalise_ws",
    "score_output",
    "wrap_lines_html",
]

SYSTEMS = ("sitrep_html", "trafilatura_html", "sitrep_flat", "trafilatura_flat")

_META_CHARSET = re.compile(rb"""<meta[^>]{0,300}?charset\s{0,4}=\s{0,4}["']?\s{0,4}([a-zA-Z0-9_:.\-]{1,40})""", re.I)


def normalise_ws(text: str) -> str:
    """Collapse every run of whitespace (Unicode included) to one space and strip the ends."""
    return " ".join(text.split())


def decode_html(data: bytes) -> str:
    """Decode an HTML file robustly: BOM, then strict UTF-8, then the declared charset, then
    charset-normalizer's best guess, finally UTF-8 with replacement characters."""
    boms = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
    for bom, enc in boms:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(enc)
            except UnicodeDecodeError:
                break
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Mostly-UTF-8 pages with a stray invalid byte or a truncated sequence are common (a cut-off
    # multibyte character in a teaser): keep UTF-8 when the invalid bytes are a small minority of
    # the non-ASCII text. 2% is a safe margin: a Latin-1 page read as UTF-8 fails on nearly every
    # non-ASCII character, while the mostly-UTF-8 pages of the benchmark fail on one or two.
    lenient = data.decode("utf-8", "replace")
    bad = lenient.count("\ufffd")
    non_ascii = sum(1 for ch in lenient if ord(ch) > 127)
    if bad <= 0.02 * non_ascii:
        return lenient
    match = _META_CHARSET.search(data[:8192])
    if match:
        name = match.group(1).decode("ascii", "ignore").lower()
        if name in {"iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"}:
            name = "cp1252"  # what browsers actually use for these labels (WHATWG encoding spec)
        try:
            return data.decode(codecs.lookup(name).name)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is not None:
            return str(best)
    except Exception:  # noqa: BLE001 - a detector failure must not stop the evaluation
        pass
    return data.decode("utf-8", "replace")


def wrap_lines_html(text: str) -> str:
    """The fairest HTML rendering of flattened text for trafilatura: one ``<p>`` per line."""
    body = "".join(f"<p>{html_lib.escape(line)}</p>\n" for line in text.splitlines() if line.strip())
    return f"<html><body>\n{body}</body></html>"


def load_pages(data: Path, *, limit: int | None = None) -> tuple[list[dict], int]:
    """Return ``(pages, skipped)``: each page is ``{"url", "path", "with", "without"}`` in the
    order of ``evaldata.json``; entries whose HTML file is missing are counted as skipped."""
    data = Path(data)
    gold = json.loads((data / "evaldata.json").read_text(encoding="utf-8"))
    pages: list[dict] = []
    skipped = 0
    for url, entry in gold.items():
        if limit is not None and len(pages) >= limit:
            break
        name = entry.get("file")
        path = None
        if name:
            for folder in ("eval", "cache"):
                candidate = data / folder / name
                if candidate.is_file():
                    path = candidate
                    break
        if path is None:
            skipped += 1
            continue
        with_, without = list(entry.get("with") or []), list(entry.get("without") or [])
        pages.append({"url": url, "path": path, "with": with_, "without": without})
    return pages, skipped


def score_output(output: str, with_: Iterable[str], without: Iterable[str]) -> tuple[int, int, int, int]:
    """Return ``(kept, n_with, leaked, n_without)`` for one output and one page's snippets."""
    text = normalise_ws(output)
    with_ = [normalise_ws(s) for s in with_]
    without = [normalise_ws(s) for s in without]
    kept = sum(1 for s in with_ if s in text)
    leaked = sum(1 for s in without if s in text)
    return kept, len(with_), leaked, len(without)


def _system_functions() -> dict[str, Callable[[str, str, str], str]]:
    import trafilatura

    from sitrep.clean.flat import clean_text
    from sitrep.clean.html import extract_html

    def sitrep_html(html: str, flat: str, url: str) -> str:
        return extract_html(html, url=url)[0]

    def trafilatura_html(html: str, flat: str, url: str) -> str:
        return trafilatura.extract(html, url=url, include_comments=False) or ""

    def sitrep_flat(html: str, flat: str, url: str) -> str:
        return clean_text(flat)[0]

    def trafilatura_flat(html: str, flat: str, url: str) -> str:
        return trafilatura.extract(wrap_lines_html(flat), include_comments=False) or ""

    return {
        "sitrep_html": sitrep_html,
        "trafilatura_html": trafilatura_html,
        "sitrep_flat": sitrep_flat,
        "trafilatura_flat": trafilatura_flat,
    }


def _track(items: list, progress: bool) -> Iterator:
    if not progress:
        yield from items
        return
    from rich.console import Console
    from rich.progress import track

    yield from track(items, description="clean eval", console=Console(file=sys.stderr))


def evaluate(
    data: Path,
    *,
    limit: int | None = None,
    progress: bool = True,
    systems: Iterable[str] = SYSTEMS,
) -> dict:
    """Score the four systems on the benchmark in ``data`` (optionally its first ``limit`` pages)."""
    from sitrep.clean.flatten import flatten_html

    pages, skipped = load_pages(Path(data), limit=limit)
    funcs = _system_functions()
    names = [name for name in SYSTEMS if name in set(systems)]
    totals = {name: {"kept": 0, "leaked": 0, "keep_pages": [], "leak_pages": []} for name in names}
    n_with = n_without = 0
    for page in _track(pages, progress):
        html = decode_html(page["path"].read_bytes())
        flat = flatten_html(html)  # computed once per page, shared by both flat systems
        n_with += len(page["with"])
        n_without += len(page["without"])
        for name in names:
            try:
                output = funcs[name](html, flat, page["url"])
            except Exception:  # noqa: BLE001 - a crash scores as an empty output, as for any extractor
                output = ""
            kept, nw, leaked, nwo = score_output(output, page["with"], page["without"])
            total = totals[name]
            total["kept"] += kept
            total["leaked"] += leaked
            if nw:
                total["keep_pages"].append(kept / nw)
            if nwo:
                total["leak_pages"].append(leaked / nwo)

    def ratio(a: float, b: float) -> float:
        return round(a / b, 4) if b else 0.0

    results = {}
    for name, total in totals.items():
        results[name] = {
            "keep": ratio(total["kept"], n_with),
            "leak": ratio(total["leaked"], n_without),
            "keep_macro": ratio(sum(total["keep_pages"]), len(total["keep_pages"])),
            "leak_macro": ratio(sum(total["leak_pages"]), len(total["leak_pages"])),
        }
    return {
        "task": "clean",
        "data": str(data),
        "pages": len(pages),
        "skipped": skipped,
        "snippets": {"with": n_with, "without": n_without},
        "systems": results,
    }
