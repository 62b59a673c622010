"""The attribution check measured on text nobody tuned it on (``bench/attribution.py``).

Builds the *garbled set*: real human English documents in which the sentences whose speaker is an
organisation get the error Korean-to-English MT makes ("The ministry said ..." -> "He said ...",
"..., the agency said." -> "..., he said."), while every other sentence, genuine "he said" about
people included, stays as written. Sources:

- GUM (corpora/gum-coref) news, interview, bio and court documents: the organisation subjects come
  from GUM's gold entity types, and the speaker a repair must name from its gold chains; person
  subjects that GUM's chain already refers to as "he"/"she" are turned into that pronoun too, as
  negatives (a pronoun that is right);
- corpora/korean-english-news-v1 dev.en (30-line documents): organisation subjects picked by a plain
  pattern of this module (a subject noun phrase before a reporting verb whose head is one of
  ``SELECTOR_HEADS``, an acronym or a news agency), independent of the check's own reading;
- the English side of corpora/wmt21-ted-mqm-ende (one document per talk): mostly negatives.

Every document goes into one half, the *tuning* half or the *test* half, by a hash of its name
(GUM: its official split, train = tuning, dev and test = test). Rules are tuned on the tuning half
only; figures are reported on the test half. ``score_documents`` runs the check and counts.
"""
from __future__ import annotations

import csv
import re
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..language.english.reporting import ADVERBS, REPORTING, is_speech
from .gum import GoldMention, GumDocument, read_documents

ROOT = Path(__file__).resolve().parents[2]
NEWS = ROOT / "corpora" / "korean-english-news-v1"
TED = ROOT / "corpora" / "wmt21-ted-mqm-ende" / "mqm_ted_ende.tsv"
NEWS_DOC_LINES = 30
GUM_GENRES = ("news", "interview", "bio", "court")
REPAIR_REACH = 5  # a repair is judged when the speaker was named this many sentences back or fewer

TUNE, TEST = "tune", "test"


@dataclass(frozen=True)
class Sentence:
    text: str
    garbled: bool = False
    pronoun: str = ""  # the pronoun put in (garbled) or the one a person subject became (negative)
    speakers: tuple[str, ...] = ()  # names a repair may use (the original subject and its chain)
    speaker_near: bool = False  # one of them is in the REPAIR_REACH sentences before
    original: str = ""  # the sentence as written
    source: str | None = None  # the Korean it translates (dev.en with dev.ko, for the source-aware runs)


@dataclass(frozen=True)
class SetDocument:
    name: str
    source: str  # "gum-news", "dev.en", "ted", ...
    half: str  # TUNE or TEST
    sentences: tuple[Sentence, ...]


def half_of(name: str) -> str:
    """A fixed, content-blind split: the parity of a CRC of the document's name."""
    return TEST if zlib.crc32(name.encode("utf-8")) % 2 else TUNE


# -- garbling -------------------------------------------------------------------------------

_PRONOUN_CYCLE = ("He", "He", "He", "They", "He", "She", "He", "He", "They", "He")
_PLURAL_VERB = {"says": "say", "has": "have", "is": "are", "was": "were", "adds": "add", "notes": "note",
                "explains": "explain", "tells": "tell", "reports": "report", "warns": "warn", "does": "do",
                "announces": "announce", "states": "state", "claims": "claim", "argues": "argue"}


_SINGULAR_VERB = {plural: singular for singular, plural in _PLURAL_VERB.items() if plural not in ("are", "were")}


def garble_pronoun(key: str) -> str:
    """Which pronoun MT writes for this organisation: mostly "He", sometimes "They" or "She"."""
    return _PRONOUN_CYCLE[zlib.crc32(key.encode("utf-8")) % len(_PRONOUN_CYCLE)]


def replace_subject(text: str, start: int, end: int, pronoun: str) -> str:
    """``text`` with its subject text[start:end] replaced by ``pronoun`` (capitalised at the start of the
    sentence or of a quote), and the verb after it agreeing with "they"."""
    opening = not text[:start].strip(" “\"‘'")
    word = pronoun if opening else pronoun.lower()
    rest = text[end:]
    m = re.match(rf"(\s+{ADVERBS})(\w+)", rest)
    agreeing = _PLURAL_VERB if pronoun == "They" else _SINGULAR_VERB  # "the council say" -> "he says"
    if m and m.group(2) in agreeing:
        rest = m.group(1) + agreeing[m.group(2)] + rest[m.end():]
    return text[:start] + word + rest


