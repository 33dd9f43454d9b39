"""Deploying to a web server over SSH, the way Capistrano and Ansible's deploy_helper do it.

On the server, under the target directory BASE::

    BASE/releases/20261207-101500-3fa2/   one folder per deploy (the last few kept)
    BASE/releases/<name>.partial/         a release being sent; removed by the next deploy if this one dies
    BASE/current -> releases/<name>       the live site: the web server's root is BASE/current

A new release is sent by the system's ``rsync`` over the system's ``ssh`` (so ~/.ssh/config, keys and agents
work as they do for the user), hard-linking every unchanged file to the live release (``--link-dest``):
only changed files cross the network. Where rsync is missing (on the server or here), the release is made
with the tools every Unix server has: the live release is copied as hard links (``cp -al``), the files whose
digest differs are removed from the copy and the changed files arrive in one tar stream. The release goes
live when ``current`` is replaced by a new symlink in one rename (``ln -s … .current.tmp && mv -T
.current.tmp current``): a deploy killed before that leaves the live site as it was, one killed after it has
already finished.

Host keys are verified (StrictHostKeyChecking=yes unless the user's ssh configuration says otherwise) and no
password is ever asked for (BatchMode=yes)."""

from __future__ import annotations

import ctypes
import datetime as dt
import hashlib
import re
import secrets
import shlex
import shutil
import signal
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator.publish.targets import Ssh, site_files


class SshError(Exception):
    """Why a deploy over SSH could not be done, in Chinese."""


@dataclass(frozen=True)
class Sent:
    """What a deploy sent: the new release's name and rsync's counts."""
    release: str
    files: int  # files in the release
    transferred: int  # files whose bytes crossed the network
    bytes_sent: int
    removed: tuple[str, ...]  # releases removed to keep the last few
    cleaned: tuple[str, ...]  # half releases that an interrupted deploy had left
    by_tar: str = ""  # where rsync was missing ("服务器上" or "本机"), when the release went as a tar stream
    same: bool = False  # the site is the live release already: no new release was made


