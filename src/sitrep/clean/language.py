"""Which language an article is written in.

sitrep's taggers, gazetteer names and event patterns are English: an article in another language
would be mis-coded, not coded. So after cleaning, an article that is confidently not English is set
aside as a ``Rejected`` record (code ``E_LANGUAGE``) that names the language found, instead of
producing wrong events. Short or mixed texts, where the identification is unsure, are kept.

The identifier is py3langid (a naive Bayes model over byte n-grams that ships inside its package,
so it works offline), with probabilities normalised over its 97 languages.
"""

from __future__ import annotations

from functools import lru_cache

# The identifier reads the start of the text only: a news article's language is settled in its
# first paragraphs, and this bounds the time spent on a huge input.
SAMPLE_CHARS = 4000
# Texts with fewer letters than this are kept whatever they look like: a headline-sized text gives
# the model too few n-grams to be trusted (on the development data, English texts misread as
# another language all had fewer than this many).
MIN_LETTERS = 200
# A non-English verdict must be at least this probable to reject. From `sitrep eval language`
# (README "Language"): over 8,240 English articles of FA-KES, GVA, Timeline17 and TempEval-3, the
# most probable non-English verdict on one with MIN_LETTERS letters was 0.69 (Nigerian Pidgin); real
# foreign articles (Timeline17's Vietnamese pages, the German, Spanish, French ... pages of the
# article-extraction set) score 0.95-1.0, and short Arabic paragraphs about 0.96.
MIN_PROBABILITY = 0.9


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify(text: str) -> tuple[str, float]:
    """The most likely language of ``text`` (ISO 639-1) and its probability."""
    lang, prob = _identifier().classify(text[:SAMPLE_CHARS])
    return lang, float(prob)


def foreign_language(text: str) -> tuple[str, float] | None:
    """``(language, probability)`` when ``text`` is confidently not English, else None."""
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return None
    lang, prob = identify(sample)
    if lang != "en" and prob >= MIN_PROBABILITY:
        return lang, prob
    return None
