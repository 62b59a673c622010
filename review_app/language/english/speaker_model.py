"""The learned part of the attribution check: what the speaker tracker knows about one reporting
pronoun (``pronoun_features``), the words around it (``context_words``), and a logistic regression
over those that gives the probability that the pronoun is garbled (``AttributionModel``).

Two models ship in review_app/data/attribution_model.json: one for pronouns no fitting person was
named just before (tracker features), and one for those a fitting person was, where English reads
"he" as that person and only the words can tell an organisation spoke ("He said it would ...",
"He reported ..."). scripts/build_attribution_model.py builds both from the garbled set the
repository carries (GUM, dev.en and TED documents and the news splits already scored,
evaluation/garbled_set.py). Nothing is downloaded; prediction is a sparse dot product.
"""
from __future__ import annotations

import functools
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

from .tracker import PEOPLE, PERSON, SPEAKER, SUBJECT, SpeakerTracker, fits_pronoun

MODEL_PATH = Path(__file__).resolve().parents[2] / "data" / "attribution_model.json"

# Verbs institutions use more than people do: "..., he reported." after a newspaper is the newspaper.
INSTITUTIONAL = frozenset("reported reports announced announces stated states disclosed quoted estimated estimates "
                          "observed revealed reveals confirmed confirms".split())
# Words of what organisations say and do: "announced sanctions", "in a statement".
_ORG_CONTENT = re.compile(
    r"\b(?:statements?|sanctions?|press release|briefing|communiqu[eé]|announcements?|policy|policies|"
    r"regulations?|measures|officials?|authorities|government|ministry|agency|report|website|spokes\w+)\b",
    re.IGNORECASE)

FEATURES = (
    "he", "she", "they", "it",
    "inner",  # ", he said" / '," he said' rather than "He said" at the start
    "present",  # "says", "adds": a report in the present
    "institutional",  # reported, announced, stated, ...
    "rule",  # the confidence the rules gave (0: they found nothing wrong)
    "person_speaker_1",  # a named person who fits the pronoun spoke or was a subject in this or the last sentence
    "pronoun_speaker_1",  # ... a person known only as "he"/"she" did (maybe a garbled pronoun itself)
    "gender_stated",  # the pronoun's gender is stated for a person in reach (Mr., a spokeswoman, ...)
    "person_other_1",  # ... was only mentioned there
    "person_speaker_far",  # ... spoke or was a subject 2-5 sentences back
    "people_speaker_near",  # people ("officials") spoke or were a subject in reach
    "they_fits",  # "they" and people or an organisation English calls "they" (the police) spoke last or were
    # the subject of the sentence before
    "org_speaker_last",  # the last speaker in reach is an organisation or publication
    "org_speaker_distance",  # how far back it spoke (0..1: 1 = this or the last sentence)
    "org_topic_prev",  # an organisation was the subject or speaker of the sentence before
    "person_topic_prev",  # a fitting person was
    "org_in_reach",  # any organisation is in reach
    "no_candidate",  # nobody in reach fits the pronoun
    "gender_seen",  # a he/she of this gender came up earlier in the document
    "quote",  # the sentence holds a quote
    "org_content",  # the sentence or the one before talks like an organisation
)


