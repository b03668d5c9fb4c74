import pytest
from django.core.exceptions import ValidationError

from khoi.units.validation import normalize_tax_code


@pytest.mark.parametrize("value", ["0100109106", "0100109106-001", "0100109106001", " 0100 109 106 "])
def test_valid_tax_codes_are_accepted_and_normalised(value):
    assert normalize_tax_code(value) in ("0100109106", "0100109106-001")


def test_a_wrong_check_digit_is_rejected_with_a_vietnamese_message():
    with pytest.raises(ValidationError) as error:
        normalize_tax_code("0100233480")
    assert "chữ số kiểm tra" in str(error.value.messages[0])


@pytest.mark.parametrize("value", ["12345", "01001091061", "0100109106-01", "01001O9106"])
def test_malformed_tax_codes_are_rejected(value):
    with pytest.raises(ValidationError):
        normalize_tax_code(value)
