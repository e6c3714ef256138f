/* rcv-account-collections.c - the collections part of a customer's page and its dialogs
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The record, the plan and the story are read through the customer's own indexes on the main
 * thread, like the rest of the page; the advice and payer behaviour scan the company's open
 * items (rcv_collections_report_for), so they are read in a worker thread and fill their rows
 * when they arrive. The dialogs validate as the user types: their button is only enabled when
 * what they hold can be written.
 */
#define G_LOG_DOMAIN "rcv-account-collections"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rcv-account-collections.h"
#include "rcv-agency.h"
#include "rcv-collections-report.h"
#include "rcv-collections.h"
#include "rcv-date-button.h"
#include "rcv-date.h"
#include "rcv-file-chooser.h"
#include "rcv-ledger.h"
#include "rcv-letter.h"
#include "rcv-money.h"
#include "rcv-open-items.h"
#include "rcv-toast.h"
#include "rcv-plain-text.h"

#define N_STORY 30
#define MAX_INSTALMENTS 36

static const RcvCurrency *
currency_of (RcvDatabase *database)
{
  return rcv_database_get_currency (database);
}

/* A row with user text: never markup. */
static AdwActionRow *
add_row (AdwPreferencesGroup *group,
         const char          *title,
         const char          *subtitle,
         const char          *value)
{
  GtkWidget *row = adw_action_row_new ();

  rcv_row_set_plain_title (row, title);
  if (subtitle != NULL && subtitle[0] != '\0')
    rcv_action_row_set_plain_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (value != NULL)
    {
      GtkWidget *label = gtk_label_new (value);

      gtk_label_set_xalign (GTK_LABEL (label), 1.0);
      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  adw_preferences_group_add (group, row);
  return ADW_ACTION_ROW (row);
}

/* The same row for the rest of the customer's page. */
AdwActionRow *
rcv_account_add_row (AdwPreferencesGroup *group,
                     const char          *title,
                     const char          *subtitle,
                     const char          *value)
{
  return add_row (group, title, subtitle, value);
}

static void
add_warning_icon (AdwActionRow *row)
{
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Needs attention"), -1);
  gtk_widget_add_css_class (icon, "warning");
  adw_action_row_add_prefix (row, icon);
}

/* ---- the advice, from a worker thread ---- */

typedef struct
{
  GWeakRef advice;          /* AdwActionRow */
  GWeakRef recovery;        /* AdwActionRow */
  GWeakRef payer;           /* AdwActionRow */
  RcvCurrency currency;
} Pending;

static void
pending_free (Pending *pending)
{
  g_weak_ref_clear (&pending->advice);
  g_weak_ref_clear (&pending->recovery);
  g_weak_ref_clear (&pending->payer);
  g_free (pending);
}

static void
set_row (AdwActionRow *row,
         const char   *title,
         const char   *subtitle,
         const char   *value)
{
  GtkWidget *suffix = g_object_get_data (G_OBJECT (row), "rcv-suffix");

  rcv_row_set_plain_title (row, title);
  rcv_action_row_set_plain_subtitle (row, subtitle);
  if (GTK_IS_SPINNER (suffix))
    gtk_widget_set_visible (suffix, FALSE);
  if (value != NULL)
    {
      GtkWidget *label = gtk_label_new (value);

      gtk_label_set_xalign (GTK_LABEL (label), 1.0);
      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (row, label);
    }
}

static void
show_account (Pending                     *pending,
              const RcvCollectionsAccount *account)
{
  g_autoptr(AdwActionRow) advice = g_weak_ref_get (&pending->advice);
  g_autoptr(AdwActionRow) recovery = g_weak_ref_get (&pending->recovery);
  g_autoptr(AdwActionRow) payer = g_weak_ref_get (&pending->payer);
  const RcvCurrency *currency = &pending->currency;

  if (advice != NULL)
    {
      if (account->agency != NULL)
        {
          g_autofree char *since = rcv_date_format_locale (&account->handed_over_on);
          /* Translators: an agency's name and the date the account went to it */
          g_autofree char *title = g_strdup_printf (_("With %s since %s"), account->agency,
                                                    since);

          set_row (advice, title, _("Out of reminders and alerts; its payments reach you less "
                                    "the agency’s commission"), NULL);
        }
      else if (account->oldest_days == 0)
        set_row (advice, _("Nothing to chase"), account->reasoning, NULL);
      else
        {
          /* Translators: the advice for an account, e.g. "Advice: Keep chasing" */
          g_autofree char *title = g_strdup_printf (_("Advice: %s"),
                                                    rcv_recommendation_label (
                                                      account->recommendation));

          set_row (advice, title, account->reasoning, NULL);
          if (account->recommendation != RCV_RECOMMEND_CHASE)
            add_warning_icon (advice);
        }
    }
  if (recovery != NULL)
    {
      g_autofree char *chase = rcv_money_format (account->recovery_chase, currency);
      g_autofree char *agency = rcv_money_format (account->recovery_agency, currency);
      g_autofree char *commission = rcv_percent_format (account->commission_bp);
      g_autofree char *subtitle = NULL;

      /* Translators: the expected recovery either way: days of your own chasing, the amount,
       * the agency's commission, the amount */
      subtitle = g_strdup_printf (_("Chasing %d more days yourself: %s · Through an agency now, "
                                    "less %s commission: %s"),
                                  account->chase_days, chase, commission, agency);
      set_row (recovery, _("Expected recovery"), subtitle, NULL);
      gtk_widget_set_visible (GTK_WIDGET (recovery),
                              account->agency == NULL && account->oldest_days > 0);
    }
  if (payer != NULL)
    {
      g_autofree char *subtitle = NULL;
      g_autofree char *value = NULL;

      if (account->payer.paid == 0)
        subtitle = g_strdup (_("No invoice was paid in the last 12 months"));
      else
        {
          gint tenths = rcv_collections_average_tenths (&account->payer);

          /* Translators: invoices paid in 12 months, how many late, how many past 60 days */
          subtitle = g_strdup_printf (g_dngettext (NULL, "%u invoice paid: %u late, %u past 60 "
                                                   "days",
                                                   "%u invoices paid: %u late, %u past 60 days",
                                                   account->payer.paid),
                                      account->payer.paid, account->payer.paid_late,
                                      account->payer.paid_past_60);
          /* Translators: the average days late, with one decimal */
          value = g_strdup_printf (_("%d.%d days late on average"), tenths / 10, tenths % 10);
        }
      set_row (payer, _("Payer behaviour, last 12 months"), subtitle, value);
    }
}

static void
on_report (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  Pending *pending = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvCollectionsAccount) account =
    rcv_collections_report_for_finish (RCV_DATABASE (source), result, &error);

  if (account != NULL)
    show_account (pending, account);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autoptr(AdwActionRow) advice = g_weak_ref_get (&pending->advice);

      if (advice != NULL)
        set_row (advice, _("The advice cannot be worked out"), error->message, NULL);
    }
  pending_free (pending);
}

