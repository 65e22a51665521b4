"""The verbs that say a line was spoken: "said", "cried", "put in", "went on"."""
from __future__ import annotations

from itertools import pairwise

_REGULAR = (
    "ask answer add return rejoin exclaim observe remark whisper murmur mutter repeat resume "
    "call shout interrupt inquire enquire pursue urge retort protest declare explain suggest "
    "laugh sigh groan sob scream yell roar growl snap hiss stammer gasp whimper wail moan "
    "mumble grumble chuckle giggle smile grin nod insist demand respond proceed persist "
    "conclude admit agree object warn plead beg announce command order interpose ejaculate "
    "falter pant shriek bawl drawl sneer continue echo assent squeak cry reply sneer coax "
    "chime croak purr blurt lisp soothe venture counter"
).split()
_IRREGULAR = (
    "said say says saying thought think thinks thinking began begin begins beginning rejoinder "
    "went_on go_on goes_on going_on broke_in break_in put_in struck_in cried_out called_out"
).split()
# Verbs that go with a line but say nothing of who speaks it ("while Mary laughed").
_GESTURES = "laugh sigh groan sob smile grin nod chuckle giggle gasp pant moan".split()


def _forms(verb: str) -> list[str]:
    stem = verb[:-1] if verb[-1] in "ey" else verb
    ends = ["e", "es", "ed", "ing"] if verb.endswith("e") else ["", "s", "es", "ed", "ing"]
    if verb.endswith("y"):
        ends = ["y", "ies", "ied", "ying"]
    double = [verb + verb[-1] + e for e in ("ed", "ing")] if verb[-1] in "bdgnpt" else []
    return [stem + e for e in ends] + double


SPEECH = frozenset([*(w.replace("_", " ") for w in _IRREGULAR),
                    *(f for v in _REGULAR for f in _forms(v))])
SAYING = SPEECH - {f for v in _GESTURES for f in _forms(v)}


def has_speech_verb(words: list[str]) -> bool:
    low = [w.lower() for w in words]
    return any(w in SPEECH for w in low) or any(f"{a} {b}" in SPEECH for a, b in pairwise(low))
