"""Word lists shared by the rule modules: slang, substances, people, places.

NORM values are lower-case with straight apostrophes (see engine.normalise). Multi-word terms
go to ENTITY_PATTERNS (tagged by an EntityRuler) so rules can say <SUBST> or <PARTNER>.
"""

from __future__ import annotations

SELF1 = ("myself", "meself", "myslef", "mysef", "myselff", "muself", "myslf", "mself", "myelf")
SELF3 = ("herself", "himself", "themselves", "themself", "theirself", "hisself")
KILL_SLANG = ("kms", "kmsl", "kys", "ctb", "killmyself", "kilmyself", "unaliving", "unalive",
              "unalived", "sewerslide", "sewer-slide")
SUICIDE_WORDS = ("suicide", "suicde", "suicid", "suiside", "sucide", "suiscide", "su1c1de",
                 "suicidio", "suisside", "suicied", "s*icide", "su*cide", "suicides")
SUICIDAL = ("suicidal", "sucidal", "suicidel", "suisidal", "suicidial", "suicdal", "suicidle",
            "suacidal", "sucidial", "suicida", "su1c1dal", "suicidall", "suicidaal")
SUBSTANCES = (
    "alcohol", "booze", "liquor", "beer", "beers", "wine", "vodka", "whiskey", "whisky",
    "tequila", "rum", "gin", "fifth", "forty", "heroin", "dope", "smack", "fentanyl", "fent",
    "fetty", "fenty", "blues", "m30", "m30s", "pressies", "oxy", "oxys", "oxycodone",
    "oxycontin", "oxycotin", "percs", "perc", "percocet", "percocets", "perk", "perks",
    "vicodin", "hydros", "hydrocodone", "norco", "norcos", "morphine", "opioids", "opiates",
    "opioid", "methadone", "bupe", "subs", "suboxone", "subutex", "buprenorphine", "xanax",
    "xans", "xan", "xanny", "xannies", "zanny", "zannies", "benzos", "benzo", "klonopin",
    "klonopins", "kpins", "k-pins", "valium", "ativan", "meth", "crystal meth", "coke",
    "cocaine", "crack", "molly", "mdma", "ecstasy", "pills", "pill", "ambien", "seroquel",
    "gabapentin", "gabbies", "lyrica",
    "ketamine", "weed", "pot", "edible", "edibles", "kratom", "spice", "k2", "tranq",
    "xylazine", "lean", "codeine", "tramadol", "adderall", "addys", "shrooms", "lsd", "pcp",
    "dilaudid", "fentanyl patch", "fentanyl patches", "suboxone strips", "sub strips",
    "xanax bars", "a line", "a hit", "a bag", "a bottle",
    "drugs", "speedball", "fentanilo", "cocaína", "cocaina", "blunt", "blunts", "joint",
    "joints", "bong", "dab", "dabs", "spliff", "wax", "shard", "rock", "rocks", "8ball",
    "eightball", "metadona",
    "heroína", "heroina", "cerveza", "perico",
)
MEDICINES = ("tylenol", "acetaminophen", "advil", "ibuprofen", "aspirin", "benadryl",
             "nyquil", "sleeping pills", "sleep meds", "insulin", "bleach", "antifreeze",
             "rat poison", "pastillas", "gummies", "tablets",
             "melatonin", "motrin", "aleve", "excedrin", "zzzquil", "unisom", "lithium",
             "antidepressants", "my prescription",
             # prescriptions people overdose on (issue 11): mood, sleep, pain, seizure drugs
             "antidepressant", "sertraline", "zoloft", "prozac", "fluoxetine", "lexapro",
             "escitalopram", "citalopram", "celexa", "paxil", "paroxetine", "effexor",
             "venlafaxine", "cymbalta", "duloxetine", "wellbutrin", "bupropion", "trazodone",
             "mirtazapine", "remeron", "amitriptyline", "nortriptyline", "lamictal",
             "lamotrigine", "depakote", "lithium carbonate", "hydroxyzine", "vistaril",
             "clonidine", "propranolol", "naproxen", "metformin", "sleeping pill", "sleep aid",
             "sleep aids", "paracetamol", "panadol", "dayquil", "tylenol pm", "advil pm",
             "diphenhydramine", "doxylamine", "muscle relaxers", "flexeril",
             "cyclobenzaprine", "baclofen", "topamax", "topiramate", "quetiapine", "zyprexa",
             "olanzapine", "abilify", "risperdal", "buspirone", "buspar",
             "heart pills", "blood pressure pills", "painkillers", "pain pills")
PARTNERS = ("boyfriend", "girlfriend", "bf", "gf", "husband", "wife", "partner", "fiance",
            "fiancé", "fiancee", "fiancée", "spouse", "hubby", "wifey", "ex", "ex-husband",
            "exhusband", "ex-wife", "ex-boyfriend", "ex-girlfriend", "novio", "novia", "esposo",
            "esposa", "marido", "pareja", "bd", "bm")
