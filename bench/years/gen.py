#!/usr/bin/env python3
"""gen.py -- sentences as documentary editions print them, in English,
French, German and Russian, each with the years it really mentions: years
in prose and dates, and numbers that are not years (telegram, despatch,
file and page numbers, references).  Seeded; one line a sentence:
"YEARS<TAB>sentence", YEARS the years (space-separated, "-" for none).

    bench/years/gen.py SEED N > sentences.tsv
    build/years-accuracy sentences.tsv

Seed 1 is the split rules may be looked at against; seed 2 is never tuned
on (bench/results.md gives both).
"""
import random
import sys

# (template, language); {Y} a real year, {N} a number that is not one.
TEMPLATES = [
    ("In {Y} the Government changed its policy.", "en"),
    ("{N}. Answering your {N} of February 3, the Minister agrees.", "en"),
    ("Your {N}, March 2, 6 p.m. Department's {N} repeated to London.", "en"),
    ("My {N} of yesterday and despatch {N} cover the matter.", "en"),
    ("File No. 861.51/{N}.", "en"),
    ("See telegram No. {N} and Nos. {N}-{N}.", "en"),
    ("The treaty of {Y} settled the frontier.", "en"),
    ("Since {Y} the mission had grown.", "en"),
    ("from {Y} to {Y} the Embassy kept a register", "en"),
    ("The crisis of {Y}-{Y} is described on pp. {N}-{N}.", "en"),
    ("TNA, FO 371/{N}, f. 12.", "en"),
    ("London, {Y}.", "en"),
    ("The loan was signed on 8 March {Y}.", "en"),
    ("He arrived on February 8th, {Y}, at noon.", "en"),
    ("The {Y} elections were postponed.", "en"),
    ("{Y} was a year of famine.", "en"),
    ("The Minister wrote on 12th June, {Y}, to the Embassy.", "en"),
    ("Circular {N} of the Ministry was sent to every consulate.", "en"),
    ("The memoirs (London, {Y}) tell the story.", "en"),
    ("by the end of {Y} the army had left.", "en"),
    ("En {Y}, le gouvernement modifia sa politique.", "fr"),
    ("Votre télégramme n° {N} du 3 février est arrivé.", "fr"),
    ("Le traité fut signé le 8 février {Y} à Paris.", "fr"),
    ("la révolution de {Y} changea tout", "fr"),
    ("Dépêche {N}. Le ministre a reçu ma note {N}.", "fr"),
    ("depuis {Y}, la mission s'est agrandie", "fr"),
    ("un crédit de {N} francs fut ouvert", "fr"),
    ("Im Jahre {Y} änderte die Regierung ihre Politik.", "de"),
    ("Ihr Telegramm Nr. {N} vom 3. Februar ist eingegangen.", "de"),
    ("Der Vertrag wurde am 8. Februar {Y} unterzeichnet.", "de"),
    ("seit {Y} wuchs die Mission", "de"),
    ("BArch R 43 I/{N}, Bl. 5.", "de"),
    ("В {Y} году правительство изменило политику.", "ru"),
    ("Ваша телеграмма № {N} от 3 февраля получена.", "ru"),
    ("Договор подписан 8 февраля {Y} г. в Москве.", "ru"),
    ("АВП РФ, ф. 04, оп. 32, п. 206, д. {N}.", "ru"),
    ("с {Y} по {Y} г. миссия росла", "ru"),
]


def main():
    seed, n = int(sys.argv[1]), int(sys.argv[2])
    rnd = random.Random(seed)
    for _ in range(n):
        template, _lang = rnd.choice(TEMPLATES)
        years, out, i = [], [], 0
        while i < len(template):
            if template.startswith("{Y}", i):
                y = rnd.randint(1800, 1999)
                if years and template[i - 1] in "-":
                    y = years[-1] + rnd.randint(1, 5)  # a range goes forward
                if years and template[max(0, i - 4):i] in (" to ", " по "):
                    y = years[-1] + rnd.randint(1, 5)
                years.append(y)
                out.append(str(y))
                i += 3
            elif template.startswith("{N}", i):
                out.append(str(rnd.randint(1700, 2099)))
                i += 3
            else:
                out.append(template[i])
                i += 1
        key = " ".join(str(y) for y in years) or "-"
        print(f"{key}\t{''.join(out)}")


if __name__ == "__main__":
    main()
