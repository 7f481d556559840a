"""The user's files about the debate: the claim codebook and the actor alias file.

:mod:`.codebook` reads and validates codebooks, :mod:`.aliases` alias files (both
through :mod:`.yamlfile`, whose errors name the line); :mod:`.fingerprint` says when
a changed codebook means extracting again; :mod:`.suggest` drafts a codebook from a
corpus with the NLP pipeline.
"""
