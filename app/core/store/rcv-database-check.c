/* rcv-database-check.c - a damaged company file is found before it is used or written to
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only PRAGMA integrity_check finds every damage that changes figures: on the benchmark's
 * 467 MB company file, 64 bytes flipped inside an index leave quick_check saying "ok" while
 * aging reads a tenth of the overdue amount. It costs 10–13 s there (quick_check 1.2–1.5 s,
 * aging itself 0.26 s), far too much for every opening. So the check runs once for each state
 * of the file that no Receivables program made, and a successful one is remembered: the
 * file's and its WAL's identity, size, modification and change times, in the user's cache
 * (`$XDG_CACHE_HOME/receivables/checked/`, never in the company file, which a reader must not
 * write). Every Receivables connection that changes the file through SQLite (a commit, a
 * checkpoint, a change of journal mode, the last close) remembers the new state, but only
 * when the state it started from was the remembered one: a file changed by anything else in
 * between (a copy, a restore, a disk tool, another SQLite program) is checked again at its
 * next opening, and a damaged one is refused untouched.
 */
#define G_LOG_DOMAIN "rcv-database"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "rcv-database-check.h"
#include "rcv-error.h"

/* integrity_check's virtual machine steps per byte of file, measured on the benchmark's
 * company (134 million steps for 491 MB): what a progress bar can go by */
#define CHECK_STEPS_PER_BYTE 0.27
#define PROGRESS_STEPS 1000

typedef struct
{
  RcvCheckProgressFunc func;
  gpointer user_data;
  GCancellable *cancellable;
  double estimate;
  guint64 steps;
  double reported;
} Progress;

static void
stat_into (const char *path,
           guint64    *values)
{
  GStatBuf st;

  memset (values, 0, 5 * sizeof (guint64));
  /* a missing WAL and an empty one hold the same: nothing */
  if (g_stat (path, &st) != 0 || st.st_size == 0)
    return;
  values[0] = (guint64) st.st_dev;
  values[1] = (guint64) st.st_ino;
  values[2] = (guint64) st.st_size;
  values[3] = (guint64) st.st_mtim.tv_sec * G_GUINT64_CONSTANT (1000000000) +
              (guint64) st.st_mtim.tv_nsec;
  values[4] = (guint64) st.st_ctim.tv_sec * G_GUINT64_CONSTANT (1000000000) +
              (guint64) st.st_ctim.tv_nsec;
}

void
rcv_file_state_read (const char   *path,
                     RcvFileState *state)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  stat_into (path, state->values);
  stat_into (wal, state->values + 5);
  /* not the WAL's change time: SQLite running as root hands the WAL to the file's owner
   * (fchown) whenever a connection opens it, which moves its ctime and nothing else, so every
   * reader a window opened after a write found the file "changed" and checked it again
   * (5–8 s each on the benchmark's company) */
  state->values[9] = 0;
}

gboolean
rcv_file_state_equal (const RcvFileState *a,
                      const RcvFileState *b)
{
  return memcmp (a->values, b->values, sizeof a->values) == 0;
}

static char *
stamp_path (const char *path)
{
  g_autofree char *real = realpath (path, NULL);
  g_autofree char *canonical = real == NULL ? g_canonicalize_filename (path, NULL) : NULL;
  g_autofree char *digest =
    g_compute_checksum_for_string (G_CHECKSUM_SHA256, real != NULL ? real : canonical, -1);

  return g_build_filename (g_get_user_cache_dir (), "receivables", "checked", digest, NULL);
}

static char *
state_to_string (const RcvFileState *state)
{
  GString *text = g_string_new ("1");

  for (guint i = 0; i < G_N_ELEMENTS (state->values); i++)
    g_string_append_printf (text, " %" G_GUINT64_FORMAT, state->values[i]);
  g_string_append_c (text, '\n');
  return g_string_free (text, FALSE);
}

/* Whether `state` is the one last checked or made by a Receivables program. */
gboolean
rcv_database_check_is_current (const char         *path,
                               const RcvFileState *state)
{
  g_autofree char *stamp = stamp_path (path);
  g_autofree char *expected = state_to_string (state);
  g_autofree char *contents = NULL;

  if (!g_file_get_contents (stamp, &contents, NULL, NULL))
    return FALSE;
  return g_str_equal (contents, expected);
}

