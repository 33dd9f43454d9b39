"""Checking links to other sites, on demand (`brandsite links --external`), never during a build: a bounded
number of requests at a time, a time limit for each and for the whole run, and a cache of the results
(`.brandsite/cache/external-links.json`): an address that opened is not asked again for ``max_age`` hours; one
that failed is asked every time, so a fixed link shows as fixed at once."""

from __future__ import annotations

import time
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import asdict, dataclass
from pathlib import Path

import requests

from generator.incremental import store

USER_AGENT = "brandsite-link-check/1"


@dataclass(frozen=True)
class Result:
    url: str
    ok: bool
    status: int | None  # the HTTP status, when there was an answer
    reason: str  # in Chinese: 可以打开, HTTP 404, 超时, 无法连接 …
    checked: float  # time.time() of the check
    cached: bool = False


def _ask(url: str, timeout: float) -> Result:
    headers = {"User-Agent": USER_AGENT}
    try:
        with requests.Session() as session:
            response = session.head(url, timeout=timeout, allow_redirects=True, headers=headers)
            if response.status_code in (403, 404, 405, 501) or response.status_code >= 500:
                # many servers refuse HEAD (405, 501) or answer it differently: ask once more as a visitor would
                response = session.get(url, timeout=timeout, allow_redirects=True, headers=headers, stream=True)
                response.close()
        status = response.status_code
        return Result(url, status < 400, status, "可以打开" if status < 400 else f"HTTP {status}", time.time())
    except requests.exceptions.Timeout:
        return Result(url, False, None, f"超时（{timeout:g} 秒内没有响应）", time.time())
    except requests.exceptions.SSLError:
        return Result(url, False, None, "HTTPS 证书有问题", time.time())
    except requests.exceptions.TooManyRedirects:
        return Result(url, False, None, "重定向次数过多", time.time())
    except requests.exceptions.ConnectionError:
        return Result(url, False, None, "无法连接（域名不存在或服务器没有响应）", time.time())
    except requests.exceptions.RequestException as exc:
        return Result(url, False, None, f"请求失败（{exc.__class__.__name__}）", time.time())


def _load_cache(path: Path) -> dict:
    return store.read_table(path)


def check(urls: list[str], cache: Path, workers: int = 8, timeout: float = 10, budget: float = 120,
          max_age_hours: float = 24) -> tuple[list[Result], list[str]]:
    """(the results, the addresses not checked within ``budget`` seconds)."""
    known = _load_cache(cache)
    now = time.time()
    results, todo = [], []
    for url in urls:
        entry = known.get(url)
        if isinstance(entry, dict) and entry.get("ok") and now - float(entry.get("checked", 0)) < max_age_hours * 3600:
            results.append(Result(url, True, entry.get("status"), "可以打开", float(entry["checked"]), cached=True))
        else:
            todo.append(url)
    unfinished: list[str] = []
    if todo:
        deadline = time.monotonic() + budget
        pool = ThreadPoolExecutor(max_workers=max(1, workers))
        futures = {pool.submit(_ask, url, timeout): url for url in todo}
        pending = set(futures)
        while pending:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            done, pending = wait(pending, timeout=left, return_when=FIRST_COMPLETED)
            results.extend(f.result() for f in done)
        for f in pending:
            f.cancel()
            unfinished.append(futures[f])
        pool.shutdown(wait=False, cancel_futures=True)
    for r in results:
        if not r.cached:
            known[r.url] = {k: v for k, v in asdict(r).items() if k != "cached"}
    store.write_table(cache, known)  # (one that cannot be written only costs the next run its time)
    order = {url: i for i, url in enumerate(urls)}
    results.sort(key=lambda r: order.get(r.url, 0))
    return results, sorted(unfinished, key=lambda u: order.get(u, 0))