static AdwActionRow *
add_waiting_row (AdwPreferencesGroup *group,
                 const char          *title)
{
  AdwActionRow *row = add_row (group, title, NULL, NULL);
  GtkWidget *spinner = gtk_spinner_new ();

  gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spinner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Working"), -1);
  adw_action_row_add_suffix (row, spinner);
  g_object_set_data (G_OBJECT (row), "rcv-suffix", spinner);
  return row;
}

/* ---- the group ---- */

static GtkWidget *
actions_button (void)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  GtkWidget *button = gtk_menu_button_new ();

  g_menu_append (menu, _("_Log Contact…"), "account.log-contact");
  g_menu_append (menu, _("_Promise to Pay…"), "account.add-promise");
  g_menu_append (menu, _("Payment P_lan…"), "account.add-plan");
  g_menu_append (menu, _("_Hand Over to an Agency…"), "account.hand-over");
  g_menu_append (menu, _("_Export for the Agency…"), "account.export-agency");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), _("_Actions"));
  gtk_menu_button_set_use_underline (GTK_MENU_BUTTON (button), TRUE);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  return button;
}

static void
on_nonpayment_selected (AdwComboRow *row,
                        GParamSpec  *pspec,
                        RcvDatabase *database)
{
  g_autoptr(GError) error = NULL;
  gint64 customer_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "rcv-customer"));
  AdwEntryRow *responsible = g_object_get_data (G_OBJECT (row), "rcv-responsible");

  if (!rcv_collections_set_account (database, customer_id,
                                    (RcvNonpayment) adw_combo_row_get_selected (row),
                                    gtk_editable_get_text (GTK_EDITABLE (responsible)), &error))
    g_warning ("The account could not be saved: %s", error->message);
}

