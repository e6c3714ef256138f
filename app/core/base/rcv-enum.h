/* rcv-enum.h - the core's enums by their nicks, the spelling files and commands use
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "rcv-enum-types.h"
#include "rcv-types.h"

G_BEGIN_DECLS

const char *rcv_enum_to_nick   (GType       type,
                                int         value);
gboolean    rcv_enum_from_nick (GType       type,
                                const char *nick,
                                int        *value);
int         rcv_enum_from_nick_or (GType       type,
                                   const char *nick,
                                   int         fallback);

G_END_DECLS
