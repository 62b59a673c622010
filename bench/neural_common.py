"""What the neural benchmarks share: the side environment with unbabel-comet, tiny checkpoints,
and the test inputs (never imported by the app).

The side environment is a separate virtual environment (default ``bench/out/comet-venv``)
because unbabel-comet pins numpy<2, transformers<5 and torchmetrics<0.11, which the app's
environment does not take. It gets the same torch as the app (2.13.0, from local disk)
first, then unbabel-comet 2.2.7, then setuptools<81 (torchmetrics 0.10 imports pkg_resources).
"""
from __future__ import annotations

import json
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
SIDE_VENV = OUT / "comet-venv"
SIDE_SCRIPT = ROOT / "bench" / "neural_side.py"
SIDE_PACKAGES = (["torch==2.13.0"], ["unbabel-comet==2.2.7"], ["setuptools<81"])
sys.path.insert(0, str(ROOT))


def side_python(folder: Path = SIDE_VENV) -> Path:
    """The side environment's python, building the environment first if it is not there."""
    python = folder / "bin" / "python"
    if python.is_file() and subprocess.run([str(python), "-c", "import comet"], capture_output=True).returncode == 0:
        return python
    print(f"building the side environment in {folder} (a few minutes)", file=sys.stderr, flush=True)
    venv.create(folder, with_pip=True, clear=True)
    for packages in SIDE_PACKAGES:  # torch first, so unbabel-comet's "torch>=1.6" takes it
        subprocess.run([str(python), "-m", "pip", "install", "-q", *packages], check=True)
    return python


def run_side(python: Path, kind: str, folder: Path, data: dict, *options: str) -> dict:
    """Score ``data`` in the side environment; its JSON answer (scores, seconds, peak RSS, versions)."""
    OUT.mkdir(parents=True, exist_ok=True)
    given, answer = OUT / f"neural-side-{kind}-in.json", OUT / f"neural-side-{kind}-out.json"
    given.write_text(json.dumps(data), encoding="utf-8")
    subprocess.run([str(python), str(SIDE_SCRIPT), kind, str(folder), str(given), str(answer), *options],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return json.loads(answer.read_text(encoding="utf-8"))


def news_inputs(n: int) -> dict[str, list[str]]:
    """Korean sources, English references, and as MT the English of the next pair (a fluent but wrong
    translation), from corpora/korean-english-news-v1 (repeated past its 1,000 pairs)."""
    corpus = ROOT / "corpora" / "korean-english-news-v1"
    ko = (corpus / "dev.ko").read_text(encoding="utf-8").splitlines()
    en = (corpus / "dev.en").read_text(encoding="utf-8").splitlines()
    rows = [(ko[i % len(ko)], en[i % len(en)], en[(i + 1) % len(en)]) for i in range(n)]
    return {"src": [r[0] for r in rows], "ref": [r[1] for r in rows], "mt": [r[2] for r in rows]}


def build_tiny(folder: Path, *, hidden: int = 32, layers: int = 2, ffn: int = 64, vocab: int = 1000,
               estimator: tuple[int, ...] = (64, 32), metricx_width: int = 16) -> dict[str, Path]:
    """COMET-22, CometKiwi and MetricX-24 tiny checkpoints (built once per size, then reused)."""
    from review_app.candidates.tiny import corpus_sentences

    from tests import tiny_neural as tiny

    sentences = corpus_sentences(ROOT)
    paths = {"encoder": folder / "xlmr", "comet": folder / "comet22", "cometkiwi": folder / "cometkiwi",
             "metricx": folder / "metricx24"}
    if not (paths["metricx"] / "config.json").is_file():
        tiny.build_xlmr_encoder(paths["encoder"], sentences, vocab_size=vocab, hidden=hidden, layers=layers,
                                heads=max(2, hidden // 64), ffn=ffn)
        tiny.build_comet(paths["comet"], paths["encoder"], kind="comet", hidden_sizes=estimator)
        tiny.build_comet(paths["cometkiwi"], paths["encoder"], kind="cometkiwi", hidden_sizes=estimator, seed=1)
        tiny.build_metricx(paths["metricx"], sentences, d_model=metricx_width)
    return paths


def ted_inputs(system: str = "Facebook-AI") -> dict[str, list[str]]:
    """The WMT21 TED MQM release (corpora/wmt21-ted-mqm-ende): English sources, the human German
    reference, and one real system's German output, 529 segments."""
    from review_app.scoring.mqm import read_mqm, strip_marks

    tsv = ROOT / "corpora" / "wmt21-ted-mqm-ende" / "mqm_ted_ende.tsv"
    sources, texts = {}, {}
    for row in read_mqm(tsv.name, tsv.read_bytes()):
        key = (row.doc, int(row.seg_id))
        sources[key] = row.source
        texts.setdefault(row.system, {})[key] = strip_marks(row.target)[0]
    order = sorted(sources, key=lambda k: k[1])
    return {"src": [sources[k] for k in order], "ref": [texts["ref"][k] for k in order],
            "mt": [texts[system][k] for k in order]}
