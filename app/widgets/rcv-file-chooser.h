/* rcv-file-chooser.h - what the app's file choosers share: a PDF to save, the file chosen
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkFileChooserNative *rcv_pdf_chooser_new       (GtkWindow       *parent,
                                                 const char      *title,
                                                 const char      *name);
char                 *rcv_file_chooser_get_path (GtkNativeDialog *dialog,
                                                 int              response);

G_END_DECLS
