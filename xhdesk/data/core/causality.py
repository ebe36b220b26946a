"""What a writer had seen: the causal history of one field, from the ``prev`` links of its writes.

A logged write carries in ``prev``, per field it sets, the ids [[origin, seq], …] of the writes of
that field its node held as current. Following those links gives everything the writer had seen
of the field; two writes neither of which saw the other are concurrent (a conflict). Databases
from before recorded one stamp instead (everything up to it counts as seen).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol


class Logged(Protocol):
    origin: str
    seq: int
    hlc: int
    data: dict[str, Any]
    prev: dict[str, Any]


def history(
    w: Logged, name: str, by_id: dict[tuple[str, int], Logged]
) -> tuple[set[tuple[str, int]], int]:
    """What the writer of ``w`` had seen of field ``name``: write ids, and a legacy stamp."""
    seen: set[tuple[str, int]] = set()
    legacy, stack = 0, [w]
    while stack:
        ref = stack.pop().prev.get(name)
        if isinstance(ref, int):
            legacy = max(legacy, ref)
        elif isinstance(ref, list):
            for origin, seq in ref:
                if (origin, seq) not in seen:
                    seen.add((origin, seq))
                    if (origin, seq) in by_id:
                        stack.append(by_id[(origin, seq)])
    return seen, legacy


def heads(writes: Sequence[Logged], name: str) -> list[list[Any]]:
    """The writes of a field that no other write of it has seen: what a new write replaces."""
    ws = [w for w in writes if name in w.data]
    by_id = {(w.origin, w.seq): w for w in ws}
    covered: set[tuple[str, int]] = set()
    for w in ws:
        seen, legacy = history(w, name, by_id)
        covered |= seen
        covered.update((x.origin, x.seq) for x in ws if x.hlc <= legacy and x is not w)
    return sorted([w.origin, w.seq] for w in ws if (w.origin, w.seq) not in covered)
