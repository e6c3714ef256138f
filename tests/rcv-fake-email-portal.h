/* rcv-fake-email-portal.h - a stand-in org.freedesktop.portal.Email on the test's session bus
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  char *parent_window;
  char *address;           /* "" when the call had none */
  char *subject;
  char *body;
  GPtrArray *attachments;  /* GBytes: each attachment's bytes, read from its descriptor */
  gboolean closed;         /* the caller closed the request */
} RcvFakeEmail;

typedef struct _RcvFakeEmailPortal RcvFakeEmailPortal;

#define RCV_FAKE_EMAIL_NO_RESPONSE G_MAXUINT   /* take the call, never answer its request */

RcvFakeEmailPortal *rcv_fake_email_portal_start           (guint               response);
void                rcv_fake_email_portal_stop            (RcvFakeEmailPortal *fake);
void                rcv_fake_email_portal_set_response    (RcvFakeEmailPortal *fake,
                                                           guint               response);
void                rcv_fake_email_portal_set_own_handles (RcvFakeEmailPortal *fake,
                                                           gboolean            own);
guint               rcv_fake_email_portal_count           (RcvFakeEmailPortal *fake);
RcvFakeEmail       *rcv_fake_email_portal_get             (RcvFakeEmailPortal *fake,
                                                           guint               index);
void                rcv_fake_email_free                   (RcvFakeEmail       *email);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RcvFakeEmail, rcv_fake_email_free)

G_END_DECLS
