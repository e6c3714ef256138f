/* test-reference.c - ISO 7064 mod 97-10: IBANs and RF creditor references
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rcv-reference.h"

static void
test_iban (void)
{
  g_assert_true (rcv_iban_valid ("DE89 3704 0044 0532 0130 00"));
  g_assert_true (rcv_iban_valid ("gb82west12345698765432"));
  g_assert_true (rcv_iban_valid ("FR14 2004 1010 0505 0001 3M02 606"));
  /* one digit off, a letter swapped, too short, not an IBAN at all */
  g_assert_false (rcv_iban_valid ("DE88 3704 0044 0532 0130 00"));
  g_assert_false (rcv_iban_valid ("GB82 WETS 1234 5698 7654 32"));
  g_assert_false (rcv_iban_valid ("DE89 3704"));
  g_assert_false (rcv_iban_valid ("Rechnung 2026-0042"));
  g_assert_false (rcv_iban_valid (""));
}

static void
test_creditor_ref (void)
{
  char *ref, *body = NULL, *shown;

  /* the example: the number's letters and digits */
  ref = rcv_creditor_ref_make ("2025-0003", 7);
  g_assert_cmpstr (ref, ==, "RF2620250003");
  shown = rcv_creditor_ref_format (ref);
  g_assert_cmpstr (shown, ==, "RF26 2025 0003");
  g_free (shown);
  g_assert_true (rcv_creditor_ref_valid (ref, &body));
  g_assert_cmpstr (body, ==, "20250003");
  g_free (body);
  g_free (ref);

  /* ISO 11649's own example, written in groups and in lower case */
  g_assert_true (rcv_creditor_ref_valid ("RF18 5390 0754 7034", NULL));
  g_assert_true (rcv_creditor_ref_valid ("rf18539007547034", NULL));
  g_assert_false (rcv_creditor_ref_valid ("RF19 5390 0754 7034", NULL));
  g_assert_false (rcv_creditor_ref_valid ("RF18", NULL));
  g_assert_false (rcv_creditor_ref_valid ("XX18 5390 0754 7034", NULL));

  /* letters count too; a number with more than 21 letters and digits uses the ID */
  ref = rcv_creditor_ref_make ("CN-2026/A1", 9);
  g_assert_true (g_str_has_prefix (ref, "RF"));
  g_assert_true (g_str_has_suffix (ref, "CN2026A1"));
  g_assert_true (rcv_creditor_ref_valid (ref, NULL));
  g_free (ref);
  ref = rcv_creditor_ref_make ("2026-ABCDEFGHIJKLMNOPQRSTUVWXYZ", 123456);
  g_assert_true (g_str_has_suffix (ref, "123456"));
  g_assert_true (rcv_creditor_ref_valid (ref, NULL));
  g_free (ref);
}

static void
test_find (void)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) tight = NULL;

  /* in groups, running into the next word; the wrong one beside it is not taken */
  found = rcv_creditor_ref_find ("Rechnung RF26 2025 0003 Danke, RF27 2025 0003");
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (found, 0), ==, "RF2620250003");
  none = rcv_creditor_ref_find ("SVWZ+Ref RF99 1234 5678 vom 01.03.");
  g_assert_cmpuint (none->len, ==, 0);
  tight = rcv_creditor_ref_find ("EREF+RF2620250003");
  g_assert_cmpuint (tight->len, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/reference/iban", test_iban);
  g_test_add_func ("/core/reference/creditor-ref", test_creditor_ref);
  g_test_add_func ("/core/reference/find", test_find);
  return g_test_run ();
}
