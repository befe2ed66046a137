"""BAC and secure messaging against the worked example of ICAO Doc 9303 part 11, appendix D.

The vectors are the published ones (appendix D.2 to D.4: document number L898902C<, born
1969-08-06, expiring 1994-06-23): the key seed, the 3DES keys, the EXTERNAL AUTHENTICATE
exchange, the session keys, and the protected SELECT / READ BINARY of EF.COM.
"""

from __future__ import annotations

import pytest

from kiosk.services.chip import bac
from kiosk.services.chip.crypto import pad, retail_mac, unpad
from kiosk.services.chip.messaging import Command, SecureChannel, SecureMessagingError

KEY = bac.AccessKey("L898902C", "690806", "940623")
RND_IC = bytes.fromhex("4608F91988702212")
RND_IFD = bytes.fromhex("781723860C06C226")
K_IFD = bytes.fromhex("0B795240CB7049B01C19B33E32804F0B")
CHIP_ANSWER = bytes.fromhex(
    "46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F2F2D235D074D7449"
)
KS_ENC = bytes.fromhex("979EC13B1CBFE9DCD01AB0FED307EAE5")
KS_MAC = bytes.fromhex("F1CB1F1FB5ADF208806B89DC579DC1F8")
SSC = 0x887022120C06C226


def test_check_digits_and_mrz_information() -> None:
    assert bac.check_digit("L898902C<") == 3
    assert bac.check_digit("690806") == 1
    assert bac.check_digit("940623") == 6
    assert KEY.mrz_information() == "L898902C<369080619406236"


def test_key_seed_and_basic_access_keys() -> None:
    assert KEY.seed().hex().upper() == "239AB9CB282DAF66231DC5A4DF6BFBAE"
    kenc, kmac = KEY.keys()
    assert kenc.hex().upper() == "AB94FDECF2674FDFB9B391F85D7F76F2"
    assert kmac.hex().upper() == "7962D9ECE03D1ACD4C76089DCE131543"


def test_mutual_authentication_and_session_keys() -> None:
    handshake = bac.start(KEY, RND_IC, RND_IFD, K_IFD)
    assert handshake.command_data.hex().upper() == (
        "72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F25F1448EEA8AD90A7"
    )
    keys = bac.finish(KEY, handshake, CHIP_ANSWER)
    assert keys == bac.SessionKeys(KS_ENC, KS_MAC, SSC)


def test_a_chip_answer_with_a_wrong_mac_or_challenge_is_refused() -> None:
    handshake = bac.start(KEY, RND_IC, RND_IFD, K_IFD)
    with pytest.raises(bac.BacError, match="MAC"):
        bac.finish(KEY, handshake, CHIP_ANSWER[:-1] + b"\x00")
    other = bac.start(KEY, bytes(8), RND_IFD, K_IFD)
    with pytest.raises(bac.BacError, match="challenge"):
        bac.finish(KEY, other, CHIP_ANSWER)


def test_secure_messaging_reads_ef_com_as_in_appendix_d4() -> None:
    channel = SecureChannel(bac.SessionKeys(KS_ENC, KS_MAC, SSC))
    select = channel.protect(Command(0x00, 0xA4, 0x02, 0x0C, b"\x01\x1e"))
    assert select.hex().upper() == "0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800"
    assert channel.unprotect(bytes.fromhex("990290008E08FA855A5D4C50A8ED9000")) == (b"", 0x9000)

    head = channel.protect(Command(0x00, 0xB0, 0x00, 0x00, le=4))
    assert head.hex().upper() == "0CB000000D9701048E08ED6705417E96BA5500"
    data, sw = channel.unprotect(
        bytes.fromhex("8709019FF0EC34F9922651990290008E08AD55CC17140B2DED9000")
    )
    assert (data.hex().upper(), sw) == ("60145F01", 0x9000)

    rest = channel.protect(Command(0x00, 0xB0, 0x00, 0x04, le=0x12))
    assert rest.hex().upper() == "0CB000040D9701128E082EA28A70F3C7B53500"
    data, sw = channel.unprotect(
        bytes.fromhex(
            "871901FB9235F4E4037F2327DCC8964F1F9B8C30F42C8E2FFF224A990290008E08C8B2787EAEA07D749000"
        )
    )
    assert (data.hex().upper(), sw) == ("04303130365F36063034303030305C026175", 0x9000)
    assert channel.ssc == SSC + 6


def test_secure_messaging_refuses_a_tampered_or_unprotected_answer() -> None:
    channel = SecureChannel(bac.SessionKeys(KS_ENC, KS_MAC, SSC + 1))
    with pytest.raises(SecureMessagingError, match="MAC"):
        channel.unprotect(
            bytes.fromhex("990290008E08FA855A5D4C50A8ED9100"[:-4] + "9000")[:-3] + b"\x00\x90\x00"
        )
    with pytest.raises(SecureMessagingError, match="without secure messaging"):
        channel.unprotect(bytes.fromhex("6982"))


def test_padding_and_retail_mac() -> None:
    assert pad(b"") == b"\x80" + bytes(7)
    assert pad(bytes(8)) == bytes(8) + b"\x80" + bytes(7)
    assert unpad(pad(b"\x01\x80")) == b"\x01\x80"
    with pytest.raises(ValueError):
        unpad(bytes(8))
    # ICAO 9303-11 D.3: M_IFD is the retail MAC of E_IFD under Kmac.
    e_ifd = bytes.fromhex("72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F2")
    assert retail_mac(KEY.keys()[1], e_ifd).hex().upper() == "5F1448EEA8AD90A7"


def test_extended_length_commands() -> None:
    assert Command(0x00, 0xB0, 0x00, 0x00, le=0x400).encode() == bytes.fromhex("00B00000000400")
    assert Command(0x00, 0xB0, 0x00, 0x00, le=4).encode() == bytes.fromhex("00B0000004")
    channel = SecureChannel(bac.SessionKeys(KS_ENC, KS_MAC, SSC))
    protected = channel.protect(Command(0x00, 0xB0, 0x00, 0x00, le=0x400))
    assert protected[:7] == bytes.fromhex("0CB0000000000E")  # extended Lc = 14
    assert protected[7:11] == bytes.fromhex("97020400")
    assert protected[-2:] == b"\x00\x00"
