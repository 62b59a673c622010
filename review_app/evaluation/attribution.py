"""The attribution check measured on text nobody tuned it on (``bench/attribution.py``).

Runs the check over the garbled set (evaluation/garbled_set.py: human English whose organisation
speakers became pronouns, split by document into a tuning half and a test half) and counts hits,
misses, false alarms and right repairs (``score_documents``); and runs it over the pronoun errors
professional raters marked in real Chinese-to-English news MT (``mqm_pronoun_figures``).
"""
from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..language.english.reporting import ADVERBS, REPORTING
from .garbled_set import MQM_ZHEN, SetDocument

# -- scoring --------------------------------------------------------------------------------


@dataclass
class Tally:
    sentences: int = 0
    garbled: int = 0
    flagged_garbled: int = 0  # true positives
    false_alarms: int = 0  # flagged sentences that are not garbled (in the garbled documents)
    repairs_judged: int = 0  # flagged garbled sentences whose speaker was named within REPAIR_REACH
    repairs_right: int = 0
    # Of those, the ones whose speaker the text called by a description ("the company"): the judge compares
    # words, so a repair that names it ("Time Warner") counts wrong there even when it is the same body.
    described_judged: int = 0
    described_right: int = 0
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
                     "repairs_right", "described_judged", "described_right", "negatives_pronoun",
                     "negatives_pronoun_flagged"):
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
            described = bool(_DESCRIPTION.fullmatch(sentence.speakers[-1]))
            tally.described_judged += described
            named = repaired_speaker(text, findings)
            if named and any(same_speaker(named, s) for s in sentence.speakers):
                tally.repairs_right += 1
                tally.described_right += described
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


# "the company", "its report", "The Iranian judiciary's statement" is named: a description has no capital
# after its determiner.
_DESCRIPTION = re.compile(r"(?:[Tt]he|[Ii]ts|[Tt]heir)(?:\s+[a-z][\w-]*){1,3}")
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
    # "GM" for "General Motors Corporation": the acronym may leave out what kind of company it is.
    forms = {initials(ws) for ws in (a, b, [w for w in a if w not in _CORPORATE], [w for w in b if w not in _CORPORATE])}
    # "SDF" for "the Kurdish-led Syrian Democratic Forces": the acronym may leave out a leading modifier.
    return any(len(w) >= 2 and w.replace(".", "") in forms or
               len(w) >= 3 and any(f.endswith(w) for f in forms) for w in a + b)


_CORPORATE = frozenset("corporation corp company co inc incorporated ltd limited group plc llc holdings".split())


def score_documents(documents: Iterable[SetDocument], garbled: bool = True) -> dict[str, Tally]:
    """Tallies per source, and "all"."""
    tallies: dict[str, Tally] = {"all": Tally()}
    for doc in documents:
        tally = score_document(doc, garbled)
        tallies.setdefault(doc.source, Tally()).add(tally)
        tallies["all"].add(tally)
    return tallies


# -- professional MQM spans (corpora/wmt23-mqm-zhen-dev) ------------------------------------

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
