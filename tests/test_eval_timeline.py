"""A small gold gate for story timelines on Timeline17, scored with tilse."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import shared_data


def test_tilse_scores_identical_timelines_as_perfect() -> None:
    from sitrep.eval.timeline import _evaluator, _score

    gold = {dt.date(2010, 4, 20): ["An explosion on the drilling rig kills eleven workers ."],
            dt.date(2010, 7, 15): ["A cap stops the flow of oil from the well ."]}
    same = _score(_evaluator(), gold, gold)
    assert same["rouge_1"] == pytest.approx(1.0) and same["date_f1"] == 1.0
    other = _score(_evaluator(), {dt.date(2010, 5, 1): ["Fishermen protest in the harbour ."]}, gold)
    assert other["rouge_1"] < 0.2 and other["date_f1"] == 0.0
    assert _score(_evaluator(), {}, gold) == {"rouge_1": 0.0, "rouge_2": 0.0, "date_f1": 0.0}


@pytest.mark.slow
def test_timeline17_gate() -> None:
    from sitrep.eval.timeline import evaluate

    result = evaluate(shared_data("timeline17"), limit=4, progress=False)
    ours, base = result["sitrep"]["all"], result["busiest_days"]["all"]
    # Measured at limit 4: sitrep ROUGE-1 0.136, date F1 0.817; the busiest-days baseline 0.098 and
    # 0.784. The floors leave room for small changes elsewhere (sentence splitting, timex rules).
    assert ours["rouge_1"] > base["rouge_1"] and ours["rouge_1"] >= 0.12
    assert ours["date_f1"] >= 0.75
