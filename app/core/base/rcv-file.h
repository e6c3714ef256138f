/* rcv-file.h - files the core writes for the user: private to the user, never half-written
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <stdio.h>

G_BEGIN_DECLS

gboolean  rcv_file_write_private  (const char  *path,
                                   const char  *data,
                                   gssize       length,
                                   GError     **error);
FILE     *rcv_file_create_private (const char  *path,
                                   GError     **error);

G_END_DECLS
