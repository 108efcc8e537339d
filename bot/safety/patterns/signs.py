"""Emergencies and violence told by their signs, not named (issue 11: "third-party overdose
described by its signs rather than named", medication taken in excess without a name, abuse
told as what happened).

Overdose signs ("can't get him to come to", "pupils like pinpoints", "narcan didn't work"),
medical emergencies (stroke, anaphylaxis, asthma, head injury, internal bleeding), medicine
taken in excess by count or container ("took like 12 of the white ones", "emptied the pill
organizer"), and sexual or partner violence told by what was done.
"""

from __future__ import annotations

from bot.safety.rules import Rule, esc, risk

OD = "overdose"
MED = "medical_emergency"
MO = "medication_overdose"
SA = "sexual_assault"
PV = "partner_violence"
_EVENT = {"info_sensitive": True, "recent_cap": True}
_HIM = "[ him / her / them / my / his ]"

SIGNS: list[Rule] = [
    risk("od_signs", OD, "imminent",
         f"can not [ get / wake / rouse / bring ] {_HIM} ..2 [ up / to come to / to wake / to "
         "respond / awake / around / back ]", "[ no / can not feel a / can not find a / not "
         "feel a / not find a ] pulse", "[ pupils / eyes ] ..3 [ pinpoint / pinpoints / pinned / "
         "tiny / pin ]", "slumped [ over / down ]", "chest [ is not / not / is n't ] [ really ]? "
         "[ going / moving / rising ] [ up ]?", "[ narcan / naloxone ] [ did not / not / is not ] "
         "[ work / working / help ]", "[ narcan / naloxone ] ..6 [ still / second / another / "
         "again ] ..3 [ out / grey / gray / blue / not / one ]", "needle [ still ]? in [ his / "
         "her / their / my ] [ arm / hand / leg / neck ]", "[ will not / can not ] breathe "
         "[ right / properly ]?", "[ nodded / nodding / nodded out / nodding out ] ..4 [ can not "
         "/ will not / not ] [ wake / get / respond ]", "gone quiet ..6 [ chest / breathing / "
         "not ]", "[ not / no ] [ answering / responding ] ..6 [ door / locked / bathroom ]",
         "[ locked / bathroom ] ..8 [ not answering / not responding / no answer ]",
         "[ he / she / they / he 's / she 's / he is / she is / lips / face / skin ] [ 's / is / "
         "looks / look / still / went / gone / turned / are / look ]? [ so / really / all / kinda "
         "/ real / still ]? [ gray / grey / purple / dusky / ashen ]", "keep doing [ breaths / "
         "compressions / cpr ]",
         negatable=False, **_EVENT),
    risk("mo_counted", MO, "imminent",
         "[ took / take / swallowed / downed / popped / ate / taken ] [ my ]? <MED>? [ like / "
         "about "
         "/ around / maybe / over / almost / a / 2 / two / like a ]? ..2 [ "
         "re:^([5-9]|[1-9]\\d+)$ / "
         "lot / bunch / handful / sheets / full / bottle / whole / ton ] ..4 [ pills / meds / "
         "medication / of them / ones / of my / tablets / capsules / caps / stuff ]",
         "emptied [ the / my ] [ pill / pills / meds ] [ organizer / bottle / box / case ]",
         "[ doubled / tripled ] [ up ]? on my [ sleep / anxiety / pain / psych ]? [ meds / pills / "
         "medication ]", "[ took / taken / had ] [ way ]? [ too many / a lot ] of my [ meds / "
         "pills "
         "/ medication ]", "[ took / take / taken ] my ..3 [ pills / meds / medication / <MED> "
         "] ..2 [ twice / "
         "three times / 3 times / again ]", "[ downed / drank / chugged ] [ a / the / half a / a "
         "whole ] bottle of "
         "[ cough syrup / nyquil / robitussin / benadryl ]", actual=True, **_EVENT),
    risk("med_signs", MED, "imminent",
         "face ..3 [ drooping / droopy / drooped / numb on one side ]", "can not [ lift / move / "
         "feel ] [ my / his / her ] [ right / left ] [ arm / leg / side / hand ]",
         "[ slurred / slurring ] [ speech / words ]?", "[ throat / tongue / lips / face ] ..3 "
         "[ swelling / swollen / closing / closing up ]", "can not [ catch my breath / catch his "
         "breath / catch her breath / finish a sentence ]", "wheezing", "worst headache",
         "[ bent / twisted ] [ the ]? wrong [ way ]?", "black [ tar / stool / poop ]",
         "[ pain / pains / pressure ] in [ my / his / her ] chest", "hit [ my / his / her ] head "
         "..6 [ blood / bleeding / passed out / blacked out / throwing up ]", "[ burning up / "
         "high fever ] ..6 confused", "[ asthma / allergic ] attack", "[ inhaler / epipen / epi "
         "pen ] ..4 [ empty / no / out / don't have / lost ]", "no epipen",
         "[ crushing / stabbing ] pain", "[ pain / pressure ] [ spreading / going / radiating / "
         "moving ] [ to / down / into / up ] my [ back / jaw / arm / shoulder / neck ]",
         "passed out [ twice / again / three times / 2 times ]", "skin ..3 [ peeling off / white "
         "/ charred / blistered ]", "bleeding [ from / out of ] [ my / his / her ] [ head / mouth "
         "/ ears / ear ]", "cara caída", "no puede hablar bien", "[ le dio / tiene / tuvo ] una "
         "[ convulsión / convulsion ]", **_EVENT),
    risk("danger_now", "assault", "imminent",
         "[ hiding / hidden / locked myself ] in [ a / the / my ] [ closet / bathroom / room / car "
         "/ basement ] ..8 [ looking for me / coming / outside / in the house / after me / "
         "banging ]", "[ outside / pulled up / at the door / here / in the house ] ..4 with [ guns "
         "/ a gun / knives / a knife / bats / a bat ]", **_EVENT),
    risk("od_other_alone", OD, "high",
         "[ he / she / they / <PEOPLE> ] ..4 [ using / use / taking / shoot / shooting / doing ] "
         "..4 alone", "[ he / she / they / <PEOPLE> ] [ 's / is / are ] [ going to / gonna ] use "
         "again", third_party=True),
    risk("sh_now", "self_harm", "imminent",
         "[ cutting / burning / hurting / hitting ] [ myself ]? [ right now / rn / now ] [ and ]?",
         actual=True),
    risk("ho_again", "harm_to_others", "high",
         "i [ just ]? [ hit / choked / hurt / beat / punched / slapped / strangled ] [ my / her / "
         "him / them ] ..8 [ do it again / again / about to ]", "[ about to ] [ hit / hurt / choke "
         "/ beat / stab / shoot ] [ her / him / them ] [ again ]?",
         escalate=(esc("now", "imminent"),)),
    risk("sa_told", SA, "high",
         "[ touching / touched / touch / grabbing / groping / feeling ] me [ when / while ] [ i "
         "'m / i am / im / i was / i 'm / i ] [ asleep / sleeping / passed out / drunk / high / "
         "out of it / sleep ]", "[ forced / made / making / make / pressured ] me [ to ]? do "
         "[ oral / sexual things / sexual stuff / stuff / things / what he wanted / what she "
         "wanted ]", "[ did / doing / does ] sexual [ stuff / things ] [ to / with ] [ me / him "
         "/ her ]", "[ would not / did not / wouldn't ] [ let me out / unlock / let me leave / "
         "let me go ] ..6 [ til / until / unless ] i", "rape kit", "date [ raped / rape ]",
         "[ told / asked / begged ] [ him / her / them ] to stop ..4 [ he / she / they ] [ did "
         "not / kept / would not / didn't / still ]", "[ get / getting / climb / climbing / "
         "crawl / crawling ] [ in / into ] [ bed / my bed ] with me", "[ sending / sent / send / "
         "asking for / asked for ] ..3 [ naked / nude / nudes ] ..2 [ pics / pictures / photos "
         "]?", "[ blacked out / passed out ] and woke up ..6 [ guys / guy / man / men / naked / "
         "bleeding / clothes / in a bed ]", history_level="high"),
    risk("pv_told", PV, "high",
         "[ he / she / <PARTNER> ] [ said / says / told ] ..6 [ finish the job / coming for me / "
         "end me ]", "[ gps / tracker / tracking ] ..4 [ car / phone / me ]", "[ reads / "
         "checks / goes through / tracks ] [ everything on ]? my [ phone / texts / messages / "
         "location ]", "[ slammed / threw / shoved / pushed / smashed ] my [ head / face / body ] "
         "[ into / against / on ]", "broke my [ ribs / rib / nose / arm / jaw / wrist / finger / "
         "orbital ]", "threatened to [ post / share / send / leak ] ..3 [ pics / pictures / "
         "nudes / photos / videos ]", "[ turtleneck / long sleeves / sunglasses / makeup / "
         "concealer ] ..8 [ guess why / hide / cover / bruises ]", "[ call / report me to ] cps",
         "[ keeps / takes / controls ] [ the car / all the money / my money / my paycheck / my "
         "card ] ..6 [ beg / ask / allowance ]?", "beg for [ bus fare / money / gas money ]"),
    risk("wd_signs_told", "withdrawal", "none",
         "[ confused / disoriented / seizing / jerking / twitching / jerks / fit / shaking / "
         "shook / sweating / drenched / burning up / crawling / flashes / shadows / walls / "
         "watching me / talking to me / hearing / seeing / locked up / bloody lip / on the "
         "floor / does not know where / racing / pounding ]",
         escalate=(esc("withdrawal_ctx+hallucination", "imminent"),
                   esc("withdrawal_ctx", "high")), **_EVENT),
    risk("abuse_told", "abuse", "high",
         "[ split / busted / broke / bloodied ] my [ lip / nose / head / eye ]",
         "[ pistol whipped / pistol-whipped / whipped ] me", "hit me with [ a / the / his / her "
         "] [ bat / belt / bottle / pipe / cord / pan ]", "lock on the outside of my [ bedroom ]? "
         "door", "[ controls / takes / keeps ] [ all ]? [ my / our ] [ money / ssi / check / id / "
         "food stamps / benefits ]", "[ not / never ] let me [ have / eat / leave / go ] ..3 "
         "[ money / id / eat / house / anywhere / out ]", "[ punching bag / punching-bag ]",
         "came at me with [ a / the ] {WEAPONS}", "[ said / told me / say ] [ they 'll / they "
         "will / he 'll / she 'll / he will / she will ] kill me if",
         "[ leaves / left / keeps ] me in my own [ mess / filth / waste ]", **{"first_person":
                                                                               False}),
]
