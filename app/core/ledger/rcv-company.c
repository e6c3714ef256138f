/* rcv-company.c - the company profile: name, address, contact, payment details, logo
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The profile lives in the company file (settings table), logo included, so that a copy of
 * the file prints the same letterhead anywhere. Each change is checked, then written with an
 * audit entry in one transaction.
 */
#define G_LOG_DOMAIN "rcv-company"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rcv-company.h"
#include "rcv-reference.h"
#include "rcv-error.h"

#define MAX_FIELD_LENGTH 500
#define LOGO_KEY "company.logo"

static const char *const keys[] = {
  RCV_COMPANY_NAME, RCV_COMPANY_ADDRESS, RCV_COMPANY_TAX_ID, RCV_COMPANY_EMAIL,
  RCV_COMPANY_PHONE, RCV_COMPANY_BANK, RCV_COMPANY_IBAN, RCV_COMPANY_BIC,
};

static gboolean
looks_like_iban (const char *text)
{
  return g_ascii_isalpha (text[0]) && g_ascii_isalpha (text[1]) && g_ascii_isdigit (text[2]) &&
         g_ascii_isdigit (text[3]);
}

/* Whether `value` may be stored under `key`; the message says what is wrong. */
gboolean
rcv_company_check (const char  *key,
                   const char  *value,
                   GError     **error)
{
  gboolean known = FALSE;

  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    known |= g_str_equal (keys[i], key);
  g_return_val_if_fail (known, FALSE);

  if (!g_utf8_validate (value, -1, NULL))
    {
      g_set_error_literal (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
                           _("is not valid UTF-8 text"));
      return FALSE;
    }
  if (g_utf8_strlen (value, -1) > MAX_FIELD_LENGTH)
    {
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
                   _("is longer than %d characters"), MAX_FIELD_LENGTH);
      return FALSE;
    }
  for (const char *p = value; *p; p++)
    if (g_ascii_iscntrl (*p) && !(*p == '\n' && g_str_equal (key, RCV_COMPANY_ADDRESS)))
      {
        g_set_error_literal (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
                             _("contains a control character"));
        return FALSE;
      }

  if (g_str_equal (key, RCV_COMPANY_NAME) && value[strspn (value, " \t")] == '\0')
    {
      g_set_error_literal (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID, _("is required"));
      return FALSE;
    }
  if (g_str_equal (key, RCV_COMPANY_EMAIL) && value[0] != '\0' &&
      (strchr (value, '@') == NULL || strchr (value, ' ') != NULL))
    {
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
                   _("“%s” is not an email address"), value);
      return FALSE;
    }
  if (g_str_equal (key, RCV_COMPANY_IBAN) && looks_like_iban (value) && !rcv_iban_valid (value))
    {
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
                   _("“%s” is not a valid IBAN: its check digits do not match"), value);
      return FALSE;
    }
  return TRUE;
}

static gboolean
set_audited (RcvDatabase *db,
             const char  *key,
             const char  *value,
             const char  *audit_value,
             GError     **error)
{
  g_autofree char *old = NULL;

  if (!rcv_database_begin (db, error))
    return FALSE;
  old = rcv_database_get_setting (db, key);
  if (!rcv_database_set_setting (db, key, value, error) ||
      !rcv_database_audit (db, "update", "settings", 0, old != NULL && audit_value != NULL
                                                          ? old : NULL,
                           audit_value, error) ||
      !rcv_database_commit (db, error))
    {
      rcv_database_rollback (db);
      return FALSE;
    }
  return TRUE;
}

/* Checks and stores one field of the profile (leading and trailing blanks removed). */
char *
rcv_company_get (RcvDatabase *db,
                 const char  *key)
{
  char *value = rcv_database_get_setting (db, key);

  return value != NULL ? g_strstrip (value) : g_strdup ("");
}

