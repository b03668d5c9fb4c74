"""`make setup`: an empty bloc (and its first administrator when there is no account yet).

Asks for what the options leave out; `--no-input` takes only options (and the administrator's
password from KHOI_ADMIN_PASSWORD), for scripts.
"""

from __future__ import annotations

import getpass
import os
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from khoi.bloc import selectors, services

QUESTIONS = [
    ("name", "Tên cấp ủy (ví dụ: Đảng ủy Khối Doanh nghiệp tỉnh Đồng Nai)", ""),
    ("short_name", "Tên viết tắt (ví dụ: ĐUK)", ""),
    ("parent_body", "Cơ quan cấp trên ở đầu văn bản (ví dụ: ĐẢNG BỘ TỈNH ĐỒNG NAI)", ""),
    ("place", "Địa danh ghi trước ngày tháng (ví dụ: Đồng Nai)", ""),
    ("signer_name", "Người ký mặc định", ""),
    ("signer_title", "Chức danh người ký", "BÍ THƯ"),
    ("number_suffix", "Hậu tố số văn bản", "-BC/ĐUK"),
]


class Command(BaseCommand):
    help = "Create an empty bloc (its name, document header, place, signer, number suffix, logo)."

    def add_arguments(self, parser: CommandParser) -> None:
        for name, question, _default in QUESTIONS:
            parser.add_argument(f"--{name.replace('_', '-')}", dest=name, help=question)
        parser.add_argument("--logo", help="PNG or JPEG file of the committee's logo (optional).")
        parser.add_argument("--admin-username", help="Login of the first administrator (when there is no account).")
        parser.add_argument("--admin-email", default="")
        parser.add_argument("--no-input", action="store_true", dest="no_input", help="Ask nothing.")

    def _ask(self, question: str, default: str) -> str:
        suffix = f" [{default}]" if default else ""
        answer = input(f"{question}{suffix}: ").strip()
        return answer or default

    def handle(self, *args: Any, **options: Any) -> None:
        interactive = not options["no_input"]
        if selectors.bloc_exists():
            self.stdout.write("Đã có khối trong cơ sở dữ liệu: không tạo lại.")
            return
        actor = None
        if not selectors.any_user_exists():
            actor = self._first_admin(options, interactive=interactive)
        answers: dict[str, str] = {}
        for name, question, default in QUESTIONS:
            value = options.get(name)
            if value is None:
                value = self._ask(question, default) if interactive else default
            answers[name] = value
        logo = b""
        if options.get("logo"):
            path = Path(options["logo"])
            if not path.is_file():
                raise CommandError(f"Không tìm thấy tệp biểu trưng: {path}")
            logo = path.read_bytes()
        try:
            bloc = services.bloc_setup(answers=services.BlocAnswers(**answers, logo=logo), actor=actor)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(self.style.SUCCESS(f"Đã tạo khối: {bloc.name}."))
        self.stdout.write("Tiếp theo: đăng nhập, nhập danh sách đơn vị (Danh sách đơn vị › Nhập từ Excel).")

    def _first_admin(self, options: dict[str, Any], *, interactive: bool) -> Any:
        username = options.get("admin_username") or (
            self._ask("Tên đăng nhập của quản trị viên", "admin") if interactive else ""
        )
        password = os.environ.get("KHOI_ADMIN_PASSWORD", "")
        if not password and interactive:
            password = getpass.getpass("Mật khẩu của quản trị viên: ")
            if password != getpass.getpass("Nhập lại mật khẩu: "):
                raise CommandError("Hai lần nhập mật khẩu không khớp.")
        if not username or not password:
            raise CommandError(
                "Cần tên đăng nhập (--admin-username) và mật khẩu (KHOI_ADMIN_PASSWORD) của quản trị viên."
            )
        try:
            user = services.first_admin_create(
                username=username, password=password, email=options.get("admin_email", "")
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(self.style.SUCCESS(f"Đã tạo quản trị viên “{user.username}”."))
        return user
