/* rcv-database.c - one company file: an SQLite connection, its schema and its settings
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opening never modifies a file it refuses: the checks (SQLite magic, application_id,
 * user_version, readable schema) run before the first pragma that writes. Writes happen in
 * transactions that nest through savepoints, so that a ledger call inside an import is part of
 * the import's one transaction.
 */
#define G_LOG_DOMAIN "rcv-database"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "rcv-bulk.h"
#include "rcv-database-changes-private.h"
#include "rcv-database-check.h"
#include "rcv-sqlite-private.h"
#include "rcv-error.h"
#include "rcv-schema.h"
#include "rcv-text.h"

/* rcv_database_set_wait_policy () */
static guint wait_limit_ms = 3000;
static RcvDatabaseWaitFunc wait_func;
static gpointer wait_data;

G_DEFINE_FINAL_TYPE (RcvDatabase, rcv_database, G_TYPE_OBJECT)

gboolean
rcv_database_error_from_code (GError    **error,
                     int         code,
                     const char *path,
                     const char *detail)
{
  if (code == SQLITE_READONLY_ROLLBACK)
    {
      g_set_error (error, RCV_DATABASE_ERROR, RCV_DATABASE_ERROR_NEEDS_WRITER,
                   _("“%s” must be opened for writing once, to undo a write that a program "
                     "stopped in the middle of"), path);
      return FALSE;
    }
  switch (code & 0xff)
    {
    case SQLITE_NOTADB:
      g_set_error (error, RCV_DATABASE_ERROR, RCV_DATABASE_ERROR_NOT_DATABASE,
                   _("“%s” is not a Receivables company file: it is not an SQLite database"),
                   path);
      break;
    case SQLITE_CORRUPT:
      g_set_error (error, RCV_DATABASE_ERROR, RCV_DATABASE_ERROR_CORRUPT,
                   _("“%s” is damaged (the database is corrupt): restore it from a backup"),
                   path);
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, RCV_DATABASE_ERROR, RCV_DATABASE_ERROR_LOCKED,
                   g_dngettext (GETTEXT_PACKAGE,
                                "“%s” is locked by another program that is still writing "
                                "after %u second: try again when it has finished",
                                "“%s” is locked by another program that is still writing "
                                "after %u seconds: try again when it has finished",
                                MAX (wait_limit_ms / 1000, 1)),
                   path, MAX (wait_limit_ms / 1000, 1));
      break;
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_READONLY:
    case SQLITE_PERM:
      g_set_error (error, RCV_DATABASE_ERROR, RCV_DATABASE_ERROR_IO,
                   _("“%s” cannot be read or written: %s"), path, detail);
      break;
    default:
      g_set_error (error, RCV_DATABASE_ERROR, RCV_DATABASE_ERROR_SQL,
                   _("Database error in “%s”: %s"), path, detail);
      break;
    }
  return FALSE;
}

gboolean
rcv_database_set_error (RcvDatabase *self,
                        GError     **error)
{
  int code = sqlite3_extended_errcode (self->handle);

  if ((code & 0xff) == SQLITE_CONSTRAINT)
    {
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_CONFLICT,
                   _("The change breaks a rule of the company file: %s"),
                   sqlite3_errmsg (self->handle));
      return FALSE;
    }
  return rcv_database_error_from_code (error, code, self->path, sqlite3_errmsg (self->handle));
}

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

/* Around anything that changes the file through SQLite (a transaction, a checkpoint, a change
 * of journal mode, the closing of a connection that may be the last): the state the file is
 * left in is remembered as sound when the one it started from was (rcv-database-check.c). */
void
rcv_database_start_change (RcvDatabase *self)
{
  self->change_chained = FALSE;
  if (rcv_database_is_read_only (self) || self->path == NULL)
    return;
  rcv_file_state_read (self->path, &self->change_start);
  self->change_chained = rcv_database_check_is_current (self->path, &self->change_start);
}

