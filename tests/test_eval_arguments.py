"""The argument benchmark (``sitrep eval arguments``): its text layout, role mapping and span
matching on hand-made records, the recovery of an actor's words from a real extraction, and a gold
gate on WikiEvents / RAMS development documents (../shared/data, skipped when absent)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.eval.arguments import (
    UNLOCATED,
    GoldArg,
    GoldDoc,
    Pred,
    attack_like,
    detokenize,
    evaluate,
    gold_role,
    head_token,
    layout,
    load_rams,
    load_wikievents,
    matches,
    nearest_entity,
    scored_role,
)

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def _shared(name: str, file: str) -> Path:
    path = SHARED / name / file
    if not path.is_file():
        pytest.skip(f"{path} is absent: the argument gold gate needs ../shared/data/{name} beside the repository")
    return path


# --- roles ------------------------------------------------------------------------------------


def test_role_names_map_onto_the_three_scored_roles():
    assert gold_role("Attacker") == gold_role("Killer") == gold_role("Injurer") == "attacker"
    assert gold_role("Target") == gold_role("Victim") == "target"
    assert gold_role("Place") == "place"
    assert gold_role("evt090arg01killer") == "attacker"
    assert gold_role("evt092arg01victim") == "target"
    assert gold_role("evt005arg04place") == "place"
    assert gold_role("Instrument") is None
    assert gold_role("evt005arg03instrument") is None
    assert gold_role("ExplosiveDevice") is None


def test_attack_like_needs_the_family_and_an_agent_role():
    assert attack_like("Conflict.Attack.DetonateExplode", ["Attacker", "Target", "Instrument", "ExplosiveDevice", "Place"])
    assert attack_like("Life.Die.Unspecified", ["Victim", "Place", "Killer", "MedicalIssue"])
    assert attack_like("Life.Injure.Unspecified", ["Victim", "Injurer", "Instrument", "BodyPart", "MedicalCondition", "Place"])
    assert attack_like("life.die.deathcausedbyviolentevents", ["evt090arg01killer", "evt090arg02victim", "evt090arg04place"])
    assert attack_like("conflict.attack.stabbing", ["evt013arg01attacker", "evt013arg02target"])
    # no agent role: a death or an illness is not an attack
    assert not attack_like("life.die.n/a", ["evt089arg01victim", "evt089arg02place"])
    assert not attack_like("life.injure.illnessdegradationphysical", ["evt094arg01victim"])
    # agent-like roles outside the three families
    assert not attack_like("GenericCrime.GenericCrime.GenericCrime", ["Perpetrator", "Victim", "Place"])
    assert not attack_like("Conflict.Demonstrate.Unspecified", ["Demonstrator", "Target", "Place"])


# --- text layout ------------------------------------------------------------------------------


def test_detokenize_spaces_like_english_and_keeps_every_token_span():
    tokens = ["Three", "people", "were", "killed", "in", "Syria", "'s", "north", ",", "the", "pro", "-",
              "regime", "monitor", "(", "SOHR", ")", "said", ":", '"', "It", "was", "n't", "us", '"', "."]
    text, spans = detokenize(tokens)
    assert text == 'Three people were killed in Syria\'s north, the pro-regime monitor (SOHR) said: "It wasn\'t us".'
    assert [text[s:e] for s, e in spans] == tokens


def test_layout_breaks_lines_after_headlines_and_offsets_follow():
    title = ("Bomb kills two in Kabul", [(0, 4), (5, 10), (11, 14), (15, 17), (18, 23)])
    body = ("Police said it was a suicide attack.", [(0, 6), (7, 11), (12, 14), (15, 18), (19, 20), (21, 28), (29, 35), (35, 36)])
    last = ("Nobody claimed it.", [(0, 6), (7, 14), (15, 17), (17, 18)])
    text, tokens, sents = layout([title, body, last])
    assert text == "Bomb kills two in Kabul\nPolice said it was a suicide attack. Nobody claimed it."
    assert [text[s:e] for s, e in sents] == [title[0], body[0], last[0]]
    assert text[slice(*tokens[5])] == "Police"
    assert text[slice(*tokens[-2])] == "it"
    assert len(tokens) == 5 + 8 + 4


def test_head_is_the_last_word_before_a_post_modifier():
    assert head_token(["a", "major", "general", "in", "the", "Russian", "army"]) == 2
    assert head_token(["Islamic", "State"]) == 1
    assert head_token(["Deir", "ez", "-", "Zor"]) == 3  # a hyphen inside a name is not a break
    assert head_token(["hundreds", "of", "protesters"]) == 0
    assert head_token(["the", "man", ",", "who", "fled"]) == 1
    assert head_token(["who"]) == 0


# --- matching and counting --------------------------------------------------------------------

# "A major general was killed in Syria by militants." with the gold victim "A major general".
GENERAL = GoldArg(role="target", start=0, end=15, head=(8, 15), text="A major general", cluster=((0, 15), (60, 62)))


def test_matching_rules():
    subject = Pred(0, 15, 8, 15)  # the whole phrase, head "general"
    assert matches(subject, GENERAL, "overlap")
    assert matches(subject, GENERAL, "head")
    assert matches(subject, GENERAL, "head_to_head")
    major = Pred.name(2, 7)  # "major": overlaps the phrase, not its head
    assert matches(major, GENERAL, "overlap")
    assert not matches(major, GENERAL, "head")
    assert not matches(major, GENERAL, "head_to_head")
    # a long phrase that contains the gold head but is headed elsewhere
    long = Pred(0, 40, 30, 40)
    assert matches(long, GENERAL, "head") and not matches(long, GENERAL, "head_to_head")
    he = Pred.name(60, 62)  # "he", later in the document, same entity
    assert not matches(he, GENERAL, "overlap")
    assert matches(he, GENERAL, "coref")
    # touching spans share no character
    assert not matches(Pred.name(15, 20), GENERAL, "overlap")
    assert not matches(UNLOCATED, GENERAL, "overlap")


def test_scored_role_counts():
    other = GoldArg(role="target", start=70, end=78, head=(70, 78), text="soldiers")
    assert scored_role(None, [GENERAL, other], "overlap") == (2, 0, 0)  # missed, nothing predicted
    assert scored_role(Pred.name(0, 15), [GENERAL, other], "overlap") == (2, 1, 1)  # one of two found
    assert scored_role(Pred.name(30, 35), [], "overlap") == (0, 1, 0)  # predicted where gold has none
    assert scored_role(UNLOCATED, [GENERAL], "overlap") == (1, 1, 0)  # named but its words not found
    assert scored_role(None, [], "overlap") == (0, 0, 0)


def test_nearest_entity_baseline():
    # "IS militants attacked Syrian soldiers near Palmyra in Homs province"
    ents = [(0, 2, "ORG"), (22, 28, "NORP"), (43, 50, "GPE"), (54, 58, "GPE")]
    got = nearest_entity(ents, (13, 21))
    assert got["attacker"] == Pred.name(0, 2)
    assert got["target"] == Pred.name(22, 28)
    assert got["place"] == Pred.name(43, 50)
    assert nearest_entity([], (13, 21)) == {"attacker": None, "target": None, "place": None}
    # a place before the trigger, nearer than one after it
    assert nearest_entity([(0, 5, "GPE"), (40, 45, "LOC")], (8, 14))["place"] == Pred.name(0, 5)


# --- loading ----------------------------------------------------------------------------------


def _tokens(sentence: str, base: int) -> list[list]:
    out, pos = [], 0
    for word in sentence.replace(".", " .").split():
        pos = sentence.index(word, pos)
        out.append([word, base + pos, base + pos + len(word)])
        pos += len(word)
    return out


def test_load_wikievents_offsets_roles_and_coreference(tmp_path: Path):
    s0 = "Gunmen attacked a police station in Kabul."
    s1 = "They killed two officers."
    t0, t1 = _tokens(s0, 0), _tokens(s1, len(s0) + 1)
    words = [t[0] for t in t0 + t1]
    ent = lambda i, start, end: {"id": f"d-T{i}", "start": start, "end": end, "text": " ".join(words[start:end])}
    doc = {
        "doc_id": "d", "tokens": words, "text": s0 + s1, "sentences": [[t0, s0], [t1, s1]],
        "entity_mentions": [ent(1, 0, 1), ent(2, 2, 5), ent(3, 6, 7), ent(4, 8, 9), ent(5, 11, 12)],
        "relation_mentions": [],
        "event_mentions": [
            {"id": "d-E1", "event_type": "Conflict.Attack.Unspecified",
             "trigger": {"start": 1, "end": 2, "text": "attacked", "sent_idx": 0},
             "arguments": [{"entity_id": "d-T1", "role": "Attacker", "text": "Gunmen"},
                           {"entity_id": "d-T2", "role": "Target", "text": "a police station"},
                           {"entity_id": "d-T3", "role": "Place", "text": "Kabul"}]},
            {"id": "d-E2", "event_type": "Life.Die.Unspecified",
             "trigger": {"start": 9, "end": 10, "text": "killed", "sent_idx": 1},
             "arguments": [{"entity_id": "d-T4", "role": "Killer", "text": "They"},
                           {"entity_id": "d-T5", "role": "Victim", "text": "officers"}]},
            {"id": "d-E3", "event_type": "Justice.ArrestJailDetain.Unspecified",
             "trigger": {"start": 9, "end": 10, "text": "killed", "sent_idx": 1}, "arguments": []},
        ],
    }
    (tmp_path / "dev.jsonl").write_text(json.dumps(doc) + "\n", encoding="utf-8")
    (tmp_path / "coref").mkdir()
    (tmp_path / "coref" / "dev.jsonlines").write_text(
        json.dumps({"doc_key": "d", "clusters": [["d-T1", "d-T4"]]}) + "\n", encoding="utf-8")
    ontology = {"Conflict.Attack.Unspecified": {"roles": ["Attacker", "Target", "Instrument", "Place"]},
                "Life.Die.Unspecified": {"roles": ["Victim", "Place", "Killer", "MedicalIssue"]},
                "Justice.ArrestJailDetain.Unspecified": {"roles": ["Jailer", "Detainee", "Crime", "Place"]}}
    (tmp_path / "event_role_KAIROS.json").write_text(json.dumps(ontology), encoding="utf-8")

    [gd] = load_wikievents(tmp_path / "dev.jsonl")
    assert gd.text == s0 + " " + s1
    assert gd.has_coref
    assert [e.id for e in gd.events] == ["d-E1", "d-E2"]  # the arrest is not attack-like
    attack, death = gd.events
    assert gd.text[slice(*attack.trigger)] == "attacked"
    assert gd.text[slice(*attack.sentence)] == s0
    args = {a.role: a for a in attack.args}
    assert gd.text[args["attacker"].start:args["attacker"].end] == "Gunmen"
    assert gd.text[args["target"].start:args["target"].end] == "a police station"
    assert gd.text[slice(*args["target"].head)] == "station"
    assert gd.text[args["place"].start:args["place"].end] == "Kabul"
    killer = next(a for a in death.args if a.role == "attacker")
    assert gd.text[killer.start:killer.end] == "They"
    # "They" and "Gunmen" are one entity: either mention counts under ``coref``
    assert sorted(gd.text[s:e] for s, e in killer.cluster) == ["Gunmen", "They"]
    assert matches(Pred.name(0, 6), killer, "coref") and not matches(Pred.name(0, 6), killer, "overlap")


def test_load_rams_joins_tokens_and_keeps_only_attack_like_windows(tmp_path: Path):
    attack = {
        "doc_key": "w1", "sentences": [["Rebels", "shelled", "the", "town", "of", "Daraa", "."],
                                       ["Two", "civilians", "died", "."]],
        "evt_triggers": [[1, 1, [["conflict.attack.n/a", 1.0]]]],
        "gold_evt_links": [[[1, 1], [0, 0], "evt004arg01attacker"], [[1, 1], [2, 5], "evt004arg02target"],
                           [[1, 1], [5, 5], "evt004arg04place"], [[1, 1], [5, 5], "evt004arg03instrument"]],
    }
    death = {
        "doc_key": "w2", "sentences": [["He", "died", "of", "cancer", "."]],
        "evt_triggers": [[1, 1, [["life.die.nonviolentdeath", 1.0]]]],
        "gold_evt_links": [[[1, 1], [0, 0], "evt091arg01victim"]],
    }
    (tmp_path / "dev.jsonlines").write_text("\n".join(json.dumps(r) for r in (attack, death)) + "\n", encoding="utf-8")
    meta = [["conflict.attack.n/a", ["evt004arg01attacker", "evt004arg02target", "evt004arg03instrument", "evt004arg04place"]],
            ["life.die.nonviolentdeath", ["evt091arg01victim", "evt091arg02place"]]]
    (tmp_path / "meta.json").write_text(json.dumps(meta), encoding="utf-8")

    [gd] = load_rams(tmp_path / "dev.jsonlines")
    assert isinstance(gd, GoldDoc) and gd.id == "w1"
    assert gd.text == "Rebels shelled the town of Daraa. Two civilians died."
    [ev] = gd.events
    assert gd.text[slice(*ev.trigger)] == "shelled"
    got = {a.role: (gd.text[a.start:a.end], gd.text[slice(*a.head)]) for a in ev.args}
    assert got == {"attacker": ("Rebels", "Rebels"), "target": ("the town of Daraa", "town"), "place": ("Daraa", "Daraa")}
    assert len(load_rams(tmp_path / "dev.jsonlines", only_attacks=False)) == 2


# --- sitrep's own extraction --------------------------------------------------------------------


def test_actor_words_come_from_the_extraction_evidence():
    from sitrep.eval.arguments import _article, _extract, _phrase, _place_span
    from sitrep.spine import extract_document

    text = "Syrian troops recaptured Palmyra from IS on Sunday, the army said."
    doc = GoldDoc(id="t", text=text, events=())
    article = _article(doc)
    assert article.published.date == "2020-01-01"
    mentions, places = _extract(article)
    # the evaluation's two calls give exactly what the spine gives
    assert tuple(mentions) == extract_document(article)
    [m] = mentions
    actor1, actor2 = _phrase(m.evidence["actor1"]), _phrase(m.evidence["actor2"])
    assert text[actor1.start:actor1.end] == "Syrian troops"
    assert text[actor1.head_start:actor1.head_end] == "troops"
    assert text[actor2.start:actor2.end] == "IS"  # "from" left out
    place = _place_span(m, places)
    assert text[place.start:place.end] == "Palmyra"
    assert _phrase(None) is None


# --- gold gates -------------------------------------------------------------------------------


@pytest.mark.slow
def test_gold_gate_wikievents_dev():
    result = evaluate(_shared("wikievents", "dev.jsonl"), limit=20, progress=False)
    json.dumps(result)  # JSON-serialisable
    assert result["dataset"] == "wikievents"
    dev = result["splits"]["dev"]
    assert dev["documents"] == 20
    assert dev["events"] >= 150  # 174 attack-like events in the 20 dev documents
    assert dev["unlocated"] == {"attacker": 0, "target": 0, "place": 0}
    ours, base = dev["sitrep"]["overlap"], dev["nearest_entity"]["overlap"]
    assert set(dev["sitrep"]) == {"overlap", "head", "head_to_head", "coref"}
    # Measured on all 20 dev documents when this gate was written: sitrep target F1 0.221
    # (P 0.441, R 0.147) against the nearest-entity baseline's 0.041; attacker 0.213 against 0.138
    # (5 and 6 correct: too few to gate on). The target gate keeps most of that lead and a floor
    # some 5 points under the measured F1, so that small rule changes do not break it.
    assert ours["target"]["f1"] >= base["target"]["f1"] + 0.10
    assert ours["target"]["f1"] >= 0.17
    for system in ("sitrep", "nearest_entity"):
        for mode, roles in dev[system].items():
            for role, t in roles.items():
                assert t["correct"] <= t["predicted"], (system, mode, role)
                assert 0.0 <= t["f1"] <= 1.0


@pytest.mark.slow
def test_gold_gate_rams_dev_runs():
    result = evaluate(_shared("rams", "dev.jsonlines"), limit=20, progress=False)
    assert result["dataset"] == "rams"
    dev = result["splits"]["dev"]
    assert dev["documents"] == dev["events"] == 20
    assert "coref" not in dev["sitrep"]
    assert dev["unlocated"] == {"attacker": 0, "target": 0, "place": 0}
    # Every RAMS window has gold arguments; the aligned share was 90/203 on the whole dev file.
    assert dev["sitrep"]["overlap"]["all"]["gold"] > 0
    assert 0 < dev["events_aligned"] <= 20