def _die_with_parent() -> None:
    """In the child, before exec: be killed when brandsite dies, so a killed deploy leaves no rsync still
    writing the half release the next deploy removes."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


class Connection:
    """The ssh command line for one target: the user's configuration, plus only what safety needs. One
    connection carries every step (the lock holder is the master, the others share it): a handshake with a
    distant server costs more than sending a changed page."""

    def __init__(self, target: Ssh, config: Path | None = None):
        if shutil.which("ssh") is None:
            raise SshError("本机没有 ssh 命令：请先安装（Debian/Ubuntu：apt-get install openssh-client rsync；"
                           "统信 UOS/麒麟：同样用 apt-get 或软件商店）")
        if config is not None and not config.is_file():
            raise SshError(f"找不到 SSH 配置文件 {config}")
        self.target = target
        self.base = ["ssh", *(["-F", str(config)] if config else []), *(["-p", str(target.port)] if target.port else [])]
        effective = self._effective()
        self.options = ["-o", "BatchMode=yes"]  # never a password prompt: keys or agent only
        # an explicit choice in the user's configuration stands; ssh's default ("ask") would become a prompt
        if effective.get("stricthostkeychecking", "ask") in ("ask", "true"):
            self.options += ["-o", "StrictHostKeyChecking=yes"]
        if effective.get("connecttimeout", "none") == "none":
            self.options += ["-o", "ConnectTimeout=20"]
        self._control = tempfile.mkdtemp(prefix="brandsite-ssh-")  # short: a socket path has ~100 bytes at most
        self.options += ["-o", f"ControlPath={self._control}/master"]

    def __enter__(self) -> "Connection":
        return self

    def __exit__(self, *exc) -> None:
        shutil.rmtree(self._control, ignore_errors=True)

    def _effective(self) -> dict[str, str]:
        """The options ssh would use for this host (``ssh -G``), all of the user's configuration applied."""
        try:
            done = subprocess.run([*self.base, "-G", self.target.destination], capture_output=True, text=True,
                                  timeout=30)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise SshError(f"无法运行 ssh（{exc}）") from None
        if done.returncode != 0:
            raise SshError(f"SSH 配置有误：{_last_line(done.stderr)}")
        return dict(line.split(" ", 1) for line in done.stdout.splitlines() if " " in line)

    @property
    def command(self) -> list[str]:
        """ssh for one step, through the master connection while there is one (else on its own)."""
        return [*self.base, *self.options, "-o", "ControlMaster=no"]

    def run(self, script: str, *args: str, timeout: float = 600) -> str:
        """Run a POSIX shell ``script`` with ``args`` on the server; its standard output. (The script goes on
        standard input: whatever the login shell, only ``sh -s`` itself is parsed by it.)"""
        return self._call("sh -s --", args, lambda stdin: stdin.write(script.encode()), timeout)

    def stream(self, script: str, *args: str, write) -> str:
        """Run ``script`` (one command a line, no line continued) with ``args`` on the server, its standard
        input what ``write(stdin)`` writes (bytes); its standard output."""
        one_line = "; ".join(line.strip() for line in script.strip().splitlines() if line.strip())
        return self._call(f"sh -c {shlex.quote(one_line)} sh", args, write, None)

    def _call(self, command: str, args: tuple[str, ...], write, timeout: float | None) -> str:
        remote = " ".join([command, *(shlex.quote(a) for a in args)])
        # what the server prints goes to files, not pipes: a server that prints much while brandsite is still
        # writing its input would otherwise wait for brandsite to read, and brandsite for it to read
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            process = subprocess.Popen([*self.command, self.target.destination, remote], stdin=subprocess.PIPE,
                                       stdout=out, stderr=err, preexec_fn=_die_with_parent)
            try:
                write(process.stdin)
            except BrokenPipeError:  # the server stopped reading: why is in what it printed
                pass
            try:
                process.stdin.close()
            except BrokenPipeError:
                pass
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
                raise SshError(f"服务器 {self.target.host} 超过 {int(timeout)} 秒没有响应") from None
            stdout, stderr = (_read_back(f) for f in (out, err))
        if process.returncode == 255:
            raise SshError(explain(stderr, self.target))
        if process.returncode != 0:
            raise SshError(_remote_refusal(process.returncode, stdout + stderr, self.target))
        return stdout

    def lock(self) -> subprocess.Popen | None:
        """Hold the server's deploy lock (``flock`` on BASE/.deploy.lock) while the returned ssh runs: it is
        released when brandsite closes it or dies, so a killed deploy never leaves a stale lock."""
        remote = (f"mkdir -p {shlex.quote(self.target.path)} || exit 3; command -v flock >/dev/null 2>&1 || "
                  f"{{ echo nolock; exit 0; }}; exec flock -n -E {_LOCK_BUSY} {shlex.quote(self.target.path + '/.deploy.lock')} "
                  "sh -c 'echo locked; exec cat >/dev/null'")
        holder = subprocess.Popen([*self.base, *self.options, "-o", "ControlMaster=yes", self.target.destination,
                                   remote], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  preexec_fn=_die_with_parent)
        said = holder.stdout.readline().strip()
        if said == "locked":
            return holder
        holder.stdin.close()
        code = holder.wait()
        error = holder.stderr.read()
        if said == "nolock":  # a server without util-linux: deploys are not serialised there
            return None
        if code == 255:
            raise SshError(explain(error, self.target))
        if code == _LOCK_BUSY:
            raise SshError(f"另一个部署正在向 {self.target} 进行：请等它结束再运行")
        if "Permission denied" in error or "No space left" in error or code == 3:
            raise SshError(_remote_refusal(code, error, self.target))
        # the first command on the server failed: a login shell such as nologin, or a key limited to one command
        raise SshError(f"登录了服务器 {self.target.host}，但不能在上面运行命令（{_last_line(said + chr(10) + error)}）："
                       f"请确认用户 {self.target.user or '（ssh 配置里的用户）'} 有可用的 shell（不是 nologin），"
                       "密钥也没有在 authorized_keys 里限定只能运行某个命令")


_LOCK_BUSY = 75  # flock's exit code when another deploy holds the lock (any other code is another failure)


def _read_back(file) -> str:
    file.seek(0)
    return file.read().decode("utf-8", "replace")


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1].strip() if lines else "没有更多信息"


