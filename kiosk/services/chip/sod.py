"""EF.SOD, the chip's Document Security Object (ICAO Doc 9303 part 10, section 4.6.2).

A CMS SignedData (RFC 5652) whose content is an LDSSecurityObject: the hash of every data
group, signed by the document signer (DS) whose certificate travels inside. This module
reads it and checks the hashes and the signature; :mod:`trust` checks the signer.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from asn1crypto import algos, cms, core  # type: ignore[import-untyped]
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

from kiosk.services.chip.tlv import TlvError, find

LDS_SECURITY_OBJECT = "2.23.136.1.1.1"  # id-icao-mrtd-security-ldsSecurityObject
SOD_TAG = 0x77


class SodError(ValueError):
    """EF.SOD is not a well-formed security object."""


class DataGroupHash(core.Sequence):  # type: ignore[misc]
    """DataGroupHash ::= SEQUENCE { dataGroupNumber, dataGroupHashValue }."""

    _fields: ClassVar[list[Any]] = [
        ("data_group_number", core.Integer),
        ("data_group_hash_value", core.OctetString),
    ]


class DataGroupHashValues(core.SequenceOf):  # type: ignore[misc]
    _child_spec = DataGroupHash


class LdsVersionInfo(core.Sequence):  # type: ignore[misc]
    _fields: ClassVar[list[Any]] = [
        ("lds_version", core.PrintableString),
        ("unicode_version", core.PrintableString),
    ]


class LdsSecurityObject(core.Sequence):  # type: ignore[misc]
    """LDSSecurityObject (9303-10 4.6.2.2): version, hash algorithm, data group hashes."""

    _fields: ClassVar[list[Any]] = [
        ("version", core.Integer),
        ("hash_algorithm", algos.DigestAlgorithm),
        ("data_group_hash_values", DataGroupHashValues),
        ("lds_version_info", LdsVersionInfo, {"optional": True}),
    ]


_HASHES: dict[str, Callable[[], hashes.HashAlgorithm]] = {
    "sha1": hashes.SHA1, "sha224": hashes.SHA224, "sha256": hashes.SHA256,
    "sha384": hashes.SHA384, "sha512": hashes.SHA512,
}  # fmt: skip


def digest(algorithm: str, data: bytes) -> bytes:
    """The hash named by asn1crypto (``sha256``...) of ``data``."""
    if algorithm not in _HASHES:
        raise SodError(f"unsupported hash {algorithm}")
    return hashlib.new(algorithm, data).digest()


@dataclass(frozen=True)
class SecurityObject:
    """What EF.SOD says: the hashes of the data groups and who signed them."""

    hash_algorithm: str
    group_hashes: dict[int, bytes]
    signer: x509.Certificate
    _signed_bytes: bytes
    _signature: bytes
    _signature_algorithm: str
    _signature_hash: str
    _pss_salt: int | None

    def altered_groups(self, groups: dict[int, bytes]) -> list[int]:
        """The numbers of the read data groups whose hash differs from the SOD (or is absent)."""
        altered = []
        for number, content in sorted(groups.items()):
            expected = self.group_hashes.get(number)
            actual = digest(self.hash_algorithm, content)
            if expected is None or not hmac.compare_digest(expected, actual):
                altered.append(number)
        return altered

    def signature_valid(self) -> bool:
        """Whether the document signer's key signed the security object."""
        key = self.signer.public_key()
        chosen = _HASHES[self._signature_hash]()
        try:
            if isinstance(key, rsa.RSAPublicKey):
                pad: padding.AsymmetricPadding = padding.PKCS1v15()
                if self._signature_algorithm == "rsassa_pss":
                    pad = padding.PSS(padding.MGF1(chosen), self._pss_salt or chosen.digest_size)
                key.verify(self._signature, self._signed_bytes, pad, chosen)
            elif isinstance(key, ec.EllipticCurvePublicKey):
                key.verify(self._signature, self._signed_bytes, ec.ECDSA(chosen))
            else:
                return False
        except InvalidSignature:
            return False
        return True


def parse_sod(ef_sod: bytes) -> SecurityObject:
    """Decode EF.SOD (tag 77 around a CMS ContentInfo); ``SodError`` when it is not one."""
    try:
        content_info = cms.ContentInfo.load(find(ef_sod, SOD_TAG))
        if content_info["content_type"].native != "signed_data":
            raise SodError("EF.SOD is not CMS SignedData")
        signed = content_info["content"]
        encap = signed["encap_content_info"]
        if encap["content_type"].dotted != LDS_SECURITY_OBJECT:
            raise SodError("EF.SOD does not hold an LDSSecurityObject")
        e_content: bytes = encap["content"].contents
        lds = LdsSecurityObject.load(e_content)
        hash_algorithm = lds["hash_algorithm"]["algorithm"].native
        group_hashes = {
            int(item["data_group_number"].native): bytes(item["data_group_hash_value"].native)
            for item in lds["data_group_hash_values"]
        }
        certificates = [c.chosen for c in signed["certificates"] or []]
        if not certificates or len(signed["signer_infos"]) != 1:
            raise SodError("EF.SOD needs one signer and its certificate")
        signer_info = signed["signer_infos"][0]
        signer = x509.load_der_x509_certificate(certificates[0].dump())
        signature_hash = signer_info["digest_algorithm"]["algorithm"].native
        signed_bytes = _signed_bytes(signer_info, e_content, signature_hash)
        sig_algo = signer_info["signature_algorithm"]
        salt = None
        if sig_algo["algorithm"].native == "rsassa_pss":
            salt = int(sig_algo["parameters"]["salt_length"].native)
        digest(signature_hash, b"")  # refuses an unsupported hash now, not at verification
        digest(hash_algorithm, b"")
        return SecurityObject(
            hash_algorithm=hash_algorithm,
            group_hashes=group_hashes,
            signer=signer,
            _signed_bytes=signed_bytes,
            _signature=bytes(signer_info["signature"].native),
            _signature_algorithm=sig_algo["algorithm"].native,
            _signature_hash=signature_hash,
            _pss_salt=salt,
        )
    except SodError:
        raise
    except (TlvError, ValueError, TypeError, KeyError) as exc:
        raise SodError(f"EF.SOD does not decode: {type(exc).__name__}") from exc


def _signed_bytes(signer_info: cms.SignerInfo, e_content: bytes, hash_name: str) -> bytes:
    """RFC 5652 5.4: the DER SET of signed attributes (after checking their digest)."""
    attributes = signer_info["signed_attrs"]
    if not attributes:
        return e_content
    found = {attr["type"].native: attr["values"][0] for attr in attributes}
    message_digest = found.get("message_digest")
    if message_digest is None or not hmac.compare_digest(
        bytes(message_digest.native), digest(hash_name, e_content)
    ):
        # A content that does not match its signed digest: signing bytes that fail on purpose.
        return b"\x00message digest mismatch"
    return b"\x31" + bytes(attributes.dump())[1:]  # [0] IMPLICIT -> SET OF
