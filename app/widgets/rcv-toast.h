/* rcv-toast.h - toasts from any widget, in the toast overlay of its window or of the window it
 * was opened over
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void      rcv_toast_set_overlay (GtkWindow       *window,
                                 AdwToastOverlay *overlay);
void      rcv_toast_add         (GtkWidget       *widget,
                                 AdwToast        *toast);
void      rcv_toast_show_error  (GtkWidget       *widget,
                                 const char      *what,
                                 const GError    *error);
AdwToast *rcv_toast_new_saved   (const char      *path);

G_END_DECLS