static void
on_responsible_apply (AdwEntryRow *row,
                      AdwComboRow *nonpayment)
{
  on_nonpayment_selected (nonpayment, NULL, g_object_get_data (G_OBJECT (nonpayment),
                                                               "rcv-database"));
}

static void
add_record_rows (AdwPreferencesGroup        *group,
                 RcvDatabase                *database,
                 gint64                      customer_id,
                 const RcvCollectionsRecord *record)
{
  const char *const reasons[] = { rcv_nonpayment_label (RCV_NONPAYMENT_UNKNOWN),
                                  rcv_nonpayment_label (RCV_NONPAYMENT_CANT_PAY),
                                  rcv_nonpayment_label (RCV_NONPAYMENT_WONT_PAY),
                                  rcv_nonpayment_label (RCV_NONPAYMENT_DISPUTE), NULL };
  g_autoptr(GtkStringList) list = gtk_string_list_new (reasons);
  GtkWidget *nonpayment = adw_combo_row_new ();
  GtkWidget *responsible = adw_entry_row_new ();

  rcv_row_set_plain_title (nonpayment, _("Why it does not pay"));
  adw_combo_row_set_model (ADW_COMBO_ROW (nonpayment), G_LIST_MODEL (list));
  adw_combo_row_set_selected (ADW_COMBO_ROW (nonpayment), record->nonpayment);
  rcv_row_set_plain_title (responsible, _("Responsible"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (responsible), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (responsible), record->responsible);
  g_object_set_data (G_OBJECT (nonpayment), "rcv-customer", GSIZE_TO_POINTER (customer_id));
  g_object_set_data (G_OBJECT (nonpayment), "rcv-responsible", responsible);
  g_object_set_data_full (G_OBJECT (nonpayment), "rcv-database", g_object_ref (database),
                          g_object_unref);
  g_signal_connect_object (nonpayment, "notify::selected", G_CALLBACK (on_nonpayment_selected),
                           database, 0);
  g_signal_connect (responsible, "apply", G_CALLBACK (on_responsible_apply), nonpayment);
  adw_preferences_group_add (group, nonpayment);
  adw_preferences_group_add (group, responsible);
}

static void
add_plan_row (AdwPreferencesGroup        *group,
              RcvDatabase                *database,
              const RcvCollectionsRecord *record,
              const GDate                *today)
{
  g_autofree char *since = rcv_date_format_locale (&record->plan_created_on);
  g_autofree char *title = g_strdup_printf (_("Payment plan since %s"), since);
  g_autofree char *subtitle = NULL;
  g_autofree char *paid = rcv_money_format (record->plan_paid, currency_of (database));
  g_autofree char *total_text = NULL;
  gint64 total = 0, due_by_now = 0;
  const RcvInstalment *next = NULL;
  GtkWidget *button;
  AdwActionRow *row;

  for (guint i = 0; i < record->instalments->len; i++)
    {
      const RcvInstalment *instalment = &g_array_index (record->instalments, RcvInstalment, i);

      total += instalment->amount;
      if (g_date_compare (&instalment->due_date, today) < 0)
        due_by_now += instalment->amount;
      else if (next == NULL)
        next = instalment;
    }
  total_text = rcv_money_format (total, currency_of (database));
  if (next != NULL)
    {
      g_autofree char *date = rcv_date_format_locale (&next->due_date);
      g_autofree char *amount = rcv_money_format (next->amount, currency_of (database));

      /* Translators: paid so far of the plan's total, then the next instalment */
      subtitle = g_strdup_printf (_("%s paid of %s · next %s on %s"), paid, total_text, amount,
                                  date);
    }
  else
    subtitle = g_strdup_printf (_("%s paid of %s · every instalment has fallen due"), paid,
                                total_text);
  row = add_row (group, title, subtitle, NULL);
  if (record->plan_paid < due_by_now)
    add_warning_icon (row);
  button = gtk_button_new_with_mnemonic (_("_End Plan…"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "account.end-plan");
  adw_action_row_add_suffix (row, button);
}

static void
add_story (GtkBox      *box,
           RcvDatabase *database,
           gint64       customer_id,
           const GDate *today)
{
  g_autoptr(GPtrArray) events = rcv_collections_timeline (database, customer_id, today, N_STORY,
                                                          NULL);
  GtkWidget *group;

  if (events == NULL || events->len == 0)
    return;
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Collections History"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Contacts, promises, plans, letters, payments and "
                                           "disputes, the latest first"));
  gtk_box_append (box, group);
  for (guint i = 0; i < events->len; i++)
    {
      const RcvCollectionsEvent *event = g_ptr_array_index (events, i);
      g_autofree char *date = rcv_date_format_locale (&event->date);
      g_autofree char *title = g_strdup_printf (_("%s · %s"), date, event->title);
      AdwActionRow *row = add_row (ADW_PREFERENCES_GROUP (group), title, event->detail, NULL);

      if (event->flagged)
        add_warning_icon (row);
    }
}

