"""The flattened-text cleaner (sitrep.clean.flat) and the HTML flattener (sitrep.clean.flatten)."""

from __future__ import annotations

import random
import re
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep.clean.flat import REASONS, clean_text, normalise_line
from sitrep.clean.flatten import flatten_html

# ----------------------------------------------------------------------------------------------
# Hand-written inputs
# ----------------------------------------------------------------------------------------------

TITLE = "Syrian army retakes Palmyra from Islamic State"

LEAD = (
    "Syrian government forces backed by Russian air strikes recaptured the ancient city of "
    "Palmyra from Islamic State fighters on Sunday, the army said in a statement."
)
P2 = (
    "The army said its units were clearing mines and explosives planted by the militants in the "
    "historic part of the city, where the group destroyed several temples last year."
)
P3 = (
    "The Syrian Observatory for Human Rights, a monitoring group based in Britain, said at least "
    "400 Islamic State fighters had been killed in the three-week offensive on the city."
)
P4 = (
    "President Bashar al-Assad called the recapture an important achievement and said it showed "
    "the effectiveness of the strategy pursued by the army and its allies against terrorism."
)
P5 = (
    "Residents who fled the fighting said they were waiting for the army to allow them back into "
    "their homes, many of which were damaged or looted during the months of occupation."
)
CAPTION = "A Syrian soldier stands guard among the ruins of the ancient city of Palmyra."

ARTICLE = f"""Skip to content
{TITLE}
Share this: Facebook Twitter WhatsApp
{LEAD}
[fvplayer id="12"]{P2}
{CAPTION}
{P3}
READ MORE: Russia says it will keep its air base in Syria
Click here to read more
{CAPTION}
{P4}
Advertisement
{P5}
Source: News Agencies
About the author
Jane Doe is a correspondent covering the Middle East for the agency since 2012.
Last 5 posts by Jane Doe
Aleppo ceasefire collapses after two days
UN envoy calls for new talks in Geneva
12 Comments
Leave a Reply
Your email address will not be published. Required fields are marked *
Name * Email *
Ahmed says: this is the best news I have read all year, thank you for the report.
Post Comment
"""


def reasons_of(removed):
    return {item.text: item.reason for item in removed}


def main_lines(text: str) -> list[str]:
    return text.split("\n") if text else []


# ----------------------------------------------------------------------------------------------
# Article text with furniture mixed in (scraped conflict-news corpora)
# ----------------------------------------------------------------------------------------------


def test_article_keeps_its_paragraphs_in_order():
    main, _ = clean_text(ARTICLE, title=TITLE)
    assert main_lines(main) == [LEAD, P2, CAPTION, P3, P4, P5]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Skip to content", "skip-link"),
        (TITLE, "title-repeat"),
        ("Share this: Facebook Twitter WhatsApp", "share-widget"),
        ("READ MORE: Russia says it will keep its air base in Syria", "read-more"),
        ("Click here to read more", "read-more"),
        (CAPTION, "repeated-caption"),
        ("Advertisement", "advertisement"),
        ("Source: News Agencies", "source-trailer"),
        ("About the author", "author-bio"),
        ("Jane Doe is a correspondent covering the Middle East for the agency since 2012.", "author-bio"),
        ("Last 5 posts by Jane Doe", "author-bio"),
        ("12 Comments", "comments"),
        ("Leave a Reply", "comment-form"),
        ("Your email address will not be published. Required fields are marked *", "comment-form"),
        ("Name * Email *", "comment-form"),
        ("Ahmed says: this is the best news I have read all year, thank you for the report.", "comments"),
        ("Post Comment", "comment-form"),
    ],
)
def test_article_furniture_is_removed_with_its_reason(line, reason):
    main, removed = clean_text(ARTICLE, title=TITLE)
    assert line not in main_lines(main) or line == CAPTION  # the first caption stays
    assert reasons_of(removed)[line] == reason


def test_shortcode_inside_a_line_is_cut_and_the_line_kept():
    main, removed = clean_text(ARTICLE, title=TITLE)
    assert P2 in main_lines(main)
    assert "[fvplayer" not in main
    assert any(item.text == '[fvplayer id="12"]' and item.reason == "shortcode" for item in removed)


