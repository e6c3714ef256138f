/* rcv-preferences-window.c - the company profile and how receivables are aged
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each field is applied on its own (Enter, or the row's apply button; the address when the
 * focus leaves it or the window closes; a choice as it is made; the buckets and the curve
 * once the person pauses), checked by the core; a refused value stays in the field, marked,
 * with the reason in a toast, and the file keeps the old one. Every applied change emits
 * "changed" so the window reads the figures again.
 */
#define G_LOG_DOMAIN "rcv-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "rcv-collections.h"
#include "rcv-company.h"
#include "rcv-daily-check.h"
#include "rcv-mail-page.h"
#include "rcv-number-list.h"
#include "rcv-policies-page.h"
#include "rcv-preferences-window.h"
#include "rcv-plain-text.h"

struct _RcvPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  RcvDatabase *database;
  gboolean loading;
  guint deselect_idle;

  AdwEntryRow *name_row;
  AdwEntryRow *tax_id_row;
  AdwEntryRow *email_row;
  AdwEntryRow *phone_row;
  AdwActionRow *logo_row;
  GtkTextView *address_view;
  gboolean address_edited;
  AdwEntryRow *bank_row;
  AdwEntryRow *iban_row;
  AdwEntryRow *bic_row;
  AdwComboRow *currency_row;
  RcvNumberList *boundaries_list;
  RcvNumberList *curve_list;
  guint curve_bp[RCV_COLLECTIONS_MAX_POINTS];   /* as read: a share's hundredths kept */
  AdwEntryRow *chase_row;
  AdwEntryRow *commission_row;
  AdwComboRow *basis_row;
  AdwActionRow *daily_check_row;
  GtkSwitch *daily_check_switch;
  RcvPoliciesPage *policies_page;
  RcvMailPage *mail_page;

  GSettings *settings;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (RcvPreferencesWindow, rcv_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
key_for_row (RcvPreferencesWindow *self,
             AdwEntryRow          *row)
{
  if (row == self->name_row)
    return RCV_COMPANY_NAME;
  if (row == self->tax_id_row)
    return RCV_COMPANY_TAX_ID;
  if (row == self->email_row)
    return RCV_COMPANY_EMAIL;
  if (row == self->phone_row)
    return RCV_COMPANY_PHONE;
  if (row == self->bank_row)
    return RCV_COMPANY_BANK;
  if (row == self->iban_row)
    return RCV_COMPANY_IBAN;
  if (row == self->bic_row)
    return RCV_COMPANY_BIC;
  g_assert_not_reached ();
}

/* Marks the row, says why in a toast; or clears the mark and tells the window. */
static void
applied (RcvPreferencesWindow *self,
         GtkWidget            *row,
         const char           *label,
         const GError         *error)
{
  if (error != NULL)
    {
      g_autofree char *title = g_markup_printf_escaped ("%s: %s", label, error->message);
      AdwToast *toast = adw_toast_new (title);

      adw_toast_set_timeout (toast, 0);
      gtk_widget_add_css_class (row, "error");
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
      return;
    }
  gtk_widget_remove_css_class (row, "error");
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_setting_row_apply (RcvPreferencesWindow *self,
                      AdwEntryRow          *row)
{
  g_autoptr(GError) error = NULL;

  rcv_company_set (self->database, key_for_row (self, row),
                   gtk_editable_get_text (GTK_EDITABLE (row)), &error);
  applied (self, GTK_WIDGET (row), adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
           error);
}

static void
on_address_changed (RcvPreferencesWindow *self,
                    GtkTextBuffer        *buffer)
{
  if (!self->loading)
    self->address_edited = TRUE;
}

/* The address is kept when the focus leaves it, and when the window closes. */
static void
apply_address (RcvPreferencesWindow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->address_view);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  if (!self->address_edited || self->database == NULL || self->address_view == NULL)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (rcv_company_set (self->database, RCV_COMPANY_ADDRESS, text, &error))
    self->address_edited = FALSE;
  applied (self, GTK_WIDGET (self->address_view), _("Address"), error);
}

/* The currencies offered: the common ones, and the company's own if it is another. */
static const char *const common_currencies[] = {
  "EUR", "USD", "GBP", "CHF", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF", "RON", "CAD", "AUD",
  "NZD", "JPY",
};

static void
load_currencies (RcvPreferencesWindow *self)
{
  const char *code = rcv_database_get_currency (self->database)->code;
  g_autoptr(GtkStringList) codes = gtk_string_list_new (NULL);
  guint selected = 0, n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (common_currencies); i++, n++)
    {
      gtk_string_list_append (codes, common_currencies[i]);
      if (g_str_equal (common_currencies[i], code))
        selected = n;
    }
  if (!g_strv_contains (common_currencies, code))
    {
      gtk_string_list_append (codes, code);
      selected = n;
    }
  adw_combo_row_set_model (self->currency_row, G_LIST_MODEL (codes));
  adw_combo_row_set_selected (self->currency_row, selected);
}

