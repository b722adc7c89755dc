"""sitrep's own main-text cleaner for already-flattened text (one text block per line).

Most scraped corpora hold text that was flattened from HTML long ago: every visible block on its
own line, article and furniture alike. HTML extractors have nothing to work with there, so this
module classifies lines the way jusText and boilerpipe classify blocks, from what a line still
shows: its length, its words, how many of them are stopwords of the page's language(s), sentence
punctuation, its position, its neighbours, and the wording of site furniture.

1. Inline player/embed shortcodes (``[fvplayer id="12"]``) are cut out of their line.
2. Each line is matched against furniture patterns (skip links, share widgets, comment forms,
   "READ MORE:" teasers, bylines, dates, copyright, cookie notices, ...); patterns only read
   short lines and are anchored or gated by trigger words, so matching stays linear.
3. Every other line gets a prose score from its length, stopword density (jusText's stoplists,
   languages picked per text), sentence punctuation and list shape.
4. The article is the contiguous stretch of lines with the highest total score (maximum-sum
   segment): short lines between good paragraphs stay, menus and sidebars around them go.
   A comment heading or form after enough prose ends the article before the block is chosen; a
   related-links, author-bio or comment heading inside the block after the lead ends it there
   (a related-links box after which the article resumes is only skipped). The block's tail is
   trimmed, it grows backwards over small gaps, and an author bio at its end is cut off.
5. Inside the block, furniture lines, repeated captions, a repetition of the title and lines that
   recur across the outlet's articles are removed. The lead paragraph (the first substantial
   prose line of the article) is never removed, whatever a rule says: the lead guard.

Nothing is lost silently: every non-empty input line, or the part of it that was cut, is either
in the main text or in the removed list with one of these reasons (``REASONS``):

====================== =============================================================
``skip-link``          "Skip to content", "Zum Inhalt springen"
``navigation``         menus, breadcrumbs, pagination, short lines outside the article
``boilerplate``        any other line outside the article (sidebars, footers, teasers)
``comments``           a comment heading ("12 Comments"), and the comments after it
``comment-form``       "Leave a Reply", "Your email address will not be published", "Name *"
``author-bio``         "About the author", "Last 5 posts by ...", a bio, and what follows
``related-links``      "Related articles", "You may also like", and the list after them
``read-more``          "READ MORE: ...", "Click here to read more", "Continue reading"
``share-widget``       "Share this: Facebook Twitter WhatsApp", "Like this:", "Print"
``shortcode``          ``[fvplayer id="12"]``, ``[caption ...]`` (cut from inside its line)
``repeated-caption``   a line that repeats an earlier line of the article
``source-trailer``     "Source: News Agencies", "(Reuters)", "Additional reporting by ..."
``photo-credit``       "Photo: Getty Images", "Foto: dpa", a caption ending "© Name"
``byline``             "By Jane Doe", "Posted on 6 July 2015 by ...", "Von ..."
``date``               a line that is only a date or time ("12 March 2017, 10:32")
``tags``               "Tags: ...", "Filed under ...", "Kategorien: ..."
``advertisement``      "Advertisement", "Anzeige", "Story continues below", player notices
``subscription``       newsletter sign-ups, paywalls, donation and app appeals, log-in forms
``cookie-notice``      "This site uses cookies ...", "Accept all"
``copyright``          "© 2016 Cox Media Group", "All rights reserved", licences, "Impressum"
``title-repeat``       the title repeated before the lead (as the text's first line, say)
``repeated-in-outlet`` the line recurs in many articles of the same outlet
``site-name``          the outlet's name around the title's headline ("… - WMC Action News 5 - Memphis")
====================== =============================================================
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from sitrep.records import Removed
from sitrep.unicode import no_surrogates

__all__ = ["REASONS", "clean_text", "normalise_line"]

REASONS = frozenset(
    {
        "skip-link", "navigation", "boilerplate", "comments", "comment-form", "author-bio",
        "related-links", "read-more", "share-widget", "shortcode", "repeated-caption",
        "source-trailer", "photo-credit", "byline", "date", "tags", "advertisement", "subscription",
        "cookie-notice", "copyright", "title-repeat", "repeated-in-outlet", "site-name",
    }
)  # fmt: skip

# ---------------------------------------------------------------------------------------------
# Thresholds. Each was chosen on the article-extraction benchmark's development split (its pages
# whose index in evaldata.json is not a multiple of 5: 792 pages), flattened with flatten_html and
# scored as sitrep.eval.clean scores them; the held-back fifth was only measured. "a: k/l" gives
# the development split's keep/leak with the value a, all other values as they are here (final
# figures: keep 0.921, leak 0.138). Rules that make sense for any news or blog page come first;
# the numbers only balance them.
# ---------------------------------------------------------------------------------------------

# Furniture patterns only look at lines up to this length: furniture is short, and bounding the
# input of every pattern keeps matching linear on hostile text. 150: 0.920/0.141, 200:
# 0.920/0.137, 300: 0.919/0.136.
PATTERN_MAX_CHARS = 200

# jusText's defaults (Pomikálek 2011): a block of 70+ characters whose stopword density reaches
# 0.30 is good prose. 50 chars: 0.920/0.150, 70: 0.920/0.137, 100: 0.908/0.124; density 0.25:
# 0.923/0.138, 0.30: 0.920/0.137, 0.35: 0.919/0.133. jusText's values are kept.
GOOD_CHARS = 70
GOOD_DENSITY = 0.30
# A long line with fewer stopwords than this is a list of names or keywords (tag clouds, menus
# joined on one line). 0.10: 0.922/0.137, 0.15: 0.920/0.137, 0.20: 0.919/0.135.
BAD_DENSITY = 0.15

# Line scores for the maximum-sum block search: positive is article-like, negative furniture-like.
# Good prose earns more the longer it is, capped so that one huge paragraph elsewhere cannot drag
# the block away from the article.
GOOD_BASE = 1.0  # the unit of the scale
GOOD_PER_CHAR = 1 / 400  # 1/800: 0.913/0.134, 1/400: 0.920/0.137, 1/200: 0.928/0.153
GOOD_CAP_CHARS = 800  # 400 and 800: 0.920/0.137, 1600: 0.920/0.138
# A good line without sentence punctuation is a headline or a teaser title, more often furniture
# than prose: of the development split's good lines that hold a "with" or "without" snippet, 78
# of 141 without sentence punctuation are "without", against 308 of 2194 with it. Its score is
# multiplied by this. 0.0: 0.911/0.131, 0.3: 0.920/0.137, 0.6: 0.920/0.142, 1.0: 0.916/0.147.
HEADLINE_FACTOR = 0.3
NEAR_GOOD = 0.3  # a short sentence: 0.1: 0.912/0.128, 0.3: 0.920/0.137, 0.5: 0.920/0.142
# A list item ("– item", "1) item") or a line that opens a list ("Ingredients:") scores like a
# short sentence: -0.15 (as other lines with words): 0.911/0.133, 0.1: 0.917/0.136, 0.3:
# 0.920/0.137, 0.5: 0.921/0.138.
LIST_ITEM = 0.3
MEDIUM = -0.15  # four words or more, no sentence: -0.3: 0.913/0.132, -0.15: 0.920/0.137, -0.05: 0.924/0.147
SHORT = -0.3  # one to three words, no sentence (menu items): -0.5: 0.909/0.127, -0.3: 0.920/0.137, -0.2: 0.921/0.151
BAD = -0.5  # keyword lists: -0.3: 0.920/0.138, -0.5: 0.920/0.137, -1.0: 0.919/0.137
FURNITURE_IN_TEXT = -0.5  # read-more, captions, ads: -0.3: 0.924/0.140, -0.5: 0.920/0.137, -1.0: 0.918/0.137
FURNITURE_PAGE = -1.5  # menus, forms, cookies: -1.0: 0.923/0.143, -1.5: 0.920/0.137, -2.5: 0.916/0.133

# What follows an article is more often teasers than what precedes it: the block's tail is
# trimmed where its lines would no longer pay when negative lines count this many times their
# score. The block then grows again (below) over what the trim cut, unless a barrier line
# (tags, a sign-up box, copyright, a cookie notice) lies in it: in effect, a weak tail behind
# such a line goes. 1.0 (no trim): 0.921/0.146, 1.5: 0.920/0.137, 2.0: 0.920/0.136.
TAIL_WEIGHT = 1.5
# The block grows backwards over gaps towards more prose (the first part of an article split by
# a table, a list or an embedded box), a gap line counting this share of its negative score:
# 0.0: 0.928/0.145, 0.1: 0.920/0.137, 0.3: 0.911/0.131. Forwards a gap line counts fully
# (0.5: 0.927/0.162, 1.0: 0.920/0.137; no regrowth at all: 0.909/0.126).
GAP_WEIGHT = 0.1
GAP_WEIGHT_AFTER = 1.0

# A comment or related-links heading only ends the article once this much prose (good lines with
# sentence punctuation) precedes it: a "12 Comments" link under the headline must not cut the
# article. 150: 0.918/0.137, 400: 0.920/0.137, 800: 0.922/0.139.
END_CUE_MIN_GOOD_CHARS = 400
# A comment form ("Leave a Reply", "Name *") is a surer end: less prose needs to precede it.
# 1: 0.919/0.137, 150: 0.920/0.137, 400: 0.919/0.140.
FORM_MIN_GOOD_CHARS = 150
# After a related-links box inside the block, the article resumes at the first run of this many
# consecutive prose lines (teaser lists alternate headline and summary, so they have no such
# run). 0 (a box always ends the article): 0.912/0.132, 2: 0.920/0.137, 3: 0.917/0.134.
RESUME_RUN = 2

# An author bio sits at the very end of an article: at most this many good lines follow it (its
# own continuation). 1, 2 and 3 give the same figures; 2 allows a two-paragraph bio.
BIO_MAX_GOOD_AFTER = 2

# The lead paragraph: the first line of the block with at least this many words that reads as a
# sentence. Four words is the shortest real lead in the hand-written tests ("Three soldiers were
# killed."); datelines, bylines and menu items are shorter or lack a sentence.
LEAD_MIN_WORDS = 4
# A lead this many lines before the block (across in-text furniture only) starts the block: a
# short lead, or one a rule took for a caption. It exists for the lead guard on article text; on
# the benchmark it changes nothing but leak (0: 0.920/0.135, 2: 0.920/0.137).
LEAD_LOOKBACK = 2

# A repeated line is a repeated caption (rather than a repeated paragraph) up to this many words:
# photo captions in the benchmark and the GVA articles are one or two sentences.
CAPTION_MAX_WORDS = 60
# Shorter repeated lines are table cells and list items ("20,2 Mio.", "Zutaten"), not captions
# (the benchmark's tables lost two "with" snippets to the caption rule at 1 word).
CAPTION_MIN_WORDS = 4

# Language detection reads this many words: enough for a stable choice of stoplist, and bounded
# so a 5 MB input costs no more than a page.
LANGUAGE_SAMPLE_WORDS = 5000
# A stoplist is trusted when at least this share of the sampled words are its stopwords. On the
# benchmark the best stoplist's share is 0.40 at the median page and 0.093 at the lowest page in a
# language that has one; pages in scripts without one (Chinese, Japanese) stay at or below 0.054.
LANGUAGE_MIN_SHARE = 0.08
# Further stoplists (mixed-language pages: an English menu around a German article) are used
# when they reach this share of the best one's hits; a line's stopwords are those of any of
# them. On all pages: one stoplist only 0.900/0.130, 0.5: 0.908/0.132, 0.25: 0.911/0.135.
LANGUAGE_SECOND_SHARE = 0.25
LANGUAGE_MAX = 3  # the top three languages at most

# ---------------------------------------------------------------------------------------------
# Text helpers
# ---------------------------------------------------------------------------------------------

_WORD = re.compile(r"\w+")
_DIGIT = re.compile(r"\d")
_PUNCT_EDGES = " \t.,;:!?\"'`´“”„‟«»‹›()[]{}<>|/\\-–—_*•·…#~^=+@&%$§"
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")
# Sentence end: terminal punctuation, optionally followed by closing quotes/brackets.
_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’»)\]]{0,3}$")
# A sentence boundary inside a line: a letter (not a digit: "6. Juli") before the stop.
_SENTENCE_INSIDE = re.compile(r"[^\W\d][.!?][\"'”’»)]{0,2} [A-ZÀ-ÖØ-Þ\"“„«]")


def normalise_line(line: str) -> str:
    """Key for comparing lines across documents (lowercase, digits -> 0, whitespace collapsed,
    punctuation trimmed)."""
    key = (line if line.isascii() else unicodedata.normalize("NFKC", line)).lower()
    key = _DIGIT.sub("0", key)
    key = " ".join(key.split())
    return key.strip(_PUNCT_EDGES)


@lru_cache(maxsize=1)
def _stopword_index() -> tuple[tuple[str, ...], dict[str, tuple[int, ...]], tuple[frozenset[str], ...]]:
    """jusText's stoplists: language names, word -> languages, and the lists themselves."""
    import justext

    names = tuple(sorted(justext.get_stoplists()))
    lists = tuple(frozenset(justext.get_stoplist(name)) for name in names)
    index: dict[str, list[int]] = {}
    for i, words in enumerate(lists):
        for word in words:
            index.setdefault(word, []).append(i)
    return names, {w: tuple(v) for w, v in index.items()}, lists


