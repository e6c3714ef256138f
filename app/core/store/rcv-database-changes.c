/* rcv-database-changes.c - what a commit changed: tables, rows and kinds, for views to follow
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A writing connection gathers the rows its transaction writes through SQLite's update hook
 * (table, rowid, insert/update/delete), moves them aside when the transaction commits (the
 * commit hook) and drops them when it rolls back (the rollback hook). The outermost
 * rcv_database_commit () then emits RcvDatabase::changed with them, on the thread that owns
 * the connection; a write that committed on its own (a statement outside a transaction) is
 * told from an idle callback of that thread's main context. Past RCV_CHANGE_SET_MAX_ROWS rows
 * a table counts as changed wholesale, so that a million-row import costs a flag, not a
 * million entries.
 *
 * Another program's commits (the daily check, receivables-cli, a second window) leave no trace
 * in this connection's hooks: rcv_database_poll_changes () asks SQLite's PRAGMA data_version,
 * which moves when another connection has committed, and emits a set that may be anything.
 *
 * Where SQLite has its pre-update hook (RCV_HAVE_PREUPDATE_HOOK, Debian's library does), that
 * hook gathers the rows: it sees every table, those WITHOUT ROWID too (settings, levels,
 * invoice lines, letter items, instalments: told as changed wholesale, having no row IDs),
 * rows a REPLACE pushes out, and a DELETE without WHERE row by row. Elsewhere the update hook
 * does, which sees none of those; rcv_database_set_setting () then tells its table itself.
 */
#define G_LOG_DOMAIN "rcv-database"

#ifdef RCV_HAVE_PREUPDATE_HOOK
#define SQLITE_ENABLE_PREUPDATE_HOOK
#endif

#include "config.h"

#include <string.h>

#include "rcv-change-set-private.h"
#include "rcv-database-changes-private.h"

typedef struct
{
  RcvDatabase *db;          /* not a reference: the state lives and dies with it */
  sqlite3 *handle;
  RcvChangeSet *pending;    /* of the transaction under way */
  RcvChangeSet *committed;  /* committed, not told yet */
  const char *last_name;    /* the update hook's last table, and its changes: an import */
  TableChanges *last_table; /* writes one table a million times in a row */
  GMainContext *context;    /* of the thread that opened the connection */
  GSource *idle;            /* tells a commit made outside rcv_database_commit () */
  gint64 data_version;      /* PRAGMA data_version as last polled */
  GHashTable *no_rowid;     /* interned names of the tables WITHOUT ROWID */
  gboolean recording;       /* a worker's connection: its sets are kept for its owner */
  RcvChangeSet *recorded;
} Changes;

