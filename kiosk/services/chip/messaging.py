"""Secure messaging (ICAO Doc 9303 part 11, section 9.8) with the 3DES session keys of BAC.

Every command after BAC carries its data encrypted (DO'87), the expected length (DO'97)
and a MAC over the send sequence counter and the header (DO'8E); every answer carries
its data (DO'87), its status word (DO'99) and a MAC, all checked here.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass

from kiosk.services.chip.bac import SessionKeys
from kiosk.services.chip.crypto import pad, retail_mac, tdes_decrypt, tdes_encrypt, unpad
from kiosk.services.chip.tlv import TlvError, parse, tlv


class SecureMessagingError(ValueError):
    """An answer that secure messaging cannot accept (wrong MAC, missing objects)."""


@dataclass(frozen=True)
class Command:
    """A plain command APDU: header, data, and the expected length (None: none expected)."""

    cla: int
    ins: int
    p1: int
    p2: int
    data: bytes = b""
    le: int | None = None

    def encode(self) -> bytes:
        """The command as sent without secure messaging (short or extended length)."""
        header = bytes([self.cla, self.ins, self.p1, self.p2])
        extended = len(self.data) > 255 or (self.le or 0) > 256
        body = b""
        if self.data:
            body += (
                b"\x00" + len(self.data).to_bytes(2, "big") if extended else bytes([len(self.data)])
            )
            body += self.data
        if self.le is not None:
            if extended:
                body += (b"" if self.data else b"\x00") + (self.le % 65536).to_bytes(2, "big")
            else:
                body += bytes([self.le % 256])
        return header + body


class SecureChannel:
    """Protects commands and checks answers with the session keys; counts the SSC."""

    def __init__(self, keys: SessionKeys) -> None:
        self._enc = keys.ks_enc
        self._mac = keys.ks_mac
        self.ssc = keys.ssc

    def _next_ssc(self) -> bytes:
        self.ssc = (self.ssc + 1) % (1 << 64)
        return self.ssc.to_bytes(8, "big")

    def protect(self, command: Command) -> bytes:
        """The protected APDU (CLA with bits '0C', DO'87, DO'97, DO'8E, Le)."""
        header = bytes([command.cla | 0x0C, command.ins, command.p1, command.p2])
        do87 = b""
        if command.data:
            do87 = tlv(0x87, b"\x01" + tdes_encrypt(self._enc, pad(command.data)))
        do97 = b""
        if command.le is not None:
            le = command.le
            do97 = tlv(0x97, bytes([le % 256]) if le <= 256 else (le % 65536).to_bytes(2, "big"))
        mac = retail_mac(self._mac, self._next_ssc() + pad(header) + do87 + do97)
        body = do87 + do97 + tlv(0x8E, mac)
        if len(body) <= 255 and (command.le is None or command.le <= 256):
            return header + bytes([len(body)]) + body + b"\x00"
        return header + b"\x00" + len(body).to_bytes(2, "big") + body + b"\x00\x00"

    def unprotect(self, response: bytes) -> tuple[bytes, int]:
        """(plain data, status word) of a protected answer (data objects + SW1 SW2)."""
        if len(response) < 2:
            raise SecureMessagingError("answer shorter than a status word")
        body, outer_sw = response[:-2], int.from_bytes(response[-2:], "big")
        try:
            objects = dict(parse(body))
        except TlvError as exc:
            raise SecureMessagingError(f"answer is not TLV (SW {outer_sw:04X})") from exc
        if 0x8E not in objects or 0x99 not in objects:
            raise SecureMessagingError(f"answer without secure messaging (SW {outer_sw:04X})")
        signed = b"".join(tlv(tag, objects[tag]) for tag in (0x85, 0x87, 0x99) if tag in objects)
        if not hmac.compare_digest(retail_mac(self._mac, self._next_ssc() + signed), objects[0x8E]):
            raise SecureMessagingError("wrong MAC on the chip's answer")
        data = b""
        if 0x87 in objects:
            encrypted = objects[0x87]
            if not encrypted or encrypted[0] != 0x01:
                raise SecureMessagingError("DO'87 without padding indicator 01")
            try:
                data = unpad(tdes_decrypt(self._enc, encrypted[1:]))
            except ValueError as exc:
                raise SecureMessagingError("DO'87 does not decrypt") from exc
        return data, int.from_bytes(objects[0x99], "big")
