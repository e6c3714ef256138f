/* rcv-bank-page.c - the Bank page: statements imported, their entries waiting for a decision
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Import Statement… (or a file dropped on the page) reads a camt.053/054, MT940 or CSV file,
 * matches its receipts (rcv-bank-match.c) and keeps every entry not imported before in the
 * company file, waiting: nothing is recorded yet. That work runs in a worker thread on a
 * connection of its own (a statement of thousands of entries against a large company takes a
 * second), the page showing that it is importing. A CSV export whose columns are not known
 * opens the columns dialog; once they are kept for its account, the file is imported.
 *
 * The list (a list view: rows only for the entries in sight) shows them surest first, each
 * with its decision and why: Apply Matches records the certain ones in one transaction; Accept
 * (Ctrl+Enter) records one as proposed (a suggestion confirmed); Change… (Record… when no
 * customer is proposed; Enter) opens the payment form with the receipt filled in, to choose
 * the customer and the invoices; Skip (Delete) puts one aside, undone from its toast. The page
 * follows the company file's commits, so a statement imported by receivables-cli shows here
 * too.
 */
#define G_LOG_DOMAIN "rcv-bank-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rcv-bank-columns.h"
#include "rcv-bank-columns-dialog.h"
#include "rcv-bank-item.h"
#include "rcv-bank-match.h"
#include "rcv-bank-page.h"
#include "rcv-bank-row.h"
#include "rcv-database-changes.h"
#include "rcv-database-task.h"
#include "rcv-error.h"
#include "rcv-page-database.h"
#include "rcv-payment-editor.h"
#include "rcv-toast.h"

struct _RcvBankPage
{
  AdwBin parent_instance;

  RcvDatabase *database;
  guint changes_timeout;
  GListStore *waiting;            /* RcvBankItem shown */
  GtkSingleSelection *selection;
  AdwToast *last_toast;           /* weak: the page's toast shown, replaced by the next */
  GCancellable *import;           /* the import running, or NULL */
  struct _ImportData *importing;  /* what it reads, shared with its worker */

  GtkStack *stack;
  GtkLabel *summary_label;
  GtkButton *apply_button;
  GtkListView *list;
  GtkRevealer *busy_revealer;
  GtkLabel *busy_label;
};

G_DEFINE_FINAL_TYPE (RcvBankPage, rcv_bank_page, ADW_TYPE_BIN)

static GtkWindow *
parent_window (RcvBankPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* Entries are decided one after the other: each toast replaces the page's one before it,
 * instead of queueing behind it. */
static void
say (RcvBankPage *self,
     AdwToast    *toast)
{
  if (self->last_toast != NULL)
    {
      adw_toast_dismiss (self->last_toast);
      g_object_remove_weak_pointer (G_OBJECT (self->last_toast), (gpointer *) &self->last_toast);
    }
  self->last_toast = toast;
  g_object_add_weak_pointer (G_OBJECT (toast), (gpointer *) &self->last_toast);
  rcv_toast_add (GTK_WIDGET (self), toast);
}

static RcvBankItem *
item_at (RcvBankPage *self,
         guint        position)
{
  return g_list_model_get_item (G_LIST_MODEL (self->waiting), position);
}

static const RcvBankPending *
find_pending (RcvBankPage *self,
              gint64       entry_id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->waiting));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RcvBankItem) item = item_at (self, i);
      const RcvBankPending *pending = rcv_bank_item_get_pending (item);

      if (pending->id == entry_id)
        return pending;   /* the store holds the item */
    }
  return NULL;
}

/* Reads the waiting entries again and shows them (a few hundred at most in use: a
 * statement's receipts not yet decided). */
