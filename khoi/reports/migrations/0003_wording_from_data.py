"""The demo wording, where an install still holds it, asserts nothing the data does not say: the
ellipsis after the loans' change goes, the sentence "Cơ bản các doanh nghiệp hoàn thành nghĩa vụ…"
goes, and the resolution's target becomes a stored target checked against the figure. Installs
with the demo wording also get the Party-building wording. Text that staff wrote is left alone."""

from decimal import Decimal

from django.db import migrations

ELLIPSIS = ("{loans.change}… so với", "{loans.change} so với")
UNSUPPORTED = " Cơ bản các doanh nghiệp hoàn thành nghĩa vụ nộp ngân sách nhà nước hàng năm."
TARGET_TEXT = "(đạt chỉ tiêu Nghị quyết Đại hội III- tăng từ 10%/năm trở lên)"
TARGET_CODE = "nq-dai-hoi-iii-thu-nhap"
PARTY = (
    "Về công tác xây dựng Đảng, trong {period} các tổ chức cơ sở đảng trong Khối đã {party_admissions.phrase}, "
    "{party_conversions.phrase}; {party_quality_assessed.phrase}."
)


def forwards(apps, schema_editor):
    ProseTemplate = apps.get_model("reports", "ProseTemplate")
    ProseTarget = apps.get_model("reports", "ProseTarget")
    IndicatorStyle = apps.get_model("reports", "IndicatorStyle")
    demo = False
    for template in ProseTemplate.objects.all():
        text = template.text.replace(*ELLIPSIS).replace(UNSUPPORTED, "")
        if TARGET_TEXT in text:
            demo = True
            ProseTarget.objects.get_or_create(
                code=TARGET_CODE,
                defaults={
                    "indicator_code": "average_income",
                    "min_growth_percent": Decimal(10),
                    "source": "Nghị quyết Đại hội III",
                    "phrase_met": "đạt chỉ tiêu Nghị quyết Đại hội III – tăng từ 10%/năm trở lên",
                    "phrase_missed": "chưa đạt chỉ tiêu Nghị quyết Đại hội III – tăng từ 10%/năm trở lên",
                },
            )
            text = text.replace(TARGET_TEXT, "({target." + TARGET_CODE + "})")
        if text != template.text:
            template.text = text
            template.save(update_fields=["text"])
    if not demo or not IndicatorStyle.objects.filter(indicator_code="party_admissions").exists():
        return
    IndicatorStyle.objects.get_or_create(
        indicator_code="party_quality_assessed",
        defaults={"unit_label": "tổ chức cơ sở đảng", "phrase": "{value} đã được đánh giá, xếp loại chất lượng"},
    )
    for kind, name in (("H1", "Xây dựng Đảng (6 tháng)"), ("Y", "Xây dựng Đảng (năm)")):
        if not ProseTemplate.objects.filter(period_kind=kind, section="party", is_active=True).exists():
            ProseTemplate.objects.create(name=name, period_kind=kind, section="party", text=PARTY, is_active=True)


class Migration(migrations.Migration):
    dependencies = [("reports", "0002_prose_sections_targets_document_fields")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
