"""BER-TLV as ICAO 9303 uses it (ISO/IEC 7816-4): tags of one or more bytes, definite lengths."""

from __future__ import annotations


class TlvError(ValueError):
    """The bytes are not well-formed TLV."""


def encode_length(length: int) -> bytes:
    """The definite length octets of ``length`` (short form below 128)."""
    if length < 0x80:
        return bytes([length])
    body = length.to_bytes((length.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(body)]) + body


def tlv(tag: int, value: bytes) -> bytes:
    """One data object: the tag's bytes (as written, e.g. 0x5F1F), the length, the value."""
    return tag.to_bytes((tag.bit_length() + 7) // 8 or 1, "big") + encode_length(len(value)) + value


def read_header(data: bytes, offset: int = 0) -> tuple[int, int, int]:
    """(tag, length, offset of the value) of the object that starts at ``offset``."""
    try:
        tag = data[offset]
        offset += 1
        if tag & 0x1F == 0x1F:
            while True:
                byte = data[offset]
                offset += 1
                tag = (tag << 8) | byte
                if not byte & 0x80:
                    break
        first = data[offset]
        offset += 1
        if first < 0x80:
            length = first
        elif first == 0x80 or first > 0x84:
            raise TlvError("indefinite or too long a length")
        else:
            count = first & 0x7F
            if offset + count > len(data):
                raise TlvError("truncated length")
            length = int.from_bytes(data[offset : offset + count], "big")
            offset += count
    except IndexError as exc:
        raise TlvError("truncated TLV") from exc
    return tag, length, offset


def parse(data: bytes) -> list[tuple[int, bytes]]:
    """The (tag, value) pairs that make up ``data``, in order (one level)."""
    objects: list[tuple[int, bytes]] = []
    offset = 0
    while offset < len(data):
        if data[offset] in (0x00, 0xFF):  # padding between objects (ISO 7816-4 5.2.2)
            offset += 1
            continue
        tag, length, start = read_header(data, offset)
        end = start + length
        if end > len(data):
            raise TlvError("value runs past the end")
        objects.append((tag, data[start:end]))
        offset = end
    return objects


def find(data: bytes, tag: int) -> bytes:
    """The value of the first object with ``tag``; ``TlvError`` when absent."""
    for found, value in parse(data):
        if found == tag:
            return value
    raise TlvError(f"no object with tag {tag:X}")