gboolean
rcv_company_set (RcvDatabase *db,
                 const char  *key,
                 const char  *value,
                 GError     **error)
{
  g_autofree char *stripped = NULL;
  g_autofree char *audit = NULL;

  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (key != NULL && value != NULL, FALSE);

  stripped = g_strstrip (g_strdup (value));
  if (!rcv_company_check (key, stripped, error))
    return FALSE;
  audit = g_strdup_printf ("%s=%s", key, stripped);
  return set_audited (db, key, stripped, audit, error);
}

static gboolean
is_image (GBytes *image)
{
  gsize size;
  const guchar *data = g_bytes_get_data (image, &size);
  static const guchar png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

  if (size >= sizeof png && memcmp (data, png, sizeof png) == 0)
    return TRUE;
  if (size >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
    return TRUE;   /* JPEG */
  /* SVG: XML whose first element is <svg */
  return size > 5 && g_strstr_len ((const char *) data, (gssize) MIN (size, 4096), "<svg") != NULL;
}

/* Stores a PNG, JPEG or SVG image of at most 1 MiB as the letterhead's logo; NULL removes it. */
gboolean
rcv_company_set_logo (RcvDatabase *db,
                      GBytes      *image,
                      GError     **error)
{
  g_autofree char *encoded = NULL;

  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);

  if (image == NULL)
    return set_audited (db, LOGO_KEY, "", "company.logo removed", error);
  if (g_bytes_get_size (image) > RCV_COMPANY_LOGO_MAX_SIZE)
    {
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
                   _("The logo is larger than %d KiB"), RCV_COMPANY_LOGO_MAX_SIZE / 1024);
      return FALSE;
    }
  if (!is_image (image))
    {
      g_set_error_literal (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
                           _("The logo must be a PNG, JPEG or SVG image"));
      return FALSE;
    }
  encoded = g_base64_encode (g_bytes_get_data (image, NULL), g_bytes_get_size (image));
  return set_audited (db, LOGO_KEY, encoded, "company.logo changed", error);
}

/* The logo's bytes, or NULL when there is none. */
GBytes *
rcv_company_get_logo (RcvDatabase *db)
{
  g_autofree char *encoded = NULL;
  guchar *data;
  gsize size;

  g_return_val_if_fail (RCV_IS_DATABASE (db), NULL);

  encoded = rcv_database_get_setting (db, LOGO_KEY);
  if (encoded == NULL || encoded[0] == '\0')
    return NULL;
  data = g_base64_decode (encoded, &size);
  if (size == 0)
    {
      g_free (data);
      return NULL;
    }
  return g_bytes_new_take (data, size);
}

RcvCompanyProfile *
rcv_company_profile_load (RcvDatabase *db)
{
  RcvCompanyProfile *profile;

  g_return_val_if_fail (RCV_IS_DATABASE (db), NULL);

  profile = g_new0 (RcvCompanyProfile, 1);
  profile->name = rcv_company_get (db, RCV_COMPANY_NAME);
  profile->address = rcv_company_get (db, RCV_COMPANY_ADDRESS);
  profile->tax_id = rcv_company_get (db, RCV_COMPANY_TAX_ID);
  profile->email = rcv_company_get (db, RCV_COMPANY_EMAIL);
  profile->phone = rcv_company_get (db, RCV_COMPANY_PHONE);
  profile->bank = rcv_company_get (db, RCV_COMPANY_BANK);
  profile->iban = rcv_company_get (db, RCV_COMPANY_IBAN);
  profile->bic = rcv_company_get (db, RCV_COMPANY_BIC);
  profile->logo = rcv_company_get_logo (db);
  return profile;
}

void
rcv_company_profile_free (RcvCompanyProfile *profile)
{
  if (profile == NULL)
    return;
  g_free (profile->name);
  g_free (profile->address);
  g_free (profile->tax_id);
  g_free (profile->email);
  g_free (profile->phone);
  g_free (profile->bank);
  g_free (profile->iban);
  g_free (profile->bic);
  g_clear_pointer (&profile->logo, g_bytes_unref);
  g_free (profile);
}
