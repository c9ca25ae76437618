"""A parser process: reads file paths on stdin, answers one JSON line each on stdout.

Run by isolation.ParserPool with a cap on its address space, so a file that makes a parser
loop or balloon costs only this process, never the build.
"""
from __future__ import annotations

import json
import os
import resource
import sys
from pathlib import Path


def main() -> None:
    memory = int(sys.argv[1]) * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    sys.setrecursionlimit(5000)
    from .errors import UnreadableDocument
    from .parse import parse_file

    # replies get a private copy of stdout: a library that prints cannot garble them
    out = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    sys.stdout = sys.stderr
    for line in sys.stdin:
        try:
            path = Path(json.loads(line))  # JSON, so a newline in a file name cannot split a request
            document, note = parse_file(path)
            reply = {"document": {**document.metadata(), "clauses": [c.to_dict() for c in document.clauses]}, "note": note}
        except UnreadableDocument as exc:
            reply = {"error": exc.reason}
        except MemoryError:
            reply = {"error": "parsing needed more memory than allowed; the file may be malformed"}
        except RecursionError:
            reply = {"error": "the file is nested too deeply to parse; it may be malformed"}
        except OSError as exc:
            reply = {"error": f"cannot be read ({exc.strerror or exc.__class__.__name__})"}
        except Exception as exc:  # a parser library failing on a malformed file
            reply = {"error": f"cannot be parsed ({exc.__class__.__name__}: {str(exc)[:120]})".replace("\n", " ")}
        out.write(json.dumps(reply, ensure_ascii=False) + "\n")
        out.flush()


if __name__ == "__main__":
    main()
