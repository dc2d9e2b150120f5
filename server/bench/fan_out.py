#!/usr/bin/env python3
"""`make bench`, part three: live fan-out. Opens N board streams on one project (8 per session,
the per-session cap), makes one change, and reports how long until every stream has it, and
the server's resident memory per open stream, and the processor time the server spends while the
streams sit idle (BENCH_IDLE_SECONDS, 40 by default: two of the node's session checks).

Usage: fan_out.py BASE_URL SERVER_PID [N]   (the server runs the demo data)
"""
import asyncio, http.cookiejar, json, os, sys, time, urllib.error, urllib.request

base, pid = sys.argv[1], int(sys.argv[2])
n = int(sys.argv[3]) if len(sys.argv) > 3 else 10_000
host, port = base.split("//")[1].split(":")
port = int(port)


def rss_kib():
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS"):
                return int(line.split()[1])


def cpu_seconds():
    """The server's processor time so far (user + system)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def sign_in(email):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    req = urllib.request.Request(f"{base}/api/accounts/sign_in", method="POST",
                                 data=f"email={email}&password=faro-demo-2026".encode())
    try:
        opener.open(req)
    except urllib.error.HTTPError:
        pass  # the redirect after signing in
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def post(cookie, path, body):
    req = urllib.request.Request(f"{base}{path}", data=body.encode(), method="POST",
                                 headers={"Cookie": cookie})
    return json.loads(urllib.request.urlopen(req).read())


class Stream(asyncio.Protocol):
    """One open board stream. A protocol, not a reader with `readline`: with 10,000 streams the
    probe's own line parsing (four awaits per event and stream) took longer than the server's
    sending did, and was measured as if it were the server's."""

    def __init__(self, cookie, project, opened, done, arrived, target):
        self.request = (
            f"GET /events/projects/{project} HTTP/1.1\r\nHost: {host}\r\nCookie: {cookie}\r\n"
            f"Accept: text/event-stream\r\n\r\n".encode()
        )
        self.opened, self.done, self.arrived, self.target = opened, done, arrived, target
        self.status = None
        self.reached = False

    def connection_made(self, transport):
        self.transport = transport
        transport.write(self.request)

    def data_received(self, data):
        if self.status is None:
            self.status = b" 200 " in data.split(b"\r\n", 1)[0]
            self.opened.append(self.status)
            if not self.status:
                self.transport.close()
                return
        # Nothing else changes the board: the first change after arming is the probe's.
        if self.target["armed"] and not self.reached and b"data:" in data:
            self.reached = True
            self.arrived.append(time.monotonic())
            if len(self.arrived) == self.done:
                self.target["all"].set()

    def connection_lost(self, exc):
        if self.status is None:
            self.opened.append(False)


async def stream(cookie, project, opened, done, arrived, target):
    loop = asyncio.get_running_loop()
    transport, protocol = await loop.create_connection(
        lambda: Stream(cookie, project, opened, done, arrived, target), host, port)
    target["streams"].append((transport, protocol))


async def main():
    staff = sign_in("pm@demo.test")
    project = [p for p in post(staff, "/api/projects/list_projects", "") if p["name"] == "Tienda online"][0]["id"]
    backlog = post(staff, "/api/board/get_board", f"project={project}")["columns"][0]["id"]
    idle = rss_kib()
    sessions = [sign_in("pm@demo.test") for _ in range((n + 7) // 8)]
    signed_in = rss_kib()
    opened, arrived = [], []
    target = {"armed": False, "all": asyncio.Event(), "streams": []}
    tasks = []
    for i in range(n):
        tasks.append(asyncio.create_task(stream(sessions[i // 8], project, opened, n, arrived, target)))
        if i % 500 == 499:
            await asyncio.sleep(0.05)
    while len(opened) < n and not all(t.done() for t in tasks):
        await asyncio.sleep(0.1)
    await asyncio.sleep(1)
    with_streams = rss_kib()
    ok = sum(opened)
    idle_for = float(os.environ.get("BENCH_IDLE_SECONDS", "40"))
    cpu_before = cpu_seconds()
    await asyncio.sleep(idle_for)
    idle_cpu = cpu_seconds() - cpu_before
    target["armed"] = True
    started = time.monotonic()
    await asyncio.to_thread(post, staff, "/api/board/create_card",
                            f"project={project}&column={backlog}&title=Fan-out+probe")
    try:
        await asyncio.wait_for(target["all"].wait(), 30)
    except asyncio.TimeoutError:
        pass
    last = max(arrived) - started if arrived else float("nan")
    print(f"streams open: {ok} of {n}; the change reached {len(arrived)} in {last * 1000:.0f} ms")
    print(f"resident memory: {idle} KiB idle, {signed_in} KiB after {len(sessions)} sign-ins, "
          f"{with_streams} KiB with the streams open: "
          f"{(with_streams - signed_in) / max(ok, 1):.1f} KiB per stream")
    print(f"idle, {ok} streams open for {idle_for:.0f} s: the server used {idle_cpu * 1000:.0f} ms "
          f"of processor time ({idle_cpu / idle_for * 100:.1f} % of one core)")
    for transport, _ in target["streams"]:
        transport.close()


asyncio.run(main())
