/* rcv-collections-private.h - what the collections files of rules/ share
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rcv-collections.h"

G_BEGIN_DECLS

gboolean rcv_collections_finish           (RcvDatabase *db,
                                           gboolean     ok,
                                           GError     **error);
/* the commission's range, as the locale writes percentages */
gboolean rcv_collections_commission_error (GError **error);

G_END_DECLS