void
rcv_bank_page_reload (RcvBankPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) waiting = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = GTK_IS_WINDOW (root) ? gtk_window_get_focus (GTK_WINDOW (root)) : NULL;
  gboolean list_focused = focus != NULL && (focus == GTK_WIDGET (self->list) ||
                                            gtk_widget_is_ancestor (focus,
                                                                    GTK_WIDGET (self->list)));
  guint n_auto = 0, n_suggest = 0;
  guint selected;

  g_return_if_fail (RCV_IS_BANK_PAGE (self));

  selected = gtk_single_selection_get_selected (self->selection);
  if (self->database == NULL)
    {
      g_list_store_remove_all (self->waiting);
      return;
    }
  waiting = rcv_bank_list_pending (self->database, &error);
  if (waiting == NULL)
    {
      g_list_store_remove_all (self->waiting);
      rcv_toast_show_error (GTK_WIDGET (self), _("The bank entries cannot be read"), error);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  for (guint i = 0; i < waiting->len; i++)
    {
      RcvBankPending *pending = g_ptr_array_index (waiting, i);

      n_auto += pending->decision == RCV_BANK_AUTO;
      n_suggest += pending->decision == RCV_BANK_SUGGEST;
      g_ptr_array_add (items, rcv_bank_item_new (pending));
      waiting->pdata[i] = NULL;   /* the item took it */
    }
  g_list_store_splice (self->waiting, 0, g_list_model_get_n_items (G_LIST_MODEL (self->waiting)),
                       items->pdata, items->len);
  /* the entry after the one just decided is where the one decided was, and has the focus if
   * the list had it: deciding entry after entry by keyboard */
  if (items->len > 0)
    {
      selected = selected == GTK_INVALID_LIST_POSITION ? 0 : MIN (selected, items->len - 1);
      gtk_single_selection_set_selected (self->selection, selected);
      if (list_focused)
        {
          gtk_widget_activate_action (GTK_WIDGET (self->list), "list.scroll-to-item", "u",
                                      selected);
          gtk_widget_grab_focus (GTK_WIDGET (self->list));
        }
    }
  {
    g_autofree char *summary =
      /* Translators: the Bank page's summary: all entries waiting, then the certain ones */
      g_strdup_printf (ngettext ("%u entry waiting: %u certain, %u to confirm",
                                 "%u entries waiting: %u certain, %u to confirm",
                                 items->len),
                       items->len, n_auto, n_suggest);
    g_autofree char *apply = g_strdup_printf (ngettext ("_Apply %u Match", "_Apply %u Matches",
                                                        n_auto), n_auto);

    gtk_label_set_text (self->summary_label, summary);
    gtk_button_set_label (self->apply_button, apply);
  }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "bank.apply", n_auto > 0);
  gtk_stack_set_visible_child_name (self->stack, items->len > 0 ? "entries" : "empty");
}

static gboolean
on_changes_timeout (gpointer user_data)
{
  RcvBankPage *self = user_data;

  self->changes_timeout = 0;
  rcv_bank_page_reload (self);
  return G_SOURCE_REMOVE;
}

static void
on_database_changed (RcvBankPage  *self,
                     RcvChangeSet *changes,
                     RcvDatabase  *database)
{
  if (!rcv_change_set_touches_any (changes, "bank_entries", "customers", "settings", NULL))
    return;
  rcv_page_coalesce_changes (self, &self->changes_timeout, on_changes_timeout);
}

void
rcv_bank_page_set_database (RcvBankPage *self,
                            RcvDatabase *database)
{
  g_return_if_fail (RCV_IS_BANK_PAGE (self));

  if (!rcv_page_set_database (self, &self->database, database, &self->changes_timeout,
                              G_CALLBACK (on_database_changed)))
    return;
  rcv_bank_page_reload (self);
}

guint
rcv_bank_page_get_n_waiting (RcvBankPage *self)
{
  g_return_val_if_fail (RCV_IS_BANK_PAGE (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->waiting));
}

/* Whether a statement is being read and matched. */
gboolean
rcv_bank_page_is_importing (RcvBankPage *self)
{
  g_return_val_if_fail (RCV_IS_BANK_PAGE (self), FALSE);

  return self->import != NULL;
}

/* ---- importing, in a worker thread ---------------------------------------------------- */

/* What an import reads, shared by the page and its worker (g_atomic_rc_box_*): the file, read
 * by the worker, or the bytes read before (an import again after naming a CSV's columns). */
