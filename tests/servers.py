"""Real app servers in their own processes (gunicorn), and a small cookie-keeping client."""

from __future__ import annotations

import contextlib
import functools
import http.client
import http.cookiejar
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from tests.helpers import ADMIN_LINK, CSRF_FIELD, PROJECTOR_LINK, SEAT_CODE

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class AppServer:
    """gunicorn serving wsgi:app on a free port, with the environment a deployment sets."""

    def __init__(
        self,
        database_url: str,
        workers: int = 2,
        threads: int = 8,
        access_log: str = "/dev/null",
        app: str = "wsgi:app",
        extra: list[str] | None = None,
        new_session: bool = False,
        **env: str,
    ) -> None:
        self.port = free_port()
        self.workers, self.threads = workers, threads
        self.new_session = new_session  # its own process group, to be killed whole
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "SECRET_KEY": "shared-secret-for-every-instance",
            "DATABASE_URL": database_url,
            "QUIZ_INSTANCE_PATH": str(ROOT / "instance" / "test-servers"),
            **env,
        }
        self.args = [
            sys.executable, "-m", "gunicorn", "--workers", str(workers), "--threads",
            str(threads), "--bind", f"127.0.0.1:{self.port}", "--log-level", "warning",
            "--access-logfile", access_log, *(extra or []),
            app,
        ]  # fmt: skip
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> AppServer:
        self.start()
        return self.wait_ready()

    def start(self) -> None:
        """Start it without waiting: several servers then boot side by side (Stack)."""
        self.process = subprocess.Popen(
            self.args, cwd=ROOT, env=self.env, start_new_session=self.new_session
        )

    def wait_ready(self) -> AppServer:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=2) as response:
                    if response.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.2)
        self.__exit__()
        raise RuntimeError(f"the app server on {self.url} did not start")

    def stop(self) -> None:
        """Ask it to stop (gunicorn's graceful SIGTERM) without waiting; __exit__ waits."""
        if self.process and self.process.poll() is None:
            self.process.terminate()

    def __exit__(self, *exc: object) -> None:
        self.stop()
        if self.process and self.process.poll() is None:
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class Browserless:
    """One visitor: keeps its own cookies and its CSRF token, follows no redirects. source:
    the loopback address it connects from (127.0.0.2 is another household than 127.0.0.1
    to the app, with no proxy header to trust)."""

    class _NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    class _FromAddress(urllib.request.HTTPHandler):
        def __init__(self, source: str) -> None:
            super().__init__()
            self.source = source

        def http_open(self, req):
            connection = functools.partial(
                http.client.HTTPConnection, source_address=(self.source, 0)
            )
            return self.do_open(connection, req)

    def __init__(self, base: str, source: str | None = None) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        handlers: list[urllib.request.BaseHandler] = [
            urllib.request.HTTPCookieProcessor(self.jar),
            self._NoRedirect(),
        ]
        if source is not None:
            handlers.append(self._FromAddress(source))
        self.opener = urllib.request.build_opener(*handlers)
        self.token: str | None = None
        self.headers: dict[str, str] = {}

    def copy(self) -> Browserless:
        """Another visitor with this one's cookies and token as they are now: a request it
        sends is a true copy of this visitor's next one, whatever replies come meanwhile."""
        twin = Browserless(self.base)
        for cookie in self.jar:
            twin.jar.set_cookie(cookie)
        twin.token = self.token
        return twin

    def get(self, path: str) -> tuple[int, str]:
        return self._send(urllib.request.Request(self.base + path))

    def post(self, path: str, data: dict[str, str] | None = None) -> tuple[int, str]:
        body = {"csrf_token": self.token or "", **(data or {})}
        request = urllib.request.Request(
            self.base + path, data=urllib.parse.urlencode(body).encode(), method="POST"
        )
        return self._send(request)

    def _send(self, request: urllib.request.Request) -> tuple[int, str]:
        """(status, body); for a redirect the body is the Location header."""
        try:
            with self.opener.open(request, timeout=30) as response:
                status, html = response.status, response.read().decode()
                self.headers = dict(response.headers)
        except urllib.error.HTTPError as error:
            self.headers = dict(error.headers)
            if 300 <= error.code < 400:
                return error.code, error.headers.get("Location", "")
            status, html = error.code, error.read().decode()
        if match := CSRF_FIELD.search(html):
            self.token = match.group(1)
        return status, html


def seats_of(base: str, admin: str) -> list[str]:
    """The seat codes on a session's printable sheet (read with the admin link)."""
    status, sheet = Browserless(base).get(admin + "/plasser")
    assert status == 200, status
    return SEAT_CODE.findall(sheet)


def join_data(seat: str | None = None, group: int | None = None) -> dict[str, str]:
    data = {"seat": seat} if seat else {}
    return {**data, "group": str(group)} if group else data


def submit_once(
    base: str, code: str, answer: str = "agree", group: int | None = None, seat: str | None = None
) -> int:
    """A student joins by the session's link with their seat (choosing a group where there
    are groups), answers one statement and sends once; returns the status of that send."""
    student = Browserless(base)
    student.get(f"/e/{code}")
    student.post(f"/e/{code}", join_data(seat, group))
    student.post("/quiz/1", {"answer": answer})
    status, _ = student.post("/event/send")
    return status


def create_event(base: str, name: str = "Valgdag", **fields: str) -> tuple[str, str, str]:
    """A teacher creates a session; returns its code, admin path and projector path."""
    teacher = Browserless(base)
    teacher.get("/event/ny")
    status, location = teacher.post("/event/ny", {"name": name, "mode": "short", **fields})
    assert status == 303, status
    status, saved = teacher.get(urllib.parse.urlsplit(location).path)
    admin = ADMIN_LINK.search(saved).group(1)
    status, page = teacher.get(admin)
    assert status == 200, status
    projector = PROJECTOR_LINK.search(page).group(1)
    return admin.split("/")[2], admin, projector


def post_together(visitors: list[Browserless], path: str) -> list[int]:
    """Each visitor POSTs ``path`` at the same moment (a barrier starts them): the statuses,
    in the visitors' order."""
    gate = threading.Barrier(len(visitors))
    statuses = [0] * len(visitors)

    def press(n: int) -> None:
        gate.wait()
        statuses[n] = visitors[n].post(path)[0]

    threads = [threading.Thread(target=press, args=(n,)) for n in range(len(visitors))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


class TcpProxy:
    """A plug between the app and PostgreSQL that the test can pull and put back."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.port = free_port()
        self.listener: socket.socket | None = None
        self.sockets: list[socket.socket] = []

    def start(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", self.port), reuse_port=False)
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def stop(self) -> None:
        """Refuse new connections and cut every open one, as a crashed server would."""
        if self.listener:
            # shutdown() wakes the thread blocked in accept(); close() alone would leave
            # the port listening until that accept returned.
            with contextlib.suppress(OSError):
                self.listener.shutdown(socket.SHUT_RDWR)
            self.listener.close()
            self.listener = None
        for sock in self.sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        self.sockets.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            self.sockets += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
