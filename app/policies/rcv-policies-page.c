/* rcv-policies-page.c - the credit policies and the statutory reference rates (preferences)
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A row per policy (the default one marked) opens its editor; its menu duplicates it, makes it
 * the default one or deletes it, asking where its customers go. A row per reference rate.
 * Every change emits "changed", so the window reads its figures (holds, limits) again. The
 * lists are a handful of rows, read on the main loop.
 */
#define G_LOG_DOMAIN "rcv-policies-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rcv-error.h"
#include "rcv-money.h"
#include "rcv-policies-page.h"
#include "rcv-policy.h"
#include "rcv-policy-choices.h"
#include "rcv-policy-editor.h"
#include "rcv-plain-text.h"

struct _RcvPoliciesPage
{
  AdwPreferencesPage parent_instance;

  RcvDatabase *database;
  GPtrArray *policy_rows;   /* the rows added to policies_group */
  GPtrArray *rate_rows;
  GPtrArray *policies;      /* RcvPolicy, as listed */

  AdwPreferencesGroup *policies_group;
  AdwPreferencesGroup *rates_group;
};

G_DEFINE_FINAL_TYPE (RcvPoliciesPage, rcv_policies_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void reload (RcvPoliciesPage *self);

static void
toast (RcvPoliciesPage *self,
       const char      *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (escaped));
  else
    g_warning ("%s", message);
}

static void
changed (RcvPoliciesPage *self)
{
  reload (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static const RcvPolicy *
find_policy (RcvPoliciesPage *self,
             gint64           id)
{
  for (guint i = 0; self->policies != NULL && i < self->policies->len; i++)
    if (((RcvPolicy *) g_ptr_array_index (self->policies, i))->id == id)
      return g_ptr_array_index (self->policies, i);
  return NULL;
}

static char *
summary (RcvPoliciesPage *self,
         const RcvPolicy *policy,
         gint64           n_customers)
{
  g_autofree char *terms = g_strdup_printf (ngettext ("%d day", "%d days",
                                                      (gulong) policy->terms_days),
                                            policy->terms_days);
  g_autofree char *limit = policy->credit_limit >= 0
    ? rcv_money_format (policy->credit_limit, rcv_database_get_currency (self->database))
    : g_strdup (_("no credit limit"));
  g_autofree char *levels = g_strdup_printf (ngettext ("%u reminder", "%u reminders",
                                                       policy->levels->len),
                                             policy->levels->len);
  g_autofree char *customers = g_strdup_printf (ngettext ("%lu customer", "%lu customers",
                                                          (gulong) n_customers),
                                                (gulong) n_customers);

  /* Translators: a policy's summary: "30 days · no credit limit · 3 reminders · 12 customers" */
  return g_strdup_printf (_("%s · %s · %s · %s"), terms, limit, levels, customers);
}

static GtkWidget *
policy_menu_button (const RcvPolicy *policy)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  GtkWidget *button = gtk_menu_button_new ();
  struct { const char *label; const char *action; gboolean shown; } items[] = {
    { _("_Edit…"), "policies.edit", TRUE },
    { _("D_uplicate"), "policies.duplicate", TRUE },
    { _("Make _Default"), "policies.make-default", !policy->is_default },
    { _("_Delete…"), "policies.delete", !policy->is_default },
  };
  g_autofree char *label = g_strdup_printf (_("Actions for “%s”"), policy->name);

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_autoptr(GMenuItem) item = NULL;

      if (!items[i].shown)
        continue;
      item = g_menu_item_new (items[i].label, NULL);
      g_menu_item_set_action_and_target_value (item, items[i].action,
                                               g_variant_new_int64 (policy->id));
      g_menu_append_item (menu, item);
    }
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  return button;
}

static char *
half_text (guint year,
           guint half)
{
  return half == 1
    /* Translators: a half-year */
    ? g_strdup_printf (_("January to June %u"), year)
    /* Translators: a half-year */
    : g_strdup_printf (_("July to December %u"), year);
}

