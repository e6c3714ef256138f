/* rcv-collections-form.h - the dialog of a collections action on a customer's page, its fields
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rcv-account-collections.h"
#include "rcv-date-button.h"

G_BEGIN_DECLS

#define RCV_TYPE_COLLECTIONS_FORM (rcv_collections_form_get_type ())
G_DECLARE_FINAL_TYPE (RcvCollectionsForm, rcv_collections_form, RCV, COLLECTIONS_FORM,
                      AdwMessageDialog)

/* The fields a dialog holds; those its kind has no use for are NULL. */
typedef struct
{
  RcvDateButton *date;
  AdwEntryRow *amount;
  AdwEntryRow *text;         /* notes, the agency */
  AdwEntryRow *commission;
  GtkDropDown *choice;       /* the kind of contact */
  GtkSpinButton *count;      /* instalments */
  GtkLabel *preview;         /* the instalments, or what is wrong */
} RcvCollectionsFields;

RcvCollectionsForm *rcv_collections_form_new        (GtkWindow            *parent,
                                                     RcvCollectionsDialog  kind);
void                rcv_collections_form_get_fields (RcvCollectionsForm   *self,
                                                     RcvCollectionsFields *fields);

G_END_DECLS
