"""Pages of the emulation app, one module per part: blocks (members, scoring, ranking, vote), covenants,
registrations, movements (and key tasks)."""
