"""Ingest: the article format, plain text, stdin, normalization and bad input."""

import io

import pytest

from newsreader.ingest import IngestError, normalize_text, read_input


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return str(path)


def test_reference_header_with_leading_space(sample_article):
    # The reference file's first line is " date 2024-12-18 North Korean troops ..."
    assert sample_article.published == "2024-12-18"
    assert sample_article.title.startswith("North Korean troops fighting")
    assert sample_article.text.startswith("Kursk, Russia - North Korean forces")


def test_published_override(tmp_path):
    path = write(tmp_path, "a.txt", "date 2024-12-18 Title\nBody text.\n")
    assert read_input(path, published="2020-01-02").published == "2020-01-02"


def test_plain_text_short_first_line_is_the_title(tmp_path):
    path = write(tmp_path, "story.txt", "Storm hits coast\nThe storm hit the coast on Monday.\n")
    article = read_input(path)
    assert (article.title, article.published) == ("Storm hits coast", None)
    assert article.text == "The storm hit the coast on Monday."


def test_plain_text_long_first_sentence_stays_in_body(tmp_path):
    path = write(tmp_path, "story.txt", "The storm hit the coast on Monday.\nMore.\n")
    article = read_input(path)
    assert article.title == "story" and article.text.startswith("The storm hit")


def test_stdin():
    article = read_input("-", stdin=io.BytesIO(b"date 2024-01-02 T\nBody.\n"))
    assert article.source == "-" and article.text == "Body."


def test_normalization_nfc_newlines_and_controls():
    # "e" + combining acute becomes one code point; CRLF and CR become LF; ESC and NUL go.
    assert normalize_text("cafe\u0301\r\nline\rthree\x1b[31m red\x00") == "caf\u00e9\nline\nthree[31m red"


def test_normalization_keeps_tabs_and_strips_trailing_space():
    assert normalize_text("a\tb   \n\n\nc  ") == "a\tb\n\n\nc"


@pytest.mark.parametrize(
    "name,data,reason",
    [
        ("empty.txt", b"", "is empty"),
        ("blank.txt", b"  \n\n ", "is empty"),
        ("bin.dat", b"\x7fELF\x00\x01\x02" + bytes(range(256)), "binary"),
        # Legacy 8-bit text is now decoded (see test_encoding.py); bytes no encoding fits are still an error.
        ("undecodable.txt", bytes(range(0x80, 0x100)) * 4, "not valid UTF-8"),
        ("header-only.txt", b"date 2024-01-01 Title\n", "no article text"),
    ],
)
def test_bad_files(tmp_path, name, data, reason):
    with pytest.raises(IngestError, match=reason):
        read_input(write(tmp_path, name, data))


def test_missing_directory_and_size_limit(tmp_path):
    with pytest.raises(IngestError, match="no such file"):
        read_input(str(tmp_path / "nope.txt"))
    with pytest.raises(IngestError, match="is a directory"):
        read_input(str(tmp_path))
    big = write(tmp_path, "big.txt", "word " * 300)
    with pytest.raises(IngestError, match="size limit"):
        read_input(big, max_bytes=1000)


def test_bad_published_override(tmp_path):
    with pytest.raises(IngestError, match="YYYY-MM-DD"):
        read_input(write(tmp_path, "a.txt", "Body."), published="18/12/2024")


def test_utf8_bom_and_utf16_bom(tmp_path):
    assert read_input(write(tmp_path, "bom.txt", b"\xef\xbb\xbfHello there.")).text == "Hello there."
    assert read_input(write(tmp_path, "u16.txt", "Hello there.".encode("utf-16"))).text == "Hello there."
