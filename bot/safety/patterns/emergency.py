"""Substance emergencies: overdose, ingestion, medical emergencies, severe withdrawal.

Third-party reports count ("my cousin collapsed after using", "his lips are blue"). Event
rules are `info_sensitive`: a generic question ("what do I do if someone overdoses") or a
story ("we read about a woman who overdosed") in the same sentence cancels them.
"""

from __future__ import annotations

from bot.safety.rules import Rule, esc, risk

OD = "overdose"
ING = "ingestion"
MED = "medical_emergency"
WD = "withdrawal"
_EVENT = {"info_sensitive": True, "recent_cap": True}
_OD_VERBS = ("[ overdosed / overdosing / overdoses / od'd / oded / oding / od'ing / od'ed / "
             "o.d. / o.d / odd'd / odeing / odding / od-ing / od-ed / odded ]")
_PILLS = ("[ %DRUG / pills / pill / meds / medication / medicine / patch / patches / strips / "
          "gummies / gummy / tablets ]")

EMERGENCY: list[Rule] = [
    risk("od_event", OD, "imminent", _OD_VERBS,
         "[ %PEOPLE / i / i think / think ] [ just / might / may / did / is / 's / has / have / "
         "had / might have / may have ]? od", "[ having / had / have / in ] [ an / a ] "
         "[ overdose / od ]", "sobredosis", "[ think / thinking / pretty sure / worried ] ..3 "
         "[ overdose / od ]", **_EVENT),
    risk("od_died", "low_mood", "moderate",
         "[ died / passed / passed away / lost ] ..3 [ of / from / to ] [ an / a ]? [ overdose "
         "/ od / overdoses ]", "[ fatal / deadly ] [ overdose / od ]", history_level="none"),
    risk("od_not_breathing", OD, "imminent",
         "[ not / stopped / stop / barely / hardly / isn't ] [ really ]? breathing",
         "breathing [ really / so / very / super ]? [ weird / slow / slowly / funny / strange / "
         "shallow / weirdly / slower / wrong / off ]",
         "[ gurgling / gasping / snoring weird / snoring loud / snoring funny / weird snoring / "
         "choking sounds / gurgling sounds / death rattle ]", "foaming at the mouth",
         "no [ pulse / heartbeat ]", "[ no / ya no / dejó de / dejo de ] [ respira / respirar / "
         "está respirando / esta respirando ]", negatable=False, **_EVENT),
    risk("med_cant_breathe", MED, "imminent",
         "[ can not / having trouble / trouble / struggling / hard to / hardly / cannot ] [ to ]? "
         "breathe", weak=True, **_EVENT),
    risk("od_blue", OD, "imminent",
         "[ lips / lip / face / fingers / fingertips / nails / skin / mouth ] ..3 [ blue / purple "
         "/ grey / gray / ashen / turning blue ]",
         "[ turning / turned / going / gone / went ] [ blue / purple / grey / gray ]",
         "blue lips", "labios [ morados / azules ]",
         "[ blue / grey / gray / purple / pale ] and [ cold / clammy / limp / not / unresponsive ]",
         "[ cold / limp ] and [ blue / grey / gray / purple ]", "[ está / esta ] morado",
         negatable=False, **_EVENT),
    risk("od_unresponsive", OD, "imminent",
         "[ will / can / could / is / are / does / did ] not [ wake / waking / woke ] [ him / her "
         "/ them / my ] ..2 [ up ]?", "unable to [ wake / rouse ] [ him / her / them / my ]",
         "[ unresponsive / not responsive / not responding / not reacting / limp / passed out "
         "cold / no despierta / no reacciona / no responde ]", negatable=False, **_EVENT),
    risk("od_no_response", OD, "imminent",
         "[ will not / can not / does not / did not / won't ] [ respond / wake up / come to ]",
         "[ will not / does not / is not ] [ respond / responding ] to [ me / us / anything / "
         "anyone / his / her / shaking / yelling / touch / narcan / noise ]",
         negatable=False, end_anchor=True, **_EVENT),
    risk("od_not_waking", OD, "imminent",
         "[ is not / are not / will not / can not / does not / did not / not / isn't / won't / "
         "wont ] [ waking / wake / woke ] up", third_party=True, negatable=False, **_EVENT),
    risk("od_passed_out", OD, "none", "[ passed out / nodded out / nodding out / blacked out / "
         "fell out ]", escalate=(esc("using", "imminent"),), **_EVENT),
    risk("od_too_much", OD, "imminent",
         "@take|use|do|snort|shoot|smoke|pop|swallow|inject ..3 [ too much / too many / way more "
         "/ much more / a lot more / more than ]",
         "@take|use|do|snort|shoot|pop ..3 [ double / triple / twice / 2x / 3x / times / "
         "re:^\\d+x$ ] ..3 [ dose / amount / usual / %DRUG / meds / pills ]",
         f"[ took / swallowed / popped / ate / downed / did / used / drank / take / taking ] [ all "
         f"/ handfuls / [ a / the / an ] [ handful / bunch / whole / entire / rest ] ] ..3 of? ..2 "
         f"{_PILLS}",
         "[ took / swallowed / popped / ate / downed / take ] re:^([1-9]\\d|\\d{3})$ ..2 "
         f"{_PILLS}",
         "[ tomé / tome / tomó / tomo ] ..3 [ muchas / todas / montón / frasco ] ..2 pastillas",
         actual=True, **_EVENT),
    risk("ing_child", ING, "imminent",
         "[ <MINOR> / dog / cat / puppy ] ..3 [ @swallow|eat|chew|drink|find|take|lick|grab / "
         "got / gotten ] ..5 [ %DRUG / my [ pills / meds / medicine / medication / patch / "
         "patches / strips ] / [ one / some ] of my ]",
         "<MINOR> ..3 [ tomó / tomo / comió / comio / tragó / trago / bebió / bebio ] ..3 [ mis "
         "/ las / sus / de ]? [ pastillas / medicina / medicinas / <SUBST> ]", **_EVENT),
    risk("ing_child_unknown", ING, "high",
         "<MINOR> ..3 [ @swallow / @eat / got into / @chew ] [ something / some / a / an / one ]",
         escalate=(esc("drug_ctx", "imminent"),), **_EVENT),
    risk("od_mix", OD, "high",
         "[ drank / drinking / drunk / alcohol / booze / beers / wine / vodka ] ..6 [ xanax / "
         "xans / bars / benzos / klonopin / valium / ativan / opioids / oxy / percs / heroin / "
         "fent / fentanyl / methadone / sleeping pills / ambien ]",
         "[ xanax / xans / bars / benzos / klonopin / valium / ativan / oxy / percs / heroin / "
         "fent / fentanyl / methadone ] ..6 [ drank / drinking / alcohol / booze / beers / wine ]",
         escalate=(esc("sedation", "imminent"),), **_EVENT),
    risk("od_sedation", OD, "none",
         "[ fading / passing out / nodding off / blacking out / slipping away / going under ]",
         "can [ not / barely / hardly ] [ stay awake / keep my eyes open / keep her eyes open / "
         "keep his eyes open ]", escalate=(esc("using", "imminent"),), **_EVENT),
    risk("ing_accident", ING, "imminent",
         f"[ accidentally / accidently / by accident / by mistake / mistakenly ] ..3 [ took / "
         f"swallowed / drank / ate / doubled / take / used ] ..4 {_PILLS}",
         "[ took / swallowed / taken ] [ the ]? wrong [ pills / pill / meds / medication / "
         "medicine / bottle ]", "[ drank / swallowed / ate / drinking ] [ some ]? [ bleach / "
         "antifreeze / rat poison / drain cleaner / batteries / a battery / windex / cleaner ]",
         "double dosed", "poison control",
         "[ took / take / swallowed / ate / drank / doubled / double ] ..4 [ by accident / by "
         "mistake / accidentally ]", actual=True, **_EVENT),
    risk("med_chest_pain", MED, "imminent",
         "chest [ pain / pains ]", "chest ..3 [ hurts / hurt / hurting / aches / aching / "
         "pressure / crushing / squeezing / burning ]", "[ having / had / have ] [ a ]? [ heart "
         "attack / stroke ]", "[ dolor de pecho / me duele el pecho ]",
         escalate=(esc("using", "imminent", OD),), **_EVENT),
    risk("med_chest_tight", MED, "none",
         "chest ..3 [ tight / tightness / heavy / tightening / feels weird ]",
         escalate=(esc("using", "imminent"),), **_EVENT),
    risk("med_heart", MED, "none",
         "heart ..6 [ racing / pounding / explode / exploding / beating so fast / beating out / "
         "going to stop / stopping / skipping / stopped / palpitations / beating weird ]",
         escalate=(esc("using", "imminent"),), **_EVENT),
    risk("med_heart_stop", MED, "high",
         "heart ..3 [ going to stop / gonna stop / is stopping / about to stop / might stop ]",
         escalate=(esc("using", "imminent"),), **_EVENT),
    risk("med_numb", MED, "moderate",
         "can not [ feel / move ] [ my / his / her ] [ legs / arms / face / body / hands / feet / "
         "side ]", escalate=(esc("using", "imminent"),), **_EVENT),
    risk("med_collapse", MED, "imminent",
         "[ collapsed / collapsing / collapses / fainted / keeled over / dropped to the floor ]",
         "[ se desmayó / se desmayo / se cayó y no ]", escalate=(esc("using", "imminent", OD),),
         **_EVENT),
    risk("med_seizure", MED, "imminent",
         "[ seizure / seizures / seizing / convulsing / convulsions / convulsion / fitting / "
         "convulsiones / convulsionando ]",
         escalate=(esc("withdrawal_ctx", "imminent", WD),), **_EVENT),
    risk("wd_dts", WD, "imminent",
         "[ dts / dt 's / d.t.s / d.t.s. / the dt / delirium tremens / delirium ]", **_EVENT),
    risk("wd_hallucinate", WD, "high",
         "[ hallucinating / hallucinate / hallucinations / hallucination / seeing things / "
         "hearing things / hearing voices / seeing bugs / bugs crawling / seeing spiders / things "
         "crawling / seeing shadows / people who are not there / alucinando / alucinaciones ]",
         escalate=(esc("withdrawal_ctx", "imminent"), esc("tremor", "imminent")), **_EVENT),
    risk("wd_tremor", WD, "none",
         "[ shaking / shakes / shaky / tremors / tremor / trembling / sweats / sweating / "
         "temblando ]",
         escalate=(esc("withdrawal_ctx", "high"), esc("hallucination", "imminent")), **_EVENT),
    risk("wd_signs", WD, "moderate",
         "[ detoxing / detox / withdrawing / coming off ] [ at home / alone / by myself / on my "
         "own / cold turkey ]", "[ dopesick / dope sick / so sick from withdrawal ]",
         "withdrawals [ are / is ] [ so / really ]? [ bad / awful / brutal / killing me / "
         "unbearable ]", "withdrawal ..3 [ kill / die / deadly / dangerous / fatal / lethal ]",
         escalate=(esc("tremor", "high"),), **_EVENT),
    risk("od_alone", OD, "high",
         "[ use / using / shoot / shooting / shoot up / shooting up / get high / getting high / "
         "dose / party / partying / do dope / doing dope / fix / nod ] ..2 [ alone / by myself "
         "/ on my own / solo ]", first_person=True),
]
