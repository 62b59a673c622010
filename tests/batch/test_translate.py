"""Candidate translation of the kept pairs with a real (tiny) MarianMT model (built by the session fixture), on
local workers and on a Ray actor pool: one load per worker, the same candidates on both engines."""
from __future__ import annotations

import json
import subprocess
from dataclasses import replace

from review_app.batch import BatchOptions, ModelSpec

from ..e2e.conftest import review_app_command
from .conftest import read_parts, run
from .corpus import news_pairs

# ``marian`` (tests/model_fixtures.py): a tiny MarianMT with init_std=1.0, so candidates depend on the source.


def test_kept_pairs_get_the_same_candidates_on_both_engines_from_one_model_load_per_worker(marian, tmp_path,
                                                                                           ray_cluster):
    pairs = news_pairs()[:150] + news_pairs()[:20]  # 20 duplicates: removed, so never translated
    corpus = tmp_path / "news.tsv"
    corpus.write_text("".join(f"{s}\t{t}\n" for s, t in pairs), encoding="utf-8")
    model = ModelSpec(str(marian), "transformers", "tiny-marian",
                      {"max_length": "6", "beam_size": "1", "batch_size": "16", "threads": "1"})
    options = BatchOptions(inputs=(str(corpus),), out=str(tmp_path / "local"), source_lang="ko", target_lang="en",
                           shard_bytes=6_000, model=model)
    local = run(options, "local", workers=2)
    ray = run(replace(options, out=str(tmp_path / "ray")), "ray", workers=2, address=ray_cluster.address)

    kept = read_parts(tmp_path / "local" / "kept")
    candidates = [row["candidate"] for row in kept]
    assert len(kept) == 150 and sum(1 for c in candidates if c) >= 140  # a random model writes nothing at times
    assert len(set(candidates)) > 100  # the model read each source
    assert read_parts(tmp_path / "ray" / "kept") == kept
    assert all("candidate" not in row for row in read_parts(tmp_path / "local" / "removed"))
    assert local.report["candidates"]["system"] == "tiny-marian"
    for result in (local, ray):
        finish = result.run["stages"]["finish"]
        loads = finish["models_loaded_per_worker"]
        assert set(loads.values()) == {1} and 1 <= len(loads) <= 2
        assert finish["jobs"] > len(loads)  # workers finished several shards each, on the one model they loaded


def test_the_command_line_passes_the_model_and_its_options(marian, tmp_path):
    corpus = tmp_path / "news.tsv"
    corpus.write_text("".join(f"{s}\t{t}\n" for s, t in news_pairs()[:30]), encoding="utf-8")
    out = tmp_path / "out"
    done = subprocess.run([*review_app_command(), "batch", str(corpus), "--out", str(out), "--source-lang", "ko",
                           "--target-lang", "en", "--workers", "1", "--no-progress", "--model", str(marian),
                           "--system", "tiny", "--model-max-length", "3", "--model-beam-size", "1"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    candidates = [row["candidate"] for row in read_parts(out / "kept")]
    assert len(candidates) == 30 and any(candidates)
    assert max(len(c.split()) for c in candidates if c) <= 3  # --model-max-length reached the model
    report = json.loads((out / "report.json").read_text())
    assert report["candidates"]["system"] == "tiny" and report["candidates"]["mode"] == "translate"