typedef struct _ImportData
{
  GFile *file;
  GBytes *data;
  char *name;
} ImportData;

static void
import_data_clear (gpointer pointer)
{
  ImportData *data = pointer;

  g_clear_object (&data->file);
  g_clear_pointer (&data->data, g_bytes_unref);
  g_free (data->name);
}

static void
import_data_unref (gpointer pointer)
{
  g_atomic_rc_box_release_full (pointer, import_data_clear);
}

/* In the worker, on its own connection: read the file, match, keep (nothing recorded); the
 * counts of each decision. A large file is read here in one go, not in the main loop's
 * chunks. */
static gpointer
import_in_thread (RcvDatabase   *connection,
                  gpointer       pointer,
                  GCancellable  *cancellable,
                  GError       **error)
{
  ImportData *data = pointer;
  g_autoptr(RcvBankStatement) statement = NULL;
  g_autoptr(GPtrArray) matches = NULL;
  gsize length = 0;
  const char *bytes;
  gint64 begun = g_get_monotonic_time (), read, matched;
  guint *counts;

  if (data->data == NULL &&
      (data->data = g_file_load_bytes (data->file, cancellable, NULL, error)) == NULL)
    return NULL;
  bytes = g_bytes_get_data (data->data, &length);
  statement = rcv_bank_statement_read (connection, bytes != NULL ? bytes : "", length,
                                       data->name, error);
  if (statement == NULL)
    return NULL;
  read = g_get_monotonic_time ();
  matches = rcv_bank_match_statement (connection, statement, error);
  if (matches == NULL)
    return NULL;
  matched = g_get_monotonic_time ();
  if (!rcv_bank_apply (connection, statement, matches, FALSE, NULL, error))
    return NULL;
  g_debug ("statement of %u entries read in %.3f s, matched in %.3f s, kept in %.3f s",
           statement->entries->len, (read - begun) / 1e6, (matched - read) / 1e6,
           (g_get_monotonic_time () - matched) / 1e6);
  counts = g_new0 (guint, RCV_BANK_DUPLICATE + 1);
  for (guint i = 0; i < matches->len; i++)
    counts[((RcvBankMatch *) g_ptr_array_index (matches, i))->decision]++;
  return counts;
}

static gboolean start_import (RcvBankPage *self,
                              GFile       *file,
                              GBytes      *data,
                              const char  *name);

typedef struct
{
  RcvBankPage *self;
  GBytes *data;
  char *name;
} Retry;

static void
retry_free (gpointer  pointer,
            GClosure *closure)
{
  Retry *retry = pointer;

  g_object_unref (retry->self);
  g_bytes_unref (retry->data);
  g_free (retry->name);
  g_free (retry);
}

static void
on_columns_saved (RcvBankColumnsDialog *dialog,
                  Retry                *retry)
{
  start_import (retry->self, NULL, retry->data, retry->name);
}

