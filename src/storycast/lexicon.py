"""Word lists: honorifics, person nouns, pronouns, speech verbs, nicknames, given names,
non-names."""
from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

# the word lists shipped in the package (read by path: importlib.resources would add some
# 15 ms of imports to every run, and the package is never imported from a zip)
DATA = Path(__file__).with_name("data")

# Honorific -> gender it implies (None: either).
HONORIFICS: dict[str, str | None] = {
    "mr": "male", "mister": "male", "sir": "male", "lord": "male", "master": "male",
    "mrs": "female", "miss": "female", "ms": "female", "lady": "female", "madam": "female",
    "madame": "female", "mme": "female", "mlle": "female", "mademoiselle": "female",
    "monsieur": "male", "herr": "male", "frau": "female", "fraulein": "female",
    "signor": "male", "signora": "female", "signorina": "female", "signorino": "male",
    "senor": "male", "senora": "female", "don": "male", "dona": "female",
    "señor": "male", "señora": "female", "señorita": "female", "doña": "female",
    "fräulein": "female", "aunt": "female", "uncle": "male",
    "dr": None, "doctor": None, "prof": None, "professor": None, "rev": "male",
    "reverend": "male", "father": "male", "mother": "female", "sister": "female",
    "brother": "male", "captain": None, "capt": None, "colonel": None, "col": None,
    "major": None, "general": None, "lieutenant": None, "sergeant": None,
    "admiral": None, "commander": None, "agent": None, "detective": None,
    "inspector": None, "officer": None, "judge": None, "king": "male", "queen": "female",
    "prince": "male", "princess": "female", "duke": "male", "duchess": "female",
    "count": "male", "countess": "female", "baron": "male", "baroness": "female",
    "dame": "female", "saint": None, "st": None, "nurse": None, "granny": "female",
    "grandma": "female", "grandpa": "male", "cousin": None, "dean": None, "mx": None,
    "coach": None,
}
# Honorifics that mark a surname-bearing title and keep Mr. X and Mrs. X apart.
TITLE_CLASS = {
    "mr": "mr", "mister": "mr", "monsieur": "mr", "herr": "mr", "signor": "mr", "senor": "mr",
    "mrs": "mrs", "madame": "mrs", "mme": "mrs", "frau": "mrs", "signora": "mrs", "senora": "mrs",
    "miss": "miss", "ms": "miss", "mlle": "miss", "mademoiselle": "miss", "fraulein": "miss",
    "signorina": "miss",
}

# Person nouns that say a sex: "the matron", "the coachman".
MALE_NOUNS = frozenset("man gentleman boy father husband brother son uncle sir lord king "
                       "prince fellow lad gentlemen jew doctor old-man grandfather nephew "
                       "landlord butler footman coachman waiter host monk friar priest vicar "
                       "curate parson abbot emperor earl baronet squire widower bridegroom "
                       "schoolmaster headmaster".split())
FEMALE_NOUNS = frozenset("woman lady girl mother wife sister daughter aunt madam queen "
                         "princess maid widow grandmother niece mistress matron landlady "
                         "housekeeper governess actress hostess waitress nun bride spinster "
                         "heroine laundress seamstress abbess empress duchess countess "
                         "nurse".split())

# Person nouns that say no sex, for someone the narration brings in: "The cashier looked up".
ROLE_NOUNS = frozenset("person stranger figure kid child teenager student officer cashier "
                       "clerk barista bartender driver guard nurse doctor paramedic "
                       "receptionist attendant conductor porter customer passenger deckhand "
                       "teacher librarian pharmacist courier detective manager owner "
                       "shopkeeper neighbour neighbor visitor guest servant cook chef "
                       "server janitor security constable sergeant soldier pilot "
                       "mechanic technician vet farmer baker".split())


# Prepositions that open what identifies a described person after their head noun: "the
# gentleman in the white waistcoat", "the man with the keys".
POSTMODIFIERS = ("in", "with")


def head_noun(description: str) -> str:
    """The head of a description: "the old man" -> "man", "the gentleman in the white
    waistcoat" -> "gentleman"."""
    words = description.split()
    for i, word in enumerate(words[1:], 1):
        if word.lower() in POSTMODIFIERS:
            return words[i - 1]
    return words[-1]


def noun_gender(head: str) -> str | None:
    """The sex a person noun gives: "the matron", "the coachman", "the parlourmaid"."""
    if head in MALE_NOUNS:
        return "male"
    if head in FEMALE_NOUNS or head.endswith(("woman", "maid", "wife", "girl")):
        return "female"
    if head.endswith(("man", "boy")) and head not in ("human", "german", "roman"):
        return "male"
    return None


PRONOUN_GENDER = {
    "he": "male", "him": "male", "his": "male", "himself": "male",
    "she": "female", "her": "female", "hers": "female", "herself": "female",
}
SUBJECT_PRONOUNS = {"he": "male", "she": "female", "i": "narrator", "they": None, "we": None}
# the gender of someone the narration calls "they"; a "they said" may then be theirs
NONBINARY = "nonbinary"

