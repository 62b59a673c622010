"""Options and helpers that several commands share."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..workflow import DEFAULT_PROJECT


def add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", help="database URL (default: REVIEW_APP_DB or sqlite:///review_app.db)")


def add_project(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--project", default=DEFAULT_PROJECT, help="project name (default: %(default)s)")


def add_format(parser: argparse.ArgumentParser, choices=("text", "json")) -> None:
    parser.add_argument("--format", dest="output_format", choices=choices, default=choices[0])


def print_json(data) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def repo_root() -> Path:
    """The checkout the package runs from (seeds/, corpora/ and .streamlit/ live there)."""
    return Path(__file__).resolve().parents[2]
