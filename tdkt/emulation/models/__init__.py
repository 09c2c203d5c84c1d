"""Models of the emulation app, split by sub-domain (design.md: past ~800 lines, a package)."""
from .blocks import Block, BlockDocument, BlockMember, InspectionTeam, InspectionTeamMember
from .covenants import Covenant, CovenantEvidence, CovenantIndicator, CovenantParty, CovenantResult
from .movements import KeyTask, Movement, MovementDocument, MovementReach, MovementReview
from .registrations import Registration, RegistrationItem, RegistrationPeriod
from .scoring import (
                      ClassificationBand,
                      Criterion,
                      CriterionGroup,
                      Disqualification,
                      DisqualifyingCondition,
                      Evidence,
                      FinalScore,
                      Result,
                      Score,
                      ScoringTemplate,
)
from .vote import LeaderSelection, VoteReceipt, VoteRound, VoteTally

__all__ = ["Block", "BlockDocument", "BlockMember", "InspectionTeam", "InspectionTeamMember", "Covenant", "CovenantEvidence", "CovenantIndicator", "CovenantParty",
           "CovenantResult", "KeyTask", "Movement", "MovementDocument", "MovementReach", "MovementReview", "Registration",
           "RegistrationItem", "RegistrationPeriod", "ClassificationBand", "Criterion", "CriterionGroup",
           "Disqualification", "DisqualifyingCondition", "Evidence", "FinalScore", "Result", "Score", "ScoringTemplate",
           "LeaderSelection", "VoteReceipt", "VoteRound", "VoteTally"]
