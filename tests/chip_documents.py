"""An invented citizen's chip files and the PKI that signs them, made fresh in the tests.

A test CSCA (country signing CA) issues a document signer (DS) certificate; the DS signs
an EF.SOD (CMS SignedData over an LDSSecurityObject, ICAO 9303-10 4.6.2) that holds the
hashes of DG1 (TD1 MRZ), DG2 (a JPEG face, ISO 19794-5 wrapper), DG13 (the Vietnamese
personal data). Nothing here comes from a real card: names and numbers are made up.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from dataclasses import dataclass, field, replace

from asn1crypto import algos, cms, core  # type: ignore[import-untyped]
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509.oid import NameOID
from PIL import Image

from kiosk.services.chip.bac import AccessKey, check_digit
from kiosk.services.chip.sod import LDS_SECURITY_OBJECT, LdsSecurityObject
from kiosk.services.chip.tlv import tlv

PrivateKey = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey
NOW = dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class Citizen:
    """The invented holder of the test card."""

    id_number: str = "079192004321"
    full_name: str = "Trần Thị Hồng Nhung"
    mrz_name: str = "TRAN<<THI<HONG<NHUNG"
    birth: str = "920315"  # YYMMDD
    expiry: str = "320315"
    sex: str = "F"
    birth_text: str = "15/03/1992"
    gender_text: str = "Nữ"
    home_town: str = "Xã Tân Phú, Huyện Đức Hòa, Long An"
    residence: str = "Số 12 Đường Số 7, Phường An Lạc, Quận Bình Tân, TP Hồ Chí Minh"
    issue_text: str = "01/07/2021"
    expiry_text: str = "15/03/2032"

    @property
    def document_number(self) -> str:
        """The MRZ's document number field on a CCCD: the last 9 digits of the ID number."""
        return self.id_number[-9:]

    @property
    def key(self) -> AccessKey:
        """The BAC key printed in the card's MRZ."""
        return AccessKey(self.document_number, self.birth, self.expiry)


def td1_mrz(c: Citizen) -> str:
    """The three 30-character lines of a TD1 MRZ (ICAO 9303-5) as on a CCCD."""
    number = c.document_number
    line1 = f"IDVNM{number}{check_digit(number)}{c.id_number}".ljust(30, "<")
    birth = f"{c.birth}{check_digit(c.birth)}"
    expiry = f"{c.expiry}{check_digit(c.expiry)}"
    line2 = f"{birth}{c.sex}{expiry}VNM".ljust(29, "<")
    composite = line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29]
    line2 += str(check_digit(composite))
    return line1 + line2 + c.mrz_name.ljust(30, "<")[:30]


def dg1(c: Citizen) -> bytes:
    """DG1: tag 61 around 5F1F, the MRZ."""
    return tlv(0x61, tlv(0x5F1F, td1_mrz(c).encode("ascii")))


def face_jpeg(size: tuple[int, int] = (240, 320)) -> bytes:
    """A synthetic portrait-sized JPEG (a pattern, no face) of about 15 KB."""
    image = Image.new("RGB", size)
    image.putdata([((x * 7) % 256, (y * 5) % 256, (x * y) % 256) for y in range(size[1])
                   for x in range(size[0])])  # fmt: skip
    out = io.BytesIO()
    image.save(out, "JPEG", quality=70)
    return out.getvalue()


def dg2(jpeg: bytes) -> bytes:
    """DG2: biometric information template group (7F61) with one face (5F2E) in FAC format."""
    facial_record = b"FAC\x00010\x00" + (14 + len(jpeg)).to_bytes(4, "big") + b"\x00\x01" + jpeg
    header = tlv(0xA1, tlv(0x80, b"\x01\x01") + tlv(0x87, b"\x01\x01") + tlv(0x88, b"\x00\x08"))
    template = tlv(0x7F60, header + tlv(0x5F2E, facial_record))
    return tlv(0x75, tlv(0x7F61, tlv(0x02, b"\x01") + template))


def _field(number: int, *values: str | list[str]) -> bytes:
    body = tlv(0x02, bytes([number]))
    for value in values:
        if isinstance(value, list):
            body += tlv(0x30, b"".join(tlv(0x0C, v.encode("utf-8")) for v in value))
        elif value.isascii() and value.replace("/", "").isalnum():
            body += tlv(0x13, value.encode("ascii"))  # PrintableString: numbers, dates
        else:
            body += tlv(0x0C, value.encode("utf-8"))  # UTF8String: Vietnamese text
    return tlv(0x30, body)


