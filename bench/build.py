"""Suite 1, build throughput: a whole build against the bare model loading and encoding the same texts."""
from __future__ import annotations

import gc
import statistics
import time
from pathlib import Path

from indexer import Index
from indexer.embedding import Embedder
from indexer.testing import FakeEmbedder

from .corpus import bench_corpus, embedded_texts
from .report import Report, Row, quiet_stderr, timed


def _bare_load_encode(texts: list[str], path: str, encodes: list[float]) -> tuple[float, float]:
    from sentence_transformers import SentenceTransformer

    def work():
        model = SentenceTransformer(path, device="cpu")
        started = time.perf_counter()
        model.encode(texts, batch_size=32, normalize_embeddings=True, convert_to_numpy=True)
        encodes.append(time.perf_counter() - started)

    return timed(work)


def one_build(corpus: Path, index: Path, encodes: list[float] | None = None) -> tuple[float, float]:
    class TimedEmbedder(Embedder):
        """The real embedder, noting how long its encode calls take."""

        def encode(self, texts, batch_size=32, progress=None):
            started = time.perf_counter()
            vectors = super().encode(texts, batch_size=batch_size, progress=progress)
            if encodes is not None:
                encodes.append(time.perf_counter() - started)
            return vectors

    def work():
        with quiet_stderr():
            Index(corpus, index, model=TimedEmbedder()).build()

    return timed(work)


def _build_without_model(corpus: Path, index: Path) -> float:
    """A build with the tests' fake embedder: everything except the model (parse, BM25, write)."""
    started = time.perf_counter()
    Index(corpus, index, model=FakeEmbedder(dimension=384)).build()
    return time.perf_counter() - started


def bench_build(report: Report, work: Path, repeats: int) -> Path:
    """Build vs bare load+encode of the same texts; returns the last index built."""
    corpus = bench_corpus(work)
    texts = embedded_texts(corpus)  # the floor encodes every text the index embeds, parts included
    embedder = Embedder()
    tokenizer = embedder.model.tokenizer
    limit = embedder.model.max_seq_length
    tokens = sum(min(len(ids), limit) for ids in tokenizer(texts, add_special_tokens=True)["input_ids"])
    embedder.model.encode(texts[:128], batch_size=32)  # first use of torch's kernels is slow; keep it out of both
    builds, bares = [], []  # (wall, cpu) per run
    build_encodes, bare_encodes = [], []  # seconds inside model.encode, per run
    index = work / "index-0"
    for n in range(repeats):
        # alternate the order so drift on a shared machine hits both sides alike
        for side in (("bare", "build") if n % 2 == 0 else ("build", "bare")):
            gc.collect()
            if side == "bare":
                bares.append(_bare_load_encode(texts, embedder.path, bare_encodes))
            else:
                index = work / f"index-{n}"  # a fresh folder: nothing to reuse
                builds.append(one_build(corpus, index, build_encodes))
    build_s, bare_s = (statistics.median(w for w, _ in runs) for runs in (builds, bares))
    build_cpu, bare_cpu = (statistics.median(c for _, c in runs) for runs in (builds, bares))
    paired = statistics.median(b[0] / a[0] for b, a in zip(builds, bares))
    rest = statistics.median(_build_without_model(corpus, work / f"instant-{n}") for n in range(repeats))
    report.note(f"build: {len(texts)} embedded texts, {tokens} tokens; build runs (wall, CPU) "
                f"{[(round(w, 1), round(c, 1)) for w, c in builds]} s, bare load+encode runs "
                f"{[(round(w, 1), round(c, 1)) for w, c in bares]} s; median of paired wall ratios {paired:.2f}")
    report.add(Row("build", "build wall time", build_s, "s", bare_s, "bare load+encode", "<= 1.15x",
                   build_s / bare_s <= 1.15))
    report.add(Row("build", "build CPU time (process and children)", build_cpu, "s", bare_cpu, "bare load+encode",
                   "<= 1.15x", build_cpu / bare_cpu <= 1.15))
    # The same encode takes 15 s or 45 s depending on what else the machine runs; comparing the rest of each
    # side around one pooled encode time removes that noise from the ratio.
    encode = statistics.median(build_encodes + bare_encodes)
    around_build = statistics.median(w - e for (w, _), e in zip(builds, build_encodes))
    around_bare = statistics.median(w - e for (w, _), e in zip(bares, bare_encodes))
    report.add(Row("build", "build, encode time pooled (encode + rest of build)", encode + around_build, "s",
                   encode + around_bare, "encode + model load", "<= 1.15x",
                   (encode + around_build) / (encode + around_bare) <= 1.15))
    report.note(f"build: pooled encode {encode:.1f} s (build encodes {[round(e, 1) for e in build_encodes]}, bare "
                f"{[round(e, 1) for e in bare_encodes]}); rest of the build {around_build:.2f} s, model load of the "
                f"bare side {around_bare:.2f} s")
    report.add(Row("build", "build with an instant model (parse, BM25, write)", rest, "s", build_s, "real build"))
    report.add(Row("build", "build embedded texts/s", len(texts) / build_s, "texts/s", len(texts) / bare_s, "bare"))
    report.add(Row("build", "build tokens/s", tokens / build_s, "tokens/s", tokens / bare_s, "bare"))
    return index