RcvCollectionsRecord *
rcv_account_collections_add (GtkBox       *box,
                             RcvDatabase  *database,
                             gint64        customer_id,
                             GCancellable *cancellable)
{
  g_autoptr(RcvCollectionsRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *group = adw_preferences_group_new ();
  Pending *pending;
  GDate today;

  g_return_val_if_fail (GTK_IS_BOX (box), NULL);
  g_return_val_if_fail (RCV_IS_DATABASE (database), NULL);

  rcv_date_set_today (&today);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Collections"));
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), actions_button ());
  gtk_box_append (box, group);

  pending = g_new0 (Pending, 1);
  pending->currency = *currency_of (database);
  g_weak_ref_init (&pending->advice, add_waiting_row (ADW_PREFERENCES_GROUP (group),
                                                      _("Working out the advice…")));
  g_weak_ref_init (&pending->recovery, add_row (ADW_PREFERENCES_GROUP (group),
                                                _("Expected recovery"), NULL, NULL));
  g_weak_ref_init (&pending->payer, add_waiting_row (ADW_PREFERENCES_GROUP (group),
                                                     _("Payer behaviour, last 12 months")));
  rcv_collections_report_for_async (database, &today, customer_id, cancellable, on_report,
                                    pending);

  record = rcv_collections_get_record (database, customer_id, &today, &error);
  if (record == NULL)
    {
      add_row (ADW_PREFERENCES_GROUP (group), _("The account’s record cannot be read"),
               error->message, NULL);
      return NULL;
    }
  if (record->disputed->len > 0)
    {
      g_autoptr(GString) numbers = g_string_new (NULL);
      AdwActionRow *row;

      for (guint i = 0; i < record->disputed->len; i++)
        g_string_append_printf (numbers, "%s%s", i > 0 ? ", " : "",
                                (const char *) g_ptr_array_index (record->disputed, i));
      row = add_row (ADW_PREFERENCES_GROUP (group), _("Disputed invoices"), numbers->str, NULL);
      add_warning_icon (row);
    }
  if (record->plan_id > 0)
    add_plan_row (ADW_PREFERENCES_GROUP (group), database, record, &today);
  add_record_rows (ADW_PREFERENCES_GROUP (group), database, customer_id, record);
  add_story (box, database, customer_id, &today);
  return g_steal_pointer (&record);
}

/* ---- the dialogs ---- */

