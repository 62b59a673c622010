"""The speaker tracker (language/english/tracker.py) against GUM's gold coreference.

Two figures, on the splits asked for (the tracker is tuned on ``train``; report ``dev`` + ``test``):

- *reporting pronouns*: for each he/she/it/they that is the subject of a reporting verb and a GUM
  mention, whether the entity the tracker links it to has the kind of the pronoun's gold chain
  (person vs organisation), and whether it is the gold chain itself (an earlier named mention of
  the tracker's entity lies in the pronoun's gold chain). The same for every subject pronoun, as a
  larger sample;
- *mention typing*: for the gold person, organisation and place mentions whose end the tracker also
  marks as a mention's end, how often the tracker's kind is the gold type (coverage: how many of the
  gold mentions it marks at all).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..language.english.reporting import ADVERBS, REPORTING
from ..language.english.tracker import PEOPLE, PERSON, PLACE, SpeakerTracker
from .gum import GoldMention, GumDocument, read_documents

_GOLD_KIND = {PERSON: "person", PEOPLE: "person", "org": "organization", "publication": "organization",
              PLACE: "place"}
_REPORT_AFTER = re.compile(rf"\s+{ADVERBS}(?:{REPORTING.pattern})\b")
_SUBJECT_PRONOUNS = {"he", "she", "it", "they"}


@dataclass
class TrackerFigures:
    reporting: int = 0
    reporting_kind_right: int = 0
    reporting_chain_right: int = 0
    subject_pronouns: int = 0
    subject_kind_right: int = 0
    subject_chain_right: int = 0
    gold_typed: int = 0  # gold person/organization/place mentions (no pronouns)
    matched: int = 0  # ... whose end the tracker marks too
    typed_right: int = 0
    confusion: Counter = field(default_factory=Counter)  # (gold, tracker) -> count
    misses: list[str] = field(default_factory=list)


def evaluate_documents(documents: Iterable[GumDocument]) -> TrackerFigures:
    figures = TrackerFigures()
    for doc in documents:
        _evaluate(doc, figures)
    return figures


def _evaluate(doc: GumDocument, figures: TrackerFigures) -> None:
    tracker = SpeakerTracker()
    gold_by_end = {(m.sentence, m.end): m for m in sorted(doc.mentions, key=lambda m: m.end - m.start)}
    for number, text in enumerate(doc.sentences):
        linked = tracker.add(text)
        ends = {(number, m.end): (m, e) for m, e in linked}
        for gold in (m for m in doc.mentions if m.sentence == number):
            word = text[gold.start:gold.end]
            if word.lower() in _SUBJECT_PRONOUNS:
                _score_pronoun(doc, figures, gold, word, ends.get((number, gold.end)), text)
            elif gold.kind in ("person", "organization", "place"):
                figures.gold_typed += 1
                found = ends.get((number, gold.end))
                if found is None:
                    continue
                figures.matched += 1
                kind = _GOLD_KIND.get(found[1].kind if found[0].pronoun else found[0].kind, "other")
                figures.confusion[(gold.kind, kind)] += 1
                figures.typed_right += kind == gold.kind
    del gold_by_end


def _score_pronoun(doc, figures: TrackerFigures, gold: GoldMention, word: str, found, text: str) -> None:
    if gold.kind not in ("person", "organization"):
        return
    reporting = bool(_REPORT_AFTER.match(text[gold.end:]))
    kind_right = chain_right = False
    if found is not None:
        mention, entity = found
        kind_right = _GOLD_KIND.get(entity.kind) == gold.kind
        chain = {(m.sentence, m.end) for m in doc.chain(gold.entity)}
        chain_right = any((m.sentence, m.end) in chain for m in entity.mentions
                          if not m.pronoun and (m.sentence, m.start) < (gold.sentence, gold.start))
    figures.subject_pronouns += 1
    figures.subject_kind_right += kind_right
    figures.subject_chain_right += chain_right
    if reporting:
        figures.reporting += 1
        figures.reporting_kind_right += kind_right
        figures.reporting_chain_right += chain_right
        if not kind_right:
            named = found[1].kind + ":" + found[1].name if found else "nothing"
            figures.misses.append(f"{doc.name}: {word!r} ({gold.kind}) -> {named} | {text}")


def gum_report(splits: tuple[str, ...] = ("dev", "test"), verbose: bool = False) -> str:
    documents = [d for split in splits for d in read_documents(split=split)]
    f = evaluate_documents(documents)
    lines = [
        f"documents: {len(documents)} ({', '.join(splits)}); sentences: {sum(len(d.sentences) for d in documents)}",
        f"reporting pronouns (he/she/it/they + reporting verb, gold person/organisation chain): {f.reporting}; "
        f"right kind {f.reporting_kind_right}/{f.reporting} = {_ratio(f.reporting_kind_right, f.reporting)}; "
        f"right chain {f.reporting_chain_right}/{f.reporting}",
        f"all subject pronouns he/she/it/they (gold person/organisation chain): {f.subject_pronouns}; right kind "
        f"{f.subject_kind_right} = {_ratio(f.subject_kind_right, f.subject_pronouns)}; right chain "
        f"{f.subject_chain_right} = {_ratio(f.subject_chain_right, f.subject_pronouns)}",
        f"mention typing (gold person/organisation/place, no pronouns): {f.gold_typed} gold, the tracker marks "
        f"{f.matched} ({_ratio(f.matched, f.gold_typed)}), typed right {f.typed_right} = "
        f"{_ratio(f.typed_right, f.matched)}",
    ]
    for gold in ("person", "organization", "place"):
        row = {k: v for (g, k), v in f.confusion.items() if g == gold}
        lines.append(f"  gold {gold:12s}: " + ", ".join(f"{k} {v}" for k, v in sorted(row.items())))
    if verbose:
        lines += ["  " + m for m in f.misses]
    return "\n".join(lines)


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "n/a"
