"""Event mentions: casualty figures, claimants, actors and their roles, status, background."""

from __future__ import annotations

import pytest

from sitrep.extract.attribution import attribution_of
from sitrep.extract.casualties import find_counts
from sitrep.records import Article, PubDate


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Air strikes killed more than 100 militants, the ministry said.", [("killed", 100, "more than")]),
        ("A monitoring group said 400 fighters died.", [("killed", 400, "exact")]),
        ("The blast left five dead and dozens wounded.", [("killed", 5, "exact"), ("injured", 12, "vague")]),
        ("Hundreds of people were killed in the siege.", [("killed", 100, "vague")]),
        ("Several soldiers were wounded.", [("injured", 10, "vague")]),
        ("The death toll rose to at least 70.", [("killed", 70, "at least")]),
        ("Barrel bombs killed at least 11 civilians including three children.", [("killed", 11, "at least")]),
        ("Nine people were shot, one fatally, at an apartment complex.", [("injured", 8, "exact"), ("killed", 1, "exact")]),
        ("Seven people were shot outside a nightclub.", [("injured", 7, "exact")]),
        ("A 50-year-old man was shot and killed; a second man was critically injured.",
         [("killed", 1, "one"), ("injured", 1, "another")]),
        ("Gunmen killed a police officer in Kano.", [("killed", 1, "one")]),
        ("A car bomb exploded near a checkpoint.", []),
        ("Police found 16-year-old Rolando Gonzalez dead from a gunshot wound.", [("killed", 1, "one")]),
        ("The team found no evidence of a blast.", []),
        ("Two drones were shot down over the base.", []),
        ("Government forces retook the town after two years.", []),
        ("The army advanced 20 kilometres.", []),
        ("A shooting left a 16-year-old boy dead and three others injured.", [("killed", 1, "one"), ("injured", 3, "exact")]),
        ("A child was hurt and Juliet Lynch was killed.", [("injured", 1, "one"), ("killed", 1, "one")]),
        ("Both men inside the car were killed.", [("killed", 2, "exact")]),
        ("It was February 25 when police say Robertson was shot dead.", [("killed", 1, "one")]),
        ("In 2014 people were killed in the city.", []),
        ("Syria was hurt by the sanctions.", []),
        ("A man shot six people on Saturday, killing four of them.", [("injured", 2, "exact"), ("killed", 4, "exact")]),
        ("He was shot 10 times.", [("injured", 1, "one")]),  # one man, not ten
        ("The attack killed 5 and injured 10.", [("killed", 5, "exact"), ("injured", 10, "exact")]),
        ("The gunman killed four people and injured four others.", [("killed", 4, "exact"), ("injured", 4, "exact")]),
        ("Four shot, one killed in Chicago.", [("injured", 3, "exact"), ("killed", 1, "exact")]),
        ("The officer fired one shot, striking him.", []),
        ("Three people were hurt and a teenager died.", [("injured", 3, "exact"), ("killed", 1, "one")]),
        ("We are losing so many young lives.", []),
        ("A 12-year-old girl was wounded.", [("injured", 1, "one")]),
        ("Two of the people shot remain in critical condition.", [("injured", 2, "part")]),
        ("The blast killed 12 of the 40 passengers.", [("killed", 12, "exact")]),
        ("He was shot three to four times.", [("injured", 1, "one")]),  # he, not three or four
        ("Thomas shot and killed Veondus Dennis and Antwan Wheeler on May 10.", [("killed", 2, "part")]),
        ("Parish fired, killing Sarah Davidson and injuring Leanne Smith and Dustin Grey.",
         [("killed", 1, "one"), ("injured", 2, "part")]),
        ("A 3-year-old found a handgun and fatally shot Braylon in the head.", [("killed", 1, "one")]),
        ("Charges were filed in the shooting death of a Houston man.", [("killed", 1, "one")]),
        ("A 5-year-old boy was fatally shot inside a home.", [("killed", 1, "one")]),
        ("That little girl died a short time later.", [("killed", 1, "one")]),
        ("Bourda, a high school student, was killed while riding his bicycle.", [("killed", 1, "one")]),
        ("Shaquez Brunner died after he was shot.", [("killed", 1, "one")]),
        ("Gunman kills one, wounds five in Mesa", [("killed", 1, "exact"), ("injured", 5, "exact")]),
        ("The fight led him to shoot and kill one person and wound five others.",
         [("killed", 1, "exact"), ("injured", 5, "exact")]),
        ("He threatened to kill two witnesses.", []),
        ("Two men shot, killed in Chicago", [("killed", 2, "exact")]),  # a headline's "shot, killed"
        # Capitals that name a group, a month or a day are no victims.
        ("The strikes killing Islamic State fighters went on.", []),
        ("Airstrikes killed Syrian Army soldiers near Palmyra.", []),
        ("Police said the man was killed Thursday.", [("killed", 1, "one")]),
        ("The death of democracy was mourned.", []),
        ("He and three others were shot on a basketball court.", [("injured", 4, "exact")]),
        ("Police and three others were hurt.", [("injured", 3, "exact")]),
        ("Four people were hit by bullets.", [("injured", 4, "exact")]),
        ("A woman and a child were shot outside a home.", [("injured", 2, "part")]),
        ("No one inside the home was hurt.", []),
        ("The shooting sent four people to the hospital.", [("injured", 4, "exact")]),
        ("Two men were hospitalized after the shooting.", [("injured", 2, "exact")]),
        ("Police found two females and one male dead.", [("killed", 3, "exact")]),
        ("Three men and two women were wounded.", [("injured", 5, "exact")]),
        # A telephone number is no count; how and where one person was hurt, and what came after.
        ("His son called 911 reporting that he had been shot.", [("injured", 1, "one")]),  # he, not 911
        ("A 3-year-old girl was accidentally shot by her brother.", [("injured", 1, "one")]),
        ("Officers found a 32-year-old male shot in the head.", [("injured", 1, "one")]),
        ("A 20-year-old man, Veron Black of Maple Heights, was shot several times and died at a hospital.",
         [("killed", 1, "one")]),
        ("A man was shot and later died at a hospital.", [("killed", 1, "one")]),
        ("A woman was shot in the leg and taken to a hospital.", [("injured", 1, "one")]),
        ("An accidental shooting took the life of a 20-year-old student.", [("killed", 1, "one")]),
        # Hit at a place or a time, not fired at; a count with a clause between; how many a
        # "quadruple shooting" hit, less those it killed; a shot heard is no person.
        ("Four people were shot at a biker bar.", [("injured", 4, "exact")]),
        ("Two suspects shot at police.", []),
        ("Fifteen people, including children, were shot in a nightclub.", [("injured", 15, "exact")]),
        ("Three other victims showed up at the hospital with gunshot wounds.", [("injured", 3, "exact")]),
        ("The bullet grazed a 2-year-old boy.", [("injured", 1, "one")]),
        ("A quadruple shooting that left one dead.", [("injured", 3, "exact"), ("killed", 1, "exact")]),
        ("Police are investigating a double homicide.", [("killed", 2, "exact")]),
        ("There was just one shot heard, a deputy said.", []),
        ("The girl died after being shot two weeks ago.", [("killed", 1, "one")]),
        ("A 3-year-old boy who shot himself with his grandfather's gun has died.", [("killed", 1, "one")]),
        ("A child was the victim of an apparent murder-suicide.", [("killed", 2, "at least")]),
        ("The gun discharged, fatally wounding his younger brother.", [("killed", 1, "one")]),
        # (not the "who … died" reading: she lives, and is one of the wounded)
        ("A woman who was shot Sunday was in stable condition.", [("injured", 1, "one")]),
        ("The infant involved in the shooting remains in stable condition.", [("injured", 1, "one")]),
        ("He was listed in critical condition at a hospital.", [("injured", 1, "one")]),
        ("She was in critical condition and later died.", [("killed", 1, "one")]),
        ("The teen was flown to a local hospital.", [("injured", 1, "one")]),
        ("A 4-year-old girl has been airlifted to a Tulsa hospital.", [("injured", 1, "one")]),
        ("The man was taken to an area hospital.", [("injured", 1, "one")]),
        ("A shot was fired and hit the child in the back.", [("injured", 1, "one")]),
        ("The truck hit a tree in the yard.", []),
        ("Buckner resident dies as result of accidental shooting", [("killed", 1, "one")]),
        ("Slain teen identified", [("killed", 1, "one")]),
        ("The 19-year-old was accidentally shot in the forehead, and was later pronounced dead.", [("killed", 1, "one")]),
        ("Officers found the teenager dead.", [("killed", 1, "one")]),
        ("Both were hit in the foot.", [("injured", 2, "exact")]),
        ("Kelso and Lum were shot and killed when someone burst into her home.", [("killed", 2, "part")]),
        ("Martin Ibarra, 35, of South Baltimore, was shot and killed shortly before 10 p.m.", [("killed", 1, "one")]),
        ("A man, 35, of Baltimore, was shot and killed on Sunday.", [("killed", 1, "one")]),
        ("Hernandez was sentenced to life in prison for killing 18-year-old Shane Moore.", [("killed", 1, "one")]),
        ("Police and deputies were injured.", []),
        ("A man shot his 1-year-old daughter dead before turning the gun on himself.", [("killed", 2, "part")]),
        ("One man was shot and taken to the hospital where he later succumbed to his injuries.",
         [("killed", 1, "exact"), ("killed", 1, "one")]),
        ("Two teenage male victims, 16 and 17 years old, had been shot.", [("injured", 2, "exact")]),
        ("She is recovering after being shot.", [("injured", 1, "one")]),
        ("Officials identified a 19-year-old woman who was shot and killed last week.", [("killed", 1, "one")]),
        # one person hit, told without "was shot"
        ("A man in his 40s was shot in his hand, a deputy said.", [("injured", 1, "one")]),
        ("Shooting victim drives himself to courthouse after being shot", [("injured", 1, "one")]),
        ("A man died after being shot in the chest.", [("killed", 1, "one")]),
        ("He was arrested after being shot at by police.", []),
        ("Stray bullet hits 11-year-old girl in West Palm Beach", [("injured", 1, "one")]),
        ("A stray bullet struck a girl, killing her.", []),
        ("When they found him, he had a gunshot wound to the leg.", [("injured", 1, "one")]),
        ("He had a gunshot wound to the head and died at the scene.", []),
        ("Oconee County teen wounds self with rifle while hunting", [("injured", 1, "one")]),
        ("An accidental shooting leaves a 17-year-old with minor injuries", [("injured", 1, "one")]),
        ("Police: Man wounded in arm by accidental shooting", [("injured", 1, "one")]),
        ("Sheriff: 6-year-old shot and killed while playing with gun", [("killed", 1, "one")]),
        ("UPDATE: Teen injured in accidental shooting", [("injured", 1, "one")]),
        ("Jacksonville police: Father shoots son in the shoulder in New Town", [("injured", 1, "one")]),
        ("One started shooting at the trooper, hitting him in the elbow.", [("injured", 1, "one")]),
        ("Fort Worth toddler shoots himself in the arm with his mother's gun", [("injured", 1, "one")]),
        ("An accidental shooting sent an 8-year-old Wichita boy to the hospital.", [("injured", 1, "one")]),
        ("Another man in the home was wounded.", [("injured", 1, "another")]),
        ("At least one shot struck Austin in the abdomen.", []),
        ("All four victims were struck though none of their injuries were life-threatening.", [("injured", 4, "exact")]),
        ("Two cars were hit.", []),
        # numbers that count no one: a house number, a year after its day, a city's toll over a year
        ("Deputies responded to a shooting 2501 Carter Homestead Rd. at about 11:30 a.m.", []),
        ("January 19, 2016 A child was shot at a residence in northwest Harris County.", [("injured", 1, "one")]),
        ("Published September 21 2016 Five medics were killed when an air strike hit a clinic.", [("killed", 5, "exact")]),
        ("Last year in Chicago, 4,368 people were shot.", []),
        ("More than 3,290 people have been injured in those shootings.", []),
        ("Four people are recovering after a shooting outside a restaurant.", [("injured", 4, "exact")]),
        ("Andrews is recovering from a gunshot wound to the thigh.", [("injured", 1, "one")]),
        ("Houston is recovering from the floods.", []),
        ("The trooper suffered a non life-threatening wound.", [("injured", 1, "one")]),
        ("Boy, 13, dies after he was shot by police", [("killed", 1, "one")]),
        ("Girl, 5, shot in Chicago", [("injured", 1, "one")]),
        ("Police said the victim, 22, was not hurt.", []),
        ("Dispatchers told NewsChannel 15 that a child was shot.", [("injured", 1, "one")]),
        ("Officials said that 4 people including a 21-year-old girl were injured.", [("injured", 4, "exact")]),
        ("Eight people were taken to San Francisco General with injuries.", [("injured", 8, "exact")]),
        ("Shooting in central Fresno lands four men in hospital", [("injured", 4, "exact")]),
        ('The woman suffered a "non-life threatening" wound, police said.', [("injured", 1, "one")]),
        ("Killeen 2-year-old in critical condition from gunshot", [("injured", 1, "one")]),
        ("LETCHER, S.D. — A 13-year-old suffered a self-inflicted gunshot wound.", [("injured", 1, "one")]),
        # a wounded woman beside a dead man is another person, kept beside his death (see figures)
        ("A man was killed and a woman was injured during the shooting.", [("killed", 1, "one"), ("injured", 1, "another")]),
        ("A man was shot and the man died.", [("injured", 1, "one"), ("killed", 1, "one")]),  # the same man
        ("The gunman opened fire, killing a woman and her daughter.", [("killed", 2, "part")]),
        ("Police responded to a person shot around 12:02 Sunday morning.", []),  # a time, not twelve
        ("A shooting left eight people with wounds that required transport.", [("injured", 8, "exact")]),
        ("The shotgun went off, hurting a 9-year-old boy.", [("injured", 1, "one")]),
        ("Another 5-year-old was hurt and Juliet Lynch was killed.", [("injured", 1, "another"), ("killed", 1, "one")]),
        ("Another woman was rushed to Baylor Scott & White Hospital in Temple.", [("injured", 1, "another")]),
        ("A toddler wounded in what appears to be an accidental shooting on Friday is expected to survive.",
         [("injured", 1, "one")]),
        ("A man shot in the leg later died at a hospital.", []),
        ("Investigators say four men in their early 20's were shot.", [("injured", 4, "exact")]),
        ("2 Charlotte teens arrested in fatal shooting of 15-year-old", [("killed", 1, "one")]),
        ("A woman accepted blame for her young child's accidental shooting death.", [("killed", 1, "one")]),
        ("The shooting that claimed the life of 17-year-old Destiny Nelson was an act of revenge.", [("killed", 1, "one")]),
        ("Shooting leaves young woman dead on Antelope street", [("killed", 1, "one")]),
        ("St. Louis toddler accidentally shot in hand by mother, police say", [("injured", 1, "one")]),
        ("The one-year-old girl shot in Chapel Hill Dec. 25 has died Monday from her injuries.", [("killed", 1, "one")]),
        ("The victim was shot in the back and pronounced dead at the scene.", [("killed", 1, "one")]),
        ("Police named a 15-year-old boy who was shot to death Saturday.", [("killed", 1, "one")]),
        # a period's or several events' toll is no event's
        ("Police said the two were among at least 11 people shot since Sunday morning.", []),
        ("Over the weekend, 11 people were shot in Chicago.", []),
        ("Two men were killed and three wounded in three separate shootings Saturday.", []),
        ("Two people were shot dead in Aleppo on Sunday, bringing the toll since March 2011 to 300,000.",
         [("killed", 2, "exact")]),
        ("Three other people ranging from their mid-teens to early 20s were treated at a hospital and released.",
         [("injured", 3, "exact")]),
        ("Two teenage boys were shot Monday afternoon in the North Lawndale neighborhood, leaving one dead.",
         [("injured", 1, "exact"), ("killed", 1, "exact")]),
        ("The boy took the gun from the bag and accidentally shot himself, police said.", [("injured", 1, "one")]),
        ("He shot his wife and then shot himself.", [("injured", 1, "one")]),  # the suicide is not read as wounded
        ("Shots were fired into the crowd, injuring four men and two women.", [("injured", 6, "exact")]),
        ("A 37-year-old woman was shot in the torso; a 22-year-old man was shot in the leg.", [("injured", 2, "part")]),
        ("A man was shot and the man was taken to a hospital.", [("injured", 1, "one"), ("injured", 1, "one")]),
        ("Police say a man fatally shot his wife and two young sons before killing himself.", [("killed", 4, "part")]),
        ("A man shot six people, killing four of them, before turning the gun on himself.",
         [("injured", 2, "exact"), ("killed", 5, "exact")]),
        ("He shot two people before killing himself.", [("injured", 2, "exact"), ("killed", 1, "one")]),
        # A limb named with its side; a clause and a comma before "and later died"; "had died";
        # "and one died" after those hit is one of them.
        ("A teenager shot himself in the left leg early Sunday.", [("injured", 1, "one")]),
        ("A man was shot in the back while leaving a store on Main Street, and later died at a hospital.",
         [("killed", 1, "one")]),
        ("Police later confirmed that the boy had died.", [("killed", 1, "one")]),
        ("Two men were shot Saturday night near the park, and one died.", [("injured", 1, "exact"), ("killed", 1, "exact")]),
        ("Two men were shot, and two women died in the fire.", [("injured", 2, "exact"), ("killed", 2, "exact")]),
        ("Four men were shot and two of them died early Friday.", [("injured", 2, "exact"), ("killed", 2, "part")]),
        # A death told with a long clause, a pronoun, or "pronounced dead".
        ("The victim who suffered the gunshot wound in the early home invasion in Clearwater on November 18 has died.",
         [("killed", 1, "one")]),
        ("He was taken to a hospital, where officials said he later died from his injuries.", [("killed", 1, "one")]),
        ("A man was pronounced dead at the scene.", [("killed", 1, "one")]),
        # Ages written without hyphens, a bullet "hitting" someone, those found with a gunshot wound.
        ("A two year old got hold of the gun and shot a 12 year old.", [("injured", 1, "one")]),
        ("He fired off a shot hitting a 73-year-old man in the upper chest.", [("injured", 1, "one")]),
        ("Officers located Anthony Johnson at the residence with a gunshot wound to his leg.", [("injured", 1, "one")]),
        ("Deputies found a man suffering from a gunshot wound.", [("injured", 1, "one")]),
        ("Two individuals were suffering gunshot wounds.", [("injured", 2, "exact")]),
        ("Jason Farmer, 19, sustained a gunshot wound and was taken to a medical center.", [("injured", 1, "one")]),
        ("A man suffered a gunshot wound to the leg.", [("injured", 1, "one")]),
        ("Police sustained a gunshot wound count of zero.", []),
        # A participle without its "was"; an age after the name; a tip line is no count.
        ("Deputies are investigating reports of a 4-year-old shot dead in north Harris County.", [("killed", 1, "one")]),
        ("A man killed in a shooting on Sunday was identified.", [("killed", 1, "one")]),
        ("Kadin Mann, age 5, died Sunday after he was accidentally shot.", [("killed", 1, "one")]),
        ("Contact police by texting 855-555-0100 with any tips.", []),
        # "the fatal shooting of a 16-year-old", a headline's "Sacramento teen killed by …"
        ("Police are investigating the fatal shooting of a 16-year-old.", [("killed", 1, "one")]),
        ("Sacramento teen killed by apparent accidental gunshot", [("killed", 1, "one")]),
        ("The murder of Daniel Redmond-Hamilton shocked the city.", [("killed", 1, "one")]),
        ("The killing of Islamic State fighters went on.", []),
        # A headline's list of people: "3 adults, 5 minors shot" is eight; not in mid-sentence.
        ("3 adults, 5 minors shot at MLK Day celebration in Miami", [("injured", 8, "exact")]),
        ("Two Adults, One Child Dead", [("killed", 3, "exact")]),
        ("He shot 3 people, 2 men were hurt.", [("injured", 3, "exact"), ("injured", 2, "exact")]),
        ("The gun fired, striking and killing the 10-year-old boy.", [("killed", 1, "one")]),
        ("The firearm discharged, striking the 4-year-old girl in the leg.", [("injured", 1, "one")]),
        # A named person, or one who shot himself, who then died: one dead; only shot: not counted.
        ("Kadin T. Mann was shot accidentally by another boy Saturday, and died Sunday morning.", [("killed", 1, "one")]),
        ("Donyae Jones, 18, was shot in the chest and died at the scene.", [("killed", 1, "one")]),
        ("An 18-year-old man shot himself in the chest while getting out of a car, and later died.", [("killed", 1, "one")]),
        ("Police said Smith was shot Tuesday.", []),
        # One person found or arriving with a wound; not one found dead with it.
        ("They discovered a juvenile male suffering from a gunshot wound.", [("injured", 1, "one")]),
        ("Teen suffers gunshot wound", [("injured", 1, "one")]),
        ("1-year-old suffers fatal gunshot wound to the face", [("killed", 1, "one")]),
        ("17-year-old boy shot, killed in Bluffton", [("killed", 1, "one")]),
        ("6-year-old Atlanta girl shot in the head, killed", [("killed", 1, "one")]),
        ("A man shot, killed his wife on Sunday.", [("killed", 1, "one")]),
        ("Tony McLaughlin, 38, had arrived at Calais Regional Hospital with a gunshot wound.", [("injured", 1, "one")]),
        ("He was pronounced dead at the scene with a gunshot wound to the head.", [("killed", 1, "one")]),
        ("Officers found a man with a gunshot wound who later died at the hospital.", [("killed", 1, "one")]),
        ("A 7-year-old boy was hit with a bullet fired into the air.", [("injured", 1, "one")]),
        # Those hit include the dead: "a double shooting" with one dead leaves one wounded.
        ("One man is dead in a double shooting that happened overnight.", [("killed", 1, "exact"), ("injured", 1, "exact")]),
        ("Police are investigating a double shooting.", [("injured", 2, "exact")]),
        ("At least eight people were shot, including one person who died.",
         [("injured", 7, "at least"), ("killed", 1, "exact")]),
    ],
)
def test_casualty_figures(sentence: str, expected: list) -> None:
    assert [(c.kind, c.value, c.qualifier) for c in find_counts(sentence)] == expected