void
rcv_database_end_change (RcvDatabase *self)
{
  RcvFileState state;

  if (!self->change_chained)
    return;
  self->change_chained = FALSE;
  rcv_file_state_read (self->path, &state);
  if (!rcv_file_state_equal (&state, &self->change_start))
    rcv_database_check_remember (self->path, &state);
}

static void
rcv_database_finalize (GObject *object)
{
  RcvDatabase *self = RCV_DATABASE (object);

  if (self->profile != NULL)
    {
      rcv_database_profile_print (self);
      g_clear_pointer (&self->profile, g_hash_table_unref);
    }

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->handle != NULL)
    {
      /* the last connection to close folds the WAL into the file */
      rcv_database_start_change (self);
      if (sqlite3_close (self->handle) != SQLITE_OK)
        g_warning ("Closing %s: %s", self->path, sqlite3_errmsg (self->handle));
      self->handle = NULL;
      rcv_database_end_change (self);
    }
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (rcv_database_parent_class)->finalize (object);
}

static void
rcv_database_class_init (RcvDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rcv_database_finalize;
  rcv_database_changes_class_init (object_class);
}

static void
rcv_database_init (RcvDatabase *self)
{
  /* keyed by the literal's address: hashing the SQL text on every call cost 4 % of an import */
  self->statements = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                            finalize_statement);
  rcv_database_default_settings (self);
}

static int
natural_collation (void       *user_data,
                   int         len_a,
                   const void *a,
                   int         len_b,
                   const void *b)
{
  g_autofree char *sa = g_strndup (a, (gsize) len_a);
  g_autofree char *sb = g_strndup (b, (gsize) len_b);

  return rcv_natural_compare (sa, sb);
}

char *
rcv_database_default_path (void)
{
  const char *env = g_getenv ("RECEIVABLES_DB");

  if (env != NULL && env[0] != '\0')
    return g_strdup (env);

  return g_build_filename (g_get_user_data_dir (), "receivables", "receivables.db", NULL);
}