def test_shortcode_alone_and_closing_shortcodes():
    text = f'[caption id="attachment_9" width="300"]{CAPTION}[/caption]\n{LEAD}\n{P2}\n[embed]\n{P3}'
    main, removed = clean_text(text)
    codes = [item.text for item in removed if item.reason == "shortcode"]
    assert codes == ['[caption id="attachment_9" width="300"]', "[/caption]", "[embed]"]
    assert "[" not in main
    assert LEAD in main and P3 in main


def test_brackets_that_are_not_shortcodes_stay():
    line = "The monitor said [at least] 12 people were killed in the attack on the town on Monday [1]."
    main, removed = clean_text(f"{line}\n{P2}\n{P3}")
    assert line in main_lines(main)
    assert not [item for item in removed if item.reason == "shortcode"]


def test_title_repeat_with_site_name():
    main, removed = clean_text(f"{TITLE}\n{LEAD}\n{P2}\n{P3}", title=f"{TITLE} - Al Jazeera")
    assert reasons_of(removed)[TITLE] == "title-repeat"
    assert main_lines(main)[0] == LEAD


def test_no_title_given_keeps_nothing_from_title_logic():
    main, _ = clean_text(f"{LEAD}\n{P2}\n{P3}")
    assert main_lines(main) == [LEAD, P2, P3]


def test_repeated_in_outlet_lines_are_removed():
    slogan = "Your trusted source for news from the Levant"
    text = f"{slogan}\n{LEAD}\n{P2}\n{slogan}\n{P3}"
    main, removed = clean_text(text, repeated=frozenset({normalise_line(slogan)}))
    assert slogan not in main
    assert [item.reason for item in removed if item.text == slogan] == ["repeated-in-outlet"] * 2


# ----------------------------------------------------------------------------------------------
# The lead guard
# ----------------------------------------------------------------------------------------------


def test_short_lead_survives():
    lead = "Three soldiers were killed."
    main, _ = clean_text(f"Skip to content\n{TITLE}\n{lead}\n{P2}\n{P3}\n{P4}", title=TITLE)
    assert main_lines(main)[0] == lead


def test_lead_that_looks_like_a_caption_survives():
    lead = "Syrian soldiers patrol the ancient city of Palmyra after retaking it on Sunday. REUTERS/Omar Sanadiki"
    main, _ = clean_text(f"{TITLE}\n{lead}\n{P2}\n{P3}\n{P4}", title=TITLE)
    assert main_lines(main)[0] == lead


def test_lead_that_is_repeated_later_as_a_caption_survives_once():
    main, removed = clean_text(f"{LEAD}\n{P2}\n{P3}\n{LEAD}\n{P4}")
    assert main_lines(main) == [LEAD, P2, P3, P4]
    assert reasons_of(removed)[LEAD] == "repeated-caption"


def test_lead_survives_even_when_the_outlet_repeats_it():
    main, _ = clean_text(f"{LEAD}\n{P2}\n{P3}", repeated=frozenset({normalise_line(LEAD)}))
    assert main_lines(main)[0] == LEAD


def test_lead_survives_a_byline_look():
    lead = "By the time the army arrived, the militants had left the city and blown up its prison."
    main, _ = clean_text(f"{TITLE}\nBy Jane Doe\n{lead}\n{P2}\n{P3}")
    assert main_lines(main)[0] == lead


# ----------------------------------------------------------------------------------------------
# Whole flattened web pages
# ----------------------------------------------------------------------------------------------

WEB_PAGE = f"""Home
News
World
Middle East
Sport
Business
Search
Menu
We use cookies to improve your experience on our website. By continuing you agree to our cookie policy.
Accept
Home > News > Middle East
{TITLE}
By Jane Doe
12 March 2016, 10:32
Share
Facebook
Twitter
Email
{LEAD}
{P2}
{P3}
Photo: Getty Images
{P4}
{P5}
Tags: Syria, Palmyra, Islamic State
Related articles
Aleppo ceasefire collapses after two days of heavy fighting in the north
UN envoy calls for new talks in Geneva as fighting continues across the country
Most read
Ten things you need to know about the new tax rules this year
3 comments
Leave a comment
Anna wrote: I was in Palmyra before the war and it was the most beautiful place I have ever seen.
About us
Contact
Privacy policy
© 2016 Example News Ltd. All rights reserved.
"""


