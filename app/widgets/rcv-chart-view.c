/* rcv-chart-view.c - a chart of the core on screen: hover for the figure, click or Enter to open it
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The drawing is the core's (rcv-chart-draw.c), on the cairo context GtkSnapshot hands out at
 * the monitor's scale, in the colours of the current style. The pointer or the arrow keys
 * light an element and its figure shows as a tooltip; a click, Enter or Space emits
 * "activated" with the element. Screen readers get the chart's figures in words as its
 * description.
 */
#define G_LOG_DOMAIN "rcv-chart-view"

#include "config.h"

#include <glib/gi18n.h>

#include "rcv-chart-view.h"

struct _RcvChartView
{
  GtkWidget parent_instance;

  RcvChart *chart;
  int highlight;           /* the element lit by the pointer or the keyboard, or −1 */
  gboolean keyboard;       /* the keyboard lit it: keep it while the pointer is away */
};

G_DEFINE_FINAL_TYPE (RcvChartView, rcv_chart_view, GTK_TYPE_WIDGET)

enum {
  ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_highlight (RcvChartView *self,
               int           highlight,
               gboolean      keyboard)
{
  self->keyboard = keyboard && highlight >= 0;
  if (self->highlight == highlight)
    return;
  self->highlight = highlight;
  if (keyboard && highlight >= 0 && self->chart != NULL)
    {
      g_autofree char *text = rcv_chart_describe_element (self->chart, (guint) highlight);
      /* Translators: a chart's title and the figure the keyboard reached in it */
      g_autofree char *label = g_strdup_printf (_("%s: %s"), rcv_chart_get_title (self->chart),
                                                text);

      /* screen readers say the figure the keyboard reached (the tooltip shows it too) */
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
    }
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_motion (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           RcvChartView             *self)
{
  if (self->chart != NULL)
    set_highlight (self, rcv_chart_hit (self->chart, x, y), FALSE);
}

static void
on_leave (GtkEventControllerMotion *motion,
          RcvChartView             *self)
{
  if (!self->keyboard)
    set_highlight (self, -1, FALSE);
}

static void
on_click_released (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   RcvChartView    *self)
{
  int element;

  if (self->chart == NULL)
    return;
  element = rcv_chart_hit (self->chart, x, y);
  if (element >= 0)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self));
      g_signal_emit (self, signals[ACTIVATED], 0, (guint) element);
    }
}

static gboolean
on_query_tooltip (GtkWidget    *widget,
                  int           x,
                  int           y,
                  gboolean      keyboard_mode,
                  GtkTooltip   *tooltip,
                  RcvChartView *self)
{
  g_autofree char *text = NULL;
  int element;

  if (self->chart == NULL)
    return FALSE;
  element = keyboard_mode ? self->highlight : rcv_chart_hit (self->chart, x, y);
  if (element < 0)
    return FALSE;
  text = rcv_chart_describe_element (self->chart, (guint) element);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                RcvChartView          *self)
{
  int n = self->chart != NULL ? (int) rcv_chart_get_n_elements (self->chart) : 0;
  int next = self->highlight;

  if (n == 0 || rcv_chart_is_empty (self->chart))
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_Up:
    case GDK_KEY_KP_Left:
    case GDK_KEY_KP_Up:
      next = next <= 0 ? 0 : next - 1;
      break;
    case GDK_KEY_Right:
    case GDK_KEY_Down:
    case GDK_KEY_KP_Right:
    case GDK_KEY_KP_Down:
      next = next < 0 ? 0 : MIN (next + 1, n - 1);
      break;
    case GDK_KEY_Home:
      next = 0;
      break;
    case GDK_KEY_End:
      next = n - 1;
      break;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_space:
      if (self->highlight < 0)
        return FALSE;
      g_signal_emit (self, signals[ACTIVATED], 0, (guint) self->highlight);
      return TRUE;
    default:
      return FALSE;
    }
  set_highlight (self, next, TRUE);
  return TRUE;
}

static void
on_focus_leave (GtkEventControllerFocus *controller,
                RcvChartView            *self)
{
  set_highlight (self, -1, FALSE);
}

static void
on_dark_changed (RcvChartView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
rcv_chart_view_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  RcvChartView *self = RCV_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  PangoContext *context = gtk_widget_get_pango_context (widget);
  g_autofree char *font = pango_font_description_to_string (
    pango_context_get_font_description (context));
  RcvChartStyle style = { adw_style_manager_get_dark (adw_style_manager_get_default ()), FALSE,
                          font };
  cairo_t *cr;

  if (self->chart == NULL || width <= 0 || height <= 0)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  rcv_chart_draw (self->chart, cr, width, height, &style, self->highlight);
  cairo_destroy (cr);
}

static void
rcv_chart_view_dispose (GObject *object)
{
  RcvChartView *self = RCV_CHART_VIEW (object);

  g_clear_pointer (&self->chart, rcv_chart_free);

  G_OBJECT_CLASS (rcv_chart_view_parent_class)->dispose (object);
}

static void
rcv_chart_view_class_init (RcvChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rcv_chart_view_dispose;
  widget_class->snapshot = rcv_chart_view_snapshot;

  /**
   * RcvChartView::activated:
   * @element: the bucket, customer row or month clicked or chosen with Enter
   */
  signals[ACTIVATED] = g_signal_new ("activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_css_name (widget_class, "rcv-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
rcv_chart_view_init (RcvChartView *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  self->highlight = -1;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);

  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (on_click_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  g_signal_connect (focus, "leave", G_CALLBACK (on_focus_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_dark_changed), self, G_CONNECT_SWAPPED);
}

GtkWidget *
rcv_chart_view_new (void)
{
  return g_object_new (RCV_TYPE_CHART_VIEW, NULL);
}

/* Shows a chart (the view owns it from now on; NULL shows nothing), and gives screen readers
 * its title and figures. */
void
rcv_chart_view_set_chart (RcvChartView *self,
                          RcvChart     *chart)
{
  g_autofree char *description = NULL;

  g_return_if_fail (RCV_IS_CHART_VIEW (self));

  g_clear_pointer (&self->chart, rcv_chart_free);
  self->chart = chart;
  self->highlight = -1;
  self->keyboard = FALSE;
  if (chart != NULL)
    {
      description = rcv_chart_describe (chart);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      rcv_chart_get_title (chart),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                      -1);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

RcvChart *
rcv_chart_view_get_chart (RcvChartView *self)
{
  g_return_val_if_fail (RCV_IS_CHART_VIEW (self), NULL);
  return self->chart;
}

int
rcv_chart_view_get_highlight (RcvChartView *self)
{
  g_return_val_if_fail (RCV_IS_CHART_VIEW (self), -1);
  return self->highlight;
}
