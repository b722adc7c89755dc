"""Gold gate for the event classifier on CASE 2021 Task 2 snippets, and the scorer's own arithmetic.

The data is not in the repository; it lives beside it in ../shared/data/case2021-task2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.eval.events import CASE_EXTRA, CASE_TO_ACLED, CASE_TYPES, evaluate, load_snippets, prf
from sitrep.extract.taxonomy import load_taxonomy

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "case2021-task2"


def _data() -> Path:
    if not (DATA / "dev.tsv").is_file():
        pytest.skip(
            f"{DATA} is absent: the CASE 2021 event gold gate needs ../shared/data/case2021-task2 beside the repository"
        )
    return DATA


@pytest.mark.slow
def test_gold_gate_on_120_snippets():
    result = evaluate(_data(), limit=120, progress=False)
    json.dumps(result)  # JSON-serialisable
    assert result["task"] == "events"
    assert result["snippets"] == 120
    assert result["unmapped"] == []
    assert set(result["split"]) == {"dev", "heldout"}
    assert result["split"]["dev"]["n"] + result["split"]["heldout"]["n"] == 120
    # measured on these 120 snippets (spaCy lemmas or the built-in normaliser alike): accuracy 0.858,
    # weighted F1 0.856, macro F1 0.846; the bag-of-triggers baseline 0.694 weighted F1. The floors
    # sit a few points below so that small rule changes do not break the gate.
    assert result["accuracy"] >= 0.82
    assert result["weighted_f1"] >= 0.82
    assert result["macro_f1"] >= 0.80
    assert result["weighted_f1"] >= result["baselines"]["bag_of_triggers"]["weighted_f1"] + 0.10
    assert result["baselines"]["majority"]["weighted_f1"] < 0.1
    per = result["per_type"]
    assert per["Peaceful protest"]["support"] > 0
    assert all(0.0 <= v["f1"] <= 1.0 for v in per.values())


def test_case_codes_map_onto_the_taxonomy():
    builtin = {s.name for s in load_taxonomy()}
    assert set(CASE_TO_ACLED.values()) == builtin
    assert len(CASE_TO_ACLED) == 25
    tax = load_taxonomy([CASE_TYPES])
    assert set(CASE_EXTRA.values()) == set(tax.user_types())


def test_prf_matches_hand_computation():
    gold = ["a", "a", "b", "c"]
    pred = ["a", "b", "b", "b"]
    r = prf(gold, pred)
    assert r["accuracy"] == 0.5
    # a: P 1, R .5, F .667; b: P 1/3, R 1, F .5; c: 0
    assert r["per_type"]["a"]["f1"] == pytest.approx(0.6667, abs=1e-4)
    assert r["per_type"]["b"]["f1"] == pytest.approx(0.5)
    assert r["per_type"]["c"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 1}
    assert r["weighted_f1"] == pytest.approx((2 * 0.6667 + 0.5) / 4, abs=1e-3)
    assert r["macro_f1"] == pytest.approx((0.6667 + 0.5) / 3, abs=1e-3)


def test_evaluate_on_a_tiny_file(tmp_path: Path):
    tsv = tmp_path / "dev.tsv"
    rows = [
        ("1", 'Syrian troops recaptured Palmyra from "IS" fighters.', "GOV_REGAINS_TERIT"),
        ("2", "A magnitude 6 earthquake shook the island.", "NATURAL_DISASTER"),
        ("3", "Police dispersed the protesters with tear gas.", "PROTEST_WITH_INTER"),
        ("4", "The weather was fine.", "OTHER"),
        ("5", "Something new happened.", "BRAND_NEW_CODE"),
    ]
    tsv.write_text("id\tEventSnippet\tSubType\n" + "".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    snippets = load_snippets(tmp_path)
    assert [s.label for s in snippets][:4] == [
        "Government regains territory",
        "Natural disaster",
        "Protest with intervention",
        "Other",
    ]
    assert snippets[0].text.count('"') == 2  # QUOTE_NONE keeps quotes as text
    result = evaluate(tsv, progress=False)
    assert result["snippets"] == 5
    assert result["unmapped"] == ["BRAND_NEW_CODE"]
    assert result["per_type"]["Government regains territory"]["recall"] == 1.0
    assert result["split"]["heldout"]["n"] == 1  # the 4th snippet (index 3)
    assert result["source"] is None  # no SOURCE.txt beside the tiny file
