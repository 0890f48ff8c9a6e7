"""Which step 2 row belongs to which step 1 process, in a workbook staff have edited.

Step 2 shows step 1 by formulas, row by row; staff insert a row in step 1 only, delete one in
step 2, or type a name over a formula. :func:`pair_step2` pairs each process with the row whose
formulas show it, so that what is typed on a step 2 row (the RPO, the dependencies) is read for
the process that row shows, and a finding about a process points at its own row. Pure: names and
row numbers in, row numbers out.
"""

from __future__ import annotations

import bisect

from ..core.grid import excel_trim, is_error, name_key
from ..core.model import Process


def pair_step2(processes: list[Process], rows1: list[int], names2: dict[int, object], first_row: int,
                offset: int) -> list[int | None]:
    """The step 2 row of each step 1 process, or None when step 2 shows it nowhere.

    Step 2 shows step 1 by formula, row by row: the name, RTO, class and priority of a step 2
    row all come from the same step 1 row, and stay in step 1's order when staff insert a row
    in step 1 only or delete one in step 2 (the references move with the rows). A name typed
    over the formula changes the name only. So:

    1. each process takes the row that shows its name (:func:`pairing_key`: case, spaces and
       invisible characters aside): the row at the same place if it does, else the first free one;
    2. of those, only the pairs that keep step 1's order in every longest ordered chain stay:
       a name shown out of order (two names swapped) or a second time was typed over the
       formula, and its row belongs to the process whose values its formulas show;
    3. a process left over takes the row at its place, counted from the nearest pair that
       stayed, when that row is free and shows no error: blank (a workbook saved without
       recalculation) or a name typed over the formula (the validator reports it there, and
       what is typed on the row is read for this process);
    4. a process still left over takes a free row that shows its name, in any order.

    Every process gets its own row, never one that another process took.
    """
    by_name: dict[str, list[int]] = {}
    for r, value in names2.items():
        key = pairing_key(value)
        if key:
            by_name.setdefault(key, []).append(r)
    keys = [pairing_key(p.name) for p in processes]
    named: dict[int, int] = {}
    taken: set[int] = set()
    for i, r1 in enumerate(rows1):                      # 1. the row at the same place, when it shows the name
        if r1 + offset in by_name.get(keys[i], ()) and r1 + offset not in taken:
            named[i] = r1 + offset
            taken.add(r1 + offset)
    for i in range(len(processes)):                     # 1. else the first free row that shows it
        free = [r for r in by_name.get(keys[i], ()) if r not in taken]
        if i not in named and free:
            named[i] = free[0]
            taken.add(free[0])
    kept = _ordered(sorted(named.items()))              # 2.
    pairs: list[int | None] = [kept.get(i) for i in range(len(processes))]
    taken = set(kept.values())
    anchors = sorted(kept.items())
    for i, r1 in enumerate(rows1):                      # 3.
        if pairs[i] is not None:
            continue
        k = bisect.bisect_left(anchors, (i, -1))
        before, after = (anchors[k - 1] if k else None), (anchors[k] if k < len(anchors) else None)
        if before:
            candidate = before[1] + r1 - rows1[before[0]]
        elif after:
            candidate = after[1] - (rows1[after[0]] - r1)
        else:
            candidate = r1 + offset
        if (candidate < first_row or candidate in taken or is_error(names2.get(candidate))
                or (after and candidate >= after[1])):
            continue
        pairs[i] = candidate
        taken.add(candidate)
    for i in range(len(processes)):                     # 4.
        free = [r for r in by_name.get(keys[i], ()) if r not in taken]
        if pairs[i] is None and free:
            pairs[i] = free[0]
            taken.add(free[0])
    return pairs


def pairing_key(value) -> str:
    """The key a name is paired by: :func:`~bcm_excel.core.grid.name_key`, or for a name of only
    invisible characters (a process to the formulas, nothing to see) the characters themselves,
    marked so that they never equal a visible name; "" for a blank or an error."""
    if is_error(value):
        return ""
    key = name_key(value)
    if key:
        return key
    text = excel_trim(value, "")        # TRIM alone: any other character is there for the formulas
    return "\0" + text if text else ""


def _ordered(pairs: list[tuple[int, int]]) -> dict[int, int]:
    """The (process, row) pairs that lie on every longest chain of rising rows: those whose order
    nothing contradicts. Two swapped names both leave; so does a name shown out of order."""
    if not pairs:
        return {}
    rows = [r for _, r in pairs]
    up = _chain_lengths(rows)                                     # longest chain ending at each pair
    down = _chain_lengths([-r for r in reversed(rows)])[::-1]     # ... starting at it
    longest = max(up)
    on_some = [k for k in range(len(pairs)) if up[k] + down[k] - 1 == longest]
    level_count: dict[int, int] = {}
    for k in on_some:
        level_count[up[k]] = level_count.get(up[k], 0) + 1
    return dict(pairs[k] for k in on_some if level_count[up[k]] == 1)


def _chain_lengths(values: list[int]) -> list[int]:
    """For each value, the length of the longest strictly rising chain that ends with it (n log n)."""
    tails: list[int] = []
    out = []
    for v in values:
        k = bisect.bisect_left(tails, v)
        if k == len(tails):
            tails.append(v)
        else:
            tails[k] = v
        out.append(k + 1)
    return out
