"""Setting up an empty bloc: the command, the first-run page, and where its answers go."""

from __future__ import annotations

import io

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse

from khoi.accounts.models import Role, User
from khoi.bloc import selectors, services
from khoi.emulation.models import Issuer
from khoi.marketplace.forms import ListingForm
from khoi.marketplace.selectors import default_regions
from khoi.reports.models import DocumentSettings
from khoi.reports.report_files import document_head
from khoi.units.models import Unit, UnitKind

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40

OPTIONS = {
    "name": "Đảng ủy Khối Doanh nghiệp tỉnh Đồng Nai",
    "short_name": "ĐUK",
    "parent_body": "Đảng bộ tỉnh Đồng Nai",
    "place": "Đồng Nai",
    "signer_name": "Nguyễn Văn An",
    "signer_title": "Bí thư",
    "number_suffix": "-BC/ĐUK",
}


def answers(**changes: str) -> services.BlocAnswers:
    fields = {**OPTIONS, **changes}
    return services.BlocAnswers(**fields)  # type: ignore[arg-type]


@pytest.mark.django_db
def test_setup_writes_the_bloc_its_header_and_own_issuer() -> None:
    bloc = services.bloc_setup(answers=answers(), actor=None)
    assert bloc.kind == UnitKind.BLOC and bloc.province == "Đồng Nai"
    header = DocumentSettings.objects.get(bloc=bloc)
    assert header.parent_body == "ĐẢNG BỘ TỈNH ĐỒNG NAI"
    assert header.symbol == "BC/ĐUK" and header.signer_title == "BÍ THƯ"
    head = document_head(number="12")
    assert head.header.number_symbol == "Số 12-BC/ĐUK"
    assert head.header.place == "Đồng Nai"
    assert head.signature.signer_name == "Nguyễn Văn An"
    issuer = Issuer.objects.get(is_own=True)
    assert issuer.symbol == "QĐ/ĐUK" and issuer.place == "Đồng Nai"
    profile = selectors.bloc_profile()
    assert profile is not None and profile.number_suffix == "-BC/ĐUK" and not profile.has_logo


@pytest.mark.django_db
def test_setup_happens_once_and_bad_answers_write_nothing() -> None:
    with pytest.raises(ValidationError, match=r"“-BC/ĐUK”"):
        services.bloc_setup(answers=answers(number_suffix="BC ĐUK"), actor=None)
    with pytest.raises(ValidationError, match=r"PNG"):
        services.bloc_setup(answers=services.BlocAnswers(**OPTIONS, logo=b"GIF89a"), actor=None)
    assert not Unit.objects.exists() and not Issuer.objects.exists()
    services.bloc_setup(answers=answers(), actor=None)
    with pytest.raises(ValidationError, match=r"already has a bloc|đã có khối"):
        services.bloc_setup(answers=answers(name="Khối khác"), actor=None)
    assert Unit.objects.filter(kind=UnitKind.BLOC).count() == 1


@pytest.mark.django_db
def test_marketplace_region_follows_the_bloc() -> None:
    assert default_regions() == []
    services.bloc_setup(answers=answers(place="Bình Phước"), actor=None)
    assert default_regions() == ["Bình Phước"]
    regions = ListingForm().fields["regions"]
    assert isinstance(regions, forms.MultipleChoiceField)
    assert regions.choices[0] == ("Bình Phước", "Bình Phước")


@pytest.mark.django_db
def test_command_without_input_creates_admin_and_bloc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KHOI_ADMIN_PASSWORD", "mot-mat-khau-dai-2026")
    out = io.StringIO()
    args = [f"--{name.replace('_', '-')}={value}" for name, value in OPTIONS.items()]
    call_command("setup_bloc", "--no-input", "--admin-username=quantri", *args, stdout=out)
    admin = User.objects.get(username="quantri")
    assert admin.is_superuser and admin.role == Role.ADMIN and admin.check_password("mot-mat-khau-dai-2026")
    assert Unit.objects.get(kind=UnitKind.BLOC).name == OPTIONS["name"]
    call_command("setup_bloc", "--no-input", stdout=out)  # a second run changes nothing
    assert Unit.objects.count() == 1
    assert "không tạo lại" in out.getvalue()


@pytest.mark.django_db
def test_command_refuses_a_bad_suffix(monkeypatch: pytest.MonkeyPatch, admin_user: User) -> None:
    args = [f"--{name.replace('_', '-')}={value}" for name, value in {**OPTIONS, "number_suffix": "x"}.items()]
    with pytest.raises(CommandError, match="BC/ĐUK"):
        call_command("setup_bloc", "--no-input", *args, stdout=io.StringIO())
    assert not Unit.objects.exists()


@pytest.mark.django_db
def test_first_run_page(admin_user: User, staff_user: User) -> None:
    url = reverse("bloc:setup")
    anonymous = Client()
    assert anonymous.get(url).status_code == 302  # to the sign-in page: accounts exist
    staff = Client()
    staff.force_login(staff_user)
    assert staff.get(reverse("core:home")).status_code == 200
    assert staff.get(url).status_code == 403
    assert staff.post(url, {**OPTIONS}).status_code == 403
    assert not Unit.objects.exists()
    client = Client()
    client.force_login(admin_user)
    assert client.get(reverse("core:home"))["Location"] == url
    bad = client.post(url, {**OPTIONS, "number_suffix": "?"})
    assert bad.status_code == 200 and "BC/ĐUK" in bad.content.decode()
    logo = io.BytesIO(PNG)
    logo.name = "logo.png"
    response = client.post(url, {**OPTIONS, "logo": logo})
    assert response.status_code == 302 and response["Location"] == reverse("units:import")
    assert client.get(url)["Location"] == reverse("core:home")  # set up once
    assert client.get(reverse("bloc:logo")).content == PNG
    assert anonymous.get(reverse("bloc:logo")).status_code == 403


@pytest.mark.django_db
def test_first_run_page_before_any_account() -> None:
    response = Client().get(reverse("bloc:setup"))
    assert response.status_code == 200 and "make setup" in response.content.decode()