static void
on_currency_selected (RcvPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  GtkStringObject *item = adw_combo_row_get_selected_item (self->currency_row);

  if (self->loading || item == NULL ||
      g_str_equal (gtk_string_object_get_string (item),
                   rcv_database_get_currency (self->database)->code))
    return;
  if (!rcv_database_set_currency (self->database, gtk_string_object_get_string (item), &error))
    {
      /* refused (a company holding amounts in a currency of other decimals): back to its own */
      self->loading = TRUE;
      load_currencies (self);
      self->loading = FALSE;
    }
  applied (self, GTK_WIDGET (self->currency_row),
           adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->currency_row)), error);
}

static void
load_boundaries (RcvPreferencesWindow *self)
{
  guint n;
  const guint *boundaries = rcv_database_get_aging_boundaries (self->database, &n);
  int values[RCV_AGING_MAX_BOUNDARIES];

  for (guint i = 0; i < n && i < G_N_ELEMENTS (values); i++)
    values[i] = (int) boundaries[i];
  rcv_number_list_set_values (self->boundaries_list, values, MIN (n, G_N_ELEMENTS (values)));
}

/* The buckets as the rows have them, in the form the company file takes: "30, 60, 90". */
static void
on_boundaries_changed (RcvPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) values = rcv_number_list_get_values (self->boundaries_list);
  g_autoptr(GString) text = g_string_new (NULL);

  if (self->loading)
    return;
  for (guint i = 0; i < values->len; i++)
    g_string_append_printf (text, i == 0 ? "%d" : ", %d", g_array_index (values, int, i));
  rcv_database_set_aging_boundaries (self->database, text->str, &error);
  rcv_number_list_set_error (self->boundaries_list, error != NULL);
  applied (self, GTK_WIDGET (self->boundaries_list), _("Age buckets"), error);
}

/* ---- collections: the collectability curve and the recovery's assumptions ---- */

static void
load_collections (RcvPreferencesWindow *self)
{
  RcvRecoveryAssumptions assumptions;
  RcvCollectability curve;
  g_autofree char *chase = NULL;
  g_autofree char *commission = NULL;
  int values[2 * RCV_COLLECTIONS_MAX_POINTS];

  rcv_collections_get_curve (self->database, &curve);
  for (guint i = 0; i < curve.n_points; i++)
    {
      values[2 * i] = (int) curve.days[i];
      values[2 * i + 1] = (int) ((curve.bp[i] + 50) / 100);
      self->curve_bp[i] = curve.bp[i];
    }
  rcv_number_list_set_values (self->curve_list, values, curve.n_points);
  rcv_collections_get_assumptions (self->database, &assumptions);
  chase = g_strdup_printf ("%d", assumptions.chase_days);
  commission = rcv_percent_format (assumptions.commission_bp);
  gtk_editable_set_text (GTK_EDITABLE (self->chase_row), chase);
  gtk_editable_set_text (GTK_EDITABLE (self->commission_row), commission);
}

/* The curve as the rows have it, "days:percent,…"; a share left as it was read keeps its
 * hundredths (73.25 % shows as 73 and stays 73.25). */
static void
on_curve_changed (RcvPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) values = rcv_number_list_get_values (self->curve_list);
  g_autoptr(GString) text = g_string_new (NULL);

  if (self->loading)
    return;
  for (guint i = 0; 2 * i + 1 < values->len; i++)
    {
      int days = g_array_index (values, int, 2 * i);
      int percent = g_array_index (values, int, 2 * i + 1);
      guint kept = i < RCV_COLLECTIONS_MAX_POINTS ? self->curve_bp[i] : 0;

      if (kept > 0 && (int) ((kept + 50) / 100) == percent && kept % 100 != 0)
        g_string_append_printf (text, "%s%d:%u.%02u", i > 0 ? "," : "", days, kept / 100,
                                kept % 100);
      else
        g_string_append_printf (text, "%s%d:%d", i > 0 ? "," : "", days, percent);
    }
  if (rcv_collections_set_curve (self->database, text->str, &error))
    {
      RcvCollectability curve;

      rcv_collections_get_curve (self->database, &curve);
      for (guint i = 0; i < curve.n_points; i++)
        self->curve_bp[i] = curve.bp[i];
    }
  rcv_number_list_set_error (self->curve_list, error != NULL);
  applied (self, GTK_WIDGET (self->curve_list), _("Collected by days overdue"), error);
}

