"""What a reader types into the search box, parsed once and compiled for each engine.

The grammar (the search hint on the page says the same):

- words: every word must be found, as a whole word (English stemming on both engines:
  "minister" finds "ministers");
- `minist*`: a word ending in `*` is a prefix;
- `"budget vote"`: an exact phrase (an unclosed quote runs to the end);
- `-football`, `-"extra time"`: stories with it are left out;
- `harbour OR port`: either word (`or` in any case); OR groups bind tighter than the
  words around them: `ferry harbour OR port` is ferry AND (harbour OR port).

Everything else is punctuation: a word is a run of letters and digits, so `air-defence`
is the phrase "air defence", and `:`, `^`, `(`, `NEAR(`, a lone `*` or `-`, an OR at either end
or next to an exclusion are dropped. The tree is then written as an FTS5 MATCH string and as
a PostgreSQL to_tsquery() string from words that contain nothing but letters and digits,
inside quotes, so no reader's text reaches either engine's query syntax.

A search made only of exclusions finds nothing on both engines (it would list every other
story). At most MAX_TERMS words and phrases are kept.
"""

import re
import unicodedata
from dataclasses import dataclass, field

MAX_TERMS = 10
WORD = re.compile(r"[^\W_]+")  # letters and digits: how FTS5's unicode61 and PostgreSQL split words


@dataclass(frozen=True)
class Term:
    word: str
    prefix: bool = False


@dataclass(frozen=True)
class Phrase:
    words: tuple


@dataclass(frozen=True)
class SearchQuery:
    """All `groups` must match (each group: any of its terms or phrases), none of `excluded`."""

    groups: tuple = field(default=())
    excluded: tuple = field(default=())

    def __bool__(self):
        return bool(self.groups)

    def to_fts5(self):
        """An FTS5 MATCH expression ("" for an empty query: do not run it)."""
        if not self:
            return ""
        required = " AND ".join("(" + " OR ".join(_fts5(item) for item in group) + ")" for group in self.groups)
        if not self.excluded:
            return required
        return f"({required}) NOT (" + " OR ".join(_fts5(item) for item in self.excluded) + ")"

    def to_tsquery(self):
        """A to_tsquery() expression for PostgreSQL ("" for an empty query: do not run it)."""
        if not self:
            return ""
        parts = ["(" + " | ".join(_tsquery(item) for item in group) + ")" for group in self.groups]
        parts += ["!(" + _tsquery(item) + ")" for item in self.excluded]
        return " & ".join(parts)


def _fts5(item):
    if isinstance(item, Phrase):
        return '"' + " ".join(item.words) + '"'
    return f'"{item.word}"' + (" *" if item.prefix else "")


def _tsquery(item):
    if isinstance(item, Phrase):
        return "(" + " <-> ".join(f"'{word}'" for word in item.words) + ")"
    return f"'{item.word}'" + (":*" if item.prefix else "")


def _item(text, prefix=False):
    words = tuple(WORD.findall(text.lower()))
    if not words:
        return None
    if len(words) == 1:
        return Term(words[0], prefix=prefix)
    return Phrase(words)


_OR = object()
_TOKEN = re.compile(r'(-?)(?:"([^"]*)"?|([^\s"]+))')


def parse(text):
    """The SearchQuery of any text: never raises."""
    text = unicodedata.normalize("NFKC", text or "")
    tokens = []  # (negated, item) or _OR
    for match in _TOKEN.finditer(text):
        negated, phrase, word = match.groups()
        if phrase is None and word.lower() == "or" and not negated:
            tokens.append(_OR)
            continue
        if phrase is not None:
            item = _item(phrase)
        else:
            item = _item(word, prefix=word.endswith("*") and bool(WORD.search(word[-2:-1] or "")))
        if item is not None:
            tokens.append((bool(negated), item))
    groups, excluded, joining, kept, previous_positive = [], [], False, 0, False
    for token in tokens:
        if token is _OR:
            joining = bool(groups) and previous_positive
            continue
        negated, item = token
        if kept >= MAX_TERMS:
            break
        kept += 1
        if negated:
            excluded.append(item)
        elif joining:
            groups[-1].append(item)
        else:
            groups.append([item])
        previous_positive, joining = not negated, False
    return SearchQuery(tuple(tuple(group) for group in groups), tuple(excluded))
