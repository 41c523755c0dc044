"""A tiny real SMTP server on loopback that keeps what it receives: the stand-in for the mail server
when a Celery worker in another process sends email."""
import email
import socketserver
import threading
from email import policy


class _Handler(socketserver.StreamRequestHandler):
    def reply(self, line):
        self.wfile.write(line.encode("ascii") + b"\r\n")

    def handle(self):
        if self.server.refuse:  # a mail server that is down for maintenance
            self.server.refuse -= 1
            self.reply("421 sink: service not available, try again later")
            return
        self.reply("220 sink ESMTP ready")
        sender, recipients = None, []
        while True:
            line = self.rfile.readline()
            if not line:
                return
            command = line.decode("utf-8", "replace").strip()
            verb = command.split(" ", 1)[0].upper()
            if verb == "EHLO":
                self.wfile.write(b"250-sink\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 OK\r\n")
            elif verb == "HELO":
                self.reply("250 sink")
            elif verb == "MAIL":
                sender, recipients = command[10:].split(" ")[0].strip("<>"), []
                self.reply("250 OK")
            elif verb == "RCPT":
                recipients.append(command[8:].strip().strip("<>"))
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                lines = []
                while True:
                    data = self.rfile.readline()
                    if data in (b".\r\n", b".\n", b""):
                        break
                    lines.append(data[1:] if data.startswith(b"..") else data)
                if self.server.stall:  # the sender dies before the server answers: nothing was accepted
                    self.server.stall -= 1
                    self.server.stalled.set()
                    while self.rfile.readline():
                        pass
                    return
                message = email.message_from_bytes(b"".join(lines), policy=policy.default)
                self.server.messages.append({"from": sender, "to": recipients, "message": message})
                self.reply("250 OK queued")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:  # RSET, NOOP and the rest
                self.reply("250 OK")


class SMTPSink(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.messages = []
        self.refuse = 0  # how many next connections to turn away with 421
        self.stall = 0  # how many next messages to hold after their data, never answering
        self.stalled = threading.Event()
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def port(self):
        return self.server_address[1]

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.shutdown()
        self.server_close()
