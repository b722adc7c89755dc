"""track_control: who held each contested place from when to when, with the events as evidence.

Territorial events change hands: *Government regains territory*, *Non-state actor overtakes
territory* and *Non-violent transfer of territory* give the place to ``actor1`` from the event's
date; an ongoing or attempted territorial event makes it ``contested`` from then. Spans are
per place (GeoNames id), in date order; each ends where the next begins; the last is open.
"""

from __future__ import annotations

from collections import defaultdict

from sitrep.ids import hash_id

TERRITORIAL = {"Government regains territory", "Non-state actor overtakes territory", "Non-violent transfer of territory"}
# ACLED's actor kinds that take no territory.
UNARMED = {"civilians", "protesters", "rioters"}


def track_control(events: list[dict]) -> list[dict]:
    """Control spans (store rows: id, place, actor, status, start, end, events) from merged events.
    Background events count too: a 2016 article recalling "IS seized the site in May 2015" is
    evidence of who held it from May 2015."""
    by_place: dict[str, list[dict]] = defaultdict(list)
    for e in events:
        loc = e.get("location") or {}
        # Control is of towns, villages, bases and fields: a country or province is never "taken"
        # by one event, and an event placed only at that level says nothing about a town.
        if (e["sub_event_type"] in TERRITORIAL and loc.get("geonameid") and e["date"]["start"]
                and loc.get("precision") in ("point", "city")):
            by_place[loc["geonameid"]].append(e)
    spans = []
    for place, evs in by_place.items():
        changes = []
        for e in sorted(evs, key=lambda e: (e["date"]["start"], e["id"])):
            if e["status"] == "denied":
                continue  # a denied capture is evidence of nothing changing hands
            winner = (e.get("actor1") or {}).get("name")
            if (e.get("actor1") or {}).get("kind") in UNARMED:
                winner = None  # a misread actor: civilians, protesters or rioters hold no town
            status = "contested" if e["status"] in ("ongoing", "attempted") else "held"
            if status == "held" and not winner:
                continue  # a change of hands with no known new holder tells nothing about who holds it
            actor = winner if status == "held" else "contested"
            if changes and changes[-1]["actor"] == actor and changes[-1]["status"] == status:
                changes[-1]["events"].append(e["id"])  # the same holder confirmed by another event
                continue
            changes.append({"actor": actor, "status": status, "start": e["date"]["start"], "events": [e["id"]]})
        for i, c in enumerate(changes):
            end = changes[i + 1]["start"] if i + 1 < len(changes) else None
            spans.append({"id": hash_id(place, i, c["actor"], c["start"]), "place": place, "actor": c["actor"],
                          "status": c["status"], "start": c["start"], "end": end, "events": c["events"]})
    return spans
