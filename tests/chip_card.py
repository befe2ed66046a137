"""An ICAO 9303 chip for vpcd, the virtual reader of pcscd: the card side of the chip tests.

Run as ``python -m tests.chip_card SPEC.json``: it connects to vpcd on 127.0.0.1:35963 and
answers what pcscd sends through it. vpcd's socket protocol: every message is a 2-byte
big-endian length and a payload; a 1-byte payload is a control code (0 power off, 1 power
on, 2 reset, 4 send the ATR), a longer one is a command APDU, answered with data + SW1 SW2.

The card holds the eMRTD application (AID A0000002471001) with BAC and secure messaging,
written here from ICAO 9303-11 on the card's side (only the 3DES primitives, checked
against appendix D, are shared with the kiosk). ``pull_after`` closes the connection at
that command, as a card lifted off the reader. Pulling an emulated card out: vpcd sees
the socket close and pcscd reports the card removed. With ``aa_key`` (a PEM private key)
the chip answers INTERNAL AUTHENTICATE (9303-11 6.1): ECDSA plain r||s over SHA-256, or
RSA with ISO/IEC 9796-2 scheme 1 and SHA-1.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import socket
import sys
import time
from pathlib import Path

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

from kiosk.services.chip.bac import AccessKey, session_keys
from kiosk.services.chip.crypto import pad, retail_mac, tdes_decrypt, tdes_encrypt, unpad
from kiosk.services.chip.tlv import parse, tlv

AID = bytes.fromhex("A0000002471001")
VPCD = ("127.0.0.1", 35963)
OK = b"\x90\x00"


def atr() -> bytes:
    """An ISO 14443-4 style ATR: T=0 then T=1 indicated, 8 historical bytes, valid TCK."""
    body = bytes([0x88, 0x80, 0x01]) + b"QUAYSO01"
    tck = 0
    for byte in body:
        tck ^= byte
    return b"\x3b" + body + bytes([tck])


class IcaoChip:
    """The eMRTD application's answers, one APDU at a time."""

    def __init__(
        self, key: AccessKey, files: dict[int, bytes], *, extended: bool, aa_key: bytes = b""
    ) -> None:
        self._kenc, self._kmac = key.keys()
        self._files = files
        self._extended = extended
        self._aa_key = serialization.load_pem_private_key(aa_key, None) if aa_key else None
        self.reset()

    def reset(self) -> None:
        """Power-on state: nothing selected, no session."""
        self._app = False
        self._challenge: bytes | None = None
        self._session: tuple[bytes, bytes] | None = None
        self._ssc = 0
        self._current: bytes | None = None

    def answer(self, apdu: bytes) -> bytes:
        """The response (data + SW) to one command APDU."""
        cla, ins = apdu[0], apdu[1]
        if cla & 0x0C == 0x0C:
            return self._protected(apdu)
        if self._session is not None:
            self.reset()  # a plain command ends secure messaging (9303-11 9.8.4)
        if ins == 0xA4 and apdu[2] == 0x04 and apdu[5 : 5 + apdu[4]] == AID:
            self._app = True
            return OK
        if not self._app:
            return b"\x6a\x82"
        if ins == 0x84:
            self._challenge = os.urandom(8)
            return self._challenge + OK
        if ins == 0x82 and apdu[4] == 40:
            return self._external_authenticate(apdu[5:45])
        return b"\x69\x82"  # security status not satisfied

    def _external_authenticate(self, data: bytes) -> bytes:
        challenge, self._challenge = self._challenge, None
        e_ifd, m_ifd = data[:32], data[32:]
        if challenge is None or not hmac.compare_digest(retail_mac(self._kmac, e_ifd), m_ifd):
            return b"\x63\x00"
        plain = tdes_decrypt(self._kenc, e_ifd)
        rnd_ifd, rnd_ic, k_ifd = plain[:8], plain[8:16], plain[16:]
        if rnd_ic != challenge:
            return b"\x63\x00"
        k_ic = os.urandom(16)
        e_ic = tdes_encrypt(self._kenc, rnd_ic + rnd_ifd + k_ic)
        keys = session_keys(k_ifd, k_ic, rnd_ic, rnd_ifd)
        self._session, self._ssc = (keys.ks_enc, keys.ks_mac), keys.ssc
        return e_ic + retail_mac(self._kmac, e_ic) + OK

    def _protected(self, apdu: bytes) -> bytes:
        if self._session is None:
            return b"\x69\x82"
        ks_enc, ks_mac = self._session
        header = apdu[:4]
        if apdu[4] == 0 and len(apdu) > 7:  # extended Lc
            length = int.from_bytes(apdu[5:7], "big")
            body = apdu[7 : 7 + length]
        else:
            body = apdu[5 : 5 + apdu[4]]
        objects = parse(body)
        found = dict(objects)
        macced = b"".join(tlv(t, v) for t, v in objects if t in (0x87, 0x97))
        self._ssc += 1
        expected = retail_mac(ks_mac, self._ssc.to_bytes(8, "big") + pad(header) + macced)
        if 0x8E not in found or not hmac.compare_digest(expected, found[0x8E]):
            self.reset()
            return b"\x69\x88"  # incorrect secure messaging data objects
        data = unpad(tdes_decrypt(ks_enc, found[0x87][1:])) if 0x87 in found else b""
        le = int.from_bytes(found[0x97], "big") if 0x97 in found else None
        if le == 0:
            le = 65536 if len(found[0x97]) == 2 else 256
        reply, sw = self._file_command(header[1], header[2], header[3], data, le)
        return self._protect_reply(reply, sw)

    def _file_command(
        self, ins: int, p1: int, p2: int, data: bytes, le: int | None
    ) -> tuple[bytes, bytes]:
        if ins == 0xA4 and p1 == 0x02:
            content = self._files.get(int.from_bytes(data, "big"))
            self._current = content
            return b"", OK if content is not None else b"\x6a\x82"
        if ins == 0xB0 and self._current is not None and le is not None:
            if le > 256 and not self._extended:
                return b"", b"\x67\x00"
            offset = ((p1 & 0x7F) << 8) | p2
            if offset > len(self._current):
                return b"", b"\x6b\x00"
            part = self._current[offset : offset + le]
            return part, OK if len(part) == le else b"\x62\x82"
        if ins == 0x88 and self._aa_key is not None and len(data) == 8:
            return self._internal_authenticate(data), OK
        return b"", b"\x6d\x00"

    def _internal_authenticate(self, challenge: bytes) -> bytes:
        key = self._aa_key
        if isinstance(key, ec.EllipticCurvePrivateKey):
            r, s = decode_dss_signature(key.sign(challenge, ec.ECDSA(hashes.SHA256())))
            size = (key.curve.key_size + 7) // 8
            return r.to_bytes(size, "big") + s.to_bytes(size, "big")
        assert isinstance(key, rsa.RSAPrivateKey)
        numbers = key.private_numbers()
        n, d = numbers.public_numbers.n, numbers.d
        size = (n.bit_length() + 7) // 8
        m1 = os.urandom(size - 22)  # 6A, M1, SHA-1 (20 bytes), BC
        block = b"\x6a" + m1 + hashlib.sha1(m1 + challenge).digest() + b"\xbc"
        return pow(int.from_bytes(block, "big"), d, n).to_bytes(size, "big")

    def _protect_reply(self, data: bytes, sw: bytes) -> bytes:
        assert self._session is not None
        ks_enc, ks_mac = self._session
        do87 = tlv(0x87, b"\x01" + tdes_encrypt(ks_enc, pad(data))) if data else b""
        do99 = tlv(0x99, sw)
        self._ssc += 1
        mac = retail_mac(ks_mac, self._ssc.to_bytes(8, "big") + do87 + do99)
        return do87 + do99 + tlv(0x8E, mac) + sw