def test_casualty_spans_point_into_the_sentence() -> None:
    s = "Shelling killed 12 civilians and wounded 30 others, activists said."
    for c in find_counts(s):
        assert s[c.start:c.end] == c.text


@pytest.mark.parametrize(
    "sentence, claimant, unverified",
    [
        ("According to the Syrian Observatory for Human Rights, 400 fighters died.", "the Syrian Observatory for Human Rights", False),
        ("Government forces retook the town on Sunday, state media said.", "state media", False),
        ("IS fighters entered the city, activists reported. This could not be independently verified.", "activists", True),
        ("Syrian troops recaptured Palmyra.", None, False),
    ],
)
def test_claimants_without_a_parse(sentence: str, claimant: str | None, unverified: bool) -> None:
    a = attribution_of(sentence)
    assert (a.claimant, a.unverified) == (claimant, unverified)
    if claimant:
        assert sentence[a.start:a.end] == claimant


@pytest.fixture(scope="module")
def events_of():
    from sitrep.extract.mentions import extract

    def run(text: str, dct: str = "2016-03-28") -> list:
        pub = PubDate(date=dct, earliest=dct, latest=dct, basis="user", confidence=1.0)
        return extract(Article(id="t", source="t", title="", text=text, published=pub))

    return run


def test_recapture_with_from_phrase(events_of) -> None:
    [m] = events_of("Syrian troops recaptured the ancient city of Palmyra from IS on Sunday, state media said.")
    assert m.sub_event_type == "Government regains territory" and m.event_type == "Battles"
    assert m.actor1["name"] == "Military Forces of Syria"
    assert m.actor2["name"] == "Islamic State"  # "from IS": IS lost it
    assert m.location["name"] == "Tadmur" and m.location["iso3"] == "SYR"
    assert (m.date_start, m.date_precision) == ("2016-03-27", "day")
    assert m.attributed_to == "state media" and m.status == "reported" and not m.background