def _pick_stoplists(lines_words: Iterable[list[str]]) -> tuple[frozenset[str], ...]:
    """The stoplists of the text's languages: the one with the most hits among the words of its
    prose lines, and up to two more that come close (pages mix languages: an English menu around
    a German article). Empty when no stoplist fits (scripts without one, such as CJK)."""
    names, index, lists = _stopword_index()
    sample: Counter[str] = Counter()
    total = 0
    for words in lines_words:
        sample.update(words)
        total += len(words)
        if total >= LANGUAGE_SAMPLE_WORDS:
            break
    if not total:
        return ()
    counts = [0] * len(names)
    for word, count in sample.items():
        for i in index.get(word, ()):
            counts[i] += count
    ranked = sorted(range(len(names)), key=counts.__getitem__, reverse=True)[:LANGUAGE_MAX]
    best = counts[ranked[0]]
    if best < LANGUAGE_MIN_SHARE * total:
        return ()
    return tuple(lists[i] for i in ranked if counts[i] >= LANGUAGE_SECOND_SHARE * best)


# ---------------------------------------------------------------------------------------------
# Shortcodes (WordPress-style [name attr="..."] ... [/name]), cut from inside lines
# ---------------------------------------------------------------------------------------------

# Bounded, linear: one bracketed run without brackets or newlines inside, at most 400 chars.
_SHORTCODE = re.compile(r"\[/?([a-zA-Z][\w-]{0,40})((?:\s|=)[^\[\]\n]{0,400})?\]")
_SHORTCODE_NAMES = frozenset(
    {
        "caption", "embed", "gallery", "video", "audio", "playlist", "fvplayer", "youtube",
        "vimeo", "tweet", "twitter", "instagram", "facebook", "soundcloud", "contact-form",
        "contact-form-7", "wp_caption", "vc_row", "vc_column", "vc_column_text", "iframe",
        "googlemaps", "ad", "ads", "adsense", "quote", "pullquote", "slideshow", "jwplayer",
        "flashvideo", "wpvideo", "dailymotion", "brightcove", "kaltura", "ooyala", "box",
        "button", "divider", "tabs", "tab", "toggle", "accordion", "column", "row", "spoiler",
        "note", "alert", "highlight", "dropcap", "one_half", "one_third", "two_third",
        "one_fourth", "three_fourth", "one_half_last", "one_third_last", "mashshare", "ssba",
        "addtoany", "sharethis", "related", "poll", "form", "email", "newsletter", "image",
        "img", "photo", "map", "code", "sourcecode", "php", "shortcode", "fusion_text",
    }
)  # fmt: skip


_ATTRIBUTE = re.compile(r"\w=\w")


def _is_shortcode(match: re.Match[str]) -> bool:
    """A bracketed run is a shortcode when it has name="value" attributes, is a closing tag of a
    known or plugin-style name (``[/caption]``, ``[/vc_row]``), or a bare known name (``[embed]``);
    "[at least]" and "[1]" are text."""
    name = match.group(1).lower()
    attrs = match.group(2) or ""
    if match.group(0).startswith("[/"):
        return name in _SHORTCODE_NAMES or "_" in name or "-" in name
    if "=" in attrs and ('"' in attrs or "'" in attrs or _ATTRIBUTE.search(attrs)):
        return True
    return not attrs and (name in _SHORTCODE_NAMES or name.startswith(("vc_", "et_pb_", "su_", "fusion_")))


def _cut_shortcodes(line: str) -> tuple[str, list[str]]:
    if "[" not in line:
        return line, []
    cut: list[str] = []

    def repl(match: re.Match[str]) -> str:
        if _is_shortcode(match):
            cut.append(match.group(0))
            return " "
        return match.group(0)

    new = _SHORTCODE.sub(repl, line)
    if not cut:
        return line, []
    return " ".join(new.split()), cut


# ---------------------------------------------------------------------------------------------
# Furniture patterns, written in lowercase. Anchored alternatives are tried at the start of a line
# only, and only those that can start with the line's first character; free ones only when the
# line holds one of their trigger words. All read lines of at most PATTERN_MAX_CHARS (a few free
# ones twice that) or a bounded tail, and none nests quantifiers over overlapping classes, so
# matching is linear in the input.
# ---------------------------------------------------------------------------------------------


class _Rx:
    """A furniture pattern given as alternatives, written in lowercase: lines are lowercased
    once and matched without ``re.I`` (3.5 times faster on the benchmark's lines). Anchored
    alternatives (``^...``) are tried at the start of a line only, free ones anywhere. The
    categories' alternatives are combined below (``_DISPATCH``, ``_FREE``)."""

    __slots__ = ("anchored", "anchored_list", "free")

    def __init__(self, *alternatives: str) -> None:
        self.anchored_list = [a[1:] for a in alternatives if a.startswith("^")]
        self.anchored = "|".join(f"(?:{a[1:]})" for a in alternatives if a.startswith("^"))
        self.free = "|".join(f"(?:{a})" for a in alternatives if not a.startswith("^"))

    def compile(self) -> re.Pattern[str]:
        """The pattern on its own (for tests and debugging), to match lowercased text."""
        parts = ([f"^(?:{self.anchored})"] if self.anchored else []) + ([self.free] if self.free else [])
        return re.compile("|".join(parts))


_rx = _Rx


_SKIP_LINK = _rx(
    r"^(?:skip|jump|go) (?:directly )?to (?:the )?(?:main |primary )?(?:content|navigation|menu|search|footer|article|text|main)\b",
    r"^(?:skip|hide) (?:navigation|nav|links)\b",
    r"^(?:direkt )?zu(?:m|r)? (?:inhalt|hauptinhalt|hauptnavigation|navigation|menü|suche|seiteninhalt|content)\b",
    r"^(?:inhalt|navigation) (?:überspringen|anzeigen)\b",
    r"^navigation überspringen$",
    r"^(?:aller|passer|accéder) (?:directement )?(?:au|à la|aux) (?:contenu|navigation|menu|recherche)\b",
    r"^(?:ir|saltar|pasar) (?:directamente )?al (?:contenido|menú)\b",
    r"^(?:vai|salta) (?:al|ai) (?:contenuto|menu)\b",
    r"^(?:ga |spring )?naar (?:de )?(?:inhoud|content|hoofdinhoud)\b",
    r"^przejdź do (?:treści|menu)\b",
)

_COMMENTS_HEAD = _rx(
    r"^(?:\d{1,6}|no|one|two|three|keine|ein|eine|aucun|un) (?:comments?|responses?|replies|reader comments|kommentare?|leserkommentare?|antworten|commentaires?|réactions?|comentarios?|commenti|reacties|komentarz[ey]?|komentarzy)\b",
    r"^(?:comments?|kommentare?|leserkommentare?|commentaires?|comentarios?|commenti|reacties|komentarze|discussion|diskussion|responses|réactions|reader comments)(?: \(\d{1,6}\))?(?: \d{1,6})?:?$",
    r"^(?:\d{1,6}|one|two|three|ein|eine|zwei|drei) (?:thoughts?|responses?|gedanken|kommentare?|antworten|réponses?|commentaires?|respuestas?|comentarios?) (?:on|to|zu|über|à|sur|a|en|para)\b",
    r"^(?:join|start) the (?:discussion|conversation)\b",
    r"^(?:show|view|load|read|see|display|hide|open|close) (?:all )?(?:\d{1,6} )?(?:comments?|replies)\b",
    r"^(?:kommentare?|leserkommentare?) (?:anzeigen|lesen|ausblenden|einblenden|öffnen|laden)\b",
    r"^(?:zu den|alle) kommentare(?:n)?\b",
    r"^(?:voir|afficher|lire) (?:les )?(?:\d{1,6} )?commentaires?\b",
    r"^comments? (?:are )?(?:closed|disabled)\b",
    r"^kommentare sind geschlossen\b",
    r"^(?:sort|sortieren) (?:by|nach)\b",
    r"^(?:newest|oldest|most popular|best|top) (?:first|comments)$",
    r"^discussion \(\d{1,6}\)$",
)

