/* fuzz-common.h - what the fuzz harnesses share: one company file for the whole run
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rcv-database.h"

RcvDatabase *fuzz_company (void);
