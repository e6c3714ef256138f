/* rcv-error.h - the error domains of the core
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RCV_INPUT_ERROR (rcv_input_error_quark ())
#define RCV_DATABASE_ERROR (rcv_database_error_quark ())

/* Bad input from a person or a file: the CLI exits 2, a form shows it at the field. */
typedef enum
{
  RCV_INPUT_ERROR_INVALID,     /* malformed value */
  RCV_INPUT_ERROR_RANGE,       /* well-formed but out of range (overflow, impossible date) */
  RCV_INPUT_ERROR_DUPLICATE,   /* ID or number already taken */
  RCV_INPUT_ERROR_NOT_FOUND,   /* refers to something that does not exist */
  RCV_INPUT_ERROR_CONFLICT,    /* refers to something that does not fit (another customer's invoice) */
  RCV_INPUT_ERROR_FILE,        /* a whole file is unusable (encoding, header, quotes) */
  RCV_INPUT_ERROR_CREDIT_HOLD, /* a customer's credit policy stands in the way; confirm to go on */
  RCV_INPUT_ERROR_COLUMNS,     /* a CSV whose columns are not known: a person names them once */
} RcvInputError;

/* The company file itself: the CLI exits 1. */
typedef enum
{
  RCV_DATABASE_ERROR_NOT_DATABASE,  /* not an SQLite file */
  RCV_DATABASE_ERROR_FOREIGN,       /* SQLite, but not a Receivables company file */
  RCV_DATABASE_ERROR_CORRUPT,
  RCV_DATABASE_ERROR_LOCKED,
  RCV_DATABASE_ERROR_NEWER_VERSION,
  RCV_DATABASE_ERROR_IO,
  RCV_DATABASE_ERROR_SQL,
  RCV_DATABASE_ERROR_NEEDS_WRITER,  /* opened read-only, but to be opened for writing once: an
                                     * older file format, or a write a crash left to undo */
} RcvDatabaseError;

GQuark rcv_input_error_quark    (void);
GQuark rcv_database_error_quark (void);

char  *rcv_error_split_field    (const char  *message,
                                 const char **rest);

G_END_DECLS