/* A CSV export whose columns are not known: the dialog to name them, then the import again. */
static void
ask_for_columns (RcvBankPage *self,
                 GBytes      *data,
                 const char  *name)
{
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  const char *bytes = g_bytes_get_data (data, &length);
  RcvBankCsvLayout *layout = rcv_bank_columns_inspect (self->database, bytes != NULL ? bytes : "",
                                                       length, name, &error);
  RcvBankColumnsDialog *dialog;
  Retry *retry;

  if (layout == NULL)
    {
      rcv_toast_show_error (GTK_WIDGET (self), _("The statement was not imported"), error);
      return;
    }
  dialog = rcv_bank_columns_dialog_new (parent_window (self), self->database, layout, name);
  retry = g_new0 (Retry, 1);
  retry->self = g_object_ref (self);
  retry->data = g_bytes_ref (data);
  retry->name = g_strdup (name);
  g_signal_connect_data (dialog, "saved", G_CALLBACK (on_columns_saved), retry, retry_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
set_importing (RcvBankPage *self,
               const char  *name)
{
  if (name != NULL)
    {
      /* Translators: while a bank statement is read and matched; %s is its file's name */
      g_autofree char *text = g_strdup_printf (_("Importing %s…"), name);

      gtk_label_set_text (self->busy_label, text);
    }
  gtk_revealer_set_reveal_child (self->busy_revealer, name != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "bank.import", name == NULL);
}

static void
on_import_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RcvBankPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree guint *counts = rcv_database_task_finish (RCV_DATABASE (source), result,
                                                       start_import, &error);
  ImportData *data = g_steal_pointer (&self->importing);
  g_autofree char *message = NULL;
  gint64 begun;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      import_data_unref (data);
      return;
    }
  g_clear_object (&self->import);
  set_importing (self, NULL);
  if (counts == NULL)
    {
      if (g_error_matches (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_COLUMNS) && data->data != NULL)
        ask_for_columns (self, data->data, data->name);
      else
        rcv_toast_show_error (GTK_WIDGET (self), _("The statement was not imported"), error);
      import_data_unref (data);
      return;
    }
  /* Translators: after a statement's import: its name, then how its entries were decided (a
   * toast's title is markup: the name is escaped) */
  message = g_markup_printf_escaped (_("%s: %u certain, %u to confirm, %u unknown, %u skipped, "
                                       "%u imported before"), data->name,
                                     counts[RCV_BANK_AUTO], counts[RCV_BANK_SUGGEST],
                                     counts[RCV_BANK_NONE], counts[RCV_BANK_SKIP],
                                     counts[RCV_BANK_DUPLICATE]);
  import_data_unref (data);
  say (self, adw_toast_new (message));
  /* the worker's commit was told before this callback: read once, now */
  begun = g_get_monotonic_time ();
  g_clear_handle_id (&self->changes_timeout, g_source_remove);
  rcv_bank_page_reload (self);
  g_debug ("%u entries listed in %.3f s", rcv_bank_page_get_n_waiting (self),
           (g_get_monotonic_time () - begun) / 1e6);
}

/* Starts reading `file` (or `data`, read before) in a worker; FALSE when another import runs
 * or there is no company file. */
static gboolean
start_import (RcvBankPage *self,
              GFile       *file,
              GBytes      *data,
              const char  *name)
{
  ImportData *import;

  if (self->database == NULL || self->import != NULL)
    return FALSE;
  import = g_atomic_rc_box_new0 (ImportData);
  import->file = file != NULL ? g_object_ref (file) : NULL;
  import->data = data != NULL ? g_bytes_ref (data) : NULL;
  import->name = g_strdup (name);
  self->importing = g_atomic_rc_box_acquire (import);
  self->import = g_cancellable_new ();
  set_importing (self, name);
  rcv_database_task_run (self->database, RCV_DATABASE_FLAGS_NONE, import_in_thread, import,
                         import_data_unref, g_free, start_import, self->import, on_import_done,
                         g_object_ref (self));
  return TRUE;
}

/* Reads, matches and keeps a statement's entries, in a worker thread; the toast says what came
 * of it, or why the file was refused (with its line or element). FALSE when it cannot start
 * (another import running, no company file). */
gboolean
rcv_bank_page_import_file (RcvBankPage *self,
                           GFile       *file)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (RCV_IS_BANK_PAGE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  name = g_file_get_basename (file);
  return start_import (self, file, NULL, name);
}

