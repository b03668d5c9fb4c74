"""Emulation (thi đua) and commendation (khen thưởng).

Emulation blocs of units and outside organisations sign a yearly agreement (giao ước) of criteria
with maximum points; members self-score, the bloc scores, and the ranking proposes commendations
(agreements.py). Commendation forms carry their rules as data (quotas, prerequisites, legal
basis). Proposals are reviewed; decisions award lists; every award is a record of a unit, an
organisation or a person (commendations.py). Callers import from `khoi.emulation.models`.
"""

from .agreements import (
    Agreement,
    AgreementSection,
    AgreementSignatory,
    AgreementStatus,
    BlocLeadership,
    BlocMember,
    Criterion,
    CriterionKind,
    EmulationBloc,
    Evidence,
    Organisation,
    Score,
    Scorecard,
    TieBreak,
    evidence_upload_to,
)
from .commendations import (
    ONE_RECIPIENT,
    Award,
    Campaign,
    CommendationForm,
    CommendationRule,
    Decision,
    Gender,
    Issuer,
    IssuerKind,
    LegalBasis,
    Person,
    Proposal,
    ProposalItem,
    ProposalStatus,
    QuotaBase,
    RecipientKind,
    RuleKind,
)

__all__ = [
    "ONE_RECIPIENT",
    "Agreement",
    "AgreementSection",
    "AgreementSignatory",
    "AgreementStatus",
    "Award",
    "BlocLeadership",
    "BlocMember",
    "Campaign",
    "CommendationForm",
    "CommendationRule",
    "Criterion",
    "CriterionKind",
    "Decision",
    "EmulationBloc",
    "Evidence",
    "Gender",
    "Issuer",
    "IssuerKind",
    "LegalBasis",
    "Organisation",
    "Person",
    "Proposal",
    "ProposalItem",
    "ProposalStatus",
    "QuotaBase",
    "RecipientKind",
    "RuleKind",
    "Score",
    "Scorecard",
    "TieBreak",
    "evidence_upload_to",
]
