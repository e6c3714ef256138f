/* rcv-reminders-page.c - the letters due as of a date: choose, preview, print, save, record
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The run (rcv-dunning.c) is read in a worker thread; its letters fill a lazy list with a
 * check box each, all chosen at first. The chosen letters are printed through the GTK print
 * dialog, laid out a few at a time (the "paginate" signal) so that a batch of a thousand never
 * holds up the window, or saved as one PDF by a worker thread with a progress bar. Recording
 * the chosen letters as sent, after a confirmation, makes the next run escalate. The letter
 * previewed can go out at another level of its policy than the one suggested (the level
 * drop-down under the preview); the log records the level it was sent at. A letter
 * whose address may not reach its addressee through a window envelope (no town, no country,
 * too big for the window: rcv_letter_check_address ()) has a warning sign on its row, and the
 * chosen ones are named above the list before they are printed or saved.
 */
#define G_LOG_DOMAIN "receivables"

#include "config.h"

#include <glib/gi18n.h>

#include "rcv-database-changes.h"
#include "rcv-database-task.h"
#include "rcv-date-button.h"
#include "rcv-date.h"
#include "rcv-dunning.h"
#include "rcv-file-chooser.h"
#include "rcv-letter-preview.h"
#include "rcv-letter.h"
#include "rcv-list-page.h"
#include "rcv-reminders-page.h"
#include "rcv-toast.h"
#include "rcv-window.h"
#include "rcv-plain-text.h"

/* ---- a letter in the list ------------------------------------------------------------ */

/* The run, shared by the items of its letters and by a batch still writing them. */
typedef struct
{
  RcvDunningRun *run;
} RunBox;

static void
run_box_clear (gpointer data)
{
  RunBox *box = data;

  rcv_dunning_run_free (box->run);
}

#define RCV_TYPE_LETTER_ITEM (rcv_letter_item_get_type ())
G_DECLARE_FINAL_TYPE (RcvLetterItem, rcv_letter_item, RCV, LETTER_ITEM, GObject)

struct _RcvLetterItem
{
  GObject parent_instance;

  RunBox *box;
  const RcvDunningLetter *letter;
  gboolean chosen;
  char *problem;                   /* what is wrong with the address; NULL: nothing */
};

G_DEFINE_FINAL_TYPE (RcvLetterItem, rcv_letter_item, G_TYPE_OBJECT)

static void
rcv_letter_item_finalize (GObject *object)
{
  RcvLetterItem *self = RCV_LETTER_ITEM (object);

  g_atomic_rc_box_release_full (self->box, run_box_clear);
  g_free (self->problem);

  G_OBJECT_CLASS (rcv_letter_item_parent_class)->finalize (object);
}

static void
rcv_letter_item_class_init (RcvLetterItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rcv_letter_item_finalize;
}

static void
rcv_letter_item_init (RcvLetterItem *self)
{
}

static RcvLetterItem *
rcv_letter_item_new (RunBox                 *box,
                     const RcvDunningLetter *letter,
                     RcvAddressProblem       problem)
{
  RcvLetterItem *self = g_object_new (RCV_TYPE_LETTER_ITEM, NULL);

  self->box = g_atomic_rc_box_acquire (box);
  self->letter = letter;
  self->chosen = TRUE;
  self->problem = rcv_address_problem_describe (problem);
  return self;
}

/* ---- the page ------------------------------------------------------------------------ */

struct _RcvRemindersPage
{
  GtkWidget parent_instance;

  RcvDatabase *database;
  GCancellable *cancellable;       /* reading the run */
  GCancellable *batch;             /* writing a PDF */
  GListStore *letters;             /* RcvLetterItem */
  GtkSingleSelection *selection;   /* the letter previewed */
  RcvLetterhead *head;
  GDate as_of;
  gint64 started;
  gint64 focus_customer;           /* to choose alone when the run is read; 0: none */
  guint changes_timeout;           /* gathers a burst of commits into one run */
  gboolean stale;                  /* a commit came while the page was hidden */

