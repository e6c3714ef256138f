/* rcv-date-button.c - "Today, …" or "As of …": a button that opens a calendar
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The date a page's figures are as of. It follows today (so a window left open overnight
 * moves on with the clock, at its next reload) until another day is chosen; "date-changed"
 * is emitted when a person chooses a day, not when the page sets one. Above the calendar, the
 * date may be typed as the locale writes dates or as ISO, and Enter goes to it.
 */
#define G_LOG_DOMAIN "receivables"

#include "config.h"

#include <glib/gi18n.h>

#include "rcv-calendar-keys.h"
#include "rcv-date-button.h"
#include "rcv-date.h"

struct _RcvDateButton
{
  GtkWidget parent_instance;

  GtkMenuButton *menu_button;
  GtkPopover *popover;
  GtkEntry *entry;
  GtkCalendar *calendar;

  GDate date;
  gboolean follow_today;
  gboolean plain;       /* the date alone, for a field with a label of its own */
};

G_DEFINE_FINAL_TYPE (RcvDateButton, rcv_date_button, GTK_TYPE_WIDGET)

enum {
  DATE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* A typed date that does not read: the entry marked, the reason in its tooltip and its
 * accessible description; NULL clears them. */
static void
show_entry_problem (RcvDateButton *self,
                    const char    *message)
{
  g_autofree char *hint = rcv_date_format_hint ();
  g_autofree char *description = NULL;

  if (message != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->entry), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->entry), message);
      description = g_strdup (message);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->entry), "error");
      /* Translators: the date button's entry; %s is the locale's pattern (DD.MM.YYYY) */
      description = g_strdup_printf (_("Type a date as %s or YYYY-MM-DD, then press Enter"),
                                     hint);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->entry), description);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
}

static void
update (RcvDateButton *self)
{
  g_autofree char *date = rcv_date_format_locale (&self->date);
  g_autofree char *label = NULL;
  g_autoptr(GDateTime) selected = NULL;
  g_autofree char *typed = NULL;
  GDate today;

  rcv_date_set_today (&today);
  if (self->plain)
    label = g_strdup (date);
  else if (g_date_compare (&self->date, &today) == 0)
    /* Translators: the date button of a page; %s is today's date */
    label = g_strdup_printf (_("Today, %s"), date);
  else
    /* Translators: the date button of a page; %s is a date */
    label = g_strdup_printf (_("As of %s"), date);
  gtk_menu_button_set_label (self->menu_button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);

  selected = g_date_time_new_local (g_date_get_year (&self->date), g_date_get_month (&self->date),
                                    g_date_get_day (&self->date), 0, 0, 0);
  g_signal_handlers_block_matched (self->calendar, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_calendar_select_day (self->calendar, selected);
  g_signal_handlers_unblock_matched (self->calendar, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);

  typed = rcv_date_format_user (&self->date);
  g_signal_handlers_block_matched (self->entry, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), typed);
  g_signal_handlers_unblock_matched (self->entry, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  show_entry_problem (self, NULL);
}

static void
choose (RcvDateButton *self,
        const GDate   *date)
{
  gtk_popover_popdown (self->popover);
  if (g_date_compare (date, &self->date) == 0)
    return;
  rcv_date_button_set_date (self, date);
  g_signal_emit (self, signals[DATE_CHANGED], 0);
}

static void
on_calendar_day_selected (RcvDateButton *self,
                          GtkCalendar   *calendar)
{
  GDate date;

  if (rcv_calendar_keys_get_chosen (calendar, &date))
    choose (self, &date);
}

static void
on_entry_activate (RcvDateButton *self,
                   GtkEntry      *entry)
{
  g_autoptr(GError) error = NULL;
  GDate date;

  if (!rcv_date_parse_user (gtk_editable_get_text (GTK_EDITABLE (entry)), &date, &error))
    {
      show_entry_problem (self, error->message);
      return;
    }
  choose (self, &date);
}

static void
on_entry_changed (RcvDateButton *self,
                  GtkEntry      *entry)
{
  show_entry_problem (self, NULL);
}

static void
today_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  GDate today;

  rcv_date_set_today (&today);
  choose (RCV_DATE_BUTTON (widget), &today);
}

static void
rcv_date_button_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RCV_TYPE_DATE_BUTTON);

  G_OBJECT_CLASS (rcv_date_button_parent_class)->dispose (object);
}

static void
rcv_date_button_class_init (RcvDateButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rcv_date_button_dispose;

  signals[DATE_CHANGED] = g_signal_new ("date-changed", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/receivables/Receivables/"
                                               "rcv-date-button.ui");
  gtk_widget_class_bind_template_child (widget_class, RcvDateButton, menu_button);
  gtk_widget_class_bind_template_child (widget_class, RcvDateButton, popover);
  gtk_widget_class_bind_template_child (widget_class, RcvDateButton, entry);
  gtk_widget_class_bind_template_child (widget_class, RcvDateButton, calendar);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_day_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed);
  gtk_widget_class_install_action (widget_class, "date-button.today", NULL, today_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
rcv_date_button_init (RcvDateButton *self)
{
  g_autofree char *hint = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  rcv_calendar_keys_attach (self->calendar);
  hint = rcv_date_format_hint ();
  gtk_entry_set_placeholder_text (self->entry, hint);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Date"), -1);
  rcv_date_set_today (&self->date);
  self->follow_today = TRUE;
  update (self);
}

void
rcv_date_button_get_date (RcvDateButton *self,
                          GDate         *date)
{
  g_return_if_fail (RCV_IS_DATE_BUTTON (self));
  g_return_if_fail (date != NULL);

  *date = self->date;
}

/* Shows a date; today's is followed from then on, any other kept. */
void
rcv_date_button_set_date (RcvDateButton *self,
                          const GDate   *date)
{
  GDate today;

  g_return_if_fail (RCV_IS_DATE_BUTTON (self));
  g_return_if_fail (date != NULL && g_date_valid (date));

  rcv_date_set_today (&today);
  self->date = *date;
  self->follow_today = g_date_compare (date, &today) == 0;
  update (self);
}

/* Before a reload: moves on to today's date if the button follows it. */
void
rcv_date_button_follow_today (RcvDateButton *self)
{
  g_return_if_fail (RCV_IS_DATE_BUTTON (self));

  if (self->follow_today)
    rcv_date_set_today (&self->date);
  update (self);
}

/* What the date means for the figures: "" for today. */
const char *
rcv_date_button_get_hint (RcvDateButton *self)
{
  GDate today;
  int order;

  g_return_val_if_fail (RCV_IS_DATE_BUTTON (self), "");

  rcv_date_set_today (&today);
  order = g_date_compare (&self->date, &today);
  if (order > 0)
    return _("A date to come: invoices are aged as they will be then, if nothing is paid before.");
  if (order < 0)
    return _("A past date: invoices and payments entered for later dates are left out.");
  return "";
}

/* Shows the date alone (not "Today, …" or "As of …"): for a field labelled by its side, as a
 * period's first and last day are. */
void
rcv_date_button_set_plain (RcvDateButton *self,
                           gboolean       plain)
{
  g_return_if_fail (RCV_IS_DATE_BUTTON (self));

  self->plain = plain;
  update (self);
}
