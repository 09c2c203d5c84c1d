"""The demo province that `tdkt demo` loads, on the generator the benchmarks (bench/) use too.

    generator    writes a whole province (units, people, history, decisions) from `plan` in bulk
    plan         decides that province in memory, deterministically from a seed
    names, catalogue   the Vietnamese names, places, departments and units it draws from
    dossiers     dossiers in every state, through the dossier services
    emulation    blocks, scores, votes, covenants, registrations and movements, through their services

The top layer: it may import every app; nothing in tdkt imports it except `tdkt/cli.py`.
"""