enum
{
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- the connection's side --------------------------------------------------------- */

static GQuark
changes_quark (void)
{
  return g_quark_from_static_string ("rcv-database-changes");
}

static Changes *
get_changes (RcvDatabase *db)
{
  return g_object_get_qdata (G_OBJECT (db), changes_quark ());
}

static void
changes_free (gpointer data)
{
  Changes *self = data;

  if (self->idle != NULL)
    {
      g_source_destroy (self->idle);
      g_source_unref (self->idle);
    }
  g_clear_pointer (&self->pending, rcv_change_set_unref);
  g_clear_pointer (&self->committed, rcv_change_set_unref);
  g_clear_pointer (&self->recorded, rcv_change_set_unref);
  g_clear_pointer (&self->no_rowid, g_hash_table_unref);
  g_main_context_unref (self->context);
  g_free (self);
}

static void
emit (Changes      *self,
      RcvChangeSet *changes)
{
  g_autoptr(RcvChangeSet) owned = changes;

  if (rcv_change_set_is_empty (changes))
    return;
  if (self->recording)
    {
      if (self->recorded == NULL)
        self->recorded = rcv_change_set_new ();
      rcv_change_set_merge (self->recorded, changes);
      return;
    }
  rcv_change_set_normalize (changes);
  if (g_signal_has_handler_pending (self->db, signals[SIGNAL_CHANGED], 0, FALSE))
    {
      g_autofree char *description = rcv_change_set_describe (changes);

      g_debug ("%s: changed: %s", rcv_database_get_path (self->db), description);
      g_signal_emit (self->db, signals[SIGNAL_CHANGED], 0, changes);
    }
}

static void
flush (Changes *self)
{
  RcvChangeSet *committed;

  if (self->committed == NULL)
    return;
  committed = g_steal_pointer (&self->committed);
  emit (self, committed);
}

static gboolean
on_idle (gpointer user_data)
{
  Changes *self = user_data;

  g_clear_pointer (&self->idle, g_source_unref);
  flush (self);
  return G_SOURCE_REMOVE;
}

#ifndef RCV_HAVE_PREUPDATE_HOOK
/* SQLite's update hook: one row of the open transaction (or of a statement on its own). */
static void
on_update (void          *user_data,
           int            operation,
           const char    *database,
           const char    *table,
           sqlite3_int64  rowid)
{
  Changes *self = user_data;
  RcvChangeKind kind = operation == SQLITE_INSERT ? RCV_CHANGE_INSERT
                       : operation == SQLITE_DELETE ? RCV_CHANGE_DELETE : RCV_CHANGE_UPDATE;

  /* the temporary tables are the connection's own, and no view shows them */
  if (strcmp (database, "main") != 0)
    return;
  if (self->pending == NULL)
    self->pending = rcv_change_set_new ();
  /* a million rows of one table in a row: the name is compared, not looked up */
  if (self->last_table == NULL || strcmp (table, self->last_name) != 0)
    {
      self->last_table = rcv_change_set_lookup_table (self->pending, table, TRUE);
      self->last_name = g_intern_string (table);
    }
  rcv_change_set_table_add_row (self->last_table, rowid, kind);
}
#endif

#ifdef RCV_HAVE_PREUPDATE_HOOK
/* SQLite's pre-update hook, before each row's change: the old row ID of an update or a
 * delete, the new one of an insert (an update that moves a row's ID is both). */
static void
on_preupdate (void          *user_data,
              sqlite3       *handle,
              int            operation,
              const char    *database,
              const char    *table,
              sqlite3_int64  old_rowid,
              sqlite3_int64  new_rowid)
{
  Changes *self = user_data;

  if (strcmp (database, "main") != 0)
    return;
  if (self->pending == NULL)
    self->pending = rcv_change_set_new ();
  if (self->last_table == NULL || strcmp (table, self->last_name) != 0)
    {
      self->last_name = g_intern_string (table);
      self->last_table = rcv_change_set_lookup_table (self->pending, table, TRUE);
      /* no row IDs to tell */
      if (g_hash_table_contains (self->no_rowid, self->last_name))
        rcv_change_set_table_set_wholesale (self->last_table);
    }
  if (operation == SQLITE_INSERT)
    rcv_change_set_table_add_row (self->last_table, new_rowid, RCV_CHANGE_INSERT);
  else if (operation == SQLITE_DELETE)
    rcv_change_set_table_add_row (self->last_table, old_rowid, RCV_CHANGE_DELETE);
  else
    {
      rcv_change_set_table_add_row (self->last_table, old_rowid, RCV_CHANGE_UPDATE);
      if (new_rowid != old_rowid)
        rcv_change_set_table_add_row (self->last_table, new_rowid, RCV_CHANGE_UPDATE);
    }
}

static GHashTable *
read_no_rowid_tables (sqlite3 *handle)
{
  GHashTable *names = g_hash_table_new (g_direct_hash, g_direct_equal);
  sqlite3_stmt *stmt = NULL;

  /* PRAGMA table_list (SQLite 3.37) says it in a column: "wr" is 1 WITHOUT ROWID */
  if (sqlite3_prepare_v2 (handle, "SELECT name FROM pragma_table_list WHERE schema = 'main'"
                          " AND wr = 1", -1, &stmt, NULL) == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_hash_table_add (names, (gpointer) g_intern_string ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  return names;
}
#endif

/* A write the hooks do not see (the update hook and a table WITHOUT ROWID): the table as
 * changed wholesale in the transaction under way. */
void
rcv_database_changes_note_table (RcvDatabase *db,
                                 const char  *table)
{
  Changes *self;

  g_return_if_fail (RCV_IS_DATABASE (db));

  self = get_changes (db);
  if (self == NULL)
    return;
  if (self->pending == NULL)
    self->pending = rcv_change_set_new ();
  rcv_change_set_table_set_wholesale (rcv_change_set_lookup_table (self->pending, table, TRUE));
}

static void
drop_pending (Changes *self)
{
  g_clear_pointer (&self->pending, rcv_change_set_unref);
  self->last_table = NULL;
  self->last_name = NULL;
}

/* SQLite's commit hook, inside the COMMIT: the rows are set aside, to be told once it is
 * over (a signal handler may read the file again, which it cannot do from here). */
static int
on_commit (void *user_data)
{
  Changes *self = user_data;

  if (self->pending == NULL)
    return 0;
  if (self->committed == NULL)
    self->committed = g_steal_pointer (&self->pending);
  else
    {
      rcv_change_set_merge (self->committed, self->pending);
      g_clear_pointer (&self->pending, rcv_change_set_unref);
    }
  self->last_table = NULL;
  self->last_name = NULL;
  /* a statement that committed on its own is told from the main loop; after
   * rcv_database_commit () flush () has told it already and the idle finds nothing */
  if (self->idle == NULL)
    {
      self->idle = g_idle_source_new ();
      g_source_set_priority (self->idle, G_PRIORITY_DEFAULT);
      g_source_set_callback (self->idle, on_idle, self, NULL);
      g_source_set_static_name (self->idle, "[rcv] database changes");
      g_source_attach (self->idle, self->context);
    }
  return 0;
}

static void
on_rollback (void *user_data)
{
  drop_pending (user_data);
}

void
rcv_database_changes_class_init (GObjectClass *object_class)
{
  /**
   * RcvDatabase::changed:
   * @changes: an RcvChangeSet: the tables, rows and kinds a commit wrote, or, from
   *   rcv_database_poll_changes (), another connection's commit of unknown rows
   *
   * Emitted on the thread that owns the connection, after the commit.
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (object_class), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1,
                  RCV_TYPE_CHANGE_SET | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static gint64
query_data_version (sqlite3 *handle)
{
  sqlite3_stmt *stmt = NULL;
  gint64 version = -1;

  if (sqlite3_prepare_v2 (handle, "PRAGMA data_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

void
rcv_database_changes_attach (RcvDatabase *db,
                             sqlite3     *handle)
{
  Changes *self;

  g_return_if_fail (RCV_IS_DATABASE (db));

  self = g_new0 (Changes, 1);
  self->db = db;
  self->handle = handle;
  self->context = g_main_context_ref_thread_default ();
  self->data_version = query_data_version (handle);
  g_object_set_qdata_full (G_OBJECT (db), changes_quark (), self, changes_free);
#ifdef RCV_HAVE_PREUPDATE_HOOK
  self->no_rowid = read_no_rowid_tables (handle);
  sqlite3_preupdate_hook (handle, on_preupdate, self);
#else
  sqlite3_update_hook (handle, on_update, self);
#endif
  sqlite3_commit_hook (handle, on_commit, self);
  sqlite3_rollback_hook (handle, on_rollback, self);
}

void
rcv_database_changes_flush (RcvDatabase *db)
{
  Changes *self = get_changes (db);

  if (self != NULL)
    flush (self);
}

/* Whether another connection (another program, a second window, a worker's writing
 * connection) committed since the last poll; if so, RcvDatabase::changed is emitted with a
 * set that may be anything. Cheap (PRAGMA data_version reads the WAL's index, not the file):
 * for a window's timer and its focus. */
gboolean
rcv_database_poll_changes (RcvDatabase *db)
{
  Changes *self;
  gint64 version;

  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);

  self = get_changes (db);
  if (self == NULL)
    return FALSE;
  version = query_data_version (self->handle);
  if (version < 0 || version == self->data_version)
    return FALSE;
  self->data_version = version;
  g_debug ("%s: another connection committed", rcv_database_get_path (db));
  emit (self, rcv_change_set_new_external ());
  return TRUE;
}

/* ---- a worker's writing connection ------------------------------------------------- */

void
rcv_database_changes_record (RcvDatabase *worker)
{
  Changes *self;

  g_return_if_fail (RCV_IS_DATABASE (worker));

  self = get_changes (worker);
  if (self != NULL)
    self->recording = TRUE;
}

/* What the worker committed (NULL: nothing); the statements that committed on their own are
 * in it too. */
RcvChangeSet *
rcv_database_changes_steal_recorded (RcvDatabase *worker)
{
  Changes *self;

  g_return_val_if_fail (RCV_IS_DATABASE (worker), NULL);

  self = get_changes (worker);
  if (self == NULL)
    return NULL;
  flush (self);
  return g_steal_pointer (&self->recorded);
}

/* Whether the owner's connection has seen every other connection's commit so far. */
gboolean
rcv_database_changes_is_current (RcvDatabase *owner)
{
  Changes *self;

  g_return_val_if_fail (RCV_IS_DATABASE (owner), FALSE);

  self = get_changes (owner);
  return self != NULL && query_data_version (self->handle) == self->data_version;
}

/* A worker's task on the owner's file is done: what it committed is told on the owner's
 * connection as its own (exactly, table by table, so that a page shows what changed and a
 * check that only wrote its alerts costs no page a read), and the file's data version it
 * moved is taken as seen. When the owner had not seen every commit when the task began, the
 * version is left for the next poll to find. An other program's commit in the moments the
 * task ran is then taken for the worker's: told with the next one. */
void
rcv_database_changes_absorb (RcvDatabase  *owner,
                             gboolean      was_current,
                             RcvChangeSet *worker_changes)
{
  Changes *self;

  g_return_if_fail (RCV_IS_DATABASE (owner));

  self = get_changes (owner);
  if (self == NULL)
    return;
  if (was_current)
    self->data_version = query_data_version (self->handle);
  if (worker_changes != NULL)
    emit (self, rcv_change_set_ref (worker_changes));
}