def test_a_guessed_publication_date_gives_no_precise_event_day() -> None:
    from sitrep.extract.mentions import extract

    # Dated only by its story's neighbours: the anchor is a guess within an interval of months.
    pub = PubDate(date="2016-03-28", earliest="2016-01-10", latest="2016-05-30", basis="corpus", confidence=0.1)
    [m] = extract(Article(id="t", source="t", title="", published=pub,
                          text="Syrian troops recaptured the ancient city of Palmyra from IS on Sunday."))
    assert m.date_precision == "year"  # not the Sunday before the guess, 2016-03-27
    assert m.date_start <= "2016-03-27" <= m.date_end
    # Any Sunday in the week before a publication day the interval allows.
    assert m.date_start <= "2016-01-09" and "2016-05-23" <= m.date_end <= "2016-05-30"
    # A date written with its year does not depend on the anchor and stays as precise as written.
    [m] = extract(Article(id="t", source="t", title="", published=pub,
                          text="Syrian troops recaptured the ancient city of Palmyra from IS on March 27, 2016."))
    assert (m.date_start, m.date_precision) == ("2016-03-27", "day")


def test_passive_voice_roles(events_of) -> None:
    [m] = events_of("Palmyra was recaptured by Syrian government forces on Sunday.")
    assert m.actor1["name"] == "Military Forces of Syria"
    assert m.evidence["actor1"]["text"] == "Syrian government forces"  # "by" left out


