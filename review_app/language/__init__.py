"""What the app knows about languages, apart from any check: English mentions, names,
reporting verbs and word lists (``english/``); numbers read by value in English and
Korean (``numbers``); which script a text is written in (``scripts``).

Checks (``review_app.checks``) decide what is wrong; this package only reads text.
"""
