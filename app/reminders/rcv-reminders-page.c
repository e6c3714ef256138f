/* rcv-reminders-page.c - the letters due as of a date: choose, preview, print, save, record
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The run (rcv-dunning.c) is read in a worker thread; its letters (RcvLetterItem) fill a lazy
 * list of rows (RcvLetterRow) with a check box each, all chosen at first. The chosen letters
 * are printed, saved as one PDF or recorded as sent by rcv-reminders-batch.c. The letter
 * previewed can go out at another level of its policy than the one suggested (the level
 * drop-down under the preview); the log records the level it was sent at. A letter
 * whose address may not reach its addressee through a window envelope (no town, no country,
 * too big for the window: rcv_letter_check_address ()) has a warning sign on its row, and the
 * chosen ones are named above the list before they are printed or saved.
 */
#define G_LOG_DOMAIN "receivables"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rcv-company-letterhead.h"
#include "rcv-database-changes.h"
#include "rcv-database-task.h"
#include "rcv-date-button.h"
#include "rcv-date.h"
#include "rcv-dunning.h"
#include "rcv-letter-preview.h"
#include "rcv-letter-row.h"
#include "rcv-letter.h"
#include "rcv-list-page.h"
#include "rcv-page-database.h"
#include "rcv-plain-text.h"
#include "rcv-reminders-page-private.h"
#include "rcv-toast.h"

G_DEFINE_FINAL_TYPE (RcvRemindersPage, rcv_reminders_page, GTK_TYPE_WIDGET)

static RcvLetterItem *
item_at (RcvRemindersPage *self,
         guint             position)
{
  return g_list_model_get_item (G_LIST_MODEL (self->letters), position);
}

/* The chosen letters, in list order (borrowed from items the array holds). */
GPtrArray *
rcv_reminders_page_chosen_items (RcvRemindersPage *self)
{
  GPtrArray *chosen = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->letters));

  for (guint i = 0; i < n; i++)
    {
      RcvLetterItem *item = item_at (self, i);

      if (rcv_letter_item_get_chosen (item))
        g_ptr_array_add (chosen, item);
      else
        g_object_unref (item);
    }
  return chosen;
}

gboolean
rcv_reminders_page_is_busy (RcvRemindersPage *self)
{
  return self->batch != NULL;
}

void
rcv_reminders_page_update_actions (RcvRemindersPage *self)
{
  guint n_chosen = rcv_reminders_page_get_n_selected (self);
  guint n_pages = rcv_letter_preview_get_n_pages (self->preview);
  guint page = rcv_letter_preview_get_page (self->preview);
  gboolean idle = !rcv_reminders_page_is_busy (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reminders.save-pdf", n_chosen > 0 && idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reminders.print", n_chosen > 0 && idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reminders.record", n_chosen > 0 && idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reminders.send-email",
                                 n_chosen > 0 && idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reminders.compose",
                                 gtk_single_selection_get_selected_item (self->selection) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reminders.cancel", !idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reminders.previous-page", page > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reminders.next-page", page + 1 < n_pages);
  gtk_widget_set_sensitive (GTK_WIDGET (self->level_drop_down),
                            idle &&
                            gtk_single_selection_get_selected_item (self->selection) != NULL);
}

/* Names the chosen letters whose address may not reach the customer, before they go out. */
static void
update_address_warning (RcvRemindersPage *self,
                        GPtrArray        *chosen)
{
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *text = NULL;
  guint n = 0;

  for (guint i = 0; i < chosen->len; i++)
    {
      RcvLetterItem *item = g_ptr_array_index (chosen, i);

      if (rcv_letter_item_get_problem (item) == NULL)
        continue;
      if (n < 5)
        g_string_append_printf (names, "%s%s", n > 0 ? ", " : "",
                                rcv_letter_item_get_letter (item)->name);
      else if (n == 5)
        g_string_append (names, ", …");
      n++;
    }
  if (n > 0)
    /* Translators: above the list of reminder letters; %u is a number of chosen letters, %s
     * the customers' names */
    text = g_strdup_printf (ngettext ("%u chosen letter may not reach its addressee: %s. Its "
                                      "warning sign tells what is wrong with the address.",
                                      "%u chosen letters may not reach their addressees: %s. "
                                      "Their warning signs tell what is wrong with each address.",
                                      n),
                            n, names->str);
  gtk_label_set_text (self->address_label, text != NULL ? text : "");
  gtk_revealer_set_reveal_child (self->address_revealer, text != NULL);
}

static void
update_summary (RcvRemindersPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->letters));
  g_autoptr(GPtrArray) chosen = rcv_reminders_page_chosen_items (self);
  g_autofree char *amount = NULL;
  g_autofree char *text = NULL;
  gint64 total = 0;

  for (guint i = 0; i < chosen->len; i++)
    total += rcv_letter_item_get_letter (g_ptr_array_index (chosen, i))->total;
  if (self->database != NULL)
    amount = rcv_money_format (total, rcv_database_get_currency (self->database));
  if (n > 0)
    /* Translators: the reminders page's summary: letters due, chosen, amount asked for */
    text = g_strdup_printf (ngettext ("%u letter due, %u chosen, asking for %s",
                                      "%u letters due, %u chosen, asking for %s", n),
                            n, chosen->len, amount);
  gtk_label_set_text (self->summary_label, text != NULL ? text : "");
  update_address_warning (self, chosen);
  rcv_reminders_page_update_actions (self);
}

