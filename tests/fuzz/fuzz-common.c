/* fuzz-common.c - what the fuzz harnesses share: one company file for the whole run
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opening a company file runs its migrations, far too slow for each input: the harnesses open
 * one in a temporary folder at the first input and keep it (reachable, so LeakSanitizer does
 * not count it), with synchronous=OFF since nothing of it needs to survive a crash.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "fuzz-common.h"
#include "rcv-database-private.h"

static RcvDatabase *company;
static char *company_dir;

static void
remove_company (void)
{
  g_autofree char *path = NULL;

  if (company_dir == NULL)
    return;
  path = g_build_filename (company_dir, "fuzz.db", NULL);
  g_clear_object (&company);
  for (guint i = 0; i < 3; i++)
    {
      static const char *const suffixes[] = { "", "-wal", "-shm" };
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_remove (file);
    }
  g_rmdir (company_dir);
  g_clear_pointer (&company_dir, g_free);
}

RcvDatabase *
fuzz_company (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (company != NULL)
    return company;

  company_dir = g_dir_make_tmp ("rcv-fuzz-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (company_dir, "fuzz.db", NULL);
  company = rcv_database_open (path, RCV_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (rcv_database_exec (company, "PRAGMA synchronous = OFF", &error));
  atexit (remove_company);
  return company;
}