/* Two decimals, as the central banks publish them, in the locale's form; negative rates
 * exist (the German base rate was −0.88 % from 2016 to 2022). */
static char *
rate_text (gint rate_bp)
{
  return rcv_percent_format_hundredths (rate_bp);
}

/* A series of reference rates, folded: its newest rate in the subtitle, each half-year
 * inside, the ones the company entered with a button that deletes them (a shipped one then
 * applies again). */
static void
add_series_row (RcvPoliciesPage *self,
                RcvRateRegion    region,
                GArray          *rates)
{
  GtkWidget *expander = adw_expander_row_new ();
  gboolean first = TRUE;

  rcv_row_set_plain_title (expander, rcv_rate_region_label (region));
  for (guint i = 0; i < rates->len; i++)
    {
      const RcvReferenceRate *rate = &g_array_index (rates, RcvReferenceRate, i);
      g_autofree char *title = NULL;
      g_autofree char *value = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      if (rate->region != region)
        continue;
      title = half_text (rate->year, rate->half);
      value = rate_text (rate->rate_bp);
      subtitle = rate->built_in
                   /* Translators: a reference rate shipped with the app: "2.15 %, shipped" */
                   ? g_strdup_printf (_("%s, shipped with Receivables"), value)
                   /* Translators: a reference rate the user entered: "2.15 %, entered" */
                   : g_strdup_printf (_("%s, entered for this company"), value);
      if (first)
        {
          g_autofree char *latest = g_strdup_printf (_("Latest: %s, %s"), title, value);

          rcv_expander_row_set_plain_subtitle (ADW_EXPANDER_ROW (expander), latest);
          first = FALSE;
        }
      row = adw_action_row_new ();
      rcv_row_set_plain_title (row, title);
      rcv_action_row_set_plain_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (!rate->built_in)
        {
          g_autofree char *label = g_strdup_printf (_("Delete the rate for %s"), title);
          GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (button, "flat");
          gtk_widget_set_tooltip_text (button, label);
          gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          label, -1);
          gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                                  g_variant_new ("(uuu)", (guint) rate->region,
                                                                 rate->year, rate->half));
          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "policies.delete-rate");
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
    }
  if (first)
    rcv_expander_row_set_plain_subtitle (ADW_EXPANDER_ROW (expander), _("No rates yet"));
  adw_preferences_group_add (self->rates_group, expander);
  g_ptr_array_add (self->rate_rows, expander);
}

static void
reload (RcvPoliciesPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rates = NULL;

  for (guint i = 0; i < self->policy_rows->len; i++)
    adw_preferences_group_remove (self->policies_group, g_ptr_array_index (self->policy_rows, i));
  for (guint i = 0; i < self->rate_rows->len; i++)
    adw_preferences_group_remove (self->rates_group, g_ptr_array_index (self->rate_rows, i));
  g_ptr_array_set_size (self->policy_rows, 0);
  g_ptr_array_set_size (self->rate_rows, 0);
  g_clear_pointer (&self->policies, g_ptr_array_unref);
  if (self->database == NULL)
    return;

  self->policies = rcv_policy_list (self->database, &error);
  if (self->policies == NULL)
    {
      toast (self, error->message);
      return;
    }
  for (guint i = 0; i < self->policies->len; i++)
    {
      const RcvPolicy *policy = g_ptr_array_index (self->policies, i);
      gint64 n = rcv_policy_count_customers (self->database, policy->id) +
                 (policy->is_default ? rcv_policy_count_customers (self->database, 0) : 0);
      g_autofree char *subtitle = summary (self, policy, n);
      GtkWidget *row = adw_action_row_new ();

      rcv_row_set_plain_title (row, policy->name);
      rcv_action_row_set_plain_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row),
                                              g_variant_new_int64 (policy->id));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "policies.edit");
      if (policy->is_default)
        {
          GtkWidget *tag = gtk_label_new (_("Default"));

          gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (tag, "tag");
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);
        }
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), policy_menu_button (policy));
      adw_preferences_group_add (self->policies_group, row);
      g_ptr_array_add (self->policy_rows, row);
    }

  rates = rcv_reference_rates_list (self->database, &error);
  if (rates == NULL)
    {
      toast (self, error->message);
      return;
    }
  for (guint region = 0; region < RCV_N_RATE_REGIONS; region++)
    add_series_row (self, (RcvRateRegion) region, rates);
}


