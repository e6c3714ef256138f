/* rcv-preferences-window.h - the company profile and how receivables are aged
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rcv-database.h"

G_BEGIN_DECLS

#define RCV_TYPE_PREFERENCES_WINDOW (rcv_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (RcvPreferencesWindow, rcv_preferences_window, RCV, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

RcvPreferencesWindow *rcv_preferences_window_new (GtkWindow   *parent,
                                                  RcvDatabase *database);

G_END_DECLS
