"""Agreements, self and bloc scores, evidence files, the year-end proposal."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from khoi.emulation import selectors, services
from khoi.emulation.models import AgreementStatus, Evidence, Score, Scorecard

from .factories import make_emulation_bloc, simple_sections

NAMES = [
    "Hội Nữ doanh nhân",
    "Hội Doanh nghiệp trẻ",
    "Hiệp hội Doanh nghiệp nhỏ và vừa",
    "Hội Du lịch",
    "Hội Cựu chiến binh",
]


@pytest.fixture
def agreement(unit_a, catalogue):
    bloc = make_emulation_bloc([unit_a], NAMES)
    return services.agreement_create(bloc=bloc, year=2020, title="Giao ước 2020", sections=simple_sections())


def score(agreement, name: str, s1: str, s2: str, bonus: str = "0", penalty: str = "0", self_delta: str = "0"):
    card = Scorecard.objects.get(agreement=agreement, member__name=name)
    ids = {c.criterion.code: c.criterion_id for c in card.scores.select_related("criterion")}
    values = {"1.1": s1, "2.1": s2, "T1": bonus, "P1": penalty}
    services.scorecard_save_self(
        scorecard=card,
        actor=None,
        scores={
            ids[k]: services.ScoreInput(
                str(min(Decimal(v) + Decimal(self_delta), Decimal(40 if k == "2.1" else 60 if k == "1.1" else 5))),
                "Minh chứng",
            )
            for k, v in values.items()
        },
        submit=True,
    )
    services.scorecard_save_bloc(
        scorecard=card, actor=None, scores={ids[k]: services.ScoreInput(v) for k, v in values.items()}
    )
    return card


def test_agreement_creates_a_scorecard_with_every_criterion_for_every_member(agreement):
    assert agreement.scorecards.count() == 6
    assert Score.objects.filter(scorecard__agreement=agreement).count() == 6 * 4
    assert selectors.agreement_max_points(agreement=agreement) == {"standard": 100.0, "bonus": 5.0, "penalty": 5.0}


def test_signing_records_date_place_and_signatories(agreement):
    member = agreement.bloc.members.get(name=NAMES[0])
    import datetime as dt

    services.agreement_sign(
        agreement=agreement,
        signed_on=dt.date(2020, 3, 6),
        signed_place="Hải Phòng",
        signatories=[services.SignatoryInput(member, "Phạm Thị Thu Hà", "Chủ tịch Hội")],
    )
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.SIGNED and agreement.signatories.get().signer_name == "Phạm Thị Thu Hà"


def test_a_score_above_the_criterion_maximum_is_refused_with_the_criterion_named_and_nothing_saved(agreement):
    card = agreement.scorecards.first()
    ids = {s.criterion.code: s.criterion_id for s in card.scores.select_related("criterion")}
    with pytest.raises(ValidationError) as error:
        services.scorecard_save_self(
            scorecard=card,
            actor=None,
            scores={ids["1.1"]: services.ScoreInput("50"), ids["2.1"]: services.ScoreInput("40,5")},
        )
    assert "2.1" in str(error.value) and "40" in str(error.value)
    assert not card.scores.filter(self_points__isnull=False).exists()


def test_the_database_refuses_a_score_above_the_maximum_even_without_the_service(agreement):
    row = Score.objects.filter(scorecard__agreement=agreement).first()
    row.bloc_points = row.max_points + 1
    with pytest.raises(IntegrityError), transaction.atomic():
        row.save()


def test_ranking_uses_bloc_scores_and_the_agreements_tie_break(agreement, unit_a):
    score(agreement, NAMES[0], "58", "40", bonus="2")  # 100
    score(agreement, NAMES[1], "52.5", "40", bonus="2", self_delta="1")  # 94.5, base 92.5
    score(agreement, NAMES[2], "53.5", "40", bonus="1")  # 94.5, base 93.5
    score(agreement, NAMES[3], "50", "40")  # 90
    score(agreement, NAMES[4], "45", "40", penalty="1")  # 84
    score(agreement, unit_a.name, "55", "40")  # 95
    ranked = selectors.agreement_ranking(agreement=agreement)
    assert [m.name for m in ranked][:4] == [NAMES[0], unit_a.name, NAMES[2], NAMES[1]]
    trẻ = next(m for m in ranked if m.name == NAMES[1])
    assert trẻ.rank == 4 and trẻ.decided_by_tie_break and trẻ.difference == Decimal(1)


def test_year_end_review_proposes_the_leader_for_the_flag_and_the_next_three_for_a_commendation(
    agreement, unit_a, catalogue
):
    for index, name in enumerate([*NAMES, unit_a.name]):
        score(agreement, name, str(60 - index), "40")
    proposal = services.agreement_propose_commendations(
        agreement=agreement, actor=None, flag_form=catalogue["forms"]["CTD"], merit_form=catalogue["forms"]["BK"]
    )
    items = list(proposal.items.order_by("rank"))
    assert [(i.recipient_name, i.form.code, i.rank) for i in items] == [
        (NAMES[0], "CTD-UBND", 1),
        (NAMES[1], "BK-UBND", 2),
        (NAMES[2], "BK-UBND", 3),
        (NAMES[3], "BK-UBND", 4),
    ]
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.CLOSED


def test_year_end_review_refuses_a_tie_at_the_cut_and_unscored_members(agreement, unit_a, catalogue):
    forms = catalogue["forms"]
    with pytest.raises(ValidationError, match=r"chưa chấm|not scored"):
        services.agreement_propose_commendations(
            agreement=agreement, actor=None, flag_form=forms["CTD"], merit_form=forms["BK"]
        )
    for name in [*NAMES, unit_a.name]:
        score(agreement, name, "50", "40")
    with pytest.raises(ValidationError) as error:
        services.agreement_propose_commendations(
            agreement=agreement, actor=None, flag_form=forms["CTD"], merit_form=forms["BK"]
        )
    assert "tie_break" in error.value.message_dict
    assert not agreement.proposals.exists()


def _upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def test_evidence_accepts_a_real_pdf_and_stores_it_under_media_root(agreement, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    card = agreement.scorecards.first()
    evidence = services.evidence_attach(scorecard=card, actor=None, upload=_upload("bao-cao.pdf", b"%PDF-1.4 test"))
    assert evidence.size == 13 and (tmp_path / evidence.file.name).exists()


@pytest.mark.parametrize(
    ("name", "content", "needle"),
    [
        ("virus.exe", b"MZ\x90", "PDF"),
        ("gia-mao.pdf", b"MZ\x90\x00 not a pdf", "content"),
        ("trong.png", b"", "empty"),
    ],
)
def test_evidence_refuses_wrong_types_and_contents(agreement, settings, tmp_path, name, content, needle):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(ValidationError) as error:
        services.evidence_attach(scorecard=agreement.scorecards.first(), actor=None, upload=_upload(name, content))
    assert "file" in error.value.message_dict
    assert not Evidence.objects.exists()


def test_evidence_refuses_a_file_over_five_megabytes(agreement, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    big = _upload("lon.pdf", b"%PDF" + b"0" * (5 * 1024 * 1024))
    with pytest.raises(ValidationError, match="5 MB"):
        services.evidence_attach(scorecard=agreement.scorecards.first(), actor=None, upload=big)


def test_scores_of_a_closed_year_cannot_change(agreement):
    agreement.status = AgreementStatus.CLOSED
    agreement.save()
    card = agreement.scorecards.first()
    criterion_id = card.scores.first().criterion_id
    with pytest.raises(ValidationError):
        services.scorecard_save_bloc(scorecard=card, actor=None, scores={criterion_id: services.ScoreInput("1")})
