"""The Models page offers the neural metrics whose checkpoints the server has, ranks with them
beside BLEU (with their signatures), and orders its drill-down by them."""
from __future__ import annotations

import pytest

from review_app.storage import Store
from review_app.ui import data
from review_app.workflow.scoring import import_mqm

from ..scoring.data import ted_rows
from ..ui.helpers import app, open_page


@pytest.fixture
def neural_app(sqlite_url, comet22, monkeypatch):
    monkeypatch.setenv("REVIEW_APP_DB", sqlite_url)
    monkeypatch.delenv("REVIEW_APP_AUTH_FILE", raising=False)
    monkeypatch.setenv("REVIEW_APP_COMET_MODEL", str(comet22))
    data.neural_metrics.clear()  # the page caches what it found for a few minutes
    yield sqlite_url
    data.neural_metrics.clear()


def test_comet_is_offered_when_its_checkpoint_is_found_and_ranks_with_its_signature(neural_app, monkeypatch):
    store = Store(neural_app)
    import_mqm(store, "ted", [r for r in ted_rows() if r.doc == "talk.3"], source_lang="en", target_lang="de")
    at = open_page(app("ana"), "models")
    metrics = at.multiselect(key="models-metrics")
    # COMET-22's folder is configured and found; CometKiwi and MetricX point at hub ids not on this machine.
    assert metrics.options == ["bleu", "chrf", "ter", "comet"]
    metrics.set_value(["bleu", "comet"])
    at.multiselect(key="models-systems-ted").set_value(["Facebook-AI", "Nemo"])
    at.selectbox(key="models-method").set_value("bs").run()
    at.button(key="models-run").click().run(timeout=300)
    assert not at.exception, at.exception
    assert [o for o in at.selectbox(key="models-rank-by").options] == ["BLEU", "COMET"]
    at.selectbox(key="models-rank-by").set_value("COMET").run()
    ranking = next(df.value for df in at.dataframe if "vs baseline" in df.value.columns)
    assert list(ranking["COMET"]) == sorted(ranking["COMET"], reverse=True)
    signatures = "\n".join(t.value for t in at.text)
    assert "COMET: nrefs:1|model:tiny-comet22|" in signatures and "BLEU: nrefs:1|" in signatures
    # The drill-down can order by the same model's segment scores.
    at.selectbox(key="models-diff-metric").set_value("comet").run(timeout=300)
    assert not at.exception, at.exception
    table = next(df.value for df in at.dataframe if "reference" in df.value.columns)
    assert {"COMET Facebook-AI", "COMET Nemo"} <= set(table.columns)
    assert list(table["Δ (B − A)"].abs()) == sorted(table["Δ (B − A)"].abs(), reverse=True)