PARTNER_PHRASES = ("ex husband", "ex wife", "ex boyfriend", "ex girlfriend", "baby daddy",
                   "baby mama", "baby momma", "baby's father", "baby's dad",
                   "significant other")
MINORS = ("kid", "kids", "son", "sons", "daughter", "daughters", "child", "children", "baby",
          "babies", "toddler", "toddlers", "infant", "stepson", "stepdaughter", "stepkid",
          "stepkids", "niece", "nieces", "nephew", "nephews", "grandson", "granddaughter",
          "grandkid", "grandkids", "hijo", "hija", "hijos", "niño", "niña", "bebé", "bebe")
MINOR_PHRASES = ("little sister", "little brother", "baby sister", "baby brother",
                 "little one", "little ones", "little girl", "little boy", "younger sister",
                 "younger brother")
KIN = ("brother", "sister", "cousin", "friend", "friends", "buddy", "bro", "homie", "roommate",
       "roomie", "mom", "mother", "mum", "mommy", "dad", "father", "daddy", "stepdad",
       "stepfather", "stepmom", "stepmother", "uncle", "aunt", "auntie", "grandma", "grandpa",
       "grandmother", "grandfather", "neighbor", "neighbour", "coworker", "boss", "sponsor",
       "caregiver", "caretaker", "landlord", "teacher", "coach", "pastor", "priest", "family",
       "parents", "sibling", "sis", "bestie", "hermano", "hermana", "primo", "prima", "amigo",
       "amiga", "papá", "papa", "padre", "mamá", "mama", "madre", "padrastro", "madrastra",
       "tío", "tio", "tía", "tia", "vecino", "vecina", "abuelo", "abuela", "suegro", "suegra")
STRANGERS = ("someone", "somebody", "stranger", "strangers", "guy", "guys", "dude", "dudes",
             "man", "men", "person", "alguien", "tipo")
PLACES = ("bar", "bars", "liquor store", "liquor shop", "package store", "packie", "the club",
          "nightclub", "strip club", "casino", "dealer's", "dealers", "dealer's house",
          "dealer's place", "plug", "trap house", "trap", "old spot", "crack house", "pub",
          "tavern", "brewery", "happy hour", "frat party", "dealer", "cantina", "licorería")
POSSESSIVES = ("my", "his", "her", "our", "their", "your", "mi", "su", "mis", "sus", "the")
FOODMEDIA = ("candy", "sugar", "coffee", "caffeine", "chocolate", "netflix", "tv", "pizza",
             "carbs", "cookies", "cookie", "cake", "junk", "snacks", "food", "memes", "tiktok",
             "youtube", "anime", "christmas", "halloween", "cheese", "love", "cuteness",
             "sunshine", "music", "work", "homework", "fries", "tacos", "donuts", "sweets",
             "reality", "tea", "soda", "kindness", "positivity", "therapy", "podcasts", "sleep",
             "gym", "espresso", "energy", "redbull", "monster", "cereal", "pie", "turkey")
CRAVE = ("craving", "cravings", "crave", "urge", "urges", "cravin", "cravins", "craving's")
HIGH_NUM = ("8", "9", "10", "8/10", "9/10", "10/10", "11/10", "eight", "nine", "ten",
            "11", "100", "8.5", "9.5", "a10", "a9")
LETHAL = ("lethal", "fatal", "deadly", "letal", "mortal")
VIOLENT = ("hit", "beat", "punch", "slap", "kick", "choke", "strangle", "shove", "push",
           "smack", "slam", "throw", "drag", "stab", "rape", "molest", "assault",
           "attack", "abuse", "smother", "suffocate", "whip", "threaten", "headbutt", "jump",
           "mug", "rob", "stalk", "burn", "pin")
SELF_INJURY = ("cut", "burn", "hurt", "harm", "scratch", "punch", "carve", "stab", "slice",
               "slash", "bruise", "injure", "hit", "starve", "bang")
BODY = ("arm", "arms", "wrist", "wrists", "thigh", "thighs", "leg", "legs", "skin", "stomach",
        "hips", "hip", "body", "forearm", "forearms", "ankles", "chest", "face")
RECENT = ("yesterday", "tonight", "today", "again", "earlier", "weekend", "night", "morning",
          "afternoon", "week", "once", "twice", "recently", "lately", "ayer", "anoche")
STREET = ("bars", "xans", "xannies", "blues", "percs", "oxys", "addys", "tabs", "hit", "line",
          "lines", "bump", "bumps", "shots", "shot", "pills", "beans", "rigs", "dose")
WEAPONS = ("gun", "guns", "knife", "knives", "bat", "piece", "strap", "blade", "machete",
           "crowbar", "pistol", "rifle", "shotgun", "glock", "9mm", "hammer", "ar", "ar-15",
           "revolver", "pipe", "shank", "axe", "pistola", "cuchillo", "navaja", "arma")
OPIOIDS = ("heroin", "dope", "smack", "fentanyl", "fent", "fetty", "fenty", "blues", "m30",
           "m30s", "oxy", "oxys", "oxycodone", "oxycontin", "percs", "perc",
           "percocet", "percocets", "roxy", "roxies", "opioids", "opiates", "opioid",
           "morphine", "dilaudid", "hydros", "norcos", "tranq", "fentanilo", "heroína",
           "heroina", "chiva", "pressies", "vicodin", "hydrocodone", "norco", "methadone",
           "opiate")
