"""Pages of emulation and commendation: thin callers of selectors, services and the access rules.

Out-of-scope objects answer 404, forbidden actions 403 (khoi.accounts.permissions).

- agreements: blocs, agreements, ranking, scorecards and evidence, the forms catalogue;
- commendations: proposals, decisions and certificates, histories, counts.
"""

from .agreements import (
    agreement_detail,
    bloc_detail,
    evidence_download,
    form_catalogue,
    index,
    propose,
    ranking,
    scorecard,
)
from .commendations import (
    certificates,
    counts,
    decision_create,
    decision_detail,
    decision_excel,
    decision_list,
    decision_word,
    organisation_history,
    person_history,
    proposal_create,
    proposal_detail,
    proposal_excel,
    proposal_list,
    proposal_review,
    proposal_submit,
    proposal_word,
    unit_history,
)

__all__ = [
    "agreement_detail",
    "bloc_detail",
    "certificates",
    "counts",
    "decision_create",
    "decision_detail",
    "decision_excel",
    "decision_list",
    "decision_word",
    "evidence_download",
    "form_catalogue",
    "index",
    "organisation_history",
    "person_history",
    "proposal_create",
    "proposal_detail",
    "proposal_excel",
    "proposal_list",
    "proposal_review",
    "proposal_submit",
    "proposal_word",
    "propose",
    "ranking",
    "scorecard",
    "unit_history",
]