def _receive(sock: socket.socket, size: int) -> bytes:
    chunks = b""
    while len(chunks) < size:
        # vpcd writes the length and the APDU separately: acknowledging at once keeps its
        # Nagle-delayed second write from waiting out our delayed ACK (40 ms a command).
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
        part = sock.recv(size - len(chunks))
        if not part:
            raise ConnectionError("vpcd closed the connection")
        chunks += part
    return chunks


def serve(chip: IcaoChip, *, pull_after: int | None, seconds: float) -> None:
    """Connect to vpcd and answer until it hangs up, ``seconds`` pass or the card is pulled."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            sock = socket.create_connection(VPCD, timeout=1)
            break
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
    commands = 0
    with sock:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.settimeout(max(1.0, deadline - time.monotonic()))
        while True:
            length = int.from_bytes(_receive(sock, 2), "big")
            payload = _receive(sock, length)
            if length == 1:
                if payload[0] in (0, 1, 2):
                    chip.reset()
                elif payload[0] == 4:
                    sock.sendall(len(atr()).to_bytes(2, "big") + atr())
                continue
            commands += 1
            reply = chip.answer(payload)
            sock.sendall(len(reply).to_bytes(2, "big") + reply)
            if pull_after is not None and commands >= pull_after:
                return  # lifted off the reader in the middle of the read


def main(argv: list[str]) -> int:
    """``python -m tests.chip_card SPEC.json``: serve the card the spec describes."""
    spec = json.loads(Path(argv[0]).read_text())
    key = AccessKey(*spec["key"])
    files = {int(fid, 16): bytes.fromhex(content) for fid, content in spec["files"].items()}
    aa_key = spec.get("aa_key", "").encode()
    chip = IcaoChip(key, files, extended=spec.get("extended", False), aa_key=aa_key)
    try:
        serve(chip, pull_after=spec.get("pull_after"), seconds=spec.get("seconds", 60))
    except (ConnectionError, TimeoutError, OSError) as exc:
        print(f"chip_card: {exc}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
