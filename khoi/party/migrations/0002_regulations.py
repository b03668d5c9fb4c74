"""The deadlines and grading quotas of the Party's rules, as data with their legal basis.

What was checked (session 4, 2026-12-01), and what was not:
- 30 working days from the admission decision to the ceremony, and 30 working days from the end
  of probation to the cell's review: Quy định 29-QĐ/TW (25/7/2016), points 4.1 and 4.2a, read in
  a legal Q&A quoting it; the same words are quoted from Quy định 232-QĐ/TW (2025). The 2021
  text (Quy định 24-QĐ/TW, 30/7/2021) is recalled, not re-read here.
- 12 months of probation from the ceremony: Điều lệ Đảng, Điều 5.
- Grading: Quy định 124-QĐ/TW (2023) caps "hoàn thành xuất sắc" at 20% of those rated "hoàn
  thành tốt" (checked against the text); enforced. For Quy định 132-QĐ/TW (2018) the 20% cap is
  the historical figure but its text was not found: stored, warned, not enforced. Quy định
  366-QĐ/TW (2025) grades on 100 points; no quota confirmed: none stored.
"""

import datetime as dt
from decimal import Decimal

from django.db import migrations

DEADLINES = [
    ("ceremony_deadline", 30, "working_days", "Quy định 29-QĐ/TW ngày 25/7/2016, điểm 4.1",
     dt.date(2016, 7, 25), dt.date(2021, 7, 29), True,
     "Trong 30 ngày làm việc kể từ ngày nhận quyết định kết nạp, chi bộ tổ chức lễ kết nạp; quá hạn phải "
     "được cấp ủy cấp trên trực tiếp đồng ý."),
    ("ceremony_deadline", 30, "working_days", "Quy định 24-QĐ/TW ngày 30/7/2021, điểm 4.1",
     dt.date(2021, 7, 30), None, True,
     "Cùng nội dung; Quy định 232-QĐ/TW (2025) giữ nguyên theo nguồn thứ cấp. Ngày hiệu lực của văn bản "
     "2021 chưa được đối chiếu lại."),
    ("probation", 12, "months", "Điều lệ Đảng, Điều 5",
     dt.date(2011, 1, 19), None, True,
     "Thời kỳ dự bị mười hai tháng, tính từ ngày chi bộ tổ chức lễ kết nạp."),
    ("conversion_review", 30, "working_days", "Quy định 29-QĐ/TW ngày 25/7/2016, điểm 4.2",
     dt.date(2016, 7, 25), dt.date(2021, 7, 29), True,
     "Trong 30 ngày làm việc kể từ ngày đảng viên hết 12 tháng dự bị, chi bộ xét và đề nghị công nhận chính thức."),
    ("conversion_review", 30, "working_days", "Quy định 24-QĐ/TW ngày 30/7/2021, điểm 4.2",
     dt.date(2021, 7, 30), None, True,
     "Cùng nội dung; ngày hiệu lực của văn bản 2021 chưa được đối chiếu lại."),
]  # fmt: skip

GRADING = [
    ("132-QĐ/TW", "Quy định 132-QĐ/TW ngày 08/3/2018 của Bộ Chính trị; Hướng dẫn 16-HD/BTCTW ngày 24/9/2018",
     2018, 2022, Decimal(20), False,
     "Bốn mức: hoàn thành xuất sắc, hoàn thành tốt, hoàn thành, không hoàn thành nhiệm vụ.",
     "Tỷ lệ 20% là con số thường được áp dụng; chưa tìm thấy nguyên văn trong văn bản: chỉ cảnh báo."),
    ("124-QĐ/TW", "Quy định 124-QĐ/TW năm 2023 của Bộ Chính trị",
     2023, 2024, Decimal(20), True,
     "Bốn mức; “hoàn thành xuất sắc nhiệm vụ” không quá 20% số được xếp loại “hoàn thành tốt nhiệm vụ” "
     "trong nhóm có chức năng, nhiệm vụ tương đồng.",
     "Đã đối chiếu với văn bản. Mẫu số tính cả số được chọn xuất sắc (xuất sắc được chọn trong số hoàn thành tốt)."),
    ("366-QĐ/TW", "Quy định 366-QĐ/TW năm 2025 của Bộ Chính trị",
     2025, None, None, False,
     "Thang 100 điểm: hoàn thành xuất sắc từ 90 điểm (kèm điều kiện), hoàn thành tốt từ 70 đến dưới 90, "
     "hoàn thành từ 50 đến dưới 70 điểm.",
     "Chưa xác nhận được tỷ lệ khống chế: không lưu."),
]  # fmt: skip


def install(apps, schema_editor):
    DeadlineRule = apps.get_model("party", "DeadlineRule")
    GradingRule = apps.get_model("party", "GradingRule")
    for kind, amount, unit, basis, start, until, binding, note in DEADLINES:
        DeadlineRule.objects.update_or_create(
            kind=kind,
            valid_from=start,
            defaults={"amount": amount, "unit": unit, "legal_basis": basis, "valid_until": until,
                      "binding": binding, "source_note": note},
        )  # fmt: skip
    for code, basis, first, last, cap, binding, conditions, note in GRADING:
        GradingRule.objects.update_or_create(
            first_year=first,
            defaults={"code": code, "legal_basis": basis, "last_year": last, "excellent_cap_percent": cap,
                      "binding": binding, "conditions": conditions, "source_note": note},
        )  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [("party", "0001_party_records")]
    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