  RcvDateButton *date_button;
  GtkLabel *summary_label;
  GtkRevealer *progress_revealer;
  GtkProgressBar *progress_bar;
  GtkRevealer *covered_revealer;
  GtkLabel *covered_label;
  GtkRevealer *address_revealer;
  GtkLabel *address_label;
  GtkStack *stack;
  GtkSpinner *spinner;
  AdwStatusPage *error_page;
  GtkListView *list_view;
  RcvLetterPreview *preview;
  GtkLabel *page_label;
  GtkDropDown *level_drop_down;
  gboolean showing_level;          /* filling the drop-down: not the user's choice */
};

G_DEFINE_FINAL_TYPE (RcvRemindersPage, rcv_reminders_page, GTK_TYPE_WIDGET)

static void on_map (RcvRemindersPage *self,
                    gpointer          user_data);

static RcvLetterItem *
item_at (RcvRemindersPage *self,
         guint             position)
{
  return g_list_model_get_item (G_LIST_MODEL (self->letters), position);
}

/* The chosen letters, in list order (borrowed from items the array holds). */
static GPtrArray *
chosen_items (RcvRemindersPage *self)
{
  GPtrArray *chosen = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->letters));

  for (guint i = 0; i < n; i++)
    {
      RcvLetterItem *item = item_at (self, i);

      if (item->chosen)
        g_ptr_array_add (chosen, item);
      else
        g_object_unref (item);
    }
  return chosen;
}

static GPtrArray *
letters_of (GPtrArray *items)
{
  GPtrArray *letters = g_ptr_array_sized_new (items->len);

  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (letters, (gpointer) ((RcvLetterItem *) g_ptr_array_index (items, i))->letter);
  return letters;
}

static gboolean
is_busy (RcvRemindersPage *self)
{
  return self->batch != NULL;
}

static void
update_actions (RcvRemindersPage *self)
{
  guint n_chosen = rcv_reminders_page_get_n_selected (self);
  guint n_pages = rcv_letter_preview_get_n_pages (self->preview);
  guint page = rcv_letter_preview_get_page (self->preview);
  gboolean idle = !is_busy (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reminders.save-pdf", n_chosen > 0 && idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reminders.print", n_chosen > 0 && idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reminders.record", n_chosen > 0 && idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reminders.cancel", !idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reminders.previous-page", page > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reminders.next-page", page + 1 < n_pages);
  gtk_widget_set_sensitive (GTK_WIDGET (self->level_drop_down),
                            idle && gtk_single_selection_get_selected_item (self->selection) != NULL);
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

      if (item->problem == NULL)
        continue;
      if (n < 5)
        g_string_append_printf (names, "%s%s", n > 0 ? ", " : "", item->letter->name);
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
  g_autoptr(GPtrArray) chosen = chosen_items (self);
  g_autofree char *amount = NULL;
  g_autofree char *text = NULL;
  gint64 total = 0;

  for (guint i = 0; i < chosen->len; i++)
    total += ((RcvLetterItem *) g_ptr_array_index (chosen, i))->letter->total;
  if (self->database != NULL)
    amount = rcv_money_format (total, rcv_database_get_currency (self->database));
  if (n > 0)
    /* Translators: the reminders page's summary: letters due, chosen, amount asked for */
    text = g_strdup_printf (ngettext ("%u letter due, %u chosen, asking for %s",
                                      "%u letters due, %u chosen, asking for %s", n),
                            n, chosen->len, amount);
  gtk_label_set_text (self->summary_label, text != NULL ? text : "");
  update_address_warning (self, chosen);
  update_actions (self);
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
  update_actions (self);
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

  rcv_letter_preview_set_letter (self->preview, self->head, item != NULL ? item->letter : NULL);
  show_level (self, item != NULL ? item->letter : NULL);
  update_page_label (self);
}

static void toast (RcvRemindersPage *self, const char *text, gboolean offer_record);

/* The user sends the previewed letter at another level: its text, fee, deadline and claims
 * become that level's, and its row, preview and the summary follow. */
static void
on_level_selected (RcvRemindersPage *self)
{
  RcvLetterItem *item = gtk_single_selection_get_selected_item (self->selection);
  guint position = gtk_single_selection_get_selected (self->selection);
  guint level = gtk_drop_down_get_selected (self->level_drop_down) + 1;
  g_autoptr(GError) error = NULL;

  if (self->showing_level || item == NULL || level == 0 || level == item->letter->level ||
      is_busy (self))
    return;
  /* the run is the page's own: no worker reads it while no batch is being written */
  if (!rcv_dunning_letter_set_level ((RcvDunningLetter *) item->letter, level, &error))
    {
      toast (self, error->message, FALSE);
      show_level (self, item->letter);
      return;
    }
  g_list_model_items_changed (G_LIST_MODEL (self->letters), position, 1, 1);
  rcv_letter_preview_set_letter (self->preview, self->head, item->letter);
  update_page_label (self);
  update_summary (self);
}

