/* rcv-policy-editor.c - one credit policy, new or existing, checked as it is typed
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every change builds the policy the fields describe and asks the core whether it is valid
 * (rcv_policy_validate(), the rules a policy file is held to as well); the first problem is
 * shown under the form with its field marked, and Save stays off until the form is right.
 * Reminder levels are rows of their own (RcvLevelRow, rcv-level-row.c); the editor keeps their
 * order, which is the escalation, and rebuilds them when one moves or goes.
 */
#define G_LOG_DOMAIN "rcv-policy-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rcv-error.h"
#include "rcv-form-problem.h"
#include "rcv-level-row.h"
#include "rcv-money.h"
#include "rcv-policy-editor.h"
#include "rcv-policy.h"
#include "rcv-plain-text.h"
#include "rcv-spin-row.h"

struct _RcvPolicyEditor
{
  AdwWindow parent_instance;

  RcvDatabase *database;
  RcvPolicy *policy;          /* as loaded; id 0 for a new one */
  GPtrArray *levels;          /* RcvLevelRow, in order */
  RcvFormProblem problem;
  gboolean name_touched;
  gboolean loading;

  AdwEntryRow *name_row;
  AdwActionRow *default_row;
  GtkSwitch *default_switch;
  RcvSpinRow *terms_row;
  AdwEntryRow *discount_days_row;
  AdwEntryRow *discount_percent_row;
  AdwEntryRow *limit_row;
  AdwPreferencesGroup *levels_group;
  AdwComboRow *interest_row;
  AdwEntryRow *rate_row;
  AdwComboRow *compensation_row;
  RcvSpinRow *alert_first_row;
  RcvSpinRow *alert_second_row;
  AdwEntryRow *hold_row;
  AdwEntryRow *agency_row;
  RcvSpinRow *letter_interval_row;
  GtkLabel *error_label;
  GtkButton *save_button;
};

