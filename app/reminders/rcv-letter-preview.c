/* rcv-letter-preview.c - one page of a reminder letter, drawn as it will print
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page is drawn by the same code as the PDF and the print (rcv-letter.c), scaled to fit
 * the widget, on white paper in the light and the dark style alike: it is a picture of paper.
 */
#define G_LOG_DOMAIN "receivables"

#include "config.h"

#include <glib/gi18n.h>

#include "rcv-letter-preview.h"

struct _RcvLetterPreview
{
  GtkWidget parent_instance;

  RcvLetterLayout *layout;
  char *name;
  guint page;
};

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
    /* Translators: the letter preview's accessible description: customer, page, pages */
    text = g_strdup_printf (_("Preview of the letter to %s, page %u of %u"), self->name,
                            self->page + 1, rcv_letter_layout_get_n_pages (self->layout));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text != NULL ? text : _("No letter is chosen"), -1);
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
  scale = MIN ((width - 24) / paper_width, (height - 24) / paper_height);
  x = (width - paper_width * scale) / 2;
  y = 12;

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

  properties[PROP_PAGE] = g_param_spec_uint ("page", NULL, NULL, 0, G_MAXUINT, 0,
                                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS |
                                             G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_PAGES] = g_param_spec_uint ("n-pages", NULL, NULL, 0, G_MAXUINT, 0,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS |
                                                G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "rcv-letter-preview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
rcv_letter_preview_init (RcvLetterPreview *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Letter preview"), -1);
  update_description (self);
}

/* Lays the letter out (NULL: none) and shows its first page. */
void
rcv_letter_preview_set_letter (RcvLetterPreview       *self,
                               const RcvLetterhead    *head,
                               const RcvDunningLetter *letter)
{
  g_return_if_fail (RCV_IS_LETTER_PREVIEW (self));

  g_clear_pointer (&self->layout, rcv_letter_layout_free);
  g_clear_pointer (&self->name, g_free);
  self->page = 0;
  if (head != NULL && letter != NULL)
    {
      /* measured on a scratch surface: the layout is the same at any scale */
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_A8, 1, 1);
      cairo_t *cr = cairo_create (surface);

      self->layout = rcv_letter_layout_new (head, letter, cr);
      self->name = g_strdup (letter->name);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
  update_description (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PAGES]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
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
