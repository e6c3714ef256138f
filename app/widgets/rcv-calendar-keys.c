/* rcv-calendar-keys.c - a calendar's keys moving its selected day, as its highlight shows
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GtkCalendar (GTK 4.8) moves a keyboard cursor of its own that does not start on the day
 * selected, so the first arrow press lands on some day of the grid's middle row. In the
 * date fields' popovers the arrows move the selected day instead (a day, a week, a month with
 * Page Up and Down, the month's first and last day with Home and End), and Space or Enter
 * chooses it: the calendar emits "day-selected" as a click does. Its handlers ask
 * rcv_calendar_keys_is_moving() to tell a move from a choice.
 */
#define G_LOG_DOMAIN "receivables"

#include "config.h"

#include "rcv-calendar-keys.h"

#define MOVING_KEY "rcv-calendar-keys-moving"

static GDateTime *
moved_date (GDateTime *date,
            guint      keyval)
{
  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      return g_date_time_add_days (date, -1);
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      return g_date_time_add_days (date, 1);
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      return g_date_time_add_weeks (date, -1);
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      return g_date_time_add_weeks (date, 1);
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      return g_date_time_add_months (date, -1);
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      return g_date_time_add_months (date, 1);
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      return g_date_time_add_days (date, 1 - g_date_time_get_day_of_month (date));
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      {
        int day = g_date_time_get_day_of_month (date);
        int last = g_date_get_days_in_month ((GDateMonth) g_date_time_get_month (date),
                                             (GDateYear) g_date_time_get_year (date));

        return g_date_time_add_days (date, last - day);
      }
    default:
      return NULL;
    }
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                gpointer               user_data)
{
  GtkCalendar *calendar = GTK_CALENDAR (user_data);
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GDateTime) moved = NULL;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return FALSE;
  date = gtk_calendar_get_date (calendar);
  if (keyval == GDK_KEY_space || keyval == GDK_KEY_KP_Space || keyval == GDK_KEY_Return ||
      keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter)
    {
      g_signal_emit_by_name (calendar, "day-selected");
      return TRUE;
    }
  moved = moved_date (date, keyval);
  if (moved == NULL)
    return FALSE;
  g_object_set_data (G_OBJECT (calendar), MOVING_KEY, GINT_TO_POINTER (TRUE));
  gtk_calendar_select_day (calendar, moved);
  g_object_set_data (G_OBJECT (calendar), MOVING_KEY, NULL);
  return TRUE;
}

void
rcv_calendar_keys_attach (GtkCalendar *calendar)
{
  GtkEventController *keys;

  g_return_if_fail (GTK_IS_CALENDAR (calendar));

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_key_pressed), calendar, 0);
  gtk_widget_add_controller (GTK_WIDGET (calendar), keys);
}

/* Whether the calendar's "day-selected" is a key moving the day (not a day chosen). */
gboolean
rcv_calendar_keys_is_moving (GtkCalendar *calendar)
{
  g_return_val_if_fail (GTK_IS_CALENDAR (calendar), FALSE);

  return g_object_get_data (G_OBJECT (calendar), MOVING_KEY) != NULL;
}

/* The day a "day-selected" chose, as a GDate; FALSE when it was a key moving the day. */
gboolean
rcv_calendar_keys_get_chosen (GtkCalendar *calendar,
                              GDate       *date)
{
  g_autoptr(GDateTime) selected = NULL;

  g_return_val_if_fail (GTK_IS_CALENDAR (calendar), FALSE);
  g_return_val_if_fail (date != NULL, FALSE);

  if (rcv_calendar_keys_is_moving (calendar))
    return FALSE;
  selected = gtk_calendar_get_date (calendar);
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) g_date_time_get_day_of_month (selected),
                  (GDateMonth) g_date_time_get_month (selected),
                  (GDateYear) g_date_time_get_year (selected));
  return TRUE;
}
