"""Build assets/datasets/intents/intents.csv: 300 short assistant requests in 6 intents (50 each).

The sentences are generated from templates and slot values written for multiaug (CC0), deterministically (a
seeded numpy Generator picks templates and slots; duplicates are redrawn). Columns ``text`` and ``label``: a
manifest that ``multiaug expand`` and ``multiaug evaluate`` read directly::

    python scripts/build_intents.py            # rewrites assets/datasets/intents/intents.csv
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import numpy as np

CITIES = ["Paris", "Oslo", "Lagos", "Lima", "Osaka", "Denver", "Cairo", "Dublin", "Hanoi", "Quito", "Perth",
          "Leeds", "Porto", "Austin", "Krakow", "Nairobi"]
TIMES = ["6 am", "6:30", "7", "seven thirty", "half past eight", "noon", "9 pm", "quarter to six", "5:45",
         "ten", "eleven fifteen", "midnight"]
DAYS = ["today", "tomorrow", "tonight", "this weekend", "on Monday", "on Friday", "this afternoon", "next week"]
ARTISTS = ["Miles Davis", "Adele", "the Beatles", "Bach", "Daft Punk", "Nina Simone", "Coldplay", "Fela Kuti",
           "Taylor Swift", "Radiohead"]
GENRES = ["jazz", "rock", "lo-fi", "classical", "hip hop", "reggae", "something relaxing", "workout songs",
          "80s hits", "piano music"]
DURATIONS = ["5 minutes", "ten minutes", "half an hour", "90 seconds", "an hour", "three minutes", "25 minutes",
             "two hours"]
LANGS = ["French", "Spanish", "German", "Japanese", "Italian", "Swahili", "Portuguese", "Korean"]
PHRASES = ["good morning", "where is the station", "thank you very much", "how much does this cost",
           "I am allergic to nuts", "see you tomorrow", "the bill please", "nice to meet you"]
TASKS = ["call my mother", "buy milk", "pay the rent", "water the plants", "send the report", "pick up the kids",
         "book the dentist", "renew my passport", "take my pills", "email Sam"]
FOODS = ["pizza", "sushi", "a vegan burger", "pad thai", "two coffees", "a salad", "tacos", "dumplings"]

TEMPLATES: dict[str, list[str]] = {
    "weather": ["what's the weather in {city} {day}", "will it rain {day}", "do I need an umbrella {day}",
                "how hot will it be in {city} {day}", "is it going to snow in {city}", "forecast for {city} {day}",
                "should I bring a jacket {day}", "how windy is it in {city} right now", "any storms coming {day}",
                "temperature outside please"],
    "alarm": ["wake me up at {time}", "set an alarm for {time}", "alarm at {time} {day}",
              "I need to get up at {time} {day}", "cancel my {time} alarm", "move my alarm to {time}",
              "turn off all alarms", "make sure I'm awake by {time}", "snooze the alarm", "set a wake up call for {time}"],
    "music": ["play {artist}", "put on some {genre}", "I want to hear {artist}", "play {genre} in the kitchen",
              "shuffle my {genre} playlist", "skip this song", "next track please", "turn the music up",
              "play the latest album by {artist}", "start some {genre} for me"],
    "timer": ["set a timer for {duration}", "timer {duration}", "count down {duration}", "how much time is left on "
              "the timer", "start a {duration} timer for the pasta", "remind me in {duration} that the oven is on",
              "stop the timer", "pause the countdown", "add {duration} to the timer", "give me {duration} for my nap"],
    "translate": ["how do you say {phrase} in {lang}", "translate {phrase} to {lang}", "what is {phrase} in {lang}",
                  "say {phrase} in {lang}", "{lang} for {phrase}", "can you translate this into {lang}",
                  "what does {phrase} mean in {lang}", "help me say {phrase} to a {lang} speaker",
                  "give me the {lang} words for {phrase}", "is there a {lang} phrase for {phrase}"],
    "order_food": ["order {food} for delivery", "I'm hungry, get me {food}", "can I get {food} delivered {day}",
                   "order {food} from the usual place", "reorder my last meal", "book a table for two {day}",
                   "find a place that delivers {food}", "how long until my {food} arrives", "cancel my food order",
                   "get {food} for the team {day}"],
}
SLOTS = {"city": CITIES, "time": TIMES, "day": DAYS, "artist": ARTISTS, "genre": GENRES, "duration": DURATIONS,
         "lang": LANGS, "phrase": PHRASES, "task": TASKS, "food": FOODS}
PER_CLASS = 50


def generate(seed: int = 18) -> list[dict[str, str]]:
    """``PER_CLASS`` distinct sentences per intent, in a fixed order."""
    rng = np.random.default_rng(seed)
    rows = []
    for label, templates in TEMPLATES.items():
        seen: set[str] = set()
        tries = 0
        while len(seen) < PER_CLASS:
            tries += 1
            if tries > 10000:
                raise RuntimeError(f"cannot make {PER_CLASS} distinct '{label}' sentences")
            t = templates[int(rng.integers(len(templates)))]
            text = t.format(**{k: v[int(rng.integers(len(v)))] for k, v in SLOTS.items()})
            if text not in seen:
                seen.add(text)
                rows.append({"text": text, "label": label})
    return rows


def main() -> int:
    out = Path(__file__).resolve().parents[1] / "assets" / "datasets" / "intents"
    out.mkdir(parents=True, exist_ok=True)
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=["text", "label"], lineterminator="\n")
    w.writeheader()
    w.writerows(generate())
    (out / "intents.csv").write_text(buf.getvalue(), encoding="utf-8")
    print(f"wrote {out / 'intents.csv'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
