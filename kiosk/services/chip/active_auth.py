"""Active authentication (ICAO Doc 9303 part 11, section 6.1): is this the chip the data
was issued on, or a copy of its files on another chip?

Passive authentication proves the files are the issuer's; a clone copies them. A chip with
DG15 holds the private key of DG15's public key, which nobody can read out: the kiosk sends
8 random bytes (INTERNAL AUTHENTICATE) and checks the chip's signature over them.

* RSA: ISO/IEC 9796-2 digital signature scheme 1 (message recovery), as 9303-11 6.1.2
  requires: the recovered block is ``6A || M1 || H || BC`` (SHA-1) or ``… || H || 34 CC``
  (SHA-256), with ``H = hash(M1 || challenge)``.
* ECDSA: the plain ``r || s`` signature of BSI TR-03111 over the challenge, hashed with the
  algorithm DG14's ActiveAuthenticationInfo names (SHA-256 when DG14 names none).

The answer only counts when passive authentication vouched for DG15 (its hash is in EF.SOD).
"""

from __future__ import annotations

import enum
import hashlib
import logging

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from kiosk.errors import QT_TRANSLATE_NOOP
from kiosk.services.chip.tlv import TlvError, find

log = logging.getLogger(__name__)

# ecdsa-plain-signatures (BSI TR-03111 5.2.1): 0.4.0.127.0.7.1.1.4.1.n, DER-encoded, n last
ECDSA_PLAIN_PREFIX = bytes.fromhex("060a04007f000701010401")
ECDSA_PLAIN_HASHES = {1: hashes.SHA1(), 2: hashes.SHA224(), 3: hashes.SHA256(),
                      4: hashes.SHA384(), 5: hashes.SHA512()}  # fmt: skip
ISO9796_TRAILERS = {b"\xbc": "sha1", b"\x34\xcc": "sha256", b"\x36\xcc": "sha512"}


class ChipCheck(enum.Enum):
    """What active authentication says about the chip itself."""

    GENUINE = "genuine"  # it holds DG15's private key
    FAILED = "failed"  # it does not: a copy of another chip's files, or a fault
    ABSENT = "absent"  # no DG15: the chip does not offer active authentication


WORDS = {
    ChipCheck.GENUINE: QT_TRANSLATE_NOOP(
        "chip", "Chip thật: chip đã chứng minh giữ khóa bí mật của thẻ (xác thực chủ động)."
    ),
    ChipCheck.FAILED: QT_TRANSLATE_NOOP(
        "chip",
        "Chip không chứng minh được là chip gốc của thẻ (xác thực chủ động không đạt): có "
        "thể là bản sao dữ liệu sang chip khác.",
    ),
    ChipCheck.ABSENT: QT_TRANSLATE_NOOP(
        "chip", "Chip này không có xác thực chủ động (không có DG15)."
    ),
}


def ecdsa_hash(dg14: bytes | None) -> hashes.HashAlgorithm:
    """The hash DG14's ActiveAuthenticationInfo names for ECDSA (SHA-256 by default)."""
    if dg14:
        start = dg14.find(ECDSA_PLAIN_PREFIX)
        if start >= 0 and start + len(ECDSA_PLAIN_PREFIX) < len(dg14):
            number = dg14[start + len(ECDSA_PLAIN_PREFIX)]
            if number in ECDSA_PLAIN_HASHES:
                return ECDSA_PLAIN_HASHES[number]
    return hashes.SHA256()


def check(dg15: bytes, challenge: bytes, signature: bytes, dg14: bytes | None = None) -> ChipCheck:
    """Whether ``signature`` is the chip's answer to ``challenge`` under DG15's key."""
    try:
        key = serialization.load_der_public_key(find(dg15, 0x6F))
    except (TlvError, ValueError) as exc:
        log.warning("DG15 holds no usable public key: %s", exc)
        return ChipCheck.FAILED
    if isinstance(key, rsa.RSAPublicKey):
        ok = _rsa_iso9796(key, challenge, signature)
    elif isinstance(key, ec.EllipticCurvePublicKey):
        ok = _ecdsa_plain(key, challenge, signature, ecdsa_hash(dg14))
    else:
        log.warning("DG15 key of an unsupported type: %s", type(key).__name__)
        ok = False
    log.info("active authentication: %s", "genuine" if ok else "failed")
    return ChipCheck.GENUINE if ok else ChipCheck.FAILED


def _ecdsa_plain(
    key: ec.EllipticCurvePublicKey, challenge: bytes, signature: bytes, hash_: hashes.HashAlgorithm
) -> bool:
    if not signature or len(signature) % 2:
        return False
    half = len(signature) // 2
    r, s = int.from_bytes(signature[:half], "big"), int.from_bytes(signature[half:], "big")
    try:
        key.verify(encode_dss_signature(r, s), challenge, ec.ECDSA(hash_))
    except InvalidSignature:
        return False
    return True


def _rsa_iso9796(key: rsa.RSAPublicKey, challenge: bytes, signature: bytes) -> bool:
    numbers = key.public_numbers()
    size = (numbers.n.bit_length() + 7) // 8
    value = int.from_bytes(signature, "big")
    if not signature or value >= numbers.n:
        return False
    block = pow(value, numbers.e, numbers.n).to_bytes(size, "big")
    for trailer, name in ISO9796_TRAILERS.items():
        if block[0] == 0x6A and block.endswith(trailer):
            digest_size = hashlib.new(name).digest_size
            body = block[1 : -len(trailer)]
            m1, digest = body[:-digest_size], body[-digest_size:]
            return bool(m1) and hashlib.new(name, m1 + challenge).digest() == digest
    return False
