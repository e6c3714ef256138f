/* rcv-schema.h - the company file's schema, one migration per file-format version
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "rcv-database.h"

G_BEGIN_DECLS

typedef struct
{
  const char *name;
  const char *create;
} RcvSchemaIndex;

const char           *rcv_schema_get_migration (guint to_version);
const RcvSchemaIndex *rcv_schema_get_indexes   (void);
const RcvSchemaIndex *rcv_schema_find_index    (const char *name);

/* Brings a file of `from_version` up to RCV_SCHEMA_VERSION, in one transaction. */
gboolean rcv_schema_migrate (RcvDatabase *self,
                             gint64       from_version,
                             GError     **error);

G_END_DECLS
