"""Write the graded assess-format transcripts under benchmarks/validity_data/.

Each language gets ten role-plays from clearly skilled (rank 1) to clearly unskilled (rank 10)
with long-poor / short-good pairs, one JSONL file each, the worker lines coded with the moves
a human coder would give them (`"moves"`); `validity.py` scores them once with these codes
(the scorer alone) and once with the codes stripped (recognizer + scorer).

    python benchmarks/validity_make.py
"""

from __future__ import annotations

import json
from pathlib import Path

OUT = Path(__file__).parent / "validity_data"

# Worker utterances by category: (text, moves, mode). Several per category so a long
# transcript does not repeat itself word for word.
WORKER: dict[str, dict[str, list[tuple[str, list[str], str]]]] = {
    "en": {
        "greet": [
            (
                "Hello, I'm Sam. Thanks for coming in. What would you like to talk about today?",
                ["greeting", "open_question"],
                "encountering",
            ),
        ],
        "open": [
            ("What has it been like for you lately?", ["open_question"], "encountering"),
            ("How do you see the situation yourself?", ["open_question"], "encountering"),
            ("What worries you most right now?", ["open_question"], "encountering"),
            ("Tell me more about the evenings.", ["open_question"], "encountering"),
        ],
        "cr": [
            (
                "It sounds like you're carrying a lot on your own and you're worn out.",
                ["complex_reflection"],
                "encountering",
            ),
            (
                "Part of you wants things to change, and part of you is afraid of what that means.",
                ["complex_reflection"],
                "encountering",
            ),
            (
                "You feel judged, as if nobody sees how hard you have tried.",
                ["complex_reflection"],
                "encountering",
            ),
            (
                "The drinking has become your way of getting through the nights.",
                ["complex_reflection"],
                "encountering",
            ),
            ("You'd like your family to trust you again.", ["complex_reflection"], "encountering"),
        ],
        "sr": [
            ("You've been sleeping badly.", ["simple_reflection"], "noticing"),
            ("Your wife is worried.", ["simple_reflection"], "noticing"),
            ("Work has been hard.", ["simple_reflection"], "noticing"),
        ],
        "summary": [
            (
                "So let me see if I got this right: the nights are hard, you drink to sleep, and "
                "you're worried about your kids noticing.",
                ["summary"],
                "encountering",
            ),
        ],
        "affirm": [
            ("It took courage to tell me that.", ["affirmation"], "encountering"),
            (
                "You have really kept things going for your children.",
                ["affirmation"],
                "encountering",
            ),
        ],
        "autonomy": [
            ("It's your decision what you do with this.", ["emphasize_autonomy"], "encountering"),
            (
                "You know your life best, so you decide where we start.",
                ["emphasize_autonomy"],
                "encountering",
            ),
        ],
        "permission": [
            (
                "Would it be all right if I told you what has helped others?",
                ["ask_permission"],
                "encountering",
            ),
        ],
        "info": [
            (
                "Some people find that a regular bedtime helps, and there is a peer group on "
                "Tuesdays.",
                ["give_information"],
                "noticing",
            ),
        ],
        "options": [
            (
                "There are a few ways to go: the group, talking with your doctor, or trying on "
                "your own first. Which fits you?",
                ["offer_options", "open_question"],
                "encountering",
            ),
        ],
        "time": [
            ("Take your time, there's no hurry.", ["offer_time"], "encountering"),
        ],
        "closed": [
            ("Do you drink every day?", ["closed_question"], "noticing"),
            ("Is your wife at home now?", ["closed_question"], "noticing"),
            ("Have you seen a doctor?", ["closed_question"], "noticing"),
        ],
        "stacked": [
            (
                "How much do you drink? Every day? Do you drive after?",
                ["closed_question", "closed_question", "closed_question"],
                "noticing",
            ),
            (
                "When did it start? Why? Does your wife know?",
                ["open_question", "open_question", "closed_question"],
                "noticing",
            ),
        ],
        "advice": [
            ("You should stop drinking completely.", ["advice"], "noticing"),
            ("You need to go to the group on Monday.", ["advice"], "noticing"),
            ("You should go to bed earlier and drink water instead.", ["advice"], "noticing"),
        ],
        "persuade": [
            (
                "You must see that this is ruining your family. You have to agree to treatment.",
                ["persuade"],
                "blaming",
            ),
            (
                "Honestly, treatment is the only option. You should sign up today.",
                ["persuade"],
                "blaming",
            ),
        ],
        "confront": [
            ("You're an alcoholic and you're in denial.", ["confront"], "blaming"),
            (
                "Why haven't you done anything about this before? Your children suffer.",
                ["confront", "open_question"],
                "blaming",
            ),
        ],
        "dismiss": [
            ("That's not a real problem, lots of people sleep badly.", ["dismiss"], "rejecting"),
            ("Let's not get into feelings now.", ["dismiss"], "rejecting"),
        ],
        "monologue": [
            (
                "Let me explain how this works. Alcohol affects sleep, mood and the liver, and "
                "over time people who drink in the evening find they need more to get the same "
                "effect, which is called tolerance, and then there are the risks at work and "
                "with driving, and your children will notice, so the best thing is to cut down "
                "now, join our program, see a doctor and keep a diary of every drink you have.",
                ["give_information", "advice"],
                "noticing",
            ),
        ],
    },
    "fi": {
        "greet": [
            (
                "Hei, olen Maria. Kiva että tulit. Mistä sinä haluaisit tänään puhua?",
                ["greeting", "open_question"],
                "encountering",
            ),
        ],
        "open": [
            ("Millaista teillä on ollut viime aikoina?", ["open_question"], "encountering"),
            ("Miten sinä itse näet tilanteen?", ["open_question"], "encountering"),
            ("Mikä sinua eniten huolettaa juuri nyt?", ["open_question"], "encountering"),
            ("Kerro lisää teidän illoista.", ["open_question"], "encountering"),
        ],
        "cr": [
            (
                "Kuulostaa siltä, että kannat paljon yksin ja olet aivan uupunut.",
                ["complex_reflection"],
                "encountering",
            ),
            (
                "Osa sinusta haluaa muutosta, ja osa pelkää, mitä se tarkoittaa.",
                ["complex_reflection"],
                "encountering",
            ),
            (
                "Tunnet, että sinua syytetään, eikä kukaan näe, miten paljon olet yrittänyt.",
                ["complex_reflection"],
                "encountering",
            ),
            (
                "Olet pitänyt perheen pystyssä, vaikka omat voimat ovat loppumassa.",
                ["complex_reflection"],
                "encountering",
            ),
            (
                "Toivot, että lapset voisivat taas luottaa sinuun.",
                ["complex_reflection"],
                "encountering",
            ),
        ],
        "sr": [
            ("Olet nukkunut huonosti.", ["simple_reflection"], "noticing"),
            ("Koulu on huolissaan.", ["simple_reflection"], "noticing"),
            ("Työ on ollut raskasta.", ["simple_reflection"], "noticing"),
        ],
        "summary": [
            (
                "Eli jos kokoan: illat ovat raskaita, et saa unta, ja pelkäät, että lapset "
                "huomaavat väsymyksesi.",
                ["summary"],
                "encountering",
            ),
        ],
        "affirm": [
            ("Tuon kertominen vaati rohkeutta.", ["affirmation"], "encountering"),
            (
                "Olet todella pitänyt lapsistasi huolta vaikeana aikana.",
                ["affirmation"],
                "encountering",
            ),
        ],
        "autonomy": [
            ("Sinä päätät, mitä tällä tiedolla teet.", ["emphasize_autonomy"], "encountering"),
            (
                "Sinä tunnet elämäsi parhaiten, joten sinä päätät, mistä aloitetaan.",
                ["emphasize_autonomy"],
                "encountering",
            ),
        ],
        "permission": [
            (
                "Sopiiko, että kerron, mikä on auttanut muita samassa tilanteessa?",
                ["ask_permission"],
                "encountering",
            ),
        ],
        "info": [
            (
                "Moni on hyötynyt säännöllisestä iltarytmistä, ja tiistaisin on vertaisryhmä.",
                ["give_information"],
                "noticing",
            ),
        ],
        "options": [
            (
                "Vaihtoehtoja on muutama: vertaisryhmä, perhetyö tai että kokeilet ensin itse. "
                "Mikä niistä sopisi sinulle?",
                ["offer_options", "open_question"],
                "encountering",
            ),
        ],
        "time": [
            ("Ei ole kiire, voit miettiä rauhassa.", ["offer_time"], "encountering"),
        ],
        "closed": [
            ("Juotko joka päivä?", ["closed_question"], "noticing"),
            ("Onko lasten isä kuvioissa?", ["closed_question"], "noticing"),
            ("Oletko käynyt lääkärissä?", ["closed_question"], "noticing"),
        ],
        "stacked": [
            (
                "Paljonko juot? Joka päivä? Ajatko autoa sen jälkeen?",
                ["closed_question", "closed_question", "closed_question"],
                "noticing",
            ),
            (
                "Milloin tämä alkoi? Miksi? Tietääkö koulu?",
                ["open_question", "open_question", "closed_question"],
                "noticing",
            ),
        ],
        "advice": [
            ("Sinun pitää mennä aikaisemmin nukkumaan.", ["advice"], "noticing"),
            ("Sinun kannattaa hakea perhetyötä heti.", ["advice"], "noticing"),
            ("Sinun täytyy laittaa lapsille aamupala joka aamu.", ["advice"], "noticing"),
        ],
        "persuade": [
            (
                "Ymmärrä nyt, että tämä on lasten parhaaksi. "
                "Sinun on pakko ottaa perhetyö vastaan.",
                ["persuade"],
                "blaming",
            ),
            (
                "Rehellisesti sanottuna perhetyö on ainoa vaihtoehto, suostu siihen nyt.",
                ["persuade"],
                "blaming",
            ),
        ],
        "confront": [
            ("Et ole hoitanut lapsiasi kunnolla.", ["confront"], "blaming"),
            (
                "Miksi et ole tehnyt tälle mitään aiemmin? Lapset kärsivät.",
                ["confront", "open_question"],
                "blaming",
            ),
        ],
        "dismiss": [
            ("Ei tässä mitään draamaa tarvita, kaikki ovat väsyneitä.", ["dismiss"], "rejecting"),
            ("Jätetään tunteet nyt sivuun.", ["dismiss"], "rejecting"),
        ],
        "monologue": [
            (
                "Kerron nyt, miten tämä menee. Lastensuojelussa tehdään palvelutarpeen arviointi, "
                "johon kuuluu tapaamisia, kotikäyntejä ja yhteistyötä koulun kanssa, ja jos huoli "
                "jatkuu, asiakkuus voi jatkua pitkään, joten on parasta, että otat perhetyön "
                "vastaan, huolehdit aamuista, menet lääkäriin ja pidät päiväkirjaa lasten "
                "aamuista ja illoista.",
                ["give_information", "advice"],
                "noticing",
            ),
        ],
    },
}

