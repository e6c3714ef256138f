/* rcv-policy-choices.h - the credit policies as a list to choose from
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "rcv-database.h"

G_BEGIN_DECLS

GtkStringList *rcv_policy_choices_new (RcvDatabase *database,
                                       gint64       except_id,
                                       GArray     **ids);

G_END_DECLS
