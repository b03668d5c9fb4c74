# ruff: noqa: E501, S311
"""The demo question bank: 200 items on the five topics of the 2021 contest (seed 2021-07-16).

Every item is built from a short list of facts: the contents of the seed articles (the bloc's
first-half 2021 results, its resolutions and events) and well-known facts of the documents named
in the contest (the 13th National Party Congress, Resolution 45-NQ/TW on Hai Phong). Wrong options
are altered figures or neighbouring facts; they appear only as wrong options. Items that combine
statements ("Which statement is right?") are generated from the same facts, deterministically.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

TOPICS = [
    ("dai-hoi-xiii", "Nghị quyết Đại hội XIII của Đảng"),
    ("dai-hoi-xvi-hai-phong", "Nghị quyết Đại hội XVI Đảng bộ thành phố Hải Phòng"),
    ("dai-hoi-iii-khoi", "Nghị quyết Đại hội III Đảng bộ Khối Doanh nghiệp"),
    ("nghi-quyet-45", "Nghị quyết số 45-NQ/TW của Bộ Chính trị"),
    ("lich-su-dang-bo-khoi", "Lịch sử Đảng bộ Khối Doanh nghiệp thành phố"),
]
PER_TOPIC = 40


@dataclass(frozen=True)
class Item:
    topic: str
    text: str
    right: tuple[str, ...]
    wrong: tuple[str, ...]
    explanation: str = ""
    difficulty: int = 2


def _single(topic: str, text: str, right: str, wrong: list[str], explanation: str = "", difficulty: int = 2) -> Item:
    return Item(topic, text, (right,), tuple(wrong[:3]), explanation, difficulty)


# ---- Facts: (topic, question, right answer, three wrong answers, explanation, difficulty) --------

XIII = "dai-hoi-xiii"
XVI = "dai-hoi-xvi-hai-phong"
III = "dai-hoi-iii-khoi"
NQ45 = "nghi-quyet-45"
HIST = "lich-su-dang-bo-khoi"

SINGLES: list[Item] = [
    # 13th National Congress (Jan–Feb 2021)
    _single(
        XIII,
        "Đại hội đại biểu toàn quốc lần thứ XIII của Đảng diễn ra vào năm nào?",
        "Năm 2021",
        ["Năm 2020", "Năm 2019", "Năm 2022"],
        "Đại hội XIII diễn ra từ ngày 25/01 đến ngày 01/02/2021.",
        1,
    ),
    _single(
        XIII,
        "Đại hội đại biểu toàn quốc lần thứ XIII của Đảng diễn ra trong khoảng thời gian nào?",
        "Từ ngày 25/01 đến ngày 01/02/2021",
        ["Từ ngày 19/01 đến ngày 28/01/2021", "Từ ngày 01/02 đến ngày 08/02/2021", "Từ ngày 14/10 đến ngày 16/10/2020"],
        "",
        2,
    ),
    _single(
        XIII,
        "Đại hội đại biểu toàn quốc lần thứ XIII của Đảng được tổ chức tại đâu?",
        "Thủ đô Hà Nội",
        ["Thành phố Hồ Chí Minh", "Thành phố Đà Nẵng", "Thành phố Hải Phòng"],
        "Đại hội họp tại Trung tâm Hội nghị Quốc gia, Hà Nội.",
        1,
    ),
    _single(
        XIII,
        "Có bao nhiêu đại biểu chính thức được triệu tập dự Đại hội XIII của Đảng?",
        "1.587 đại biểu",
        ["1.510 đại biểu", "1.568 đại biểu", "1.600 đại biểu"],
        "",
        3,
    ),
    _single(
        XIII,
        "Các đại biểu dự Đại hội XIII thay mặt cho bao nhiêu đảng viên trong toàn Đảng?",
        "Hơn 5,1 triệu đảng viên",
        ["Hơn 4,5 triệu đảng viên", "Hơn 3,6 triệu đảng viên", "Hơn 6,2 triệu đảng viên"],
        "",
        2,
    ),
    _single(
        XIII,
        "Đồng chí nào được Đại hội XIII bầu làm Tổng Bí thư Ban Chấp hành Trung ương Đảng?",
        "Đồng chí Nguyễn Phú Trọng",
        ["Đồng chí Nguyễn Xuân Phúc", "Đồng chí Phạm Minh Chính", "Đồng chí Vương Đình Huệ"],
        "",
        1,
    ),
    _single(
        XIII,
        "Ban Chấp hành Trung ương Đảng khóa XIII có bao nhiêu ủy viên?",
        "200 ủy viên (180 chính thức, 20 dự khuyết)",
        [
            "180 ủy viên (160 chính thức, 20 dự khuyết)",
            "200 ủy viên chính thức",
            "175 ủy viên (160 chính thức, 15 dự khuyết)",
        ],
        "",
        2,
    ),
    _single(
        XIII,
        "Bộ Chính trị khóa XIII có bao nhiêu ủy viên?",
        "18 ủy viên",
        ["16 ủy viên", "19 ủy viên", "20 ủy viên"],
        "",
        3,
    ),
    _single(
        XIII,
        "Nghị quyết Đại hội XIII xác định bao nhiêu đột phá chiến lược?",
        "3 đột phá chiến lược",
        ["2 đột phá chiến lược", "4 đột phá chiến lược", "6 đột phá chiến lược"],
        "Thể chế phát triển, nguồn nhân lực và hệ thống kết cấu hạ tầng.",
        1,
    ),
    _single(
        XIII,
        "Nghị quyết Đại hội XIII nêu bao nhiêu nhiệm vụ trọng tâm của nhiệm kỳ?",
        "6 nhiệm vụ trọng tâm",
        ["5 nhiệm vụ trọng tâm", "7 nhiệm vụ trọng tâm", "9 nhiệm vụ trọng tâm"],
        "",
        2,
    ),
    _single(
        XIII,
        "Văn kiện Đại hội XIII nêu bao nhiêu định hướng phát triển đất nước giai đoạn 2021 – 2030?",
        "12 định hướng",
        ["10 định hướng", "8 định hướng", "15 định hướng"],
        "",
        3,
    ),
    _single(
        XIII,
        "Mục tiêu đến năm 2025 theo Nghị quyết Đại hội XIII là gì?",
        "Là nước đang phát triển, có công nghiệp theo hướng hiện đại, vượt qua mức thu nhập trung bình thấp",
        [
            "Là nước phát triển, thu nhập cao",
            "Là nước đang phát triển, có công nghiệp hiện đại, thu nhập trung bình cao",
            "Cơ bản trở thành nước công nghiệp theo hướng hiện đại",
        ],
        "",
        2,
    ),
    _single(
        XIII,
        "Mục tiêu đến năm 2030 theo Nghị quyết Đại hội XIII là gì?",
        "Là nước đang phát triển, có công nghiệp hiện đại, thu nhập trung bình cao",
        [
            "Là nước phát triển, thu nhập cao",
            "Là nước đang phát triển, có công nghiệp theo hướng hiện đại, vượt qua mức thu nhập trung bình thấp",
            "Hoàn thành công nghiệp hóa, hiện đại hóa",
        ],
        "",
        2,
    ),
    _single(
        XIII,
        "Mục tiêu đến năm 2045 theo Nghị quyết Đại hội XIII là gì?",
        "Trở thành nước phát triển, thu nhập cao",
        [
            "Là nước đang phát triển, có công nghiệp hiện đại, thu nhập trung bình cao",
            "Vượt qua mức thu nhập trung bình thấp",
            "Trở thành nước công nghiệp theo hướng hiện đại",
        ],
        "",
        1,
    ),
    _single(
        XIII,
        "Năm 2030, mốc của mục tiêu thứ hai trong Nghị quyết Đại hội XIII, là kỷ niệm sự kiện nào?",
        "100 năm thành lập Đảng",
        [
            "100 năm thành lập nước",
            "50 năm giải phóng miền Nam, thống nhất đất nước",
            "40 năm thực hiện công cuộc đổi mới",
        ],
        "",
        1,
    ),
    _single(
        XIII,
        "Năm 2045, mốc của mục tiêu dài hạn trong Nghị quyết Đại hội XIII, là kỷ niệm sự kiện nào?",
        "100 năm thành lập nước, nay là nước Cộng hòa xã hội chủ nghĩa Việt Nam",
        ["100 năm thành lập Đảng", "50 năm giải phóng miền Nam, thống nhất đất nước", "60 năm đổi mới"],
        "",
        1,
    ),
    _single(
        XIII,
        "Năm 2025, mốc của mục tiêu gần trong Nghị quyết Đại hội XIII, là kỷ niệm sự kiện nào?",
        "50 năm giải phóng hoàn toàn miền Nam, thống nhất đất nước",
        ["100 năm thành lập Đảng", "100 năm thành lập nước", "40 năm đổi mới"],
        "",
        2,
    ),
    _single(
        XIII,
        "Tốc độ tăng trưởng kinh tế (GDP) bình quân 5 năm 2021 – 2025 theo Nghị quyết Đại hội XIII là bao nhiêu?",
        "Khoảng 6,5 – 7%/năm",
        ["Khoảng 5 – 5,5%/năm", "Khoảng 7,5 – 8%/năm", "Khoảng 8 – 9%/năm"],
        "",
        2,
    ),
    _single(
        XIII,
        "Đến năm 2025, GDP bình quân đầu người theo Nghị quyết Đại hội XIII đạt khoảng bao nhiêu?",
        "4.700 – 5.000 USD",
        ["3.000 – 3.200 USD", "7.500 USD", "10.000 USD"],
        "",
        2,
    ),
    _single(
        XIII,
        "Đến năm 2025, kinh tế số theo Nghị quyết Đại hội XIII đạt khoảng bao nhiêu phần trăm GDP?",
        "Khoảng 20% GDP",
        ["Khoảng 10% GDP", "Khoảng 30% GDP", "Khoảng 50% GDP"],
        "",
        2,
    ),
    _single(
        XIII,
        "Đến năm 2025, tỷ lệ lao động nông nghiệp trong tổng lao động xã hội theo Nghị quyết Đại hội XIII là bao nhiêu?",
        "Dưới 25%",
        ["Dưới 35%", "Dưới 15%", "Dưới 40%"],
        "",
        3,
    ),
    _single(
        XIII,
        "Đến năm 2025, tỷ lệ đô thị hóa theo Nghị quyết Đại hội XIII đạt khoảng bao nhiêu?",
        "Khoảng 45%",
        ["Khoảng 35%", "Khoảng 55%", "Khoảng 60%"],
        "",
        3,
    ),
    _single(
        XIII,
        "Đến năm 2025, tỷ lệ tham gia bảo hiểm y tế theo Nghị quyết Đại hội XIII đạt bao nhiêu phần trăm dân số?",
        "95% dân số",
        ["85% dân số", "90% dân số", "100% dân số"],
        "",
        2,
    ),
    _single(
        XIII,
        "Đến năm 2025, tuổi thọ bình quân theo Nghị quyết Đại hội XIII đạt khoảng bao nhiêu tuổi?",
        "Khoảng 74,5 tuổi",
        ["Khoảng 72 tuổi", "Khoảng 76 tuổi", "Khoảng 78 tuổi"],
        "",
        3,
    ),
    _single(
        XIII,
        "Theo Nghị quyết Đại hội XIII, tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều giảm bao nhiêu mỗi năm?",
        "Duy trì mức giảm 1 – 1,5%/năm",
        ["Giảm 3 – 4%/năm", "Giảm 0,5%/năm", "Giảm 2 – 2,5%/năm"],
        "",
        3,
    ),
    _single(
        XIII,
        "Cụm từ nào sau đây có trong chủ đề của Đại hội XIII?",
        "Khơi dậy khát vọng phát triển đất nước",
        [
            "Đổi mới toàn diện nền kinh tế thị trường",
            "Xây dựng nông thôn mới văn minh",
            "Đẩy mạnh hội nhập quốc tế sâu rộng",
        ],
        "",
        2,
    ),
    _single(
        XIII,
        "Theo chủ đề Đại hội XIII, phấn đấu đến khi nào nước ta trở thành nước phát triển, theo định hướng xã hội chủ nghĩa?",
        "Đến giữa thế kỷ XXI",
        ["Đến năm 2030", "Đến năm 2035", "Đến cuối thế kỷ XXI"],
        "",
        2,
    ),
    # 16th Congress of the Hai Phong city Party organisation
    _single(
        XVI,
        "Đại hội đại biểu Đảng bộ thành phố Hải Phòng lần thứ XVI thuộc nhiệm kỳ nào?",
        "Nhiệm kỳ 2020 – 2025",
        ["Nhiệm kỳ 2015 – 2020", "Nhiệm kỳ 2021 – 2026", "Nhiệm kỳ 2025 – 2030"],
        "",
        1,
    ),
    _single(
        XVI,
        "Đại hội đại biểu Đảng bộ thành phố Hải Phòng lần thứ XVI diễn ra vào thời gian nào?",
        "Tháng 10 năm 2020",
        ["Tháng 01 năm 2021", "Tháng 10 năm 2015", "Tháng 5 năm 2020"],
        "",
        2,
    ),
    _single(
        XVI,
        "Đại hội Đảng bộ thành phố Hải Phòng lần thứ XVI diễn ra trước hay sau Đại hội XIII của Đảng?",
        "Trước Đại hội XIII của Đảng",
        [
            "Sau Đại hội XIII của Đảng",
            "Cùng thời gian với Đại hội XIII",
            "Sau Đại hội III Đảng bộ Khối Doanh nghiệp một năm",
        ],
        "Đại hội đảng bộ các cấp diễn ra trước Đại hội toàn quốc.",
        2,
    ),
    _single(
        XVI,
        "Nghị quyết Đại hội XVI Đảng bộ thành phố cụ thể hóa nghị quyết nào của Bộ Chính trị về Hải Phòng?",
        "Nghị quyết số 45-NQ/TW",
        ["Nghị quyết số 36-NQ/TW", "Nghị quyết số 19-NQ/TW", "Nghị quyết số 05-NQ/TW"],
        "",
        1,
    ),
    _single(
        XVI,
        "Hải Phòng là đơn vị hành chính nào?",
        "Thành phố trực thuộc Trung ương",
        ["Thành phố thuộc tỉnh", "Tỉnh", "Đặc khu kinh tế"],
        "",
        1,
    ),
    _single(
        XVI,
        "Đảng bộ Khối Doanh nghiệp thành phố là đảng bộ trực thuộc cấp ủy nào?",
        "Thành ủy Hải Phòng",
        ["Đảng ủy Khối Doanh nghiệp Trung ương", "Ủy ban nhân dân thành phố Hải Phòng", "Liên đoàn Lao động thành phố"],
        "",
        1,
    ),
    # Resolution 45-NQ/TW (24/01/2019)
    _single(
        NQ45,
        "Nghị quyết số 45-NQ/TW về xây dựng và phát triển thành phố Hải Phòng do cơ quan nào ban hành?",
        "Bộ Chính trị",
        ["Ban Chấp hành Trung ương", "Quốc hội", "Chính phủ"],
        "",
        1,
    ),
    _single(
        NQ45,
        "Nghị quyết số 45-NQ/TW của Bộ Chính trị được ban hành ngày nào?",
        "Ngày 24/01/2019",
        ["Ngày 24/01/2020", "Ngày 05/8/2003", "Ngày 16/7/2021"],
        "",
        2,
    ),
    _single(
        NQ45,
        "Tên đầy đủ của Nghị quyết số 45-NQ/TW là gì?",
        "Về xây dựng và phát triển thành phố Hải Phòng đến năm 2030, tầm nhìn đến năm 2045",
        [
            "Về phát triển kinh tế biển Việt Nam đến năm 2030",
            "Về xây dựng và phát triển thành phố Hải Phòng đến năm 2025, tầm nhìn đến năm 2035",
            "Về phát triển vùng đồng bằng sông Hồng đến năm 2030",
        ],
        "",
        1,
    ),
    _single(
        NQ45,
        "Nghị quyết số 45-NQ/TW đặt tầm nhìn phát triển thành phố Hải Phòng đến năm nào?",
        "Năm 2045",
        ["Năm 2030", "Năm 2035", "Năm 2050"],
        "",
        1,
    ),
    _single(
        NQ45,
        "Theo Nghị quyết số 45-NQ/TW, đến năm 2030 Hải Phòng là thành phố đi đầu cả nước trong sự nghiệp nào?",
        "Công nghiệp hóa, hiện đại hóa",
        ["Chuyển đổi số", "Phát triển nông nghiệp công nghệ cao", "Xây dựng nông thôn mới"],
        "",
        1,
    ),
    _single(
        NQ45,
        "Theo Nghị quyết số 45-NQ/TW, đến năm 2030 Hải Phòng là động lực phát triển của vùng nào và của cả nước?",
        "Vùng Bắc Bộ",
        ["Vùng Tây Bắc", "Vùng Bắc Trung Bộ", "Vùng Đông Nam Bộ"],
        "",
        1,
    ),
    _single(
        NQ45,
        "Theo Nghị quyết số 45-NQ/TW, đến năm 2045 Hải Phòng trở thành thành phố phát triển có tầm cỡ nào?",
        "Tầm cỡ khu vực châu Á",
        ["Tầm cỡ khu vực Đông Nam Á", "Tầm cỡ thế giới", "Tầm cỡ vùng duyên hải Bắc Bộ"],
        "",
        2,
    ),
    _single(
        NQ45,
        "Theo Nghị quyết số 45-NQ/TW, Hải Phòng là trung tâm dịch vụ logistics quốc tế hiện đại gắn với loại cảng nào?",
        "Cảng biển quốc tế cửa ngõ",
        ["Cảng hàng không quốc tế", "Cảng cạn nội địa", "Cảng cá trung tâm"],
        "",
        2,
    ),
    _single(
        NQ45,
        "Nghị quyết số 45-NQ/TW thuộc loại văn bản nào của Đảng?",
        "Nghị quyết của Bộ Chính trị",
        ["Chỉ thị của Ban Bí thư", "Kết luận của Ban Chấp hành Trung ương", "Quy định của Ủy ban Kiểm tra Trung ương"],
        "Ký hiệu “NQ/TW” là nghị quyết của Trung ương; Nghị quyết 45 do Bộ Chính trị ban hành.",
        2,
    ),
    _single(
        NQ45,
        "Ký hiệu “NQ/TW” trong số hiệu Nghị quyết 45-NQ/TW cho biết điều gì?",
        "Là nghị quyết do cơ quan lãnh đạo ở Trung ương của Đảng ban hành",
        ["Là nghị quyết của Quốc hội", "Là nghị quyết của Hội đồng nhân dân thành phố", "Là nghị quyết liên tịch"],
        "",
        2,
    ),
    # The bloc's 3rd Congress (term 2020–2025) and its resolution
    _single(
        III,
        "Đại hội III Đảng bộ Khối Doanh nghiệp thành phố thuộc nhiệm kỳ nào?",
        "Nhiệm kỳ 2020 – 2025",
        ["Nhiệm kỳ 2015 – 2020", "Nhiệm kỳ 2021 – 2026", "Nhiệm kỳ 2010 – 2015"],
        "",
        1,
    ),
    _single(
        III,
        "Nghị quyết Đại hội III Đảng bộ Khối đặt chỉ tiêu thu nhập bình quân của người lao động tăng bao nhiêu mỗi năm?",
        "Từ 10%/năm trở lên",
        ["Từ 5%/năm trở lên", "Từ 7%/năm trở lên", "Từ 15%/năm trở lên"],
        "Năm 2021 thu nhập bình quân tăng 10%, đạt chỉ tiêu Nghị quyết Đại hội III.",
        2,
    ),
    _single(
        III,
        "Nghị quyết chuyên đề Đảng ủy Khối triển khai tháng 7/2021 nhằm nâng cao chất lượng, hiệu quả công tác nào?",
        "Công tác phát triển đảng viên",
        ["Công tác kiểm tra, giám sát", "Công tác dân vận", "Công tác thi đua, khen thưởng"],
        "",
        1,
    ),
    _single(
        III,
        "Nghị quyết chuyên đề về công tác phát triển đảng viên tại Đảng bộ Khối Doanh nghiệp áp dụng cho giai đoạn nào?",
        "Giai đoạn 2020 – 2025",
        ["Giai đoạn 2021 – 2030", "Giai đoạn 2016 – 2020", "Giai đoạn 2019 – 2024"],
        "",
        2,
    ),
    _single(
        III,
        "Hội nghị ngày 16/7/2021 sơ kết bao nhiêu năm thực hiện Chỉ thị 05-CT/TW của Bộ Chính trị?",
        "5 năm",
        ["3 năm", "10 năm", "2 năm"],
        "",
        2,
    ),
    _single(
        III,
        "Chỉ thị 05-CT/TW của Bộ Chính trị là về nội dung nào?",
        "Đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        [
            "Tăng cường công tác phát triển đảng viên",
            "Phòng, chống tham nhũng, lãng phí",
            "Đổi mới công tác tuyên truyền",
        ],
        "",
        1,
    ),
    _single(
        III,
        "Hội nghị sơ kết 6 tháng đầu năm 2021 của Đảng ủy Khối đã thông qua bao nhiêu nhóm nhiệm vụ trọng tâm 6 tháng cuối năm?",
        "9 nhóm nhiệm vụ",
        ["7 nhóm nhiệm vụ", "6 nhóm nhiệm vụ", "12 nhóm nhiệm vụ"],
        "",
        2,
    ),
    # The bloc's recent history (from the seed articles up to July 2021)
    _single(
        HIST,
        "Hội nghị Ban Chấp hành Đảng bộ Khối mở rộng sơ kết 6 tháng đầu năm 2021 được tổ chức ngày nào?",
        "Ngày 16/7/2021",
        ["Ngày 20/7/2021", "Ngày 01/7/2021", "Ngày 28/12/2021"],
        "",
        2,
    ),
    _single(
        HIST,
        "Hội nghị sơ kết 6 tháng đầu năm 2021 của Đảng ủy Khối được tổ chức bằng hình thức nào?",
        "Trực tuyến",
        ["Trực tiếp tại hội trường", "Gửi văn bản xin ý kiến", "Kết hợp tại các đơn vị, không có điểm cầu chính"],
        "Do tác động của dịch COVID-19.",
        1,
    ),
    _single(
        HIST,
        "Đồng chí nào là Bí thư Đảng ủy Khối Doanh nghiệp thành phố, chủ trì Hội nghị ngày 16/7/2021?",
        "Đồng chí Đỗ Quang Khoa",
        ["Đồng chí Lê Trung Kiên", "Đồng chí Lê Văn Thành", "Đồng chí Nguyễn Văn Tùng"],
        "",
        1,
    ),
    _single(
        HIST,
        "6 tháng đầu năm 2021, Đảng ủy Khối quyết định công nhận đánh giá chất lượng tổ chức cơ sở đảng đối với bao nhiêu đơn vị?",
        "95 đơn vị",
        ["93 đơn vị", "85 đơn vị", "100 đơn vị"],
        "",
        2,
    ),
    _single(
        HIST,
        "6 tháng đầu năm 2021, Đảng ủy Khối kiện toàn cán bộ chủ chốt, cấp ủy tại bao nhiêu đơn vị trực thuộc?",
        "4 đơn vị",
        ["2 đơn vị", "6 đơn vị", "9 đơn vị"],
        "",
        3,
    ),
    _single(
        HIST,
        "6 tháng đầu năm 2021, Đảng bộ Khối kết nạp mới bao nhiêu đảng viên?",
        "36 đảng viên",
        ["70 đảng viên", "29 đảng viên", "63 đảng viên"],
        "",
        2,
    ),
    _single(
        HIST,
        "6 tháng đầu năm 2021, Đảng bộ Khối chuyển đảng viên chính thức cho bao nhiêu đảng viên?",
        "70 đảng viên",
        ["36 đảng viên", "95 đảng viên", "50 đảng viên"],
        "",
        2,
    ),
    _single(
        HIST,
        "6 tháng đầu năm 2021, các doanh nghiệp trong Đảng bộ Khối bảo đảm việc làm và thu nhập ổn định cho khoảng bao nhiêu lao động?",
        "Gần 27.000 lao động",
        ["Gần 17.000 lao động", "Gần 37.000 lao động", "Gần 50.000 lao động"],
        "",
        2,
    ),
    _single(
        HIST,
        "6 tháng đầu năm 2021, Đảng ủy Khối đã vận động doanh nghiệp đóng góp bao nhiêu cho công tác an sinh xã hội?",
        "4,7 tỷ đồng",
        ["1,3 tỷ đồng", "7,4 tỷ đồng", "14,7 tỷ đồng"],
        "",
        3,
    ),
    _single(
        HIST,
        "6 tháng đầu năm 2021, các doanh nghiệp trong Khối ủng hộ Quỹ “chung tay phòng, chống dịch bệnh COVID-19” bao nhiêu?",
        "1,3 tỷ đồng",
        ["4,7 tỷ đồng", "3,1 tỷ đồng", "0,9 tỷ đồng"],
        "",
        3,
    ),
    _single(
        HIST,
        "Nhân dịp sơ kết Chỉ thị 05-CT/TW, Đảng ủy Khối tặng Giấy khen cho bao nhiêu tập thể có thành tích xuất sắc năm 2020?",
        "12 tập thể",
        ["29 tập thể", "9 tập thể", "15 tập thể"],
        "",
        3,
    ),
    _single(
        HIST,
        "Nhân dịp sơ kết Chỉ thị 05-CT/TW, Đảng ủy Khối tặng Giấy khen cho bao nhiêu cá nhân có thành tích xuất sắc năm 2020?",
        "29 cá nhân",
        ["12 cá nhân", "36 cá nhân", "41 cá nhân"],
        "",
        3,
    ),
    _single(
        HIST,
        "Cuộc thi trực tuyến “Tìm hiểu Nghị quyết Đại hội Đảng các cấp và lịch sử Đảng bộ Khối doanh nghiệp Hải Phòng” diễn ra trong thời gian nào?",
        "Từ ngày 20/7/2021 đến hết ngày 20/8/2021",
        [
            "Từ ngày 16/7/2021 đến hết ngày 16/8/2021",
            "Từ ngày 01/8/2021 đến hết ngày 31/8/2021",
            "Từ ngày 20/7/2021 đến hết ngày 20/9/2021",
        ],
        "",
        1,
    ),
    _single(
        HIST,
        "Cuộc thi tìm hiểu Nghị quyết Đại hội Đảng các cấp năm 2021 của Đảng bộ Khối được tổ chức theo hình thức nào?",
        "Trả lời câu hỏi trắc nghiệm trực tuyến",
        ["Viết bài dự thi gửi qua bưu điện", "Thi sân khấu hóa tại hội trường", "Thi vấn đáp trực tiếp"],
        "",
        1,
    ),
    _single(
        HIST,
        "Đối tượng của cuộc thi tìm hiểu Nghị quyết Đại hội Đảng các cấp năm 2021 của Đảng bộ Khối gồm những ai?",
        "Cán bộ, đảng viên, đoàn viên, hội viên và người lao động trong Đảng bộ Khối",
        ["Chỉ đảng viên", "Chỉ cán bộ lãnh đạo các doanh nghiệp", "Chỉ đoàn viên thanh niên"],
        "",
        1,
    ),
    _single(
        HIST,
        "Đảng ủy Khối phát động cuộc thi tìm hiểu Nghị quyết Đại hội Đảng các cấp năm 2021 tại hội nghị nào?",
        "Hội nghị Ban Chấp hành mở rộng sơ kết 6 tháng đầu năm 2021",
        ["Hội nghị kết nối cung – cầu", "Hội nghị tổng kết năm 2020", "Đại hội III Đảng bộ Khối"],
        "",
        2,
    ),
    _single(
        HIST,
        "Năm 2021, Đảng bộ Khối Doanh nghiệp thành phố có bao nhiêu tổ chức cơ sở đảng được đánh giá chất lượng?",
        "95 tổ chức cơ sở đảng",
        ["93 tổ chức cơ sở đảng", "57 tổ chức cơ sở đảng", "36 tổ chức cơ sở đảng"],
        "",
        2,
    ),
    _single(
        HIST,
        "Trong 6 tháng đầu năm 2021, Đảng ủy Khối đã triển khai các lớp bồi dưỡng nào?",
        "Lớp bồi dưỡng kết nạp Đảng và lớp lý luận chính trị cho đảng viên mới đợt 1-2021",
        [
            "Lớp cao cấp lý luận chính trị",
            "Lớp bồi dưỡng nghiệp vụ ngân hàng",
            "Lớp quản lý nhà nước ngạch chuyên viên chính",
        ],
        "",
        2,
    ),
    _single(
        HIST,
        "Các doanh nghiệp trong Đảng bộ Khối đạt kết quả 6 tháng đầu năm 2021 trong bối cảnh khó khăn nào nổi bật?",
        "Tác động của đại dịch COVID-19",
        ["Khủng hoảng tài chính toàn cầu", "Bão lũ kéo dài", "Thiếu điện diện rộng"],
        "",
        1,
    ),
]

# The first half of 2021 against the same period of 2020 (seed 2021-07-16).
HALF_YEAR = [
    (
        "tổng doanh thu sản xuất kinh doanh",
        "14.167 tỷ đồng",
        ["12.167 tỷ đồng", "11.007 tỷ đồng", "17.141 tỷ đồng"],
        "28,7%",
    ),
    ("kim ngạch xuất khẩu", "58 triệu USD", ["25 triệu USD", "85 triệu USD", "131 triệu USD"], "129%"),
    ("nộp ngân sách nhà nước", "711 tỷ đồng", ["385 tỷ đồng", "975,9 tỷ đồng", "1.117 tỷ đồng"], "84,7%"),
    (
        "tổng mức huy động vốn của nhóm ngân hàng",
        "57.763 tỷ đồng",
        ["50.009 tỷ đồng", "51.665 tỷ đồng", "67.357 tỷ đồng"],
        "11,8%",
    ),
    (
        "dư nợ cho vay của nhóm ngân hàng",
        "32.884 tỷ đồng",
        ["38.162 tỷ đồng", "28.871 tỷ đồng", "23.884 tỷ đồng"],
        "13,9%",
    ),
]
GROWTHS = ["28,7%", "129%", "84,7%", "11,8%", "13,9%"]
EXTRA_GROWTHS = ["7,7%", "22,3%", "48,5%", "100%"]

# Statements for "which is right" items: (topic, true statement, false variants).
STATEMENTS: dict[str, list[tuple[str, list[str]]]] = {
    XIII: [
        (
            "Đại hội XIII của Đảng diễn ra từ ngày 25/01 đến ngày 01/02/2021.",
            ["Đại hội XIII của Đảng diễn ra vào tháng 10/2020.", "Đại hội XIII của Đảng diễn ra vào tháng 6/2021."],
        ),
        ("Đại hội XIII xác định 3 đột phá chiến lược.", ["Đại hội XIII xác định 5 đột phá chiến lược."]),
        ("Đại hội XIII nêu 6 nhiệm vụ trọng tâm.", ["Đại hội XIII nêu 10 nhiệm vụ trọng tâm."]),
        (
            "Đến năm 2030, nước ta là nước đang phát triển, có công nghiệp hiện đại, thu nhập trung bình cao.",
            ["Đến năm 2030, nước ta trở thành nước phát triển, thu nhập cao."],
        ),
        (
            "Đến năm 2045, nước ta trở thành nước phát triển, thu nhập cao.",
            ["Đến năm 2045, nước ta vượt qua mức thu nhập trung bình thấp."],
        ),
        ("Kinh tế số đến năm 2025 đạt khoảng 20% GDP.", ["Kinh tế số đến năm 2025 đạt khoảng 50% GDP."]),
        ("Tỷ lệ đô thị hóa đến năm 2025 khoảng 45%.", ["Tỷ lệ đô thị hóa đến năm 2025 khoảng 70%."]),
        (
            "Tỷ lệ tham gia bảo hiểm y tế đến năm 2025 đạt 95% dân số.",
            ["Tỷ lệ tham gia bảo hiểm y tế đến năm 2025 đạt 75% dân số."],
        ),
        ("Ban Chấp hành Trung ương khóa XIII có 200 ủy viên.", ["Ban Chấp hành Trung ương khóa XIII có 150 ủy viên."]),
        (
            "Tăng trưởng GDP bình quân 2021 – 2025 khoảng 6,5 – 7%/năm.",
            ["Tăng trưởng GDP bình quân 2021 – 2025 khoảng 10%/năm."],
        ),
    ],
    XVI: [
        (
            "Đại hội XVI Đảng bộ thành phố Hải Phòng thuộc nhiệm kỳ 2020 – 2025.",
            ["Đại hội XVI Đảng bộ thành phố Hải Phòng thuộc nhiệm kỳ 2015 – 2020."],
        ),
        (
            "Đại hội XVI Đảng bộ thành phố Hải Phòng diễn ra tháng 10/2020.",
            ["Đại hội XVI Đảng bộ thành phố Hải Phòng diễn ra tháng 3/2021."],
        ),
        (
            "Đại hội XVI Đảng bộ thành phố diễn ra trước Đại hội XIII của Đảng.",
            ["Đại hội XVI Đảng bộ thành phố diễn ra sau Đại hội XIII của Đảng."],
        ),
        (
            "Nghị quyết Đại hội XVI Đảng bộ thành phố cụ thể hóa Nghị quyết 45-NQ/TW của Bộ Chính trị.",
            ["Nghị quyết Đại hội XVI Đảng bộ thành phố thay thế Nghị quyết 45-NQ/TW của Bộ Chính trị."],
        ),
        ("Hải Phòng là thành phố trực thuộc Trung ương.", ["Hải Phòng là thành phố thuộc tỉnh Quảng Ninh."]),
        (
            "Đảng bộ Khối Doanh nghiệp là đảng bộ trực thuộc Thành ủy Hải Phòng.",
            ["Đảng bộ Khối Doanh nghiệp trực thuộc Ủy ban nhân dân thành phố."],
        ),
        (
            "Nghị quyết 45-NQ/TW đặt mục tiêu Hải Phòng đi đầu cả nước trong sự nghiệp công nghiệp hóa, hiện đại hóa.",
            ["Nghị quyết 45-NQ/TW đặt mục tiêu Hải Phòng trở thành trung tâm nông nghiệp của cả nước."],
        ),
        (
            "Nghị quyết 45-NQ/TW định hướng Hải Phòng là động lực phát triển của vùng Bắc Bộ và cả nước.",
            ["Nghị quyết 45-NQ/TW định hướng Hải Phòng là động lực phát triển của vùng Tây Nguyên."],
        ),
    ],
    III: [
        (
            "Đại hội III Đảng bộ Khối Doanh nghiệp thuộc nhiệm kỳ 2020 – 2025.",
            ["Đại hội III Đảng bộ Khối Doanh nghiệp thuộc nhiệm kỳ 2010 – 2015."],
        ),
        (
            "Nghị quyết Đại hội III đặt chỉ tiêu thu nhập bình quân tăng từ 10%/năm trở lên.",
            ["Nghị quyết Đại hội III đặt chỉ tiêu thu nhập bình quân tăng từ 3%/năm trở lên."],
        ),
        (
            "6 tháng đầu năm 2021, tổng doanh thu của các doanh nghiệp trong Khối đạt 14.167 tỷ đồng.",
            ["6 tháng đầu năm 2021, tổng doanh thu của các doanh nghiệp trong Khối đạt 4.167 tỷ đồng."],
        ),
        (
            "6 tháng đầu năm 2021, kim ngạch xuất khẩu tăng 129% so với cùng kỳ.",
            ["6 tháng đầu năm 2021, kim ngạch xuất khẩu giảm 12,9% so với cùng kỳ."],
        ),
        (
            "6 tháng đầu năm 2021, nộp ngân sách nhà nước đạt 711 tỷ đồng.",
            ["6 tháng đầu năm 2021, nộp ngân sách nhà nước đạt 117 tỷ đồng."],
        ),
        (
            "6 tháng đầu năm 2021, nhóm ngân hàng huy động vốn 57.763 tỷ đồng.",
            ["6 tháng đầu năm 2021, nhóm ngân hàng huy động vốn 5.776 tỷ đồng."],
        ),
        (
            "Nghị quyết chuyên đề năm 2021 của Đảng ủy Khối là về công tác phát triển đảng viên.",
            ["Nghị quyết chuyên đề năm 2021 của Đảng ủy Khối là về công tác cán bộ nữ."],
        ),
        (
            "Hội nghị ngày 16/7/2021 sơ kết 5 năm thực hiện Chỉ thị 05-CT/TW.",
            ["Hội nghị ngày 16/7/2021 tổng kết 10 năm thực hiện Chỉ thị 05-CT/TW."],
        ),
    ],
    NQ45: [
        ("Nghị quyết 45-NQ/TW do Bộ Chính trị ban hành.", ["Nghị quyết 45-NQ/TW do Quốc hội ban hành."]),
        ("Nghị quyết 45-NQ/TW được ban hành ngày 24/01/2019.", ["Nghị quyết 45-NQ/TW được ban hành năm 2021."]),
        ("Nghị quyết 45-NQ/TW có tầm nhìn đến năm 2045.", ["Nghị quyết 45-NQ/TW có tầm nhìn đến năm 2060."]),
        (
            "Theo Nghị quyết 45-NQ/TW, đến năm 2045 Hải Phòng là thành phố phát triển, có tầm cỡ khu vực châu Á.",
            ["Theo Nghị quyết 45-NQ/TW, đến năm 2045 Hải Phòng là thành phố nông nghiệp sinh thái."],
        ),
        (
            "Nghị quyết 45-NQ/TW xác định Hải Phòng là trung tâm dịch vụ logistics quốc tế hiện đại với cảng biển quốc tế cửa ngõ.",
            ["Nghị quyết 45-NQ/TW xác định Hải Phòng là trung tâm khai khoáng của cả nước."],
        ),
        (
            "Nghị quyết 45-NQ/TW là về xây dựng và phát triển thành phố Hải Phòng đến năm 2030.",
            ["Nghị quyết 45-NQ/TW là về phát triển vùng đồng bằng sông Cửu Long."],
        ),
        (
            "Theo Nghị quyết 45-NQ/TW, đến năm 2030 Hải Phòng đi đầu cả nước trong sự nghiệp công nghiệp hóa, hiện đại hóa.",
            ["Theo Nghị quyết 45-NQ/TW, đến năm 2030 Hải Phòng chỉ tập trung phát triển du lịch."],
        ),
    ],
    HIST: [
        (
            "Đồng chí Đỗ Quang Khoa là Bí thư Đảng ủy Khối Doanh nghiệp thành phố.",
            ["Đồng chí Đỗ Quang Khoa là Chủ tịch Ủy ban nhân dân thành phố."],
        ),
        (
            "6 tháng đầu năm 2021, Đảng bộ Khối kết nạp mới 36 đảng viên.",
            ["6 tháng đầu năm 2021, Đảng bộ Khối kết nạp mới 360 đảng viên."],
        ),
        (
            "6 tháng đầu năm 2021, Đảng bộ Khối chuyển chính thức cho 70 đảng viên.",
            ["6 tháng đầu năm 2021, Đảng bộ Khối chuyển chính thức cho 7 đảng viên."],
        ),
        (
            "Các doanh nghiệp trong Khối bảo đảm việc làm cho gần 27.000 lao động.",
            ["Các doanh nghiệp trong Khối bảo đảm việc làm cho gần 2.700 lao động."],
        ),
        (
            "Đảng ủy Khối vận động doanh nghiệp đóng góp 4,7 tỷ đồng cho an sinh xã hội.",
            ["Đảng ủy Khối vận động doanh nghiệp đóng góp 47 tỷ đồng cho an sinh xã hội."],
        ),
        (
            "Cuộc thi trực tuyến năm 2021 diễn ra từ ngày 20/7 đến hết ngày 20/8/2021.",
            ["Cuộc thi trực tuyến năm 2021 diễn ra từ ngày 20/8 đến hết ngày 20/9/2021."],
        ),
        (
            "Hội nghị sơ kết 6 tháng đầu năm 2021 được tổ chức trực tuyến.",
            ["Hội nghị sơ kết 6 tháng đầu năm 2021 được tổ chức tại Hà Nội."],
        ),
        (
            "Đảng ủy Khối tặng Giấy khen cho 12 tập thể và 29 cá nhân thực hiện tốt Chỉ thị 05-CT/TW năm 2020.",
            ["Đảng ủy Khối tặng Giấy khen cho 29 tập thể và 12 cá nhân thực hiện tốt Chỉ thị 05-CT/TW năm 2020."],
        ),
    ],
}

TOPIC_PHRASE = {
    XIII: "Nghị quyết Đại hội XIII của Đảng",
    XVI: "Đại hội XVI Đảng bộ thành phố và Hải Phòng",
    III: "Nghị quyết Đại hội III và kết quả thực hiện của Đảng bộ Khối",
    NQ45: "Nghị quyết số 45-NQ/TW của Bộ Chính trị",
    HIST: "Đảng bộ Khối Doanh nghiệp thành phố năm 2021",
}


def _half_year_items() -> list[Item]:
    items: list[Item] = []
    for name, value, wrong_values, growth in HALF_YEAR:
        items.append(
            _single(
                III,
                f"6 tháng đầu năm 2021, {name} của các doanh nghiệp trong Đảng bộ Khối đạt bao nhiêu?",
                value,
                wrong_values,
                f"Theo báo cáo sơ kết 6 tháng đầu năm 2021: {name} đạt {value}, tăng {growth}.",
                2,
            )
        )
        wrong_growths = [g for g in GROWTHS + EXTRA_GROWTHS if g != growth][:3]
        items.append(
            _single(
                III,
                f"6 tháng đầu năm 2021, {name} của các doanh nghiệp trong Đảng bộ Khối tăng bao nhiêu so với cùng kỳ năm 2020?",
                growth,
                wrong_growths,
                f"{name.capitalize()} đạt {value}, tăng {growth} so với cùng kỳ.",
                3,
            )
        )
        others = [other for other, *_rest in HALF_YEAR if other != name]
        items.append(
            _single(
                HIST,
                f"Con số {value} trong báo cáo sơ kết 6 tháng đầu năm 2021 của Đảng ủy Khối là chỉ tiêu nào?",
                name.capitalize(),
                [o.capitalize() for o in others],
                "",
                2,
            )
        )
    items.append(
        _single(
            III,
            "6 tháng đầu năm 2021, chỉ tiêu nào của các doanh nghiệp trong Khối tăng cao nhất so với cùng kỳ?",
            "Kim ngạch xuất khẩu (tăng 129%)",
            ["Nộp ngân sách nhà nước", "Tổng doanh thu sản xuất kinh doanh", "Dư nợ cho vay của nhóm ngân hàng"],
            "",
            2,
        )
    )
    items.append(
        _single(
            III,
            "6 tháng đầu năm 2021, chỉ tiêu nào dưới đây tăng thấp nhất so với cùng kỳ?",
            "Tổng mức huy động vốn của nhóm ngân hàng (tăng 11,8%)",
            ["Kim ngạch xuất khẩu", "Nộp ngân sách nhà nước", "Tổng doanh thu sản xuất kinh doanh"],
            "",
            3,
        )
    )
    items.append(
        Item(
            III,
            "6 tháng đầu năm 2021, những chỉ tiêu nào tăng trên 50% so với cùng kỳ năm 2020?",
            ("Kim ngạch xuất khẩu", "Nộp ngân sách nhà nước"),
            ("Tổng doanh thu sản xuất kinh doanh", "Dư nợ cho vay của nhóm ngân hàng"),
            "Xuất khẩu tăng 129%, nộp ngân sách tăng 84,7%.",
            3,
        )
    )
    items.append(
        Item(
            III,
            "6 tháng đầu năm 2021, những chỉ tiêu nào của nhóm ngân hàng được nêu trong báo cáo sơ kết?",
            ("Tổng mức huy động vốn", "Dư nợ cho vay"),
            ("Số thẻ ATM phát hành", "Lợi nhuận sau thuế"),
            "",
            2,
        )
    )
    items.append(
        Item(
            XIII,
            "Những nội dung nào là đột phá chiến lược theo Nghị quyết Đại hội XIII?",
            (
                "Hoàn thiện đồng bộ thể chế phát triển",
                "Phát triển nguồn nhân lực, nhất là nhân lực chất lượng cao",
                "Xây dựng hệ thống kết cấu hạ tầng đồng bộ, hiện đại",
            ),
            ("Tăng nhanh số lượng doanh nghiệp nhà nước",),
            "",
            2,
        )
    )
    items.append(
        Item(
            HIST,
            "Hội nghị ngày 16/7/2021 của Đảng ủy Khối gồm những nội dung nào?",
            (
                "Sơ kết nhiệm vụ 6 tháng đầu năm 2021",
                "Sơ kết 5 năm thực hiện Chỉ thị 05-CT/TW",
                "Triển khai Nghị quyết chuyên đề về phát triển đảng viên",
            ),
            ("Bầu Bí thư Đảng ủy Khối nhiệm kỳ mới",),
            "",
            2,
        )
    )
    items.append(
        Item(
            NQ45,
            "Theo Nghị quyết 45-NQ/TW, đến năm 2030 Hải Phòng là gì?",
            (
                "Thành phố đi đầu cả nước trong sự nghiệp công nghiệp hóa, hiện đại hóa",
                "Động lực phát triển của vùng Bắc Bộ và của cả nước",
            ),
            ("Thủ đô kinh tế của cả nước", "Trung tâm khai thác khoáng sản lớn nhất cả nước"),
            "",
            2,
        )
    )
    return items


def _statement_items(topic: str, count: int, rng: random.Random) -> list[Item]:
    facts = STATEMENTS[topic]
    items: list[Item] = []
    seen: set[tuple[str, ...]] = set()
    phrase = TOPIC_PHRASE[topic]
    attempts = 0
    while len(items) < count and attempts < 5000:
        attempts += 1
        chosen = rng.sample(range(len(facts)), 4)
        if len(items) % 3 == 2:
            # multiple choice: two right statements, two wrong ones
            right = tuple(facts[i][0] for i in chosen[:2])
            wrong = tuple(rng.choice(facts[i][1]) for i in chosen[2:])
            text = f"Về {phrase}, những nhận định nào sau đây là đúng?"
        else:
            right = (facts[chosen[0]][0],)
            wrong = tuple(rng.choice(facts[i][1]) for i in chosen[1:])
            text = f"Về {phrase}, nhận định nào sau đây là đúng?"
        key = tuple(sorted(right + wrong))
        if key in seen:
            continue
        seen.add(key)
        items.append(Item(topic, text, right, wrong, "", 2))
    return items


def build_items() -> list[Item]:
    """Exactly PER_TOPIC items for each topic, deterministic."""
    rng = random.Random(20210720)
    by_topic: dict[str, list[Item]] = {code: [] for code, _name in TOPICS}
    for item in [*SINGLES, *_half_year_items()]:
        by_topic[item.topic].append(item)
    result: list[Item] = []
    for code, _name in TOPICS:
        items = by_topic[code][:PER_TOPIC]
        items += _statement_items(code, PER_TOPIC - len(items), rng)
        result.extend(items)
    return result
