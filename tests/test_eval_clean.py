"""Gold gate for main-text cleaning on the article-extraction benchmark (sitrep.eval.clean).

The gate runs the first 40 pages of ``../shared/data/article-extraction`` (trafilatura's evaluation
set) through all four systems and holds sitrep's flattened-text cleaner to floors a little below
what it measured there (keep 0.828, leak 0.072 on these 40 pages; on all 990 pages keep 0.915,
leak 0.138). It skips when the shared data is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.eval.clean import decode_html, evaluate, normalise_ws, score_output, wrap_lines_html

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "article-extraction"

# Floors for the first 40 pages (measured: sitrep_flat keep 0.828, leak 0.072).
KEEP_FLOOR = 0.80
LEAK_CEILING = 0.10


@pytest.fixture(scope="module")
def result() -> dict:
    if not (DATA / "evaldata.json").is_file():
        pytest.skip(f"article-extraction benchmark not found at {DATA} (../shared is absent)")
    return evaluate(DATA, limit=40, progress=False)


@pytest.mark.slow
def test_shape(result):
    assert result["task"] == "clean"
    assert result["pages"] == 40
    assert result["skipped"] == 0
    assert result["snippets"]["with"] > 0 and result["snippets"]["without"] > 0
    assert set(result["systems"]) == {"sitrep_html", "trafilatura_html", "sitrep_flat", "trafilatura_flat"}
    for metrics in result["systems"].values():
        assert set(metrics) == {"keep", "leak", "keep_macro", "leak_macro"}
        assert all(0.0 <= value <= 1.0 for value in metrics.values())


@pytest.mark.slow
def test_sitrep_flat_floors(result):
    flat = result["systems"]["sitrep_flat"]
    assert flat["keep"] >= KEEP_FLOOR, flat
    assert flat["leak"] <= LEAK_CEILING, flat


@pytest.mark.slow
def test_sitrep_flat_leaks_far_less_than_trafilatura_on_flat_text(result):
    ours, theirs = result["systems"]["sitrep_flat"], result["systems"]["trafilatura_flat"]
    assert ours["leak"] < theirs["leak"] / 4


@pytest.mark.slow
def test_sitrep_html_is_trafilatura(result):
    assert result["systems"]["sitrep_html"]["keep"] == result["systems"]["trafilatura_html"]["keep"]
    assert result["systems"]["sitrep_html"]["leak"] == result["systems"]["trafilatura_html"]["leak"]


# Unit checks of the evaluation's helpers (no data needed).


def test_decode_html_handles_declared_and_broken_encodings():
    assert decode_html("<p>Grüße</p>".encode()) == "<p>Grüße</p>"
    latin = '<meta charset="iso-8859-1"><p>Grüße</p>'.encode("latin-1")
    assert "Grüße" in decode_html(latin)
    # mostly UTF-8 with one stray byte (a cut multibyte character) stays UTF-8
    page = ("<p>Grüße und schöne Tage, ähnlich wie früher.</p>" * 20).encode()
    assert "Grüße" in decode_html(page + b"\xc3" + page)
    assert decode_html(b"\xef\xbb\xbf<p>x</p>") == "<p>x</p>"


def test_wrap_lines_html_escapes_each_line():
    assert wrap_lines_html("a < b\n\nc & d") == "<html><body>\n<p>a &lt; b</p>\n<p>c &amp; d</p>\n</body></html>"


def test_score_output_normalises_whitespace():
    assert normalise_ws(" a\n b\t") == "a b"
    assert score_output("The  army\nsaid it", ["army said", "navy"], ["said it", "x"]) == (1, 2, 1, 2)
