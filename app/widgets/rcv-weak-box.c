/* rcv-weak-box.c - a widget as a worker thread may hold it: a weak reference in a box any
 * thread may drop, and progress shown from the main loop
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A worker that wrote a batch (letters into a PDF, messages to a server) holds its page or
 * dialog only through this box, never by a reference: the widget's last unref, and so its
 * finalization, could otherwise fall on the worker thread, and GTK is not thread-safe. Only
 * the main loop turns the box into the widget, and only while it lives.
 */
#include "config.h"

#include "rcv-weak-box.h"

struct _RcvWeakBox
{
  GWeakRef object;
};

static void
weak_box_clear (gpointer data)
{
  g_weak_ref_clear (&((RcvWeakBox *) data)->object);
}

RcvWeakBox *
rcv_weak_box_new (gpointer object)
{
  RcvWeakBox *box = g_atomic_rc_box_new0 (RcvWeakBox);

  g_weak_ref_init (&box->object, object);
  return box;
}

RcvWeakBox *
rcv_weak_box_acquire (RcvWeakBox *box)
{
  return g_atomic_rc_box_acquire (box);
}

void
rcv_weak_box_release (RcvWeakBox *box)
{
  g_atomic_rc_box_release_full (box, weak_box_clear);
}

/* The object, a new reference, or NULL once it has gone; on the main loop only. */
gpointer
rcv_weak_box_get (RcvWeakBox *box)
{
  return g_weak_ref_get (&box->object);
}

typedef struct
{
  RcvWeakBox *box;
  RcvWeakProgressFunc show;
  guint done;
  guint total;
} Progress;

static gboolean
show_progress (gpointer data)
{
  Progress *progress = data;
  gpointer object = rcv_weak_box_get (progress->box);

  if (object != NULL)
    {
      progress->show (object, progress->done, progress->total);
      g_object_unref (object);
    }
  rcv_weak_box_release (progress->box);
  g_free (progress);
  return G_SOURCE_REMOVE;
}

/* From any thread: `show` is called on the main loop with `done` and `total`, while the
 * object lives. */
void
rcv_weak_box_progress (RcvWeakBox          *box,
                       RcvWeakProgressFunc  show,
                       guint                done,
                       guint                total)
{
  Progress *progress = g_new (Progress, 1);

  progress->box = rcv_weak_box_acquire (box);
  progress->show = show;
  progress->done = done;
  progress->total = total;
  g_idle_add (show_progress, progress);
}
