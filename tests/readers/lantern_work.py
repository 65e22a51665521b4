"""A small AO3 work written for these tests: three chapters, notes on every chapter, an
anonymous author, part of a series, tags that name a character who never appears and
leave out one who speaks."""
from __future__ import annotations

from ao3_fixture import Work, WorkChapter

CHAPTER_ONE = [
    "Mara Quill reached Lantern Street an hour before dusk, with her boots soaked through "
    "and a letter of introduction folded in her sleeve.",
    "Tobias Fenn was waiting by the first lamp, leaning on a pole twice his height.",
    "\"You're the Quill girl,\" he said. \"The guild said you'd be late.\"",
    "\"The guild says a great many things,\" Mara replied. \"I came as fast as the ferry "
    "would let me.\"",
    "Tobias grunted and handed her the pole. \"Then show me what your hands know.\"",
    "She lifted it, found the hook, and caught the little brass ring on the third try.",
    "\"Third time,\" said Tobias. \"Not bad. Not good either.\"",
    "\"It will be first time by Sunday,\" said Mara.",
]
CHAPTER_TWO = [
    "The boy appeared on the fourth night, sitting on the wall outside the chandler's with "
    "a sack of stolen wicks.",
    "\"Those belong to Mr. Fenn,\" Mara told him.",
    "\"They belong to whoever's holding them,\" said Pip, grinning. \"And that's me.\"",
    "Tobias came round the corner and stopped. \"Pip. Give the lady her wicks.\"",
    "\"She ain't a lady, she's an apprentice,\" Pip said, but he tossed the sack to Mara "
    "all the same.",
    "\"Apprentices eat,\" said Tobias. \"So do thieves. Come and have soup, the both of you.\"",
]
CHAPTER_THREE = [
    "Agnes Ashby kept the last house on the street, and her lamp was always the last to be "
    "lit.",
    "\"You're slow tonight, Tobias,\" Agnes called from her window.",
    "\"I've two helpers now, Agnes,\" Tobias answered. \"It makes everything slower.\"",
    "\"He means faster,\" said Mara, climbing the ladder. \"He's only too proud to say it.\"",
    "\"I know what he means,\" said Agnes. \"I've known him forty years.\"",
    "Pip held the ladder steady while the flame caught, and the whole street glowed behind "
    "them.",
]

NOTES = {
    "summary": "An apprentice comes to Lantern Street and learns to light it.",
    "notes": "Written for the Small Lights exchange.\n\nThanks to my beta reader.",
    "end_notes": "Thank you for reading! Comments keep the lamps lit.",
}
CHAPTER_NOTES = [
    {"summary": "Mara meets the pole.", "notes": "The first of three short chapters.",
     "end_notes": "Lamplighters really did use hooked poles."},
    {"summary": "A thief with wicks.", "notes": "Pip was not in the plan.",
     "end_notes": "Chandlers sold candles and wicks."},
    {"summary": "The last lamp on the street.", "notes": "The end of the first part.",
     "end_notes": "Part three will follow in the spring."},
]
TITLES = ["The Long Pole", "", "Last Light"]


def lantern_work() -> Work:
    chapters = [WorkChapter(paragraphs=list(text), title=title, **notes)
                for text, title, notes in zip((CHAPTER_ONE, CHAPTER_TWO, CHAPTER_THREE),
                                              TITLES, CHAPTER_NOTES)]
    return Work(
        title="The Lamplighter's Apprentice", chapters=chapters, authors=[], work_id=3141592,
        rating="General Audiences", warnings=["No Archive Warnings Apply"],
        categories=["Gen", "F/M"], fandoms=["Lantern Street (Original Work)"],
        relationships=["Tobias Fenn/Agnes Ashby", "Mara Quill & Tobias Fenn (Lantern Street)"],
        characters=["Mara Quill (Lantern Street)", "Tobias Fenn (Lantern Street)",
                    "Agnes Ashby", "Constable Reyes (Lantern Street)",
                    "Original Female Character(s)"],
        additional_tags=["Found Family", "Apprenticeship"],
        series=[("Lantern Street", 2, 271828)], collections=["Small_Lights_2021"],
        published="2021-03-01", updated="2021-03-15", **NOTES)