def _inverted(text: str, start: int) -> re.Match | None:
    """ "..., said the ministry." : the reporting verb right before a subject at ``start``."""
    return re.search(rf"(?:[,”\"]\s*)(?P<verb>{REPORTING.pattern})\s+$", text[:start])


def _is_subject_position(text: str, start: int) -> bool:
    """A noun phrase at ``start`` opens the sentence, a quote or a clause after a comma."""
    before = text[:start].rstrip(" “\"‘'")
    return (not before or before.endswith((",", ";", ":", "”", "\"")) or
            re.search(r"(?:^|[,;]\s*)(?:And|But|So|Also|However|Earlier|Later|Meanwhile|In a statement|"
                      r"On \w+day)$", before) is not None)


def _verb_after(text: str, end: int) -> re.Match | None:
    m = re.match(rf"\s+{ADVERBS}(?P<verb>{REPORTING.pattern})", text[end:])
    if m and is_speech(text, m.group("verb"), end + m.end("verb")):
        return m
    return None


# -- GUM ------------------------------------------------------------------------------------


def gum_documents(root: Path | None = None, genres: Sequence[str] = GUM_GENRES) -> Iterator[SetDocument]:
    for doc in (read_documents(root) if root else read_documents()):
        if doc.genre in genres:
            yield garble_gum(doc)


def _gum_subjects(doc: GumDocument) -> dict[int, list[tuple[GoldMention, bool]]]:
    """Per sentence, the mentions that are the subject of a reporting verb: (mention, inverted)."""
    found: dict[int, list[tuple[GoldMention, bool]]] = {}
    for m in doc.mentions:
        text = doc.sentences[m.sentence]
        if m.kind not in ("person", "organization"):
            continue
        straight = _verb_after(text, m.end) and _is_subject_position(text, m.start)
        inverted = _inverted(text, m.start) and re.match(r"\s*[.,;]", text[m.end:])
        if straight or inverted:
            found.setdefault(m.sentence, []).append((m, bool(inverted and not straight)))
    # Nested mentions ("the spokesman of [the ministry]") end at the same place: keep the widest.
    for sentence, subjects in found.items():
        widest = {}
        for m, inverted in subjects:
            if m.end not in widest or m.start < widest[m.end][0].start:
                widest[m.end] = (m, inverted)
        found[sentence] = list(widest.values())
    return found


def _gendered_pronoun(doc: GumDocument, entity: str) -> str | None:
    words = Counter(doc.sentences[m.sentence][m.start:m.end].lower() for m in doc.chain(entity))
    he, she = words["he"] + words["him"] + words["his"], words["she"] + words["her"]
    if he and not she:
        return "He"
    if she and not he:
        return "She"
    return None


def garble_gum(doc: GumDocument) -> SetDocument:
    subjects = _gum_subjects(doc)
    out = []
    for number, text in enumerate(doc.sentences):
        sentence = Sentence(text, original=text)
        for mention, inverted in subjects.get(number, [])[:1]:
            earlier = [m for m in doc.chain(mention.entity) if m.sentence < number]
            if not earlier:
                continue  # a first mention: MT drops subjects the reader already knows
            named = tuple(doc.sentences[m.sentence][m.start:m.end] for m in doc.chain(mention.entity)
                          if m.sentence <= number and not _is_pronoun(doc.sentences[m.sentence][m.start:m.end]))
            near = any(m.sentence >= number - REPAIR_REACH and not _is_pronoun(
                doc.sentences[m.sentence][m.start:m.end]) for m in earlier)
            if mention.kind == "organization":
                pronoun = garble_pronoun(f"{doc.name}:{number}")
                sentence = Sentence(_put_pronoun(text, mention.start, mention.end, inverted, pronoun), True,
                                    pronoun, named, near, text)
            else:
                pronoun = _gendered_pronoun(doc, mention.entity)
                if pronoun and earlier[-1].sentence >= number - 2 and not _is_pronoun(text[mention.start:mention.end]):
                    sentence = Sentence(_put_pronoun(text, mention.start, mention.end, inverted, pronoun), False,
                                        pronoun, (), False, text)
        out.append(sentence)
    return SetDocument(doc.name, f"gum-{doc.genre}", TUNE if doc.split == "train" else TEST, tuple(out))