CLIENT: dict[str, list[str]] = {
    "en": [
        "I don't really know why I'm here. My wife made the appointment.",
        "I guess the drinking. But it's not like I'm drunk all the time.",
        "It's the nights. I can't sleep, and a few beers help me switch off.",
        "My father drank. I swore I'd never be like him.",
        "Lately it's been more than a few. I wake up tired and snap at the kids.",
        "I don't want to go to some group and talk in front of strangers.",
        "Maybe I could try cutting down on weekdays first.",
        "Yes. That's about it.",
        "I don't know. I suppose.",
        "Okay.",
        "That's not fair.",
        "Fine. Whatever you say.",
    ],
    "fi": [
        "En oikein tiedä, miksi olen täällä. Koulu kai soitti.",
        "Aamut ovat vaikeita. Teen iltavuoroja enkä saa unta.",
        "En mä ole mikään huono äiti, jos sitä tarkoitatte.",
        "Lasten isä lähti viime keväänä. Olen ollut ihan yksin.",
        "Joskus otan illalla lasin viiniä, että saisin unta.",
        "Pelkään, että te viette lapset.",
        "En halua, että kukaan tulee meille kotiin.",
        "Ehkä sisko voisi auttaa aamuisin.",
        "Niin. Sitä se on.",
        "En tiedä.",
        "Ei toi ole reilua.",
        "No hyvä on sitten.",
    ],
}

