"""The workbench's screens; each module draws one part of the page from what indexer/ returns."""
