"""Reads of offers and needs: categories, enterprises, search (accent-free and typo-forgiving),
matching and suggestions, regions."""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import reduce
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator
from django.db import connection, transaction
from django.db.models import Case, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from django.utils import timezone

from khoi.accounts.permissions import AnyUser, is_member
from khoi.units.models import BASE_KINDS, Unit
from khoi.units.scope import visible_units

from .. import matching, ranking
from ..models import (
    Category,
    Enterprise,
    Listing,
    ListingKind,
    ListingStatus,
    SearchWord,
)

# Candidates handed to the shared ranking; trigram threshold low enough to propose typo fixes.
CANDIDATES = 120
SCAN = 1000  # matches a candidate query orders at most (the first found, in storage order)
PG_SIMILARITY = 0.3


# ---- Categories and enterprises ----------------------------------------------------------------


def category_list() -> QuerySet[Category]:
    return Category.objects.select_related("parent")


def category_choices() -> list[tuple[int, str]]:
    """Fields and their categories, indented, for a select box."""
    categories = list(category_list())
    rows: list[tuple[int, str]] = []
    for field in [c for c in categories if c.parent_id is None]:
        rows.append((field.pk, field.name))
        rows.extend((c.pk, f"— {c.name}") for c in categories if c.parent_id == field.pk)
    return rows


def enterprise_list(*, query: str = "") -> QuerySet[Enterprise]:
    enterprises = Enterprise.objects.select_related("unit")
    for word in ranking.words(query):
        enterprises = enterprises.filter(search_text__contains=word)
    return enterprises


def units_acting_for(*, user: AnyUser) -> QuerySet[Unit]:
    """Base units a user may act for in the marketplace: all current ones for staff, a reporter's own."""
    if not is_member(user):
        return Unit.objects.none()
    units = Unit.objects.filter(kind__in=BASE_KINDS, left_on__isnull=True)
    if user.is_committee_staff:
        return units.order_by("name")
    if user.reads_all:
        return Unit.objects.none()
    return units.filter(pk__in=visible_units(user).values("pk"))


def enterprises_of_user(user: AnyUser) -> QuerySet[Enterprise]:
    """The enterprises a reporter acts for (its unit); staff act for all through the pages."""
    if not is_member(user) or user.reads_all:
        return Enterprise.objects.none()
    return Enterprise.objects.filter(unit__in=visible_units(user))


# ---- Offers and needs --------------------------------------------------------------------------


def listing_visible(*, user: AnyUser) -> QuerySet[Listing]:
    listings = Listing.objects.select_related("enterprise__unit", "category__parent")
    if not is_member(user):
        return listings.none()
    if user.reads_all:
        return listings
    return listings.filter(Q(status=ListingStatus.APPROVED) | Q(enterprise__unit__in=visible_units(user)))


def listing_filter(
    *,
    queryset: QuerySet[Listing] | None = None,
    kind: str | None = None,
    category: Category | None = None,
    region: str | None = None,
    in_bloc: bool | None = None,
    on_date: dt.date | None = None,
    published_only: bool = True,
) -> QuerySet[Listing]:
    listings = queryset if queryset is not None else Listing.objects.all()
    if published_only:
        listings = listings.filter(status=ListingStatus.APPROVED)
    if on_date is not None:
        listings = listings.filter(
            Q(valid_from__lte=on_date), Q(valid_until__isnull=True) | Q(valid_until__gte=on_date)
        )
    if kind:
        listings = listings.filter(kind=kind)
    if category is not None:
        listings = listings.filter(Q(category=category) | Q(category__parent=category))
    if region:
        listings = listings.filter(Q(regions__contains=f"|{region}|") | Q(regions__contains=f"|{matching.NATIONWIDE}|"))
    if in_bloc is not None:
        listings = listings.filter(in_bloc=in_bloc)
    return listings


@dataclass(frozen=True)
class SearchHit:
    listing: Listing
    score: float


def _documents(rows: list[tuple[int, str]]) -> list[ranking.Document]:
    documents = []
    for pk, text in rows:
        title, _sep, _rest = text.partition(" | ")
        documents.append(ranking.Document(id=pk, text=text.replace(" | ", " "), title=title))
    return documents


