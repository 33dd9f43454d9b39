"""Real servers for the deploy tests, started by the tests themselves: OpenSSH's sshd on 127.0.0.1 with a
throwaway host key and user key, and moto's S3 server."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

SSHD = Path("/usr/sbin/sshd")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_port(port: int, process: subprocess.Popen, what: str) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited: {process.stderr.read() if process.stderr else ''}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return
        time.sleep(0.05)
    raise RuntimeError(f"{what} did not listen on {port}")


@dataclass
class Sshd:
    port: int
    folder: Path
    config: Path  # the client's ssh configuration: key, known_hosts (with the server's key) and port

    def target(self, path: Path) -> str:
        return f"ssh://root@127.0.0.1:{self.port}{path}"

    def unknown_host_config(self) -> Path:
        """A client configuration whose known_hosts does not list the server."""
        other = self.folder / "unknown_config"
        other.write_text(self.config.read_text().replace(str(self.folder / "known_hosts"),
                                                         str(self.folder / "empty_known_hosts")))
        (self.folder / "empty_known_hosts").write_text("")
        return other


def _commands_without(folder: Path, hidden: tuple[str, ...]) -> Path:
    """A folder of links to every command of the system's PATH folders but ``hidden``: a server's PATH on
    which those commands are not installed."""
    folder.mkdir(parents=True, exist_ok=True)
    for system in ("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"):
        for tool in sorted(os.listdir(system)) if os.path.isdir(system) else ():
            if tool not in hidden and not (folder / tool).exists():
                (folder / tool).symlink_to(os.path.join(system, tool))
    return folder


@contextlib.contextmanager
def sshd(folder: Path, without: tuple[str, ...] = ()):
    """sshd in the foreground on a free port, accepting only the generated user key for root; ``without``:
    commands the server's sessions do not have (as on a server where they are not installed)."""
    folder.mkdir(parents=True, exist_ok=True)
    host_key, user_key = folder / "host_ed25519", folder / "user_ed25519"
    for key in (host_key, user_key):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "", "-f", str(key)], check=True)
    (folder / "authorized_keys").write_text((folder / "user_ed25519.pub").read_text())
    port = free_port()
    server_config = folder / "sshd_config"
    server_config.write_text(f"""\
Port {port}
ListenAddress 127.0.0.1
HostKey {host_key}
PidFile {folder / "sshd.pid"}
AuthorizedKeysFile {folder / "authorized_keys"}
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
StrictModes no
UsePAM no
LogLevel ERROR
MaxStartups 50
MaxSessions 50
""" + (f"SetEnv PATH={_commands_without(folder / 'bin', without)}\n" if without else ""))
    (folder / "known_hosts").write_text(f"[127.0.0.1]:{port} {(folder / 'host_ed25519.pub').read_text()}")
    client_config = folder / "ssh_config"
    client_config.write_text(f"""\
Host 127.0.0.1
  IdentityFile {user_key}
  IdentitiesOnly yes
  UserKnownHostsFile {folder / "known_hosts"}
  GlobalKnownHostsFile /dev/null
""")
    Path("/run/sshd").mkdir(exist_ok=True)  # sshd's privilege separation folder
    process = subprocess.Popen([str(SSHD), "-D", "-e", "-f", str(server_config)], stderr=subprocess.PIPE, text=True)
    try:
        _wait_for_port(port, process, "sshd")
        yield Sshd(port, folder, client_config)
    finally:
        process.terminate()
        process.wait(timeout=10)


@contextlib.contextmanager
def moto_s3():
    """moto's S3 in server mode on a free port; yields its endpoint address."""
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


def without_secrets(env: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in env.items() if not k.startswith("AWS_")}


def environment(**extra: str) -> dict[str, str]:
    return {**without_secrets(dict(os.environ)), **extra}
