"""Score tables as evaluation offices write them: CSV from Excel (UTF-8, UTF-8 with BOM, or GB18030
as Excel saves "CSV" on Chinese Windows) and XLSX sheets. Each row keeps its row number."""

from __future__ import annotations

import csv
import zipfile
import io
import warnings
from dataclasses import dataclass
from pathlib import Path

from generator.load import limits
from generator.oserrors import why


class TableError(Exception):
    def __init__(self, message: str, line: int = 1):
        super().__init__(message)
        self.message, self.line = message, line


@dataclass(frozen=True)
class Row:
    line: int  # the row number an editor sees in Excel (the header is row 1)
    cells: dict[str, str]  # header -> cell text, empty cells left out


ENCODINGS = ("utf-8-sig", "gb18030")  # utf-8-sig also reads plain UTF-8; GB18030 covers GBK and GB2312


SAVE_AS_CSV = "请在 Excel 中用“另存为”，保存类型选“CSV UTF-8（逗号分隔）”或“CSV（逗号分隔）”"


def decode(data: bytes) -> str:
    """Detect the encoding: valid UTF-8 (with or without BOM) is UTF-8; anything else Excel wrote is GB18030.
    A file of another kind saved under .csv is named for what it is, with how to save it as CSV."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4096]:
        raise TableError(f"这是 Excel 的“Unicode 文本”（UTF-16 编码、制表符分隔），不是 CSV；{SAVE_AS_CSV}")
    if data.startswith(b"PK\x03\x04"):
        raise TableError("这是 Excel 工作簿（.xlsx），文件名却是 .csv；把文件名改为 .xlsx（results_file 也改），"
                         f"或{SAVE_AS_CSV}")
    if data.startswith(_OLE):
        raise TableError(f"这是旧版 Excel 文件（.xls），不是 CSV；{SAVE_AS_CSV}")
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TableError(f"无法识别文件编码（应为 UTF-8 或 GB18030/GBK）；{SAVE_AS_CSV}")


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary Office formats (.xls, .et saved as .xls)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _too_many(count: int) -> None:
    if count > limits.TABLE_ROWS:
        raise TableError(f"成绩表超过 {limits.TABLE_ROWS} 行，不像一轮评价的成绩；请检查是否选错了文件", count)


def _csv_why(exc: Exception) -> str:
    text = str(exc)
    if "field larger than field limit" in text:
        return "有一格的内容太长（多半是引号没有配对，把后面的内容都当成了这一格）"
    if "NUL" in text:
        return "文件里有空字符（NUL），不像 Excel 保存的 CSV；" + SAVE_AS_CSV
    if "new-line character" in text or "EOF" in text or "quote" in text:
        return "引号没有配对（一格里的英文双引号要写成两个）"
    return "文件不是 Excel 保存的 CSV；" + SAVE_AS_CSV


def read_csv(path: Path) -> tuple[list[str], list[Row]]:
    text = decode(path.read_bytes())
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [_cell(h) for h in next(reader)]
    except StopIteration:
        raise TableError("文件是空的") from None
    except csv.Error as exc:
        raise TableError(f"CSV 格式错误：{_csv_why(exc)}") from None
    rows = []
    try:
        for values in reader:
            cells = {h: _cell(v) for h, v in zip(header, values) if h and _cell(v)}
            if cells:
                rows.append(Row(reader.line_num, cells))
                _too_many(len(rows))
    except csv.Error as exc:
        raise TableError(f"CSV 格式错误：{_csv_why(exc)}", reader.line_num) from None
    return header, rows


def read_xlsx(path: Path, sheet: str | None = None) -> tuple[list[str], list[Row]]:
    # openpyxl warns in English about what it does not read (Excel's data validation and conditional
    # formatting extensions, no default style); none of it is a score, and editors read Chinese
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return _read_xlsx(path, sheet)


def _read_xlsx(path: Path, sheet: str | None) -> tuple[list[str], list[Row]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    _refuse_bomb(path)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, OSError, KeyError, ValueError, EOFError) as exc:
        raise TableError(f"无法打开 Excel 文件：{_why_not_xlsx(path, exc)}") from None
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


def _why_not_xlsx(path: Path, exc: Exception) -> str:
    """Why openpyxl could not open ``path``, in Chinese, from what the file starts with."""
    if isinstance(exc, OSError) and not isinstance(exc, zipfile.BadZipFile):
        return why(exc)
    try:
        with open(path, "rb") as f:
            head = f.read(8)
    except OSError:
        head = b""
    if head.startswith(_OLE):
        return "这是旧版 Excel 文件（.xls），文件名却是 .xlsx；请在 Excel 中“另存为”“Excel 工作簿（.xlsx）”"
    if not head.startswith(b"PK"):
        return "文件内容不是 Excel 工作簿（可能是改了扩展名的其他文件）；请在 Excel 中“另存为”“Excel 工作簿（.xlsx）”"
    return "文件已损坏或不完整（可能没有下载或复制完）；请在 Excel 中重新打开并“另存为”“Excel 工作簿（.xlsx）”"


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
