/* rcv-i18n.h - the locale and the translations of a program, installed or in its build tree
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void        rcv_i18n_init          (void);
const char *rcv_i18n_get_localedir (void);

G_END_DECLS
