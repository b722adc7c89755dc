"""The rule-based event classifier: hand-written sentences for every ACLED sub-event type (the hard
pairs first), non-events, the lemmatiser fallback and hostile input.

Every sentence here was written for these tests; none comes from an evaluation set."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep.extract import Classifier, classify, load_taxonomy

# (sentence, expected top sub-event type): the pairs the brief singles out, then one or two more
# for every type.
HARD_PAIRS = [
    ("Syrian troops recaptured Palmyra from IS.", "Government regains territory"),
    ("IS fighters seized the town.", "Non-state actor overtakes territory"),
    ("The town was captured by Taliban insurgents on Sunday.", "Non-state actor overtakes territory"),
    ("The army retook the district after the militants fled.", "Government regains territory"),
    ("Forces loyal to the government regained control of the port city.", "Government regains territory"),
    ("The army captured a senior al-Shabab commander near Kismayo.", "Arrests"),
    ("Russian warplanes bombed rebel positions in Idlib.", "Air/drone strike"),
    ("A drone strike hit a car carrying militants, killing three.", "Air/drone strike"),
    ("Rebels shelled government-held districts of the city.", "Shelling/artillery/missile attack"),
    ("Rockets fired from across the border hit a school.", "Shelling/artillery/missile attack"),
    ("A roadside bomb exploded near an army convoy.", "Remote explosive/landmine/IED"),
    ("A suicide bomber blew himself up at a checkpoint, killing six.", "Suicide bomb"),
    ("Militants hurled a grenade at a police patrol.", "Grenade"),
    ("Gunmen stormed a village and killed 14 residents.", "Attack"),
    ("Militants attacked an army checkpoint, killing four soldiers.", "Armed clash"),
    ("Thousands of students marched peacefully through the capital.", "Peaceful protest"),
    ("Police used water cannon to disperse protesters outside parliament.", "Protest with intervention"),
    ("Security forces opened fire on protesters, killing six.", "Excessive force against protesters"),
    ("Protesters threw stones at police and set fire to a bank.", "Violent demonstration"),
    ("A mob lynched a man accused of stealing a cow.", "Mob violence"),
    ("Police arrested three suspected members of the group.", "Arrests"),
    ("Gunmen kidnapped two aid workers on the airport road.", "Abduction/forced disappearance"),
    ("The government and the rebels agreed a ceasefire.", "Agreement"),
    ("Turkish forces established a new military base in the province.", "Headquarters or base established"),
    ("Militiamen looted shops and burned houses in the village.", "Looting/property destruction"),
    ("Army engineers defused a bomb planted under a bridge.", "Disrupted weapons use"),
    ("Police seized a cache of weapons and ammunition.", "Disrupted weapons use"),
    ("Government helicopters dropped chlorine on the town.", "Chemical weapon"),
    ("Soldiers raped women during the raid, witnesses said.", "Sexual violence"),
    ("Hundreds of fighters defected from the militia and joined the army.", "Change to group/activity"),
    (
        "Government troops withdrew and the rebels entered the town without a fight.",
        "Non-violent transfer of territory",
    ),
    ("Investigators uncovered a mass grave near the former front line.", "Other"),
]

# A broader set, also written for these tests (varied news phrasing).
SENTENCES = [
    ("Security forces killed five militants in a gun battle in the district on Monday.", "Armed clash"),
    ("Troops repulsed an attack by Boko Haram fighters on their base in Borno state.", "Armed clash"),
    ("Fighting erupted between the army and rebels near the airport.", "Armed clash"),
    ("Militants ambushed an army patrol, killing three soldiers.", "Armed clash"),
    ("Soldiers neutralised eight terrorists in an encounter in Kupwara district.", "Armed clash"),
    ("Gunmen attacked a police station, killing two officers.", "Armed clash"),
    ("Heavy fighting continued between Houthi rebels and government forces in Marib.", "Armed clash"),
    ("Two soldiers were killed in an exchange of fire along the Line of Control.", "Armed clash"),
    ("The army said it killed 12 insurgents during a military operation in the forest.", "Armed clash"),
    ("Syrian troops recaptured Palmyra from IS.", "Government regains territory"),
    ("The army retook the town from al-Shabab after a two-day battle.", "Government regains territory"),
    (
        "Iraqi forces liberated the last neighbourhoods of Mosul held by the Islamic State.",
        "Government regains territory",
    ),
    ("Government troops regained control of the district after the Taliban fled.", "Government regains territory"),
    ("IS fighters seized the town.", "Non-state actor overtakes territory"),
    (
        "Taliban militants captured the district headquarters after heavy fighting.",
        "Non-state actor overtakes territory",
    ),
    ("The town fell to the rebels on Sunday.", "Non-state actor overtakes territory"),
    ("Al-Shabaab overran a military base and took control of the town.", "Non-state actor overtakes territory"),
    (
        "Government forces withdrew from the town and rebel fighters moved in without a fight.",
        "Non-violent transfer of territory",
    ),
    ("The militia handed over control of the airport to the army.", "Non-violent transfer of territory"),
    ("Russian warplanes bombed rebel positions in Idlib.", "Air/drone strike"),
    ("A US drone strike killed three al-Qaeda suspects in a car.", "Air/drone strike"),
    ("Israeli jets struck Hamas targets in Gaza overnight.", "Air/drone strike"),
    ("Turkish aircraft hit PKK hideouts in northern Iraq.", "Air/drone strike"),
    ("Saudi-led coalition raids killed 12 people at a market in Saada.", "Air/drone strike"),
    ("Rebels shelled government-held neighbourhoods of the city.", "Shelling/artillery/missile attack"),
    ("A rocket fired from Gaza landed in an open field near Sderot.", "Shelling/artillery/missile attack"),
    (
        "Mortar rounds hit a residential district of Mogadishu, wounding four civilians.",
        "Shelling/artillery/missile attack",
    ),
    ("Pakistani troops resorted to unprovoked shelling along the border.", "Shelling/artillery/missile attack"),
    ("The Houthis fired a ballistic missile at Riyadh.", "Shelling/artillery/missile attack"),
    ("A roadside bomb hit an army truck, wounding five soldiers.", "Remote explosive/landmine/IED"),
    ("A car bomb exploded near a busy market in Baghdad, killing 10 people.", "Remote explosive/landmine/IED"),
    ("Two soldiers died when their vehicle struck a landmine.", "Remote explosive/landmine/IED"),
    ("An explosion ripped through a bus carrying pilgrims, killing seven.", "Remote explosive/landmine/IED"),
    ("A bomb planted on a motorcycle went off outside the police station.", "Remote explosive/landmine/IED"),
    ("A suicide bomber blew himself up at a mosque during Friday prayers.", "Suicide bomb"),
    ("A suicide car bomber rammed an army checkpoint in Mogadishu.", "Suicide bomb"),
    ("Militants hurled a grenade at a police patrol in Srinagar.", "Grenade"),
    ("A hand grenade was thrown into a bar, injuring twelve people.", "Grenade"),
    ("Residents reported breathing difficulties after a chlorine attack on the town.", "Chemical weapon"),
    ("Government helicopters dropped barrels filled with toxic gas on the village.", "Chemical weapon"),
    ("Soldiers raped several women during the raid on the village.", "Sexual violence"),
    ("The girl was gang-raped by members of the militia.", "Sexual violence"),
    ("Gunmen killed 12 villagers in an attack on a village in Zamfara.", "Attack"),
    ("Unknown assailants shot dead a journalist outside his home.", "Attack"),
    ("Herdsmen killed 20 people in attacks on farming communities.", "Attack"),
    ("Militants opened fire on worshippers leaving a church.", "Attack"),
    ("A local politician was assassinated by unidentified gunmen.", "Attack"),
    ("Bandits kidnapped 30 students from a boarding school.", "Abduction/forced disappearance"),
    ("Two aid workers were abducted by gunmen on the road to the airport.", "Abduction/forced disappearance"),
    ("Hundreds of teachers staged a peaceful march to parliament demanding higher pay.", "Peaceful protest"),
    ("Workers went on strike to demand unpaid wages.", "Peaceful protest"),
    ("Residents protested against frequent power cuts outside the town hall.", "Peaceful protest"),
    ("Thousands took to the streets of the capital to demand the president's resignation.", "Peaceful protest"),
    ("Police dispersed the protesters with tear gas.", "Protest with intervention"),
    ("Police arrested 30 protesters at an unauthorised rally in Moscow.", "Protest with intervention"),
    ("Security forces opened fire on protesters, killing three people.", "Excessive force against protesters"),
    ("Police shot dead two demonstrators during the march.", "Excessive force against protesters"),
    ("Protesters torched vehicles and pelted police with stones.", "Violent demonstration"),
    ("Demonstrators clashed with police and set fire to a government building.", "Violent demonstration"),
    ("A mob lynched a man accused of stealing a goat.", "Mob violence"),
    ("Angry residents beat a suspected thief to death.", "Mob violence"),
    ("The government and the rebels signed a peace agreement in Juba.", "Agreement"),
    ("Both sides agreed to a ceasefire starting at midnight.", "Agreement"),
    ("Police arrested ten suspected members of the Islamic State group.", "Arrests"),
    ("The opposition leader was detained at his home before dawn.", "Arrests"),
    ("Security forces rounded up dozens of suspects after the attack.", "Arrests"),
    ("Two rebel factions announced they had merged into a new alliance.", "Change to group/activity"),
    ("Over 100 fighters defected from the militia and joined the army.", "Change to group/activity"),
    ("Army engineers defused a bomb planted near the school.", "Disrupted weapons use"),
    ("Police seized a cache of rifles and ammunition in a farmhouse.", "Disrupted weapons use"),
    ("Air defences shot down two drones over the airport.", "Disrupted weapons use"),
    ("Turkish forces set up a new military base in Idlib province.", "Headquarters or base established"),
    ("Militiamen looted shops and set fire to houses in the village.", "Looting/property destruction"),
    ("Soldiers demolished dozens of homes in the area.", "Looting/property destruction"),
    ("Investigators found a mass grave with the remains of dozens of people.", "Other"),
    (
        "Nigerian troops have killed 15 Boko Haram terrorists who attacked their location in Damboa, the army said in a statement on Sunday.",
        "Armed clash",
    ),
    (
        "Two policemen were killed when suspected Maoists opened fire on a police party in Chhattisgarh's Sukma district.",
        "Armed clash",
    ),
    (
        "The Kenya Defence Forces said it repelled an al-Shabaab attack on its camp in Lamu, killing 10 attackers.",
        "Armed clash",
    ),
    ("Clashes between rival militias in Tripoli left at least 12 fighters dead, health officials said.", "Armed clash"),
    (
        "Afghan forces backed by US air support pushed Taliban fighters out of the centre of Kunduz on Thursday, officials said.",
        "Government regains territory",
    ),
    (
        "The Nigerian army said its troops had cleared several Boko Haram camps and freed the town of Gwoza.",
        "Government regains territory",
    ),
    (
        "Houthi rebels took control of the presidential palace in Sanaa after two days of fighting with the presidential guard.",
        "Non-state actor overtakes territory",
    ),
    (
        "Islamist insurgents captured the port town of Mocimboa da Praia after a week-long assault, the army admitted.",
        "Non-state actor overtakes territory",
    ),
    (
        "The jihadists now control most of the province after government troops abandoned their positions.",
        "Non-state actor overtakes territory",
    ),
    (
        "Syrian government warplanes and helicopters pounded rebel-held parts of Aleppo on Friday, a monitoring group said.",
        "Air/drone strike",
    ),
    (
        "A suspected US drone fired two missiles at a compound in North Waziristan, killing four militants.",
        "Air/drone strike",
    ),
    (
        "The Israeli army said its aircraft struck a Hamas weapons factory in the northern Gaza Strip.",
        "Air/drone strike",
    ),
    (
        "Ukrainian positions came under mortar and artillery fire near Avdiivka overnight, the military said.",
        "Shelling/artillery/missile attack",
    ),
    (
        "Three children were wounded when a shell landed on their house in Donetsk, local officials said.",
        "Shelling/artillery/missile attack",
    ),
    (
        "Militants fired several rockets at the US embassy compound in Baghdad's Green Zone.",
        "Shelling/artillery/missile attack",
    ),
    (
        "An IED blast targeted a military convoy in Kurram agency, injuring two soldiers.",
        "Remote explosive/landmine/IED",
    ),
    ("A bomb attached to a car exploded in the city centre, killing the driver.", "Remote explosive/landmine/IED"),
    (
        "Four people were killed when a bomb hidden in a rickshaw went off near a crowded bazaar.",
        "Remote explosive/landmine/IED",
    ),
    (
        "A female suicide bomber detonated explosives strapped to her body at a market in Maiduguri, killing 12 people.",
        "Suicide bomb",
    ),
    ("A Taliban suicide attacker drove an explosives-laden vehicle into a police compound.", "Suicide bomb"),
    ("Unidentified men threw a grenade at the house of a police officer in Pulwama.", "Grenade"),
    ("Two people were hurt when a grenade was lobbed into a crowded market.", "Grenade"),
    ("The watchdog concluded that sarin had been used in the attack on Khan Sheikhoun.", "Chemical weapon"),
    ("Soldiers sexually assaulted women at a checkpoint, a UN report said.", "Sexual violence"),
    ("Three women were raped by armed men in a village near Bunia, a local official said.", "Sexual violence"),
    ("Suspected Fulani militants killed 17 people in an overnight raid on a village in Plateau state.", "Attack"),
    ("Gunmen on motorcycles stormed a market and shot dead nine traders.", "Attack"),
    ("A teacher was beheaded by suspected jihadists in front of his pupils.", "Attack"),
    ("Security forces killed an unarmed farmer at a checkpoint, his family said.", "Attack"),
    ("Gunmen kidnapped a Catholic priest from his parish in Kaduna state on Sunday.", "Abduction/forced disappearance"),
    ("Armed men abducted 20 passengers from a bus on the highway.", "Abduction/forced disappearance"),
    ("Thousands of people rallied in the capital on Saturday to protest against corruption.", "Peaceful protest"),
    ("Doctors at public hospitals went on strike demanding better pay and working conditions.", "Peaceful protest"),
    ("Hundreds of women marched through the city centre to mark International Women's Day.", "Peaceful protest"),
    ("Students staged a sit-in outside the ministry of education.", "Peaceful protest"),
    (
        "Police fired tear gas to disperse opposition supporters who had gathered outside the electoral commission.",
        "Protest with intervention",
    ),
    ("Dozens of activists were detained as police broke up a rally in central Minsk.", "Protest with intervention"),
    (
        "Soldiers opened fire on demonstrators in Yangon, killing at least seven people.",
        "Excessive force against protesters",
    ),
    ("Riot police beat protesters with batons, leaving dozens injured.", "Excessive force against protesters"),
    ("Protesters hurled rocks and petrol bombs at police, who responded with tear gas.", "Violent demonstration"),
    ("Angry demonstrators set fire to the governor's office and looted shops.", "Violent demonstration"),
    (
        "Youths burned tyres and blocked the main road to protest the killing of a local trader.",
        "Violent demonstration",
    ),
    ("A mob set fire to a mosque after rumours spread that a Koran had been desecrated.", "Mob violence"),
    ("Villagers lynched two men suspected of kidnapping children.", "Mob violence"),
    ("The warring parties signed a ceasefire agreement in Addis Ababa.", "Agreement"),
    ("The government released 50 rebel prisoners in exchange for 30 soldiers.", "Agreement"),
    ("The army announced the arrest of a suspected bomb maker in Quetta.", "Arrests"),
    ("Turkish police detained 40 people suspected of links to the Gulen movement.", "Arrests"),
    ("A prominent journalist was arrested on charges of spreading false news.", "Arrests"),
    (
        "The rebel group announced a merger with two smaller factions to form a new coalition.",
        "Change to group/activity",
    ),
    ("Hundreds of Boko Haram fighters surrendered to the army in Borno state.", "Change to group/activity"),
    ("The army deployed thousands of additional troops to the northern border.", "Change to group/activity"),
    ("A bomb disposal squad defused an explosive device found near the bridge.", "Disrupted weapons use"),
    ("Troops recovered a large cache of arms and ammunition from a militant hideout.", "Disrupted weapons use"),
    ("Israel's Iron Dome intercepted most of the rockets fired from Gaza.", "Disrupted weapons use"),
    ("Police found two unexploded mortar shells in a field and cordoned off the area.", "Disrupted weapons use"),
    ("The rebels established their headquarters in the town hall.", "Headquarters or base established"),
    ("Armed men set ablaze dozens of houses in the village and stole livestock.", "Looting/property destruction"),
    ("Militia fighters looted the hospital and destroyed medical equipment.", "Looting/property destruction"),
    ("Russian troops left the base and handed it over to the Syrian army.", "Non-violent transfer of territory"),
    ("Authorities imposed a curfew in the city after the unrest.", "Other"),
    (
        "The Russian military began large-scale exercises near the Ukrainian border involving 10,000 troops.",
        "Change to group/activity",
    ),
    ("Al-Shabaab has been recruiting child soldiers in southern Somalia, residents said.", "Change to group/activity"),
    (
        "The Islamic State group announced a new leader after the death of Abu Bakr al-Baghdadi.",
        "Change to group/activity",
    ),
    (
        "Several militia groups pledged allegiance to the Islamic State in a video released on Friday.",
        "Change to group/activity",
    ),
    (
        "Reinforcements were sent to the frontline as the army prepared a major offensive on the city.",
        "Change to group/activity",
    ),
    ("The rebels relocated their command centre to the mountains.", "Change to group/activity"),
    (
        "Security was tightened across the capital ahead of the elections, with troops deployed at key intersections.",
        "Change to group/activity",
    ),
    ("Thousands of refugees were forcibly deported across the border, UNHCR said.", "Other"),
    ("The bodies of 12 men with bullet wounds were found dumped on the outskirts of the city.", "Other"),
    ("Kiir and Machar signed a power-sharing deal in Khartoum.", "Agreement"),
    ("The government and the ELN guerrillas resumed peace negotiations in Havana.", "Agreement"),
    ("The warring factions agreed to exchange bodies of fighters killed in the clashes.", "Agreement"),
    ("Unknown arsonists burned down a church in the village overnight.", "Looting/property destruction"),
    ("Settlers vandalised Palestinian cars and sprayed graffiti on walls.", "Looting/property destruction"),
    ("The militants blew up a telecommunications tower in Garissa county.", "Looting/property destruction"),
    ("Supporters of rival political parties clashed with machetes in the run-up to the vote.", "Mob violence"),
    ("Hindu and Muslim groups clashed in the town after a religious procession, leaving 10 injured.", "Mob violence"),
    ("A UN report documented systematic sexual violence by soldiers against Rohingya women.", "Sexual violence"),
    ("Boko Haram abducted more than 100 schoolgirls from their dormitory in Dapchi.", "Abduction/forced disappearance"),
    (
        "Human rights groups say the activist disappeared after being taken by security agents.",
        "Abduction/forced disappearance",
    ),
    (
        "Truck drivers blocked the highway for a second day to protest against rising fuel prices.",
        "Violent demonstration",
    ),
    (
        "Opposition supporters gathered in front of the courthouse chanting slogans against the verdict.",
        "Peaceful protest",
    ),
    ("Hundreds of farmers demonstrated in Delhi against the new agricultural laws.", "Peaceful protest"),
    ("Police arrested dozens of demonstrators who had blocked a bridge in London.", "Protest with intervention"),
    (
        "Police used tear gas and rubber bullets against protesters, wounding dozens.",
        "Excessive force against protesters",
    ),
    ("Protesters stormed the parliament building and clashed with security guards.", "Violent demonstration"),
    (
        "Heavy exchanges of fire were reported between Indian and Pakistani troops along the Line of Control.",
        "Armed clash",
    ),
    ("Government forces and Tigrayan fighters fought for control of the road on Sunday.", "Armed clash"),
    ("Islamic State militants attacked an army post in Diyala, killing three soldiers.", "Armed clash"),
    (
        "The Taliban overran the district centre after government forces retreated, officials said.",
        "Non-state actor overtakes territory",
    ),
    (
        "The Syrian army, backed by Russian air power, seized the town of Khan Sheikhoun from rebels.",
        "Government regains territory",
    ),
    (
        "Pro-government forces recaptured the strategic hill after a fierce battle with Houthi rebels.",
        "Government regains territory",
    ),
    ("A bomb exploded on a bus in Kabul, killing 11 passengers.", "Remote explosive/landmine/IED"),
    (
        "Three soldiers were killed when an improvised explosive device struck their patrol.",
        "Remote explosive/landmine/IED",
    ),
    ("Gunmen fired rocket-propelled grenades at a police station.", "Armed clash"),
    ("Saudi air defences intercepted a ballistic missile fired by the Houthis toward Jizan.", "Disrupted weapons use"),
    ("The Russian defence ministry said its jets killed 200 militants in strikes on Idlib.", "Air/drone strike"),
    ("An Israeli strike on a car in Gaza killed two Islamic Jihad militants.", "Air/drone strike"),
    (
        "Artillery shells fired by the army hit a school in the rebel-held town, killing five children.",
        "Shelling/artillery/missile attack",
    ),
    (
        "Unknown gunmen shot and killed a local councillor in front of his house on Tuesday night, police said. No group has claimed the killing.",
        "Attack",
    ),
    ("Two farmers were hacked to death by suspected herders in Benue, residents told reporters.", "Attack"),
    ("A police officer opened fire on a crowd of villagers, killing two, after an argument at a checkpoint.", "Attack"),
    (
        "Troops and militants exchanged heavy gunfire for hours in the outskirts of the town, leaving several dead on both sides.",
        "Armed clash",
    ),
    ("Security forces killed a wanted militant commander in a shootout in Baramulla, police said.", "Armed clash"),
    (
        "Five soldiers and 20 jihadists were killed when militants ambushed a military convoy near the Malian border.",
        "Armed clash",
    ),
    ("Rebel fighters launched a counter-offensive against government positions north of Hama.", "Armed clash"),
    (
        "Kidnappers released the two foreign engineers after a ransom was paid, security sources said.",
        "Abduction/forced disappearance",
    ),
    ("Gunmen seized 15 passengers from a minibus and took them into the forest.", "Abduction/forced disappearance"),
    ("A woman was sexually abused by two police officers in custody, her lawyer said.", "Sexual violence"),
    (
        "Opposition parties called a nationwide shutdown, and shops and businesses remained closed in most towns.",
        "Peaceful protest",
    ),
    (
        "Health workers held a demonstration outside the hospital demanding payment of salary arrears.",
        "Peaceful protest",
    ),
    (
        "The demonstrators, who were protesting against the jailing of their leader, were dispersed by police using batons.",
        "Protest with intervention",
    ),
    (
        "Police fired live rounds at protesters who had gathered near the presidential palace, killing four.",
        "Excessive force against protesters",
    ),
    (
        "Angry youths burnt tyres, blocked roads and hurled stones at police vehicles following the death of a student in custody.",
        "Violent demonstration",
    ),
    ("A mob of villagers attacked the police station and freed a suspect held there.", "Mob violence"),
    ("A crowd beat to death a man suspected of stealing a motorcycle, police said.", "Mob violence"),
    ("The two sides signed a memorandum of understanding to end hostilities in the region.", "Agreement"),
    ("Security forces arrested the alleged mastermind of the bombing in a raid on his hideout.", "Arrests"),
    ("Dozens of opposition activists were picked up by security agents in overnight raids.", "Arrests"),
    ("The army intercepted a truck loaded with explosives destined for a militant group.", "Disrupted weapons use"),
    ("Police in Mombasa foiled a terror plot and recovered a cache of explosives.", "Disrupted weapons use"),
    (
        "The Turkish army has set up a new outpost near the village, a war monitor said.",
        "Headquarters or base established",
    ),
    (
        "Fighters ransacked the offices of an aid agency and stole vehicles and equipment.",
        "Looting/property destruction",
    ),
    ("Israeli forces demolished the homes of two Palestinians accused of attacks.", "Looting/property destruction"),
    (
        "The militants withdrew from the town under a deal and government forces entered it on Sunday.",
        "Non-violent transfer of territory",
    ),
    ("Thousands fled their homes as fighting approached the city.", "Armed clash"),
    ("A drone attack targeted an airport in southern Saudi Arabia, the coalition said.", "Air/drone strike"),
    ("Helicopter gunships fired on militant hideouts in the mountains.", "Air/drone strike"),
    ("Artillery pounded the outskirts of the city throughout the night.", "Shelling/artillery/missile attack"),
    ("A landmine blast killed three children herding goats near the border.", "Remote explosive/landmine/IED"),
    ("A magnetic bomb attached to a vehicle killed a judge in Kabul.", "Remote explosive/landmine/IED"),
    ("Two suicide bombers struck a crowded market in Maiduguri, killing 30.", "Suicide bomb"),
    ("A grenade blast outside a nightclub injured nine people.", "Grenade"),
    ("Doctors treated dozens of patients for symptoms consistent with exposure to nerve agents.", "Chemical weapon"),
    # Local news of a shooting: a bullet "striking" someone is no air strike, a stray bullet no
    # crackdown on protesters.
    ("Bennett was struck in the abdomen.", "Attack"),
    ("Police said he fired at her, striking her in the hand.", "Attack"),
    ("The girl was sleeping in her bedroom when a stray bullet hit her.", "Attack"),
    ("Russian warplanes struck in the early morning, hitting a market.", "Air/drone strike"),
]


@pytest.mark.parametrize(("sentence", "expected"), HARD_PAIRS)
def test_hard_pairs_and_every_type(sentence: str, expected: str):
    ranked = classify(sentence)
    assert ranked, sentence
    assert ranked[0][0] == expected, (sentence, ranked[:3])
    assert 0.0 < ranked[0][1] <= 1.0


def test_every_builtin_type_is_covered_by_the_sentences():
    names = {s.name for s in load_taxonomy()}
    assert {g for _, g in HARD_PAIRS} == names
    assert {g for _, g in SENTENCES} == names


def test_broad_sentence_set():
    wrong = [(s, g, classify(s)[:2]) for s, g in SENTENCES if (classify(s) or [("Other", 0)])[0][0] != g]
    # all of them pass today; the floor leaves room for rule changes that trade a sentence or two
    assert len(wrong) <= len(SENTENCES) * 0.03, wrong


@pytest.mark.parametrize(
    "sentence",
    [
        "The weather was pleasant and the minister opened a new school library.",
        "Shares rose sharply on Tuesday after the central bank kept interest rates unchanged.",
        "The festival drew large audiences to the old town this summer.",
        # a grade at school, a gas station, a police helicopter overhead, a fund for a funeral
        "Her friend said the teen was in ninth grade at the high school.",
        "Officers responded to a robbery call at the Shell station off the highway.",
        "A police helicopter hovered above the scene.",
        "A GoFundMe account has been set up to help cover funeral costs.",
        "",
        "   ",
    ],
)
def test_non_events_get_nothing_or_low_confidence(sentence: str):
    ranked = classify(sentence)
    assert not ranked or ranked[0][1] < 0.35, ranked


def test_results_are_ranked_and_bounded():
    ranked = classify("Gunmen attacked a police post and then looted nearby shops, killing two officers.")
    confs = [c for _, c in ranked]
    assert confs == sorted(confs, reverse=True)
    assert all(0.0 <= c <= 1.0 for c in confs)
    assert len({n for n, _ in ranked}) == len(ranked)


def test_strong_evidence_is_confident():
    ranked = classify("A suicide bomber blew himself up at a crowded market, killing 20 people.")
    assert ranked[0] == ("Suicide bomb", ranked[0][1]) and ranked[0][1] > 0.6


def test_context_breaks_ties_but_does_not_override():
    sentence = "The town changed hands on Sunday."
    assert classify(sentence) == [] or classify(sentence)[0][1] < 0.35
    with_context = classify(sentence, context="Rebels overran the army positions and seized the town.")
    assert with_context and with_context[0][0] == "Non-state actor overtakes territory"
    # context alone cannot outvote a clear sentence
    ranked = classify("Police arrested ten protesters.", context="Warplanes bombed the city.")
    assert ranked[0][0] in {"Protest with intervention", "Arrests"}


def test_builtin_normaliser_gives_the_same_answers_on_the_hard_pairs():
    plain = Classifier(load_taxonomy(), use_lemmas=False)
    wrong = [(s, g) for s, g in HARD_PAIRS if (plain.classify(s) or [("", 0)])[0][0] != g]
    assert wrong == []


def test_spacy_is_not_loaded_at_import():
    code = (
        "import sys, sitrep.extract; c = sys.modules['sitrep.extract.classify']; "
        "print('spacy' in sys.modules, c._SPACY_TRIED)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_huge_input_is_handled():
    text = ("Rebels shelled the city. " * 50_000)[:1_000_000]
    assert len(text) == 1_000_000
    ranked = classify(text)
    assert ranked and ranked[0][0] == "Shelling/artillery/missile attack"
    assert classify("x" * 1_000_000) == []


def test_odd_input_never_raises():
    for text in [
        "\x00\x01\x02",
        "🙂" * 1000,
        "IS IS IS",
        "...",
        "-" * 5000,
        "\u202e evil \u202d",
        "a\nb\r\nc",
        "rocket-propelled",
        "sit-in sit-in",
        "March 3 march",
        "'s 's",
    ]:
        ranked = classify(text)
        assert isinstance(ranked, list)
    assert classify(None) == []  # type: ignore[arg-type]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_random_unicode_never_raises(text: str):
    ranked = classify(text)
    assert isinstance(ranked, list)
    for name, conf in ranked:
        assert isinstance(name, str)
        assert 0.0 <= conf <= 1.0


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(
            [
                "rebels",
                "seized",
                "the",
                "town",
                "IS",
                "by",
                "from",
                "army",
                "recaptured",
                "protesters",
                "police",
                "fired",
                "tear",
                "gas",
                "...",
                ",",
                "bomb",
                "suicide",
                "grenade",
                "hurled",
                "killed",
                "civilians",
                "=",
                "*",
                "sit-in",
            ]
        ),
        max_size=40,
    )
)
def test_random_event_words_never_raise(words: list[str]):
    ranked = classify(" ".join(words), context=" ".join(reversed(words)))
    assert all(0.0 <= c <= 1.0 for _, c in ranked)
