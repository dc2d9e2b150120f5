"""A real SMTP server on loopback for the tests (Python's aiosmtpd, installed by `make test`).

Usage: smtp_sink.py PORT FOLDER

Every message accepted is written to FOLDER as <n>.json, read as a mail reader would: the
envelope, every header (decoded), and the plain-text and HTML parts (decoded). While
FOLDER/refuse exists, every message is refused at DATA with the file's text as the SMTP answer
(e.g. `451 4.3.0 Try again later`), so a test can make the server refuse for a while, then
accept; FOLDER/refuse-sender does the same at MAIL FROM (a sender the server does not take).
FOLDER/delay holds seconds the server waits before answering each message. FOLDER/refuse-rcpt
holds lines `ADDRESS ANSWER`: that recipient is refused at RCPT TO with that answer (a relay
that cannot check one address). Prints `ready` once it listens.
"""

import asyncio
import email
import email.policy
import itertools
import json
import os
import signal
import sys
import threading

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, folder):
        self.folder = folder
        self.numbers = itertools.count(1)
        self.lock = threading.Lock()

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        refuse = os.path.join(self.folder, "refuse-sender")
        if os.path.exists(refuse):
            with open(refuse) as f:
                return f.read().strip() or "553 5.1.8 Sender address rejected"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        refuse = os.path.join(self.folder, "refuse-rcpt")
        if os.path.exists(refuse):
            with open(refuse) as f:
                for line in f:
                    who, _, answer = line.strip().partition(" ")
                    if who == address:
                        return answer
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(rcpt_options)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        delay = os.path.join(self.folder, "delay")
        if os.path.exists(delay):
            with open(delay) as f:
                await asyncio.sleep(float(f.read().strip() or "0"))
        refuse = os.path.join(self.folder, "refuse")
        if os.path.exists(refuse):
            with open(refuse) as f:
                return f.read().strip() or "451 4.3.0 Try again later"
        with self.lock:
            number = next(self.numbers)
        path = os.path.join(self.folder, f"{number:06}.json")
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        parts = {}
        for part in message.walk():
            if part.get_content_type() in ("text/plain", "text/html") and not part.is_multipart():
                parts.setdefault(part.get_content_type(), part.get_content())
        seen = {
            "envelope_from": envelope.mail_from,
            "envelope_to": envelope.rcpt_tos,
            "headers": {key.lower(): str(value) for key, value in message.items()},
            "text": parts.get("text/plain"),
            "html": parts.get("text/html"),
        }
        with open(path + ".part", "w") as f:
            json.dump(seen, f)
        os.rename(path + ".part", path)
        return "250 2.0.0 Message accepted"


def main():
    port, folder = int(sys.argv[1]), sys.argv[2]
    controller = Controller(Sink(folder), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    # Also stop when the test that started it goes away (its end of stdin closes).
    threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