typedef struct
{
  RcvDatabase *database;
  gint64 customer_id;
  RcvCollectionsDialog kind;
  RcvCollectionsDone done;
  GWeakRef owner;
  GtkWindow *parent;         /* weak: the dialog is its transient child */
  RcvDateButton *date;
  AdwEntryRow *amount;
  AdwEntryRow *text;         /* notes, the agency */
  AdwEntryRow *commission;
  GtkDropDown *choice;       /* the kind of contact */
  GtkSpinButton *count;      /* instalments */
  GtkLabel *preview;         /* the instalments, or what is wrong */
  gint64 plan_id;
} Form;

static void
form_free (gpointer data)
{
  Form *form = data;

  g_clear_object (&form->database);
  g_weak_ref_clear (&form->owner);
  g_free (form);
}

static void
form_failed (Form         *form,
             const char   *what,
             const GError *error)
{
  /* in the company's window, under the page the form was opened from */
  if (form->parent != NULL)
    rcv_toast_show_error (GTK_WIDGET (form->parent), what, error);
  else
    g_warning ("%s: %s", what, error->message);
}

static void
form_done (Form       *form,
           const char *toast)
{
  g_autoptr(GObject) owner = g_weak_ref_get (&form->owner);
  if (toast != NULL && form->parent != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (toast, -1);

      rcv_toast_add (GTK_WIDGET (form->parent), adw_toast_new (escaped));
    }
  if (owner != NULL && form->done != NULL)
    form->done (owner);
}

static GtkWidget *
boxed_list (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  return list;
}

static AdwEntryRow *
entry_row (GtkWidget  *list,
           const char *title,
           const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  rcv_row_set_plain_title (row, title);
  if (text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (row), text);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return ADW_ENTRY_ROW (row);
}

static void
control_row (GtkWidget  *list,
             const char *title,
             GtkWidget  *control)
{
  GtkWidget *row = adw_action_row_new ();

  rcv_row_set_plain_title (row, title);
  gtk_widget_set_valign (control, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (control), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), control);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), control);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
}

static RcvDateButton *
date_row (GtkWidget   *list,
          const char  *title,
          const GDate *date)
{
  RcvDateButton *button = g_object_new (RCV_TYPE_DATE_BUTTON, NULL);

  if (date != NULL)
    rcv_date_button_set_date (button, date);
  control_row (list, title, GTK_WIDGET (button));
  return button;
}

/* The undisputed open amount: what a promise or a plan is about, at first. */
static gint64
open_amount (Form *form)
{
  g_autoptr(GPtrArray) items = rcv_ledger_list_open_items (form->database, form->customer_id,
                                                           RCV_INVOICE_KIND_INVOICE, NULL);
  gint64 total = 0;

  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      const RcvOpenItem *item = g_ptr_array_index (items, i);

      if (!rcv_collections_get_dispute (form->database, item->id, NULL, NULL, NULL))
        total += item->open;
    }
  return total;
}

static gboolean
read_amount (Form   *form,
             gint64 *amount)
{
  return rcv_money_parse_user (gtk_editable_get_text (GTK_EDITABLE (form->amount)),
                               currency_of (form->database), amount, NULL) && *amount > 0;
}

/* The plan's instalments: the amount split over the months from the first date, the cents
 * left over in the last one. */
static GArray *
plan_instalments (Form *form)
{
  GArray *instalments = g_array_new (FALSE, FALSE, sizeof (RcvInstalment));
  guint n = (guint) gtk_spin_button_get_value_as_int (form->count);
  gint64 amount;
  GDate first;

  if (!read_amount (form, &amount) || amount < (gint64) n)
    return instalments;
  rcv_date_button_get_date (form->date, &first);
  for (guint i = 0; i < n; i++)
    {
      RcvInstalment instalment;

      instalment.due_date = first;
      g_date_add_months (&instalment.due_date, i);
      instalment.amount = i + 1 < n ? amount / n : amount - (amount / n) * (n - 1);
      g_array_append_val (instalments, instalment);
    }
  return instalments;
}