G_DEFINE_FINAL_TYPE (RcvPolicyEditor, rcv_policy_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void validate (RcvPolicyEditor *self);

static const char *
text_of (gpointer row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
set_int (gpointer row,
         gint     value)
{
  g_autofree char *text = value >= 0 ? g_strdup_printf ("%d", value) : g_strdup ("");

  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
set_percent (AdwEntryRow *row,
             gint         basis_points)
{
  /* as the field takes it: the locale's decimal separator, no needless zeros (2, 9,5) */
  g_autofree char *text = basis_points > 0 ? rcv_decimal_format (basis_points, 2, TRUE)
                                           : g_strdup ("");

  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
set_money (RcvPolicyEditor *self,
           AdwEntryRow     *row,
           gint64           amount)
{
  g_autofree char *text = amount >= 0
    ? rcv_money_format_plain (amount, rcv_database_get_currency (self->database))
    : g_strdup ("");

  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/* ---- reminder level rows (rcv-level-row.c) -------------------------------------------- */

static void build_levels (RcvPolicyEditor *self, const RcvPolicy *policy);
static void read_levels_into (RcvPolicyEditor *self, RcvPolicy *policy);

static void
on_level_changed (RcvPolicyEditor *self)
{
  if (!self->loading)
    validate (self);
}

/* The levels built again from `policy`, the one at `focus` opened and focused: the order is
 * the escalation, so moving or removing one renumbers those after it. */
static void
rebuild_levels (RcvPolicyEditor *self,
                const RcvPolicy *policy,
                guint            focus)
{
  build_levels (self, policy);
  validate (self);
  if (focus < self->levels->len)
    {
      GtkWidget *row = g_ptr_array_index (self->levels, focus);

      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
      gtk_widget_grab_focus (row);
    }
}

static void
on_level_move (RcvPolicyEditor *self,
               int              direction,
               RcvLevelRow     *row)
{
  g_autoptr(RcvPolicy) policy = rcv_policy_new ();
  guint index = rcv_level_row_get_position (row) - 1;
  guint focus = index;

  read_levels_into (self, policy);
  if (direction < 0 && index > 0)
    rcv_policy_move_level (policy, index, focus = index - 1);
  else if (direction > 0 && index + 1 < policy->levels->len)
    rcv_policy_move_level (policy, index, focus = index + 1);
  rebuild_levels (self, policy, focus);
}

static void
on_level_remove (RcvPolicyEditor *self,
                 RcvLevelRow     *row)
{
  g_autoptr(RcvPolicy) policy = rcv_policy_new ();
  guint index = rcv_level_row_get_position (row) - 1;

  read_levels_into (self, policy);
  rcv_policy_remove_level (policy, index);
  rebuild_levels (self, policy, index > 0 ? index - 1 : 0);
}

static void
build_levels (RcvPolicyEditor *self,
              const RcvPolicy *policy)
{
  const RcvCurrency *currency = rcv_database_get_currency (self->database);
  gboolean was_loading = self->loading;

  self->loading = TRUE;
  for (guint i = 0; i < self->levels->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->levels, i);

      if (self->problem.widget != NULL && gtk_widget_is_ancestor (self->problem.widget, row))
        self->problem.widget = NULL;
      adw_preferences_group_remove (self->levels_group, row);
    }
  g_ptr_array_set_size (self->levels, 0);

  for (guint i = 0; i < policy->levels->len; i++)
    {
      RcvLevelRow *row = rcv_level_row_new (policy, i, currency);

      g_signal_connect_object (row, "changed", G_CALLBACK (on_level_changed), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (row, "move", G_CALLBACK (on_level_move), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (row, "remove", G_CALLBACK (on_level_remove), self,
                               G_CONNECT_SWAPPED);
      g_ptr_array_add (self->levels, g_object_ref_sink (row));
      adw_preferences_group_add (self->levels_group, GTK_WIDGET (row));
    }
  self->loading = was_loading;
}

/* The levels as typed; those that do not parse are left as 0 days / no fee, for the form's
 * own checks (policy_from_fields) to name. */
static void
read_levels_into (RcvPolicyEditor *self,
                  RcvPolicy       *policy)
{
  g_array_set_size (policy->levels, 0);
  for (guint i = 0; i < self->levels->len; i++)
    rcv_level_row_add_to (g_ptr_array_index (self->levels, i), policy,
                          rcv_database_get_currency (self->database));
}

/* ---- the form ------------------------------------------------------------------------- */

static GtkWidget *
widget_for_field (RcvPolicyEditor *self,
                  const char      *field,
                  gint             level)
{
  static const struct { const char *field; gsize offset; } fields[] = {
    { "name", G_STRUCT_OFFSET (RcvPolicyEditor, name_row) },
    { "terms_days", G_STRUCT_OFFSET (RcvPolicyEditor, terms_row) },
    { "discount_days", G_STRUCT_OFFSET (RcvPolicyEditor, discount_days_row) },
    { "discount_percent", G_STRUCT_OFFSET (RcvPolicyEditor, discount_percent_row) },
    { "credit_limit", G_STRUCT_OFFSET (RcvPolicyEditor, limit_row) },
    { "reminder_levels", G_STRUCT_OFFSET (RcvPolicyEditor, levels_group) },
    { "interest_rate_percent", G_STRUCT_OFFSET (RcvPolicyEditor, rate_row) },
    { "alert_days_first", G_STRUCT_OFFSET (RcvPolicyEditor, alert_first_row) },
    { "alert_days_second", G_STRUCT_OFFSET (RcvPolicyEditor, alert_second_row) },
    { "hold_after_days", G_STRUCT_OFFSET (RcvPolicyEditor, hold_row) },
    { "agency_after_days", G_STRUCT_OFFSET (RcvPolicyEditor, agency_row) },
    { "days_between_letters", G_STRUCT_OFFSET (RcvPolicyEditor, letter_interval_row) },
  };

  if (field == NULL)
    return NULL;
  if (level >= 0 && (guint) level < self->levels->len)
    return rcv_level_row_get_field (g_ptr_array_index (self->levels, level), field);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_str_equal (fields[i].field, field))
      return G_STRUCT_MEMBER (GtkWidget *, self, fields[i].offset);
  return NULL;
}

static const char *
label_for (GtkWidget *widget)
{
  if (ADW_IS_PREFERENCES_ROW (widget))
    return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
  if (ADW_IS_PREFERENCES_GROUP (widget))
    return adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget));
  return _("Letter text");
}

static void
show_problem (RcvPolicyEditor *self,
              const char      *field,
              gint             level,
              const char      *message)
{
  GtkWidget *widget = widget_for_field (self, field, level);
  char *text;

  if (message != NULL && widget != NULL && level >= 0)
    /* Translators: a problem in a reminder level: "Reminder level 2, Title: is required" */
    text = g_strdup_printf (_("Reminder level %d, %s: %s"), level + 1, label_for (widget),
                            message);
  else if (message != NULL && widget != NULL)
    /* Translators: a form's problem: "Field name: what is wrong" */
    text = g_strdup_printf (_("%s: %s"), label_for (widget), message);
  else
    text = g_strdup (message);
  rcv_form_problem_set (&self->problem, self->error_label, widget, text);
}

static gboolean
parse_days (gpointer      row,
            const char   *name,
            gboolean      optional,
            gint         *value,
            const char  **field,
            GError      **error)
{
  g_autofree char *text = g_strstrip (g_strdup (text_of (row)));
  gint64 parsed;

  if (optional && text[0] == '\0')
    {
      *value = -1;
      return TRUE;
    }
  if (!rcv_parse_int (text, 0, RCV_MAX_POLICY_DAYS, &parsed, error))
    {
      *field = name;
      return FALSE;
    }
  *value = (gint) parsed;
  return TRUE;
}

static gboolean
parse_percent (AdwEntryRow  *row,
               const char   *name,
               gint         *value,
               const char  **field,
               GError      **error)
{
  g_autofree char *text = g_strstrip (g_strdup (text_of (row)));

  *value = 0;
  if (text[0] == '\0')
    return TRUE;
  if (!rcv_percent_parse (text, value, error))
    {
      *field = name;
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_levels (RcvPolicyEditor  *self,
              const char      **field,
              gint             *level,
              GError          **error)
{
  for (guint i = 0; i < self->levels->len; i++)
    {
      *level = (gint) i;
      if (!rcv_level_row_check (g_ptr_array_index (self->levels, i),
                                rcv_database_get_currency (self->database), field, error))
        return FALSE;
    }
  *level = -1;
  return TRUE;
}

/* The policy the fields describe, or NULL with the field, its level and the problem. */
static RcvPolicy *
policy_from_fields (RcvPolicyEditor  *self,
                    const char      **field,
                    gint             *level,
                    GError          **error)
{
  g_autoptr(RcvPolicy) policy = rcv_policy_copy (self->policy);
  g_autofree char *limit = g_strstrip (g_strdup (text_of (self->limit_row)));

  *level = -1;
  g_free (policy->name);
  policy->name = g_strdup (text_of (self->name_row));
  policy->is_default = gtk_switch_get_active (self->default_switch);
  policy->interest_kind = (RcvInterestKind) adw_combo_row_get_selected (self->interest_row);
  policy->compensation = (RcvCompensation) adw_combo_row_get_selected (self->compensation_row);

  if (!parse_days (self->terms_row, "terms_days", FALSE, &policy->terms_days, field, error) ||
      !parse_days (self->discount_days_row, "discount_days", TRUE, &policy->discount_days,
                   field, error) ||
      !parse_percent (self->discount_percent_row, "discount_percent", &policy->discount_bp,
                      field, error))
    return NULL;
  policy->discount_days = MAX (policy->discount_days, 0);
  policy->credit_limit = -1;
  if (limit[0] != '\0' &&
      !rcv_money_parse_user (limit, rcv_database_get_currency (self->database),
                             &policy->credit_limit, error))
    {
      *field = "credit_limit";
      return NULL;
    }
  if (!parse_levels (self, field, level, error))
    return NULL;
  read_levels_into (self, policy);
  if (policy->interest_kind == RCV_INTEREST_FIXED &&
      !parse_percent (self->rate_row, "interest_rate_percent", &policy->interest_bp, field,
                      error))
    return NULL;
  if (!parse_days (self->alert_first_row, "alert_days_first", FALSE, &policy->alert_days_first,
                   field, error) ||
      !parse_days (self->alert_second_row, "alert_days_second", FALSE,
                   &policy->alert_days_second, field, error) ||
      !parse_days (self->hold_row, "hold_after_days", TRUE, &policy->hold_days, field, error) ||
      !parse_days (self->agency_row, "agency_after_days", TRUE, &policy->agency_days, field,
                   error) ||
      !parse_days (self->letter_interval_row, "days_between_letters", FALSE,
                   &policy->letter_interval_days, field, error))
    return NULL;

  if (!rcv_policy_validate (policy, field, level, error))
    return NULL;
  return g_steal_pointer (&policy);
}

static void
validate (RcvPolicyEditor *self)
{
  g_autoptr(RcvPolicy) policy = NULL;
  g_autoptr(GError) error = NULL;
  const char *field = NULL;
  gint level = -1;

  if (self->loading)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->rate_row),
                          adw_combo_row_get_selected (self->interest_row) == RCV_INTEREST_FIXED);
  policy = policy_from_fields (self, &field, &level, &error);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", policy != NULL);
  /* a new form does not open complaining about the name it has not been given yet */
  if (policy != NULL || (g_strcmp0 (field, "name") == 0 && !self->name_touched))
    show_problem (self, NULL, -1, NULL);
  else
    show_problem (self, field, level, error->message);
}

static void
on_field_changed (RcvPolicyEditor *self,
                  GtkEditable     *editable)
{
  if (GTK_WIDGET (editable) == GTK_WIDGET (self->name_row) && !self->loading)
    self->name_touched = TRUE;
  validate (self);
}

static void
on_switch_changed (RcvPolicyEditor *self)
{
  validate (self);
}

static void
on_combo_changed (RcvPolicyEditor *self)
{
  validate (self);
}

/* A statutory regime brings its own compensation: the UK's by size, elsewhere 40 EUR. */
static void
on_interest_changed (RcvPolicyEditor *self)
{
  const RcvStatutoryRegime *regime =
    rcv_statutory_regime ((RcvInterestKind) adw_combo_row_get_selected (self->interest_row));

  if (!self->loading && regime != NULL)
    adw_combo_row_set_selected (self->compensation_row, regime->compensation);
  validate (self);
}

static void
on_row_activated (RcvPolicyEditor *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "editor.save", NULL);
}

static void
add_level_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RcvPolicyEditor *self = RCV_POLICY_EDITOR (widget);
  g_autoptr(RcvPolicy) policy = rcv_policy_new ();
  gint last_days = 0;
  GtkWidget *row;

  read_levels_into (self, policy);
  if (policy->levels->len >= RCV_MAX_REMINDER_LEVELS)
    {
      g_autofree char *message = g_strdup_printf (_("A policy has at most %d reminder levels"),
                                                  RCV_MAX_REMINDER_LEVELS);
      show_problem (self, "reminder_levels", -1, message);
      return;
    }
  if (policy->levels->len > 0)
    last_days = g_array_index (policy->levels, RcvReminderLevel,
                               policy->levels->len - 1).days_after_due;
  {
    RcvReminderLevel *level = rcv_policy_add_level (policy, last_days + 14, "", "", 0);

    level->claims_interest = level->claims_compensation = RCV_CLAIM_YES;
  }
  build_levels (self, policy);
  validate (self);
  row = g_ptr_array_index (self->levels, self->levels->len - 1);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  gtk_widget_grab_focus (rcv_level_row_get_field (RCV_LEVEL_ROW (row), "title"));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RcvPolicyEditor *self = RCV_POLICY_EDITOR (widget);
  g_autoptr(RcvPolicy) policy = NULL;
  g_autoptr(GError) error = NULL;
  const char *field = NULL;
  gint level = -1;

  self->name_touched = TRUE;
  policy = policy_from_fields (self, &field, &level, &error);
  if (policy == NULL)
    {
      show_problem (self, field, level, error->message);
      return;
    }
  if (!rcv_policy_save (self->database, policy, &error))
    {
      /* "name: there is already a policy named …" is shown at the name */
      const char *rest;
      g_autofree char *prefix = rcv_error_split_field (error->message, &rest);

      if (prefix != NULL && widget_for_field (self, prefix, -1) != NULL)
        show_problem (self, prefix, -1, rest);
      else
        show_problem (self, NULL, -1, error->message);
      return;
    }
  g_signal_emit (self, signals[SAVED], 0, policy->id);
  gtk_window_close (GTK_WINDOW (self));
}

static void
rcv_policy_editor_dispose (GObject *object)
{
  RcvPolicyEditor *self = RCV_POLICY_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RCV_TYPE_POLICY_EDITOR);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (rcv_policy_editor_parent_class)->dispose (object);
}

