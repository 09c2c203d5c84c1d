"""The demo province that `tdkt demo` loads, on the generator the benchmarks (bench/) use too.

    load         what `tdkt demo` runs: the province, the accounts, then the data made through services
    generator    writes a whole province (units, people, history, decisions) from `plan` in bulk
    plan         decides that province in memory, deterministically from a seed
    names, catalogue   the Vietnamese names, places, departments and units it draws from
    accounts     the demo accounts, one per role
    dossiers     dossiers in every state, through the dossier services
    emulation    blocks, scores, votes, covenants, registrations and movements, through their services
    uploads      the small PDF the demo attaches as proposals, minutes and evidence

The top layer: it may import every app; nothing in tdkt imports it except `tdkt/cli.py`.
"""
