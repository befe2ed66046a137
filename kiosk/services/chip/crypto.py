"""The 3DES primitives of ICAO 9303 part 11 (section 9.7 and 9.8), with ``cryptography``.

Two-key 3DES in CBC mode with a zero IV, ISO/IEC 9797-1 padding method 2, and the retail
MAC (ISO/IEC 9797-1 MAC algorithm 3: single DES CBC with K1, then DES-decrypt with K2 and
encrypt with K1 on the last block).
"""

from __future__ import annotations

import hashlib

from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
from cryptography.hazmat.primitives.ciphers import Cipher, modes

BLOCK = 8
ZERO_IV = bytes(BLOCK)


def pad(data: bytes) -> bytes:
    """ISO/IEC 9797-1 padding method 2: 0x80 then zeros up to a multiple of 8 bytes."""
    padded = data + b"\x80"
    return padded + bytes(-len(padded) % BLOCK)


def unpad(data: bytes) -> bytes:
    """Remove method-2 padding; ``ValueError`` when there is none."""
    stripped = data.rstrip(b"\x00")
    if not stripped.endswith(b"\x80"):
        raise ValueError("no ISO 9797-1 method 2 padding")
    return stripped[:-1]


def _two_key(key: bytes) -> bytes:
    if len(key) != 16:
        raise ValueError("3DES keys here are 16 bytes (two-key)")
    return key + key[:8]


def tdes_encrypt(key: bytes, data: bytes, iv: bytes = ZERO_IV) -> bytes:
    """Two-key 3DES-CBC encryption of data already a multiple of 8 bytes."""
    encryptor = Cipher(TripleDES(_two_key(key)), modes.CBC(iv)).encryptor()
    return encryptor.update(data) + encryptor.finalize()


def tdes_decrypt(key: bytes, data: bytes, iv: bytes = ZERO_IV) -> bytes:
    """Two-key 3DES-CBC decryption (the inverse of :func:`tdes_encrypt`)."""
    decryptor = Cipher(TripleDES(_two_key(key)), modes.CBC(iv)).decryptor()
    return decryptor.update(data) + decryptor.finalize()


def _des_ecb(key8: bytes, block: bytes, *, decrypt: bool = False) -> bytes:
    # Single DES is 3DES with K1 = K2 = K3.
    cipher = Cipher(TripleDES(key8 * 3), modes.ECB())
    op = cipher.decryptor() if decrypt else cipher.encryptor()
    return op.update(block) + op.finalize()


def retail_mac(key: bytes, data: bytes) -> bytes:
    """ISO/IEC 9797-1 MAC algorithm 3 over ``pad(data)`` with a 16-byte key: 8 bytes."""
    k1, k2 = key[:8], key[8:16]
    padded = pad(data)
    state = ZERO_IV
    for i in range(0, len(padded), BLOCK):
        block = bytes(a ^ b for a, b in zip(state, padded[i : i + BLOCK], strict=True))
        state = _des_ecb(k1, block)
    state = _des_ecb(k2, state, decrypt=True)
    return _des_ecb(k1, state)


def derive_key(seed: bytes, counter: int) -> bytes:
    """ICAO 9303-11 9.7.1: the 16-byte 3DES key of SHA-1(seed || counter), parity adjusted."""
    digest = hashlib.sha1(seed + counter.to_bytes(4, "big")).digest()[:16]
    return bytes(_odd_parity(b) for b in digest)


def _odd_parity(byte: int) -> int:
    high = byte & 0xFE
    return high | (bin(high).count("1") + 1) % 2