static void
update_page_label (RcvRemindersPage *self)
{
  guint n_pages = rcv_letter_preview_get_n_pages (self->preview);
  g_autofree char *text = NULL;

  if (n_pages > 0)
    /* Translators: the preview's page: "Page 1 of 2" */
    text = g_strdup_printf (_("Page %u of %u"), rcv_letter_preview_get_page (self->preview) + 1,
                            n_pages);
  gtk_label_set_text (self->page_label, text != NULL ? text : "");
  rcv_reminders_page_update_actions (self);
}

/* The previewed letter's policy levels, "2. Second reminder", the suggested one marked. */
static void
show_level (RcvRemindersPage       *self,
            const RcvDunningLetter *letter)
{
  g_autoptr(GtkStringList) levels = gtk_string_list_new (NULL);

  self->showing_level = TRUE;
  for (guint i = 0; letter != NULL && i < letter->policy->levels->len; i++)
    {
      const char *title = rcv_reminder_level_title (letter->policy, i);
      g_autofree char *text = i + 1 == letter->suggested_level
        /* Translators: a reminder level to send a letter at, the one the rules give */
        ? g_strdup_printf (_("%u. %s (next in turn)"), i + 1, title)
        /* Translators: a reminder level to send a letter at */
        : g_strdup_printf (_("%u. %s"), i + 1, title);

      gtk_string_list_append (levels, text);
    }
  gtk_drop_down_set_model (self->level_drop_down, G_LIST_MODEL (levels));
  if (letter != NULL)
    gtk_drop_down_set_selected (self->level_drop_down, letter->level - 1);
  self->showing_level = FALSE;
}

static void
on_selection_changed (RcvRemindersPage *self)
{
  RcvLetterItem *item = gtk_single_selection_get_selected_item (self->selection);

  const RcvDunningLetter *letter = item != NULL ? rcv_letter_item_get_letter (item) : NULL;

  rcv_letter_preview_set_letter (self->preview, self->head, letter);
  show_level (self, letter);
  update_page_label (self);
}

/* The user sends the previewed letter at another level: its text, fee, deadline and claims
 * become that level's, and its row, preview and the summary follow. */
static void
on_level_selected (RcvRemindersPage *self)
{
  RcvLetterItem *item = gtk_single_selection_get_selected_item (self->selection);
  guint position = gtk_single_selection_get_selected (self->selection);
  guint level = gtk_drop_down_get_selected (self->level_drop_down) + 1;
  g_autoptr(GError) error = NULL;

  const RcvDunningLetter *letter = item != NULL ? rcv_letter_item_get_letter (item) : NULL;

  if (self->showing_level || item == NULL || level == 0 || level == letter->level ||
      rcv_reminders_page_is_busy (self))
    return;
  /* the run is the page's own: no worker reads it while no batch is being written */
  if (!rcv_dunning_letter_set_level ((RcvDunningLetter *) letter, level, &error))
    {
      rcv_reminders_page_toast (self, error->message, FALSE);
      show_level (self, letter);
      return;
    }
  g_list_model_items_changed (G_LIST_MODEL (self->letters), position, 1, 1);
  rcv_letter_preview_set_letter (self->preview, self->head, letter);
  update_page_label (self);
  update_summary (self);
}

