/* rcv-json.h - a small streaming JSON writer (audit values, CLI output) and a reader (policy files)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "rcv-money.h"

G_BEGIN_DECLS

typedef struct _RcvJsonWriter RcvJsonWriter;

/* The reader's bound on the values of one text: a policy file at its own bound (1 000
 * policies of 9 levels) has some 60 000; 250 000 values take about 15 MB. */
#define RCV_JSON_MAX_VALUES 250000

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

typedef enum
{
  RCV_JSON_NULL,
  RCV_JSON_BOOLEAN,
  RCV_JSON_NUMBER,
  RCV_JSON_STRING,
  RCV_JSON_ARRAY,
  RCV_JSON_OBJECT,
} RcvJsonType;

/* A parsed value. A number keeps its literal text, so that nothing goes through a double. */
typedef struct _RcvJsonNode RcvJsonNode;
struct _RcvJsonNode
{
  RcvJsonType type;
  guint line;            /* where the value starts, from 1 */
  guint column;          /* in characters, from 1 */
  char *text;            /* a string's value, a number's literal */
  gboolean boolean;
  GPtrArray *children;   /* an array's elements, an object's values (RcvJsonNode) */
  GPtrArray *keys;       /* an object's keys, parallel to children */
};

RcvJsonNode   *rcv_json_parse               (const char  *text,
                                             gssize       length,
                                             const char  *name,
                                             GError     **error);
void           rcv_json_node_free           (RcvJsonNode *node);
RcvJsonNode   *rcv_json_object_get          (const RcvJsonNode *object,
                                             const char        *key);
const char    *rcv_json_type_name           (RcvJsonType type);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RcvJsonNode, rcv_json_node_free)

G_END_DECLS
