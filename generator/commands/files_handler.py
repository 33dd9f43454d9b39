"""The request handler `serve` and `kiosk` share: static files from one folder, quietly, and a clear 400
for a path no file can have (an encoded NUL byte, broken percent-encoding, or one too long) instead of a traceback."""

from __future__ import annotations

from http.server import SimpleHTTPRequestHandler
from urllib.parse import unquote, urlsplit


MAX_PATH = 1024


class FilesHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # the terminal is for build messages
        pass

    def parse_request(self) -> bool:
        if not super().parse_request():
            return False
        try:
            path = unquote(urlsplit(self.path).path, errors="strict")
        except (UnicodeDecodeError, ValueError):
            path = "\0"
        if "\0" in path:
            self.send_error(400, "Bad Request")
            return False
        if len(path.encode("utf-8", "surrogatepass")) > MAX_PATH:  # longer than any file name allows
            self.send_error(414, "URI Too Long")
            return False
        return True
