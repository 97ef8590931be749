"""Decoding: UTF-8 first, BOMs, declared charsets, detected legacy encodings, clear errors."""

from __future__ import annotations

import pytest

from newsreader.ingest import IngestError, decode_bytes, read_input

LEGACY = [
    (
        "cp1252",
        "The \u201cquoted\u201d text \u2014 it costs \u20ac5 at the caf\u00e9, na\u00efvely.\nSecond paragraph here.",
    ),
    ("latin-1", "Die Bundesregierung hat am Mittwoch beschlossen, dass die F\u00f6rderung gr\u00f6\u00dfer wird."),
    (
        "koi8-r",
        "\u041c\u043e\u0441\u043a\u0432\u0430 - \u0441\u0442\u043e\u043b\u0438\u0446\u0430 \u0420\u043e\u0441\u0441\u0438\u0438. "
        "\u041f\u0440\u0435\u0437\u0438\u0434\u0435\u043d\u0442 \u0437\u0430\u044f\u0432\u0438\u043b \u0432 \u0441\u0440\u0435\u0434\u0443.",
    ),
    (
        "cp1251",
        "\u041c\u043e\u0441\u043a\u0432\u0430 - \u0441\u0442\u043e\u043b\u0438\u0446\u0430 \u0420\u043e\u0441\u0441\u0438\u0438. "
        "\u041f\u0440\u0435\u0437\u0438\u0434\u0435\u043d\u0442 \u0437\u0430\u044f\u0432\u0438\u043b \u0432 \u0441\u0440\u0435\u0434\u0443.",
    ),
]


@pytest.mark.parametrize("encoding,text", LEGACY, ids=[e for e, _ in LEGACY])
def test_legacy_encodings_are_detected(encoding, text):
    assert decode_bytes("x", text.encode(encoding)) == text


def test_short_latin1_text_prefers_the_common_code_page(tmp_path):
    path = tmp_path / "l1.txt"
    path.write_bytes("caf\u00e9 au lait, d\u00e9j\u00e0 vu\n".encode("latin-1"))
    assert read_input(str(path)).text == "caf\u00e9 au lait, d\u00e9j\u00e0 vu"


def test_utf8_wins_and_boms():
    assert decode_bytes("x", "na\u00efve".encode()) == "na\u00efve"
    assert decode_bytes("x", "\ufeffHello".encode("utf-8")) == "Hello"
    assert decode_bytes("x", "Hello".encode("utf-16")) == "Hello"
    assert decode_bytes("x", "Hello".encode("utf-32")) == "Hello"


def test_declared_charset_is_tried_after_utf8():
    data = "\u00abBonjour\u00bb, \u00e7a va".encode("cp1252")
    assert decode_bytes("x", data, declared="windows-1252") == "\u00abBonjour\u00bb, \u00e7a va"
    # A wrong or unknown label does not stop detection.
    assert decode_bytes("x", data, declared="no-such-charset") == "\u00abBonjour\u00bb, \u00e7a va"


@pytest.mark.parametrize(
    "data,reason",
    [
        (bytes(range(0x80, 0x100)) * 4, "not valid UTF-8 \\(byte 0x80 at offset 0\\) and fits no other"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"\xff\xfe\x00\xd8", "UTF-16 byte order mark"),
        (b"   \n", "is empty"),
    ],
)
def test_undecodable_and_binary_bytes_are_errors(data, reason):
    with pytest.raises(IngestError, match=reason):
        decode_bytes("f.txt", data)
