"""The language of risk without risk keywords (issue 11), and the `ask` level.

- `ask`: distressed but unclear ("I can't keep doing this", "I'm doing it tonight", "I feel
  trapped"). The person is asked "Are you thinking about suicide or about hurting yourself?"
  and the answer sets the level (docs/safety.md, "Ask when unsure").
- Passive wishes to die ("it would be peaceful to not exist", "hope I don't wake up"), a last
  message or farewell, "go through with it", saved-up pills: high (imminent with means + time).
- Veiled method seeking: survival odds, heights, "how many would it take", "would 30 be enough".
- Imminent use: holding the drink or the drugs, at the dealer's, just bought: high.
- Holding the means now ("the knife is in my hand"): high, imminent with a time.
"""

from __future__ import annotations

from bot.safety.levels import ASK
from bot.safety.rules import Rule, esc, risk

SI = "suicidal_ideation"
MS = "method_seeking"
SC = "severe_craving"
SH = "self_harm"
_PLACE = ("[ bridge / roof / rooftop / tracks / train tracks / overlook / ledge / cliff / "
          "overpass / top floor / parking deck / railroad / puente / techo / edge ]")
_BODY_SELF = "[ my ]? [ {BODY} / knuckles / head / skin / hand / hands / fingers ]"
_SI_ESC = (esc("means+now", "imminent"), esc("plan", "imminent"))
_MEANS = ("[ gun / knife / blade / razor / rope / noose / pills / pill / bottle / meds / belt / "
          "cord / pistol / {WEAPONS} ]")