def explain(stderr: str, target: Ssh) -> str:
    """ssh's own error (English, exit code 255) as a Chinese sentence that says what to do."""
    host = target.host
    scan = f"ssh-keyscan{f' -p {target.port}' if target.port else ''} {host}"
    known = f"[{host}]:{target.port}" if target.port else host
    if "REMOTE HOST IDENTIFICATION HAS CHANGED" in stderr or "Host key for" in stderr and "has changed" in stderr:
        return (f"服务器 {host} 的主机密钥和 known_hosts 里记录的不一致，已停止连接：可能是服务器重装过，也可能有人冒充服务器。"
                f"请先向服务器管理员核实新的密钥指纹，确认无误后用 ssh-keygen -R '{known}' 删除旧记录，再按首次连接的方法添加")
    if ("Host key verification failed" in stderr or "No " in stderr and "host key is known" in stderr):
        return (f"服务器 {host} 的主机密钥不在 known_hosts 中，为防止冒充服务器，brandsite 不会自动接受。请先运行 "
                f"{scan} > /tmp/{host}.keys 和 ssh-keygen -lf /tmp/{host}.keys 查看指纹，和服务器管理员在服务器上用 "
                f"ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub 看到的指纹核对一致后，再运行 "
                f"cat /tmp/{host}.keys >> ~/.ssh/known_hosts")
    if "Permission denied" in stderr:
        return (f"服务器 {host} 拒绝登录（{_last_line(stderr)}）：brandsite 只用 SSH 密钥登录，不会询问或保存密码。"
                f"请确认密钥已装到服务器（ssh-copy-id {target.destination}），或在 ~/.ssh/config 里为这台服务器写好 "
                "User 和 IdentityFile；加了密码的密钥请先用 ssh-add 交给 ssh-agent")
    if "Could not resolve hostname" in stderr:
        return f"找不到服务器 {host}：请检查服务器名，或在 ~/.ssh/config 里为它写好 HostName"
    if "Connection refused" in stderr:
        return f"服务器 {host}{f' 的端口 {target.port}' if target.port else ''} 拒绝连接：请确认 SSH 服务在运行、端口正确"
    if "timed out" in stderr or "Connection timed out" in stderr:
        return f"连接服务器 {host} 超时：请检查网络、防火墙或跳板机设置（~/.ssh/config 的 ProxyJump）"
    return f"无法通过 SSH 连接服务器 {host}（{_last_line(stderr)}）"


def _remote_refusal(code: int, output: str, target: Ssh) -> str:
    text = _last_line(output)
    if "Permission denied" in output:
        return f"服务器上没有写入 {target.path} 的权限（{text}）：请让管理员把这个目录交给登录用户"
    if "No space left" in output:
        return f"服务器磁盘空间不足（{text}）"
    return f"服务器上的操作失败（退出码 {code}：{text}）"


# What a deploy or a rollback first does on the server. Prints what it found, one fact a line.
_PREPARE = r"""
set -e
base=$1
mkdir -p "$base/releases"
cd "$base"
if [ -e current ] && [ ! -L current ]; then echo "NOTLINK"; exit 0; fi
if command -v rsync >/dev/null 2>&1; then echo "RSYNC yes"; else echo "RSYNC no"; fi
for half in releases/*.partial; do
  [ -e "$half" ] || continue
  # the rsync of a killed deploy may still be finishing: give it a moment to notice
  for try in 1 2 3 4 5; do rm -rf "$half" 2>/dev/null && break; sleep 1; done
  if [ ! -e "$half" ]; then half=${half#releases/}; echo "CLEANED ${half%.partial}"; fi
done
rm -f .current.tmp
echo "CURRENT $(readlink current 2>/dev/null | sed 's|^releases/||')"
[ -d current/ ] && echo "LIVEFILES $(find current/ -type f | wc -l)"
for release in releases/*; do [ -d "$release" ] && echo "RELEASE ${release#releases/}"; done
exit 0
"""

# The switch: the only moment the live site changes, and it is one rename.
_SWITCH = r"""
set -e
base=$1; release=$2; finished=$3; shift 3
cd "$base"
if [ "$finished" = sent ]; then
  mv "releases/$release.partial" "releases/$release"
fi
ln -sfn "releases/$release" .current.tmp
mv -T .current.tmp current
for old in "$@"; do rm -rf "releases/$old"; done
"""


# Before the switch: the sent release on the server's disk (the switch itself is then a few renames, so a
# deploy stopped before it leaves the live site as it was); or, when it is the live release again, removed.
_SETTLE = r"""
set -e
cd "$1/releases"
if [ "$3" = same ]; then rm -rf "$2.partial"; else sync; fi
"""


