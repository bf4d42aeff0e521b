/* packet-sipdiag.h
 * Registration of the "SIP Response Diagnosis" post-dissector.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PACKET_SIPDIAG_H
#define PACKET_SIPDIAG_H

void proto_register_sipdiag(void);
void proto_reg_handoff_sipdiag(void);

#endif /* PACKET_SIPDIAG_H */
