"""Suicidal ideation (explicit, slang, indirect, preparatory) and method seeking.

Desire ("I want to die") is high; intent with a time or the means ("I'm going to kill myself
tonight", "I have the pills and I'm doing it tonight") or a plan is imminent, per the C-SSRS
screener. Method questions are high whatever wrapper they come in ("for a school project",
"asking for a friend", "for my novel"): the wrapper is never a reason to answer.
"""

from __future__ import annotations

from bot.safety.rules import Rule, esc, risk

SI = "suicidal_ideation"
MS = "method_seeking"
_SI_ESC = (esc("means+now", "imminent"), esc("plan", "imminent"))
_INTENT_ESC = (esc("now", "imminent"), esc("means", "imminent"), esc("plan", "imminent"))
_INTENT = ("[ [ going / about / bout / plan / planning / ready / decided / have / got ] [ to / "
           "on ] / gonna / gunna / will / finna / tryna ]")
_KILL_SELF = ("[ @kill|murder|unalive|off|hang|drown|poison|suffocate|stab|electrocute|shoot "
              "%ANYSELF / end %SELF ]")
_DEATH_WISH = ("[ @die / dead / [ not / never ] [ exist / alive / wake / be ] / disappear [ "
               "forever / permanently ] / sleep forever / stop existing / cease to exist ]")

