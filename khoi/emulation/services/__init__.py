"""Writes of emulation and commendation. Each function is one transaction; bad input raises a
ValidationError naming the field, and nothing is written.

- agreements: blocs, agreements, scorecards and evidence, the year-end review;
- commendations: people, proposals, decisions and their award records.
"""

from .agreements import (
    EVIDENCE_MAX_BYTES,
    EVIDENCE_SIGNATURES,
    CriterionInput,
    ScoreInput,
    SectionInput,
    SignatoryInput,
    agreement_create,
    agreement_propose_commendations,
    agreement_sign,
    bloc_create,
    bloc_leadership_set,
    bloc_member_add,
    evidence_attach,
    organisation_create,
    scorecard_save_bloc,
    scorecard_save_self,
)
from .commendations import (
    DecisionInput,
    ItemInput,
    PersonInput,
    decision_create,
    person_create,
    proposal_create,
    proposal_create_for_unit,
    proposal_review,
    proposal_submit,
)

__all__ = [
    "EVIDENCE_MAX_BYTES",
    "EVIDENCE_SIGNATURES",
    "CriterionInput",
    "DecisionInput",
    "ItemInput",
    "PersonInput",
    "ScoreInput",
    "SectionInput",
    "SignatoryInput",
    "agreement_create",
    "agreement_propose_commendations",
    "agreement_sign",
    "bloc_create",
    "bloc_leadership_set",
    "bloc_member_add",
    "decision_create",
    "evidence_attach",
    "organisation_create",
    "person_create",
    "proposal_create",
    "proposal_create_for_unit",
    "proposal_review",
    "proposal_submit",
    "scorecard_save_bloc",
    "scorecard_save_self",
]