static void
on_import_response (GtkNativeDialog *dialog,
                    int              response,
                    RcvBankPage     *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        rcv_bank_page_import_file (self, file);
    }
  g_object_unref (dialog);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RcvBankPage *self = RCV_BANK_PAGE (widget);
  GtkFileChooserNative *dialog =
    gtk_file_chooser_native_new (_("Import a Bank Statement"), parent_window (self),
                                 GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  GtkFileFilter *statements = gtk_file_filter_new ();
  GtkFileFilter *all = gtk_file_filter_new ();

  gtk_file_filter_set_name (statements, _("Bank statements (camt, MT940, CSV)"));
  for (const char *const *p = (const char *const[]) { "*.xml", "*.XML", "*.sta", "*.STA",
                                                       "*.mt940", "*.940", "*.txt", "*.csv",
                                                       "*.CSV", NULL }; *p != NULL; p++)
    gtk_file_filter_add_pattern (statements, *p);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), statements);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), all);
  g_object_unref (statements);
  g_object_unref (all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_import_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  RcvBankPage *self = RCV_BANK_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint recorded = 0;

  if (!rcv_bank_apply_pending (self->database, &recorded, &error))
    {
      rcv_toast_show_error (GTK_WIDGET (self), _("Nothing was recorded"), error);
      return;
    }
  message = g_strdup_printf (ngettext ("%u payment recorded", "%u payments recorded", recorded),
                             recorded);
  say (self, adw_toast_new (message));
  rcv_bank_page_reload (self);
}

static void
confirm_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RcvBankPage *self = RCV_BANK_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (!rcv_bank_confirm (self->database, g_variant_get_int64 (parameter), NULL, &error))
    {
      rcv_toast_show_error (GTK_WIDGET (self), _("The payment was not recorded"), error);
      return;
    }
  say (self, adw_toast_new (_("Payment recorded")));
  rcv_bank_page_reload (self);
}

/* Undo holds the company file, not the page: the page follows the commit by itself. */
static void
on_undo_skip (AdwToast *toast,
              gpointer  user_data)
{
  RcvDatabase *database = g_object_get_data (G_OBJECT (toast), "rcv-database");
  gint64 id = (gint64) GPOINTER_TO_SIZE (user_data);

  if (database != NULL)
    rcv_bank_unskip (database, id, NULL);
}

static void
skip_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RcvBankPage *self = RCV_BANK_PAGE (widget);
  g_autoptr(GError) error = NULL;
  gint64 id = g_variant_get_int64 (parameter);
  AdwToast *toast;

  if (!rcv_bank_skip (self->database, id, &error))
    {
      rcv_toast_show_error (GTK_WIDGET (self), _("The entry was not skipped"), error);
      return;
    }
  toast = adw_toast_new (_("Entry skipped"));
  adw_toast_set_button_label (toast, _("_Undo"));
  g_object_set_data_full (G_OBJECT (toast), "rcv-database", g_object_ref (self->database),
                          g_object_unref);
  g_signal_connect (toast, "button-clicked", G_CALLBACK (on_undo_skip),
                    GSIZE_TO_POINTER ((gsize) id));
  say (self, toast);
  rcv_bank_page_reload (self);
}

typedef struct
{
  RcvBankPage *self;
  gint64 entry_id;
} FormContext;

static void
on_form_saved (RcvPaymentEditor *editor,
               gint64            payment_id,
               FormContext      *context)
{
  g_autoptr(GError) error = NULL;

  if (!rcv_bank_mark_recorded (context->self->database, context->entry_id, payment_id, &error))
    rcv_toast_show_error (GTK_WIDGET (context->self), _("The entry is still waiting"), error);
  rcv_bank_page_reload (context->self);
}

static void
form_context_free (gpointer data,
                   GClosure *closure)
{
  FormContext *context = data;

  g_object_unref (context->self);
  g_free (context);
}

static void
record_form_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RcvBankPage *self = RCV_BANK_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  const RcvBankPending *pending = find_pending (self, id);
  g_autoptr(GError) error = NULL;
  RcvPaymentEditor *editor;
  FormContext *context;

  if (pending == NULL)
    return;
  editor = rcv_payment_editor_new (parent_window (self), self->database, pending->customer_id,
                                   &error);
  if (editor == NULL)
    {
      rcv_toast_show_error (GTK_WIDGET (self), _("The payment form cannot be opened"), error);
      return;
    }
  rcv_payment_editor_set_receipt (editor, &pending->date, pending->amount, pending->entry_key);
  context = g_new0 (FormContext, 1);
  context->self = g_object_ref (self);
  context->entry_id = id;
  g_signal_connect_data (editor, "saved", G_CALLBACK (on_form_saved), context,
                         form_context_free, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         RcvBankPage   *self)
{
  if (!G_VALUE_HOLDS (value, G_TYPE_FILE))
    return FALSE;
  return rcv_bank_page_import_file (self, g_value_get_object (value));
}

