"""Files at a URL: ``use https://...``, ``webuse``, ``sysuse`` of Stata's example data,
``copy URL file``, ``net get``.

Downloads go through the standard library (``urllib.request``; proxies from the usual
``http_proxy``/``https_proxy``/``no_proxy`` variables).  Every file is kept in a per-user
cache keyed by its URL (the SHA-256 of the URL names the file), in ``$MLM_CACHE_DIR`` or
``$XDG_CACHE_HOME/mlmcli/web`` or ``~/.cache/mlmcli/web``: the folder is made ``0700``, each
file ``0600``, written atomically.  A cached copy is revalidated with a conditional request
(``If-None-Match``/``If-Modified-Since`` from the first answer), so a changed file is
downloaded again and an unchanged one is not; when the network cannot be reached the cached
copy is used and the caller is told so (``FetchedFile.stale``), never silently.

Errors are Stata's return codes for web files (the table of file error codes in Stata's
``help mf_fopen``, "Error codes": -601 file not found, -631 host not found, -669 invalid URL,
-672 server refused to send file, -673 authorization required by server, -675 server
reported server error, -677 remote connection failed, -2 connection timed out; a Stata
return code is the negative of the code):

==================================================  ====  =====================================
situation                                           rc    message
==================================================  ====  =====================================
HTTP 404/410                                        601   ``file URL not found``
host name does not resolve (offline, typo)          631   ``host not found``
HTTP 401/407                                        673   ``authorization required by server``
other HTTP 4xx (403 ...)                            672   ``server refused to send file``
HTTP 5xx                                            675   ``server reported server error``
connection refused / reset / no route               677   ``remote connection failed -- see help r(677) for troubleshooting``
no answer within the timeout                        2     ``connection timed out -- see help r(2) for troubleshooting``
not an http(s) URL                                  669   ``invalid URL``
writing to a URL (``save`` after ``use URL``)       633   ``may not write to web file``
==================================================  ====  =====================================

Nothing here prints or sees a Session.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import time
from dataclasses import dataclass

from mlmcli.errors import StataError

URL_RE = re.compile(r"^(https?|ftp)://", re.I)
TIMEOUT_SECONDS = 30.0
USER_AGENT = "mlmcli (Stata-compatible interpreter; urllib)"


def is_url(text: str) -> bool:
    """Whether a file name typed in a command is a web address (``http://``, ``https://``)."""
    return bool(URL_RE.match(text.strip()))


@dataclass(frozen=True)
class FetchedFile:
    path: str            # the local (cached) copy
    url: str
    stale: bool = False  # the network was unreachable: this is the copy cached earlier
    cached_at: float = 0.0


# ----------------------------------------------------------------------------- the cache
def cache_dir() -> str:
    """The per-user download cache (created 0700 on first use); a home folder that cannot
    take it (read-only, absent) leaves the cache in the system's temporary folder."""
    root = os.environ.get("MLM_CACHE_DIR")
    if not root:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        root = os.path.join(base, "mlmcli", "web")
    try:
        os.makedirs(root, mode=0o700, exist_ok=True)
        if not os.access(root, os.W_OK | os.X_OK):
            raise PermissionError(root)
    except OSError:
        uid = getattr(os, "getuid", lambda: 0)()
        root = os.path.join(tempfile.gettempdir(), f"mlmcli-web-{uid}")
        os.makedirs(root, mode=0o700, exist_ok=True)
        if os.stat(root).st_uid != uid:  # someone else's folder: never read or write it
            raise StataError(f"no folder for downloads: {root} belongs to another user", 693) from None
    try:
        if (os.stat(root).st_mode & 0o077) and os.stat(root).st_uid == os.getuid():
            os.chmod(root, 0o700)  # a folder made by an older umask: others must not read downloads
    except (OSError, AttributeError):
        pass
    return root


def _entry(url: str) -> tuple[str, str]:
    """(data file, metadata file) of a URL's cache entry; the data file keeps the URL's
    extension (readers choose a format by it)."""
    key = hashlib.sha256(url.encode("utf-8")).hexdigest()
    last = url.split("?", 1)[0].split("#", 1)[0].rstrip("/").rsplit("/", 1)[-1]
    ext = os.path.splitext(last)[1].lower()
    ext = ext if re.fullmatch(r"\.[a-z0-9]{1,10}", ext) else ""
    folder = cache_dir()
    return os.path.join(folder, key + ext), os.path.join(folder, key + ".json")


def _read_meta(meta_path: str) -> dict:
    try:
        with open(meta_path, encoding="utf-8") as fh:
            return json.load(fh)
    except (OSError, ValueError):
        return {}


def _write_private(path: str, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically with mode 0600."""
    folder = os.path.dirname(path)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".part-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


# ----------------------------------------------------------------------------- downloading
def fetch(url: str, *, allow_stale: bool = True) -> FetchedFile:
    """The file at ``url`` as a local path: downloaded (or revalidated) into the cache.
    ``allow_stale``: offline, return the cached copy (marked ``stale``) instead of failing."""
    url = url.strip()
    if not URL_RE.match(url) or url.lower().startswith("ftp://"):
        raise StataError("invalid URL", 669)
    data_path, meta_path = _entry(url)
    meta = _read_meta(meta_path) if os.path.exists(data_path) else {}
    try:
        status, body, headers = _request(url, meta)
    except StataError as err:
        if allow_stale and meta and err.rc in (2, 631, 677):  # offline: the cached copy, and say so
            return FetchedFile(data_path, url, stale=True, cached_at=float(meta.get("fetched", 0)))
        raise
    if status == 304 and meta:
        meta["fetched"] = time.time()
        _write_private(meta_path, json.dumps(meta).encode())
        return FetchedFile(data_path, url, cached_at=meta["fetched"])
    _write_private(data_path, body)
    new_meta = {"url": url, "fetched": time.time(), "etag": headers.get("ETag"),
                "last_modified": headers.get("Last-Modified")}
    _write_private(meta_path, json.dumps(new_meta).encode())
    return FetchedFile(data_path, url, cached_at=new_meta["fetched"])


def _request(url: str, meta: dict) -> tuple[int, bytes, dict]:
    import urllib.error
    import urllib.request

    req = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    if meta.get("etag"):
        req.add_header("If-None-Match", meta["etag"])
    if meta.get("last_modified"):
        req.add_header("If-Modified-Since", meta["last_modified"])
    try:
        with urllib.request.urlopen(req, timeout=TIMEOUT_SECONDS) as resp:
            return resp.status, resp.read(), dict(resp.headers)
    except urllib.error.HTTPError as err:
        if err.code == 304:
            return 304, b"", dict(err.headers or {})
        raise http_error(url, err.code) from None
    except urllib.error.URLError as err:
        raise network_error(err.reason) from None
    except TimeoutError:  # socket.timeout is TimeoutError
        raise network_error(TimeoutError()) from None
    except (ConnectionError, OSError) as err:  # a reset while reading the body
        raise network_error(err) from None
    except ValueError:  # urllib's "unknown url type", a malformed host
        raise StataError("invalid URL", 669) from None


def http_error(url: str, code: int) -> StataError:
    """Stata's error for an HTTP status that sends no file."""
    if code in (404, 410):
        return StataError(f"file {url} not found", 601)
    if code in (401, 407):
        return StataError("authorization required by server", 673)
    if code >= 500:
        return StataError("server reported server error", 675)
    return StataError("server refused to send file", 672)


def network_error(reason) -> StataError:
    """Stata's error for a connection that could not be made."""
    import socket  # with ssl, only when a download failed (ssl costs ~10 ms to import)
    import ssl

    if isinstance(reason, socket.gaierror):
        return StataError("host not found", 631)
    if isinstance(reason, (socket.timeout, TimeoutError)):
        return StataError("connection timed out -- see help r(2) for troubleshooting", 2)
    if isinstance(reason, ssl.SSLError):
        return StataError("server refused to send file", 672)
    return StataError("remote connection failed -- see help r(677) for troubleshooting", 677)


def with_extension(url: str, ext: str) -> str:
    """A URL as ``use`` reads it: ``.dta`` added when its last path part has no extension."""
    path = url.split("?", 1)[0].split("#", 1)[0]
    last = path.rstrip("/").rsplit("/", 1)[-1]
    return url if "." in last else url + ext


def join(prefix: str, name: str) -> str:
    """``webuse``'s prefix and a file name, with exactly one slash between them."""
    return prefix.rstrip("/") + "/" + name.lstrip("/")
