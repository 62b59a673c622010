"""Shared set-up for the UI tests: real seed and MLQE-PE data, and the app under AppTest."""
from __future__ import annotations

import csv
import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

from review_app import auth
from review_app.model import Finding, Severity
from review_app.workflow import candidates, importing, review, risk

from ..conftest import DATA, SEED

APP = Path(__file__).resolve().parents[2] / "review_app" / "ui" / "app.py"
VIEWS = APP.parent / "views"
# The seed's sentence with a pronoun for the State Department (segment 24 in reading order).
HE_ALSO_EXPLAINED = 23

PASSWORDS = {"ana": "Office of Foreign Assets Control", "bo": "Trafficking in Persons Report"}


def write_team(accounts: Path) -> Path:
    """An accounts file with an admin (ana) and a reviewer (bo)."""
    auth.save_account(accounts, "ana", auth.ADMIN, PASSWORDS["ana"])
    auth.save_account(accounts, "bo", auth.REVIEWER, PASSWORDS["bo"])
    return accounts


def use_team(tmp_path: Path, db_url: str, monkeypatch) -> Path:
    """The app reads ``write_team``'s accounts and ``db_url`` from its environment."""
    accounts = write_team(tmp_path / "accounts.toml")
    monkeypatch.setenv("REVIEW_APP_AUTH_FILE", str(accounts))
    monkeypatch.setenv("REVIEW_APP_DB", db_url)
    return accounts


def mlqe_rows(pair: str = "ro-en", limit: int = 50) -> list[dict]:
    path = DATA / "post_editing" / f"mlqe-pe_{pair}_test20.tsv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [row for _, row in zip(range(limit), rows)]


def import_seed(store):
    doc, _ = importing.import_file(store, SEED, project="demo")
    return doc


def attribution_finding(text: str) -> Finding:
    """The finding the attribution check reports on "He also explained ...", made here so the
    UI tests do not depend on the checks' wording (their own tests pin that)."""
    repaired = "The State Department" + text[len("He"):]
    return Finding("attribution", Severity.MAJOR, 0, 2,
                   "A pronoun reports what an organisation said.", repaired)


def seed_with_finding(store):
    """The seed imported, with an attribution finding and its rule repair on segment 24."""
    doc = import_seed(store)
    seg = store.segments(doc.id)[HE_ALSO_EXPLAINED]
    finding = attribution_finding(seg.mt)
    store.replace_findings(doc.id, {seg.id: [finding]}, {seg.id: importing.rule_candidates_for([finding])})
    risk.refresh_risk(store, doc.id)  # as a re-check does: the queue follows the findings
    return doc, store.segment(seg.id)


def app(reviewer: str | None = "ana") -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.run()
    if reviewer is not None:
        at.text_input(key="reviewer_name").input(reviewer).run()
    return at


def open_page(at: AppTest, name: str) -> AppTest:
    return at.switch_page(str(VIEWS / f"{name}.py")).run()


def open_tab(at: AppTest, label: str) -> AppTest:
    """Pick a tab of the review page's side panel (only the open tab is drawn)."""
    at.session_state["review-tabs"] = label
    return at.run()


def component_args(at: AppTest, key: str) -> dict:
    """The arguments the page gave one of its custom components (what the browser would draw)."""
    return json.loads(_component(at, key).proto.json_args)


def send_component_value(at: AppTest, key: str, value) -> AppTest:
    """Run the page as the browser would after the component at ``key`` sent ``value``.

    AppTest has no driver for custom components, so this adds the component's widget state
    (a JSON value under its element id) to the ones AppTest sends, as Streamlit's frontend does."""
    states = at._tree.get_widget_states()
    state = states.widgets.add()
    state.id = _component(at, key).proto.id
    state.json_value = json.dumps(value)
    return at._run(states)


def _component(at: AppTest, key: str):
    return next(c for c in at.get("component_instance") if c.key == key)


def in_order(at: AppTest) -> list:
    """Every element of the main area in the order the page draws them (for 'shown beside' checks)."""
    out = []

    def walk(node):
        children = getattr(node, "children", None)
        if children is None:
            out.append(node)
            return
        for child in children.values():
            walk(child)

    walk(at.main)
    return out
NEWS = Path(__file__).resolve().parents[2] / "corpora" / "korean-english-news-v1"


def news_lines(count: int) -> tuple[list[str], list[str]]:
    ko = (NEWS / "dev.ko").read_text(encoding="utf-8").splitlines()[:count]
    en = (NEWS / "dev.en").read_text(encoding="utf-8").splitlines()[:count + 2]
    return ko, en


def news_project(store, count: int = 12, project: str = "news"):
    """The issue's case: Korean news with an MT and two imported systems. "papago" is the human
    English of each sentence, "google" the English of the sentence after it (a wrong translation,
    yet real English), the MT the one after that. Returns the document."""
    ko, en = news_lines(count)
    tsv = "id\tsource\tmt\n" + "".join(f"{i + 1}\t{ko[i]}\t{en[i + 2]}\n" for i in range(count))
    doc, _ = importing.import_bytes(store, "news.tsv", tsv.encode(), project=project, source_lang="ko",
                                    target_lang="en", checks=False)
    for system, shift in (("papago", 0), ("google", 1)):
        lines = "".join(f"{en[i + shift]}\n" for i in range(count))
        candidates.import_system_outputs(store, f"{system}.txt", lines.encode(), system=system, project=project)
    return doc


def accept_system(store, document_id: int, system: str, count: int, reviewer: str = "ana") -> None:
    """Approve ``count`` segments by accepting ``system``'s candidate (references made from its outputs)."""
    for seg in store.segments(document_id)[:count]:
        (cand,) = [c for c in store.candidates(seg.id) if c.system == system]
        review.save_correction(store, seg.id, cand.text, reviewer=reviewer, based_on_version=seg.version,
                               candidate_id=cand.id)