def _alternatives(query: ranking.Query) -> list[list[str]]:
    """Each query word with the vocabulary words it may be a typo of ("logictic" → "logistics").
    Only words the vocabulary does not know are corrected. PostgreSQL proposes corrections with
    pg_trgm (GIN index on the words), SQLite reads the vocabulary; RapidFuzz decides on both."""
    known = set(SearchWord.objects.filter(word__in=query.words).values_list("word", flat=True))
    unknown = [w for w in query.words if w not in known and len(w) >= ranking.MIN_TYPO_LENGTH]
    corrections: dict[str, list[str]] = {}
    if unknown and connection.vendor == "postgresql":
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT set_config('pg_trgm.similarity_threshold', %s, true)", [str(PG_SIMILARITY)])
            for word in unknown:
                cursor.execute(
                    "SELECT word FROM marketplace_searchword WHERE word %% %s "
                    "ORDER BY similarity(word, %s) DESC, word LIMIT 30",
                    [word, word],
                )
                corrections[word] = ranking.close_words(word, [row[0] for row in cursor.fetchall()])
    elif unknown:
        vocabulary = list(SearchWord.objects.values_list("word", flat=True))
        corrections = {word: ranking.close_words(word, vocabulary) for word in unknown}
    return [[word, *corrections.get(word, [])] for word in query.words]


def _candidate_queryset(
    listings: QuerySet[Listing], query: ranking.Query, groups: list[list[list[str]]], *, scan: int = SCAN
) -> QuerySet[Listing, tuple[int, str]]:
    """Listings containing every word of one of the `groups` (a word: one of its alternatives),
    best-looking first: the phrase in the title, then query words in the title, then the phrase
    anywhere. One group: all the query's words; the fallback asks for each word left out in turn
    in one query. On PostgreSQL the filter runs on the GIN trigram index of the stored unaccent
    key; on SQLite on the accent-free column.

    Only the first `scan` matches in storage order (mostly the oldest) are ordered so: a word in a
    third of 100.000 listings would otherwise read and sort all of them (all of them newest first:
    43 ms for the candidate query of "logistics" or "van tai" there, against 7 ms)."""
    if connection.vendor == "postgresql":
        # Unqualified: the filter is compiled on its own, then put inside the candidate query
        # (_first_matches), where the table's name also stands for the outer query.
        def one_of(options: list[str]) -> str:
            return "(" + " OR ".join("search_key_pg LIKE %s" for _ in options) + ")"

        where = " OR ".join("(" + " AND ".join(one_of(options) for options in group) + ")" for group in groups)
        params = [f"%{option}%" for group in groups for options in group for option in options]
        listings = listings.extra(where=[f"({where})"], params=params)  # noqa: S610
    else:
        listings = listings.filter(
            reduce(
                operator.or_,
                (
                    reduce(
                        operator.and_,
                        (reduce(operator.or_, (Q(search_text__contains=o) for o in options)) for options in group),
                    )
                    for group in groups
                ),
            )
        )
    in_title = [Case(When(search_title__contains=word, then=Value(1)), default=Value(0)) for word in query.words]
    ordered = (
        Listing.objects.filter(Q(id__in=_first_matches(listings, scan)))
        .annotate(
            phrase_in_title=Case(When(search_title__contains=query.phrase, then=Value(1)), default=Value(0)),
            words_in_title=sum(in_title[1:], in_title[0]),
            phrase_in_text=Case(When(search_text__contains=query.phrase, then=Value(1)), default=Value(0)),
        )
        .order_by("-phrase_in_title", "-words_in_title", "-phrase_in_text", "id")
    )
    return ordered.values_list("id", "search_text")


def _first_matches(listings: QuerySet[Listing], scan: int) -> QuerySet[Listing, Any] | RawSQL:
    """The ids of the first `scan` of `listings` in storage order, as a subquery.

    On PostgreSQL the listings come from a MATERIALIZED CTE with the LIMIT outside it: the planner
    prices the CTE for all its rows, not for the first `scan`, and the executor still stops after
    `scan` rows of it. With the LIMIT next to the filter, the planner took a sequential scan for a
    word in a third of the table (5 of the bench's 21 queries over 100.000 listings), betting on
    matches spread evenly to stop after a few hundred pages. `_candidate_plans` completes this."""
    first = listings.order_by().values("id")
    if connection.vendor != "postgresql":
        return first[:scan]
    try:
        sql, params = first.query.sql_with_params()
    except EmptyResultSet:  # listings.none(): the sliced queryset needs no SQL to be empty
        return first[:scan]
    # Django's own SQL for the filtered queryset, the values passed apart as parameters.
    return RawSQL(f"WITH matches AS MATERIALIZED ({sql}) SELECT id FROM matches LIMIT %s", (*params, scan))  # noqa: S608, S611