static void
on_assumptions_row_apply (RcvPreferencesWindow *self,
                          AdwEntryRow          *row)
{
  g_autoptr(GError) error = NULL;
  RcvRecoveryAssumptions assumptions;
  gint64 days;

  rcv_collections_get_assumptions (self->database, &assumptions);
  if (row == self->chase_row)
    {
      if (rcv_parse_int (gtk_editable_get_text (GTK_EDITABLE (row)), 1, 730, &days, &error))
        assumptions.chase_days = (gint) days;
    }
  else
    rcv_percent_parse (gtk_editable_get_text (GTK_EDITABLE (row)), &assumptions.commission_bp,
                       &error);
  if (error == NULL && rcv_collections_set_assumptions (self->database, &assumptions, &error))
    {
      self->loading = TRUE;
      load_collections (self);
      self->loading = FALSE;
    }
  applied (self, GTK_WIDGET (row), adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
           error);
}

static void
on_basis_row_selected (RcvPreferencesWindow *self,
                       GParamSpec           *pspec,
                       AdwComboRow          *row)
{
  g_autoptr(GError) error = NULL;
  RcvAgingBasis basis = adw_combo_row_get_selected (row) == 1 ? RCV_AGING_BY_ISSUE_DATE
                                                              : RCV_AGING_BY_DUE_DATE;

  if (self->loading || basis == rcv_database_get_aging_basis (self->database))
    return;
  rcv_database_set_aging_basis (self->database, basis, &error);
  applied (self, GTK_WIDGET (row), adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
           error);
}

static void
update_logo_row (RcvPreferencesWindow *self)
{
  g_autoptr(GBytes) logo = rcv_company_get_logo (self->database);
  g_autofree char *size = NULL;

  if (logo == NULL)
    {
      rcv_action_row_set_plain_subtitle (self->logo_row, _("None"));
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.remove-logo", FALSE);
      return;
    }
  size = g_format_size (g_bytes_get_size (logo));
  rcv_action_row_set_plain_subtitle (self->logo_row, size);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.remove-logo", TRUE);
}

static void
on_logo_chosen (GtkNativeDialog      *dialog,
                int                   response,
                RcvPreferencesWindow *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_object_unref (dialog);
  if (file == NULL)
    return;

  bytes = g_file_load_bytes (file, NULL, NULL, &error);
  if (bytes != NULL)
    rcv_company_set_logo (self->database, bytes, &error);
  applied (self, GTK_WIDGET (self->logo_row), _("Logo"), error);
  update_logo_row (self);
}

static void
choose_logo_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Images"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_mime_type (filter, "image/svg+xml");
  chooser = gtk_file_chooser_native_new (_("Choose a Logo"), GTK_WINDOW (widget),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_logo_chosen), widget);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
remove_logo_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RcvPreferencesWindow *self = RCV_PREFERENCES_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  rcv_company_set_logo (self->database, NULL, &error);
  applied (self, GTK_WIDGET (self->logo_row), _("Logo"), error);
  update_logo_row (self);
}

static void
load_row (AdwEntryRow *row,
          RcvDatabase *database,
          const char  *key)
{
  g_autofree char *value = rcv_database_get_setting (database, key);

  gtk_editable_set_text (GTK_EDITABLE (row), value != NULL ? value : "");
}

