#!/bin/sh
# check-layers.sh - SQLite's C API is called in app/core/store only, nothing outside app/core
# reaches for the store's SQL statements, and app/core/render draws without reading the company
# file (DESIGN.md §1; the build itself refuses an upward #include between the core's layers)
# SPDX-License-Identifier: GPL-3.0-or-later
app="$1"
status=0

# any sqlite3 call, type or header outside the store
found=$(grep -rlE '\bsqlite3_[a-z0-9_]+|\bsqlite3 \*|<sqlite3\.h>|\bSQLITE_[A-Z_]+' "$app" \
        --include='*.c' --include='*.h' | grep -v "^$app/core/store/")
if [ -n "$found" ]; then
  echo "SQLite is called outside app/core/store, in:" >&2
  echo "$found" >&2
  status=1
fi

# the statements are the core's: neither the GUI nor the CLI prepares one (RcvStatement, the
# SQL statement, not the statements of account: RcvStatementLine, …)
found=$(grep -rlE 'rcv-database-private\.h|rcv-sqlite-private\.h|\bRcvStatement\b' "$app" \
        --include='*.c' --include='*.h' | grep -v "^$app/core/")
if [ -n "$found" ]; then
  echo "SQL statements are used outside app/core, in:" >&2
  echo "$found" >&2
  status=1
fi

# render/ draws what it is given: no statement, no read of the company file
found=$(grep -rlE 'rcv-database-private\.h|\bRcvStatement\b|\brcv_database_[a-z_]+ \(|\brcv_company_(get|profile_load)|\brcv_ledger_[a-z_]+ \(' \
        "$app/core/render" --include='*.c' --include='*.h')
if [ -n "$found" ]; then
  echo "app/core/render reads the company file, in:" >&2
  echo "$found" >&2
  status=1
fi

[ $status -eq 0 ] && echo "SQLite only in app/core/store; statements only in app/core; render/ reads nothing"
exit $status
