"""The vector index: exact inner-product search while it is fast enough, an ANN index past that."""
from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np

# Exact search scans every vector; past this many clauses it no longer answers in a few ms.
FLAT_LIMIT = 50_000
ANN_FILE = "ann.faiss"


def choose_index(folder: Path, vectors: np.ndarray) -> tuple[str, dict]:
    """Write the ANN index a corpus of this size needs; return its kind and parameters."""
    if len(vectors) <= FLAT_LIMIT:
        return "flat", {}
    nlist = int(4 * np.sqrt(len(vectors)))
    # Inner product equals cosine similarity on unit-length vectors.
    index = faiss.index_factory(vectors.shape[1], f"IVF{nlist},SQ8", faiss.METRIC_INNER_PRODUCT)
    sample = vectors[np.random.default_rng(0).choice(len(vectors), min(len(vectors), 64 * nlist), replace=False)]
    index.train(sample)
    index.add(vectors)
    faiss.write_index(index, str(folder / ANN_FILE))
    return "ivf-sq8", {"nlist": nlist, "nprobe": 32}


def open_index(folder: Path, vectors: np.ndarray, manifest: dict):
    """A FAISS index over the generation's vectors, as the manifest describes it."""
    spec = manifest.get("index", {"kind": "flat"})
    if spec["kind"] == "flat":
        index = faiss.IndexFlatIP(vectors.shape[1])
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
        return index
    index = faiss.read_index(str(folder / ANN_FILE))
    faiss.extract_index_ivf(index).nprobe = spec.get("nprobe", 32)
    return index
