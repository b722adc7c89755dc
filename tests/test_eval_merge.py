"""B-cubed scoring, and a small gold gate for merging reports of GVA incidents."""

from __future__ import annotations

import pytest

from sitrep.eval.merge import bcubed
from conftest import shared_data


def test_bcubed_known_values() -> None:
    gold = {"a": 1, "b": 1, "c": 2}
    assert bcubed({"a": "x", "b": "x", "c": "y"}, gold) == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    alone = bcubed({"a": "a", "b": "b", "c": "c"}, gold)
    assert alone["precision"] == 1.0 and alone["recall"] == pytest.approx(2 / 3, abs=1e-4)
    lumped = bcubed({"a": "x", "b": "x", "c": "x"}, gold)
    assert lumped["recall"] == 1.0 and lumped["precision"] == pytest.approx(5 / 9, abs=1e-4)


def test_a_city_matches_the_records_names() -> None:
    from sitrep.eval.merge import _same_city

    assert _same_city("The Bronx", "Bronx") and _same_city("St. Louis", "Saint Louis (Frontenac)")
    assert _same_city("Euharlee", "Cartersville (Euharlee)") and _same_city("Rock County", "Rock (county)")
    assert not _same_city("Theodore", "Odore") and not _same_city(None, "Bronx")


@pytest.mark.slow
def test_gva_gate() -> None:
    from sitrep.eval.merge import evaluate

    result = evaluate(shared_data("gva"), limit=60, progress=False)
    # Merging must never do worse than counting every report as an event, and must stay precise
    # (measured at limit 150: precision 0.98, F1 0.852 vs 0.842 for every article alone).
    assert result["bcubed"]["f1"] >= result["baseline_every_article_alone"]["f1"]
    assert result["bcubed"]["precision"] >= 0.9
