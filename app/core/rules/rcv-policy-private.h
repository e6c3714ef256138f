/* rcv-policy-private.h - what the policy's files share: the empty record, its JSON, a save
 * inside a transaction (rcv-policy.c, rcv-policy-store.c, exchange/rcv-policy-file.c)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rcv-json.h"
#include "rcv-money.h"
#include "rcv-policy.h"

G_BEGIN_DECLS

RcvPolicy *rcv_policy_alloc               (void);
void       rcv_policy_write_json          (RcvJsonWriter     *json,
                                           const RcvPolicy   *policy,
                                           const RcvCurrency *currency);
gboolean   rcv_policy_save_in_transaction (RcvDatabase       *db,
                                           RcvPolicy         *policy,
                                           GError           **error);

G_END_DECLS