/* ---- the rows ------------------------------------------------------------------------ */

static void
on_check_toggled (GtkCheckButton *check,
                  GtkListItem    *list_item)
{
  RcvLetterItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *page = gtk_widget_get_ancestor (GTK_WIDGET (check), RCV_TYPE_REMINDERS_PAGE);

  if (item == NULL || item->chosen == gtk_check_button_get_active (check))
    return;
  item->chosen = gtk_check_button_get_active (check);
  if (page != NULL)
    update_summary (RCV_REMINDERS_PAGE (page));
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);
  GtkWidget *warning = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *amount = gtk_label_new (NULL);

  gtk_widget_set_margin_top (row, 8);
  gtk_widget_set_margin_bottom (row, 8);
  gtk_widget_set_margin_start (row, 6);
  gtk_widget_set_margin_end (row, 6);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_add_css_class (amount, "numeric");
  gtk_box_append (GTK_BOX (texts), title);
  gtk_box_append (GTK_BOX (texts), subtitle);
  gtk_box_append (GTK_BOX (row), check);
  gtk_box_append (GTK_BOX (row), texts);
  gtk_widget_add_css_class (warning, "warning");
  gtk_widget_set_valign (warning, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (row), warning);
  gtk_box_append (GTK_BOX (row), amount);
  g_signal_connect (check, "toggled", G_CALLBACK (on_check_toggled), list_item);
  gtk_list_item_set_child (list_item, row);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          RcvRemindersPage         *self)
{
  RcvLetterItem *item = gtk_list_item_get_item (list_item);
  const RcvDunningLetter *letter = item->letter;
  const RcvCurrency *currency = rcv_database_get_currency (self->database);
  GtkWidget *row = gtk_list_item_get_child (list_item);
  GtkWidget *check = gtk_widget_get_first_child (row);
  GtkWidget *texts = gtk_widget_get_next_sibling (check);
  GtkWidget *warning = gtk_widget_get_next_sibling (texts);
  GtkWidget *amount = gtk_widget_get_next_sibling (warning);
  g_autofree char *total = rcv_money_format (letter->total, currency);
  g_autofree char *subtitle = NULL;
  g_autofree char *check_label = NULL;

  if (letter->interest > 0 || letter->compensation + letter->fee > 0)
    {
      g_autofree char *interest = rcv_money_format (letter->interest, currency);
      g_autofree char *fees = rcv_money_format (letter->compensation + letter->fee, currency);

      /* Translators: a letter's line: level number and title, invoices, interest, fees */
      subtitle = g_strdup_printf (ngettext ("%u. %s · %u invoice · interest %s · fees %s",
                                            "%u. %s · %u invoices · interest %s · fees %s",
                                            letter->items->len),
                                  letter->level, letter->title, letter->items->len, interest,
                                  fees);
    }
  else
    /* Translators: a letter's line: level number and title, number of invoices */
    subtitle = g_strdup_printf (ngettext ("%u. %s · %u invoice", "%u. %s · %u invoices",
                                          letter->items->len),
                                letter->level, letter->title, letter->items->len);
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (texts)), letter->name);
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_last_child (texts)), subtitle);
  gtk_label_set_text (GTK_LABEL (amount), total);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), item->chosen);
  /* Translators: the accessible name of a letter's check box */
  check_label = g_strdup_printf (_("Include the letter to %s"), letter->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  check_label, -1);

  /* the tooltip is plain text: the problem's sentences hold no markup */
  gtk_widget_set_visible (warning, item->problem != NULL);
  gtk_widget_set_tooltip_text (warning, item->problem);
  if (item->problem != NULL)
    {
      /* Translators: the accessible name of the warning sign on a letter's row; %s says what
       * is wrong with the address */
      g_autofree char *label = g_strdup_printf (_("Address problem: %s"), item->problem);

      gtk_accessible_update_property (GTK_ACCESSIBLE (warning), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
      /* told with the check box too, which is what the keyboard reaches */
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, label, -1);
    }
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/* Enter (or a double click) on a row includes or leaves out its letter. */
static void
on_list_activated (RcvRemindersPage *self,
                   guint             position)
{
  g_autoptr(RcvLetterItem) item = item_at (self, position);

  if (item != NULL)
    rcv_reminders_page_set_selected (self, position, !item->chosen);
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

      item->chosen = item->letter->customer_id == customer_id;
      if (item->chosen)
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
  head = rcv_letterhead_new (connection, request->paper);
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
  RunBox *box;

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
  box = g_atomic_rc_box_new0 (RunBox);
  box->run = run;
  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < run->letters->len; i++)
    g_ptr_array_add (items, rcv_letter_item_new (box, g_ptr_array_index (run->letters, i),
                                                 problems[i]));
  g_atomic_rc_box_release_full (box, run_box_clear);

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
  self->head = rcv_letterhead_new (self->database, rcv_paper_for_locale ());

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

