/* rcv-policy.h - credit policies: terms, limits, reminder levels
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "rcv-database.h"

G_BEGIN_DECLS

#define RCV_DEFAULT_TERMS_DAYS 30

gint64 rcv_policy_find_by_name  (RcvDatabase *db,
                                 const char  *name,
                                 GError     **error);
gint64 rcv_policy_get_default_id (RcvDatabase *db);
gint   rcv_policy_get_terms     (RcvDatabase *db,
                                 gint64       policy_id);

gboolean rcv_policy_describe   (RcvDatabase  *db,
                                gint64        policy_id,
                                char        **name,
                                gint64       *credit_limit);

G_END_DECLS
