/* rcv-collections-group.c - the Collections group of a customer's page, and its story
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The record, the plan and the story are read through the customer's own indexes on the main
 * thread, like the rest of the page; the advice and payer behaviour scan the company's open
 * items (rcv_collections_report_for), so they are read in a worker thread and fill their rows
 * when they arrive. Why the account does not pay and who follows it are written as soon as
 * they are chosen (or applied).
 */
#define G_LOG_DOMAIN "rcv-account-collections"

#include "config.h"

#include <glib/gi18n.h>

#include "rcv-account-collections.h"
#include "rcv-collections-group.h"
#include "rcv-collections-report.h"
#include "rcv-date.h"
#include "rcv-money.h"
#include "rcv-plain-text.h"

#define N_STORY 30

struct _RcvCollectionsGroup
{
  AdwPreferencesGroup parent_instance;

  RcvDatabase *database;
  gint64 customer_id;
  gboolean filling;            /* the record shown: not the user's choice */

  AdwActionRow *advice_row;
  GtkSpinner *advice_spinner;
  AdwActionRow *recovery_row;
  AdwActionRow *payer_row;
  GtkSpinner *payer_spinner;
  GtkLabel *payer_value;
  AdwActionRow *record_error_row;
  AdwActionRow *disputed_row;
  AdwActionRow *plan_row;
  AdwComboRow *nonpayment_row;
  AdwEntryRow *responsible_row;
};

G_DEFINE_FINAL_TYPE (RcvCollectionsGroup, rcv_collections_group, ADW_TYPE_PREFERENCES_GROUP)

/* What the worker thread's answer fills: the group if it is still shown. */
typedef struct
{
  GWeakRef group;
  RcvCurrency currency;
} Pending;

