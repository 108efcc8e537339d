"""Idioms and educational frames that look like risk but are not.

Overlap suppressors cancel a risk hit whose span they overlap ("killing it at work", "beat me
at cards"). Sentence suppressors cancel, in their sentence, hits of rules marked
`info_sensitive` (event rules such as "someone is overdosing"): generic questions ("what do I
do if someone overdoses"), lessons and stories ("we read a story about a woman who overdosed").
They never touch method-seeking or first-person suicidal statements.
"""

from __future__ import annotations

from bot.safety.rules import Rule, suppress

SELF = ("suicidal_ideation", "method_seeking", "self_harm", "low_mood")
EMERG = ("overdose", "ingestion", "medical_emergency", "withdrawal")
VIOLENCE = ("abuse_minor", "abuse", "partner_violence", "assault")
USE = ("relapse", "severe_craving", "concealment", "eating_disorder")
ANY = SELF + EMERG + VIOLENCE + USE

IDIOMS: list[Rule] = [
    suppress("idiom_kill_for", SELF + VIOLENCE, "@kill|murder for", "could [ murder / kill ] a"),
    suppress("idiom_dying_to", SELF, "@die to|for", "to die for", "@die [ of / from ] "
             "[ embarrassment / boredom / laughter / laughing / cringe / shame / cuteness / "
             "happiness / jealousy / curiosity / heat / thirst / hunger ]", "@die laughing",
             "[ bored / scared / worried / frightened / freezing ] to death",
             "@hurt|kill %SELF laughing", "[ morir / morirme / muero / muera ] de [ la / lo ]? "
             "[ vergüenza / verguenza / pena / risa / hambre / calor / frío / frio / sueño / "
             "cansada / cansado / aburrimiento / nervios / envidia ]",
             "no [ me ]? [ quiero / tengo ganas de ] [ morir / morirme ] ni nada",
             "no , no me quiero morir",
             "i could just die", "could have died", "could 've died"),
    suppress("idiom_killing_it", SELF + VIOLENCE,
             "@kill [ it / time / the game / two birds / the vibe / my vibe / the mood / the "
             "battery / my battery ]",
             "[ killing / killed / kill ] %SELF [ at / with work / working / trying / laughing / "
             "over / for / to get / to finish / to make / to pay / at work / at the gym ]"),
    suppress("idiom_kill_me", VIOLENCE,
             # not "when he gets home": that is a threat, whoever says it
             "[ gonna / going / will / 'll / would / 'd ] to? [ kill / strangle / murder ] me "
             "[ for / lol / haha / when [ she / he / they ] [ finds / find / sees / see / hears ] "
             "]", "[ kill / strangle / murder ] me , i [ forgot / missed / ate / broke / lost / "
             "spent / dented / scratched / burned / crashed ]",
             "kill me if i [ 'm / am / was / miss / missed / skip / skipped / forget / forgot / do "
             "/ did / eat / ate / lose / lost / break / broke / fail / failed / keep / wreck / "
             "wrecked / show / showed ]"),
    suppress("idiom_dead", SELF,
             "dead [ tired / serious / set / meat / ass / wrong / last / on / end / battery / "
             "phone ]", "[ phone / battery / car / laptop / plant / plants ] ..2 [ dead / died / "
             "die / dying ]", "[ so / gonna / going to be / be ] dead if", "drop dead",
             "[ rip / r.i.p. ] my", "dead to me",
             "[ dying / die / died / dyed ] [ my / her / his / the ] [ hair / shirt / clothes / "
             "eggs / beard / roots ]"),
    suppress("idiom_shoot", SELF, "shoot %SELF in the foot", "shoot me a", "shot [ pool / "
             "hoops / a photo / a video / my shot ]", "drown %SELF in"),
    suppress("idiom_od_on", ("overdose", "suicidal_ideation"),
             "@overdose|od [ on / with ] ..2 {FOODMEDIA}",
             "[ overdosing / overdosed / od'd / oding / oded / od'ed / od ] on "
             "[ the / some / these / those / all ]? ~NONDRUG"),
    suppress("idiom_suicide_words", ("suicidal_ideation", "method_seeking"),
             "suicide [ squad / prevention / awareness / doors / door / sprints / sprint / run / "
             "runs / wings / sauce / hotline / line / rates / rate / statistics / stats / "
             "training / month / walk / barriers / barrier / nets / net / is painless ]",
             "[ died / dies / lost / losing ] ..4 [ by / to / from / of ] suicide",
             "goodbye letter to [ my ]? [ addiction / alcohol / drugs / "
             "heroin / using / meth / drinking / the bottle ]"),
    suppress("idiom_accident", ("self_harm",),
             "@cut|burn|hurt|scratch|hit|injure %SELF [ shaving / cooking / chopping / slicing "
             "/ while / by accident / accidentally / on the stove / on a / on the / at the gym / "
             "at work / lifting / playing / working out / skiing / running / falling / when i "
             "fell / on glass / with the iron / gardening / hiking / at practice ]",
             "[ accidentally / accidently / by accident ] @cut|burn|hurt %SELF",
             "cutting [ back / down / out / carbs / ties / class / corners / it close / weight / "
             "sugar / calories / hair / grass / wood / coupons / onions / veggies / the ]",
             "@cut|burn my {BODY} [ on / while / cooking / shaving / at ]",
             "[ cat / dog / kitten / puppy / baby / toddler ] ..2 @scratch|bite|bit",
             "[ corté / corte / cortó / corto ] [ el / las / mi / mis ] [ pelo / cabello / "
             "uñas / fleco ]"),
    suppress("idiom_violence", VIOLENCE,
             "@hit %OBJ up",
             "@push %OBJ [ too / harder / forward / through / to [ go / do / be / get / try / "
             "keep / stay / work / attend / call / be / come / make ] ]",
             "@kick|throw %OBJ [ out / off / a / under ]",
             "@drag %OBJ [ along / to [ a / the / my ]? [ meeting / meetings / group / church / "
             "class / party / gym / store / mall ] ]",
             "@beat %OBJ [ to / there / by ]", "@beat ..3 at",
             "@slam %OBJ with", "@choke %OBJ up", "@stab %OBJ in the back",
             "@attack me with", "@hit|push|kick by a [ car / truck / bus / ball / bike / wave ]"),
    suppress("idiom_use", USE,
             "high [ marks / grades / score / scores / school / five / fives / hopes / blood "
             "pressure / energy / quality / maintenance ]",
             "[ took / take ] a [ big / huge ]? hit [ on / to ]",
             "[ my / the ]? [ normal / usual / regular / prescribed ] dose",
             "[ shot / shots ] [ and / or ] [ the ]? [ pill / pills ]",
             "[ dreamt / dreamed / dream ] i",
             "if i ..5 [ have / had ] [ a ]? [ slip / relapse / lapse / slipup ]",
             "[ urge / craving ] ..6 [ but / and ] i? [ left / walked away / walked out / drove "
             "past / bought gum / went home / went to a meeting / called my sponsor ]",
             "[ took / take / taking ] a shot at", "shot my shot",
             "[ offered / handed ] me ..6 [ but / and ] i? [ said no / turned it down / walked "
             "away / left / declined / passed / threw it out / gave it back ]",
             "[ did not / never ] [ use / drink / take it / touch it ] ..6 [ offered / handed ]",
             "[ flu / covid / vivitrol / booster / tetanus / b12 / allergy ] shot",
             "relapse [ prevention / plan / dream / dreams / "
             "triggers / warning / signs / group / class / worksheet ]",
             "high on [ life / love / sobriety / recovery / "
             "gratitude ]", "high spirits",
             "@purge [ my / the / old ] [ closet / phone / contacts / files / stuff / clothes / "
             "emails ]", "[ bottle / glass / cup ] of [ water / juice / soda / shampoo / "
             "lotion / kombucha / tea / milk ]"),
    suppress("idiom_meds", EMERG + USE,
             "@take [ all ]? [ of ]? my [ meds / medication / medicine / suboxone / bupe / subs / "
             "methadone / prescription / vivitrol / naltrexone / pills ] [ as prescribed / this "
             "morning / on time / like i should / like i 'm supposed to ]"),
    suppress("idiom_kill_me_if", VIOLENCE, "kill me if [ she / he / they / my ] ..2 [ knew / "
             "found / finds / saw / sees / knows / heard ]"),
    suppress("idiom_wake_wish", EMERG, "to [ not / never ] wake up",
             "[ hope / wish / pray ] i [ do / will / would ]? [ not / never ] wake"),
    suppress("idiom_hopeless_at", ("low_mood",), "[ hopeless / useless ] [ at / with ]",
             "[ empty / numb / broken ] -"),
    suppress("idiom_misc", ANY,
             "how many [ people / deaths / americans / kids / teens / adults / overdoses ] ..4 "
             "[ @die / @od / @overdose / @kill ]",
             "enough to kill a horse", "[ am i / i must be / must be ] [ hallucinating / "
             "seeing things ]", "[ collapsed / passed out / crashed ] [ on / into ] [ the "
             "/ my ]? [ couch / bed / sofa ]", "heart [ attack / attacks ] [ risk / risks ]",
             "[ nearly / almost ] [ had / have / having ] a [ heart attack / stroke ]",
             "[ gonna / going to ] have a [ heart attack / stroke ] when",
             "lips ..3 [ blue / purple ] ..2 [ from / because of / after ] [ the / a / that ]? "
             "..2 [ popsicle / slushie / slushy / candy / cold / grape / raspberry / juice / "
             "gatorade / icee / lollipop / freezing ]",
             "[ slushie / popsicle / candy / raspberry / gatorade / juice / icee / lollipop ] ..2 "
             "made my lips", "lips go [ blue / purple ] when [ i 'm / im / i am / it 's ] cold"),
]