static void
toast_full (RcvRemindersPage *self,
            const char       *text,
            gboolean          offer_record,
            AdwToastPriority  priority)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  AdwToast *t = adw_toast_new (escaped);

  if (offer_record)
    {
      adw_toast_set_button_label (t, _("_Record as Sent…"));
      adw_toast_set_action_name (t, "reminders.record");
      adw_toast_set_timeout (t, 0);
    }
  adw_toast_set_priority (t, priority);
  rcv_toast_add (GTK_WIDGET (self), t);
}

static void
toast (RcvRemindersPage *self,
       const char       *text,
       gboolean          offer_record)
{
  toast_full (self, text, offer_record, ADW_TOAST_PRIORITY_NORMAL);
}

/* ---- save as PDF --------------------------------------------------------------------- */

/* The page as the worker thread may hold it: a weak reference in a box of its own, which any
 * thread may drop. Only the main loop turns it into the page, so that the worker never holds
 * a reference to a widget: its last unref, and so the widget's finalization, could otherwise
 * fall on the worker thread (GTK is not thread-safe). */
typedef struct
{
  GWeakRef page;
} PageRef;

static void
page_ref_clear (gpointer data)
{
  g_weak_ref_clear (&((PageRef *) data)->page);
}

static PageRef *
page_ref_new (RcvRemindersPage *page)
{
  PageRef *ref = g_atomic_rc_box_new0 (PageRef);

  g_weak_ref_init (&ref->page, page);
  return ref;
}

static void
page_ref_release (PageRef *ref)
{
  g_atomic_rc_box_release_full (ref, page_ref_clear);
}

/* The task data of a batch: plain data only (the letters, the path, the paper, the weak box
 * above), freed on whichever thread drops the task last. The page itself is kept by the
 * callback's reference, which the main loop drops. */
typedef struct
{
  GPtrArray *items;                /* RcvLetterItem: plain GObjects holding the letters */
  char *path;
  RcvPaper paper;
  PageRef *page;                   /* for the progress, shown from the main loop */
} Batch;

static void
batch_free (gpointer data)
{
  Batch *batch = data;

  g_ptr_array_unref (batch->items);
  g_free (batch->path);
  page_ref_release (batch->page);
  g_free (batch);
}

typedef struct
{
  PageRef *page;
  guint done;
  guint total;
} Progress;

static gboolean
show_progress (gpointer data)
{
  Progress *progress = data;
  g_autoptr(RcvRemindersPage) self = g_weak_ref_get (&progress->page->page);
  g_autofree char *text = NULL;

  if (self != NULL && is_busy (self))
    {
      /* Translators: progress of a batch of letters: done, total */
      text = g_strdup_printf (_("Letter %u of %u"), progress->done, progress->total);
      gtk_progress_bar_set_fraction (self->progress_bar,
                                     (double) progress->done / MAX (1, progress->total));
      gtk_progress_bar_set_text (self->progress_bar, text);
    }
  page_ref_release (progress->page);
  g_free (progress);
  return G_SOURCE_REMOVE;
}

