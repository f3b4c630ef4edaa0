"""Tools for scenario authors, above the session: they read scenarios and drive the engine.

`lint` (design findings), `graph` (DOT/Mermaid), `explore` (every path through the client
machine), `testing` (a scenario's scripted tests, run through real sessions), `scaffold`
(`kohtaamo new`), `schema` (the JSON Schema shipped as `schema.json`), `preview` (the play
script page), `playable`, `source` and `translation` (checks that read the source text).
The rooms below (scenario, client, language, scoring) never import from here.
"""
