"""A fast QR encoder for certificate codes (alphanumeric mode, error level M, mask 2).

Printing a thousand certificates encodes a thousand QR codes; segno spends most of its time laying
out the same function patterns and placing bits one by one. Every certificate code has the same
shape, so the parts that do not depend on the text are computed once per symbol version — the
function patterns (taken from segno itself), the order of the data modules and the mask — and each
code only needs its data bits, its Reed–Solomon error correction and a pass over the bits.
Texts that are not alphanumeric, or too long for versions 1–10, go to segno.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import segno
from segno import consts

MASK = 2  # (column % 3 == 0); any mask scans, choosing the best is what costs segno its time
MAX_VERSION = 10
ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
_VALUE = {ch: i for i, ch in enumerate(ALPHANUMERIC)}

# GF(256) with the QR polynomial x^8 + x^4 + x^3 + x^2 + 1.
_EXP = [0] * 512
_LOG = [0] * 256
_x = 1
for _i in range(255):
    _EXP[_i] = _x
    _LOG[_x] = _i
    _x <<= 1
    if _x & 0x100:
        _x ^= 0x11D
for _i in range(255, 512):
    _EXP[_i] = _EXP[_i - 255]


@lru_cache(maxsize=64)
def _generator(degree: int) -> tuple[int, ...]:
    """For every byte f, f times the RS generator polynomial (without x^n) packed in one int,
    so that a step of the polynomial division is one shift and one XOR."""
    poly = [1]
    for i in range(degree):
        nxt = [0] * (len(poly) + 1)
        for j, coef in enumerate(poly):
            nxt[j] ^= coef
            if coef:
                nxt[j + 1] ^= _EXP[_LOG[coef] + i]
        poly = nxt
    gen = poly[1:]
    return (0,) + tuple(
        int.from_bytes(bytes(_EXP[_LOG[f] + _LOG[g]] for g in gen), "big") for f in range(1, 256)
    )


def _ec_codewords(data: list[int], degree: int) -> list[int]:
    table = _generator(degree)
    top = 8 * (degree - 1)
    keep = (1 << (8 * degree)) - 1
    rem = 0
    for byte in data:
        rem = ((rem << 8) & keep) ^ table[byte ^ (rem >> top)]
    return list(rem.to_bytes(degree, "big"))


@lru_cache(maxsize=64)
def _blocks(version: int) -> tuple[tuple[int, int], ...]:
    """(data codewords, total codewords) of each block at level M."""
    out: list[tuple[int, int]] = []
    ecc: Any = consts.ECC  # segno's table of error-correction blocks (untyped)
    for ec in ecc[version][consts.ERROR_LEVEL_M]:
        out += [(ec.num_data, ec.num_total)] * ec.num_blocks
    return tuple(out)


@lru_cache(maxsize=64)
def _capacity_bits(version: int) -> int:
    return 8 * sum(d for d, _ in _blocks(version))


ALIGNMENT = {
    2: (6, 18), 3: (6, 22), 4: (6, 26), 5: (6, 30), 6: (6, 34),
    7: (6, 22, 38), 8: (6, 24, 42), 9: (6, 26, 46), 10: (6, 28, 50),
}  # fmt: skip


def _data_modules(version: int, n: int) -> list[list[bool]]:
    """Which modules carry data: all but finders, separators, timing, format, alignment, version."""
    free = [[True] * n for _ in range(n)]

    def block(r0: int, r1: int, c0: int, c1: int) -> None:
        for r in range(max(r0, 0), min(r1, n - 1) + 1):
            for c in range(max(c0, 0), min(c1, n - 1) + 1):
                free[r][c] = False

    block(0, 8, 0, 8)
    block(0, 8, n - 8, n - 1)
    block(n - 8, n - 1, 0, 8)
    block(6, 6, 0, n - 1)
    block(0, n - 1, 6, 6)
    centres = ALIGNMENT.get(version, ())
    for r in centres:
        for c in centres:
            if (r, c) in ((6, 6), (6, centres[-1]), (centres[-1], 6)):
                continue
            block(r - 2, r + 2, c - 2, c + 2)
    if version >= 7:
        block(0, 5, n - 11, n - 9)
        block(n - 11, n - 9, 0, 5)
    return free


@lru_cache(maxsize=MAX_VERSION)
def _layout(version: int) -> tuple[int, bytes, tuple[tuple[int, ...], ...]]:
    """(size, flat matrix with function patterns and masked zero data, data module indices).

    The indices are grouped per codeword, most significant bit first, in placement order; the
    function patterns and format/version information come from segno (they depend only on the
    version, the error level and the mask, never on the text).
    """
    sample = segno.make("0", error="m", mask=MASK, version=version, micro=False, boost_error=False)
    n = 17 + 4 * version
    is_data = _data_modules(version, n)
    base = bytearray(v for row in sample.matrix for v in row)
    for r in range(n):
        for c in range(n):
            if is_data[r][c]:
                base[r * n + c] = 1 if c % 3 == 0 else 0  # a zero bit, masked
    order: list[int] = []
    col, upward = n - 1, True
    while col > 0:
        if col == 6:
            col -= 1
        rows = range(n - 1, -1, -1) if upward else range(n)
        for r in rows:
            for c in (col, col - 1):
                if is_data[r][c]:
                    order.append(r * n + c)
        upward = not upward
        col -= 2
    groups = tuple(tuple(order[i : i + 8]) for i in range(0, len(order) - 7, 8))
    return n, bytes(base), groups


# For each byte value, which of its bits (0 = most significant) are set.
_SET_BITS = tuple(tuple(b for b in range(8) if value & (0x80 >> b)) for value in range(256))


def _needed_bits(length: int, version: int) -> int:
    count_bits = 9 if version < 10 else 11
    return 4 + count_bits + 11 * (length // 2) + 6 * (length % 2)


def _data_codewords(text: str, version: int) -> list[int]:
    """Mode, count, the characters in pairs, terminator, zero bits and pad codewords."""
    count_bits = 9 if version < 10 else 11
    acc = (0b0010 << count_bits) | len(text)
    for i in range(0, len(text) - 1, 2):
        acc = (acc << 11) | (_VALUE[text[i]] * 45 + _VALUE[text[i + 1]])
    if len(text) % 2:
        acc = (acc << 6) | _VALUE[text[-1]]
    nbits = _needed_bits(len(text), version)
    capacity = _capacity_bits(version)
    terminator = min(4, capacity - nbits)
    acc <<= terminator
    nbits += terminator
    if nbits < capacity:
        # Zero bits up to the next byte; like segno, a whole zero byte when already aligned
        # (padding after the terminator, which readers ignore) so both give the same symbol.
        fill = 8 - nbits % 8
        acc <<= fill
        nbits += fill
    data = list(acc.to_bytes(nbits // 8, "big"))
    while len(data) < capacity // 8:
        data.append(0xEC if (len(data) - nbits // 8) % 2 == 0 else 0x11)
    return data


def _codewords(data: list[int], version: int) -> list[int]:
    blocks, ecs, pos = [], [], 0
    for n_data, n_total in _blocks(version):
        block = data[pos : pos + n_data]
        pos += n_data
        blocks.append(block)
        ecs.append(_ec_codewords(block, n_total - n_data))
    out = []
    for i in range(max(len(b) for b in blocks)):
        out += [b[i] for b in blocks if i < len(b)]
    for i in range(len(ecs[0])):
        out += [e[i] for e in ecs]
    return out


def qr_modules(text: str) -> tuple[int, bytes]:
    """(size, modules row by row as one byte string of 0/1) of the QR code of ``text``."""
    if text and all(ch in _VALUE for ch in text):
        for version in range(1, MAX_VERSION + 1):
            if _needed_bits(len(text), version) <= _capacity_bits(version):
                return _place(_codewords(_data_codewords(text, version), version), version)
    matrix = segno.make(text, error="m", mask=MASK, micro=False).matrix
    return len(matrix), bytes(v for row in matrix for v in row)


def qr_matrix(text: str) -> tuple[bytearray, ...]:
    """The QR code of ``text`` as rows of 0/1 modules (no quiet zone)."""
    n, flat = qr_modules(text)
    return tuple(bytearray(flat[r * n : (r + 1) * n]) for r in range(n))


def _place(codewords: list[int], version: int) -> tuple[int, bytes]:
    n, base, groups = _layout(version)
    flat = bytearray(base)
    for byte, group in zip(codewords, groups, strict=False):
        for bit in _SET_BITS[byte]:
            flat[group[bit]] ^= 1
    return n, bytes(flat)