INDIRECT: list[Rule] = [
    risk("ask_cant_go_on", SI, ASK,
         "can not [ keep / go on / keep going / keep doing / do / take / handle / live ] [ doing "
         "/ living / on / going / like ]? [ this / it / that / life ]",
         "[ i 'm / i am / im / am / so / just / really ] [ so / just / really ]? [ done / tired "
         "/ exhausted / over ] [ with / of ] [ everything / it all / all of this / all of it / "
         "this life / life / fighting / trying / being me / being here / myself ]",
         "[ do not / can not / no longer ] see [ a / any / the ] [ way / point / reason / light / "
         "end ]", "[ there 's / there is / is there ] no [ point / hope / way / future ]",
         "[ i 'm / i am / im ] [ doing / going to do / gonna do ] it [ tonight / today / now / "
         "this time / for real ]", "[ have to / need to / got to / gotta ] do it [ tonight / "
         "today / now / soon ]", "tonight [ 's / is ] the night", "[ tired / sick ] of being "
         "[ alive / me / here ]", "ya no [ puedo / aguanto ] [ más / mas ]",
         "[ estoy / me siento ] [ atrapado / atrapada ]", "no [ tiene / le veo ] sentido",
         escalate=(esc("means", "high"), esc("emoji_death", "high")),
         negatable=True, first_person=True, past_sensitive=False),
    risk("ask_anchored", SI, ASK, "[ i ]? just want out", "i give up", "what [ 's / is ] even? "
         "the point [ anymore / any more ]?", end_anchor=True, first_person=True,
         past_sensitive=False, escalate=(esc("means", "high"), esc("emoji_death", "high"))),
    risk("si_passive", SI, "high",
         "[ peaceful / nice / easier / better / relief / relieved / simpler ] ..5 [ not exist / "
         "not existing / not be here / not being here / not wake up / not waking up / be gone "
         "/ disappear / dead / not be around / never wake ]",
         "[ hope / hoping / pray / praying / wish ] ..3 [ not / never ] [ make it / wake up / "
         "survive / see tomorrow / wake ]",
         "[ would not / wouldn't / won't / will not ] [ mind / care ] [ if / dying / not waking / "
         "being dead ] ..4 [ die / died / dying / dead / wake / hit / crash / gone ]?",
         "[ ok / okay / fine / alright / at peace ] [ with / if i ] [ dying / died / die / not "
         "waking up / it ending / it all ending / never waking up ]",
         "not want a [ future / rest of my life / tomorrow / next year ]",
         "[ last / final ] [ text / message / time ] ..3 [ thank / thanks / goodbye / bye / "
         "sorry / love you ]", "[ will not / won't ] be at [ group / work / home ] [ again / "
         "anymore / tomorrow ]", "go through with it", "[ extra / enough ] [ pills / meds / "
         "medication ] ..4 [ in case / if i decide / for when / for later / to do it ]",
         "[ saving / saved / hoarding / stocking ] up? [ my / the / some ]? [ pills / meds / "
         "medication / <MED> / %DRUG ]", "before [ anyone / everyone / they / he / she ] "
         "[ wakes / wake / gets / get / comes / come ] [ up / home / back ]",
         "ya no voy a estar [ aquí / aqui ]", "no quiero despertar",
         escalate=_SI_ESC, first_person=True),
    risk("si_holding_means", SI, "high",
         f"[ holding / have / got / with / hold ] [ a / the / my ]? {_MEANS} [ in my hand / in "
         "my hands / in my lap / to my head / against my / on my wrist / at my throat / right "
         "here ]", f"{_MEANS} [ is / are ]? [ in my hand / in my hands / in my lap / to my head "
         "/ against my skin / on my wrist / at my throat ]",
         escalate=(esc("now", "imminent"),), first_person=True),
    risk("ms_veiled", MS, "high",
         "how many [ would / will / does / do / did / should / could ] it take",
         "how [ many / high / far / tall ] ..4 [ floors / stories / storeys / feet / ft / meters ] "
         "..8 [ jump / fall / sure / survive / die / enough / fatal ]",
         "how many ..4 [ would / will ] it take", "[ survival / survive / surviving ] [ odds / "
         "rate / rates / chance / chances ]", "[ chance / chances / odds ] of [ surviving / "
         "survival / living ]", "[ fall / jump / drop / falling / jumping ] [ from / off ] ..4 "
         "re:^\\d+$ [ floors / stories / storeys / feet / ft / meters / metres / story ]",
         "how [ high / many floors / many stories / tall ] ..6 [ survive / fatal / die / sure / "
         "enough / certain / guarantee ]", "would re:^\\d+$ ..2 [ be enough / do it / do the "
         "trick / be plenty ]", "is re:^\\d+$ ..2 enough to", "enough to [ not wake up / never "
         "wake up / sleep forever / be sure ]"),
    risk("uc_at_hand", SC, "high",
         "[ have / got / holding / found / bought / copped / picked up / scored / hold ] ..3 "
         "[ <SUBST> / stash / bag / bottle / pills / 6 pack / six pack / sixpack / fifth / pint / "
         "beer / beers / <MED> ] ..4 [ in my hand / in my hands / in front of me / on the table "
         "/ in my pocket / in my car / in the car / on my lap / right here / next to me / in the "
         "cart ]", "[ in / at ] the [ beer / liquor / wine ] aisle",
         "[ outside / parked outside / in the parking lot of / at / in front of ] [ my ]? old? "
         "[ dealer / dealers / dealer 's / plug / plug 's / liquor store / package store / bar ]",
         "just [ bought / copped / scored / picked up / got ] [ a / some / an ]? ..2 [ <SUBST> / "
         "bag / bottle / fifth / pint / stuff / dope / gram / point / 6 pack / sixpack ]",
         "[ guy / man / connect / plug / dealer / dude ] [ is / 's ]? [ on his way / on the way / "
         "coming / omw / pulling up / outside / here / minutes away ]",
         first_person=True),
    risk("si_at_place", SI, ASK,
         f"[ i 'm / i am / im / am / sitting / standing / here / estoy ] [ on / at / in / up on / "
         f"walking to / driving to / heading to / going to / en / sitting on / standing on ] "
         f"[ the / el / my ]? {_PLACE}",
         escalate=(esc("farewell", "imminent"), esc("jump", "imminent"), esc("now", "high")),
         first_person=True, past_sensitive=False),
    risk("si_preparing", SI, "high",
         "[ gave / giving ] [ away ]? my [ dog / cat / stuff / things / belongings / pets / "
         "kids ] ..3 [ to / away ]", "[ wrote / written / writing / escribí ] [ letters / "
         "notes / las cartas / cartas ] ..3 [ to / for / a ]? [ everyone / everybody / my / "
         "todos ]?", "everything [ 's / is ] in order", "rest for good",
         "[ won't / will not / wo n't / not ] matter [ anymore / after tonight / soon ]",
         "[ they 'll / they will / everyone will / everybody will / she 'll / he 'll ] be [ fine "
         "/ better / okay / ok ] without me", "[ not / never ] going to wake up",
         "nobody [ should have to / has to / will ] find me", "[ not / don't / never ] get "
         "found", "waiting for [ the house / everyone / them / everybody ] to [ be empty / leave "
         "/ sleep / fall asleep / go to sleep ]", "[ got / have ] everything i need [ right "
         "here / ready / sitting ]", "[ took / swallowed / drank / did ] ..4 to [ die / kill "
         "myself / end it / not wake up / never wake up ]", "me despido de todos",
         "ya tengo todo listo", "[ espero / esperando ] que se duerman",
         "[ see / seeing / picture ] myself [ being ]? [ around / here / alive ] [ much longer / "
         "for long / next year / anymore ]", "[ wish / hope / pray ] ..4 [ truck / car / bus / "
         "train / plane / someone / somebody / lightning ] ..3 [ hit / hits / kill / kills / run "
         "/ runs ] me", "[ car / engine ] [ running / on ] ..6 garage",
         "garage ..6 [ engine / car ] [ running / on ]", "ready to go [ tonight / now / home ]",
         "me las voy a tomar todas", "voy a saltar",
         escalate=(esc("now", "imminent"), esc("means", "imminent"), esc("farewell", "imminent")),
         first_person=True),
    risk("sh_indirect", SH, "high",
         "[ until / till / til ] [ it / they / i ] [ bled / bleeds / bleed / split / bruised / "
         "broke / blistered ]", "[ burned / cut / hit / punched / bit / scratched / hurt / "
         "carved / bruised / banged ] ..6 on purpose",
         f"[ lighter / blade / razor / scissors / knife / glass / lighter / pencil sharpener ] ..4 "
         f"[ on / into / across ] {_BODY_SELF}", "[ razor / blade / blades ] ..3 [ calling / "
         "calls / called ] me", f"[ new / fresh ] [ lines / cuts / marks / scars / burns ] [ on "
         f"/ across ] {_BODY_SELF}", "[ without / clean from / free from / sober from / off ] "
         "[ cutting / self harm / self-harm / hurting myself / sh / burning myself ]",
         "[ relapsed / relapse ] on [ self harm / self-harm / cutting / sh ]",
         "me and the [ blade / razor ]", "[ the arm / arm ] thing", "[ needed / need / wanted ] "
         "to feel something ..6 [ lighter / blade / razor / cut / burn / burned ]",
         first_person=True),
    risk("sh_bleeding", "medical_emergency", "imminent",
         "[ still / keeps / keep ] bleeding", "not clotting", "[ won't / will not / wo n't / "
         "does not / not ] clot", "blood [ all over / everywhere ]", "red everywhere",
         "[ no para / no deja ] de sangrar", "[ gaping / wide ] open", "[ arm / wrist / leg / "
         "cut ] [ won't / will not / wo n't / does not / not ] stop",
         "[ swallowed / ate / swallowing ] [ a / some ]? [ razor / razor blade / blade / glass / "
         "batteries / battery / nails / screws ]", recent_cap=True),
    risk("ms_veiled_more", MS, "high",
         "[ painless / easiest / quickest / least painful / peaceful / fastest / best ] way to go",
         "[ easiest / quickest / painless / least painful / fastest / best / surest ] [ way / "
         "method ] to [ kill / off / end ] [ yourself / urself / oneself / a person / someone ]",
         "[ hanging / pills / jumping / drowning / gun / cutting / carbon monoxide / bleeding ] "
         "or [ hanging / pills / jumping / drowning / a gun / gun / cutting / carbon monoxide ] "
         "..3 [ faster / quicker / better / easier / more painful / less painful / worse / "
         "surer ]", "how much ..6 [ would / will / does / did ] it take",
         "[ would / could / will / can ] [ drinking / taking / eating / swallowing / mixing / "
         "jumping / a / an / the / re:^\\d+$ ] ..5 kill [ me / you / someone / a person ]",
         "[ does / would / is / will ] it [ hurt / painful / peaceful ] ..2 to? [ drown / die / "
         "hang / bleed / od / overdose / freeze / jump / suffocate / go / from ]",
         "[ hurt / painful / peaceful / feel it ] ..4 [ drown / od / overdose / dying / hang / "
         "freeze / liver / go to sleep ]",
         "how long ..6 [ survive / die / fail / freeze / bleed / suffocate / drown / pass out / to "
         "death / liver / found / survivable ]", "[ chance / chances / odds ] ..3 [ survives / "
         "survive / surviving / survival ]", "survivable", "look [ accidental / like an "
         "accident ]", "[ most / more ] dangerous ..6 [ took / take / lot / too many / all / "
         "a bunch ]", "re:^\\d+$ ..5 [ would / will / gonna ] [ do it / do the trick / be "
         "enough ]", "would re:^\\d+$ ..4 [ be enough / do it / do the trick ]",
         "[ deep / high / tall / cold / strong ] enough ..4 [ not come back / to not / to die / "
         "never / kill / to be sure ]", "[ highest / tallest / top ] [ floor / deck / level ]",
         "re:^\\d+$ <MED> or re:^\\d+$ <MED>"),
]
