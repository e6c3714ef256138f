/* rcv-overview-page.c - where the money stands: key figures and the aging charts, as of any date
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two reads in worker threads, one after the other so that the key figures come first: the
 * aging report with its DSO (a third of a second for a million invoices), then the month-end
 * trend (about a second), both cancelled when the date changes again. A commit that touches
 * the ledger (RcvDatabase::changed, gathered for a moment) reads both again with the figures
 * and the chart left on screen until the new ones come, cancelling a read still running. The charts are the core's (rcv-chart.c), shown by RcvChartView; a click on
 * a bucket, a customer or a month lists the matching invoices on the Invoices page.
 */
#define G_LOG_DOMAIN "rcv-overview-page"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "rcv-aging-summary.h"
#include "rcv-chart-view.h"
#include "rcv-database-changes.h"
#include "rcv-database-task.h"
#include "rcv-date-button.h"
#include "rcv-date.h"
#include "rcv-file-chooser.h"
#include "rcv-list-page.h"
#include "rcv-money.h"
#include "rcv-overview-page.h"
#include "rcv-page-database.h"
#include "rcv-toast.h"
#include "rcv-trend.h"
#include "rcv-plain-text.h"

/* Exported charts: pixels for PNG, points for SVG and PDF */
#define EXPORT_WIDTH 1000
#define EXPORT_HEIGHT 600

struct _RcvOverviewPage
{
  GtkWidget parent_instance;

  RcvDatabase *database;
  GCancellable *cancellable;
  GCancellable *trend_cancellable;
  gint64 started;              /* of the read under way, for the debug log */
  GDate as_of;
  guint changes_timeout;       /* gathers a burst of commits into one read */
  gboolean keep_shown;         /* a read after a commit: the figures stay until it is done */
  gboolean reading;            /* the figures are being read (placeholders or older ones shown) */

  RcvDateButton *date_button;
  GtkLabel *as_of_hint;
  GtkStack *stack;
  AdwStatusPage *empty_page;
  AdwStatusPage *error_page;
  GtkFlowBox *figures_box;
  RcvChartView *aging_chart;
  RcvChartView *customers_chart;
  GtkDropDown *months_dropdown;
  GtkStack *trend_stack;
  GtkSpinner *trend_spinner;
  GtkLabel *trend_error;
  RcvChartView *trend_chart;
};

G_DEFINE_FINAL_TYPE (RcvOverviewPage, rcv_overview_page, GTK_TYPE_WIDGET)

enum
{
  SIGNAL_READ,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void reload_trend        (RcvOverviewPage *self);
static void on_database_changed (RcvOverviewPage *self,
                                 RcvChangeSet    *changes,
                                 RcvDatabase     *database);

#define RCV_OVERVIEW_N_FIGURES 6

/* A figure card: its value, its caption under it, and what it means in its tooltip (NULL for
 * none), which is also its accessible description. */
static GtkWidget *
add_figure (RcvOverviewPage *self,
            const char      *value,
            const char      *caption,
            const char      *meaning)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *value_label = gtk_label_new (value);
  GtkWidget *caption_label = gtk_label_new (caption);
  g_autofree char *accessible = g_strdup_printf ("%s: %s", caption, value);

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "rcv-figure");
  gtk_widget_add_css_class (value_label, "title-3");
  gtk_widget_add_css_class (value_label, "numeric");
  gtk_widget_add_css_class (caption_label, "dim-label");
  gtk_label_set_wrap (GTK_LABEL (caption_label), TRUE);
  /* a narrow natural width: three figures to a line (the six in two even rows), two in a narrow window */
  gtk_label_set_max_width_chars (GTK_LABEL (caption_label), 12);
  gtk_label_set_justify (GTK_LABEL (caption_label), GTK_JUSTIFY_CENTER);
  gtk_box_append (GTK_BOX (box), value_label);
  gtk_box_append (GTK_BOX (box), caption_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  if (meaning != NULL)
    {
      gtk_widget_set_tooltip_text (box, meaning);
      gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      meaning, -1);
    }
  gtk_flow_box_append (self->figures_box, box);
  return box;
}

