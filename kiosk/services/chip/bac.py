"""Basic Access Control (ICAO Doc 9303 part 11, section 4.3 and appendix D).

The key is derived from the MRZ's document number, birth date and expiry date, each with
its check digit; the reader and the chip then prove to each other that they know it and
agree on session keys for secure messaging.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import dataclass

from kiosk.services.chip.crypto import derive_key, retail_mac, tdes_decrypt, tdes_encrypt

_WEIGHTS = (7, 3, 1)
KENC, KMAC = 1, 2  # the counters of ICAO 9303-11 9.7.1


class BacError(ValueError):
    """The chip's answer to mutual authentication does not prove it knows the key."""


def check_digit(field: str) -> int:
    """ICAO 9303-3 4.9: digits as themselves, A-Z as 10-35, '<' as 0, weights 7 3 1."""
    total = 0
    for i, char in enumerate(field):
        if char.isdigit():
            value = int(char)
        elif "A" <= char <= "Z":
            value = ord(char) - ord("A") + 10
        elif char == "<":
            value = 0
        else:
            raise ValueError(f"not an MRZ character: {char!r}")
        total += value * _WEIGHTS[i % 3]
    return total % 10


def _yymmdd(value: str, what: str) -> str:
    if len(value) != 6 or not value.isascii() or not value.isdigit():
        raise ValueError(f"{what} must be YYMMDD")
    return value


@dataclass(frozen=True)
class AccessKey:
    """What BAC needs from the card's MRZ: document number, birth and expiry (YYMMDD)."""

    document_number: str
    birth: str
    expiry: str

    def mrz_information(self) -> str:
        """Document number (padded to 9 with '<'), birth, expiry, each with check digit."""
        number = self.document_number.strip().upper().ljust(9, "<")
        if not all(c.isascii() and (c.isalnum() or c == "<") for c in number):
            raise ValueError("the document number holds letters and digits only")
        birth = _yymmdd(self.birth, "birth date")
        expiry = _yymmdd(self.expiry, "expiry date")
        return "".join(f"{f}{check_digit(f)}" for f in (number, birth, expiry))

    def seed(self) -> bytes:
        """Kseed: the first 16 bytes of SHA-1 of the MRZ information."""
        return hashlib.sha1(self.mrz_information().encode("ascii")).digest()[:16]

    def keys(self) -> tuple[bytes, bytes]:
        """(Kenc, Kmac) for mutual authentication."""
        seed = self.seed()
        return derive_key(seed, KENC), derive_key(seed, KMAC)


@dataclass(frozen=True)
class SessionKeys:
    """Keys and send sequence counter that secure messaging starts from."""

    ks_enc: bytes
    ks_mac: bytes
    ssc: int


@dataclass(frozen=True)
class Handshake:
    """The reader's side of one mutual authentication: its randoms and the command data."""

    rnd_ic: bytes
    rnd_ifd: bytes
    k_ifd: bytes
    command_data: bytes  # E_IFD || M_IFD, the EXTERNAL AUTHENTICATE data


def start(
    key: AccessKey, rnd_ic: bytes, rnd_ifd: bytes | None = None, k_ifd: bytes | None = None
) -> Handshake:
    """Build EXTERNAL AUTHENTICATE's data from the chip's challenge (fresh randoms by default)."""
    if len(rnd_ic) != 8:
        raise BacError("GET CHALLENGE did not return 8 bytes")
    rnd_ifd = os.urandom(8) if rnd_ifd is None else rnd_ifd
    k_ifd = os.urandom(16) if k_ifd is None else k_ifd
    kenc, kmac = key.keys()
    e_ifd = tdes_encrypt(kenc, rnd_ifd + rnd_ic + k_ifd)
    return Handshake(rnd_ic, rnd_ifd, k_ifd, e_ifd + retail_mac(kmac, e_ifd))


def finish(key: AccessKey, handshake: Handshake, response: bytes) -> SessionKeys:
    """Check the chip's E_IC || M_IC and derive the session keys and the SSC."""
    if len(response) != 40:
        raise BacError("EXTERNAL AUTHENTICATE answered with the wrong length")
    kenc, kmac = key.keys()
    e_ic, m_ic = response[:32], response[32:]
    if not hmac.compare_digest(retail_mac(kmac, e_ic), m_ic):
        raise BacError("the chip's MAC is wrong")
    plain = tdes_decrypt(kenc, e_ic)
    if plain[:8] != handshake.rnd_ic or plain[8:16] != handshake.rnd_ifd:
        raise BacError("the chip did not return our challenge")
    return session_keys(handshake.k_ifd, plain[16:32], handshake.rnd_ic, handshake.rnd_ifd)


def session_keys(k_ifd: bytes, k_ic: bytes, rnd_ic: bytes, rnd_ifd: bytes) -> SessionKeys:
    """KSenc, KSmac from K_IFD xor K_IC; SSC from the last 4 bytes of each random."""
    seed = bytes(a ^ b for a, b in zip(k_ifd, k_ic, strict=True))
    ssc = int.from_bytes(rnd_ic[4:] + rnd_ifd[4:], "big")
    return SessionKeys(derive_key(seed, KENC), derive_key(seed, KMAC), ssc)
