"""Names as departments type them: normalised, merged through synonyms, near-duplicates suggested.

"Cipal Schaubroeck", "CIPAL  schaubroeck" and "Cipal-Schaubroeck" are one name (case, accents,
spaces and punctuation do not count); "CIPAL" and "Cipal Schaubroeck" are one only when the
coordinator says so in the synonym table. Names that merely look alike ("Cipal Schaubroek") are
suggested with a similarity score, never merged silently (rapidfuzz computes the score).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from ..core.grid import clean_spaces

_PUNCTUATION = re.compile(r"[^\w]+", re.UNICODE)
#: A phone number: at least six digits, with spaces, dots, slashes or dashes between them.
_PHONE = re.compile(r"\+?\d[\d\s./()-]{5,}\d")
#: "2 baliemedewerkers", "(2) boekhouders": the count in front of a role.
_COUNT = re.compile(r"^\(?\d+\)?\s*x?\s+", re.I)


@functools.lru_cache(maxsize=65536)
def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKD", clean_spaces(text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(_PUNCTUATION.sub(" ", text.casefold()).split())


def normalise(name) -> str:
    """The key a name is compared by: no accents, case folded, punctuation and spaces as one space."""
    return _normalise(str(name or ""))


#: A dependency that names the department of the process it depends on: "Financiën: Boekhouding",
#: "Boekhouding (Financiën)".
_QUALIFIED = (re.compile(r"^(?P<department>[^:]+):\s*(?P<process>.+)$", re.S),
              re.compile(r"^(?P<process>.+?)\s*\((?P<department>[^()]+)\)$", re.S))


def qualified(dependency: str, departments) -> tuple[str, str] | None:
    """(department, process), both normalised, of a dependency that says whose process it is, as
    "Financiën: Boekhouding" or "Boekhouding (Financiën)", when that department is one of
    ``departments`` (normalised names); else None. Only for a dependency that is no process's name
    as it stands ("Boekhouding (betalingen)" may be one)."""
    for pattern in _QUALIFIED:
        m = pattern.match(str(dependency or "").strip())
        if m and normalise(m["department"]) in departments and normalise(m["process"]):
            return normalise(m["department"]), normalise(m["process"])
    return None


def split_entries(text) -> list[str]:
    """Entries of a cell that lists several: separated by ; or new lines (a comma may belong to one)."""
    return [e.strip() for e in re.split(r"[;\n]", clean_spaces(str(text or ""))) if e.strip()]


def person(entry: str) -> str:
    """The person in a contact entry: the text before the first comma or phone number.

    "An Peeters, diensthoofd burgerzaken, 0470 00 00 01" -> "An Peeters".
    """
    head = entry.split(",", 1)[0]
    phone = _PHONE.search(head)
    if phone:
        head = head[: phone.start()]
    return " ".join(head.replace(":", " ").split()).strip(" -–")


def persons(contacts) -> list[str]:
    return [p for p in (person(e) for e in split_entries(contacts)) if p]


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)


def phones(entry: str) -> list[str]:
    """The phone numbers in a contact entry, as typed: "An Peeters, 0470 00 00 01" -> ["0470 00 00 01"]."""
    return [m.group(0).strip() for m in _PHONE.finditer(clean_spaces(entry))]


def emails(entry: str) -> list[str]:
    """The e-mail addresses in a contact entry."""
    return _EMAIL.findall(entry)


def role(entry: str) -> str:
    """A role without its count: "2 baliemedewerkers burgerzaken" -> "baliemedewerkers burgerzaken"."""
    return _COUNT.sub("", entry.strip()).strip()


@dataclass
class Synonyms:
    """Spelling -> the name it counts as, from the coordinator's table (keys normalised)."""

    table: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_rows(cls, rows) -> "Synonyms":
        """From (spelling, counts as) pairs; blank rows are skipped, a later row wins."""
        out = cls()
        for row in rows:
            name, same_as = (list(row) + [None, None])[:2]
            if normalise(name) and normalise(same_as):
                out.table[normalise(name)] = " ".join(str(same_as).split())
        return out

    def merged(self, other: "Synonyms") -> "Synonyms":
        return Synonyms({**self.table, **other.table})

    def _walk(self, start: str) -> tuple[list[str], str | None]:
        """(the spellings passed, where the chain from ``start`` stops: a name the table does not map,
        one it maps to itself ("Cipal-Schaubroeck" counts as "Cipal Schaubroeck": only its spelling),
        or the first one seen again: a circle)."""
        seen, key = [], start
        while key in self.table and key not in seen:
            seen.append(key)
            following = normalise(self.table[key])
            if following == key:
                return seen, None
            key = following
        return seen, key

    def _end(self, start: str) -> tuple[str, str, bool]:
        """(the key the chain from ``start`` ends at, that name as the table writes it, a circle?)."""
        seen, key = self._walk(start)
        if key is None:                                  # ends at a name written as itself
            return seen[-1], self.table[seen[-1]], False
        if key in seen:                                  # a circle: the same name for all of it
            key = min(seen[seen.index(key):])
            return key, next(self.table[k] for k in self.table if normalise(self.table[k]) == key), True
        return key, self.table[seen[-1]], False

    @functools.cached_property
    def _final(self) -> dict[str, tuple[str, str]]:
        """Per spelling of the table (normalised): (the key of the name it ends at, that name as the
        table writes it), following a chain (A counts as B, B as C: A counts as C). In a circle
        (A as B, B as A) every name counts as the circle's first name in alphabetical order."""
        return {start: self._end(start)[:2] for start in self.table}

    def circles(self) -> list[list[str]]:
        """The spellings that count as each other in a circle, each circle once (names as the table
        writes them, alphabetical)."""
        found = []
        for start in self.table:
            seen, key = self._walk(start)
            if key is not None and key in seen:
                circle = sorted(self.table[k] for k in seen[seen.index(key):])
                if circle not in found:
                    found.append(circle)
        return found

    def key(self, name: str) -> str:
        """The group a name belongs to: the normalised name it counts as, at the end of a chain."""
        final = self._final.get(normalise(name))
        return final[0] if final else normalise(name)

    def display(self, name: str) -> str | None:
        """The coordinator's name for ``name``, when the table has one."""
        final = self._final.get(normalise(name))
        return final[1] if final else None

    def rows(self) -> list[tuple[str, str]]:
        return sorted(self.table.items())


