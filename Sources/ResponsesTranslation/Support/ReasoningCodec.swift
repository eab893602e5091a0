/// What we put into Codex's opaque `encrypted_content` fields. Codex replays the string verbatim on
/// every later request, which is how MiMo's mandatory `reasoning_content` replay survives: the
/// reasoning we stream out comes back to us exactly. The payload is plain text behind a versioned
/// prefix, so foreign blobs (e.g. OpenAI's encrypted reasoning) are recognised and not misread.
public enum ReasoningCodec {
    static let reasoningPrefix = "ccmimolink:reasoning:v1:"
    static let compactionPrefix = "ccmimolink:compaction:v1:"

    public static func encodeReasoning(_ text: String) -> String { reasoningPrefix + text }

    public static func decodeReasoning(_ blob: String) -> String? {
        blob.hasPrefix(reasoningPrefix) ? String(blob.dropFirst(reasoningPrefix.count)) : nil
    }

    public static func encodeCompaction(_ summary: String) -> String { compactionPrefix + summary }

    public static func decodeCompaction(_ blob: String) -> String? {
        blob.hasPrefix(compactionPrefix) ? String(blob.dropFirst(compactionPrefix.count)) : nil
    }
}