static void
on_policies_changed (RcvPreferencesWindow *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

/* ---- the daily check ------------------------------------------------------------------ */

static void
on_daily_check_set (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(RcvPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *notice = NULL;
  gboolean wanted = gtk_switch_get_active (self->daily_check_switch);
  gboolean done = rcv_daily_check_set_finish (result, &notice, &error);

  if (done)
    g_settings_set_boolean (self->settings, "check-daily", wanted);
  if (g_cancellable_is_cancelled (self->cancellable))
    return;   /* the window has closed */
  gtk_widget_set_sensitive (GTK_WIDGET (self->daily_check_row), TRUE);
  if (!done)
    wanted = !wanted;
  self->loading = TRUE;
  gtk_switch_set_active (self->daily_check_switch, wanted);
  gtk_switch_set_state (self->daily_check_switch, wanted);
  self->loading = FALSE;
  if (error != NULL || notice != NULL)
    {
      g_autofree char *title = g_markup_escape_text (error != NULL ? error->message : notice, -1);
      AdwToast *toast = adw_toast_new (title);

      adw_toast_set_timeout (toast, 0);
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
    }
}

/* The switch moves at once; its state follows when the timer (or portal) has answered. */
static gboolean
on_daily_check_state_set (RcvPreferencesWindow *self,
                          gboolean              state)
{
  if (self->loading)
    return FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->daily_check_row), FALSE);
  rcv_daily_check_set_async (state, rcv_database_get_path (self->database), NULL,
                             self->cancellable, on_daily_check_set, g_object_ref (self));
  return TRUE;
}

static void
load_daily_check (RcvPreferencesWindow *self)
{
  gboolean on;

  if (rcv_daily_check_get_kind () == RCV_DAILY_CHECK_PORTAL)
    {
      on = g_settings_get_boolean (self->settings, "check-daily");
      rcv_action_row_set_plain_subtitle (self->daily_check_row,
                                         _("At each login, even when Receivables is closed"));
    }
  else
    {
      on = rcv_daily_check_is_installed ();
      rcv_action_row_set_plain_subtitle (self->daily_check_row,
                                         _("At 9:00 each day, for this company file, even "
                                           "when Receivables is closed"));
    }
  gtk_switch_set_active (self->daily_check_switch, on);
  gtk_switch_set_state (self->daily_check_switch, on);
}

static void
rcv_preferences_window_dispose (GObject *object)
{
  RcvPreferencesWindow *self = RCV_PREFERENCES_WINDOW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  /* kept on close-request; nothing is written while the widgets go */
  self->address_edited = FALSE;
  g_clear_handle_id (&self->deselect_idle, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), RCV_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->database);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (rcv_preferences_window_parent_class)->dispose (object);
}

/* A page opened (or the window): its first field is focused, its text not selected. */
static gboolean
deselect_on_idle (gpointer user_data)
{
  RcvPreferencesWindow *self = user_data;

  self->deselect_idle = 0;
  rcv_window_deselect_focus (GTK_WINDOW (self));
  return G_SOURCE_REMOVE;
}

static void
on_page_shown (RcvPreferencesWindow *self)
{
  if (self->deselect_idle == 0)
    self->deselect_idle = g_idle_add (deselect_on_idle, self);
}

static void
rcv_preferences_window_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (rcv_preferences_window_parent_class)->map (widget);
  on_page_shown (RCV_PREFERENCES_WINDOW (widget));
}

static gboolean
rcv_preferences_window_close_request (GtkWindow *window)
{
  apply_address (RCV_PREFERENCES_WINDOW (window));
  return GTK_WINDOW_CLASS (rcv_preferences_window_parent_class)->close_request (window);
}

static void
rcv_preferences_window_class_init (RcvPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rcv_preferences_window_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = rcv_preferences_window_close_request;
  widget_class->map = rcv_preferences_window_map;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (RCV_TYPE_POLICIES_PAGE);
  g_type_ensure (RCV_TYPE_MAIL_PAGE);
  g_type_ensure (RCV_TYPE_NUMBER_LIST);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/receivables/Receivables/"
                                               "rcv-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RcvPreferencesWindow, name_row);
  gtk_widget_class_bind_template_child (widget_class, RcvPreferencesWindow, tax_id_row);
  gtk_widget_class_bind_template_child (widget_class, RcvPreferencesWindow, email_row);
  gtk_widget_class_bind_template_child (widget_class, RcvPreferencesWindow, phone_row);
  gtk_widget_class_bind_template_child (widget_class, RcvPreferencesWindow, logo_row);
  gtk_widget_class_bind_template_child (widget_class, RcvPreferencesWindow, address_view);
  gtk_widget_class_bind_template_child (widget_class, RcvPreferencesWindow, bank_row);
  gtk_widget_class_bind_template_child (widget_class, RcvPreferencesWindow, iban_row);
  gtk_widget_class_bind_template_child (widget_class, RcvPreferencesWindow, bic_row);
  gtk_widget_class_bind_template_child (widget_class, RcvPreferencesWindow, currency_row);
  gtk_widget_class_bind_template_child (widget_class, RcvPreferencesWindow, boundaries_list);
  gtk_widget_class_bind_template_child (widget_class, RcvPreferencesWindow, curve_list);
  gtk_widget_class_bind_template_child (widget_class, RcvPreferencesWindow, chase_row);
  gtk_widget_class_bind_template_child (widget_class, RcvPreferencesWindow, commission_row);
  gtk_widget_class_bind_template_child (widget_class, RcvPreferencesWindow, basis_row);
  gtk_widget_class_bind_template_child (widget_class, RcvPreferencesWindow, daily_check_row);
  gtk_widget_class_bind_template_child (widget_class, RcvPreferencesWindow, daily_check_switch);
  gtk_widget_class_bind_template_child (widget_class, RcvPreferencesWindow, policies_page);
  gtk_widget_class_bind_template_child (widget_class, RcvPreferencesWindow, mail_page);
  gtk_widget_class_bind_template_callback (widget_class, on_policies_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_setting_row_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_currency_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_boundaries_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_curve_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_assumptions_row_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_basis_row_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_daily_check_state_set);

  gtk_widget_class_install_action (widget_class, "preferences.choose-logo", NULL,
                                   choose_logo_action);
  gtk_widget_class_install_action (widget_class, "preferences.remove-logo", NULL,
                                   remove_logo_action);
}

