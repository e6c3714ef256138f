/* rcv-level-row.c - one reminder level of the policy editor, as an expander row
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The row opens to the level's title, delay (below 1: a courtesy notice before the due date),
 * deadline, fee, what it claims and letter text, with the buttons that move it (the keyboard
 * reaches them; the order of the levels is the escalation). Its heading, "2. Second reminder"
 * with the delay under it, follows what is typed. A level's built-in title is shown in the
 * app's language and stays built-in ("") until it is changed. The row only says that it
 * changed or should move: the editor owns the order and checks the whole policy.
 */
#define G_LOG_DOMAIN "rcv-level-row"

#include "config.h"

#include <glib/gi18n.h>

#include "rcv-dunning.h"
#include "rcv-level-row.h"
#include "rcv-plain-text.h"
#include "rcv-spin-row.h"

struct _RcvLevelRow
{
  AdwExpanderRow parent_instance;

  guint position;              /* 1-based */
  guint n_levels;
  gint builtin_days;           /* the delay the built-in text is chosen for, as loaded */
  char *builtin_title;         /* shown for a level without a title of its own */
  RcvClaim claims_interest;    /* as loaded, until the switch is flipped */
  RcvClaim claims_compensation;
  gboolean filling;            /* set from the policy: not the user's change */

  AdwEntryRow *title_row;
  RcvSpinRow *days_row;
  RcvSpinRow *deadline_row;
  AdwEntryRow *fee_row;
  GtkSwitch *interest_switch;
  GtkSwitch *compensation_switch;
  GtkFrame *text_frame;
  GtkBox *text_box;
  GtkTextView *text_view;
  GtkBox *tools_box;
  GtkMenuButton *placeholder_button;
  GtkBox *buttons_box;
  GtkButton *up_button;
  GtkButton *down_button;
};

G_DEFINE_FINAL_TYPE (RcvLevelRow, rcv_level_row, ADW_TYPE_EXPANDER_ROW)

