"""The eligibility and reward rule engine: the law as versioned, cited rules.

Pure Python: nothing here imports Django (shared/design.md rule 4). The web application builds
cases from its records (tdkt.awards.eligibility) and calls `evaluate`; the command line
(`tdkt eligibility CASE.json`) and `POST /api/eligibility` use the same contract.
"""
from .case import parse_case
from .engine import evaluate, evaluate_case, is_eligible, next_eligible_year
from .errors import CaseError
from .rulesets import RULE_SETS, RuleSet, rule_set_for

__all__ = ["CaseError", "parse_case", "evaluate", "evaluate_case", "is_eligible", "next_eligible_year",
           "RULE_SETS", "RuleSet", "rule_set_for"]
