"""Vocabularies for rule-based entity extraction (substances, intensity, triggers, situations).

Kept apart from the matching code so clinicians can review and extend the words without
reading any logic. All entries are lower case. Phrases are listed in base form where possible:
`bot.nlp.extract` also matches them by lemma, so "beer" covers "beers" and "drink" covers
"drinking"/"drank". A phrase whose lemma differs from itself (e.g. "bars", lemma "bar") is
matched literally only, which stops slang from swallowing ordinary words.
"""

from __future__ import annotations


def _words(text: str) -> tuple[str, ...]:
    """Split a comma-separated word list; one string per category keeps this file short."""
    return tuple(w.strip() for w in text.split(",") if w.strip())


SUBSTANCE_VALUES = (
    "alcohol", "opioids", "stimulants", "cannabis", "benzodiazepines", "nicotine", "other",
)

# Unambiguous names, slang and common misspellings -> canonical substance.
SUBSTANCES: dict[str, tuple[str, ...]] = {
    "alcohol": _words("""
        alcohol, alchohol, alcohal, alcahol, acohol, achohol, alcohl, alchol, alc, booze, boose,
        beer, brew, brewski, wine, liquor, liqour, licquor, likker, vodka, vodak, vokda, whiskey,
        whisky, wiskey, tequila, tequilla, rum, bourbon, scotch, brandy, cognac, hennessy, henny,
        champagne, prosecco, sake, cider, hard seltzer, white claw, bud light, coors, ipa, lager,
        moonshine, margarita, cocktail, martini, mimosa, a fifth, a forty, 40oz, 40 oz, forties,
        six pack, 6 pack, 12 pack, 30 rack, tallboy, tall boy, drink, a drink, drinks, drinkin,
        drunk, buzzed, tipsy, hammered, a cold one, cold ones, bottle of wine, glass of wine
        """),
    "opioids": _words("""
        opioid, opioids, opiods, opiates, opiate, opium, painkiller, pain killers, pain pills,
        pill, pills, percs, perc, percocet, percocets, perks, perkies, oxy, oxys, oxies,
        oxycodone, oxycontin, oxycotin, roxy, roxies, roxys, vicodin, vikes, norco, norcos,
        hydros, hydrocodone, dilaudid, morphine, codeine, purple drank, sizzurp, tramadol,
        heroin, heroine, herion, heroin, fent, fentanyl, fentanly, fentynal, fetanyl, fentenyl,
        fetty, m30, m30s, black tar, china white, bupe, bupes, buprenorphine,
        bupenorphine, subs, suboxone, suboxen, suboxon, subutex, sublocade, methadone, methodone,
        methadon
        """),
    "stimulants": _words("""
        meth, methamphetamine, crystal meth, shards, cocaine, cocain, cocaine,
        coccaine, yayo, crack cocaine, crack rock, adderall, adderal, aderall, aderal, addy,
        addies, ritalin, vyvanse, uppers, amphetamine, amphetamines, eightball, 8 ball, 8ball
        """),
    "cannabis": _words("""
        weed, marijuana, marijuana, marijuna, marihuana, mary jane, ganja, reefer, joint, spliff,
        kush, thc, dab, dabs, dabbing, edible, edibles, shatter, delta 8, delta-8, d8, delta 9,
        bong, 420, mj, thc carts, thc gummies, smoke weed
        """),
    "benzodiazepines": _words("""
        xans, xan, xanax, xanex, zanax, zanex, xannies, xanny, xanies, xanax bars, benzos, benzo,
        benzodiazepine, benzodiazepines, klonopin, klonapin, klonopins, k-pins, kpins,
        clonazepam, valium, valiums, diazepam, ativan, lorazepam, alprazolam
        """),
    "nicotine": _words("""
        cigarettes, cigarette, cigs, cig, ciggies, ciggy, ciggs, smokes, a smoke, smoke break,
        tobacco, vape, vapes, vaping, vaped, vape pen, juul, juuls, juuling, nicotine, nic,
        nicotene, nicotine pouches, zyn, zyns, snus, chewing tobacco, cigar, cigars, cigarillo,
        cigarillos, black and milds, newports, marlboros, e-cig, ecig, elf bar, puff bar
        """),
    "other": _words("""
        kratom, ketamine, ket, special k, lsd, shrooms, magic mushrooms, psilocybin, mdma,
        ecstasy, pcp, spice, k2, inhalants, whippets, nitrous, poppers, gabapentin, gabbies,
        gabas, dxm, robotripping, ghb, bath salts, flakka, ambien
        """),
}