def test_web_page_keeps_the_article_only():
    main, removed = clean_text(WEB_PAGE)
    assert main_lines(main) == [LEAD, P2, P3, P4, P5]
    got = reasons_of(removed)
    assert got["Home"] == "navigation"
    assert got["Home > News > Middle East"] == "navigation"
    cookies = "We use cookies to improve your experience on our website. By continuing you agree to our cookie policy."
    assert got[cookies] == "cookie-notice"
    assert got["By Jane Doe"] == "byline"
    assert got["12 March 2016, 10:32"] == "date"
    assert got["Facebook"] == "share-widget"
    assert got["Photo: Getty Images"] == "photo-credit"
    assert got["Tags: Syria, Palmyra, Islamic State"] == "tags"
    assert got["Related articles"] == "related-links"
    assert got["3 comments"] == "comments"
    assert got["Leave a comment"] == "comment-form"
    assert got["© 2016 Example News Ltd. All rights reserved."] == "copyright"


GERMAN_PAGE = """Zum Inhalt springen
Startseite
Politik
Wirtschaft
Kultur
Suche
Regierung beschließt neues Klimapaket
Veröffentlicht am 6. Juli 2015 von Anna Schmidt
Die Bundesregierung hat am Mittwoch ein neues Klimapaket beschlossen, das den Ausstoß von Treibhausgasen bis zum Jahr 2030 deutlich senken soll.
Nach Angaben des Umweltministeriums sollen dafür in den kommenden Jahren mehrere Milliarden Euro in den Ausbau der erneuerbaren Energien fließen.
Kritik kam von den Umweltverbänden, denen die Maßnahmen nicht weit genug gehen, und von der Opposition im Bundestag, die von einem Flickwerk sprach.
Lesen Sie auch: Was das Klimapaket für Pendler bedeutet
Ob das Paket die Ziele erreicht, wird sich nach Ansicht der meisten Fachleute erst in einigen Jahren zeigen, wenn die ersten Zahlen vorliegen.
Teilen
Das könnte Sie auch interessieren
Neue Regeln für Mieter ab Januar
Schreibe einen Kommentar
Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert.
Impressum | Datenschutz
"""


def test_german_page():
    main, removed = clean_text(GERMAN_PAGE)
    lines = main_lines(main)
    assert lines[0].startswith("Die Bundesregierung hat am Mittwoch")
    assert lines[-1].startswith("Ob das Paket die Ziele erreicht")
    assert len(lines) == 4
    got = reasons_of(removed)
    assert got["Zum Inhalt springen"] == "skip-link"
    assert got["Veröffentlicht am 6. Juli 2015 von Anna Schmidt"] == "byline"
    assert got["Lesen Sie auch: Was das Klimapaket für Pendler bedeutet"] == "read-more"
    assert got["Teilen"] == "share-widget"
    assert got["Das könnte Sie auch interessieren"] == "related-links"
    assert got["Schreibe einen Kommentar"] == "comment-form"
    form = "Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert."
    assert got[form] == "comment-form"


FRENCH_PAGE = """Aller au contenu
Accueil
Actualités
Le gouvernement présente son budget pour l'année prochaine
Le gouvernement a présenté mercredi en conseil des ministres un budget qui prévoit une baisse des dépenses publiques et une hausse des investissements dans la santé.
Selon le ministre de l'Économie, le déficit devrait revenir sous la barre des trois pour cent du produit intérieur brut d'ici à la fin de l'année prochaine.
L'opposition a dénoncé un budget qui ne répond pas aux attentes des Français, tandis que les syndicats ont appelé à une journée de mobilisation le mois prochain.
À lire aussi
Les retraites au cœur du débat
Laisser un commentaire
Votre adresse e-mail ne sera pas publiée.
"""


def test_french_page():
    main, removed = clean_text(FRENCH_PAGE)
    lines = main_lines(main)
    assert len(lines) == 3 and lines[0].startswith("Le gouvernement a présenté")
    got = reasons_of(removed)
    assert got["Aller au contenu"] == "skip-link"
    assert got["À lire aussi"] == "related-links"
    assert got["Laisser un commentaire"] == "comment-form"
    assert got["Votre adresse e-mail ne sera pas publiée."] == "comment-form"


