"""What each family of speaker features and each decoding stage buys.

    python benchmarks/ablation.py [--data ../shared/pdnc/data] [--novels A,B,C]
                                  [--write BENCHMARKS.md]

Three-fold cross-validation by novel (the 18 novels sorted by name, every third one held
out): for each variant the speaker model is refitted on twelve novels and scored on the
other six, so no figure comes from a novel the model was fitted on.  A feature family is
taken out by zeroing its features in training and in decoding; a stage, by replacing it.
The full system's figure is lower than leave-one-novel-out's, as each model sees twelve
novels instead of seventeen.
"""
from __future__ import annotations

import argparse
import sys
import time
from contextlib import ExitStack, contextmanager
from functools import partial
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pdnc import DEFAULT_DATA, publish, stamp  # noqa: E402

import storycast  # noqa: E402
from storycast.evaluation import evaluate, load_corpus  # noqa: E402
from storycast.models import fitting, speaker  # noqa: E402
from storycast.stages import decoding, features, speakers  # noqa: E402

HEADING = "## Ablation"
FOLDS = 3
TYPES = ("explicit", "anaphoric", "implicit")

FAMILIES = {
    "tag": "tag_name gender_match gender_mismatch gender_unknown recent_same_gender_1 "
           "recent_same_gender_2 relation narrator_tag tag_description description_vote "
           "tag_pronoun antecedent_near antecedent_object antecedent_first",
    "narration": "rank_1 rank_2 rank_3 rank_1_implicit window_count paragraph_subject "
                 "mentioned_after closing_subject closing_speaker newcomer "
                 "last_in_previous_paragraph narrated_after last_named between_subject",
    "turns": "prev_same_paragraph prev_turn prev2_turn prev3_turn prev_turn_implicit "
             "prev2_turn_implicit recent_speaker conversation_turns next_same_paragraph "
             "next_turn next2_turn prev_turn_across prev2_turn_across anchor_ahead_even "
             "anchor_ahead_odd anchor_behind_even anchor_behind_odd",
    "vocatives": "prev_vocative own_vocative next_vocative named_inside answers_called "
                 "answered_called prev_told own_told called_even called_odd",
    "conversation cast": "conversation_tagged conversation_addressed conversation_pair spoken_of",
    "salience and narrator": "global_count chapter_count narrator narrator_implicit",
    "voice": "voice",
}
# The conjoined copies (features.CONJUNCTIONS) go with the family of the feature they copy;
# taking out the conjunctions alone takes out every copy.
CONJOINED = {f"{n}_{suffix}": n for _, suffix, names in features.CONJUNCTIONS for n in names}
# the flags that switch them on, besides gender_match (a tag feature): alone they score nothing
FLAGS = {flag for flag, _, _ in features.CONJUNCTIONS} - {"gender_match"}
STAGES = {
    "greedy second reading (beam of 1)": "beam1",
    "beam without the parity check of runs of turns": "unsettled",
    "first reading only (no decoding of conversations)": "first",
}


@contextmanager
def without_features(names: set[str]):
    """Zero the named features wherever vectors are built, so training gives them no weight
    and decoding adds nothing for them."""
    dropped = [features.INDEX[n] for n in names]
    original = features.quote_features

    def masked(*args, **kwargs):
        vecs = original(*args, **kwargs)
        for v in vecs:
            for k in dropped:
                v[k] = 0.0
        return vecs

    with ExitStack() as stack:
        for module in (decoding, speakers, fitting):
            stack.enter_context(mock.patch.object(module, "quote_features", masked))
        yield


def _as_decided(ctx, model, anchors, decided):
    return decided  # no parity check: the beam's decisions stand


@contextmanager
def with_stage(kind: str):
    if kind == "beam1":
        narrow = partial(decoding.beam_reading, width=1)
        with mock.patch.object(decoding, "beam_reading", narrow):
            yield
    elif kind == "unsettled":
        with mock.patch.object(speakers, "settle_parity", _as_decided):
            yield
    else:  # the first reading's guesses stand as the answer
        def first_only(ctx, model, anchors, first, width=decoding.BEAM_WIDTH):
            return [(f, 0.5) for f in first], first
        with mock.patch.object(speakers, "decode", first_only), \
                mock.patch.object(speakers, "settle_parity", _as_decided):
            yield


def cross_validate(novels) -> dict:
    """Micro-averaged speaker accuracy, overall and by quote type, over held-out folds."""
    right = {t: 0 for t in ("all", *TYPES)}
    total = dict.fromkeys(right, 0)
    for fold in range(FOLDS):
        held = [n for k, n in enumerate(novels) if k % FOLDS == fold]
        model = speaker.train([n for k, n in enumerate(novels) if k % FOLDS != fold])
        for novel in held:
            score = evaluate(storycast.analyze(novel.text_path, model=model), novel)
            right["all"] += score.speaker_correct
            total["all"] += score.gold_quotes
            for t in TYPES:
                ok, n = score.by_type.get(t, (0, 0))
                right[t] += ok
                total[t] += n
    return {t: right[t] / total[t] for t in right if total[t]}


def family(names: str) -> set[str]:
    """A family's features with their conjoined copies."""
    own = set(names.split())
    return own | {c for c, base in CONJOINED.items() if base in own}


def variants():
    yield "all features, both readings", ExitStack()
    for name, names in FAMILIES.items():
        yield f"without {name}", without_features(family(names))
    yield "without conjunctions", without_features(set(CONJOINED))
    for label, kind in STAGES.items():
        yield label, with_stage(kind)


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", type=Path, default=DEFAULT_DATA, help="PDNC data/ folder")
    p.add_argument("--novels", default="", help="comma-separated folder names (default: all)")
    p.add_argument("--write", type=Path, help="write/update the section of this Markdown file")
    args = p.parse_args(argv)
    listed = {n for ns in FAMILIES.values() for n in ns.split()} | set(CONJOINED) | FLAGS
    if listed != set(features.NAMES):
        sys.exit(f"feature families out of date: {sorted(set(features.NAMES) ^ listed)}")
    chosen = [n for n in args.novels.split(",") if n] or None
    novels = sorted(load_corpus(args.data, chosen), key=lambda n: n.name)
    rows, base = [], None
    for label, context in variants():
        start = time.perf_counter()
        for prepared in fitting._PREPARED.values():
            prepared.first_groups = None  # built under another variant's features
        with context:
            acc = cross_validate(novels)
        base = base or acc
        delta = acc["all"] - base["all"]
        rows.append(f"| {label} | {acc['all']:.3f} | {'' if label.startswith('all') else f'{delta:+.3f}'} | "
                    + " | ".join(f"{acc[t]:.3f}" for t in TYPES) + " |")
        print(rows[-1], f"({time.perf_counter() - start:.0f} s)", file=sys.stderr, flush=True)
    table = ("| variant | speaker acc | change | explicit | anaphoric | implicit |\n"
             "| --- | --- | --- | --- | --- | --- |\n" + "\n".join(rows))
    held = len(novels) // FOLDS
    body = (f"{HEADING}\n\n{stamp('ablation.py', argv)}\n"
            f"- {FOLDS}-fold cross-validation by novel: each model fitted on about "
            f"{len(novels) - held} novels, scored on the other {held}\n\n"
            "What each family of speaker features and each decoding stage adds, taken out one "
            "at a time (docs/how-it-works.md lists the features of each family).\n\n" + table)
    publish(HEADING, body, args.write)


if __name__ == "__main__":
    main()
