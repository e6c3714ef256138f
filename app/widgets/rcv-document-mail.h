/* rcv-document-mail.h - a letter or a statement opened in the user's own mail app
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "rcv-mail-draft.h"

G_BEGIN_DECLS

void rcv_document_compose (GtkWidget          *owner,
                           const char         *address,
                           const RcvMailDraft *draft,
                           GBytes             *pdf);

G_END_DECLS