def test_related_box_inside_an_article_does_not_end_it():
    text = f"{LEAD}\n{P2}\n{P3}\nRelated articles\nAleppo ceasefire collapses\nUN envoy calls for talks\n{P4}\n{P5}"
    main, removed = clean_text(text)
    assert main_lines(main) == [LEAD, P2, P3, P4, P5]
    assert reasons_of(removed)["Aleppo ceasefire collapses"] == "related-links"


def test_comment_count_under_the_headline_does_not_cut_the_article():
    text = f"{TITLE}\n12 Comments\n{LEAD}\n{P2}\n{P3}\n{P4}"
    main, removed = clean_text(text)
    assert main_lines(main) == [LEAD, P2, P3, P4]
    assert reasons_of(removed)["12 Comments"] == "comments"


# ----------------------------------------------------------------------------------------------
# Nothing is lost silently
# ----------------------------------------------------------------------------------------------


def assert_nothing_lost(text: str, **kwargs) -> None:
    main, removed = clean_text(text, **kwargs)
    assert all(item.reason in REASONS for item in removed), {item.reason for item in removed} - REASONS
    kept = set(main_lines(main))
    removed_texts = [item.text for item in removed]
    removed_set = set(removed_texts)
    codes = [item.text for item in removed if item.reason == "shortcode"]
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if not line:
            continue
        if line in kept or line in removed_set:
            continue
        # A line with shortcodes cut out: the rest is kept or removed, the codes are removed.
        rest = line
        for code in codes:
            rest = rest.replace(code, " ")
        rest = " ".join(rest.split())
        assert rest != line, f"line lost: {line!r}"
        assert not rest or rest in kept or rest in removed_set, f"line lost: {line!r}"
    # and nothing is invented: every kept line comes from the input
    source = " ".join(text.split())
    for line in kept:
        assert line in source or any(line in " ".join(r.split()) for r in text.splitlines())


@pytest.mark.parametrize("text", [ARTICLE, WEB_PAGE, GERMAN_PAGE, FRENCH_PAGE, "", "\n\n  \n", "one line"])
def test_nothing_is_lost(text):
    assert_nothing_lost(text, title=TITLE)


def test_every_line_in_exactly_one_place():
    main, removed = clean_text(WEB_PAGE)
    non_empty = [" ".join(line.split()) for line in WEB_PAGE.splitlines() if line.strip()]
    assert len(main_lines(main)) + len(removed) == len(non_empty)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(min_size=0, max_size=120), min_size=0, max_size=40))
def test_random_unicode_never_raises_and_loses_nothing(lines):
    text = "\n".join(lines)
    assert_nothing_lost(text)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab [/]=\"':.©|»«-–\n\t0123456789é漢")), max_size=400))
def test_random_furniture_characters_never_raise(text):
    assert_nothing_lost(text, title="a b")


# ----------------------------------------------------------------------------------------------
# Hostile input: linear time, no catastrophic backtracking
# ----------------------------------------------------------------------------------------------

# Bounds are generous: the suite runs on shared two-core machines. Unloaded, these take about a
# second each.
HOSTILE_SECONDS = 12


def timed(text: str) -> float:
    start = time.perf_counter()
    clean_text(text, title="x")
    return time.perf_counter() - start


def test_five_megabyte_single_line():
    assert timed("The army said on Monday that it had retaken the town. " * 95_000) < HOSTILE_SECONDS


def test_five_megabytes_of_brackets_and_quotes():
    assert timed('[a b="' * 900_000) < HOSTILE_SECONDS


def test_two_hundred_thousand_short_lines():
    rng = random.Random(7)
    words = ["Home", "News", "Share", "the", "army", "said", "12", "Read", "more", "©", "»", "Photo:"]
    text = "\n".join(" ".join(rng.choice(words) for _ in range(rng.randint(1, 5))) + f" {i}" for i in range(200_000))
    assert timed(text) < HOSTILE_SECONDS


@pytest.mark.parametrize(
    "line",
    [
        "a " * 100 + "cookie " + "use " * 100,
        "read more " * 50,
        "by " + "x " * 300,
        "published " + "on " * 200 + "by",
        "© " * 500,
        "[" * 500 + "]" * 500,
        "home > " * 300,
        "1 " * 2000,
        "ab" * 100 + ":" + " x" * 100,
    ],
)
def test_pattern_stress_lines(line):
    assert timed("\n".join([line] * 200)) < HOSTILE_SECONDS / 4


# ----------------------------------------------------------------------------------------------
# normalise_line
# ----------------------------------------------------------------------------------------------


