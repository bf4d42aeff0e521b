/* framecache.c
 * Per-frame results of the first pass, in file scope, keyed by frame number.
 * Only frames with SIP responses get an entry.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "compat.h"
#include "framecache.h"

#include <epan/wmem_scopes.h>

typedef struct {
    unsigned count;
    sipdiag_result_t *results;
} cached_frame_t;

static wmem_map_t *frames;

void
sipdiag_framecache_init(void)
{
    frames = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), g_direct_hash, g_direct_equal);
}

sipdiag_result_t *
sipdiag_framecache_new(packet_info *pinfo, unsigned n)
{
    cached_frame_t *f = wmem_new(wmem_file_scope(), cached_frame_t);
    f->count = n;
    f->results = wmem_alloc0_array(wmem_file_scope(), sipdiag_result_t, n);
    wmem_map_insert(frames, GUINT_TO_POINTER(pinfo->num), f);
    return f->results;
}

unsigned
sipdiag_framecache_lookup(packet_info *pinfo, const sipdiag_result_t **out)
{
    const cached_frame_t *f = (const cached_frame_t *)wmem_map_lookup(frames, GUINT_TO_POINTER(pinfo->num));
    *out = f != NULL ? f->results : NULL;
    return f != NULL ? f->count : 0;
}
