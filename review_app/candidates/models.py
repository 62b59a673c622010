"""Where models come from, offline first, and what license each one carries.

A model reference is a directory, a name under the ``model_dir`` setting, or a
Hugging Face id found in the local Hugging Face cache. Resolution never goes to
the network: a model that is not here gives one line saying how to get it
(``review-app models pull ID`` on a connected machine). Only :func:`pull`
downloads. Licenses come from the model card's front matter, else from the
catalog below, and are shown next to the model everywhere.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from .. import settings
from ..errors import BadInputError


@dataclass(frozen=True)
class KnownModel:
    id: str
    kind: str  # translation | seq2seq (editor) | causal (chat)
    license: str
    note: str


# Models that suit this app, with the license on their model card.
CATALOG: dict[str, KnownModel] = {
    m.id: m
    for m in (
        KnownModel("Helsinki-NLP/opus-mt-ko-en", "translation", "apache-2.0", "MarianMT Korean to English, 300 MB"),
        KnownModel("facebook/nllb-200-distilled-600M", "translation", "cc-by-nc-4.0",
                   "NLLB-200, 200 languages (codes like kor_Hang), 2.5 GB"),
        KnownModel("facebook/m2m100_418M", "translation", "mit", "M2M100, 100 languages, 1.9 GB"),
        KnownModel("google/flan-t5-base", "seq2seq", "apache-2.0", "instruction-tuned T5, edits English, 1 GB"),
        KnownModel("grammarly/coedit-large", "seq2seq", "cc-by-nc-4.0", "text-editing T5, 3 GB"),
        KnownModel("Qwen/Qwen2.5-1.5B-Instruct", "causal", "apache-2.0", "chat model, reads the context, 3 GB"),
        KnownModel("HuggingFaceTB/SmolLM2-360M-Instruct", "causal", "apache-2.0", "small chat model, 700 MB"),
        # Metrics and quality estimation (the neural extra): see review_app/scoring/neural.
        KnownModel("Unbabel/wmt22-comet-da", "metric (COMET)", "apache-2.0", "COMET-22, reference-based, 2.3 GB"),
        KnownModel("Unbabel/wmt22-cometkiwi-da", "qe (CometKiwi)", "cc-by-nc-sa-4.0",
                   "CometKiwi, reference-free QE, 2.3 GB (gated: accept the license on its model page)"),
        KnownModel("google/metricx-24-hybrid-large-v2p6", "metric (MetricX)", "apache-2.0",
                   "MetricX-24, with a reference or as QE, 4.9 GB"),
        KnownModel("google/metricx-24-hybrid-xl-v2p6", "metric (MetricX)", "apache-2.0", "MetricX-24 XL, 15 GB"),
    )
}

NON_COMMERCIAL = re.compile(r"(^|-)nc(-|$)|non-?commercial", re.IGNORECASE)
WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin", "model.bin", "checkpoints/model.ckpt")
# The file that makes a folder a model: config.json for transformers models, hparams.yaml for COMET checkpoints.
MARKERS = ("config.json", "hparams.yaml")


@dataclass(frozen=True)
class ResolvedModel:
    ref: str  # what the user asked for
    path: Path
    where: str  # directory | model_dir | hf-cache
    revision: str | None
    license: str | None

    @property
    def name(self) -> str:
        """A display name: the hub id, else the directory's name."""
        return self.ref if self.where == "hf-cache" else self.path.name

    @property
    def is_ctranslate2(self) -> bool:
        return (self.path / "model.bin").is_file()


def describe_license(license: str | None) -> str:
    if not license:
        return "license unknown: read the model card before use"
    if NON_COMMERCIAL.search(license):
        return f"{license} (non-commercial use only)"
    return license


def missing_message(ref: str) -> str:
    return (
        f"{ref}: not in the local cache: run `review-app models pull {ref}` on a connected machine, "
        "or pass a directory"
    )


def resolve(ref: str, marker: str = "config.json") -> ResolvedModel:
    """Find a model without the network, or raise BadInputError with what to do.

    ``marker`` is the file a model folder must hold (``hparams.yaml`` for a COMET checkpoint)."""
    ref = ref.strip()
    if not ref:
        raise BadInputError("no model given: pass --model ID_OR_DIR")
    path = Path(ref).expanduser()
    if path.is_dir():
        return _from_directory(ref, path, "directory", marker)
    if _looks_like_path(ref):
        raise BadInputError(f"{ref}: no such model directory")
    local = _in_model_dir(ref, marker)
    if local is not None:
        return _from_directory(ref, local, "model_dir", marker)
    snapshot = _hf_cache_snapshot(ref, marker)
    if snapshot is None:
        raise BadInputError(missing_message(ref))
    return ResolvedModel(ref, snapshot, "hf-cache", snapshot.name, model_license(snapshot, ref))


def _looks_like_path(ref: str) -> bool:
    return ref.startswith(("/", ".", "~")) or ref.count("/") > 1 or "\\" in ref


def _from_directory(ref: str, path: Path, where: str, marker: str = "config.json") -> ResolvedModel:
    if not (path / marker).is_file():
        raise BadInputError(f"{ref}: not a model directory (no {marker} in {path})")
    path = path.resolve()
    return ResolvedModel(ref, path, where, directory_fingerprint(path, marker), model_license(path, ref))


def _in_model_dir(ref: str, marker: str = "config.json") -> Path | None:
    base = settings.get("model_dir")
    if not base:
        return None
    for name in (ref, ref.replace("/", "--"), ref.rsplit("/", 1)[-1]):
        candidate = Path(base).expanduser() / name
        if (candidate / marker).is_file():
            return candidate
    return None