def test_normalise_line():
    assert normalise_line("  Follow us on   Twitter! ") == "follow us on twitter"
    assert normalise_line("© 2016 Cox Media Group.") == normalise_line("© 2017 Cox Media Group.")
    assert normalise_line("ＦＵＬＬＷＩＤＴＨ") == "fullwidth"
    assert normalise_line("...") == ""


# ----------------------------------------------------------------------------------------------
# flatten_html
# ----------------------------------------------------------------------------------------------


def test_flatten_blocks_and_inline_elements():
    html = (
        "<html><head><title>T</title><style>p{}</style></head><body>"
        "<nav><ul><li><a href='/'>Home</a></li><li>About <b>us</b></li></ul></nav>"
        "<h1>Headline</h1><p>Hello <em>world</em>,\n  this is<br>a <a href='#'>test</a>.</p>"
        "<table><tr><td>1</td><td>2</td></tr></table><div>tail</div></body></html>"
    )
    expected = ["Home", "About us", "Headline", "Hello world, this is", "a test.", "1", "2", "tail"]
    assert flatten_html(html).split("\n") == expected


def test_flatten_drops_invisible_content():
    html = (
        "<body><script>var x = 1;</script><noscript>enable js</noscript><template>t</template>"
        "<svg><text>svg</text></svg><div hidden>h1</div><div aria-hidden='true'>h2</div>"
        "<div style='color:red; display: none'>h3</div><p>visible<!-- comment --> text</p>"
        "<span style='visibility:hidden'>h4</span></body>"
    )
    assert flatten_html(html) == "visible text"


def test_flatten_keeps_text_after_skipped_elements():
    assert flatten_html("<p>before<script>x</script> after</p>") == "before after"


def test_flatten_pre_keeps_its_lines():
    assert flatten_html("<pre>line one\n  line   two</pre>") == "line one\nline two"


def test_flatten_robust_to_bad_input():
    assert flatten_html("") == ""
    assert flatten_html("   ") == ""
    assert flatten_html(None) == ""  # type: ignore[arg-type]
    assert flatten_html("\x00\x01<p>a</p>") == "a"
    assert flatten_html("<?xml version='1.0' encoding='utf-8'?><p>x</p>") == "x"
    deep = "<div>" * 100_000 + "deep" + "</div>" * 100_000
    start = time.perf_counter()
    flatten_html(deep)  # no recursion error; libxml2 bounds the depth
    assert time.perf_counter() - start < HOSTILE_SECONDS


def test_flatten_large_page_is_fast():
    block = "<div><p>Some <b>bold</b> text and a <a href='#'>link</a>.</p></div>"
    html = "<html><body>" + block * 50_000 + "</body></html>"
    start = time.perf_counter()
    flat = flatten_html(html)
    assert time.perf_counter() - start < HOSTILE_SECONDS
    assert flat.count("\n") == 49_999


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=300))
def test_flatten_never_raises(html):
    out = flatten_html(html)
    assert isinstance(out, str)
    assert "\n\n" not in out
    assert all(line == " ".join(line.split()) and line for line in out.split("\n") if out)


def test_flatten_then_clean_round_trip():
    html = "<body><nav><a>Home</a><a>News</a></nav><article>" + "".join(
        f"<p>{p}</p>" for p in (LEAD, P2, P3, P4)
    ) + "</article><footer>© 2016 Example News Ltd. All rights reserved.</footer></body>"
    main, _ = clean_text(flatten_html(html))
    assert main_lines(main) == [LEAD, P2, P3, P4]
    assert re.search("Home", main) is None


