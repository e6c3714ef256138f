/* rcv-company-letterhead.h - the letterhead of the company a file holds
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rcv-letter.h"

G_BEGIN_DECLS

RcvLetterhead *rcv_letterhead_new_for_company (RcvDatabase *db,
                                               RcvPaper     paper);

G_END_DECLS