def test_every_field_points_at_its_words(events_of) -> None:
    text = "Syrian troops recaptured the ancient city of Palmyra from IS on Sunday, state media said."
    [m] = events_of(text)
    assert set(m.evidence) == {"actor1", "actor2", "place", "date"}
    for role, words in (("actor1", "Syrian troops"), ("actor2", "IS"), ("place", "Palmyra"), ("date", "Sunday")):
        at = m.evidence[role]
        assert text[at["start"]:at["end"]] == at["text"] == words


def test_roles_come_from_the_event_word(events_of) -> None:
    [m] = events_of("Scores of Syrian troops and state employees were killed in the days after Palmyra fell to IS.")
    assert m.sub_event_type == "Non-state actor overtakes territory"
    assert m.actor1["name"] == "Islamic State" and m.evidence["actor1"]["text"] == "IS"
    # A participle clause takes its subject from the clause it hangs on.
    ms = events_of("Islamic State militants launched a series of attacks across Paris, killing 130 people.")
    assert any((m.actor1 or {}).get("name") == "Islamic State" for m in ms)


def test_claim_kept_with_its_claimant(events_of) -> None:
    ms = events_of("The Russian defence ministry said its air strikes killed more than 100 militants near Palmyra.")
    claims = [c for m in ms for c in m.fatalities]
    assert [(c.value, c.qualifier, c.source) for c in claims] == [(100, "more than", "The Russian defence ministry")]


def test_attempted_and_ongoing(events_of) -> None:
    [m] = events_of("Government forces repelled an IS attack on the airbase near Deir Ezzor on Sunday.")
    assert m.status == "attempted"
    [m] = events_of("The army was close to retaking Palmyra on Sunday after heavy fighting, officials said.")
    assert m.status == "ongoing"


def test_denied(events_of) -> None:
    ms = events_of("The ministry denied that its warplanes bombed a hospital in Idlib on Sunday.")
    assert ms and all(m.status == "denied" for m in ms)


def test_background_event_is_dated_in_the_past(events_of) -> None:
    [m] = events_of("IS seized the ancient city of Palmyra in May 2015.", dct="2016-03-28")
    assert m.background and (m.date_start, m.date_end, m.date_precision) == ("2015-05-01", "2015-05-31", "month")


def test_no_event_no_mention(events_of) -> None:
    assert events_of("The weather in Damascus was mild and markets were busy.") == []


def test_roles_follow_the_territorial_type() -> None:
    from sitrep.extract.actors import Actor
    from sitrep.extract.mentions import _consistent

    army, isis = Actor("Military Forces of Syria", "state forces"), Actor("Islamic State", "rebel group")
    assert _consistent("Government regains territory", None, army) == (army, None)
    assert _consistent("Government regains territory", army, isis) == (army, isis)
    assert _consistent("Non-state actor overtakes territory", army, isis) == (isis, army)
    assert _consistent("Non-state actor overtakes territory", isis, army) == (isis, army)


def test_fell_to(events_of) -> None:
    ms = events_of("The ancient city of Palmyra fell to Islamic State militants on Sunday, officials said.")
    assert [m.actor1["name"] for m in ms if m.actor1] == ["Islamic State"]


