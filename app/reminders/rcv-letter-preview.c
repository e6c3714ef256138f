/* rcv-letter-preview.c - one page of a reminder letter, drawn as it will print
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page is drawn by the same code as the PDF and the print (rcv-letter.c), scaled to fit
 * the widget, on white paper in the light and the dark style alike: it is a picture of paper.
 */
#define G_LOG_DOMAIN "receivables"

#include "config.h"

#include <glib/gi18n.h>

#include <math.h>

#include "rcv-letter-preview.h"
#include "rcv-statement-layout.h"

struct _RcvLetterPreview
{
  GtkWidget parent_instance;

  RcvLetterLayout *layout;
  char *name;
  gboolean statement;   /* the document is a statement, not a letter */
  guint page;
  double zoom;          /* pixels per point; 0: the page fits the width (the default) */
  double shown;         /* the scale last drawn at, where zooming starts from */
};

#define ZOOM_STEP 1.25
#define ZOOM_MIN 0.25
#define ZOOM_MAX 4.0
#define MARGIN 12

G_DEFINE_FINAL_TYPE (RcvLetterPreview, rcv_letter_preview, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PAGE,
  PROP_N_PAGES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_description (RcvLetterPreview *self)
{
  g_autofree char *text = NULL;

  if (self->layout != NULL)
    text = self->statement
             /* Translators: the statement preview's accessible description: customer, page,
              * pages */
             ? g_strdup_printf (_("Preview of the statement of %s, page %u of %u"), self->name,
                                self->page + 1, rcv_letter_layout_get_n_pages (self->layout))
             /* Translators: the letter preview's accessible description: customer, page,
              * pages */
             : g_strdup_printf (_("Preview of the letter to %s, page %u of %u"), self->name,
                                self->page + 1, rcv_letter_layout_get_n_pages (self->layout));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text != NULL ? text : _("No letter is chosen"), -1);
}

/* The scale a width shows the page at: the zoom chosen, or the page across the width. */
static double
scale_for_width (RcvLetterPreview *self,
                 double            width)
{
  double paper_width, paper_height;

  if (self->layout == NULL)
    return 1.0;
  if (self->zoom > 0)
    return self->zoom;
  rcv_letter_layout_get_size (self->layout, &paper_width, &paper_height);
  return MAX (width - 2 * MARGIN, 1) / paper_width;
}

/* As wide as the viewport and as tall as the page at that width; zoomed in, as large as
 * the page at its scale (the scrolled window around it scrolls). */
static void
rcv_letter_preview_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  RcvLetterPreview *self = RCV_LETTER_PREVIEW (widget);
  double paper_width = 595, paper_height = 842;

  if (self->layout != NULL)
    rcv_letter_layout_get_size (self->layout, &paper_width, &paper_height);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = self->zoom > 0 ? (int) ceil (paper_width * self->zoom) + 2 * MARGIN : 40;
      *natural = MAX (*minimum, 400);
    }
  else
    {
      double width = for_size > 0 ? for_size : 400;

      *minimum = *natural = (int) ceil (paper_height * scale_for_width (self, width)) +
                            2 * MARGIN;
    }
}

static void
rcv_letter_preview_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  RcvLetterPreview *self = RCV_LETTER_PREVIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double paper_width, paper_height, scale, x, y;
  cairo_t *cr;

  if (self->layout == NULL || width < 40 || height < 40)
    return;

  rcv_letter_layout_get_size (self->layout, &paper_width, &paper_height);
  scale = scale_for_width (self, width);
  self->shown = scale;
  x = MAX ((width - paper_width * scale) / 2, MARGIN);
  y = MARGIN;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  /* a soft edge, then the paper */
  cairo_set_source_rgba (cr, 0, 0, 0, 0.18);
  cairo_rectangle (cr, x + 1, y + 2, paper_width * scale, paper_height * scale);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x, y, paper_width * scale, paper_height * scale);
  cairo_fill (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, scale, scale);
  rcv_letter_layout_draw_page (self->layout, cr, self->page);
  cairo_destroy (cr);
}

static void
zoom_to (RcvLetterPreview *self,
         double            zoom)
{
  self->zoom = zoom > 0 ? CLAMP (zoom, ZOOM_MIN, ZOOM_MAX) : 0;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RcvLetterPreview *self = RCV_LETTER_PREVIEW (widget);
  double from = self->zoom > 0 ? self->zoom : (self->shown > 0 ? self->shown : 1.0);

  if (g_str_equal (action_name, "preview.zoom-in"))
    zoom_to (self, from * ZOOM_STEP);
  else if (g_str_equal (action_name, "preview.zoom-out"))
    zoom_to (self, from / ZOOM_STEP);
  else
    zoom_to (self, 0);
}

