"""Abuse of a minor, partner violence, assault and abuse of an adult.

Who did it decides the category (frames.violence_category): a partner or "he"/"she" is partner
violence, family or a caregiver is abuse, a stranger is assault, and any child victim (or a
writer who says they are a child) makes it abuse of a minor. No person before the verb ("it hit
me", "the craving hit me hard") means no finding.
"""

from __future__ import annotations

from bot.safety.rules import Rule, esc, risk

PV = "partner_violence"
MINOR = "abuse_minor"
_STRONG = ("[ @rape / @molest / @strangle / @choke / @punch / @slap / @kick / @abuse / @beat / "
           "@stab / @smother / @suffocate / @assault / @grope / @fondle ]")
_TO_MINOR = (esc("minor_self", "high", MINOR),)

VIOLENCE: list[Rule] = [
    # coercive control by a partner: locked in, phone or keys taken, not let out
    risk("pv_control", PV, "high",
         "[ <PARTNER> / he / she ] ..3 [ locks / locked / lock / locking ] me [ in / inside / "
         "out ]",
         "[ <PARTNER> / he / she ] ..3 [ takes / took / taking / smashed / smashes / hides / hid "
         "] my [ phone / keys / car keys / id / wallet ] ..4 [ angry / mad / fight / leave / "
         "again / every time / so i ]",
         "[ <PARTNER> / he / she ] [ won't / will not / doesn't / does not / wo n't ] let me [ "
         "leave / go out / out / see my / have my phone / use my phone / call ]",
         first_person=True),
    risk("vi_against_me", "abuse", "high",
         "@{VIOLENT} [ me / us ] [ up / down / around ]?",
         f"{_STRONG} [ her / him / them ]", "@{VIOLENT} [ <MINOR> / <KIN> / <PARTNER> ]",
         "[ scared / afraid / terrified / worried ] ..2 [ he / she / they / <PARTNER> / <KIN> ] "
         "[ will / 'll / is / 's / might / 'd / would ] [ going to / gonna ]? [ @hurt / @hit / "
         "@kill / @beat ] me",
         "[ he / she / they / <PARTNER> / <KIN> ] ..2 @hurt me again",
         "[ hurts / hurting ] me", "keeps hurting me",
         "[ gun / knife / blade ] [ to / at / against ] my [ head / throat / neck / chest ]",
         "[ pointed / pulled / held ] a [ gun / knife ] [ at / on / to ] me",
         "[ grabbed / pulled / dragged / forced / pushed / threw ] me [ into / in ] [ his / her / "
         "their / a / the ] [ car / van / truck / room / house / trunk ]",
         "[ physically hurts / physically hurt / physically hurting ] [ me / us / <MINOR> ]",
         "[ hurts / hurt / hurting ] [ me / us ] physically",
         "@force|make|pressure [ me / her / him ] [ to ]? [ have sex / do sexual things / do "
         "things / sleep with / touch ]",
         "@threaten|swear|promise ..4 [ @kill / @hurt / @beat ] [ me / us / <MINOR> ]",
         "[ said / says / told me / tells me ] ..3 [ 'd / would / will / 'll / going to / gonna ] "
         "[ @kill / @hurt / @beat ] [ me / us ]",
         "[ 'd / would / will / 'll / going to / gonna ] kill me if i [ leave / tell / go / call "
         "/ report / try / left / told ]",
         "[ said / says / told me / tells me / threatened ] ..6 kill [ me / us ]",
         "[ he / she / <PARTNER> ] [ will / 'll / would / 'd / is / 's ] [ going to / gonna ]? "
         "kill me", "[ hands / hand / arm / arms / belt / rope / cord ] [ around / on / round ] [ "
         "my / her / his ] [ neck / throat ]",
         agent_category=True),
    risk("vi_control", PV, "high",
         "[ <PARTNER> / he / she ] ..8 [ will not / does not / won't / never ] let me [ leave / "
         "go / see / talk / have / use / call / out ]",
         "[ <PARTNER> / he / she ] ..2 [ controls / control / controlling / takes / took ] ..2 "
         "[ money / finances / paycheck / phone / car ]",
         "[ <PARTNER> / he / she ] ..3 [ took / takes / taking / smashed / broke / hides / hid / "
         "destroyed ] my [ phone / keys / car keys / wallet / money / id / meds ]",
         "[ scared / afraid / terrified ] [ of ] <PARTNER>",
         "[ abusive / violent ] [ relationship / <PARTNER> ]", "domestic [ violence / abuse ]",
         "[ stalking / stalks ] me", escalate=_TO_MINOR, info_sensitive=True),
    risk("vi_abuse_home", "abuse", "high",
         "[ abusive / violent ] [ <KIN> / home / household / family ]",
         "[ being / am being / getting ] [ abused / beaten / hit ]",
         escalate=_TO_MINOR),
    risk("vi_passive_assault", "assault", "high",
         "[ @be / got / get / been / being / was / were ] [ sexually / physically / brutally ]? "
         "[ raped / assaulted / attacked / jumped / mugged / stabbed / drugged / roofied / "
         "trafficked / groped / beat up / beaten up / choked / strangled / robbed ]",
         "[ raped / assaulted / attacked / roofied / drugged ] [ me / my drink ]",
         "sexual [ assault / abuse ]",
         "[ slipped / put / dropped / spiked / drugged ] ..4 [ my / in my / into my ] drink",
         "[ spiked / drugged ] [ me / my ]",
         "[ being / been / was / got / were / am / getting ] [ forced / pressured / made ] [ to "
         "]? [ have sex / do sexual things / do things / sleep with / perform ]",
         "me [ violó / violaron / atacó / atacaron / asaltaron ]",
         escalate=_TO_MINOR, history_level="high"),
    risk("vi_passive_abuse", "abuse", "high",
         "[ @be / got / been / being / was / were ] [ sexually / physically / emotionally ]? "
         "[ abused / molested / beaten ]", escalate=_TO_MINOR),
    risk("vi_minor", MINOR, "high",
         "[ @molest / molesting / molester / pedophile / grooming / groomed / groom ]",
         "[ @touch / @fondle / @grope ] ..2 [ <MINOR> / her private / his private / my private ]",
         "[ @touch / @fondle / @grope ] me [ at night / inappropriately / there / down there / "
         "in my sleep / while i sleep / in places / where / without ]",
         "[ @touch / @fondle / @grope ] me ..8 [ secret / tell anyone / tell anybody / tell "
         "nobody / tell no one ]",
         "child abuse", "[ hurting / hurts / hits / beats / abusing ] [ the / my / our ] kids",
         "[ comes / came / sneaks ] into my room ..4 [ @touch / @grope ]",
         "[ coach / teacher / uncle / stepdad / stepfather / priest / pastor / babysitter / tutor "
         "/ stepbrother / cousin / neighbor / boss / sponsor ] ..4 [ touching / touches / touched "
         "/ groping / groped / fondled / fondling ] me",
         "[ boyfriend / stepdad / stepfather / uncle / stepbrother / cousin / neighbor ] ..4 [ "
         "comes / came / sneaks / coming / keeps coming ] [ in / into ] my [ room / bed ]"),
    risk("vi_touch_me", MINOR, "none", "[ @touch / @fondle / @grope ] me",
         escalate=_TO_MINOR),
    risk("vi_spanish_partner", PV, "high",
         "<PARTNER> ..3 me [ pega / pegó / pego / golpea / golpeó / golpeo / ahorca / ahorcó / "
         "viola / violó / maltrata / abusa / abusó / amenaza / lastima / empuja / empujó / "
         "quiere matar / va a matar ]"),
    risk("vi_spanish", "abuse", "high",
         "me [ pega / pegó / pegan / golpea / golpeó / golpean / ahorca / ahorcó / maltrata / "
         "abusa / abusó / amenaza / lastima / empuja / empujó ]", "me quiere matar",
         "[ abusan / abusa / abusó / abuso / abusaron ] de [ mí / mi ]",
         "[ padrastro / tío / tio / primo / vecino / maestro / entrenador ] ..2 me [ toca / tocó / "
         "toco / manosea ]", escalate=_TO_MINOR),
]
