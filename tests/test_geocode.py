"""Place recognition and resolution (sitrep.geocode, sitrep.nlp).

The spaCy pipeline and the gazetteer are loaded once for the module (a few seconds; the first run on
a machine also builds the gazetteer cache, about half a minute).
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from sitrep.geocode import names as N


@pytest.fixture(scope="module")
def nlp():
    from sitrep.nlp import get_nlp

    return get_nlp()


@pytest.fixture(scope="module")
def find(nlp):
    from sitrep.geocode import find_places

    def run(text: str, **kw):
        places = find_places(text, **kw)
        for p in places:
            assert text[p.start : p.end] == p.text
        return places

    return run


def at(places, text):
    """The place found for the mention ``text`` (first occurrence)."""
    for p in places:
        if p.text == text:
            return p
    raise AssertionError(f"{text!r} not found in {[p.text for p in places]}")


# ----------------------------------------------------------------------------- normalisation


def test_spelling_variants_share_a_key():
    assert N.key("Deir al-Zour") == "deir zour"
    assert N.key("Ar Raqqah") == "raqqah"
    assert N.key("U.S.") == N.key("US") == "us"
    assert N.key("Ma`arrat an Nu`man") == N.key("Maarrat al-Numan")
    assert N.skeleton("Deir Ezzor") == N.skeleton("Dayr az Zawr") == N.skeleton("Deir ez-Zor")
    assert N.skeleton("Tadmor") == N.skeleton("Tadmur")
    assert N.full("El Salvador") == "el salvador" != N.key("El Salvador")
    # A name's abbreviated first words are written out; a street's last word is not.
    assert N.key("St. Joseph") == N.key("Saint Joseph") and N.key("Port St. Lucie") == N.key("Port Saint Lucie")
    assert N.key("Mt. Pleasant") == N.key("Mount Pleasant") and N.key("Ft. Worth") == N.key("Fort Worth")
    assert N.key("Main St.") == "main st"


def test_cache_location_follows_env(monkeypatch, tmp_path):
    from sitrep.geocode import gazetteer

    monkeypatch.setenv("SITREP_CACHE", str(tmp_path))
    path = gazetteer.gazetteer_path()
    assert path.parent == tmp_path
    assert gazetteer.GAZ_VERSION in path.name and gazetteer.fingerprint() in path.name


def test_nlp_is_not_loaded_at_import():
    code = "import sitrep.nlp, sitrep.geocode, sitrep.geocode.resolve; assert sitrep.nlp._NLP is None"
    subprocess.run([sys.executable, "-c", code], check=True)


# ----------------------------------------------------------------------------- recognition


def test_is_is_an_organisation(nlp):
    doc = nlp("IS fighters attacked the town. The IS group claimed the attack.")
    ents = [(e.text, e.label_, e.ent_id_) for e in doc.ents if e.text == "IS"]
    assert ents == [("IS", "ORG", "actor:islamic-state")] * 2
    headline = nlp("WHAT IS NEXT FOR SYRIA")
    assert not any(e.text == "IS" for e in headline.ents)


def test_jordan_country_or_person(find):
    person = find("Michael Jordan said he would play again next season.")
    assert not any(p.text == "Jordan" for p in person)
    country = find("Jordan closed its border with Syria on Tuesday.")
    assert at(country, "Jordan").country_code == "JO"
    assert at(country, "Jordan").feature_code == "PCLI"


def test_palmyra_is_a_place_in_a_syria_article(find):
    places = find("Islamic State fighters withdrew from Palmyra as the Syrian army advanced from Homs.")
    p = at(places, "Palmyra")
    assert p.country_code == "SY" and p.name == "Tadmur"


def test_demonyms_optional(find):
    text = "Russian jets struck the Syrian town of Saraqeb."
    with_adj = find(text)
    assert at(with_adj, "Russian").country_code == "RU"
    without = find(text, demonyms=False)
    assert [p.text for p in without] == ["Saraqeb"]


# ----------------------------------------------------------------------------- resolution


def test_palmyra_new_york(find):
    places = find("Palmyra, New York is a small town east of Rochester.")
    p = at(places, "Palmyra")
    assert p.country_code == "US" and p.admin1 == "New York"


def test_tripoli_by_context(find):
    libya = find("Militias clashed in Tripoli near the airport as Benghazi stayed calm and the Libyan government met.")
    assert at(libya, "Tripoli").country_code == "LY"
    lebanon = find("Hezbollah supporters marched in Tripoli, in northern Lebanon, a day after clashes in Beirut.")
    assert at(lebanon, "Tripoli").country_code == "LB"


def test_homs_city_and_province(find):
    places = find(
        "Airstrikes hit Homs on Monday. Fighting spread across Homs province, and the Homs governorate council met."
    )
    city = places[0]
    assert city.text == "Homs" and city.feature_code.startswith("PPL") and city.precision == "city"
    area = at(places, "Homs province")
    assert area.feature_code == "ADM1" and area.precision == "admin1"
    gov = at(places, "Homs governorate")
    assert gov.geonameid == area.geonameid
    after = find("Clashes were reported in the Aleppo countryside and in Idlib province.")
    assert at(after, "Idlib province").feature_code == "ADM1"


def test_spelling_variants_resolve_alike(find):
    text = "Convoys reached Deir Ezzor, then Deir al-Zour, Dayr az Zawr and Deir ez-Zor. Raqqa and Ar Raqqah too."
    places = find(text)
    ids = {at(places, v).geonameid for v in ("Deir Ezzor", "Deir al-Zour", "Dayr az Zawr", "Deir ez-Zor")}
    assert len(ids) == 1 and None not in ids
    assert at(places, "Raqqa").geonameid == at(places, "Ar Raqqah").geonameid is not None
    airport = find("A drone hit Deir al-Zour airport.")
    assert at(airport, "Deir al-Zour airport").feature_code == "AIRB"


def test_additions_entry(find):
    places = find("Israeli jets struck the T4 airbase near Homs. Iranian drones had flown from Tiyas before.")
    t4 = at(places, "T4 airbase")
    assert t4.geonameid == "sitrep:t4-airbase" and t4.precision == "point" and t4.country_code == "SY"
    assert at(places, "Tiyas").geonameid == t4.geonameid
    assert 34.0 < t4.lat < 35.0 and 37.0 < t4.lon < 38.5


def test_unresolvable_name_leaves_others_resolved(find):
    from sitrep.geocode.recognise import Mention
    from sitrep.geocode.resolve import resolve_mentions

    text = "Clashes erupted in Qwxzvillebourg and in Aleppo, north of Hama."
    mentions = [
        Mention(19, 33, "Qwxzvillebourg", "GPE", "name", "test"),
        Mention(41, 47, "Aleppo", "GPE", "name", "test"),
        Mention(58, 62, "Hama", "GPE", "name", "test"),
    ]
    places = resolve_mentions(text, mentions)
    assert places[0].geonameid is None and places[0].reason and places[0].lat is None
    assert places[1].country_code == "SY" and places[2].country_code == "SY"
    approx = resolve_mentions(text, mentions, approximate=True)
    assert approx[0].geonameid is None and approx[0].lat is not None and "approximated" in approx[0].reason


def test_empty_and_odd_text(find):
    assert find("") == []
    assert find("   \n\n ") == []
    odd = find("ALEPPO — «Damascus»; (Homs)... Idlib!!")
    assert {p.country_code for p in odd} == {"SY"}


def test_long_text_in_pieces(find, monkeypatch):
    import sitrep.geocode as G

    monkeypatch.setattr(G, "CHUNK_CHARS", 200)
    para = "Fighting continued near Aleppo on Monday, residents said.\n"
    text = para * 12 + "Later the convoy reached Raqqa.\n"
    places = find(text)
    assert [p.text for p in places] == ["Aleppo"] * 12 + ["Raqqa"]
    assert all(p.country_code == "SY" for p in places)
    many = list(G.find_places_many([text, "Homs was quiet."]))
    assert [p.text for p in many[0]] == [p.text for p in places] and [p.text for p in many[1]] == ["Homs"]


def test_offsets_exact_and_as_dict(find):
    text = "Shelling in Eastern Ghouta\u2019s Douma killed 12, the SOHR said; Turkish troops entered Afrin."
    places = find(text)
    assert places, "nothing found"
    for p in places:
        d = p.as_dict()
        assert text[d["start"] : d["end"]] == d["text"]
    assert at(places, "Afrin").country_code == "SY"


def test_dateline_in_capitals(find):
    text = "ALTURAS, Modoc County (KPIX 5) — A woman went on a deadly rampage Thursday, police said."
    places = find(text)
    assert places[0].text == "ALTURAS" and places[0].name == "Alturas" and places[0].country_code == "US"
    # Capitals that are no place name open no dateline.
    assert [p.text for p in find("BREAKING, a developing story: fighting in Aleppo.")] == ["Aleppo"]


def test_admin_word_does_not_turn_a_county_into_a_village(find):
    # "Modoc" is an alternate name of a Colorado village; "Modoc County" is not that village.
    [county] = [p for p in find("The shooting happened in Modoc County on Thursday.") if p.text == "Modoc County"]
    assert county.name != "Niwot"
    [idlib] = [p for p in find("Fighting went on in Idlib province.") if p.text == "Idlib province"]
    assert idlib.name == "Idlib"


def test_first_names_are_not_places(find):
    assert find("The older brother accidentally discharged the revolver, shooting Nathan.") == []
    assert [p.text for p in find("Twenty-one-year-old Brittany Thomas was murdered.")] == []


def test_a_surname_once_named_in_full_is_no_place(find):
    text = "Army Spc. Kevin Lopez killed three people. Lopez opened fire first in a medical building."
    assert not any(p.text == "Lopez" for p in find(text))
    # A country keeps its name even when a person in the article bears it.
    assert any(p.text == "Jordan" for p in find("Police said Michael Jordan was arrested. Jordan closed its border."))


def test_a_surname_the_ner_reads_in_a_full_name_is_no_place(find):
    # Neither given name is in sitrep's list: the NER's person of two words says it.
    text = ("The attorneys for Derrick Stafford said the officers felt their lives were in danger. "
            "Stafford fired first. Judge Lauderback quadrupled Robert Seth Denton's bond. "
            "The sheriff said Denton shot his mother.")
    assert not {"Stafford", "Denton"} & {p.text for p in find(text)}
    # In the town, after a preposition of place, the name is the town still.
    assert at(find("Derrick Stafford was arrested. He was held in Stafford overnight."), "Stafford")


def test_a_town_the_gazetteer_lacks_in_the_state_the_text_names_is_that_state(find):
    fountain = at(find("A 10-year-old girl was fatally shot by her teen brother in Fountain, Fla., on Sunday."),
                  "Fountain")
    assert (fountain.name, fountain.precision) == ("Florida", "admin1") and "Fountain" in fountain.reason
    assert at(find("Shots were fired in Paris, Texas, on Sunday."), "Paris").admin1 == "Texas"


def test_a_small_town_is_found_under_its_abbreviated_name(find):
    text = "Two bailiffs were killed in the courthouse in St. Joseph, Michigan, the Berrien County sheriff said."
    joseph = at(find(text), "St. Joseph")
    assert (joseph.name, joseph.admin1, joseph.precision) == ("Saint Joseph", "Michigan", "city")


def test_a_census_given_name_makes_a_surname(find):
    # "Bradley" is in no hand-made list: the census's given names say it; Stover, Missouri is not meant.
    text = "Vallier and another man, Bradley Stover, were selling a gun. The two men struggled and Stover was shot."
    assert not any(p.text == "Stover" for p in find(text))
    # An everyday word is no given name: "Sunday" before a town leaves the town a place.
    assert at(find("Early Sunday Waukegan police found a man shot. Waukegan officers said he died."), "Waukegan")


def test_a_name_told_after_an_age_is_a_person(find):
    assert [p.text for p in find("The victim, 4-year-old Quay, was visiting his uncle in Atlanta.")] == ["Atlanta"]
    # A town before "man" describes the person: it stays a place.
    assert at(find("A 17-year-old Waukegan man was shot on Sunday."), "Waukegan").admin1 == "Illinois"


def test_one_or_two_capitals_are_an_abbreviation_not_a_town(find):
    assert find("UPDATE: Teen turns up in ER after shooting") == []
    # A state's postal code after a town puts the town in that state.
    birmingham = at(find("Birmingham, AL (WBRC) - A teen was shot by his uncle."), "Birmingham")
    assert (birmingham.admin1, birmingham.country_code) == ("Alabama", "US")
    assert {p.name for p in find("The UK and the US said so.")} == {"United Kingdom", "United States"}


def test_a_compass_word_before_a_town_is_no_given_name(find):
    # "Southeast Fresno" is a part of Fresno, not a person called Fresno.
    assert at(find("Police identify victims of Southeast Fresno house party shooting"), "Fresno").admin1 == "California"
    assert [p.text for p in find("Two people were shot in Downtown Fresno on Sunday.")] == ["Fresno"]


def test_a_possessive_county_is_one_name(find):
    county = at(find("A man was shot in Prince George's County on Sunday."), "Prince George's County")
    assert (county.admin1, county.precision) == ("Maryland", "admin2")


def test_a_title_makes_a_surname(find):
    text = "Army Spc. Ivan Lopez opened fire. Mr. Obama said Lopez had served in Iraq."
    names = {p.text for p in find(text)}
    assert "Lopez" not in names and "Obama" not in names and "Iraq" in names


def test_a_big_citys_own_name_beats_another_towns_old_name(find):
    # "Philadelphia" is an ancient name of Amman: alone in an article, it is still the US city.
    [p] = [p for p in find("Three people were shot in Philadelphia on Sunday.") if p.text == "Philadelphia"]
    assert p.country_code == "US"


def test_a_small_foreign_town_with_nothing_pointing_at_its_country_is_left_unresolved(find):
    text = ("Police in Dayton, Ohio said the suspect fled from Columbus in a silver Honda "
            "and was stopped near Cincinnati.")
    [honda] = [p for p in find(text) if p.text == "Honda"]
    assert honda.geonameid is None and "too weak" in honda.reason
    assert {p.country_code for p in find(text) if p.geonameid and p.precision == "city"} == {"US"}


def test_a_first_name_before_police_is_a_town(find):
    [p] = find("Austin police are investigating a shooting that left a young man dead.")
    assert (p.text, p.admin1) == ("Austin", "Texas")
    assert not find("Police said Austin was shot by his brother.")


def test_a_dateline_of_several_capitalised_words_is_one_place(find):
    # NER finds "VINE" or "IOWA" alone; the dateline is the whole name.
    places = find("VINE GROVE, KY (WAVE) – Neighbors are shaken after a soldier was found dead.")
    assert (places[0].text, places[0].name, places[0].admin1) == ("VINE GROVE", "Vine Grove", "Kentucky")
    places = find("IOWA CITY - The police department is investigating a weekend shooting.")
    assert (places[0].text, places[0].name, places[0].admin1) == ("IOWA CITY", "Iowa City", "Iowa")


def test_another_towns_old_name_loses_to_towns_of_that_name(find):
    # "Franklin" was El Paso's name once; a dozen US towns of 10,000+ bear it today.
    p = find("FRANKLIN (Feb. 4, 2014) – Johnson County authorities said the man acted alone. Franklin is in Indiana.")[0]
    assert (p.name, p.admin1) == ("Franklin", "Indiana")


def test_a_neighbourhood_knows_its_city(find):
    [p] = [p for p in find("Two men were shot in Rogers Park, Chicago police said.") if p.text == "Rogers Park"]
    assert p.city == "Chicago" and p.as_dict()["city"] == "Chicago"
    # A suburb with its own county is a town of its own; outside the US nothing is taken for a section.
    assert find("A man was shot in Oak Park, Illinois.")[0].city is None
    assert find("Fighting was reported in Douma near Damascus.")[0].city is None


def test_a_state_before_city_is_the_city_or_the_state(find):
    [p] = find("The Iowa City Police Department is investigating a shooting.")
    assert (p.text, p.name, p.admin1) == ("Iowa City", "Iowa City", "Iowa")
    # "The Wyoming town of Lingle": the state the town is in, not Wyoming, Michigan.
    p = find("A man shot a baby in the tiny southeastern Wyoming town of Lingle.")[0]
    assert (p.text, p.feature_code) == ("Wyoming", "ADM1")
    # A dateline behind a zero-width space.
    assert find("\u200bNEW ORLEANS -- Police are investigating a shooting in Gert Town.")[0].name == "New Orleans"


def test_a_four_letter_other_name_in_capitals_is_an_acronym(find):
    # "SANA" is the Syrian news agency, not Sanaa; "GAZA", a place's own name, keeps its capitals.
    assert find("The state SANA news agency said four people were wounded.") == []
    assert find("GAZA (Reuters) - Israeli strikes hit the strip.")[0].text == "GAZA"


def test_a_postal_code_after_a_dateline_names_the_state(find):
    # "BRISTOL, TN": Bristol, Tennessee, not England's; "IN" inside text in capitals is a word.
    [p] = find("BRISTOL, TN (WJHL) – Bond has been set for a man accused of killing three relatives.")
    assert (p.name, p.admin1) == ("Bristol", "Tennessee")
    assert find("He moved to Lodi, WI, last year.")[0].admin1 == "Wisconsin"
    assert find("LEFLORE COUNTY, IN THE STATE")[0].admin1 != "Indiana"


def test_a_name_before_said_is_a_speaker_unless_a_seat_of_power(find):
    assert find("Rhoades drew a handgun and started shooting, Barnes said.") == []
    assert at(find("Moscow said the strikes hit IS targets."), "Moscow").name == "Moscow"


def test_an_everyday_word_the_ner_took_for_a_place_is_none(find):
    assert find("It happened at the apartments, Metro police said.") == []
    assert find("A shooting at a northwest valley home, according to Metro Police.") == []
    assert find("Security Supervisor Joe Zangaro and Court Officer Ron Kienzle were shot.") == []
    assert at(find("A man was shot in Temple on Sunday."), "Temple").admin1 == "Texas"


def test_a_state_named_in_the_article_points_at_its_towns(find):
    # The state is context for an ambiguous county, and the county's repeated name is no evidence
    # for itself (Richmond County, New York, is ten times as populous).
    text = ("Richmond County deputies have arrested a suspect in a shooting. Richmond County "
            "investigators said the victim died in Georgia.")
    assert {p.admin1 for p in find(text) if p.text.startswith("Richmond")} == {"Georgia"}


def test_a_towns_name_before_its_people_police_or_apartments_is_the_town(find):
    # The small model reads "Joliet" as a nationality, "Madison" as a person, "Erie Police" as an
    # organisation: each is the town.
    assert at(find("A Joliet teen shot his buddy in the back."), "Joliet").admin1 == "Illinois"
    assert at(find("A child was injured in a shooting inside a Madison apartment."), "Madison").name == "Madison"
    assert at(find("Erie Police arrested four suspects Friday morning."), "Erie").name == "Erie"
    assert find("Michael Jordan police said") == []
    # After "in", the model's nationality is a town too ("children in Saginaw"); not after "to".
    assert at(find("Children in Saginaw found a gun."), "Saginaw").admin1 == "Michigan"
    assert find("A letter to Cameron was sent.") == []
    # The model's one-word organisation too: "Bismarck man", "shot in Humble".
    assert at(find("Bismarck man arrested for accidentally shooting his daughter"), "Bismarck").admin1 == "North Dakota"
    assert at(find("Life Flight called after children shot in Humble"), "Humble").admin1 == "Texas"


def test_sectors_streets_and_buildings_named_like_places_are_not_those_places(find):
    # A city's "West Side" is no town once called so; "Mount Sinai Hospital" is in Chicago, not
    # in Sinai.
    assert at(find("Shootings on the West Side of Chicago."), "West Side").geonameid is None
    assert [p.text for p in find("He was taken to Mount Sinai Hospital in Chicago.")] == ["Chicago"]


def test_ner_reads_only_the_spans_asked_for(find):
    """With ``ner_spans`` the statistical NER reads only those ranges (the rulers read the rest):
    "Izraa", which only the NER knows as a place here, is found in the range it reads and not when
    no range is given; the ruler's "Daraa" is found either way, with the same offsets."""
    from sitrep.geocode import _segments

    text = "Residents fled on Monday, officials said.  A mortar attack on Izraa city in Daraa caused damage."
    second = text.index("A mortar")
    full = [(p.start, p.text, p.geonameid) for p in find(text, demonyms=False)]
    spans = [(p.start, p.text, p.geonameid) for p in find(text, demonyms=False, ner_spans=[(second, len(text))])]
    rulers = [(p.start, p.text, p.geonameid) for p in find(text, demonyms=False, ner_spans=[])]
    assert [t for _, t, _ in full] == ["Izraa", "Daraa"]
    assert spans == full
    assert [t for _, t, _ in rulers] == ["Daraa"] and rulers[0] == full[1]
    # ranges parted only by whitespace are read as one; the stretches between are the rulers'
    assert _segments(len(text), [(0, 41), (second, len(text))], text) == [(0, len(text), True)]
    assert _segments(len(text), [(second, 60)], text) == [(0, second, False), (second, 60, True), (60, len(text), False)]


