"""The errors of the rule engine, in a module of their own so that every other module can raise
them without importing the case parser (which would make the package's imports circular)."""
from __future__ import annotations


class CaseError(ValueError):
    """An invalid case. `field` names where; the message is Vietnamese and says what is wrong."""

    def __init__(self, field: str, message: str):
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}" if field else message)


class ProcedureError(ValueError):
    """A procedure fact asked for a date no rule row covers (e.g. before Luật TĐKT 2022 took effect)."""
