/* rcv-policy-editor.c - one credit policy, new or existing, checked as it is typed
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every change builds the policy the fields describe and asks the core whether it is valid
 * (rcv_policy_validate(), the rules a policy file is held to as well); the first problem is
 * shown under the form with its field marked, and Save stays off until the form is right.
 * Reminder levels are rows that open to their title, delay (below 1: a courtesy notice before
 * the due date), deadline, fee, what they claim and letter text, and move up and down with
 * buttons (the keyboard reaches them; their order is the escalation). A level's built-in
 * title is shown in the app's language and stays built-in until it is changed.
 */
#define G_LOG_DOMAIN "rcv-policy-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rcv-dunning.h"
#include "rcv-error.h"
#include "rcv-form-problem.h"
#include "rcv-money.h"
#include "rcv-policy-editor.h"
#include "rcv-policy.h"
#include "rcv-plain-text.h"

typedef struct
{
  AdwExpanderRow *expander;
  AdwEntryRow *title_row;
  AdwEntryRow *days_row;
  AdwEntryRow *deadline_row;
  AdwEntryRow *fee_row;
  GtkSwitch *interest_switch;
  GtkSwitch *compensation_switch;
  GtkTextView *text_view;
  char *builtin_title;         /* shown for a level without a title of its own: kept as
                                * built-in ("") while it is not changed */
  RcvClaim claims_interest;    /* as loaded, until the switch is flipped */
  RcvClaim claims_compensation;
} LevelRows;

static void
level_rows_free (gpointer data)
{
  LevelRows *rows = data;

  g_free (rows->builtin_title);
  g_free (rows);
}

struct _RcvPolicyEditor
{
  AdwWindow parent_instance;

  RcvDatabase *database;
  RcvPolicy *policy;          /* as loaded; id 0 for a new one */
  GPtrArray *levels;          /* LevelRows, in order */
  RcvFormProblem problem;
  gboolean name_touched;
  gboolean loading;

  AdwEntryRow *name_row;
  AdwActionRow *default_row;
  GtkSwitch *default_switch;
  AdwEntryRow *terms_row;
  AdwEntryRow *discount_days_row;
  AdwEntryRow *discount_percent_row;
  AdwEntryRow *limit_row;
  AdwPreferencesGroup *levels_group;
  AdwComboRow *interest_row;
  AdwEntryRow *rate_row;
  AdwComboRow *compensation_row;
  AdwEntryRow *alert_first_row;
  AdwEntryRow *alert_second_row;
  AdwEntryRow *hold_row;
  AdwEntryRow *agency_row;
  AdwEntryRow *letter_interval_row;
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
text_of (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static char *
buffer_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
set_int (AdwEntryRow *row,
         gint         value)
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

/* ---- reminder level rows ------------------------------------------------------------- */

static void
on_level_changed (RcvPolicyEditor *self)
{
  if (!self->loading)
    validate (self);
}

static void
level_title_changed (RcvPolicyEditor *self,
                     GtkEditable     *editable)
{
  for (guint i = 0; i < self->levels->len; i++)
    {
      LevelRows *rows = g_ptr_array_index (self->levels, i);
      g_autofree char *title = NULL;

      /* Translators: a reminder level's row: "1. Payment reminder" */
      title = g_strdup_printf (_("%u. %s"), i + 1, text_of (rows->title_row));
      rcv_row_set_plain_title (rows->expander, title);
      if (rows->days_row != NULL)
        {
          gint64 days;
          g_autofree char *subtitle = NULL;

          if (!rcv_parse_int (text_of (rows->days_row), RCV_MIN_LEVEL_DAYS, RCV_MAX_POLICY_DAYS,
                              &days, NULL))
            subtitle = g_strdup (_("Days not set"));
          else if (days >= 1)
            subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day after the due date",
                                                     "%d days after the due date", (gulong) days),
                                        (int) days);
          else if (days == 0)
            subtitle = g_strdup (_("On the due date: a courtesy notice"));
          else
            subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "%d day before the due date: a courtesy "
                                                     "notice",
                                                     "%d days before the due date: a courtesy "
                                                     "notice", (gulong) -days),
                                        (int) -days);
          rcv_expander_row_set_plain_subtitle (rows->expander, subtitle);
        }
    }
  on_level_changed (self);
}

