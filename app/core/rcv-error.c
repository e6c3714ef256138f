/* rcv-error.c - the error domains of the core
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rcv-error.h"

G_DEFINE_QUARK (rcv-input-error-quark, rcv_input_error)
G_DEFINE_QUARK (rcv-database-error-quark, rcv_database_error)
