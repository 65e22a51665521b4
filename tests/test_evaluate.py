"""The PDNC evaluation: loading, each metric on tiny hand-made cases, and gold-against-gold."""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from storycast.document import Document
from storycast.evaluation import (GoldCharacter, GoldNovel, GoldQuote, NovelScore, aggregate,
                                  best_gold_match, evaluate, find_narrator, format_table,
                                  gold_cast, gold_document, load_novel, map_characters,
                                  match_quotes, reliability)
from storycast.spans import Character, Quote

PDNC = Path(__file__).resolve().parents[2] / "shared" / "pdnc" / "data"
TEXT = "x" * 200


def gold_novel(narrator: str | None = None) -> GoldNovel:
    chars = [
        GoldCharacter("Emma Woodhouse", {"Emma Woodhouse", "Emma", "Miss Woodhouse"}, "F", "major"),
        GoldCharacter("Mr. Knightley", {"Mr. Knightley", "Knightley", "George Knightley"},
                      "M", "major"),
        GoldCharacter("Harriet Smith", {"Harriet Smith", "Harriet"}, "F", "intermediate"),
        GoldCharacter("Mr. Woodhouse", {"Mr. Woodhouse"}, "M", "intermediate"),
        GoldCharacter("Robert Martin", {"Robert Martin"}, "M", "minor"),
        # PDNC files this placeholder as "intermediate" in some novels: not a character to find.
        GoldCharacter("_unknowable", {"_unknowable"}, "X", "intermediate"),
    ]
    quotes = [
        GoldQuote("Q0", [(10, 20), (30, 40)], "Emma Woodhouse", ["Mr. Knightley"], "explicit"),
        GoldQuote("Q1", [(50, 60)], "Mr. Knightley", ["_unknowable"], "anaphoric"),
        GoldQuote("Q2", [(70, 80), (90, 100)], "Harriet Smith",
                  ["Emma Woodhouse", "Mr. Knightley"], "implicit"),
        GoldQuote("Q3", [(110, 120)], "Emma Woodhouse", [], "implicit"),
    ]
    novel = GoldNovel("Tiny", TEXT, quotes, chars)
    novel.narrator = novel.character(narrator)
    return novel


def predicted_document() -> Document:
    doc = Document(text=TEXT)
    doc.layers["characters"] = [
        Character("e", "Emma", ["Emma", "Miss Woodhouse"]),
        Character("k", "Mr.  KNIGHTLEY", ["knightley"]),  # case and spacing do not matter
        Character("h", "Harriet"),
        Character("w", "The Woodhouses", ["Emma", "Mr. Woodhouse"]),  # a tie: maps to nobody
        Character("g", "Mrs. Goddard"),  # no overlap: maps to nobody
    ]
    doc.layers["quotes"] = [
        Quote("P0", [(12, 18)], "e", ["k"], "explicit", 0.95),  # finds Q0, right, right addressee
        Quote("P1", [(88, 101)], "h", ["e"], confidence=0.9),  # Q2's second span only: not found
        Quote("P2", [(150, 160)], "e", confidence=0.9),  # overlaps no gold quote
        Quote("P3", [(45, 52)], "k", confidence=0.6),  # overlaps Q1 by 2 characters
        Quote("P4", [(52, 62)], "h", confidence=0.75),  # overlaps Q1 by 8: the one used
    ]
    return doc


# -- the metrics on the tiny novel --------------------------------------------
@pytest.fixture
def score() -> NovelScore:
    return evaluate(predicted_document(), gold_novel())


def test_quote_detection_uses_the_first_gold_span(score):
    assert (score.gold_quotes, score.found) == (4, 2)  # Q0 and Q1; Q2 only by its 2nd span
    assert score.recall == 0.5
    assert (score.predicted_quotes, score.precise) == (5, 4)  # P2 overlaps nothing
    assert score.precision == 0.8


def test_speaker_accuracy_counts_missed_quotes_as_wrong(score):
    # Q0 right; Q1 matched to P4 (larger overlap), whose speaker is Harriet: wrong.
    assert score.speaker_correct == 1
    assert score.speaker_accuracy == 0.25
    assert score.by_type == {"explicit": [1, 1], "anaphoric": [0, 1], "implicit": [0, 2]}
    assert score.type_accuracy("implicit") == 0.0


def test_overlap_tie_goes_to_the_earlier_quote():
    novel = gold_novel()
    doc = predicted_document()
    doc.layers["quotes"] = [Quote("late", [(55, 65)], "h"), Quote("early", [(45, 55)], "k")]
    assert match_quotes(doc.quotes, novel.quotes) == [None, 1, None, None]
    assert evaluate(doc, novel).by_type["anaphoric"] == [1, 1]