# Slang that is also an everyday word: accepted only after a use/craving cue, or as a bare answer.
AMBIGUOUS_SUBSTANCES: dict[str, tuple[str, ...]] = {
    "opioids": _words("h, dope, blues, tar, junk, lean, smack"),
    "stimulants": _words("crystal, ice, glass, speed, coke, blow, snow, crack, rock, tina, crank"),
    "cannabis": _words("pot, bud, grass, herb, blunt, blunts, wax, carts, gummies"),
    "benzodiazepines": _words("bars, footballs"),
    "nicotine": _words("dip, chew"),
    "other": _words("acid, molly, mushrooms"),
}

# Lemmas of words that, just before an ambiguous slang word, show it means a drug.
SUBSTANCE_CUES = frozenset(_words("""
    smoke, snort, shoot, pop, take, took, do, did, use, buy, score, cop, sniff, inject, crave,
    craving, want, wanna, need, hit, on, for, bag, gram, g, line, bump, baggie, relapse,
    relapsed, tempt, miss, offer, offered, sell, sold, some, any, more
    """))
# Quantity words allowed between a cue and the slang word ("smoked some pot", "took 2 bars").
SUBSTANCE_QUANTIFIERS = frozenset(_words("a, an, some, any, more, little, bit, of, few, couple"))
# "drink" is alcohol unless one of these follows within three words ("a drink of water").
NOT_ALCOHOL_AFTER_DRINK = frozenset(_words("""
    water, coffee, tea, soda, juice, milk, pop, gatorade, smoothie, lemonade, shake, decaf,
    seltzer, sparkling, kombucha, energy
    """))

# Intensity words -> value on the 0-10 scale (longest phrase wins where they overlap).
INTENSITY_WORDS: dict[str, float] = {
    **dict.fromkeys(_words("""
        none, zero, no craving, no cravings, no urge, no urges, not craving, not at all,
        nothing at all, nada
        """), 0.0),
    **dict.fromkeys(_words("barely, barely there, hardly any, very mild, super mild, minimal"),
                    1.0),
    **dict.fromkeys(_words("weak, a tiny bit, not much, minor, pretty weak"), 2.0),
    **dict.fromkeys(_words("""
        mild, slight, a little, a bit, a little bit, not bad, not too bad, not that bad,
        not so bad, not strong, not that strong, not too strong, not so strong, not very strong
        """), 3.0),
    **dict.fromkeys(_words("manageable, meh"), 4.0),
    **dict.fromkeys(_words("""
        moderate, medium, ok-ish, okish, okayish, ok ish, okay-ish, so-so, so so, middling,
        in the middle, halfway, mid
        """), 5.0),
    **dict.fromkeys(_words("pretty strong, pretty bad, rough, tough, kinda strong, kinda bad"),
                    7.0),
    **dict.fromkeys(_words("""
        strong, stong, strng, bad, really bad, rly bad, realy bad, so bad, super bad, intense,
        so strong, real bad
        """), 8.0),
    **dict.fromkeys(_words("""
        very strong, really strong, super strong, v strong, very bad, terrible, terible,
        horrible, horible, awful, extreme, extremely strong, overwhelming, insane, crazy strong,
        brutal, severe, out of control, like crazy
        """), 9.0),
    **dict.fromkeys(_words("""
        the worst, worst ever, worst it's been, worst its been, unbearable, unbarable,
        unberable, through the roof, thru the roof, off the charts, off the chart, maxed out,
        the strongest
        """), 10.0),
}
# An intensity word followed by one of these describes that noun, not the craving ("bad day").
INTENSITY_WORD_BLOCKED_NEXT = frozenset(_words("""
    day, days, week, weekend, night, news, mood, dream, dreams, time, times, idea, ideas, thing,
    things, luck, decision, decisions, choice, choices, influence, habit, habits, people,
    person, friend, friends, place, places, headache, pain, breakup, fight, argument, back,
    trip, memory, memories, smell, coffee, beer, wine, drink, drinks, weed, stuff, shape
    """))

NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10,
}
# Words after which a bare number is a time, date, count or id, not an intensity.
NUMBER_BLOCKED_PREV = frozenset(_words("""
    at, by, until, till, til, before, after, since, from, on, ago, day, days, week, weeks,
    month, months, year, years, number, no, step, room, page, chapter, delta, group, session,
    class, version, module, lesson, oz, mg, hour, hours, minute, minutes, apt, unit, route,
    highway, exit, top, grade, age, aged, than, over, under, x, times, the, my, his, her, our,
    their, for, with, of, only, last, next, every, those, these, first
    """))