/* ---- actions ------------------------------------------------------------------------ */

static void
on_policy_saved (RcvPoliciesPage *self,
                 gint64           policy_id)
{
  changed (self);
}

static void
open_editor (RcvPoliciesPage *self,
             gint64           policy_id)
{
  g_autoptr(GError) error = NULL;
  RcvPolicyEditor *editor;

  editor = rcv_policy_editor_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                  self->database, policy_id, &error);
  if (editor == NULL)
    {
      toast (self, error->message);
      return;
    }
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_policy_saved), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  open_editor (RCV_POLICIES_PAGE (widget), 0);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  open_editor (RCV_POLICIES_PAGE (widget), g_variant_get_int64 (parameter));
}

static void
duplicate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RcvPoliciesPage *self = RCV_POLICIES_PAGE (widget);
  g_autoptr(RcvPolicy) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  copy = rcv_policy_duplicate (self->database, g_variant_get_int64 (parameter), &error);
  if (copy == NULL)
    {
      toast (self, error->message);
      return;
    }
  changed (self);
  message = g_strdup_printf (_("Duplicated as “%s”"), copy->name);
  toast (self, message);
  open_editor (self, copy->id);
}

static void
make_default_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RcvPoliciesPage *self = RCV_POLICIES_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (!rcv_policy_set_default (self->database, g_variant_get_int64 (parameter), &error))
    toast (self, error->message);
  else
    changed (self);
}

static void
on_delete_response (AdwMessageDialog *dialog,
                    const char       *response,
                    RcvPoliciesPage  *self)
{
  GtkDropDown *target = g_object_get_data (G_OBJECT (dialog), "target");
  GArray *targets = g_object_get_data (G_OBJECT (dialog), "targets");
  gint64 policy_id = *(gint64 *) g_object_get_data (G_OBJECT (dialog), "policy-id");
  g_autoptr(GError) error = NULL;
  gint64 move_to = 0;

  if (!g_str_equal (response, "delete"))
    return;
  if (target != NULL)
    move_to = g_array_index (targets, gint64, gtk_drop_down_get_selected (target));
  if (!rcv_policy_delete (self->database, policy_id, move_to, &error))
    toast (self, error->message);
  else
    changed (self);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RcvPoliciesPage *self = RCV_POLICIES_PAGE (widget);
  gint64 policy_id = g_variant_get_int64 (parameter);
  const RcvPolicy *policy = find_policy (self, policy_id);
  gint64 n = rcv_policy_count_customers (self->database, policy_id);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (policy == NULL)
    return;
  heading = g_strdup_printf (_("Delete “%s”?"), policy->name);
  if (n > 0)
    body = g_strdup_printf (ngettext ("One customer has this policy. Choose the policy it "
                                      "gets instead.",
                                      "%lu customers have this policy. Choose "
                                      "the policy they get instead.", (gulong) n), (gulong) n);
  else
    body = g_strdup (_("No customer has this policy."));
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "policy-id", g_memdup2 (&policy_id, sizeof policy_id),
                          g_free);

  if (n > 0)
    {
      GArray *targets;
      g_autoptr(GtkStringList) names = rcv_policy_choices_new (self->database, policy_id,
                                                               &targets);
      GtkWidget *drop_down;

      drop_down = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL);
      gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Move the customers to"), -1);
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), drop_down);
      g_object_set_data (G_OBJECT (dialog), "target", drop_down);
      g_object_set_data_full (G_OBJECT (dialog), "targets", targets,
                              (GDestroyNotify) g_array_unref);
    }
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
set_rate (RcvPoliciesPage        *self,
          const RcvReferenceRate *rate)
{
  g_autoptr(GError) error = NULL;

  if (!rcv_reference_rate_set (self->database, rate, &error))
    toast (self, error->message);
  else
    changed (self);
}

