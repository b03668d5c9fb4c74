"""Search ranking shared by both database backends. Pure computation, no database.

A query matches a text when every query word (all but one for queries of three words or more)
is found in it: exactly, as a prefix, or with a typo (RapidFuzz ratio ≥ 80: "logictic" finds
"logistics"). Words are compared accent-free ("nuoc sach" = "nước sạch", "đ" = "d"). The score
rewards close matches, words found in the title, and the words in the query's order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from khoi.core.text import search_key

TYPO_THRESHOLD = 80.0
MIN_TYPO_LENGTH = 4  # shorter words must match exactly or as a prefix
_NON_WORD = re.compile(r"[^0-9a-z]+")


def words(text: str) -> list[str]:
    """Accent-free lower-case words of a text: "Vận tải – kho lạnh" → ["van", "tai", "kho", "lanh"]."""
    return [word for word in _NON_WORD.split(search_key(text)) if word]


def normalise(text: str) -> str:
    return " ".join(words(text))


@dataclass(frozen=True)
class Document:
    id: int
    text: str  # normalised: title, category, description, enterprise
    title: str  # normalised title


class Query:
    def __init__(self, raw: str) -> None:
        self.words = words(raw)
        self.phrase = " ".join(self.words)
        self._cache: dict[tuple[str, str], float] = {}

    @property
    def required(self) -> int:
        return len(self.words) if len(self.words) <= 2 else len(self.words) - 1

    def word_score(self, query_word: str, text_word: str) -> float:
        key = (query_word, text_word)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        if text_word == query_word:
            score = 100.0
        elif len(query_word) >= 3 and text_word.startswith(query_word):
            score = 95.0
        elif len(query_word) >= MIN_TYPO_LENGTH and len(text_word) >= MIN_TYPO_LENGTH:
            ratio = fuzz.ratio(query_word, text_word)
            score = ratio if ratio >= TYPO_THRESHOLD else 0.0
        else:
            score = 0.0
        self._cache[key] = score
        return score

    def score(self, document: Document) -> float:
        if not self.words:
            return 0.0
        text_words = set(document.text.split())
        title_words = set(document.title.split())
        total = 0.0
        found = 0
        in_title = 0
        for query_word in self.words:
            best = max((self.word_score(query_word, word) for word in text_words), default=0.0)
            if best > 0:
                found += 1
                total += best
                if max((self.word_score(query_word, word) for word in title_words), default=0.0) > 0:
                    in_title += 1
        if found < self.required:
            return 0.0
        score = total / len(self.words)
        score += 10.0 * in_title / len(self.words)
        if len(self.words) > 1 and self.phrase in document.title:
            score += 15.0
        elif len(self.words) > 1 and self.phrase in document.text:
            score += 8.0
        return round(score, 3)


def close_words(query_word: str, vocabulary: Iterable[str], *, limit: int = 8) -> list[str]:
    """Vocabulary words a query word may be a typo of (ratio ≥ TYPO_THRESHOLD), closest first."""
    if len(query_word) < MIN_TYPO_LENGTH:
        return []
    found = process.extract(query_word, list(vocabulary), scorer=fuzz.ratio, score_cutoff=TYPO_THRESHOLD, limit=limit)
    return [word for word, _score, _index in sorted(found, key=lambda item: (-item[1], item[0])) if word != query_word]


def rank(query: str, documents: Iterable[Document], *, limit: int | None = None) -> list[tuple[int, float]]:
    """(document id, score) for the documents that match, best first; ties by id."""
    parsed = Query(query)
    scored = [(document.id, parsed.score(document)) for document in documents]
    ranked = sorted(((doc_id, score) for doc_id, score in scored if score > 0), key=lambda item: (-item[1], item[0]))
    return ranked[:limit] if limit is not None else ranked
