"""The production shape on one machine: Debian's nginx with the configuration from
docs/deploying.md as written (only its placeholders replaced), two gunicorn instances with
the shipped settings, Redis for the limits, and a database. Used by tests/web/test_stack.py and
by `make load --stack`."""

from __future__ import annotations

import functools
import http.client
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

from tests.servers import ROOT, AppServer, Browserless, free_port

NGINX = Path("/usr/sbin/nginx")
REDIS_SERVER = Path(shutil.which("redis-server") or "/usr/bin/redis-server")
HOST = "quiz.test"
PLACEHOLDER = re.compile(r"(?<!\?)<[a-z][a-z0-9-]*>")  # not a regex group, (?<name>


def two_free_ports() -> tuple[int, int]:
    """Two different free ports (free_port twice can return the same one)."""
    with socket.socket() as first, socket.socket() as second:
        first.bind(("127.0.0.1", 0))
        second.bind(("127.0.0.1", 0))
        return first.getsockname()[1], second.getsockname()[1]


def nginx_example() -> str:
    """The nginx block of docs/deploying.md, exactly as an operator copies it."""
    text = (ROOT / "docs" / "deploying.md").read_text(encoding="utf-8")
    section = text.split("## nginx\n", 1)[1]
    return section.split("```nginx\n", 1)[1].split("```", 1)[0]


class RedisServer:
    """redis-server on a free loopback port, keeping nothing on disk."""

    def __init__(self, directory: Path) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.directory = directory
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> RedisServer:
        args = [str(REDIS_SERVER), "--port", str(self.port), "--bind", "127.0.0.1"]
        # Nothing on disk: the keys are hashed addresses, and they live an hour at most.
        args += ["--save", "", "--appendonly", "no", "--dir", str(self.directory)]
        self.process = subprocess.Popen([*args, "--loglevel", "warning"], stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as s:
                    s.sendall(b"PING\r\n")
                    if s.recv(16).startswith(b"+PONG"):
                        return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)


class Nginx:
    """Debian's nginx running the documented configuration in front of the app servers."""

    def __init__(self, upstreams: list[str], database_threads: int) -> None:
        self.directory = Path(tempfile.mkdtemp(prefix="quiz-nginx-"))
        self.directory.chmod(0o755)  # nginx's workers run as another user and read the key
        self.https_port, self.http_port = two_free_ports()
        self.log = self.directory / "access.log"
        certificate, key = self.directory / "cert.pem", self.directory / "key.pem"
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
             "-subj", f"/CN={HOST}", "-addext", f"subjectAltName=DNS:{HOST}",
             "-keyout", str(key), "-out", str(certificate)],
            check=True, capture_output=True,
        )  # fmt: skip
        self.upstreams, self.database_threads = upstreams, database_threads
        self.certificate, self.key = certificate, key
        self.write_config()
        self.process: subprocess.Popen[bytes] | None = None

    def write_config(self) -> None:
        """The documented configuration with its placeholders replaced, in an http block."""
        certificate, key = self.certificate, self.key
        upstreams, database_threads = self.upstreams, self.database_threads
        values = {
            "<host>": HOST,
            "<https-port>": str(self.https_port),
            "<http-port>": str(self.http_port),
            "<certificate>": str(certificate),
            "<certificate-key>": str(key),
            "<app-1>": upstreams[0],
            "<app-2>": upstreams[1],
            "<database-threads>": str(database_threads),
            "<static-dir>": str(ROOT / "static"),
            "<log-file>": str(self.log),
        }
        example = nginx_example()
        found = set(PLACEHOLDER.findall(example))
        assert found == set(values), f"placeholders in docs/deploying.md: {sorted(found)}"
        for name, value in values.items():
            example = example.replace(name, value)
        temp = self.directory / "temp"
        temp.mkdir(exist_ok=True)
        temp.chmod(0o777)
        temps = "\n".join(
            f"    {kind}_temp_path {temp}/{kind};"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        (self.directory / "nginx.conf").write_text(
            f"daemon off;\npid {self.directory}/nginx.pid;\nerror_log {self.directory}/error.log;\n"
            f"events {{}}\nhttp {{\n{temps}\n{example}\n}}\n"
        )

    def __enter__(self) -> Nginx:
        args = [str(NGINX), "-p", str(self.directory), "-c", "nginx.conf"]
        check = subprocess.run([*args, "-t"], capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
        for _attempt in range(3):  # a port taken between choosing and binding: choose again
            self.process = subprocess.Popen(args, stderr=subprocess.DEVNULL)
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and self.process.poll() is None:
                try:
                    with socket.create_connection(("127.0.0.1", self.https_port), timeout=0.5):
                        return self
                except OSError:
                    time.sleep(0.05)
            self.__exit__(keep=True)
            self.https_port, self.http_port = two_free_ports()
            self.write_config()
        raise RuntimeError("nginx did not start")

    def __exit__(self, *exc: object, keep: bool = False) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
        if not keep:
            shutil.rmtree(self.directory, ignore_errors=True)


class _PinnedHTTPS(http.client.HTTPSConnection):
    """HTTPS to HOST, reached at 127.0.0.1 (no DNS for the test's host name)."""

    def connect(self) -> None:
        sock = socket.create_connection(("127.0.0.1", self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


class Visitor(Browserless):
    """A browser at https://quiz.test through the stack's nginx (its self-made certificate
    is accepted); keeps cookies (Secure ones too) and its CSRF token."""

    def __init__(self, port: int) -> None:
        super().__init__(f"https://{HOST}:{port}")
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE

        class Handler(urllib.request.HTTPSHandler):
            def https_open(self, req):
                return self.do_open(functools.partial(_PinnedHTTPS, context=context), req)

        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar),
            self._NoRedirect(),
            Handler(context=context),
        )


class Stack:
    """Redis, two app instances (2 workers x 8 threads each), nginx in front."""

    def __init__(self, database_url: str, directory: Path, **env: str) -> None:
        self.redis = RedisServer(directory)
        self.database_url = database_url
        self.directory = directory
        self.env = env
        self.instances: list[AppServer] = []
        self.nginx: Nginx | None = None

    def __enter__(self) -> Stack:
        self.redis.start()
        settings = {
            "RATELIMIT_STORAGE_URI": self.redis.url,
            "PROXY_HOPS": "1",
            "QUIZ_HTTPS": "1",
            "QUIZ_HOSTS": HOST,
            **self.env,
        }
        for n in (1, 2):
            log = self.directory / f"app-{n}.log"
            server = AppServer(self.database_url, access_log=str(log), new_session=True, **settings)
            server.start()  # both boot at once; each is waited for below
            self.instances.append(server)
        try:
            for server in self.instances:
                server.wait_ready()
        except RuntimeError:
            for server in self.instances:
                server.__exit__()
            self.redis.kill()
            raise
        threads = sum(s.workers * s.threads for s in self.instances)
        upstreams = [f"127.0.0.1:{s.port}" for s in self.instances]
        self.nginx = Nginx(upstreams, database_threads=threads // 2).__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.nginx:
            self.nginx.__exit__()
        for server in self.instances:
            server.stop()  # both stop at once
        for server in self.instances:
            server.__exit__()
        self.redis.kill()

    @property
    def port(self) -> int:
        assert self.nginx is not None
        return self.nginx.https_port

    def visitor(self) -> Visitor:
        return Visitor(self.port)

    def kill_instance(self, n: int) -> None:
        """SIGKILL one instance, master and workers at once, as a machine that dies."""
        process = self.instances[n].process
        assert process is not None
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)
