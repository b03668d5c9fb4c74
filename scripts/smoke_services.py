"""Throwaway services for `make prod-smoke` and the contests bench: a PostgreSQL cluster, a Redis
server and nginx of their own, in a temporary folder, on free high ports of 127.0.0.1. Nothing
here touches the machine's own PostgreSQL or Redis; everything is stopped and removed on exit.
"""

from __future__ import annotations

import contextlib
import glob
import os
import re
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for_port(port: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
        time.sleep(0.1)
    return False


def _as_postgres(command: list[str]) -> list[str]:
    """initdb and postgres refuse to run as root: run them as the postgres user then."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


class Postgres:
    """A cluster of its own (initdb) on a free port; restartable, as a crash would restart it."""

    def __init__(self, folder: Path) -> None:
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        if not found:
            raise RuntimeError("PostgreSQL's server programs are missing (apt-get install postgresql)")
        self.bin = Path(found[-1]).parent
        self.folder = folder / "pg"
        self.data = self.folder / "data"
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/khoi"

    def _ctl(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        command = _as_postgres([str(self.bin / "pg_ctl"), "-D", str(self.data), *args])
        return subprocess.run(command, capture_output=True, text=True, check=check, timeout=60)  # noqa: S603

    def start(self) -> None:
        self.folder.mkdir(parents=True)
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        subprocess.run(  # noqa: S603
            _as_postgres(
                [
                    *(str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust"),
                    *("-E", "UTF8", "--locale=C", "--no-sync"),
                ]
            ),
            capture_output=True,
            check=True,
            timeout=120,
        )
        self._start_server()
        subprocess.run(  # noqa: S603
            [str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "khoi"],
            check=True,
            timeout=30,
        )

    def _start_server(self) -> None:
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c full_page_writes=off -c max_connections=100"
        )
        # Its output to a file: a pipe held open by the server would keep this call waiting.
        self._ctl("-l", str(self.folder / "log"), "-o", options, "-w", "start")

    def restart(self) -> None:
        """As after a crash: stopped at once (no checkpoint), started again with recovery."""
        self._ctl("-m", "immediate", "-w", "stop")
        self._start_server()

    def stop(self) -> None:
        if self.data.exists():
            self._ctl("-m", "fast", "-w", "stop", check=False)


class Redis:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly"]
        command += ["no", "--dir", str(self.folder)]
        with open(self.folder / "redis.log", "ab") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
        if not wait_for_port(self.port, 10):
            raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
        self.process = None


def nginx_site(main_ports: list[int], contests_ports: list[int], listen: int) -> str:
    """deploy/nginx/khoi.conf as it is, made to run here: no TLS (a plain port of 127.0.0.1), the
    upstreams on this run's ports, static files from this checkout, the snippet from deploy/."""
    site = (ROOT / "deploy" / "nginx" / "khoi.conf").read_text()
    site = re.sub(r"server \{\s*listen 80;.*?\n\}\n", "", site, flags=re.DOTALL)
    site = re.sub(r"\n\s*(listen \[::\]:443 ssl;|http2 on;|ssl_[a-z_]+ [^\n]*)", "", site)
    site = site.replace("listen 443 ssl;", f"listen 127.0.0.1:{listen};")
    for number, port in enumerate(main_ports, start=1):
        site = site.replace(f"127.0.0.1:800{number} ", f"127.0.0.1:{port} ")
    for number, port in enumerate(contests_ports, start=1):
        site = site.replace(f"127.0.0.1:810{number} ", f"127.0.0.1:{port} ")
    site = site.replace("/srv/khoi/staticfiles/", f"{ROOT / 'staticfiles'}/")
    return site.replace("/etc/nginx/snippets/khoi-proxy.conf", str(ROOT / "deploy" / "nginx" / "khoi-proxy.conf"))


class Nginx:
    def __init__(self, folder: Path, main_ports: list[int], contests_ports: list[int]) -> None:
        self.folder = folder / "nginx"
        self.port = free_port()
        self.main_ports, self.contests_ports = main_ports, contests_ports
        self.process: subprocess.Popen[bytes] | None = None
        self.access_log = self.folder / "access.log"

    def start(self) -> None:
        self.folder.mkdir()
        temp = {name: self.folder / name for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
        (self.folder / "khoi.conf").write_text(nginx_site(self.main_ports, self.contests_ports, self.port))
        conf = f"""
{"user root;" if os.geteuid() == 0 else ""}
worker_processes 1;
daemon off;
pid {self.folder}/nginx.pid;
error_log {self.folder}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    log_format smoke '$request_method $uri $status upstream=$upstream_addr';
    access_log {self.access_log} smoke;
    client_body_temp_path {temp["body"]};
    proxy_temp_path {temp["proxy"]};
    fastcgi_temp_path {temp["fastcgi"]};
    uwsgi_temp_path {temp["uwsgi"]};
    scgi_temp_path {temp["scgi"]};
    include {self.folder}/khoi.conf;
}}
"""
        (self.folder / "nginx.conf").write_text(conf)
        command = ["nginx", "-p", str(self.folder), "-c", str(self.folder / "nginx.conf")]
        checked = subprocess.run([*command, "-t"], capture_output=True, text=True, timeout=30)  # noqa: S603
        if checked.returncode:
            raise RuntimeError(f"nginx refused the configuration: {checked.stderr.strip()}")
        with open(self.folder / "stderr.log", "ab") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
        if not wait_for_port(self.port, 10):
            raise RuntimeError("nginx did not start")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