/* Enables the dialog's button when its fields can be written, and says what is wrong. */
static void
validate (AdwMessageDialog *dialog)
{
  Form *form = g_object_get_data (G_OBJECT (dialog), "rcv-form");
  g_autofree char *problem = NULL;
  gint64 amount;
  gint bp;

  if (form->amount != NULL && !read_amount (form, &amount))
    problem = g_strdup (_("Amount: enter an amount over zero, such as 250.00"));
  else if (form->kind == RCV_COLLECTIONS_HAND_OVER)
    {
      g_autofree char *agency = g_strstrip (g_strdup (gtk_editable_get_text (
                                                        GTK_EDITABLE (form->text))));

      if (*agency == '\0')
        problem = g_strdup (_("Agency: enter the agency’s name"));
      else if (!rcv_percent_parse (gtk_editable_get_text (GTK_EDITABLE (form->commission)), &bp,
                                   NULL) || bp >= 10000)
        problem = g_strdup (_("Commission: enter a percentage under 100, such as 25"));
    }
  if (problem == NULL && form->kind == RCV_COLLECTIONS_PLAN)
    {
      g_autoptr(GArray) instalments = plan_instalments (form);
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0; i < instalments->len; i++)
        {
          const RcvInstalment *instalment = &g_array_index (instalments, RcvInstalment, i);
          g_autofree char *date = rcv_date_format_locale (&instalment->due_date);
          g_autofree char *shown = rcv_money_format (instalment->amount,
                                                     currency_of (form->database));

          if (i == 3 && instalments->len > 5)
            {
              g_string_append (text, "…\n");
              i = instalments->len - 2;
              continue;
            }
          g_string_append_printf (text, "%s%s  %s", text->len > 0 ? "\n" : "", date, shown);
        }
      if (instalments->len == 0)
        problem = g_strdup (_("Amount: too small for that many instalments"));
      else
        gtk_label_set_text (form->preview, text->str);
    }
  if (problem != NULL && form->preview != NULL)
    gtk_label_set_text (form->preview, problem);
  if (form->preview != NULL)
    gtk_widget_set_visible (GTK_WIDGET (form->preview),
                            problem != NULL || form->kind == RCV_COLLECTIONS_PLAN);
  adw_message_dialog_set_response_enabled (dialog, "save", problem == NULL);
}

static void
write_form (Form *form)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *toast = NULL;
  gint64 amount = 0;
  gboolean ok = FALSE;
  GDate date, today;
  gint bp = 0;

  rcv_date_set_today (&today);
  if (form->date != NULL)
    rcv_date_button_get_date (form->date, &date);
  else
    date = today;
  if (form->amount != NULL)
    read_amount (form, &amount);
  switch (form->kind)
    {
    case RCV_COLLECTIONS_LOG_CONTACT:
      {
        static const char *const kinds[] = { "call", "email", "letter", "visit", "note" };

        ok = rcv_collections_add_contact (form->database, form->customer_id, &date,
                                          kinds[gtk_drop_down_get_selected (form->choice)],
                                          gtk_editable_get_text (GTK_EDITABLE (form->text)),
                                          &error) > 0;
        toast = g_strdup (_("Contact logged"));
      }
      break;
    case RCV_COLLECTIONS_PROMISE:
      ok = rcv_collections_add_promise (form->database, form->customer_id, &today, &date, amount,
                                        &error) > 0;
      toast = g_strdup (_("Promise recorded: it is checked against the payments by its date"));
      break;
    case RCV_COLLECTIONS_PLAN:
      {
        g_autoptr(GArray) instalments = plan_instalments (form);

        ok = rcv_collections_add_plan (form->database, form->customer_id, &today, instalments,
                                       &error) > 0;
        toast = g_strdup (_("Payment plan set: its instalments now drive the reminders"));
      }
      break;
    case RCV_COLLECTIONS_END_PLAN:
      ok = rcv_collections_end_plan (form->database, form->plan_id, &today, &error);
      toast = g_strdup (_("Payment plan ended: the invoices’ due dates count again"));
      break;
    case RCV_COLLECTIONS_HAND_OVER:
      rcv_percent_parse (gtk_editable_get_text (GTK_EDITABLE (form->commission)), &bp, NULL);
      ok = rcv_collections_hand_over (form->database, form->customer_id,
                                      gtk_editable_get_text (GTK_EDITABLE (form->text)), &date,
                                      bp, &error);
      toast = g_strdup (_("Account handed over: it leaves reminders and alerts"));
      break;
    case RCV_COLLECTIONS_EXPORT:
    default:
      g_return_if_reached ();
    }
  if (!ok)
    {
      form_failed (form, _("The account could not be changed"), error);
      return;
    }
  form_done (form, toast);
}