ANSWER_VERBS = frozenset("""
reply replies replied replying answer answers answered answering return returns returned
rejoin rejoins rejoined retort retorts retorted respond responds responded echo echoes echoed
""".split())
GO_ON_VERBS = frozenset("""
add adds added adding continue continues continued continuing go goes went going resume
resumes resumed conclude concludes concluded pursue pursues pursued proceed proceeds proceeded
persist persists persisted finish finishes finished
""".split())

# Verbs that introduce speech or thought.  The tag finder also accepts any
# "-ed" verb in tag position, so this list need not be complete.
SPEECH_VERBS = frozenset("""
say says said saying ask asks asked asking reply replies replied answer answers answered
cry cries cried exclaim exclaims exclaimed return returns returned continue continues continued
add adds added observe observes observed remark remarks remarked whisper whispers whispered
mutter mutters muttered murmur murmurs murmured shout shouts shouted call calls called
repeat repeats repeated begin begins began resume resumes resumed interrupt interrupts interrupted
rejoin rejoins rejoined retort retorts retorted respond responds responded inquire inquires
inquired enquire enquires enquired demand demands demanded suggest suggests suggested
declare declares declared explain explains explained protest protests protested insist insists
insisted cry sob sobs sobbed sigh sighs sighed laugh laughs laughed groan groans groaned
growl growls growled snap snaps snapped snarl snarls snarled hiss hisses hissed
scream screams screamed yell yells yelled roar roars roared bark barks barked stammer stammers
stammered stutter stutters stuttered gasp gasps gasped breathe breathes breathed
whimper whimpers whimpered wail wails wailed moan moans moaned mumble mumbles mumbled
grumble grumbles grumbled chuckle chuckles chuckled giggle giggles giggled smile smiles smiled
grin grins grinned nod nods nodded shrug shrugs shrugged think thinks thought wonder wonders
wondered reflect reflects reflected muse muses mused conclude concludes concluded urge urges urged
plead pleads pleaded beg begs begged admit admits admitted agree agrees agreed object objects
objected warn warns warned tell tells told write writes wrote read reads announce announces
announced state states stated note notes noted point points pointed put puts went go goes
persist persists persisted pursue pursues pursued proceed proceeds proceeded urge
echo echoes echoed correct corrects corrected counter counters countered confess confesses
confessed assent assents assented interpose interposes interposed venture ventures ventured
whine whines whined purr purrs purred drawl drawls drawled chime chimes chimed offer offers offered
sneer sneers sneered tease teases teased joke jokes joked scoff scoffs scoffed
speak speaks spoke speaking shriek shrieks shrieked squeak squeaked soothe soothed
expostulate expostulated reason reasoned pray prayed hazard hazarded accost accosts accosted
""".split())

# "her Ladyship", "his Lordship": a style of address for the one with this title, no name.
STYLES = {"ladyship": "lady", "lordship": "lord"}

# "the doctor", "the General": a rank said with "the" is the one who holds it by name
# ("Doctor Losberne", "General Tilney"); each rank with the forms it takes before a name.
RANKS = {
    "doctor": ("doctor", "dr"), "professor": ("professor", "prof"),
    "captain": ("captain", "capt"), "colonel": ("colonel", "col"), "major": ("major",),
    "general": ("general",), "admiral": ("admiral",), "commander": ("commander",),
    "lieutenant": ("lieutenant", "lieut"), "sergeant": ("sergeant", "sgt"),
    "inspector": ("inspector",), "detective": ("detective",), "judge": ("judge",),
    "dean": ("dean",), "coach": ("coach",),
}

# Capitalised words that are never a character's name on their own. Number words but "one"
# ("One said,") may be: "said Five", a card, a clone or a sibling by number; a word that is
# also an ordinary one must speak or be spoken to to be a person (names.person_score).
NON_NAMES = frozenset("""
esq esquire ladyship lordship
i a an the and but or nor for so yet of in on at to from by with without about into onto
he she it they we you me him her them us my your his its our their mine yours hers ours theirs
this that these those there here then now when where why how what which who whom whose
if else though although because while as than until unless since after before once
yes no not oh ah ay aye well why alas hush hallo hello hi hey good bad dear poor
alright okay ok listen look wow gosh goodness
sir madam ma'am mr mrs miss ms dr lady lord
god heaven heavens lord christ jesus chapter book part volume preface contents index
monday tuesday wednesday thursday friday saturday sunday

christmas easter spring summer autumn winter
english french german italian spanish indian american british irish scotch scottish
one first second third last
all any some every each both either neither none nothing something everything anything
do does did don't can't won't isn't aren't wasn't weren't shall should would might
must could can let let's pray please thank thanks indeed perhaps only just still even
never ever always also very much more most less least such same other another
mama mamma papa mother father sister brother aunt uncle
the end
love luv darling sweetheart honey pet baby babe dearest sweetie sugar mate kid son lad lass
boy girl man buddy pal child children friend friends
""".split())

# Lower-case particles inside a surname: "Mr. van der Luyden", "Lady Catherine de Bourgh".
PARTICLES = frozenset("van von de der den du la le di da del ten ter".split())

PLACE_PREPOSITIONS = frozenset("in at to from near into towards toward through across via inside outside".split())