def test_sentence_splitter_is_linear_on_punctuation_runs() -> None:
    import time

    from sitrep.extract.mentions import sentences

    t0 = time.perf_counter()
    sentences("!" * 200_000 + "x. Fighting went on in the north.")
    # Linear: well under a second; the old pattern took minutes on this input.
    assert time.perf_counter() - t0 < 5


def test_sentence_splitter_keeps_states_and_streets_inside_the_sentence() -> None:
    from sitrep.extract.mentions import sentences

    text = ("PALM SPRINGS, Fla. - A night of fun ended in gunfire. The club on Forest Hill Rd. remained "
            "roped off all day. He lives in Miami, Fla. His brother lives there too.")
    assert [text[s:e] for s, e in sentences(text)] == [
        "PALM SPRINGS, Fla. - A night of fun ended in gunfire.",
        "The club on Forest Hill Rd. remained roped off all day.",
        "He lives in Miami, Fla.",
        "His brother lives there too.",
    ]


def test_first_named_actor_of_a_coordination() -> None:
    from sitrep.extract.actors import normalise_actor

    both = normalise_actor("the Syrian Army and the National Defense Forces", default_country="SY")
    assert both is not None and both.name == "Military Forces of Syria"
    fsa = normalise_actor("fighters of the Free Syrian Army", default_country="SY")
    assert fsa is not None and fsa.name != "Military Forces of Syria"


def test_territory_changes_at_the_place_taken(events_of) -> None:
    [m] = events_of("In Homs, the army retook the town of Qaryatain from IS.")
    assert m.location["name"] == "Al Qaryatayn" and m.evidence["place"]["text"] == "Qaryatain"
    ms = events_of("Washington has said that any operation to retake Raqqa should be predominantly Arab.")
    assert all(m.location["name"] != "Washington" for m in ms if m.location)


def test_plans_are_not_events(events_of) -> None:
    assert events_of("The army will retake Palmyra within days, a general said.") == []
    assert events_of("Washington has said that any operation to retake Raqqa should be predominantly Arab.") == []
    [m] = events_of("Syrian troops recaptured Palmyra from IS on Sunday.")
    assert m.sub_event_type == "Government regains territory"


def _who(m) -> tuple:
    return (m.actor1 or {}).get("name"), (m.actor2 or {}).get("name")


def test_actor_words_are_the_phrase_head_not_what_follows(events_of) -> None:
    [m] = events_of("Azerbaijani troops in Nagorno-Karabakh shelled Armenian positions on Sunday.")
    assert m.actor1["name"] == "Military Forces of Azerbaijan"
    assert m.evidence["actor1"]["text"] == "Azerbaijani troops"
    # A civilian word deep inside a clause is not the actor of the sentence.
    ms = events_of("The deal, which required that Assad halt airstrikes against civilian areas, quickly collapsed.")
    assert all((m.actor1 or {}).get("kind") != "civilians" for m in ms)


@pytest.mark.parametrize(
    "sentence, actor1, actor2",
    [
        ("The massacre of 40 villagers by Islamic State fighters shocked the region.",
         "Islamic State", "Civilians (Syria)"),
        ("Russian airstrikes hit a market in Aleppo on Sunday.", "Military Forces of Russia", None),
        ("The Taliban claimed responsibility for the bombing in Kabul.", "Taliban", None),
        ("The army carried out airstrikes on Islamic State positions near Palmyra.",
         "Military Forces of Syria", "Islamic State"),
    ],
)
def test_event_nouns_carry_their_actors(events_of, sentence: str, actor1: str, actor2: str | None) -> None:
    [m] = [m for m in events_of(sentence + " Syria.") if m.start == 0]
    assert _who(m) == (actor1, actor2)


def test_victims_are_not_attackers(events_of) -> None:
    # Headline style: a bare participle is a passive.
    [m] = events_of("Three civilians killed in rocket attack in Aleppo.")
    assert _who(m) == (None, "Civilians (Syria)")
    # A lone attacker is an unidentified armed group, as ACLED codes one, never a civilian.
    [m] = events_of("In Aleppo, a man opened fire on worshippers outside a mosque.")
    assert m.actor1["name"] == "Unidentified Armed Group (Syria)"


def test_a_pronoun_stands_for_the_actor_just_named(events_of) -> None:
    ms = events_of("Taliban gunmen attacked an army base in Helmand on Sunday. They killed 23 soldiers.")
    assert len(ms) == 2 and ms[1].actor1["name"] == "Taliban"
    ev = ms[1].evidence["actor1"]
    assert ev["text"] == "They" and ev["refers_to"]["text"] == "Taliban gunmen"


def test_groups_outside_the_catalog_keep_their_name(events_of) -> None:
    [m] = events_of("The Provisional IRA detonated a car bomb in Belfast.")
    assert m.actor1 == {"name": "Provisional IRA", "kind": "unknown"}
    # A place the gazetteer does not know is not an actor.
    [m] = events_of("The army recaptured the villages of Ein al-Jawzeh and Ruweiset in Latakia.")
    assert m.actor2 is None


def test_a_toll_without_an_event_word_is_the_event_just_reported(events_of) -> None:
    ms = events_of("Taliban gunmen attacked an army base in Helmand on Sunday. Six soldiers were killed.")
    assert len(ms) == 2 and ms[1].sub_event_type == ms[0].sub_event_type
    assert [c.value for c in ms[1].fatalities] == [6] and ms[1].confidence < ms[0].confidence
    # A toll far from any event report, with nothing in it that reads as an event, is not one.
    assert events_of("The weather was fine. The market was busy. The bus was late. "
                     "Officials counted the votes. Six of them were lost.") == []


def test_the_group_stands_for_the_group_just_named(events_of) -> None:
    ms = events_of("Islamic State fighters attacked a checkpoint near Raqqa on Sunday. The group killed 12 soldiers.")
    assert ms[-1].actor1["name"] == "Islamic State" and ms[-1].evidence["actor1"]["text"] == "The group"


def test_the_event_date_is_the_event_words_not_the_saying(events_of) -> None:
    # 2015-01-12 is a Monday: "Friday night" is 2015-01-09, "Saturday" 2015-01-10.
    [m] = events_of("Four men fatally shot in San Francisco's Hayes Valley neighborhood Friday night were "
                    "inside a stolen car, police said Saturday.", dct="2015-01-12")
    # A night runs into the next day's small hours.
    assert (m.date_start, m.date_end, m.date_precision) == ("2015-01-09", "2015-01-10", "day")
    assert m.evidence["date"]["text"] == "Friday night"
    # With nothing else in the sentence, the day of saying bounds it: that day or the week before.
    [m] = events_of("Police said on Saturday that four men were shot dead.", dct="2015-01-12")
    assert (m.date_start, m.date_end, m.date_precision) == ("2015-01-03", "2015-01-10", "week")
    assert m.evidence["date"]["text"] == "Saturday"


