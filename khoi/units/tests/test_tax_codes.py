import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st
from stdnum.vn import mst

from khoi.units.validation import normalize_tax_code


@pytest.mark.parametrize("value", ["0100109106", "0100109106-001", "0100109106001", " 0100 109 106 "])
def test_valid_tax_codes_are_accepted_and_normalised(value):
    assert normalize_tax_code(value) in ("0100109106", "0100109106-001")


def test_a_wrong_check_digit_is_rejected_with_a_vietnamese_message():
    with pytest.raises(ValidationError) as error:
        normalize_tax_code("0100233480")
    assert "chữ số kiểm tra" in str(error.value.messages[0])


@pytest.mark.parametrize("value", ["12345", "01001091061", "0100109106-01", "01001O9106", "010010910٦"])
def test_malformed_tax_codes_are_rejected(value):
    with pytest.raises(ValidationError):
        normalize_tax_code(value)


@given(st.from_regex(r"[0-9]{9}", fullmatch=True), st.integers(min_value=1, max_value=9))
def test_the_check_digit_is_what_makes_a_tax_code_valid(body, shift):
    check = mst.calc_check_digit(body)
    if len(check) != 1 or body[2:] == "0000000":  # no code has such a body (stdnum's rules)
        return
    assert normalize_tax_code(body + check) == body + check
    assert normalize_tax_code(f"{body}{check}-002") == f"{body}{check}-002"
    wrong = str((int(check) + shift) % 10)
    with pytest.raises(ValidationError):
        normalize_tax_code(body + wrong)


def test_digits_of_other_scripts_are_a_format_error():
    with pytest.raises(ValidationError) as error:
        normalize_tax_code("01001091\u0660\u0666")
    assert error.value.code == "tax_code_format"