static void
clear_figures (RcvOverviewPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->figures_box))) != NULL)
    gtk_flow_box_remove (self->figures_box, child);
}

/* Before the first figures of a company arrive (a second on a large one): the page as it will
 * be, its figures' places held by an ellipsis and said to be busy, the charts empty; not a
 * blank page with a spinner. */
static void
show_placeholders (RcvOverviewPage *self)
{
  g_autofree char *overdue_caption = NULL;
  const char *captions[RCV_OVERVIEW_N_FIGURES];

  /* Translators: %s is a share, e.g. "Overdue (12 %)" */
  overdue_caption = g_strdup_printf (_("Overdue (%s)"), "…");
  captions[0] = _("Total receivables");
  captions[1] = overdue_caption;
  captions[2] = _("Unapplied credit");
  captions[3] = _("Days sales outstanding");
  captions[4] = _("Accounts past 60 days");
  captions[5] = _("Accounts past 90 days");
  clear_figures (self);
  for (guint i = 0; i < G_N_ELEMENTS (captions); i++)
    {
      GtkWidget *box = add_figure (self, "…", captions[i], NULL);

      gtk_widget_add_css_class (box, "rcv-placeholder");
      gtk_accessible_update_state (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_STATE_BUSY, TRUE, -1);
    }
  rcv_chart_view_set_chart (self->aging_chart, NULL);
  rcv_chart_view_set_chart (self->customers_chart, NULL);
  /* nothing to export until the charts are drawn */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "overview.export", FALSE);
  gtk_stack_set_visible_child_name (self->stack, "figures");
}

static char *
share_text (gint64 part,
            gint64 whole)
{
  /* whole percent, rounded half away from zero like every other figure */
  return rcv_percent_format_share (part, whole);
}

static char *
dso_text (const RcvDso *dso)
{
  g_autofree char *days = g_strdup_printf ("%" G_GINT64_FORMAT ".%d", dso->tenths / 10,
                                           (int) (dso->tenths % 10));
  const char *point = localeconv ()->decimal_point;

  if (point != NULL && point[0] != '\0' && point[0] != '.')
    g_strdelimit (days, ".", point[0]);
  if (!dso->complete)
    /* Translators: days sales outstanding when ten years of sales do not cover the debts */
    return g_strdup_printf (_("over %s days"), days);
  /* Translators: days sales outstanding, e.g. "43.3 days" */
  return g_strdup_printf (_("%s days"), days);
}

