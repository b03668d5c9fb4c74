"""Where sentences and paragraphs begin and end, found once per text and looked up by bisection."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

_SENTENCE_BREAK = re.compile(r"[.!?…]+[\"”’)]?(?:\s+|$)|\n+")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n(?=\s*[-–•+*]?\s*[A-ZĐÀ-Ỹ])")


@dataclass
class Layout:
    text: str
    lowered: str = ""
    sentence_starts: list[int] = field(default_factory=list)
    paragraph_starts: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, text: str) -> Layout:
        lowered = text.lower()
        if len(lowered) != len(text):  # a character whose lower case is longer: keep positions
            lowered = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
        sentences = [0]
        for match in _SENTENCE_BREAK.finditer(text):
            end = match.end()
            if match.group(0).startswith("\n"):
                sentences.append(end)
                continue
            following = text[end : end + 1]
            if end >= len(text) or following.isupper() or following.isdigit() or following in '"“(–-•':
                sentences.append(end)
        paragraphs = [0] + [match.end() for match in re.finditer(r"\n", text)]
        return cls(text, lowered, sorted(set(sentences)), paragraphs)

    def sentence_of(self, position: int) -> int:
        return bisect.bisect_right(self.sentence_starts, position) - 1

    def paragraph_of(self, position: int) -> int:
        return bisect.bisect_right(self.paragraph_starts, position) - 1

    def sentence_span(self, index: int) -> tuple[int, int]:
        end = self.sentence_starts[index + 1] if index + 1 < len(self.sentence_starts) else len(self.text)
        return self.sentence_starts[index], end

    def paragraph_span(self, index: int) -> tuple[int, int]:
        end = self.paragraph_starts[index + 1] if index + 1 < len(self.paragraph_starts) else len(self.text)
        return self.paragraph_starts[index], end
