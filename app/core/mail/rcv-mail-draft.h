/* rcv-mail-draft.h - what an e-mailed letter or statement says: its subject, its text and the
 * name of its PDF
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rcv-account-statement.h"
#include "rcv-dunning.h"
#include "rcv-letter.h"

G_BEGIN_DECLS

typedef struct
{
  char *subject;
  char *body;
  char *attachment_name;   /* e.g. "Reminder C001 2026-12-03.pdf" */
} RcvMailDraft;

void          rcv_mail_draft_free          (RcvMailDraft              *draft);
RcvMailDraft *rcv_mail_draft_for_letter    (const RcvLetterhead       *head,
                                            const RcvDunningLetter    *letter);
RcvMailDraft *rcv_mail_draft_for_statement (const RcvLetterhead       *head,
                                            const RcvAccountStatement *statement);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RcvMailDraft, rcv_mail_draft_free)

G_END_DECLS