static void
show_summary (RcvOverviewPage       *self,
              const RcvAgingSummary *summary)
{
  const RcvAgingReport *report = summary->report;
  const RcvCurrency *currency = rcv_database_get_currency (self->database);
  g_autofree char *total_text = NULL;
  g_autofree char *overdue_text = NULL;
  g_autofree char *overdue_caption = NULL;
  g_autofree char *share = NULL;
  g_autofree char *credit_text = NULL;
  g_autofree char *open_text = NULL;
  g_autofree char *total_meaning = NULL;
  g_autofree char *dso = NULL;
  g_autofree char *past_60 = NULL;
  g_autofree char *past_90 = NULL;
  gint64 outstanding = 0, overdue = 0;
  guint n_past_60 = 0, n_past_90 = 0;

  clear_figures (self);
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
      g_autofree char *date = rcv_date_format_locale (&report->as_of);
      /* Translators: %s is a date */
      g_autofree char *description = g_strdup_printf (_("Nothing was open on %s. Outstanding amounts appear here as soon as an invoice is open."),
                                                      date);

      rcv_status_page_set_plain_description (self->empty_page, description);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  /* the total is the open invoices less the credit not yet applied (the unapplied total is
   * ≤ 0, shown as a positive amount): the credit has its own card, so that an overdue amount
   * above the total reads as it is */
  total_text = rcv_money_format (report->total.balance, currency);
  open_text = rcv_money_format (outstanding, currency);
  credit_text = rcv_money_format (-report->total.unapplied, currency);
  /* Translators: the total's tooltip; the first %s is the open invoices' amount, the second
   * the unapplied credit */
  total_meaning = g_strdup_printf (_("Open invoices of %s less unapplied credit of %s"),
                                   open_text, credit_text);
  add_figure (self, total_text, _("Total receivables"), total_meaning);
  overdue_text = rcv_money_format (overdue, currency);
  share = share_text (overdue, outstanding);
  /* Translators: %s is a share, e.g. "Overdue (12 %)" */
  overdue_caption = g_strdup_printf (_("Overdue (%s)"), share);
  add_figure (self, overdue_text, overdue_caption,
              _("Invoices past their due date, and their share of the open invoices"));
  add_figure (self, credit_text, _("Unapplied credit"),
              _("Payments and credit notes not yet applied to an invoice, deducted from the "
                "total receivables"));
  dso = dso_text (&summary->dso);
  add_figure (self, dso, _("Days sales outstanding"),
              _("How many days of sales the receivables stand for"));
  past_60 = g_strdup_printf ("%u", n_past_60);
  add_figure (self, past_60, _("Accounts past 60 days"),
              _("Customers whose oldest open invoice is 60 days overdue or more"));
  past_90 = g_strdup_printf ("%u", n_past_90);
  add_figure (self, past_90, _("Accounts past 90 days"),
              _("Customers whose oldest open invoice is 90 days overdue or more"));

  rcv_chart_view_set_chart (self->aging_chart, rcv_chart_new_aging (report, currency));
  rcv_chart_view_set_chart (self->customers_chart,
                            rcv_chart_new_customers (report, currency,
                                                     RCV_CHART_DEFAULT_CUSTOMERS));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "overview.export", TRUE);
  gtk_stack_set_visible_child_name (self->stack, "figures");
}

static void
on_summary_ready (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(RcvOverviewPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvAgingSummary) summary = NULL;

  summary = rcv_aging_summary_new_finish (RCV_DATABASE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      RCV_DATABASE (source) != self->database)
    return;
  self->reading = FALSE;
  g_debug ("overview read in %.3f s", (g_get_monotonic_time () - self->started) / 1e6);
  if (summary == NULL)
    {
      rcv_status_page_set_plain_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      g_signal_emit (self, signals[SIGNAL_READ], 0);
      return;
    }
  show_summary (self, summary);
  reload_trend (self);
}

static void
on_trend_ready (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RcvOverviewPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvTrend) trend = NULL;

  trend = rcv_trend_new_finish (RCV_DATABASE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      RCV_DATABASE (source) != self->database)
    return;
  gtk_spinner_stop (self->trend_spinner);
  g_debug ("trend of %u months read in %.3f s", trend != NULL ? trend->points->len : 0,
           (g_get_monotonic_time () - self->started) / 1e6);
  if (trend == NULL)
    {
      gtk_label_set_text (self->trend_error, error->message);
      gtk_stack_set_visible_child_name (self->trend_stack, "error");
      g_signal_emit (self, signals[SIGNAL_READ], 0);
      return;
    }
  rcv_chart_view_set_chart (self->trend_chart,
                            rcv_chart_new_trend (trend, rcv_database_get_currency (self->database)));
  gtk_stack_set_visible_child_name (self->trend_stack, "chart");
  g_signal_emit (self, signals[SIGNAL_READ], 0);
}

/* Lists the invoices behind a chart's element on the Invoices page. */
static void
show_invoices (RcvOverviewPage *self,
               const GDate     *as_of,
               gint64           customer_id,
               int              bucket,
               const char      *what)
{
  char iso[RCV_ISO_DATE_LEN];

  /* the window's Invoices page lists them */
  rcv_date_to_iso (as_of, iso);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-aged-invoices", "(sxis)", iso,
                              customer_id, bucket, what != NULL ? what : "");
}

