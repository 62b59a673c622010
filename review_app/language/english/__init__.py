"""English: word lists, names, reporting verbs, and who is mentioned in a sentence."""