static void
on_replace_rate_response (AdwMessageDialog *dialog,
                          const char       *response,
                          RcvPoliciesPage  *self)
{
  if (g_str_equal (response, "replace"))
    set_rate (self, g_object_get_data (G_OBJECT (dialog), "rate"));
}

static void
on_add_rate_response (AdwMessageDialog *dialog,
                      const char       *response,
                      RcvPoliciesPage  *self)
{
  GtkDropDown *region = g_object_get_data (G_OBJECT (dialog), "region");
  GtkSpinButton *year = g_object_get_data (G_OBJECT (dialog), "year");
  GtkDropDown *half = g_object_get_data (G_OBJECT (dialog), "half");
  GtkEditable *value = g_object_get_data (G_OBJECT (dialog), "value");
  g_autoptr(GError) error = NULL;
  RcvReferenceRate rate = { 0 }, old;
  g_autofree char *title = NULL, *body = NULL, *old_text = NULL, *new_text = NULL;
  GtkWidget *ask;

  if (!g_str_equal (response, "add"))
    return;
  rate.region = (RcvRateRegion) gtk_drop_down_get_selected (region);
  rate.year = (guint) gtk_spin_button_get_value_as_int (year);
  rate.half = gtk_drop_down_get_selected (half) + 1;
  /* a reference rate may be below zero */
  if (!rcv_percent_parse_in_range (gtk_editable_get_text (value), -10000, 10000, &rate.rate_bp,
                                   &error))
    {
      toast (self, error->message);
      return;
    }
  if (!rcv_reference_rate_lookup (self->database, rate.region, rate.year, rate.half, &old,
                                  &error))
    {
      if (!g_error_matches (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_NOT_FOUND))
        toast (self, error->message);
      else
        set_rate (self, &rate);
      return;
    }

  /* the half-year has a rate: ask before replacing it */
  title = half_text (rate.year, rate.half);
  old_text = rate_text (old.rate_bp);
  new_text = rate_text (rate.rate_bp);
  body = g_strdup_printf (old.built_in
                            /* Translators: ECB rate, January to June 2026, 2.15 %, 2.40 % */
                            ? _("The %s for %s is %s, as shipped with Receivables. Replace it "
                                "with %s for this company?")
                            : _("The %s for %s is %s, as entered for this company. Replace it "
                                "with %s?"),
                          rcv_rate_region_label (rate.region), title, old_text, new_text);
  ask = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                _("Replace the Rate?"), NULL);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (ask), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (ask), "cancel", _("_Cancel"),
                                    "replace", _("_Replace"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (ask), "replace",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (ask), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (ask), "cancel");
  g_object_set_data_full (G_OBJECT (ask), "rate", g_memdup2 (&rate, sizeof rate), g_free);
  g_signal_connect_object (ask, "response", G_CALLBACK (on_replace_rate_response), self, 0);
  gtk_window_present (GTK_WINDOW (ask));
}

static GtkWidget *
labelled (GtkWidget  *grid,
          gint        row,
          const char *text,
          GtkWidget  *widget)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (text);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), widget);
  gtk_widget_set_hexpand (widget, TRUE);
  gtk_grid_attach (GTK_GRID (grid), label, 0, row, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), widget, 1, row, 1, 1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  label, NULL, -1);
  return widget;
}

