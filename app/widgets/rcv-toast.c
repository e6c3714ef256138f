/* rcv-toast.c - toasts from any widget, in the toast overlay of its window or of the window it
 * was opened over
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A page, a form or the customer's window tells what happened (saved, archived with undo, an
 * error from the core) without knowing the window that shows it: the toast goes to the
 * nearest AdwToastOverlay above the widget, else to the overlay a window named with
 * rcv_toast_set_overlay(), its own or that of a window it is transient for (the company's
 * window under a customer's window or a form). With none, the toast is dropped, as when the
 * window has gone.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rcv-toast.h"

/* "Saved as Invoice 2026-0158.pdf": a file written, by its name, as text (libadwaita 1.2
 * parses a toast's title as markup). */
AdwToast *
rcv_toast_new_saved (const char *path)
{
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  name = g_path_get_basename (path);
  text = g_markup_printf_escaped (_("Saved as %s"), name);
  return adw_toast_new (text);
}

static GQuark
rcv_toast_overlay_quark (void)
{
  return g_quark_from_static_string ("rcv-toast-overlay");
}

/* Names the overlay where `window`'s toasts, and those of the windows opened over it, go. */
void
rcv_toast_set_overlay (GtkWindow       *window,
                       AdwToastOverlay *overlay)
{
  g_return_if_fail (GTK_IS_WINDOW (window));
  g_return_if_fail (overlay == NULL || ADW_IS_TOAST_OVERLAY (overlay));

  /* a reference: the overlay may be unparented in the window's dispose before a late toast */
  g_object_set_qdata_full (G_OBJECT (window), rcv_toast_overlay_quark (),
                           overlay != NULL ? g_object_ref (overlay) : NULL, g_object_unref);
}

static AdwToastOverlay *
find_overlay (GtkWidget *widget)
{
  GtkWidget *ancestor = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  GtkRoot *root;

  if (ancestor != NULL)
    return ADW_TOAST_OVERLAY (ancestor);
  root = gtk_widget_get_root (widget);
  for (GtkWindow *window = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL; window != NULL;
       window = gtk_window_get_transient_for (window))
    {
      AdwToastOverlay *overlay = g_object_get_qdata (G_OBJECT (window),
                                                     rcv_toast_overlay_quark ());

      if (overlay != NULL)
        return overlay;
    }
  return NULL;
}

/* Shows `toast` (taken) for `widget`. */
void
rcv_toast_add (GtkWidget *widget,
               AdwToast  *toast)
{
  AdwToastOverlay *overlay;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ADW_IS_TOAST (toast));

  overlay = find_overlay (widget);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (overlay, toast);
  else
    g_object_unref (toast);
}

/* An error from the core, as a toast that stays until dismissed: "what: why". A cancelled
 * operation is no error to show. */
void
rcv_toast_show_error (GtkWidget    *widget,
                      const char   *what,
                      const GError *error)
{
  g_autofree char *title = NULL;
  AdwToast *toast;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (what != NULL);
  g_return_if_fail (error != NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* libadwaita 1.2 parses a toast's title as markup */
  title = g_markup_printf_escaped ("%s: %s", what, error->message);
  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, 0);
  rcv_toast_add (widget, toast);
}
