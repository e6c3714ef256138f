#!/bin/sh
# window-timings.sh - the window's figures on a company (the benchmark's: rcv-bench --keep DIR)
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: tests/bench/window-timings.sh BUILD_DIR COMPANY_FILE
#
# Starts the real window under Xvfb on COMPANY_FILE, reads its debug timings
# (G_MESSAGES_DEBUG) as they come and prints, in seconds after the start: the first frame, the
# Overview's figures, its trend chart, the customer, invoice and payment lists and the
# Reminders page (shown by rcv-bench-window), warm (the file read once by `receivables-cli
# aging` first). Then it records one payment with `receivables-cli import payments` from a
# second process, on the newest open invoice, and prints how long after that commit the window
# noticed it and showed it in the Invoices list and the Overview. Last it starts the window
# again with rcv-bench-window (window-bench.c), which saves a payment through the window's own
# connection, as the payment form does, and prints how soon the lists and the Overview show it.
# Those payments (references "timings", "window-bench") stay in the company file; nothing else
# is written.
set -eu

if [ $# -ne 2 ]; then
  echo "usage: $0 BUILD_DIR COMPANY_FILE" >&2
  exit 2
fi
build=$(cd "$1" && pwd)
company=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
[ -f "$company" ] || { echo "$0: no company file $company" >&2; exit 2; }

export RCV_TIMINGS_BUILD="$build" RCV_TIMINGS_COMPANY="$company"
exec xvfb-run -a -s "-screen 0 1280x1024x24" dbus-run-session -- python3 - <<'PY'
import os, re, sqlite3, subprocess, sys, tempfile, threading, time, datetime

build = os.environ["RCV_TIMINGS_BUILD"]
company = os.environ["RCV_TIMINGS_COMPANY"]
env = dict(os.environ,
           G_MESSAGES_DEBUG="rcv-window,rcv-overview-page,rcv-customers-page,"
                            "rcv-invoices-page,rcv-payments-page,rcv-bank-page,receivables",
           GSETTINGS_SCHEMA_DIR=os.path.join(build, "data"),
           GSETTINGS_BACKEND="memory", NO_AT_BRIDGE="1")
env.pop("RECEIVABLES_DB", None)

# what the window logs, and the name each figure gets here
events = [
    ("first frame", re.compile(r"first frame painted")),
    ("Overview figures", re.compile(r"overview read in")),
    ("trend chart", re.compile(r"trend of \d+ months read")),
    ("customer list", re.compile(r"customers read in")),
    ("invoice list", re.compile(r"invoices listed in")),
    ("payment list", re.compile(r"payments listed in")),
]
# the Reminders page runs the letters when it is first shown: rcv-bench-window shows it
after_write = [
    ("change noticed", re.compile(r"change noticed")),
    ("invoice list shows it", re.compile(r"invoice rows updated")),
    ("Overview shows it", re.compile(r"overview read in")),
    ("customer list shows it", re.compile(r"customers (read|updated) in")),
]

cli = os.path.join(build, "app", "cli", "receivables-cli")
# Warm: the file in the page cache, and checked for damage (a window killed by the run before
# leaves its WAL behind, which the next opening would check for a quarter of a minute).
subprocess.run([cli, "--database", company, "aging"], env=env, check=True,
               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

start = time.monotonic()
window = subprocess.Popen([os.path.join(build, "app", "receivables"), "--database", company],
                          env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, bufsize=1)
seen = {}
lines = []
lock = threading.Condition()

def reader():
    for line in window.stdout:
        now = time.monotonic()
        with lock:
            lines.append((now, line.rstrip("\n")))
            lock.notify_all()

threading.Thread(target=reader, daemon=True).start()

def wait_for(table, since, timeout, found):
    """the first line after `since` for each pattern of `table` not yet in `found`"""
    deadline = time.monotonic() + timeout
    index = 0
    with lock:
        while True:
            while index < len(lines):
                when, text = lines[index]
                index += 1
                if when < since:
                    continue
                for name, pattern in table:
                    if name not in found and pattern.search(text):
                        found[name] = when
            if all(name in found for name, _ in table) or time.monotonic() > deadline:
                return
            lock.wait(0.05)

wait_for(events, start, 90, seen)
print("The window on %s (%s)" % (company, datetime.datetime.now().strftime("%Y-%m-%d %H:%M")))
for name, _ in events:
    print("  %-24s %s" % (name, "%6.2f s" % (seen[name] - start) if name in seen
                          else "not within 90 s"))

# the newest open invoice, and a payment of part of it
db = sqlite3.connect("file:%s?mode=ro" % company, uri=True)
number, code, open_amount, issue = db.execute(
    "SELECT i.number, c.code, i.total - i.allocated, i.issue_date FROM invoices i"
    " JOIN customers c ON c.id = i.customer_id"
    " WHERE i.settled_date IS NULL AND i.status = 'posted' AND i.kind = 'invoice'"
    " ORDER BY i.id DESC LIMIT 1").fetchone()
db.close()
amount = max(open_amount // 2, 1)
csv = tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False)
# a reference of its own each run: the same payment twice is refused as a duplicate
csv.write("date,customer_id,amount,invoice_number,reference\n%s,%s,%d.%02d,%s,timings-%d\n"
          % (max(issue, datetime.date.today().isoformat()), code, amount // 100, amount % 100,
             number, time.time()))
csv.close()
time.sleep(1)
began = time.monotonic()
subprocess.run([cli, "--database", company, "import", "payments", csv.name], env=env, check=True,
               stdout=subprocess.DEVNULL)
committed = time.monotonic()
os.unlink(csv.name)
print("A payment on invoice %s from a second process (receivables-cli import: %.2f s)"
      % (number, committed - began))
found = {}
wait_for(after_write, committed, 15, found)
noticed = found.get("change noticed")
for name, _ in after_write:
    if name not in found:
        print("  %-24s not within 15 s" % name)
    elif noticed is None or name == "change noticed":
        print("  %-24s %6.2f s after the commit" % (name, found[name] - committed))
    else:
        print("  %-24s %6.2f s after the commit, %.2f s after the window noticed it"
              % (name, found[name] - committed, found[name] - noticed))
window.terminate()
window.wait()
if os.environ.get("RCV_TIMINGS_LOG"):
    for when, text in lines:
        print("%8.3f %s" % (when - start, text))

# a payment saved in the window itself (a build from before rcv-bench-window has none)
if not os.path.exists(os.path.join(build, "tests", "bench", "rcv-bench-window")):
    sys.exit(0)
subprocess.run([cli, "--database", company, "aging"], env=env, check=True,
               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
bench = subprocess.run([os.path.join(build, "tests", "bench", "rcv-bench-window"), company],
                       env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
print("\n".join(line for line in bench.stdout.splitlines()
                if os.environ.get("RCV_TIMINGS_LOG") or not line.startswith(" ") or
                   line.startswith("  ")))
PY