def _hf_cache_snapshot(ref: str, marker: str = "config.json") -> Path | None:
    try:
        from huggingface_hub import try_to_load_from_cache
        from huggingface_hub.errors import HFValidationError
    except ImportError:
        raise BadInputError(
            f"{ref}: looking in the Hugging Face cache needs the mt extra: pip install 'review_app[mt]'"
        ) from None
    try:
        found = try_to_load_from_cache(ref, marker)
    except HFValidationError:
        raise BadInputError(f"{ref}: neither a directory nor a Hugging Face model id") from None
    return Path(found).parent if isinstance(found, str) else None


def directory_fingerprint(path: Path, marker: str = "config.json") -> str:
    """A cheap content fingerprint standing in for a revision: config plus the head and size of
    the weights, so two different models in the same folder never look alike."""
    digest = hashlib.sha256((path / marker).read_bytes())
    for name in WEIGHT_FILES:
        weights = path / name
        if weights.is_file():
            digest.update(str(weights.stat().st_size).encode())
            with weights.open("rb") as fh:
                digest.update(fh.read(1 << 20))
    return "sha256:" + digest.hexdigest()[:16]


def model_license(path: Path, ref: str = "") -> str | None:
    """The license on the model card (README.md front matter), else the catalog's, else
    what a CTranslate2 conversion recorded."""
    readme = path / "README.md"
    if readme.is_file():
        match = re.search(r"^license:\s*([\w.\-]+)", _front_matter(readme.read_text(errors="replace")), re.M)
        if match:
            return match.group(1)
    if ref in CATALOG:
        return CATALOG[ref].license
    meta = read_config(path, "review_app.json")
    return meta.get("license")


def _front_matter(text: str) -> str:
    if not text.startswith("---"):
        return ""
    end = text.find("\n---", 3)
    return text[3:end] if end > 0 else ""


def read_config(path: Path, name: str = "config.json") -> dict:
    file = path / name
    if not file.is_file():
        return {}
    try:
        return json.loads(file.read_text())
    except json.JSONDecodeError as exc:
        raise BadInputError(f"{file}: line {exc.lineno}, column {exc.colno}: not valid JSON ({exc.msg})") from None


# -- listing and pulling ------------------------------------------------------


@dataclass(frozen=True)
class ModelInfo:
    id: str
    where: str  # hf-cache | model_dir | not downloaded
    path: str | None
    kind: str
    license: str


def list_models() -> list[ModelInfo]:
    """Models on this machine (Hugging Face cache, model_dir) and the catalog's suggestions."""
    found: dict[str, ModelInfo] = {}
    local = [("hf-cache", ref, path) for ref, path in _cached_models()]
    local += [("model_dir", ref, path) for ref, path in _model_dir_models()]
    for where, ref, path in local:
        license = describe_license(model_license(path, ref))
        found.setdefault(ref, ModelInfo(ref, where, str(path), _kind(path, ref), license))
    for m in CATALOG.values():
        found.setdefault(m.id, ModelInfo(m.id, "not downloaded", None, m.kind, describe_license(m.license)))
    return sorted(found.values(), key=lambda m: (m.where == "not downloaded", m.id.lower()))


def _kind(path: Path, ref: str) -> str:
    from .prompts import model_kind

    known = CATALOG.get(ref)
    if known and known.kind.startswith(("metric", "qe")):  # config.json alone would say seq2seq
        return known.kind
    config = read_config(path)
    if "MT5ForRegression" in config.get("architectures", []):
        return "metric (MetricX)"
    if "model_type" in config or "is_encoder_decoder" in config:
        return model_kind(config)
    meta = read_config(path, "review_app.json")
    if meta:
        return meta.get("kind", "?") + " (ctranslate2)"
    if (path / "hparams.yaml").is_file():
        return "metric (COMET)"
    return "?"


def _cached_models() -> list[tuple[str, Path]]:
    try:
        from huggingface_hub import constants, scan_cache_dir
        from huggingface_hub.errors import CacheNotFound
    except ImportError:
        return []
    try:
        # Named explicitly: scan_cache_dir's own default is frozen when its module is imported.
        cache = scan_cache_dir(constants.HF_HUB_CACHE)
    except CacheNotFound:
        return []
    out = []
    for repo in cache.repos:
        if repo.repo_type != "model" or not repo.revisions:
            continue
        newest = max(repo.revisions, key=lambda r: r.last_modified)
        out.append((repo.repo_id, Path(newest.snapshot_path)))
    return out


def _model_dir_models() -> list[tuple[str, Path]]:
    base = settings.get("model_dir")
    if not base or not Path(base).expanduser().is_dir():
        return []
    return [(p.name, p) for p in sorted(Path(base).expanduser().iterdir())
            if any((p / marker).is_file() for marker in MARKERS)]


def pull(ref: str, revision: str | None = None, allow_patterns: list[str] | None = None) -> ResolvedModel:
    """Download a model into the Hugging Face cache (needs the network); ``allow_patterns``
    limits it to some files (a metric's encoder needs only its config and tokenizer)."""
    try:
        from huggingface_hub import snapshot_download
        from huggingface_hub.errors import HfHubHTTPError, OfflineModeIsEnabled
    except ImportError:
        raise BadInputError("pulling models needs the mt extra: pip install 'review_app[mt]'") from None
    try:
        path = snapshot_download(ref, revision=revision, allow_patterns=allow_patterns)
    except OfflineModeIsEnabled:
        raise BadInputError(f"{ref}: cannot download with HF_HUB_OFFLINE set; pull on a connected machine") from None
    except (HfHubHTTPError, OSError, ValueError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise BadInputError(f"{ref}: download failed: {reason}") from None
    return ResolvedModel(ref, Path(path), "hf-cache", Path(path).name, model_license(Path(path), ref))