static void
rcv_preferences_window_init (RcvPreferencesWindow *self)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();
  static const RcvNumberColumn boundary[] = { { NULL, NULL, 1, 3650, 30 } };
  RcvNumberColumn point[] = { { NULL, NULL, 1, 3650, 90 }, { "%", NULL, 0, 100, -10 } };
  RcvNumberColumn ends[1];

  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new (BASE_APPLICATION_ID);
  self->cancellable = g_cancellable_new ();
  g_signal_connect_object (gtk_text_view_get_buffer (self->address_view), "changed",
                           G_CALLBACK (on_address_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (focus, "leave", G_CALLBACK (apply_address), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->address_view), focus);
  g_signal_connect (self, "notify::visible-page", G_CALLBACK (on_page_shown), NULL);

  ends[0] = boundary[0];
  /* Translators: after the number of days where an age bucket ends */
  ends[0].unit = _("days");
  ends[0].accessible_name = _("days overdue");
  /* Translators: a row of the age buckets: "Bucket 2 ends after" … days */
  rcv_number_list_setup (self->boundaries_list, ends, 1, _("Bucket {n} ends after"),
                         RCV_AGING_MAX_BOUNDARIES);
  point[0].unit = _("days");
  point[0].accessible_name = _("days overdue");
  point[1].accessible_name = _("percent still collected");
  /* Translators: a point of the collectability curve: "At point 2" … days … % */
  rcv_number_list_setup (self->curve_list, point, 2, _("Point {n}: after"),
                         RCV_COLLECTIONS_MAX_POINTS);
}

RcvPreferencesWindow *
rcv_preferences_window_new (GtkWindow   *parent,
                            RcvDatabase *database)
{
  RcvPreferencesWindow *self;
  g_autofree char *address = NULL;

  g_return_val_if_fail (RCV_IS_DATABASE (database), NULL);

  self = g_object_new (RCV_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
  self->database = g_object_ref (database);

  self->loading = TRUE;
  load_row (self->name_row, database, RCV_COMPANY_NAME);
  load_row (self->tax_id_row, database, RCV_COMPANY_TAX_ID);
  load_row (self->email_row, database, RCV_COMPANY_EMAIL);
  load_row (self->phone_row, database, RCV_COMPANY_PHONE);
  load_row (self->bank_row, database, RCV_COMPANY_BANK);
  load_row (self->iban_row, database, RCV_COMPANY_IBAN);
  load_row (self->bic_row, database, RCV_COMPANY_BIC);
  load_currencies (self);
  address = rcv_database_get_setting (database, RCV_COMPANY_ADDRESS);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->address_view),
                            address != NULL ? address : "", -1);
  load_boundaries (self);
  adw_combo_row_set_selected (self->basis_row,
                              rcv_database_get_aging_basis (database) == RCV_AGING_BY_ISSUE_DATE
                                ? 1 : 0);
  update_logo_row (self);
  load_daily_check (self);
  load_collections (self);
  rcv_policies_page_set_database (self->policies_page, database);
  rcv_mail_page_set_database (self->mail_page, database);
  self->loading = FALSE;
  return self;
}