_COMMENT_FORM = _rx(
    r"^(?:leave|post|add|write|submit|enter|make) (?:a |your |new )?(?:reply|comment|response)\b",
    r"^(?:cancel|post|submit|add) (?:reply|comment)\b",
    r"^(?:schreibe|schreiben sie|hinterlasse|hinterlassen sie|verfasse|verfassen sie|kommentar) (?:einen |eine )?(?:kommentar|antwort|verfassen|schreiben|hinterlassen|abschicken|absenden)\b",
    r"^(?:antwort|kommentar) (?:abbrechen|hinterlassen|schreiben|verfassen|absenden|abschicken)\b",
    r"^(?:laisser|laissez|écrire|ajouter|poster) (?:un |une |votre )?(?:commentaire|réponse)\b",
    r"^(?:deja|dejar|escribe|añadir|agregar) (?:un |una |tu )?(?:comentario|respuesta)\b",
    r"^(?:lascia|lasciare|scrivi|aggiungi) (?:un |il )?(?:commento|risposta)\b",
    r"^(?:laat|plaats|schrijf) (?:een )?(?:reactie|antwoord)\b",
    r"^(?:dodaj|napisz|zostaw) (?:komentarz|odpowiedź)\b",
    r"\b(?:email|e-mail) (?:address )?will not be published\b",
    r"\b(?:e-mail-adresse|email-adresse|e-mail adresse|emailadresse) wird nicht veröffentlicht\b",
    r"\badresse (?:e-mail|email|de messagerie|mail|électronique) ne sera pas publiée\b",
    r"\bcorreo electrónico no será publicad[ao]\b",
    r"\bindirizzo email non sarà pubblicato\b",
    r"\be-mailadres wordt niet gepubliceerd\b",
    r"\brequired fields are marked\b",
    r"\berforderliche felder sind\b",
    r"\bles champs obligatoires sont indiqués\b",
    r"\blos campos obligatorios están marcados\b",
    r"^(?:name|e-?mail|website|webseite|url|nom|nombre|nome|comment|kommentar|commentaire|comentario|message|nachricht)\s{0,3}(?:\*|\((?:required|erforderlich|obligatoire|optional|will not be published|wird nicht veröffentlicht|not published)\)\s{0,3}\*?)$",
    r"^(?:name|nom|nombre)\s{0,3}\*\s{0,3}(?:e-?mail|courriel|correo)\s{0,3}\*",
    r"^save my name,? email\b",
    r"^(?:meinen|speichere meinen) namen\b",
    r"^enregistrer mon nom\b",
    r"^notify me of\b",
    r"^benachrichtige(?:n)? (?:mich|sie mich)\b",
    r"^prévenez-moi\b",
    r"^(?:you must|bitte) (?:be )?(?:logged in|log in|anmelden|einloggen)\b.{0,40}\b(?:comment|kommentar)",
    r"^du musst angemeldet sein\b",
    r"\bthis site uses akismet\b",
    r"\b(?:para comentar|to (?:post a )?comment|um zu kommentieren|pour commenter|per commentare|om te reageren)\b.{0,60}\b(?:regist|log|sign|anmeld|connect|inici|accedi|inlog)",
    r"\bdiese (?:website|seite) verwendet akismet\b",
    r"^(?:logged in as|angemeldet als|connecté en tant que)\b",
    r"^(?:reply|antworten|répondre|responder|rispondi|reageer|odpowiedz|report|melden|signaler)(?: ↓| →)?$",
    r"^(?:your|ihr|deine|votre|tu) (?:comment|kommentar|commentaire|comentario|name|e-?mail|website)\b.{0,30}$",
    r"^gib hier deinen kommentar ein\b",
    r"^(?:captcha|security code|sicherheitscode|spam protection)\b",
    r"^du kommentierst mit\b",
    r"^trage deine daten unten ein\b",
    r"^fill in your details below\b",
    r"^you are commenting using\b",
    r"^(?:click|klicke) (?:an icon|ein icon)\b",
)

_AUTHOR_BIO_HEAD = _rx(
    r"^about (?:the )?author\b",
    r"^(?:über|zum) (?:den |die )?(?:autor|autorin|verfasser)\b",
    r"^(?:à propos de l'auteur|à propos de l’auteur|l'auteur|l’auteur)\b",
    r"^(?:sobre el autor|acerca del autor|sull'autore|l'autore|over de auteur|o autorze)\b",
    r"^(?:the )?author(?:'s)? (?:bio|profile|details)\b",
    r"^(?:last|latest|recent|more) \d{0,3} ?(?:posts|articles|stories) (?:by|from)\b",
    r"^(?:view|see|read|browse) (?:all|more) (?:posts|articles|stories) by\b",
    r"^(?:alle|weitere|mehr) (?:beiträge|artikel|texte) (?:von|des autors|der autorin)\b",
    r"^(?:tous les|voir les|autres) articles (?:de|par)\b",
    r"^(?:the )?(?:author|authors|autor|autorin|autoren|auteur|auteurs|autore|zur person|über mich|about me|über uns|the writer|der autor|die autorin|o autorze|sobre mí)\s{0,2}:?$",
    r"^(?:inne|więcej) artykuły autora\b",
)

_RELATED_HEAD = _rx(
    r"^related(?: (?:articles?|posts?|stories|story|news|content|coverage|links?|topics?|reading|videos?|items?|searches))?:?$",
    r"^(?:you|we think you) (?:may|might|will|could|would) (?:also )?(?:like|enjoy|be interested in|want to read|love)\b",
    r"^(?:more|other|latest|recent|popular|top|similar|further) (?:articles?|posts?|stories|news|headlines|reads?)(?: (?:from|on|in|about|like this)\b.{0,60})?:?$",
    r"^more (?:from|on|in|about) .{1,60}$",
    r"^(?:most|more) (?:read|popular|viewed|shared|commented|emailed|recent)(?: (?:articles?|posts?|stories|news|now|today|this week))?:?$",
    r"^(?:recommended|trending|editor's picks|editors' picks|don't miss|also on|in case you missed it|what to read next|read next|up next|keep reading|further reading)(?: (?:for you|stories|articles|posts|now|reading))?:?$",
    r"^(?:ähnliche|verwandte|weitere|passende|empfohlene|beliebte|neueste|aktuelle|meistgelesene|meist gelesene) (?:beiträge|artikel|themen|nachrichten|meldungen|news|posts|videos|inhalte|stories)\b.{0,30}$",
    r"\b(?:könnte|könnten|dürfte|dürften) (?:sie|dich|euch|dir|ihnen) (?:auch |ebenfalls )?(?:interessieren|gefallen)\b",
    r"^(?:redaktionstipp|lesetipp|lesetipps|unsere empfehlung|editor's choice|tipp der redaktion)s?:?$",
    r"^(?:noticias? relacionad|notas relacionad|artículos relacionad|contenido relacionad)",
    r"^(?:auch|ebenfalls) interessant:?$",
    r"^(?:mehr|weiteres|weitere) (?:zum thema|zu diesem thema|aus dem ressort|aus der rubrik|aus dieser kategorie|news)\b.{0,60}$",
    r"^(?:meistgelesen|meistgelesene|meist gelesen|top-?themen|top-?artikel|empfohlen|beliebt|am meisten gelesen).{0,20}$",
    r"^related (?:topics|tags|categories|searches)",
    r"^(?:ähnliche|verwandte|weitere|passende|empfohlene|beliebte|neueste|aktuelle) (?:\w{2,20} )?(?:beiträge|artikel|themen|nachrichten|meldungen|news|posts|videos|inhalte|stories|recherchen)\b.{0,30}$",
    r"^(?:lesen sie auch|auch lesen|siehe auch|lies auch|ebenfalls lesenswert|mehr dazu):?$",
    r"^(?:à lire aussi|a lire aussi|lire aussi|à lire également|voir aussi|sur le même sujet|dans la même rubrique|les plus lus|les plus populaires|articles? (?:similaires|liés|connexes|recommandés)|vous aimerez aussi|vous aimerez peut-être aussi|nos derniers articles|derniers articles)\b.{0,20}$",
    r"^(?:ver también|vea también|lee también|noticias relacionadas|artículos relacionados|te puede interesar|más leídas|lo más leído|también te puede interesar|otras noticias)\b.{0,20}$",
    r"^(?:leggi anche|articoli correlati|potrebbe interessarti|i più letti|notizie correlate|ti potrebbe interessare)\b.{0,20}$",
    r"^(?:gerelateerde artikelen|lees ook|meer nieuws|meest gelezen|ook interessant)\b.{0,20}$",
    r"^(?:zobacz (?:też|także|również)|czytaj (?:też|także|również)|podobne (?:artykuły|wpisy)|najczęściej czytane|polecane)\b.{0,20}$",
    r"^(?:veja também|leia também|notícias relacionadas|mais lidas)\b.{0,20}$",
)

_READ_MORE = _rx(
    r"^\(?(?:read|see|watch|listen|click)(?: more| also| next| the full| here| now)?\b[^:\n]{0,40}:\s{0,3}\S",
    r"^\(?(?:also read|related|more|recommended|watch|listen|video|suggested|further reading|editor's note|trending|don't miss|must read|in pictures|in depth|analysis|opinion|explainer)\s{0,3}:\s{0,3}\S",
    r"^(?:article suivant|article précédent|next article|previous article|nächster artikel|vorheriger artikel|artículo siguiente|artículo anterior|articolo successivo)\b",
    r"^\(?(?:lesen sie (?:auch|mehr|hier)|auch lesen|siehe auch|lies auch|mehr zum thema|mehr dazu|mehr lesen|weiterlesen|zum artikel|zum thema|hier lesen|ebenfalls interessant|auch interessant|video|bildergalerie|fotostrecke)\s{0,3}[:>»|]\s{0,3}\S",
    r"^\(?(?:à lire aussi|a lire aussi|lire aussi|lire la suite|voir aussi|à voir aussi|à voir|regarder|vidéo)\s{0,3}[:>»|]\s{0,3}\S",
    r"^\(?(?:mira|ver|vea|checa|entérate|ver más|ver video|ver también|vea también|vea además|lee también|leer más|lea también|lea más|lea además|lea|lee|te puede interesar|mira también|puedes ver|más información|leggi anche|leggi tutto|guarda anche|lees ook|lees meer|zobacz (?:też|także)|czytaj (?:też|także|więcej)|leia também|veja também)\s{0,3}[:>»|]\s{0,3}\S",
    r"^(?:read more|read the full (?:story|article|report)|continue reading|keep reading|read on|read full (?:story|article)|full story|more info|learn more|find out more|see more|view more|show more|load more|more|mehr|mehr lesen|mehr erfahren|weiterlesen|weiter lesen|zum artikel|zum beitrag|lire la suite|lire plus|en savoir plus|leer más|seguir leyendo|seguí leyendo|sigue leyendo|continúa leyendo|continuar leyendo|leggi tutto|continua a leggere|lees meer|czytaj więcej|saiba mais|leia mais)\b[^\n]{0,40}$",
    r"^click here\b",
    r"^(?:klicken sie hier|hier klicken|cliquez ici|haga clic aquí|clicca qui)\b",
    r"^(?:tap|click|swipe) (?:here|to|for)\b",
    r"^scroll (?:down )?(?:for|to)\b",
)

# Teasers end with a "read more" link or a truncation mark; matched on the last 48 characters.
_READ_MORE_TAIL = re.compile(
    r"(?:(?:read more|continue reading|weiterlesen|mehr lesen|lire la suite|leer más|leggi tutto|lees meer|czytaj więcej|read full article|full story)\s{0,3}[.…»›→>]{0,4}|\[(?:…|\.\.\.)\]|\((?:…|\.\.\.)\))\s{0,3}$",
)

