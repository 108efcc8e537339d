"""Context features: they never flag on their own, they raise or lower other hits.

now / means / plan raise suicidal hits to imminent (plan + means + tonight); using raises chest
pain and collapse; withdrawal_ctx and tremor raise withdrawal signs; place, means_subst and
alone raise cravings. long_ago / resolved / present / recent are the time frames of frames.py.
"""

from __future__ import annotations

from bot.safety.rules import Rule, feature

_MEANS_WORDS = ("[ pills / pill / gun / rope / noose / blade / blades / razor / razors / knife "
                "/ meds / belt / cord / medication / %DRUG ]")

FEATURES: list[Rule] = [
    feature("now", "[ tonight / now / rn / today / tmrw / tomorrow / this evening / this weekend "
                   "/ in an hour / in a few hours / before morning / this is it / esta noche "
                   "/ hoy / ahora / by morning / after work / pulled in / just pulled ]",
            "when [ he / she / they / <PARTNER> / <KIN> ] [ gets / get / comes / come / leaves / "
            "leave / walks / walk / wakes / wake ] [ home / back / in / out / up ]?",
            "in re:^\\d+$ [ min / mins / minutes / hours / hrs ]",
            "[ this / on / next ]? [ monday / tuesday / wednesday / thursday / friday / saturday "
            "/ sunday ] [ is the day / is it / it is ]", "[ picked / set / chose ] [ a / the ] "
            "[ day / date ]", "on my birthday", "[ this / next ] [ friday / saturday / sunday / "
            "monday / tuesday / wednesday / thursday ]"),
    feature("farewell", "[ tell / telling ] [ my / them / everyone ] ..4 [ sorry / love / "
            "thank ]", "i 'm sorry", "goodbye", "[ i 'm / im / i am ] done", "love you all",
            "[ won't / will not / wo n't ] matter", "[ final / last ] [ text / message ]",
            negatable=False),
    feature("jump", "[ jump / jumping / saltar / let go / step off ]", negatable=False),
    feature("abstinent",
            "[ got out of / out of / left / home from / released from ] [ rehab / prison / jail "
            "/ detox / treatment / the hospital / inpatient ]", "first time since",
            "after [ almost / about / like / over ]? [ a / re:^\\d+$ / two / three / six / "
            "several / few ] [ days / weeks / months / year / years ]", "in forever",
            negatable=False),
    feature("weapon", "{WEAPONS}", "loaded it", "[ something / what i need ] [ for him / for "
            "her / in my glovebox / with me ]", negatable=False),
    feature("target", "[ for / at / to / after ] [ him / her / them ]", "[ driving / going / "
            "headed / heading / on my way / waiting ] [ to / over to / for / outside / by ] "
            "..2 [ his / her / their / <PARTNER> / <KIN> / him / her / them ]",
            "[ he / she / they ] [ 's / is / are / will ] ..3 [ regret / pay / sorry / gets it ]"),
    feature("heavy_use",
            "[ fifth / handle / pint / bottle / case / 12 pack / twelve pack / 30 rack / "
            "re:^\\d+$ ] ..2 [ beers / drinks / shots / of vodka / of whiskey / a day / every day "
            "/ per day / each day / a night / daily ]",
            "[ drink / drank / drinking / drunk ] [ all day / every day / daily / every single "
            "day / all day every day / around the clock ]",
            "[ years / months ] of [ heavy ]? [ drinking / daily drinking ]"),
    feature("means",
            f"@have|get|buy|hold|save|stockpile|keep|find|collect|grab|hoard|bring ..3 "
            f"{_MEANS_WORDS}",
            f"{_MEANS_WORDS} ..3 [ ready / loaded / lined / counted / front / hand / hands / lap / "
            "next / table / tied / saved ]", "[ everything / it all / it ] [ ready / set up / "
            "planned / lined up / laid out ]",
            "loaded [ gun / pistol / rifle ]", "[ tengo / compré ] ..2 [ pastillas / pistola / "
            "soga / cuerda ]"),
    feature("plan", "[ @have / got / made / making / @make ] [ a / my / the ] plan",
            rule_id="feature_plan_bare", end_anchor=True),
    feature("plan",
            "[ @have / got / made / making / @make ] [ a / my / the ] plan [ to / for / on ] ..2 "
            "[ @kill / die / end / do / it / suicide / how / @od / @overdose / hang / jump / "
            "take ]",
            "planned [ it / everything / this ] [ out ]?", "figured out how",
            "[ picked / chose / set ] [ a / the ] [ date / day / time / spot / place ]",
            "[ wrote / written / writing / @write ] [ a / my ] [ suicide / goodbye ]? [ note / "
            "notes / letter / letters ]", "tengo un plan"),
    feature("using",
            "<SUBST>",
            "[ using / used / shooting up / shot up / snorted / snorting / smoked / smoking / "
            "injected / partying / drinking / drunk / high / wasted / loaded / tweaking / "
            "nodding / line / bump / dosed / drank / got high / a hit / that hit ]",
            negatable=False),
    feature("withdrawal_ctx",
            "[ withdrawal / withdrawals / withdrawing / detox / detoxing / detoxed / dopesick / "
            "dope sick / cold turkey / coming off / kicking / abstinencia / dts ]",
            "[ quit / stopped / stopping / stop / quitting ] [ drinking / using / the booze / "
            "benzos / xanax / taking / alcohol / booze / my benzos / klonopin / drinkin ]",
            "[ off / without ] [ the / a / my ]? [ booze / alcohol / drink / drinks / benzos / "
            "xanax / sauce / liquor ]",
            "[ since / in ] ..2 last [ drink / dose / use / drinks / pill / hit ]",
            "[ not / no / zero ] ..2 [ drink / drinks / alcohol / booze ] [ since / in / for ]",
            "day re:^([1-7]|one|two|three|four|five|six|seven)$ [ without / off / no / sober "
            "/ clean / of ]",
            "re:^([1-7]|one|two|three|four|five)$ days [ without / off / sober / clean / no / "
            "since / dry ]", "dejé de [ tomar / beber ]", "ran out of [ my ]? %DRUG",
            "[ put / putting ] [ the bottle / it / the booze / the drink ] down",
            "[ sober / dry / off the booze / off the bottle ] [ for ]? re:^[1-5]$ days",
            "stopped the [ wine / beer / vodka / booze / liquor / drinking / benzos / xanax / "
            "klonopin ]", "sin [ tomar / beber ]", "[ stopped / quit ] [ drinking / cold turkey ]",
            "[ quit / stopped / came off / come off / coming off / off ] [ the / my ]? [ bottle / "
            "vodka / drinking / wine / beer / booze / benzos / xanax / pills / alprazolam / "
            "klonopin / valium / ativan / liquor / alcohol ] [ too fast / on / cold turkey / "
            "re:^\\d+$ / last / friday / saturday / sunday / monday / tuesday / wednesday / "
            "thursday / days / a / this ]?", "[ no / zero ] [ beer / drink / booze / alcohol / "
            "drinks ] since", "[ been ]? [ sober / dry / clean ] re:^[1-7]$ days",
            "quit on [ friday / saturday / sunday / monday / tuesday / wednesday / thursday ]",
            negatable=False),
    feature("tremor", "[ shaking / shakes / shaky / tremors / tremor / trembling / sweats / "
                      "sweating / convulsing / temblando / the shakes ]"),
    feature("hallucination", "[ hallucinating / hallucinations / seeing things / hearing "
                             "voices / hearing things / seeing bugs / bugs crawling ]",
            "[ viendo / veo / ve / oigo / escucho ] [ cosas / gente / personas / voces ] ..3 [ no "
            "están / no estan / no hay / que no ]", "alucinando",
            "[ people / things / someone / bugs / spiders ] ..3 [ are not / is not / not ] "
            "[ there / here / real ]", "[ picking / grabbing / swatting ] at [ the air / nothing "
            "/ things ]", "talking to [ people / someone / his / her / my ] ..3 [ dead / not "
            "there / not here ]"),
    feature("place", "<PLACE>", negatable=False),
    feature("alone", "[ alone / by myself / on my own / solo / sola / solo ]",
            "[ nobody / no one / noone ] [ 's / is / will be ]? [ home / here / around ]"),
    feature("means_subst",
            "@have|get|buy|hold|grab|pour|open|order|score|cop|pick ..3 [ bottle / bag / fifth / "
            "sixpack / handle / pint / drink / beer / <SUBST> ]",
            "[ bottle / bag / <SUBST> / drink / beer / stash / fifth ] ..4 [ front / hand / pocket "
            "/ cabinet / car / fridge / house / bag / here / next / counter / freezer ]",
            "there 's [ a / some ] [ bottle / bag / %DRUG / stash / fifth / drink ]",
            "[ dealer / plug ] ..3 [ on his way / on her way / coming / here / outside ]"),
    feature("craving", "{CRAVE}", "[ need / want / wanna ] [ a ]? [ drink / hit / fix / line ]",
            "[ want / wanna / tempted / itching / dying ] to? [ go in / go inside / buy / drink "
            "/ use / get / walk in / pull in / stop ]"),
    feature("minor_self",
            "[ i / am / m / 'm ] [ only / just ]? re:^(1[0-7]|[5-9])$ [ years old / yrs old / yo "
            "/ y/o / year old ]",
            "[ i 'm / i am / im ] in [ middle school / elementary / re:^[5-9]th grade ]",
            "tengo re:^(1[0-7]|[5-9])$ años"),
    feature("minor_self", "[ i / am / m / 'm ] [ only / just ]? re:^(1[0-7]|[5-9])$",
            rule_id="feature_minor_self_bare", end_anchor=True),
    feature("minor_other",
            "[ she / he / they ] [ is / 's / are / 're ] [ only / just ]? re:^(1[0-7]|[1-9])$ "
            "[ years old / yrs old / yo / year old ]?", end_anchor=True),
    feature("drug_ctx", "[ pill / pills / meds / medicine / gummy / gummies / patch / %DRUG ]",
            negatable=False),
    feature("sedation", "[ fading / passing out / nodding off / blacking out / slipping away "
                        "/ going under / drowsy / so sleepy / can not stay awake ]"),
    feature("death_ctx", "[ died / passed / dead / gone / heaven / grave / funeral / afterlife / "
                         "passed away / rip ]", negatable=False),
    feature("laugh", "{LAUGH}", "re:^(ha){2,}h?$", "re:^l+o+l+[sz]?$", "re:^(ja){2,}$",
            "re:^lma+o+$", "re:^he(he)+$", negatable=False),
]

