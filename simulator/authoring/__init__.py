"""Tools for scenario authors (checks that read the source text, preview, sweeps).

The project's authoring room: new authoring tools live here; the older ones (lint, graph,
explore, testing, scaffold, schema) still live in simulator/scenario/ until they move.
"""