@dataclass
class _State:
    rsync: bool
    current: str
    releases: list[str]
    cleaned: list[str]
    live_files: int  # files in the live release (-1: none)


def _prepare(connection: Connection) -> _State:
    facts = connection.run(_PREPARE, connection.target.path).splitlines()
    if "NOTLINK" in facts:
        raise SshError(f"服务器上的 {connection.target.path}/current 是一个普通目录，不是 brandsite 的发布链接：请先把它改名"
                       "（如 current.old），网站服务器的根目录指向 current（见 README“部署到服务器”一节）")

    def values(key: str) -> list[str]:
        return [line[len(key) + 1:] for line in facts if line.startswith(key + " ")]

    releases = sorted(r for r in values("RELEASE") if _RELEASE.match(r))
    return _State(values("RSYNC") == ["yes"], (values("CURRENT") or [""])[0], releases, values("CLEANED"),
                  int((values("LIVEFILES") or ["-1"])[0].strip() or -1))


_RELEASE = re.compile(r"^\d{8}-\d{6}-[0-9a-f]{4}$")


def _new_name() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y%m%d-%H%M%S-") + secrets.token_hex(2)


def _to_remove(releases: list[str], live: str, keep: int) -> list[str]:
    """The releases beyond the ``keep`` newest (the live one always stays)."""
    older = [r for r in sorted(releases, reverse=True) if r != live]
    return older[max(keep - 1, 0):]


KEEP = 5  # releases kept on the server unless told otherwise


def deploy(target: Ssh, sources: list[Path], keep: int = KEEP, config: Path | None = None) -> Sent:
    """Send the files of ``sources`` (merged, later ones over earlier) as a new release and switch to it."""
    with Connection(target, config) as connection:
        return _deploy(connection, sources, keep)


def _deploy(connection: Connection, sources: list[Path], keep: int) -> Sent:
    target = connection.target
    holder = connection.lock()
    try:
        state = _prepare(connection)
        name = _new_name()
        while name in state.releases:
            name = _new_name()
        live = state.current if state.current in state.releases else None
        by_tar = "" if state.rsync and shutil.which("rsync") else "本机" if state.rsync else "服务器上"
        stats = (_tar if by_tar else _rsync)(connection, sources, name, live)
        # nothing sent and as many files as the live release, every one a link to its namesake there: the
        # same site. A new release would only push a real earlier version out of the ones kept for rollback.
        same = bool(live) and stats["transferred"] == 0 and stats["files"] == state.live_files
        connection.run(_SETTLE, target.path, name, "same" if same else "new")
        removed = [] if same else _to_remove([*state.releases, name], name, keep)
        if not same:
            connection.run(_SWITCH, target.path, name, "sent", *removed)
    finally:
        _release(holder)
    return Sent(live if same else name, stats["files"], stats["transferred"], stats["bytes"], tuple(removed),
                tuple(state.cleaned), by_tar, same)


def rollback(target: Ssh, config: Path | None = None) -> tuple[str, str]:
    """Make the release before the live one live again; (the one that was live, the one now live)."""
    with Connection(target, config) as connection:
        return _rollback(connection)


def _rollback(connection: Connection) -> tuple[str, str]:
    target = connection.target
    holder = connection.lock()
    try:
        state = _prepare(connection)
        if not state.current:
            raise SshError(f"{target} 还没有部署过，无法回退")
        earlier = [r for r in state.releases if r < state.current]
        if not earlier:
            raise SshError(f"{target} 没有比当前版本（{state.current}）更早的版本可以回退")
        connection.run(_SWITCH, target.path, earlier[-1], "kept")
    finally:
        _release(holder)
    return state.current, earlier[-1]


def _release(holder: subprocess.Popen | None) -> None:
    if holder is not None:
        holder.stdin.close()
        try:
            holder.wait(timeout=30)
        except subprocess.TimeoutExpired:
            holder.kill()


