"""Cross-period rules for the standard flow indicators: a part of the year never exceeds a longer
window containing it. Installs created before this release get the rows here (new installs get
them from the catalogue); an indicator that does not exist is skipped."""

from django.db import migrations

FLOWS = {
    "revenue": "Tổng doanh thu",
    "exports": "Kim ngạch xuất khẩu",
    "budget": "Nộp ngân sách nhà nước",
    "wage_fund": "Quỹ tiền lương, thu nhập",
    "worker_months": "Số người-tháng lao động",
    "party_admissions": "Kết nạp đảng viên mới",
    "party_conversions": "Chuyển đảng viên chính thức",
    "party_quality_assessed": "Tổ chức cơ sở đảng được đánh giá chất lượng",
    "social_welfare": "Đóng góp an sinh xã hội",
    "covid_fund": "Ủng hộ Quỹ phòng, chống COVID-19",
}


def add_rules(apps, schema_editor):
    Indicator = apps.get_model("reporting", "Indicator")
    ValidationRule = apps.get_model("reporting", "ValidationRule")
    existing = set(Indicator.objects.filter(code__in=list(FLOWS)).values_list("code", flat=True))
    for code, name in FLOWS.items():
        if code not in existing:
            continue
        ValidationRule.objects.get_or_create(
            code=f"{code.replace('_', '-')}-within-year",
            defaults={
                "name": f"{name}: kỳ ngắn không vượt kỳ dài hơn trong năm",
                "expression": f"{code} <= enclosing({code})",
                "severity": "error",
                "message": (
                    f"{name} của một kỳ trong năm không được lớn hơn số của kỳ dài hơn chứa nó "
                    "(tháng ≤ quý ≤ 6 tháng ≤ 9 tháng ≤ năm)."
                ),
            },
        )


def remove_rules(apps, schema_editor):
    ValidationRule = apps.get_model("reporting", "ValidationRule")
    ValidationRule.objects.filter(code__in=[f"{code.replace('_', '-')}-within-year" for code in FLOWS]).delete()


class Migration(migrations.Migration):
    dependencies = [("reporting", "0003_covering_window_index")]

    operations = [migrations.RunPython(add_rules, remove_rules)]
