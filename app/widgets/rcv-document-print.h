/* rcv-document-print.h - letters and statements printed through the GTK print dialog
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "rcv-letter.h"

G_BEGIN_DECLS

GtkPrintOperationResult rcv_document_print (GtkWindow               *parent,
                                            RcvLetterhead           *head,
                                            guint                    n_documents,
                                            RcvDocumentLayoutFunc    func,
                                            gpointer                 data,
                                            GDestroyNotify           data_free,
                                            const char              *job_name,
                                            GtkPrintOperationAction  action,
                                            const char              *export_path,
                                            GCallback                on_done,
                                            gpointer                 done_object,
                                            GError                 **error);

G_END_DECLS
