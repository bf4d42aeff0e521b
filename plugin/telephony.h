/* telephony.h
 * A Telephony menu entry for sipdiag's statistics. Wireshark's Qt lists a
 * plugin's statistics tree only at the end of the Statistics menu; a
 * "funnel" menu (the mechanism Lua's register_menu uses) can sit in the
 * Telephony group, next to SIP Flows, and shows the same tree as text.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIPDIAG_TELEPHONY_H
#define SIPDIAG_TELEPHONY_H

/* Registers the menu entry; call from the handoff, after the tree. */
void sipdiag_telephony_register(void);

#endif /* SIPDIAG_TELEPHONY_H */
