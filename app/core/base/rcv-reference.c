/* rcv-reference.c - ISO 7064 mod 97-10 check digits: IBANs (ISO 13616) and structured creditor
 * references (ISO 11649, "RF")
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both move their first four characters to the end, read letters as numbers (A = 10 … Z = 35)
 * and are valid when the whole is 1 modulo 97. An invoice's RF reference is made from its
 * number's letters and digits (2025-0003 → RF26 2025 0003), so that a bank transfer carrying
 * it names the invoice for certain (rcv-bank-match.c); a number with more than 21 of them uses
 * the invoice's database ID instead.
 */
#include "config.h"

#include <string.h>

#include "rcv-reference.h"

/* The text without spaces, upper case: "de89 3704 …" → "DE893704…". */
char *
rcv_reference_compact (const char *text)
{
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p++)
    if (*p != ' ' && *p != '\t')
      g_string_append_c (out, g_ascii_toupper (*p));
  return g_string_free (out, FALSE);
}

/* The remainder modulo 97 of `text` (letters and digits only) with its first four characters
 * moved to the end; -1 when it holds anything else. */
static int
mod97_moved (const char *text)
{
  gsize length = strlen (text);
  guint remainder = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = text[(i + 4) % length];

      if (g_ascii_isdigit (c))
        remainder = (remainder * 10 + (guint) (c - '0')) % 97;
      else if (c >= 'A' && c <= 'Z')
        remainder = (remainder * 100 + (guint) (c - 'A' + 10)) % 97;
      else
        return -1;
    }
  return (int) remainder;
}

/* Whether `text` (spaces and case aside) is an IBAN whose check digits hold. */
gboolean
rcv_iban_valid (const char *text)
{
  g_autofree char *iban = NULL;

  g_return_val_if_fail (text != NULL, FALSE);

  iban = rcv_reference_compact (text);
  if (strlen (iban) < 15 || strlen (iban) > 34 || !g_ascii_isalpha (iban[0]) ||
      !g_ascii_isalpha (iban[1]) || !g_ascii_isdigit (iban[2]) || !g_ascii_isdigit (iban[3]))
    return FALSE;
  return mod97_moved (iban) == 1;
}

/* The RF reference of an invoice, in its electronic form ("RF2620250003"): its number's
 * letters and digits, or its ID when there are none or more than 21 of them. */
char *
rcv_creditor_ref_make (const char *invoice_number,
                       gint64      invoice_id)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *probe = NULL;
  int check;

  g_return_val_if_fail (invoice_number != NULL, NULL);

  for (const char *p = invoice_number; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (body, g_ascii_toupper (*p));
  if (body->len == 0 || body->len > RCV_CREDITOR_REF_MAX_BODY)
    {
      g_string_truncate (body, 0);
      g_string_append_printf (body, "%" G_GINT64_FORMAT, MAX (invoice_id, 0));
    }
  probe = g_strconcat ("RF00", body->str, NULL);
  check = 98 - mod97_moved (probe);
  return g_strdup_printf ("RF%02d%s", check, body->str);
}

/* The reference as it is printed: in groups of four ("RF26 2025 0003"). */
char *
rcv_creditor_ref_format (const char *reference)
{
  g_autofree char *compact = NULL;
  GString *out;

  g_return_val_if_fail (reference != NULL, NULL);

  compact = rcv_reference_compact (reference);
  out = g_string_new (NULL);
  for (gsize i = 0; compact[i] != '\0'; i++)
    {
      if (i > 0 && i % 4 == 0)
        g_string_append_c (out, ' ');
      g_string_append_c (out, compact[i]);
    }
  return g_string_free (out, FALSE);
}

/* Whether `text` (spaces and case aside) is an RF reference whose check digits hold; `body`
 * (may be NULL) then gets what follows them. A reference with wrong check digits is no
 * reference: a payment carrying it is matched by other means. */
gboolean
rcv_creditor_ref_valid (const char  *text,
                        char       **body)
{
  g_autofree char *compact = NULL;
  gsize length;

  g_return_val_if_fail (text != NULL, FALSE);

  compact = rcv_reference_compact (text);
  length = strlen (compact);
  if (length < 5 || length > 4 + RCV_CREDITOR_REF_MAX_BODY || !g_str_has_prefix (compact, "RF") ||
      !g_ascii_isdigit (compact[2]) || !g_ascii_isdigit (compact[3]) || mod97_moved (compact) != 1)
    return FALSE;
  if (body != NULL)
    *body = g_strdup (compact + 4);
  return TRUE;
}

/* The valid RF references in a free text (a remittance line, written with or without the
 * groups' spaces), in the order they stand; each in its electronic form. Where a reference
 * written in groups runs into the next word, each length that ends a group is tried: the
 * caller keeps those that name an invoice. */
GPtrArray *
rcv_creditor_ref_find (const char *text)
{
  GPtrArray *found = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *upper = NULL;

  g_return_val_if_fail (text != NULL, found);

  upper = g_ascii_strup (text, -1);
  for (const char *p = strstr (upper, "RF"); p != NULL; p = strstr (p + 2, "RF"))
    {
      g_autoptr(GString) candidate = g_string_new (NULL);
      g_autoptr(GArray) ends = g_array_new (FALSE, FALSE, sizeof (gsize));
      gsize group = 0;

      if (p > upper && g_ascii_isalnum (p[-1]))
        continue;
      for (const char *q = p; *q != '\0' && candidate->len < 4 + RCV_CREDITOR_REF_MAX_BODY; q++)
        {
          if (g_ascii_isalnum (*q))
            {
              g_string_append_c (candidate, *q);
              group++;
            }
          else if (*q == ' ' && group == 4 && g_ascii_isalnum (q[1]))
            {
              g_array_append_val (ends, candidate->len);
              group = 0;
            }
          else
            break;
        }
      g_array_append_val (ends, candidate->len);
      for (guint i = ends->len; i-- > 0;)
        {
          g_autofree char *prefix = g_strndup (candidate->str, g_array_index (ends, gsize, i));

          if (rcv_creditor_ref_valid (prefix, NULL))
            g_ptr_array_add (found, g_steal_pointer (&prefix));
        }
    }
  return found;
}