class Group:
    """Occurrences of one name (after normalisation and synonyms): the spellings seen, and a shown name."""

    def __init__(self):
        self.spellings: Counter[str] = Counter()
        self.chosen: str | None = None

    def add_spelling(self, spelling: str) -> None:
        """One more occurrence of ``spelling`` (its spaces as one: "Cipal  Schaubroeck" is "Cipal Schaubroeck")."""
        self.spellings[" ".join(clean_spaces(spelling).split())] += 1

    @property
    def name(self) -> str:
        """The synonym table's name, else the most frequent spelling (ties: one not all in lower case,
        then alphabetical)."""
        if self.chosen:
            return self.chosen
        return min(self.spellings.items(), key=lambda kv: (-kv[1], kv[0].islower(), kv[0].casefold(), kv[0]))[0]


def similar_pairs(names, minimum: int) -> list[tuple[str, str, int]]:
    """Pairs of distinct names whose similarity (0-100) is at least ``minimum``.

    The similarity is rapidfuzz's token-set ratio: word order does not count and a name that
    holds all the words of another scores 100 ("Cipal" and "Cipal Schaubroeck"), while one
    word inside another does not ("Bank" and "Voedselbank").

    Sorted by similarity, highest first, then by name. Each unordered pair once.
    """
    from rapidfuzz import fuzz, process

    names = sorted(set(names), key=str.casefold)
    keys = [normalise(n) for n in names]
    out = []
    if len(names) < 2:
        return out
    scores = process.cdist(keys, keys, scorer=fuzz.token_set_ratio, score_cutoff=minimum, workers=1)
    for i in range(len(names)):
        for j in range(i + 1, len(names)):
            score = int(round(float(scores[i][j])))
            if score >= minimum and keys[i] != keys[j]:
                out.append((names[i], names[j], score))
    return sorted(out, key=lambda t: (-t[2], t[0].casefold(), t[1].casefold()))


def similarity(a: str, b: str) -> int:
    """The similarity (0-100) of two names, as :func:`similar_pairs` scores them."""
    from rapidfuzz import fuzz

    return int(round(fuzz.token_set_ratio(normalise(a), normalise(b))))


def closest(name: str, candidates, minimum: int) -> tuple[str, int] | None:
    """The candidate most similar to ``name`` (token-set ratio ≥ ``minimum``), or None."""
    from rapidfuzz import fuzz, process

    candidates = sorted(set(candidates), key=str.casefold)
    if not candidates:
        return None
    hit = process.extractOne(normalise(name), [normalise(c) for c in candidates], scorer=fuzz.token_set_ratio,
                             score_cutoff=minimum)
    return (candidates[hit[2]], int(round(hit[1]))) if hit else None