static void
rcv_letter_preview_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  RcvLetterPreview *self = RCV_LETTER_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      g_value_set_uint (value, self->page);
      break;
    case PROP_N_PAGES:
      g_value_set_uint (value, rcv_letter_preview_get_n_pages (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rcv_letter_preview_finalize (GObject *object)
{
  RcvLetterPreview *self = RCV_LETTER_PREVIEW (object);

  g_clear_pointer (&self->layout, rcv_letter_layout_free);
  g_free (self->name);

  G_OBJECT_CLASS (rcv_letter_preview_parent_class)->finalize (object);
}

static void
rcv_letter_preview_class_init (RcvLetterPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = rcv_letter_preview_get_property;
  object_class->finalize = rcv_letter_preview_finalize;
  widget_class->snapshot = rcv_letter_preview_snapshot;
  widget_class->measure = rcv_letter_preview_measure;

  properties[PROP_PAGE] = g_param_spec_uint ("page", NULL, NULL, 0, G_MAXUINT, 0,
                                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS |
                                             G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_PAGES] = g_param_spec_uint ("n-pages", NULL, NULL, 0, G_MAXUINT, 0,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS |
                                                G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "rcv-letter-preview");
  gtk_widget_class_install_action (widget_class, "preview.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "preview.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "preview.zoom-fit", NULL, zoom_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "preview.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "preview.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK,
                                       "preview.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "preview.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK,
                                       "preview.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "preview.zoom-fit", NULL);
  /* with the preview in focus, the arrows turn its pages (the page's actions) */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "reminders.previous-page",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "reminders.next-page",
                                       NULL);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
rcv_letter_preview_init (RcvLetterPreview *self)
{
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Letter preview"), -1);
  update_description (self);
}

static void
show_layout (RcvLetterPreview *self,
             RcvLetterLayout  *layout,
             const char       *name,
             gboolean          statement)
{
  g_clear_pointer (&self->layout, rcv_letter_layout_free);
  g_clear_pointer (&self->name, g_free);
  self->layout = layout;
  self->name = g_strdup (name);
  self->statement = statement;
  self->page = 0;
  update_description (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PAGES]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Lays the letter out (NULL: none) and shows its first page. */
void
rcv_letter_preview_set_letter (RcvLetterPreview       *self,
                               const RcvLetterhead    *head,
                               const RcvDunningLetter *letter)
{
  RcvLetterLayout *layout = NULL;

  g_return_if_fail (RCV_IS_LETTER_PREVIEW (self));

  if (head != NULL && letter != NULL)
    {
      /* measured on a scratch surface: the layout is the same at any scale */
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_A8, 1, 1);
      cairo_t *cr = cairo_create (surface);

      layout = rcv_letter_layout_new (head, letter, cr);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
  show_layout (self, layout, letter != NULL ? letter->name : NULL, FALSE);
}

/* Lays the statement out (NULL: none) and shows its first page. */
void
rcv_letter_preview_set_statement (RcvLetterPreview          *self,
                                  const RcvLetterhead       *head,
                                  const RcvAccountStatement *statement)
{
  RcvLetterLayout *layout = NULL;

  g_return_if_fail (RCV_IS_LETTER_PREVIEW (self));

  if (head != NULL && statement != NULL)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_A8, 1, 1);
      cairo_t *cr = cairo_create (surface);

      layout = rcv_statement_layout_new (head, statement, cr);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
  show_layout (self, layout, statement != NULL ? statement->name : NULL, TRUE);
}

guint
rcv_letter_preview_get_n_pages (RcvLetterPreview *self)
{
  g_return_val_if_fail (RCV_IS_LETTER_PREVIEW (self), 0);

  return self->layout != NULL ? rcv_letter_layout_get_n_pages (self->layout) : 0;
}

guint
rcv_letter_preview_get_page (RcvLetterPreview *self)
{
  g_return_val_if_fail (RCV_IS_LETTER_PREVIEW (self), 0);

  return self->page;
}

void
rcv_letter_preview_set_page (RcvLetterPreview *self,
                             guint             page)
{
  g_return_if_fail (RCV_IS_LETTER_PREVIEW (self));

  if (page >= rcv_letter_preview_get_n_pages (self) || page == self->page)
    return;
  self->page = page;
  update_description (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The scale the page is shown at, in pixels per point (for the zoom's label and tests). */
double
rcv_letter_preview_get_scale (RcvLetterPreview *self)
{
  g_return_val_if_fail (RCV_IS_LETTER_PREVIEW (self), 1.0);

  return scale_for_width (self, gtk_widget_get_width (GTK_WIDGET (self)));
}