_SHARE_HEAD = _rx(
    r"^(?:share|sharing|teilen|partager|compartir|condividi|delen|udostępnij|compartilhe|partagez)(?: (?:this|the|it|on|via|with|article|story|post|page|link|mit|diesen artikel|diese seite|cet article|la noticia|sur|en|this (?:article|story|post|page)))?(?: (?:on|via|with|mit|sur|en|article|story|post))?\s{0,2}[:!]?$",
    r"^(?:share|teilen|partager|compartir|condividi|delen) (?:this|diesen|cet|esta|questo|dit)? ?(?:article|artikel|beitrag|story|post|page|seite|noticia|articolo|artikel|bericht)\b.{0,40}$",
    r"^(?:share|sharing|teilen|partager|compartir|condividi|delen)\s{0,2}(?:this|on|via|mit|sur|en|:)\b.{0,80}\b(?:facebook|twitter|whatsapp|linkedin|email|e-mail|pinterest|telegram|reddit|x)\b",
    r"^(?:like this|gefällt mir|j'aime|me gusta|mi piace|vind ik leuk)\s{0,2}:?",
    r"^(?:like|gefällt mir|j'aime) (?:loading|lade|chargement)",
    r"^(?:loading|lade|chargement|cargando|caricamento)\s{0,2}(?:\.\.\.|…)?$",
    r"^click to (?:share|email|print|tweet)\b",
    r"^(?:tweet|pin it|print|email|e-mail|drucken|imprimer|imprimir|stampa|versenden|senden|mail|save|merken|bookmark|flattr this|empfehlen|empfehlung|recommend|tell a friend|send to a friend|weiterempfehlen)(?: (?:this|article|artikel|page|seite|story|it|diesen artikel|diese seite))?\s{0,2}:?!?$",
    r"^sharing is caring\b",
    r"^(?:teilen sie dies mit|teile dies mit|share this with|partager cette page|diesen beitrag teilen)\b",
    r"^(?:mit freunden teilen|teile mit freunden|share with (?:friends|your friends)|partager avec (?:vos|tes) amis|compartir con amigos)\b",
    r"^(?:follow|folge|folgen sie|suivez|síguenos|seguici|volg)(?: (?:us|uns|nous|me|mir|ons))?(?: (?:on|auf|sur|en|su|op))? (?:facebook|twitter|instagram|youtube|linkedin|social media|telegram|whatsapp|tiktok)\b",
    r"^(?:folge uns|follow us)\b",
    r"^(?:diesen |den )?(?:artikel|beitrag|seite) (?:teilen|drucken|versenden|empfehlen|merken|per e-?mail)\b",
    r"^(?:diese seite|this page|this article|this story|cet article) (?:drucken|per e-?mail|print|email|imprimer)\b",
    r"^(?:email|e-mail|print|share|mail) (?:this|to a friend|article|story|page)\b.{0,40}$",
)

# Tokens that make up a line of share buttons.
_SHARE_WORDS = frozenset(
    {
        "share", "shares", "sharing", "this", "on", "via", "with", "the", "article", "story", "post",
        "facebook", "twitter", "x", "whatsapp", "email", "e", "mail", "print", "pinterest", "linkedin",
        "reddit", "telegram", "tumblr", "pocket", "xing", "flipboard", "messenger", "copy", "link",
        "teilen", "teile", "drucken", "partager", "imprimer", "compartir", "condividi", "delen",
        "tweet", "tweets", "pin", "it", "like", "google", "plus", "sms", "more", "sharethis",
        "addthis", "gmail", "vk", "weibo", "wechat", "line", "skype", "threads", "bluesky",
        "mastodon", "instagram", "youtube", "tiktok", "rss", "feed", "print", "friendly", "pdf",
        "send", "senden", "versenden", "mailen", "kopieren", "url", "facebookshare", "twittershare",
        "0", "whats", "app", "viber", "snapchat", "digg", "stumbleupon", "delicious", "evernote",
        "buffer", "hacker", "news", "kakao", "mix", "naver", "odnoklassniki", "ok", "qzone", "renren",
        "sina", "yahoo", "outlook", "hotmail", "imprimir", "stampa", "mehr", "plus", "embed", "and",
        "und", "et", "y", "or", "oder", "auf", "sur", "en", "per", "par", "mit", "über",
    }
)  # fmt: skip
_SHARE_NETWORKS = frozenset(
    {
        "facebook", "twitter", "whatsapp", "pinterest", "linkedin", "reddit", "telegram", "tumblr",
        "xing", "flipboard", "messenger", "gmail", "vk", "weibo", "wechat", "skype", "instagram",
        "viber", "digg", "stumbleupon", "delicious", "evernote", "mastodon", "bluesky", "email",
        "print", "sharethis", "addthis", "tweet", "drucken", "imprimer",
    }
)  # fmt: skip

_SOURCE_TRAILER = _rx(
    r"^\(?(?:source|sources|quelle|quellen|fuente|fuentes|fonte|fonti|źródło|bron|kaynak|المصدر)\s{0,3}:\s{0,3}\S.{0,100}$",
    r"^[(\[]?(?:reuters|afp|ap|associated press|agence france-presse|sana|tass|ria novosti|sputnik|anadolu agency|aa|dpa|epa|upi|xinhua|kyodo|ansa|efe|kna|bbc|cnn|al jazeera|agencies|news agencies|wires|wire services|with agencies|staff and agencies|agencies and staff|dpa/afp|afp/dpa|reuters/ap|ap/reuters|wires and staff|wire reports|news desk)[)\]]?\.?$",
    r"^[-–—]{1,2}\s{0,2}(?:reuters|afp|ap|associated press|sana|tass|dpa|xinhua|anadolu|agencies|news agencies|wires)\b.{0,30}$",
    r"^(?:with|additional) (?:reporting|inputs?|agencies|wires) (?:by|from)\b.{0,120}$",
    r"^(?:reporting|writing|editing|additional reporting) by\b.{0,160}$",
    r"^(?:mit material von|mit material der|mit agenturmaterial)\b.{0,60}$",
    r"^(?:avec|d'après) (?:afp|reuters|ap|agences)\b.{0,30}$",
    r"^\(?[a-z]{1,6}/[a-z]{1,6}(?:/[a-z]{1,6})?\)?$",
)

_PHOTO_CREDIT = _rx(
    r"^\(?fot\.\s{0,2}\S.{0,80}$",
    r"^\(?(?:photo|photos|foto|fotos|bild|bilder|image|images|picture|pictures|credit|credits|crédit|crédits|photograph|bildquelle|titelbild|titelfoto|symbolbild|illustration|grafik|quelle bild|copyright bild|imagen|immagine|zdjęcie|fot|video|vidéo|caption|foto\(s\))\s{0,3}(?:credit|credits|source|quelle)?\s{0,3}[:©|]\s{0,3}.{0,100}$",
    r"^\(?(?:photo|foto|image|picture|bild|credit)s? (?:by|von|de|par|courtesy of|courtesy|credit)\b.{0,80}$",
    r"^(?:©|\(c\))\s{0,3}\S.{0,60}$",
    r"^(?:©|\(c\)|copyright)\s{0,3}(?:[\w.&-]{1,30} ){0,3}(?:images?|photos?|fotos?|pictures?|getty|reuters|afp|ap|dpa|epa|imago|shutterstock|istock|picture alliance|picture-alliance)\b.{0,60}$",
    r"/\s{0,2}(?:getty images|afp|reuters|ap|dpa|epa|imago|shutterstock|istock|picture alliance|ap photo)\b.{0,40}$",
    r"\b(?:afp|reuters|ap|dpa|epa|getty images|imago|anadolu agency|xinhua)(?: photo)?\s{0,2}/\s{0,2}[\w .'’-]{2,40}$",
    r"^\(?(?:getty images|shutterstock|istockphoto|imago images|picture alliance)\)?\.?$",
    r"^\(?(?:photo|image|foto|bild|picture)\s{0,2}\d{0,3}\s{0,2}(?:of|von|de|/)\s{0,2}\d{1,3}\)?$",
    r"^(?:enlarge|vergrößern|agrandir|zoom|view gallery|galerie|bildergalerie|fotogalerie|photo gallery|gallery)(?: (?:this )?(?:image|photo|bild))?$",
)

_COPYRIGHT = _rx(
    r"^(?:©|\(c\)|copyright|&copy;|℗)\s{0,3}(?:\d{4}|.{0,80}(?:\b(?:19|20)\d\d\b|rights|rechte|droits|derechos|diritti))",
    r"\b(?:creative commons|cc[- ]by(?:[- ]\w\w){0,3}|licensed under|lizenziert unter|unter der lizenz|unter einer lizenz|sous licence|bajo (?:una )?licencia|pod licencją)\b",
    r"\b(?:all rights reserved|alle rechte vorbehalten|tous droits réservés|todos los derechos reservados|tutti i diritti riservati|alle rechten voorbehouden|wszelkie prawa zastrzeżone|todos os direitos reservados)\b",
    r"^(?:impressum|imprint|datenschutz|datenschutzerklärung|privacy policy|privacy|terms of (?:use|service)|terms and conditions|nutzungsbedingungen|agb|mentions légales|politique de confidentialité|aviso legal|política de privacidad|disclaimer|haftungsausschluss|sitemap|contact us|kontakt|about us|über uns|cookie policy|cookie settings|cookie-einstellungen)(?:\s{0,2}[|·•/]\s{0,2}.{0,100})?$",
    r"^(?:powered by|proudly powered by|designed by|theme by|built with|bloggen auf|blog at|erstelle eine website|create a free website|betrieben (?:von|mit))\b.{0,100}$",
)

_COOKIE = _rx(
    r"\bcookies?\b.{0,160}\b(?:use|uses|using|accept|consent|agree|policy|settings|enable|store|verwendet|verwenden|nutzt|nutzen|einverstanden|zustimm|akzeptier|einwillig|utilise|utilisons|accepte|consentement|utiliza|usamos|acepta|utilizza|accetta|gebruikt|akkoord|używa)",
    r"\b(?:use|uses|using|verwendet|verwenden|nutzt|nutzen|setzt|utilise|utilisons|utiliza|usamos|utilizza|gebruikt|używa)\b.{0,60}\bcookies?\b",
)
_CONSENT_BUTTON = _rx(
    r"^(?:accept|accept all|akzeptieren|alle akzeptieren|zustimmen|einverstanden|ablehnen|accepter|tout accepter|refuser|aceptar|accetta|accetto|got it|ok|okay|i agree|i accept|agree|decline|reject all|manage (?:cookies|preferences|settings)|cookie[- ]?einstellungen|einstellungen|privacy settings|more information|mehr informationen|weitere informationen|plus d'informations|más información|ulteriori informazioni)[.!]?$",
)

_ADVERT = _rx(
    r"^(?:advertisement|advertising|advert|ad|ads|anzeige|werbung|publicité|publicidad|pubblicità|reclame|advertentie|reklama|sponsored|sponsored content|gesponsert|promoted|promotion|paid content|partner content|sponsorisé|publireportage)\s{0,2}[:\-–]?$",
    r"^(?:story|article|text|content) continues (?:below|after)\b",
    r"^(?:continue reading (?:the )?(?:main story|below)|scroll to continue|article continues below|the article continues)\b",
    r"^(?:advertise with us|werben sie bei uns|werben auf|advertise|mediadaten|annoncer)\b.{0,40}$",
    r"^(?:weiter nach der anzeige|lesen sie nach der anzeige weiter|nach der anzeige weiterlesen|la suite après (?:cette )?(?:la )?publicité|suite après la publicité)\b",
    r"^(?:please|bitte) (?:enable|activate|aktivieren sie|aktiviere|turn on|disable|deaktivieren sie)\b.{0,40}\b(?:javascript|ad ?block|adblocker|werbeblocker|cookies|flash)\b",
    r"\b(?:your browser does not support|ihr browser unterstützt|votre navigateur ne supporte|this video is not available|dieses video ist nicht verfügbar|to watch this video|um dieses video zu sehen|please enable javascript to (?:watch|view))\b",
    r"^(?:ad|ads|advertisement) (?:feedback|choices|settings)\b",
    r"\b(?:download|get|install|lade|laden sie|holen sie sich|hol dir|téléchargez|descarga|descargue|scarica)\b.{0,60}\bapps?\b",
    r"\b(?:externer inhalt|external content|embedded content|contenu externe|contenido externo|eingebetteter inhalt)\b",
    r"\b(?:affiliate|provision|commission)\b.{0,80}\b(?:links?|händler|retailer|purchase|kauf)",
    r"\b(?:links?|händler)\b.{0,80}\b(?:affiliate|provision|commission)\b",
    r"\bjavascript (?:is )?(?:disabled|deaktiviert|required|erforderlich)\b",
)