/* ---- the list, and the keys acting on its entry selected ------------------------------- */

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           RcvBankPage              *self)
{
  gtk_list_item_set_child (list_item, rcv_bank_row_new ());
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          RcvBankPage              *self)
{
  rcv_bank_row_set_item (RCV_BANK_ROW (gtk_list_item_get_child (list_item)),
                         gtk_list_item_get_item (list_item),
                         rcv_database_get_currency (self->database));
}

/* Enter (or a double click) on an entry: the payment form. */
static void
on_list_activated (RcvBankPage *self,
                   guint        position)
{
  g_autoptr(RcvBankItem) item = item_at (self, position);

  if (item != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "bank.record-form", "x",
                                rcv_bank_item_get_pending (item)->id);
}

/* Ctrl+Enter accepts the entry selected (when a customer is proposed), Delete skips it. */
static void
selected_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RcvBankPage *self = RCV_BANK_PAGE (widget);
  RcvBankItem *item = gtk_single_selection_get_selected_item (self->selection);
  const RcvBankPending *pending;

  if (item == NULL)
    return;
  pending = rcv_bank_item_get_pending (item);
  if (g_str_equal (action_name, "bank.accept-selected"))
    {
      if (pending->customer_id > 0)
        gtk_widget_activate_action (widget, "bank.confirm", "x", pending->id);
      else
        gtk_widget_activate_action (widget, "bank.record-form", "x", pending->id);
    }
  else
    gtk_widget_activate_action (widget, "bank.skip", "x", pending->id);
}

static void
rcv_bank_page_dispose (GObject *object)
{
  RcvBankPage *self = RCV_BANK_PAGE (object);

  rcv_cancel_and_clear (&self->import);
  g_clear_pointer (&self->importing, import_data_unref);
  g_clear_handle_id (&self->changes_timeout, g_source_remove);
  if (self->last_toast != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->last_toast), (gpointer *) &self->last_toast);
  self->last_toast = NULL;
  if (self->database != NULL)
    g_signal_handlers_disconnect_by_data (self->database, self);
  g_clear_object (&self->database);
  gtk_widget_dispose_template (GTK_WIDGET (self), RCV_TYPE_BANK_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->waiting);

  G_OBJECT_CLASS (rcv_bank_page_parent_class)->dispose (object);
}

static void
rcv_bank_page_class_init (RcvBankPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rcv_bank_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/receivables/Receivables/"
                                               "rcv-bank-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RcvBankPage, stack);
  gtk_widget_class_bind_template_child (widget_class, RcvBankPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, RcvBankPage, apply_button);
  gtk_widget_class_bind_template_child (widget_class, RcvBankPage, list);
  gtk_widget_class_bind_template_child (widget_class, RcvBankPage, busy_revealer);
  gtk_widget_class_bind_template_child (widget_class, RcvBankPage, busy_label);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activated);

  gtk_widget_class_install_action (widget_class, "bank.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "bank.apply", NULL, apply_action);
  gtk_widget_class_install_action (widget_class, "bank.confirm", "x", confirm_action);
  gtk_widget_class_install_action (widget_class, "bank.record-form", "x", record_form_action);
  gtk_widget_class_install_action (widget_class, "bank.skip", "x", skip_action);
  gtk_widget_class_install_action (widget_class, "bank.accept-selected", NULL, selected_action);
  gtk_widget_class_install_action (widget_class, "bank.skip-selected", NULL, selected_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "bank.accept-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "bank.accept-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "bank.skip-selected",
                                       NULL);
}

static void
rcv_bank_page_init (RcvBankPage *self)
{
  GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "bank.apply", FALSE);

  self->waiting = g_list_store_new (RCV_TYPE_BANK_ITEM);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->waiting)));
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_row), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_row), self, 0);
  gtk_list_view_set_factory (self->list, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list, GTK_SELECTION_MODEL (self->selection));
}
