/* rcv-rates-private.h - reference rates written inside a caller's transaction
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rcv-rates.h"

G_BEGIN_DECLS

gboolean rcv_reference_rate_write (RcvDatabase            *db,
                                   const RcvReferenceRate *rate,
                                   GError                **error);

G_END_DECLS