_NEWSLETTER = _rx(
    r"^(?:sign up|signup|subscribe|register|join)\b.{0,40}\b(?:newsletter|newsletters|email|e-mail|updates|alerts|briefing|digest|free|today|now|content|stories|news|deals|best)\b",
    r"\bnewsletters?$",
    r"^(?:get|receive|erhalte|erhalten sie|recevez|recibe)\b.{0,60}\b(?:newsletter|in your inbox|in ihr postfach|in deinen posteingang|directly to your inbox|dans votre boîte|by email|per e-mail|per mail)\b",
    r"\b(?:dans votre boîte (?:mail|e-mail|aux lettres|de réception)|(?:straight|directly|delivered) to your inbox|in ihr postfach|in deinen posteingang)\b",
    r"\b(?:newsletter)\b.{0,40}\b(?:abonnieren|bestellen|anmelden|subscribe|sign up|s'abonner|s'inscrire|suscribirse|iscriviti|inschrijven)\b",
    r"^(?:newsletter|abonnieren|subscribe|s'abonner|abonnez-vous|suscríbete|iscriviti|abonneren|jetzt abonnieren|subscribe now|subscribe today)\s{0,2}[:!.]?$",
    r"^(?:enter|your|ihre|deine|votre|tu) (?:e-?mail|email address|e-mail-adresse|adresse e-?mail|correo)\b.{0,40}$",
    r"^(?:thank you|thanks|danke|merci|gracias|grazie) for (?:subscribing|signing up|registering|your (?:subscription|interest))\b",
    r"^(?:already (?:a subscriber|have an account|registered)|bereits (?:abonnent|registriert|kunde)|déjà abonné)\b.{0,40}$",
    r"^(?:log ?in|sign ?in|login|anmelden|einloggen|registrieren|register|se connecter|connexion|s'inscrire|iniciar sesión|registrarse|accedi|registrati|inloggen|zaloguj|logout|log ?out|sign ?out|abmelden|my account|mein konto|mon compte|mi cuenta|forgot (?:your )?password\??|passwort vergessen\??|mot de passe oublié\s?\??|benutzername|username|password|passwort)(?:\s{0,2}(?:[|/·•]|or|oder|ou|o)\s{0,2}.{0,40})?$",
    r"^(?:create an account|konto erstellen|créer un compte|crear cuenta|sign up for free|jetzt registrieren|kostenlos registrieren)\b.{0,40}$",
    r"^(?:welcome back|willkommen zurück|bienvenue)\b.{0,60}\b(?:sign in|log in|anmelden|einloggen|connecter)\b",
    r"\bnewsletter\b.{0,120}\b(?:abonnieren|abonnier|bestellen|subscribe|sign up|s'abonner|s'inscrire|inscrivez|suscr|iscriviti|inschrijven|anmelden|erhalten|receive|informiert|informed)",
    r"\b(?:abonnieren|abonniere|subscribe|sign up|s'abonner|abonnez-vous|inscrivez-vous)\b.{0,60}\bnewsletter",
    r"\b(?:wir informieren sie regelmäßig|keine .{0,40} mehr verpassen|nichts mehr verpassen|never miss (?:a|an|another)|don't miss (?:a|an|out on)|stay (?:up to date|informed|in the loop)|bleiben sie (?:auf dem laufenden|informiert)|bleib(?:e|en sie)? auf dem laufenden|restez informé)",
    r"\b(?:unterstütze|unterstützen sie|support|soutenez|apoya|sostieni)\b.{0,40}\b(?:unsere arbeit|our (?:work|journalism|reporting|newsroom)|notre travail|nuestro trabajo|il nostro lavoro|unabhängigen journalismus|independent journalism)\b",
    r"^(?:unterstütze|unterstützen sie|support|soutenez|apoya|sostieni|donate|spende|spenden sie)\b.{0,60}$",
    r"\b(?:access to the full article|full article (?:pdf|access)|subscription will|zugang zu allen artikeln|accès illimité|acceso ilimitado)\b",
    r"\b(?:mit ihrer unterstützung|with your support|grâce à votre soutien|unabhängigen journalismus|independent journalism|journalisme indépendant|je fais un don|j'adhère)\b",
    r"\b(?:abonnieren|subscribe|s'abonner|suscríbete|iscriviti)[.!]?$",
    r"\b(?:jetzt spenden|donate now|spenden sie|faire un don|dona ora|haz una donación|ist spendenfinanziert|jede (?:kleine )?spende|become a (?:member|patron|supporter|subscriber))\b",
    r"\b(?:des \d{1,3} articles gratuits|free articles? (?:left|remaining)|kostenlose artikel)\b",
)

_TAGS = _rx(
    r"^(?:tags|schlagworte|schlagwörter|stichworte|stichwörter|keywords|themen|topics|mots-clés|mots clés|étiquettes|etiquetas|tagi|trefwoorden|schlüsselwörter)$",
    r"^(?:themenseiten|mehr zu|stichwort|stichworte|sujets|temas)\s{0,2}:",
    r"^(?:tags?|tagged(?: with| as)?|tag cloud|schlagwörter|schlagworte|stichwörter|stichworte|keywords|themen|thema|kategorien?|categories|category|rubrik|rubriken|filed (?:under|in)|posted in|veröffentlicht in|abgelegt unter|mots[- ]clés|étiquettes|catégories?|rubriques?|etiquetas|categorías?|temas|argomenti|categorie|trefwoorden|tagi|kategorie|assuntos)\s{0,3}[:|»>]",
    r"^(?:posted|filed|published|veröffentlicht|publié|gepostet|abgelegt) (?:in|under|unter|dans)\b.{0,100}$",
    r"^(?:this (?:entry|post|article) was (?:posted|published|filed)|dieser (?:eintrag|beitrag) wurde (?:veröffentlicht|abgelegt)|cette entrée a été publiée|ce billet a été publié)\b",
    r"^(?:permalink|permanentlink|bookmark the permalink)\b.{0,60}$",
)

_NAVIGATION = _rx(
    r"^(?:zurück|back|retour|volver|torna|terug|wróć) (?:zu|zum|zur|to|à|a|al|alla|naar|do)\b.{0,40}$",
    r"^(?:[«‹←<]{1,2}\s{0,2})?(?:previous|prev|next|older|newer|vorherige|vorheriger|nächste|nächster|zurück|weiter|précédent|précédente|suivant|suivante|anterior|siguiente|precedente|successivo|vorige|volgende|poprzedni|następny)(?: (?:post|posts|article|articles|entry|entries|page|story|beitrag|artikel|seite|eintrag|bild|billet|article suivant|noticia|articolo|bericht))?(?:\s{0,2}[»›→>]{1,2})?:?$",
    r"^(?:page|seite|page|página|pagina|strona)\s{0,2}\d{1,4}\s{0,2}(?:of|von|de|sur|di|z|/)\s{0,2}\d{1,4}$",
    r"^(?:back to top|nach oben|zurück nach oben|zum seitenanfang|haut de page|retour en haut|volver arriba|torna su|naar boven|top|up|to top)\s{0,2}[↑^]?$",
    r"^(?:menu|menü|menue|main menu|hauptmenü|navigation|navigationsmenü|search|suche|suchen|rechercher|recherche|buscar|cerca|zoeken|szukaj|close|schließen|fermer|cerrar|chiudi|sluiten|open|öffnen|toggle navigation|skip|sitemap|home|startseite|accueil|inicio|homepage|go|los|ok|submit|senden|absenden|envoyer|enviar|invia|verzenden|back|zurück|retour|volver|indietro|terug|wróć|more|mehr|plus|más|altro|meer|więcej|beitragsnavigation|post navigation|article navigation|posts navigation|seitennavigation|navigation des articles)\s{0,2}[:…]?$",
    r"^\d{1,3}(?:\s{1,2}\d{1,3}){1,11}\s{0,2}(?:[»›→>…]|next|weiter|suivant)?$",
    r"^[«‹←<]?\s{0,2}(?:previous|next|vorherige|nächste|précédent|suivant)\s{0,2}(?:[|/·•]|and|und|et)\s{0,2}(?:previous|next|vorherige|nächste|précédent|suivant)",
    r"\s[|•·]\s.{0,60}\s[|•·]\s",
)

_BYLINE = _rx(
    r"^(?:by|von|par|por|di|door|przez|posted by|written by|geschrieben von|verfasst von|publié par|escrito por|scritto da|geplaatst door|autor(?:in)?|author|auteur|autore|redaktion|text|texte|reporter|correspondent|korrespondent)\s{0,3}:?\s{1,3}[\w.'’-]{1,40}(?:\s{1,3}[\w.'’-]{1,40}){0,5}\s{0,2}(?:[,|/·•–—-]\s{0,2}.{0,80})?$",
)
# Publication lines: "Veröffentlicht am 6. Juli 2015 von Mark Hosak", whatever follows.
_PUBLISHED_BY = re.compile(
    r"(?:posted|published|veröffentlicht|gepostet|publié|publicado|pubblicato|geplaatst|opublikowano|erstellt|written|geschrieben|verfasst)(?: on| am| le| el| il| op)?\b.{0,60}\b(?:by|von|par|por|da|door|przez)\s{1,3}\S.{0,80}$"
)
# Author bios at the end of articles: "Inga Buller ist Head of Social bei CHIP.", "Senior Editor
# with a focus on ...". Matched on the original case, first 300 characters.
_BIO = re.compile(
    r"^(?:(?!(?:Das|Der|Die|Dies|Diese|Dieser|Dieses|Ein|Eine|The|This|That|It|Es|Er|Sie|Wir|Ich|La|Le|Les|El|Il|Lo|Un|Una|Une|He|She|We|They)\s)"
    r"[A-ZÄÖÜÉ][\w.'’-]{0,30}(?:\s[A-ZÄÖÜÉ][\w.'’-]{0,30}){1,3}\s(?:ist|is|war|was|est|è|es|arbeitet|works|writes|schreibt|lebt|lives|leitet|heads|studierte|studied|has been|hat)\b"
    r"|(?:ist|is) (?:seit|since|a|an|ein|eine|der|die|the)\b"
    r"|(?:senior |staff |chief |managing |contributing |deputy |freelance |freie[rn]? )?(?:editor|writer|reporter|journalist|correspondent|redakteur|redakteurin|journalistin|autor|autorin|korrespondent|korrespondentin|contributor|columnist|kolumnist|kolumnistin)\b)"
)
_BIO_ROLE = re.compile(
    r"\b(?:editor|writer|reporter|journalist|journalistin|correspondent|redakteur|redakteurin|redaktion|autor|autorin|author|korrespondent|korrespondentin|contributor|columnist|kolumnist|blogger|bloggerin|founder|gründer|gründerin|gründungspartner|head of|chefredakteur|chefredakteurin|ressort|studied|studierte|freelance|freie[rn]? journalist|rédacteur|rédactrice|journaliste|periodista|giornalista|twitter|follow (?:him|her|me)|folgen sie (?:ihm|ihr))\b",
    re.I,
)

# Breadcrumbs, whatever follows them: "Startseite>People>Real Life>Horror-Fund! ...".
_BREADCRUMB = _rx(
    r"^(?:home|startseite|start|accueil|inicio|portada|pagina iniziale|strona główna|homepage)\s{0,2}(?:[>»›/|→]|::|-)\s{0,2}\S",
    r"^(?:you are here|sie sind hier|sie befinden sich hier|vous êtes ici|usted está aquí|ti trovi in|u bent hier|jesteś tutaj)\b",
    r"^[>»›]\s{0,2}\w.{0,60}\s[>»›]\s",
)

