/* rcv-weak-box.h - a widget as a worker thread may hold it: a weak reference in a box any
 * thread may drop, and progress shown from the main loop
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _RcvWeakBox RcvWeakBox;

/* Shows `done` of `total` on `object` (a new reference, on the main loop). */
typedef void (*RcvWeakProgressFunc) (gpointer object,
                                     guint    done,
                                     guint    total);

RcvWeakBox *rcv_weak_box_new      (gpointer             object);
RcvWeakBox *rcv_weak_box_acquire  (RcvWeakBox          *box);
void        rcv_weak_box_release  (RcvWeakBox          *box);
gpointer    rcv_weak_box_get      (RcvWeakBox          *box);
void        rcv_weak_box_progress (RcvWeakBox          *box,
                                   RcvWeakProgressFunc  show,
                                   guint                done,
                                   guint                total);

G_END_DECLS
