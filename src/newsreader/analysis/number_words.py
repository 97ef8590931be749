"""Number values from text: digits with scales, spelled-out numbers, currencies.

Pure Python. Written by hand after measuring the PyPI candidates on the dev set
(``tests/data/dates_numbers``, 156 numbers):

* ``quantulum3`` 0.10: value accuracy 0.885 and 4.0 s for the 28 articles - more than
  the whole spaCy pass - and its units are guesses from its own ontology ("€300m" ->
  "euro metre", "$250bn" -> "dollar barn newton"); it finds nothing in "several
  hundred casualties" or "thousands of troops";
* ``word2number`` 1.1: reads "several hundred" as 100 and knows no digits or scales;
* ``text2num`` / ``numerizer``: rewrite whole strings, no offsets.

What we need is small: "$5.6 billion" -> 5.6e9, "€300m" -> 3e8, "forty-two" -> 42,
"a million" -> 1e6, "two and a half" -> 2.5, and a currency code.
"""

from __future__ import annotations

import re

UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SCALE_WORDS = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
# Short scales only count after a currency or directly glued to digits ("€300m", "$250bn").
SHORT_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12, "tr": 1e12}
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fifteenth": 15,
    "twentieth": 20,
    "thirtieth": 30,
    "fiftieth": 50,
    "hundredth": 100,
    "thousandth": 1000,
}
# Currencies: dollar-prefixed symbols first (longest first), then codes and words, then bare symbols.
PREFIXED_DOLLARS = {
    "US$": "USD",
    "AU$": "AUD",
    "A$": "AUD",
    "NZ$": "NZD",
    "C$": "CAD",
    "CA$": "CAD",
    "HK$": "HKD",
    "S$": "SGD",
    "R$": "BRL",
    "NT$": "TWD",
    "Mex$": "MXN",
}
CODES = {
    "usd",
    "eur",
    "gbp",
    "jpy",
    "cny",
    "rmb",
    "inr",
    "aud",
    "nzd",
    "cad",
    "chf",
    "rub",
    "krw",
    "hkd",
    "sek",
    "nok",
    "dkk",
    "brl",
    "zar",
    "mxn",
    "sgd",
    "twd",
    "pln",
}
CURRENCY_WORDS = {
    "dollar": "USD",
    "dollars": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "pound": "GBP",
    "pounds": "GBP",
    "sterling": "GBP",
    "pence": "GBP",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "rupee": "INR",
    "rupees": "INR",
    "rouble": "RUB",
    "roubles": "RUB",
    "ruble": "RUB",
    "rubles": "RUB",
    "won": "KRW",
    "peso": "MXN",
    "pesos": "MXN",
    "franc": "CHF",
    "francs": "CHF",
    "cents": "USD",
    "cent": "USD",
    "gourdes": "HTG",
    "gourde": "HTG",
    "rand": "ZAR",
    "krona": "SEK",
    "kronor": "SEK",
    "shekels": "ILS",
    "dinars": "IQD",
    "riyals": "SAR",
    "ringgit": "MYR",
    "baht": "THB",
    "lira": "TRY",
    "zloty": "PLN",
}
SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW", "₽": "RUB"}

DIGITS = re.compile(r"(?<![\d.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?")
_SCALE_AFTER = re.compile(
    r"\s*-?\s*(hundred|thousand|million|billion|trillion|mln|mn|bn|tn|tr|[kmbt])\b", re.IGNORECASE
)
_WORD = re.compile(r"[a-z]+", re.IGNORECASE)


def currency_of(text: str) -> str | None:
    """ISO code of the first currency marked in ``text``: "US$78 million", "€57m", "1.2 trillion yen"."""
    for symbol in sorted(PREFIXED_DOLLARS, key=len, reverse=True):
        if re.search(rf"(?<![A-Za-z]){re.escape(symbol)}", text):
            return PREFIXED_DOLLARS[symbol]
    for word in _WORD.findall(text):
        lower = word.lower()
        if lower in CODES and (word.isupper() or len(word) > 3):
            return "CNY" if lower == "rmb" else lower.upper()
        if lower in CURRENCY_WORDS:
            return CURRENCY_WORDS[lower]
    for symbol, code in SYMBOLS.items():
        if symbol in text:
            return code
    return None


def amounts(text: str, *, money: bool = False) -> list[tuple[int, int, float, bool]]:
    """Every amount in ``text`` as ``(start, end, value, has_scale)``, digits or words."""
    found = []
    for m in DIGITS.finditer(text):
        value = float(m.group(1).replace(",", "") + (m.group(2) or ""))
        end, scaled = m.end(), False
        scale = _SCALE_AFTER.match(text, end)
        if scale:
            word = scale.group(1).lower()
            glued = scale.start(1) == end
            if word in SCALE_WORDS:
                value, end, scaled = value * SCALE_WORDS[word], scale.end(), True
            elif word in SHORT_SCALES and (money or glued) and not (word == "m" and not money):
                value, end, scaled = value * SHORT_SCALES[word], scale.end(), True
        found.append((m.start(), end, value, scaled))
    if found:
        return found
    words = [(m.start(), m.end(), m.group().lower()) for m in re.finditer(r"[A-Za-z]+", text)]
    i = 0
    while i < len(words):
        word_value, j = parse_words([w for _, _, w in words[i:]])
        if word_value is not None and j > 0:
            found.append(
                (words[i][0], words[i + j - 1][1], word_value, any(w in SCALE_WORDS for _, _, w in words[i : i + j]))
            )
            i += j
        else:
            i += 1
    return found


def parse_words(words: list[str]) -> tuple[float | None, int]:
    """A spelled-out number at the start of ``words`` and how many words it used.

    "forty two" -> 42, "two hundred thousand" -> 2e5, "a million" -> 1e6, "a dozen" -> 12,
    "two and a half" -> 2.5. A lone "a"/"and" is not a number.
    """
    total = current = 0.0
    i = used = 0
    seen = False
    while i < len(words):
        word = words[i]
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if word in UNITS or word in TENS:
            current += UNITS.get(word, 0) + TENS.get(word, 0)
        elif word in ("a", "an") and not seen and (nxt in SCALE_WORDS or nxt == "dozen"):
            current = 1
        elif word == "dozen":
            current = (current or 1) * 12
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in SCALE_WORDS:
            total += (current or 1) * SCALE_WORDS[word]
            current = 0.0
        elif word == "and" and seen and nxt in ("a", "an") and words[i + 2 : i + 3] == ["half"]:
            current += 0.5
            i = used = i + 3
            continue
        elif word == "and" and seen and (nxt in UNITS or nxt in TENS):
            i += 1
            continue
        else:
            break
        seen = True
        i = used = i + 1
    return (total + current, used) if seen else (None, 0)


def ordinal_value(text: str) -> float | None:
    """ "3rd" -> 3, "twentieth" -> 20, "60th" -> 60."""
    m = re.search(r"(\d+)(?:st|nd|rd|th)\b", text, re.IGNORECASE)
    if m:
        return float(m.group(1))
    lower = text.lower()
    for word, value in ORDINALS.items():
        if re.search(rf"\b{word}\b", lower):
            return float(value)
    return None
