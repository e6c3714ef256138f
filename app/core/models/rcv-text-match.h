/* rcv-text-match.h - finding a record by a few letters of its name or its number, best first
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char   *rcv_text_match_fold      (const char *text);
char   *rcv_text_match_fold_pair (const char *code,
                                  const char *name);
GArray *rcv_text_match_ranked    (GPtrArray  *folded,
                                  const char *text,
                                  guint       max,
                                  guint      *n_matches);

G_END_DECLS
