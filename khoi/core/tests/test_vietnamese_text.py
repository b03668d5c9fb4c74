from khoi.core.text import search_key, vietnamese_sort_key


def test_search_key_strips_accents_and_maps_d_stroke():
    assert search_key("Nước  Sạch Đồ Sơn") == "nuoc sach do son"


def test_sort_key_orders_a_breve_and_d_stroke_as_the_vietnamese_alphabet():
    words = ["Đông", "Dung", "Ăn", "An", "Ân", "Bình", "Ông", "Ơn", "Ót"]
    assert sorted(words, key=vietnamese_sort_key) == ["An", "Ăn", "Ân", "Bình", "Dung", "Đông", "Ót", "Ông", "Ơn"]


def test_tones_sort_after_the_plain_letter():
    assert sorted(["má", "ma", "mà"], key=vietnamese_sort_key) == ["ma", "mà", "má"]