def dg13(c: Citizen) -> bytes:
    """DG13 as CCCD chips lay it out: SEQUENCE { INTEGER field number, value } per field."""
    fields = [
        _field(1, c.id_number), _field(2, c.full_name), _field(3, c.birth_text),
        _field(4, c.gender_text), _field(5, "Việt Nam"), _field(6, "Kinh"),
        _field(7, "Không"), _field(8, c.home_town), _field(9, c.residence),
        _field(10, "Nốt ruồi C:1cm trên trước mép trái"), _field(11, c.issue_text),
        _field(12, c.expiry_text), _field(13, ["Trần Văn Bình", "Lê Thị Mai"]),
        _field(16, "301234567"),
    ]  # fmt: skip
    return tlv(0x6D, tlv(0x30, tlv(0x02, b"\x01") + b"".join(fields)))


def ef_com(groups: list[int]) -> bytes:
    """EF.COM: LDS 1.7, Unicode 4.0.0, and the tags of the data groups present."""
    tags = {1: 0x61, 2: 0x75, 13: 0x6D, 14: 0x6E, 15: 0x6F}
    body = tlv(0x5F01, b"0107") + tlv(0x5F36, b"040000") + tlv(0x5C, bytes(tags[g] for g in groups))
    return tlv(0x60, body)


def _name(common: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Test Authority"),
                      x509.NameAttribute(NameOID.COMMON_NAME, common)])  # fmt: skip


def certificate(
    subject: str, key: PrivateKey, issuer: str, issuer_key: PrivateKey,
    not_before: dt.datetime, not_after: dt.datetime, *, ca: bool,
) -> x509.Certificate:  # fmt: skip
    """A certificate for ``key`` signed by ``issuer_key`` (SHA-256)."""
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(subject)).issuer_name(_name(issuer))
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(not_before).not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=ca, path_length=0 if ca else None), True)
    )  # fmt: skip
    return builder.sign(issuer_key, hashes.SHA256())


@dataclass
class Pki:
    """A CSCA and the document signer it issued."""

    csca: x509.Certificate
    csca_key: PrivateKey
    signer: x509.Certificate
    signer_key: PrivateKey


def make_pki(
    *, signer_valid: tuple[dt.timedelta, dt.timedelta] = (dt.timedelta(days=-30),
    dt.timedelta(days=3650)), ec_signer: bool = False, csca_name: str = "CSCA Viet Nam TEST",
) -> Pki:  # fmt: skip
    """A fresh CSCA (P-384) and a DS (RSA-2048, or P-256) valid over ``signer_valid``."""
    csca_key = ec.generate_private_key(ec.SECP384R1())
    day = dt.timedelta(days=1)
    csca = certificate(csca_name, csca_key, csca_name, csca_key, NOW - 400 * day,
                       NOW + 5000 * day, ca=True)  # fmt: skip
    signer_key: PrivateKey = (
        ec.generate_private_key(ec.SECP256R1()) if ec_signer
        else rsa.generate_private_key(public_exponent=65537, key_size=2048)
    )  # fmt: skip
    signer = certificate("DS Viet Nam TEST", signer_key, csca_name, csca_key,
                         NOW + signer_valid[0], NOW + signer_valid[1], ca=False)  # fmt: skip
    return Pki(csca, csca_key, signer, signer_key)


