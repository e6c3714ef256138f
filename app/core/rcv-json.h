/* rcv-json.h - a small streaming JSON writer (audit values, CLI output)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "rcv-money.h"

G_BEGIN_DECLS

typedef struct _RcvJsonWriter RcvJsonWriter;

RcvJsonWriter *rcv_json_writer_new          (gboolean pretty);
char          *rcv_json_writer_free_to_string (RcvJsonWriter *writer);
void           rcv_json_writer_free         (RcvJsonWriter *writer);
void           rcv_json_begin_object        (RcvJsonWriter *writer);
void           rcv_json_end_object          (RcvJsonWriter *writer);
void           rcv_json_begin_array         (RcvJsonWriter *writer);
void           rcv_json_end_array           (RcvJsonWriter *writer);
void           rcv_json_key                 (RcvJsonWriter *writer,
                                             const char    *key);
void           rcv_json_string              (RcvJsonWriter *writer,
                                             const char    *value);
void           rcv_json_int                 (RcvJsonWriter *writer,
                                             gint64         value);
void           rcv_json_bool                (RcvJsonWriter *writer,
                                             gboolean       value);
void           rcv_json_null                (RcvJsonWriter *writer);
void           rcv_json_money               (RcvJsonWriter     *writer,
                                             gint64             amount,
                                             const RcvCurrency *currency);
void           rcv_json_append_escaped      (GString    *out,
                                             const char *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RcvJsonWriter, rcv_json_writer_free)

G_END_DECLS
