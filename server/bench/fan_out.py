#!/usr/bin/env python3
"""`make bench`, part three: live fan-out. Opens N board streams on one project (8 per session,
the per-session cap), makes one change, and reports how long until every stream has it, and
the server's resident memory per open stream.

Usage: fan_out.py BASE_URL SERVER_PID [N]   (the server runs the demo data)
"""
import asyncio, http.cookiejar, json, sys, time, urllib.error, urllib.request

base, pid = sys.argv[1], int(sys.argv[2])
n = int(sys.argv[3]) if len(sys.argv) > 3 else 10_000
host, port = base.split("//")[1].split(":")
port = int(port)


def rss_kib():
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS"):
                return int(line.split()[1])


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


async def stream(cookie, project, opened, done, arrived, target):
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(
        f"GET /events/projects/{project} HTTP/1.1\r\nHost: {host}\r\nCookie: {cookie}\r\n"
        f"Accept: text/event-stream\r\n\r\n".encode()
    )
    await writer.drain()
    status = await reader.readline()
    if b" 200 " not in status:
        opened.append(False)
        return
    opened.append(True)
    while True:
        line = await reader.readline()
        if not line:
            return
        # Nothing else changes the board: the first change after arming is the probe's.
        if line.startswith(b"data:") and target["armed"]:
            arrived.append(time.monotonic())
            if len(arrived) == done:
                target["all"].set()
            return


async def main():
    staff = sign_in("pm@demo.test")
    project = [p for p in post(staff, "/api/projects/list_projects", "") if p["name"] == "Tienda online"][0]["id"]
    backlog = post(staff, "/api/board/get_board", f"project={project}")["columns"][0]["id"]
    idle = rss_kib()
    sessions = [sign_in("pm@demo.test") for _ in range((n + 7) // 8)]
    signed_in = rss_kib()
    opened, arrived = [], []
    target = {"armed": False, "all": asyncio.Event()}
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
    for t in tasks:
        t.cancel()


asyncio.run(main())
