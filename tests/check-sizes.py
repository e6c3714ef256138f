#!/usr/bin/env python3
# check-sizes.py - no source file of app/ over MAX_FILE lines and no function over MAX_FUNCTION
# (issue 25): a file that grows past them is split along its concerns, a function into steps
# SPDX-License-Identifier: GPL-3.0-or-later
import pathlib
import re
import sys

MAX_FILE = 850
MAX_FUNCTION = 150

def functions(lines):
    """(name, first line, length) of each top-level function: from its name to its closing brace"""
    i = 0
    while i < len(lines):
        match = re.match(r'^([a-z_][a-z_0-9]*) \(', lines[i])
        if match:
            j = i
            while j < len(lines) and lines[j] != '{' and not lines[j].rstrip().endswith(';'):
                j += 1
            if j < len(lines) and lines[j] == '{':
                k = j
                while k < len(lines) and lines[k] != '}':
                    k += 1
                yield match.group(1), i + 1, k - i
                i = k
        i += 1

problems = []
for root in sys.argv[1:]:
    for path in sorted(pathlib.Path(root).rglob('*.c')):
        lines = path.read_text(encoding='utf-8').split('\n')
        if len(lines) > MAX_FILE:
            problems.append(f'{path}: {len(lines)} lines (at most {MAX_FILE})')
        for name, line, length in functions(lines):
            if length > MAX_FUNCTION:
                problems.append(f'{path}:{line}: {name} () is {length} lines (at most {MAX_FUNCTION})')

if problems:
    print('\n'.join(problems), file=sys.stderr)
    sys.exit(1)
print(f'no file over {MAX_FILE} lines, no function over {MAX_FUNCTION}')
