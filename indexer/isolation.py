"""Parse corpus files in worker processes with bounded time and memory."""
from __future__ import annotations

import json
import os
import queue
import select
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Iterator

from .documents import Clause, Document
from .errors import UnreadableDocument

PACKAGE_HOME = Path(__file__).resolve().parent.parent


def _document(data: dict) -> Document:
    clauses = tuple(Clause.from_dict(c) for c in data.pop("clauses"))
    return Document(clauses=clauses, **data)


class _Worker:
    def __init__(self, memory_mb: int):
        self.memory_mb = memory_mb
        self.proc: subprocess.Popen | None = None

    def _start(self) -> subprocess.Popen:
        if self.proc is None or self.proc.poll() is not None:
            # started in the folder that holds this package, so `-m` imports the very package the
            # parent runs, installed or not (the worker is given absolute paths)
            self.proc = subprocess.Popen(
                [sys.executable, "-m", f"{__package__}.worker", str(self.memory_mb)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=PACKAGE_HOME,
            )
        return self.proc

    def ask(self, path: Path, seconds: float) -> dict:
        proc = self._start()
        try:
            proc.stdin.write((json.dumps(str(path)) + "\n").encode())
            proc.stdin.flush()
        except BrokenPipeError:
            self.kill()
            return {"error": "the parser process failed to start"}
        reply = b""
        fd = proc.stdout.fileno()
        end = time.monotonic() + seconds
        while not reply.endswith(b"\n"):
            left = end - time.monotonic()
            ready, _, _ = select.select([fd], [], [], max(0.0, left))
            if not ready:
                self.kill()
                return {"error": f"parsing took longer than {seconds:g} s; the file may be malformed"}
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                self.kill()
                return {"error": "the parser crashed on this file (out of memory or a library fault)"}
            reply += chunk
        try:
            answer = json.loads(reply)
        except ValueError:
            self.kill()
            return {"error": "the parser gave an unreadable answer; the file may be malformed"}
        if not isinstance(answer, dict) or not ("document" in answer or "error" in answer):
            self.kill()
            return {"error": "the parser gave an unreadable answer; the file may be malformed"}
        return answer

    def kill(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait()
            self.proc = None


class ParserPool:
    """Up to `workers` parser processes; each file gets `seconds` and `memory_mb`."""

    def __init__(self, workers: int = 2, seconds: float = 60.0, memory_mb: int = 2048):
        self.workers = [_Worker(memory_mb) for _ in range(max(1, workers))]
        self.seconds = seconds

    def parse(self, paths: list[Path]) -> Iterator[tuple[Path, Document | UnreadableDocument, str | None]]:
        """(path, document or error, decoding note) for each path, in the order given."""
        todo: queue.Queue = queue.Queue()
        for i, path in enumerate(paths):
            todo.put((i, path))
        results: dict[int, tuple] = {}
        done = threading.Condition()

        def run(worker: _Worker) -> None:
            while True:
                try:
                    i, path = todo.get_nowait()
                except queue.Empty:
                    return
                try:
                    reply = worker.ask(path.resolve(), self.seconds)
                    if "document" in reply:
                        outcome = (path, _document(reply["document"]), reply.get("note"))
                    else:
                        outcome = (path, UnreadableDocument(path, str(reply["error"])), None)
                except Exception as exc:  # never leave the build waiting on a file
                    worker.kill()
                    outcome = (path, UnreadableDocument(path, f"cannot be parsed ({exc.__class__.__name__})"), None)
                with done:
                    results[i] = outcome
                    done.notify()

        threads = [threading.Thread(target=run, args=(w,), daemon=True) for w in self.workers[: len(paths)]]
        for t in threads:
            t.start()
        try:
            for i in range(len(paths)):
                with done:
                    done.wait_for(lambda: i in results)
                yield results.pop(i)
        finally:
            for t in threads:
                t.join()
            self.close()

    def close(self) -> None:
        for worker in self.workers:
            if worker.proc is not None and worker.proc.poll() is None:
                worker.proc.stdin.close()
                try:
                    worker.proc.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    worker.kill()
            worker.proc = None