TIME_FRAMES: list[Rule] = [
    feature("long_ago",
            "[ years / year / decade / decades / time / long / ages ] ago",
            "[ many / several / six / 6 / 7 / 8 / 9 / 10 / 11 / ten / eight / nine ] months ago",
            "re:^\\d+$ [ years / yrs / year / yr ] ago", "last year",
            "[ in / during / back in / since / through ] [ high school / highschool / middle "
            "school / college / my teens / my twenties / my 20s / my 30s / my past / the past "
            "/ my youth / junior high ]",
            "[ as a / when i was a / when i was ] [ kid / teen / teenager / child / little / "
            "younger / young / re:^\\d+$ / in high school / in college / using / drinking ]",
            "back in the day", "back then", "[ in / since / around / from ] re:^(19|20)\\d\\d$",
            "used to", "growing up",
            "way back", "my childhood", "in the past", "hace años", "cuando era [ niño / niña ]",
            "hace [ re:^\\d+$ / dos / tres / cuatro / cinco / muchos / varios ] [ años / año ]",
            "hace [ mucho / mucho tiempo / tiempo ]", "[ en / desde ] [ el ]? re:^(19|20)\\d\\d$",
            "el año pasado", "cuando era [ joven / adolescente / chico / chica ]",
            # a dated season, month or milestone of recovery ("slipped once in march")
            "last [ spring / summer / fall / autumn / winter / christmas / thanksgiving ]",
            "in the re:^\\d0s$",
            "[ in / during ] [ my / the ] first [ year / month / months / weeks / 30 / 90 ]",
            "[ my / the ] first [ year / month ] [ sober / clean ]",
            "after my first re:^\\d+$ days", "that was re:^(19|20)\\d\\d$",
            "[ at my lowest / rock bottom / active addiction ]",
            "before i got [ sober / clean / help / treatment ]", "before [ treatment / rehab / "
            "recovery ]", "when i was [ using / drinking / at my lowest / in my addiction ]",
            "on my re:^\\d+(st|nd|rd|th)$ birthday", "hace [ año / un año ] y medio",
            negatable=False),
    feature("resolved",
            "[ clean / sober ] [ ever ]? since", "ever since",
            "[ not / never ] ..3 since",
            "not ..3 [ in / for ] [ years / months / a long time / ages / forever / over / a year "
            "/ a decade / a while / decades ]",
            "[ therapy / treatment / rehab / meds / medication / program / meetings / counseling "
            "/ recovery / aa / na / god ] [ helped / help / saved / works / worked / changed ]",
            "got better", "[ much / so much / a lot ] better now", "got [ clean / sober ]",
            "[ glad / happy / thankful / grateful ] [ that / it ] [ 's / is ] over",
            "[ that / it ] [ 's / is ] [ over / behind me ] now?",
            "[ not / no longer ] [ anymore / any more ]", "no longer", "do not anymore",
            "behind me", "in the past now",
            "re:^\\d+$ [ days / months / years / yrs / weeks / year / month ] [ clean / sober ]",
            "[ clean / sober ] [ for ]? re:^\\d+$",
            "[ fine / okay / ok / better / good / alright / safe / stable / healthy ] now",
            "doing [ better / well / great / good / much better ]",
            "in a [ better / good / much better ] place", "recovered", "got help",
            "got through it", "[ clean / sober ] now", "that 's what got me",
            "have not done that in", "not since", "survived", "turned my life around",
            "[ llevo / lleva / llevamos ] ..2 [ años / meses / año ] [ limpio / limpia / sobrio "
            "/ sobria ]", "[ limpio / limpia / sobrio / sobria ] [ desde / hace ]",
            "[ ahora / ya ] [ está / esta / estoy ] bien", "[ gracias a dios ]? ya [ llevo / "
            "lleva ]", "salí adelante", "lo superé",
            "[ been / stayed ] [ clean / sober ] so [ it 's / its / i 'm / im / i am ] [ fine / "
            "ok / okay / good / not worried ]",
            # recovery since then, as people tell it ("back on track", "got my chip")
            "been in recovery", "in recovery [ since / ever since / for ]", "back on track",
            "going strong",
            "been [ good / solid / stable / great / ok / okay / fine / clean / sober ] [ since / "
            "for / ever since ]", "re:^\\d+$ [ years / yrs / months / weeks ] now",
            "[ got / get / getting / received ] my [ chip / coin / key tag / keytag ]",
            "learned [ a lot / my lesson / from it ]", "since then", "from then on",
            "desde entonces", "[ mi / su ] ficha", "wake up call", "turning point",
            "at peace", "feel safe", "thriving",
            "[ saved / narcanned / revived ] [ me / him / her / them / my life ]",
            "not that person anymore", "[ tapered / detoxed / did it / doing it ] ..3 with [ my "
            "/ the / a ] doctor", "medical detox", "[ proud of / grateful for ] [ that / it / "
            "myself / how far ]", "how far i 've come", "i 'm alive and", "turned out to be",
            "cleared me", "[ used / drank / had ] ..2 since", "that was the last time",
            "[ hoy / ahora ] [ estoy / está / esta / tengo / trabajo ] ..3 [ bien / limpio / "
            "limpia / sobrio / sobria / consejero ]", "voy bien",
            negatable=False),
    feature("present",
            "[ again / lately / recently / currently / still / now / rn / tonight / today / "
            "anymore / keep / keeps / started / starting / these days / this week / this morning "
            "/ last night / yesterday / right now / back to / tomorrow ]",
            negatable=False),
    feature("recurrence",
            "[ again / started / starting / lately / recently / currently / these days / this week "
            "/ back to / came back / coming back / is back / are back ]", negatable=False),
    feature("recent",
            "[ yesterday / last night / last week / last weekend / over the weekend / the other "
            "day / a few days ago / couple days ago / couple of days ago / days ago / ayer / "
            "anoche / last month / on friday|saturday|sunday|monday|tuesday|wednesday|thursday ]",
            "re:^\\d+$ days ago", "a week ago", "this past weekend",
            negatable=False),
]
