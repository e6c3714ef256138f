/* rcv-window.h - a window on one company file
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rcv-application.h"
#include "rcv-database.h"

G_BEGIN_DECLS

/* How often an open window checks for accounts passing an alert threshold. */
#define RCV_ALERTS_CHECK_SECONDS 3600

#define RCV_TYPE_WINDOW (rcv_window_get_type ())
G_DECLARE_FINAL_TYPE (RcvWindow, rcv_window, RCV, WINDOW, AdwApplicationWindow)

RcvWindow   *rcv_window_new           (RcvApplication *application);
void         rcv_window_open_company  (RcvWindow      *self,
                                       const char     *path);
const char  *rcv_window_get_path      (RcvWindow      *self);
RcvDatabase *rcv_window_get_database  (RcvWindow      *self);

G_END_DECLS