static void
on_response (AdwMessageDialog *dialog,
             const char       *response,
             gpointer          user_data)
{
  if (g_strcmp0 (response, "save") == 0)
    write_form (g_object_get_data (G_OBJECT (dialog), "rcv-form"));
}

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  Form *form = data;
  g_autoptr(GError) error = NULL;

  if (!rcv_agency_export_finish (RCV_DATABASE (source), result, &error))
    form_failed (form, _("The files for the agency could not be written"), error);
  else
    form_done (form, _("Saved the summary (PDF) and the open invoices (CSV) for the agency"));
  form_free (form);
}

static void
on_export_chosen (GtkNativeDialog *chooser,
                  int              response,
                  Form            *form)
{
  g_autofree char *pdf = rcv_file_chooser_get_path (chooser, response);
  g_autofree char *base = NULL;
  g_autofree char *csv = NULL;
  GDate today;

  g_object_unref (chooser);
  if (pdf == NULL)
    {
      form_free (form);
      return;
    }
  /* the CSV beside the PDF, with the same name */
  base = g_str_has_suffix (pdf, ".pdf") ? g_strndup (pdf, strlen (pdf) - 4) : g_strdup (pdf);
  csv = g_strconcat (base, ".csv", NULL);
  rcv_date_set_today (&today);
  rcv_agency_export_async (form->database, form->customer_id, &today, rcv_paper_for_locale (),
                           pdf, csv, NULL, on_exported, form);
}

static void
export_files (Form *form)
{
  g_autoptr(RcvCustomer) customer = rcv_ledger_get_customer (form->database, form->customer_id,
                                                             NULL);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  /* Translators: the suggested name of the agency's summary; %s is the customer's ID */
  name = g_strdup_printf (_("%s for the agency.pdf"), customer != NULL ? customer->code : "");
  chooser = rcv_pdf_chooser_new (form->parent, _("Export for the Agency"), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_chosen), form);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
watch (AdwMessageDialog *dialog,
       gpointer          widget,
       const char       *signal)
{
  if (widget != NULL)
    g_signal_connect_object (widget, signal, G_CALLBACK (validate), dialog, G_CONNECT_SWAPPED);
}