def sign_sod(groups: dict[int, bytes], pki: Pki) -> bytes:
    """EF.SOD (tag 77) over the SHA-256 hashes of ``groups``, signed by the DS."""
    lds = LdsSecurityObject({
        "version": 0,
        "hash_algorithm": {"algorithm": "sha256"},
        "data_group_hash_values": [
            {"data_group_number": n, "data_group_hash_value": hashlib.sha256(v).digest()}
            for n, v in sorted(groups.items())
        ],
    }).dump()  # fmt: skip
    attributes = cms.CMSAttributes([
        {"type": "content_type", "values": [LDS_SECURITY_OBJECT]},
        {"type": "message_digest", "values": [hashlib.sha256(lds).digest()]},
    ])  # fmt: skip
    to_sign = attributes.dump()
    key = pki.signer_key
    if isinstance(key, rsa.RSAPrivateKey):
        signature = key.sign(to_sign, padding.PKCS1v15(), hashes.SHA256())
        algorithm = "sha256_rsa"
    else:
        signature = key.sign(to_sign, ec.ECDSA(hashes.SHA256()))
        algorithm = "sha256_ecdsa"
    signer_der = pki.signer.public_bytes(serialization.Encoding.DER)
    signer_cert = asn1_x509.Certificate.load(signer_der)
    signer_info = cms.SignerInfo({
        "version": "v1",
        "sid": cms.SignerIdentifier({"issuer_and_serial_number": cms.IssuerAndSerialNumber({
            "issuer": signer_cert.issuer, "serial_number": signer_cert.serial_number})}),
        "digest_algorithm": algos.DigestAlgorithm({"algorithm": "sha256"}),
        "signed_attrs": attributes,
        "signature_algorithm": algos.SignedDigestAlgorithm({"algorithm": algorithm}),
        "signature": signature,
    })  # fmt: skip
    signed_data = cms.SignedData({
        "version": "v3",
        "digest_algorithms": [algos.DigestAlgorithm({"algorithm": "sha256"})],
        "encap_content_info": {"content_type": LDS_SECURITY_OBJECT,
                               "content": core.ParsableOctetString(lds)},
        "certificates": [signer_cert],
        "signer_infos": [signer_info],
    })  # fmt: skip
    info = cms.ContentInfo({"content_type": "signed_data", "content": signed_data})
    return tlv(0x77, info.dump())


@dataclass
class CardFiles:
    """What the emulated chip holds, by file identifier, and the key that opens it."""

    key: AccessKey
    files: dict[int, bytes] = field(default_factory=dict)
    aa_key: bytes = b""  # PEM: the private key of DG15's public key, held by the chip alone

    def with_file(self, fid: int, content: bytes) -> CardFiles:
        """A copy with one file replaced (a data group altered after signing)."""
        return replace(self, files={**self.files, fid: content})

    def cloned(self) -> CardFiles:
        """The same files on another chip: it cannot hold the original's private key."""
        return replace(self, aa_key=pem(ec.generate_private_key(ec.SECP256R1())))

    def spec(self, **options: object) -> dict[str, object]:
        """What tests/chip_card.py reads: the key, the files, the AA key, ``options``."""
        return {
            "key": [self.key.document_number, self.key.birth, self.key.expiry],
            "files": {f"{fid:04X}": content.hex() for fid, content in self.files.items()},
            "aa_key": self.aa_key.decode(),
            **options,
        }


def pem(key: PrivateKey) -> bytes:
    """A private key as unencrypted PKCS#8 PEM."""
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def dg15(key: PrivateKey) -> bytes:
    """DG15: the active authentication public key (SubjectPublicKeyInfo) of ``key``."""
    der = key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return tlv(0x6F, der)


def dg14() -> bytes:
    """DG14: SecurityInfos (a SET): a ChipAuthenticationInfo-shaped entry (never used here)
    and ActiveAuthenticationInfo naming ecdsa-plain-SHA256 (9303-11 9.2.9)."""
    ca = bytes.fromhex("060a04007f00070202030201")  # id-CA-DH-3DES-CBC-CBC (BSI TR-03110)
    aa = bytes.fromhex("060567818801010105")  # id-AA, 2.23.136.1.1.5
    sha256 = bytes.fromhex("060a04007f00070101040103")  # ecdsa-plain-SHA256 (TR-03111)
    infos = tlv(0x30, ca + tlv(0x02, b"\x01")) + tlv(0x30, aa + tlv(0x02, b"\x01") + sha256)
    return tlv(0x6E, tlv(0x31, infos))


def issue_card(
    citizen: Citizen,
    pki: Pki,
    *,
    with_dg2: bool = True,
    with_dg14_15: bool = False,
    aa_key: PrivateKey | None = None,
) -> CardFiles:
    """The files of a card issued to ``citizen`` and signed by ``pki``'s document signer;
    with DG14 and DG15, the chip's active authentication key (default: a new P-256 key)."""
    groups = {1: dg1(citizen), 13: dg13(citizen)}
    if with_dg2:
        groups[2] = dg2(face_jpeg())
    held = b""
    if with_dg14_15:
        key = aa_key or ec.generate_private_key(ec.SECP256R1())
        groups[14], groups[15], held = dg14(), dg15(key), pem(key)
    files = {0x011E: ef_com(sorted(groups)), 0x011D: sign_sod(groups, pki)}
    files.update({0x0100 + n: content for n, content in groups.items()})
    return CardFiles(citizen.key, files, held)