static void
on_aging_chart_activated (RcvOverviewPage *self,
                          guint            element,
                          RcvChartView    *view)
{
  RcvChart *chart = rcv_chart_view_get_chart (view);
  g_autofree char *label = NULL;
  const guint *boundaries;
  guint n_boundaries;

  boundaries = rcv_database_get_aging_boundaries (self->database, &n_boundaries);
  label = rcv_aging_bucket_label (boundaries, n_boundaries, element);
  show_invoices (self, rcv_chart_get_as_of (chart), 0, (int) element, label);
}

static void
on_customers_chart_activated (RcvOverviewPage *self,
                              guint            element,
                              RcvChartView    *view)
{
  RcvChart *chart = rcv_chart_view_get_chart (view);
  g_autofree char *tip = rcv_chart_describe_element (chart, element);
  g_autofree char *name = NULL;
  const char *separator = strstr (tip, "\n");

  /* the tooltip's first line: "Name: amount"; the name is what the list says it shows */
  name = g_strndup (tip, separator != NULL ? (gsize) (separator - tip) : strlen (tip));
  show_invoices (self, rcv_chart_get_as_of (chart), rcv_chart_get_customer_id (chart, element),
                 -1, name);
}

static void
on_trend_chart_activated (RcvOverviewPage *self,
                          guint            element,
                          RcvChartView    *view)
{
  GDate date;

  if (rcv_chart_get_date (rcv_chart_view_get_chart (view), element, &date))
    show_invoices (self, &date, 0, -1, NULL);
}

static void
on_months_dropdown_selected (RcvOverviewPage *self,
                             GParamSpec      *pspec,
                             GtkDropDown     *dropdown)
{
  reload_trend (self);
}

static void
on_date_changed (RcvOverviewPage *self)
{
  rcv_overview_page_reload (self);
}

static RcvChartView *
chart_view_named (RcvOverviewPage *self,
                  const char      *name)
{
  if (g_str_equal (name, "customers"))
    return self->customers_chart;
  if (g_str_equal (name, "trend"))
    return self->trend_chart;
  return self->aging_chart;
}