_BYLINE_RX = re.compile(_BYLINE.anchored)
_NAVIGATION_RX = re.compile(_NAVIGATION.anchored)
_NAVIGATION_FREE = re.compile(_NAVIGATION.free)

# Cheap pre-checks for _READ_MORE_TAIL: the words it ends with, or its closing marks.
_TAIL_TRIGGERS = frozenset(
    {"more", "reading", "weiterlesen", "lesen", "suite", "más", "tutto", "meer", "więcej", "article", "story"}
)
_TAIL_ENDINGS = ("]", ")", "…", ".", "»", "›", "→", ">")

# A caption that ends with its credit: "Das Extrablatt warb für die AfD © Ivo Mayr / Correctiv",
# "... Foto: Timur | flickr". Searched on the last 90 characters of lowercased lines.
_CREDIT_TAIL = re.compile(
    r"(?:\s©|\s\(c\)|\b(?:foto|fotos|photo|photos|bild|image|credit|crédit|bildquelle|quelle|picture)\s{0,2}:)\s{0,2}[^©:!?]{1,70}$"
)

# Pattern categories in order of precedence (the first that matches names the line).
_CATEGORIES: tuple[tuple[str, _Rx], ...] = (
    ("skip-link", _SKIP_LINK),
    ("comments", _COMMENTS_HEAD),
    ("comment-form", _COMMENT_FORM),
    ("author-bio", _AUTHOR_BIO_HEAD),
    ("related-links", _RELATED_HEAD),
    ("share-widget", _SHARE_HEAD),
    ("read-more", _READ_MORE),
    ("copyright", _COPYRIGHT),
    ("cookie-notice", _COOKIE),
    ("cookie-notice", _CONSENT_BUTTON),
    ("advertisement", _ADVERT),
    ("subscription", _NEWSLETTER),
    ("photo-credit", _PHOTO_CREDIT),
    ("source-trailer", _SOURCE_TRAILER),
    ("tags", _TAGS),
    ("navigation", _BREADCRUMB),
)
_PRIORITY = {reason: i for i, (reason, _) in reversed(list(enumerate(_CATEGORIES)))}


def _first_chars(pattern: str) -> frozenset[str] | None:
    """The characters a match of ``pattern`` can start with, or None when any can (or when the
    pattern is beyond this small analysis). Used only to pre-select alternatives; a None answer
    is always safe."""
    try:
        from re import _parser as sre_parse  # the stdlib's own parser (Python 3.11+)
        from re._constants import (
            ANY, ASSERT, ASSERT_NOT, AT, BRANCH, CATEGORY, CATEGORY_DIGIT, IN, LITERAL, MAX_REPEAT,
            MIN_REPEAT, RANGE, SUBPATTERN,
        )  # fmt: skip
    except ImportError:  # pragma: no cover - other Python versions: no pre-selection
        return None

    def items(seq) -> tuple[set[str] | None, bool]:  # (first chars, can match empty)
        chars: set[str] = set()
        for op, av in seq:
            if op is LITERAL:
                chars.add(chr(av))
                return chars, False
            if op is IN:
                for sub_op, sub_av in av:
                    if sub_op is LITERAL:
                        chars.add(chr(sub_av))
                    elif sub_op is RANGE and sub_av[1] - sub_av[0] <= 512:
                        chars.update(chr(c) for c in range(sub_av[0], sub_av[1] + 1))
                    elif sub_op is CATEGORY and sub_av is CATEGORY_DIGIT:
                        chars.update("0123456789")  # lines are looked up with any digit as "0"
                    else:
                        return None, False
                return chars, False
            if op in (AT, ASSERT, ASSERT_NOT):
                continue  # zero-width: the next item decides
            if op is SUBPATTERN:
                sub, empty = items(av[-1])
            elif op is BRANCH:
                sub, empty = set(), False
                for branch in av[1]:
                    b_chars, b_empty = items(branch)
                    if b_chars is None:
                        return None, False
                    sub |= b_chars
                    empty = empty or b_empty
            elif op in (MAX_REPEAT, MIN_REPEAT):
                sub, empty = items(av[2])
                empty = empty or av[0] == 0
            elif op is ANY:
                return None, False
            else:
                return None, False
            if sub is None:
                return None, False
            chars |= sub
            if not empty:
                return chars, False
        return chars, True

    try:
        chars, empty = items(sre_parse.parse(pattern))
    except Exception:  # noqa: BLE001 - no pre-selection rather than a failure
        return None
    if chars is None or empty:
        return None
    return frozenset(chars)


def _build_dispatch() -> tuple[dict[str, re.Pattern[str]], re.Pattern[str]]:
    """One combined anchored regex per possible first character of a line, holding only the
    alternatives that can start with it (plus those that can start with anything), in the order
    of precedence. A line is then tried against a few dozen alternatives instead of all ~400."""
    alternatives: list[tuple[int, str, frozenset[str] | None]] = []
    for i, (_, rx) in enumerate(_CATEGORIES):
        for alt in rx.anchored_list:
            alternatives.append((i, alt, _first_chars(alt)))
    any_start = [(i, alt) for i, alt, chars in alternatives if chars is None]

    def combine(selected: list[tuple[int, str]]) -> re.Pattern[str]:
        by_cat: dict[int, list[str]] = {}
        for i, alt in sorted(selected, key=lambda item: item[0]):
            by_cat.setdefault(i, []).append(alt)
        groups = ("|".join(f"(?:{a})" for a in alts) for alts in by_cat.values())
        return re.compile("|".join(f"(?P<c{i}>{group})" for i, group in zip(by_cat, groups)))

    dispatch: dict[str, re.Pattern[str]] = {}
    compiled: dict[tuple[int, ...], re.Pattern[str]] = {}
    for ch in {c for _, _, chars in alternatives if chars for c in chars}:
        chosen = tuple(k for k, (_, _, chars) in enumerate(alternatives) if chars is None or ch in chars)
        if chosen not in compiled:
            compiled[chosen] = combine([alternatives[k][:2] for k in chosen])
        dispatch[ch] = compiled[chosen]
    return dispatch, combine(any_start) if any_start else re.compile(r"(?!x)x")


_DISPATCH, _DISPATCH_OTHER = _build_dispatch()
_FREE = re.compile("|".join(f"(?P<c{i}>{rx.free})" for i, (_, rx) in enumerate(_CATEGORIES) if rx.free))
_FREE_LONG = re.compile(
    f"(?P<c{_PRIORITY['comment-form']}>{_COMMENT_FORM.free})|(?P<c{_PRIORITY['cookie-notice']}>{_COOKIE.free})"
)
# Every free alternative above contains one of these words; a line without any of them cannot
# match, which spares the unanchored search on nearly every line.
_FREE_TRIGGERS = frozenset(
    {
        "published", "veröffentlicht", "publiée", "publicado", "publicada", "pubblicato",
        "gepubliceerd", "marked", "erforderliche", "obligatoires", "obligatorios", "akismet",
        "reserved", "vorbehalten", "réservés", "reservados", "riservati", "voorbehouden",
        "zastrzeżone", "cookie", "cookies", "browser", "navigateur", "video", "javascript",
        "newsletter", "abonnieren", "abonniere", "subscribe", "abonner", "abonnez", "sign",
        "informieren", "verpassen", "miss", "stay", "bleiben", "bleib", "bleibe", "restez",
        "unterstütze", "unterstützen", "support", "soutenez", "apoya", "sostieni", "spenden",
        "donate", "don", "dona", "haz", "spendenfinanziert", "spende", "become", "gratuits",
        "free", "kostenlose", "affiliate", "provision", "commission", "app", "apps", "boîte", "inbox",
        "unterstützung", "journalismus", "journalism", "journalisme", "soutien", "don", "adhère",
        "postfach", "posteingang", "inhalt", "content", "contenu", "contenido", "creative", "cc",
        "licensed", "lizenziert", "lizenz", "licence", "licencia", "licencją", "comentar", "comment",
        "kommentieren", "commenter", "commentare", "reageren", "access", "subscription", "zugang",
        "accès", "acceso", "suscríbete", "iscriviti", "newsletters", "könnte", "könnten", "dürfte",
        "dürften", "getty", "afp", "reuters", "ap", "dpa", "epa", "imago", "shutterstock", "istock",
        "picture", "full", "anadolu", "xinhua",
    }
)  # fmt: skip


# Tokens a date line is made of (multilingual month and weekday names, date words).
_DATE_WORDS = frozenset(
    """
    jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july
    august september october november december mon tue wed thu fri sat sun monday tuesday wednesday
    thursday friday saturday sunday januar februar märz april mai juni juli august oktober dezember
    jänner feber mär okt dez montag dienstag mittwoch donnerstag freitag samstag sonntag sonnabend
    janvier février mars avril juin juillet août septembre octobre novembre décembre lundi mardi
    mercredi jeudi vendredi samedi dimanche janv févr avr juil déc enero febrero marzo abril mayo
    junio julio agosto septiembre setiembre octubre noviembre diciembre lunes martes miércoles
    jueves viernes sábado domingo gennaio febbraio aprile maggio giugno luglio settembre ottobre
    dicembre lunedì martedì mercoledì giovedì venerdì sabato domenica januari februari maart mei
    juni juli augustus oktober stycznia lutego marca kwietnia maja czerwca lipca sierpnia września
    października listopada grudnia styczeń luty marzec kwiecień maj czerwiec lipiec sierpień
    wrzesień październik listopad grudzień
    am pm uhr h hrs gmt utc cet cest est edt pst pdt bst ist mez mesz et pt ct
    on at the of um an der den le la el de del di il op w o dnia em
    published updated posted last modified created date time veröffentlicht aktualisiert
    zuletzt geändert erstellt stand datum publié mis à jour modifié publicado actualizado
    pubblicato aggiornato gepubliceerd bijgewerkt opublikowano zaktualizowano
    today yesterday heute gestern aujourd hui hier hoy ayer oggi ieri ago vor il y a hace fa
    minutes minute min mins hours hour hrs stunden stunde minuten tagen days day jours heures
    horas minutos ore minuti
    """.split()
)  # fmt: skip


# Digits shaped like a date or a time: 12.03.2017, 2017-03-12, 3/12/17, 10:32.
_DATE_SHAPE = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{2,4}|\b\d{1,2}:\d{2}\b|\b\d{1,2}\.\s?\d{1,2}\.")


def _is_date_line(words: list[str], line: str) -> bool:
    """A line made only of a date and time and their words ("Published 12 March 2017, 10:32");
    bare numbers (table cells, prices) are not dates."""
    if not words or len(words) > 14 or not _DIGIT.search(line):
        return False
    named = False
    for w in words:
        if w in _DATE_WORDS:
            named = named or not w.isdigit()
        elif not (w.isdigit() or (len(w) <= 4 and w.rstrip("stndrh").isdigit())):
            return False
    return named or bool(_DATE_SHAPE.search(line))


def _arrow_line(text: str) -> bool:
    """A short link line led or closed by an arrow: "« Older posts", "Next story ›"."""
    return len(text) <= 100 and (text[0] in "«‹←<" or text[-1] in "»›→>")


