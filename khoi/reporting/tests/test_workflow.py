"""Forms and their workflow through the services: values, audit, locking, rules, transitions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from khoi.reporting import round_services, rule_services, services
from khoi.reporting.models import (
    IndicatorValue,
    Notice,
    Submission,
    SubmissionEvent,
    SubmissionStatus,
    ValueAudit,
)
from khoi.reporting.selectors import submission_completeness

pytestmark = pytest.mark.django_db
PERIOD = "2021-H1"


def v(code):
    return services.field_name(code, PERIOD)


def complete_values(**overrides):
    values = {
        "revenue": "1.234,5",
        "exports": "2",
        "budget": "15,3",
        "workers": "100",
        "female_workers": "40",
        "male_workers": "60",
        "high_skilled_workers": "10",
        "wage_fund": "6000",
        "worker_months": "600",
        "party_members": "30",
        "social_welfare": "0,05",
        "covid_fund": "0,02",
    }
    values.update(overrides)
    return {v(code): text for code, text in values.items()}


def test_opening_a_round_gives_every_unit_of_the_bloc_a_draft(reporting_round):
    assert reporting_round.submissions.count() == 2
    assert set(reporting_round.submissions.values_list("status", flat=True)) == {SubmissionStatus.DRAFT}


def test_a_round_cannot_be_opened_twice_or_for_a_bad_period(reporting_round, staff_user):
    with pytest.raises(ValidationError) as error:
        round_services.round_open(
            form=reporting_round.form, period_code=PERIOD, deadline=dt.date(2021, 7, 20), actor=staff_user
        )
    assert "period_code" in error.value.message_dict
    with pytest.raises(ValidationError):
        round_services.round_open(
            form=reporting_round.form, period_code="2021-H3", deadline=dt.date(2021, 7, 1), actor=None
        )


def test_saving_values_writes_them_with_an_audit_entry_and_a_new_version(submission_a, reporter_a):
    services.submission_save_values(
        submission=submission_a, actor=reporter_a, values={v("revenue"): "14.167"}, expected_version=0
    )
    value = IndicatorValue.objects.get(submission=submission_a, indicator__code="revenue")
    assert value.value == Decimal(14167) and value.period_kind == "H1"
    services.submission_save_values(
        submission=submission_a, actor=reporter_a, values={v("revenue"): "14.200"}, expected_version=1
    )
    entries = list(ValueAudit.objects.filter(submission=submission_a).order_by("id"))
    assert [(e.old_value, e.new_value) for e in entries] == [(None, 14167), (14167, 14200)]
    assert entries[-1].changed_by == reporter_a and entries[-1].submission_status == SubmissionStatus.DRAFT
    submission_a.refresh_from_db()
    assert submission_a.version == 2


@pytest.mark.parametrize(
    ("code", "text", "words"),
    [
        ("workers", "-3", "âm"),
        ("revenue", "mười", "không phải là số"),
        ("workers", "10,5", "số nguyên"),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(submission_a, reporter_a, code, text, words):
    with pytest.raises(ValidationError) as error:
        services.submission_save_values(
            submission=submission_a,
            actor=reporter_a,
            values={v("revenue"): "100", v(code): text},
            expected_version=0,
        )
    assert words in " ".join(error.value.message_dict[v(code)])
    assert not IndicatorValue.objects.filter(submission=submission_a).exists()
    assert not ValueAudit.objects.exists()


def test_two_reporters_saving_the_same_form_do_not_lose_an_update(submission_a, reporter_a, staff_user):
    read_version = submission_a.version
    services.submission_save_values(
        submission=submission_a, actor=reporter_a, values={v("revenue"): "100"}, expected_version=read_version
    )
    with pytest.raises(ValidationError) as error:
        services.submission_save_values(
            submission=submission_a, actor=staff_user, values={v("revenue"): "999"}, expected_version=read_version
        )
    assert "version" in error.value.message_dict
    assert IndicatorValue.objects.get(submission=submission_a, indicator__code="revenue").value == 100


def test_submission_needs_every_required_value(submission_a, reporter_a):
    services.submission_save_values(
        submission=submission_a, actor=reporter_a, values={v("revenue"): "100"}, expected_version=0
    )
    with pytest.raises(ValidationError) as error:
        services.submission_submit(submission=submission_a, actor=reporter_a)
    assert v("workers") in error.value.message_dict
    assert v("deposits") not in error.value.message_dict  # banks only


def test_an_error_rule_blocks_submission_and_nothing_is_saved(submission_a, reporter_a):
    with pytest.raises(ValidationError) as error:
        services.submission_save_and_submit(
            submission=submission_a,
            actor=reporter_a,
            values=complete_values(female_workers="41"),
            explanations={},
            expected_version=0,
        )
    text = " ".join(error.value.messages)
    assert "lao động nữ cộng số lao động nam phải bằng tổng số lao động" in text
    submission_a.refresh_from_db()
    assert submission_a.status == SubmissionStatus.DRAFT
    assert not IndicatorValue.objects.filter(submission=submission_a).exists()


def test_a_warning_needs_an_explanation_that_staff_then_see(submission_a, reporter_a, unit_a):
    from khoi.reporting.models import Indicator
    from khoi.reporting.tests.factories import record

    record(unit_a, Indicator.objects.get(code="revenue"), "2020-H1", 100)
    values = complete_values(revenue="200")  # +100 %
    with pytest.raises(ValidationError) as error:
        services.submission_save_and_submit(
            submission=submission_a, actor=reporter_a, values=values, explanations={}, expected_version=0
        )
    assert "explanation-revenue-change-50" in error.value.message_dict
    submitted = services.submission_save_and_submit(
        submission=submission_a,
        actor=reporter_a,
        values=values,
        explanations={"revenue-change-50": "Có hợp đồng mới với cảng Lạch Huyện."},
        expected_version=0,
    )
    assert submitted.status == SubmissionStatus.SUBMITTED
    assert submitted.explanations == {"revenue-change-50": "Có hợp đồng mới với cảng Lạch Huyện."}


def submit(submission, actor):
    return services.submission_save_and_submit(
        submission=submission, actor=actor, values=complete_values(), explanations={}, expected_version=None
    )


def test_every_transition_of_the_workflow(submission_a, reporter_a, staff_user):
    submitted = submit(submission_a, reporter_a)
    assert submitted.status == SubmissionStatus.SUBMITTED and submitted.submitted_at
    with pytest.raises(ValidationError):
        services.submission_save_values(
            submission=submitted, actor=reporter_a, values={v("revenue"): "1"}, expected_version=None
        )
    with pytest.raises(ValidationError):
        services.submission_return(submission=submitted, actor=staff_user, comment="  ")
    returned = services.submission_return(submission=submitted, actor=staff_user, comment="Kiểm tra lại doanh thu.")
    assert returned.status == SubmissionStatus.RETURNED
    services.submission_save_values(
        submission=returned, actor=reporter_a, values={v("revenue"): "1.300"}, expected_version=None
    )
    resubmitted = services.submission_submit(submission=returned, actor=reporter_a)
    approved = services.submission_approve(submission=resubmitted, actor=staff_user)
    assert approved.status == SubmissionStatus.APPROVED and approved.is_locked
    with pytest.raises(ValidationError):
        services.submission_save_values(
            submission=approved, actor=staff_user, values={v("revenue"): "1"}, expected_version=None
        )
    with pytest.raises(ValidationError):
        services.submission_approve(submission=approved, actor=staff_user)
    with pytest.raises(ValidationError):
        services.submission_unlock(submission=approved, actor=staff_user, comment="")
    unlocked = services.submission_unlock(submission=approved, actor=staff_user, comment="Sửa số liệu quý I.")
    assert unlocked.status == SubmissionStatus.RETURNED
    actions = list(
        SubmissionEvent.objects.filter(submission=submission_a).order_by("id").values_list("action", "actor")
    )
    assert actions == [
        ("submit", reporter_a.pk),
        ("return", staff_user.pk),
        ("submit", reporter_a.pk),
        ("approve", staff_user.pk),
        ("unlock", staff_user.pk),
    ]
    assert Notice.objects.filter(user=reporter_a, text__contains="Kiểm tra lại doanh thu").exists()


def test_bulk_approval_approves_all_or_none(submission_a, submission_b, reporter_a, reporter_b, staff_user):
    submit(submission_a, reporter_a)
    with pytest.raises(ValidationError):
        services.submission_bulk_approve(submission_ids=[submission_a.pk, submission_b.pk], actor=staff_user)
    assert Submission.objects.get(pk=submission_a.pk).status == SubmissionStatus.SUBMITTED
    submit(submission_b, reporter_b)
    assert services.submission_bulk_approve(submission_ids=[submission_a.pk, submission_b.pk], actor=staff_user) == 2
    assert set(Submission.objects.values_list("status", flat=True)) == {SubmissionStatus.APPROVED}


def test_a_reminder_sends_an_email_and_an_in_app_notice(submission_a, reporter_a, staff_user):
    reporter_a.email = "baocao@example.vn"
    reporter_a.save()
    assert services.submission_remind(submission=submission_a, actor=staff_user) == 1
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["baocao@example.vn"]
    assert "6 tháng đầu năm 2021" in mail.outbox[0].subject
    assert Notice.objects.filter(user=reporter_a).count() == 1
    submit(submission_a, reporter_a)
    with pytest.raises(ValidationError):
        services.submission_remind(submission=submission_a, actor=staff_user)


def test_completeness_tells_on_time_late_and_not_submitted(reporting_round, submission_a, submission_b, reporter_a):
    submit(submission_a, reporter_a)
    Submission.objects.filter(pk=submission_a.pk).update(submitted_at=dt.datetime(2021, 7, 19, 3, tzinfo=dt.UTC))
    completeness = submission_completeness(reporting_round=reporting_round)
    assert (completeness.on_time, completeness.late, completeness.not_submitted) == (1, 0, 1)
    Submission.objects.filter(pk=submission_a.pk).update(submitted_at=dt.datetime(2021, 7, 25, 3, tzinfo=dt.UTC))
    completeness = submission_completeness(reporting_round=reporting_round)
    assert (completeness.on_time, completeness.late) == (0, 1)


def test_disaggregated_parts_must_add_up_to_the_total(submission_a, reporter_a):
    services.catalogue_install()
    from khoi.reporting.models import ValidationRule

    ValidationRule.objects.filter(code="workers-by-sex").update(active=False)  # the structural check remains
    with pytest.raises(ValidationError) as error:
        services.submission_save_and_submit(
            submission=submission_a,
            actor=reporter_a,
            values=complete_values(male_workers="59"),
            explanations={},
            expected_version=None,
        )
    assert "Lao động nữ + Lao động nam phải bằng Lao động" in " ".join(error.value.messages)


def test_rules_are_data_checked_when_saved(reporting_round, staff_user):
    rule = rule_services.validation_rule_save(
        rule=None,
        actor=staff_user,
        fields={
            "code": "exports-within-revenue",
            "name": "Xuất khẩu",
            "expression": "exports >= 0",
            "severity": "error",
            "message": "Kim ngạch xuất khẩu không âm.",
            "active": True,
        },
    )
    assert rule.pk
    for expression in ("__import__('os').system('id') == 0", "revenue == unknown_code"):
        with pytest.raises(ValidationError) as error:
            rule_services.validation_rule_save(rule=rule, actor=staff_user, fields={"expression": expression})
        assert "expression" in error.value.message_dict


def test_a_rule_can_be_tested_against_a_submission(submission_a, reporter_a):
    services.submission_save_values(
        submission=submission_a,
        actor=reporter_a,
        values={v("workers"): "10", v("female_workers"): "4", v("male_workers"): "5"},
        expected_version=None,
    )
    from khoi.reporting.models import ValidationRule

    rule = ValidationRule.objects.get(code="workers-by-sex")
    [result] = services.submission_check(submission=submission_a, rules=[rule])
    assert result.failed