# ----------------------------------------------------------------------------------------------
# Furniture wording across languages (one line among article paragraphs)
# ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Jump to navigation", "skip-link"),
        ("Direkt zum Inhalt", "skip-link"),
        ("Ir al contenido", "skip-link"),
        ("23 Kommentare", "comments"),
        ("2 thoughts on “Syrian army retakes Palmyra”", "comments"),
        ("Comments are closed.", "comments"),
        ("Hinterlasse einen Kommentar", "comment-form"),
        ("Deja un comentario", "comment-form"),
        ("Save my name, email, and website in this browser for the next time I comment.", "comment-form"),
        ("Notify me of new posts by email.", "comment-form"),
        ("Your email address will not be published.", "comment-form"),
        ("Il tuo indirizzo email non sarà pubblicato.", "comment-form"),
        ("This site uses Akismet to reduce spam.", "comment-form"),
        ("You must be logged in to post a comment.", "comment-form"),
        ("Para comentar debes registrarte y completar los datos.", "comment-form"),
        ("Über den Autor", "author-bio"),
        ("View all posts by Jane Doe", "author-bio"),
        ("You may also like", "related-links"),
        ("Mehr zum Thema", "related-links"),
        ("Das könnte Sie auch interessieren", "related-links"),
        ("Articles similaires", "related-links"),
        ("Noticias relacionadas", "related-links"),
        ("Top Themen der Redaktion", "related-links"),
        ("Most read", "related-links"),
        ("Share on Facebook", "share-widget"),
        ("Facebook Twitter WhatsApp Email Print", "share-widget"),
        ("Diesen Artikel teilen", "share-widget"),
        ("Like this: Like Loading...", "share-widget"),
        ("Weiterlesen", "read-more"),
        ("Lire aussi : Le budget en débat", "read-more"),
        ("Also read: Russia pledges more aid", "read-more"),
        ("The army said it would continue the offensive … Read more »", "read-more"),
        ("Story continues below advertisement", "advertisement"),
        ("Anzeige", "advertisement"),
        ("Please enable JavaScript to watch this video", "advertisement"),
        ("For the latest news download our app for iOS and Android.", "advertisement"),
        ("Externer Inhalt", "advertisement"),
        ("Sign up for our daily newsletter", "subscription"),
        ("Never miss a story: get the newsletter straight to your inbox.", "subscription"),
        ("Support our journalism with a donation.", "subscription"),
        ("Jetzt spenden", "subscription"),
        ("We use cookies to give you the best experience on our site.", "cookie-notice"),
        ("Diese Website verwendet Cookies. Mit der Nutzung stimmen Sie zu.", "cookie-notice"),
        ("Alle Rechte vorbehalten.", "copyright"),
        ("Copyright 2016 WSMV (Meredith Corporation). All rights reserved.", "copyright"),
        ("This work is licensed under a Creative Commons Attribution 4.0 licence.", "copyright"),
        ("Impressum | Datenschutz | AGB", "copyright"),
        ("Foto: dpa", "photo-credit"),
        ("(Photo: WKRN)", "photo-credit"),
        ("Smoke rises over the old city of Aleppo © Getty Images", "photo-credit"),
        ("Fighters gather near the front line in Raqqa. AFP / Delil Souleiman", "photo-credit"),
        ("Source: Al Jazeera and news agencies", "source-trailer"),
        ("(Reuters)", "source-trailer"),
        ("Additional reporting by John Smith; Editing by Mark Heinrich", "source-trailer"),
        ("Tags: Syria, Palmyra", "tags"),
        ("Filed under: Middle East", "tags"),
        ("Posted in News | Leave a comment", "tags"),
        ("Updated 10:32 GMT, 12 March 2016", "date"),
        ("Mittwoch, 13. Mai 2014", "date"),
        ("Par Jean Dupont", "byline"),
        ("Posted on March 3, 2016 by admin", "byline"),
        ("« Previous post", "navigation"),
        ("Newer Post Older Post Home", "navigation"),
        ("Startseite > Politik > Ausland", "navigation"),
        ("Page 2 of 5", "navigation"),
        ("Back to top", "navigation"),
    ],
)
def test_furniture_wording(line, reason):
    text = f"{LEAD}\n{P2}\n{P3}\n{line}\n{P4}\n{P5}"
    main, removed = clean_text(text)
    assert line not in main_lines(main)
    assert reasons_of(removed)[line] == reason


@pytest.mark.parametrize(
    "line",
    [
        "The monitor said 12 civilians were killed, among them three children.",
        "Share prices fell sharply in Damascus after the announcement on Monday.",
        "Comments by the minister were later withdrawn by his office.",
        "By the end of the week, the army had reached the outskirts of the town.",
        "Source material for the report came from activists inside the city.",
        "Home to more than 50,000 people before the war, the town is now nearly empty.",
    ],
)
def test_article_sentences_that_start_like_furniture_stay(line):
    text = f"{LEAD}\n{P2}\n{line}\n{P3}\n{P4}"
    main, _ = clean_text(text)
    assert line in main_lines(main)
