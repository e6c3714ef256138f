#!/usr/bin/python3
# smtp-server.py - a real SMTP server on the loopback for the mail tests (aiosmtpd)
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Listens on 127.0.0.1 at a free port, prints it on the first line of stdout, and keeps each
# message it accepts in --maildir as NNNN.eml (the bytes received) with NNNN.rcpt (the envelope
# recipients). --tls CERT KEY: TLS from the first byte; --starttls CERT KEY: STARTTLS required;
# --auth USER:PASSWORD: a login required (PLAIN, LOGIN); --drop-after N: after N messages the
# connection is cut at the next one's DATA, with no answer, as a server that falls over;
# --reject ADDRESS: that recipient refused (550). Runs until its stdin closes.
import argparse
import asyncio
import os
import ssl
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

parser = argparse.ArgumentParser()
parser.add_argument("--maildir", required=True)
parser.add_argument("--tls", nargs=2)
parser.add_argument("--starttls", nargs=2)
parser.add_argument("--auth")
parser.add_argument("--drop-after", type=int, default=-1)
parser.add_argument("--reject", action="append", default=[])
args = parser.parse_args()


class Handler:
    def __init__(self):
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in args.reject:
            return "550 5.1.1 <%s>: no such user here" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if args.drop_after >= 0 and self.count >= args.drop_after:
            server.transport.abort()
            return "421 going away"
        name = os.path.join(args.maildir, "%04d" % self.count)
        with open(name + ".eml.part", "wb") as out:
            out.write(envelope.original_content)
        with open(name + ".rcpt", "w") as out:
            out.write("\n".join(envelope.rcpt_tos) + "\n")
        os.rename(name + ".eml.part", name + ".eml")
        self.count += 1
        return "250 2.0.0 Message accepted"


def authenticator(server, session, envelope, mechanism, auth_data):
    user, password = args.auth.split(":", 1)
    if (isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user
            and auth_data.password.decode() == password):
        return AuthResult(success=True)
    return AuthResult(success=False, handled=False)


def context(pair):
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(pair[0], pair[1])
    return ctx


kwargs = {}
server_kwargs = {}
if args.tls:
    kwargs["ssl_context"] = context(args.tls)
if args.starttls:
    server_kwargs["tls_context"] = context(args.starttls)
    server_kwargs["require_starttls"] = True
if args.auth:
    server_kwargs["authenticator"] = authenticator
    server_kwargs["auth_required"] = True
    server_kwargs["auth_require_tls"] = bool(args.tls or args.starttls)

# a free port: bind, read it, let go (the controller binds it again at once)
import socket
probe = socket.socket()
probe.bind(("127.0.0.1", 0))
port = probe.getsockname()[1]
probe.close()

controller = Controller(Handler(), hostname="127.0.0.1", port=port,
                        server_kwargs=server_kwargs, **kwargs)
controller.start()
print(port, flush=True)
sys.stdin.read()
controller.stop()