static void
pending_free (Pending *pending)
{
  g_weak_ref_clear (&pending->group);
  g_free (pending);
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

/* A row with user text: never markup. Its spinner, if any, stops. */
static void
set_row (AdwActionRow *row,
         GtkSpinner   *spinner,
         const char   *title,
         const char   *subtitle)
{
  rcv_row_set_plain_title (row, title);
  rcv_action_row_set_plain_subtitle (row, subtitle);
  if (spinner != NULL)
    gtk_widget_set_visible (GTK_WIDGET (spinner), FALSE);
}

static void
show_account (RcvCollectionsGroup         *self,
              const RcvCollectionsAccount *account,
              const RcvCurrency           *currency)
{
  g_autofree char *chase = rcv_money_format (account->recovery_chase, currency);
  g_autofree char *agency = rcv_money_format (account->recovery_agency, currency);
  g_autofree char *commission = rcv_percent_format (account->commission_bp);
  g_autofree char *recovery = NULL;
  g_autofree char *payer = NULL;

  if (account->agency != NULL)
    {
      g_autofree char *since = rcv_date_format_locale (&account->handed_over_on);
      /* Translators: an agency's name and the date the account went to it */
      g_autofree char *title = g_strdup_printf (_("With %s since %s"), account->agency, since);

      set_row (self->advice_row, self->advice_spinner, title,
               _("Out of reminders and alerts; its payments reach you less the agency’s "
                 "commission"));
    }
  else if (account->oldest_days == 0)
    set_row (self->advice_row, self->advice_spinner, _("Nothing to chase"), account->reasoning);
  else
    {
      /* Translators: the advice for an account, e.g. "Advice: Keep chasing" */
      g_autofree char *title = g_strdup_printf (_("Advice: %s"),
                                                rcv_recommendation_label (
                                                  account->recommendation));

      set_row (self->advice_row, self->advice_spinner, title, account->reasoning);
      if (account->recommendation != RCV_RECOMMEND_CHASE)
        add_warning_icon (self->advice_row);
    }

  /* Translators: the expected recovery either way: days of your own chasing, the amount,
   * the agency's commission, the amount */
  recovery = g_strdup_printf (_("Chasing %d more days yourself: %s · Through an agency now, "
                                "less %s commission: %s"),
                              account->chase_days, chase, commission, agency);
  set_row (self->recovery_row, NULL, _("Expected recovery"), recovery);
  gtk_widget_set_visible (GTK_WIDGET (self->recovery_row),
                          account->agency == NULL && account->oldest_days > 0);

  if (account->payer.paid == 0)
    payer = g_strdup (_("No invoice was paid in the last 12 months"));
  else
    {
      gint tenths = rcv_collections_average_tenths (&account->payer);
      g_autofree char *value = NULL;

      /* Translators: invoices paid in 12 months, how many late, how many past 60 days */
      payer = g_strdup_printf (g_dngettext (NULL, "%u invoice paid: %u late, %u past 60 "
                                            "days",
                                            "%u invoices paid: %u late, %u past 60 days",
                                            account->payer.paid),
                               account->payer.paid, account->payer.paid_late,
                               account->payer.paid_past_60);
      /* Translators: the average days late, with one decimal */
      value = g_strdup_printf (_("%d.%d days late on average"), tenths / 10, tenths % 10);
      gtk_label_set_text (self->payer_value, value);
      gtk_widget_set_visible (GTK_WIDGET (self->payer_value), TRUE);
    }
  set_row (self->payer_row, self->payer_spinner, _("Payer behaviour, last 12 months"), payer);
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
  g_autoptr(RcvCollectionsGroup) self = g_weak_ref_get (&pending->group);

  if (self != NULL && account != NULL)
    show_account (self, account, &pending->currency);
  else if (self != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_row (self->advice_row, self->advice_spinner, _("The advice cannot be worked out"),
             error->message);
  pending_free (pending);
}

static void
show_plan (RcvCollectionsGroup        *self,
           const RcvCollectionsRecord *record,
           const GDate                *today)
{
  const RcvCurrency *currency = rcv_database_get_currency (self->database);
  g_autofree char *since = rcv_date_format_locale (&record->plan_created_on);
  g_autofree char *title = g_strdup_printf (_("Payment plan since %s"), since);
  g_autofree char *subtitle = NULL;
  g_autofree char *paid = rcv_money_format (record->plan_paid, currency);
  g_autofree char *total_text = NULL;
  gint64 total = 0, due_by_now = 0;
  const RcvInstalment *next = NULL;

  for (guint i = 0; i < record->instalments->len; i++)
    {
      const RcvInstalment *instalment = &g_array_index (record->instalments, RcvInstalment, i);

      total += instalment->amount;
      if (g_date_compare (&instalment->due_date, today) < 0)
        due_by_now += instalment->amount;
      else if (next == NULL)
        next = instalment;
    }
  total_text = rcv_money_format (total, currency);
  if (next != NULL)
    {
      g_autofree char *date = rcv_date_format_locale (&next->due_date);
      g_autofree char *amount = rcv_money_format (next->amount, currency);

      /* Translators: paid so far of the plan's total, then the next instalment */
      subtitle = g_strdup_printf (_("%s paid of %s · next %s on %s"), paid, total_text, amount,
                                  date);
    }
  else
    subtitle = g_strdup_printf (_("%s paid of %s · every instalment has fallen due"), paid,
                                total_text);
  set_row (self->plan_row, NULL, title, subtitle);
  if (record->plan_paid < due_by_now)
    add_warning_icon (self->plan_row);
  gtk_widget_set_visible (GTK_WIDGET (self->plan_row), TRUE);
}

/* Why it does not pay and who follows it: written as soon as chosen, or applied. */
static void
on_account_changed (RcvCollectionsGroup *self)
{
  g_autoptr(GError) error = NULL;

  if (self->filling)
    return;
  if (!rcv_collections_set_account (self->database, self->customer_id,
                                    (RcvNonpayment) adw_combo_row_get_selected (
                                      self->nonpayment_row),
                                    gtk_editable_get_text (GTK_EDITABLE (self->responsible_row)),
                                    &error))
    g_warning ("The account could not be saved: %s", error->message);
}

static void
rcv_collections_group_dispose (GObject *object)
{
  RcvCollectionsGroup *self = RCV_COLLECTIONS_GROUP (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RCV_TYPE_COLLECTIONS_GROUP);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (rcv_collections_group_parent_class)->dispose (object);
}

static void
rcv_collections_group_class_init (RcvCollectionsGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rcv_collections_group_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/receivables/Receivables/"
                                               "rcv-collections-group.ui");
  gtk_widget_class_bind_template_child (widget_class, RcvCollectionsGroup, advice_row);
  gtk_widget_class_bind_template_child (widget_class, RcvCollectionsGroup, advice_spinner);
  gtk_widget_class_bind_template_child (widget_class, RcvCollectionsGroup, recovery_row);
  gtk_widget_class_bind_template_child (widget_class, RcvCollectionsGroup, payer_row);
  gtk_widget_class_bind_template_child (widget_class, RcvCollectionsGroup, payer_spinner);
  gtk_widget_class_bind_template_child (widget_class, RcvCollectionsGroup, payer_value);
  gtk_widget_class_bind_template_child (widget_class, RcvCollectionsGroup, record_error_row);
  gtk_widget_class_bind_template_child (widget_class, RcvCollectionsGroup, disputed_row);
  gtk_widget_class_bind_template_child (widget_class, RcvCollectionsGroup, plan_row);
  gtk_widget_class_bind_template_child (widget_class, RcvCollectionsGroup, nonpayment_row);
  gtk_widget_class_bind_template_child (widget_class, RcvCollectionsGroup, responsible_row);
  gtk_widget_class_bind_template_callback (widget_class, on_account_changed);
}

static void
rcv_collections_group_init (RcvCollectionsGroup *self)
{
  const char *const reasons[] = { rcv_nonpayment_label (RCV_NONPAYMENT_UNKNOWN),
                                  rcv_nonpayment_label (RCV_NONPAYMENT_CANT_PAY),
                                  rcv_nonpayment_label (RCV_NONPAYMENT_WONT_PAY),
                                  rcv_nonpayment_label (RCV_NONPAYMENT_DISPUTE), NULL };
  g_autoptr(GtkStringList) list = gtk_string_list_new (reasons);

  self->filling = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  /* the reasons' words are the core's, in the app's language */
  adw_combo_row_set_model (self->nonpayment_row, G_LIST_MODEL (list));
  self->filling = FALSE;
}

RcvCollectionsGroup *
rcv_collections_group_new (RcvDatabase *database,
                           gint64       customer_id)
{
  RcvCollectionsGroup *self;

  g_return_val_if_fail (RCV_IS_DATABASE (database), NULL);

  self = g_object_new (RCV_TYPE_COLLECTIONS_GROUP, NULL);
  self->database = g_object_ref (database);
  self->customer_id = customer_id;
  return self;
}

/* Starts the advice in a worker thread (`cancellable` stops it when the page goes) and shows
 * the account's record, which it returns (NULL when it cannot be read; the group says why). */
RcvCollectionsRecord *
rcv_collections_group_load (RcvCollectionsGroup *self,
                            GCancellable        *cancellable)
{
  g_autoptr(RcvCollectionsRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  Pending *pending;
  GDate today;

  g_return_val_if_fail (RCV_IS_COLLECTIONS_GROUP (self), NULL);

  rcv_date_set_today (&today);
  pending = g_new0 (Pending, 1);
  pending->currency = *rcv_database_get_currency (self->database);
  g_weak_ref_init (&pending->group, self);
  rcv_collections_report_for_async (self->database, &today, self->customer_id, cancellable,
                                    on_report, pending);

  record = rcv_collections_get_record (self->database, self->customer_id, &today, &error);
  if (record == NULL)
    {
      rcv_action_row_set_plain_subtitle (self->record_error_row, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->record_error_row), TRUE);
      return NULL;
    }
  if (record->disputed->len > 0)
    {
      g_autoptr(GString) numbers = g_string_new (NULL);

      for (guint i = 0; i < record->disputed->len; i++)
        g_string_append_printf (numbers, "%s%s", i > 0 ? ", " : "",
                                (const char *) g_ptr_array_index (record->disputed, i));
      rcv_action_row_set_plain_subtitle (self->disputed_row, numbers->str);
      gtk_widget_set_visible (GTK_WIDGET (self->disputed_row), TRUE);
    }
  if (record->plan_id > 0)
    show_plan (self, record, &today);

  self->filling = TRUE;
  adw_combo_row_set_selected (self->nonpayment_row, record->nonpayment);
  gtk_editable_set_text (GTK_EDITABLE (self->responsible_row), record->responsible);
  self->filling = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->nonpayment_row), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->responsible_row), TRUE);
  return g_steal_pointer (&record);
}

/* The account's story, the latest first: contacts, promises, plans, letters, payments and
 * disputes, broken promises marked. NULL when there is none to tell. */
GtkWidget *
rcv_collections_story_new (RcvDatabase *database,
                           gint64       customer_id)
{
  g_autoptr(GPtrArray) events = NULL;
  GtkWidget *group;
  GDate today;

  g_return_val_if_fail (RCV_IS_DATABASE (database), NULL);

  rcv_date_set_today (&today);
  events = rcv_collections_timeline (database, customer_id, &today, N_STORY, NULL);
  if (events == NULL || events->len == 0)
    return NULL;
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Collections History"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Contacts, promises, plans, letters, payments and "
                                           "disputes, the latest first"));
  for (guint i = 0; i < events->len; i++)
    {
      const RcvCollectionsEvent *event = g_ptr_array_index (events, i);
      g_autofree char *date = rcv_date_format_locale (&event->date);
      g_autofree char *title = g_strdup_printf (_("%s · %s"), date, event->title);
      AdwActionRow *row = rcv_account_add_row (ADW_PREFERENCES_GROUP (group), title,
                                               event->detail, NULL);

      if (event->flagged)
        add_warning_icon (row);
    }
  return group;
}
