"""API of the emulation app: movements, blocks, registrations, covenants, scores and rankings."""
from ninja import Router

router = Router(tags=["Thi đua"])
