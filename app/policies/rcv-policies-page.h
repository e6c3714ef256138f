/* rcv-policies-page.h - the credit policies and the statutory reference rates (preferences)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rcv-database.h"

G_BEGIN_DECLS

#define RCV_TYPE_POLICIES_PAGE (rcv_policies_page_get_type ())
G_DECLARE_FINAL_TYPE (RcvPoliciesPage, rcv_policies_page, RCV, POLICIES_PAGE, AdwPreferencesPage)

void rcv_policies_page_set_database (RcvPoliciesPage *self,
                                     RcvDatabase     *database);

G_END_DECLS