def test_which_sentences_the_ner_must_read(nlp):
    """A sentence naming a town the rulers do not force (under 15,000 people) may gain a place from
    the NER; one naming only ruler places, days, first names or titles may not."""
    from sitrep.geocode import may_add_a_place

    assert may_add_a_place("The toddler was taken to a hospital in Tremonton with a gunshot wound.")
    assert may_add_a_place("A vigil was held in Danielson on Friday.")
    assert not may_add_a_place("Fighting continued near Aleppo on Thursday, Michael said.")
    assert not may_add_a_place("NATO SAID NOTHING ON MONDAY.")
    # A first name before "Police" or "residents" is a town's: "Jackson" is read by the NER then.
    assert may_add_a_place("On Sunday, the Jackson Police Department released video of the shooter.")
    assert not may_add_a_place("On Sunday, Jackson Smith released video of the shooter.")
    assert not may_add_a_place("no capitalised word here at all")


def test_lazy_lemma_matches_the_lemmatizer(nlp):
    """``lemma`` on a parse run without the lemmatizer gives what the lemmatizer sets."""
    from sitrep.nlp import lemma

    text = "Rebels were recaptured after gunmen killed three soldiers and shelled the villages."
    full = [t.lemma_ for t in nlp(text)]
    lazy = [lemma(t) for t in nlp(text, disable=["lemmatizer"])]
    assert lazy == full and "kill" in lazy and "village" in lazy


