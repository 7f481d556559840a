"""Text in: files and corpora read into :class:`~graphbuild.models.Document` records.

:mod:`.ingest` reads ``.txt``, ``.html`` and corpus JSONL files; :mod:`.boilerplate`
finds site furniture to blank (never cut, so offsets never move), with the
furniture a line shows on its own from :mod:`.furniture`, the line shapes of
:mod:`.lines` and the bylines, bios and dates of :mod:`.metadata`;
:mod:`.language` tells English from the rest.
"""
