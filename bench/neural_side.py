"""Runs inside the side virtual environment (unbabel-comet, transformers 4.x): the reference scores.

Called by bench/neural_equality.py and bench/neural.py, never imported by the app:

    SIDE_PYTHON bench/neural_side.py comet CHECKPOINT_DIR INPUT.json OUTPUT.json [--batch-size N] [--threads N]
    SIDE_PYTHON bench/neural_side.py metricx MODEL_DIR INPUT.json OUTPUT.json [--qe] [--batch-size N]

INPUT.json holds {"src": [...], "mt": [...], "ref": [...]}; OUTPUT.json gets {"scores": [...],
"seconds": s, "peak_rss_mb": m, "versions": {...}, "keys": {"missing": [...], "unexpected": [...]}}.
``comet`` loads the folder with unbabel-comet's own ``load_from_checkpoint`` and lists the
tensors its model has that the checkpoint lacks, and the reverse.
``metricx`` runs the published MetricX-24 formula through transformers' full
MT5ForConditionalGeneration forward pass (one segment at a time, as the published predict
script is run), the metric's own package not being installable.
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, it starts afresh at exec, so a
    parent's peak does not show through)."""
    with open("/proc/self/status") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:")) / 1024


def comet_key_differences(model, checkpoint: Path) -> dict:
    """What unbabel-comet's own model has and the checkpoint lacks, and the reverse."""
    import torch

    stored = set(torch.load(checkpoint, map_location="cpu", weights_only=False)["state_dict"])
    wanted = set(model.state_dict())
    return {"missing": sorted(wanted - stored), "unexpected": sorted(stored - wanted)}


def run_comet(folder: Path, data: dict, batch_size: int) -> tuple[list[float], float, dict]:
    from comet import load_from_checkpoint

    checkpoint = folder / "checkpoints" / "model.ckpt"
    # strict=False is unbabel-comet's default: checkpoints saved with older transformers carry
    # position ids that newer ones rebuild; the differences are reported instead.
    model = load_from_checkpoint(str(checkpoint), strict=False, local_files_only=True)
    differences = comet_key_differences(model, checkpoint)
    keys = ("src", "mt", "ref") if data.get("ref") else ("src", "mt")
    samples = [dict(zip(keys, row)) for row in zip(*(data[k] for k in keys))]
    started = time.perf_counter()
    out = model.predict(samples, batch_size=batch_size, gpus=0, progress_bar=False)
    return list(out.scores), time.perf_counter() - started, differences


def run_metricx(folder: Path, data: dict, qe: bool) -> tuple[list[float], float, dict]:
    import torch
    from transformers import MT5ForConditionalGeneration, PreTrainedTokenizerFast

    # The tokenizer itself (tokenizer.json): transformers 4.x cannot read the tokenizer_config.json
    # that transformers 5 writes for T5 tokenizers, and only the token ids matter here.
    tokenizer = PreTrainedTokenizerFast(tokenizer_file=str(folder / "tokenizer.json"))
    model, info = MT5ForConditionalGeneration.from_pretrained(folder, output_loading_info=True)
    model.eval()
    scores = []
    started = time.perf_counter()
    with torch.no_grad():
        for i, (src, mt) in enumerate(zip(data["src"], data["mt"])):
            text = f"source: {src} candidate: {mt}" + ("" if qe else f" reference: {data['ref'][i]}")
            ids = tokenizer(text, max_length=1536, truncation=True)["input_ids"][:-1]
            logits = model(input_ids=torch.tensor([ids]), decoder_input_ids=torch.zeros((1, 1), dtype=torch.long)).logits
            scores.append(float(torch.clamp(logits[:, 0, 250089], 0, 25)[0]))
    keys = {"missing": sorted(info["missing_keys"]), "unexpected": sorted(info["unexpected_keys"])}
    return scores, time.perf_counter() - started, keys


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("kind", choices=("comet", "metricx"))
    parser.add_argument("folder", type=Path)
    parser.add_argument("input", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--threads", type=int, default=0)
    parser.add_argument("--qe", action="store_true")
    args = parser.parse_args()
    import torch

    if args.threads:
        torch.set_num_threads(args.threads)
    data = json.loads(args.input.read_text(encoding="utf-8"))
    if args.kind == "comet":
        scores, seconds, keys = run_comet(args.folder, data, args.batch_size)
    else:
        scores, seconds, keys = run_metricx(args.folder, data, args.qe)
    import transformers

    versions = {"torch": torch.__version__, "transformers": transformers.__version__}
    try:
        from importlib.metadata import version

        versions["unbabel-comet"] = version("unbabel-comet")
    except Exception:  # noqa: BLE001 - only a label
        pass
    args.output.write_text(json.dumps({"scores": scores, "seconds": seconds, "peak_rss_mb": peak_rss_mb(),
                                       "versions": versions, "keys": keys}), encoding="utf-8")


if __name__ == "__main__":
    main()
