"""`python manage.py market_search "nuoc sach" [--json]`: the ranked results the search page shows."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from khoi.marketplace import selectors


class Command(BaseCommand):
    help = "Search offers and needs as the search page does (accent-insensitive, typo-tolerant)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("query")
        parser.add_argument("--json", action="store_true", help="print JSON")
        parser.add_argument("--kind", choices=["offer", "need"])
        parser.add_argument("--region")
        parser.add_argument("--limit", type=int, default=20)

    def handle(self, *args: Any, **options: Any) -> None:
        hits = selectors.listing_search(
            query=options["query"],
            kind=options["kind"],
            region=options["region"],
            on_date=timezone.localdate(),
            limit=options["limit"],
        )
        rows = [
            {
                "rank": rank,
                "score": hit.score,
                "id": hit.listing.pk,
                "kind": hit.listing.kind,
                "title": hit.listing.title,
                "enterprise": hit.listing.enterprise.name,
                "category": hit.listing.category.name,
                "regions": hit.listing.region_list,
            }
            for rank, hit in enumerate(hits, start=1)
        ]
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for row in rows:
            self.stdout.write(
                f"{row['rank']:>3}. [{row['score']:6.1f}] {row['title']} — {row['enterprise']} ({row['kind']})"
            )
        if not rows:
            self.stdout.write("—")
