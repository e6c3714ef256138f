/* rcv-application.h - the Receivables application: one instance, a window per company file
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rcv-notifier.h"

G_BEGIN_DECLS

#define RCV_TYPE_APPLICATION (rcv_application_get_type ())
G_DECLARE_FINAL_TYPE (RcvApplication, rcv_application, RCV, APPLICATION, AdwApplication)

RcvApplication *rcv_application_new              (void);
GSettings      *rcv_application_get_settings     (RcvApplication *self);
RcvNotifier    *rcv_application_get_notifier     (RcvApplication *self);
GtkWindow      *rcv_application_open_company     (RcvApplication *self,
                                                  const char     *path);

G_END_DECLS