def _rsync(connection: Connection, sources: list[Path], name: str, live: str | None) -> dict[str, int]:
    base = connection.target.path
    command = ["rsync", "--recursive", "--copy-links", "--perms", "--chmod=D755,F644", "--checksum", "--stats",
               "--protect-args",  # paths with spaces or Chinese reach the server unsplit, as older rsyncs need
               "-e", shlex.join(connection.command)]
    if live:
        # identical files become hard links to the live release instead of crossing the network
        command.append(f"--link-dest={base}/releases/{live}")
    command += [f"{source}/" for source in sources]
    command.append(f"{connection.target.destination}:{base}/releases/{name}.partial/")
    done = subprocess.run(command, capture_output=True, text=True, preexec_fn=_die_with_parent)
    if done.returncode == 255 or "connection unexpectedly closed" in done.stderr and "ssh" in done.stderr:
        raise SshError(explain(done.stderr, connection.target))
    if done.returncode != 0:
        raise SshError(_remote_refusal(done.returncode, done.stderr, connection.target))
    return {"files": _stat(done.stdout, "reg"),
            "transferred": _stat(done.stdout, "Number of regular files transferred"),
            "bytes": _stat(done.stdout, "Total transferred file size")}


def _stat(output: str, label: str) -> int:
    found = re.search(re.escape(label) + r":\s*([\d,.]+)", output)  # rsync 3.2 writes 1,234 or 1.234
    if not found:
        return 0
    return int(re.sub(r"[,.]", "", found.group(1)))


# Without rsync: the digests of the live release's files, one "digest  ./path" a line after the tool's name.
_DIGESTS = r"""
cd "$1/releases/$2" || exit 0
if command -v sha256sum >/dev/null 2>&1; then echo sha256; exec find . -type f -exec sha256sum {} +; fi
if command -v md5sum >/dev/null 2>&1; then echo md5; exec find . -type f -exec md5sum {} +; fi
echo none
"""

# Without rsync: the new release as hard links to the live one, less the files that change or go (their
# names on standard input, one a line); removing a link leaves the live file as it is.
_LINK_RELEASE = r"""
set -e
cd "$1/releases"
if [ -n "$3" ]; then cp -al "$3" "$2.partial"; else mkdir "$2.partial"; fi
cd "$2.partial"
tr '\n' '\0' | xargs -0 rm -f --
"""

# Without rsync: the changed files, as a tar stream on standard input, into the new release; then the
# folders the files that went have left empty.
_UNPACK = r"""
set -e
cd "$1/releases/$2.partial"
tar -x -o -f -
find . -depth -type d -empty -exec rmdir {} \; 2>/dev/null || true
"""


def _tar(connection: Connection, sources: list[Path], name: str, live: str | None) -> dict[str, int]:
    """Make release ``name`` without rsync, sending only the files whose digest differs from the live one's."""
    base = connection.target.path
    files = site_files(*sources)
    there: dict[str, str] = {}
    kind = "none"
    if live:
        listing = connection.run(_DIGESTS, base, live).splitlines()
        kind = listing[0].strip() if listing else "none"
        for line in listing[1:]:
            digest, _, path = line.partition("  ./")
            if path and not digest.startswith("\\"):  # a name the tool had to escape is simply sent again
                there[path] = digest
    algorithm = {"sha256": hashlib.sha256, "md5": hashlib.md5}.get(kind)
    send = [n for n, path in sorted(files.items())
            if algorithm is None or there.get(n) != algorithm(path.read_bytes()).hexdigest()]
    drop = sorted(set(there) - set(files)) + [n for n in send if n in there]
    linked = live if algorithm else ""  # without digests nothing is known to be unchanged: a fresh folder
    connection.stream(_LINK_RELEASE, base, name, linked or "", write=lambda stdin: stdin.write(
        "".join(n + "\n" for n in drop).encode("utf-8")))

    def write(stdin) -> None:
        with tarfile.open(fileobj=stdin, mode="w|", format=tarfile.GNU_FORMAT, encoding="utf-8") as archive:
            folders = set()
            for n in send:
                for parent in reversed(Path(n).parents[:-1]):
                    if parent.as_posix() not in folders:
                        folders.add(parent.as_posix())
                        archive.addfile(_entry(parent.as_posix(), tarfile.DIRTYPE, 0o755, 0, files[n]))
                info = _entry(n, tarfile.REGTYPE, 0o644, files[n].stat().st_size, files[n])
                with open(files[n], "rb") as data:
                    archive.addfile(info, data)

    connection.stream(_UNPACK, base, name, write=write)
    return {"files": len(files), "transferred": len(send), "bytes": sum(files[n].stat().st_size for n in send)}


def _entry(name: str, kind: bytes, mode: int, size: int, source: Path) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type, info.mode, info.size, info.mtime = kind, mode, size, int(source.stat().st_mtime)
    return info