def test_an_undated_sentence_takes_the_day_of_the_news_just_dated(events_of) -> None:
    text = ("Gunmen opened fire on a market in Kano on Monday, killing five people. "
            "The attackers fled on motorcycles after the shooting. "
            "Police arrested two suspects, officials said.")
    ms = events_of(text, dct="2016-03-30")  # a Wednesday: Monday is 2016-03-28
    first, second = ms[0], ms[1]
    assert first.date_start == "2016-03-28" and second.date_start == "2016-03-28"
    # The evidence says where the day was read: in the earlier sentence.
    assert second.evidence["date"]["text"] == "Monday" and second.evidence["date"]["start"] < second.start
    # An arrest is another kind of event: it does not take the attack's day.
    [arrest] = [m for m in ms if m.sub_event_type == "Arrests"]
    assert arrest.date_precision == "week" and "date" not in arrest.evidence


def test_an_event_in_an_after_clause_does_not_take_the_paragraphs_day(events_of) -> None:
    text = ("A video posted online on 4 July showed Islamic State fighters killing 25 soldiers in Palmyra. "
            "Scores of troops were killed in the days after Palmyra fell to IS.")
    ms = events_of(text, dct="2015-07-06")
    [fall] = [m for m in ms if m.sub_event_type == "Non-state actor overtakes territory"]
    # The fall came before the killings: the paragraph's 4 July is not its day; like any sentence
    # that names no day, it gets the week before publication, and no date evidence.
    assert (fall.date_start, fall.date_end, fall.date_precision) == ("2015-06-29", "2015-07-06", "week")
    assert "date" not in fall.evidence
    [m] = [m for m in events_of("IS captured Palmyra on Sunday after a week of fighting.", dct="2015-05-26")
           if m.sub_event_type == "Non-state actor overtakes territory"]
    assert m.date_start == "2015-05-24" and not m.background


def test_a_day_without_its_year_reported_as_done_is_in_the_past(events_of) -> None:
    [m] = events_of("On April 2, Lopez opened fire on his fellow soldiers, killing three.", dct="2015-01-25")
    assert (m.date_start, m.date_precision) == ("2014-04-02", "day") and not m.date_start > "2015-01-25"


def test_the_headline_names_the_main_place() -> None:
    from sitrep.spine import extract_document

    pub = PubDate(date="2014-07-23", earliest="2014-07-23", latest="2014-07-23", basis="user", confidence=1.0)
    text = ("Four men were shot Tuesday night near a basketball court. "
            "Police said the victims were taken to a hospital. "
            "In other news, the Columbus city council met on Monday.")
    article = Article(id="t", source="t", title="Four men shot in Schenectady", text=text, published=pub)
    shot = extract_document(article)[0]
    assert shot.location["name"] == "Schenectady"
    assert shot.evidence["place"] == {"start": 17, "end": 28, "text": "Schenectady", "in": "title"}


def test_some_of_a_toll_sets_the_figure_only_without_a_toll() -> None:
    from sitrep.extract.casualties import figures

    claims = [{"value": 2, "qualifier": "part", "document": "a"}, {"value": 1, "qualifier": "one", "document": "b"},
              {"value": 5, "qualifier": "exact", "document": "a"}, {"value": 7, "qualifier": "exact", "document": "b"}]
    assert figures(claims)[("best")] == 5 and (figures(claims)["low"], figures(claims)["high"]) == (1, 7)
    assert figures(claims[:2])["best"] == 1  # without a toll: each source's highest, then the lowest


def test_a_source_counts_its_highest_toll_and_sources_their_lowest() -> None:
    from sitrep.extract.casualties import figures

    # One article: "four people were killed … two died at the scene": four, not two.
    one = [{"value": 4, "qualifier": "exact", "document": "a"}, {"value": 2, "qualifier": "exact", "document": "a"}]
    assert figures(one)["best"] == 4 and figures(one)["low"] == 2
    # Another article says three: ACLED's conservative rule codes three, both claims kept.
    both = [*one, {"value": 3, "qualifier": "exact", "document": "b"}]
    assert figures(both)["best"] == 3 and len(figures(both)["claims"]) == 3


def test_wounded_named_one_by_one_are_the_dead_when_the_source_gives_as_many_dead() -> None:
    from sitrep.extract.casualties import figures

    # "A 7-year-old boy was shot … Police later confirmed that the boy had died": one killed, none wounded.
    shot = [{"value": 1, "qualifier": "one", "document": "a"}]
    died = [{"value": 1, "qualifier": "one", "document": "a"}]
    kept = figures(shot, died)
    assert kept["best"] is None and kept["claims"] == shot  # not counted, still listed
    # A source that tells of no dead is read against the dead another tells of: an early report's
    # "a girl was shot" and a later one's "the girl died" are one person. A source that gives its
    # own dead is read against those; a toll of wounded is a toll.
    assert figures(shot, [{"value": 1, "qualifier": "one", "document": "b"}])["best"] is None
    assert figures(shot, [{"value": 0, "qualifier": "exact", "document": "a"},
                          {"value": 1, "qualifier": "one", "document": "b"}])["best"] == 1
    assert figures([{"value": 3, "qualifier": "exact", "document": "a"}], died)["best"] == 3
    # Fewer dead than wounded named: some of the wounded lived.
    assert figures([{"value": 2, "qualifier": "part", "document": "a"}], died)["best"] == 2
    # "A man was killed and a woman was injured": the woman is another person, and counts.
    assert figures(shot + [{"value": 1, "qualifier": "another", "document": "a"}], died)["best"] == 1


def test_a_figure_in_words_yields_to_a_number_from_the_same_source() -> None:
    from sitrep.extract.casualties import figures

    # "Five people were shot … several people were shot when a fight broke out" (several read as 10).
    one = [{"value": 5, "qualifier": "exact", "document": "a"}, {"value": 10, "qualifier": "vague", "document": "a"}]
    assert figures(one)["best"] == 5 and figures(one)["high"] == 10  # the word's figure stays as a claim
    assert figures(one[1:])["best"] == 10  # alone, it is the source's figure


def test_a_day_ahead_stays_ahead_when_the_sentence_looks_ahead(events_of) -> None:
    ms = events_of("The man charged with the shooting that killed two people will be tried on April 2.", dct="2015-01-25")
    assert ms and all(m.date_start == "2015-04-02" for m in ms)


def test_a_town_named_in_a_street_is_not_the_events_place(events_of) -> None:
    [m] = events_of("Trevor Williams was shot and killed near West Manchester Avenue in Los Angeles on Friday.",
                    dct="2014-06-14")
    assert m.location and m.location["name"] == "Los Angeles" and m.location["city"] == "Los Angeles"


def test_the_dateline_town_is_the_main_place() -> None:
    from sitrep.extract.mentions import extract
    from sitrep.geocode import find_places

    # Boise is named twice, the dateline's town once: the dateline counts as a title's town.
    text = ("IDAHO FALLS -- A man from Boise appeared in court on Monday.\n"
            "He had shot and killed his girlfriend, prosecutors said. He had moved to Boise years ago.")
    article = Article(id="d", source="d", title="", text=text, content_hash="x",
                      published=PubDate(date="2015-03-02", earliest="2015-03-02", latest="2015-03-02",
                                        basis="user", confidence=1.0))
    [m] = [m for m in extract(article, places=find_places(text)) if "girlfriend" in m.sentence]
    assert m.location["name"] == "Idaho Falls" and m.evidence["place"]["in"] == "text"


def test_without_a_town_the_county_is_the_main_place(events_of) -> None:
    ms = events_of("NOBLE COUNTY, Ind. (WANE) – Police said a boy has died.\nThe shooting was ruled accidental.",
                   dct="2014-04-27")
    assert ms and all(m.location and m.location["name"] == "Noble County" for m in ms)


