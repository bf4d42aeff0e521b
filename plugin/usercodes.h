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

/* Registers the table as a preference of the protocol's module; its rows
 * reach the diagnosis through diagnose.c's code index. */
void sipdiag_usercodes_register(module_t *module);

#endif /* SIPDIAG_USERCODES_H */
