"""Names vulture (the dead-code check in scripts/test.sh) cannot see being used; each line says who uses it."""
# ruff: noqa
_ = object()
_.truncation_side  # tokenizer settings that transformers reads (candidates/hf.py, ct2.py)
_.padding_side
_.num_refs  # sacrebleu metric attribute set for signatures (scoring/metrics.py)
_._ref_cache  # sacrebleu's reference cache, reset per batch (scoring/parallel.py)
_.isolation_level  # the sqlite3 driver's setting (storage/engine.py)
_sqlite_pragmas  # SQLAlchemy event listeners, registered by decorator (storage/engine.py)
_sqlite_begin
is_baseline  # dataclass fields read through Leaderboard.records() (scoring/leaderboard.py)
higher_is_better
ended  # JobStatus field, set with dataclasses.replace (workflow/jobs.py)
pytest_plugins  # pytest hooks and fixtures, found by name (tests/)
pytestmark
postgres_url
nllb_ct2
fragile
_.json_value  # protobuf field of a widget state, set for AppTest's component values (tests/ui/helpers.py)
_sessions_isolated  # autouse fixture (tests/conftest.py)
wall  # fixture used through pytest.mark.usefixtures (tests/security/test_signin_page.py)
_.forward  # torch modules' forward, called by nn.Module.__call__ (scoring/neural/comet.py)
_.to_json  # AttributionModel.to_json, written by scripts/build_attribution_model.py (outside vulture paths)
_.enable_progress_bars  # Ray Data's DataContext settings, read by Ray (batch/engines.py)
_.print_on_execution_start
