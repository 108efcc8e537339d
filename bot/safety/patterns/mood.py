"""Low mood / hopelessness and eating-disorder signs: moderate, about the writer.

Mild words ("a bit down", "stressed", "sad") stay ordinary conversation; hopelessness,
worthlessness and self-hatred get a clinician's look the next business day.
"""

from __future__ import annotations

from bot.safety.rules import Rule, esc, risk

LM = "low_mood"
ED = "eating_disorder"
_FP = {"first_person": True}

MOOD: list[Rule] = [
    risk("lm_words", LM, "moderate",
         "[ i / am / feel / feeling / felt / feels / been / become / becoming ] [ so / really / "
         "completely / totally / very / just / utterly / pretty / kinda / super / extremely ]? "
         "[ hopeless / worthless / helpless / empty / numb / useless / pointless / miserable / "
         "defeated / unlovable ]",
         "[ feel / feeling / felt ] like such? [ a failure / a burden / a waste / a "
         "disappointment / nobody cares / nothing / giving up / i do not matter ]",
         "dead inside", "@hate [ myself / my life / being alive / my existence / who i am / "
         "everything about me ]",
         "[ am / 'm / be ] ..2 [ worthless / a failure / a loser / a burden / a disappointment / "
         "a lost cause / a fuckup / a screwup ]",
         "nothing matters", "nothing [ ever / will / is ] ..2 [ better / changes / change ]",
         "nothing to look forward to",
         "[ never / not ] [ going / gon / gonna / ever ] to? get better",
         "[ no / lost / losing / zero ] all? hope",
         "[ nobody / no / noone ] one? [ cares / loves / likes / understands ] [ about ]? me",
         "can not [ take / handle / do ] [ it / this / life ]? [ anymore / any more / any longer "
         "]", "can not [ stop crying / get out of bed ]",
         "crying [ all / every / nonstop / myself ] [ day / night / the / to ]",
         "not [ gotten / got / get / left / leave / been ] [ out / of ]* [ bed / house / room / "
         "my / the ]+ [ in / for ] ..2 [ days / day / week / weeks ]",
         "[ am / so / feel / feeling / been / really / very / super / severely / deeply / "
         "extremely / get / getting ] depressed",
         "depression [ is / has / 's ] been? [ so / really ]? [ bad / worse / killing / awful / "
         "crushing / unbearable ]",
         "[ so / completely / all / totally / very ] [ alone / lonely ]",
         "give up on [ myself / everything ]", "breaking point", "end of my rope",
         "[ life / my life / everything / it all ] [ is / feels / 's ] [ so / completely / just / "
         "totally ]? [ pointless / meaningless / hopeless / empty / worthless ]",
         "waste of [ space / air / oxygen / a life / life ]",
         "how [ much longer / long ] ..3 [ can / keep ] ..2 [ doing / take / going / do ] [ this / "
         "it ]?",
         "[ can not / unable to ] cope", "[ everything / life / my life ] ..2 falling apart",
         "[ tired / sick / exhausted ] of [ everything / fighting / trying / struggling / it ]",
         "not care [ anymore / about anything / about myself / what happens / if i ]",
         "not want to live like this",
         "[ sin esperanza / no sirvo para nada ]", "me siento [ vacío / vacía / vacio / vacia ]",
         "estoy muy? [ deprimido / deprimida ]",
         escalate=(esc("emoji_death", "high", "suicidal_ideation"),), **_FP),
    risk("lm_loss", LM, "moderate", "[ died / passed / lost ] ..4 [ by / to / from / of ] "
         "[ suicide / {SUICIDE_WORDS} ]", history_level="none"),
    risk("lm_done_with", LM, "moderate",
         "[ done with / over ] [ everything / it all / life / all of it / this life / this world "
         "/ living ]", escalate=(esc("emoji_death", "high", "suicidal_ideation"),), **_FP),
    risk("lm_anchored", LM, "moderate",
         "what [ 's / is ] the point", "i give up", "[ i am / i 'm ] not [ ok / okay / alright / "
         "fine / good ] [ at all / anymore / really / honestly ]?",
         "[ i am / i 'm / im ] [ actually / already / basically ]? dead",
         end_anchor=True, weak=True, escalate=(esc("emoji_death", "high", "suicidal_ideation"),),
         **_FP),
    risk("ed_signs", ED, "moderate",
         "@starve %SELF", "[ make / made / making / force / forced / forcing ] %SELF ..2 [ throw "
         "/ puke / vomit / sick / purge ]",
         "[ throw / throwing / threw / puke / puking / vomit / vomiting ] up? after [ eating / "
         "meals / every meal / each meal / i eat / i ate / i binge ]",
         "[ binge / binging / bingeing / binged ] [ and / then / n ] [ purge / purging / purged / "
         "throw / threw ]", "@purge", "binge eating",
         "laxatives ..4 [ after / every / each / lose / weight / meal / meals / daily ]",
         "diet pills", "not [ eaten / eat / ate ] ..3 [ in / for ] ..2 [ days / day / week / "
         "weeks ]", "not deserve [ food / to eat ]",
         "[ skip / skipping / skipped ] [ meals / meal / eating / breakfast / lunch / dinner ] ..3 "
         "[ purpose / lose / weight / thin / skinny ]",
         "[ feel / feeling / felt / am / so ] [ fat / disgusting / gross / huge ] ..4 [ eat / "
         "eating / ate / food / meal / body / weight / mirror ]", "@hate my body",
         "@count every calorie", "[ under / less / only ] than? re:^\\d{2,4}$ [ calories / cals "
         "/ kcal ]", "[ proana / pro-ana / thinspo / thinspiration / meanspo ]",
         "pro [ ana / mia ]", "hide ..3 [ not eating / skipping meals / my eating / throwing up / "
         "purging / that i do not eat ]", "[ without / by not / stop ] eating ..4 [ weight / "
         "thin / skinny / pounds ]", "[ lose weight / lose pounds ] ..3 [ without eating / by not "
         "eating / by starving / by purging / by throwing up ]",
         "re:^\\d{2,4}$ [ calories / cals / kcal ] [ a / per / each ] day",
         **_FP),
]