def test_a_title_in_title_case_has_its_everyday_words_lower_cased() -> None:
    from sitrep.nlp import truecase_title

    title = "2 Girls, 2 Men Shot At Birthday Party In Compton"
    cased = truecase_title(title)
    assert cased == "2 girls, 2 men shot at birthday party in Compton" and len(cased) == len(title)
    # Names of several words, the first word and words in capitals keep their case; a title in
    # sentence case is left alone.
    assert truecase_title("Navarro County Toddler Shot, Killed By 8-Year-Old").startswith("Navarro County toddler shot")
    assert truecase_title("SFPD Arrest 2 In Connection With Shooting").startswith("SFPD arrest 2 in")
    assert truecase_title("Two men shot near Kingsessing Park") == "Two men shot near Kingsessing Park"


def test_a_place_in_a_title_case_headline_is_found() -> None:
    from sitrep.geocode import find_places_titled

    title = "2 Girls, 2 Men Shot At Birthday Party In Compton"
    heading, _ = find_places_titled("Police are looking for the gunman.", title)
    assert [(p.text, p.name, p.country_code) for p in heading] == [("Compton", "Compton", "US")]
    assert all(title[p.start:p.end] == p.text for p in heading)


def test_no_place_name_runs_over_a_line_break() -> None:
    from sitrep.geocode import find_places_titled

    heading, body = find_places_titled("BUFFALO, N.Y. (WIVB) – Buffalo Police say four teenagers were shot.",
                                       "Four teens shot, one fatally, near Rt. 33 in Buffalo")
    assert [(p.text, p.name) for p in heading] == [("Buffalo", "Buffalo")]
    assert ("BUFFALO", "Buffalo") in [(p.text, p.name) for p in body]