# Words that may follow a bare number that is an intensity ("an 8 for alcohol", "7 rn").
NUMBER_ALLOWED_NEXT = frozenset(_words("""
    for, right, rn, now, today, tonight, tonite, this, and, but, or, because, bc, cuz, cause,
    after, when, since, at, with, about, if, though, tho, too, still, again, already, maybe,
    probably, prob, honestly, lol, lmao, tbh, ngl, idk, fr, omg, ugh, haha, i, im, it, its,
    my, on, in, all, almost, like, level, craving, cravings, urge, urges, intensity, while,
    whenever, every, just, really, so, pretty, man, dude, bro, yeah, yes, no, not, cant, lately,
    smh, wanting, want, wanna, need, needing, thinking, during, around, near, ever, thanks,
    thx, ty, please, pls, plz, help, easily, easy, atm, currently, anyway, ish, tops, max
    """))
# A number right after one of these is being denied ("not a 10"), so it is skipped.
NUMBER_NEGATIONS = frozenset(_words("not, isnt, isn't, never, aint"))

# Trigger categories (relapse-prevention "people, places, things" + emotions, HALT, times).
TRIGGER_CATEGORIES: dict[str, tuple[str, ...]] = {
    "people": _words("""
        ex, ex boyfriend, ex girlfriend, ex husband, ex wife, boyfriend, girlfriend, bf, gf,
        husband, wife, partner, spouse, fiance, mom, mum, mother, dad, father, parent, parents,
        sister, brother, sibling, family, friend, buddy, homie, homies, bestie, coworker,
        co-worker, boss, manager, dealer, plug, connect, old crew, crew, drinking buddy,
        roommate, neighbor, cousin, uncle, aunt, kid, kids, son, daughter, in-laws,
        grandma, grandpa, someone, somebody, people, person, guy, guys, old friends,
        probation officer, sponsor, landlord, stepdad, stepmom
        """),
    "places": _words("""
        bar, pub, club, nightclub, liquor store, gas station, corner store, corner, neighborhood,
        old neighborhood, block, hood, trap house, casino, at work, from work, to work,
        leaving work, left work, off work, my work, job, office, home, house,
        apartment, place, spot, car, parking lot, pharmacy, park, beach, downtown, hometown,
        street, alley, motel, hotel, restaurant, stadium, backyard, basement, garage, bathroom,
        dispensary, smoke shop, brewery, winery, liquor aisle, store, crib
        """),
    "things": _words("""
        money, cash, needle, syringe, pipe, lighter, spoon, foil, bottle, empty bottles,
        commercial, ad, ads, smell, song, music, movie, tv show, pill bottle, prescription,
        rolling papers, papers, stash, paraphernalia, wine glass, shot glass, old phone,
        pictures, photos, instagram, social media, straw
        """),
    "emotions": _words("""
        stress, stressed, stressed out, anxious, anxiety, nervous, worried, worry, panic,
        sad, sadness, feel down, feeling down, depressed, depression, hopeless, bored, boredom,
        guilty, guilt, ashamed, shame, overwhelmed, frustrated, frustration, upset, grief,
        grieving, hurt, rejected, jealous, scared, afraid, fear, happy, excited, numb, empty,
        restless, irritable, insecure, embarrassed, heartbroken, miserable, crying, cried
        """),
    "halt": _words("""
        hungry, starving, hangry, haven't eaten, havent eaten, angry, anger, mad, pissed,
        pissed off, furious, rage, lonely, loneliness, alone, isolated, by myself, on my own,
        nobody to talk to, no one to talk to, tired, exhausted, sleepy, worn out, no sleep,
        can't sleep, cant sleep, insomnia, drained, fatigued, halt
        """),
    "times_events": _words("""
        payday, pay day, paycheck, got paid, get paid, holiday, holidays, christmas,
        thanksgiving, new year, new years, new year's, new years eve, fourth of july,
        4th of july, super bowl, weekend, weekends, friday night, saturday night, friday,
        saturday, anniversary, birthday, wedding, funeral, party, reunion, vacation,
        graduation, happy hour, after work, late at night, at night, nighttime, game day,
        game night, concert, tax refund, stimulus check, court date, end of the month,
        first of the month, date night, bday, b-day, xmas, celebration, celebrate
        """),
}
# Base-form entries whose lemma family holds unrelated words ("numb" <- "number",
# "place" <- "placed", "kid" <- "kidding"): matched literally, never by lemma.
LITERAL_ONLY = frozenset(_words("""
    numb, place, spot, park, store, block, corner, kid, plug, connect, halt, pipe, bottle, foil,
    shatter, spice, brew, empty, job
    """))

