import datetime as dt

from khoi.core.text import vietnamese_sort_key
from khoi.units import selectors
from khoi.units.models import BASE_KINDS, Unit, UnitKind


def test_the_demo_bloc_has_95_units_in_2021_and_93_in_2024(demo):
    assert selectors.unit_list_active_on(on_date=dt.date(2021, 12, 31)).count() == 95
    in_2024 = selectors.unit_list_active_on(on_date=dt.date(2024, 6, 30))
    assert in_2024.count() == 93
    assert in_2024.filter(kind=UnitKind.BASE_COMMITTEE).count() == 36
    assert in_2024.filter(kind=UnitKind.BASE_CELL).count() == 57


def test_a_unit_is_still_counted_on_the_day_before_it_leaves(demo):
    leaver = Unit.objects.get(code="DV050")
    assert leaver.left_on is not None
    day_before = leaver.left_on - dt.timedelta(days=1)
    assert selectors.unit_list_active_on(on_date=day_before).filter(pk=leaver.pk).exists()
    assert not selectors.unit_list_active_on(on_date=leaver.left_on).filter(pk=leaver.pk).exists()


def test_the_kind_counts_on_a_date_are_one_query(demo, django_assert_num_queries):
    units = selectors.unit_filter(queryset=Unit.objects.all(), as_of=dt.date(2024, 6, 30))
    with django_assert_num_queries(1):
        counts = selectors.unit_kind_counts(queryset=units)
    assert counts[UnitKind.BASE_COMMITTEE] + counts[UnitKind.BASE_CELL] == 93


def test_search_ignores_accents_and_sorts_in_vietnamese_order(demo):
    base = Unit.objects.filter(kind__in=BASE_KINDS)
    results, total = selectors.unit_search_sorted(queryset=base, query="hai phong ngan hang")
    assert total == 8
    assert all("Hải Phòng" in unit.name for unit in results)
    assert [u.name for u in results] == sorted((u.name for u in results), key=vietnamese_sort_key)


def test_the_children_page_is_sorted_in_vietnamese_order_with_counts(demo, django_assert_max_num_queries):
    bloc = selectors.unit_get_bloc()
    assert bloc is not None
    with django_assert_max_num_queries(3):
        children, total = selectors.unit_children_page(parent=bloc, as_of=dt.date(2024, 6, 30), limit=500)
    assert total == 93
    assert [c.name for c in children] == sorted((c.name for c in children), key=vietnamese_sort_key)
    assert sum(getattr(child, "child_count", 0) for child in children) > 0


def test_the_demo_loads_even_where_the_sectors_were_flushed(db):
    from khoi.units import demo
    from khoi.units.models import Sector

    Sector.objects.filter(level=2).delete()
    Sector.objects.all().delete()
    demo.load()
    assert Sector.objects.filter(level=1).count() == 21
    assert Unit.objects.get(code="DV001").sector.code == "64"
