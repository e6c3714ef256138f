/* rcv-sql-functions.c - the SQL functions the store adds to each connection
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * They live here, below everything that uses them, so that the connection (rcv-database.c)
 * registers them without reaching up into the reports that write the SQL calling them.
 */
#include "config.h"

#include <string.h>

#include "rcv-sql-functions.h"
#include "rcv-sqlite-private.h"

#define AGE_SUMS_POINTER_TYPE "rcv-age-sums"

static void
age_sum_step (sqlite3_context *context,
              int              argc,
              sqlite3_value  **argv)
{
  RcvAgeSums *sums = sqlite3_value_pointer (argv[0], AGE_SUMS_POINTER_TYPE);
  const char *date = (const char *) sqlite3_value_text (argv[1]);
  guint bucket = 0;

  if (sums == NULL || date == NULL)
    {
      sqlite3_result_error (context, "rcv_age_sum: no sums or no date", -1);
      return;
    }
  while (bucket < sums->n_thresholds && strcmp (date, sums->thresholds[bucket]) < 0)
    bucket++;
  sums->buckets[bucket] += sqlite3_value_int64 (argv[2]);
}

static void
age_sum_final (sqlite3_context *context)
{
  sqlite3_result_null (context);
}

void
rcv_sql_functions_register (sqlite3 *handle)
{
  sqlite3_create_function_v2 (handle, "rcv_age_sum", 3, SQLITE_UTF8 | SQLITE_DIRECTONLY, NULL,
                              NULL, age_sum_step, age_sum_final, NULL);
}

void
rcv_statement_bind_age_sums (RcvStatement *stmt,
                             int           index,
                             RcvAgeSums   *sums)
{
  rcv_statement_bind_pointer (stmt, index, sums, AGE_SUMS_POINTER_TYPE);
}
