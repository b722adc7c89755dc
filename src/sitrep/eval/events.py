"""Evaluate the event classifier (``sitrep.extract.classify``) on CASE 2021 Task 2 snippets.

Data: ``shared/data/case2021-task2`` (``dev.tsv``: ``id``, ``EventSnippet``, ``SubType``, read with
``csv.QUOTE_NONE``; ``SOURCE.txt`` and ``event_types.txt`` beside it). ``data`` may be the TSV file or
its folder. The task's codes are mapped to ACLED's sub-event type names (``CASE_TO_ACLED``). The codes
outside ACLED's taxonomy (ORG_CRIME, NATURAL_DISASTER, MAN_MADE_DISASTER, DIPLO, ATTRIB) are user types
defined in ``sitrep/eval/case2021_types.toml`` and loaded the way any user file is:
``load_taxonomy(extra=[CASE_TYPES])``. A code found in the data but in neither map is reported under
``unmapped`` and kept as its own label (the classifier can never predict it).

Scoring: the top-1 type of ``classify(snippet)``; when nothing fires the prediction is "Other".
Reported: accuracy, weighted F1 (per-type F1 weighted by gold support, the shared task's measure),
macro F1 (unweighted mean over the types that occur in gold or in predictions, as scikit-learn does)
and per-type precision / recall / F1 / support, for

- ``all``: every snippet (or the ``limit`` ones);
- ``split.dev`` / ``split.heldout``: snippets by position in the file, every 4th one (index % 4 == 3)
  held back. The rules were written looking at the development part only.

Two baselines run in the same pass: ``majority`` (the most frequent type of the development part,
for every snippet) and ``bag_of_triggers`` (the type whose trigger and strong phrases occur most often,
plain counts, no weights or context rules; "Other" when none occurs).

``limit`` takes that many snippets spread evenly over the file (so a small gate still covers both
splits and most types).
"""

from __future__ import annotations

import csv
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sitrep.eval import spread

__all__ = ["CASE_TO_ACLED", "CASE_TYPES", "Snippet", "evaluate", "load_snippets", "prf"]

CASE_TYPES = Path(__file__).resolve().parent / "case2021_types.toml"
FALLBACK = "Other"

CASE_TO_ACLED = {
    "ARMED_CLASH": "Armed clash",
    "GOV_REGAINS_TERIT": "Government regains territory",
    "NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory",
    "CHEM_WEAP": "Chemical weapon",
    "AIR_STRIKE": "Air/drone strike",
    "SUIC_BOMB": "Suicide bomb",
    "ART_MISS_ATTACK": "Shelling/artillery/missile attack",
    "REM_EXPLOS": "Remote explosive/landmine/IED",
    "GRENADE": "Grenade",
    "SEX_VIOL": "Sexual violence",
    "ATTACK": "Attack",
    "ABDUCT_DISSAP": "Abduction/forced disappearance",
    "PEACE_PROTEST": "Peaceful protest",
    "PROTEST_WITH_INTER": "Protest with intervention",
    "FORCE_AGAINST_PROTEST": "Excessive force against protesters",
    "VIOL_DEMONSTR": "Violent demonstration",
    "MOB_VIOL": "Mob violence",
    "AGREEMENT": "Agreement",
    "ARREST": "Arrests",
    "CHANGE_TO_GROUP_ACT": "Change to group/activity",
    "DISR_WEAP": "Disrupted weapons use",
    "HQ_ESTABLISHED": "Headquarters or base established",
    "PROPERTY_DISTRUCT": "Looting/property destruction",
    "NON_VIOL_TERRIT_TRANSFER": "Non-violent transfer of territory",
    "OTHER": "Other",
}
# The shared task's types outside ACLED, named as in case2021_types.toml.
CASE_EXTRA = {
    "ORG_CRIME": "Organised crime",
    "NATURAL_DISASTER": "Natural disaster",
    "MAN_MADE_DISASTER": "Man-made disaster",
    "DIPLO": "Diplomatic event",
    "ATTRIB": "Attribution",
}


@dataclass(frozen=True, slots=True)
class Snippet:
    id: str
    text: str
    code: str
    label: str  # the sitrep type name
    index: int  # position in the file (the dev / held-back split)


def _tsv(data: Path) -> Path:
    data = Path(data)
    if data.is_dir():
        for name in ("dev.tsv", "test.tsv"):
            if (data / name).is_file():
                return data / name
        tsvs = sorted(data.glob("*.tsv"))
        if not tsvs:
            raise FileNotFoundError(f"no .tsv file in {data}")
        return tsvs[0]
    return data


def load_snippets(data: Path) -> list[Snippet]:
    path = _tsv(data)
    out: list[Snippet] = []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if header is None:
            return out
        cols = {name.strip(): i for i, name in enumerate(header)}
        i_id, i_text, i_code = cols.get("id", 0), cols.get("EventSnippet", 1), cols.get("SubType", 2)
        for row in reader:
            if len(row) <= max(i_id, i_text, i_code):
                continue
            code = row[i_code].strip()
            text = row[i_text].replace('\\"', '"')
            label = CASE_TO_ACLED.get(code) or CASE_EXTRA.get(code) or code
            out.append(Snippet(row[i_id].strip(), text, code, label, len(out)))
    return out


