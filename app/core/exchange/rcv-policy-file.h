/* rcv-policy-file.h - policy files: a company's credit policies and reference rates as JSON
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "rcv-database.h"

G_BEGIN_DECLS

/* A policy file's bound: each policy is checked against the company's by name, in SQL. */
#define RCV_MAX_IMPORTED_POLICIES 1000

char     *rcv_policy_export_json (RcvDatabase  *db,
                                  GError      **error);
gboolean  rcv_policy_import_json (RcvDatabase  *db,
                                  const char   *text,
                                  gssize        length,
                                  const char   *name,
                                  guint        *n_created,
                                  guint        *n_updated,
                                  GError      **error);

G_END_DECLS
