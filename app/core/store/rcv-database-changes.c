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

#include "rcv-database-changes-private.h"

typedef struct
{
  gboolean wholesale;   /* past the cap: every row may have changed */
  gboolean normalized;  /* rows sorted by ID, one entry per ID */
  GArray *rows;         /* RcvRowChange, NULL when wholesale */
} TableChanges;

struct _RcvChangeSet
{
  gatomicrefcount ref_count;
  gboolean external;    /* told by the poll: another connection committed */
  gboolean everything;  /* the tables are not known: any of them may have changed */
  GHashTable *tables;   /* interned table name → TableChanges */
};

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

G_DEFINE_BOXED_TYPE (RcvChangeSet, rcv_change_set, rcv_change_set_ref, rcv_change_set_unref)

static void
table_changes_free (gpointer data)
{
  TableChanges *table = data;

  g_clear_pointer (&table->rows, g_array_unref);
  g_free (table);
}

static int
compare_row_changes (gconstpointer a,
                     gconstpointer b)
{
  const RcvRowChange *ra = a, *rb = b;

  return ra->id < rb->id ? -1 : ra->id > rb->id;
}

/* Sorted by ID, the kinds of one ID joined; over the cap, wholesale. */
static void
table_normalize (TableChanges *table)
{
  guint kept = 0;

  if (table->normalized || table->wholesale)
    return;
  g_array_sort (table->rows, compare_row_changes);
  for (guint i = 0; i < table->rows->len; i++)
    {
      RcvRowChange *row = &g_array_index (table->rows, RcvRowChange, i);

      if (kept > 0 && g_array_index (table->rows, RcvRowChange, kept - 1).id == row->id)
        g_array_index (table->rows, RcvRowChange, kept - 1).kind |= row->kind;
      else
        g_array_index (table->rows, RcvRowChange, kept++) = *row;
    }
  g_array_set_size (table->rows, kept);
  table->normalized = TRUE;
  if (kept > RCV_CHANGE_SET_MAX_ROWS)
    {
      table->wholesale = TRUE;
      g_clear_pointer (&table->rows, g_array_unref);
    }
}

static TableChanges *
lookup_table (RcvChangeSet *self,
              const char   *name,
              gboolean      create)
{
  const char *interned = g_intern_string (name);
  TableChanges *table = g_hash_table_lookup (self->tables, interned);

  if (table == NULL && create)
    {
      table = g_new0 (TableChanges, 1);
      table->rows = g_array_new (FALSE, FALSE, sizeof (RcvRowChange));
      table->normalized = TRUE;
      g_hash_table_insert (self->tables, (gpointer) interned, table);
    }
  return table;
}

static void
table_add_row (TableChanges  *table,
               gint64         id,
               RcvChangeKind  kind)
{
  RcvRowChange row = { id, kind };

  if (table->wholesale)
    return;
  g_array_append_val (table->rows, row);
  table->normalized = FALSE;
  /* the same rows written again and again (a batch settling one invoice) are folded first */
  if (table->rows->len > 2 * RCV_CHANGE_SET_MAX_ROWS)
    table_normalize (table);
}

static void
table_set_wholesale (TableChanges *table)
{
  table->wholesale = TRUE;
  g_clear_pointer (&table->rows, g_array_unref);
}

/* Every table's rows in order, so that the set is read without changing it. */
static void
change_set_normalize (RcvChangeSet *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->tables);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    table_normalize (value);
}

/* An empty set, to gather the sets of a burst into (rcv_change_set_merge ()). */
RcvChangeSet *
rcv_change_set_new (void)
{
  RcvChangeSet *self = g_new0 (RcvChangeSet, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->tables = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, table_changes_free);
  return self;
}

/* What another connection committed: unknown, so every table may have changed. */
RcvChangeSet *
rcv_change_set_new_external (void)
{
  RcvChangeSet *self = rcv_change_set_new ();

  self->external = TRUE;
  self->everything = TRUE;
  return self;
}

RcvChangeSet *
rcv_change_set_ref (RcvChangeSet *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
rcv_change_set_unref (RcvChangeSet *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_hash_table_unref (self->tables);
  g_free (self);
}

void
rcv_change_set_add_row (RcvChangeSet  *self,
                        const char    *table,
                        gint64         id,
                        RcvChangeKind  kind)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (table != NULL);

  table_add_row (lookup_table (self, table, TRUE), id, kind);
}

/* The table as changed wholesale: any of its rows may be new, changed or gone. */
void
rcv_change_set_add_table (RcvChangeSet *self,
                          const char   *table)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (table != NULL);

  table_set_wholesale (lookup_table (self, table, TRUE));
}

void
rcv_change_set_merge (RcvChangeSet       *self,
                      const RcvChangeSet *other)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (self != NULL);
  g_return_if_fail (other != NULL);

  self->external |= other->external;
  self->everything |= other->everything;
  g_hash_table_iter_init (&iter, other->tables);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const TableChanges *from = value;
      TableChanges *into = lookup_table (self, key, TRUE);

      if (from->wholesale)
        table_set_wholesale (into);
      else
        for (guint i = 0; i < from->rows->len && !into->wholesale; i++)
          {
            const RcvRowChange *row = &g_array_index (from->rows, RcvRowChange, i);

            table_add_row (into, row->id, row->kind);
          }
    }
}

