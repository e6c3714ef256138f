/* rcv-document-mail.c - a letter or a statement opened in the user's own mail app
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Send by E-mail… on a letter or a statement: the PDF is written into the cache, and the
 * core's rcv-mail-compose.c opens a new message in the user's mail app (the Email portal, or
 * xdg-email), to the customer, with the subject and text of the batch's message and the PDF
 * attached. The person sends it from there: nothing is recorded as sent here. A failure is
 * said in a toast, with what to do instead.
 */
#define G_LOG_DOMAIN "rcv-document-mail"

#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#include "rcv-document-mail.h"
#include "rcv-mail-compose.h"
#include "rcv-toast.h"

/* The portal's name of the window, so that the mail app opens over it; "" when not known
 * (Wayland hands one out only asynchronously, and the portal does without). */
static char *
parent_window_id (GtkWidget *owner)
{
#ifdef GDK_WINDOWING_X11
  GtkNative *native = gtk_widget_get_native (owner);
  GdkSurface *surface = native != NULL ? gtk_native_get_surface (native) : NULL;

  if (surface != NULL && GDK_IS_X11_SURFACE (surface))
    return g_strdup_printf ("x11:%lx", (unsigned long) gdk_x11_surface_get_xid (surface));
#endif
  return g_strdup ("");
}

static void
on_composed (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GtkWidget) owner = user_data;
  g_autoptr(GError) error = NULL;

  if (rcv_mail_compose_finish (result, &error))
    rcv_toast_add (owner, adw_toast_new (_("The message is open in your mail app")));
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    rcv_toast_show_error (owner, _("The mail app could not be opened"), error);
}

/* Opens a new message to `address` ("" for none) in the user's mail app: the draft's subject
 * and text, and `pdf` attached under the draft's file name. */
void
rcv_document_compose (GtkWidget          *owner,
                      const char         *address,
                      const RcvMailDraft *draft,
                      GBytes             *pdf)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *parent = NULL;

  g_return_if_fail (GTK_IS_WIDGET (owner));
  g_return_if_fail (draft != NULL && pdf != NULL);

  path = rcv_mail_compose_save_attachment (draft->attachment_name, pdf, &error);
  if (path == NULL)
    {
      rcv_toast_show_error (owner, _("The PDF could not be written"), error);
      return;
    }
  parent = parent_window_id (owner);
  rcv_mail_compose (NULL, parent, address != NULL ? address : "", draft->subject, draft->body,
                    path, NULL, on_composed, g_object_ref (owner));
}