static AdwEntryRow *
level_entry (RcvPolicyEditor *self,
             LevelRows       *rows,
             const char      *title,
             GtkInputPurpose  purpose)
{
  AdwEntryRow *row = ADW_ENTRY_ROW (adw_entry_row_new ());

  rcv_row_set_plain_title (row, title);
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  adw_entry_row_set_input_purpose (row, purpose);
  g_signal_connect_object (row, "changed", G_CALLBACK (level_title_changed), self,
                           G_CONNECT_SWAPPED);
  adw_expander_row_add_row (rows->expander, GTK_WIDGET (row));
  return row;
}

static void read_levels_into (RcvPolicyEditor *self, RcvPolicy *policy);

static void
set_signed_int (AdwEntryRow *row,
                gint         value)
{
  g_autofree char *text = g_strdup_printf ("%d", value);

  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
on_claim_toggled (GtkSwitch       *toggle,
                  GParamSpec      *pspec,
                  RcvPolicyEditor *self)
{
  LevelRows *rows = g_object_get_data (G_OBJECT (toggle), "rcv-rows");
  RcvClaim claim = gtk_switch_get_active (toggle) ? RCV_CLAIM_YES : RCV_CLAIM_NO;

  if (self->loading)
    return;
  if (toggle == rows->interest_switch)
    rows->claims_interest = claim;
  else
    rows->claims_compensation = claim;
  on_level_changed (self);
}

/* A switch row: whether the level's letters claim interest, or the fixed compensation. */
static GtkSwitch *
claim_row (RcvPolicyEditor *self,
           LevelRows       *rows,
           const char      *title,
           const char      *subtitle,
           gboolean         active)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  rcv_row_set_plain_title (row, title);
  rcv_action_row_set_plain_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_switch_set_active (GTK_SWITCH (toggle), active);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  g_object_set_data (G_OBJECT (toggle), "rcv-rows", rows);
  g_signal_connect_object (toggle, "notify::active", G_CALLBACK (on_claim_toggled), self, 0);
  adw_expander_row_add_row (rows->expander, row);
  return GTK_SWITCH (toggle);
}
static void build_levels (RcvPolicyEditor *self, const RcvPolicy *policy);

static void
level_button_clicked (GtkButton       *button,
                      RcvPolicyEditor *self)
{
  const char *what = g_object_get_data (G_OBJECT (button), "what");
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));
  g_autoptr(RcvPolicy) policy = rcv_policy_new ();
  guint focus = index;

  read_levels_into (self, policy);
  if (g_str_equal (what, "up") && index > 0)
    rcv_policy_move_level (policy, index, focus = index - 1);
  else if (g_str_equal (what, "down") && index + 1 < policy->levels->len)
    rcv_policy_move_level (policy, index, focus = index + 1);
  else if (g_str_equal (what, "remove"))
    {
      rcv_policy_remove_level (policy, index);
      focus = index > 0 ? index - 1 : 0;
    }
  build_levels (self, policy);
  validate (self);
  if (focus < self->levels->len)
    {
      LevelRows *rows = g_ptr_array_index (self->levels, focus);

      adw_expander_row_set_expanded (rows->expander, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (rows->expander));
    }
}

/* A part of a level that is not a row of its own (the letter text, its tools, the buttons):
 * the list row around it takes no focus, so Tab goes straight to the controls in it, and a
 * screen reader meets no empty row. */
static void
add_plain_row (AdwExpanderRow *expander,
               GtkWidget      *child)
{
  GtkWidget *row;

  adw_expander_row_add_row (expander, child);
  row = gtk_widget_get_parent (child);
  if (GTK_IS_LIST_BOX_ROW (row))
    {
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_set_focusable (row, FALSE);
    }
}

static void
add_level_button (RcvPolicyEditor *self,
                  GtkWidget       *box,
                  guint            index,
                  const char      *what,
                  const char      *label,
                  gboolean         sensitive)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_sensitive (button, sensitive);
  if (g_str_equal (what, "remove"))
    {
      gtk_widget_add_css_class (button, "destructive-action");
      gtk_widget_set_hexpand (button, TRUE);
      gtk_widget_set_halign (button, GTK_ALIGN_END);
    }
  g_object_set_data (G_OBJECT (button), "what", (gpointer) what);
  g_object_set_data (G_OBJECT (button), "index", GUINT_TO_POINTER (index));
  g_signal_connect_object (button, "clicked", G_CALLBACK (level_button_clicked), self, 0);
  gtk_box_append (GTK_BOX (box), button);
}