def _put_pronoun(text: str, start: int, end: int, inverted: bool, pronoun: str) -> str:
    if not inverted:
        return replace_subject(text, start, end, pronoun)
    verb = _inverted(text, start)
    # ", said the ministry." -> ", he said."
    return text[:verb.start("verb")] + pronoun.lower() + " " + verb.group("verb") + text[end:]


def _is_pronoun(text: str) -> bool:
    return text.lower() in {"he", "she", "it", "they", "him", "her", "them", "his", "its", "their", "i", "we", "you"}


# -- dev.en and TED: organisation subjects by a plain pattern -----------------------------

SELECTOR_HEADS = (
    "ministry department government agency office bureau police court committee commission council company "
    "newspaper paper daily statement report board bank army military party union association institute "
    "administration authority authorities judiciary embassy group network station service organization "
    "organisation foundation university corporation firm website site survey study"
).split()
_NEWS_AGENCIES = "Yonhap Xinhua Reuters KCNA AFP AP NHK Kyodo Interfax ITAR-TASS".split()
# A country or capital speaking for its government ("North Korea said", "Seoul said").
_STATES = ("North Korea|South Korea|China|Japan|Russia|Iran|Iraq|Israel|Syria|Taiwan|Britain|France|Germany|"
           "the United States|the U.S.|Washington|Seoul|Pyongyang|Beijing|Tokyo|Moscow|Tehran")
_ORG_NP = re.compile(
    r"(?P<np>(?:(?:[Tt]he|[Ii]ts|[Tt]heir)\s+)(?:[\w.&'’-]+\s+){0,5}?(?:" + "|".join(SELECTOR_HEADS) + r")(?:'s)?"
    r"|(?:the\s+)?(?:" + "|".join(_NEWS_AGENCIES) + r")|(?:the\s+)?[A-Z]{2,6}|" + _STATES + r"|it)"
    r"(?=\s+" + ADVERBS + r"(?:" + REPORTING.pattern + r"))"
)


def select_org_subject(text: str) -> tuple[int, int, bool] | None:
    """(start, end, inverted) of an organisation subject of a reporting verb in ``text``, or None."""
    for m in _ORG_NP.finditer(text):
        start = m.start("np")
        np = m.group("np")
        # "The head of the statistics office said": the phrase must not hold a person before its head.
        if re.search(r"\b(?:of|for|at|in|from|by|to|on|who|with|and)\b", np) or np.endswith(("'s", "’s")):
            continue
        if _is_subject_position(text, start) and _verb_after(text, m.end("np")):
            return start, m.end("np"), False
    inverted = re.search(rf"[,”\"]\s*(?:{REPORTING.pattern})\s+(?P<np>the\s+(?:[\w.&'’-]+\s+){{0,3}}?"
                         rf"(?:{'|'.join(SELECTOR_HEADS)}))\s*[.,;]", text)
    if inverted:
        return inverted.start("np"), inverted.end("np"), True
    return None


def _speaker_near(lines: Sequence[str], number: int, subject: str) -> bool:
    head = _head_word(subject)
    window = lines[max(0, number - REPAIR_REACH):number]
    return bool(head) and any(re.search(rf"\b{re.escape(head)}\b", w, re.IGNORECASE) for w in window)


def _head_word(phrase: str) -> str:
    words = [w for w in re.findall(r"[\w.&-]+", phrase) if w.lower() not in {"the", "its", "their", "it"}]
    return words[-1] if words else ""