/* ---- the rows (rcv-letter-row.c) ---------------------------------------------------- */

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           RcvRemindersPage         *self)
{
  RcvLetterRow *row = rcv_letter_row_new ();

  g_signal_connect_object (row, "toggled", G_CALLBACK (update_summary), self,
                           G_CONNECT_SWAPPED);
  gtk_list_item_set_child (list_item, GTK_WIDGET (row));
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          RcvRemindersPage         *self)
{
  rcv_letter_row_set_item (RCV_LETTER_ROW (gtk_list_item_get_child (list_item)),
                           gtk_list_item_get_item (list_item),
                           rcv_database_get_currency (self->database));
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            RcvRemindersPage         *self)
{
  rcv_letter_row_set_item (RCV_LETTER_ROW (gtk_list_item_get_child (list_item)), NULL, NULL);
}

/* Enter (or a double click) on a row includes or leaves out its letter. */
static void
on_list_activated (RcvRemindersPage *self,
                   guint             position)
{
  g_autoptr(RcvLetterItem) item = item_at (self, position);

  if (item != NULL)
    rcv_reminders_page_set_selected (self, position, !rcv_letter_item_get_chosen (item));
}

/* ---- reading the run ----------------------------------------------------------------- */

/* Chooses the letter to focus_customer alone, selected and scrolled to; says so when none
 * is due. */
static void
apply_focus (RcvRemindersPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->letters));
  gint64 customer_id = self->focus_customer;
  guint found = GTK_INVALID_LIST_POSITION;

  if (customer_id == 0)
    return;
  self->focus_customer = 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RcvLetterItem) item = item_at (self, i);

      rcv_letter_item_set_chosen (item, rcv_letter_item_get_letter (item)->customer_id ==
                                          customer_id);
      if (rcv_letter_item_get_chosen (item))
        found = i;
    }
  g_list_model_items_changed (G_LIST_MODEL (self->letters), 0, n, n);
  update_summary (self);
  if (found == GTK_INVALID_LIST_POSITION)
    {
      rcv_toast_add (GTK_WIDGET (self),
                     adw_toast_new (_("No reminder letter is due for this customer")));
      return;
    }
  gtk_single_selection_set_selected (self->selection, found);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", found);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
show_covered (RcvRemindersPage    *self,
              const RcvDunningRun *run)
{
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *text = NULL;

  for (guint i = 0; i < run->covered->len && i < 5; i++)
    {
      const RcvDunningCovered *covered = g_ptr_array_index (run->covered, i);
      g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", covered->name);
    }
  if (run->covered->len > 5)
    g_string_append (names, ", …");
  if (run->covered->len > 0)
    text = g_strdup_printf (ngettext ("No letter for %2$s: unapplied credit covers the overdue "
                                      "invoices. Apply the credit instead (%1$u customer).",
                                      "No letter for %2$s: unapplied credit covers the overdue "
                                      "invoices. Apply the credit instead (%1$u customers).",
                                      run->covered->len),
                            run->covered->len, names->str);
  gtk_label_set_text (self->covered_label, text != NULL ? text : "");
  gtk_revealer_set_reveal_child (self->covered_revealer, text != NULL);
}

/* What the worker thread reads: the run, and its letters' address problems, so that the
 * main loop only fills the list. */
typedef struct
{
  GDate as_of;
  RcvPaper paper;
} RunRequest;

typedef struct
{
  RcvDunningRun *run;
  RcvAddressProblem *problems;
} RunResult;

static void
run_result_free (gpointer data)
{
  RunResult *result = data;

  rcv_dunning_run_free (result->run);
  g_free (result->problems);
  g_free (result);
}

static gpointer
run_in_thread (RcvDatabase   *connection,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  RunRequest *request = data;
  g_autoptr(RcvDunningRun) run = rcv_dunning_run_new (connection, &request->as_of, 0,
                                                      cancellable, error);
  g_autoptr(RcvLetterhead) head = NULL;
  RunResult *result;

  if (run == NULL)
    return NULL;
  /* the letterhead of this thread's own connection: the page's may be replaced meanwhile */
  head = rcv_letterhead_new_for_company (connection, request->paper);
  result = g_new0 (RunResult, 1);
  result->problems = rcv_letters_check_addresses (head,
                                                  (const RcvDunningLetter *const *)
                                                    run->letters->pdata,
                                                  run->letters->len);
  result->run = g_steal_pointer (&run);
  return result;
}