/* Remembers `state` as sound. A stamp that cannot be written only costs a check later. */
void
rcv_database_check_remember (const char         *path,
                             const RcvFileState *state)
{
  g_autofree char *stamp = stamp_path (path);
  g_autofree char *dir = g_path_get_dirname (stamp);
  g_autofree char *text = state_to_string (state);
  g_autoptr(GError) error = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !g_file_set_contents_full (stamp, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                     &error))
    g_debug ("Cannot remember that %s was checked: %s", path,
             error != NULL ? error->message : g_strerror (errno));
}

/* Forgets the file's stamp, so that its next opening checks it. */
void
rcv_database_check_forget (const char *path)
{
  g_autofree char *stamp = stamp_path (path);

  g_unlink (stamp);
}

static int
on_progress (void *data)
{
  Progress *progress = data;
  double fraction;

  progress->steps += PROGRESS_STEPS;
  if (g_cancellable_is_cancelled (progress->cancellable))
    return 1;
  if (progress->func == NULL)
    return 0;
  fraction = MIN ((double) progress->steps / progress->estimate, 0.99);
  if (fraction - progress->reported >= 0.01 || progress->reported == 0.0)
    {
      progress->reported = MAX (fraction, 1e-9);
      progress->func (fraction, progress->user_data);
    }
  return 0;
}

/* Runs PRAGMA integrity_check on `handle` (a connection to `path`), inside one read
 * transaction, so that it sees one state of the file. Nothing is written. */
gboolean
rcv_database_check_handle (sqlite3              *handle,
                           const char           *path,
                           RcvCheckProgressFunc  progress_func,
                           gpointer              user_data,
                           GCancellable         *cancellable,
                           GError              **error)
{
  Progress progress = { progress_func, user_data, cancellable, 1.0, 0, 0.0 };
  sqlite3_stmt *stmt = NULL;
  g_autofree char *problem = NULL;
  GStatBuf st;
  int rc;

  if (g_stat (path, &st) == 0)
    progress.estimate = MAX ((double) st.st_size * CHECK_STEPS_PER_BYTE, 1.0);
  if (progress_func != NULL)
    progress_func (0.0, user_data);

  /* integrity_check reads each index beside its table: a page cache of 64 MB (SQLite's
   * default is 2 MB) takes a fifth off its time on the benchmark's file; an opening sets the
   * connection's own size afterwards */
  sqlite3_exec (handle, "PRAGMA cache_size = -65536", NULL, NULL, NULL);
  sqlite3_progress_handler (handle, PROGRESS_STEPS, on_progress, &progress);
  /* the first ten problems at most: the first is what the message names */
  rc = sqlite3_prepare_v2 (handle, "PRAGMA integrity_check(10)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        const char *text = (const char *) sqlite3_column_text (stmt, 0);

        if (problem == NULL && text != NULL && strcmp (text, "ok") != 0)
          problem = g_strdup (text);
      }
  sqlite3_finalize (stmt);
  sqlite3_progress_handler (handle, 0, NULL, NULL);

  if (rc == SQLITE_INTERRUPT || g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      if (rc == SQLITE_INTERRUPT && error != NULL && *error == NULL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             _("The check of the company file was cancelled"));
      return FALSE;
    }
  if (problem == NULL && (rc & 0xff) == SQLITE_CORRUPT)
    problem = g_strdup (sqlite3_errmsg (handle));
  if (problem != NULL)
    {
      /* SQLite's words for the first problem, and no more than a line of them */
      g_autofree char *shown = g_utf8_make_valid (problem, -1);
      char *newline = strchr (shown, '\n');

      if (newline != NULL)
        *newline = '\0';
      if (g_utf8_strlen (shown, -1) > 120)
        *g_utf8_offset_to_pointer (shown, 120) = '\0';
      g_set_error (error, RCV_DATABASE_ERROR, RCV_DATABASE_ERROR_CORRUPT,
                   _("“%s” is damaged (%s): it was left untouched. Restore it from a "
                     "backup."),
                   path, shown);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, RCV_DATABASE_ERROR,
                   (rc & 0xff) == SQLITE_BUSY ? RCV_DATABASE_ERROR_LOCKED : RCV_DATABASE_ERROR_IO,
                   _("“%s” cannot be checked for damage: %s"), path, sqlite3_errmsg (handle));
      return FALSE;
    }
  if (progress_func != NULL)
    progress_func (1.0, user_data);
  return TRUE;
}