SUICIDE: list[Rule] = [
    risk("si_kill_self", SI, "high", _KILL_SELF, "{KILL_SLANG}", "{SUICIDAL}",
         "commit|committing|commited|committed|comit suicide", "take|taking|took my [ own ]? life",
         "end|ending my [ own ]? life", "end|ending it all", "end|ending everything",
         escalate=_SI_ESC),
    risk("si_suicide_word", SI, "high", "{SUICIDE_WORDS}", escalate=_SI_ESC,
         info_sensitive=True),
    risk("si_intent", SI, "high",
         f"{_INTENT} [ @kill|unalive|hang %SELF / end [ it all / my life ] / take my own? life / "
         "commit suicide / @od / @overdose / ctb / kms ] [ tonight / today / now / soon / "
         "tomorrow ]?",
         f"{_INTENT} [ take / swallow / down ] [ all / every / the whole / a whole ] ..2 [ pills / "
         "pill / meds / bottle / %DRUG ]",
         escalate=_INTENT_ESC),
    risk("si_do_it", SI, "none", "[ doing / do ] it [ tonight / now / today / this time ]",
         "tonight 's|is the night", "this is the night", "it ends [ tonight / today / now ]",
         "know what i [ am / have / need / 'm ] [ going / got ]? to do",
         "[ going to / gonna ] use [ it / them ] [ tonight / now / today ]",
         "[ @take / swallow ] [ them / it ] all", escalate=(esc("means", "imminent"),)),
    risk("si_rather", SI, "high", "rather [ die / be dead ] than", weak=True, escalate=_SI_ESC),
    risk("si_desire", SI, "high",
         f"[ @want / wanna / wana / wish / ready / deserve / should / prefer ] [ to / "
         f"just / be ]* {_DEATH_WISH}",
         "[ @want / wanna ] [ to / just ]* [ @kill|unalive|off|hang %ANYSELF / end %SELF ]",
         "@wish|hope|pray that? i [ was / were / 'd / would / could / had / just / am / be / "
         "been ]* [ dead / die / died / gone ]",
         "@wish|hope|pray that? i [ do / would / could / will / 'd / did / had / was / were ]? "
         "[ not / never ] [ wake / woke / exist / existed / been / born / alive / here ]",
         "[ sleep / asleep ] ..2 [ and ]? [ never / not ] [ wake / waking ]",
         "@feel like [ killing / ending / offing ] %SELF",
         "[ @want / wanna ] [ to / just ]* @od|overdose",
         "not deserve to [ live / be alive / be here / exist / wake up ]",
         "[ should / shouldn't ] not? be alive", "[ goodnight / goodbye / bye ] forever",
         "good night forever", "[ suicide / goodbye ] [ note / notes / letter / letters ]",
         "[ sent / texted / posted / left / wrote / writing ] ..3 [ goodbye / suicide / farewell ] "
         "[ message / text / note / letter / post / video ]",
         "tell [ my / them / everyone / him / her ] ..3 i love [ them / him / her / you / everyone "
         "]", "sorry for everything ,? ..2 [ goodbye / bye / love you ]",
         "[ goodbye / bye ] ..3 sorry for everything",
         "[ stockpiled / stockpiling / hoarding / hoarded / saving / saved / collecting / "
         "stashing ] up? ..2 [ pills / meds / %DRUG ]",
         "[ join / be with ] ..3 [ in heaven / on the other side / in the afterlife / up there ]",
         escalate=_SI_ESC),
    risk("si_join", SI, "none",
         "[ @want / wanna / ready ] to? [ join / be with ] [ my / him / her / them ] <KIN>?",
         escalate=(esc("death_ctx", "high"),)),
    risk("si_disappear", SI, "high", "[ @want / wanna / wish ] [ to / i / could / just ]* "
         "disappear", end_anchor=True, escalate=_SI_ESC),
    risk("si_dont_want_live", SI, "high",
         "[ not / never ] [ @want / wanna ] to? [ live / exist ]",
         "[ not / never ] [ @want / wanna ] to? [ be alive / wake up / go on / keep going / keep "
         "living ]",
         "no longer [ @want / wanna ] to? [ live / exist / be ]",
         "@want to? [ live / be / keep / go / exist ] [ alive / here / living / on ]? [ anymore / "
         "any ] [ more / longer ]?",
         "not [ know / sure ] [ if / whether ] i [ @want / wanna ] to? [ live / keep / be ] "
         "[ living / alive / here ]?",
         negatable=False, end_anchor=True, escalate=_SI_ESC),
    risk("si_burden", SI, "high",
         "better off [ dead / without me ]",
         "[ better / happier / easier ] ..2 [ without me / with me gone / if i [ was / were / am / "
         "just ]* [ gone / dead / died / disappeared / not ] / when i 'm gone / once i 'm gone ]",
         "[ nobody / no / noone ] one? [ would / will / 'd / 'll / even / really ]* [ miss me / "
         "notice / care / cares / cry / come to my funeral ] [ if / when / me ]?",
         "if i [ died / was / were / disappeared / killed ] ..2 [ nobody / no / noone ] ..3 "
         "[ care / notice / miss ]",
         negatable=False, escalate=_SI_ESC),
    risk("si_not_around", SI, "high",
         "not [ going to ]? be [ around / here / alive / a / an ] [ problem / burden / issue / "
         "bother ]? ..3 [ much longer / for long / long / anymore / any more / any longer ]",
         "not have to [ deal / worry / see / put ] ..2 me [ much longer / anymore / any more / "
         "again / for long ]",
         "this is|will|be* my? [ last / final ] [ message / text / goodbye ]",
         "this is goodbye", "saying|say|said my? goodbye|goodbyes [ forever / for good / to "
         "everyone / to everything / to the world ]", "goodbye forever", "goodbye world",
         "saying my goodbyes",
         "giving away my [ stuff / things / belongings / dog / cat / stuff / possessions ]",
         negatable=False, escalate=_SI_ESC),
    risk("si_pointless", SI, "high",
         "what [ 's / is ] even? the point [ of / in ]? even? [ living / life / anymore / being / "
         "going / trying / existing / waking / anything / it / any / me / my / any ]",
         "[ no / zero ] [ reason / point ] ..3 [ live / living / alive / wake / waking / exist / "
         "existing / here / life ]",
         "[ life / living ] ..2 not worth [ living / it / anything ]", "not worth living",
         "[ tired / sick / exhausted ] of [ living / life / existing / waking up / being alive "
         "/ being here ]",
         "give up on [ life / living ]",
         "[ no / not see a / not see any / can not see a / not find a ] [ way / escape ] out",
         "@want [ it / everything / all / the / life / my ] [ all / of / this / pain / life ]* "
         "to [ stop / end / be over ]", "make it all [ stop / end / go away ]",
         "[ thinking / thought / think / considering / contemplating ] [ about / of ]? [ suicide / "
         "dying / death / ending / taking / not ] [ it / my / being / existing / waking / life / "
         "things / here / all ]*", escalate=_SI_ESC),
    risk("si_keep_going", SI, "high",
         "[ no / not any ] [ reason / point ] ..3 [ keep / go / going / continue / carry ] [ going "
         "/ on / trying / fighting ]?",
         "can not [ go / keep / do ] [ on / going / living / life ] [ anymore / like / living / "
         "without / any ]? [ this / more / longer ]?",
         negatable=False, end_anchor=True, escalate=_SI_ESC),
    risk("si_end_it", SI, "high", "[ end / ending ] it [ all / tonight / now / today / soon / for "
         "good / already ]?", end_anchor=True, escalate=_INTENT_ESC),
    risk("si_attempt", SI, "imminent",
         "[ tried / attempted / trying / try ] [ to ]? [ @kill %SELF / suicide / end it / end my "
         "life / hang %SELF / take my life ]", "attempted suicide", "suicide attempt",
         actual=True, recent_cap=True),
    risk("si_ledge", SI, "high",
         "[ on / at / standing / sitting ] on? [ the / a / this ] [ ledge / railing / tracks / "
         "edge ] [ of / of the ]? [ roof / bridge / building ]?",
         "[ going / gonna / want / wanna / thinking / ready ] [ to / about ]? jump [ off / from ] "
         "[ a / the / this ]? [ bridge / roof / building / ledge / cliff / overpass / balcony ]",
         "jump in front of [ a / the ] [ train / car / bus / truck / subway ]",
         "@drive my? car? [ off / into ] [ a / the ] [ cliff / bridge / tree / wall / traffic / "
         "oncoming ]", "[ use / using / turn / turning ] [ it / the gun / a gun / the knife / them "
         "] on %SELF", escalate=(esc("now", "imminent"),)),
    risk("si_jump_now", SI, "imminent", "about to jump", "[ ready / going ] to jump [ now / "
         "tonight / right now ]"),
    risk("si_weak", SI, "none",
         "[ i 'm / i am / im / am ] [ so / just / really ]? done", "i can not [ anymore / do it "
         "anymore ]", "goodbye", "bye [ forever / everyone / world / all ]", "no more",
         "it 's over", "this is it", "[ so / really ]? tired", "see you on the other side",
         "i 'm out", "nobody cares", "end", weak=True, end_anchor=True,
         escalate=(esc("emoji_death", "high"), esc("emoji_means", "high"))),
]