FRAMES: list[Rule] = [
    suppress("frame_generic_if", EMERG, "[ if / when / whether / in case ] [ someone / "
             "somebody / a person / people / you / your friend / a friend / anyone / one / a "
             "loved one / someone 's ]", scope="sentence"),
    suppress("frame_question", EMERG,
             "what [ are / 's / is / r ] [ the / some ]? [ signs / symptoms / sign ]",
             "how [ do / can / would / will ] [ i / you / we ] [ know / tell / recognize / spot ]",
             "[ recognize / recognizing / spot / spotting / identify ] [ an / a ]? overdose",
             "[ cause / causes / causing / risk / risks / prevent / prevents / history ] ..2 "
             "[ of ]? [ seizure / seizures / chest pain / overdose / overdoses ]",
             "can [ %DRUG / withdrawal ] cause", scope="sentence"),
    suppress("frame_story", EMERG + ("suicidal_ideation",),
             "[ read / watched / saw / heard / listened to / wrote / writing / reading / "
             "watching ] [ a / an / the / this / that ] [ story / movie / film / show / "
             "documentary / article / book / novel / video / podcast / post / episode ]",
             "[ story / movie / film / documentary / article / book / novel / episode / podcast "
             "/ show ] [ about / where / in which / on ]",
             "[ speaker / speakers / presenter ] [ shared / talked / told / spoke / said ]",
             "[ talked / talking / talk / learned / learning / taught / lesson / training / class "
             "/ presentation / workshop ] [ about / on ]",
             "overdose [ awareness / prevention / deaths / death / rates / statistics / crisis / "
             "epidemic / response / training / kit / kits / reversal / day ]",
             "in a [ movie / show / story / book / game / dream ]",
             # news and statistics: reporting, not an event ("overdoses are down")
             "[ news / article / report / paper / study / data / county / city / noticias ] "
             "..2 [ says / said / say / shows / showed / reported / reports / dice / dicen ]",
             "[ on / in / en ] [ the / las / la ] [ news / noticias / newspaper / paper ]",
             "[ overdoses / sobredosis ] [ are / were / went / have / has / in / every / this / "
             "bajaron / subieron ]", "[ see / sees / seen / saw / about / of / many ] overdoses",
             "good samaritan", "[ call / calling ] 911 for [ someone / somebody / a person ]",
             "what [ number / # ] ..3 call", "[ poison control 's / poison control ] number",
             "number for poison control", "on the fridge",
             "[ character / characters ] [ who / that ]",
             "[ dreamt / dreamed / dream / nightmare / nightmares ] [ that / about ]?",
             scope="sentence"),
]
