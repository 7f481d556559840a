"""spaCy pipeline components of graphbuild (registered on import)."""
from . import extensions  # noqa: F401  (registers Doc/Span extensions)