METHOD: list[Rule] = [
    risk("ms_quantity", MS, "high",
         "how [ many / much ] ..8 %ENDQ",
         "[ what / which / what 's ] ..4 [ dose / doses / amount / amounts / quantity / number "
         "/ mg / milligrams / grams / mgs / pills / level ] ..6 %ENDQ",
         "{LETHAL} [ dose / doses / dosage / amount / amounts / quantity / combo / combination "
         "/ mix / level / levels / limit / overdose / od ]", "ld50", "ld 50",
         "[ overdose / od ] [ amount / level / threshold / limit / dose ]",
         "enough ..4 [ to ] [ @kill / die / not wake up / never wake up / @od / @overdose / end "
         "it / stop my heart ]",
         "how [ many / much ] ..3 %DRUG ..6 [ too many / too much / dangerous / toxic / unsafe ]",
         "[ max / maximum / most ] ..3 [ dose / amount / mg / pills ] ..6 [ dangerous / toxic / "
         "lethal / fatal / deadly / @die / @kill / @od|overdose ]",
         "[ possible / able / can / could / safe ] ..3 [ @od|overdose / die ] [ on / from / of / "
         "by ]",
         "[ will / would / could / can / does ] ..4 [ %DRUG / pills ] ..4 kill [ me / you / "
         "someone / a person / somebody ]",
         "what [ would / will / does ]? [ happen / happens ] if [ i / you / someone ] [ took / "
         "take / swallowed / swallow / drank / drink / mixed / mix / ate ] ..3 [ all / whole / "
         "entire / bunch / handful / bottle / re:^\\d{2,}$ ]",
         "[ deadliest / most lethal / most deadly ] [ drug / pill / pills / combination / combo "
         "/ mix / way / poison ]", escalate=(esc("means+now", "imminent"),)),
    risk("ms_how", MS, "high",
         "[ least / most ]? [ painless / easiest / easy / quickest / quick / fastest / fast / best "
         "/ surest / sure / cleanest / simplest / peaceful / peacefully / painful / reliable / "
         "gentle / effective / good ] ..2 [ way / ways / method / methods / means ] ..4 to? ..2 "
         "%TARGET",
         "how [ to / 2 ] [ %TARGET / hang %SELF / tie a noose / slit ]",
         "how [ do / can / would / could / should / does ] [ i / you / one / someone / people ] "
         "[ %TARGET / hang %ANYSELF ]",
         "[ can / could / will / would / does / do ] [ you / i / someone / one / people ]? [ die / "
         "@od|overdose ] [ on / from / of / by / with / if ]",
         "noose", "[ knot / rope / belt / cord ] ..4 [ hold / support ] ..3 [ weight / body / "
         "person / me ]", "[ hang / hold / support ] a [ human / person / body / grown man / "
         "adult ]",
         "[ bridge / bridges / building / buildings / cliff / cliffs / overpass / roof / rooftop "
         "/ garage ] ..5 [ taller / tallest / highest / higher ]",
         "[ bridge / bridges / building / buildings / cliff / cliffs / overpass / roof / rooftop "
         "/ garage ] ..5 [ high / tall ] enough",
         "[ tallest / highest ] ..2 [ bridge / bridges / building / buildings / cliff / cliffs / "
         "roof / overpass / garage ]",
         "how [ high / far / long / deep ] ..6 [ jump / fall / die / suffocate / drown / fatal / "
         "lethal / @kill / bleed out ]",
         "[ where / deep / hard / way / direction ] [ should / do / can / would ]? [ i / you ]? "
         "@cut ..4 [ deep / die / bleed / vein / artery / wrist / wrists ]",
         "[ vein / veins / artery / arteries ] ..4 [ cut / slit / hit / bleed / @open ]",
         "bleed out", "@mix|combine ..6 to [ %TARGET / not wake up ]",
         "[ suicide / exit ] [ bag / kit / method / methods ]", "helium [ bag / hood ]",
         "charcoal ..3 [ car / room ]",
         "[ buy / get / where ] ..4 gun ..4 [ today / fast / quickly / tonight / without ]",
         "dosis letal", "[ cuántas / cuantas ] "
         "pastillas", escalate=(esc("means+now", "imminent"),)),

]