gboolean
rcv_change_set_is_empty (const RcvChangeSet *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return !self->everything && g_hash_table_size (self->tables) == 0;
}

/* Whether the set comes from another connection's commit (the poll), whose rows are unknown. */
gboolean
rcv_change_set_is_external (const RcvChangeSet *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->external;
}

/* Whether a row of `table` may have changed. */
gboolean
rcv_change_set_touches (const RcvChangeSet *self,
                        const char         *table)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (table != NULL, FALSE);

  return self->everything ||
         g_hash_table_contains (self->tables, g_intern_string (table));
}

/* Whether a row of any of the tables named (up to a NULL) may have changed. */
gboolean
rcv_change_set_touches_any (const RcvChangeSet *self,
                            const char         *table,
                            ...)
{
  va_list args;
  gboolean touched = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);

  va_start (args, table);
  for (const char *name = table; name != NULL && !touched; name = va_arg (args, const char *))
    touched = rcv_change_set_touches (self, name);
  va_end (args);
  return touched;
}

/* Whether the rows of `table` that changed are unknown (too many, or another connection's):
 * a view then reads the table again instead of row by row. */
gboolean
rcv_change_set_is_wholesale (const RcvChangeSet *self,
                             const char         *table)
{
  TableChanges *changes;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (table != NULL, FALSE);

  if (self->everything)
    return TRUE;
  changes = g_hash_table_lookup (self->tables, g_intern_string (table));
  if (changes == NULL)
    return FALSE;
  table_normalize (changes);
  return changes->wholesale;
}

/* What happened to one row: 0 when it did not change, every kind when that is not known. */
RcvChangeKind
rcv_change_set_get_kind (const RcvChangeSet *self,
                         const char         *table,
                         gint64              id)
{
  TableChanges *changes;
  guint lo = 0, hi;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (table != NULL, 0);

  if (rcv_change_set_is_wholesale (self, table))
    return RCV_CHANGE_INSERT | RCV_CHANGE_UPDATE | RCV_CHANGE_DELETE;
  changes = g_hash_table_lookup (self->tables, g_intern_string (table));
  if (changes == NULL)
    return 0;
  hi = changes->rows->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const RcvRowChange *row = &g_array_index (changes->rows, RcvRowChange, mid);

      if (row->id == id)
        return row->kind;
      if (row->id < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return 0;
}

/* The rows of `table` that changed (RcvRowChange, by ID; empty when none did), or NULL when
 * the table changed wholesale. */
GArray *
rcv_change_set_dup_rows (const RcvChangeSet *self,
                         const char         *table)
{
  TableChanges *changes;
  GArray *rows;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (table != NULL, NULL);

  if (rcv_change_set_is_wholesale (self, table))
    return NULL;
  rows = g_array_new (FALSE, FALSE, sizeof (RcvRowChange));
  changes = g_hash_table_lookup (self->tables, g_intern_string (table));
  if (changes != NULL)
    g_array_append_vals (rows, changes->rows->data, changes->rows->len);
  return rows;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/* The tables named, sorted; NULL when any table may have changed. */
char **
rcv_change_set_dup_tables (const RcvChangeSet *self)
{
  g_autoptr(GPtrArray) names = NULL;
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->everything)
    return NULL;
  names = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, self->tables);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (names, g_strdup (key));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

/* “invoices 1, payments 1, allocations all” for the debug log */
char *
rcv_change_set_describe (const RcvChangeSet *self)
{
  g_auto(GStrv) tables = NULL;
  GString *text;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->everything)
    return g_strdup (self->external ? "another connection's commit" : "every table");
  text = g_string_new (NULL);
  tables = rcv_change_set_dup_tables (self);
  for (guint i = 0; tables[i] != NULL; i++)
    {
      TableChanges *changes = g_hash_table_lookup (self->tables, g_intern_string (tables[i]));

      table_normalize (changes);
      if (changes->wholesale)
        g_string_append_printf (text, "%s%s all", i > 0 ? ", " : "", tables[i]);
      else
        g_string_append_printf (text, "%s%s %u", i > 0 ? ", " : "", tables[i],
                                changes->rows->len);
    }
  return g_string_free (text, FALSE);
}

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
  change_set_normalize (changes);
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
      self->last_table = lookup_table (self->pending, table, TRUE);
      self->last_name = g_intern_string (table);
    }
  table_add_row (self->last_table, rowid, kind);
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
      self->last_table = lookup_table (self->pending, table, TRUE);
      /* no row IDs to tell */
      if (g_hash_table_contains (self->no_rowid, self->last_name))
        table_set_wholesale (self->last_table);
    }
  if (operation == SQLITE_INSERT)
    table_add_row (self->last_table, new_rowid, RCV_CHANGE_INSERT);
  else if (operation == SQLITE_DELETE)
    table_add_row (self->last_table, old_rowid, RCV_CHANGE_DELETE);
  else
    {
      table_add_row (self->last_table, old_rowid, RCV_CHANGE_UPDATE);
      if (new_rowid != old_rowid)
        table_add_row (self->last_table, new_rowid, RCV_CHANGE_UPDATE);
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
  table_set_wholesale (lookup_table (self->pending, table, TRUE));
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