def test_the_aim_of_a_launched_assault_is_an_attempt(events_of) -> None:
    [m] = events_of("Islamic State fighters launched an assault to capture the town of Qaryatain.", dct="2016-12-19")
    assert m.sub_event_type == "Non-state actor overtakes territory" and m.status == "attempted"
    # An assault only planned makes no event.
    assert not events_of("The army said it would launch an offensive to recapture Palmyra.", dct="2016-12-19")
    assert not events_of("Government forces plan an offensive to recapture Palmyra from Islamic State.", dct="2016-12-19")


def test_a_country_named_around_the_articles_town_gives_way_to_the_town(events_of) -> None:
    text = ("MANBIJ, Syria (AFP) – Fighting went on around the town on Monday.\n"
            "Air raids in northern Syria killed 25 civilians on Tuesday, a Britain-based war monitor said.")
    ms = [m for m in events_of(text, dct="2016-07-20") if "Air raids" in m.sentence]
    assert ms and ms[0].location["name"] == "Manbij"
    # A change of territory keeps the place the sentence names: it says nothing of who holds Manbij.
    text = "MANBIJ, Syria (AFP) – Fighting went on around the town.\nThe army regained territory in northern Syria on Tuesday."
    ms = [m for m in events_of(text, dct="2016-07-20") if m.sub_event_type == "Government regains territory"]
    assert ms and ms[0].location["name"] == "Syria"


def test_an_arrest_for_a_shooting_keeps_the_shooting_and_its_toll_apart(events_of) -> None:
    # The arrest is the news; the shooting it is for is a second event of the sentence, and the
    # four wounded are the shooting's, not the arrest's.
    ms = events_of("Police have arrested a Tampa man suspected of shooting four men outside a "
                   "restaurant last week.", dct="2015-03-26")
    [arrest] = [m for m in ms if m.sub_event_type == "Arrests"]
    [attack] = [m for m in ms if m.event_type == "Violence against civilians"]
    assert not arrest.injured and [c.value for c in attack.injured] == [4]
    assert attack.date_end <= "2015-03-22" and attack.confidence < arrest.confidence


def test_an_arrest_in_connection_with_a_shooting_also_reports_the_shooting(events_of) -> None:
    ms = events_of("Police arrested two people in connection with a shooting in the Tenderloin neighborhood.",
                   dct="2014-03-25")
    assert [m.sub_event_type for m in ms] == ["Arrests", "Attack"]
    arrest, shooting = ms
    assert shooting.confidence < arrest.confidence  # the second event of the sentence, less sure
    # Without a word tying it to violence the arrest is the only event.
    [only] = events_of("Police arrested two people at a protest in the Tenderloin neighborhood.", dct="2014-03-25")
    assert only.sub_event_type == "Arrests"
    # The words tying it to a shooting are enough, however weakly the classifier reads the shooting.
    ms = events_of("Four adults and two juveniles were arrested in connection with a shooting that left a "
                   "16-year-old boy in the hospital Thursday.", dct="2017-01-27")
    assert [m.sub_event_type for m in ms] == ["Arrests", "Attack"]
    ms = events_of("Police arrested four teenagers in connection to a shooting Sunday night in Kettering.", dct="2016-10-25")
    assert [m.sub_event_type for m in ms] == ["Arrests", "Attack"]
    ms = events_of("Police have arrested and charged a 16-year-old boy with reckless manslaughter in the shooting "
                   "death of a 10-year-old boy.", dct="2016-08-01")
    assert [m.sub_event_type for m in ms] == ["Arrests", "Attack"]
    # With no word of the violence a trigger, the words tying the arrest to it still tell of it.
    ms = events_of("Truckee police have arrested a man suspected of killing his girlfriend in Idaho on "
                   "New Year's Day.", dct="2015-01-03")
    assert [m.sub_event_type for m in ms] == ["Arrests", "Attack"]
    assert [c.value for c in ms[1].fatalities] == [1] and not ms[0].fatalities


def test_a_date_before_the_event_word_dates_the_event(events_of) -> None:
    # The small parser reads "in the May 7, 2015" and a verb "shooting"; the words say otherwise.
    [m] = events_of("A gang leader pleaded guilty today for his role in the May 7, 2015, shooting of four "
                    "members of a family in Detroit.", dct="2016-10-25")
    assert (m.date_start, m.date_precision, m.background) == ("2015-05-07", "day", True)
    assert m.evidence["date"]["text"] == "May 7, 2015"
    # A page's heading in capitals dates the page, not the event.
    [m] = events_of("August 22, 2016 SHOOTING On July 31, 2016, at approximately 5:30 p.m., officers "
                    "responded to a shooting at a pawn shop in Memphis.", dct="2016-10-25")
    assert m.date_start == "2016-07-31"


def test_the_title_makes_no_sentence_an_event_by_itself() -> None:
    from sitrep.extract.mentions import extract

    pub = PubDate(date="2016-05-02", earliest="2016-05-02", latest="2016-05-02", basis="user", confidence=1.0)
    text = ("A man was shot dead outside a bar in Akron on Friday night. The owner did not elaborate. "
            "Watch live TV and connect with us on Facebook.")
    ms = extract(Article(id="t", source="t", title="Man shot dead outside a bar in Akron", text=text, published=pub))
    assert [(m.sub_event_type, m.start) for m in ms] == [("Attack", 0)]


def test_a_headline_over_nothing_but_furniture_is_kept_and_read() -> None:
    from sitrep.records import RawDoc, Rejected
    from sitrep.spine import extract_document, process

    furniture = "Share this article\nFacebook\nTwitter\nEmail\nLeave a comment\nYou must be logged in to post a comment."
    pub = PubDate(date="2014-10-13", earliest="2014-10-13", latest="2014-10-13", basis="jsonl", confidence=0.95)
    [kept] = process([RawDoc(id="x", source="x", kind="text", body=furniture, published=pub,
                             title="4 people shot in southeast Atlanta")])
    assert kept.text == "" and len(kept.removed) == 6  # every removed line is still listed
    [m] = extract_document(kept)
    assert m.in_title and m.location["name"] == "Atlanta" and [c.value for c in m.injured] == [4]
    # Under a title too short to say anything, nothing is left: rejected, with the reason.
    [gone] = process([RawDoc(id="y", source="y", kind="text", body=furniture, title="Atlanta news")])
    assert isinstance(gone, Rejected) and gone.code == "E_NO_CONTENT"


def test_a_text_that_reports_no_event_leaves_the_headline_to_report_it() -> None:
    from sitrep.extract.mentions import extract, mention_record

    pub = PubDate(date="2016-05-02", earliest="2016-05-02", latest="2016-05-02", basis="user", confidence=1.0)
    title = "Man shot dead outside a bar in Akron"
    scrape = Article(id="t", source="t", title=title, published=pub,
                     text="You are the owner of this article.\nWe have sent you a verification email.")
    [m] = extract(scrape)
    assert m.in_title and m.sub_event_type == "Attack" and m.location["name"] == "Akron"
    assert (m.start, m.end, m.sentence) == (0, len(title), title)  # offsets index the title
    assert m.evidence["place"] == {"start": 31, "end": 36, "text": "Akron"}
    record = mention_record(m, scrape)
    assert record["in"] == "title" and record["mentions"][0]["in"] == "title"
    assert "in" not in mention_record(extract(Article(id="u", source="u", title=title, published=pub,
                                                      text=title + ".\nPolice said he died at the scene."))[0], scrape)
    # A text that reports an event keeps the headline out of it.
    reported = Article(id="u", source="u", title=title, published=pub, text="Two soldiers were killed in an air strike on Idlib.")
    assert [m.in_title for m in extract(reported)] == [False]


