/* rcv-demo.h - a sample company to explore the app with
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "rcv-database.h"

G_BEGIN_DECLS

gboolean rcv_demo_fill (RcvDatabase *db,
                        const GDate *today,
                        GError     **error);

G_END_DECLS
