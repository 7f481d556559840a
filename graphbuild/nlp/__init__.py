"""The spaCy pipeline: from a Document's text to attributions, claims and Statements.

:mod:`.pipeline` loads the English model with graphbuild's components;
:mod:`.extensions` declares every ``Doc``/``Span`` extension they set;
:mod:`.attribution` and :mod:`.positions` find who says what (with the small
rule modules of :mod:`.speech` and the actor rules of :mod:`.actors`
over a :mod:`.mention_index`);
:mod:`.claims` and :mod:`.stance` find codebook claims and their polarity;
:mod:`.extract` turns a parsed document into :class:`~graphbuild.models.Statement`
records.
"""
