"""What the pages show, without Streamlit: the open segment's read model and its small
decisions (``review_page``), escaped HTML snippets (``html_snippets``), word diffs
(``word_diff``) and the tables behind the charts (``tables``). Pages lay these out."""