def test_a_two_word_town_the_ner_reads_as_a_person_after_in_is_the_town() -> None:
    from sitrep.geocode import find_places

    [p] = find_places("Father, two daughters shot to death in Hazel Crest")
    assert (p.text, p.name, p.admin1) == ("Hazel Crest", "Hazel Crest", "Illinois")
    assert find_places("He met Mary Jones in the morning.") == []


def test_the_outlets_home_is_context_not_a_place() -> None:
    from sitrep.geocode import find_places_titled

    text = "Police said a man was shot in Dayton on Sunday."
    heading, body = find_places_titled(text, "Man shot in Dayton", demonyms=False,
                                       site="WTOC-TV: Savannah, Beaufort, SC, News, Weather & Sports")
    # Nothing of the site name comes back, and the offsets are those of the title and of the text.
    assert [(p.text, p.start) for p in heading] == [("Dayton", 12)]
    assert [(p.text, p.start) for p in body] == [("Dayton", text.index("Dayton"))]


def test_co_is_county(find):
    floyd = at(find("FLOYD CO., Ind. – Deputies responded to a report of a juvenile who was shot."), "FLOYD CO.")
    assert (floyd.name, floyd.admin1, floyd.precision) == ("Floyd County", "Indiana", "admin2")
    assert at(find("A man was found dead in Ripley Co. on Sunday."), "Ripley").precision == "admin2"


