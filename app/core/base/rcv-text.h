/* rcv-text.h - user text made safe to show: shortened, and isolated from its surroundings
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How many characters of a value an error message quotes. */
#define RCV_TEXT_QUOTE_CHARS 40

char *rcv_text_shorten (const char *text,
                        guint       max_chars);
char *rcv_text_isolate (const char *text,
                        guint       max_chars);

/* Digit runs compare as numbers, so that C2 sorts before C10. */
int rcv_natural_compare (const char *a,
                         const char *b);

G_END_DECLS