static void
on_export_response (GtkNativeDialog *dialog,
                    int              response,
                    RcvOverviewPage *self)
{
  RcvChartView *view = g_object_get_data (G_OBJECT (dialog), "rcv-chart-view");
  g_autofree char *path = rcv_file_chooser_get_path (dialog, response);
  g_autoptr(GError) error = NULL;

  g_object_unref (dialog);
  if (path == NULL)
    return;
  rcv_overview_page_export_chart (self, view, path, &error);
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *pattern)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RcvOverviewPage *self = RCV_OVERVIEW_PAGE (widget);
  const char *which = g_variant_get_string (parameter, NULL);
  RcvChartView *view = chart_view_named (self, which);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;
  char iso[RCV_ISO_DATE_LEN];

  if (rcv_chart_view_get_chart (view) == NULL)
    return;
  rcv_date_to_iso (rcv_chart_get_as_of (rcv_chart_view_get_chart (view)), iso);
  /* Translators: the suggested name of an exported chart: its kind (aging, customers,
   * trend, not translated) and its date; the extension chooses PNG, SVG or PDF */
  name = g_strdup_printf (_("Receivables %s %s.png"), which, iso);
  chooser = gtk_file_chooser_native_new (_("Export Chart"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                              : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  add_filter (GTK_FILE_CHOOSER (chooser), _("PNG image"), "*.png");
  add_filter (GTK_FILE_CHOOSER (chooser), _("SVG drawing"), "*.svg");
  add_filter (GTK_FILE_CHOOSER (chooser), _("PDF document"), "*.pdf");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data (G_OBJECT (chooser), "rcv-chart-view", view);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_export_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
rcv_overview_page_dispose (GObject *object)
{
  RcvOverviewPage *self = RCV_OVERVIEW_PAGE (object);

  rcv_cancel_and_clear (&self->cancellable);
  rcv_cancel_and_clear (&self->trend_cancellable);
  g_clear_handle_id (&self->changes_timeout, g_source_remove);
  if (self->database != NULL)
    g_signal_handlers_disconnect_by_data (self->database, self);
  g_clear_object (&self->database);
  rcv_page_dispose_template (GTK_WIDGET (self), RCV_TYPE_OVERVIEW_PAGE);

  G_OBJECT_CLASS (rcv_overview_page_parent_class)->dispose (object);
}

static void
rcv_overview_page_class_init (RcvOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rcv_overview_page_dispose;

  /* RcvOverviewPage::read: its figures and trend are read (or failed), the page is done */
  signals[SIGNAL_READ] = g_signal_new ("read", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                       NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (RCV_TYPE_CHART_VIEW);
  g_type_ensure (RCV_TYPE_DATE_BUTTON);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/receivables/Receivables/"
                                               "rcv-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RcvOverviewPage, date_button);
  gtk_widget_class_bind_template_child (widget_class, RcvOverviewPage, as_of_hint);
  gtk_widget_class_bind_template_child (widget_class, RcvOverviewPage, stack);
  gtk_widget_class_bind_template_child (widget_class, RcvOverviewPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, RcvOverviewPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, RcvOverviewPage, figures_box);
  gtk_widget_class_bind_template_child (widget_class, RcvOverviewPage, aging_chart);
  gtk_widget_class_bind_template_child (widget_class, RcvOverviewPage, customers_chart);
  gtk_widget_class_bind_template_child (widget_class, RcvOverviewPage, months_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RcvOverviewPage, trend_stack);
  gtk_widget_class_bind_template_child (widget_class, RcvOverviewPage, trend_spinner);
  gtk_widget_class_bind_template_child (widget_class, RcvOverviewPage, trend_error);
  gtk_widget_class_bind_template_child (widget_class, RcvOverviewPage, trend_chart);
  gtk_widget_class_bind_template_callback (widget_class, on_date_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_aging_chart_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_customers_chart_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_trend_chart_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_months_dropdown_selected);

  gtk_widget_class_install_action (widget_class, "overview.export", "s", export_action);
}

static void
rcv_overview_page_init (RcvOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  rcv_date_set_today (&self->as_of);
}

void
rcv_overview_page_set_database (RcvOverviewPage *self,
                                RcvDatabase     *database)
{
  g_return_if_fail (RCV_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (database == NULL || RCV_IS_DATABASE (database));

  if (!rcv_page_set_database (self, &self->database, database, &self->changes_timeout,
                              G_CALLBACK (on_database_changed)))
    return;
}

static void
reload_trend (RcvOverviewPage *self)
{
  guint months = gtk_drop_down_get_selected (self->months_dropdown) == 1 ? 24 : 12;

  rcv_cancel_and_clear (&self->trend_cancellable);
  if (self->database == NULL)
    return;
  self->trend_cancellable = g_cancellable_new ();
  if (!self->keep_shown ||
      g_strcmp0 (gtk_stack_get_visible_child_name (self->trend_stack), "chart") != 0)
    {
      gtk_spinner_start (self->trend_spinner);
      gtk_stack_set_visible_child_name (self->trend_stack, "loading");
    }
  rcv_trend_new_async (self->database, &self->as_of, months, self->trend_cancellable,
                       on_trend_ready, g_object_ref (self));
}

static void
start_reading (RcvOverviewPage *self,
               gboolean         keep_shown)
{
  g_clear_handle_id (&self->changes_timeout, g_source_remove);
  self->keep_shown = keep_shown;
  rcv_cancel_and_clear (&self->cancellable);
  if (self->database == NULL)
    return;

  rcv_date_button_follow_today (self->date_button);
  rcv_date_button_get_date (self->date_button, &self->as_of);
  gtk_label_set_text (self->as_of_hint, rcv_date_button_get_hint (self->date_button));

  self->cancellable = g_cancellable_new ();
  self->started = g_get_monotonic_time ();
  self->reading = TRUE;
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "figures") != 0)
    show_placeholders (self);
  rcv_aging_summary_new_async (self->database, &self->as_of, self->cancellable, on_summary_ready,
                               g_object_ref (self));
  /* the trend follows the summary (on_summary_ready): the first figures come first */
  rcv_cancel_and_clear (&self->trend_cancellable);
  if (!keep_shown ||
      g_strcmp0 (gtk_stack_get_visible_child_name (self->trend_stack), "chart") != 0)
    {
      gtk_spinner_start (self->trend_spinner);
      gtk_stack_set_visible_child_name (self->trend_stack, "loading");
    }
}

/* Reads the figures again as of the page's date (today's, unless another was chosen), in
 * worker threads; earlier reads still running are cancelled, their results never shown. */
void
rcv_overview_page_reload (RcvOverviewPage *self)
{
  g_return_if_fail (RCV_IS_OVERVIEW_PAGE (self));

  start_reading (self, FALSE);
}

static gboolean
on_changes_timeout (gpointer user_data)
{
  RcvOverviewPage *self = user_data;

  self->changes_timeout = 0;
  start_reading (self, TRUE);
  return G_SOURCE_REMOVE;
}

/* Every figure comes from the invoices, payments and their allocations (the customers' names
 * in the largest balances, the buckets from the settings): a commit to any of them makes the
 * figures shown stale, and the read under way too. */
static void
on_database_changed (RcvOverviewPage *self,
                     RcvChangeSet    *changes,
                     RcvDatabase     *database)
{
  if (!rcv_change_set_touches_any (changes, "invoices", "payments", "allocations", "customers",
                                   "settings", NULL))
    return;
  rcv_page_coalesce_changes (self, &self->changes_timeout, on_changes_timeout);
}

/* Writes a chart of the page to a PNG, SVG or PDF file (the name's extension chooses) in the
 * light style, and says so in a toast; an error goes to a toast as well. */
gboolean
rcv_overview_page_export_chart (RcvOverviewPage *self,
                                RcvChartView    *view,
                                const char      *path,
                                GError         **error)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (view));
  g_autofree char *font = pango_font_description_to_string (
    pango_context_get_font_description (context));
  RcvChartStyle style = { FALSE, TRUE, font };
  RcvChart *chart = rcv_chart_view_get_chart (view);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *message = NULL;
  gboolean ok;

  g_return_val_if_fail (RCV_IS_OVERVIEW_PAGE (self), FALSE);
  g_return_val_if_fail (RCV_IS_CHART_VIEW (view), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (chart == NULL)
    return TRUE;
  ok = rcv_chart_export (chart, path, EXPORT_WIDTH, EXPORT_HEIGHT, &style, &local_error);
  /* the export laid the chart out at its own size: lay it out again for the screen */
  gtk_widget_queue_draw (GTK_WIDGET (view));
  if (!ok)
    {
      rcv_toast_show_error (GTK_WIDGET (self), _("The chart could not be exported"),
                            local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  basename = g_filename_display_basename (path);
  /* Translators: %s is a file name */
  message = g_markup_printf_escaped (_("Chart exported to %s"), basename);
  rcv_toast_add (GTK_WIDGET (self), adw_toast_new (message));
  return TRUE;
}

/* Whether the figures shown are placeholders or older than a read still running. */
gboolean
rcv_overview_page_is_reading (RcvOverviewPage *self)
{
  g_return_val_if_fail (RCV_IS_OVERVIEW_PAGE (self), FALSE);

  return self->reading;
}
