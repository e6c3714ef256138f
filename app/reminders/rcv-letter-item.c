/* rcv-letter-item.c - a letter of a dunning run, as the Reminders page lists it
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A plain GObject, safe to hold in a worker thread writing a batch: it keeps the run its letter
 * belongs to alive (the shared box) and knows nothing of widgets. Whether the letter is chosen
 * for the batch is a property, so that the row showing it and the page's summary follow it.
 */
#define G_LOG_DOMAIN "receivables"

#include "config.h"

#include "rcv-letter-item.h"

struct _RcvLetterItem
{
  GObject parent_instance;

  RcvRunBox *box;
  const RcvDunningLetter *letter;  /* borrowed from the run in box */
  gboolean chosen;
  char *problem;                   /* what is wrong with the address; NULL: nothing */
};

G_DEFINE_FINAL_TYPE (RcvLetterItem, rcv_letter_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CHOSEN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
rcv_run_box_clear (gpointer data)
{
  RcvRunBox *box = data;

  rcv_dunning_run_free (box->run);
}

static void
rcv_letter_item_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  RcvLetterItem *self = RCV_LETTER_ITEM (object);

  switch (prop_id)
    {
    case PROP_CHOSEN:
      g_value_set_boolean (value, self->chosen);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rcv_letter_item_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  RcvLetterItem *self = RCV_LETTER_ITEM (object);

  switch (prop_id)
    {
    case PROP_CHOSEN:
      rcv_letter_item_set_chosen (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rcv_letter_item_finalize (GObject *object)
{
  RcvLetterItem *self = RCV_LETTER_ITEM (object);

  g_atomic_rc_box_release_full (self->box, rcv_run_box_clear);
  g_free (self->problem);

  G_OBJECT_CLASS (rcv_letter_item_parent_class)->finalize (object);
}

static void
rcv_letter_item_class_init (RcvLetterItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = rcv_letter_item_get_property;
  object_class->set_property = rcv_letter_item_set_property;
  object_class->finalize = rcv_letter_item_finalize;

  /* in the batch to print, save or record */
  properties[PROP_CHOSEN] =
    g_param_spec_boolean ("chosen", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rcv_letter_item_init (RcvLetterItem *self)
{
  self->chosen = TRUE;
}

/* The letter `letter` of the run in `box`, chosen, with what `problem` says of its address. */
RcvLetterItem *
rcv_letter_item_new (RcvRunBox              *box,
                     const RcvDunningLetter *letter,
                     RcvAddressProblem       problem)
{
  RcvLetterItem *self = g_object_new (RCV_TYPE_LETTER_ITEM, NULL);

  self->box = g_atomic_rc_box_acquire (box);
  self->letter = letter;
  self->problem = rcv_address_problem_describe (problem);
  return self;
}

const RcvDunningLetter *
rcv_letter_item_get_letter (RcvLetterItem *self)
{
  g_return_val_if_fail (RCV_IS_LETTER_ITEM (self), NULL);
  return self->letter;
}

/* What may keep the letter from reaching its addressee, or NULL. */
const char *
rcv_letter_item_get_problem (RcvLetterItem *self)
{
  g_return_val_if_fail (RCV_IS_LETTER_ITEM (self), NULL);
  return self->problem;
}

gboolean
rcv_letter_item_get_chosen (RcvLetterItem *self)
{
  g_return_val_if_fail (RCV_IS_LETTER_ITEM (self), FALSE);
  return self->chosen;
}

void
rcv_letter_item_set_chosen (RcvLetterItem *self,
                            gboolean       chosen)
{
  g_return_if_fail (RCV_IS_LETTER_ITEM (self));

  chosen = !!chosen;
  if (self->chosen == chosen)
    return;
  self->chosen = chosen;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHOSEN]);
}

/* The letters of `items` (RcvLetterItem), borrowed from them, in their order. */
GPtrArray *
rcv_letter_items_get_letters (GPtrArray *items)
{
  GPtrArray *letters = g_ptr_array_sized_new (items->len);

  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (letters, (gpointer) rcv_letter_item_get_letter (g_ptr_array_index (items, i)));
  return letters;
}
