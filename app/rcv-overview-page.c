/* rcv-overview-page.c - where the money stands: key figures, amounts by age, largest balances
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One aging report as of today, computed in a worker thread; the charts of the same figures
 * come with the chart code (DESIGN.md §1).
 */
#define G_LOG_DOMAIN "rcv-overview-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rcv-database-task.h"
#include "rcv-aging.h"
#include "rcv-date.h"
#include "rcv-money.h"
#include "rcv-overview-page.h"

#define N_DEBTORS 5

struct _RcvOverviewPage
{
  GtkWidget parent_instance;

  RcvDatabase *database;
  GCancellable *cancellable;
  gint64 started;              /* of the read under way, for the debug log */
  GPtrArray *rows;            /* the rows added to the groups, removed on the next report */

  GtkStack *stack;
  GtkSpinner *spinner;
  AdwStatusPage *error_page;
  GtkLabel *as_of_label;
  GtkFlowBox *figures_box;
  AdwPreferencesGroup *buckets_group;
  AdwPreferencesGroup *debtors_group;
};

G_DEFINE_FINAL_TYPE (RcvOverviewPage, rcv_overview_page, GTK_TYPE_WIDGET)

static void
add_figure (RcvOverviewPage *self,
            const char      *value,
            const char      *caption)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *value_label = gtk_label_new (value);
  GtkWidget *caption_label = gtk_label_new (caption);
  g_autofree char *accessible = g_strdup_printf ("%s: %s", caption, value);

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "rcv-figure");
  gtk_widget_add_css_class (value_label, "title-2");
  gtk_widget_add_css_class (value_label, "numeric");
  gtk_widget_add_css_class (caption_label, "dim-label");
  gtk_label_set_wrap (GTK_LABEL (caption_label), TRUE);
  gtk_label_set_justify (GTK_LABEL (caption_label), GTK_JUSTIFY_CENTER);
  gtk_box_append (GTK_BOX (box), value_label);
  gtk_box_append (GTK_BOX (box), caption_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  gtk_flow_box_append (self->figures_box, box);
}

static void
add_row (RcvOverviewPage     *self,
         AdwPreferencesGroup *group,
         const char          *title,
         const char          *subtitle,
         const char          *amount)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (amount);

  /* names come from users: never markup */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, g_object_ref (row));
  g_object_set_data (G_OBJECT (row), "rcv-group", group);
}

static void
clear (RcvOverviewPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->figures_box))) != NULL)
    gtk_flow_box_remove (self->figures_box, child);
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      adw_preferences_group_remove (g_object_get_data (G_OBJECT (row), "rcv-group"), row);
    }
  g_ptr_array_set_size (self->rows, 0);
}

static int
compare_balance (gconstpointer a,
                 gconstpointer b)
{
  const RcvAgingRow *ra = *(RcvAgingRow * const *) a, *rb = *(RcvAgingRow * const *) b;

  return ra->balance < rb->balance ? 1 : ra->balance > rb->balance ? -1 : 0;
}

static char *
share_text (gint64 part,
            gint64 whole)
{
  /* whole percent, rounded half away from zero like every other figure */
  gint64 percent = whole > 0 ? rcv_round_div (part * 100, whole) : 0;

  /* Translators: a share of the total, e.g. "12 %" */
  return g_strdup_printf (_("%d %%"), (int) percent);
}

