/* rcv-collections-group.h - the Collections group of a customer's page
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rcv-collections.h"
#include "rcv-database.h"

G_BEGIN_DECLS

#define RCV_TYPE_COLLECTIONS_GROUP (rcv_collections_group_get_type ())
G_DECLARE_FINAL_TYPE (RcvCollectionsGroup, rcv_collections_group, RCV, COLLECTIONS_GROUP,
                      AdwPreferencesGroup)

RcvCollectionsGroup  *rcv_collections_group_new  (RcvDatabase         *database,
                                                  gint64               customer_id);
RcvCollectionsRecord *rcv_collections_group_load (RcvCollectionsGroup *self,
                                                  GCancellable        *cancellable);
GtkWidget            *rcv_collections_story_new  (RcvDatabase         *database,
                                                  gint64               customer_id);

G_END_DECLS