def garble_lines(name: str, source: str, lines: Sequence[str], half: str | None = None) -> SetDocument:
    """A document of plain lines with its organisation subjects turned into pronouns (not the first line's:
    MT drops a subject only once the reader knows it)."""
    out = []
    for number, text in enumerate(lines):
        picked = select_org_subject(text) if number else None
        if picked is None or picked[0] == picked[1]:
            out.append(Sentence(text, original=text))
            continue
        start, end, inverted = picked
        subject = text[start:end]
        if subject == "it":
            antecedent = _last_org_phrase(lines[max(0, number - REPAIR_REACH):number])
            if antecedent is None:
                out.append(Sentence(text, original=text))
                continue
            speakers = (antecedent,)
        else:
            speakers = (subject,)
        pronoun = garble_pronoun(f"{name}:{number}")
        garbled = _put_pronoun(text, start, end, inverted, pronoun)
        near = _speaker_near(lines, number, speakers[0])
        out.append(Sentence(garbled, True, pronoun, speakers, near, text))
    return SetDocument(name, source, half or half_of(name), tuple(out))


def _last_org_phrase(lines: Sequence[str]) -> str | None:
    """For "it said": the organisation it stands for, the last SELECTOR_HEADS phrase before."""
    pattern = re.compile(rf"\b(?:[Tt]he|[Ii]ts)\s+(?:[\w.&'’-]+\s+){{0,4}}?(?:{'|'.join(SELECTOR_HEADS)})\b")
    for line in reversed(lines):
        found = pattern.findall(line)
        if found:
            return found[-1]
    return None


def news_documents(path: Path = NEWS / "dev.en") -> Iterator[SetDocument]:
    lines = path.read_text(encoding="utf-8").split("\n")[:1000]
    for first in range(0, len(lines), NEWS_DOC_LINES):
        name = f"dev.en:{first + 1}-{first + NEWS_DOC_LINES}"
        yield garble_lines(name, "dev.en", [line.strip() for line in lines[first:first + NEWS_DOC_LINES]])


def with_korean(doc: SetDocument, path: Path = NEWS / "dev.ko") -> SetDocument:
    """A dev.en document with each line's Korean source (dev.ko) beside it."""
    first = int(doc.name.split(":")[1].split("-")[0])
    korean = path.read_text(encoding="utf-8").split("\n")[first - 1:first - 1 + len(doc.sentences)]
    sentences = tuple(replace(s, source=k.strip() or None) for s, k in zip(doc.sentences, korean))
    return replace(doc, source="dev.en+ko", sentences=sentences)


def ted_documents(path: Path = TED) -> Iterator[SetDocument]:
    talks: dict[str, dict[int, str]] = {}
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            talks.setdefault(row["doc"], {}).setdefault(int(row["seg_id"]), row["source"])
    for talk, segments in sorted(talks.items()):
        yield garble_lines(f"ted:{talk}", "ted", [segments[k] for k in sorted(segments)])


def build_set() -> list[SetDocument]:
    return [*gum_documents(), *news_documents(), *ted_documents()]


# -- scoring --------------------------------------------------------------------------------


