/* usercodes.h
 * The user's own code table (a Wireshark UAT, "SIP response diagnosis
 * codes"): vendor-specific codes and in-house runbook texts that add to or
 * override sipdiag's built-in table. Kept in the profile folder.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIPDIAG_USERCODES_H
#define SIPDIAG_USERCODES_H

#include <epan/prefs.h>

#include "codes.h"

/* Registers the table as a preference of the protocol's module. */
void sipdiag_usercodes_register(module_t *module);

/* The user's row for code, merged over the built-in one, or NULL. */
const sipdiag_code_t *sipdiag_usercodes_find(int code);

/* True when the user's table lists this reason phrase for the code. */
bool sipdiag_usercodes_phrase_known(int code, const char *reason, size_t len);

#endif /* SIPDIAG_USERCODES_H */
