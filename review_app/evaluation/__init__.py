"""Measuring the checks against labelled data: precision and recall on a labels file,
and (with the other measurements that join it) figures a user can reproduce."""
