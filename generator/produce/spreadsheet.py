"""CSV files people open in Excel: UTF-8 with a byte-order mark (without it, Excel on Chinese Windows reads
the file as GBK and shows mojibake), CRLF line ends, and no cell that Excel would run as a formula."""

from __future__ import annotations

import csv
import io
import re

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")


def safe_cell(value) -> str:
    """The cell as text; one that begins like a formula (=, +, -, @, tab, CR) gets a leading apostrophe,
    which Excel shows as nothing and reads as "this is text", unless it is a plain number."""
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START) and not _NUMBER.match(text):
        return "'" + text
    return text


def csv_bytes(header: list[str], rows: list[list]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header])
    writer.writerows([[safe_cell(cell) for cell in row] for row in rows])
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")