# Intended order: rank 1 is the most skilled. Long-poor / short-good pairs: ranks 2 vs 9,
# 3 vs 8 (the short good one must beat the long poor one).
STYLES: list[tuple[str, list[str]]] = [
    (
        "skilled_long",
        [
            "greet",
            "cr",
            "open",
            "cr",
            "affirm",
            "cr",
            "summary",
            "permission",
            "info",
            "autonomy",
            "options",
            "cr",
            "time",
            "cr",
        ],
    ),
    ("skilled_short", ["greet", "cr", "cr", "autonomy"]),
    ("good_short", ["greet", "cr", "open", "sr", "permission", "info"]),
    (
        "good_medium",
        ["greet", "open", "cr", "closed", "sr", "cr", "permission", "info", "autonomy"],
    ),
    ("fair", ["greet", "open", "closed", "sr", "open", "cr", "closed", "info", "options"]),
    (
        "question_heavy",
        ["greet", "closed", "open", "closed", "sr", "closed", "open", "closed", "advice"],
    ),
    ("stacking_advice", ["greet", "stacked", "sr", "closed", "advice", "open", "advice"]),
    (
        "advice_heavy_long",
        [
            "greet",
            "closed",
            "advice",
            "closed",
            "advice",
            "monologue",
            "closed",
            "advice",
            "closed",
            "advice",
            "sr",
            "advice",
            "closed",
        ],
    ),
    (
        "poor_long",
        [
            "greet",
            "stacked",
            "advice",
            "confront",
            "closed",
            "persuade",
            "dismiss",
            "advice",
            "stacked",
            "persuade",
            "closed",
            "confront",
            "advice",
            "dismiss",
            "persuade",
        ],
    ),
    ("hostile_short", ["confront", "dismiss", "persuade", "advice"]),
]


def _client_line(lang: str, rank: int, step: int, category: str) -> str:
    lines = CLIENT[lang]
    if category in ("confront", "persuade", "dismiss"):
        return lines[10] if step % 2 else lines[11]
    if rank >= 7 and step > 1:
        return lines[8 + step % 2]
    return lines[min(step, 7)] if rank <= 5 else lines[min(step, 5)]


def build(lang: str) -> None:
    folder = OUT / lang
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.jsonl"):
        old.unlink()
    for rank, (name, categories) in enumerate(STYLES, 1):
        used: dict[str, int] = {}
        lines = [{"speaker": "client", "text": CLIENT[lang][0]}]
        for step, category in enumerate(categories, 1):
            bank = WORKER[lang][category]
            text, moves, mode = bank[used.get(category, 0) % len(bank)]
            used[category] = used.get(category, 0) + 1
            lines.append({"speaker": "worker", "text": text, "moves": moves, "mode": mode})
            lines.append({"speaker": "client", "text": _client_line(lang, rank, step, category)})
        path = folder / f"{rank:02d}_{name}.jsonl"
        path.write_text(
            "\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8"
        )


if __name__ == "__main__":
    for language in ("en", "fi"):
        build(language)
    print(f"written: {OUT}")
