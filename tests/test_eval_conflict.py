"""The whole spine on FA-KES conflict news: labels, and a small gold gate."""

from __future__ import annotations

import pytest

from conftest import shared_data


def test_every_label_names_a_syrian_governorate() -> None:
    from sitrep.eval.conflict import governorates

    areas = governorates()
    assert len(areas) == 12 and all(areas.values())
    assert areas["deir ezzor"] == {"Deir ez-Zor"} and areas["damascus"] == {"Dimashq", "Rif-dimashq"}


@pytest.mark.slow
def test_fakes_gate() -> None:
    from sitrep.eval.conflict import evaluate

    result = evaluate(shared_data("fa-kes"), limit=80, progress=False)["all"]
    # Measured at limit 80: governorate 0.80 against 0.69 for the most-named governorate.
    assert result["governorate"] >= result["baseline_most_named_governorate"]
    assert result["governorate"] >= 0.7 and result["with_a_main_event"] >= 75