# Whole-message answers that name a category directly ("places", "a person").
CATEGORY_NAMES: dict[str, tuple[str, ...]] = {
    "people": _words("people, person, a person, someone, somebody"),
    "places": _words("places, place, a place, location, somewhere"),
    "things": _words("things, thing, a thing, stuff, something, an object, objects"),
    "emotions": _words("emotions, emotion, feelings, feeling, a feeling, my feelings, mood"),
    "halt": _words("halt, h.a.l.t, h.a.l.t."),
    "times_events": _words("""
        times, time, a time, events, event, an event, times and events, times or events,
        time of day, a date, dates, occasion, occasions
        """),
}

# Words that may surround a bare answer ("um, pills I guess") without making it a sentence.
FILLERS = frozenset(_words("""
    um, umm, uh, uhh, just, mostly, mainly, probably, prob, maybe, like, lol, tbh, rn, it, its,
    it's, was, is, 's, i, think, guess, honestly, the, ok, okay, so, yeah, yes, ya, prolly,
    def, definitely, idk, hmm, well, oh
    """))

# Situations: a cue word opens the span, which runs to a clause boundary.
SITUATION_CLAUSE_CUES = frozenset(_words("when, whenever, while, because, bc, cuz, cause, coz"))
SITUATION_PREP_CUES = frozenset(_words("""
    after, at, during, around, near, outside, before, with, on, over, inside, behind
    """))
SITUATION_TWO_WORD_CUES = frozenset(_words("every time, each time, ever since, due to, home alone"))
# "walking past", "drove by", "ran into", "hung out with" (verb lemmas + particles).
SITUATION_MOTION_VERBS = frozenset(_words("""
    walk, drive, drove, go, pass, ride, run, bike, sit, stand, hang, stop, swing, stroll
    """))
SITUATION_MOTION_PARTICLES = frozenset(_words("past, by, near, into, through, out"))
# Words that end a situation span.
SITUATION_STOPS = frozenset(_words("""
    and, but, so, then, plus, also, lol, lmao, craving, cravings, crave, urge, urges, tho,
    though, anyway, which, rn
    """))
# Extra stops after a preposition cue ("at home i want a drink" -> "at home").
SITUATION_PREP_STOPS = frozenset(_words("""
    i, im, want, wanna, need, feel, feeling, felt, really, now, today, just, got, and, is, was
    """))
SITUATION_TRAILING = frozenset(_words("""
    rn, lol, lmao, tbh, idk, ngl, smh, haha, honestly, now, atm, fr, omg, ugh, right, and,
    but, so, the, a, an, my, of, with, for, to, i, like, or, at, was, is, too
    """))
# "at" is not a situation in "at least", "mad at", "at 8pm", "at a 7".
# (checked on the word after "at", or after "at the"/"at a").
AT_BLOCKED_NEXT = frozenset(_words("""
    least, all, first, last, times, once, this, that, it, moment, some, one, most, best,
    worst, like, about, around, same, end, point
    """))
AT_BLOCKED_PREV = frozenset(_words("""
    angry, mad, pissed, upset, yell, yelled, scream, screamed, look, looked, stare, laugh,
    good, bad, great, terrible, awful, rate, rated, it
    """))
WITH_OK_NEXT = frozenset(_words("""
    my, our, his, her, their, some, old, friends, family, coworkers, people, them, him, the,
    this, that, these, those, a, an, mom, dad, ex
    """))
# "a fight with my sister": the event noun before "with" belongs to the situation.
SITUATION_EVENT_NOUNS = frozenset(_words("""
    fight, argument, dinner, lunch, date, call, talk, conversation, visit, blowup, drama,
    beef, hangout, breakup, run-in, phone call, meeting, chat
    """))
SITUATION_EVENT_MODIFIERS = frozenset(_words("""
    a, an, the, another, big, huge, bad, small, little, stupid, dumb, my, this, that, long,
    awful, terrible, nasty
    """))
TIME_UNITS = frozenset(_words("""
    am, pm, o'clock, oclock, ish, hours, hour, hrs, hr, minutes, mins, min, days, day, weeks,
    week, months, month, years, year, yesterday, tonight, today
    """))