def test_a_headline_toll_counts_when_the_text_tells_the_violence_without_one() -> None:
    from sitrep.extract.mentions import extract

    pub = PubDate(date="2013-09-21", earliest="2013-09-21", latest="2013-09-21", basis="user", confidence=1.0)
    text = ("PALM SPRINGS, Fla. - Shots rang out at a nightclub in Palm Springs early Saturday morning. "
            "Police said the club was full and everyone scattered once they heard the gunfire.")
    ms = extract(Article(id="t", source="t", title="Nightclub shooting: 4 shot in Palm Springs club", text=text,
                         published=pub))
    [head] = [m for m in ms if m.in_title]
    assert [c.value for c in head.injured] == [4]
    # the headline's "Palm Springs" is the text's, in Florida
    assert {m.location["admin1"] for m in ms} == {"Florida"}
    # A headline with no toll stays out of a text that reports the violence.
    assert not any(m.in_title for m in extract(Article(id="u", source="u", title="Nightclub shooting in Palm Springs",
                                                       text=text, published=pub)))


def test_casualty_figures_point_at_their_words(events_of) -> None:
    text = "Police said four men were shot and two of them died early Friday at a gas station in Chicago."
    [m] = events_of(text)
    assert (m.fatalities[0].value, m.injured[0].value) == (2, 2)
    for field, words in (("fatalities", "two of them died"), ("injured", "four men were shot")):
        ev = m.evidence[field]
        assert text[ev["start"]:ev["end"]] == ev["text"] == words


def test_parts_of_a_day_date_the_event_but_clock_times_do_not(events_of) -> None:
    [m] = events_of("A man was shot this morning near the park.", dct="2017-03-05")
    assert (m.date_start, m.date_end, m.date_precision) == ("2017-03-05", "2017-03-05", "day")
    [m] = events_of("A man was shot last night near the park.", dct="2017-03-05")
    assert (m.date_start, m.date_end) == ("2017-03-04", "2017-03-05")
    [m] = events_of("A man was shot tonight near the park.", dct="2017-03-05")
    assert (m.date_start, m.date_end) == ("2017-03-05", "2017-03-05")  # not past publication
    # "around 2:30 a.m." is given the publication day by the normaliser: it dates nothing here.
    [m] = events_of("A man was shot around 2:30 a.m. near the park.", dct="2017-03-05")
    assert m.date_precision == "week" and "date" not in m.evidence


def test_overnight_with_no_day_is_the_night_before_publication(events_of) -> None:
    [m] = events_of("The shooting occurred overnight in the 1700 block of South Yale.", dct="2017-03-04")
    assert (m.date_start, m.date_end, m.date_precision) == ("2017-03-03", "2017-03-04", "day")
    assert m.evidence["date"]["text"] == "overnight"
    # Someone kept overnight in a hospital says nothing of when the shooting was.
    [m] = events_of("The man who was shot was kept overnight at a hospital.", dct="2017-03-04")
    assert m.date_precision == "week"


def test_the_hospitals_town_is_not_where_it_happened() -> None:
    from sitrep.extract.mentions import _care_place
    from sitrep.records import Place

    def place(text: str, name: str) -> Place:
        i = text.index(name)
        return Place(start=i, end=i + len(name), text=name, name=name, geonameid="1", lat=0.0, lon=0.0,
                     country_code="US", feature_code="PPL")

    for text, name in (("The teen was flown to St. Francis Hospital in Wichita for treatment.", "Wichita"),
                       ("She was in critical condition in an Atlanta area hospital Monday.", "Atlanta"),
                       ("He was held in the Escambia County Detention Center in Brewton.", "Brewton")):
        assert _care_place(text, place(text, name)), text
    assert not _care_place("A man was shot in Wichita on Sunday.", place("A man was shot in Wichita on Sunday.", "Wichita"))


def test_an_undated_report_takes_the_date_the_article_gives_that_violence(events_of) -> None:
    text = ("The double shooting on January 9 outside of Lolo left a man and a woman dead. "
            "The county attorney charged Vallier with theft on Thursday. "
            "Investigators say a struggle over the gun ensued between the two men and the woman was shot.")
    shot = [m for m in events_of(text, dct="2017-03-30") if "was shot" in m.sentence]
    assert shot and all((m.date_start, m.date_precision, m.background) == ("2017-01-09", "day", True) for m in shot)
    assert all(m.evidence["date"]["text"] == "January 9" for m in shot)
    # A report of the days before publication keeps them: the article dates no earlier violence.
    [m] = [m for m in events_of("A man was shot in Lolo. He was taken to a hospital.", dct="2017-03-30")
           if "shot" in m.sentence]
    assert (m.date_start, m.date_end, m.date_precision) == ("2017-03-23", "2017-03-30", "week") and not m.background



def test_a_street_is_no_place_of_the_event(events_of) -> None:
    [m] = events_of("A man was shot in the 8300 block of South Cottage Grove about 10:30 a.m., according to Chicago Police.")
    assert m.location["name"] == "Chicago"
    [m] = events_of("Two men were shot at Independence and Wabash avenues in Kansas City on Thursday.")
    assert m.location["name"] == "Kansas City"


def test_people_hurt_by_gunfire_are_an_attack_whatever_the_vocabulary_makes_of_the_rest(events_of) -> None:
    # No event word the taxonomy knows, but someone was hit by gunfire: an attack, told less surely.
    [m] = events_of("A 2-year-old in Smyrna is at Vanderbilt Medical Center in Nashville after accidentally "
                    "shooting herself.", dct="2016-01-10")
    assert m.sub_event_type == "Attack" and [c.value for c in m.injured] == [1] and m.confidence < 0.2
    [m] = events_of("A 16-year-old girl suffered minor injuries after she was struck by several shotgun pellets "
                    "while turkey hunting.", dct="2016-01-10")
    assert m.sub_event_type == "Attack"


def test_the_people_a_report_names_with_an_age_are_its_evidence(events_of) -> None:
    [m] = events_of("Tyshawn Lee, 9, was shot and killed in an alley on Sunday.", dct="2015-11-03")
    assert m.evidence["people"] == [{"start": 0, "end": 11, "text": "Tyshawn Lee"}]
    # A list naming more people than MAX_PEOPLE with an age is no one report's: no names kept.
    from sitrep.extract.mentions import MAX_PEOPLE

    victims = [f"Jon Doe{'abcdefghijklmnop'[i]}, {20 + i}, was shot." for i in range(MAX_PEOPLE + 1)]
    ms = events_of(" ".join(victims), dct="2015-11-03")
    assert ms and all("people" not in m.evidence for m in ms)
    ms = events_of(" ".join(victims[:MAX_PEOPLE]), dct="2015-11-03")
    assert len(ms[0].evidence["people"]) == MAX_PEOPLE
