"""Reporting verbs in English: the one pattern that finds "said", "added", "pointed out"...
and the test of whether a verb that can be ordinary reports speech here."""
from __future__ import annotations

import re

from .lexicon import NEEDS_COMPLEMENT, PLURAL_REPORTING_VERBS, REPORTING_PHRASES, REPORTING_VERBS, VERB_ADVERBS

# Longest first, so "pointed out" wins over a shorter alternative at the same place.
VERBS = "|".join(sorted((*REPORTING_VERBS, *REPORTING_PHRASES), key=len, reverse=True))
REPORTING = re.compile(rf"\b(?:{VERBS})\b")
# What may follow a reporting pronoun: also the plain forms "they" takes ("They claim ...").
PRONOUN_VERBS = "|".join(sorted((*REPORTING_VERBS, *PLURAL_REPORTING_VERBS, *REPORTING_PHRASES), key=len, reverse=True))
# Words between a subject and its verb: "He also explained", "the ministry has said".
ADVERBS = r"(?:(?:" + "|".join(sorted(VERB_ADVERBS, key=len, reverse=True)) + r")\s+)*"
# Words before "states" that make it the noun: "US states", "member states", "the Gulf states".
_STATES_NOUN = re.compile(
    r"\b(?:US|U\.S\.|EU|UN|United|member|island|Gulf|Arab|Baltic|Balkan|Islamic|other|all|many|some|several|both|"
    r"these|those|two|three|four|five|neighbou?ring|sovereign|small|southern|northern|western|eastern|nation)\s+$")


def is_speech(text: str, verb: str, verb_end: int) -> bool:
    """Whether a verb that can be ordinary ("added two companies") reports speech here."""
    if verb.lower() == "states" and _STATES_NOUN.search(text, 0, verb_end - len(verb)):
        return False  # "Listed US states as having members ...": the noun
    if verb.lower() not in NEEDS_COMPLEMENT:
        return True
    rest = text[verb_end:]
    return bool(
        re.match(r"\s*(?:[,.:;!?”\"]|$)", rest)
        or re.match(r"(?:\s+[\w’'.-]+){0,6}?\s+that\b", rest)
        or re.match(r"\s*[:,]?\s*[“\"]", rest)
    )