/* The placeholders a letter's text may use, with what each stands for. */
static const struct
{
  const char *name;
  const char *label;
} placeholder_labels[] = {
  { "customer", N_("Customer’s name") },
  { "company", N_("Your company’s name") },
  { "contact", N_("Your email and phone") },
  { "date", N_("Date of the letter") },
  { "level", N_("Reminder level") },
  { "total", N_("Amount due") },
  { "open", N_("Overdue invoices’ total") },
  { "interest", N_("Interest") },
  { "fees", N_("Fees and compensation") },
  { "oldest_due", N_("Oldest due date") },
  { "deadline", N_("Payment deadline") },
  { "reference", N_("Payment reference") },
  { "previous", N_("Earlier letters, from the log") },
};

static void
insert_placeholder (GSimpleAction *action,
                    GVariant      *parameter,
                    GtkTextView   *text_view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view);
  g_autofree char *text = g_strdup_printf ("{%s}", g_variant_get_string (parameter, NULL));

  gtk_text_buffer_insert_at_cursor (buffer, text, -1);
  gtk_widget_grab_focus (GTK_WIDGET (text_view));
}

static void
use_builtin_text (GSimpleAction *action,
                  GVariant      *parameter,
                  GtkTextView   *text_view)
{
  guint level = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (text_view), "rcv-level"));
  guint n_levels = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (text_view), "rcv-n-levels"));
  gint days = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (text_view), "rcv-days"));

  /* the text for a letter after earlier ones ({previous} names them): the one a level
   * above the first is sent as */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (text_view),
                            rcv_dunning_default_body (level, n_levels, days, level > 1), -1);
  gtk_widget_grab_focus (GTK_WIDGET (text_view));
}

/* Below a level's text: a menu that inserts a placeholder at the cursor, and a button that
 * puts the built-in text in, to change. Their actions ("level.…", on the level's row) act on
 * that text only. */
static GtkWidget *
text_tools (AdwExpanderRow *expander,
            GtkTextView    *text_view,
            guint           level,
            guint           n_levels,
            gint            days)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) insert = g_simple_action_new ("insert", G_VARIANT_TYPE_STRING);
  g_autoptr(GSimpleAction) builtin = g_simple_action_new ("builtin", NULL);
  g_autoptr(GMenu) menu = g_menu_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *menu_button = gtk_menu_button_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("Use the _Built-in Text"));
  GtkWidget *hint = gtk_label_new (_("Left empty, the letter says the built-in text of its "
                                     "level."));

  for (guint i = 0; i < G_N_ELEMENTS (placeholder_labels); i++)
    {
      g_autofree char *label = g_strdup_printf ("%s — {%s}", _(placeholder_labels[i].label),
                                                placeholder_labels[i].name);
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target (item, "level.insert", "s", placeholder_labels[i].name);
      g_menu_append_item (menu, item);
    }
  g_object_set_data (G_OBJECT (text_view), "rcv-level", GUINT_TO_POINTER (level));
  g_object_set_data (G_OBJECT (text_view), "rcv-n-levels", GUINT_TO_POINTER (n_levels));
  g_object_set_data (G_OBJECT (text_view), "rcv-days", GINT_TO_POINTER (days));
  g_signal_connect_object (insert, "activate", G_CALLBACK (insert_placeholder), text_view, 0);
  g_signal_connect_object (builtin, "activate", G_CALLBACK (use_builtin_text), text_view, 0);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (insert));
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (builtin));
  gtk_widget_insert_action_group (GTK_WIDGET (expander), "level", G_ACTION_GROUP (group));

  gtk_menu_button_set_label (GTK_MENU_BUTTON (menu_button), _("_Insert Placeholder"));
  gtk_menu_button_set_use_underline (GTK_MENU_BUTTON (menu_button), TRUE);
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), G_MENU_MODEL (menu));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "level.builtin");
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_widget_set_hexpand (hint, TRUE);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_widget_add_css_class (hint, "caption");
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), hint);
  gtk_box_append (GTK_BOX (box), menu_button);
  gtk_box_append (GTK_BOX (box), button);
  return box;
}