static void
report_progress (guint    done,
                 guint    total,
                 gpointer user_data)
{
  Batch *batch = user_data;
  Progress *progress;

  /* every letter of a small batch, every 1 % of a large one */
  if (done != total && total > 100 && done % (total / 100) != 0)
    return;
  progress = g_new (Progress, 1);
  progress->page = g_atomic_rc_box_acquire (batch->page);
  progress->done = done;
  progress->total = total;
  g_idle_add (show_progress, progress);
}

static gpointer
write_in_thread (RcvDatabase   *connection,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  Batch *batch = data;
  g_autoptr(RcvLetterhead) head = rcv_letterhead_new (connection, batch->paper);
  g_autoptr(GPtrArray) letters = letters_of (batch->items);
  guint *n_pages = g_new0 (guint, 1);

  if (!rcv_letters_write_pdf (head, (const RcvDunningLetter *const *) letters->pdata,
                              letters->len, batch->path, n_pages, report_progress, batch,
                              cancellable, error))
    {
      g_free (n_pages);
      return NULL;
    }
  return n_pages;
}

static void
on_pdf_written (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RcvRemindersPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree guint *n_pages = rcv_database_task_finish (RCV_DATABASE (source), result,
                                                        rcv_reminders_page_save_pdf, &error);
  g_autofree char *text = NULL;
  guint n = rcv_reminders_page_get_n_selected (self);

  rcv_cancel_and_clear (&self->batch);
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  update_actions (self);
  if (n_pages == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message, FALSE);
      return;
    }
  /* Translators: after saving letters into a PDF: letters, pages */
  text = g_strdup_printf (ngettext ("Saved %u letter on %u pages", "Saved %u letters on %u pages",
                                    n),
                          n, *n_pages);
  toast (self, text, TRUE);
}

/* Writes the chosen letters into one PDF in a worker thread, with the progress shown. */
void
rcv_reminders_page_save_pdf (RcvRemindersPage *self,
                             const char       *path)
{
  Batch *batch;

  g_return_if_fail (RCV_IS_REMINDERS_PAGE (self));
  g_return_if_fail (path != NULL);

  if (self->database == NULL || is_busy (self))
    return;
  batch = g_new0 (Batch, 1);
  batch->items = chosen_items (self);
  batch->path = g_strdup (path);
  batch->paper = rcv_letterhead_get_paper (self->head);
  batch->page = page_ref_new (self);
  if (batch->items->len == 0)
    {
      batch_free (batch);
      return;
    }

  self->batch = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, _("Preparing the letters…"));
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  update_actions (self);
  rcv_database_task_run (self->database, RCV_DATABASE_FLAGS_READ_ONLY, write_in_thread, batch,
                         batch_free, g_free, rcv_reminders_page_save_pdf, self->batch,
                         on_pdf_written, g_object_ref (self));
}

static void
on_save_response (GtkNativeDialog  *chooser,
                  int               response,
                  RcvRemindersPage *self)
{
  g_autofree char *path = rcv_file_chooser_get_path (chooser, response);

  if (path != NULL)
    rcv_reminders_page_save_pdf (self, path);
  g_object_unref (chooser);
}

static void
save_pdf_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RcvRemindersPage *self = RCV_REMINDERS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;
  char iso[RCV_ISO_DATE_LEN];

  rcv_date_to_iso (&self->as_of, iso);
  /* Translators: the suggested name of a PDF of reminder letters; %s is the date */
  name = g_strdup_printf (_("Reminders %s.pdf"), iso);
  chooser = rcv_pdf_chooser_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                 _("Save Letters as PDF"), name);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_save_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RcvRemindersPage *self = RCV_REMINDERS_PAGE (widget);

  if (self->batch != NULL)
    g_cancellable_cancel (self->batch);
}

/* ---- print --------------------------------------------------------------------------- */

typedef struct
{
  RcvLetterhead *head;             /* borrowed from the page, which outlives the dialog */
  GPtrArray *items;
  GArray *first_pages;             /* guint: each letter's first page in the whole print */
  guint n_laid_out;
  guint n_pages;
  RcvLetterLayout *layout;         /* the letter last drawn */
  guint layout_index;
} Printing;

static void
printing_free (gpointer data)
{
  Printing *printing = data;

  g_ptr_array_unref (printing->items);
  g_array_unref (printing->first_pages);
  g_clear_pointer (&printing->layout, rcv_letter_layout_free);
  g_free (printing);
}