def pronoun_features(tracker: SpeakerTracker, pronoun: str, verb: str, number: int, start: int,
                     rule_confidence: float, genders: set[str], closing: bool = False) -> dict[str, float]:
    """The features of the reporting pronoun at ``start`` of sentence ``number`` (the tracker holds the
    sentences before it and this one). ``closing``: the report closes the sentence ("..., he said."), so
    who the sentence names before it is what was said, not a candidate."""
    here = (number, start)
    ranked = tracker.candidates(pronoun, number, 0 if closing else start)
    fitting = [c for c in ranked if c.entity.kind == PERSON and fits_pronoun(c.entity, pronoun)]
    if pronoun == "they":
        fitting += [c for c in ranked if c.entity.kind == PEOPLE]
    speaking = [c for c in fitting if any(m.role in (SPEAKER, SUBJECT) and (m.sentence, m.start) < here
                                          for m in c.entity.mentions if m.sentence >= number - 1)]
    named = [c for c in speaking if any(not m.pronoun for m in c.entity.mentions)]
    mentioned = [c for c in fitting if c.last.sentence >= number - 1]
    far = [c for c in fitting if any(m.role in (SPEAKER, SUBJECT) and number - 5 <= m.sentence < number - 1
                                     for m in c.entity.mentions)]
    people = [c for c in ranked if c.entity.kind == PEOPLE and c.last.role in (SPEAKER, SUBJECT)]
    last = tracker.last_speaker(*here)
    org_last = last is not None and last[0].org_like
    previous = [(m, e) for m, e in tracker.mentions if m.sentence == number - 1 and m.role in (SPEAKER, SUBJECT)]
    plural = [e for e in ([last[0]] if last else []) + [e for _, e in previous] if e.kind == PEOPLE or e.plural]
    sentence = tracker.sentences[number]
    before = tracker.sentences.get(number - 1, "")
    gender = {"he": "m", "she": "f"}.get(pronoun)
    return {
        "he": pronoun == "he", "she": pronoun == "she", "they": pronoun == "they", "it": pronoun == "it",
        "inner": start > 4 and bool(sentence[:start].strip(" “\"‘'")),
        "present": verb.endswith("s") and not verb.endswith("ss"),
        "institutional": verb.lower() in INSTITUTIONAL,
        "rule": rule_confidence,
        "person_speaker_1": bool(named),
        "pronoun_speaker_1": bool(speaking) and not named,
        "gender_stated": bool(gender) and any(m.gender == gender and not m.pronoun
                                              for c in fitting for m in c.entity.mentions),
        "person_other_1": bool(mentioned) and not speaking,
        "person_speaker_far": bool(far) and not speaking,
        "people_speaker_near": bool(people),
        "they_fits": pronoun == "they" and bool(plural),
        "org_speaker_last": org_last,
        "org_speaker_distance": 1.0 / (1 + number - last[1].sentence) if org_last else 0.0,
        "org_topic_prev": any(e.org_like for _, e in previous),
        "person_topic_prev": any(e.kind == PERSON and fits_pronoun(e, pronoun) for _, e in previous),
        "org_in_reach": any(c.entity.org_like for c in ranked),
        "no_candidate": not any(fits_pronoun(c.entity, pronoun) for c in ranked),
        "gender_seen": gender in genders if gender else False,
        "quote": any(q in sentence for q in "“”\""),
        "org_content": bool(_ORG_CONTENT.search(sentence) or _ORG_CONTENT.search(before)),
    }


_WORD = re.compile(r"[a-z]+|[“”\"]|\x00")
_PRONOUN_SLOT = "\x00"


def context_words(sentence: str, start: int, pronoun: str, before: str) -> dict[str, float]:
    """The words around a reporting pronoun, as binary features: ``w:`` each word of its sentence and
    ``b:`` each pair of neighbouring words there (the pronoun as ``<pronoun>``: "b:<pronoun>_reported",
    "b:said_it"), ``p:`` each word of the sentence before."""
    clause = (sentence[:start] + f" {_PRONOUN_SLOT} " + sentence[start + len(pronoun):]).lower()
    words = [w if w != _PRONOUN_SLOT else "<pronoun>" for w in _WORD.findall(clause)]
    out = dict.fromkeys((f"w:{w}" for w in words), 1.0)
    out.update(dict.fromkeys((f"b:{a}_{b}" for a, b in zip(words, words[1:])), 1.0))
    out.update(dict.fromkeys((f"p:{w}" for w in _WORD.findall(before.lower())), 1.0))
    return out


@dataclass(frozen=True)
class AttributionModel:
    """A logistic regression: P(garbled) = sigmoid(bias + sum of weight * feature). ``person_in_reach``:
    the model for pronouns a fitting person was named just before (None: those pass unflagged)."""

    weights: dict[str, float]
    bias: float
    threshold: float = 0.5
    person_in_reach: "AttributionModel | None" = None

    def probability(self, features: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(name, 0.0) * float(value) for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> str:
        return json.dumps(self._as_dict(), indent=1) + "\n"

    def _as_dict(self) -> dict:
        out = {"features": list(self.weights), "weights": [round(w, 6) for w in self.weights.values()],
               "bias": round(self.bias, 6), "threshold": self.threshold}
        if self.person_in_reach is not None:
            out["person_in_reach"] = self.person_in_reach._as_dict()
        return out

    @classmethod
    def from_json(cls, text: str) -> "AttributionModel":
        return cls._from_dict(json.loads(text))

    @classmethod
    def _from_dict(cls, data: dict) -> "AttributionModel":
        near = data.get("person_in_reach")
        return cls(dict(zip(data["features"], data["weights"])), data["bias"], data.get("threshold", 0.5),
                   cls._from_dict(near) if near else None)


@functools.cache
def shipped_model() -> AttributionModel | None:
    """The model in review_app/data (None before it is first built)."""
    return AttributionModel.from_json(MODEL_PATH.read_text(encoding="utf-8")) if MODEL_PATH.exists() else None