def test_addressee_accuracy(score):
    # Q0 (Knightley) found and right; Q1's only addressee is "_unknowable": not counted;
    # Q2 (Emma) not found; Q3 has no addressee.
    assert (score.addressee_correct, score.addressee_total) == (1, 2)
    assert score.addressee_accuracy == 0.5


def test_addressee_precision_counts_every_predicted_addressee():
    novel = gold_novel()
    doc = predicted_document()
    # P0 finds Q0 (gold addressee Knightley) naming Knightley, Harriet and Mrs. Goddard, who
    # maps to nobody: one of three right
    doc.layers["quotes"][0] = Quote("P0", [(12, 18)], "e", ["k", "h", "g"], "explicit", 0.95)
    score = evaluate(doc, novel)
    assert (score.addressees_right, score.addressees_predicted) == (1, 3)
    assert score.addressee_precision == pytest.approx(1 / 3)
    assert score.addressee_accuracy == 0.5  # the first gold addressee is still found


def test_character_mapping_recall_and_purity(score):
    mapping = map_characters(predicted_document(), gold_novel())
    assert mapping == {"e": "Emma Woodhouse", "k": "Mr. Knightley", "h": "Harriet Smith",
                       "w": None, "g": None}
    assert (score.characters_found, score.gold_characters) == (3, 4)  # Mr. Woodhouse missed
    assert score.character_recall == 0.75
    assert score.impure == 1  # "The Woodhouses" touches Emma and Mr. Woodhouse


def test_canonical_name_counts_one_extra():
    sets = [("Emma Woodhouse", {"emma woodhouse", "emma"}), ("Mr. Woodhouse", {"mr. woodhouse"})]
    # one shared string each, but "Emma" is the predicted canonical name: 2 against 1
    assert best_gold_match(Character("a", "Emma", ["Mr. Woodhouse"]), sets) == "Emma Woodhouse"
    assert best_gold_match(Character("b", "Papa", ["Emma", "Mr. Woodhouse"]), sets) is None
    # an alias alone (1) against the other's canonical name (1 + 1)
    assert best_gold_match(Character("c", "Mr. Woodhouse", ["Emma"]), sets) == "Mr. Woodhouse"


def test_narrator_maps_to_gold_narrator():
    doc = predicted_document()
    doc.layers["characters"].append(Character("n", "I", narrator=True))
    doc.layers["characters"].append(Character("n2", "Harriet", narrator=True))
    assert map_characters(doc, gold_novel(narrator="Robert Martin"))["n"] == "Robert Martin"
    assert map_characters(doc, gold_novel(narrator="Robert Martin"))["n2"] == "Robert Martin"
    # No gold narrator (third person): mapped by name like anyone else.
    assert map_characters(doc, gold_novel())["n"] is None
    assert map_characters(doc, gold_novel())["n2"] == "Harriet Smith"


def test_find_narrator_from_first_person_tags():
    chars = [GoldCharacter("Watson", {"Watson"}), GoldCharacter("Holmes", {"Holmes"})]
    quotes = [GoldQuote(str(i), [(i, i + 1)], speaker, referring_expression=tag)
              for i, (speaker, tag) in enumerate([
                  ("Watson", "I said"), ("Watson", "I"), ("Holmes", "I answered"),
                  ("Holmes", "Isabella said"), ("Holmes", "said I"), ("Holmes", "he said")])]
    assert find_narrator(quotes, chars).name == "Watson"
    assert find_narrator(quotes[3:], chars) is None


def test_calibration_and_reliability(score):
    assert score.calibration == [(0.95, True), (0.75, False)]
    bins = reliability([(0.2, True), (0.5, False), (0.69, True), (0.7, True),
                        (0.85, False), (0.9, True), (1.0, True)])
    assert [b["count"] for b in bins] == [1, 2, 1, 1, 2]
    assert [b["accuracy"] for b in bins] == [1.0, 0.5, 1.0, 0.0, 1.0]


def test_micro_average():
    a = NovelScore("A", gold_quotes=4, found=2, speaker_correct=1,
                   by_type={"explicit": [1, 1], "anaphoric": [0, 1], "implicit": [0, 2]})
    b = NovelScore("B", gold_quotes=6, found=6, speaker_correct=5,
                   by_type={"explicit": [3, 3], "anaphoric": [2, 3], "implicit": [0, 0]},
                   impure=2, calibration=[(0.95, True)])
    total = aggregate([a, b])
    assert total["speaker_accuracy"] == 0.6  # 6/10, not the mean of 0.25 and 0.833
    assert total["recall"] == 0.8
    assert total["by_type"]["anaphoric"] == {"correct": 2, "total": 4, "accuracy": 0.5}
    assert total["impure"] == 2 and total["novels"] == 2
    assert total["reliability"][-1]["count"] == 1