/* A new company file is private to its owner from its first byte on. */
gboolean
rcv_database_create_empty_file (const char *path,
                   gboolean    make_parents,
                   GError    **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  if (make_parents && g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, RCV_DATABASE_ERROR, RCV_DATABASE_ERROR_IO,
                   _("Cannot create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_set_error (error, RCV_DATABASE_ERROR, RCV_DATABASE_ERROR_IO,
                   _("Cannot create “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

/* Whether `path` names a file, and one that can be a company file. Only stat (): once this
 * process has a connection to the file, opening and closing a descriptor of it would drop
 * every POSIX lock the process holds on it, and another program would then believe itself
 * the file's last user and delete the WAL under this one (SQLite's "How To Corrupt An SQLite
 * Database File", §2.2). Whether the bytes are SQLite's is SQLite's to tell (SQLITE_NOTADB
 * at the first read). */
static gboolean
check_file (const char *path,
            gboolean   *exists,
            goffset    *size,
            GError    **error)
{
  GStatBuf st;

  *exists = FALSE;
  *size = 0;
  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT)
        return TRUE;
      g_set_error (error, RCV_DATABASE_ERROR, RCV_DATABASE_ERROR_IO,
                   _("“%s” cannot be read: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  *exists = TRUE;
  *size = st.st_size;

  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, RCV_DATABASE_ERROR, RCV_DATABASE_ERROR_NOT_DATABASE,
                   _("“%s” is not a Receivables company file: it is not a regular file"), path);
      return FALSE;
    }
  return TRUE;
}

/* The first bytes of the file, read through the connection's own file handle: SQLite's unix
 * VFS keeps a descriptor open while the process holds locks on the file, where a close () of
 * our own would drop them (see check_file ()). */
static gboolean
has_sqlite_header (RcvDatabase *self)
{
  static const char magic[16] = "SQLite format 3";
  sqlite3_file *file = NULL;
  char head[16];

  if (sqlite3_file_control (self->handle, "main", SQLITE_FCNTL_FILE_POINTER, &file) !=
        SQLITE_OK ||
      file == NULL || file->pMethods == NULL)
    return FALSE;
  if (file->pMethods->xRead (file, head, sizeof head, 0) != SQLITE_OK)
    return FALSE;
  return memcmp (head, magic, sizeof magic) == 0;
}

/* Another program writing: wait for it, in growing steps, up to the limit of
 * rcv_database_set_wait_policy (), and tell the policy's function once a wait has lasted a
 * second, so that a person at a terminal knows why nothing happens. */
static int
on_busy (void *data,
         int   count)
{
  RcvDatabase *self = data;
  gint64 now = g_get_monotonic_time ();
  gint64 waited_ms;

  if (count == 0)
    {
      self->busy_since = now;
      self->told_waiting = FALSE;
    }
  waited_ms = (now - self->busy_since) / 1000;
  if (waited_ms >= (gint64) wait_limit_ms)
    return 0;
  if (!self->told_waiting && waited_ms >= 1000 && wait_func != NULL)
    {
      self->told_waiting = TRUE;
      wait_func (self->path, wait_data);
    }
  g_usleep ((gulong) MIN (1 << MIN (count, 7), 100) * 1000);
  return 1;
}

/* How long every connection the process opens from now on waits for another program's write
 * before it gives up (SQLITE_BUSY: “locked by another program”), and whom it tells that it
 * waits. The window waits little, for its main loop's sake; the command line as long as an
 * import may take. Call it before the first connection is opened. */
void
rcv_database_set_wait_policy (guint               limit_seconds,
                              RcvDatabaseWaitFunc func,
                              gpointer            user_data)
{
  wait_limit_ms = limit_seconds * 1000;
  wait_func = func;
  wait_data = user_data;
}

guint
rcv_database_get_wait_limit (void)
{
  return wait_limit_ms / 1000;
}

/* The first column of the first row of `sql`, read on its own statement (not cached). */
gboolean
rcv_database_query_value (RcvDatabase *self,
                          const char  *sql,
                          gint64      *value,
                          GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->handle, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  if (rc != RCV_ROW)
    return rcv_database_error_from_code (error, rc, self->path, sqlite3_errmsg (self->handle));
  return TRUE;
}

gboolean
rcv_database_exec (RcvDatabase *self,
                   const char  *sql,
                   GError     **error)
{
  char *message = NULL;
  int rc;

  g_return_val_if_fail (RCV_IS_DATABASE (self), FALSE);

  rc = sqlite3_exec (self->handle, sql, NULL, NULL, &message);
  if (rc != SQLITE_OK)
    {
      rcv_database_error_from_code (error, rc, self->path, message != NULL ? message : "");
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

/* A file found out of WAL mode is new, or was left so by a bulk import that runs now or was
 * killed (rcv_database_leave_wal ()). SQLite switches only a connection that is alone with
 * the file, and refuses otherwise: this connection then works in the file's present mode,
 * whose locks SQLite keeps as safe as the WAL's, and a later opening switches it back. */
static gboolean
enter_wal (RcvDatabase *self,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean in_wal = FALSE;
  int rc;

  rc = sqlite3_prepare_v2 (self->handle, "PRAGMA journal_mode", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    in_wal = g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "wal") == 0;
  sqlite3_finalize (stmt);
  if (rc != RCV_ROW)
    return rcv_database_error_from_code (error, rc, self->path, sqlite3_errmsg (self->handle));
  if (in_wal)
    return TRUE;

  rcv_database_start_change (self);
  if (!rcv_database_exec (self, "PRAGMA journal_mode = WAL", &local_error))
    g_debug ("%s stays out of WAL mode for now: %s", self->path, local_error->message);
  rcv_database_end_change (self);
  return TRUE;
}

RcvDatabase *
rcv_database_open (const char       *path,
                   RcvDatabaseFlags  flags,
                   GError          **error)
{
  g_autoptr(RcvDatabase) self = NULL;
  gboolean read_only = (flags & RCV_DATABASE_FLAGS_READ_ONLY) != 0;
  gboolean exists;
  goffset size;
  gint64 application_id, user_version, n_objects;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_file (path, &exists, &size, error))
    return NULL;

  if (!exists)
    {
      if (read_only)
        {
          g_set_error (error, RCV_DATABASE_ERROR, RCV_DATABASE_ERROR_IO,
                       _("“%s” does not exist"), path);
          return NULL;
        }
      if (!rcv_database_create_empty_file (path, TRUE, error))
        return NULL;
    }
  else if (size == 0 && !read_only && g_chmod (path, 0600) != 0)
    {
      /* an empty file adopted as a company file is made as private as a new one */
      int saved_errno = errno;
      g_set_error (error, RCV_DATABASE_ERROR, RCV_DATABASE_ERROR_IO,
                   _("“%s” cannot be made private to you: %s"), path, g_strerror (saved_errno));
      return NULL;
    }

  self = g_object_new (RCV_TYPE_DATABASE, NULL);
  self->path = g_strdup (path);
  self->flags = flags;

  rc = sqlite3_open_v2 (path, &self->handle,
                        (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) |
                        SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      rcv_database_error_from_code (error, rc, path,
                           self->handle != NULL ? sqlite3_errmsg (self->handle) : "");
      return NULL;
    }
  /* asked to write a file its permissions (or a read-only disk) keep from us, SQLite opens it
   * for reading: say so, as a reader, rather than fail at the first write */
  if (!read_only && sqlite3_db_readonly (self->handle, "main") == 1)
    {
      read_only = TRUE;
      self->flags |= RCV_DATABASE_FLAGS_READ_ONLY;
    }
  sqlite3_extended_result_codes (self->handle, 1);
  /* a file refused below is left as it is: not even a WAL found beside it is folded in */
  sqlite3_db_config (self->handle, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  sqlite3_busy_handler (self->handle, on_busy, self);
  sqlite3_create_collation (self->handle, "rcv_natural", SQLITE_UTF8, NULL, natural_collation);
  rcv_sql_functions_register (self->handle);
  rcv_bulk_register (self->handle);
  if (g_getenv ("RCV_PROFILE_SQL") != NULL)
    rcv_database_profile_start (self);

  /* SQLite takes a short file without its header for an empty database, and would write
   * over a text file of a few bytes: a file that is not empty must begin with the header */
  if (size > 0 && !has_sqlite_header (self))
    {
      rcv_database_error_from_code (error, SQLITE_NOTADB, path, NULL);
      return NULL;
    }

  /* Reading checks only, nothing written yet. */
  if (!rcv_database_query_value (self, "PRAGMA application_id", &application_id, error) ||
      !rcv_database_query_value (self, "PRAGMA user_version", &user_version, error) ||
      !rcv_database_query_value (self, "SELECT count(*) FROM sqlite_master", &n_objects, error))
    return NULL;

  if ((application_id != 0 && application_id != RCV_APPLICATION_ID) ||
      (application_id == 0 && n_objects > 0))
    {
      g_set_error (error, RCV_DATABASE_ERROR, RCV_DATABASE_ERROR_FOREIGN,
                   _("“%s” is not a Receivables company file: it is an SQLite database of "
                     "another program"), path);
      return NULL;
    }

  if (user_version > RCV_SCHEMA_VERSION)
    {
      g_set_error (error, RCV_DATABASE_ERROR, RCV_DATABASE_ERROR_NEWER_VERSION,
                   _("“%s” was written by a newer version of Receivables (file format %d; "
                     "this version knows up to %d): it was left untouched"),
                   path, (int) user_version, RCV_SCHEMA_VERSION);
      return NULL;
    }

  /* before anything is written, or read for a figure (rcv-database-check.c) */
  if (!rcv_database_check_if_needed (self->handle, path, NULL, NULL, NULL, error))
    return NULL;

  if (read_only)
    {
      if (user_version < RCV_SCHEMA_VERSION)
        {
          g_set_error (error, RCV_DATABASE_ERROR, RCV_DATABASE_ERROR_NEEDS_WRITER,
                       _("“%s” must be opened for writing once to be brought up to date"), path);
          return NULL;
        }
      if (!rcv_database_exec (self, "PRAGMA query_only = ON", error))
        return NULL;
    }
  else
    {
      /* page_size: a new file's pages are 16 KiB, which a million-row import writes about
       * 15 % faster than SQLite's 4 KiB (fewer pages to split, balance and copy); it only
       * takes on a file that has no table yet, so it must come before WAL mode.
       * journal_size_limit: after a million-row import the WAL would otherwise keep its
       * hundreds of megabytes on disk for as long as the app stays open */
      if (!rcv_database_exec (self,
                              "PRAGMA page_size = 16384;"
                              "PRAGMA synchronous = FULL;"
                              "PRAGMA foreign_keys = ON;"
                              "PRAGMA journal_size_limit = 67108864;",
                              error) ||
          !enter_wal (self, error))
        return NULL;

      if (user_version < RCV_SCHEMA_VERSION && !rcv_schema_migrate (self, user_version, error))
        return NULL;

      /* accepted: from now on, the last connection to close folds the WAL into the file */
      sqlite3_db_config (self->handle, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);
    }

  /* A bigger page cache than SQLite's 2 MB default keeps a million-row company's indexes
   * warm; statement journals and sorts stay in memory instead of temporary files. */
  if (!rcv_database_exec (self, "PRAGMA cache_size = -32768; PRAGMA temp_store = MEMORY", error))
    return NULL;

  rcv_database_load_settings (self);
  /* from here on, what this connection commits is told (rcv-database-changes.c) */
  if (!read_only)
    rcv_database_changes_attach (self, self->handle);
  return g_steal_pointer (&self);
}

/* A second, read-only connection to the same file, for a worker thread. */
RcvDatabase *
rcv_database_open_reader (RcvDatabase *self,
                          GError     **error)
{
  g_return_val_if_fail (RCV_IS_DATABASE (self), NULL);

  return rcv_database_open (self->path, RCV_DATABASE_FLAGS_READ_ONLY, error);
}

const char *
rcv_database_get_path (RcvDatabase *self)
{
  g_return_val_if_fail (RCV_IS_DATABASE (self), NULL);

  return self->path;
}

gboolean
rcv_database_is_read_only (RcvDatabase *self)
{
  g_return_val_if_fail (RCV_IS_DATABASE (self), TRUE);

  return (self->flags & RCV_DATABASE_FLAGS_READ_ONLY) != 0;
}

sqlite3 *
rcv_database_get_handle (RcvDatabase *self)
{
  g_return_val_if_fail (RCV_IS_DATABASE (self), NULL);

  return self->handle;
}

/* A cached statement, reset and with its bindings cleared. `sql` must be a string that lives
 * as long as the program (a literal): it is the cache key. */
RcvStatement *
rcv_database_prepare (RcvDatabase *self,
                      const char  *sql,
                      GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RCV_IS_DATABASE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return (RcvStatement *) stmt;
    }

  if (sqlite3_prepare_v3 (self->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) !=
      SQLITE_OK)
    {
      rcv_database_set_error (self, error);
      return NULL;
    }

  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return (RcvStatement *) stmt;
}

/* Steps a statement that returns no row. */
/* The first column of the first row of `sql` with ?1 bound to `parameter` (when the
 * statement has it), or `fallback` when there is no row or the statement fails. For the
 * many one-figure reads: a count, an ID, a setting's number. */
gint64
rcv_database_query_int64 (RcvDatabase *self,
                          const char  *sql,
                          gint64       parameter,
                          gint64       fallback)
{
  RcvStatement *stmt = rcv_database_prepare (self, sql, NULL);
  gint64 value = fallback;

  if (stmt == NULL)
    return fallback;
  if (rcv_statement_parameter_count (stmt) > 0)
    rcv_statement_bind_int64 (stmt, 1, parameter);
  if (rcv_statement_step (stmt) == RCV_ROW && !rcv_statement_column_is_null (stmt, 0))
    value = rcv_statement_column_int64 (stmt, 0);
  rcv_statement_reset (stmt);
  return value;
}

gboolean
rcv_database_step_done (RcvDatabase  *self,
                        RcvStatement *stmt,
                        GError      **error)
{
  int rc = rcv_statement_step (stmt);

  if (rc == RCV_DONE || rc == RCV_ROW)
    {
      rcv_statement_reset (stmt);
      return TRUE;
    }

  rcv_database_set_error (self, error);
  rcv_statement_reset (stmt);
  return FALSE;
}

/* One read transaction for a run of many reads (a dunning run's query per account): every
 * statement sees the same state of the file, whatever another program writes meanwhile, and
 * none takes the file's locks anew. Nothing is written, so no change is stamped. *started
 * says whether this call began it: inside another transaction there is nothing to begin. */
gboolean
rcv_database_begin_read (RcvDatabase *self,
                         gboolean    *started,
                         GError     **error)
{
  g_return_val_if_fail (RCV_IS_DATABASE (self), FALSE);

  *started = FALSE;
  if (self->transaction_depth > 0 || !sqlite3_get_autocommit (self->handle))
    return TRUE;
  if (!rcv_database_exec (self, "BEGIN DEFERRED", error))
    return FALSE;
  *started = TRUE;
  return TRUE;
}

void
rcv_database_end_read (RcvDatabase *self,
                       gboolean     started)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (RCV_IS_DATABASE (self));

  /* a read transaction has nothing to commit: ending it only lets go of the snapshot */
  if (started && !sqlite3_get_autocommit (self->handle) &&
      !rcv_database_exec (self, "ROLLBACK", &error))
    g_warning ("Cannot end a read transaction: %s", error->message);
}

gboolean
rcv_database_begin (RcvDatabase *self,
                    GError     **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (RCV_IS_DATABASE (self), FALSE);

  if (self->transaction_depth == 0)
    sql = g_strdup ("BEGIN IMMEDIATE");
  else
    sql = g_strdup_printf ("SAVEPOINT rcv_%u", self->transaction_depth);

  if (!rcv_database_exec (self, sql, error))
    return FALSE;

  /* BEGIN IMMEDIATE holds the write lock: no other connection changes the file until COMMIT */
  if (self->transaction_depth == 0)
    rcv_database_start_change (self);
  self->transaction_depth++;
  return TRUE;
}

gboolean
rcv_database_commit (RcvDatabase *self,
                     GError     **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (RCV_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (self->transaction_depth > 0, FALSE);

  if (self->transaction_depth == 1)
    sql = g_strdup ("COMMIT");
  else
    sql = g_strdup_printf ("RELEASE rcv_%u", self->transaction_depth - 1);

  if (!rcv_database_exec (self, sql, error))
    return FALSE;

  self->transaction_depth--;
  if (self->transaction_depth == 0)
    {
      rcv_database_end_change (self);
      rcv_database_changes_flush (self);
    }
  return TRUE;
}

void
rcv_database_rollback (RcvDatabase *self)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (RCV_IS_DATABASE (self));
  g_return_if_fail (self->transaction_depth > 0);

  if (self->transaction_depth == 1)
    sql = g_strdup ("ROLLBACK");
  else
    sql = g_strdup_printf ("ROLLBACK TO rcv_%u; RELEASE rcv_%u",
                           self->transaction_depth - 1, self->transaction_depth - 1);

  /* a failed COMMIT may already have ended the transaction */
  if (!sqlite3_get_autocommit (self->handle))
    sqlite3_exec (self->handle, sql, NULL, NULL, NULL);
  self->transaction_depth--;
  /* frames of a transaction that did not commit may stay in the WAL, unread */
  if (self->transaction_depth == 0)
    rcv_database_end_change (self);
}