static void
on_run_ready (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(RcvRemindersPage) self = user_data;
  g_autoptr(GError) error = NULL;
  RunResult *read = rcv_database_task_finish (RCV_DATABASE (source), result, run_in_thread,
                                              &error);
  RcvDunningRun *run = read != NULL ? read->run : NULL;
  g_autofree RcvAddressProblem *problems = read != NULL ? read->problems : NULL;
  g_autoptr(GPtrArray) items = NULL;
  RcvRunBox *box;

  g_free (read);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_spinner_stop (self->spinner);
  if (run == NULL)
    {
      rcv_status_page_set_plain_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      gtk_revealer_set_reveal_child (self->covered_revealer, FALSE);
      return;
    }
  g_debug ("dunning run as of the date: %u letters in %.3f s", run->letters->len,
           (g_get_monotonic_time () - self->started) / 1e6);

  show_covered (self, run);
  box = g_atomic_rc_box_new0 (RcvRunBox);
  box->run = run;
  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < run->letters->len; i++)
    g_ptr_array_add (items, rcv_letter_item_new (box, g_ptr_array_index (run->letters, i),
                                                 problems[i]));
  g_atomic_rc_box_release_full (box, rcv_run_box_clear);

  g_list_store_splice (self->letters, 0, g_list_model_get_n_items (G_LIST_MODEL (self->letters)),
                       items->pdata, items->len);
  gtk_stack_set_visible_child_name (self->stack, items->len > 0 ? "letters" : "empty");
  on_selection_changed (self);
  update_summary (self);
  apply_focus (self);
}

void
rcv_reminders_page_reload (RcvRemindersPage *self)
{
  g_return_if_fail (RCV_IS_REMINDERS_PAGE (self));

  rcv_cancel_and_clear (&self->cancellable);
  g_clear_handle_id (&self->changes_timeout, g_source_remove);
  self->stale = FALSE;
  if (self->database == NULL)
    return;

  rcv_date_button_follow_today (self->date_button);
  rcv_date_button_get_date (self->date_button, &self->as_of);
  /* the company's profile may have changed */
  g_clear_pointer (&self->head, rcv_letterhead_free);
  self->head = rcv_letterhead_new_for_company (self->database, rcv_paper_for_locale ());

  self->cancellable = g_cancellable_new ();
  self->started = g_get_monotonic_time ();
  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  {
    RunRequest *request = g_new0 (RunRequest, 1);

    request->as_of = self->as_of;
    request->paper = rcv_letterhead_get_paper (self->head);
    rcv_database_task_run (self->database, RCV_DATABASE_FLAGS_READ_ONLY, run_in_thread, request,
                           g_free, run_result_free, run_in_thread, self->cancellable,
                           on_run_ready, g_object_ref (self));
  }
}

static void
on_date_changed (RcvRemindersPage *self)
{
  rcv_reminders_page_reload (self);
}

/* ---- toasts -------------------------------------------------------------------------- */

void
rcv_reminders_page_toast_full (RcvRemindersPage *self,
                               const char       *text,
                               gboolean          offer_record,
                               AdwToastPriority  priority)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  AdwToast *t = adw_toast_new (escaped);

  /* Record as Sent is the next step (the suggested one) once the letters went out */
  if (offer_record)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->record_button), "suggested-action");
      adw_toast_set_button_label (t, _("_Record as Sent…"));
      adw_toast_set_action_name (t, "reminders.record");
      adw_toast_set_timeout (t, 0);
    }
  adw_toast_set_priority (t, priority);
  rcv_toast_add (GTK_WIDGET (self), t);
}

void
rcv_reminders_page_toast (RcvRemindersPage *self,
                          const char       *text,
                          gboolean          offer_record)
{
  rcv_reminders_page_toast_full (self, text, offer_record, ADW_TOAST_PRIORITY_NORMAL);
}

/* ---- record (the dialog that asks first: rcv-reminders-batch.c) ---------------------- */

/* ---- choosing ------------------------------------------------------------------------ */