def test_format_table(score):
    score.seconds = 1.25
    table = format_table([score])
    row = "| Tiny | 4 | 0.500 | 0.800 | 0.250 | 1.000 | 0.000 | 0.000 | 0.500 | 1.000 | 0.750 | 1 | 1.2"
    assert row in table
    assert "**micro-average**" in table
    assert "| 0.9-1.0 | 1 | 0.950 | 1.000 |" in table


def test_text_mismatch_is_refused():
    with pytest.raises(ValueError):
        evaluate(Document(text="other"), gold_novel())


def test_matching_agrees_with_brute_force():
    rng = random.Random(7)
    gold = [GoldQuote(str(i), [(s, s + rng.randint(0, 30))]) for i, s in
            enumerate(sorted(rng.sample(range(5000), 150)))]
    # a mix of missed gold quotes, single and several candidates
    pred = [Quote(str(i), sorted((s, s + rng.randint(1, 60)) for s in rng.sample(range(5000), 2)))
            for i in range(100)]

    def brute(g):
        gs, ge = g.spans[0]
        sizes = {k: sum(max(0, min(e, ge) - max(s, gs)) for s, e in q.spans if s < ge and gs < e)
                 for k, q in enumerate(pred) if any(s < ge and gs < e for s, e in q.spans)}
        return min(sizes, key=lambda k: (-sizes[k], pred[k].start), default=None)

    assert match_quotes(pred, gold) == [brute(g) for g in gold]


# -- loading ---------------------------------------------------------------------
def test_load_novel(tmp_path):
    (tmp_path / "novel_text.txt").write_text(TEXT)
    (tmp_path / "character_info.csv").write_text(
        "Character ID,Main Name,Aliases,Gender,Category\n"
        "0,Miss Honeychurch,\"{'Lucy', 'Miss Honeychurch'}\",F,major\n"
        "1,Frederick Tilney,['Captain Tilney'],M,minor\n")
    (tmp_path / "quotation_info.csv").write_text(
        "quoteID,quoteText,subQuotationList,quoteByteSpans,speaker,addressees,quoteType,"
        "referringExpression\n"
        "Q0,a,[],\"[[30, 40], [10, 20]]\",Lucy,\"['Frederick Tilney ', 'Nobody']\",Explicit,"
        "said Lucy\n"
        "Q1,b,[],\"[[50, 60]]\",Frederick Tilney,[],nan,nan\n")
    novel = load_novel(tmp_path)
    assert novel.name == tmp_path.name and novel.text == TEXT and novel.narrator is None
    q0, q1 = novel.quotes
    assert q0.spans == [(10, 20), (30, 40)]  # sorted: the first span is the earliest
    assert q0.speaker == "Miss Honeychurch"  # resolved through the alias
    assert q0.addressees == ["Frederick Tilney", "Nobody"]  # unknown names kept as they are
    assert (q0.type, q0.referring_expression) == ("explicit", "said Lucy")
    assert (q1.type, q1.referring_expression) == (None, "")
    assert novel.characters[0].aliases == {"Lucy", "Miss Honeychurch"}
    assert gold_cast(novel) == [["Miss Honeychurch", "Lucy"],
                                ["Frederick Tilney", "Captain Tilney"]]


def test_gold_document_scores_perfectly_on_tiny_novel():
    novel = gold_novel(narrator="Emma Woodhouse")
    score = evaluate(gold_document(novel), novel)
    assert score.recall == score.precision == score.speaker_accuracy == 1.0
    assert score.addressee_accuracy == score.character_recall == 1.0
    assert score.impure == 0


@pytest.mark.skipif(not (PDNC / "Persuasion").is_dir(), reason="PDNC data not available")
def test_gold_document_scores_perfectly_on_persuasion():
    novel = load_novel(PDNC / "Persuasion")
    assert len(novel.quotes) > 400 and novel.narrator is None
    score = evaluate(gold_document(novel), novel)
    assert score.recall == 1.0
    assert score.precision == 1.0
    assert score.speaker_accuracy == 1.0
    assert score.addressee_accuracy == 1.0
    assert score.character_recall == 1.0
    assert score.impure == 0
    assert all(score.type_accuracy(t) == 1.0 for t in ("explicit", "anaphoric", "implicit"))
