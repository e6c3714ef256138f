/* rcv-company.h - the company profile: name, address, contact, payment details, logo
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "rcv-database.h"

G_BEGIN_DECLS

/* the profile's fields, kept in the settings table under these keys */
#define RCV_COMPANY_NAME    "company.name"
#define RCV_COMPANY_ADDRESS "company.address"
#define RCV_COMPANY_TAX_ID  "company.tax-id"
#define RCV_COMPANY_EMAIL   "company.email"
#define RCV_COMPANY_PHONE   "company.phone"
#define RCV_COMPANY_BANK    "company.bank"
#define RCV_COMPANY_IBAN    "company.iban"
#define RCV_COMPANY_BIC     "company.bic"

#define RCV_COMPANY_LOGO_MAX_SIZE (1024 * 1024)

gboolean rcv_company_check     (const char  *key,
                                const char  *value,
                                GError     **error);
/* A field of the company's profile, trimmed; "" when it is not set. */
char    *rcv_company_get       (RcvDatabase *db,
                                const char  *key);
gboolean rcv_company_set       (RcvDatabase *db,
                                const char  *key,
                                const char  *value,
                                GError     **error);
gboolean rcv_company_set_logo  (RcvDatabase *db,
                                GBytes      *image,
                                GError     **error);
GBytes  *rcv_company_get_logo  (RcvDatabase *db);

/* The whole profile at once, as the letters show it; "" for a field that is not set. */
typedef struct
{
  char *name;
  char *address;
  char *tax_id;
  char *email;
  char *phone;
  char *bank;
  char *iban;
  char *bic;
  GBytes *logo;              /* NULL: none */
} RcvCompanyProfile;

RcvCompanyProfile *rcv_company_profile_load (RcvDatabase       *db);
void               rcv_company_profile_free (RcvCompanyProfile *profile);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RcvCompanyProfile, rcv_company_profile_free)

G_END_DECLS