@dataclass
class Tally:
    sentences: int = 0
    garbled: int = 0
    flagged_garbled: int = 0  # true positives
    false_alarms: int = 0  # flagged sentences that are not garbled (in the garbled documents)
    repairs_judged: int = 0  # flagged garbled sentences whose speaker was named within REPAIR_REACH
    repairs_right: int = 0
    negatives_pronoun: int = 0  # person subjects turned into their right pronoun
    negatives_pronoun_flagged: int = 0
    by_pronoun: Counter = field(default_factory=Counter)  # pronoun -> garbled count
    by_pronoun_found: Counter = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        flagged = self.flagged_garbled + self.false_alarms
        return self.flagged_garbled / flagged if flagged else 1.0

    @property
    def recall(self) -> float:
        return self.flagged_garbled / self.garbled if self.garbled else 1.0

    @property
    def repair_accuracy(self) -> float:
        return self.repairs_right / self.repairs_judged if self.repairs_judged else 1.0

    def add(self, other: "Tally") -> None:
        for name in ("sentences", "garbled", "flagged_garbled", "false_alarms", "repairs_judged",
                     "repairs_right", "negatives_pronoun", "negatives_pronoun_flagged"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.by_pronoun.update(other.by_pronoun)
        self.by_pronoun_found.update(other.by_pronoun_found)
        self.examples += other.examples


def attribution_findings(sentences: Sequence[str], sources: Sequence[str | None] | None = None):
    """The attribution check's findings on each sentence of one document."""
    from ..checks import run_checks
    from ..model import DocumentDraft, SegmentDraft

    sources = sources or [None] * len(sentences)
    draft = DocumentDraft("eval", "text", tuple(SegmentDraft(mt=s, source=k) for s, k in zip(sentences, sources)))
    return run_checks(draft, names=["attribution"])


def score_document(doc: SetDocument, garbled: bool = True) -> Tally:
    """Run the check on ``doc`` (its garbled text, or the text as written) and count."""
    texts = [s.text if garbled else s.original for s in doc.sentences]
    tally = Tally(sentences=len(texts))
    sources = [s.source for s in doc.sentences] if any(s.source for s in doc.sentences) else None
    for sentence, text, findings in zip(doc.sentences, texts, attribution_findings(texts, sources)):
        is_garbled = garbled and sentence.garbled
        if is_garbled:
            tally.garbled += 1
            tally.by_pronoun[sentence.pronoun] += 1
        elif garbled and sentence.pronoun:
            tally.negatives_pronoun += 1
            tally.negatives_pronoun_flagged += bool(findings)
        if not findings:
            if is_garbled:
                tally.examples.append(f"MISSED {doc.name}: {text}")
            continue
        if not is_garbled:
            tally.false_alarms += 1
            tally.examples.append(f"FALSE ALARM {doc.name}: {findings[0].message} | {text}")
            continue
        tally.flagged_garbled += 1
        tally.by_pronoun_found[sentence.pronoun] += 1
        if sentence.speaker_near:
            tally.repairs_judged += 1
            named = repaired_speaker(text, findings)
            if named and any(same_speaker(named, s) for s in sentence.speakers):
                tally.repairs_right += 1
            else:
                tally.examples.append(f"WRONG REPAIR {doc.name}: named {named!r}, speaker {sentence.speakers[-1]!r}"
                                      f" | {text}")
    return tally


def repaired_speaker(text: str, findings) -> str | None:
    """The words a repair put in place of the pronoun (the suggestion's difference from ``text``)."""
    for finding in findings:
        if not finding.suggestion:
            continue
        repaired = finding.suggestion
        prefix = 0
        while prefix < min(len(text), len(repaired)) and text[prefix] == repaired[prefix]:
            prefix += 1
        suffix = 0
        while suffix < min(len(text), len(repaired)) - prefix and text[-1 - suffix] == repaired[-1 - suffix]:
            suffix += 1
        inserted = repaired[prefix:len(repaired) - suffix]
        # Widen to whole words: the diff may start inside "He" -> "The ..." at the shared "he".
        start = repaired.rfind(" ", 0, prefix) + 1
        end = repaired.find(" ", len(repaired) - suffix)
        return repaired[start:end if end >= 0 else len(repaired)] if inserted or start < prefix else None
    return None


_DROP = {"the", "a", "an", "its", "their", "us", "u.s.", "south", "north", "korean", "korea's", "said", "says",
         "added", "also", "then"}


def _content(phrase: str) -> list[str]:
    words = [w.lower().strip(".,;:’'\"“”").removesuffix("'s").removesuffix("’s") for w in phrase.split()]
    return [w for w in words if w and w not in _DROP]


def same_speaker(named: str, speaker: str) -> bool:
    """Whether a repair's words name this speaker: the same head word ("the department" / "the State
    Department"), one name inside the other, an acronym of it ("FDA" / "Food and Drug Administration"),
    or the owner of a speaking document ("the committee" for "the committee's statement")."""
    owner = re.match(r"(?:the\s+)?(.+?)['’]s\s+\w+$", speaker, re.IGNORECASE)
    if owner and same_speaker(named, owner.group(1)):
        return True
    a, b = _content(named), _content(speaker)
    if not a or not b:
        return False
    if a[-1] == b[-1] or set(a) <= set(b) or set(b) <= set(a):
        return True
    initials = lambda ws: "".join(w[0] for w in ws if w not in {"of", "and", "for", "on"})  # noqa: E731
    return any(len(w) >= 2 and w.replace(".", "") in (initials(b), initials(a)) for w in a + b)


def score_documents(documents: Iterable[SetDocument], garbled: bool = True) -> dict[str, Tally]:
    """Tallies per source, and "all"."""
    tallies: dict[str, Tally] = {"all": Tally()}
    for doc in documents:
        tally = score_document(doc, garbled)
        tallies.setdefault(doc.source, Tally()).add(tally)
        tallies["all"].add(tally)
    return tallies


# -- professional MQM spans (corpora/wmt23-mqm-zhen-dev) ------------------------------------

MQM_ZHEN = ROOT / "corpora" / "wmt23-mqm-zhen-dev" / "mqm_generalMT2023_zhen.dev.tsv"
PRONOUNS = frozenset("he she it they him her his its their them".split())
_SPAN = re.compile(r"<v>(.*?)</v>")
_PRONOUN_REPORT = re.compile(rf"^\s*(?:he|she|it|they)\s+{ADVERBS}(?:{REPORTING.pattern})", re.IGNORECASE)


@dataclass
class MqmPronouns:
    segments: int = 0  # (system, segment) MT outputs read
    marked: int = 0  # pronoun spans raters marked as errors (distinct per output and span)
    marked_reporting: int = 0  # of those, the subject of a reporting verb: what the check claims
    found: int = 0  # marked pronoun spans that a finding overlaps
    found_reporting: int = 0
    findings: int = 0  # pronoun findings of the check
    findings_on_marked: int = 0  # ... that overlap any span a rater marked (any category)
    missed: list[str] = field(default_factory=list)
    unconfirmed: list[str] = field(default_factory=list)


def _marked_spans(rows: Iterable[dict]) -> dict[tuple[str, str, int], dict]:
    """Per (system, doc, segment): the MT text and the target spans raters marked."""
    outputs: dict[tuple[str, str, int], dict] = {}
    for row in rows:
        key = (row["system"], row["doc"], int(row["docSegId"]))
        clean = row["target"].replace("<v>", "").replace("</v>", "")
        entry = outputs.setdefault(key, {"text": clean, "spans": set()})
        if row["severity"] in ("No-error", "HOTW-test", "Neutral") or row["category"] in ("No-error", "Source issue"):
            continue
        m = _SPAN.search(row["target"])
        if m and m.group(1).strip():
            start = m.start()
            lead = len(m.group(1)) - len(m.group(1).lstrip())
            entry["spans"].add((start + lead, start + len(m.group(1).rstrip())))
    return outputs


def mqm_pronoun_figures(path: Path = MQM_ZHEN) -> MqmPronouns:
    """The check against the pronoun errors professional raters marked in real zh->en news MT."""
    with path.open(encoding="utf-8") as fh:
        outputs = _marked_spans(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    documents: dict[tuple[str, str], list[int]] = {}
    for system, doc, seg in outputs:
        documents.setdefault((system, doc), []).append(seg)
    figures = MqmPronouns()
    for (system, doc), segs in sorted(documents.items()):
        keys = [(system, doc, s) for s in sorted(segs)]
        texts = [outputs[k]["text"] for k in keys]
        for key, text, found in zip(keys, texts, attribution_findings(texts)):
            _count_mqm(figures, key, text, outputs[key]["spans"], found)
    return figures


def _count_mqm(figures: MqmPronouns, key, text: str, spans: set, found) -> None:
    figures.segments += 1
    hits = [(f.start, f.end) for f in found if text[f.start:f.end].lower() in PRONOUNS]
    overlaps = lambda a, b: a[0] < b[1] and b[0] < a[1]  # noqa: E731
    for span in spans:
        if text[span[0]:span[1]].lower() not in PRONOUNS:
            continue
        figures.marked += 1
        reporting = bool(_PRONOUN_REPORT.match(text[span[0]:]))
        figures.marked_reporting += reporting
        hit = any(overlaps(span, h) for h in hits)
        figures.found += hit
        figures.found_reporting += hit and reporting
        if not hit and reporting:
            figures.missed.append(f"{key}: {text}")
    figures.findings += len(hits)
    for h in hits:
        if any(overlaps(h, s) for s in spans):
            figures.findings_on_marked += 1
        else:
            figures.unconfirmed.append(f"{key}: {text}")
