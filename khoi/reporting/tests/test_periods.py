import datetime as dt

import pytest

from khoi.reporting.periods import Period


@pytest.mark.parametrize("code", ["2021-H1", "2021-Q1", "2021-9M", "2021-Y", "2021-03", "2020-Q4", "2021-12"])
def test_a_period_code_parses_and_prints_back_the_same(code):
    assert str(Period.parse(code)) == code


@pytest.mark.parametrize("code", ["2021", "2021-13", "2021-Q5", "2021-H2", "21-H1", "", "2021-00", "2021-Q0"])
def test_a_bad_period_code_is_rejected(code):
    with pytest.raises(ValueError):
        Period.parse(code)


def test_windows_are_counted_from_the_first_of_january():
    assert (Period.parse("2021-H1").start, Period.parse("2021-H1").end) == (dt.date(2021, 1, 1), dt.date(2021, 6, 30))
    assert Period.parse("2021-9M").end == dt.date(2021, 9, 30)
    assert Period.parse("2021-Y").months == list(range(1, 13))
    assert (Period.parse("2021-Q2").start, Period.parse("2021-Q2").end) == (dt.date(2021, 4, 1), dt.date(2021, 6, 30))
    assert Period.parse("2024-02").end == dt.date(2024, 2, 29)


def test_labels_are_written_as_the_reports_write_them():
    assert Period.parse("2021-H1").label == "6 tháng đầu năm 2021"
    assert Period.parse("2021-Y").label == "năm 2021"
    assert Period.parse("2021-Q1").label == "quý I năm 2021"
    assert Period.parse("2021-9M").label == "9 tháng năm 2021"
    assert Period.parse("2021-03").label == "tháng 3 năm 2021"
    assert Period.parse("2021-Q4").label_vi == "quý IV năm 2021"


def test_the_same_period_last_year_is_the_same_window_a_year_earlier():
    assert Period.parse("2021-H1").same_period_last_year() == Period.parse("2020-H1")
    assert Period.parse("2021-03").same_period_last_year() == Period(2020, "M", 3)


def test_a_window_splits_into_the_months_and_quarters_that_tile_it():
    assert [str(p) for p in Period.parse("2021-H1").split("Q")] == ["2021-Q1", "2021-Q2"]
    assert len(Period.parse("2021-9M").split("M")) == 9
    assert Period.parse("2021-Y").contains(Period.parse("2021-Q3"))
    assert not Period.parse("2021-H1").contains(Period.parse("2021-Q3"))
