"""Score tables as evaluation offices write them: CSV from Excel (UTF-8, UTF-8 with BOM, or GB18030
as Excel saves "CSV" on Chinese Windows) and XLSX sheets. Each row keeps its row number."""

from __future__ import annotations

import csv
import zipfile
import io
from dataclasses import dataclass
from pathlib import Path

from generator.load import limits


class TableError(Exception):
    def __init__(self, message: str, line: int = 1):
        super().__init__(message)
        self.message, self.line = message, line


@dataclass(frozen=True)
class Row:
    line: int  # the row number an editor sees in Excel (the header is row 1)
    cells: dict[str, str]  # header -> cell text, empty cells left out


ENCODINGS = ("utf-8-sig", "gb18030")  # utf-8-sig also reads plain UTF-8; GB18030 covers GBK and GB2312


def decode(data: bytes) -> str:
    """Detect the encoding: valid UTF-8 (with or without BOM) is UTF-8; anything else Excel wrote is GB18030."""
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TableError("无法识别文件编码（应为 UTF-8 或 GB18030/GBK）")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _too_many(count: int) -> None:
    if count > limits.TABLE_ROWS:
        raise TableError(f"成绩表超过 {limits.TABLE_ROWS} 行，不像一轮评价的成绩；请检查是否选错了文件", count)


def read_csv(path: Path) -> tuple[list[str], list[Row]]:
    text = decode(path.read_bytes())
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [_cell(h) for h in next(reader)]
    except StopIteration:
        raise TableError("文件是空的") from None
    except csv.Error as exc:
        raise TableError(f"CSV 格式错误（{exc}）") from None
    rows = []
    try:
        for values in reader:
            cells = {h: _cell(v) for h, v in zip(header, values) if h and _cell(v)}
            if cells:
                rows.append(Row(reader.line_num, cells))
                _too_many(len(rows))
    except csv.Error as exc:
        raise TableError(f"CSV 格式错误（{exc}）", reader.line_num) from None
    return header, rows


def read_xlsx(path: Path, sheet: str | None = None) -> tuple[list[str], list[Row]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    _refuse_bomb(path)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise TableError(f"无法打开 Excel 文件（{exc.__class__.__name__}），请确认是 .xlsx 格式") from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise TableError(f"找不到工作表“{sheet}”，现有：{'、'.join(book.sheetnames)}")
        ws = book[sheet] if sheet else book.worksheets[0]
        values = ws.iter_rows(values_only=True)
        header = [_cell(h) for h in next(values, ())]
        if not any(header):
            raise TableError("第 1 行应为表头（品牌、各评分组）")
        rows = []
        for number, row in enumerate(values, start=2):
            cells = {h: _cell(v) for h, v in zip(header, row) if h and _cell(v)}
            if cells:
                rows.append(Row(number, cells))
                _too_many(len(rows))
        return header, rows
    finally:
        book.close()


def _refuse_bomb(path: Path) -> None:
    """An XLSX is a zip: refuse one that would unpack to more than limits.XLSX_UNPACKED, or is packed far
    tighter than any spreadsheet (a decompression bomb), before openpyxl unpacks anything."""
    try:
        with zipfile.ZipFile(path) as z:
            packed = sum(i.compress_size for i in z.infolist())
            unpacked = sum(i.file_size for i in z.infolist())
    except (zipfile.BadZipFile, OSError):
        return  # openpyxl says what is wrong with it
    if unpacked > limits.XLSX_UNPACKED or unpacked > limits.XLSX_RATIO * max(packed, 1) > 10 * limits.MB:
        raise TableError(f"Excel 文件解压后有 {unpacked / limits.MB:.0f} MB（疑似“解压炸弹”），已拒绝读取；"
                         f"成绩表解压后不应超过 {limits.XLSX_UNPACKED // limits.MB} MB")


def read(path: Path, sheet: str | None = None) -> tuple[list[str], list[Row]]:
    size = path.stat().st_size
    if size > limits.FILE_BYTES["table"]:
        raise TableError(f"成绩表有 {size / limits.MB:.1f} MB，超过 {limits.FILE_BYTES['table'] // limits.MB} MB 的上限")
    if path.suffix.lower() == ".xlsx":
        return read_xlsx(path, sheet)
    if path.suffix.lower() in (".csv", ".txt"):
        return read_csv(path)
    raise TableError("成绩表只支持 .csv 和 .xlsx 文件")
