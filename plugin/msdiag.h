/* msdiag.h
 * Microsoft's diagnostic codes of the ms-diagnostics headers: the ranges
 * [MS-OCER] assigns to each server role, and the codes met most often.
 * Plain C data, no Wireshark headers.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIPDIAG_MSDIAG_H
#define SIPDIAG_MSDIAG_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint32_t low, high;       /* inclusive */
    const char *area;         /* our words for the component the range belongs to */
} sipdiag_msdiag_range_t;

typedef struct {
    uint32_t code;
    const char *reason;       /* Microsoft's reason text, as the header usually carries it */
    const char *meaning;      /* our words: what it means and what to check */
} sipdiag_msdiag_code_t;

extern const sipdiag_msdiag_range_t sipdiag_msdiag_ranges[];
extern const size_t sipdiag_msdiag_ranges_count;
extern const sipdiag_msdiag_code_t sipdiag_msdiag_codes[];
extern const size_t sipdiag_msdiag_codes_count;

/* The range holding code, or NULL. */
const sipdiag_msdiag_range_t *sipdiag_msdiag_range_find(uint32_t code);

/* The documented code, or NULL (bisects: the table is sorted). */
const sipdiag_msdiag_code_t *sipdiag_msdiag_code_find(uint32_t code);

#endif /* SIPDIAG_MSDIAG_H */
