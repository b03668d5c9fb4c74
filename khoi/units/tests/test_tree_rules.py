import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from khoi.units import selectors, services
from khoi.units.models import Unit, UnitChange, UnitKind
from khoi.units.tests.factories import make_unit


def test_a_unit_cannot_be_moved_under_its_own_subordinate_cell(unit_a):
    cell = make_unit(unit_a, kind=UnitKind.SUBORDINATE_CELL)
    with pytest.raises(ValidationError) as error:
        services.unit_move(unit=unit_a, new_parent=cell, actor=None)
    assert "parent" in error.value.message_dict


def test_a_unit_cannot_be_moved_under_itself(bloc, unit_a):
    with pytest.raises(ValidationError):
        services.unit_move(unit=unit_a, new_parent=unit_a, actor=None)
    unit_a.refresh_from_db()
    assert unit_a.parent == bloc


def test_a_closed_unit_cannot_get_new_children(unit_a):
    services.unit_close(unit=unit_a, left_on=dt.date(2022, 12, 31), actor=None)
    unit_a.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        make_unit(unit_a, kind=UnitKind.SUBORDINATE_CELL)
    assert "đã rời Khối" in error.value.message_dict["parent"][0]


def test_a_subordinate_cell_cannot_sit_directly_under_the_bloc(bloc):
    with pytest.raises(ValidationError) as error:
        make_unit(bloc, kind=UnitKind.SUBORDINATE_CELL)
    assert "Không thể đặt" in error.value.message_dict["parent"][0]


def test_a_base_cell_cannot_sit_under_another_base_cell(unit_b):
    with pytest.raises(ValidationError):
        make_unit(unit_b, kind=UnitKind.BASE_CELL)


def test_there_is_only_one_bloc(bloc):
    with pytest.raises(ValidationError) as error:
        services.unit_create(
            actor=None, parent=None, joined_on=dt.date(2020, 1, 1), fields={"code": "X", "name": "X", "kind": "bloc"}
        )
    assert "kind" in error.value.message_dict


def test_moving_a_committee_rewrites_the_paths_of_its_whole_subtree(bloc):
    first = make_unit(bloc, kind=UnitKind.BASE_COMMITTEE)
    second = make_unit(bloc, kind=UnitKind.BASE_COMMITTEE)
    cell = make_unit(first, kind=UnitKind.SUBORDINATE_CELL)
    services.unit_move(unit=cell, new_parent=second, actor=None)
    cell.refresh_from_db()
    assert cell.path == f"{second.path}{cell.pk}/"
    assert cell.depth == 2
    assert list(selectors.unit_subtree(root=second, include_root=False)) == [cell]
    assert UnitChange.objects.filter(unit=cell, action="move").count() == 1


def test_closing_a_committee_closes_its_cells_and_keeps_the_history(unit_a):
    cell = make_unit(unit_a, kind=UnitKind.SUBORDINATE_CELL)
    services.unit_close(unit=unit_a, left_on=dt.date(2023, 6, 30), actor=None)
    assert Unit.objects.get(pk=cell.pk).left_on == dt.date(2023, 6, 30)
    assert UnitChange.objects.filter(unit=cell, action="close").exists()
    services.unit_reopen(unit=Unit.objects.get(pk=unit_a.pk), actor=None)
    assert Unit.objects.get(pk=unit_a.pk).left_on is None


def test_a_wrong_tax_code_is_reported_on_the_tax_code_field(unit_a):
    with pytest.raises(ValidationError) as error:
        services.unit_update(unit=unit_a, actor=None, fields={"tax_code": "0100233480"})
    assert "chữ số kiểm tra" in error.value.message_dict["tax_code"][0]


def test_an_update_records_who_changed_what_from_which_value(unit_a, staff_user):
    old_name = unit_a.name
    services.unit_update(unit=unit_a, actor=staff_user, fields={"name": "Đảng bộ Cảng Hải Phòng mới"})
    history = selectors.unit_history(unit=unit_a)
    latest = history[0]
    assert latest.change.changed_by == staff_user
    assert [(line.field, line.old, line.new) for line in latest.lines] == [
        ("name", old_name, "Đảng bộ Cảng Hải Phòng mới")
    ]


def test_a_tax_code_already_used_is_refused_naming_its_unit(unit_a, unit_b):
    with pytest.raises(ValidationError) as error:
        services.unit_update(unit=unit_b, actor=None, fields={"tax_code": unit_a.tax_code})
    assert unit_a.name in error.value.message_dict["tax_code"][0]
    assert "đã thuộc về" in error.value.message_dict["tax_code"][0]
