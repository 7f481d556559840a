"""Small rule modules for speech in news text, used by :mod:`graphbuild.nlp.attribution`.

Direct quotations (:mod:`.quotes`) and their frames (:mod:`.frames`), block
quotations (:mod:`.blocks`), reported speech through cue verbs and nouns
(:mod:`.reported`, :mod:`.light`, :mod:`.cues`), perspective frames
(:mod:`.viewpoints`), survey sources (:mod:`.survey`) and the source and content
spans they share (:mod:`.spans`).
"""
