/* rcv-policy-editor.h - one credit policy, new or existing, checked as it is typed
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rcv-database.h"

G_BEGIN_DECLS

#define RCV_TYPE_POLICY_EDITOR (rcv_policy_editor_get_type ())
G_DECLARE_FINAL_TYPE (RcvPolicyEditor, rcv_policy_editor, RCV, POLICY_EDITOR, AdwWindow)

RcvPolicyEditor *rcv_policy_editor_new         (GtkWindow    *parent,
                                                RcvDatabase  *database,
                                                gint64        policy_id,
                                                GError      **error);
const char      *rcv_policy_editor_get_problem (RcvPolicyEditor *self);

G_END_DECLS