BENZO_ALCOHOL = ("benzos", "benzo", "klonopin", "klonopins", "xanax", "xans", "bars", "valium",
                 "ativan", "clonazepam", "alprazolam", "lorazepam", "diazepam", "drinking",
                 "alcohol", "booze", "liquor", "drink", "wine", "vodka", "beer", "the bottle")
LAUGH = ("lol", "lmao", "lmfao", "rofl", "haha", "hahaha", "hahahaha", "hehe", "jk", "lolol",
         "lool", "xd", "jaja", "jajaja", "lolz", "loll", "ha", "hah", "kidding", "joking")

LEXICON: dict[str, tuple[str, ...]] = {
    "SELF1": SELF1, "SELF3": SELF3, "KILL_SLANG": KILL_SLANG, "SUICIDAL": SUICIDAL,
    "SUICIDE_WORDS": SUICIDE_WORDS,
    "CRAVE": CRAVE, "HIGH_NUM": HIGH_NUM, "LETHAL": LETHAL, "VIOLENT": VIOLENT,
    "SELF_INJURY": SELF_INJURY, "BODY": BODY, "RECENT": RECENT, "FOODMEDIA": FOODMEDIA,
    "LAUGH": LAUGH, "STREET": STREET, "PARTNERS": PARTNERS, "KIN": KIN, "STRANGERS": STRANGERS,
    "MINORS": MINORS, "WEAPONS": WEAPONS, "OPIOIDS": OPIOIDS, "BENZO_ALCOHOL": BENZO_ALCOHOL,
}

MACROS: dict[str, str] = {
    "SELF": "[ {SELF1} / [ my / me ] [ self / sef / slef ] ]",
    "ANYSELF": "[ {SELF1} / {SELF3} / [ my / me / her / him ] self ]",
    "OBJ": "[ me / us / him / her / them ]",
    "TARGET": "[ die / dying / suicide / kms / @od|overdose / @kill|unalive|off %ANYSELF / end [ "
    "it / [ my / her / his / their / your / a ] life ] / commit suicide ]",
    "DRUG": "[ <SUBST> / <MED> ]",
    "PEOPLE": "[ <PARTNER> / <KIN> / <MINOR> / <STRANGER> / he / she / they / him / her / them ]",
    "ENDQ": "[ @die / dead / @kill / @od / @overdose / lethal / fatal / deadly / letal / mortal "
    "/ [ not / never ] wake up? / stop [ my / your / a / the / his / her ]? heart "
    "/ end [ it / my ] ]",
}


def _token_phrase(words: tuple[str, ...], label: str, possessive: bool = True) -> list[dict]:
    """EntityRuler token patterns: optional possessive + one of `words`."""
    head = [{"NORM": {"IN": list(POSSESSIVES)}, "OP": "?"}] if possessive else []
    single = [w for w in words if " " not in w]
    patterns = [{"label": label, "pattern": [*head, {"NORM": {"IN": single}}]}]
    for phrase in (w for w in words if " " in w):
        toks = [{"NORM": part} for part in phrase.split()]
        patterns.append({"label": label, "pattern": [*head, *toks]})
    return patterns


def entity_patterns() -> list[dict]:
    """Everything the EntityRuler tags, built once per process."""
    age = {"NORM": {"REGEX": r"^(1[0-7]|[1-9])$"}}
    poss = {"NORM": {"IN": [*POSSESSIVES, "a", "an"]}, "OP": "?"}
    dash = {"NORM": "-", "OP": "?"}
    minor_age = [
        {"label": "MINOR", "pattern": [poss, age, dash, {"NORM": {"IN": ["year", "yr"]}}, dash,
                                       {"NORM": "old"}]},
        {"label": "MINOR", "pattern": [poss, {"NORM": {"REGEX": r"^(1[0-7]|[1-9])(yo|y/o)$"}}]},
    ]
    subst = [{"label": "SUBST", "pattern": [{"NORM": part} for part in s.split()]}
             for s in SUBSTANCES]
    medicines = [{"label": "MED", "pattern": [{"NORM": part} for part in m.split()]}
                 for m in MEDICINES]
    places = [{"label": "PLACE", "pattern": [{"NORM": part} for part in p.split()]}
              for p in PLACES]
    return [
        *subst, *medicines, *places,
        *_token_phrase(PARTNERS + PARTNER_PHRASES, "PARTNER"),
        *_token_phrase(MINORS + MINOR_PHRASES, "MINOR"),
        *minor_age,
        *_token_phrase(KIN, "KIN"),
        *_token_phrase(STRANGERS, "STRANGER", possessive=False),
        *[{"label": "STRANGER", "pattern": [{"NORM": {"IN": ["a", "some", "this", "that"]}},
                                            {"NORM": {"IN": list(STRANGERS)}}]}],
    ]
