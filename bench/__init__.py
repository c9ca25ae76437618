"""The benchmark of the repository: `python -m bench` (or `python -m indexer bench`).

One module per suite (build, query, ann, app), a generated corpus (corpus.py) and the table (report.py).
"""