@contextmanager
def _candidate_plans() -> Iterator[None]:
    """The candidate queries run (and are explained) inside this: on PostgreSQL, in a transaction
    with sequential scans priced out (SET LOCAL enable_seqscan, put back as it was afterwards: a
    caller's transaction would otherwise keep it until it ends).

    Why a setting and not only the query's shape: the planner prices the matches CTE of
    `_first_matches` for all its rows, and for a word in a third of the listings the trigram index
    and a sequential scan then cost about the same (5 % apart for "logistics" over 100.000
    listings; the scan cheaper over 3.000), so the plan would change with the table's size and
    statistics. Executed, both stop after `scan` rows: the index having read only pages with
    matches, the scan every page until it has enough, the whole table for a word found only in
    the newest listings. A sequential scan also starts where another one of the same table is
    (synchronised scans), so the first matches, and the results, changed from one search to the
    next; the index reads in storage order, as SQLite does. Words without a trigram (one or two
    letters) read the listings through the status index instead, a few milliseconds more."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('enable_seqscan'), set_config('enable_seqscan', 'off', true)")
        previous, _off = cursor.fetchone()
        yield
        cursor.execute("SELECT set_config('enable_seqscan', %s, true)", [previous])


def _candidates(
    listings: QuerySet[Listing], query: ranking.Query, alternatives: list[list[str]], cap: int = CANDIDATES
) -> list[tuple[int, str]]:
    with _candidate_plans():
        return list(_candidate_queryset(listings, query, [alternatives], scan=max(cap, SCAN))[:cap])


def _fallback_candidates(
    listings: QuerySet[Listing], query: ranking.Query, alternatives: list[list[str]], cap: int
) -> list[tuple[int, str]]:
    """Listings containing all the query's words but one (any one), in one query."""
    groups = [alternatives[:skipped] + alternatives[skipped + 1 :] for skipped in range(len(alternatives))]
    cap *= len(groups)
    with _candidate_plans():
        return list(_candidate_queryset(listings, query, groups, scan=max(cap, SCAN))[:cap])


def listing_search_candidates(*, query: str, cap: int = CANDIDATES) -> QuerySet[Listing, tuple[int, str]]:
    """The query the text search sends first for `query` (all its words), for benches and tests;
    its plan as the search gets it: `listing_search_plan`."""
    parsed = ranking.Query(query)
    return _candidate_queryset(listing_filter(), parsed, [_alternatives(parsed)])[:cap]


def listing_search_plan(*, query: str, cap: int = CANDIDATES) -> str:
    """The database's plan of `listing_search_candidates`, with the planner settings of the search."""
    candidates = listing_search_candidates(query=query, cap=cap)
    with _candidate_plans():
        return candidates.explain()


def _ranked_ids(
    listings: QuerySet[Listing], query: str, parsed: ranking.Query, *, limit: int, cap: int = CANDIDATES
) -> list[tuple[int, float]]:
    """Ranked (id, score) of the listings matching the query. Query words are widened with the
    vocabulary words they may be typos of; candidates contain every word (for three words or
    more, all but one); `ranking` orders them."""
    alternatives = _alternatives(parsed)
    rows = dict(_candidates(listings, parsed, alternatives, cap))
    ranked = ranking.rank(query, _documents(list(rows.items())), limit=limit)
    if len(ranked) < limit and len(parsed.words) >= 3:
        rows.update(_fallback_candidates(listings, parsed, alternatives, cap))
        ranked = ranking.rank(query, _documents(list(rows.items())), limit=limit)
    return ranked


def listing_search(
    *,
    query: str,
    queryset: QuerySet[Listing] | None = None,
    kind: str | None = None,
    category: Category | None = None,
    region: str | None = None,
    in_bloc: bool | None = None,
    on_date: dt.date | None = None,
    limit: int = 50,
) -> list[SearchHit]:
    """Ranked search of published offers and needs, with the same answers on both databases."""
    listings = listing_filter(
        queryset=queryset, kind=kind, category=category, region=region, in_bloc=in_bloc, on_date=on_date
    )
    parsed = ranking.Query(query)
    if not parsed.words:
        page = list(listings.select_related("enterprise", "category__parent").order_by("-created_at", "-id")[:limit])
        return [SearchHit(listing=listing, score=0.0) for listing in page]
    ranked = _ranked_ids(listings, query, parsed, limit=limit)
    by_id = Listing.objects.select_related("enterprise", "category__parent").in_bulk([pk for pk, _ in ranked])
    return [SearchHit(listing=by_id[pk], score=score) for pk, score in ranked if pk in by_id]


# A text search ranks at most this many listings; the page says "more than" when it reaches it.
SEARCH_MAX = 1000


@dataclass(frozen=True)
class SearchPage:
    hits: list[SearchHit]
    page: Page[Any]  # Django's page: number, has_next, paginator.count (the true total), ...
    capped: bool  # the text search reached SEARCH_MAX: the total is "at least"


