/* framecache.h
 * What sipdiag found in each frame on the first pass, kept for the passes
 * that come without a tree (tshark -2) or without primed fields.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIPDIAG_FRAMECACHE_H
#define SIPDIAG_FRAMECACHE_H

#include "extract.h"

/* Creates the map; call once at registration (it empties itself per file). */
void sipdiag_framecache_init(void);

/* Stores the n responses of this frame (copies into file scope). */
void sipdiag_framecache_store(packet_info *pinfo, const sipdiag_response_t *r, unsigned n);

/* The responses stored for this frame, or 0 if none (pinfo->pool copies). */
unsigned sipdiag_framecache_lookup(packet_info *pinfo, tvbuff_t *tvb, sipdiag_response_t **out);

#endif /* SIPDIAG_FRAMECACHE_H */
