"""Language identification on the development data: how often English articles would be set
aside as foreign (they must not be), and what the filter does to a mixed-language set.

``--data`` is the folder holding the sets (``../shared/data``). English sets: FA-KES, GVA,
Timeline17 and TempEval-3 (all news in English; any rejection there is reported with its
language, so a page that really is in another language shows as such). Mixed set: the
article-extraction pages (mostly German), whose main text is taken with trafilatura; it has no
language labels, so only the verdicts are counted.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from sitrep.clean.language import MIN_LETTERS, SAMPLE_CHARS, foreign_language, identify


def _fakes(root: Path) -> Iterator[str]:
    csv.field_size_limit(1 << 30)
    with (root / "FA-KES-Dataset.csv").open(encoding="iso-8859-1") as fh:
        for row in csv.DictReader(fh):
            yield f"{row['article_title']}\n\n{row['article_content']}"


def _english_sets(data: Path) -> dict[str, Iterator[str]]:
    from sitrep.eval.pubdate import _gva, _tempeval, _timeline17

    sets: dict[str, Iterator[str]] = {}
    if (data / "fa-kes").exists():
        sets["fa-kes"] = _fakes(data / "fa-kes")
    if (data / "gva").exists():
        sets["gva"] = (f"{title}\n\n{text}" for _, title, text, _ in _gva(data / "gva"))
    if (data / "timeline17").exists():
        sets["timeline17"] = (text for _, _, text, _ in _timeline17(data / "timeline17"))
    if (data / "tempeval3").exists():
        sets["tempeval3"] = (text for _, _, text, _ in _tempeval(data / "tempeval3"))
    return sets


def _mixed(data: Path, limit: int | None) -> Iterator[str]:
    import trafilatura

    root = data / "article-extraction"
    for n, path in enumerate(sorted((root / "eval").glob("*.html"))):
        if limit is not None and n >= limit:
            return
        yield trafilatura.extract(path.read_text(encoding="utf-8", errors="replace")) or ""


def evaluate(data: Path, *, limit: int | None = None, progress: bool = False) -> dict:
    out: dict = {"min_letters": MIN_LETTERS, "english": {}}
    worst = (None, 0.0)
    for name, texts in _english_sets(data).items():
        n, rejected = 0, Counter()
        for text in texts:
            if limit is not None and n >= limit:
                break
            n += 1
            found = foreign_language(text)
            if found:
                rejected[found[0]] += 1
                continue
            sample = text[:SAMPLE_CHARS]
            if sum(ch.isalpha() for ch in sample) >= MIN_LETTERS:
                lang, prob = identify(sample)
                if lang != "en" and prob > worst[1]:
                    worst = (f"{name}:{lang}", prob)
        out["english"][name] = {"articles": n, "rejected": sum(rejected.values()), "rejected_by_language": dict(rejected)}
    out["highest_non_english_probability_kept"] = {"where": worst[0], "probability": round(worst[1], 3)}
    if (data / "article-extraction" / "eval").exists():
        verdicts, n, empty = Counter(), 0, 0
        for text in _mixed(data, limit):
            if not text.strip():
                empty += 1
                continue
            n += 1
            found = foreign_language(text)
            verdicts[found[0] if found else "kept"] += 1
        kept = verdicts.pop("kept", 0)
        out["article_extraction"] = {"pages_with_text": n, "pages_without_text": empty, "set_aside": n - kept,
                                     "kept": kept, "set_aside_by_language": dict(verdicts.most_common())}
    return out