static void
choose_all (RcvRemindersPage *self,
            gboolean          chosen)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->letters));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RcvLetterItem) item = item_at (self, i);
      rcv_letter_item_set_chosen (item, chosen);
    }
  /* the rows show the check boxes again */
  g_list_model_items_changed (G_LIST_MODEL (self->letters), 0, n, n);
  update_summary (self);
}

static void
select_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  choose_all (RCV_REMINDERS_PAGE (widget), TRUE);
}

static void
select_none_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  choose_all (RCV_REMINDERS_PAGE (widget), FALSE);
}

static void
page_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RcvRemindersPage *self = RCV_REMINDERS_PAGE (widget);
  guint page = rcv_letter_preview_get_page (self->preview);

  if (g_str_equal (action_name, "reminders.next-page"))
    rcv_letter_preview_set_page (self->preview, page + 1);
  else if (page > 0)
    rcv_letter_preview_set_page (self->preview, page - 1);
  update_page_label (self);
}

/* The zoom buttons under the preview: the preview's own actions (Ctrl+plus, Ctrl+minus,
 * Ctrl+0 while it has the focus). */
static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RcvRemindersPage *self = RCV_REMINDERS_PAGE (widget);

  /* "reminders.zoom-in" → "preview.zoom-in" */
  g_autofree char *name = g_strconcat ("preview.", strchr (action_name, '.') + 1, NULL);

  gtk_widget_activate_action (GTK_WIDGET (self->preview), name, NULL);
}

/* ---- the object ---------------------------------------------------------------------- */

static void
rcv_reminders_page_dispose (GObject *object)
{
  RcvRemindersPage *self = RCV_REMINDERS_PAGE (object);

  rcv_cancel_and_clear (&self->cancellable);
  rcv_cancel_and_clear (&self->batch);
  g_clear_handle_id (&self->changes_timeout, g_source_remove);
  if (self->database != NULL)
    g_signal_handlers_disconnect_by_data (self->database, self);
  if (self->preview != NULL)
    rcv_letter_preview_set_letter (self->preview, NULL, NULL);
  rcv_page_dispose_template (GTK_WIDGET (self), RCV_TYPE_REMINDERS_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->letters);
  g_clear_pointer (&self->head, rcv_letterhead_free);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (rcv_reminders_page_parent_class)->dispose (object);
}

static void
rcv_reminders_page_class_init (RcvRemindersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rcv_reminders_page_dispose;

  g_type_ensure (RCV_TYPE_DATE_BUTTON);
  g_type_ensure (RCV_TYPE_LETTER_PREVIEW);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/receivables/Receivables/"
                                               "rcv-reminders-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RcvRemindersPage, date_button);
  gtk_widget_class_bind_template_child (widget_class, RcvRemindersPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, RcvRemindersPage, record_button);
  gtk_widget_class_bind_template_child (widget_class, RcvRemindersPage, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, RcvRemindersPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, RcvRemindersPage, covered_revealer);
  gtk_widget_class_bind_template_child (widget_class, RcvRemindersPage, covered_label);
  gtk_widget_class_bind_template_child (widget_class, RcvRemindersPage, address_revealer);
  gtk_widget_class_bind_template_child (widget_class, RcvRemindersPage, address_label);
  gtk_widget_class_bind_template_child (widget_class, RcvRemindersPage, stack);
  gtk_widget_class_bind_template_child (widget_class, RcvRemindersPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, RcvRemindersPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, RcvRemindersPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, RcvRemindersPage, preview);
  gtk_widget_class_bind_template_child (widget_class, RcvRemindersPage, page_label);
  gtk_widget_class_bind_template_child (widget_class, RcvRemindersPage, level_drop_down);
  gtk_widget_class_bind_template_callback (widget_class, on_date_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_level_selected);

  gtk_widget_class_install_action (widget_class, "reminders.select-all", NULL, select_all_action);
  gtk_widget_class_install_action (widget_class, "reminders.select-none", NULL,
                                   select_none_action);
  rcv_reminders_page_class_init_batch (widget_class);
  rcv_reminders_page_class_init_mail (widget_class);
  gtk_widget_class_install_action (widget_class, "reminders.previous-page", NULL, page_action);
  gtk_widget_class_install_action (widget_class, "reminders.next-page", NULL, page_action);
  gtk_widget_class_install_action (widget_class, "reminders.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "reminders.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "reminders.zoom-fit", NULL, zoom_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "reminders.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "reminders.save-pdf",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK,
                                       "reminders.select-all", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_CONTROL_MASK,
                                       "reminders.next-page", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_CONTROL_MASK,
                                       "reminders.previous-page", NULL);
}