void
rcv_account_collections_run (GtkWindow            *parent,
                             RcvDatabase          *database,
                             gint64                customer_id,
                             RcvCollectionsDialog  kind,
                             RcvCollectionsDone    done,
                             GObject              *owner)
{
  Form *form = g_new0 (Form, 1);
  AdwMessageDialog *dialog;
  GtkWidget *list, *box;
  const char *button = _("_Save");
  GDate date;

  g_return_if_fail (RCV_IS_DATABASE (database));

  form->database = g_object_ref (database);
  form->customer_id = customer_id;
  form->kind = kind;
  form->done = done;
  form->parent = parent;
  g_weak_ref_init (&form->owner, owner);
  if (kind == RCV_COLLECTIONS_EXPORT)
    {
      export_files (form);
      return;
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, NULL, NULL));
  g_object_set_data_full (G_OBJECT (dialog), "rcv-form", form, form_free);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  list = boxed_list ();
  gtk_box_append (GTK_BOX (box), list);
  rcv_date_set_today (&date);
  switch (kind)
    {
    case RCV_COLLECTIONS_LOG_CONTACT:
      {
        const char *const kinds[] = { C_("contact", "Call"), C_("contact", "Email"),
                                      C_("contact", "Letter"), C_("contact", "Visit"),
                                      C_("contact", "Note"), NULL };

        adw_message_dialog_set_heading (dialog, _("Log a Contact"));
        adw_message_dialog_set_body (dialog, _("A call, an email or a visit, and what was "
                                               "said: it goes into the account’s history."));
        form->choice = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (kinds));
        control_row (list, _("Kind"), GTK_WIDGET (form->choice));
        form->date = date_row (list, _("Date"), &date);
        form->text = entry_row (list, _("Notes"), NULL);
      }
      break;
    case RCV_COLLECTIONS_PROMISE:
      {
        g_autofree char *amount = rcv_money_format_plain (open_amount (form),
                                                          currency_of (database));

        adw_message_dialog_set_heading (dialog, _("Promise to Pay"));
        adw_message_dialog_set_body (dialog, _("The promise is broken if the payments from "
                                               "today to its date fall short of it. Two broken "
                                               "promises or instalments advise an agency."));
        g_date_add_days (&date, 7);
        form->date = date_row (list, _("Paid by"), &date);
        form->amount = entry_row (list, _("Amount"), amount);
      }
      break;
    case RCV_COLLECTIONS_PLAN:
      {
        g_autofree char *amount = rcv_money_format_plain (open_amount (form),
                                                          currency_of (database));

        adw_message_dialog_set_heading (dialog, _("Payment Plan"));
        adw_message_dialog_set_body (dialog, _("The amount in monthly instalments. While the "
                                               "plan is kept, its instalments drive the "
                                               "reminders instead of the invoices’ due dates; a "
                                               "missed instalment is flagged and notified."));
        g_date_add_months (&date, 1);
        form->amount = entry_row (list, _("Amount"), amount);
        form->count = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (1, MAX_INSTALMENTS, 1));
        gtk_spin_button_set_value (form->count, 3);
        control_row (list, _("Instalments"), GTK_WIDGET (form->count));
        form->date = date_row (list, _("First instalment"), &date);
      }
      break;
    case RCV_COLLECTIONS_END_PLAN:
      {
        g_autoptr(RcvCollectionsRecord) record = rcv_collections_get_record (database,
                                                                             customer_id, &date,
                                                                             NULL);

        form->plan_id = record != NULL ? record->plan_id : 0;
        adw_message_dialog_set_heading (dialog, _("End the Payment Plan?"));
        adw_message_dialog_set_body (dialog, _("From today the invoices count from their own "
                                               "due dates again, for reminders, alerts and the "
                                               "advice. The plan stays in the history."));
        gtk_widget_set_visible (list, FALSE);
        button = _("_End Plan");
      }
      break;
    case RCV_COLLECTIONS_HAND_OVER:
    default:
      {
        RcvRecoveryAssumptions assumptions;
        g_autofree char *commission = NULL;

        rcv_collections_get_assumptions (database, &assumptions);
        /* the whole rate, 12,5 in German: bp / 100 lost its decimals */
        commission = rcv_decimal_format (assumptions.commission_bp, 2, TRUE);
        adw_message_dialog_set_heading (dialog, _("Hand Over to an Agency?"));
        adw_message_dialog_set_body (dialog, _("From the hand-over date the account gets no "
                                               "more reminders or alerts, and each of its "
                                               "payments is recorded with the agency’s "
                                               "commission. This cannot be undone here."));
        form->text = entry_row (list, _("Agency"), NULL);
        form->date = date_row (list, _("Handed over on"), &date);
        form->commission = entry_row (list, _("Commission (%)"), commission);
        button = _("_Hand Over");
      }
      break;
    }
  form->preview = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (form->preview, 0);
  gtk_label_set_wrap (form->preview, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (form->preview), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (form->preview), "numeric");
  gtk_widget_set_visible (GTK_WIDGET (form->preview), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (form->preview));
  adw_message_dialog_set_extra_child (dialog, box);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "save", button, NULL);
  adw_message_dialog_set_response_appearance (dialog, "save",
                                              kind == RCV_COLLECTIONS_HAND_OVER ||
                                              kind == RCV_COLLECTIONS_END_PLAN
                                                ? ADW_RESPONSE_DESTRUCTIVE
                                                : ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  watch (dialog, form->amount, "changed");
  watch (dialog, form->text, "changed");
  watch (dialog, form->commission, "changed");
  watch (dialog, form->count, "value-changed");
  watch (dialog, form->date, "date-changed");
  g_signal_connect (dialog, "response", G_CALLBACK (on_response), NULL);
  validate (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}