static void
add_rate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RcvPoliciesPage *self = RCV_POLICIES_PAGE (widget);
  const char *regions[RCV_N_RATE_REGIONS + 1] = { NULL };
  const char *halves[] = { _("January to June"), _("July to December"), NULL };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GtkWidget *dialog, *grid, *region, *year, *half, *value;

  for (guint i = 0; i < RCV_N_RATE_REGIONS; i++)
    regions[i] = rcv_rate_region_label ((RcvRateRegion) i);

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   _("Add Reference Rate"),
                                   _("The reference rate itself, for a half-year: statutory "
                                     "interest adds its regime’s points (8, 9, 9.2 or 10)."));
  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  region = labelled (grid, 0, _("_Series"), gtk_drop_down_new_from_strings (regions));
  year = labelled (grid, 1, _("_Year"), gtk_spin_button_new_with_range (1999, 2200, 1));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (year), g_date_time_get_year (now));
  half = labelled (grid, 2, _("_Half-year"), gtk_drop_down_new_from_strings (halves));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (half), g_date_time_get_month (now) <= 6 ? 0 : 1);
  value = labelled (grid, 3, _("Rate in _%"), gtk_entry_new ());
  gtk_entry_set_input_purpose (GTK_ENTRY (value), GTK_INPUT_PURPOSE_NUMBER);
  gtk_entry_set_activates_default (GTK_ENTRY (value), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), grid);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "add", _("_Add"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "region", region);
  g_object_set_data (G_OBJECT (dialog), "year", year);
  g_object_set_data (G_OBJECT (dialog), "half", half);
  g_object_set_data (G_OBJECT (dialog), "value", value);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_add_rate_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (value);
}

static void
delete_rate_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RcvPoliciesPage *self = RCV_POLICIES_PAGE (widget);
  g_autoptr(GError) error = NULL;
  guint region, year, half;

  g_variant_get (parameter, "(uuu)", &region, &year, &half);
  if (!rcv_reference_rate_delete (self->database, (RcvRateRegion) region, year, half, &error))
    toast (self, error->message);
  else
    changed (self);
}

static void
rcv_policies_page_dispose (GObject *object)
{
  RcvPoliciesPage *self = RCV_POLICIES_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RCV_TYPE_POLICIES_PAGE);
  g_clear_object (&self->database);
  g_clear_pointer (&self->policies, g_ptr_array_unref);

  G_OBJECT_CLASS (rcv_policies_page_parent_class)->dispose (object);
}

static void
rcv_policies_page_finalize (GObject *object)
{
  RcvPoliciesPage *self = RCV_POLICIES_PAGE (object);

  g_ptr_array_unref (self->policy_rows);
  g_ptr_array_unref (self->rate_rows);

  G_OBJECT_CLASS (rcv_policies_page_parent_class)->finalize (object);
}

static void
rcv_policies_page_class_init (RcvPoliciesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rcv_policies_page_dispose;
  object_class->finalize = rcv_policies_page_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/receivables/Receivables/"
                                               "rcv-policies-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RcvPoliciesPage, policies_group);
  gtk_widget_class_bind_template_child (widget_class, RcvPoliciesPage, rates_group);

  gtk_widget_class_install_action (widget_class, "policies.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "policies.edit", "x", edit_action);
  gtk_widget_class_install_action (widget_class, "policies.duplicate", "x", duplicate_action);
  gtk_widget_class_install_action (widget_class, "policies.make-default", "x",
                                   make_default_action);
  gtk_widget_class_install_action (widget_class, "policies.delete", "x", delete_action);
  gtk_widget_class_install_action (widget_class, "policies.add-rate", NULL, add_rate_action);
  gtk_widget_class_install_action (widget_class, "policies.delete-rate", "(uuu)",
                                   delete_rate_action);
}

static void
rcv_policies_page_init (RcvPoliciesPage *self)
{
  self->policy_rows = g_ptr_array_new ();
  self->rate_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
rcv_policies_page_set_database (RcvPoliciesPage *self,
                                RcvDatabase     *database)
{
  g_return_if_fail (RCV_IS_POLICIES_PAGE (self));

  g_set_object (&self->database, database);
  reload (self);
}
