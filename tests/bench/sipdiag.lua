-- sipdiag.lua — the benchmark's Lua comparison: what a user would write instead
-- of sipdiag. A post-dissector that, for each sip.Status-Code in the frame, adds
-- a subtree with the code, class, reason phrase as sent, standard phrase,
-- description, fix, reference and severity, and an expert item of that severity.
-- Same texts as sipdiag: the table is generated from plugin/codes.c by
-- gen-lua-codes.c (run.sh writes it as sipdiag-codes.luadata next to this file;
-- SIPDIAG_LUA_CODES may name another path). Fields are sipdiaglua.*, so it can
-- never clash with sipdiag itself.
--
-- Install: copy this file and sipdiag-codes.luadata into the top of a plugin
-- folder (e.g. $WIRESHARK_PLUGIN_DIR), or: tshark -X lua_script:sipdiag.lua
--
-- SPDX-License-Identifier: GPL-2.0-or-later

local function script_dir()
    local src = debug and debug.getinfo and debug.getinfo(1, "S").source or ""
    return src:match("^@(.*[/\\])") or "./"
end

local CODES = dofile(os.getenv("SIPDIAG_LUA_CODES") or (script_dir() .. "sipdiag-codes.luadata"))

local p = Proto("sipdiaglua", "SIP Response Diagnosis (Lua)")

local class_names = {
    [1] = "Provisional", [2] = "Successful", [3] = "Redirection",
    [4] = "Request failure", [5] = "Server failure", [6] = "Global failure",
}

local f = {
    code = ProtoField.uint16("sipdiaglua.code", "Status code", base.DEC),
    class = ProtoField.uint8("sipdiaglua.class", "Class", base.DEC, class_names),
    reason = ProtoField.string("sipdiaglua.reason", "Reason phrase"),
    standard_reason = ProtoField.string("sipdiaglua.standard_reason", "Standard reason phrase"),
    description = ProtoField.string("sipdiaglua.description", "Description"),
    fix = ProtoField.string("sipdiaglua.fix", "Suggested fix"),
    reference = ProtoField.string("sipdiaglua.reference", "Reference"),
    severity = ProtoField.string("sipdiaglua.severity", "Severity"),
}
p.fields = { f.code, f.class, f.reason, f.standard_reason, f.description, f.fix, f.reference, f.severity }

local ex = {
    chat = ProtoExpert.new("sipdiaglua.expert.chat", "SIP response (chat)",
                           expert.group.RESPONSE_CODE, expert.severity.CHAT),
    note = ProtoExpert.new("sipdiaglua.expert.note", "SIP response (note)",
                           expert.group.RESPONSE_CODE, expert.severity.NOTE),
    warning = ProtoExpert.new("sipdiaglua.expert.warning", "SIP response (warning)",
                              expert.group.RESPONSE_CODE, expert.severity.WARN),
    error = ProtoExpert.new("sipdiaglua.expert.error", "SIP response (error)",
                            expert.group.RESPONSE_CODE, expert.severity.ERROR),
}
p.experts = { ex.chat, ex.note, ex.warning, ex.error }

local f_status_code = Field.new("sip.Status-Code")
local f_status_line = Field.new("sip.Status-Line")

-- A registered code's row; an unregistered one is handled as x00 (183 for 1xx),
-- RFC 3261 §8.1.3.2. nil outside 100-699.
local function row_of(code)
    local row = CODES[code]
    if row then return row end
    if code < 100 or code > 699 then return nil end
    if code < 200 then return CODES[183] end
    return CODES[code - code % 100]
end

function p.dissector(tvb, pinfo, tree)
    local codes = { f_status_code() }
    if #codes == 0 then return end
    local lines = { f_status_line() }
    for i, cfi in ipairs(codes) do
        local code = cfi.value
        local row = row_of(code)
        if row then
            local lfi = lines[i]
            local range = lfi and lfi.range or cfi.range
            local reason = lfi and (tostring(lfi.value):match("^%S+%s+%d+%s?(.*)$")) or ""
            local st = tree:add(p, range)
            st:append_text(string.format(": %d %s (%s)", code, row.phrase, row.severity))
            st:add(f.code, range, code):set_generated()
            st:add(f.class, range, math.floor(code / 100)):set_generated()
            st:add(f.reason, range, reason):set_generated()
            st:add(f.standard_reason, range, row.phrase):set_generated()
            st:add(f.description, range, row.description):set_generated()
            st:add(f.fix, range, row.fix):set_generated()
            st:add(f.reference, range, row.reference):set_generated()
            st:add(f.severity, range, row.severity):set_generated()
            st:add_proto_expert_info(ex[row.severity],
                                     string.format("%d %s: %s", code, row.phrase, row.summary))
        end
    end
end

register_postdissector(p)