static void
show_report (RcvOverviewPage      *self,
             const RcvAgingReport *report)
{
  const RcvCurrency *currency = rcv_database_get_currency (self->database);
  g_autoptr(GPtrArray) debtors = NULL;
  g_autofree char *total_text = NULL;
  g_autofree char *overdue_text = NULL;
  g_autofree char *overdue_caption = NULL;
  g_autofree char *share = NULL;
  g_autofree char *past_60 = NULL;
  g_autofree char *past_90 = NULL;
  g_autofree char *as_of = NULL;
  g_autofree char *date = NULL;
  gint64 outstanding = 0, overdue = 0;
  guint n_past_60 = 0, n_past_90 = 0;

  clear (self);
  for (guint b = 0; b < report->n_buckets; b++)
    outstanding += report->total.buckets[b];
  overdue = outstanding - report->total.buckets[0];
  for (guint i = 0; i < report->rows->len; i++)
    {
      const RcvAgingRow *row = g_ptr_array_index (report->rows, i);

      if (row->n_open_invoices > 0 && row->oldest_days >= 60)
        n_past_60++;
      if (row->n_open_invoices > 0 && row->oldest_days >= 90)
        n_past_90++;
    }

  if (outstanding == 0 && report->total.unapplied == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  date = rcv_date_format_locale (&report->as_of);
  /* Translators: %s is a date */
  as_of = g_strdup_printf (_("As of %s"), date);
  gtk_label_set_text (self->as_of_label, as_of);

  total_text = rcv_money_format (report->total.balance, currency);
  add_figure (self, total_text, _("Total receivables"));
  overdue_text = rcv_money_format (overdue, currency);
  share = share_text (overdue, outstanding);
  /* Translators: %s is a share, e.g. "Overdue (12 %)" */
  overdue_caption = g_strdup_printf (_("Overdue (%s)"), share);
  add_figure (self, overdue_text, overdue_caption);
  past_60 = g_strdup_printf ("%u", n_past_60);
  add_figure (self, past_60, _("Accounts past 60 days"));
  past_90 = g_strdup_printf ("%u", n_past_90);
  add_figure (self, past_90, _("Accounts past 90 days"));

  for (guint b = 0; b < report->n_buckets; b++)
    {
      g_autofree char *label = rcv_aging_bucket_label (report->boundaries, report->n_boundaries, b);
      g_autofree char *amount = rcv_money_format (report->total.buckets[b], currency);
      g_autofree char *bucket_share = share_text (report->total.buckets[b], outstanding);

      add_row (self, self->buckets_group, label, bucket_share, amount);
    }
  if (report->total.unapplied != 0)
    {
      g_autofree char *amount = rcv_money_format (report->total.unapplied, currency);

      add_row (self, self->buckets_group, _("Unapplied credit"),
               _("Payments and credit notes not yet allocated"), amount);
    }

  /* a copy to sort, which does not own the report's rows */
  debtors = g_ptr_array_new_full (report->rows->len, NULL);
  g_ptr_array_extend (debtors, report->rows, NULL, NULL);
  g_ptr_array_sort (debtors, compare_balance);
  for (guint i = 0; i < MIN (debtors->len, N_DEBTORS); i++)
    {
      const RcvAgingRow *row = g_ptr_array_index (debtors, i);
      g_autofree char *amount = NULL;
      g_autofree char *subtitle = NULL;

      if (row->balance <= 0)
        break;
      amount = rcv_money_format (row->balance, currency);
      if (row->n_open_invoices > 0 && row->oldest_days > 0)
        subtitle = g_strdup_printf (ngettext ("Oldest invoice %d day overdue",
                                              "Oldest invoice %d days overdue",
                                              (gulong) row->oldest_days),
                                    row->oldest_days);
      else
        subtitle = g_strdup (_("Nothing overdue"));
      add_row (self, self->debtors_group, row->name, subtitle, amount);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->debtors_group), debtors->len > 0);
  gtk_stack_set_visible_child_name (self->stack, "figures");
}

static void
on_report_ready (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(RcvOverviewPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvAgingReport) report = NULL;

  report = rcv_aging_report_new_finish (RCV_DATABASE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      RCV_DATABASE (source) != self->database)
    return;
  gtk_spinner_stop (self->spinner);
  g_debug ("overview read in %.3f s", (g_get_monotonic_time () - self->started) / 1e6);
  if (report == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  show_report (self, report);
}

static void
rcv_overview_page_dispose (GObject *object)
{
  RcvOverviewPage *self = RCV_OVERVIEW_PAGE (object);
  GtkWidget *child;

  rcv_cancel_and_clear (&self->cancellable);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->database);
  gtk_widget_dispose_template (GTK_WIDGET (self), RCV_TYPE_OVERVIEW_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (rcv_overview_page_parent_class)->dispose (object);
}

static void
rcv_overview_page_class_init (RcvOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rcv_overview_page_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/receivables/Receivables/"
                                               "rcv-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RcvOverviewPage, stack);
  gtk_widget_class_bind_template_child (widget_class, RcvOverviewPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, RcvOverviewPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, RcvOverviewPage, as_of_label);
  gtk_widget_class_bind_template_child (widget_class, RcvOverviewPage, figures_box);
  gtk_widget_class_bind_template_child (widget_class, RcvOverviewPage, buckets_group);
  gtk_widget_class_bind_template_child (widget_class, RcvOverviewPage, debtors_group);
}

static void
rcv_overview_page_init (RcvOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
}

void
rcv_overview_page_set_database (RcvOverviewPage *self,
                                RcvDatabase     *database)
{
  g_return_if_fail (RCV_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (database == NULL || RCV_IS_DATABASE (database));

  g_set_object (&self->database, database);
}

/* Reads the figures again as of today, in a worker thread; an earlier read still running is
 * cancelled, its result never shown. */
void
rcv_overview_page_reload (RcvOverviewPage *self)
{
  GDate today;

  g_return_if_fail (RCV_IS_OVERVIEW_PAGE (self));

  rcv_cancel_and_clear (&self->cancellable);
  if (self->database == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  self->started = g_get_monotonic_time ();
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "figures") != 0)
    {
      gtk_spinner_start (self->spinner);
      gtk_stack_set_visible_child_name (self->stack, "loading");
    }
  rcv_date_set_today (&today);
  rcv_aging_report_new_async (self->database, &today, self->cancellable, on_report_ready,
                              g_object_ref (self));
}
