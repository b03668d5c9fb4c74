"""The category tree seeded from the fields the 2024-07-10 seed lists. Data, no logic.

(code, name, essential, children); children are (code, name, essential).
"""

from __future__ import annotations

CATEGORY_TREE: list[tuple[str, str, bool, list[tuple[str, str, bool]]]] = [
    (
        "dich-vu-cong-ich",
        "Dịch vụ công ích",
        False,
        [
            ("nuoc-sach", "Nước sạch", True),
            ("xu-ly-moi-truong", "Xử lý môi trường, vệ sinh môi trường", True),
            ("cay-xanh", "Cây xanh", False),
            ("chieu-sang", "Chiếu sáng", False),
            ("thoat-nuoc", "Thoát nước", False),
        ],
    ),
    (
        "y-te",
        "Y tế, chăm sóc sức khỏe",
        False,
        [
            ("kham-chua-benh", "Khám, chữa bệnh", False),
            ("kham-suc-khoe", "Khám sức khỏe định kỳ cho người lao động", False),
            ("duoc-thiet-bi-y-te", "Dược phẩm, thiết bị y tế", False),
        ],
    ),
    (
        "van-tai-logistics",
        "Vận tải – cảng – logistics – kho bãi – chuyển phát",
        False,
        [
            ("van-tai-bien", "Vận tải biển", False),
            ("van-tai-duong-bo", "Vận tải đường bộ", False),
            ("dich-vu-cang", "Dịch vụ cảng", False),
            ("logistics", "Logistics", False),
            ("kho-bai", "Vận tải – kho bãi", False),
            ("chuyen-phat", "Chuyển phát", False),
        ],
    ),
    (
        "may-mac",
        "May mặc",
        False,
        [
            ("dong-phuc", "Đồng phục, bảo hộ lao động", False),
            ("hang-may-mac", "Hàng may mặc", False),
        ],
    ),
    (
        "phu-tro-cong-nghiep",
        "Sản phẩm phụ trợ công nghiệp",
        False,
        [
            ("co-khi", "Cơ khí, chế tạo", False),
            ("nhua-bao-bi", "Nhựa, bao bì", False),
            ("vat-lieu-xay-dung", "Vật liệu xây dựng", False),
            ("in-an", "In ấn", False),
        ],
    ),
    (
        "ngan-hang-bao-hiem",
        "Ngân hàng – bảo hiểm",
        False,
        [
            ("ngan-hang", "Ngân hàng", False),
            ("bao-hiem", "Bảo hiểm", False),
        ],
    ),
    (
        "dich-vu-khac",
        "Sản phẩm, dịch vụ khác",
        False,
        [
            ("cong-nghe-thong-tin", "Công nghệ thông tin", False),
            ("du-lich-hoi-nghi", "Du lịch, hội nghị", False),
            ("thuc-pham", "Thực phẩm, suất ăn công nghiệp", False),
            ("xay-dung", "Xây dựng công trình", False),
            ("dien-nang", "Điện năng", False),
        ],
    ),
]

PROVINCES = [
    "Hải Phòng",
    "Hà Nội",
    "Quảng Ninh",
    "Hưng Yên",
    "Hải Dương",
    "Thái Bình",
    "Nam Định",
    "Bắc Ninh",
    "Thành phố Hồ Chí Minh",
    "Đà Nẵng",
    "Toàn quốc",
]
