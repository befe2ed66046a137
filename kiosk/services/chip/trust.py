"""The CSCA store: the country signing certificates an administrator installs, and the check
of a document signer against them (ICAO Doc 9303 part 11, section 5.1, passive authentication).

A store is a folder of certificates (PEM or DER: ``.pem``, ``.crt``, ``.cer``, ``.der``) or
one ICAO master list file (a CMS SignedData holding a CscaMasterList, 9303-12 section 9).
The master list's own signature is not checked here: whoever installs the file vouches for
it, as for a folder.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from asn1crypto import cms, core  # type: ignore[import-untyped]
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.exceptions import InvalidSignature

from kiosk.errors import QT_TRANSLATE_NOOP, KioskError

log = logging.getLogger(__name__)

CERT_SUFFIXES = {".pem", ".crt", ".cer", ".der"}
MASTER_LIST = "2.23.136.1.1.2"  # id-icao-cscaMasterList

STORE_UNREADABLE = QT_TRANSLATE_NOOP(
    "chip",
    "Không đọc được kho chứng thư gốc (CSCA) tại {path}. Báo cán bộ kỹ thuật kiểm tra tệp.",
)


class TrustStoreError(KioskError):
    """The configured CSCA store cannot be read."""


class _Certificates(core.SetOf):  # type: ignore[misc]
    _child_spec = asn1_x509.Certificate


class CscaMasterList(core.Sequence):  # type: ignore[misc]
    """CscaMasterList ::= SEQUENCE { version INTEGER, certList SET OF Certificate }."""

    _fields: ClassVar[list[Any]] = [("version", core.Integer), ("cert_list", _Certificates)]


def _certificates_in(data: bytes) -> list[x509.Certificate]:
    if b"-----BEGIN CERTIFICATE-----" in data:
        return x509.load_pem_x509_certificates(data)
    try:
        return [x509.load_der_x509_certificate(data)]
    except ValueError:
        return _master_list(data)


def _master_list(data: bytes) -> list[x509.Certificate]:
    content_info = cms.ContentInfo.load(data)
    encap = content_info["content"]["encap_content_info"]
    if encap["content_type"].dotted != MASTER_LIST:
        raise ValueError("not a CSCA master list")
    master = CscaMasterList.load(encap["content"].contents)
    return [x509.load_der_x509_certificate(c.dump()) for c in master["cert_list"]]


@dataclass(frozen=True)
class CscaStore:
    """Trusted country signing certificates."""

    certificates: tuple[x509.Certificate, ...]

    @classmethod
    def load(cls, path: Path) -> CscaStore:
        """Read a folder of certificates or a master list file."""
        files = (
            sorted(p for p in path.iterdir() if p.suffix.lower() in CERT_SUFFIXES)
            if (path.is_dir())
            else [path]
        )
        found: list[x509.Certificate] = []
        try:
            for file in files:
                found.extend(_certificates_in(file.read_bytes()))
        except (OSError, ValueError, TypeError, KeyError) as exc:
            raise TrustStoreError(
                STORE_UNREADABLE.format(path=str(path)),
                detail=f"CSCA store unreadable: {type(exc).__name__}: {exc}",
            ) from exc
        log.info("CSCA store: %d certificates from %d files", len(found), len(files))
        return cls(tuple(found))

    def issuer_of(self, signer: x509.Certificate) -> x509.Certificate | None:
        """The CSCA whose key signed ``signer`` (name and signature both match), if any."""
        for csca in self.certificates:
            if csca.subject != signer.issuer:
                continue
            try:
                signer.verify_directly_issued_by(csca)
            except (InvalidSignature, ValueError, TypeError):
                continue
            return csca
        return None


def valid_at(certificate: x509.Certificate, moment: dt.datetime) -> bool:
    """Whether ``moment`` lies within the certificate's validity period."""
    return certificate.not_valid_before_utc <= moment <= certificate.not_valid_after_utc
