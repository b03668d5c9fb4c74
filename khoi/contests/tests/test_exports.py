"""Excel: the bank round-trips; an import is all or nothing with row errors; results exports."""

import io

from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from khoi.contests import services
from khoi.contests.models import Question

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _upload(client, workbook):
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "cau-hoi.xlsx"
    return client.post(reverse("contests:questions_import"), {"file": buffer})


def _template(rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(
        ["Số", "Chủ đề", "Loại", "Câu hỏi", "A", "B", "C", "D", "Đáp án đúng", "Giải thích", "Độ khó", "Đang dùng"]
    )
    for row in rows:
        sheet.append(row)
    return workbook


def test_the_bank_exports_and_imports_back_unchanged(propaganda_client, bank):
    before = list(Question.objects.order_by("pk").values_list("text", "correct", "option_a", "is_active"))
    response = propaganda_client.get(reverse("contests:questions_export"))
    assert response["Content-Type"] == XLSX
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(1, 1).value == "Số" and sheet.cell(1, 9).value == "Đáp án đúng"
    assert sheet.max_row == len(before) + 1
    imported = _upload(propaganda_client, load_workbook(io.BytesIO(response.content)))
    assert imported.status_code == 302
    assert list(Question.objects.order_by("pk").values_list("text", "correct", "option_a", "is_active")) == before


def test_new_questions_are_imported_with_kind_difficulty_and_active_flag(propaganda_client, bank):
    topic = bank.topics[0].name
    workbook = _template(
        [
            [None, topic, "Một đáp án", "Câu hỏi mới 1?", "a", "b", "c", "d", "C", "", "Dễ", "Có"],
            [None, topic, "Nhiều đáp án", "Câu hỏi mới 2?", "a", "b", "c", "d", "A, D", "Vì vậy.", "Khó", "Không"],
        ]
    )
    count = Question.objects.count()
    assert _upload(propaganda_client, workbook).status_code == 302
    assert Question.objects.count() == count + 2
    second = Question.objects.get(text="Câu hỏi mới 2?")
    assert (second.kind, second.correct, second.difficulty, second.is_active) == ("multiple", "AD", 3, False)


def test_one_bad_row_stops_the_whole_import_with_vietnamese_row_errors(propaganda_client, bank):
    topic = bank.topics[0].name
    workbook = _template(
        [
            [None, topic, "Một đáp án", "Câu tốt?", "a", "b", "c", "d", "B", "", "Dễ", "Có"],
            [None, "Chủ đề không có", "Một đáp án", "Câu sai 1?", "a", "b", "c", "d", "B", "", "Dễ", "Có"],
            [None, topic, "Một đáp án", "Câu sai 2?", "a", "b", "c", "d", "AB", "", "Dễ", "Có"],
            [None, topic, "Một đáp án", "Câu sai 3?", "a", "a", "c", "", "E", "", "Rất khó", "Có"],
        ]
    )
    count = Question.objects.count()
    response = _upload(propaganda_client, workbook)
    text = response.content.decode()
    assert response.status_code == 400
    assert "Dòng 3: không có chủ đề “Chủ đề không có”." in text
    assert "Dòng 4: Câu hỏi một đáp án chỉ có đúng một đáp án đúng." in text
    assert "Dòng 5: độ khó “Rất khó”" in text
    assert "Chưa nhập câu hỏi nào." in text
    assert Question.objects.count() == count


def test_a_file_that_is_not_excel_is_refused(propaganda_client, bank):
    upload = io.BytesIO(b"not a workbook")
    upload.name = "x.xlsx"
    response = propaganda_client.post(reverse("contests:questions_import"), {"file": upload})
    assert "không phải là bảng tính Excel" in response.content.decode()


def test_the_staff_export_has_full_phones_and_the_public_one_masks_them(
    propaganda_client, client, contest, open_round, start_entry
):
    entry = start_entry(phone="0903 456 789")
    services.entry_submit(entry=entry)
    staff = load_workbook(
        io.BytesIO(propaganda_client.get(reverse("contests:contest_export", args=[contest.pk])).content)
    )
    staff_cells = [str(c.value) for ws in staff.worksheets for row in ws.iter_rows() for c in row if c.value]
    assert "0903 456 789" in staff_cells
    assert staff.sheetnames[:1] == ["Vòng 1"]
    # The public file lists closed rounds only; close the round and look again.
    open_round.closes_at = timezone.now()
    open_round.save()
    public = load_workbook(io.BytesIO(client.get(reverse("contests:results_export", args=[contest.slug])).content))
    public_cells = [str(c.value) for ws in public.worksheets for row in ws.iter_rows() for c in row if c.value]
    assert "090****789" in public_cells
    assert not any("456" in value and "090" in value and "*" not in value for value in public_cells)


def test_item_statistics_give_the_share_correct_per_question(propaganda_client, open_round, start_entry):
    entries = [start_entry() for _ in range(4)]
    qid = int(entries[0].draw[0][0])
    right = Question.objects.get(pk=qid).correct
    for index, entry in enumerate(entries):
        answers = (
            {qid: right if index < 3 else ("A" if right != "A" else "B")}
            if any(int(q) == qid for q, _ in entry.draw)
            else {}
        )
        services.entry_submit(entry=entry, answers=answers)
    from khoi.contests.selectors import round_item_statistics

    stats = {s.question_id: s for s in round_item_statistics(contest_round=open_round)}
    drawn_with = [e for e in entries if any(int(q) == qid for q, _ in e.draw)]
    assert stats[qid].drawn == len(drawn_with)
    assert stats[qid].right == sum(1 for i, e in enumerate(entries) if i < 3 and e in drawn_with)
    page = propaganda_client.get(reverse("contests:round_statistics", args=[open_round.pk]))
    assert "Tỷ lệ đúng" in page.content.decode()
