"""RDF side of graphbuild: the vocabulary, graph building, validation."""
