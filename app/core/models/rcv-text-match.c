/* rcv-text-match.c - finding a record by a few letters of its name or its number, best first
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A form's customer field finds the customer as it is typed (rcv_customer_list_match ()): each
 * record is folded once into "number\nname" without accents and case, and each key typed costs
 * one scan of those plain strings, ranked as a person expects.
 */
#include "config.h"

#include <string.h>

#include "rcv-text-match.h"

/* Text as it is compared when a record is looked for by what was typed: decomposed, without
 * its accents, case folded, so that "backerei" finds "Bäckerei" and "ELAN" finds "Élan". */
char *
rcv_text_match_fold (const char *text)
{
  g_autofree char *decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  GString *bare;

  if (decomposed == NULL)
    return g_strdup ("");
  bare = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_type (c) != G_UNICODE_NON_SPACING_MARK)
        g_string_append_unichar (bare, c);
    }
  {
    g_autofree char *plain = g_string_free (bare, FALSE);

    return g_utf8_casefold (plain, -1);
  }
}

enum {
  MATCH_CODE,        /* the number, whole */
  MATCH_START,       /* the start of the name or of the number */
  MATCH_WORD,        /* the start of a word of the name */
  MATCH_INSIDE,      /* anywhere in the name */
  N_MATCH_RANKS
};

/* How well a record (folded as "code\nname") answers `needle`; N_MATCH_RANKS: not at all. */
static guint
match_rank (const char *folded,
            const char *needle)
{
  const char *name = strchr (folded, '\n') + 1;
  gsize code_len = (gsize) (name - 1 - folded);
  gsize needle_len = strlen (needle);
  const char *found;

  if (needle_len <= code_len && strncmp (folded, needle, needle_len) == 0)
    return needle_len == code_len ? MATCH_CODE : MATCH_START;
  if (g_str_has_prefix (name, needle))
    return MATCH_START;
  found = strstr (name, needle);
  if (found == NULL)
    return N_MATCH_RANKS;
  for (; found != NULL; found = strstr (found + 1, needle))
    {
      gunichar before = g_utf8_get_char (g_utf8_prev_char (found));

      if (!g_unichar_isalnum (before))
        return MATCH_WORD;
    }
  return MATCH_INSIDE;
}

/* A record's number and name, folded for rcv_text_match_ranked (). */
char *
rcv_text_match_fold_pair (const char *code,
                          const char *name)
{
  g_autofree char *both = g_strconcat (code != NULL ? code : "", "\n",
                                       name != NULL ? name : "", NULL);

  return rcv_text_match_fold (both);
}

/* The positions in `folded` (rcv_text_match_fold_pair ()) of the records whose number or name
 * holds `text`, accents and case aside, best first: the number typed whole, then names (or
 * numbers) that start with it, then names with a word that starts with it, then names that
 * hold it anywhere; in the array's order within each. At most `max` positions are returned;
 * `n_matches` gets how many there are in all. An empty `text` matches every record. */
GArray *
rcv_text_match_ranked (GPtrArray  *folded,
                       const char *text,
                       guint       max,
                       guint      *n_matches)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *needle = NULL;
  GArray *ranked[N_MATCH_RANKS];
  GArray *found;
  guint total = 0;

  g_return_val_if_fail (folded != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  trimmed = g_strstrip (g_strdup (text));
  needle = rcv_text_match_fold (trimmed);
  for (guint r = 0; r < N_MATCH_RANKS; r++)
    ranked[r] = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < folded->len; i++)
    {
      guint rank = needle[0] == '\0' ? MATCH_START
                                      : match_rank (g_ptr_array_index (folded, i), needle);

      if (rank == N_MATCH_RANKS)
        continue;
      total++;
      if (ranked[rank]->len < max)
        g_array_append_val (ranked[rank], i);
    }

  found = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint r = 0; r < N_MATCH_RANKS; r++)
    {
      guint room = max - found->len;

      g_array_append_vals (found, ranked[r]->data, MIN (room, ranked[r]->len));
      g_array_unref (ranked[r]);
    }
  if (n_matches != NULL)
    *n_matches = total;
  return found;
}