def unaccented(word: str) -> str:
    """The word without its accents: "Zoë" -> "Zoe", "André" -> "Andre"."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def _cells(file: str) -> list[str]:
    """A names table's cells in one list: name, share of men, frequency, name, ..."""
    return (DATA / file).read_text("utf-8").rstrip("\n").replace("\n", "\t").split("\t")


class GivenNames:
    """Given name -> (share of male bearers, frequency per million): the names of the 1990
    US census, then those of the US births since 1880 it lacks ("Liam", "Priya"); see
    scripts/build_given_names.py.  Both spell their names without accents, so they answer
    for "Zoë" too.  A name's figures are read as it is asked for: turning all seventeen
    thousand into numbers at once took 7 ms a run."""

    def __init__(self, census: list[str], births: list[str]) -> None:
        # each table's cells in one list: name, share of men, frequency, name, ...
        self._cells = census + births
        self._census_end = len(census)
        self._at = dict(zip(births[0::3], range(len(census) + 1, len(self._cells), 3)))
        self._at.update(zip(census[0::3], range(1, len(census), 3)))  # name -> its share's cell
        self._read: dict[str, tuple[float, float]] = {}

    def _find(self, name: str) -> tuple[float, float] | None:
        found = self._read.get(name)
        if found is None:
            k = self._at.get(name)
            if k is not None:
                found = self._read[name] = (float(self._cells[k]), float(self._cells[k + 1]))
        return found

    def get(self, name: str, default=None):
        found = self._find(name)
        if found is None and not name.isascii():
            found = self._find(unaccented(name))
        return default if found is None else found

    def __contains__(self, name: str) -> bool:
        return self.get(name) is not None

    def __getitem__(self, name: str) -> tuple[float, float]:
        found = self.get(name)
        if found is None:
            raise KeyError(name)
        return found

    def in_census(self, name: str) -> bool:
        """Whether the census, not only the births, lists the name."""
        k = self._at.get(name if name.isascii() else unaccented(name))
        return k is not None and k < self._census_end


@lru_cache(maxsize=1)
def given_names() -> GivenNames:
    """The census's and the births' given names, read once."""
    return GivenNames(_cells("given_names.tsv"), _cells("given_names_births.tsv"))


MALE_FLOOR = 40  # the rarest men's names of the census, in bearers a million
UNLISTED_MEN = 0.4  # the share of men taken for a rarer name the census gives women only
SURE_SEX = 0.9  # the share of one sex among a given name's bearers that settles it
NICKNAMED = 0.2  # the share of a formal name's bearers counted as called by its nickname


@lru_cache(maxsize=4096)
def name_sex(name: str) -> tuple[float, float] | None:
    """(share of male bearers, frequency per million) of a given name, a nickname counting
    a share of its formal names' bearers too: the census's few men named "Jess" are
    outnumbered by the Jessicas called so, and "Lizzy", in no census, is Elizabeth's."""
    own = given_names().get(name)
    if own and own[0] == 0.0 and own[1] < MALE_FLOOR \
            and given_names().in_census(name):
        # the census lists women's names down to 10 bearers a million, men's only down to
        # 40: no man listed with a rarer name ("Kai", "Adrien") is no sign that none has it
        # (the births count both sexes down to a few children)
        own = (UNLISTED_MEN, own[1])
    formals = nicknames().get(name)
    if not formals:
        return own
    men = women = 0.0
    if own:
        men, women = own[0] * own[1], (1 - own[0]) * own[1]
    for formal in formals:
        prior = given_names().get(formal)
        if prior:
            men += NICKNAMED * prior[0] * prior[1]
            women += NICKNAMED * (1 - prior[0]) * prior[1]
    return (men / (men + women), men + women) if men + women else own


def census_sex(name: str) -> str | None:
    """The sex nearly all bearers of a given name have ("May" female, "Charles" male)."""
    prior = name_sex(name)
    if prior is None:
        return None
    return "male" if prior[0] >= SURE_SEX else "female" if prior[0] <= 1 - SURE_SEX else None


@lru_cache(maxsize=1)
def nicknames() -> dict[str, frozenset[str]]:
    """Nickname -> the formal names it can stand for ("Lizzy" -> {"Elizabeth"})."""
    text = (DATA / "nicknames.txt").read_text("utf-8")
    table: dict[str, set[str]] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        formal, _, rest = line.partition(":")
        formal = formal.strip()
        for nick in rest.split(","):
            nick = nick.strip()
            if nick:
                table.setdefault(nick, set()).add(formal)
    return {k: frozenset(v) for k, v in table.items()}


@lru_cache(maxsize=1)
def places() -> frozenset[str]:
    """Well-known places, lower-cased: continents, countries, regions, great cities."""
    text = (DATA / "places.txt").read_text("utf-8")
    return frozenset(w.lower() for line in text.splitlines() if not line.startswith("#")
                     for w in line.split())


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Ordinary lower-case vocabulary of narrative prose (see scripts/build_common_words.py)."""
    text = (DATA / "common_words.txt").read_text("utf-8")
    return frozenset(text.split())
