/* rcv-company-letterhead.c - the letterhead of the company a file holds
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * render/ lays letters out from what it is given and reads nothing; this reads the company's
 * profile, logo and currency from the file, once, for the letters that follow.
 */
#include "config.h"

#include "rcv-company-letterhead.h"

RcvLetterhead *
rcv_letterhead_new_for_company (RcvDatabase *db,
                                RcvPaper     paper)
{
  g_autoptr(RcvCompanyProfile) profile = NULL;

  g_return_val_if_fail (RCV_IS_DATABASE (db), NULL);

  profile = rcv_company_profile_load (db);
  return rcv_letterhead_new (profile, rcv_database_get_currency (db), paper);
}
