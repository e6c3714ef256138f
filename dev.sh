#!/usr/bin/env bash
# dev.sh - the two commands of the README: `./dev.sh run` and `./dev.sh test`
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Both install the Debian 12 packages that are missing (as root with apt-get; otherwise they
# print the exact apt-get line), configure with meson and build. `run` then starts Receivables
# on the default company file; `test` builds with warnings as errors and runs every test.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"

PACKAGES=(
  # build
  gcc meson ninja-build pkg-config gettext
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev libsqlite3-dev
  libcairo2-dev libpango1.0-dev libfontconfig-dev libxml2-dev
  libqrencode-dev libcurl4-openssl-dev libsecret-1-dev
  # validation of data files, and the test harness
  desktop-file-utils appstream libxml2-utils flatpak-builder
  xvfb xauth dbus at-spi2-core libxtst-dev poppler-utils locales
  # a real SMTP server on the loopback for the mail tests
  python3-aiosmtpd openssl
  # fonts: Latin, and a CJK fallback so that names in any script render in charts and letters
  fonts-dejavu-core fonts-droid-fallback
  # the sanitizer build of the core and CLI suites (AddressSanitizer, UndefinedBehaviorSanitizer)
  clang libclang-rt-14-dev
)

ensure_packages() {
  local missing=() p
  for p in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$p")
    fi
  done
  ((${#missing[@]} == 0)) && return 0
  if [[ $(id -u) -eq 0 ]]; then
    echo "Installing missing packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
  else
    echo "These packages are missing. Install them, then run this command again:" >&2
    echo "  sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
}

# The tests format money in German and French: those locales must exist.
LOCALES=(de_DE.UTF-8 fr_FR.UTF-8 en_US.UTF-8)

ensure_locales() {
  local missing=() l
  for l in "${LOCALES[@]}"; do
    locale -a 2>/dev/null | grep -qix "${l/UTF-8/utf8}" || missing+=("$l")
  done
  ((${#missing[@]} == 0)) && return 0
  if [[ $(id -u) -eq 0 && -f /etc/locale.gen ]]; then
    for l in "${missing[@]}"; do
      sed -i "s/^# *\(${l} UTF-8\)/\1/" /etc/locale.gen
      grep -q "^${l} UTF-8" /etc/locale.gen || echo "${l} UTF-8" >> /etc/locale.gen
    done
    locale-gen >/dev/null
  else
    echo "Locales the tests use are missing (${missing[*]}): their tests will be skipped." >&2
  fi
}

build() {
  local dir=$1; shift
  if [[ ! -f $dir/build.ninja ]]; then
    meson setup "$dir" "$@"
  fi
  meson compile -C "$dir"
}

default_database() {
  if [[ -n ${RECEIVABLES_DB:-} ]]; then
    echo "$RECEIVABLES_DB"
  else
    echo "${XDG_DATA_HOME:-$HOME/.local/share}/receivables/receivables.db"
  fi
}

cmd_run() {
  ensure_packages
  build _build -Dprofile=development
  local db
  db=$(default_database)
  if [[ -z ${DISPLAY:-}${WAYLAND_DISPLAY:-} ]]; then
    # No desktop to show a window on (a server, a container): the company through the CLI.
    echo "No display: showing $db with receivables-cli instead of the window." >&2
    local cli=_build/app/cli/receivables-cli
    [[ -e $db ]] || "$cli" --database "$db" demo
    exec "$cli" --database "$db" aging
  fi
  # The window opens $RECEIVABLES_DB, else the company opened last, else the default file
  # (created on first run, where the window offers the sample company); the settings schema
  # comes from the build tree.
  GSETTINGS_SCHEMA_DIR=_build/data exec _build/app/receivables "$@"
}

# The executables the tests of some suites run (the test programs and what they spawn), for
# building those alone in a build directory that need not build the window.
suite_targets() {
  local dir=$1; shift
  python3 - "$dir" "$@" <<'PY'
import json, os, subprocess, sys
d, suites = os.path.abspath(sys.argv[1]), set(sys.argv[2:])
def intro(what):
    return json.loads(subprocess.check_output(["meson", "introspect", d, what]))
files = {t["id"]: t["filename"] for t in intro("--targets")}
out = set()
for t in intro("--tests"):
    if suites & {s.split(":")[-1] for s in t["suite"]}:
        out.update(f for i in t["depends"] for f in files.get(i, []))
        out.update(c for c in t["cmd"] if c.startswith(d + "/"))
# the translations as built, for the tests that run in German
out.update(f for fs in files.values() for f in fs if f.endswith(".mo"))
print("\n".join(sorted(os.path.relpath(f, d) for f in out)))
PY
}

# The core, CLI (and fuzz, once it exists) suites built with AddressSanitizer and
# UndefinedBehaviorSanitizer: an invalid access, a leak or undefined behaviour fails them.
# Only fontconfig's caches are suppressed (tests/lsan.supp).
SANITIZER_DIR=_build-asan

cmd_test_sanitizers() {
  local cc=gcc suites=(core cli) targets=()
  command -v clang >/dev/null && cc=clang
  if [[ ! -f $SANITIZER_DIR/build.ninja ]]; then
    CC=$cc meson setup "$SANITIZER_DIR" -Dprofile=development -Db_sanitize=address,undefined \
      -Db_lundef=false -Dmemcheck=false
  fi
  # meson test refuses a suite it does not know: fuzz only where tests/fuzz/ defines it
  if meson test -C "$SANITIZER_DIR" --list --suite fuzz >/dev/null 2>&1; then
    suites+=(fuzz)
  fi
  mapfile -t targets < <(suite_targets "$SANITIZER_DIR" "${suites[@]}")
  # no stale results counted if this run stops before its tests
  rm -f "$SANITIZER_DIR/meson-logs/testlog.json"
  ninja -C "$SANITIZER_DIR" "${targets[@]}"
  local args=() s
  for s in "${suites[@]}"; do args+=(--suite "$s"); done
  # G_SLICE: GLib 2.74's slice allocator hides blocks from LeakSanitizer
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
  LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp:print_suppressions=0 \
  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  G_SLICE=always-malloc \
    meson test -C "$SANITIZER_DIR" --no-rebuild --print-errorlogs --num-processes 2 "${args[@]}"
}

cmd_test() {
  ensure_packages
  ensure_locales
  build _build-test -Dprofile=development -Dwerror=true
  local rc=0
  meson test -C _build-test --print-errorlogs --num-processes 2 || rc=$?
  cmd_test_sanitizers || rc=$?
  # One plain closing line, whatever runner reads this log: both build directories counted.
  python3 - _build-test/meson-logs/testlog.json "$SANITIZER_DIR/meson-logs/testlog.json" <<'PY' || true
import json, os, sys
ok = bad = skip = 0
for path in sys.argv[1:]:
    if not os.path.exists(path):
        bad += 1           # the build or the run did not get as far as a log
        continue
    for line in open(path):
        r = json.loads(line).get("result")
        if r in ("OK", "EXPECTEDFAIL"): ok += 1
        elif r == "SKIP": skip += 1
        else: bad += 1
print(f"tests: {ok} passed, {bad} failed, {skip} skipped")
PY
  return $rc
}

case ${1:-} in
  run) shift; cmd_run "$@" ;;
  test) shift; cmd_test "$@" ;;
  deps) ensure_packages ;;
  *) echo "usage: $0 run|test|deps" >&2; exit 2 ;;
esac
