"""Gold gate for the temporal tagger on TempEval-3 (TimeBank + AQUAINT, TBAQ-cleaned).

The data is not in the repository; it lives beside it in ../shared/data/tempeval3."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.eval.timex import evaluate, parse_tml, score

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "tempeval3"


def _data() -> Path:
    if not (DATA / "Training" / "TBAQ-cleaned").is_dir():
        pytest.skip(f"{DATA} is absent: the TempEval-3 gold gate needs ../shared/data/tempeval3 beside the repository")
    return DATA


@pytest.mark.slow
def test_gold_gate_on_25_documents():
    result = evaluate(_data(), limit=25, progress=False)
    json.dumps(result)  # JSON-serialisable
    assert result["task"] == "timex"
    assert result["documents"] == 25
    assert set(result["by_corpus"]) == {"TimeBank", "AQUAINT"}
    assert result["gold"] > 100
    # measured on these 25 documents: strict 0.919, relaxed 0.950, value 0.806, type 0.931;
    # the floors sit a few points below so that small rule changes do not break the gate
    assert result["relaxed"]["f1"] >= 0.92
    assert result["strict"]["f1"] >= 0.88
    assert result["value_f1"] >= 0.76
    assert result["type_f1"] >= 0.89


def test_parse_tml_offsets_and_dct(tmp_path: Path):
    tml = tmp_path / "doc.tml"
    tml.write_text(
        '<?xml version="1.0" ?>\n<TimeML>\n<DOCID>x</DOCID>\n'
        '<DCT><TIMEX3 tid="t0" type="DATE" value="2016-03-28" temporalFunction="false" '
        'functionInDocument="CREATION_TIME">20160328</TIMEX3></DCT>\n'
        "<TEXT>\nTroops <EVENT eid=\"e1\">recaptured</EVENT> Palmyra on "
        '<TIMEX3 tid="t1" type="DATE" value="2016-03-27">Sunday</TIMEX3>, '
        '<TIMEX3 tid="t2" type="DURATION" value="P9M">nine months</TIMEX3> after losing it.\n</TEXT>\n</TimeML>\n',
        encoding="utf-8",
    )
    doc = parse_tml(tml, "test")
    assert str(doc.dct) == "2016-03-28"
    assert [g.text for g in doc.timexes] == ["Sunday", "nine months"]
    for g in doc.timexes:
        assert doc.text[g.start : g.end] == g.text
    assert "20160328" not in doc.text  # the DCT timex is not part of the text nor of the gold


def test_score_strict_relaxed_and_value():
    from sitrep.eval.timex import GoldTimex
    from sitrep.records import Timex

    gold = [GoldTimex(10, 16, "Sunday", "DATE", "2016-03-27"), GoldTimex(20, 31, "nine months", "DURATION", "P9M")]
    system = [
        Timex(start=10, end=16, text="Sunday", type="DATE", value="2016-03-27"),  # strict, value ok
        Timex(start=15, end=31, text="y, nine months", type="DURATION", value="P8M"),  # relaxed only
        Timex(start=40, end=44, text="2016", type="DATE", value="2016"),  # spurious
    ]
    counts, pairs = score(gold, system)
    report = counts.report()
    assert counts.strict == 1 and counts.relaxed_sys == 2 and counts.value == 1
    assert report["strict"]["p"] == pytest.approx(1 / 3, abs=1e-3)
    assert report["relaxed"]["r"] == 1.0
    assert report["value_f1"] == pytest.approx(0.4, abs=1e-3)
    assert len(pairs) == 3