static const RcvDunningLetter *
printing_letter (Printing *printing,
                 guint     index)
{
  return ((RcvLetterItem *) g_ptr_array_index (printing->items, index))->letter;
}

/* A few letters at a time, so that the window stays live through a thousand. */
static gboolean
on_paginate (GtkPrintOperation *operation,
             GtkPrintContext   *context,
             Printing          *printing)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);

  for (guint n = 0; n < 25 && printing->n_laid_out < printing->items->len; n++)
    {
      g_autoptr(RcvLetterLayout) layout =
        rcv_letter_layout_new (printing->head, printing_letter (printing, printing->n_laid_out),
                               cr);

      g_array_append_val (printing->first_pages, printing->n_pages);
      printing->n_pages += rcv_letter_layout_get_n_pages (layout);
      printing->n_laid_out++;
    }
  if (printing->n_laid_out < printing->items->len)
    return FALSE;
  gtk_print_operation_set_n_pages (operation, (int) printing->n_pages);
  return TRUE;
}

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              Printing          *printing)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  guint page = (guint) page_nr;
  guint low = 0, high = printing->first_pages->len;

  /* the last letter whose first page is at or before this one */
  while (high - low > 1)
    {
      guint middle = (low + high) / 2;

      if (g_array_index (printing->first_pages, guint, middle) <= page)
        low = middle;
      else
        high = middle;
    }
  if (printing->layout == NULL || printing->layout_index != low)
    {
      g_clear_pointer (&printing->layout, rcv_letter_layout_free);
      printing->layout = rcv_letter_layout_new (printing->head, printing_letter (printing, low),
                                                cr);
      printing->layout_index = low;
    }
  rcv_letter_layout_draw_page (printing->layout, cr,
                               page - g_array_index (printing->first_pages, guint, low));
}

static void
on_print_done (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               RcvRemindersPage        *self)
{
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      toast (self, error->message, FALSE);
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    toast (self, _("The letters are printing"), TRUE);
}

/* Prints the chosen letters: through the print dialog, or (for the tests) exported to a PDF
 * file through the same print operation. */
GtkPrintOperationResult
rcv_reminders_page_print (RcvRemindersPage        *self,
                          GtkPrintOperationAction  action,
                          const char              *export_path,
                          GError                 **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  Printing *printing;

  g_return_val_if_fail (RCV_IS_REMINDERS_PAGE (self), GTK_PRINT_OPERATION_RESULT_ERROR);

  printing = g_new0 (Printing, 1);
  printing->head = self->head;
  printing->items = chosen_items (self);
  printing->first_pages = g_array_new (FALSE, FALSE, sizeof (guint));
  if (printing->items->len == 0 || self->head == NULL)
    {
      printing_free (printing);
      return GTK_PRINT_OPERATION_RESULT_CANCEL;
    }

  paper = gtk_paper_size_new (rcv_letterhead_get_paper (self->head) == RCV_PAPER_US_LETTER
                                ? GTK_PAPER_NAME_LETTER : GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size_and_default_margins (setup, paper);
  operation = gtk_print_operation_new ();
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_job_name (operation, _("Reminder letters"));
  gtk_print_operation_set_show_progress (operation, TRUE);
  gtk_print_operation_set_allow_async (operation, action != GTK_PRINT_OPERATION_ACTION_EXPORT);
  if (export_path != NULL)
    gtk_print_operation_set_export_filename (operation, export_path);
  g_object_set_data_full (G_OBJECT (operation), "rcv-printing", printing, printing_free);
  g_signal_connect (operation, "paginate", G_CALLBACK (on_paginate), printing);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page), printing);
  g_signal_connect_object (operation, "done", G_CALLBACK (on_print_done), self, 0);
  return gtk_print_operation_run (operation, action,
                                  GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, error);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  g_autoptr(GError) error = NULL;

  if (rcv_reminders_page_print (RCV_REMINDERS_PAGE (widget),
                                GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, NULL, &error) ==
      GTK_PRINT_OPERATION_RESULT_ERROR && error != NULL)
    toast (RCV_REMINDERS_PAGE (widget), error->message, FALSE);
}

/* ---- record -------------------------------------------------------------------------- */