def listing_search_page(
    *,
    query: str,
    page: int | str | None = 1,
    per_page: int = 20,
    kind: str | None = None,
    category: Category | None = None,
    region: str | None = None,
    in_bloc: bool | None = None,
    on_date: dt.date | None = None,
) -> SearchPage:
    """One page of the search, with the true number of results: without words, the filtered
    listings newest first (counted in the database); with words, the ranked matches."""
    listings = listing_filter(kind=kind, category=category, region=region, in_bloc=in_bloc, on_date=on_date)
    parsed = ranking.Query(query)
    if not parsed.words:
        ordered = listings.select_related("enterprise", "category__parent").order_by("-created_at", "-id")
        current = Paginator(ordered, per_page).get_page(page)
        return SearchPage(
            hits=[SearchHit(listing=listing, score=0.0) for listing in current.object_list], page=current, capped=False
        )
    ranked = _ranked_ids(listings, query, parsed, limit=SEARCH_MAX, cap=SEARCH_MAX)
    ranked_page = Paginator(ranked, per_page).get_page(page)
    shown: list[tuple[int, float]] = list(ranked_page.object_list)
    by_id = Listing.objects.select_related("enterprise", "category__parent").in_bulk([pk for pk, _s in shown])
    hits = [SearchHit(listing=by_id[pk], score=score) for pk, score in shown if pk in by_id]
    return SearchPage(hits=hits, page=ranked_page, capped=len(ranked) >= SEARCH_MAX)


# ---- Matching ----------------------------------------------------------------------------------


def _facts(listing: Listing) -> matching.MatchFacts:
    field = listing.category.field
    return matching.MatchFacts(
        id=listing.pk,
        enterprise_id=listing.enterprise_id,
        category_id=listing.category_id,
        category_name=listing.category.name,
        field_id=field.pk,
        field_name=field.name,
        regions=frozenset(listing.region_list),
        text=f"{listing.title} {listing.description}",
        title=listing.title,
    )


@dataclass(frozen=True)
class Suggestion:
    listing: Listing  # the one we look from
    other: Listing  # the one that fits
    match: matching.Match


def listing_matches(*, listing: Listing, limit: int = 10, on_date: dt.date | None = None) -> list[Suggestion]:
    """For a need the offers that fit it (for an offer, the needs), best first, with the reason."""
    other_kind = ListingKind.OFFER if listing.kind == ListingKind.NEED else ListingKind.NEED
    field = listing.category.field
    candidates = listing_filter(kind=other_kind, on_date=on_date or timezone.localdate()).exclude(
        enterprise_id=listing.enterprise_id
    )
    keywords = sorted(
        {w for w in ranking.words(listing.title) if len(w) >= 4 and w not in matching.STOPWORDS}, key=len, reverse=True
    )[:3]
    same_text = Q()
    for word in keywords:
        same_text |= Q(search_text__contains=word)
    candidates = candidates.filter(Q(category=field) | Q(category__parent=field) | same_text).select_related(
        "enterprise", "category__parent"
    )
    mine = _facts(listing)
    found = []
    for other in candidates[:2000]:
        facts = _facts(other)
        result = matching.match(mine, facts) if listing.kind == ListingKind.NEED else matching.match(facts, mine)
        if result is not None:
            found.append(Suggestion(listing=listing, other=other, match=result))
    found.sort(key=lambda s: (-s.match.score, s.other.pk))
    return found[:limit]


def unit_suggestions(*, unit: Unit, limit: int = 5) -> list[Suggestion]:
    """What a unit sees on its home page: the best fits for its own published offers and needs."""
    enterprise = Enterprise.objects.filter(unit=unit).first()
    if enterprise is None:
        return []
    own = Listing.objects.filter(enterprise=enterprise, status=ListingStatus.APPROVED).select_related(
        "enterprise", "category__parent"
    )
    suggestions: list[Suggestion] = []
    for listing in own[:20]:
        suggestions.extend(listing_matches(listing=listing, limit=limit))
    suggestions.sort(key=lambda s: (-s.match.score, s.other.pk))
    seen: set[int] = set()
    unique = []
    for suggestion in suggestions:
        if suggestion.other.pk not in seen:
            seen.add(suggestion.other.pk)
            unique.append(suggestion)
    return unique[:limit]


# ---- Regions -----------------------------------------------------------------------------------


def _bloc_place() -> str:
    from khoi.units.selectors import unit_get_bloc

    bloc = unit_get_bloc()
    return bloc.province if bloc is not None else ""


def region_choices() -> list[tuple[str, str]]:
    """The regions a listing may serve: the bloc's own place first (set up with the bloc), then
    the provinces of the list."""
    from ..categories import PROVINCES

    place = _bloc_place()
    names = [place, *(name for name in PROVINCES if name != place)] if place else list(PROVINCES)
    return [(name, name) for name in names]


def default_regions() -> list[str]:
    """A new listing serves the bloc's own place by default (nothing before the bloc is set up)."""
    place = _bloc_place()
    return [place] if place else []