static void
rcv_policy_editor_finalize (GObject *object)
{
  RcvPolicyEditor *self = RCV_POLICY_EDITOR (object);

  g_clear_pointer (&self->policy, rcv_policy_free);
  g_clear_pointer (&self->levels, g_ptr_array_unref);
  rcv_form_problem_clear (&self->problem);

  G_OBJECT_CLASS (rcv_policy_editor_parent_class)->finalize (object);
}

static void
rcv_policy_editor_class_init (RcvPolicyEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rcv_policy_editor_dispose;
  object_class->finalize = rcv_policy_editor_finalize;

  /* the policy's database ID */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (RCV_TYPE_SPIN_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/receivables/Receivables/"
                                               "rcv-policy-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, RcvPolicyEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, RcvPolicyEditor, default_row);
  gtk_widget_class_bind_template_child (widget_class, RcvPolicyEditor, default_switch);
  gtk_widget_class_bind_template_child (widget_class, RcvPolicyEditor, terms_row);
  gtk_widget_class_bind_template_child (widget_class, RcvPolicyEditor, discount_days_row);
  gtk_widget_class_bind_template_child (widget_class, RcvPolicyEditor, discount_percent_row);
  gtk_widget_class_bind_template_child (widget_class, RcvPolicyEditor, limit_row);
  gtk_widget_class_bind_template_child (widget_class, RcvPolicyEditor, levels_group);
  gtk_widget_class_bind_template_child (widget_class, RcvPolicyEditor, interest_row);
  gtk_widget_class_bind_template_child (widget_class, RcvPolicyEditor, rate_row);
  gtk_widget_class_bind_template_child (widget_class, RcvPolicyEditor, compensation_row);
  gtk_widget_class_bind_template_child (widget_class, RcvPolicyEditor, alert_first_row);
  gtk_widget_class_bind_template_child (widget_class, RcvPolicyEditor, alert_second_row);
  gtk_widget_class_bind_template_child (widget_class, RcvPolicyEditor, hold_row);
  gtk_widget_class_bind_template_child (widget_class, RcvPolicyEditor, agency_row);
  gtk_widget_class_bind_template_child (widget_class, RcvPolicyEditor, letter_interval_row);
  gtk_widget_class_bind_template_child (widget_class, RcvPolicyEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, RcvPolicyEditor, save_button);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_switch_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_combo_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_interest_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.add-level", NULL, add_level_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rcv_policy_editor_init (RcvPolicyEditor *self)
{
  self->levels = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* An editor for a new policy (policy_id 0: the default policy's values, no name) or a stored
 * one; NULL with error when it cannot be read. */
RcvPolicyEditor *
rcv_policy_editor_new (GtkWindow    *parent,
                       RcvDatabase  *database,
                       gint64        policy_id,
                       GError      **error)
{
  g_autoptr(RcvPolicy) policy = NULL;
  RcvPolicyEditor *self;

  g_return_val_if_fail (RCV_IS_DATABASE (database), NULL);

  policy = policy_id > 0 ? rcv_policy_load (database, policy_id, error) : rcv_policy_new ();
  if (policy == NULL)
    return NULL;

  self = g_object_new (RCV_TYPE_POLICY_EDITOR, "transient-for", parent, NULL);
  self->database = g_object_ref (database);
  self->policy = g_steal_pointer (&policy);

  self->loading = TRUE;
  gtk_window_set_title (GTK_WINDOW (self), self->policy->id > 0 ? _("Edit Credit Policy")
                                                               : _("New Credit Policy"));
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), self->policy->name);
  gtk_switch_set_active (self->default_switch, self->policy->is_default);
  /* the default policy stays the default one until another takes its place */
  gtk_widget_set_sensitive (GTK_WIDGET (self->default_row), !self->policy->is_default);
  set_int (self->terms_row, self->policy->terms_days);
  set_int (self->discount_days_row, self->policy->discount_days > 0 ? self->policy->discount_days
                                                                    : -1);
  set_percent (self->discount_percent_row, self->policy->discount_bp);
  set_money (self, self->limit_row, self->policy->credit_limit);
  build_levels (self, self->policy);
  adw_combo_row_set_selected (self->interest_row, self->policy->interest_kind);
  set_percent (self->rate_row, self->policy->interest_bp);
  adw_combo_row_set_selected (self->compensation_row, self->policy->compensation);
  set_int (self->alert_first_row, self->policy->alert_days_first);
  set_int (self->alert_second_row, self->policy->alert_days_second);
  set_int (self->hold_row, self->policy->hold_days);
  set_int (self->agency_row, self->policy->agency_days);
  set_int (self->letter_interval_row, self->policy->letter_interval_days);
  self->loading = FALSE;

  validate (self);
  rcv_focus_without_selecting (GTK_WIDGET (self->name_row));
  return self;
}

/* The problem the form shows, or NULL: for tests and accessibility checks. */
const char *
rcv_policy_editor_get_problem (RcvPolicyEditor *self)
{
  g_return_val_if_fail (RCV_IS_POLICY_EDITOR (self), NULL);
  return self->problem.text;
}