def prf(gold: list[str], pred: list[str]) -> dict:
    """Accuracy, weighted / macro F1 and per-type P/R/F1/support (scikit-learn's definitions: the
    macro mean is over every type in gold or predictions; 0 where undefined)."""
    labels = sorted(set(gold) | set(pred))
    tp = Counter(g for g, p in zip(gold, pred) if g == p)
    n_gold = Counter(gold)
    n_pred = Counter(pred)
    per: dict[str, dict] = {}
    for lab in labels:
        p = tp[lab] / n_pred[lab] if n_pred[lab] else 0.0
        r = tp[lab] / n_gold[lab] if n_gold[lab] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        per[lab] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "support": n_gold[lab]}
    total = len(gold)
    weighted = sum(per[lab]["f1"] * n_gold[lab] for lab in labels) / total if total else 0.0
    macro = sum(per[lab]["f1"] for lab in labels) / len(labels) if labels else 0.0
    return {
        "n": total,
        "accuracy": round(sum(tp.values()) / total, 4) if total else 0.0,
        "weighted_f1": round(weighted, 4),
        "macro_f1": round(macro, 4),
        "per_type": per,
    }


def _summary(gold: list[str], pred: list[str]) -> dict:
    r = prf(gold, pred)
    return {k: r[k] for k in ("n", "accuracy", "weighted_f1", "macro_f1")}


def _track(items: list, progress: bool) -> Iterator:
    if not progress:
        yield from items
        return
    from rich.console import Console
    from rich.progress import track

    yield from track(items, description="event eval", console=Console(stderr=True))


def _read_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None


def _bag_of_triggers(classifier, text: str) -> str:
    """Baseline: the type with most trigger/strong phrase occurrences, no weights and no rules."""
    from sitrep.extract.classify import tokenize

    tokens = tokenize(text, use_lemmas=classifier.use_lemmas)
    counts: Counter[str] = Counter()
    for m in classifier._matches(tokens):  # noqa: SLF001 - same package family, shared matcher
        if m.kind != "negative":
            counts[m.type] += 1
    if not counts:
        return FALLBACK
    return max(counts.items(), key=lambda kv: (kv[1], kv[0] == FALLBACK))[0]


def evaluate(data: Path, *, limit: int | None = None, progress: bool = True) -> dict:
    """Classify every snippet of the CASE 2021 Task 2 file ``data`` and score it (see module doc)."""
    from sitrep.extract.classify import Classifier, lemmatizer_name
    from sitrep.extract.taxonomy import load_taxonomy

    data = Path(data)
    tsv = _tsv(data)
    folder = tsv.parent
    snippets = load_snippets(tsv)
    chosen = spread(snippets, limit)
    taxonomy = load_taxonomy(extra=[CASE_TYPES])
    classifier = Classifier(taxonomy)

    dev_labels = [s.label for s in snippets if s.index % 4 != 3]
    majority = Counter(dev_labels).most_common(1)[0][0] if dev_labels else FALLBACK

    gold: list[str] = []
    pred: list[str] = []
    bag: list[str] = []
    split_of: list[str] = []
    confidences: list[float] = []
    elapsed = 0.0
    for s in _track(chosen, progress):
        t0 = time.perf_counter()
        ranked = classifier.classify(s.text)
        elapsed += time.perf_counter() - t0
        gold.append(s.label)
        pred.append(ranked[0][0] if ranked else FALLBACK)
        confidences.append(ranked[0][1] if ranked else 0.0)
        bag.append(_bag_of_triggers(classifier, s.text))
        split_of.append("heldout" if s.index % 4 == 3 else "dev")

    out: dict = {"task": "events", "data": str(tsv), "lemmatizer": lemmatizer_name()}
    out["snippets"] = len(chosen)
    out["taxonomy"] = {"files": taxonomy.files, "types": len(taxonomy), "user_types": taxonomy.user_types()}
    source = _read_text(folder / "SOURCE.txt")
    out["source"] = source.strip().splitlines()[0] if source else None
    listed = _read_text(folder / "event_types.txt")
    codes_listed = sorted(
        {w for w in (listed or "").split() if (w.isupper() and "_" in w) or w in CASE_TO_ACLED or w in CASE_EXTRA}
    )
    known = set(CASE_TO_ACLED) | set(CASE_EXTRA)
    out["event_types_listed"] = codes_listed
    out["unmapped"] = sorted(
        {s.code for s in snippets if s.code not in known} | {c for c in codes_listed if c not in known}
    )
    out.update(prf(gold, pred))
    out["split"] = {}
    for name in ("dev", "heldout"):
        idx = [i for i, sp in enumerate(split_of) if sp == name]
        g = [gold[i] for i in idx]
        out["split"][name] = prf(g, [pred[i] for i in idx])
        out["split"][name]["baselines"] = {
            "majority": _summary(g, [majority] * len(g)),
            "bag_of_triggers": _summary(g, [bag[i] for i in idx]),
        }
    out["baselines"] = {
        "majority": {"label": majority, **_summary(gold, [majority] * len(gold))},
        "bag_of_triggers": _summary(gold, bag),
    }
    confusions = Counter((g, p) for g, p in zip(gold, pred) if g != p)
    out["confusions"] = [{"gold": g, "predicted": p, "count": c} for (g, p), c in confusions.most_common(15)]
    out["no_prediction"] = sum(1 for c in confidences if c == 0.0)
    out["seconds"] = round(elapsed, 3)
    out["snippets_per_second"] = round(len(chosen) / elapsed, 1) if elapsed > 0 else None
    return out