static void on_map (RcvRemindersPage *self,
                    gpointer          user_data);

static void
rcv_reminders_page_init (RcvRemindersPage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  rcv_date_set_today (&self->as_of);
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
  self->letters = g_list_store_new (RCV_TYPE_LETTER_ITEM);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->letters)));
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_row), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_row), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_row), self, 0);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  rcv_reminders_page_update_actions (self);
}

static gboolean
on_changes_timeout (gpointer user_data)
{
  RcvRemindersPage *self = user_data;

  self->changes_timeout = 0;
  /* a run over every account (seconds on a large company) is not worth it for a hidden page:
   * it runs when the page is next shown */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->stale = TRUE;
  else
    rcv_reminders_page_reload (self);
  return G_SOURCE_REMOVE;
}

static void
on_map (RcvRemindersPage *self,
        gpointer          user_data)
{
  if (self->stale)
    rcv_reminders_page_reload (self);
}

/* Runs the letters now if the page is shown, else the next time it is: the run reads every
 * account (seconds on a large company), which a window starting on the Overview should not
 * spend beside the Overview's own reads. */
void
rcv_reminders_page_reload_when_shown (RcvRemindersPage *self)
{
  g_return_if_fail (RCV_IS_REMINDERS_PAGE (self));

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      rcv_reminders_page_reload (self);
      return;
    }
  rcv_cancel_and_clear (&self->cancellable);
  g_list_store_remove_all (self->letters);
  self->stale = TRUE;
}

/* The letters due follow from nearly everything an account holds: its documents and
 * payments, its policy and levels, the letters sent, disputes, plans, promises and the
 * hand-over; the run is read again when a commit touches any of them. */
static void
on_database_changed (RcvRemindersPage *self,
                     RcvChangeSet     *changes,
                     RcvDatabase      *database)
{
  if (!rcv_change_set_touches_any (changes, "invoices", "payments", "allocations", "customers",
                                   "policies", "reminder_levels", "letters", "letter_items",
                                   "disputes", "payment_plans", "plan_instalments", "promises",
                                   "collection_accounts", "reference_rates", "settings", NULL))
    return;
  rcv_page_coalesce_changes (self, &self->changes_timeout, on_changes_timeout);
}

void
rcv_reminders_page_set_database (RcvRemindersPage *self,
                                 RcvDatabase      *database)
{
  g_return_if_fail (RCV_IS_REMINDERS_PAGE (self));
  g_return_if_fail (database == NULL || RCV_IS_DATABASE (database));

  if (!rcv_page_set_database (self, &self->database, database, &self->changes_timeout,
                              G_CALLBACK (on_database_changed)))
    return;
}

guint
rcv_reminders_page_get_n_letters (RcvRemindersPage *self)
{
  g_return_val_if_fail (RCV_IS_REMINDERS_PAGE (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->letters));
}

guint
rcv_reminders_page_get_n_selected (RcvRemindersPage *self)
{
  g_autoptr(GPtrArray) chosen = NULL;

  g_return_val_if_fail (RCV_IS_REMINDERS_PAGE (self), 0);

  chosen = rcv_reminders_page_chosen_items (self);
  return chosen->len;
}

/* Includes a letter in the batch or leaves it out. */
void
rcv_reminders_page_set_selected (RcvRemindersPage *self,
                                 guint             position,
                                 gboolean          selected)
{
  g_autoptr(RcvLetterItem) item = NULL;

  g_return_if_fail (RCV_IS_REMINDERS_PAGE (self));

  item = item_at (self, position);
  if (item == NULL || rcv_letter_item_get_chosen (item) == selected)
    return;
  rcv_letter_item_set_chosen (item, selected);
  g_list_model_items_changed (G_LIST_MODEL (self->letters), position, 1, 1);
  update_summary (self);
}

/* Prepares the reminder to one customer: its letter alone is chosen and shown, once the
 * letters due are read. */
void
rcv_reminders_page_focus_customer (RcvRemindersPage *self,
                                   gint64            customer_id)
{
  g_return_if_fail (RCV_IS_REMINDERS_PAGE (self));

  self->focus_customer = customer_id;
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "loading") != 0)
    apply_focus (self);
}