static void
build_levels (RcvPolicyEditor *self,
              const RcvPolicy *policy)
{
  gboolean was_loading = self->loading;

  self->loading = TRUE;
  for (guint i = 0; i < self->levels->len; i++)
    {
      LevelRows *rows = g_ptr_array_index (self->levels, i);

      if (self->problem.widget != NULL &&
          gtk_widget_is_ancestor (self->problem.widget, GTK_WIDGET (rows->expander)))
        self->problem.widget = NULL;
      adw_preferences_group_remove (self->levels_group, GTK_WIDGET (rows->expander));
    }
  g_ptr_array_set_size (self->levels, 0);

  for (guint i = 0; i < policy->levels->len; i++)
    {
      const RcvReminderLevel *level = &g_array_index (policy->levels, RcvReminderLevel, i);
      LevelRows *rows = g_new0 (LevelRows, 1);
      GtkWidget *frame, *buttons;

      g_ptr_array_add (self->levels, rows);
      rows->expander = ADW_EXPANDER_ROW (adw_expander_row_new ());
      rows->title_row = level_entry (self, rows, _("Title"), GTK_INPUT_PURPOSE_FREE_FORM);
      rows->days_row = level_entry (self, rows, _("Days after the due date (below 1: before it)"),
                                    GTK_INPUT_PURPOSE_NUMBER);
      rows->deadline_row = level_entry (self, rows, _("Days the letter gives to pay"),
                                        GTK_INPUT_PURPOSE_DIGITS);
      rows->fee_row = level_entry (self, rows, _("Reminder fee"), GTK_INPUT_PURPOSE_NUMBER);
      rows->claims_interest = level->claims_interest;
      rows->claims_compensation = level->claims_compensation;
      rows->interest_switch = claim_row (self, rows, _("Claims interest"),
                                         _("The policy’s late-payment interest, when it has one"),
                                         rcv_reminder_level_claims_interest (policy, i) ||
                                         (policy->interest_kind == RCV_INTEREST_NONE &&
                                          level->claims_interest != RCV_CLAIM_NO));
      rows->compensation_switch = claim_row (self, rows, _("Claims fixed compensation"),
                                             _("The policy’s compensation per late invoice, "
                                               "when it has one"),
                                             rcv_reminder_level_claims_compensation (policy, i) ||
                                             (policy->compensation == RCV_COMPENSATION_NONE &&
                                              level->claims_compensation != RCV_CLAIM_NO));

      rows->text_view = GTK_TEXT_VIEW (gtk_text_view_new ());
      gtk_text_view_set_wrap_mode (rows->text_view, GTK_WRAP_WORD_CHAR);
      gtk_text_view_set_accepts_tab (rows->text_view, FALSE);
      gtk_text_view_set_top_margin (rows->text_view, 12);
      gtk_text_view_set_bottom_margin (rows->text_view, 12);
      gtk_text_view_set_left_margin (rows->text_view, 12);
      gtk_text_view_set_right_margin (rows->text_view, 12);
      gtk_widget_set_size_request (GTK_WIDGET (rows->text_view), -1, 96);
      gtk_accessible_update_property (GTK_ACCESSIBLE (rows->text_view),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Letter text"), -1);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (rows->text_view), level->body, -1);
      g_signal_connect_object (gtk_text_view_get_buffer (rows->text_view), "changed",
                               G_CALLBACK (on_level_changed), self, G_CONNECT_SWAPPED);
      frame = gtk_frame_new (NULL);
      gtk_frame_set_child (GTK_FRAME (frame), GTK_WIDGET (rows->text_view));
      gtk_widget_set_margin_top (frame, 6);
      gtk_widget_set_margin_bottom (frame, 6);
      gtk_widget_set_margin_start (frame, 6);
      gtk_widget_set_margin_end (frame, 6);
      add_plain_row (rows->expander, frame);
      add_plain_row (rows->expander,
                     text_tools (rows->expander, rows->text_view, i + 1, policy->levels->len,
                                 level->days_after_due));

      /* the order is the escalation: moved with buttons the keyboard reaches */
      buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gtk_widget_set_margin_top (buttons, 6);
      gtk_widget_set_margin_bottom (buttons, 6);
      gtk_widget_set_margin_start (buttons, 6);
      gtk_widget_set_margin_end (buttons, 6);
      add_level_button (self, buttons, i, "up", _("Move _Up"), i > 0);
      add_level_button (self, buttons, i, "down", _("Move _Down"), i + 1 < policy->levels->len);
      add_level_button (self, buttons, i, "remove", _("_Remove Level"), TRUE);
      add_plain_row (rows->expander, buttons);

      /* a built-in title is shown in the app's language, and stays built-in unless changed */
      rows->builtin_title = g_strdup (rcv_reminder_level_default_title (i, policy->levels->len,
                                                                        level->days_after_due));
      gtk_editable_set_text (GTK_EDITABLE (rows->title_row),
                             level->title[0] != '\0' ? level->title : rows->builtin_title);
      set_signed_int (rows->days_row, level->days_after_due);
      set_int (rows->deadline_row, level->deadline_days);
      set_money (self, rows->fee_row, level->fee);
      adw_preferences_group_add (self->levels_group, GTK_WIDGET (rows->expander));
    }
  level_title_changed (self, NULL);
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
    {
      LevelRows *rows = g_ptr_array_index (self->levels, i);
      g_autofree char *body = buffer_text (rows->text_view);
      g_autofree char *title = g_strstrip (g_strdup (text_of (rows->title_row)));
      gint64 days = 0, fee = 0, deadline = RCV_DEFAULT_DEADLINE_DAYS;
      RcvReminderLevel *level;

      rcv_parse_int (text_of (rows->days_row), RCV_MIN_LEVEL_DAYS, RCV_MAX_POLICY_DAYS, &days,
                     NULL);
      rcv_parse_int (text_of (rows->deadline_row), 0, 365, &deadline, NULL);
      rcv_money_parse_user (text_of (rows->fee_row), rcv_database_get_currency (self->database),
                            &fee, NULL);
      level = rcv_policy_add_level (policy, (gint) days,
                                    g_strcmp0 (title, rows->builtin_title) == 0 ? "" : title,
                                    body, fee);
      level->deadline_days = (gint) deadline;
      level->claims_interest = rows->claims_interest;
      level->claims_compensation = rows->claims_compensation;
    }
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
    {
      LevelRows *rows = g_ptr_array_index (self->levels, level);

      if (g_str_equal (field, "title"))
        return GTK_WIDGET (rows->title_row);
      if (g_str_equal (field, "days_after_due"))
        return GTK_WIDGET (rows->days_row);
      if (g_str_equal (field, "fee"))
        return GTK_WIDGET (rows->fee_row);
      if (g_str_equal (field, "deadline_days"))
        return GTK_WIDGET (rows->deadline_row);
      if (g_str_equal (field, "text"))
        return GTK_WIDGET (rows->text_view);
      return GTK_WIDGET (rows->expander);
    }
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
parse_days (AdwEntryRow  *row,
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
      LevelRows *rows = g_ptr_array_index (self->levels, i);
      gint64 parsed;

      *level = (gint) i;
      if (!rcv_parse_int (text_of (rows->days_row), RCV_MIN_LEVEL_DAYS, RCV_MAX_POLICY_DAYS,
                          &parsed, error))
        {
          *field = "days_after_due";
          return FALSE;
        }
      if (!rcv_parse_int (text_of (rows->deadline_row), 1, 365, &parsed, error))
        {
          *field = "deadline_days";
          return FALSE;
        }
      if (text_of (rows->fee_row)[0] != '\0' &&
          !rcv_money_parse_user (text_of (rows->fee_row),
                                 rcv_database_get_currency (self->database), &parsed, error))
        {
          *field = "fee";
          return FALSE;
        }
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
  LevelRows *rows;

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
  rows = g_ptr_array_index (self->levels, self->levels->len - 1);
  adw_expander_row_set_expanded (rows->expander, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (rows->title_row));
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
  self->levels = g_ptr_array_new_with_free_func (level_rows_free);
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
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  return self;
}

/* The problem the form shows, or NULL: for tests and accessibility checks. */
const char *
rcv_policy_editor_get_problem (RcvPolicyEditor *self)
{
  g_return_val_if_fail (RCV_IS_POLICY_EDITOR (self), NULL);
  return self->problem.text;
}
