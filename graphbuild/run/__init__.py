"""The main job: inputs to graph, statements and map, in memory or through a store.

The only package that sees all the others: :mod:`.build` reads inputs
(:mod:`graphbuild.text`), extracts statements (:mod:`.parallel`, a failing
document reported by :mod:`.guard`), builds the graph (:mod:`graphbuild.rdf`)
and writes the outputs (:mod:`.outputs`, the map from :mod:`graphbuild.map`);
:mod:`.incremental` does the same against a store (:mod:`graphbuild.store`).
"""