# Words of the headings over lists of other articles ("Top Themen der Redaktion", "Weitere
# Artikel", "Notas relacionadas", "More stories"): two of them make a short line such a heading.
_HEADING_WORDS = frozenset(
    """
    related similar recommended popular trending latest recent top most more other stories articles
    posts news headlines reads topics picks also read readers viewed shared commented
    ähnliche verwandte empfohlene empfehlungen beliebte beliebteste meistgelesen meistgelesene
    meistgelesenen neueste neuesten aktuelle aktuellen weitere mehr andere themen thema artikel
    beiträge beitrag nachrichten meldungen news stories videos top redaktion auch interessant lesen
    autres articles similaires populaires recommandés dernières derniers plus lus lire aussi sujet
    sujets même rubrique actualités
    otras otros noticias notas artículos relacionadas relacionados relacionado más leídas leídos
    también recomendados populares últimas
    altri articoli notizie correlati correlate più letti letti anche leggi
    gerelateerde artikelen meer nieuws gelezen ook
    inne podobne artykuły najczęściej czytane polecane więcej
    """.split()
)  # fmt: skip


def _is_section_heading(words: list[str]) -> bool:
    if not words or len(words) > 6:
        return False
    hits = sum(1 for w in words if w in _HEADING_WORDS)
    return hits >= 2 and hits * 2 >= len(words)


# Words of pager and menu lines ("Newer Post Older Post Home", "Previous Next").
_NAV_WORDS = frozenset(
    """
    home newer older post posts previous prev next page pages back top menu search main startseite
    vorherige vorheriger nächste nächster zurück weiter seite beitrag beiträge artikel suche nach oben
    précédent précédente suivant suivante accueil retour haut anterior siguiente inicio volver
    entradas entrada más recientes antiguas
    """.split()
)  # fmt: skip


def _is_nav_line(words: list[str]) -> bool:
    return 2 <= len(words) <= 8 and all(w in _NAV_WORDS for w in words)


def _is_share_line(words: list[str]) -> bool:
    if not words or len(words) > 20:
        return False
    return any(w in _SHARE_NETWORKS for w in words) and all(w in _SHARE_WORDS or w.isdigit() for w in words)


# ---------------------------------------------------------------------------------------------
# Line model
# ---------------------------------------------------------------------------------------------