/* Logs the chosen letters as sent, all or none of those still due (another program may have
 * recorded some since the page read them: those are skipped and the toast says how many), and
 * reads everything again. */
gboolean
rcv_reminders_page_record_selected (RcvRemindersPage  *self,
                                    GError           **error)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) letters = NULL;
  g_autofree char *text = NULL;
  guint n_skipped = 0;

  g_return_val_if_fail (RCV_IS_REMINDERS_PAGE (self), FALSE);

  items = chosen_items (self);
  letters = letters_of (items);
  if (!rcv_dunning_record (self->database, (const RcvDunningLetter *const *) letters->pdata,
                           letters->len, NULL, &n_skipped, error))
    return FALSE;
  if (n_skipped == 0)
    text = g_strdup_printf (ngettext ("Recorded %u letter as sent",
                                      "Recorded %u letters as sent", letters->len),
                            letters->len);
  else
    /* Translators: %u is a number of letters; the toast tells how many of those chosen were
     * left out */
    text = g_strdup_printf (ngettext ("%u letter was not recorded: another program recorded it "
                                      "as sent meanwhile",
                                      "%u letters were not recorded: another program recorded "
                                      "them as sent meanwhile",
                                      n_skipped),
                            n_skipped);
  /* shown at once, not queued behind the offer to record (which does not time out) */
  toast_full (self, text, FALSE, ADW_TOAST_PRIORITY_HIGH);
  /* the other pages follow the commit (RcvDatabase::changed); this one reads at once */
  rcv_reminders_page_reload (self);
  return TRUE;
}

static void
on_record_response (AdwMessageDialog *dialog,
                    const char       *response,
                    RcvRemindersPage *self)
{
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "record") && !rcv_reminders_page_record_selected (self, &error))
    toast (self, error->message, FALSE);
}

static void
record_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RcvRemindersPage *self = RCV_REMINDERS_PAGE (widget);
  guint n = rcv_reminders_page_get_n_selected (self);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *heading = NULL;
  g_autofree char *date = rcv_date_format_locale (&self->as_of);
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (n == 0 || is_busy (self))
    return;
  heading = g_strdup_printf (ngettext ("Record %u Letter as Sent?", "Record %u Letters as Sent?",
                                       n),
                             n);
  /* Translators: %s is the letters' date */
  body = g_strdup_printf (_("The letters are logged as sent on %s, each with its invoices and "
                            "amounts. Each customer's next letter will then escalate, and these "
                            "will not be offered again. Record them once they are printed or "
                            "saved."),
                          date);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                            : NULL,
                                                       heading, body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "record", _("_Record"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "record", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "record");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_record_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- choosing ------------------------------------------------------------------------ */

static void
choose_all (RcvRemindersPage *self,
            gboolean          chosen)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->letters));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RcvLetterItem) item = item_at (self, i);
      item->chosen = chosen;
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
  gtk_widget_class_install_action (widget_class, "reminders.save-pdf", NULL, save_pdf_action);
  gtk_widget_class_install_action (widget_class, "reminders.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "reminders.record", NULL, record_action);
  gtk_widget_class_install_action (widget_class, "reminders.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "reminders.previous-page", NULL, page_action);
  gtk_widget_class_install_action (widget_class, "reminders.next-page", NULL, page_action);

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
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_row), self, 0);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  update_actions (self);
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
  if (self->changes_timeout == 0)
    self->changes_timeout = g_timeout_add (RCV_CHANGES_COALESCE_MILLISECONDS,
                                           on_changes_timeout, self);
}

void
rcv_reminders_page_set_database (RcvRemindersPage *self,
                                 RcvDatabase      *database)
{
  g_return_if_fail (RCV_IS_REMINDERS_PAGE (self));
  g_return_if_fail (database == NULL || RCV_IS_DATABASE (database));

  if (self->database == database)
    return;
  if (self->database != NULL)
    g_signal_handlers_disconnect_by_data (self->database, self);
  g_clear_handle_id (&self->changes_timeout, g_source_remove);
  g_set_object (&self->database, database);
  if (database != NULL)
    g_signal_connect_object (database, "changed", G_CALLBACK (on_database_changed), self,
                             G_CONNECT_SWAPPED);
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

  chosen = chosen_items (self);
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
  if (item == NULL || item->chosen == selected)
    return;
  item->chosen = selected;
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
