/* test-reference.c - ISO 7064 mod 97-10: IBANs and RF creditor references; the EPC QR code
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rcv-epc-qr.h"
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

/* EPC069-12's own example, then the rules: an RF reference or a text, never both; nothing
 * follows the last element; no code for another currency or without an IBAN. */
static void
test_epc_payload (void)
{
  const RcvCurrency eur = { "EUR", 2 }, chf = { "CHF", 2 };
  char *payload;

  payload = rcv_epc_payload ("BHBLDEHHXXX", "Franz Mustermänn", "DE71110220330123456789", 1230,
                             &eur, "GDDS", "RF18539007547034", NULL);
  g_assert_cmpstr (payload, ==, "BCD\n002\n1\nSCT\nBHBLDEHHXXX\nFranz Mustermänn\n"
                                "DE71110220330123456789\nEUR12.3\nGDDS\nRF18539007547034");
  g_free (payload);

  /* a text when there is no valid reference, grouped IBAN and whole euros */
  payload = rcv_epc_payload (NULL, "Muster GmbH", "DE89 3704 0044 0532 0130 00", 23800, &eur,
                             NULL, "RF19 2026 0002", "2026-0003 2026-0004");
  g_assert_cmpstr (payload, ==, "BCD\n002\n1\nSCT\n\nMuster GmbH\nDE89370400440532013000\n"
                                "EUR238\n\n\n2026-0003 2026-0004");
  g_free (payload);

  g_assert_null (rcv_epc_payload (NULL, "Muster AG", "DE89370400440532013000", 100, &chf, NULL,
                                  NULL, NULL));
  g_assert_null (rcv_epc_payload (NULL, "Muster GmbH", "", 100, &eur, NULL, NULL, NULL));
  g_assert_null (rcv_epc_payload (NULL, "Muster GmbH", "DE88370400440532013000", 100, &eur,
                                  NULL, NULL, NULL));
}

/* The code drawn: its quiet zone white, the finder patterns' corners dark. */
static void
test_epc_draw (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 300, 300);
  cairo_t *cr = cairo_create (surface);
  g_autofree char *payload = rcv_epc_payload ("BHBLDEHHXXX", "Franz Mustermänn",
                                              "DE71110220330123456789", 1230,
                                              &(RcvCurrency) { "EUR", 2 }, NULL,
                                              "RF18539007547034", NULL);
  const guint32 *pixels;
  int stride;

  g_assert_true (rcv_epc_qr_draw (cr, payload, 0, 0, 300));
  cairo_surface_flush (surface);
  pixels = (const guint32 *) cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface) / 4;
  /* the quiet zone, then the centres of the three finder patterns (modules 2 to 4 of 7, after
   * the four of the quiet zone: about 5.5 modules in) */
  {
    int at = (int) (300.0 * 5.5 / 41.0);

    g_assert_cmpuint (pixels[2 * stride + 2] & 0xffffff, ==, 0xffffff);
    g_assert_cmpuint (pixels[at * stride + at] & 0xffffff, ==, 0);
    g_assert_cmpuint (pixels[at * stride + (300 - at)] & 0xffffff, ==, 0);
    g_assert_cmpuint (pixels[(300 - at) * stride + at] & 0xffffff, ==, 0);
  }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/reference/iban", test_iban);
  g_test_add_func ("/core/reference/creditor-ref", test_creditor_ref);
  g_test_add_func ("/core/reference/find", test_find);
  g_test_add_func ("/core/reference/epc-payload", test_epc_payload);
  g_test_add_func ("/core/reference/epc-draw", test_epc_draw);
  return g_test_run ();
}