/* The check of rcv_database_check_handle (), unless the file's present state is known to be
 * sound; a successful one is remembered, when nothing changed the file meanwhile. */
gboolean
rcv_database_check_if_needed (sqlite3              *handle,
                              const char           *path,
                              RcvCheckProgressFunc  progress_func,
                              gpointer              user_data,
                              GCancellable         *cancellable,
                              GError              **error)
{
  RcvFileState before, after;

  rcv_file_state_read (path, &before);
  if (rcv_database_check_is_current (path, &before))
    return TRUE;
  if (!rcv_database_check_handle (handle, path, progress_func, user_data, cancellable, error))
    return FALSE;
  rcv_file_state_read (path, &after);
  if (rcv_file_state_equal (&before, &after))
    rcv_database_check_remember (path, &after);
  return TRUE;
}

/* Checks the company file at `path` for damage, on a read-only connection of its own,
 * unless its present state is known to be sound. For a caller that shows the progress of a
 * long check (the window, in a worker thread; the command line); rcv_database_open () runs
 * the same check itself. Only damage is reported here: a file that does not exist, is empty,
 * is not SQLite's, or that SQLite would have to repair first (a hot rollback journal left by
 * a crash) is left to rcv_database_open (). */
gboolean
rcv_database_check_file (const char            *path,
                         RcvCheckProgressFunc   progress_func,
                         gpointer               user_data,
                         GCancellable          *cancellable,
                         GError               **error)
{
  g_autoptr(GError) local_error = NULL;
  RcvFileState state;
  sqlite3 *handle = NULL;
  gboolean ok;
  int rc;

  g_return_val_if_fail (path != NULL, FALSE);

  /* no file, or an empty one; or one known to be sound, without opening it */
  rcv_file_state_read (path, &state);
  if (state.values[2] == 0 || rcv_database_check_is_current (path, &state))
    return TRUE;

  rc = sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      sqlite3_close (handle);
      return TRUE;
    }
  sqlite3_extended_result_codes (handle, 1);
  sqlite3_busy_timeout (handle, (int) rcv_database_get_wait_limit () * 1000);

  if (rcv_database_check_if_needed (handle, path, progress_func, user_data, cancellable,
                                    &local_error))
    ok = TRUE;
  else if (g_error_matches (local_error, RCV_DATABASE_ERROR, RCV_DATABASE_ERROR_CORRUPT) ||
           g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      ok = FALSE;
    }
  else
    {
      /* not SQLite's, locked, to be repaired from a hot journal first…: for
       * rcv_database_open () to say, or to check itself once it can */
      g_debug ("%s", local_error->message);
      ok = TRUE;
    }
  sqlite3_close (handle);
  return ok;
}

static void
check_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Progress *progress = task_data;
  const char *path = g_object_get_data (G_OBJECT (task), "path");
  g_autoptr(GError) error = NULL;

  if (rcv_database_check_file (path, progress->func, progress->user_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/* rcv_database_check_file () in a worker thread. `progress_func` is called in that thread:
 * it must only hand the fraction on (an atomic, an idle source). */
void
rcv_database_check_file_async (const char           *path,
                               RcvCheckProgressFunc  progress_func,
                               gpointer              progress_data,
                               GCancellable         *cancellable,
                               GAsyncReadyCallback   callback,
                               gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  Progress *progress = g_new0 (Progress, 1);

  g_return_if_fail (path != NULL);

  progress->func = progress_func;
  progress->user_data = progress_data;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rcv_database_check_file_async);
  g_task_set_task_data (task, progress, g_free);
  g_object_set_data_full (G_OBJECT (task), "path", g_strdup (path), g_free);
  g_task_run_in_thread (task, check_in_thread);
}

gboolean
rcv_database_check_file_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