def test_a_name_the_text_once_places_means_that_place_throughout(find):
    places = find("GREENCASTLE, FRANKLIN COUNTY, Pa. -- A New Year's Eve shooting in Franklin County killed a teen.")
    assert [p.admin1 for p in places if p.text.lower() == "franklin county"] == ["Pennsylvania", "Pennsylvania"]


def test_a_neighbourhood_is_no_town_of_that_name_elsewhere(find):
    berkley = at(find("Police charged four people in a shooting in the Berkley neighborhood of Norfolk, Virginia."), "Berkley")
    assert berkley.geonameid is None and "neighbourhood" in berkley.reason
    # One the gazetteer holds in the article's city stays.
    assert at(find("A man was shot in the Lawndale neighborhood of Chicago."), "Lawndale").admin1 == "Illinois"
    assert find("Police identify teen fatally shot last week") == []


def test_the_longest_name_written_wins(find):
    # The ruler knows Nigeria's state Rivers; the text names the Californian town Three Rivers.
    town = at(find("Deputies arrested two people after a double homicide in Three Rivers, Tulare County."), "Three Rivers")
    assert (town.name, town.admin1, town.precision) == ("Three Rivers", "California", "city")
    assert at(find("A man was shot in West Palm Beach on Friday."), "West Palm Beach").name == "West Palm Beach"
    # An article before a name stays outside it.
    assert [p.text for p in find("The Kansas City Star reported a shooting.")] == ["Kansas City"]
