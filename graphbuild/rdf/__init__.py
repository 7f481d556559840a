"""The RDF side of graphbuild: vocabulary, graph building, files, validation and SPARQL.

:mod:`.namespace` and :mod:`.iri` name things, :mod:`.build` turns statements
into a graph, :mod:`.io` reads and writes graph files, :mod:`.validate` checks
them against the shapes, :mod:`.query` is the one front door for SPARQL (on a
graph, a graph file or a store), :mod:`.terms` converts terms between rdflib
and Oxigraph.
"""
