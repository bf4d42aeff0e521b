/* framecache.c
 * Per-frame results of the first pass, in file scope, keyed by frame number.
 * Only frames with SIP responses get an entry.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "compat.h"
#include "framecache.h"

#include <epan/wmem_scopes.h>

/* The essentials of one response; the tree is rebuilt from these. */
typedef struct {
    int code;
    bool malformed;
    const char *line;
    const char *method;
} cached_response_t;

typedef struct {
    unsigned count;
    cached_response_t *responses;
} cached_frame_t;

static wmem_map_t *frames;

void
sipdiag_framecache_init(void)
{
    frames = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), g_direct_hash, g_direct_equal);
}

void
sipdiag_framecache_store(packet_info *pinfo, const sipdiag_response_t *r, unsigned n)
{
    if (n == 0)
        return;
    cached_frame_t *f = wmem_new(wmem_file_scope(), cached_frame_t);
    f->count = n;
    f->responses = wmem_alloc_array(wmem_file_scope(), cached_response_t, n);
    for (unsigned i = 0; i < n; i++) {
        f->responses[i].code = r[i].code;
        f->responses[i].malformed = r[i].malformed;
        f->responses[i].line = wmem_strdup(wmem_file_scope(), r[i].line);
        /* wmem_strdup() turns NULL into "<NULL>" from 4.4 on; keep absent absent. */
        f->responses[i].method = r[i].method != NULL ? wmem_strdup(wmem_file_scope(), r[i].method) : NULL;
    }
    wmem_map_insert(frames, GUINT_TO_POINTER(pinfo->num), f);
}

unsigned
sipdiag_framecache_lookup(packet_info *pinfo, tvbuff_t *tvb, sipdiag_response_t **out)
{
    const cached_frame_t *f = (const cached_frame_t *)wmem_map_lookup(frames, GUINT_TO_POINTER(pinfo->num));
    *out = NULL;
    if (f == NULL)
        return 0;
    *out = wmem_alloc_array(pinfo->pool, sipdiag_response_t, f->count);
    for (unsigned i = 0; i < f->count; i++) {
        /* The original data source is gone; point at the frame itself. */
        (*out)[i] = (sipdiag_response_t){ .code = f->responses[i].code,
                                          .malformed = f->responses[i].malformed, .line = f->responses[i].line,
                                          .method = f->responses[i].method, .tvb = tvb };
    }
    return f->count;
}