class _Line:
    """One non-empty line and what the cleaner measured on it."""

    __slots__ = (
        "text", "lower", "words", "n_chars", "n_words", "density", "sentence", "reason", "kind", "score", "cut", "_key",
    )  # fmt: skip

    def __init__(self, text: str, cut: tuple[str, ...] = ()) -> None:
        self.text = text
        self.lower = lower = text.lower()
        # Words of very long lines are counted on their first 20,000 characters (hostile input).
        self.words = words = _WORD.findall(lower if len(lower) <= 20_000 else lower[:20_000])
        self.n_chars = len(text)
        n_words = len(words)
        if text and not text.isascii() and max(text) >= "\u0e00":
            # Scripts without spaces: count about two characters per word (Chinese/Japanese).
            n_words = max(n_words, len(_CJK.findall(text[:20_000])) // 2)
        self.n_words = n_words
        self.density: float | None = None  # share of stopwords (None: no stoplist fits)
        self.sentence = bool(_SENTENCE_END.search(text[-8:]) or _SENTENCE_INSIDE.search(text[:2000]))
        self.reason: str | None = None  # furniture pattern matched (None: none)
        self.kind = "medium"  # good | near | medium | short | bad | furniture
        self.score = 0.0
        self.cut = cut  # shortcodes cut from inside the line
        self._key: str | None = None

    @property
    def key(self) -> str:
        if self._key is None:
            self._key = normalise_line(self.text)
        return self._key


# Reasons for furniture that sits inside article text (mild penalty in the block search) versus
# furniture of the page around it (strong penalty).
_IN_TEXT_REASONS = frozenset(
    {"read-more", "advertisement", "photo-credit", "shortcode", "repeated-caption", "source-trailer", "byline", "date"}
)
# Headings that end the article when they follow its lead.
_END_CUE_REASONS = frozenset({"comments", "comment-form", "related-links", "author-bio"})
# Comment headings and forms end it even before the block is chosen (reader comments are prose).
_COMMENT_CUES = frozenset({"comments", "comment-form"})
# Furniture that starts a page's footer: after it, lines are no longer comments or related links.
_ZONE_END_REASONS = frozenset({"copyright", "cookie-notice", "skip-link"})
# Lines the block never grows across when it bridges gaps.
_BARRIER_AFTER = _END_CUE_REASONS | {"skip-link", "cookie-notice", "copyright", "subscription", "tags"}
_BARRIER_BEFORE = frozenset({"skip-link", "cookie-notice", "copyright", "subscription", "related-links"})
# Rules the lead guard overrides: a short lead can look like a caption, a byline or a teaser.
_LEAD_MAY_OVERRIDE = frozenset(
    {
        "repeated-in-outlet", "photo-credit", "byline", "read-more", "source-trailer", "date", "repeated-caption",
        "navigation",
    }
)  # fmt: skip


def _pattern_reason(line: _Line) -> str | None:
    text = line.lower
    words = line.words
    if line.n_chars > PATTERN_MAX_CHARS:
        # Long lines: only comment-form and cookie sentences that name themselves.
        if line.n_chars <= 2 * PATTERN_MAX_CHARS and not _FREE_TRIGGERS.isdisjoint(words):
            found = _FREE_LONG.search(text)
            if found:
                return _CATEGORIES[int(found.lastgroup[1:])][0]
        return None
    best = len(_CATEGORIES)
    first = text[:1]
    found = _DISPATCH.get("0" if first.isdecimal() else first, _DISPATCH_OTHER).match(text)
    if found:
        best = int(found.lastgroup[1:])
    if not _FREE_TRIGGERS.isdisjoint(words):
        found = _FREE.search(text)
        if found:
            best = min(best, int(found.lastgroup[1:]))
    n_words = len(words)
    if best > _PRIORITY["share-widget"] and n_words <= 20 and _is_share_line(words):
        best = _PRIORITY["share-widget"]
    if best > _PRIORITY["read-more"]:
        tail = text[-48:]
        if (tail.endswith(_TAIL_ENDINGS) or not _TAIL_TRIGGERS.isdisjoint(words[-5:])) and _READ_MORE_TAIL.search(tail):
            best = _PRIORITY["read-more"]
    if best < len(_CATEGORIES):
        return _CATEGORIES[best][0]
    if n_words <= 14 and _is_date_line(words, text):
        return "date"
    sentence = line.sentence
    if not sentence and n_words <= 6 and _is_section_heading(words):
        return "related-links"
    tail = text[-90:]
    if ("©" in tail or ":" in tail or "(c)" in tail) and _CREDIT_TAIL.search(tail):
        return "photo-credit"
    if not sentence and line.n_words <= 12 and _BYLINE_RX.match(text):
        return "byline"
    if line.n_words <= 24 and _PUBLISHED_BY.match(text):
        return "byline"
    if not sentence and (
        _NAVIGATION_RX.match(text)
        or (("|" in text or "•" in text or "·" in text) and _NAVIGATION_FREE.search(text))
        or _arrow_line(text)
        or (n_words <= 8 and _is_nav_line(words))
    ):
        return "navigation"
    return None


# A list item: a bullet, dash or number at its start ("– Shintô", "1) Mehl", "• 200 g Zucker").
_LIST_ITEM = re.compile(r"(?:[-–—•·*▪►✓✔]|\d{1,2}[.)])\s")


def _list_item(line: _Line) -> bool:
    """A list item or the line that introduces a list (ending with a colon), not a date."""
    text = line.text
    if text.endswith(":"):
        return True
    if not _LIST_ITEM.match(text):
        return False
    return not (text[:1].isdigit() and (_DATE_SHAPE.search(text[:12]) or not _DATE_WORDS.isdisjoint(line.words[:3])))


def _score(line: _Line) -> None:
    if not line.text:
        line.kind = "furniture"
        line.score = 0.0
        return
    if line.reason is not None:
        line.kind = "furniture"
        if line.reason in _IN_TEXT_REASONS:
            line.score = FURNITURE_IN_TEXT
        else:
            line.score = FURNITURE_PAGE
        return
    density = line.density
    dense = line.sentence if density is None else density >= GOOD_DENSITY
    if line.n_chars >= GOOD_CHARS and dense and line.n_words >= 8:
        line.kind = "good"
        line.score = GOOD_BASE + min(line.n_chars, GOOD_CAP_CHARS) * GOOD_PER_CHAR
        if not line.sentence:
            line.score *= HEADLINE_FACTOR
    elif line.n_chars >= GOOD_CHARS and density is not None and density < BAD_DENSITY and not line.sentence:
        line.kind = "bad"
        line.score = BAD
    elif line.sentence and line.n_words >= 3 and (density is None or density >= BAD_DENSITY):
        line.kind = "near"
        line.score = NEAR_GOOD
    elif line.n_words >= 3 and _list_item(line):
        line.kind = "near"
        line.score = LIST_ITEM
    elif line.n_words <= 3:
        line.kind = "short"
        line.score = SHORT
    else:
        line.kind = "medium"
        line.score = MEDIUM


def _max_segment(scores: list[float], start: int, end: int) -> tuple[int, int] | None:
    """The maximum-sum contiguous segment of scores[start:end] as (first, last), or None."""
    best_sum = 0.0
    best: tuple[int, int] | None = None
    run_sum = 0.0
    run_start = start
    for i in range(start, end):
        if run_sum <= 0:
            run_sum = 0.0
            run_start = i
        run_sum += scores[i]
        if run_sum > best_sum:
            best_sum = run_sum
            best = (run_start, i)
    return best


_MISSING = object()


def _read_lines(text: str, repeated: frozenset[str]) -> list[_Line]:
    """Split, cut shortcodes, measure and pattern-match every non-empty line (no scores yet)."""
    lines: list[_Line] = []
    for raw in text.splitlines():
        stripped = " ".join(raw.split())
        if not stripped:
            continue
        if "[" in stripped:
            body, cut = _cut_shortcodes(stripped)
            lines.append(_Line(body, tuple(cut)))
        else:
            lines.append(_Line(stripped))
    if not lines:
        return lines
    # Language from prose-like lines (6+ words): menus and names say little about it.
    stoplists = _pick_stoplists(line.words for line in lines if len(line.words) >= 6) or _pick_stoplists(
        line.words for line in lines
    )
    # A line's stopwords are those of any of the page's languages (the union: one lookup a word).
    stopwords = frozenset().union(*stoplists) if len(stoplists) > 1 else (stoplists[0] if stoplists else None)
    cache: dict[str, str | None] = {}  # pattern results of repeated lines (menus, footers)
    for line in lines:
        if not line.text:
            continue
        words = line.words
        if stopwords is not None and words:
            line.density = len([w for w in words if w in stopwords]) / len(words)
        reason = cache.get(line.text, _MISSING)
        if reason is _MISSING:
            reason = cache[line.text] = _pattern_reason(line)
        line.reason = reason
        if line.reason is None and repeated and line.key in repeated:
            line.reason = "repeated-in-outlet"
    return lines


def _extend(lines: list[_Line], scores: list[float], first: int, last: int, lo: int, hi: int) -> tuple[int, int]:
    """Grow the block [first, last] over gaps towards neighbouring prose: negative scores count
    GAP_WEIGHT of their value, and no barrier line (page furniture, end cues) is crossed."""
    best, best_at, run = 0.0, first, 0.0
    for i in range(first - 1, lo - 1, -1):
        if lines[i].reason in _BARRIER_BEFORE:
            break
        s = scores[i]
        run += s if s > 0 else s * GAP_WEIGHT
        if run > best:
            best, best_at = run, i
    first = best_at
    best, best_at, run = 0.0, last, 0.0
    for i in range(last + 1, hi):
        if lines[i].reason in _BARRIER_AFTER:
            break
        s = scores[i]
        run += s if s > 0 else s * GAP_WEIGHT_AFTER
        if run > best:
            best, best_at = run, i
    return first, best_at


def _select(lines: list[_Line], title: str | None = None) -> tuple[list[bool], list[str | None], int]:
    """Choose the article among scored lines: (keep flags, reasons for removed lines, lead)."""
    n = len(lines)
    for line in lines:
        _score(line)

    # 4a. Comments end the article: a comment heading or form after enough prose cuts the rest.
    end = n
    prose_chars = 0
    for i, line in enumerate(lines):
        if line.reason in _COMMENT_CUES and prose_chars >= (
            FORM_MIN_GOOD_CHARS if line.reason == "comment-form" else END_CUE_MIN_GOOD_CHARS
        ):
            end = i
            break
        if line.kind == "good" and line.sentence:
            prose_chars += line.n_chars

    # 4b. The main block: the maximum-sum segment.
    scores = [line.score for line in lines]
    segment = _max_segment(scores, 0, end)
    if segment is None:
        # No prose anywhere (a headline-only text, a list): keep the lines that could be content,
        # LEAD_MIN_WORDS words or more that no pattern names; menus and furniture go.
        keep = [i < end and line.reason is None and line.n_words >= LEAD_MIN_WORDS for i, line in enumerate(lines)]
        reasons: list[str | None] = [
            None if kept else line.reason or ("comments" if i >= end else "navigation")
            for i, (kept, line) in enumerate(zip(keep, lines))
        ]
        lead = keep.index(True) if True in keep else -1
        return keep, reasons, lead
    first, last = segment

    # 4c. Related links, an author bio or comments after the lead end the article; a related-links
    # box after which the article resumes is only skipped.
    lead = _find_lead(lines, first, last)
    zone_starts: dict[int, str] = {}  # where a heading or a bio ends the article, and its reason
    boxes: list[tuple[int, int]] = []  # related-link boxes inside the article, skipped
    in_box = [False] * n
    if lead >= 0:
        prose_chars = 0
        i = first
        while i <= last:
            line = lines[i]
            if line.reason in _END_CUE_REASONS and i > lead and prose_chars >= END_CUE_MIN_GOOD_CHARS:
                resume = _resume_after_box(lines, i, last) if line.reason == "related-links" else -1
                if resume < 0:
                    last = i - 1
                    break
                boxes.append((i, resume - 1))
                for j in range(i, resume):
                    in_box[j] = True
                i = resume
                continue
            if line.kind == "good" and line.sentence:
                prose_chars += line.n_chars
            i += 1

    # 4d. Trim the tail: the best end when gap lines weigh more than in the block search (what
    # follows an article is more often teasers than what precedes it). Skipped boxes are no gap.
    best, best_at, run = float("-inf"), last, 0.0
    for i in range(first, last + 1):
        if in_box[i]:
            continue
        s = scores[i]
        run += s if s > 0 else s * TAIL_WEIGHT
        if run > best:
            best, best_at = run, i
    if best_at < last:
        last = best_at
        boxes = [(start, stop) for start, stop in boxes if start <= last]

    # 4e. Grow the block backwards over small gaps to nearby prose and to a lead just before it;
    # an author bio at its end ends it.
    first, last = _extend(lines, scores, first, last, 0, end)
    first = _lead_before(lines, first)
    lead = _find_lead(lines, first, last)
    if lead >= 0:
        bio = _find_bio(lines, lead, last)
        if bio >= 0:
            zone_starts[bio] = "author-bio"
            last = bio - 1

    # 5. Keep the block, less its furniture and its related-link boxes. After the block, a line
    # no pattern names takes the reason of the last heading above it (related links, author bio,
    # comments) until the page's footer (copyright, cookie notice) starts.
    box_line = [False] * n
    for start, stop in boxes:
        for i in range(start, stop + 1):
            box_line[i] = True
    keep = [False] * n
    reasons: list[str | None] = [None] * n
    zone: str | None = None
    for i, line in enumerate(lines):
        if i > last:
            if i in zone_starts:
                zone = zone_starts[i]
            elif line.reason in _END_CUE_REASONS:
                zone = "comments" if line.reason in _COMMENT_CUES else line.reason
            elif line.reason in _ZONE_END_REASONS:
                zone = None
        if line.reason is not None:
            reasons[i] = line.reason
        elif i > last and zone is not None:
            reasons[i] = zone
        elif box_line[i]:
            reasons[i] = "related-links"
        elif i < first or i > last:
            short = line.kind == "short" or (line.kind == "medium" and line.n_words <= 6)
            reasons[i] = "navigation" if short else "boilerplate"
        else:
            keep[i] = True

    # 6a. The title repeated as the first line of the text or of the article.
    if title:
        title_key = normalise_line(title)
        if title_key:
            # The title repeated anywhere before the lead: as the text's first line, after a skip
            # link, or as the block's headline.
            for i in range(0, max(lead, first) + 1):
                if i != lead and _same_title(lines[i].key, title_key):
                    keep[i] = False
                    reasons[i] = "title-repeat"

    # 6b. Repeated captions: a line that repeats an earlier line of the article.
    seen: set[str] = set()
    for i in range(first, last + 1):
        if not keep[i]:
            continue
        key = lines[i].lower  # the same line, up to case (not normalise_line: digits matter here)
        if key in seen and CAPTION_MIN_WORDS <= lines[i].n_words <= CAPTION_MAX_WORDS:
            keep[i] = False
            reasons[i] = "repeated-caption"
        else:
            seen.add(key)

    # 6c. The lead guard: the first substantial prose line of the article is never removed.
    if lead >= 0 and not keep[lead]:
        keep[lead] = True
        reasons[lead] = None
    return keep, reasons, lead


def _analyse(
    text: str, *, title: str | None = None, repeated: frozenset[str] = frozenset()
) -> tuple[list[_Line], list[bool], list[str | None], int]:
    """Classify every non-empty line: (lines, keep flags, reasons for removed lines, lead index)."""
    lines = _read_lines(text, repeated)
    if not lines:
        return [], [], [], -1
    keep, reasons, lead = _select(lines, title)
    return lines, keep, reasons, lead


def _resume_after_box(lines: list[_Line], cue: int, last: int) -> int:
    """Where the article resumes after a related-links box that starts at ``cue``: the first run
    of RESUME_RUN consecutive prose lines (teaser lists alternate headline and summary, so they
    have no such run). -1 when the article does not resume: the box ends it."""
    if RESUME_RUN <= 0:
        return -1
    run = 0
    for i in range(cue + 1, last + 1):
        line = lines[i]
        if line.reason is None and line.kind == "good" and line.sentence:
            run += 1
            if run >= RESUME_RUN:
                return i - RESUME_RUN + 1
        else:
            run = 0
    return -1


def _find_bio(lines: list[_Line], lead: int, last: int) -> int:
    """Where an author bio starts at the end of the block (-1 if none): a line that introduces a
    person ("Inga Buller ist Head of Social bei CHIP") and names a role, with at most
    BIO_MAX_GOOD_AFTER good lines after it, together with the name or heading lines just before."""
    good_after = 0
    for i in range(last, lead, -1):
        line = lines[i]
        if line.kind == "good":
            if good_after >= BIO_MAX_GOOD_AFTER:
                break
            good_after += 1
        if line.n_chars <= 2 * PATTERN_MAX_CHARS and _BIO.match(line.text) and _BIO_ROLE.search(line.text[:300]):
            start = i
            while start - 1 > lead and lines[start - 1].n_words <= 4 and not lines[start - 1].sentence:
                start -= 1
            return start
    return -1


def _same_title(key: str, title_key: str) -> bool:
    """Is a line (by its normalise_line key) the title? Equal, or the title with the site name
    appended ("Title - Outlet", "Title | Outlet")."""
    if not key:
        return False
    if key == title_key:
        return True
    # The rest must be a short site name after a separator, and the line most of the title.
    rest = title_key[len(key) :]
    return (
        title_key.startswith(key)
        and rest[:3] in (" - ", " | ", " – ", " — ", " · ")
        and len(key) >= 2 * len(rest)
    )


def _lead_before(lines: list[_Line], first: int) -> int:
    """Start the block earlier when a sentence sits just before it, separated only by in-text
    furniture or short lines: a short lead, or a lead that a rule took for a caption or a byline,
    belongs to the article."""
    for i in range(first - 1, max(first - 1 - LEAD_LOOKBACK, -1), -1):
        line = lines[i]
        if line.reason is not None and line.reason not in _LEAD_MAY_OVERRIDE:
            break
        if _lead_like(line, opening=True):
            return i
    return first


def _lead_like(line: _Line, *, opening: bool = False) -> bool:
    """Could this line be the lead paragraph? LEAD_MIN_WORDS words that read as a sentence, not
    page furniture. At the opening of the block, a line twice as long that ends with a photo
    credit qualifies too (leads of agency copy: "... on Sunday. REUTERS/Omar Sanadiki")."""
    if line.n_words < LEAD_MIN_WORDS or not (line.reason is None or line.reason in _LEAD_MAY_OVERRIDE):
        return False
    if line.sentence or (line.reason is None and line.kind == "good"):
        return True
    return opening and line.reason == "photo-credit" and line.n_words >= 2 * LEAD_MIN_WORDS


def _find_lead(lines: list[_Line], first: int, last: int) -> int:
    """The first substantial prose line of the block: LEAD_MIN_WORDS words that read as a
    sentence, not matched as page furniture."""
    for i in range(first, last + 1):
        if _lead_like(lines[i], opening=i == first):
            return i
    return -1


def clean_text(
    text: str, *, title: str | None = None, repeated: frozenset[str] = frozenset()
) -> tuple[str, list[Removed]]:
    """Return (main_text, removed). main_text = the kept lines joined with "\\n"; removed = every
    dropped stretch with a reason.

    Lines are compared and returned with their whitespace collapsed; empty lines are dropped.
    ``title`` (the document's title, when known) lets a repetition of it before the lead go as
    ``title-repeat``. ``repeated`` holds ``normalise_line`` keys of lines that recur across the
    outlet's articles; such lines go as ``repeated-in-outlet``. Every non-empty input line ends up
    either in main_text or, with one of ``REASONS``, in removed (a shortcode cut from a line is
    removed on its own, the rest of the line follows the line's fate); the lead paragraph is
    always kept.
    """
    if not text:
        return "", []
    # Lone surrogates (text decoded with errors="surrogateescape") cannot be encoded, hashed or
    # stored: they become U+FFFD, like any other undecodable byte.
    text = no_surrogates(text)
    lines, keep, reasons, _lead = _analyse(text, title=title, repeated=repeated)
    kept: list[str] = []
    removed: list[Removed] = []
    for line, kept_flag, reason in zip(lines, keep, reasons):
        for code in line.cut:
            removed.append(Removed(text=code, reason="shortcode"))
        if not line.text:
            continue
        if kept_flag:
            kept.append(line.text)
        else:
            removed.append(Removed(text=line.text, reason=reason or "boilerplate"))
    return "\n".join(kept), removed