enum {
  PROP_0,
  PROP_POSITION,
  PROP_N_LEVELS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  MOVE,
  REMOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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

static const char *
text_of (gpointer row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
set_int (gpointer row,
         gint     value,
         gboolean empty_below_zero)
{
  g_autofree char *text = value >= 0 || !empty_below_zero ? g_strdup_printf ("%d", value)
                                                          : g_strdup ("");

  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static char *
buffer_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* "2. Second reminder", and under it the delay as typed. */
static void
update_heading (RcvLevelRow *self)
{
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  gint64 days;

  /* Translators: a reminder level's row: "1. Payment reminder" */
  title = g_strdup_printf (_("%u. %s"), self->position, text_of (self->title_row));
  rcv_row_set_plain_title (self, title);

  if (!rcv_parse_int (text_of (self->days_row), RCV_MIN_LEVEL_DAYS, RCV_MAX_POLICY_DAYS, &days,
                      NULL))
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
  rcv_expander_row_set_plain_subtitle (ADW_EXPANDER_ROW (self), subtitle);
}

/* The first level moves no further up, the last no further down. */
static void
update_buttons (RcvLevelRow *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->up_button), self->position > 1);
  gtk_widget_set_sensitive (GTK_WIDGET (self->down_button), self->position < self->n_levels);
}

/* A part of a level that is not a row of its own (the letter text, its tools, the buttons):
 * the list row around it takes no focus, so Tab goes straight to the controls in it, and a
 * screen reader meets no empty row. */
static void
make_plain_row (GtkWidget *child)
{
  GtkWidget *row = gtk_widget_get_parent (child);

  if (GTK_IS_LIST_BOX_ROW (row))
    {
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_set_focusable (row, FALSE);
    }
}

static GMenuModel *
placeholder_menu (void)
{
  GMenu *menu = g_menu_new ();

  for (guint i = 0; i < G_N_ELEMENTS (placeholder_labels); i++)
    {
      g_autofree char *label = g_strdup_printf ("%s — {%s}", _(placeholder_labels[i].label),
                                                placeholder_labels[i].name);
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target (item, "level.insert", "s", placeholder_labels[i].name);
      g_menu_append_item (menu, item);
    }
  return G_MENU_MODEL (menu);
}

/* ---- callbacks ------------------------------------------------------------------------ */

static void
on_heading_changed (RcvLevelRow *self)
{
  update_heading (self);
  if (!self->filling)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_text_changed (RcvLevelRow *self)
{
  if (!self->filling)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_claim_toggled (RcvLevelRow *self,
                  GParamSpec  *pspec,
                  GtkSwitch   *toggle)
{
  RcvClaim claim = gtk_switch_get_active (toggle) ? RCV_CLAIM_YES : RCV_CLAIM_NO;

  if (self->filling)
    return;
  if (toggle == self->interest_switch)
    self->claims_interest = claim;
  else
    self->claims_compensation = claim;
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_up_clicked (RcvLevelRow *self)
{
  g_signal_emit (self, signals[MOVE], 0, -1);
}

static void
on_down_clicked (RcvLevelRow *self)
{
  g_signal_emit (self, signals[MOVE], 0, 1);
}

static void
on_remove_clicked (RcvLevelRow *self)
{
  g_signal_emit (self, signals[REMOVE], 0);
}

/* ---- actions: the text tools act on this level's text only ---------------------------- */

static void
insert_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RcvLevelRow *self = RCV_LEVEL_ROW (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  g_autofree char *text = g_strdup_printf ("{%s}", g_variant_get_string (parameter, NULL));

  gtk_text_buffer_insert_at_cursor (buffer, text, -1);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static void
builtin_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RcvLevelRow *self = RCV_LEVEL_ROW (widget);

  /* the text for a letter after earlier ones ({previous} names them): the one a level
   * above the first is sent as */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view),
                            rcv_dunning_default_body (self->position, self->n_levels,
                                                      self->builtin_days, self->position > 1),
                            -1);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

/* ---- overrides ------------------------------------------------------------------------ */

static void
rcv_level_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  RcvLevelRow *self = RCV_LEVEL_ROW (object);

  switch (prop_id)
    {
    case PROP_POSITION:
      g_value_set_uint (value, self->position);
      break;
    case PROP_N_LEVELS:
      g_value_set_uint (value, self->n_levels);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rcv_level_row_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  RcvLevelRow *self = RCV_LEVEL_ROW (object);
  guint new_value = g_value_get_uint (value);

  switch (prop_id)
    {
    case PROP_POSITION:
      if (self->position == new_value)
        return;
      self->position = new_value;
      update_heading (self);
      break;
    case PROP_N_LEVELS:
      if (self->n_levels == new_value)
        return;
      self->n_levels = new_value;
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  update_buttons (self);
  g_object_notify_by_pspec (object, pspec);
}

static void
rcv_level_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RCV_TYPE_LEVEL_ROW);

  G_OBJECT_CLASS (rcv_level_row_parent_class)->dispose (object);
}

static void
rcv_level_row_finalize (GObject *object)
{
  RcvLevelRow *self = RCV_LEVEL_ROW (object);

  g_free (self->builtin_title);

  G_OBJECT_CLASS (rcv_level_row_parent_class)->finalize (object);
}

static void
rcv_level_row_class_init (RcvLevelRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = rcv_level_row_get_property;
  object_class->set_property = rcv_level_row_set_property;
  object_class->dispose = rcv_level_row_dispose;
  object_class->finalize = rcv_level_row_finalize;

  /* the level's number in the policy, 1 for the first letter */
  properties[PROP_POSITION] =
    g_param_spec_uint ("position", NULL, NULL, 1, G_MAXUINT, 1,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_LEVELS] =
    g_param_spec_uint ("n-levels", NULL, NULL, 1, G_MAXUINT, 1,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* something the user typed or flipped */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* Move Up (-1) or Move Down (1) */
  signals[MOVE] = g_signal_new ("move", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  signals[REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (RCV_TYPE_SPIN_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/receivables/Receivables/"
                                               "rcv-level-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RcvLevelRow, title_row);
  gtk_widget_class_bind_template_child (widget_class, RcvLevelRow, days_row);
  gtk_widget_class_bind_template_child (widget_class, RcvLevelRow, deadline_row);
  gtk_widget_class_bind_template_child (widget_class, RcvLevelRow, fee_row);
  gtk_widget_class_bind_template_child (widget_class, RcvLevelRow, interest_switch);
  gtk_widget_class_bind_template_child (widget_class, RcvLevelRow, compensation_switch);
  gtk_widget_class_bind_template_child (widget_class, RcvLevelRow, text_frame);
  gtk_widget_class_bind_template_child (widget_class, RcvLevelRow, text_box);
  gtk_widget_class_bind_template_child (widget_class, RcvLevelRow, text_view);
  gtk_widget_class_bind_template_child (widget_class, RcvLevelRow, tools_box);
  gtk_widget_class_bind_template_child (widget_class, RcvLevelRow, placeholder_button);
  gtk_widget_class_bind_template_child (widget_class, RcvLevelRow, buttons_box);
  gtk_widget_class_bind_template_child (widget_class, RcvLevelRow, up_button);
  gtk_widget_class_bind_template_child (widget_class, RcvLevelRow, down_button);
  gtk_widget_class_bind_template_callback (widget_class, on_heading_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_text_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_claim_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_up_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_down_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_clicked);

  gtk_widget_class_install_action (widget_class, "level.insert", "s", insert_action);
  gtk_widget_class_install_action (widget_class, "level.builtin", NULL, builtin_action);
}

static void
rcv_level_row_init (RcvLevelRow *self)
{
  g_autoptr(GMenuModel) menu = placeholder_menu ();

  self->position = 1;
  self->n_levels = 1;
  self->filling = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->filling = FALSE;
  make_plain_row (GTK_WIDGET (self->text_box));
  make_plain_row (GTK_WIDGET (self->tools_box));
  make_plain_row (GTK_WIDGET (self->buttons_box));
  update_buttons (self);
  gtk_menu_button_set_menu_model (self->placeholder_button, menu);
}

/* ---- public --------------------------------------------------------------------------- */

/* The row of `policy`'s level `index`, filled as the policy holds it. */
RcvLevelRow *
rcv_level_row_new (const RcvPolicy   *policy,
                   guint              index,
                   const RcvCurrency *currency)
{
  const RcvReminderLevel *level;
  RcvLevelRow *self;
  g_autofree char *fee = NULL;

  g_return_val_if_fail (policy != NULL && index < policy->levels->len, NULL);

  level = &g_array_index (policy->levels, RcvReminderLevel, index);
  self = g_object_new (RCV_TYPE_LEVEL_ROW, "n-levels", policy->levels->len, "position",
                       index + 1, NULL);
  self->filling = TRUE;
  self->builtin_days = level->days_after_due;
  self->claims_interest = level->claims_interest;
  self->claims_compensation = level->claims_compensation;
  gtk_switch_set_active (self->interest_switch,
                         rcv_reminder_level_claims_interest (policy, index) ||
                         (policy->interest_kind == RCV_INTEREST_NONE &&
                          level->claims_interest != RCV_CLAIM_NO));
  gtk_switch_set_active (self->compensation_switch,
                         rcv_reminder_level_claims_compensation (policy, index) ||
                         (policy->compensation == RCV_COMPENSATION_NONE &&
                          level->claims_compensation != RCV_CLAIM_NO));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), level->body, -1);

  /* a built-in title is shown in the app's language, and stays built-in unless changed */
  self->builtin_title = g_strdup (rcv_reminder_level_default_title (index, policy->levels->len,
                                                                    level->days_after_due));
  gtk_editable_set_text (GTK_EDITABLE (self->title_row),
                         level->title[0] != '\0' ? level->title : self->builtin_title);
  set_int (self->days_row, level->days_after_due, FALSE);
  set_int (self->deadline_row, level->deadline_days, TRUE);
  fee = level->fee >= 0 ? rcv_money_format_plain (level->fee, currency) : g_strdup ("");
  gtk_editable_set_text (GTK_EDITABLE (self->fee_row), fee);
  update_heading (self);
  self->filling = FALSE;
  return self;
}

guint
rcv_level_row_get_position (RcvLevelRow *self)
{
  g_return_val_if_fail (RCV_IS_LEVEL_ROW (self), 0);
  return self->position;
}

/* Whether the numbers typed parse; the field that does not ("days_after_due", "deadline_days"
 * or "fee", as the policy names them) with why. */
gboolean
rcv_level_row_check (RcvLevelRow        *self,
                     const RcvCurrency  *currency,
                     const char        **field,
                     GError            **error)
{
  gint64 parsed;

  g_return_val_if_fail (RCV_IS_LEVEL_ROW (self), FALSE);

  if (!rcv_parse_int (text_of (self->days_row), RCV_MIN_LEVEL_DAYS, RCV_MAX_POLICY_DAYS,
                      &parsed, error))
    {
      *field = "days_after_due";
      return FALSE;
    }
  if (!rcv_parse_int (text_of (self->deadline_row), 1, 365, &parsed, error))
    {
      *field = "deadline_days";
      return FALSE;
    }
  if (text_of (self->fee_row)[0] != '\0' &&
      !rcv_money_parse_user (text_of (self->fee_row), currency, &parsed, error))
    {
      *field = "fee";
      return FALSE;
    }
  return TRUE;
}

/* Adds the level as typed to `policy`; what does not parse is left as 0 days / no fee, for the
 * editor's own checks (rcv_level_row_check ()) to name. */
void
rcv_level_row_add_to (RcvLevelRow       *self,
                      RcvPolicy         *policy,
                      const RcvCurrency *currency)
{
  g_autofree char *body = NULL;
  g_autofree char *title = NULL;
  gint64 days = 0, fee = 0, deadline = RCV_DEFAULT_DEADLINE_DAYS;
  RcvReminderLevel *level;

  g_return_if_fail (RCV_IS_LEVEL_ROW (self));

  body = buffer_text (self->text_view);
  title = g_strstrip (g_strdup (text_of (self->title_row)));
  rcv_parse_int (text_of (self->days_row), RCV_MIN_LEVEL_DAYS, RCV_MAX_POLICY_DAYS, &days, NULL);
  rcv_parse_int (text_of (self->deadline_row), 0, 365, &deadline, NULL);
  rcv_money_parse_user (text_of (self->fee_row), currency, &fee, NULL);
  level = rcv_policy_add_level (policy, (gint) days,
                                g_strcmp0 (title, self->builtin_title) == 0 ? "" : title, body,
                                fee);
  level->deadline_days = (gint) deadline;
  level->claims_interest = self->claims_interest;
  level->claims_compensation = self->claims_compensation;
}

/* The widget a problem with `field` is shown at: the field's own, else the whole row. */
GtkWidget *
rcv_level_row_get_field (RcvLevelRow *self,
                         const char  *field)
{
  g_return_val_if_fail (RCV_IS_LEVEL_ROW (self), NULL);

  if (g_strcmp0 (field, "title") == 0)
    return GTK_WIDGET (self->title_row);
  if (g_strcmp0 (field, "days_after_due") == 0)
    return GTK_WIDGET (self->days_row);
  if (g_strcmp0 (field, "fee") == 0)
    return GTK_WIDGET (self->fee_row);
  if (g_strcmp0 (field, "deadline_days") == 0)
    return GTK_WIDGET (self->deadline_row);
  if (g_strcmp0 (field, "text") == 0)
    return GTK_WIDGET (self->text_view);
  return GTK_WIDGET (self);
}
